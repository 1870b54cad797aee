"""The quality gates of the issue "Fast, accessible, offline, printable and deployable":
axe-core finds nothing on the main kinds of page in either palette, the Nu HTML Checker
finds no error in any page, and Lighthouse scores accessibility, best practices and SEO at
100. The tools are the npm packages pinned in package.json (`npm ci`, run by scripts/test.sh)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from interview_site import pipeline as build
from interview_site.quote_pages import page_quotes
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"

LANGUAGES = {"zh": "", "en": "en/"}
#: A quote's own page (scripts/interview_site/quote_pages.py); ids follow the English text, so it is looked up.
QUOTE_PAGE = f"q/{page_quotes(build.load().docs['en'])[0][1].id}/"
#: The home page, a topic page, the All quotes page, the glossary and a quote page; a topic
#: page and the one-page edition in the bilingual reading modes.
AXE_PAGES = ("", "energy/", "quotes/", "glossary/", QUOTE_PAGE, "jobs/?mode=side", "print/?mode=interleaved")
#: Lighthouse takes about ten seconds a page, so it sees one page of each layout: the home
#: page, a quote page, and a topic page side by side.
LIGHTHOUSE_PAGES = ("", QUOTE_PAGE, "jobs/?mode=side")
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")
#: The theme's palettes (mkdocs.yml), picked by the reader's prefers-color-scheme.
SCHEMES = {"light": "default", "dark": "slate"}


def tool(path: Path) -> Path:
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `npm ci` (scripts/test.sh does)"
    return path


def page_ids(pages: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(lang, path) for lang in LANGUAGES for path in pages]


def url(site, lang: str, path: str) -> str:
    return site.url + LANGUAGES[lang] + path


# -- axe-core ---------------------------------------------------------------------------


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(tool(AXE)))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert len(results["passes"]) > 20, "axe ran its rules"
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
    ]


def open_in(page, site, lang: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(url(site, lang, path), wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("lang", "path"), page_ids(AXE_PAGES), ids=lambda value: value or "home")
def test_axe_finds_no_violations(page, site, lang, path, scheme):
    open_in(page, site, lang, path, scheme)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("lang", "query"), [("zh", "能源"), ("en", "energy")])
def test_axe_finds_no_violations_in_search_results(page, site, lang, query, scheme):
    open_in(page, site, lang, "energy/", scheme)
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    # The theme reads the query on keyup, which typing Chinese (an IME's insertText) lacks.
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item mark")
    # Colours are measured once the results have faded in.
    page.evaluate("Promise.all(document.getAnimations().map(animation => animation.finished))")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations_on_a_missing_page(page, site, lang):
    # The test server, like GitHub Pages, answers with the root 404.html, which sends an
    # English reader on to the English one.
    page.goto(url(site, lang, "no-such-page/"))
    page.wait_for_url(url(site, lang, "no-such-page/" if lang == "zh" else "404.html"))
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


# -- Keyboard and screen readers ---------------------------------------------------------

#: Enough Tab presses to pass the header and navigation on a topic page.
TAB_STOPS = 80


def tab_until(page, selector: str) -> list[str]:
    """Press Tab until the focus is on `selector`; the focused elements on the way."""
    seen = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return seen
        seen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    raise AssertionError(f"{selector} never took the focus: {seen}")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_glossary_term_is_reached_and_explained_by_keyboard(page, site, lang):
    page.goto(url(site, lang, "energy/"), wait_until="networkidle")
    definition = page.get_attribute("article abbr", "title")
    assert definition
    tab_until(page, "article abbr")
    term = page.locator("article abbr:focus")
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == definition
    # Announced as the term's description (the theme points aria-describedby at its tooltip).
    expect(term).to_have_accessible_description(definition)
    assert term.get_attribute("aria-describedby") == tooltip.get_attribute("id")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_closed_search_panel_takes_no_tab_stop(page, site, lang):
    page.goto(url(site, lang, "energy/"), wait_until="networkidle")
    tab_until(page, ".md-search__input")
    page.keyboard.press("Tab")  # leaves search, which closes it
    assert not page.evaluate("document.getElementById('__search').checked")
    focused = page.evaluate(
        "(() => { const e = document.activeElement, r = e.getBoundingClientRect()"
        "; return [e.closest('.md-search') === null, r.width > 0 && r.height > 0, e.textContent.trim()] })()"
    )
    assert focused[:2] == [True, True], f"Tab landed on an invisible stop: {focused}"


# -- The Nu HTML Checker ----------------------------------------------------------------


def test_every_page_is_valid_html(site):
    pages = sorted(site.directory.rglob("*.html"))
    assert len(pages) > 30
    java = shutil.which("java")
    assert java, "Java 11+ runs the Nu HTML Checker (scripts/test.sh installs default-jre-headless)"
    command = [java, "-jar", str(tool(VNU)), "--errors-only", "--format", "json", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    errors = [
        f"{Path(m['url'].removeprefix('file:')).relative_to(site.directory)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors[:30])
    assert result.returncode == 0, result.stderr


# -- Lighthouse -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "path"), page_ids(LIGHTHOUSE_PAGES), ids=lambda value: value or "home")
def test_lighthouse_scores_100(site, lang, path):
    command = [
        shutil.which("node") or "node",
        str(tool(LIGHTHOUSE)),
        url(site, lang, path),
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert not report.get("runtimeError"), report["runtimeError"]
    scores = {name: report["categories"][name]["score"] for name in LIGHTHOUSE_CATEGORIES}
    failing = [
        f"{name}: {ref['id']}: {audit['title']} {audit.get('explanation', '')}".rstrip()
        for name in LIGHTHOUSE_CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
    ]
    assert scores == dict.fromkeys(LIGHTHOUSE_CATEGORIES, 1), "\n".join(failing)
