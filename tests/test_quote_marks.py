"""quote_marks.py: closing marks that open a quotation are shown as opening marks, in one place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_site.model import Document, Inline, ListBlock, ListItem, Paragraph, Quote, Table
from interview_site.parse import parse
from interview_site.quote_marks import paired

SOURCE = Path(__file__).resolve().parent.parent / "source"


@pytest.mark.parametrize(
    ("parts", "shown"),
    [
        (["关于”末日叙事”的反思"], ["关于“末日叙事”的反思"]),
        (["不是那种’预先编写、固定播放’的软件。"], ["不是那种‘预先编写、固定播放’的软件。"]),
        # Inside a quotation: the outer marks are right already, the inner ones are paired.
        (
            ["“我为整个行业今年积极应对AI最大质疑之一——’幻觉’问题感到骄傲。”"],
            ["“我为整个行业今年积极应对AI最大质疑之一——‘幻觉’问题感到骄傲。”"],
        ),
        # One text read across its spans (bold, links), each span keeping its length.
        (["数字生物学将迎来", "”ChatGPT时刻”"], ["数字生物学将迎来", "“ChatGPT时刻”"]),
        # Apostrophes and English closing marks stay.
        (["NVIDIA’s Jensen Huang on Refuting the “AI Bubble” Narrative"], None),
        (["on the customers’ side, as he said, ‘Drill, baby, drill.’ If"], None),
        # A closing mark that nothing later closes is left alone.
        (["他说完了。”"], None),
    ],
)
def test_closing_marks_that_open_a_quotation_are_shown_as_opening_marks(parts, shown):
    assert paired(parts) == (shown or parts)


def inlines(doc: Document) -> Iterator[Inline]:
    def items(item: ListItem) -> Iterator[Inline]:
        yield item.text
        for child in item.children:
            for grandchild in child.items:
                yield from items(grandchild)

    yield doc.title
    if doc.footer is not None:
        yield doc.footer
    for section in doc.sections:
        for part in section.parts:
            yield part.title
            for block in part.blocks:
                match block:
                    case Paragraph() | Quote():
                        yield block.text
                    case ListBlock():
                        for item in block.items:
                            yield from items(item)
                    case Table():
                        yield from (cell for row in (block.header, *block.rows) for cell in row)


def marks(text: str, pair: str) -> str:
    return "".join(re.findall(f"[{pair}]", text))


def test_every_quotation_in_the_chinese_source_is_shown_with_its_pair():
    path = SOURCE / "interview.zh.md"
    source = path.read_text(encoding="utf-8")
    doc = parse(source, path)
    texts = [inline.plain for inline in inlines(doc)]
    assert any("”" in marks(line, "“”")[:1] for line in source.splitlines()), "the source opens with ” somewhere"
    for text in texts:
        doubles = marks(text, "“”")
        assert doubles == "“”" * (len(doubles) // 2), text
        singles = marks(re.sub(r"(?<=[A-Za-z])’(?=[A-Za-z])", "", text), "‘’")
        assert singles == "‘’" * (len(singles) // 2), text


def test_the_english_source_is_shown_with_its_own_marks():
    path = SOURCE / "interview.en.md"
    doc = parse(path.read_text(encoding="utf-8"), path)
    for inline in inlines(doc):
        spans = [span.text for span in inline.spans]
        assert paired(spans) == spans
