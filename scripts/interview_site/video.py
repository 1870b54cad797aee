"""The video facts: what the source's video table says about the episode. Pure.

One reader for them, used by the pages (the translation note links the video), the quote
pages and share cards (show and date), and Share and Cite (scripts/mkdocs_hooks.py hands
them to docs/assets/javascripts/quote-links.js).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_site.dates import long_date, read_date
from interview_site.model import Document, SectionKind, Table

#: The video table's row labels for the episode facts, in every language the site is written in.
EPISODE_ROWS = {
    "title": ("Video Title", "视频标题"),
    "show": ("Show", "节目名称"),
    "date": ("Published", "发布时间"),
    "hosts": ("Hosts", "主持人"),
}
#: A table cell that is a bare web address: the video's.
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True, slots=True)
class Episode:
    """What a quote is shared and cited with; "" where the source does not say."""

    title: str
    show: str
    hosts: str
    #: As the page's language writes a date (dates.long_date): "January 8, 2026", "2026年1月8日".
    date: str
    #: "2026-01-08", for citation styles that want it.
    iso_date: str
    #: The first cell of the table that is a bare web address, if any.
    url: str | None = None

    @property
    def credit(self) -> str:
        """Show and date, as a card's byline gives them."""
        return " · ".join(part for part in (self.show, self.date) if part)


def episode(doc: Document) -> Episode:
    section = doc.section(SectionKind.VIDEO)
    rows = [row for block in (section.blocks if section else ()) if isinstance(block, Table) for row in block.rows]
    facts = {row[0].plain.strip(): row[1].plain.strip() for row in rows if len(row) > 1}
    title, show, published, hosts = (
        next((facts[label] for label in labels if label in facts), "") for labels in EPISODE_ROWS.values()
    )
    url = next((text for row in rows for cell in row if URL.match(text := cell.plain.strip())), None)
    day = read_date(published)
    shown = published if day is None else long_date(day, doc.lang)
    return Episode(title, show, hosts, shown, day.isoformat() if day else "", url)
