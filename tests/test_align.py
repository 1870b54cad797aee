"""align.py: one pair id per block, the same in both editions, in reading order."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA, parse_file
from interview_site.align import align, check_alignment, counterparts
from interview_site.ids import assign_ids
from interview_site.model import Document, Inline, ListBlock, Paragraph, Quote, SourceError, StageError, Table
from interview_site.parity import check_parity

PARITY = DATA / "parity"


def editions(en_path: Path = PARITY / "base.en.md") -> tuple[Document, Document]:
    docs = assign_ids({"zh": parse_file(PARITY / "base.zh.md"), "en": parse_file(en_path)}, "en")
    return align(docs["zh"]), align(docs["en"])


def pair_ids(doc: Document) -> list[str]:
    """Every pair id in reading order, as the pages show them."""
    found: list[str] = []
    for block in (b for section in doc.sections for b in section.all_blocks):
        match block:
            case Paragraph() | Quote():
                found.append(block.pair)
            case ListBlock():
                found.extend(item.pair for item in block.all_items())
            case Table():
                found.extend(block.pairs)
    return found


def test_every_block_gets_a_pair_id_numbered_in_reading_order_within_its_section():
    zh, _ = editions()
    assert pair_ids(zh) == [
        "energy.1",  # quote
        "energy.2",  # quote
        "energy.3",  # natural gas
        "energy.4",  # the grid
        "energy.5",  # nuclear, nested under the grid
        "energy.6",  # table row: Drilling
        "energy.7",  # table row: Nuclear
        "energy.8",  # Policy matters.
        "jobs.1",
        "glossary.1",
    ]


def test_both_editions_share_every_pair_id_and_each_names_its_own_text():
    zh, en = editions()
    assert pair_ids(zh) == pair_ids(en)
    zh_texts, en_texts = counterparts(zh), counterparts(en)
    assert zh_texts.keys() == en_texts.keys()
    assert {"interview", "energy", "policy", "jobs", "glossary"} <= en_texts.keys()
    assert isinstance(en_texts["energy.1"], Inline) and "Without energy" in en_texts["energy.1"].plain
    assert en_texts["energy.8"].plain == "Policy matters."
    row = en_texts["energy.6"]
    assert isinstance(row, tuple) and [cell.plain for cell in row] == ["Drilling", "yes"]
    assert en_texts["policy"].plain == "Policy"


def test_pair_ids_never_clash_with_heading_or_quote_ids():
    zh, _ = editions()
    ids = {s.id for s in zh.sections} | {q.id for s in zh.sections for q in s.quotes}
    assert not ids & set(pair_ids(zh)) and all("." not in i for i in ids)


def test_editions_whose_blocks_are_in_another_order_are_stopped_naming_both_places():
    zh, en = editions(DATA / "align" / "order-differs.en.md")
    check_parity(zh, en)  # the same counts: parity alone lets it through
    with pytest.raises(SourceError) as raised:
        check_alignment(zh, en)
    assert str(raised.value) == (
        f"{DATA / 'align' / 'order-differs.en.md'}:18: section 'energy': a paragraph here is a table in zh "
        f"({PARITY / 'base.zh.md'}:18); side by side they would not line up"
    )


def test_aligned_editions_pass_the_check():
    check_alignment(*editions())


# -- The order of the stages ----------------------------------------------------------------


def test_aligning_before_the_ids_are_assigned_fails_with_a_clear_message():
    """Pair ids are made of section ids: run first, every pair id would be '.1', '.2', ..."""
    doc = parse_file(PARITY / "base.en.md")
    with pytest.raises(StageError, match=r"base\.en\.md: align needs the ids: run ids\.assign_ids first$"):
        align(doc)


def test_an_edition_read_beside_another_must_be_aligned():
    docs = assign_ids({"zh": parse_file(PARITY / "base.zh.md"), "en": parse_file(PARITY / "base.en.md")}, "en")
    with pytest.raises(StageError, match=r"base\.zh\.md: the bilingual pages need aligned editions: run align\.align"):
        counterparts(docs["zh"])
    assert counterparts(align(docs["zh"])), "once aligned, it has counterparts"
