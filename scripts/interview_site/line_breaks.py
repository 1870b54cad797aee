"""Where a text may break: between the lines of a share card, and where a page title, a link
label or a description is cut short. Pure; one rule for all of them, so that no title cuts
what a card keeps whole.

- A Latin word or a number breaks only at its ends: at a space, after a dash, or where Han
  text meets it ("Scaling Law并没有…" never becomes "Scaling…" nor "Scal…").
- Han text breaks between the phrases BudouX finds (its model ships inside the PyPI package,
  nothing is downloaded), and between any two characters only where a phrase is wider than
  a whole line (see `pieces(..., phrases=False)`).
- Kinsoku on top: a closing mark never starts a line, an opening mark never ends one.
- An amount stays with its scale word: "$2 trillion", "100 billion", "2万亿美元".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

import budoux

#: Characters that may not start a line (closing punctuation) or end one (opening punctuation).
CLOSING = frozenset("，。、；：？！）」』》〉】〕’”…—,.;:?!)]}%·")
OPENING = frozenset("（「『《〈【〔‘“([{")
#: Punctuation dropped before an ellipsis: "AI，…" reads badly.
BEFORE_ELLIPSIS = " ，。、；：,.;:—-"
#: Between two narrow characters a line breaks only after a dash or a closing double quote
#: ("R&D—that’s", "”Token") or before an opening mark, never after an apostrophe ("that’s").
_BREAK_AFTER = frozenset("—–”")
_AMOUNT_BEFORE = re.compile(r"(?<![\w.,])[$€£¥]?\d[\d.,]*$")
_SCALE_AFTER = re.compile(r"(?:hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
#: An amount in Chinese, kept whole: "2万亿美元", "10亿倍" (BudouX reads "2万亿 | 美元").
_ZH_AMOUNT = re.compile(r"\d[\d.,]*[十百千万亿]+(?:美元|元|倍)?|\d[\d.,]*(?:美元|元|倍)")

#: Marks BudouX is asked about without: its model reads them as parts of words.
_QUOTATION_MARKS = frozenset("“”‘’「」『』")

#: Text that no line breaks inside, and whether a space follows it.
Piece = tuple[str, bool]


def is_wide_letter(char: str) -> bool:
    """A Han character, kana or hangul: a letter set one em wide, with no spaces between words,
    which BudouX groups into phrases. (What search counts as Han is search_index._HAN; this is
    about line breaking, not about which characters a search folds.)"""
    return unicodedata.east_asian_width(char) in "WF" and unicodedata.category(char) == "Lo"


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


@cache
def pieces(text: str, phrases: bool = True) -> tuple[Piece, ...]:
    """`text` (its spaces collapsed) cut wherever a line may break. With `phrases`, Han text
    breaks only between BudouX phrases; without, between any two characters."""
    text = " ".join(text.split())
    ends = _phrase_ends(text) if phrases else None
    out: list[Piece] = []
    start = 0
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after == " ":
            continue
        if before == " ":
            if _may_break_at_space(text, i - 1):
                out.append((text[start : i - 1], True))
                start = i
        elif _may_break(before, after) and (ends is None or i in ends or not _in_phrase_text(before, after)):
            out.append((text[start:i], False))
            start = i
    if text:
        out.append((text[start:], False))
    return tuple(out)


def _may_break(before: str, after: str) -> bool:
    """Between two characters with no space between them."""
    if after in CLOSING or before in OPENING:
        return False
    return _is_wide(before) or _is_wide(after) or before in _BREAK_AFTER or after in OPENING


def _in_phrase_text(before: str, after: str) -> bool:
    """Whether BudouX decides a break between these two: one of them is a wide letter."""
    return is_wide_letter(before) or is_wide_letter(after)


def _may_break_at_space(text: str, at: int) -> bool:
    before, after = text[at - 1], text[at + 1]
    if after in CLOSING or before in OPENING:
        return False
    return not (_AMOUNT_BEFORE.search(text, 0, at) and _SCALE_AFTER.match(text, at + 1))


def _phrase_ends(text: str) -> frozenset[int]:
    """Offsets where a BudouX phrase ends, and where a quotation starts or ends; none for a text
    without Han characters. BudouX reads the text without its quotation marks, which its model
    takes for part of a word ("‘预 | 先编写"): a phrase end next to marks allows a break on either
    side of them, and kinsoku picks."""
    if not any(is_wide_letter(char) for char in text):
        return frozenset()
    kept = [at for at, char in enumerate(text) if char not in _QUOTATION_MARKS]
    ends, count = set(), 0
    for phrase in _parser().parse("".join(text[at] for at in kept)):
        count += len(phrase)
        if count < len(kept):
            ends.update(range(kept[count - 1] + 1, kept[count] + 1))
    ends.update(at for at, char in enumerate(text) if char in OPENING)
    ends.update(at + 1 for at, char in enumerate(text) if char in _QUOTATION_MARKS and char not in OPENING)
    for amount in _ZH_AMOUNT.finditer(text):
        ends.difference_update(range(amount.start() + 1, amount.end()))
    return frozenset(ends)


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_simplified_chinese_parser()


def cut(text: str, fits: Callable[[str], bool], ellipsis: str = "…") -> str:
    """The longest run of `text`'s first pieces that `fits` with `ellipsis` after it, the
    punctuation before the ellipsis dropped. Only a first word too long for any room is cut
    inside itself."""
    text = " ".join(text.split())
    kept, shown = "", ""
    for piece, space in pieces(text):
        candidate = (kept + piece).rstrip(BEFORE_ELLIPSIS) + ellipsis
        if not fits(candidate):
            break
        kept, shown = kept + piece + (" " if space else ""), candidate
    if shown:
        return shown
    for end in range(len(text) - 1, 0, -1):
        candidate = text[:end].rstrip(BEFORE_ELLIPSIS) + ellipsis
        if fits(candidate):
            return candidate
    return ellipsis


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: whole if it fits, else cut where a line could
    break, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else cut(text, lambda short: len(short) <= limit)
