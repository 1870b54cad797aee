"""Every kind of page, as readers and link previews see it: nothing loaded from elsewhere,
a clean printout, a one-page edition with everything in it, and share cards in the page's
language."""

from __future__ import annotations

import json
import re

import pytest

import helpers
from helpers import LANGS
from html_tree import parse_html
from interview_site import pipeline as build
from interview_site.model import SectionKind
from interview_site.site_meta import OG_LOCALES

#: One page of every kind the site has.
KINDS = {
    "home": "",
    "topic": "ai-bubble/",
    "key-quotes": "key-quotes/",
    "all-quotes": "quotes/",
    "people": "people/",
    "glossary": "glossary/",
    "print": "print/",
    "404": "404.html",
}
#: What a printout leaves out: the theme's header, navigation, sidebars, search and footer.
NOT_PRINTED = (".md-header", ".md-nav--primary", ".md-sidebar", ".md-search", ".md-footer")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def edition() -> build.Edition:
    return helpers.edition()


def visibility(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "elements => elements.map(e => e.checkVisibility())")


# -- Nothing from elsewhere ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_page_loads_only_from_the_site(page, site, lang, kind):
    page.goto(site.url + LANGS[lang] + KINDS[kind], wait_until="networkidle")
    assert page.eval_on_selector("html", "html => html.lang") == lang
    assert page.log.outside == [], "requests that left the site"
    assert page.log.console_errors == []
    assert page.log.failed == []


# -- Print ----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("path", "printed"),
    [
        ("print/", (".admonition.quote", "article table", "article :is(p, td) > a")),
        ("jobs/", (".admonition.quote", "article table")),
        ("quotes/", ("article li > a",)),
    ],
)
def test_a_printout_is_the_content_without_the_theme(page, site, lang, path, printed):
    page.goto(site.url + LANGS[lang] + path)
    page.emulate_media(media="print")
    for selector in NOT_PRINTED:
        shown = visibility(page, selector)
        assert shown and not any(shown), f"{selector} is printed"
    for selector in printed:
        shown = visibility(page, selector)
        assert shown and all(shown), f"{selector}: {shown.count(False)} of {len(shown)} not printed"


PRINTED_AFTER = "element => getComputedStyle(element, '::after').content"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "print/"])
def test_a_printed_link_shows_its_address_once(page, site, lang, path):
    page.goto(site.url + LANGS[lang] + path)
    page.emulate_media(media="print")
    links = page.eval_on_selector_all(
        "article a[href^='http']",
        """links => links.map(a => {
             const after = getComputedStyle(a, '::after').content
             return [a.href, a.innerText + (after === 'none' ? '' : after)]
           })""",
    )
    assert any(href in text for href, text in links), "the video link is there"
    for href, printed in links:
        assert printed.count(href) == 1, printed


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_cards_are_not_split_across_printed_pages(page, site, edition, lang):
    page.goto(site.url + LANGS[lang])
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".grid.cards > ul > li", "cards => cards.map(c => getComputedStyle(c).breakInside)"
    )
    assert len(breaks) == len(edition.docs[lang].topics) and set(breaks) == {"avoid"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_glossary_term_is_followed_by_its_definition(page, site, lang):
    page.goto(site.url + LANGS[lang] + "energy/")
    # Outside quotations (inside, the quote lists them after its text: test_reading_modes.py).
    terms = page.locator("article abbr[title]:not(:is(.admonition.quote, .alt-quote) *)")
    assert terms.count() > 0
    page.emulate_media(media="print")
    for i in range(terms.count()):
        definition = terms.nth(i).get_attribute("title")
        assert definition in terms.nth(i).evaluate(PRINTED_AFTER)
        # The definition follows: no underline (the theme's dotted border, ours) left to hint at it.
        style = "abbr => [getComputedStyle(abbr).borderBottomStyle, getComputedStyle(abbr).textDecorationLine]"
        assert terms.nth(i).evaluate(style) == ["none", "none"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "energy/", "print/"])
def test_a_printout_says_where_it_came_from(page, site, lang, path):
    address = site.url + LANGS[lang] + path
    page.goto(address)
    source = page.locator("article .print-source")
    assert not source.is_visible(), "on screen, the page's own address is not repeated"
    page.emulate_media(media="print")
    assert source.is_visible()
    assert source.inner_text().endswith(address)


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_the_one_page_edition_has_every_section_and_quote(site, edition, lang):
    html = (site.directory / LANGS[lang] / "print" / "index.html").read_text(encoding="utf-8")
    tree = parse_html(html)
    headings = {e.attrs["id"] for tag in ("h2", "h3", "h4") for e in tree.iter(tag) if "id" in e.attrs}
    callouts = {e.attrs.get("id"): e.text for e in tree.find_all("div", "quote")}
    doc = edition.docs[lang]
    sections = [s for s in doc.sections if s.kind is not SectionKind.CONTENTS]
    assert len(sections) > 10
    for section in sections:
        assert section.id in headings, section.id
        for sub in section.subsections:
            assert sub.id in headings, f"{section.id}: {sub.id}"
        for quote in section.quotes:
            assert quote.id in callouts, f"{section.id}: quote {quote.id}"
            assert _words(quote.text.plain) in _words(callouts[quote.id]), quote.id
    assert callouts
    assert len(callouts) == sum(len(s.quotes) for s in sections)


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_the_one_page_edition_is_not_in_search(site, lang):
    index = json.loads((site.directory / LANGS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(location.startswith("ai-bubble/") for location in locations)
    assert not [location for location in locations if location.startswith("print/")]


def _words(text: str) -> str:
    """Text as compared: no zero-width spaces (the search segmenter's) or runs of spaces."""
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


# -- Phones ----------------------------------------------------------------------------------

#: For each table: how far its content reaches past its scroll box, and past the screen.
TABLE_OVERFLOW = """() => [...document.querySelectorAll("article table")].map(table => {
  const box = table.closest(".md-typeset__scrollwrap") || table.parentElement
  return [box.scrollWidth - box.clientWidth, table.getBoundingClientRect().right - innerWidth]
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "glossary/", "print/"])
def test_tables_fit_a_phone_screen(browser, site, width, lang, path):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(site.url + LANGS[lang] + path)
        overflow = page.evaluate(TABLE_OVERFLOW)
        assert overflow, "the page has tables"
        cut_off = [i for i, (scroll, past_screen) in enumerate(overflow) if scroll > 0 or past_screen > 0]
        assert not cut_off, f"tables {cut_off} scroll sideways or reach past the screen: {overflow}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


# -- Share cards ------------------------------------------------------------------------


@pytest.mark.site
def test_every_page_has_share_card_tags_in_its_language(site):
    pages = sorted(site.directory.rglob("*.html"))
    addresses = {_page_path(p.relative_to(site.directory).as_posix()) for p in pages}
    assert {prefix + path for prefix in LANGS.values() for path in KINDS.values()} <= addresses
    for html_file in pages:
        path = html_file.relative_to(site.directory).as_posix()
        lang = "en" if path.startswith("en/") else "zh"
        tree = parse_html(html_file.read_text(encoding="utf-8"))
        meta = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content", "") for m in tree.iter("meta")}
        assert next(tree.iter("html")).attrs["lang"] == lang, path
        assert meta.get("og:title") and meta.get("twitter:title") == meta["og:title"], path
        assert meta.get("og:description") and meta.get("twitter:description") == meta["og:description"], path
        assert bool(HAN.search(meta["og:description"])) == (lang == "zh"), f"{path}: {meta['og:description']}"
        assert lang == "zh" or not HAN.search(meta["og:title"]), f"{path}: {meta['og:title']}"
        assert meta.get("og:url") == site.url + _page_path(path), path
        assert meta.get("og:locale") == OG_LOCALES[lang], path
        assert meta.get("og:locale:alternate") == OG_LOCALES["en" if lang == "zh" else "zh"], path
        assert meta.get("og:type") == "article" and meta.get("twitter:card") == "summary_large_image", path
        assert meta.get("og:image", "").startswith(f"{site.url}assets/cards/{lang}/"), path  # tests/test_share.py


def _page_path(path: str) -> str:
    """A built file's address below the site root: 'en/energy/index.html' -> 'en/energy/'."""
    return path.removesuffix("index.html")
