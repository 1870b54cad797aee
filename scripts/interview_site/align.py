"""Block-by-block alignment of the editions: one pair id per block, the same in every language.

Parity (parity.py) guarantees that both editions have the same blocks in the same order in
every section, so a block's place names its pair: '<section id>.<n>', n counting the
section's paragraphs, list items, table rows and quotes in reading order, subsections
included. A dot never occurs in a heading or quote id, so pair ids never clash with them.
Headings need no new id: theirs (ids.py) are shared already. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import count

from interview_site.ids import require_ids
from interview_site.model import (
    Block,
    Document,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Section,
    SourceError,
    StageError,
    Table,
)

#: What a pair id stands for in one edition: a block's text, or a table row's cells.
Counterpart = Inline | tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    """One edition's side of a pair: its id, the source line it starts on and its text."""

    id: str
    line: int
    text: Counterpart


def align(doc: Document) -> Document:
    """The document with a pair id on every paragraph, list item, table row and quote."""
    # A pair id is made of its section's id: without ids every pair would be '.1', '.2', ...
    require_ids(doc, "align")
    return replace(doc, sections=tuple(_aligned(section) for section in doc.sections))


def pairs(doc: Document) -> Iterator[Pair]:
    """Every heading (by its id: the title's is "interview") and aligned block of ``doc``, in reading order."""
    require_aligned(doc)
    yield Pair("interview", doc.title_line, doc.title)
    for section in doc.sections:
        for part in section.parts:
            yield Pair(part.id, part.line, part.title)
            for block in part.blocks:
                yield from _pairs(block)


def counterparts(doc: Document) -> dict[str, Counterpart]:
    """Pair id -> text, for every aligned block and every heading (by its id) of ``doc``."""
    return {pair.id: pair.text for pair in pairs(doc)}


def require_aligned(doc: Document) -> None:
    """Raise StageError unless ``doc`` has been through `align`: an edition read beside another
    (the bilingual reading modes) finds its counterparts by pair id."""
    if not all(_is_aligned(block) for section in doc.sections for block in section.all_blocks):
        raise StageError(f"{doc.path}: the bilingual pages need aligned editions: run align.align first")


def check_alignment(reference: Document, translation: Document) -> None:
    """Raise SourceError where the two editions' pairs are not the same kind of block.

    Parity checks counts per section; this checks the order too (a quote where the other
    edition has a paragraph), which side-by-side reading depends on."""
    for ref_section, tr_section in zip(reference.sections, translation.sections, strict=True):
        for ref_block, tr_block in zip(_flat(ref_section), _flat(tr_section), strict=True):
            if type(ref_block) is not type(tr_block):
                raise SourceError(
                    translation.path,
                    tr_block.line,
                    f"section '{tr_section.id}': a {_kind(tr_block)} here is a {_kind(ref_block)} in "
                    f"{reference.lang} ({reference.path}:{ref_block.line}); side by side they would not line up",
                )


def _aligned(section: Section) -> Section:
    numbers = count(1)

    def pair() -> str:
        return f"{section.id}.{next(numbers)}"

    def block(b: Block) -> Block:
        match b:
            case Paragraph() | Quote():
                return replace(b, pair=pair())
            case ListBlock():
                return replace(b, items=tuple(item(i) for i in b.items))
            case Table():
                return replace(b, pairs=tuple(pair() for _ in b.rows))

    def item(i: ListItem) -> ListItem:
        own = pair()  # before the children: reading order
        return replace(i, pair=own, children=tuple(block(child) for child in i.children))

    return section.with_blocks(lambda blocks: tuple(block(b) for b in blocks))


def _is_aligned(block: Block) -> bool:
    match block:
        case Paragraph() | Quote():
            return bool(block.pair)
        case ListBlock():
            return all(item.pair for item in block.all_items())
        case Table():
            return len(block.pairs) == len(block.rows)


def _pairs(block: Block) -> Iterator[Pair]:
    match block:
        case Paragraph() | Quote():
            yield Pair(block.pair, block.line, block.text)
        case ListBlock():
            for item in block.all_items():
                yield Pair(item.pair, item.line, item.text)
        case Table():
            # A table has no blank lines, and a delimiter row after its header.
            for number, (pair, row) in enumerate(zip(block.pairs, block.rows, strict=True)):
                yield Pair(pair, block.line + 2 + number, row)


def _flat(section: Section) -> Iterator[Paragraph | ListItem | Table | Quote]:
    """Every aligned node in reading order (a table counts once: its rows are checked by parity)."""
    for block in section.all_blocks:
        if isinstance(block, ListBlock):
            yield from block.all_items()
        else:
            yield block


def _kind(node: Paragraph | ListItem | Table | Quote) -> str:
    return {Paragraph: "paragraph", ListItem: "list item", Table: "table", Quote: "quote"}[type(node)]
