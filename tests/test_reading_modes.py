"""The bilingual reading modes in the browser: alignment, interleaving, persistence and links,
the language switch keeping the reader's block, one quote's counterpart, keyboard, print,
without JavaScript, and search staying in one language."""

from __future__ import annotations

import json
import re

import pytest

from helpers import settled, switch_language

#: How far apart (px) the tops of a block and its counterpart may be, side by side.
TOLERANCE = 3
PAIRS = """() => [...document.querySelectorAll(".md-content .alt")]
  .filter(alt => alt.getBoundingClientRect().height > 0)
  .map(alt => {
    const own = alt.previousElementSibling, a = own.getBoundingClientRect(), b = alt.getBoundingClientRect()
    return {pair: alt.dataset.pair, same: own.dataset.pair === alt.dataset.pair, cell: !!alt.closest("td"),
            own: [a.top, a.bottom, a.left, a.right], alt: [b.top, b.bottom, b.left, b.right]}
  })"""
MODE = "() => document.querySelector('.reading-modes input:checked').value"


def pairs(page) -> list[dict]:
    return page.evaluate(PAIRS)


def pair_count(site, path: str) -> int:
    """How many counterpart blocks the built page holds."""
    return len(re.findall(r'class="alt[ "]', (site.directory / path / "index.html").read_text(encoding="utf-8")))


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_side_by_side_every_pair_starts_on_the_same_line_at_1280(page, site, lang):
    page.goto(f"{site.url}{lang}print/?mode=side")  # the one-page edition: the longest page
    found = pairs(page)
    assert len(found) == pair_count(site, f"{lang}print") > 200
    for pair in found:
        assert pair["same"], pair
        if pair["cell"]:
            continue  # a table cell stacks the two (test_side_by_side_gives_each_language_room)
        assert abs(pair["own"][0] - pair["alt"][0]) <= TOLERANCE, pair
        assert pair["own"][3] <= pair["alt"][2], f"the counterpart stands to the right: {pair}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.log.console_errors == [] and page.log.failed == []


@pytest.mark.browser
@pytest.mark.parametrize(("mode", "width"), [("side", 390), ("interleaved", 1280)])
def test_interleaved_each_counterpart_follows_its_block(page, site, mode, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site.url}jobs/?mode={mode}")
    found = pairs(page)
    assert len(found) == pair_count(site, "jobs")
    for pair in found:
        assert pair["alt"][0] >= pair["own"][1] - 1, f"the counterpart is under its block: {pair}"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["energy/", "en/print/"])
@pytest.mark.parametrize("mode", ["side", "interleaved"])
def test_no_mode_overflows_sideways(page, site, mode, path):
    """Opened on a phone, then the window widened step by step, as a reader turns a tablet or
    resizes a window: a small and a large phone, a tablet, a small and a large laptop."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{site.url}{path}?mode={mode}")
    for width in (320, 390, 768, 1024, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        settled(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width


@pytest.mark.browser
def test_the_mode_persists_across_pages_and_visits_and_the_address_links_it(page, site):
    page.goto(f"{site.url}en/energy/")
    assert page.evaluate(MODE) == "single" and pairs(page) == []
    page.click(".reading-modes label:has(input[value='side'])")
    assert page.url == f"{site.url}en/energy/?mode=side", "the address now opens in this mode"
    assert pairs(page)
    page.goto(f"{site.url}jobs/")  # another page, the other language, no ?mode=
    assert page.evaluate(MODE) == "side" and pairs(page)
    fresh = page.context.new_page()  # a later visit
    fresh.goto(f"{site.url}en/print/")
    assert fresh.evaluate(MODE) == "side"
    fresh.goto(f"{site.url}en/print/?mode=single")  # a link to a mode wins, and is remembered
    assert fresh.evaluate(MODE) == "single" and pairs(fresh) == []
    fresh.goto(f"{site.url}en/jobs/")
    assert fresh.evaluate(MODE) == "single"


@pytest.mark.browser
def test_a_mode_link_keeps_its_quote_anchor(page, site):
    quote = page.context.new_page()
    quote.goto(f"{site.url}energy/")
    quote_id = quote.eval_on_selector_all(".admonition.quote[id]", "q => q[3].id")
    page.goto(f"{site.url}en/energy/?mode=interleaved#{quote_id}")
    assert page.evaluate(MODE) == "interleaved"
    top = page.eval_on_selector(f"#{quote_id}", "el => el.getBoundingClientRect().top")
    assert 40 <= top <= 120, "the quote is at the top of the window, below the header"


@pytest.mark.browser
@pytest.mark.parametrize(("start", "target", "lang"), [("", "en/", "en"), ("en/", "", "zh")])
@pytest.mark.parametrize("mode", ["single", "side"])
def test_the_switch_lands_on_the_block_the_reader_was_at_without_a_fragment(page, site, start, target, lang, mode):
    page.goto(f"{site.url}{start}outlook-2026/?mode={mode}")
    # A list item in the middle of the page, a block with no id of its own, just below the header.
    block = page.evaluate(
        """() => {
          const item = document.querySelectorAll(".md-content li > [data-pair]")[6]
          item.scrollIntoView()  // to just below the header: the pairs' scroll-margin-top
          return item.dataset.pair
        }"""
    )
    assert "#" not in page.url
    switch_language(page, lang)
    assert page.url == f"{site.url}{target}outlook-2026/#{block}"
    assert page.eval_on_selector("html", "html => html.lang") == lang
    top = page.eval_on_selector(f"[data-pair='{block}']:not(.alt)", "el => el.getBoundingClientRect().top")
    assert 48 <= top <= 100, "the same block, just below the header"
    switch_language(page, "zh" if lang == "en" else "en")  # and back: no drift
    assert page.url == f"{site.url}{start}outlook-2026/#{block}"
    assert page.log.console_errors == [] and page.log.failed == []


@pytest.mark.browser
def test_one_quote_shows_its_counterpart_right_under_it_and_only_that_one(page, site):
    page.goto(f"{site.url}en/jobs/")
    quote = page.locator(".admonition.quote[id]").nth(1)
    quote_id = quote.get_attribute("id")
    counterpart = page.locator(f"#{quote_id} + .alt-quote")
    assert not counterpart.is_visible()
    quote.locator("label").click()
    assert counterpart.is_visible() and counterpart.get_attribute("lang") == "zh"
    assert page.locator(".alt-quote:visible").count() == 1
    quote_box, alt_box = quote.bounding_box(), counterpart.bounding_box()
    assert 0 <= alt_box["y"] - (quote_box["y"] + quote_box["height"]) <= 24
    text = (site.directory / "jobs" / "index.html").read_text(encoding="utf-8")
    assert counterpart.inner_text().strip().strip("“”")[:10] in text
    quote.locator("label").click()
    assert not counterpart.is_visible()


@pytest.mark.browser
def test_the_keyboard_chooses_a_mode_and_opens_a_quote_counterpart(page, site):
    page.goto(f"{site.url}energy/")
    page.focus(".reading-modes input[value='single']")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(MODE) == "side" and pairs(page)
    assert page.url.endswith("?mode=side")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(MODE) == "interleaved"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(MODE) == "single"
    toggle = page.locator(".admonition.quote .alt-toggle").first
    toggle.focus()
    outline = page.evaluate("() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline != "none", "the focused toggle shows where the keyboard is"
    page.keyboard.press("Space")
    assert page.locator(".alt-quote:visible").count() == 1


@pytest.mark.browser
def test_hover_and_focus_light_up_the_counterpart(page, site):
    page.goto(f"{site.url}en/jobs/?mode=side")
    background = "el => getComputedStyle(el).backgroundColor"
    alt = page.locator(".md-content p[data-pair] + .alt").first
    before = alt.evaluate(background)
    page.hover(".md-content p[data-pair]:has(+ .alt)")
    assert alt.evaluate(background) != before
    page.mouse.move(0, 0)
    link = page.locator(".admonition.quote .quote-permalink").first
    link.focus()
    quote_alt = page.locator(".admonition.quote:has(.quote-permalink) + .alt").first
    assert quote_alt.evaluate(background) != before


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["side", "interleaved"])
def test_printing_shows_both_languages_interleaved_with_no_block_cut(page, site, mode):
    page.goto(f"{site.url}print/?mode={mode}")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 700, "height": 1000})  # about an A4 page's width
    assert not page.is_visible(".reading-modes")
    found = pairs(page)
    assert len(found) == pair_count(site, "print")
    assert all(pair["alt"][0] >= pair["own"][1] - 1 for pair in found)
    styles = page.evaluate(
        """() => [...document.querySelectorAll(".md-content [data-pair]")]
          .map(el => getComputedStyle(el).breakInside)"""
    )
    assert set(styles) == {"avoid"}
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


@pytest.mark.browser
def test_without_javascript_the_modes_still_work_and_nothing_else_is_fetched(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site.url}energy/")
    assert pairs_visible(page) == 0
    page.click(".reading-modes label:has(input[value='side'])")
    assert pairs_visible(page) == pair_count(site, "energy")
    page.click(".reading-modes label:has(input[value='interleaved'])")
    assert pairs_visible(page) == pair_count(site, "energy")
    context.close()
    assert not [url for url in requested if "/en/" in url], "the other language is in the page, not fetched"


def pairs_visible(page) -> int:
    return page.evaluate(
        "[...document.querySelectorAll('.md-content .alt')].filter(e => e.getBoundingClientRect().height).length"
    )


@pytest.mark.site
@pytest.mark.parametrize(("root", "other"), [("", "en"), ("en/", "")])
def test_each_language_search_index_holds_none_of_the_other_languages_counterparts(site, root, other):
    index = json.loads((site.directory / root / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).replace("\u200b", "")
    page = (site.directory / other / "energy" / "index.html").read_text(encoding="utf-8")
    # The other edition's first quote on this page, which the counterpart blocks repeat.
    start = page.index('<div class="admonition quote"')
    quote = page[page.index("<p>“", start) + 4 :][:12]
    assert quote not in text
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations)), "no result twice"


# -- Issue 19: focus, room, unknown modes, print, phones ----------------------------------

#: Side by side, the narrowest column allowed at 1280px (about 24 Chinese characters a line).
SIDE_COLUMN = 420
COLUMNS = """() => [...document.querySelectorAll(".md-content__inner > .alt")]
  .filter(alt => alt.getBoundingClientRect().height > 0)
  .flatMap(alt => [alt.previousElementSibling.getBoundingClientRect().width, alt.getBoundingClientRect().width])"""


def relative_luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_the_reading_mode_radio_with_keyboard_focus_is_outlined(browser, site, scheme, palette):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site.url}energy/")
    assert page.get_attribute("body", "data-md-color-scheme") == palette
    page.focus(".reading-modes input[value='single']")
    page.keyboard.press("ArrowRight")  # moves the focus and the choice to the next radio
    rings = page.evaluate(
        """() => [...document.querySelectorAll(".reading-modes input")].map(input => {
          const own = getComputedStyle(input), label = getComputedStyle(input.closest("label"))
          const drawn = [own, label].find(style => style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1)
          return {focused: input === document.activeElement, color: drawn ? drawn.outlineColor : null}
        })"""
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert [ring["focused"] for ring in rings].count(True) == 1
    for ring in rings:
        if ring["focused"]:
            assert ring["color"], "the focused radio is outlined"
            assert contrast(ring["color"], background) >= 3, "WCAG 1.4.11: 3:1 against the page"
        else:
            assert ring["color"] is None, "only the focused one"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_side_by_side_gives_each_language_room_and_stacks_table_cells(page, site, lang):
    page.goto(f"{site.url}{lang}five-layer-cake/?mode=side")  # prose, quotes and a table
    at_1280 = page.evaluate(COLUMNS)
    assert at_1280 and min(at_1280) >= SIDE_COLUMN, at_1280
    # The page's table of contents is still on screen, in the navigation.
    headings = page.eval_on_selector_all(".md-content h2[id]", "hs => hs.map(h => h.id)")
    toc = page.eval_on_selector_all(
        ".md-sidebar a[href*='#']", "links => links.filter(a => a.getBoundingClientRect().height > 0).map(a => a.hash)"
    )
    assert {f"#{heading}" for heading in headings} <= set(toc)
    # A table cell shows its text and the counterpart under it, each the cell's full width.
    cells = [pair for pair in pairs(page) if pair["cell"]]
    assert cells
    for pair in cells:
        assert pair["alt"][0] >= pair["own"][1] - 1, pair
        assert abs(pair["alt"][2] - pair["own"][2]) <= 1, pair
    page.set_viewport_size({"width": 1920, "height": 1000})
    at_1920 = page.evaluate(COLUMNS)
    assert min(at_1920) > min(at_1280), "wider screens, wider columns"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920


@pytest.mark.browser
def test_an_unknown_mode_in_the_address_is_ignored_and_not_remembered(page, site):
    page.goto(f"{site.url}energy/?mode=side")
    for bad in ("bogus", "Side", ""):
        page.goto(f"{site.url}jobs/?mode={bad}")
        assert page.evaluate(MODE) == "side", bad
    page.goto(f"{site.url}en/energy/")
    assert page.evaluate(MODE) == "side"
    assert page.evaluate("localStorage.getItem('interview.reading-mode')") == "side"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_printed_headings_stay_with_the_text_they_head(page, site, lang):
    page.goto(f"{site.url}{lang}print/?mode=side")
    page.emulate_media(media="print")
    breaks = page.evaluate(
        """() => [...document.querySelectorAll(".md-content :is(h2, h3, .alt-heading)")]
          .filter(heading => heading.getBoundingClientRect().height > 0)
          .map(heading => [heading.textContent.trim(), getComputedStyle(heading).breakAfter])"""
    )
    assert len(breaks) > pair_count(site, f"{lang}print") / 20  # headings and their counterparts
    assert [heading for heading in breaks if heading[1] != "avoid"] == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_printed_glossary_definitions_follow_a_quote_not_inside_it(page, site, lang):
    page.goto(f"{site.url}{lang}print/?mode=interleaved")
    page.emulate_media(media="print")
    quotes = page.evaluate(
        """() => [...document.querySelectorAll(".md-content :is(.admonition.quote, .alt-quote)")]
          .filter(quote => quote.querySelector("abbr[title]"))
          .map(quote => ({
            inside: [...quote.querySelectorAll("abbr[title]")].map(a => getComputedStyle(a, "::after").content),
            terms: [...quote.querySelectorAll("abbr[title]")].map(a => [a.textContent.trim(), a.title]),
            after: [...quote.children].filter(c => getComputedStyle(c).display !== "none").at(-1).textContent,
          }))"""
    )
    assert quotes, "the one-page edition quotes glossary terms"
    for quote in quotes:
        assert set(quote["inside"]) == {"none"}, quote
        for term, definition in quote["terms"]:
            assert term in quote["after"] and definition in quote["after"], quote
    outside = page.evaluate(
        """() => [...document.querySelectorAll(".md-content abbr[title]")]
          .filter(a => !a.closest(".admonition.quote, .alt-quote") && a.getBoundingClientRect().height > 0)
          .map(a => getComputedStyle(a, "::after").content.includes(a.title))"""
    )
    assert outside and all(outside), "elsewhere a term still prints its definition after it"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("mode", ["interleaved", "side"])
def test_every_table_of_the_one_page_edition_fits_a_320_px_screen(page, site, lang, mode):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{site.url}{lang}print/?mode={mode}")
    tables = page.evaluate(
        """() => [...document.querySelectorAll(".md-content table")].map(table => {
          const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement
          return [table.querySelector("td")?.textContent.slice(0, 30), wrap.scrollWidth - wrap.clientWidth]
        })"""
    )
    assert tables
    assert [table for table in tables if table[1] > 0] == [], "nothing to scroll sideways, nothing cut off"
