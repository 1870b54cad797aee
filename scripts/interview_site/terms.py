"""Check that a translation renders every term the way the term base says.

The term base (source/terms.zh-en.tsv) gives each Chinese term, name and recurring idea
its one English rendering. For every pair of blocks that parity lines up (headings, quotes,
list items, table rows, paragraphs), each term the Chinese block uses must have its
rendering in the English block; and the glossary's English headwords are the renderings
of the Chinese headwords. Findings read like parity errors: `path:line: message`.

Where one Chinese word has two renderings (推理 is 'reasoning', but 'inference' in 推理成本),
an entry may name a context: a longer Chinese phrase that contains the term. That entry then
applies wherever the Chinese has the phrase around the term, and the entry without a context
everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from interview_site.model import Block, Document, ListBlock, ListItem, Paragraph, Quote, SectionKind, SourceError, Table
from interview_site.tsv import tsv_lines

#: Any dash joins words like a space does: "open-source" uses the term "open source".
_DASHES = re.compile(r"[\s\-‐‑–—]+")


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    rendering: str
    line: int
    #: The Chinese phrase around `source` where this rendering applies; '' applies everywhere else.
    context: str = ""

    def covers(self, text: str, start: int) -> bool:
        """Whether the context phrase is in `text` around the term found at `start`."""
        phrase, folded = self.context.lower(), text.lower()
        offsets = (i for i in range(len(phrase)) if phrase.startswith(self.source.lower(), i))
        return any(folded.startswith(phrase, start - i) for i in offsets if start >= i)


@dataclass(frozen=True, slots=True)
class TermBase:
    terms: tuple[Term, ...]
    path: Path
    #: Finds any term; longest first, so that 全自动驾驶 is one term, not 自动驾驶 inside it.
    pattern: re.Pattern[str]

    def used_in(self, text: str) -> list[Term]:
        """The terms a source text uses, each once, in order of first use: at each place, the entry
        whose context is there, else the entry without one (if the term has none, nothing)."""
        found = (self._entry_at(text, m.group(0), m.start()) for m in self.pattern.finditer(text))
        return list(dict.fromkeys(term for term in found if term is not None))

    def rendering_of(self, source: str) -> Term | None:
        """The rendering without a context: the one a glossary headword shows."""
        return next((t for t in self.terms if t.source.lower() == source.lower() and not t.context), None)

    def _entry_at(self, text: str, source: str, start: int) -> Term | None:
        entries = [t for t in self.terms if t.source.lower() == source.lower()]
        in_context = (t for t in entries if t.context and t.covers(text, start))
        return next(in_context, None) or next((t for t in entries if not t.context), None)


def parse_terms(text: str, path: Path) -> TermBase:
    """`Chinese<TAB>English[<TAB>context]` lines; blank lines and lines starting with '#' are comments."""
    terms: dict[tuple[str, str], Term] = {}
    for number, fields in tsv_lines(text):
        if len(fields) not in (2, 3) or not all(fields):
            raise SourceError(path, number, "expected 'Chinese term<TAB>English rendering[<TAB>context]'")
        term = Term(fields[0], fields[1], number, fields[2] if len(fields) == 3 else "")
        if term.context and term.source.lower() not in term.context.lower():
            raise SourceError(path, number, f"context '{term.context}' does not contain '{term.source}'")
        key = (term.source.lower(), term.context.lower())
        if key in terms:
            where = f" in '{term.context}'" if term.context else ""
            first = terms[key].line
            raise SourceError(path, number, f"'{term.source}'{where} is already in the term base at line {first}")
        terms[key] = term
    sources = dict.fromkeys(source for source, _ in terms)
    alternatives = "|".join(_bounded(source) for source in sorted(sources, key=len, reverse=True))
    return TermBase(tuple(terms.values()), path, re.compile(alternatives or "(?!)", re.IGNORECASE))


def check_terms(reference: Document, translation: Document, base: TermBase) -> tuple[str, ...]:
    """Every place where ``translation`` lacks the rendering of a term ``reference`` uses.

    The two documents must have passed the parity check, so that their blocks line up."""
    findings = []
    for ref_line, ref_text, tr_line, tr_text, what in _pairs(reference, translation):
        for term in base.used_in(ref_text):
            if not _renders(term.rendering, tr_text):
                where = f" in '{term.context}'" if term.context else ""
                findings.append(
                    f"{translation.path}:{tr_line}: {what} lacks '{term.rendering}' for '{term.source}'{where} "
                    f"({reference.lang}: {reference.path}:{ref_line}; term base: {base.path}:{term.line})"
                )
    findings += _glossary_headwords(reference, translation, base)
    return tuple(findings)


def headword(rendering: str) -> str:
    """A glossary headword is the rendering with a capital first letter: 'scaling law' -> 'Scaling law'."""
    return rendering[:1].upper() + rendering[1:]


def _glossary_headwords(reference: Document, translation: Document, base: TermBase) -> Iterator[str]:
    ref_section, tr_section = reference.section(SectionKind.GLOSSARY), translation.section(SectionKind.GLOSSARY)
    if ref_section is None or tr_section is None:
        return
    ref_tables = [b for b in ref_section.blocks if isinstance(b, Table)]
    tr_tables = [b for b in tr_section.blocks if isinstance(b, Table)]
    for ref_table, tr_table in zip(ref_tables, tr_tables, strict=True):
        for i, (ref_row, tr_row) in enumerate(zip(ref_table.rows, tr_table.rows, strict=True)):
            source, shown = ref_row[0].plain.strip(), tr_row[0].plain.strip()
            term = base.rendering_of(source)
            line, ref_line = _row_line(tr_table, i), _row_line(ref_table, i)
            if term is None:
                yield f"{translation.path}:{line}: glossary term '{source}' is not in the term base {base.path}"
            elif shown != headword(term.rendering):
                yield (
                    f"{translation.path}:{line}: glossary headword '{shown}' should be '{headword(term.rendering)}' "
                    f"({reference.lang}: {reference.path}:{ref_line}; term base: {base.path}:{term.line})"
                )


def _pairs(reference: Document, translation: Document) -> Iterator[tuple[int, str, int, str, str]]:
    """(ref line, ref text, translation line, translation text, what) for every aligned pair."""
    for ref_section, tr_section in zip(reference.sections, translation.sections, strict=True):
        ref_parts = (ref_section, *ref_section.subsections)
        tr_parts = (tr_section, *tr_section.subsections)
        for ref_part, tr_part in zip(ref_parts, tr_parts, strict=True):
            yield ref_part.line, ref_part.title.plain, tr_part.line, tr_part.title.plain, "heading"
            for kind in (Quote, ListItem, Table, Paragraph):
                ref_units, tr_units = _units(ref_part.blocks, kind), _units(tr_part.blocks, kind)
                for (ref_line, ref_text, what), (tr_line, tr_text, _) in zip(ref_units, tr_units, strict=True):
                    yield ref_line, ref_text, tr_line, tr_text, what


def _units(blocks: tuple[Block, ...], kind: type) -> list[tuple[int, str, str]]:
    """The blocks of one kind as (line, text, what), list items and table rows one by one."""
    units: list[tuple[int, str, str]] = []
    for block in blocks:
        if kind is Quote and isinstance(block, Quote):
            units.append((block.line, f"{block.speaker}: {block.text.plain}", "quote"))
        elif kind is Paragraph and isinstance(block, Paragraph):
            units.append((block.line, block.text.plain, "paragraph"))
        elif kind is ListItem and isinstance(block, ListBlock):
            units += [(item.line, item.text.plain, "list item") for item in block.all_items()]
        elif kind is Table and isinstance(block, Table):
            rows = (block.header, *block.rows)
            units += [
                (_row_line(block, i - 1), " | ".join(c.plain for c in row), "table row") for i, row in enumerate(rows)
            ]
    return units


def _row_line(table: Table, index: int) -> int:
    """Row `index` (-1 is the header): a table has no blank lines, and a delimiter row after its header."""
    return table.line if index < 0 else table.line + 2 + index


def _bounded(source: str) -> str:
    """A term that starts or ends in ASCII must not be part of a longer ASCII word ('GPT' in 'ChatGPT')."""
    head = r"(?<![A-Za-z0-9])" if source[:1].isascii() and source[:1].isalnum() else ""
    tail = r"(?![A-Za-z0-9])" if source[-1:].isascii() and source[-1:].isalnum() else ""
    return head + re.escape(source) + tail


def _renders(rendering: str, text: str) -> bool:
    """The rendering is in the text as a phrase, its last word maybe plural: 'factory' in 'AI factories'."""
    words = _normalized(rendering)
    stem = re.escape(words[:-1]) + "(?:y|ies)" if words.endswith("y") else re.escape(words) + "(?:s|es)?"
    return re.search(rf"(?<![a-z0-9]){stem}(?![a-z0-9])", _normalized(text)) is not None


def _normalized(text: str) -> str:
    return _DASHES.sub(" ", text.lower().replace("’", "'"))
