"""Share cards: the 1200x630 picture a chat app or social site shows for a page. Pure: a page
record's card text in, PNG bytes out; scripts/interview_site/pipeline.py caches and writes them.

Material's social plugin is no help here: it downloads its fonts at build time and wraps only
at spaces. Chinese may break between any two characters, except that closing punctuation
never starts a line and opening punctuation never ends one (kinsoku); a text too long for
its box is set smaller, and at the smallest size cut with an ellipsis, never clipped.
The font is Noto Sans CJK SC from the pinned PyPI package noto-cjk-sans-otc (see README).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from noto_cjk_sans_otc import FONT_PATH

from interview_site.model import Page

if TYPE_CHECKING:
    from PIL import ImageFont

WIDTH, HEIGHT = 1200, 630
#: Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK, then the Mono faces).
FONT_INDEX = 2
#: Characters that may not start a line (closing punctuation) or end one (opening punctuation).
CLOSING = frozenset("，。、；：？！）」』》〉】〕’”…—,.;:?!)]}%·")
OPENING = frozenset("（「『《〈【〔‘“([{")
#: Punctuation dropped before an ellipsis: "AI，…" reads badly.
_BEFORE_ELLIPSIS = " ，。、；：,.;:—-"

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


CARD_BOX = Box(0, 0, WIDTH, HEIGHT)
_MARGIN = 80
_INDENT = 112  # text starts right of the accent bar
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


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def atoms(text: str) -> list[tuple[str, bool]]:
    """`text` cut where a line may break: (piece, followed by a space). A Han character is a
    piece of its own, a Latin word is one piece, and punctuation sticks to the piece that it
    must not be parted from."""
    pieces: list[tuple[str, bool]] = []
    word = ""
    for char in text:
        if char.isspace():
            if word:
                pieces.append((word, True))
                word = ""
            elif pieces:
                pieces[-1] = (pieces[-1][0], True)
        elif _is_wide(char) or char in CLOSING or char in OPENING:
            if word:
                pieces.append((word, False))
                word = ""
            pieces.append((char, False))
        else:
            word += char
    if word:
        pieces.append((word, False))
    return _kinsoku(pieces)


def _kinsoku(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Closing marks join the piece before them and opening marks the piece after them, a
    space between them included, so no line starts with the one or ends with the other."""
    out: list[tuple[str, bool]] = []
    glue_next = False
    for piece, space in pieces:
        if out and (glue_next or piece[0] in CLOSING):
            before, spaced = out[-1]
            out[-1] = (before + (" " if spaced else "") + piece, space)
        else:
            out.append((piece, space))
        glue_next = out[-1][0][-1] in OPENING
    return out


def wrap(text: str, width: float, size: int, measure: Measure) -> list[str]:
    """Greedy line breaking at the breaks `atoms` allows; a piece wider than a whole line (a
    very long word) is split, with a hyphen, wherever it has to be."""
    lines: list[str] = []
    line = ""
    for piece, space in atoms(text):
        candidate = line + piece
        if line and measure(candidate, size) > width:
            lines.append(line.rstrip())
            line, candidate = "", piece
        if measure(candidate, size) > width:
            parts = _split_word(candidate, width, size, measure)
            lines += parts[:-1]
            candidate = parts[-1]
        line = candidate + (" " if space else "")
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _split_word(word: str, width: float, size: int, measure: Measure) -> list[str]:
    parts, part = [], ""
    for char in word:
        if part and measure(part + char + "-", size) > width:
            parts.append(part + ("-" if part[-1].isalnum() and char.isalnum() else ""))
            part = ""
        part += char
    return [*parts, part]


def fit(text: str, box: Box, sizes: tuple[int, ...], measure: Measure, role: str, ellipsis: str = "…") -> TextBlock:
    """The largest size at which `text` fits `box`; at the smallest, as many lines as fit,
    the last one ending in `ellipsis`."""
    for size in sizes:
        line_height = round(size * _LEADING)
        lines = wrap(text, box.width, size, measure)
        if len(lines) * line_height <= box.height:
            return TextBlock(box, size, tuple(lines), line_height, role)
    keep = max(1, box.height // line_height)
    last = lines[keep - 1]
    while last and measure(last.rstrip(_BEFORE_ELLIPSIS) + ellipsis, size) > box.width:
        last = last[:-1]
    last = last.rstrip(_BEFORE_ELLIPSIS)
    # An opening mark must not end the line, ellipsis or not.
    while last and last[-1] in OPENING:
        last = last[:-1]
    return TextBlock(box, size, (*lines[: keep - 1], last + ellipsis), line_height, role)


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
        pen.rectangle((_MARGIN, body[0].box.y + 8, _MARGIN + 7, bottom - 8), fill=_COLOURS["accent"])
    for block in blocks:
        font = _font(block.size)
        # Each line is centred in its line box: half the leading above the glyphs.
        offset = (block.line_height - block.size) // 2
        for number, line in enumerate(block.lines):
            position = (block.box.x, block.box.y + offset + number * block.line_height)
            pen.text(position, line, font=font, fill=_COLOURS[block.role], anchor="lt", features=shaping)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


# -- What each page's card says ------------------------------------------------------------


def card(page: Page, site_name: str) -> Card:
    """The card of a page, as its record says, under the name of the site in its language."""
    return Card(page.lang, site_name, page.card.title, page.card.text, page.card.byline)
