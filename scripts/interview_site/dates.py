"""Dates as each edition writes them, from Babel's CLDR data (Babel comes with Material for
MkDocs) rather than formats of our own. Pure.

The English edition writes US dates, "January 8, 2026": its source does, and so does the
Chicago style its citations follow. The Chinese edition writes "2026年1月8日".
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date

#: Babel's locale for each edition's language.
LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}
#: A date as the Chinese source writes it.
_ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
#: A Chinese date followed at once by more words, with no space or mark between them.
_DATE_RUN_ON = re.compile(rf"({_ZH_DATE.pattern})(?=[^\s\d，。、；：,.;:·）)])")


def read_date(text: str) -> date | None:
    """A date as the sources write it ("2026年1月8日", "January 8, 2026"); None for anything else."""
    text = text.strip()
    try:
        if match := _ZH_DATE.fullmatch(text):
            return date(*map(int, match.groups()))
        return datetime.strptime(text, "%B %d, %Y").date()
    except ValueError:  # no such day ("2026年13月8日"), or not a date at all
        return None


def long_date(day: date, lang: str) -> str:
    """`day` as an edition in `lang` writes it in running text."""
    return format_date(day, "long", locale=LOCALES.get(lang, lang))


def set_off_dates(text: str, separator: str) -> str:
    """`text` with `separator` after a date that runs straight into the next words: the
    Chinese source's closing line reads "文档生成时间：2026年1月30日视频ID：…", where the
    English one has "January 30, 2026 · Video ID: …"."""
    return _DATE_RUN_ON.sub(rf"\1{separator}", text)
