"""Share cards: the 1200x630 picture a chat app or social site shows for a page. Pure: a page
record's card text in, PNG bytes out; scripts/interview_site/pipeline.py caches and writes them.

Material's social plugin is no help here: it downloads its fonts at build time and wraps only
at spaces. Lines break where line_breaks.py allows (Chinese between phrases, kinsoku on top);
an opening mark at a line's start hangs in the margin; a text too long for its box is set
smaller, and at the smallest size cut with an ellipsis, never clipped.
The font is Noto Sans CJK SC from the pinned PyPI package noto-cjk-sans-otc (see README).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from noto_cjk_sans_otc import FONT_PATH

from interview_site.line_breaks import OPENING, Piece, cut, is_wide_letter, pieces
from interview_site.model import Page

if TYPE_CHECKING:
    from PIL import ImageFont

WIDTH, HEIGHT = 1200, 630
#: Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK, then the Mono faces).
FONT_INDEX = 2

#: A text's width in pixels at a font size.
Measure = Callable[[str, int], float]


@dataclass(frozen=True, slots=True)
class Card:
    """What one card says. `title` is a section's or the site's; `text` a quote or a blurb."""

    lang: str
    site: str
    title: str
    text: str
    byline: str


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    def inside(self, other: Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.x + self.width <= other.x + other.width
            and self.y + self.height <= other.y + other.height
        )


@dataclass(frozen=True, slots=True)
class TextBlock:
    box: Box
    size: int
    lines: tuple[str, ...]
    line_height: int
    #: The colour role: "site", "title", "text" or "byline".
    role: str
    #: How far each line starts left of the box: an opening mark at its start hangs in the margin.
    hangs: tuple[int, ...] = ()


CARD_BOX = Box(0, 0, WIDTH, HEIGHT)
_MARGIN = 80
_INDENT = 112  # text starts right of the accent bar
#: The accent bar's left edge: far enough left that an opening mark hanging from a line
#: (a Chinese one is a whole em wide, its ink in the right half) keeps clear of it.
_BAR_X = _MARGIN - 20
#: The opening marks that hang: all but ASCII brackets, which Latin text sets inside its edge.
_HANGING = frozenset(mark for mark in OPENING if not mark.isascii())
_SITE = Box(_MARGIN, 44, WIDTH - 2 * _MARGIN, 48)
_BODY = Box(_INDENT, 124, WIDTH - _INDENT - _MARGIN, 380)
_BYLINE = Box(_INDENT, 532, WIDTH - _INDENT - _MARGIN, 52)
_TEXT_SIZES = (64, 58, 52, 46, 42, 38, 34)
_TEXT_SIZES_UNDER_TITLE = (40, 36, 32, 30)
_TITLE_SIZES = (56, 50, 44)
_LEADING = 1.45
_COLOURS = {
    "background": (17, 19, 21),
    "accent": (143, 209, 79),
    "site": (160, 166, 172),
    "title": (143, 209, 79),
    "text": (242, 242, 242),
    "byline": (200, 204, 208),
}


# -- Line breaking ------------------------------------------------------------------------


def _units(text: str, width: float, size: int, measure: Measure) -> Iterator[Piece]:
    """`text` in the pieces lines may break between (line_breaks.py); a phrase wider
    than a line is broken between its characters, and a word wider than a line (a very long
    word) wherever it has to be, with a hyphen."""
    for phrase, space in pieces(text):
        parts: tuple[Piece, ...] = ((phrase, space),)
        if measure(phrase, size) > width:
            inner = pieces(phrase, phrases=False)
            parts = (*inner[:-1], (inner[-1][0], space))
        for part, part_space in parts:
            if measure(part, size) <= width:
                yield part, part_space
                continue
            *whole, rest = _split_word(part, width, size, measure)
            yield from ((chunk, False) for chunk in whole)
            yield rest, part_space


def wrap(text: str, width: float, size: int, measure: Measure) -> list[str]:
    """Greedy line breaking at the breaks line_breaks.py allows. A line that starts with an
    opening mark may reach that far left (`hang`). A last line of one character takes the last
    piece of the line above along, where that line has more than one."""
    lines: list[list[str]] = []
    line: list[str] = []
    for piece, space in _units(text, width, size, measure):
        if line and measure("".join(line) + piece, size) > width + hang(line[0], size, measure):
            lines.append(line)
            line = []
        line.append(piece + (" " if space else ""))
    if line:
        lines.append(line)
    if len(lines) > 1 and len(lines[-2]) > 1 and sum(c.isalnum() for c in "".join(lines[-1])) < 2:
        moved = "".join([lines[-2][-1], *lines[-1]]).rstrip()
        if measure(moved, size) <= width + hang(moved, size, measure):
            lines[-2:] = [lines[-2][:-1], [moved]]
    return ["".join(line).rstrip() for line in lines]


def _split_word(word: str, width: float, size: int, measure: Measure) -> list[str]:
    parts, part = [], ""
    for char in word:
        if part and measure(part + char + "-", size) > width:
            latin = part[-1].isalnum() and char.isalnum() and not (is_wide_letter(part[-1]) or is_wide_letter(char))
            parts.append(part + ("-" if latin else ""))
            part = ""
        part += char
    return [*parts, part]


def hang(line: str, size: int, measure: Measure) -> float:
    """How far a line that starts with an opening mark starts left of the box: the mark hangs
    in the margin, so the line's words align with the lines above and below."""
    return measure(line[0], size) if line[:1] in _HANGING else 0.0


def fit(text: str, box: Box, sizes: tuple[int, ...], measure: Measure, role: str, ellipsis: str = "…") -> TextBlock:
    """The largest size at which `text` fits `box`; at the smallest, as many lines as fit,
    the last one cut where a line may break (line_breaks.py) and ending in `ellipsis`."""
    for size in sizes:
        line_height = round(size * _LEADING)
        lines = wrap(text, box.width, size, measure)
        if len(lines) * line_height <= box.height:
            break
    else:
        keep = max(1, box.height // line_height)
        last, room = lines[keep - 1], box.width + hang(lines[keep - 1], size, measure)
        lines = [
            *lines[: keep - 1],
            cut(last, lambda short, size=size, room=room: measure(short, size) <= room, ellipsis),
        ]
    hangs = tuple(round(hang(line, size, measure)) for line in lines)
    return TextBlock(box, size, tuple(lines), line_height, role, hangs)


def layout(card: Card, measure: Measure) -> tuple[TextBlock, ...]:
    """Where each text of a card goes, and at what size."""
    blocks = [fit(card.site, _SITE, (26,), measure, "site")]
    body = _BODY
    if card.title:
        title = fit(
            card.title, Box(body.x, body.y, body.width, round(2 * 56 * _LEADING)), _TITLE_SIZES, measure, "title"
        )
        used = len(title.lines) * title.line_height + 16
        blocks.append(title)
        body = Box(body.x, body.y + used, body.width, body.height - used)
    if card.text:
        sizes = _TEXT_SIZES_UNDER_TITLE if card.title else _TEXT_SIZES
        ellipsis = "…”" if card.text.startswith("“") else "…"
        blocks.append(fit(card.text, body, sizes, measure, "text", ellipsis))
    if card.byline:
        blocks.append(fit(card.byline, _BYLINE, (28,), measure, "byline"))
    return tuple(blocks)


# -- Drawing ------------------------------------------------------------------------------


_FEATURES = {"en": ["pwid"]}

# Pillow is imported where cards are measured or drawn, not with this module: a build whose
# cards are all in the cache (scripts/interview_site/pipeline.py) never needs it.


@cache
def raqm() -> bool:
    """Text shaping with HarfBuzz (Pillow's wheels bundle libraqm; it needs the system's FriBiDi,
    which scripts/test.sh installs). It applies the font's `pwid` feature to English cards:
    a CJK font's quotes and apostrophes are full-width by default ("I’ m")."""
    from PIL import features

    return bool(features.check("raqm"))


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    engine = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONT_PATH), size, index=FONT_INDEX, layout_engine=engine)


def measurer(lang: str) -> Measure:
    """The width of a text as a card in `lang` sets it."""
    shaping = _FEATURES.get(lang) if raqm() else None

    def measure(text: str, size: int) -> float:
        return _font(size).getlength(text, features=shaping)

    return measure


def draw(card: Card) -> bytes:
    """The card as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), _COLOURS["background"])
    pen = ImageDraw.Draw(image)
    shaping = _FEATURES.get(card.lang) if raqm() else None
    blocks = layout(card, measurer(card.lang))
    body = [b for b in blocks if b.role in ("title", "text")]
    if body:  # the accent bar runs beside the title and the text
        bottom = max(b.box.y + len(b.lines) * b.line_height for b in body)
        pen.rectangle((_BAR_X, body[0].box.y + 8, _BAR_X + 7, bottom - 8), fill=_COLOURS["accent"])
    for block in blocks:
        font = _font(block.size)
        # Each line is centred in its line box: half the leading above the glyphs.
        offset = (block.line_height - block.size) // 2
        for number, line in enumerate(block.lines):
            x = block.box.x - (block.hangs[number] if block.hangs else 0)
            position = (x, block.box.y + offset + number * block.line_height)
            pen.text(position, line, font=font, fill=_COLOURS[block.role], anchor="lt", features=shaping)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


# -- What each page's card says ------------------------------------------------------------


def card(page: Page, site_name: str) -> Card:
    """The card of a page, as its record says, under the name of the site in its language."""
    return Card(page.lang, site_name, page.card.title, page.card.text, page.card.byline)
