"""Published quote ids keep resolving after the English words they came from change.

A quote's id is a slug of its first English words, so rewording them gives it a new id.
source/published-quote-ids.tsv lists every quote id the site has published, by page; a
retired id names the id of the quote it belongs to now, and that quote keeps the old id as
an alias anchor. A published id that is neither a quote id nor an alias fails the build, so
a rewording cannot break a link unnoticed. Removing a whole section is a choice about pages,
not quotes: the ids on a page that is gone are reported, and the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from interview_site.ids import require_ids
from interview_site.model import Block, Document, Quote, SourceError
from interview_site.tsv import tsv_lines


@dataclass(frozen=True, slots=True)
class PublishedId:
    page: str
    id: str
    #: The id of the quote it belongs to now: the same id unless it was retired.
    current: str
    line: int


def parse_published(text: str, path: Path) -> tuple[PublishedId, ...]:
    """`page<TAB>id` or `page<TAB>retired id<TAB>current id`; '#' starts a comment line."""
    entries: dict[tuple[str, str], PublishedId] = {}
    for number, fields in tsv_lines(text):
        if len(fields) not in (2, 3) or not all(fields):
            raise SourceError(path, number, "expected 'page<TAB>quote id' or 'page<TAB>retired id<TAB>current id'")
        key = (fields[0], fields[1])
        if key in entries:
            raise SourceError(
                path, number, f"'{fields[1]}' on page '{fields[0]}' is already at line {entries[key].line}"
            )
        entries[key] = PublishedId(fields[0], fields[1], fields[-1], number)
    return tuple(entries.values())


def add_aliases(
    docs: dict[str, Document], published: tuple[PublishedId, ...], path: Path
) -> tuple[dict[str, Document], tuple[str, ...]]:
    """Give each quote its retired ids as aliases, and say which entries are on pages that are gone.

    Raises SourceError at the first entry on a page that exists that does not resolve. Every
    edition has the same ids (ids.assign_ids), so any one will do."""
    doc = next(iter(docs.values()))
    require_ids(doc, "add_aliases")
    pages = {section.id: {quote.id for quote in section.quotes} for section in doc.sections}
    in_use = {i for s in doc.sections for i in (s.id, *(sub.id for sub in s.subsections), *(q.id for q in s.quotes))}
    aliases: dict[str, tuple[str, ...]] = {}
    gone = []
    for entry in published:
        where = f"page '{entry.page}'"
        if entry.page not in pages:
            gone.append(f"{path}:{entry.line}: no page '{entry.page}' any more, so links to '{entry.id}' fail")
            continue
        if entry.current not in pages[entry.page]:
            if entry.current == entry.id:
                message = f"published quote id '{entry.id}' is no longer on {where}; add the id of the quote it became"
            else:
                message = f"'{entry.current}' is not a quote id on {where}, so '{entry.id}' cannot point to it"
            raise SourceError(path, entry.line, message)
        if entry.current != entry.id:
            if entry.id in in_use:
                raise SourceError(path, entry.line, f"'{entry.id}' is an id on the site again; drop its third column")
            aliases[entry.current] = (*aliases.get(entry.current, ()), entry.id)
    return {lang: _with_aliases(d, aliases) for lang, d in docs.items()}, tuple(gone)


def _with_aliases(doc: Document, aliases: dict[str, tuple[str, ...]]) -> Document:
    def update(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(replace(b, aliases=aliases.get(b.id, ())) if isinstance(b, Quote) else b for b in blocks)

    return replace(doc, sections=tuple(s.with_blocks(update) for s in doc.sections))
