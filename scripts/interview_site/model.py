"""The document model: what an interview summary is made of, in any language.

Plain frozen data. Parsing builds it, alignment fills in ids, rendering reads it.
Every node keeps the 1-based source line it came from, for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class SourceError(Exception):
    """A problem in a source file, reported like a compiler: ``path:line: message``."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text with one style; ``href`` makes it (part of) a link."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Inline:
    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline
    line: int
    #: Alignment id, the same for this block in every edition (align.py).
    pair: str = ""


@dataclass(frozen=True, slots=True)
class ListItem:
    text: Inline
    line: int
    children: tuple[ListBlock, ...] = ()
    pair: str = ""


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    line: int
    #: One alignment id per row.
    pairs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str
    text: Inline
    line: int
    id: str = ""
    #: On the key quotes page: the id of the same quote where it stands in context.
    context_id: str | None = None
    #: Ids this quote had before its English words changed; links to them still land here.
    aliases: tuple[str, ...] = ()
    pair: str = ""


Block = Paragraph | ListBlock | Table | Quote


class SectionKind(Enum):
    """The sections recognised by name; every other H2 is a topic."""

    VIDEO = "video"
    CONTENTS = "contents"
    PREDICTIONS = "predictions"
    TOPIC = "topic"
    KEY_QUOTES = "key-quotes"
    PEOPLE = "people"
    GLOSSARY = "glossary"


@dataclass(frozen=True, slots=True)
class Subsection:
    title: Inline
    line: int
    blocks: tuple[Block, ...]
    id: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    title: Inline
    line: int
    blocks: tuple[Block, ...]
    subsections: tuple[Subsection, ...]
    id: str = ""

    @property
    def parts(self) -> tuple[Section | Subsection, ...]:
        """The section's own opening, then each subsection: every titled run of blocks."""
        return (self, *self.subsections)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(block for part in self.parts for block in part.blocks if isinstance(block, Quote))


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    lang: str
    #: The first H1: the summary's file name, e.g. "20260108 No_Priors_Podcast_…".
    name: str
    title: Inline
    sections: tuple[Section, ...]
    #: The closing italic line (date and video id), if any.
    footer: Inline | None
    warnings: tuple[str, ...] = ()

    @property
    def topics(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind is SectionKind.TOPIC)

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind is kind), None)
