"""The offline edition (mkdocs.offline.yml): opened from file://, search included, in both
languages, and nothing is fetched from anywhere but the folder it was copied to."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator

import pytest
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from helpers import OFFLINE_CONFIG, ROOT, PageLog, commit_search, switch_language
from html_tree import parse_html

SHIM = ROOT / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js"
#: sha256 of shim/index.js in each iframe-worker version we have shipped (`npm pack iframe-worker@VERSION`).
SHIM_SHA256 = {"1.0.4": "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"}
HAN = re.compile(r"[\u4e00-\u9fff]")
#: Elements that load something when the page is shown (links to the video are only links).
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}


@pytest.fixture
def file_page(browser) -> Iterator[object]:
    """A page for file:// URLs: any other request is blocked and recorded in log.outside."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = PageLog()

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            log.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    # Routes may not see every request (file:// ones, iframes); the request event does.
    context.on("request", lambda request: request.url.startswith("file://") or log.outside.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and log.console_errors.append(message.text))
    page.on("pageerror", lambda error: log.console_errors.append(str(error)))
    page.log = log
    yield page
    context.close()


# -- The configuration ------------------------------------------------------------------


def test_offline_config_is_the_site_config_plus_the_offline_plugin(monkeypatch: pytest.MonkeyPatch):
    """mkdocs.offline.yml inherits mkdocs.yml's plugins and adds `offline` last, after
    i18n's merged index; it states nothing else about them."""
    public = "https://example.org/somewhere/"
    monkeypatch.setenv("SITE_URL", public)
    site, edition = (load_config(str(ROOT / name)) for name in ("mkdocs.yml", OFFLINE_CONFIG))
    names = list(edition.plugins)
    assert set(names) == {*site.plugins, "material/offline"}
    assert names.index("material/offline") > names.index("i18n")
    for name in ("material/search", "i18n"):
        assert dict(edition.plugins[name].config) == dict(site.plugins[name].config), name
    # MkDocs' loader (it knows !ENV), from a string so that INHERIT is not applied.
    own = yaml_load((ROOT / OFFLINE_CONFIG).read_text(encoding="utf-8"))
    assert own["plugins"] == {"offline": {}}
    assert edition["site_url"] == ""
    assert edition["extra"]["polyfills"] == ["assets/javascripts/iframe-worker-shim.js"]
    assert own["extra"]["public_url"] == public == site["site_url"], "share the address it is a copy of"


def test_the_shim_is_the_pinned_npm_file():
    """docs/assets/javascripts/iframe-worker-shim.js is the npm package's shim/index.js,
    unchanged, under a licence header naming the version that package.json pins."""
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["iframe-worker"]
    header, body = SHIM.read_text(encoding="utf-8").split("*/\n", 1)
    assert header.startswith(f"/*! iframe-worker {pinned}, shim/index.js"), "the header names the pinned version"
    assert hashlib.sha256(body.encode()).hexdigest() == SHIM_SHA256[pinned], "copy shim/index.js of that version"


# -- The built folder -------------------------------------------------------------------


@pytest.mark.site
def test_each_language_has_its_own_search_index_and_script(offline_edition):
    for root, lang in (("", "zh"), ("en/", "en")):
        index = json.loads((offline_edition / root / "search" / "search_index.json").read_text(encoding="utf-8"))
        script = (offline_edition / root / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script == "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        titles = [doc["title"] for doc in index["docs"] if "#" not in doc["location"]]
        assert len(titles) > 10, lang
        assert all(bool(HAN.search(title)) == (lang == "zh") for title in titles), (lang, titles)
        assert not any(doc["location"].startswith("en/") for doc in index["docs"]), lang


@pytest.mark.site
def test_no_page_loads_anything_from_elsewhere(offline_edition):
    pages = sorted(offline_edition.rglob("*.html"))
    assert len(pages) > 30
    for html_file in pages:
        for tag, attribute in LOADING.items():
            for element in parse_html(html_file.read_text(encoding="utf-8")).iter(tag):
                value = element.attrs.get(attribute, "")
                assert not re.match(r"(https?:)?//", value), f"{html_file}: <{tag} {attribute}={value}>"


# -- In the browser, from file:// ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [("energy.html", "五层蛋糕", "five-layer-cake.html"), ("en/energy.html", "radiologists", "en/jobs.html")],
)
def test_search_from_file_finds_its_own_language(file_page, offline_edition, start, query, expected):
    file_page.goto((offline_edition / start).as_uri())
    results = commit_search(file_page, query)
    base = offline_edition.as_uri() + "/"
    pages = [href.removeprefix(base).split("?")[0].split("#")[0] for href in results]
    assert pages[0] == expected, pages
    english = start.startswith("en/")
    assert all(page.startswith("en/") == english for page in pages), pages
    shown = file_page.inner_text(".md-search-result__list")
    assert bool(HAN.search(shown)) != english, shown[:200]
    assert file_page.log.outside == [] and file_page.log.console_errors == []


@pytest.mark.browser
def test_navigation_from_file_between_pages_and_languages(file_page, offline_edition):
    file_page.goto((offline_edition / "index.html").as_uri())
    with file_page.expect_navigation():
        file_page.click(".md-nav--primary a[href='energy.html']")
    assert file_page.url == (offline_edition / "energy.html").as_uri()
    # The language selector opens on hover; its link is the same page in English.
    switch_language(file_page, "en")
    assert file_page.url == (offline_edition / "en" / "energy.html").as_uri()
    assert file_page.eval_on_selector("html", "html => html.lang") == "en"
    with file_page.expect_navigation():
        file_page.click(".md-footer__link--next")
    assert file_page.url.startswith((offline_edition / "en").as_uri() + "/")
    assert file_page.url.endswith(".html")
    assert file_page.inner_text("article h1")
    assert file_page.log.outside == [] and file_page.log.console_errors == []


@pytest.mark.browser
def test_reading_modes_from_file_side_by_side_and_remembered_across_languages(file_page, offline_edition):
    file_page.goto((offline_edition / "jobs.html").as_uri() + "?mode=side")
    tops = file_page.evaluate(
        """[...document.querySelectorAll(".md-content .alt:not(td > .alt)")].map(alt =>
             [alt.previousElementSibling.getBoundingClientRect().top, alt.getBoundingClientRect().top])"""
    )
    assert len(tops) > 20 and all(abs(own - alt) <= 3 for own, alt in tops), tops
    switch_language(file_page, "en")
    assert file_page.url == (offline_edition / "en" / "jobs.html").as_uri()
    assert file_page.evaluate("document.querySelector('.reading-modes input:checked').value") == "side"
    assert file_page.locator(".md-content .alt[lang='zh']").first.is_visible()
    assert file_page.log.outside == [] and file_page.log.console_errors == []


@pytest.mark.browser
def test_without_a_public_address_the_quote_buttons_say_so(file_page, offline_edition):
    """Built with no SITE_URL, the offline edition knows no public address to hand out."""
    file_page.goto((offline_edition / "en" / "energy.html").as_uri())
    quote = file_page.eval_on_selector(".admonition.quote[id]", "el => el.id")
    for kind in ("copy", "share", "cite"):
        file_page.click(f"#{quote} .quote-{kind}")
        status = file_page.inner_text(f"#{quote} .quote-status")
        assert status.startswith("No public address is configured"), kind
    assert file_page.log.outside == [] and file_page.log.console_errors == []
