"""Document -> its pages (model.Page): Markdown for Python-Markdown, what each page's share card
says, and whether search indexes it.

Everything written here is Markdown that Python-Markdown and the configured extensions
read the way the CommonMark source meant it: a blank line before every list, four-space
list nesting, escaped text (so source text is never taken for syntax or raw HTML), quotes
as pymdownx admonition blocks with ids. Pure: no file access.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial

from interview_site.align import Counterpart, counterparts, require_aligned
from interview_site.dates import set_off_dates
from interview_site.ids import slugify
from interview_site.labels import LABELS
from interview_site.line_breaks import shorten
from interview_site.model import (
    Block,
    CardText,
    Document,
    Inline,
    ListBlock,
    Page,
    PageKind,
    Paragraph,
    Quote,
    Section,
    SectionKind,
    Span,
    StageError,
    Table,
)
from interview_site.video import URL, episode

#: The characters Python-Markdown (with the tables extension) accepts a backslash escape for.
_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
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


def edition_pages(docs: dict[str, Document], lang: str, default_lang: str) -> tuple[Page, ...]:
    """The pages of `lang`'s edition but the quotes' own, read beside the default language's
    edition (or, for the default language, the first other), named after the user's document."""
    others = [doc for other, doc in docs.items() if other != lang]
    counterpart = docs[default_lang] if lang != default_lang else next(iter(others), None)
    return render(docs[lang], docs[default_lang].name, counterpart)


def render(doc: Document, source_name: str | None = None, other: Document | None = None) -> tuple[Page, ...]:
    """All pages of one edition but the quotes' own. `source_name` is the user's document, which
    a translation's home page names instead of its own (translated) first heading. Given the
    ``other`` edition, the section pages and the one-page edition carry its text too, block by
    block after their own, for the bilingual reading modes (hidden until the reader picks one:
    docs/assets/stylesheets/reading-modes.css)."""
    single = _Blocks.of(doc)
    paired = _Blocks.of(doc, other) if other is not None else single
    labels, credit = LABELS[doc.lang], episode(doc).credit

    def card(title: str, text: str = labels["about"], speaker: str = "") -> CardText:
        return CardText.of(title, text, speaker, credit)

    def section_card(section: Section) -> CardText:
        first = next(iter(section.quotes), None)
        if first is None:
            return card(section.title.plain)
        return card(section.title.plain, quoted(first.text.plain), first.speaker)

    def made(name: str, kind: PageKind, write: Callable[[bool], str], card: CardText, in_search: bool) -> Page:
        # The page's front matter says whether search indexes it, as the record does.
        return Page(doc.lang, name, kind, write(in_search), card, in_search)

    home = partial(_home, single, source_name or doc.name)
    sections = (*doc.topics, *(s for kind in _REFERENCE_KINDS if (s := doc.section(kind)) is not None))
    return (
        made("index.md", PageKind.HOME, home, card(doc.title.plain), in_search=True),
        *(made(f"{s.id}.md", PageKind.SECTION, partial(_topic, paired, s), section_card(s), True) for s in sections),
        # Both repeat text that search finds where it stands: in its section.
        made("quotes.md", PageKind.QUOTES, partial(_all_quotes, single), card(labels["all_quotes"]), in_search=False),
        made("print.md", PageKind.PRINT, partial(_print_edition, paired), card(labels["print"]), in_search=False),
    )


def quoted(text: str) -> str:
    return f"“{text}”"


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


def outdated_attrs(doc: Document, pair: str) -> dict[str, str]:
    """The attributes of a block of ``doc`` whose translation is out of date (freshness.py): the
    mark, and the note that docs/assets/stylesheets/extra.css shows after it. None for others."""
    if pair not in doc.outdated:
        return {}
    return {"data-translation": "outdated", "data-translation-note": LABELS[doc.lang]["translation_outdated"]}


def html_attrs(attrs: dict[str, str]) -> str:
    """Attributes as HTML and attr_list write them, each after a space."""
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())


def yaml_attrs(attrs: dict[str, str]) -> str:
    """Attributes as a pymdownx block's `attrs:` mapping. Values are quoted (YAML would read an
    id like 2026 as a number), as JSON quotes them, which YAML reads the same."""
    return "{" + ", ".join(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in attrs.items()) + "}"


# -- Inline text ---------------------------------------------------------------------------


def inline_text(inline: Inline, glossary: Glossary | None = None) -> str:
    """Inline text as Markdown that shows it as typed; given a glossary, its terms get a
    tooltip with their definition (not inside links or code)."""
    return "".join(_span(span, glossary) for span in inline.spans)


def _span(span: Span, glossary: Glossary | None) -> str:
    if span.code:
        # Python-Markdown still reads Markdown between raw tags, so code is escaped too.
        text = f"<code>{_escape(span.text)}</code>"
    else:
        text = _with_tooltips(span.text, glossary) if glossary is not None and span.href is None else _escape(span.text)
    if span.emphasis:
        text = f"*{text}*"
    if span.strong:
        text = f"**{text}**"
    if span.href is not None and _SAFE_HREF.match(span.href):
        text = f"[{text}]({span.href})"
    return text


def _with_tooltips(text: str, glossary: Glossary) -> str:
    if glossary.pattern is None:
        return _escape(text)
    out, last = [], 0
    for match in glossary.pattern.finditer(text):
        definition = html.escape(glossary.definition(match.group(1)), quote=True)
        out += [
            _escape(text[last : match.start()]),
            # Focusable, so that a keyboard reaches the definition: the theme's tooltip
            # opens on focus as on hover, and describes the term (aria-describedby).
            f'<abbr title="{definition}" tabindex="0">{html.escape(match.group(0))}</abbr>',
        ]
        last = match.end()
    return "".join([*out, _escape(text[last:])])


# -- Blocks --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Blocks:
    """Writes one edition's headings and blocks. Given the other edition's counterparts (by
    pair id, align.py), each is followed by its counterpart, for the bilingual reading modes."""

    doc: Document
    labels: dict[str, str]
    glossary: Glossary
    glossary_tables: list[Table]
    #: The video's address, which the translation note links to.
    video: str | None
    #: The page (section id) of every quote, by quote id.
    page_of: dict[str, str]
    other_lang: str = ""
    #: The other edition's text by pair id; empty when writing one language.
    other: dict[str, Counterpart] = field(default_factory=dict)
    #: The other edition, whose blocks out of date are marked (freshness.py).
    other_doc: Document | None = None

    @classmethod
    def of(cls, doc: Document, other: Document | None = None) -> _Blocks:
        if other is not None:
            require_aligned(doc)
        return cls(
            doc,
            LABELS[doc.lang],
            glossary_of(doc),
            glossary_tables(doc),
            episode(doc).url,
            {q.id: s.id for s in doc.sections for q in s.quotes},
            other.lang if other is not None else "",
            counterparts(other) if other is not None else {},
            other,
        )

    def text(self, inline: Inline, tooltips: bool = True) -> str:
        return inline_text(inline, self.glossary if tooltips else None)

    def footer(self) -> list[str]:
        """The source's closing line, its fields set apart as the English one's are."""
        footer = self.doc.footer
        if footer is None:
            return []
        spans = tuple(replace(span, text=set_off_dates(span.text, " · ")) for span in footer.spans)
        return [self.text(Inline(spans)), ""]  # its spans carry their italics

    def section_body(self, section: Section, level: int) -> list[str]:
        out = self.blocks(section.blocks, level)
        for sub in section.subsections:
            out += self.heading(level, sub.title, sub.id)
            out += self.blocks(sub.blocks, level + 1)
        return out

    def heading(self, level: int, title: Inline, anchor: str, link: str | None = None) -> list[str]:
        text = self.text(title, tooltips=False)
        if link is not None:
            text = f"[{text}]({link})"
        heading = [f"{'#' * level} {text} {{ #{anchor}{self.own_attrs(anchor)} }}", ""]
        return [*heading, *self.counterpart(anchor, "heading")] if self.other else heading

    def translation_note(self) -> list[str]:
        note = self.labels["translation_note"]
        if not note:
            return []
        if self.video is not None:
            note += " " + self.labels["translation_note_video"].format(video=self.video)
        # The site's wording, on every page: kept out of search, where it would match everywhere.
        return ["/// info | ", '    attrs: {data-search-exclude: ""}', "", note, "///", ""]

    def blocks(self, blocks: Iterable[Block], level: int) -> list[str]:
        out: list[str] = []
        for block in blocks:
            match block:
                case Paragraph():
                    attrs = self.own_attrs(block.pair)
                    out += [self.text(block.text), *([f"{{:{attrs} }}"] if attrs else []), ""]
                    out += self.counterpart(block.pair, "paragraph") if self.other else []
                case Quote():
                    out += self.quote(block)
                case ListBlock():
                    out += [*self.list_lines(block, indent=""), ""]
                case Table():
                    out += [*self.table(block), ""]
        return out

    def quote(self, quote: Quote) -> list[str]:
        attrs = {"id": quote.id} | ({"data-pair": quote.pair} if self.other else {})
        out = [
            f"/// quote | {_escape(quote.speaker)}",
            f"    attrs: {yaml_attrs(attrs | outdated_attrs(self.doc, quote.pair))}",
            "",
            # Retired ids stay as empty anchors at the quote, so old links still land on it.
            "".join(f'<span id="{alias}"></span>' for alias in quote.aliases) + quoted(self.text(quote.text)),
            "",
        ]
        if quote.context_id:
            target = f"{self.page_of[quote.context_id]}.md#{quote.context_id}"
            # A link, not words of the quote: kept out of search like the other controls.
            out += [f'[{self.labels["in_context"]} →]({target}){{ .quote-context data-search-exclude="" }}', ""]
        if not self.other:
            return [*out, "///", ""]
        # A checkbox, so that one quote's counterpart opens under it without JavaScript.
        toggle = f"show-{quote.id}"
        out += [
            f'<input type="checkbox" class="alt-toggle" id="{toggle}">'
            # The control's label is not the quote's text: never indexed, never in a snippet.
            f'<label for="{toggle}" data-search-exclude>{html.escape(self.labels["show_other"])}</label>',
            "",
        ]
        return [*out, "///", "", *self.counterpart(quote.pair, "quote")]

    def list_lines(self, block: ListBlock, indent: str) -> Iterator[str]:
        for number, item in enumerate(block.items, block.start):
            marker = f"{number}." if block.ordered else "-"
            other = self.other_text(item.pair) if self.other else None
            yield f"{indent}{marker} {self.paired_inline(item.pair, self.text(item.text), other)}"
            for child in item.children:
                yield from self.list_lines(child, indent + "    ")

    def table(self, table: Table) -> Iterator[str]:
        is_glossary = any(table is glossary for glossary in self.glossary_tables)
        yield "| " + " | ".join(self.cell(c, is_glossary, column=i) for i, c in enumerate(table.header)) + " |"
        yield "|" + " --- |" * len(table.header)
        for pair, row in zip(table.pairs or [""] * len(table.rows), table.rows, strict=True):
            cells = [self.cell(c, is_glossary, column=i) for i, c in enumerate(row)]
            others = self.other_row(pair) if self.other else (None,) * len(cells)
            cells = [self.paired_inline(pair, own, alt) for own, alt in zip(cells, others, strict=True)]
            yield "| " + " | ".join(cells) + " |"

    def cell(self, cell: Inline, is_glossary: bool, column: int) -> str:
        plain = cell.plain.strip()
        if URL.match(plain):
            # Marked, so that a printout does not add the address after it a second time.
            return f'[{_escape(plain)}]({plain}){{ data-bare-url="" }}'
        if is_glossary and column == 0 and plain in self.glossary.definitions:
            return f'<dfn id="{glossary_anchor(plain)}">{html.escape(plain)}</dfn>'
        return self.text(cell, tooltips=not is_glossary)

    # -- the other edition, for the reading modes ---------------------------------------

    def own_attrs(self, pair: str) -> str:
        """This edition's block: its pair, when the other edition's is beside it; whether it is out of date."""
        return html_attrs(({"data-pair": pair} if self.other else {}) | outdated_attrs(self.doc, pair))

    def counterpart_attrs(self, pair: str, kind: str = "") -> str:
        """The other edition's block: its language, its pair, if it is stale; never in this language's search."""
        classes = f"alt alt-{kind}" if kind else "alt"
        outdated = html_attrs(outdated_attrs(self.other_doc, pair)) if self.other_doc is not None else ""
        return f'class="{classes}" lang="{self.other_lang}" data-pair="{pair}" data-search-exclude=""{outdated}'

    def counterpart(self, pair: str, kind: str) -> list[str]:
        """The other edition's heading, paragraph or quote, as a block after this edition's."""
        text = self.text(self.other_text(pair), tooltips=False)
        body = quoted(text) if kind == "quote" else text
        return [f"<div {self.counterpart_attrs(pair, kind)} markdown>", "", body, "", "</div>", ""]

    def paired_inline(self, pair: str, own: str, other: Inline | None) -> str:
        """A list item's or table cell's text, in a span if it has attributes, and the ``other`` edition's."""
        attrs = self.own_attrs(pair)
        text = f"<span{attrs}>{own}</span>" if attrs else own
        if other is None:
            return text
        return f"{text}<span {self.counterpart_attrs(pair)}>{self.text(other, tooltips=False)}</span>"

    def other_text(self, pair: str) -> Inline:
        match self.other[pair]:
            case Inline() as text:
                return text
        raise StageError(f"{self.doc.path}: pair '{pair}' is a table row in the {self.other_lang} edition, not a text")

    def other_row(self, pair: str) -> tuple[Inline, ...]:
        match self.other[pair]:
            case tuple() as row:
                return row
        raise StageError(f"{self.doc.path}: pair '{pair}' is a text in the {self.other_lang} edition, not a table row")


# -- Pages ---------------------------------------------------------------------------------


def _reading_modes(w: _Blocks) -> list[str]:
    """The mode switch: radio buttons that CSS alone acts on, so it works without JavaScript."""
    if not w.other:
        return []
    options = [
        f'<label><input type="radio" name="reading-mode" value="{mode}"{" checked" if mode == "single" else ""}>'
        f" {html.escape(w.labels[f'mode_{mode}'])}</label>"
        for mode in ("single", "side", "interleaved")
    ]
    legend = f"<legend>{html.escape(w.labels['modes'])}</legend>"
    return ['<fieldset class="reading-modes" data-search-exclude>', legend, *options, "</fieldset>", ""]


def _home(w: _Blocks, source_name: str, in_search: bool) -> str:
    doc, labels = w.doc, w.labels
    out = [_front_matter(labels["home_description"], in_search), *w.heading(1, doc.title, "interview")]
    out += [labels["about"], "", *w.translation_note()]
    for kind in (SectionKind.VIDEO, SectionKind.PREDICTIONS):
        section = doc.section(kind)
        if section is not None:
            out += w.heading(2, section.title, section.id)
            out += w.blocks(section.blocks, level=3)
    # Navigation to the sections, whose titles search finds on the sections themselves.
    out += [f"## {labels['sections']} {{ #sections }}", ""]
    out += ['<div class="grid cards" data-search-exclude markdown>', ""]
    for section in doc.topics:
        out += [f"-   [**{w.text(section.title, tooltips=False)}**]({section.id}.md)", ""]
        if section.subsections:
            titles = " · ".join(w.text(sub.title, tooltips=False) for sub in section.subsections)
            out += ["    ---", "", f"    {titles}", ""]
        if section.quotes:
            count = labels["quote_count_one" if len(section.quotes) == 1 else "quote_count"].format(
                n=len(section.quotes)
            )
            out += [f"    [{_escape(count)}]({section.id}.md){{ .card-quotes }}", ""]
    out += ["</div>", ""]
    out += w.footer()
    out += [f"{_escape(labels['source_name'])}{inline_text(Inline((Span(source_name, code=True),)))}", ""]
    return _join(out)


def _topic(w: _Blocks, section: Section, in_search: bool) -> str:
    out = [_front_matter(_description(section), in_search), *w.heading(1, section.title, section.id)]
    out += _reading_modes(w)
    if section.quotes:
        out += w.translation_note()
    out += w.section_body(section, level=2)
    return _join(out)


def _all_quotes(w: _Blocks, in_search: bool) -> str:
    labels = w.labels
    out = [
        _front_matter(labels["all_quotes_intro"], in_search),
        f"# {_escape(labels['all_quotes'])} {{ #all-quotes }}",
        "",
    ]
    out += [labels["all_quotes_intro"], ""]
    out += w.translation_note()
    for section in w.doc.sections:
        if not section.quotes:
            continue
        out += w.heading(2, section.title, section.id, link=f"{section.id}.md")
        for quote in section.quotes:
            link = f"[{quoted(w.text(quote.text, tooltips=False))}]({section.id}.md#{quote.id})"
            out += [f"- {w.paired_inline(quote.pair, link, None)} — {_escape(quote.speaker)}"]
        out.append("")
    return _join(out)


def _print_edition(w: _Blocks, in_search: bool) -> str:
    doc, labels = w.doc, w.labels
    out = [_front_matter(labels["print_intro"], in_search), *w.heading(1, doc.title, "interview")]
    out += _reading_modes(w)
    out += [labels["print_intro"], ""]
    out += w.translation_note()
    for section in doc.sections:
        if section.kind is SectionKind.CONTENTS:
            continue
        out += w.heading(2, section.title, section.id)
        out += w.section_body(section, level=3)
    out += w.footer()
    return _join(out)


def _description(section: Section) -> str:
    first = next(iter(section.quotes), None)
    text = first.text.plain if first else section.title.plain
    return shorten(text, _DESCRIPTION_LENGTH)


def _escape(text: str) -> str:
    """Text that Python-Markdown shows as typed: no syntax, no raw HTML."""
    return _ESCAPED.sub(r"\\\1", html.escape(text, quote=False))


def _front_matter(description: str, in_search: bool) -> str:
    lines = ["---", f"description: {_yaml_string(description)}"]
    if not in_search:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", ""])


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _join(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"
