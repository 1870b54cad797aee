"""The document model: what an interview summary is made of, in any language, and the
pages made of it.

Plain frozen data. Parsing builds it, alignment fills in ids, the page writers read it and
make Page records. Every node keeps the 1-based source line it came from, for error messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path


class SourceError(Exception):
    """A problem in a source file, reported like a compiler: ``path:line: message``."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class StageError(Exception):
    """The pipeline used out of order or incompletely: a stage run before one it needs, a page
    without what every page must have. A fault in the code, never in the sources."""


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

    def all_items(self) -> Iterator[ListItem]:
        """Every item in reading order, each before the items of its nested lists."""
        for item in self.items:
            yield item
            for child in item.children:
                yield from child.all_items()


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
    def all_blocks(self) -> tuple[Block, ...]:
        """The blocks of the opening and of every subsection, in reading order."""
        return tuple(block for part in self.parts for block in part.blocks)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(block for block in self.all_blocks if isinstance(block, Quote))

    def with_blocks(self, update: Callable[[tuple[Block, ...]], tuple[Block, ...]]) -> Section:
        """The section with `update` applied to the blocks of its opening, then of each subsection."""
        blocks = update(self.blocks)
        return replace(
            self, blocks=blocks, subsections=tuple(replace(s, blocks=update(s.blocks)) for s in self.subsections)
        )


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
    #: The line of the title (the second H1), the heading whose id is "interview".
    title_line: int = 0
    #: Pair ids (align.py) of the blocks whose translation is out of date: the text of the
    #: edition it translates changed since it was last checked (freshness.py).
    outdated: frozenset[str] = frozenset()

    @property
    def topics(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind is SectionKind.TOPIC)

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind is kind), None)


class PageKind(Enum):
    """What a page is; each page writer says which kind it makes."""

    HOME = "home"
    #: A topic's page, or a reference section's (key quotes, people, glossary).
    SECTION = "section"
    #: Every quote, by section.
    QUOTES = "quotes"
    #: The whole interview on one page.
    PRINT = "print"
    #: One quote's own page.
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class CardText:
    """What a page's share card says, besides the site's name (which MkDocs' configuration gives)."""

    title: str
    text: str
    byline: str

    @classmethod
    def of(cls, title: str, text: str, speaker: str, credit: str) -> CardText:
        """A card whose byline names the speaker, if any, and the episode (show and date)."""
        return cls(title, text, " · ".join(part for part in (f"— {speaker}" if speaker else "", credit) if part))


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: everything MkDocs, the share cards and search need to know of it."""

    lang: str
    #: Relative to its language's folder: "index.md", "energy.md", "q/<quote id>.md".
    name: str
    kind: PageKind
    markdown: str
    card: CardText
    #: False for pages whose text is found elsewhere (a quote on its own page, all quotes).
    in_search: bool

    def __post_init__(self) -> None:
        # Every page is shared with a card: a new kind of page must say what its card says.
        if not isinstance(self.card, CardText) or not self.card.text:
            raise StageError(f"page {self.lang}/{self.name} ({self.kind.value}) has no share card text")

    @property
    def path(self) -> str:
        """Relative to the docs folder, as MkDocs names the page's source: "en/energy.md"."""
        return f"{self.lang}/{self.name}"
