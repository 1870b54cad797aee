"""Readable ASCII ids for pages, headings and quotes, shared by every edition.

Ids come from one edition, the *id edition* (English when there is one): a heading's
explicit `{ #id }`, or a slug of its text; a quote's id is a slug of its first words (and,
outside the topic sections, of its section), so adding or removing another quote does not
change it; only two topic quotes that begin with the same words are told apart in order.
The other editions take the ids of the parts they line up with (parity.py guarantees they
line up).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher

from interview_site.model import Document, Quote, Section, SectionKind, SourceError, StageError

QUOTE_ID_WORDS = 6
QUOTE_ID_MAX = 48
#: Page names MkDocs or the site itself already uses.
RESERVED = frozenset({"index", "quotes", "print", "search", "assets", "stylesheets", "javascripts", "404"})
#: A key quote and a topic-section quote are the same quote when they share this much.
SAME_QUOTE_OVERLAP = 0.6

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’]")
_PUNCTUATION = re.compile(r"[\W_]+")


def slugify(text: str, max_length: int = 64) -> str:
    """ASCII kebab-case: 'AI’s “Five-Layer” Cake' -> 'ais-five-layer-cake'."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", text).lower())
    # Accents go; any other non-ASCII character (a dash, a Han character) separates words,
    # so 'US–China' is 'us-china', not 'uschina'.
    ascii_text = "".join(c if c.isascii() else "" if unicodedata.combining(c) else " " for c in text)
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-")


def assign_ids(docs: dict[str, Document], id_lang: str) -> dict[str, Document]:
    """Give every edition the ids of the id edition. Raises SourceError on a clash."""
    source = docs[id_lang]
    section_ids = [_section_id(s, i) for i, s in enumerate(source.sections, 1)]
    sub_ids = [[sub.id or slugify(sub.title.plain) for sub in s.subsections] for s in source.sections]
    _check_unique(source, section_ids, sub_ids, RESERVED | set(docs))
    quote_ids = _quote_ids(source, section_ids, {i for ids in [section_ids, *sub_ids] for i in ids})
    return {lang: _with_ids(doc, section_ids, sub_ids, iter(quote_ids)) for lang, doc in docs.items()}


def _section_id(section: Section, number: int) -> str:
    if section.kind is not SectionKind.TOPIC:
        return section.kind.value
    # Without an English edition a Chinese title may have no ASCII in it at all.
    return section.id or slugify(section.title.plain) or f"section-{number}"


def _check_unique(doc: Document, section_ids: list[str], sub_ids: list[list[str]], reserved: set[str]) -> None:
    """Reserved are the site's own page names and the language folders ('en' would be /en/)."""
    seen: dict[str, int] = {}
    for section, section_id, subs in zip(doc.sections, section_ids, sub_ids, strict=True):
        if section.kind is SectionKind.TOPIC and section_id in reserved:
            raise SourceError(doc.path, section.line, f"section id '{section_id}' is reserved; choose another")
        parts = [(section, section_id), *zip(section.subsections, subs, strict=True)]
        for part, part_id in parts:
            if not part_id:
                raise SourceError(doc.path, part.line, "heading has no ASCII id; add one: '### Title { #some-id }'")
            if part_id in seen:
                raise SourceError(
                    doc.path,
                    part.line,
                    f"'{part.title.plain}' maps to id '{part_id}', already used at line {seen[part_id]}; "
                    "give one of them an explicit '{ #id }'",
                )
            seen[part_id] = part.line


def _quote_ids(doc: Document, section_ids: list[str], taken: set[str]) -> list[str]:
    ids, seen = [], set()
    for section, section_id in zip(doc.sections, section_ids, strict=True):
        for quote in section.quotes:
            key = f"{section_id}\n{quote.text.plain}"
            if key in seen:
                raise SourceError(doc.path, quote.line, "this quote appears twice word for word in this section")
            seen.add(key)
            words = slugify(quote.text.plain, max_length=200).split("-")
            candidate = "-".join(words[:QUOTE_ID_WORDS])[:QUOTE_ID_MAX].rstrip("-")
            # A quote block takes an id only if it is a CSS identifier, which never starts with a
            # digit; otherwise pymdownx drops the whole block and the reader sees '/// quote'.
            if candidate[:1].isdigit():
                candidate = f"quote-{candidate}"
            # Key quotes repeat topic quotes, often with the same first words: naming them after
            # their section too means neither id depends on whether the other is there.
            if candidate and section.kind is not SectionKind.TOPIC:
                candidate = f"{candidate}-{section_id}"
            # A text-derived suffix, not a counter, so ids never depend on the order of quotes.
            digest = hashlib.sha1(key.encode()).hexdigest()
            if not candidate:
                candidate = f"quote-{digest[:8]}"
            elif candidate in taken:
                # Longer only when a short suffix is taken too (keys are unique, so this ends).
                candidate = next(
                    f"{candidate}-{digest[:n]}" for n in (4, 8, 40) if f"{candidate}-{digest[:n]}" not in taken
                )
            taken.add(candidate)
            ids.append(candidate)
    return ids


def _with_ids(doc: Document, section_ids: list[str], sub_ids: list[list[str]], quote_ids) -> Document:
    def quotes(blocks):
        return tuple(replace(b, id=next(quote_ids)) if isinstance(b, Quote) else b for b in blocks)

    sections = []
    for section, section_id, subs in zip(doc.sections, section_ids, sub_ids, strict=True):
        blocks = quotes(section.blocks)
        subsections = tuple(
            replace(sub, id=sub_id, blocks=quotes(sub.blocks))
            for sub, sub_id in zip(section.subsections, subs, strict=True)
        )
        sections.append(replace(section, id=section_id, blocks=blocks, subsections=subsections))
    return replace(doc, sections=tuple(sections))


def require_ids(doc: Document, stage: str) -> None:
    """Raise StageError unless `assign_ids` has run on `doc`: the stages after it (`stage`) work
    by id, and on empty ids would quietly do the wrong thing rather than fail."""
    if any(not section.id or any(not q.id for q in section.quotes) for section in doc.sections):
        raise StageError(f"{doc.path}: {stage} needs the ids: run ids.assign_ids first")


def link_key_quotes(docs: dict[str, Document], reference_lang: str) -> dict[str, Document]:
    """Point each key quote to the topic-section quote it repeats (fully, or a shorter or
    longer version), judged on the reference edition's wording and applied to all."""
    for doc in docs.values():
        require_ids(doc, "link_key_quotes")
    reference = docs[reference_lang]
    key_section = reference.section(SectionKind.KEY_QUOTES)
    if key_section is None:
        return docs
    in_context = [(s, q) for s in reference.topics for q in s.quotes]
    links = {}
    for key in key_section.quotes:
        best = max(in_context, key=lambda sq: _overlap(key, sq[1]), default=None)
        if best is not None and _overlap(key, best[1]) >= SAME_QUOTE_OVERLAP:
            links[key.id] = best[1].id
    return {lang: _with_context(doc, links) for lang, doc in docs.items()}


def _overlap(a: Quote, b: Quote) -> float:
    """Share of the shorter quote found as one run in the longer, ignoring punctuation."""
    x, y = (_PUNCTUATION.sub("", q.text.plain) for q in (a, b))
    if not x or not y:
        return 0.0
    match = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return match.size / min(len(x), len(y))


def _with_context(doc: Document, links: dict[str, str]) -> Document:
    def update(blocks):
        return tuple(replace(b, context_id=links.get(b.id)) if isinstance(b, Quote) else b for b in blocks)

    sections = tuple(s.with_blocks(update) if s.kind is SectionKind.KEY_QUOTES else s for s in doc.sections)
    return replace(doc, sections=sections)
