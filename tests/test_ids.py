"""ids.py: readable ASCII ids, the same in every edition, that do not move when the text around them does."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import DATA, parse_file
from interview_site.ids import RESERVED, assign_ids, link_key_quotes, slugify
from interview_site.model import Document, Inline, Quote, SectionKind, SourceError, Span, StageError
from interview_site.parse import parse

IDS = DATA / "ids"


def with_ids(*paths: Path, id_lang: str = "en") -> dict[str, Document]:
    docs = {doc.lang: doc for doc in map(parse_file, paths)}
    return assign_ids(docs, id_lang if id_lang in docs else next(iter(docs)))


def quote_ids(doc: Document) -> dict[int, str]:
    """{line: id} for every quote (a key quote may have the same text as a topic quote)."""
    return {q.line: q.id for s in doc.sections for q in s.quotes}


def id_of(doc: Document, text: str) -> str:
    (quote_id,) = [q.id for s in doc.sections for q in s.quotes if q.text.plain == text]
    return quote_id


def map_blocks(doc: Document, change) -> Document:
    """The document with ``change(blocks)`` applied to every section's and subsection's blocks."""
    return replace(
        doc,
        sections=tuple(
            replace(
                s,
                blocks=change(s.blocks),
                subsections=tuple(replace(sub, blocks=change(sub.blocks)) for sub in s.subsections),
            )
            for s in doc.sections
        ),
    )


# -- slugify ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("AI’s “Five-Layer” Cake", "ais-five-layer-cake"),
        ("Don't Stop", "dont-stop"),
        ("US–China Relations", "us-china-relations"),
        ("energy—natural gas", "energy-natural-gas"),
        ("Jensen Huang (黄仁勋)", "jensen-huang"),
        ("AI成本与Token经济学", "ai-token"),
        ("Café Crème", "cafe-creme"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("snake_case", "snake-case"),
        ("能源与基础设施", ""),
    ],
)
def test_slugify(text: str, slug: str):
    assert slugify(text) == slug


def test_slugify_cuts_at_max_length_without_a_trailing_dash():
    assert slugify("word " * 30, max_length=10) == "word-word"


# -- ids come from the English edition ---------------------------------------------------------


def test_ids_come_from_the_english_edition_and_are_copied_to_zh_by_position():
    docs = with_ids(DATA / "edition" / "interview.zh.md", DATA / "edition" / "interview.en.md")
    zh, en = docs["zh"], docs["en"]
    assert [s.id for s in en.sections] == [
        "video",
        "contents",
        "predictions",
        "energy",
        "jobs",
        "key-quotes",
        "people",
        "glossary",
    ]
    # Explicit '{ #id }', else a slug of the English title ('Energy Policy').
    assert [sub.id for s in en.sections for sub in s.subsections] == [
        "energy-demand",
        "energy-policy",
        "on-work",
        "jensen-huang",
    ]
    assert [(s.id, [sub.id for sub in s.subsections]) for s in zh.sections] == [
        (s.id, [sub.id for sub in s.subsections]) for s in en.sections
    ]
    assert [q.id for s in zh.sections for q in s.quotes] == [q.id for s in en.sections for q in s.quotes]
    assert list(quote_ids(en).values()) == [
        "without-energy-there-can-be-no",
        "will-ai-take-our-jobs",
        "the-purpose-of-a-job-doesnt",
        "a-jobs-purpose-doesnt-change-key-quotes",
    ]


def test_without_an_english_edition_a_han_only_title_gets_a_numbered_id():
    docs = with_ids(IDS / "han-titles.zh.md", id_lang="zh")
    assert [s.id for s in docs["zh"].sections] == ["section-1", "section-2", "glossary"]


# -- quote ids -----------------------------------------------------------------------------------


def test_a_quote_id_is_its_first_six_words():
    doc = with_ids(IDS / "quotes.en.md")["en"]
    assert id_of(doc, "Without energy, there can be no new industry.") == "without-energy-there-can-be-no"
    assert id_of(doc, "In President Trump’s first week in office, he said ‘drill, baby, drill.’") == (
        "in-president-trumps-first-week-in"
    )


def test_a_quote_id_starts_with_a_letter_even_when_the_quote_starts_with_a_number():
    doc = with_ids(IDS / "number-first.en.md")["en"]
    assert [q.id for q in doc.sections[0].quotes] == ["quote-2026-will-be-the-year-of", "quote-90"]


def test_a_quote_id_that_would_repeat_a_heading_id_gets_a_suffix():
    quote_id = id_of(with_ids(IDS / "quotes.en.md")["en"], "Energy!")
    assert re.fullmatch(r"energy-[0-9a-f]{4}", quote_id)


def test_a_quote_without_ascii_words_gets_a_text_derived_id():
    ids = quote_ids(with_ids(IDS / "key-quotes.zh.md", id_lang="zh")["zh"])
    assert all(re.fullmatch(r"quote-[0-9a-f]{8}", i) for i in ids.values())
    assert len(set(ids.values())) == len(ids)


def test_a_key_quote_may_repeat_a_topic_quote_word_for_word():
    doc = with_ids(IDS / "quotes.en.md")["en"]
    topic, key = doc.section(SectionKind.TOPIC), doc.section(SectionKind.KEY_QUOTES)
    repeated = "The purpose of a job doesn’t change; what changes are the tasks."
    (in_topic,) = [q for s in doc.topics for q in s.quotes if q.text.plain == repeated]
    (in_key,) = key.quotes
    assert in_topic.id == "the-purpose-of-a-job-doesnt"
    assert in_key.id == "the-purpose-of-a-job-doesnt-key-quotes"
    assert topic.id == "energy"


NEW_QUOTE = Quote("Elad Gil", Inline((Span("A brand new question about robots?"),)), line=99)


@pytest.mark.parametrize("index", [0, 1, -1], ids=["first section", "second section", "key quotes"])
def test_adding_a_quote_elsewhere_changes_no_other_quote_id(index: int):
    doc = parse_file(IDS / "quotes.en.md")
    before = quote_ids(assign_ids({"en": doc}, "en")["en"])
    sections = list(doc.sections)
    sections[index] = replace(sections[index], blocks=(NEW_QUOTE, *sections[index].blocks))
    after = quote_ids(assign_ids({"en": replace(doc, sections=tuple(sections))}, "en")["en"])
    assert {text: after[text] for text in before} == before
    assert after[NEW_QUOTE.line].startswith("a-brand-new-question-about-robots")


def test_removing_any_one_quote_changes_no_other_quote_id():
    doc = parse_file(IDS / "quotes.en.md")
    before = quote_ids(assign_ids({"en": doc}, "en")["en"])
    quotes = [q for s in doc.sections for q in s.quotes]
    assert len(quotes) == 6
    for removed in quotes:
        changed = map_blocks(doc, lambda blocks, removed=removed: tuple(b for b in blocks if b is not removed))
        after = quote_ids(assign_ids({"en": changed}, "en")["en"])
        assert after == {line: i for line, i in before.items() if line != removed.line}, f"without line {removed.line}"


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        (
            "duplicate-heading.en.md",
            7,
            "'Energy' maps to id 'energy', already used at line 5; give one of them an explicit '{ #id }'",
        ),
        (
            "duplicate-explicit-id.en.md",
            9,
            "'Power and Energy' maps to id 'energy', already used at line 5; give one of them an explicit '{ #id }'",
        ),
        ("no-ascii-id.zh.md", 7, "heading has no ASCII id; add one: '### Title { #some-id }'"),
        ("duplicate-quote.en.md", 10, "this quote appears twice word for word in this section"),
    ],
)
def test_ids_that_cannot_be_made_raise_at_the_line(name: str, line: int, message: str):
    path = IDS / name
    with pytest.raises(SourceError) as raised:
        with_ids(path)
    assert str(raised.value) == f"{path}:{line}: {message}"


@pytest.mark.parametrize(("title", "reserved"), [("Quotes", "quotes"), ("Print", "print"), ("Index", "index")])
def test_reserved_page_names_are_rejected(title: str, reserved: str):
    assert reserved in RESERVED
    doc = parse(f"# name\n\n# Title\n\n## {title}\n\ntext\n", Path("t.en.md"))
    with pytest.raises(SourceError) as raised:
        assign_ids({"en": doc}, "en")
    assert str(raised.value) == f"t.en.md:5: section id '{reserved}' is reserved; choose another"


def test_a_language_folder_is_a_reserved_page_name():
    # zh/en.md would be served at /en/, where the English home page is.
    zh = parse("# 名称\n\n# 标题\n\n## 英文\n\ntext\n", Path("t.zh.md"))
    en = parse("# name\n\n# Title\n\n## English { #en }\n\ntext\n", Path("t.en.md"))
    with pytest.raises(SourceError) as raised:
        assign_ids({"zh": zh, "en": en}, "en")
    assert str(raised.value) == "t.en.md:5: section id 'en' is reserved; choose another"


# -- key quotes --------------------------------------------------------------------------------------


def test_a_key_quote_links_to_the_topic_quote_it_repeats_and_not_to_an_unrelated_one():
    docs = link_key_quotes(with_ids(IDS / "key-quotes.zh.md", id_lang="zh"), "zh")
    doc = docs["zh"]
    (topic,) = doc.topics
    purpose, energy = topic.quotes
    key = {sub.id: sub.blocks[0] for sub in doc.section(SectionKind.KEY_QUOTES).subsections}
    assert key["shorter"].context_id == purpose.id
    assert key["longer"].context_id == energy.id
    assert key["verbatim"].context_id == purpose.id
    assert key["unrelated"].context_id is None
    assert key["verbatim"].id != purpose.id
    assert all(q.context_id is None for q in topic.quotes)


def test_key_quotes_are_matched_on_the_reference_wording_and_linked_in_every_edition():
    edition = DATA / "edition"
    docs = with_ids(edition / "interview.zh.md", edition / "interview.en.md")
    # The English key quote is worded too differently to match on its own...
    (en_key,) = link_key_quotes(docs, "en")["en"].section(SectionKind.KEY_QUOTES).quotes
    assert en_key.context_id is None
    # ...but the Chinese ones match, and the link holds in both editions.
    linked = link_key_quotes(docs, "zh")
    for doc in linked.values():
        (key,) = doc.section(SectionKind.KEY_QUOTES).quotes
        assert key.context_id == "the-purpose-of-a-job-doesnt"


def test_without_a_key_quotes_section_nothing_changes():
    docs = with_ids(IDS / "han-titles.zh.md", id_lang="zh")
    assert link_key_quotes(docs, "zh") == docs


def test_linking_key_quotes_before_the_ids_are_assigned_fails_with_a_clear_message():
    """Swapped with assign_ids, every key quote would link to the quote with the empty id."""
    doc = parse_file(DATA / "parity" / "base.en.md")
    with pytest.raises(StageError, match=r"base\.en\.md: link_key_quotes needs the ids: run ids\.assign_ids first$"):
        link_key_quotes({"en": doc}, "en")
