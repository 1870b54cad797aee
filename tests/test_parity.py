"""parity.py: a translation that drifts from the original is stopped, naming both places."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA, parse_file
from interview_site.model import SourceError
from interview_site.parity import Shape, check_parity, shape

PARITY = DATA / "parity"
ZH = PARITY / "base.zh.md"

#: Each en file differs from base.en.md in one place: (file, en line, zh line, message).
BROKEN = [
    ("quote-missing", 5, 5, "section 'energy': zh has 2 quotes, en has 1"),
    ("list-item-missing", 5, 5, "section 'energy': zh has 3 list items, en has 2"),
    ("subsection-missing", 5, 5, "section 'energy': zh has 1 subsections, en has 0"),
    ("table-row-missing", 16, 16, "section 'energy › policy': zh has 2 table rows, en has 1"),
    ("table-column-extra", 16, 16, "section 'energy › policy': zh has 2 table columns, en has 3"),
    ("paragraph-extra", 25, 25, "section 'jobs': zh has 1 paragraph, en has 2"),
    ("section-missing", 25, 25, "zh has 3 sections, en has 2; they part at section 'Glossary'"),
    ("section-extra", 35, 29, "zh has 3 sections, en has 4; they part at section 'outlook'"),
    ("section-missing-at-end", 25, 29, "zh has 3 sections, en has 2; they part at the end, after 'jobs'"),
    (
        "kind-differs",
        29,
        29,
        "section 'terms' is a topic section in en, but '术语表' is a glossary section in zh",
    ),
]


@pytest.mark.parametrize(("name", "line", "zh_line", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_drifting_translation_is_named_with_both_files_and_lines(name: str, line: int, zh_line: int, message: str):
    en = PARITY / f"{name}.en.md"
    with pytest.raises(SourceError) as raised:
        check_parity(parse_file(ZH), parse_file(en))
    assert (raised.value.path, raised.value.line) == (en, line)
    assert str(raised.value) == f"{en}:{line}: {message} (zh: {ZH}:{zh_line})"


@pytest.mark.parametrize(
    ("zh", "en"),
    [(ZH, PARITY / "base.en.md"), (DATA / "edition" / "interview.zh.md", DATA / "edition" / "interview.en.md")],
    ids=["parity", "edition"],
)
def test_matching_editions_pass(zh: Path, en: Path):
    assert check_parity(parse_file(zh), parse_file(en)) is None


def test_shape_counts_nested_items_rows_columns_and_paragraphs():
    energy, jobs, glossary = parse_file(ZH).sections
    assert shape(energy.blocks) == Shape(quotes=2, list_items=3, table_rows=0, table_columns=(), paragraphs=0)
    assert shape(energy.subsections[0].blocks) == Shape(0, 0, 2, (2,), 1)
    assert shape(jobs.blocks) == Shape(0, 0, 0, (), 1)
    assert shape(glossary.blocks) == Shape(0, 0, 1, (2,), 0)
