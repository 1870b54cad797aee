"""Quotation marks as they pair. Pure.

The Chinese source opens inner quotations with closing marks throughout (关于”末日叙事”的反思,
那种’预先编写、固定播放’的软件). The site shows the pairs a reader expects (“末日叙事”,
‘预先编写、固定播放’) on pages, cards and titles alike, because parse.py passes every text it
reads through `paired`: the model holds the text as shown, the source file stays as written.
A closing mark is taken for an opening one only where it cannot be anything else: no opening
mark of its kind is pending, it does not follow a Latin letter, digit or sentence mark (an
apostrophe: "NVIDIA’s", "customers’"), it is followed by text, and a mark later in the same
text closes it. Typographic English is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Each closing mark and the opening mark it pairs with.
PAIRS = {"”": "“", "’": "‘"}
#: After these a closing mark closes (or is an apostrophe), never opens.
_NOT_BEFORE_AN_OPENING = frozenset(".,;:!?)]}")


def paired(parts: Sequence[str]) -> list[str]:
    """`parts` (the spans of one paragraph, heading or cell, read as one text) with each closing
    mark that opens a quotation turned into the opening mark."""
    text = "".join(parts)
    chars = list(text)
    for closing, opening in PAIRS.items():
        pending = False
        for at, char in enumerate(text):
            if char == opening:
                pending = True
            elif char == closing:
                pending = not pending and _opens(text, at)
                if pending:
                    chars[at] = opening
    fixed = "".join(chars)
    out, start = [], 0
    for part in parts:
        out.append(fixed[start : start + len(part)])
        start += len(part)
    return out


def _opens(text: str, at: int) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if (before.isascii() and before.isalnum()) or before in _NOT_BEFORE_AN_OPENING:
        return False
    return not after.isspace() and text[at] in text[at + 1 :]
