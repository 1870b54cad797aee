"""The quality gates of the issue "Fast, accessible, offline, printable and deployable":
axe-core finds nothing on the main kinds of page in either palette, and the Nu HTML Checker
finds no error in any page. (Lighthouse's scores, ten seconds a page, are measured by
scripts/benchmark.py.) The tools are the npm packages pinned in package.json (`npm ci`, run by
scripts/test.sh)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers import LANGS, ROOT, edition, settled
from interview_site.quote_pages import page_quotes
from tools.search_quality import commit_text, wait_for_results

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: A quote's own page (scripts/interview_site/quote_pages.py); ids follow the English text, so
#: its address is looked up when the test runs (never at collection: that would run the pipeline).
QUOTE_PAGE = "q/<first quote>/"
#: The home page, a topic page, the All quotes page, the glossary and a quote page; a topic
#: page and the one-page edition in the bilingual reading modes.
AXE_PAGES = ("", "energy/", "quotes/", "glossary/", QUOTE_PAGE, "jobs/?mode=side", "print/?mode=interleaved")
#: The theme's palettes (mkdocs.yml), picked by the reader's prefers-color-scheme.
SCHEMES = {"light": "default", "dark": "slate"}


def tool(path: Path) -> Path:
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `npm ci` (scripts/test.sh does)"
    return path


def page_ids(pages: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(lang, path) for lang in LANGS for path in pages]


def url(site, lang: str, path: str) -> str:
    if path == QUOTE_PAGE:
        path = f"q/{page_quotes(edition().docs['en'])[0][1].id}/"
    return site.url + LANGS[lang] + path


# -- axe-core ---------------------------------------------------------------------------


def axe_violations(page) -> list[str]:
    # Evaluated by the browser's debugger, not added as an inline <script>: the page's policy
    # refuses any inline script it does not list (scripts/interview_site/csp.py).
    page.evaluate(tool(AXE).read_text(encoding="utf-8"))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert len(results["passes"]) > 20, "axe ran its rules"
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
    ]


def open_in(page, site, lang: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(url(site, lang, path))
    settled(page)
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
    commit_text(page, query)
    wait_for_results(page)
    # Colours are measured once the results have faded in.
    settled(page)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violations_on_a_missing_page(page, site, lang):
    # The test server, like GitHub Pages, answers with the root 404.html, which sends an
    # English reader on to the English one (shown at the address typed).
    page.goto(url(site, lang, "no-such-page/"))
    page.wait_for_function(f"() => document.documentElement.lang === {lang!r} && document.querySelector('article h1')")
    page.wait_for_load_state()  # of the page the root 404.html sent the reader on to
    settled(page)
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
@pytest.mark.parametrize("lang", LANGS)
def test_a_glossary_term_is_reached_and_explained_by_keyboard(page, site, lang):
    page.goto(url(site, lang, "energy/"))
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
@pytest.mark.parametrize("lang", LANGS)
def test_the_closed_search_panel_takes_no_tab_stop(page, site, lang):
    page.goto(url(site, lang, "energy/"))
    tab_until(page, ".md-search__input")
    page.keyboard.press("Tab")  # leaves search, which closes it
    assert not page.evaluate("document.getElementById('__search').checked")
    focused = page.evaluate(
        "(() => { const e = document.activeElement, r = e.getBoundingClientRect()"
        "; return [e.closest('.md-search') === null, r.width > 0 && r.height > 0, e.textContent.trim()] })()"
    )
    assert focused[:2] == [True, True], f"Tab landed on an invisible stop: {focused}"


# -- The Nu HTML Checker ----------------------------------------------------------------


@pytest.mark.site
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
