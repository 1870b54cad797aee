"""The Content-Security-Policy every page carries (scripts/interview_site/csp.py, written by the
hook): the hashing, the policy in every built page, and in Chromium no violation on any kind of
page with its features in use, on the web site and from file://, while an injected script is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from helpers import LANGS, ROOT, click, commit_search, first_quote, grant
from html_tree import parse_html
from interview_site import csp

SHIM = ROOT / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

# -- The module -----------------------------------------------------------------------------


def test_a_script_hash_is_the_one_the_csp_specification_gives():
    assert csp.sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_only_scripts_a_browser_runs_inline_are_hashed_with_their_exact_text():
    page = (
        '<script src="a.js"></script><script id="__config" type="application/json">{"a": 1}</script>'
        "<script>\n  one()\n</script><SCRIPT type='module'>two()</SCRIPT><script type=text/javascript>3</script>"
    )
    assert csp.inline_scripts(page) == ("\n  one()\n", "two()", "3")


def test_the_policy_allows_the_site_itself_and_each_inline_script_by_hash_only():
    page = '<meta charset="utf-8"><script>one()</script>'
    directives = dict(d.split(" ", 1) for d in csp.policy(page, ("written()",)).split("; "))
    assert directives["script-src"].split() == [
        "'self'",
        *sorted([csp.sha256_source("one()"), csp.sha256_source("written()")]),
    ]
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    for name in ("default-src", "style-src", "font-src", "connect-src", "worker-src"):
        assert directives[name] == "'self'", name
    assert "unsafe" not in csp.policy(page)


def test_only_the_live_reloading_preview_allows_inline_scripts():
    """mkdocs serve injects `<script>livereload(<epoch>, <request id>)</script>` into each response."""
    page = '<meta charset="utf-8"><script>one()</script>'
    directives = dict(d.split(" ", 1) for d in csp.policy(page, live_reload=True).split("; "))
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["object-src"] == "'none'"


def test_the_policy_comes_before_any_script_and_a_changed_head_fails_the_build():
    page = '<head><meta charset="utf-8"><script>one()</script></head>'
    written = csp.with_policy(page)
    assert written.index("Content-Security-Policy") < written.index("<script>")
    assert META.search(written)[1] == csp.policy(page)
    assert META.search(csp.with_policy('<head><meta charset="utf-8"></head>'))
    for changed in ("<head><script>one()</script></head>", '<script>x()</script><meta charset="utf-8">'):
        with pytest.raises(csp.MarkupError, match="the theme's markup changed"):
            csp.with_policy(changed)


def test_the_offline_shims_iframe_script_is_rebuilt_from_the_shim():
    shim = SHIM.read_text(encoding="utf-8")
    script = csp.iframe_worker_script(shim, "../assets/javascripts/search-worker.js")
    assert script.startswith("postMessage=function ") and "importScripts=function " in script
    assert 'filename:"../assets/javascripts/search-worker.js"' in script and "${" not in script
    with pytest.raises(csp.MarkupError, match="iframe-worker shim changed"):
        csp.iframe_worker_script(shim.replace("<script>postMessage=", "<script>self.postMessage="), "x.js")


# -- The built site ---------------------------------------------------------------------------


@pytest.mark.site
def test_every_page_has_one_policy_allowing_exactly_its_inline_scripts(site):
    pages = sorted(site.directory.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        text = path.read_text(encoding="utf-8")
        policies = META.findall(text)
        assert len(policies) == 1, path
        hashes = set(re.findall(r"'sha256-[^']+'", policies[0]))
        assert hashes == {csp.sha256_source(script) for script in csp.inline_scripts(text)}, path
        head = parse_html(text).find_all("meta")
        assert head[0].attrs.get("charset") == "utf-8" and head[1].attrs["http-equiv"] == "Content-Security-Policy"


# -- In Chromium ----------------------------------------------------------------------------

#: Runs in every frame before the page's own scripts: hands each violation reported there to the
#: test (which keeps them across navigations) and keeps it on the page too, to wait for.
COLLECT = """window.__violations = [];
addEventListener("securitypolicyviolation", e => {
  const text = `${e.effectiveDirective} ${e.blockedURI} on ${location.href}`
  __violations.push(text)
  reportViolation(text)
}, true)"""


@pytest.fixture
def csp_page(browser) -> Iterator[object]:
    """A page that records every CSP violation: events from any frame, and console reports
    (the offline shim's iframe, written by document.write, reports only there)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    reported: list[str] = []
    context.expose_function("reportViolation", lambda text: reported.append(text))
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.on("console", lambda m: "Content Security Policy" in m.text and reported.append(m.text))
    page.violations = reported
    yield page
    context.close()


def first_page_with(site, lang: str, selector: str) -> str:
    """The first section page (in the built site, not a list kept here) that has `selector`."""
    root = site.directory / LANGS[lang]
    for path in sorted(root.glob("*/index.html")):
        if parse_html(path.read_text(encoding="utf-8")).find_all(selector):
            return path.parent.name
    raise AssertionError(f"no page has {selector}")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_violation_in_any_kind_of_page_with_its_features_in_use(csp_page, site, lang):
    page, root = csp_page, f"{site.url}{LANGS[lang]}"
    section, quote = first_quote(lang)
    grant(page, site, "clipboard-read", "clipboard-write")
    # A section page in each reading mode, a quote's counterpart, Copy link, Share and Cite.
    for mode in ("side", "interleaved", "single"):
        page.goto(f"{root}{section.id}/?mode={mode}#{quote.id}")
    page.locator(f"#{quote.id} .alt-toggle").focus()
    page.keyboard.press("Space")
    page.wait_for_selector(".alt-quote", state="visible")
    for kind in ("copy", "share", "cite"):
        click(page, quote.id, kind)
    # Search, with a quote's own words: the worker starts, its index loads, results show.
    words = quote.text.plain[:4] if lang == "zh" else " ".join(quote.text.plain.split()[:3])
    assert commit_search(page, words)
    # A glossary term's tooltip.
    page.goto(f"{root}{first_page_with(site, lang, 'abbr')}/")
    page.locator(".md-content abbr").first.hover()
    page.wait_for_selector(".md-tooltip2--active")
    # The quote's own page, then the home page, the quotes page, the glossary and the one-page edition.
    page.goto(f"{root}q/{quote.id}/")
    click(page, quote.id, "copy")
    for path in ("", "quotes/", "glossary/", "print/?mode=side"):
        page.goto(root + path)
    # A missing address: the root 404 page, which sends a reader under /en/ on to the English one.
    shown = f"/{LANGS[lang]}404.html" if LANGS[lang] else "/no-such-page/"
    with page.expect_response(lambda response: urlsplit(response.url).path.endswith(shown)):
        page.goto(f"{root}no-such-page/")
    page.wait_for_load_state("load")
    assert page.violations == []


@pytest.mark.browser
@pytest.mark.parametrize("start", ["energy.html", "en/energy.html"])
def test_no_violation_in_the_offline_edition_with_search_from_file(csp_page, offline_edition, start):
    page = csp_page
    page.goto((offline_edition / start).as_uri())
    assert commit_search(page, "AI")  # the shim's iframe runs the worker: its script is allowed by hash
    page.goto((offline_edition / start.replace("energy", "quotes")).as_uri())
    assert page.violations == []


@pytest.mark.browser
def test_an_injected_inline_script_or_handler_is_refused(csp_page, site):
    page = csp_page
    page.goto(f"{site.url}glossary/")
    page.evaluate(
        """() => {
          const script = document.createElement("script")
          script.textContent = "window.injected = 'script'"
          document.body.append(script)
          document.body.insertAdjacentHTML("beforeend", '<img src="none.png" onerror="window.injected = 1">')
        }"""
    )
    page.wait_for_function("window.__violations.length >= 2")
    assert page.evaluate("window.injected") is None
    assert sorted(v.split()[0] for v in page.evaluate("window.__violations")) == ["script-src-attr", "script-src-elem"]
