"""Document -> pages: {path relative to docs/<lang>/: Markdown for Python-Markdown}.

Everything written here is Markdown that Python-Markdown and the configured extensions
read the way the CommonMark source meant it: a blank line before every list, four-space
list nesting, escaped text (so source text is never taken for syntax or raw HTML), quotes
as pymdownx admonition blocks with ids. Pure: no file access.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from ids import slugify
from model import (
    Block,
    Document,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    SectionKind,
    Span,
    Table,
)

#: Site wording per language. Interview content never goes here; it comes from the sources.
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "home": "首页",
        "search": "搜索",
        "quote_count": "{n} 句引语",
        "quote_count_one": "1 句引语",
        "not_found": "404 - 找不到这一页",
        "not_found_hint": "这个地址没有页面。可以用上方的搜索找一句引语，或者",
        "back_home": "回到首页",
        "source_name": "整理文档：",
        "interview": "访谈",
        "reference": "资料",
        "sections": "章节",
        "all_quotes": "所有语录",
        "all_quotes_intro": "访谈中的每一句引语，按章节排列。点击引语可跳到它在原文中的位置。",
        "in_context": "在上下文中阅读",
        "print": "全文（单页）",
        "print_intro": "整篇访谈整理在一页上，便于从头读到尾或打印。",
        "about": "黄仁勋（NVIDIA）做客 No Priors 播客的访谈整理，分章节阅读，可搜索、可链接到每一句引语。",
        "translation_note": "",
        "translation_note_video": "",
        "home_description": "黄仁勋 No Priors 访谈整理：推理模型、机器人与AI泡沫论，中英双语，可搜索。",
    },
    "en": {
        "home": "Home",
        "search": "Search",
        "quote_count": "{n} quotes",
        "quote_count_one": "1 quote",
        "not_found": "404 - Page not found",
        "not_found_hint": "There is no page at this address. Search for a quote above, or",
        "back_home": "go to the home page",
        "source_name": "Source document: ",
        "interview": "The interview",
        "reference": "Reference",
        "sections": "Sections",
        "all_quotes": "All quotes",
        "all_quotes_intro": "Every quote in the interview, by section. Follow a quote to read it in context.",
        "in_context": "Read in context",
        "print": "Whole interview (one page)",
        "print_intro": "The whole interview on one page, for reading start to end or printing.",
        "about": "Jensen Huang (NVIDIA) on the No Priors podcast, section by section: "
        "searchable, with a link to every quote.",
        "translation_note": "This English edition is translated from a Chinese summary of the interview. "
        "Quotes are translated from that summary and are not the verbatim audio.",
        "translation_note_video": "For Jensen Huang’s exact words, [watch the video]({video}).",
        "home_description": "Jensen Huang on the No Priors podcast: reasoning models, robotics and "
        "the AI bubble debate. Bilingual, searchable notes.",
    },
}

#: The characters Python-Markdown (with the tables extension) accepts a backslash escape for.
_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_URL = re.compile(r"^https?://\S+$")
_SAFE_HREF = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
_DESCRIPTION_LENGTH = 150
#: The named sections that get a page of their own, in navigation order.
_REFERENCE_KINDS = (SectionKind.KEY_QUOTES, SectionKind.PEOPLE, SectionKind.GLOSSARY)


@dataclass(frozen=True, slots=True)
class Glossary:
    """Terms that get a tooltip wherever they appear, with their definitions."""

    definitions: dict[str, str]
    #: Matches any term; None when there is no glossary.
    pattern: re.Pattern[str] | None

    def definition(self, found: str) -> str:
        return next(d for t, d in self.definitions.items() if t.lower() == found.lower())


def render(doc: Document) -> dict[str, str]:
    """All pages of one edition."""
    page = _PageWriter(doc)
    pages = {"index.md": page.home()}
    for section in doc.topics:
        pages[f"{section.id}.md"] = page.topic(section)
    for kind in _REFERENCE_KINDS:
        section = doc.section(kind)
        if section is not None:
            pages[f"{section.id}.md"] = page.topic(section)
    pages["quotes.md"] = page.all_quotes()
    pages["print.md"] = page.print_edition()
    return pages


def nav(doc: Document) -> list[object]:
    """MkDocs nav: home, the topic pages, then the reference pages, grouped and labelled."""
    labels = LABELS[doc.lang]
    reference = [f"{s.id}.md" for kind in _REFERENCE_KINDS if (s := doc.section(kind))]
    reference.insert(1 if doc.section(SectionKind.KEY_QUOTES) else 0, "quotes.md")
    return [
        {labels["home"]: "index.md"},
        {labels["interview"]: [f"{s.id}.md" for s in doc.topics]},
        {labels["reference"]: [*reference, {labels["print"]: "print.md"}]},
    ]


def inline_writer(doc: Document) -> Callable[[Inline], str]:
    """Inline text as this module writes it, without tooltips, for pages written elsewhere
    (scripts/quote_pages.py)."""
    return partial(_PageWriter(doc).inline, tooltips=False)


def glossary_tables(doc: Document) -> list[Table]:
    section = doc.section(SectionKind.GLOSSARY)
    return [b for b in section.blocks if isinstance(b, Table)] if section else []


def glossary_of(doc: Document) -> Glossary:
    tables = glossary_tables(doc)
    definitions = {row[0].plain.strip(): row[1].plain.strip() for t in tables for row in t.rows if len(row) > 1}
    if not definitions:
        return Glossary(definitions, None)
    alternatives = "|".join(re.escape(term) for term in sorted(definitions, key=len, reverse=True))
    # ASCII boundaries only: in "推理Token" the term touches a Han character, which \b would not split.
    pattern = re.compile(rf"(?<![A-Za-z0-9])({alternatives})(s?)(?![A-Za-z0-9])", re.IGNORECASE)
    return Glossary(definitions, pattern)


def glossary_anchor(term: str) -> str:
    """'MoE' -> 'term-moe': prefixed, because a term may share its slug with a heading."""
    # A term with no ASCII in it (a Chinese-only glossary) still needs an id of its own.
    return f"term-{slugify(term) or hashlib.sha1(term.encode()).hexdigest()[:8]}"


def video_url(doc: Document) -> str | None:
    """The first table cell on the video facts that is a bare web address."""
    section = doc.section(SectionKind.VIDEO)
    cells = (
        c.plain.strip() for b in (section.blocks if section else ()) if isinstance(b, Table) for r in b.rows for c in r
    )
    return next((c for c in cells if _URL.match(c)), None)


class _PageWriter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.labels = LABELS[doc.lang]
        self.glossary = glossary_of(doc)
        self.glossary_tables = glossary_tables(doc)
        self.video = video_url(doc)
        self.page_of = {q.id: s.id for s in doc.sections for q in s.quotes}

    # -- pages -------------------------------------------------------------------------

    def home(self) -> str:
        doc, labels = self.doc, self.labels
        out = [_front_matter(labels["home_description"]), *self.heading(1, doc.title, "interview"), labels["about"], ""]
        out += self.translation_note()
        for kind in (SectionKind.VIDEO, SectionKind.PREDICTIONS):
            section = doc.section(kind)
            if section is not None:
                out += self.heading(2, section.title, section.id)
                out += self.blocks(section.blocks, level=3)
        out += [f"## {labels['sections']} {{ #sections }}", "", '<div class="grid cards" markdown>', ""]
        for section in doc.topics:
            out += [f"-   [**{self.inline(section.title, tooltips=False)}**]({section.id}.md)", ""]
            if section.subsections:
                titles = " · ".join(self.inline(sub.title, tooltips=False) for sub in section.subsections)
                out += ["    ---", "", f"    {titles}", ""]
            if section.quotes:
                count = labels["quote_count_one" if len(section.quotes) == 1 else "quote_count"].format(
                    n=len(section.quotes)
                )
                out += [f"    [{_escape(count)}]({section.id}.md){{ .card-quotes }}", ""]
        out += ["</div>", ""]
        if doc.footer is not None:
            out += [self.inline(doc.footer), ""]  # its spans carry their italics
        out += [f"{_escape(labels['source_name'])}{self.span(Span(doc.name, code=True), tooltips=False)}", ""]
        return _join(out)

    def topic(self, section: Section) -> str:
        out = [_front_matter(self.description(section)), *self.heading(1, section.title, section.id)]
        if section.quotes:
            out += self.translation_note()
        out += self.section_body(section, level=2)
        return _join(out)

    def all_quotes(self) -> str:
        labels = self.labels
        out = [
            _front_matter(labels["all_quotes_intro"], search_exclude=True),
            f"# {_escape(labels['all_quotes'])} {{ #all-quotes }}",
            "",
        ]
        out += [labels["all_quotes_intro"], ""]
        out += self.translation_note()
        for section in self.doc.sections:
            if not section.quotes:
                continue
            out += self.heading(2, section.title, section.id, link=f"{section.id}.md")
            for quote in section.quotes:
                link = f"{section.id}.md#{quote.id}"
                out += [f"- [“{self.inline(quote.text, tooltips=False)}”]({link}) — {_escape(quote.speaker)}"]
            out.append("")
        return _join(out)

    def print_edition(self) -> str:
        doc, labels = self.doc, self.labels
        out = [_front_matter(labels["print_intro"], search_exclude=True), *self.heading(1, doc.title, "interview")]
        out += [labels["print_intro"], ""]
        out += self.translation_note()
        for section in doc.sections:
            if section.kind is SectionKind.CONTENTS:
                continue
            out += self.heading(2, section.title, section.id)
            out += self.section_body(section, level=3)
        if doc.footer is not None:
            out += [self.inline(doc.footer), ""]  # its spans carry their italics
        return _join(out)

    # -- parts -------------------------------------------------------------------------

    def section_body(self, section: Section, level: int) -> list[str]:
        out = self.blocks(section.blocks, level)
        for sub in section.subsections:
            out += self.heading(level, sub.title, sub.id)
            out += self.blocks(sub.blocks, level + 1)
        return out

    def heading(self, level: int, title: Inline, anchor: str, link: str | None = None) -> list[str]:
        text = self.inline(title, tooltips=False)
        if link is not None:
            text = f"[{text}]({link})"
        return [f"{'#' * level} {text} {{ #{anchor} }}", ""]

    def translation_note(self) -> list[str]:
        note = self.labels["translation_note"]
        if not note:
            return []
        if self.video is not None:
            note += " " + self.labels["translation_note_video"].format(video=self.video)
        return ['!!! info ""', "", f"    {note}", ""]

    def description(self, section: Section) -> str:
        first = next(iter(section.quotes), None)
        text = first.text.plain if first else section.title.plain
        return text if len(text) <= _DESCRIPTION_LENGTH else text[: _DESCRIPTION_LENGTH - 1] + "…"

    def blocks(self, blocks: Iterable[Block], level: int) -> list[str]:
        out: list[str] = []
        for block in blocks:
            match block:
                case Paragraph():
                    out += [self.inline(block.text), ""]
                case Quote():
                    out += self.quote(block)
                case ListBlock():
                    out += [*self.list_lines(block, indent=""), ""]
                case Table():
                    out += [*self.table(block), ""]
        return out

    def quote(self, quote: Quote) -> list[str]:
        out = [
            f"/// quote | {_escape(quote.speaker)}",
            f'    attrs: {{id: "{quote.id}"}}',  # quoted: YAML would read an id like 2026 as a number
            "",
            f"“{self.inline(quote.text)}”",
            "",
        ]
        if quote.context_id:
            target = f"{self.page_of[quote.context_id]}.md#{quote.context_id}"
            out += [f"[{self.labels['in_context']} →]({target}){{ .quote-context }}", ""]
        return [*out, "///", ""]

    def list_lines(self, block: ListBlock, indent: str) -> Iterator[str]:
        for number, item in enumerate(block.items, block.start):
            marker = f"{number}." if block.ordered else "-"
            yield f"{indent}{marker} {self.inline(item.text)}"
            for child in item.children:
                yield from self.list_lines(child, indent + "    ")

    def table(self, table: Table) -> Iterator[str]:
        is_glossary = any(table is glossary for glossary in self.glossary_tables)
        yield "| " + " | ".join(self.cell(c, is_glossary, column=i) for i, c in enumerate(table.header)) + " |"
        yield "|" + " --- |" * len(table.header)
        for row in table.rows:
            yield "| " + " | ".join(self.cell(c, is_glossary, column=i) for i, c in enumerate(row)) + " |"

    def cell(self, cell: Inline, is_glossary: bool, column: int) -> str:
        plain = cell.plain.strip()
        if _URL.match(plain):
            return f"[{_escape(plain)}]({plain})"
        if is_glossary and column == 0 and plain in self.glossary.definitions:
            return f'<dfn id="{glossary_anchor(plain)}">{html.escape(plain)}</dfn>'
        return self.inline(cell, tooltips=not is_glossary)

    def inline(self, inline: Inline, tooltips: bool = True) -> str:
        return "".join(self.span(span, tooltips) for span in inline.spans)

    def span(self, span: Span, tooltips: bool) -> str:
        if span.code:
            # Python-Markdown still reads Markdown between raw tags, so code is escaped too.
            text = f"<code>{_escape(span.text)}</code>"
        else:
            text = self.with_tooltips(span.text) if tooltips and span.href is None else _escape(span.text)
        if span.emphasis:
            text = f"*{text}*"
        if span.strong:
            text = f"**{text}**"
        if span.href is not None and _SAFE_HREF.match(span.href):
            text = f"[{text}]({span.href})"
        return text

    def with_tooltips(self, text: str) -> str:
        pattern = self.glossary.pattern
        if pattern is None:
            return _escape(text)
        out, last = [], 0
        for match in pattern.finditer(text):
            definition = html.escape(self.glossary.definition(match.group(1)), quote=True)
            out += [
                _escape(text[last : match.start()]),
                f'<abbr title="{definition}">{html.escape(match.group(0))}</abbr>',
            ]
            last = match.end()
        return "".join([*out, _escape(text[last:])])


def _escape(text: str) -> str:
    """Text that Python-Markdown shows as typed: no syntax, no raw HTML."""
    return _ESCAPED.sub(r"\\\1", html.escape(text, quote=False))


def _front_matter(description: str, search_exclude: bool = False) -> str:
    lines = ["---", f"description: {_yaml_string(description)}"]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", ""])


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _join(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"
