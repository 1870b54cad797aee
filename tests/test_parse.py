"""parse.py: the source format as CommonMark reads it, and every way a source can break it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA, EDITIONS, parse_file
from interview_site.model import (
    Document,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    SectionKind,
    SourceError,
    Span,
    Table,
)
from interview_site.parse import SPECIAL_SECTIONS, parse


def case(name: str) -> Document:
    return parse_file(DATA / "parse" / f"{name}.md")


def blocks(name: str) -> tuple:
    """The blocks of the first section of a one-section case."""
    return case(name).sections[0].blocks


def texts(items: tuple[ListItem, ...]) -> list[str]:
    return [item.text.plain for item in items]


# -- Lists that Python-Markdown would swallow ---------------------------------------------


def test_a_list_right_after_a_paragraph_line_is_a_list():
    paragraph, listing = blocks("list-after-paragraph")
    assert paragraph == Paragraph(Inline((Span("Three new kinds of factories:"),)), line=7)
    assert isinstance(listing, ListBlock)
    assert (listing.ordered, listing.line) == (False, 8)
    assert texts(listing.items) == ["chip factories", "computer factories"]
    assert [item.line for item in listing.items] == [8, 9]


def test_a_list_right_after_a_quote_line_is_a_list_not_part_of_the_quote():
    quote, listing = blocks("list-after-quote")
    assert quote.text.plain == "推理Token的生成速度增长之快。"
    assert isinstance(listing, ListBlock)
    assert listing.line == 9
    assert texts(listing.items) == ["推理Token生成速度：增长速度超出预期", "Token盈利能力：很高"]
    assert listing.items[0].text.spans[0] == Span("推理Token生成速度", strong=True)


def test_four_space_indented_items_are_nested_lists():
    (listing,) = blocks("nested-list")
    first, last = listing.items
    assert texts(listing.items) == ["Token盈利能力：", "最后一项"]
    (child,) = first.children
    assert texts(child.items) == ["OpenEvidence毛利率高达90%", "Cursor毛利率表现优异"]
    assert child.line == 8
    (grandchild,) = child.items[1].children
    assert texts(grandchild.items) == ["更深一层"]
    assert last.children == ()


def test_ordered_lists_keep_their_start_number():
    _, after_paragraph, _, separate = blocks("ordered-list")
    assert (after_paragraph.ordered, after_paragraph.start, texts(after_paragraph.items)) == (
        True,
        1,
        ["first", "second"],
    )
    assert (separate.ordered, separate.start, texts(separate.items)) == (True, 3, ["third", "fourth"])


# -- Quotes ---------------------------------------------------------------------------------


def test_the_speaker_is_whatever_stands_before_either_colon():
    quotes = blocks("speakers")
    assert all(isinstance(q, Quote) for q in quotes)
    assert [(q.speaker, q.text.plain, q.line) for q in quotes] == [
        ("黄仁勋", "中文冒号。", 7),
        ("Sarah Guo", "ASCII colon.", 10),
        ("Elad Gil", "Full-width colon after a Latin name.", 13),
        ("主持人 Sarah", "Space before the colon.", 16),
        ("Jensen Huang", "Straight quotation marks.", 19),
    ]
    assert case("speakers").warnings == ()


def test_a_quote_without_its_closing_mark_is_parsed_with_a_warning_naming_file_and_line():
    doc = case("unclosed-quote")
    (quote,) = doc.sections[0].blocks
    assert (quote.speaker, quote.text.plain, quote.line) == ("黄仁勋", "没有结束的引号", 7)
    assert doc.warnings == (f"{doc.path}:7: quote has no closing quotation mark (”)",)


# -- Tables, headings, footer ---------------------------------------------------------------


def test_tables_keep_header_rows_styles_and_escaped_pipes():
    (table,) = blocks("table")
    assert isinstance(table, Table)
    assert table.line == 7
    assert [c.plain for c in table.header] == ["项目", "内容"]
    assert [[c.plain for c in row] for row in table.rows] == [
        ["视频链接", "https://www.youtube.com/watch?v=A4VNU7EqkSM"],
        ["管道", "a | b"],
        ["空", ""],
    ]
    assert table.rows[0][0].spans == (Span("视频链接", strong=True),)


def test_an_explicit_id_is_taken_off_the_heading_title():
    (section,) = case("explicit-id").sections
    assert (section.title.plain, section.id) == ("Energy and Power", "energy")
    assert section.title.spans[1] == Span("and", strong=True)
    assert [(sub.title.plain, sub.id, sub.line) for sub in section.subsections] == [
        ("Demand", "demand", 7),
        ("No Id Here", "", 11),
    ]


def test_an_all_italic_last_line_is_the_footer_not_content():
    doc = case("footer")
    assert doc.footer == Inline((Span("Document generated: January 30, 2026 · Video ID: A4VNU7EqkSM", emphasis=True),))
    assert [b.text.plain for b in doc.sections[0].blocks] == ["text"]


def test_a_last_line_only_partly_italic_stays_a_paragraph():
    doc = case("italic-not-whole-line")
    assert doc.footer is None
    assert doc.sections[0].blocks[-1].text.plain == "Document generated on January 30, 2026"


def test_inline_styles_become_spans_and_escapes_become_text():
    (paragraph,) = blocks("inline")
    assert paragraph.text.spans == (
        Span("Plain "),
        Span("strong", strong=True),
        Span(" "),
        Span("emphasis", emphasis=True),
        Span(" "),
        Span("code", code=True),
        Span(" "),
        Span("link", href="https://example.com/"),
        Span(" *not emphasis* a&b"),
    )


def test_raw_html_is_kept_as_the_text_the_author_typed():
    assert [b.text.plain for b in blocks("raw-html")] == [
        "<script>alert(1)</script>",
        "An image <img src=x onerror=alert(1)> inline.",
        '<iframe src="https://evil.example/"></iframe>',
    ]


# -- Sections -------------------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "kind"), SPECIAL_SECTIONS.items())
def test_special_sections_are_recognised_by_name(heading: str, kind: SectionKind):
    doc = parse(f"# name\n\n# Title\n\n## {heading}\n\ntext\n\n## Topic\n\ntext\n", Path("t.md"))
    assert [s.kind for s in doc.sections] == [kind, SectionKind.TOPIC]


@pytest.mark.parametrize("heading", ["Glossary of Terms", "术语", "People and Robots", "Contents Matter"])
def test_every_other_section_is_a_topic(heading: str):
    doc = parse(f"# name\n\n# Title\n\n## {heading}\n\ntext\n", Path("t.md"))
    assert [(s.kind, s.title.plain) for s in doc.sections] == [(SectionKind.TOPIC, heading)]


@pytest.mark.parametrize("path", EDITIONS, ids=["zh", "en"])
def test_both_editions_have_the_same_sections_by_kind(path: Path):
    doc = parse_file(path)
    assert doc.lang == path.suffixes[0].lstrip(".")
    assert [s.kind for s in doc.sections] == [
        SectionKind.VIDEO,
        SectionKind.CONTENTS,
        SectionKind.PREDICTIONS,
        SectionKind.TOPIC,
        SectionKind.TOPIC,
        SectionKind.KEY_QUOTES,
        SectionKind.PEOPLE,
        SectionKind.GLOSSARY,
    ]
    assert [s.line for s in doc.topics] == [29, 49]
    assert doc.footer is not None


# -- What editors add: BOM, CRLF, trailing spaces, no final newline ---------------------------

VARIANTS = {
    "bom": lambda text: "\ufeff" + text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "cr": lambda text: text.replace("\n", "\r"),
    "trailing spaces": lambda text: text.replace("\n", "  \t\n"),
    "no final newline": lambda text: text.rstrip("\n"),
    "all at once": lambda text: "\ufeff" + text.replace("\n", "   \r\n").rstrip(),
}


@pytest.mark.parametrize("path", EDITIONS, ids=["zh", "en"])
@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_editor_noise_gives_the_same_document(path: Path, variant):
    clean = parse_file(path)
    noisy = parse(variant(path.read_text(encoding="utf-8")), path)
    assert noisy.sections == clean.sections
    assert (noisy.name, noisy.title, noisy.footer, noisy.warnings) == (clean.name, clean.title, clean.footer, ())


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_editor_noise_gives_the_same_error(variant):
    path = DATA / "parse" / "errors" / "no-topic.md"
    with pytest.raises(SourceError) as clean:
        parse_file(path)
    with pytest.raises(SourceError) as noisy:
        parse(variant(path.read_text(encoding="utf-8")), path)
    assert str(noisy.value) == str(clean.value)


# -- Errors: exact message and line ------------------------------------------------------------

ERRORS = [
    ("empty", 1, "the file is empty"),
    ("blank", 1, "the file is empty"),
    ("one-h1", 1, "expected two H1 headings before the first section: the file name, then the title"),
    ("h1-after-section", 1, "expected two H1 headings before the first section: the file name, then the title"),
    ("no-topic", 5, "no topic section: add at least one '## ' section besides the named ones"),
    ("table-row-extra-cell", 10, "table row has 3 cells, the header has 2; add or remove a '|'"),
    ("table-row-missing-cell", 9, "table row has 2 cells, the header has 3; add or remove a '|'"),
    ("text-before-section", 5, "text before the first '## ' section; move it into a section"),
    ("h3-before-section", 5, "unexpected h3 heading before the first '## ' section"),
    ("h1-before-section", 5, "unexpected h1 heading before the first '## ' section"),
    ("h4-in-section", 7, "unexpected h4 heading: sections are '## ', subsections '### '"),
    ("h1-in-section", 9, "unexpected h1 heading: sections are '## ', subsections '### '"),
    ("blockquote-not-a-quote", 7, "a quote line must read '> Speaker: “…”' (speaker, colon, quotation)"),
    ("blockquote-two-paragraphs", 7, "a quote is one line: '> Speaker: “…”', then a line '> '"),
    ("blockquote-with-list", 7, "a quote is one line: '> Speaker: “…”', then a line '> '"),
    ("list-item-two-paragraphs", 7, "a list item holds one line of text and, optionally, a nested list"),
    ("code-block", 7, "unexpected code block here"),
    ("id-without-title", 5, "heading has an id but no title"),
    ("empty-heading", 7, "empty heading"),
]


@pytest.mark.parametrize(("name", "line", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_a_broken_source_raises_at_its_line(name: str, line: int, message: str):
    path = DATA / "parse" / "errors" / f"{name}.md"
    with pytest.raises(SourceError) as raised:
        parse_file(path)
    assert (raised.value.path, raised.value.line, raised.value.message) == (path, line, message)
    assert str(raised.value) == f"{path}:{line}: {message}"
