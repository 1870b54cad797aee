"""Sharing a quote on the built site: quote pages, their cards and meta, and the Copy link,
Share and Cite buttons in Chromium (clipboard granted and refused, narrow screens, offline)."""

from __future__ import annotations

import json
import struct
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import LANGS, ROOT, click, edition, first_quote, grant, mkdocs_build, next_task
from html_tree import parse_html
from interview_site.line_breaks import shorten
from interview_site.model import SectionKind
from interview_site.quote_pages import TITLE_LENGTH, page_quotes
from interview_site.render import quoted
from interview_site.video import episode

PUBLIC = "https://example.org/interview/"


def head(site_dir: Path, path: str) -> dict[str, str]:
    """A page's meta properties and links by name, e.g. {'og:image': …, 'canonical': …}."""
    tree = parse_html((site_dir / path / "index.html").read_text(encoding="utf-8"))
    found = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content", "") for m in tree.iter("meta")}
    found |= {
        f"{link.attrs['rel']} {link.attrs.get('hreflang', '')}".strip(): link.attrs["href"]
        for link in tree.iter("link")
    }
    return found


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG"
    return struct.unpack(">II", data[16:24])


# -- The built site -----------------------------------------------------------------------------


@pytest.mark.site
def test_every_quote_page_is_built_in_both_languages_and_links_to_the_other(site):
    for lang, root in LANGS.items():
        other = "en" if lang == "zh" else "zh"
        for _, quote in page_quotes(edition().docs[lang]):
            page = site.directory / root / "q" / quote.id / "index.html"
            tree = parse_html(page.read_text(encoding="utf-8"))
            links = [
                a for a in tree.iter("a") if a.attrs.get("hreflang") == other and "md-select__link" not in a.classes
            ]
            assert len(links) == 1, page
            target = (page.parent / links[0].attrs["href"] / "index.html").resolve()
            assert target == (site.directory / LANGS[other] / "q" / quote.id / "index.html").resolve()
            assert target.exists()


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_a_quote_page_has_its_own_title_description_card_and_absolute_addresses(site, lang):
    section, quote = first_quote(lang)
    root = LANGS[lang]
    meta = head(site.directory, f"{root}q/{quote.id}")
    assert meta["og:title"].startswith("“") and meta["og:title"].endswith("”")
    assert meta["og:title"].removesuffix("”").removesuffix("…") in "“" + quote.text.plain
    assert meta["og:description"] == f"{quote.speaker} · {episode(edition().docs[lang]).show} · {section.title.plain}"
    assert meta["og:image"] == f"{site.url}assets/cards/{lang}/q/{quote.id}.png"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["canonical"] == f"{site.url}{root}q/{quote.id}/"
    # Its language alternates are absolute, in the sitemap (tests/test_i18n.py says why not in tags).
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(site.directory / "sitemap.xml")
    (entry,) = [
        u
        for u in sitemap.iterfind("s:url", namespaces)
        if u.findtext("s:loc", namespaces=namespaces) == meta["canonical"]
    ]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.iterfind("x:link", namespaces)}
    assert alternates == {"zh": f"{site.url}q/{quote.id}/", "en": f"{site.url}en/q/{quote.id}/"}


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_quote_page_titles_and_link_labels_are_cut_where_a_line_could_break(site, lang):
    """<title>, og:title, og:image:alt, twitter:title and the labels of the links to the
    neighbouring quotes and the other language: "“Scaling Law并没有让我惊讶…”", never "“Scaling…”"."""
    shortened = {
        quoted(shorten(q.text.plain, TITLE_LENGTH[code]))
        for code, doc in edition().docs.items()
        for _, q in page_quotes(doc)
    }
    for _, quote in page_quotes(edition().docs[lang]):
        meta = head(site.directory, f"{LANGS[lang]}q/{quote.id}")
        tree = parse_html((site.directory / LANGS[lang] / "q" / quote.id / "index.html").read_text(encoding="utf-8"))
        (title,) = [t.text for t in tree.iter("title")]
        labels = [a.text for a in tree.find_all("a") if a.text.startswith("“") and a.text.endswith("”")]
        assert len(labels) >= 2, "a neighbour and the other language"
        assert meta["og:title"] == meta["og:image:alt"] == meta["twitter:title"]
        assert title.startswith(meta["og:title"] + " - ")
        for label in [meta["og:title"], *labels]:
            assert label in shortened, label


@pytest.mark.site
def test_every_og_image_is_a_1200_by_630_png_of_at_most_150_kb(site):
    pages = sorted(site.directory.rglob("*.html"))
    images = set()
    for page in pages:
        tree = parse_html(page.read_text(encoding="utf-8"))
        image = next((m.attrs["content"] for m in tree.iter("meta") if m.attrs.get("property") == "og:image"), None)
        assert image and image.startswith(site.url), page
        images.add(image)
    assert len(images) >= len(edition().pages), "a card of its own for every page"
    for image in images:
        data = (site.directory / image.removeprefix(site.url)).read_bytes()
        assert png_size(data) == (1200, 630), image
        assert len(data) <= 150 * 1024, image


@pytest.mark.site
def test_quote_pages_are_in_the_sitemap_but_not_in_search(site):
    _, quote = first_quote()
    sitemap = ElementTree.parse(site.directory / "sitemap.xml")
    locations = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"{site.url}q/{quote.id}/", f"{site.url}en/q/{quote.id}/"} <= locations
    for root in LANGS.values():
        index = json.loads((site.directory / root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [d["location"] for d in index["docs"] if d["location"].split("#")[0].startswith(f"{root}q/")]


# -- In the browser -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_share_and_cite_put_the_public_addresses_on_the_clipboard(page, site, lang):
    section, quote = first_quote(lang)
    facts = episode(edition().docs[lang])
    root = LANGS[lang]
    grant(page, site, "clipboard-read", "clipboard-write")
    # Arriving from search: the address bar carries ?h=, which no copied link may.
    page.goto(f"{site.url}{root}{section.id}/?h=energy#{quote.id}")
    quote_page = f"{site.url}{root}q/{quote.id}/"
    clipboard = "navigator.clipboard.readText()"

    click(page, quote.id, "copy")
    assert page.evaluate(clipboard) == f"{site.url}{root}{section.id}/#{quote.id}"

    click(page, quote.id, "share")  # Chromium on Linux has no Web Share: the text is copied
    words = f"“{quote.text.plain}”"
    if lang == "zh":
        expected = f"{words}——{quote.speaker}，{facts.show}，{facts.date}，{quote_page}"
    else:
        expected = f"{words} — {quote.speaker}, {facts.show}, {facts.date}, {quote_page}"
    assert page.evaluate(clipboard) == expected

    click(page, quote.id, "cite")
    today = date.today().isoformat()
    if lang == "zh":  # GB/T 7714
        expected = f"{quote.speaker}. {facts.title}[EB/OL]. {facts.show}, {facts.iso_date}[{today}]. {quote_page}."
    else:  # Chicago
        first, last = quote.speaker.rsplit(" ", 1)
        title = facts.title.replace("“", "‘").replace("”", "’")
        expected = (
            f"{last}, {first}. “{title}.” Interview by {facts.hosts}. {facts.show}, {facts.date}. "
            f"Video podcast. {quote_page}."
        )
    assert page.evaluate(clipboard) == expected
    assert page.log.console_errors == []


@pytest.mark.browser
def test_on_a_quote_page_copy_link_gives_the_page(page, site):
    _, quote = first_quote()
    grant(page, site, "clipboard-read", "clipboard-write")
    page.goto(f"{site.url}en/q/{quote.id}/")
    assert click(page, quote.id, "copy") == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{site.url}en/q/{quote.id}/"


@pytest.mark.browser
def test_a_key_quote_shares_its_own_words_and_page(page, site):
    """A key quote may word its quote in context differently: what is shared is what the
    reader sees, and the link opens a page showing those words."""
    key_quotes = edition().docs["en"].section(SectionKind.KEY_QUOTES)
    quote = next(q for q in key_quotes.quotes if q.context_id is not None)
    grant(page, site, "clipboard-read", "clipboard-write")
    page.goto(f"{site.url}en/key-quotes/")
    click(page, quote.id, "share")
    shared = page.evaluate("navigator.clipboard.readText()")
    assert shared.startswith(f"“{quote.text.plain}” — ")
    assert shared.endswith(f", {site.url}en/q/{quote.id}/")
    page.goto(shared.rsplit(", ", 1)[1])
    shown = page.inner_text(f"#{quote.id} .admonition-title ~ p:not(:has(.quote-context))")
    assert shown == f"“{quote.text.plain}”"


@pytest.mark.browser
def test_share_uses_the_web_share_api_where_the_browser_has_it(page, site):
    _, quote = first_quote()
    page.add_init_script("navigator.share = data => { window.__shared = data; return Promise.resolve() }")
    page.goto(f"{site.url}en/q/{quote.id}/")
    page.click(f"#{quote.id} .quote-share")
    shared = page.wait_for_function("() => window.__shared").json_value()
    assert shared["url"] == f"{site.url}en/q/{quote.id}/"
    assert shared["text"].startswith(f"“{quote.text.plain}” — {quote.speaker}")
    assert site.url not in shared["text"], "the link goes once, as the url"


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "message"), [("zh", "浏览器不允许使用剪贴板"), ("en", "did not allow the clipboard")])
def test_a_refused_clipboard_is_said_and_throws_nothing(page, site, lang, message):
    section, quote = first_quote(lang)
    # Granting only reading makes Chromium deny writing: the reader said no.
    grant(page, site, "clipboard-read")
    page.goto(f"{site.url}{LANGS[lang]}{section.id}/")
    assert page.evaluate("navigator.permissions.query({name: 'clipboard-write'}).then(p => p.state)") == "denied"
    for kind in ("copy", "share", "cite"):
        assert message in click(page, quote.id, kind), kind
        page.evaluate(f"document.querySelector('#{quote.id} .quote-status').textContent = ''")
    next_task(page)
    assert page.log.console_errors == [], "no unhandled promise rejection"


# -- On a phone --------------------------------------------------------------------------------


def line_count(page, selector: str) -> int:
    """How many lines an element's own text takes."""
    return page.eval_on_selector(
        selector,
        """el => { const r = document.createRange(); r.selectNodeContents(el);
                   return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size }""",
    )


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "touch"), [("zh", False), ("en", False), ("en", True), ("zh", True)])
def test_the_quote_header_fits_a_320_px_screen_and_nothing_jumps(browser, site, lang, touch):
    section, quote = first_quote(lang)
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=touch, is_mobile=touch)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.split("/interview")[0])
    page = context.new_page()
    try:
        page.goto(f"{site.url}{LANGS[lang]}{section.id}/")
        header = f"#{quote.id} .admonition-title"
        page.wait_for_selector(f"{header} .quote-links")
        # In view first: clicking would scroll it there, which is not the header moving.
        page.locator(header).scroll_into_view_if_needed()
        # The speaker is the header's first text: a one-line title when the buttons wrap below it.
        speaker_lines = page.eval_on_selector(
            header,
            """el => { const r = document.createRange(); r.selectNodeContents(el.firstChild);
                       return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size }""",
        )
        assert speaker_lines == 1
        for kind in ("copy", "share", "cite"):
            assert line_count(page, f"{header} .quote-{kind}") == 1, kind
        boxes = """el => [...el.querySelectorAll('a, button')].map(e => {
                       const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height] })"""
        before = page.eval_on_selector(header, boxes)
        minimum = 44 if touch else 24
        assert all(w >= minimum and h >= minimum for _, _, w, h in before), before
        assert all(x + w <= 320 for x, _, w, _ in before), "nothing sticks out of the screen"
        click(page, quote.id, "copy")
        assert line_count(page, f"{header} .quote-status") == 1, "the status on one line"
        assert page.eval_on_selector(header, boxes) == before, "nothing moves when the status appears"
    finally:
        context.close()


# -- The offline edition ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_with_address(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline edition built for a public address (SITE_URL, as the deploy workflow sets it)."""
    site_dir = tmp_path_factory.mktemp("site-offline-public")
    result = mkdocs_build(site_dir, PUBLIC, str(ROOT / "mkdocs.offline.yml"))
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.mark.browser
def test_the_offline_edition_copies_the_public_address_not_a_file_path(browser, offline_with_address):
    _, quote = first_quote()
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto((offline_with_address / "en" / "q" / f"{quote.id}.html").as_uri())
        assert click(page, quote.id, "copy") == "Link copied"
        assert page.evaluate("navigator.clipboard.readText()") == f"{PUBLIC}en/q/{quote.id}/"
        click(page, quote.id, "cite")
        assert page.evaluate("navigator.clipboard.readText()").endswith(f" {PUBLIC}en/q/{quote.id}/.")
        assert not (offline_with_address / "assets" / "cards").exists(), "no cards for an edition that names none"
    finally:
        context.close()


# -- Issue 19: a refused clipboard offers the text; the access date is the reader's -----------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_refused_clipboard_offers_the_text_selected_to_copy_by_hand(page, site, lang):
    section, quote = first_quote(lang)
    root = LANGS[lang]
    grant(page, site, "clipboard-read")  # writing denied, as in the test above
    page.goto(f"{site.url}{root}{section.id}/")
    quote_page = f"{site.url}{root}q/{quote.id}/"
    offered = {}
    for kind in ("copy", "share", "cite"):
        click(page, quote.id, kind)
        field = page.locator(f"#{quote.id} .quote-manual")
        assert field.is_visible(), kind
        offered[kind] = field.input_value()
        selected = field.evaluate(
            "f => document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length"
        )
        assert selected, f"{kind}: the whole text is selected, ready to copy"
    assert offered["copy"] == f"{site.url}{root}{section.id}/#{quote.id}"
    assert offered["share"].startswith(f"“{quote.text.plain}”") and offered["share"].endswith(quote_page)
    assert quote_page in offered["cite"] and quote.speaker.split(" ")[-1] in offered["cite"]
    assert page.log.console_errors == []


@pytest.mark.browser
def test_cite_gives_the_readers_local_date_not_utcs(browser, site):
    """07:30 on 3 December in Shanghai is still 2 December in UTC."""
    section, quote = first_quote("zh")
    context = browser.new_context(timezone_id="Asia/Shanghai")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 12, 2, 23, 30, tzinfo=UTC))
    page.goto(f"{site.url}{section.id}/")
    click(page, quote.id, "cite")
    assert "[2026-12-03]" in page.evaluate("navigator.clipboard.readText()")
    context.close()
