"""What several test modules need, said once: the project's places, the real edition (made when
a test first asks, never at import), building and serving the site, and driving its pages as a
reader does. Test modules import from here, never from each other or from conftest."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from html_tree import Element, parse_html
from interview_site import pipeline
from interview_site.model import Document
from interview_site.parse import parse
from interview_site.quote_pages import page_quotes
from tools.search_quality import WATCH_SEARCH, commit_text, type_query, wait_for_results

ROOT = Path(__file__).resolve().parent.parent
#: The tests' own small sources (tests/data/), and the fixture edition among them.
DATA = Path(__file__).parent / "data"
EDITIONS = [DATA / "edition" / "interview.zh.md", DATA / "edition" / "interview.en.md"]
#: Each language and where its pages live, relative to the site's root.
LANGS = {"zh": "", "en": "en/"}
SUB_PATH = "/interview/"
OFFLINE_CONFIG = "mkdocs.offline.yml"


# -- Tiers -------------------------------------------------------------------------------------

#: The test now running (conftest sets it), so that building or launching can check its marker.
current_test: list[pytest.Item] = []


def require_tier(tier: str, doing: str) -> None:
    """Fail the running test unless it carries the marker of what it is about to do. A browser
    test may build the site (it needs one); a site test may not launch Chromium."""
    if not current_test:
        return  # between tests (collection, session start): tests/test_tiers.py checks collection
    item = current_test[-1]
    allowed = {"site": ("site", "browser"), "browser": ("browser",)}[tier]
    if not any(item.get_closest_marker(name) for name in allowed):
        pytest.fail(f"{item.nodeid} {doing} but is not marked @pytest.mark.{tier}", pytrace=False)


# -- Sources and editions -------------------------------------------------------------------------


def parse_file(path: Path) -> Document:
    return parse(path.read_text(encoding="utf-8"), path)


@cache
def edition() -> pipeline.Edition:
    """The sources' edition, prepared in memory the first time a test asks for it."""
    return pipeline.load()


# -- Generated pages as MkDocs shows them ------------------------------------------------------


@cache
def site_extensions() -> tuple[list[str], dict[str, dict]]:
    """The markdown_extensions of mkdocs.yml, as Python-Markdown takes them."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        entries = yaml_load(file)["markdown_extensions"]
    pairs = [next(iter(e.items())) if isinstance(e, dict) else (e, {}) for e in entries]
    return [name for name, _ in pairs], {name: options or {} for name, options in pairs}


def to_html(page: str) -> Element:
    """A generated page as MkDocs shows it: front matter off, then the site's Markdown."""
    body, _ = get_data(page)
    names, configs = site_extensions()
    return parse_html(markdown.markdown(body, extensions=names, extension_configs=configs))


def own_text(element: Element) -> str:
    """An element's text without nested lists and permalinks."""
    kept = [c for c in element.children if isinstance(c, str) or c.tag not in ("ul", "ol", "a") or "href" in c.attrs]
    kept = [c for c in kept if isinstance(c, str) or "headerlink" not in c.classes]
    return Element(element.tag, element.attrs, None, kept).text


# -- A built site, served -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: What a build of the project reads, for tests that copy the project to change or break it.
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "scripts", "overrides", "source", "docs/assets")
#: The caches (share cards, compiled templates, the prepared edition): each entry is keyed by
#: all it is made from, so a copy may start with them and only saves the work.
CACHES = ".cache"


def project_copy(target: Path, origin: Path = ROOT) -> Path:
    """A copy of the project at `origin` in `target`, its caches included if it has any."""
    for name in (*PROJECT_FILES, CACHES):
        source = origin / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs <args>` in a project folder; building a site is the `site` tier's work."""
    require_tier("site", "builds the site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


def mkdocs_build(site_dir: Path, site_url: str, config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    require_tier("site", "builds the site")
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@dataclass
class Site:
    """A built site, served at `url` (which ends in the sub-path) from `directory`."""

    directory: Path
    url: str
    requests: list[tuple[int, str]] = field(default_factory=list)


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH like a plain static host that never redirects:
    a folder URL without its trailing slash is a 404, as on hosts that don't fix it up.
    Any other missing address gets the site's root 404.html with status 404, as GitHub
    Pages serves a project site."""

    def __init__(self, *args, site: Site, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site.directory), **kwargs)

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path(path[len(SUB_PATH) - 1 :])

    def send_head(self):
        # Outside the sub-path, a 404 as from a static host (Lighthouse asks for /robots.txt).
        if not self.path.startswith(SUB_PATH):
            self.send_error(404, "outside the site")
            return None
        local = Path(self.translate_path(self.path))
        if local.is_dir() and not self.path.split("?")[0].endswith("/"):
            self.send_error(404, "folder URL without trailing slash")
            return None
        if not local.exists():
            body = (self.site.directory / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_request(self, code="-", size="-"):
        self.site.requests.append((int(code) if str(code).isdigit() else 0, self.path))

    def log_message(self, format, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that leaves a page mid-download is not a server error."""


@contextmanager
def serving(directory: Path) -> Iterator[Site]:
    """A built site served under SUB_PATH at a free port, until the block ends."""
    port = free_port()
    site = Site(directory, f"http://127.0.0.1:{port}{SUB_PATH}")
    server = _QuietServer(("127.0.0.1", port), partial(_SubPathHandler, site=site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# -- In the browser ------------------------------------------------------------------------------


@dataclass
class PageLog:
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def watched_context(browser, site: Site, **options):
    """A browser context whose pages say when the search results of the last key are shown, and
    which blocks every request that leaves the site (the site must never need one), recording it
    in the log of the page watched last (watched_page)."""
    context = browser.new_context(**options)
    context.add_init_script(WATCH_SEARCH)
    context.outside = []
    origin = site.url[: -len(SUB_PATH) + 1]

    def route(route):
        if route.request.url.startswith((origin, "data:")):
            route.continue_()
        else:
            context.outside.append(route.request.url)
            route.abort()

    # One route for the context, made with it: a context shared by many tests' pages (conftest's
    # `reader`) would otherwise gather a route per page.
    context.route("**/*", route)
    return context


def watched_page(context):
    """A new page of a watched_context that records, in `page.log`, console errors, failed
    requests and the requests that left the site since it opened."""
    page = context.new_page()
    page.log = PageLog()
    context.outside = page.log.outside
    page.on("console", lambda message: message.type == "error" and page.log.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.log.console_errors.append(str(error)))
    # A request cut short by leaving the page (net::ERR_ABORTED) is not a failure.
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and page.log.failed.append(r.url))
    page.on("response", lambda response: response.status >= 400 and page.log.failed.append(response.url))
    return page


def search(page, query: str, lang: str) -> list[list[str]]:
    """Type a query into the search box as a reader of `lang` does and return the result links
    of its last key, grouped by page (the page must come from a watched_context)."""
    page.click(".md-search__input")
    type_query(page, query, lang)
    wait_for_results(page)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => [...item.querySelectorAll('a')].map(a => a.href))",
    )


@dataclass
class SearchBox:
    """A page whose search box query after query is typed into, for tests that only read the
    results: loading the page and its index costs far more than a query. Each query starts from
    an empty box, on the page at `url`, so its results are its own."""

    page: object
    url: str

    def search(self, query: str, lang: str) -> list[list[str]]:
        if self.page.url != self.url:
            self.page.goto(self.url)
        self.page.fill(".md-search__input", "")
        return search(self.page, query, lang)


def open_first_result(page, query: str, lang: str) -> None:
    """Search as a reader of `lang` does, open the first result with Enter, and wait until the
    page it lands on has highlighted what was typed."""
    search(page, query, lang)
    page.keyboard.press("Enter")
    page.wait_for_url("**#*")
    page.wait_for_selector("article mark")


def settled(page) -> None:
    """Until the page's fonts are in, two frames have been drawn and the transitions these
    started (the theme's, as a resize moves its sidebars) have ended: what the page shows is on
    the screen, for checks that measure colours and sizes. (Waiting for the network to be idle
    would also wait for the search index, and half a second more.)"""
    page.evaluate(SETTLED)


#: See settled(); an animation that never ends is not waited for.
SETTLED = """async () => {
  await document.fonts.ready
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))
  const ending = document.getAnimations().filter(a => a.effect?.getComputedTiming().endTime !== Infinity)
  await Promise.all(ending.map(animation => animation.finished.catch(() => null)))
}"""


def next_task(page) -> None:
    """Until the page's task queue has turned once: what a click or a rejected promise queued
    for later (a javascript: link, an unhandled-rejection report) has happened, and anything it
    reported reached Playwright before this returns (the protocol keeps messages in order)."""
    page.evaluate("() => new Promise(resolve => setTimeout(resolve))")


def switch_language(page, lang: str) -> None:
    """Hover the selector and click the language, as a reader does: with the mouse where the
    link is (Playwright's click would first scroll the page to the header's place, the top)."""
    page.hover(".md-header .md-select")
    box = page.locator(f".md-select__link[hreflang='{lang}']").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


# -- The offline edition and the quote buttons ---------------------------------------------------


def commit_search(page, query: str) -> list[str]:
    """Type a query as a reader does (an input method commits it at once) and return the
    result links. From file://, the theme loads the index only once search is opened."""
    page.click(".md-search__input")
    commit_text(page, query)  # one key release, so the first results shown are the query's
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


def first_quote(lang: str = "en"):
    """The first quote with a page, and its section (never a hard-coded id: ids follow the text)."""
    section, quote = page_quotes(edition().docs[lang])[0]
    return section, quote


def grant(page, site, *permissions: str) -> None:
    page.context.grant_permissions(list(permissions), origin=site.url.split("/interview")[0])


def click(page, quote_id: str, kind: str) -> str:
    """Click a quote's button and return what its status line says."""
    page.click(f"#{quote_id} .quote-{kind}")
    page.wait_for_function(f"() => document.querySelector('#{quote_id} .quote-status').textContent !== ''")
    return page.inner_text(f"#{quote_id} .quote-status")
