"""The two editions as one site: same addresses, a language switch that keeps your place."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import serving, switch_language
from html_tree import article, parse_html
from interview_site import pipeline as build
from interview_site.site_meta import OG_LOCALES


def first_quote_id(site_dir: Path, page: str) -> str:
    tree = parse_html((site_dir / page / "index.html").read_text(encoding="utf-8"))
    return next(e.attrs["id"] for e in tree.find_all("div", "quote") if "id" in e.attrs)


@pytest.mark.browser
@pytest.mark.parametrize(("start", "target", "lang"), [("", "en/", "en"), ("en/", "", "zh")])
def test_language_switch_keeps_the_page_and_the_quote(page, site, start, target, lang):
    quote = first_quote_id(site.directory, "energy")
    page.goto(f"{site.url}{start}energy/#{quote}")
    switch_language(page, lang)
    assert page.url == f"{site.url}{target}energy/#{quote}"
    assert page.eval_on_selector("html", "html => html.lang") == lang
    assert page.is_visible(f"#{quote}")
    box = page.eval_on_selector(f"#{quote}", "el => el.getBoundingClientRect().top")
    assert 0 <= box < 900, "the quote is scrolled into view"
    assert page.log.console_errors == [] and page.log.failed == [] and page.log.outside == []


@pytest.mark.browser
def test_language_switch_from_a_section_anchor_and_from_home(page, site):
    page.goto(f"{site.url}en/jobs/#task-vs-purpose")
    switch_language(page, "zh")
    assert page.url == f"{site.url}jobs/#task-vs-purpose"
    page.goto(site.url)
    switch_language(page, "en")
    assert page.url == f"{site.url}en/"
    assert page.log.failed == []


@pytest.mark.browser
def test_the_switch_works_where_the_site_is_served_not_only_where_it_was_built(browser, site):
    """Built for site.url, served at another address (as by `serve.sh -a`, a LAN address, a
    preview): the switch goes both ways on the serving host, and the theme looks for no sitemap."""
    with serving(site.directory) as moved:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{moved.url}energy/")
        switch_language(page, "en")
        assert page.url == f"{moved.url}en/energy/"
        switch_language(page, "zh")
        assert page.url == f"{moved.url}energy/"
        context.close()
    assert moved.url != site.url
    assert [url for url in requests if not url.startswith(moved.url)] == []
    assert [url for url in requests if "sitemap" in url] == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "lang", "nav_titles"),
    [
        ("", "zh", ["首页", "访谈", "资料", "关键语录"]),
        ("en/", "en", ["Home", "The interview", "Reference", "Key Quotes"]),
    ],
)
def test_html_lang_and_navigation_in_the_page_language(page, site, path, lang, nav_titles):
    page.goto(f"{site.url}{path}energy/")
    assert page.eval_on_selector("html", "html => html.lang") == lang
    nav = page.inner_text(".md-nav--primary")
    for title in nav_titles:
        assert title in nav
    assert page.log.console_errors == []


@pytest.mark.site
def test_same_page_names_and_ids_in_both_languages(site):
    zh = {
        p.relative_to(site.directory).as_posix()
        for p in site.directory.rglob("*.html")
        if p.relative_to(site.directory).parts[0] != "en"
    }
    en = {p.relative_to(site.directory / "en").as_posix() for p in (site.directory / "en").rglob("*.html")}
    assert zh == en
    for name in zh:
        ids = [
            {e.attrs["id"] for e in parse_html((root / name).read_text(encoding="utf-8")).iter() if "id" in e.attrs}
            for root in (site.directory, site.directory / "en")
        ]
        content_ids = [{i for i in s if not i.startswith("__")} for s in ids]
        assert content_ids[0] == content_ids[1], name


@pytest.mark.site
def test_every_page_has_absolute_hreflang_alternates_in_the_sitemap_and_a_description(site):
    """hreflang lives in the sitemap, not in <link rel="alternate"> tags: the theme's script
    fetches a sitemap.xml beside every such tag and takes over clicks on links below it."""
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site.directory / "sitemap.xml")
    alternates = {
        url.findtext("s:loc", namespaces=namespaces): {
            link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", namespaces)
        }
        for url in tree.iterfind("s:url", namespaces)
    }
    for html_file in site.directory.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', html), html_file
        folder = html_file.parent.relative_to(site.directory).as_posix()
        path = "" if folder in (".", "en") else folder.removeprefix("en/") + "/"
        own = site.url + ("en/" if folder == "en" or folder.startswith("en/") else "") + path
        assert alternates[own] == {"zh": site.url + path, "en": site.url + "en/" + path}, html_file
        assert re.search(r'<meta name="description" content="[^"]+">', html), html_file


@pytest.mark.site
def test_descriptions_and_og_locale_are_in_the_page_language(site):
    zh = (site.directory / "energy" / "index.html").read_text(encoding="utf-8")
    en = (site.directory / "en" / "energy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="[^"]*[\u4e00-\u9fff]', zh)
    assert not re.search(r'<meta name="description" content="[^"]*[\u4e00-\u9fff]', en)
    assert f'<meta property="og:locale" content="{OG_LOCALES["zh"]}">' in zh
    assert f'<meta property="og:locale" content="{OG_LOCALES["en"]}">' in en


@pytest.mark.site
def test_sitemap_lists_both_languages(site):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site.directory / "sitemap.xml")
    locations = [loc.text for loc in tree.iterfind(".//s:loc", namespaces)]
    assert f"{site.url}energy/" in locations and f"{site.url}en/energy/" in locations
    alternates = {link.get("hreflang") for link in tree.iterfind(".//x:link", namespaces)}
    assert {"zh", "en"} <= alternates


@pytest.mark.site
@pytest.mark.parametrize(
    ("path", "lang", "text"), [("404.html", "zh", "找不到这一页"), ("en/404.html", "en", "Page not found")]
)
def test_not_found_page_in_each_language(site, path, lang, text):
    html = (site.directory / path).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    # The page says so in its heading and title, not only in the address its script goes on to.
    (heading,) = article(html).iter("h1")
    assert heading.text.startswith("404") and text in heading.text, heading.text
    (title,) = parse_html(html).iter("title")
    assert title.text.startswith(heading.text), title.text


@pytest.mark.site
def test_english_pages_say_their_quotes_are_translated(site):
    for page in ("", "energy/", "key-quotes/", "quotes/"):
        html = (site.directory / "en" / page / "index.html").read_text(encoding="utf-8")
        assert "translated from a Chinese summary" in html, page
        assert "https://www.youtube.com/watch?v=A4VNU7EqkSM" in html, page


@pytest.mark.site
@pytest.mark.parametrize(("root", "label"), [("", "切换到深色模式"), ("en/", "Switch to dark mode")])
def test_the_palette_toggle_speaks_the_page_language(site, root, label):
    assert f'title="{label}"' in (site.directory / root / "energy" / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
@pytest.mark.parametrize(("root", "title"), [("", "链接到本节"), ("en/", "Link to this section")])
def test_section_permalinks_are_titled_in_the_page_language(site, root, title):
    for page in ("", "energy/", "glossary/"):
        tree = parse_html((site.directory / root / page / "index.html").read_text(encoding="utf-8"))
        titles = {a.attrs.get("title") for a in tree.find_all("a", "headerlink")}
        assert titles == {title}, f"{root}{page}: {titles}"


@pytest.mark.site
@pytest.mark.parametrize(("root", "name"), [("", "黄仁勋 No Priors 访谈"), ("en/", "Jensen Huang on No Priors")])
def test_each_home_page_is_titled_with_the_site_name(site, root, name):
    tree = parse_html((site.directory / root / "index.html").read_text(encoding="utf-8"))
    meta = {m.attrs.get("property"): m.attrs.get("content") for m in tree.iter("meta")}
    assert next(tree.iter("title")).text == name
    assert meta["og:title"] == name


@pytest.mark.site
def test_both_home_pages_name_the_users_own_document(site):
    name = build.load().docs[build.DEFAULT_LANG].name
    for root in ("", "en/"):
        home = article((site.directory / root / "index.html").read_text(encoding="utf-8"))
        assert [code.text for code in home.find_all("code")][-1] == name, root


@pytest.mark.browser
@pytest.mark.parametrize(
    ("missing", "lang", "shown_at", "query"),
    [
        ("no-such-page/", "zh", "no-such-page/", "能源"),
        # The address bar keeps what the reader typed, to be corrected (issue 19, item 14).
        ("en/no-such-page/", "en", "en/no-such-page/", "energy"),
        ("en/a/b.html?x=1#top", "en", "en/a/b.html?x=1#top", "drill"),
    ],
)
def test_a_missing_address_gets_the_404_page_of_its_language(page, site, missing, lang, shown_at, query):
    # The test server answers a missing address as GitHub Pages does: the root 404.html, status 404.
    with page.expect_response(site.url + missing.split("#")[0]) as response:
        page.goto(site.url + missing)
    assert response.value.status == 404
    page.wait_for_function(f"() => document.documentElement.lang === {lang!r} && document.querySelector('article h1')")
    page.wait_for_load_state("networkidle")
    assert page.url == site.url + shown_at
    home = site.url + ("" if lang == "zh" else f"{lang}/")
    assert page.eval_on_selector("html", "html => html.lang") == lang
    assert "404" in page.title() and "404" in page.inner_text("article h1")
    assert page.inner_text("article p").endswith({"zh": "或者回到首页。", "en": "or go to the home page."}[lang])
    assert page.eval_on_selector("article p a", "a => a.href") == home
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item a")
    results = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert results and all(r.startswith(home) for r in results), results
    assert lang == "en" or not any(r.startswith(site.url + "en/") for r in results), results
    # Nothing failed but the missing address itself (which Chromium reports as an error too).
    assert set(page.log.failed) == {site.url + missing.split("#")[0]}
    assert [e for e in page.log.console_errors if "status of 404" not in e] == []
    assert page.log.outside == []


# -- Issue 19: the switch keeps the reader's #fragment, and h2 ids on pages without pairs -----


def built_ids(site_dir: Path, path: str, pattern: str) -> list[str]:
    return re.findall(pattern, (site_dir / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "pattern", "which"),
    [
        ("ai-bubble", r'<h2 [^>]*id="([^"]+)"', 0),
        # The last term: it sits in the last screenful, so it never reaches the top.
        ("glossary", r'<dfn id="(term-[^"]+)"', -1),
    ],
)
@pytest.mark.parametrize(("start", "target", "lang"), [("", "en/", "en"), ("en/", "", "zh")])
def test_the_switch_keeps_a_fragment_the_reader_has_not_scrolled_away_from(
    page, site, path, pattern, which, start, target, lang
):
    fragment = built_ids(site.directory, path, pattern)[which]
    page.goto(f"{site.url}{start}{path}/#{fragment}")
    switch_language(page, lang)
    assert page.url == f"{site.url}{target}{path}/#{fragment}"
    top = page.eval_on_selector(f"#{fragment}", "el => el.getBoundingClientRect().top")
    assert 0 <= top < 900, "still on screen in the other language"
    assert page.log.console_errors == [] and page.log.failed == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "quotes/"])
@pytest.mark.parametrize(("start", "target", "lang"), [("", "en/", "en"), ("en/", "", "zh")])
def test_on_a_page_without_pairs_the_switch_keeps_the_part_being_read(page, site, path, start, target, lang):
    page.goto(f"{site.url}{start}{path}")
    heading = page.evaluate(
        """() => {
          const headings = document.querySelectorAll(".md-content h2[id]")
          const middle = headings[headings.length >> 1]
          middle.scrollIntoView()
          return middle.id
        }"""
    )
    switch_language(page, lang)
    assert page.url == f"{site.url}{target}{path}#{heading}"
