"""Check that a translation has the same shape as the document it translates.

Both editions share page names, heading ids and quote ids, which only works if they
line up one to one: same sections in the same order, and in each, the same quotes,
list items, table rows and paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from interview_site.model import Block, Document, ListBlock, Paragraph, Quote, Section, SourceError, Subsection, Table


@dataclass(frozen=True, slots=True)
class Shape:
    """What must match between two editions of one section or subsection."""

    quotes: int
    list_items: int
    table_rows: int
    table_columns: tuple[int, ...]
    paragraphs: int


def check_parity(reference: Document, translation: Document) -> None:
    """Raise SourceError at the first place where ``translation`` departs from ``reference``."""
    ref, tr = reference.lang, translation.lang

    def fail(line: int, ref_line: int, message: str) -> SourceError:
        return SourceError(translation.path, line, f"{message} ({ref}: {reference.path}:{ref_line})")

    if len(reference.sections) != len(translation.sections):
        # Point at the first section that differs: that is where one is missing or extra.
        at = _first_difference(reference.sections, translation.sections)
        ref_at = reference.sections[min(at, len(reference.sections) - 1)]
        tr_at = translation.sections[min(at, len(translation.sections) - 1)]
        where = f"section '{_name(tr_at)}'" if at < len(translation.sections) else f"the end, after '{_name(tr_at)}'"
        raise fail(
            tr_at.line,
            ref_at.line,
            f"{ref} has {len(reference.sections)} sections, {tr} has {len(translation.sections)}; they part at {where}",
        )
    for ref_section, tr_section in zip(reference.sections, translation.sections, strict=True):
        name = _name(tr_section)
        if ref_section.kind is not tr_section.kind:
            raise fail(
                tr_section.line,
                ref_section.line,
                f"section '{name}' is a {tr_section.kind.value} section in {tr}, "
                f"but '{ref_section.title.plain}' is a {ref_section.kind.value} section in {ref}",
            )
        if len(ref_section.subsections) != len(tr_section.subsections):
            raise fail(
                tr_section.line,
                ref_section.line,
                f"section '{name}': {ref} has {len(ref_section.subsections)} subsections, "
                f"{tr} has {len(tr_section.subsections)}",
            )
        parts = zip(ref_section.parts, tr_section.parts, strict=True)
        for ref_part, tr_part in parts:
            where = name if tr_part is tr_section else f"{name} › {_name(tr_part)}"
            ref_shape, tr_shape = shape(ref_part.blocks), shape(tr_part.blocks)
            for field, ref_value, tr_value in _differences(ref_shape, tr_shape):
                raise fail(
                    tr_part.line,
                    ref_part.line,
                    f"section '{where}': {ref} has {ref_value} {field}, {tr} has {tr_value}",
                )


def shape(blocks: tuple[Block, ...]) -> Shape:
    tables = [b for b in blocks if isinstance(b, Table)]
    return Shape(
        quotes=sum(isinstance(b, Quote) for b in blocks),
        list_items=sum(_count_items(b) for b in blocks if isinstance(b, ListBlock)),
        table_rows=sum(len(t.rows) for t in tables),
        table_columns=tuple(len(t.header) for t in tables),
        paragraphs=sum(isinstance(b, Paragraph) for b in blocks),
    )


def _first_difference(reference: tuple[Section, ...], translation: tuple[Section, ...]) -> int:
    def signature(section: Section) -> tuple[object, ...]:
        return section.kind, len(section.subsections), tuple(shape(part.blocks) for part in section.parts)

    pairs = enumerate(zip(reference, translation, strict=False))
    return next((i for i, (a, b) in pairs if signature(a) != signature(b)), min(len(reference), len(translation)))


def _count_items(block: ListBlock) -> int:
    return sum(1 for _ in block.all_items())


def _differences(a: Shape, b: Shape) -> Iterator[tuple[str, object, object]]:
    for field in Shape.__dataclass_fields__:
        left, right = getattr(a, field), getattr(b, field)
        if left != right:
            noun = field.replace("_", " ")
            yield (noun.removesuffix("s") if left == 1 else noun), _count(left), _count(right)


def _count(value: object) -> object:
    """Table columns are per table: (2, 4) reads '2 + 4'."""
    if isinstance(value, tuple):
        return " + ".join(map(str, value)) or "0"
    return value


def _name(part: Section | Subsection) -> str:
    return part.id or part.title.plain
