"""Measure what readers and maintainers feel; print the figures against the budgets.

    PYTHONPATH=scripts .venv/bin/python -m tools.benchmark            # everything (several minutes)
    PYTHONPATH=scripts .venv/bin/python -m tools.benchmark --quick    # skip Lighthouse and the serve rebuild

Run on demand, never as a test: timings depend on the machine. The heavy checks live here too,
out of the test suite: Lighthouse's accessibility, best-practices and SEO scores (100 each, on
one page of every layout in each language) and the pipeline on a source 100 times the real one.
Exits 1 when a budget is missed or the scaled edition is wrong. Needs the test tools
(`bash scripts/test.sh` installs them: Playwright with Debian's Chromium, npm's Lighthouse).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import yaml

from interview_site import pipeline
from interview_site.model import SectionKind
from interview_site.parse import SPECIAL_SECTIONS
from interview_site.quote_pages import page_quotes
from interview_site.render import nav
from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.search_quality import failures, measure, reader_queries, sample, summary

ROOT = pipeline.ROOT
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
BUDGETS = {
    "pipeline cost ratio": ("≤", 1.10),
    "preview after a one-line edit / plain build": ("≤", 1.2),
    "home page, gzip KB": ("≤", 100),
    "bilingual / single section page transfer": ("≤", 1.6),
    "search latency, ms": ("≤", 50),
    "search zh: first result right, %": ("≥", 95),
    "search en: first result right, %": ("≥", 95),
    "search zh: no result, %": ("≤", 0),
    "search en: no result, %": ("≤", 0),
    "search zh: first result is the quote, %": ("≥", 90),
    "search en: first result is the quote, %": ("≥", 90),
    "search zh, readers' words: first result right, %": ("≥", 95),
    "search en, readers' words: first result right, %": ("≥", 95),
    # Twice the lunr index each language downloaded before (zh 36 KB, en 32 KB).
    "search data zh, KB": ("≤", 72),
    "search data en, KB": ("≤", 64),
    "Lighthouse performance": ("≥", 95),
    "Lighthouse accessibility, worst page": ("≥", 100),
    "Lighthouse best-practices, worst page": ("≥", 100),
    "Lighthouse seo, worst page": ("≥", 100),
    "growth 1x->100x, time ratio (100 is linear)": ("≤", 120),
}
SEARCH_WORKER = Path("assets") / "javascripts" / "search-worker.js"
READER_QUERIES = ROOT / "tests" / "data" / "reader-queries.tsv"
SCALES = (1, 10, 100)
#: One page of each layout: the home page, a quote page (its address looked up), a topic page
#: side by side.
LIGHTHOUSE_PAGES = ("", "<first quote page>", "jobs/?mode=side")
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# -- Build cost -------------------------------------------------------------------------


def timed(run: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of a few runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def mkdocs_build(config: Path, site_dir: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    subprocess.run(command, cwd=ROOT, env=MKDOCS_ENV, check=True, capture_output=True)


@contextmanager
def plain_config():
    """mkdocs.yml without our hook and template overrides (which need the hook), over the pages
    the hook makes, written into a folder of their own: what MkDocs and its plugins alone cost.
    It sits beside mkdocs.yml while it exists, since MkDocs resolves paths from there."""
    edition = pipeline.load()
    with (
        tempfile.TemporaryDirectory() as no_overrides,
        tempfile.TemporaryDirectory() as docs,
        tempfile.NamedTemporaryFile("w", suffix=".yml", dir=ROOT, encoding="utf-8") as file,
    ):
        shutil.copytree(ROOT / "docs", docs, dirs_exist_ok=True)
        for page in edition.pages:
            (Path(docs) / page.path).parent.mkdir(parents=True, exist_ok=True)
            (Path(docs) / page.path).write_text(page.markdown, encoding="utf-8")
        config = {
            "INHERIT": "mkdocs.yml",
            "docs_dir": docs,
            "hooks": [],
            "theme": {"custom_dir": no_overrides},
            "nav": nav(edition.docs[pipeline.DEFAULT_LANG]),
        }
        yaml.safe_dump(config, file, allow_unicode=True)
        file.flush()
        yield Path(file.name)


def build_cost(plain: Path, folder: Path, repeat: int = 5) -> dict[str, float]:
    """Full and plain builds, interleaved so that a busy moment weighs on both alike."""
    fulls, plains = [], []
    for _ in range(repeat):
        fulls.append(timed(partial(mkdocs_build, ROOT / "mkdocs.yml", folder / "full"), repeat=1))
        plains.append(timed(partial(mkdocs_build, plain, folder / "plain"), repeat=1))
    full, plain_median = statistics.median(fulls), statistics.median(plains)
    return {"full build, s": full, "plain MkDocs build, s": plain_median, "pipeline cost ratio": full / plain_median}


# -- Sizes ------------------------------------------------------------------------------


def sizes(site: Path) -> dict[str, float]:
    figures = {}
    for lang, root in (("zh", site), ("en", site / "en")):
        home = (root / "index.html").read_bytes()
        figures[f"home page {lang}, raw KB"] = len(home) / 1024
        figures[f"home page {lang}, gzip KB"] = len(gzip.compress(home, 9)) / 1024
        index = (root / "search" / "search_index.json").stat().st_size
        figures[f"search index {lang}, KB"] = index / 1024
        # What a reader downloads before the first result: the index and the engine.
        figures[f"search data {lang}, KB"] = (index + (site / SEARCH_WORKER).stat().st_size) / 1024
    figures["home page, gzip KB"] = max(v for k, v in figures.items() if k.startswith("home page") and "gzip" in k)
    return figures


# -- In the browser ---------------------------------------------------------------------


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does, text compressed with gzip, so that Lighthouse
    weighs what a reader downloads."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if not (path.suffix in self.COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_StaticHost, directory=str(site)))
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def search_quality(url: str) -> dict[str, float]:
    """Every quote's seeded fragments, and the queries in readers' own words, typed into the
    search box (scripts/tools/search_quality.py)."""
    from playwright.sync_api import sync_playwright

    edition = pipeline.load()
    table = READER_QUERIES.read_text(encoding="utf-8")
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for lang, doc in edition.docs.items():
            root = "" if lang == pipeline.DEFAULT_LANG else f"{lang}/"
            for name, queries in ((lang, sample(doc)), (f"{lang}, readers' words", reader_queries(doc, table))):
                outcomes = measure(page, url + root, queries)
                figures |= {f"search {name}: {figure}": value for figure, value in summary(outcomes).items()}
                for failure in failures(outcomes):
                    print(f"search {name} missed: {failure}", file=sys.stderr)
        browser.close()
    figures["search latency, ms"] = max(v for k, v in figures.items() if k.endswith("latency median, ms"))
    return figures


def page_weights(url: str, path: str = "energy/") -> dict[str, float]:
    """What a section page transfers (gzip, every resource it loads, the search index included),
    in its single-language mode and side by side, in each language."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for root in ("", "en/"):
            for mode in ("single", "side"):
                page = browser.new_page()  # a fresh cache each time
                responses = []
                page.on("requestfinished", lambda request, found=responses: found.append(request))
                page.goto(f"{url}{root}{path}?mode={mode}", wait_until="networkidle")
                size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in responses)
                figures[f"section page {root or 'zh/'}{mode}, transfer KB"] = size / 1024
                page.close()
        browser.close()
    figures["bilingual / single section page transfer"] = max(
        figures[f"section page {root}side, transfer KB"] / figures[f"section page {root}single, transfer KB"]
        for root in ("zh/", "en/")
    )
    return figures


def lighthouse_performance(url: str, runs: int = 3) -> dict[str, float]:
    scores = [_lighthouse(url, ("performance",))["categories"]["performance"]["score"] * 100 for _ in range(runs)]
    return {"Lighthouse performance": statistics.median(scores)}


def lighthouse_scores(url: str) -> dict[str, float]:
    """The worst score of each category over LIGHTHOUSE_PAGES in both languages, in percent;
    every audit that cost a point is printed to stderr."""
    quote_page = f"q/{page_quotes(pipeline.load().docs['en'])[0][1].id}/"
    worst = dict.fromkeys(LIGHTHOUSE_CATEGORIES, 100.0)
    for root in ("", "en/"):
        for path in LIGHTHOUSE_PAGES:
            address = url + root + (quote_page if path == "<first quote page>" else path)
            report = _lighthouse(address, LIGHTHOUSE_CATEGORIES)
            for name in LIGHTHOUSE_CATEGORIES:
                worst[name] = min(worst[name], report["categories"][name]["score"] * 100)
                for ref in report["categories"][name]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        print(f"Lighthouse {address}: {name}: {audit['title']}", file=sys.stderr)
    return {f"Lighthouse {name}, worst page": score for name, score in worst.items()}


def _lighthouse(url: str, categories: tuple[str, ...]) -> dict:
    command = ["node", str(LIGHTHOUSE), url, f"--only-categories={','.join(categories)}", "--output=json", "--quiet"]
    command.append(f"--chrome-flags={' '.join(CHROMIUM_ARGS)}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    report = json.loads(subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse on {url}: {report['runtimeError']}")
    return report


# -- Rebuild under `mkdocs serve` -------------------------------------------------------


def preview_cost(plain: Path, folder: Path, repeat: int = 5) -> dict[str, float]:
    """Seconds from saving a one-line source edit to `mkdocs serve` serving the page that shows
    it (the watcher's polling and MkDocs' rebuild included), against a plain build run after each
    edit, so that a busy moment weighs on both alike."""
    with tempfile.TemporaryDirectory() as copy:
        project = Path(copy)
        for name in ("mkdocs.yml", "scripts", "overrides", "source", "docs/assets"):
            target = project / name
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(ROOT / name, target)
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8731"]
        server = subprocess.Popen(
            command, cwd=project, env=MKDOCS_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            url, heading = "http://127.0.0.1:8731/energy/", "能源与基础设施"
            wait_until(partial(shows, url, heading))
            source = project / "source" / "interview.zh.md"
            text = source.read_text(encoding="utf-8")
            previews, plains = [], []
            for n in range(1, repeat + 1):
                edited = heading + "！" * n  # each edit's heading is new to the page
                start = time.perf_counter()
                source.write_text(text.replace(heading, edited), encoding="utf-8")
                wait_until(partial(shows, url, edited))
                previews.append(time.perf_counter() - start)
                plains.append(timed(partial(mkdocs_build, plain, folder / "plain"), repeat=1))
        finally:
            server.terminate()
            server.wait()
    preview, plain_median = statistics.median(previews), statistics.median(plains)
    return {
        "serve rebuild after a one-line edit, s": preview,
        "plain MkDocs build beside it, s": plain_median,
        "preview after a one-line edit / plain build": preview / plain_median,
    }


def shows(url: str, text: str) -> bool:
    return text in fetch(url)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(ready: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the page never showed the change")
        time.sleep(0.05)


# -- Scale ------------------------------------------------------------------------------


def scaled_sources(texts: dict[str, str], factor: int) -> dict[str, str]:
    """Each source with its topic sections repeated `factor` times, ids and quotes made unique."""
    return {lang: _scaled(text, factor) for lang, text in texts.items()}


def _scaled(text: str, factor: int) -> str:
    lines = text.split("\n")
    h2 = [i for i, line in enumerate(lines) if line.startswith("## ")]
    kinds = {i: SPECIAL_SECTIONS.get(lines[i][3:].split(" { #")[0].strip(), SectionKind.TOPIC) for i in h2}
    start = next(i for i in h2 if kinds[i] is SectionKind.TOPIC)
    end = next(i for i in h2 if i > start and kinds[i] is SectionKind.KEY_QUOTES)
    copies = [[_copy_line(line, n) for line in lines[start:end]] for n in range(2, factor + 1)]
    return "\n".join(lines[:end] + [line for copy in copies for line in copy] + lines[end:])


def _copy_line(line: str, n: int) -> str:
    if line.startswith("#"):
        heading, _, anchor = line.partition(" { #")
        return f"{heading} ({n})" + (f" {{ #{anchor.rstrip(' }')}-{n} }}" if anchor else "")
    if line.startswith("> ") and line.rstrip().endswith("”"):
        return f"{line.rstrip()[:-1]} ({n})”"
    return line


def scaled_edition(factor: int) -> pipeline.Edition:
    """The real sources scaled `factor` times, prepared."""
    texts = {
        lang: (path, pipeline.read_source(path)) for lang, path in pipeline.source_paths(pipeline.SOURCE_DIR).items()
    }
    big = scaled_sources({lang: text for lang, (_, text) in texts.items()}, factor)
    return pipeline.prepare({lang: (texts[lang][0], text) for lang, text in big.items()})


def scale_problems(base: pipeline.Edition, big: pipeline.Edition, factor: int) -> list[str]:
    """What is wrong with `big`, the real edition scaled `factor` times, against `base`: every
    topic and its quotes `factor` times over, the rest once, a page for each, ids unique."""
    problems = []
    for lang, doc in base.docs.items():
        scaled = big.docs[lang]
        topic_quotes = sum(len(s.quotes) for s in doc.topics)
        quotes = sum(len(s.quotes) for s in doc.sections) + (factor - 1) * topic_quotes
        expected = {"topics": factor * len(doc.topics), "quotes": quotes}
        found = {"topics": len(scaled.topics), "quotes": sum(len(s.quotes) for s in scaled.sections)}
        problems += [f"{lang}: {found[k]} {k}, want {expected[k]}" for k in expected if found[k] != expected[k]]
        ids = [q.id for s in scaled.sections for q in s.quotes]
        problems += [f"{lang}: quote ids repeat"] if len(set(ids)) != len(ids) else []
    # A page per topic and reference section in each language, and one per quote with a page.
    quote_pages = {lang: len(page_quotes(doc)) for lang, doc in base.docs.items()}
    other_pages = len(base.pages) - sum(quote_pages.values()) - sum(len(d.topics) for d in base.docs.values())
    pages = other_pages + sum(len(d.topics) + len(page_quotes(d)) for d in big.docs.values())
    problems += [f"{len(big.pages)} pages, want {pages}"] if len(big.pages) != pages else []
    return problems


def scale(factors: tuple[int, ...] = SCALES, repeat: int = 3) -> dict[str, float]:
    texts = {
        lang: (path, pipeline.read_source(path)) for lang, path in pipeline.source_paths(pipeline.SOURCE_DIR).items()
    }
    figures = {}
    for factor in factors:
        big = scaled_sources({lang: text for lang, (_, text) in texts.items()}, factor)
        inputs = {lang: (texts[lang][0], text) for lang, text in big.items()}
        # pipeline.prepare keeps nothing (pipeline.load's cache does): every run does the work.
        run = partial(pipeline.prepare, inputs)
        figures[f"parse+check+render at {factor}x, s"] = timed(run, repeat)
        problems = scale_problems(pipeline.load(), pipeline.prepare(inputs), factor)
        figures[f"scaled edition at {factor}x, problems"] = len(problems)
        for problem in problems:
            print(f"scale {factor}x: {problem}", file=sys.stderr)
    first, last = factors[0], factors[-1]
    figures[f"growth {first}x->{last}x, time ratio ({last // first} is linear)"] = (
        figures[f"parse+check+render at {last}x, s"] / figures[f"parse+check+render at {first}x, s"]
    )
    return figures


# -- Report -----------------------------------------------------------------------------


def report(figures: dict[str, float]) -> bool:
    """Print every figure against its budget; whether all budgets are kept."""
    width = max(map(len, figures))
    kept = True
    for name, value in figures.items():
        budget = BUDGETS.get(name) or (("≤", 0) if name.endswith(", problems") else None)
        verdict = ""
        if budget:
            sign, limit = budget
            ok = value <= limit if sign == "≤" else value >= limit
            kept &= ok
            verdict = f"  budget {sign} {limit}: {'ok' if ok else 'OVER'}"
        print(f"{name:<{width}}  {value:10.3f}{verdict}")
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip Lighthouse and the serve rebuild")
    args = parser.parse_args(argv)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, plain_config() as plain:
        figures |= build_cost(plain, Path(folder))
        site = Path(folder) / "full"
        figures |= sizes(site)
        with serving(site) as url:
            figures |= search_quality(url)
            figures |= page_weights(url)
            if not args.quick:
                for root in ("", "en/"):
                    score = lighthouse_performance(url + root)["Lighthouse performance"]
                    figures[f"Lighthouse performance {root or 'zh/'}"] = score
                figures["Lighthouse performance"] = min(
                    v for k, v in figures.items() if k.startswith("Lighthouse performance ")
                )
                figures |= lighthouse_scores(url)
        if not args.quick:
            figures |= preview_cost(plain, Path(folder))
    figures |= scale()
    return 0 if report(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
