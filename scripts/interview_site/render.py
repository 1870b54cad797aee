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
from dataclasses import dataclass, replace
from functools import partial

from interview_site.align import Counterpart, counterparts
from interview_site.dates import set_off_dates
from interview_site.ids import slugify
from interview_site.line_breaks import shorten
from interview_site.model import (
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
        "not_found_end": "。",
        "source_name": "整理文档：",
        "permalink": "链接到本节",
        "read_online": "在线阅读：",
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
        "modes": "阅读方式",
        "mode_single": "仅中文",
        "mode_side": "中英对照",
        "mode_interleaved": "中英交替",
        "show_other": "显示英文",
    },
    "en": {
        "home": "Home",
        "search": "Search",
        "quote_count": "{n} quotes",
        "quote_count_one": "1 quote",
        "not_found": "404 - Page not found",
        "not_found_hint": "There is no page at this address. Search for a quote above, or ",
        "back_home": "go to the home page",
        "not_found_end": ".",
        "source_name": "Source document (Chinese): ",
        "permalink": "Link to this section",
        "read_online": "Read online: ",
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
        "the AI bubble narrative. Bilingual, searchable notes.",
        "modes": "Reading mode",
        "mode_single": "English only",
        "mode_side": "Side by side",
        "mode_interleaved": "Interleaved",
        "show_other": "Show the Chinese",
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


def render(doc: Document, source_name: str | None = None, other: Document | None = None) -> dict[str, str]:
    """All pages of one edition. `source_name` is the user's document, which a translation's
    home page names instead of its own (translated) first heading. Given the ``other``
    edition, the section pages and the one-page edition carry its text too, block by block
    after their own, for the bilingual reading modes (hidden until the reader picks one:
    docs/assets/stylesheets/reading-modes.css)."""
    page = _PageWriter(doc, source_name or doc.name)
    paired = _PageWriter(doc, source_name or doc.name, other) if other is not None else page
    pages = {"index.md": page.home()}
    for section in doc.topics:
        pages[f"{section.id}.md"] = paired.topic(section)
    for kind in _REFERENCE_KINDS:
        section = doc.section(kind)
        if section is not None:
            pages[f"{section.id}.md"] = paired.topic(section)
    pages["quotes.md"] = page.all_quotes()
    pages["print.md"] = paired.print_edition()
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
    (scripts/interview_site/quote_pages.py)."""
    return partial(_PageWriter(doc, doc.name).inline, tooltips=False)


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
    def __init__(self, doc: Document, source_name: str, other: Document | None = None) -> None:
        self.doc = doc
        self.source_name = source_name
        self.other_lang = other.lang if other is not None else ""
        #: The other edition's text by pair id (align.py); empty when writing one language.
        self.other: dict[str, Counterpart] = counterparts(other) if other is not None else {}
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
        out += self.footer()
        out += [f"{_escape(labels['source_name'])}{self.span(Span(self.source_name, code=True), tooltips=False)}", ""]
        return _join(out)

    def topic(self, section: Section) -> str:
        out = [_front_matter(self.description(section)), *self.heading(1, section.title, section.id)]
        out += self.reading_modes()
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
        out += self.reading_modes()
        out += [labels["print_intro"], ""]
        out += self.translation_note()
        for section in doc.sections:
            if section.kind is SectionKind.CONTENTS:
                continue
            out += self.heading(2, section.title, section.id)
            out += self.section_body(section, level=3)
        out += self.footer()
        return _join(out)

    # -- parts -------------------------------------------------------------------------

    def footer(self) -> list[str]:
        """The source's closing line, its fields set apart as the English one's are."""
        footer = self.doc.footer
        if footer is None:
            return []
        spans = tuple(replace(span, text=set_off_dates(span.text, " · ")) for span in footer.spans)
        return [self.inline(Inline(spans)), ""]  # its spans carry their italics

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
        if not self.other:
            return [f"{'#' * level} {text} {{ #{anchor} }}", ""]
        return [f'{"#" * level} {text} {{ #{anchor} data-pair="{anchor}" }}', "", *self.counterpart(anchor, "heading")]

    # -- the other edition, for the reading modes ---------------------------------------

    def reading_modes(self) -> list[str]:
        """The mode switch: radio buttons that CSS alone acts on, so it works without JavaScript."""
        if not self.other:
            return []
        labels = self.labels
        options = [
            f'<label><input type="radio" name="reading-mode" value="{mode}"{" checked" if mode == "single" else ""}>'
            f" {html.escape(labels[f'mode_{mode}'])}</label>"
            for mode in ("single", "side", "interleaved")
        ]
        legend = f"<legend>{html.escape(labels['modes'])}</legend>"
        return ['<fieldset class="reading-modes" data-search-exclude>', legend, *options, "</fieldset>", ""]

    def counterpart_attrs(self, pair: str) -> str:
        """The other edition's block: its language, its pair, and never in this language's search."""
        return f'class="alt" lang="{self.other_lang}" data-pair="{pair}" data-search-exclude=""'

    def counterpart(self, pair: str, kind: str) -> list[str]:
        """The other edition's heading, paragraph or quote, as a block after this edition's."""
        text = self.other[pair]
        assert isinstance(text, Inline)
        attrs = self.counterpart_attrs(pair).replace('class="alt"', f'class="alt alt-{kind}"')
        body = f"“{self.inline(text, tooltips=False)}”" if kind == "quote" else self.inline(text, tooltips=False)
        return [f"<div {attrs} markdown>", "", body, "", "</div>", ""]

    def paired_inline(self, pair: str, own: str, other: Inline) -> str:
        """A list item's or table cell's text with the other edition's beside it."""
        alt = self.inline(other, tooltips=False)
        return f'<span data-pair="{pair}">{own}</span><span {self.counterpart_attrs(pair)}>{alt}</span>'

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
        return shorten(text, _DESCRIPTION_LENGTH)

    def blocks(self, blocks: Iterable[Block], level: int) -> list[str]:
        out: list[str] = []
        for block in blocks:
            match block:
                case Paragraph() if self.other:
                    out += [self.inline(block.text), f'{{: data-pair="{block.pair}" }}', ""]
                    out += self.counterpart(block.pair, "paragraph")
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
        pair = f', data-pair: "{quote.pair}"' if self.other else ""
        out = [
            f"/// quote | {_escape(quote.speaker)}",
            f'    attrs: {{id: "{quote.id}"{pair}}}',  # quoted: YAML would read an id like 2026 as a number
            "",
            # Retired ids stay as empty anchors at the quote, so old links still land on it.
            "".join(f'<span id="{alias}"></span>' for alias in quote.aliases) + f"“{self.inline(quote.text)}”",
            "",
        ]
        if quote.context_id:
            target = f"{self.page_of[quote.context_id]}.md#{quote.context_id}"
            out += [f"[{self.labels['in_context']} →]({target}){{ .quote-context }}", ""]
        if not self.other:
            return [*out, "///", ""]
        # A checkbox, so that one quote's counterpart opens under it without JavaScript.
        toggle = f"show-{quote.id}"
        out += [
            f'<input type="checkbox" class="alt-toggle" id="{toggle}">'
            f'<label for="{toggle}">{html.escape(self.labels["show_other"])}</label>',
            "",
        ]
        return [*out, "///", "", *self.counterpart(quote.pair, "quote")]

    def list_lines(self, block: ListBlock, indent: str) -> Iterator[str]:
        for number, item in enumerate(block.items, block.start):
            marker = f"{number}." if block.ordered else "-"
            text = self.inline(item.text)
            if self.other:
                other = self.other[item.pair]
                assert isinstance(other, Inline)
                text = self.paired_inline(item.pair, text, other)
            yield f"{indent}{marker} {text}"
            for child in item.children:
                yield from self.list_lines(child, indent + "    ")

    def table(self, table: Table) -> Iterator[str]:
        is_glossary = any(table is glossary for glossary in self.glossary_tables)
        yield "| " + " | ".join(self.cell(c, is_glossary, column=i) for i, c in enumerate(table.header)) + " |"
        yield "|" + " --- |" * len(table.header)
        for pair, row in zip(table.pairs or [""] * len(table.rows), table.rows, strict=True):
            cells = [self.cell(c, is_glossary, column=i) for i, c in enumerate(row)]
            if self.other:
                other = self.other[pair]
                assert isinstance(other, tuple)
                cells = [self.paired_inline(pair, own, alt) for own, alt in zip(cells, other, strict=True)]
            yield "| " + " | ".join(cells) + " |"

    def cell(self, cell: Inline, is_glossary: bool, column: int) -> str:
        plain = cell.plain.strip()
        if _URL.match(plain):
            # Marked, so that a printout does not add the address after it a second time.
            return f'[{_escape(plain)}]({plain}){{ data-bare-url="" }}'
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
                # Focusable, so that a keyboard reaches the definition: the theme's tooltip
                # opens on focus as on hover, and describes the term (aria-describedby).
                f'<abbr title="{definition}" tabindex="0">{html.escape(match.group(0))}</abbr>',
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
