"""cards.py: line breaking (kinsoku), fitting (shrink, then ellipsis) and the card's boxes."""

from __future__ import annotations

import io
import itertools
import unicodedata
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from interview_site import pipeline
from interview_site.cards import (
    CARD_BOX,
    WIDTH,
    Box,
    Card,
    card,
    draw,
    fit,
    layout,
    measurer,
    raqm,
    wrap,
)
from interview_site.line_breaks import CLOSING, OPENING, pieces
from interview_site.model import CardText, Page, PageKind, StageError

SITE_NAMES = {"zh": "黄仁勋 No Priors 访谈", "en": "Jensen Huang on No Priors"}
BOX = Box(0, 0, 400, 300)


def monospace(text: str, size: int) -> float:
    """A stand-in font: Han characters and full-width marks one em, the rest half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


@cache
def all_cards() -> dict[str, Card]:
    edition = pipeline.load()
    return {page.path: card(page, SITE_NAMES[page.lang]) for page in edition.pages}


# -- Line breaking ----------------------------------------------------------------------------


def test_han_text_breaks_between_any_two_characters():
    assert wrap("一二三四五六七八九十", 40, 10, monospace) == ["一二三四", "五六七八", "九十"]


def test_closing_punctuation_never_starts_a_line():
    # Four characters fit a line; the comma would come fifth, so it goes down with its phrase.
    lines = wrap("我们在讨论，要放慢脚步。", 40, 10, monospace)
    assert lines == ["我们在", "讨论，要", "放慢", "脚步。"]


def test_opening_punctuation_never_ends_a_line():
    lines = wrap("一二三“四五六”七", 40, 10, monospace)
    assert lines[0] == "一二三"
    assert not any(line.endswith("“") for line in lines)


def test_latin_words_in_han_text_stay_whole():
    lines = wrap("推理Token的生成速度", 60, 10, monospace)
    assert "Token" in "".join(lines)
    assert all("Tok" not in line or "Token" in line for line in lines)


def test_english_breaks_only_at_spaces():
    assert wrap("one two three four", 50, 10, monospace) == ["one two", "three four"]


def test_a_word_longer_than_the_line_is_split_with_a_hyphen():
    lines = wrap("a Pneumonoultramicroscopicsilicovolcanoconiosis b", 60, 10, monospace)
    assert len(lines) > 3
    assert all(monospace(line, 10) <= 60 for line in lines)
    assert lines[1].endswith("-")
    assert "".join(line.removesuffix("-") for line in lines[1:-1]) in "Pneumonoultramicroscopicsilicovolcanoconiosis b"


@cache
def zh_quotes() -> list[str]:
    doc = pipeline.load().docs["zh"]
    return [q.text.plain for s in doc.sections for q in s.quotes]


#: Line widths, in the stand-in font's 10 px characters.
WIDTHS = range(60, 200, 10)


def test_chinese_lines_break_between_phrases():
    for text, width in itertools.product(zh_quotes(), WIDTHS):
        lines = wrap(text, width, 10, monospace)
        for phrase, _ in pieces(text):
            if monospace(phrase, 10) <= width:
                assert any(phrase in line for line in lines), (phrase, lines)


def test_no_last_line_of_one_character():
    for text, width in itertools.product(zh_quotes(), WIDTHS):
        lines = wrap(text, width, 10, monospace)
        if len(lines) > 1 and len(pieces(lines[-2])) > 1:
            assert sum(c.isalnum() for c in lines[-1]) > 1, lines


def test_an_amount_stays_with_its_scale_word_on_a_card():
    for width in range(60, 120, 5):
        lines = wrap("R&D—that’s $2 trillion of R&D", width, 10, monospace)
        assert any("$2 trillion" in line for line in lines), lines
        lines = wrap("假设2%用于研发——那就是2万亿美元。这", width, 10, monospace)
        assert any("2万亿美元" in line for line in lines), lines


#: Text made of characters and words with at most one mark on either side: every unbreakable
#: run fits a line, so kinsoku never has to give way.
TEXTS = st.lists(
    st.tuples(
        st.sampled_from(["", "“", "（"]),
        st.sampled_from([*"一二三四五六七", "AB", "ABC"]),
        st.sampled_from(["", "，", "。", "”", "！", "）"]),
        st.sampled_from(["", " "]),
    ).map("".join),
    min_size=1,
    max_size=30,
).map("".join)


@given(TEXTS)
def test_kinsoku_holds_for_any_text(text):
    lines = wrap(text, 50, 10, monospace)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # An opening quotation mark hangs left of the line (test_an_opening_mark_hangs_…).
    assert all(monospace(line[1:] if line[0] in OPENING else line, 10) <= 50 for line in lines)
    assert not any(line[0] in CLOSING for line in lines[1:]), lines
    assert not any(line[-1] in OPENING for line in lines[:-1]), lines


# -- Fitting ----------------------------------------------------------------------------------


def test_a_short_text_gets_the_largest_size():
    block = fit("一二三", BOX, (40, 20, 10), monospace, "text")
    assert (block.size, block.lines) == (40, ("一二三",))


def test_a_longer_text_shrinks_before_it_is_cut():
    text = "一" * 60
    block = fit(text, BOX, (40, 20, 10), monospace, "text")
    assert block.size == 20
    assert "".join(block.lines) == text


def test_a_text_too_long_at_the_smallest_size_ends_in_an_ellipsis_inside_its_box():
    text = "一二三，四五六。" * 200
    block = fit(text, BOX, (40, 20, 10), monospace, "text", ellipsis="…”")
    assert block.size == 10
    assert block.lines[-1].endswith("…”")
    assert not block.lines[-1].endswith("，…”"), "no comma before the ellipsis"
    assert len(block.lines) * block.line_height <= BOX.height
    assert all(monospace(line, 10) <= BOX.width for line in block.lines)


# -- The cards of the site --------------------------------------------------------------------


def test_every_page_has_a_card_and_quote_cards_show_the_quote():
    found = all_cards()
    edition = pipeline.load()
    assert set(found) == set(edition.markdown)
    quote_cards = [card for name, card in found.items() if "/q/" in name]
    assert quote_cards and all(c.text.startswith("“") and c.byline.startswith("— ") for c in quote_cards)
    assert found["en/index.md"].site == "Jensen Huang on No Priors"


def test_no_text_leaves_its_box_and_no_box_leaves_the_card(subtests: pytest.Subtests):
    # A subtest per page: the pages are known only once the pipeline has run, never at collection.
    for name, drawn in sorted(all_cards().items()):
        with subtests.test(name=name):
            measure = measurer(drawn.lang)
            blocks = layout(drawn, measure)
            assert {b.role for b in blocks} >= {"site", "text", "byline"}
            for block in blocks:
                assert block.box.inside(CARD_BOX), block
                assert len(block.lines) * block.line_height <= block.box.height, block
                # A line may reach left into the margin by its hanging opening mark, no further.
                hangs = block.hangs or (0,) * len(block.lines)
                assert len(hangs) == len(block.lines) and block.box.x - max(hangs) >= 0
                for line, hang in zip(block.lines, hangs, strict=True):
                    assert measure(line, block.size) <= block.box.width + hang, block
            for upper, lower in itertools.pairwise(blocks):
                assert upper.box.y + len(upper.lines) * upper.line_height <= lower.box.y, (upper, lower)


def test_english_cards_set_quotes_and_apostrophes_proportionally():
    """The font is a CJK one, whose quotes are full-width unless shaping asks otherwise."""
    assert raqm(), "Pillow's text shaping needs the system's FriBiDi (scripts/test.sh installs it)"
    english, chinese = measurer("en"), measurer("zh")
    assert english("’", 60) < 30
    assert chinese("，", 60) == 60


def test_a_card_is_a_1200_by_630_png_under_150_kb():
    longest = max(all_cards().values(), key=lambda card: len(card.text))
    data = draw(longest)
    assert len(data) <= 150 * 1024
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_quote_far_too_long_for_a_card_is_cut_with_an_ellipsis_in_the_real_font(lang):
    quote = next(card for name, card in all_cards().items() if name.startswith(f"{lang}/q/"))
    long = Card(lang, quote.site, "", quote.text[:-1] * 6 + "”", quote.byline)
    measure = measurer(lang)
    text, short = (next(b for b in layout(card, measure) if b.role == "text") for card in (long, quote))
    assert text.size < short.size, "smaller first"
    assert text.lines[-1].endswith("…”"), "then cut"
    assert len(text.lines) * text.line_height <= text.box.height
    assert all(
        measure(line, text.size) <= text.box.width + hang for line, hang in zip(text.lines, text.hangs, strict=True)
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_opening_mark_hangs_left_of_its_line_and_clear_of_the_bar(lang):
    """The quote's opening mark, and one that starts any later line ("‘预先编写…"), hang in the
    margin: the words of every line start at the text's edge."""
    measure = measurer(lang)
    texts = {
        name: next(b for b in layout(card, measure) if b.role == "text")
        for name, card in all_cards().items()
        if name.startswith(f"{lang}/q/")
    }
    for text in texts.values():
        assert text.lines[0].startswith("“")
        assert text.hangs[0] == round(measure("“", text.size))
    # Drawn: the first quote card, and those with a later line that starts with a mark.
    drawn = [name for name, text in sorted(texts.items()) if any(line[0] in OPENING for line in text.lines[1:])]
    assert drawn or lang == "en", "some Chinese card has a line starting with an opening mark"
    for name in [min(texts), *drawn]:
        card, text = all_cards()[name], texts[name]
        image = Image.open(io.BytesIO(draw(card))).convert("RGB")
        bar = [x for x in range(WIDTH) if image.getpixel((x, text.box.y + 20)) == (143, 209, 79)]
        assert bar, "the accent bar beside the text"
        for number, line in enumerate(text.lines):
            rows = range(text.box.y + number * text.line_height, text.box.y + (number + 1) * text.line_height)
            # Where the text's near-white ink starts in this line (the green bar is darker).
            band = image.crop((0, rows.start, WIDTH, rows.stop)).convert("L").point(lambda v: 255 * (v > 200))
            ink = band.getbbox()[0]
            if line[0] in OPENING and not line[0].isascii():
                assert max(bar) + 4 < ink < text.box.x, (name, line)
            else:
                # A "j" reaches a little left of where it stands.
                assert text.box.x - text.size / 8 <= ink < text.box.x + text.size / 4, (name, line)


@pytest.mark.parametrize("text", [CardText("A title", "", ""), None])
def test_a_page_without_card_text_is_an_error_not_a_generic_card(text):
    with pytest.raises(StageError, match=r"^page en/new\.md \(print\) has no share card text$"):
        Page("en", "new.md", PageKind.PRINT, "# New\n", text, in_search=True)
