"""Source Markdown -> Document.

The sources are written for CommonMark renderers (GitHub, Notion), so they are read with
markdown-it-py, a CommonMark-faithful parser, and its syntax tree is walked into the model.
Python-Markdown never sees the source: it only sees what render.py writes.
Pure: no file access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from interview_site.model import (
    Block,
    Document,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Section,
    SectionKind,
    SourceError,
    Span,
    Subsection,
    Table,
)
from interview_site.quote_marks import paired

#: The only headings recognised by name, in every language the site is written in.
SPECIAL_SECTIONS: dict[str, SectionKind] = {
    "视频基本信息": SectionKind.VIDEO,
    "Video Details": SectionKind.VIDEO,
    "目录": SectionKind.CONTENTS,
    "Contents": SectionKind.CONTENTS,
    "核心观点与预测": SectionKind.PREDICTIONS,
    "Key Views and Predictions": SectionKind.PREDICTIONS,
    "关键语录": SectionKind.KEY_QUOTES,
    "Key Quotes": SectionKind.KEY_QUOTES,
    "人物简介": SectionKind.PEOPLE,
    "People": SectionKind.PEOPLE,
    "术语表": SectionKind.GLOSSARY,
    "Glossary": SectionKind.GLOSSARY,
}

#: `## Title { #some-id }`: an explicit, language-independent heading id (as FastAPI's docs do).
EXPLICIT_ID = re.compile(r"\s*\{\s*#([a-z][a-z0-9-]*)\s*\}\s*$")
#: `黄仁勋：“…”` or `Jensen Huang: “…”`: the speaker is whatever stands before the colon.
QUOTE_OPENING = re.compile(r"^(?P<speaker>[^：:“”\"\n]{1,40}?)\s*[：:]\s*(?P<open>[“\"])")
QUOTE_CLOSINGS = ("”", '"')
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

_MARKDOWN = MarkdownIt("commonmark").enable("table")


def parse(text: str, path: Path) -> Document:
    """Parse one source file. Raises SourceError at the first line that breaks the format."""
    text = _normalise(text)
    if not text.strip():
        raise SourceError(path, 1, "the file is empty")
    lines = text.split("\n")
    nodes = list(SyntaxTreeNode(_MARKDOWN.parse(text)).children)
    reader = _Reader(path, lines)
    return reader.document(nodes)


def _normalise(text: str) -> str:
    """Accept what editors commonly add: a BOM, CRLF line ends, trailing spaces."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Trailing spaces are dropped except "> " (an empty quote line): CommonMark reads
    # two trailing spaces as a hard line break, which these sources never mean.
    return "\n".join(line.rstrip() if line.strip() != ">" else ">" for line in text.split("\n"))


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


class _Reader:
    """Walks the CommonMark syntax tree of one file, collecting warnings as it goes."""

    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.warnings: list[str] = []

    def error(self, line: int, message: str) -> SourceError:
        return SourceError(self.path, line, message)

    # -- document structure ------------------------------------------------------------

    def document(self, nodes: list[SyntaxTreeNode]) -> Document:
        headings = [n for n in nodes if n.type == "heading" and n.tag == "h1"]
        first_h2 = next((i for i, n in enumerate(nodes) if _is_heading(n, "h2")), len(nodes))
        if len(headings) < 2 or nodes.index(headings[1]) > first_h2:
            line = _line(headings[0]) if headings else 1
            raise self.error(line, "expected two H1 headings before the first section: the file name, then the title")
        for node in nodes[:first_h2]:
            if node.type == "hr" or node in headings[:2]:
                continue
            # Anything else here would belong to no section, and so would never be shown.
            if node.type == "heading":
                raise self.error(_line(node), f"unexpected {node.tag} heading before the first '## ' section")
            raise self.error(_line(node), "text before the first '## ' section; move it into a section")
        footer, nodes = self._footer(nodes)
        sections = tuple(self._sections(nodes[first_h2:]))
        if not any(s.kind is SectionKind.TOPIC for s in sections):
            # At the last section, not the last line: that would depend on a final newline.
            line = sections[-1].line if sections else _line(headings[1])
            raise self.error(line, "no topic section: add at least one '## ' section besides the named ones")
        return Document(
            path=self.path,
            lang=_language_of(self.path),
            name=self.inline(headings[0]).plain,
            title=self.inline(headings[1]),
            sections=sections,
            footer=footer,
            warnings=tuple(self.warnings),
            title_line=_line(headings[1]),
        )

    def _footer(self, nodes: list[SyntaxTreeNode]) -> tuple[Inline | None, list[SyntaxTreeNode]]:
        """The closing line is an all-italic paragraph at the very end of the file."""
        last = nodes[-1] if nodes else None
        if last is not None and last.type == "paragraph":
            inline = last.children[0]
            if len(inline.children) == 1 and inline.children[0].type == "em":
                return self.inline(last), nodes[:-1]
        return None, nodes

    def _sections(self, nodes: list[SyntaxTreeNode]) -> Iterator[Section]:
        for heading, body in _split(nodes, "h2"):
            title, explicit_id = self.heading(heading)
            kind = SPECIAL_SECTIONS.get(title.plain.strip(), SectionKind.TOPIC)
            first_h3 = next((i for i, n in enumerate(body) if _is_heading(n, "h3")), len(body))
            subsections = []
            for sub_heading, sub_body in _split(body[first_h3:], "h3"):
                sub_title, sub_id = self.heading(sub_heading)
                subsections.append(Subsection(sub_title, _line(sub_heading), tuple(self.blocks(sub_body)), sub_id))
            yield Section(
                kind, title, _line(heading), tuple(self.blocks(body[:first_h3])), tuple(subsections), explicit_id
            )

    def heading(self, node: SyntaxTreeNode) -> tuple[Inline, str]:
        inline = self.inline(node)
        if not inline.plain.strip():
            raise self.error(_line(node), "empty heading")
        last = inline.spans[-1]
        match = EXPLICIT_ID.search(last.text)
        if not match:
            return inline, ""
        trimmed = last.text[: match.start()]
        title = Inline(inline.spans[:-1] + ((replace(last, text=trimmed),) if trimmed else ()))
        if not title.plain.strip():
            raise self.error(_line(node), "heading has an id but no title")
        return title, match.group(1)

    # -- blocks ----------------------------------------------------------------------

    def blocks(self, nodes: list[SyntaxTreeNode]) -> Iterator[Block]:
        for node in nodes:
            match node.type:
                case "hr":
                    continue
                case "paragraph":
                    yield Paragraph(self.inline(node), _line(node))
                case "blockquote":
                    yield self.quote(node)
                case "bullet_list" | "ordered_list":
                    yield self.list_block(node)
                case "table":
                    yield self.table(node)
                case "html_block":
                    # Raw HTML is never made active: it is kept as the text the author typed.
                    yield Paragraph(Inline((Span(node.content.strip()),)), _line(node))
                case "heading":
                    raise self.error(
                        _line(node), f"unexpected {node.tag} heading: sections are '## ', subsections '### '"
                    )
                case _:
                    raise self.error(_line(node), f"unexpected {node.type.replace('_', ' ')} here")

    def quote(self, node: SyntaxTreeNode) -> Quote:
        line = _line(node)
        paragraphs = node.children
        if len(paragraphs) != 1 or paragraphs[0].type != "paragraph":
            raise self.error(line, "a quote is one line: '> Speaker: “…”', then a line '> '")
        inline = self.inline(paragraphs[0])
        match = QUOTE_OPENING.match(inline.plain)
        if not match:
            raise self.error(line, "a quote line must read '> Speaker: “…”' (speaker, colon, quotation)")
        closed = inline.plain.rstrip().endswith(QUOTE_CLOSINGS)
        if not closed:
            self.warnings.append(f"{self.path}:{line}: quote has no closing quotation mark (”)")
        text = _slice(inline, match.end(), len(inline.plain.rstrip()) - (1 if closed else 0))
        return Quote(match.group("speaker").strip(), text, line)

    def list_block(self, node: SyntaxTreeNode) -> ListBlock:
        items = []
        for item in node.children:
            paragraphs = [c for c in item.children if c.type == "paragraph"]
            others = [c for c in item.children if c.type not in ("paragraph", "bullet_list", "ordered_list")]
            if len(paragraphs) > 1 or others:
                raise self.error(_line(item), "a list item holds one line of text and, optionally, a nested list")
            text = self.inline(paragraphs[0]) if paragraphs else Inline(())
            children = tuple(self.list_block(c) for c in item.children if c.type.endswith("_list"))
            items.append(ListItem(text, _line(item), children))
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        return ListBlock(node.type == "ordered_list", start, tuple(items), _line(node))

    def table(self, node: SyntaxTreeNode) -> Table:
        head, *body = node.children
        header = tuple(self.inline(cell) for cell in head.children[0].children)
        rows = []
        for row in (row for part in body for row in part.children):
            line = _line(row)
            cells = self._source_cells(line)
            if cells != len(header):
                raise self.error(
                    line, f"table row has {cells} cells, the header has {len(header)}; add or remove a '|'"
                )
            rows.append(tuple(self.inline(cell) for cell in row.children))
        return Table(header, tuple(rows), _line(node))

    def _source_cells(self, line: int) -> int:
        """markdown-it pads or cuts short rows silently; the source line says what was typed."""
        text = self.lines[line - 1].strip()
        text = text.removeprefix("|")
        if text.endswith("|") and not text.endswith("\\|"):
            text = text[:-1]
        return len(UNESCAPED_PIPE.split(text))

    # -- inline ----------------------------------------------------------------------

    def inline(self, node: SyntaxTreeNode) -> Inline:
        inline = node.children[0] if node.children and node.children[0].type == "inline" else node
        spans: list[Span] = []
        _collect(inline.children, Span(""), spans)
        # The one place quotation marks are paired for display (quote_marks.py says why); code
        # is shown as written, so it takes part only as a stretch without marks.
        texts = paired(["\0" * len(span.text) if span.code else span.text for span in spans])
        spans = [span if span.code else replace(span, text=text) for span, text in zip(spans, texts, strict=True)]
        return Inline(tuple(_merge(spans)))


def _collect(nodes: list[SyntaxTreeNode], style: Span, out: list[Span]) -> None:
    """Flatten inline nodes into spans, each carrying the styles of the nodes around it."""
    for node in nodes:
        match node.type:
            case "text" | "html_inline":
                out.append(replace(style, text=node.content))
            case "softbreak" | "hardbreak":
                out.append(replace(style, text=" "))
            case "code_inline":
                out.append(replace(style, text=node.content, code=True))
            case "strong":
                _collect(node.children, replace(style, strong=True), out)
            case "em":
                _collect(node.children, replace(style, emphasis=True), out)
            case "link":
                _collect(node.children, replace(style, href=node.attrs["href"]), out)
            case _:  # an image keeps its alt text
                _collect(node.children, style, out)


def _merge(spans: list[Span]) -> Iterator[Span]:
    """Join neighbouring spans of one style, so the model does not depend on tokenisation."""
    current: Span | None = None
    for span in spans:
        if not span.text:
            continue
        if current is not None and replace(current, text="") == replace(span, text=""):
            current = replace(current, text=current.text + span.text)
            continue
        if current is not None:
            yield current
        current = span
    if current is not None:
        yield current


def _slice(inline: Inline, start: int, end: int) -> Inline:
    """The characters start..end of an Inline's plain text, keeping their styles."""
    spans, offset = [], 0
    for span in inline.spans:
        lo, hi = max(start - offset, 0), min(end - offset, len(span.text))
        if lo < hi:
            spans.append(replace(span, text=span.text[lo:hi]))
        offset += len(span.text)
    return Inline(tuple(spans))


def _is_heading(node: SyntaxTreeNode, tag: str) -> bool:
    return node.type == "heading" and node.tag == tag


def _split(nodes: list[SyntaxTreeNode], tag: str) -> Iterator[tuple[SyntaxTreeNode, list[SyntaxTreeNode]]]:
    """Group nodes under each heading of the given level; nodes must start with one."""
    starts = [i for i, n in enumerate(nodes) if _is_heading(n, tag)]
    for here, after in zip(starts, [*starts[1:], len(nodes)], strict=False):
        yield nodes[here], nodes[here + 1 : after]


def _language_of(path: Path) -> str:
    """`interview.zh.md` -> `zh`."""
    suffixes = path.suffixes
    return suffixes[-2].lstrip(".") if len(suffixes) >= 2 else ""
