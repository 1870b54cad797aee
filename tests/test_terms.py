"""terms.py: every term the Chinese uses has its one English rendering in the aligned English block."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DATA, EDITIONS, parse_file
from interview_site import pipeline
from interview_site.model import Document, SectionKind, SourceError, Table
from interview_site.parse import parse
from interview_site.terms import TermBase, check_terms, headword, parse_terms

TERMS = DATA / "terms"
ZH, EN = EDITIONS


def term_base(path: Path = TERMS / "terms.zh-en.tsv") -> TermBase:
    return parse_terms(path.read_text(encoding="utf-8"), path)


def edited(path: Path, old: str, new: str) -> Document:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    return parse(text.replace(old, new), path)


def line_of(path: Path, text: str) -> int:
    (number,) = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    return number


def test_the_test_edition_uses_every_term_as_the_term_base_says():
    assert check_terms(parse_file(ZH), parse_file(EN), term_base()) == ()


def test_a_missing_rendering_is_reported_at_both_lines_with_the_term_base_line():
    en = edited(EN, "- Inference tokens keep getting cheaper", "- Inference keeps getting cheaper")
    (finding,) = check_terms(parse_file(ZH), en, term_base())
    assert finding == (
        f"{EN}:{line_of(EN, 'Inference tokens keep')}: list item lacks 'inference token' for '推理Token' "
        f"(zh: {ZH}:{line_of(ZH, '- 推理Token越来越便宜')}; term base: {TERMS / 'terms.zh-en.tsv'}:3)"
    )


@pytest.mark.parametrize(
    ("old", "new", "what", "zh_line"),
    [
        (
            "## Energy and Infrastructure { #energy }",
            "## Power and Infrastructure { #energy }",
            "heading",
            "## 能源与基础设施",
        ),
        (
            "Jensen Huang: “The purpose of a job",
            "Jensen Huang: “The point of a job",
            "quote",
            "工作的目的不会改变，改变",
        ),
        ("| Software engineer | Same purpose |", "| Software engineer | Same aim |", "table row", "| 软件工程师"),
        ("Tokens and work:", "Chips and work:", "paragraph", "Token与工作的关系"),
        ("> Sarah Guo: “Will AI", "> Elad Gil: “Will AI", "quote", "Sarah Guo：“AI"),
    ],
)
def test_every_kind_of_aligned_block_is_checked(old, new, what, zh_line):
    findings = check_terms(parse_file(ZH), edited(EN, old, new), term_base())
    assert len(findings) == 1
    assert findings[0].startswith(f"{EN}:{line_of(EN, old)}: {what} lacks ")
    assert f"(zh: {ZH}:{line_of(ZH, zh_line)};" in findings[0]


def test_a_glossary_headword_that_is_not_the_rendering_is_reported():
    en = edited(EN, "| AGI | Artificial General Intelligence |", "| A.G.I. | AGI: Artificial General Intelligence |")
    (finding,) = check_terms(parse_file(ZH), en, term_base())
    assert finding == (
        f"{EN}:{line_of(EN, '| AGI | Artificial')}: glossary headword 'A.G.I.' should be 'AGI' "
        f"(zh: {ZH}:{line_of(ZH, '| AGI |')}; term base: {TERMS / 'terms.zh-en.tsv'}:9)"
    )


def test_a_glossary_term_missing_from_the_term_base_is_reported():
    text = (TERMS / "terms.zh-en.tsv").read_text(encoding="utf-8").replace("AGI\tAGI\n", "")
    base = parse_terms(text, TERMS / "terms.zh-en.tsv")
    (finding,) = check_terms(parse_file(ZH), parse_file(EN), base)
    assert finding == f"{EN}:{line_of(EN, '| AGI |')}: glossary term 'AGI' is not in the term base {base.path}"


def test_the_longest_term_wins_and_plurals_and_dashes_match():
    base = parse_terms(
        "全自动驾驶\tfull self-driving\n自动驾驶\tautonomous driving\nAI工厂\tAI factory\n", Path("t.tsv")
    )
    assert [t.source for t in base.used_in("全自动驾驶与AI工厂")] == ["全自动驾驶", "AI工厂"]
    assert [t.source for t in base.used_in("自动驾驶")] == ["自动驾驶"]
    zh = parse("# n\n\n# t\n\n## 甲\n\n全自动驾驶需要AI工厂\n", Path("a.zh.md"))
    assert (
        check_terms(zh, parse("# n\n\n# t\n\n## A\n\nFull self driving needs AI factories\n", Path("a.en.md")), base)
        == ()
    )
    (finding,) = check_terms(
        zh, parse("# n\n\n# t\n\n## A\n\nFull self-driving needs AI factorys\n", Path("a.en.md")), base
    )
    assert finding.startswith("a.en.md:7: paragraph lacks 'AI factory' for 'AI工厂'")


def test_an_ascii_term_inside_a_longer_word_is_not_that_term():
    base = parse_terms("GPT\tGPT\n", Path("t.tsv"))
    assert base.used_in("ChatGPT时刻") == []
    assert [t.source for t in base.used_in("第一代GPT训练")] == ["GPT"]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("no-tab.tsv", 2, "expected 'Chinese term<TAB>English rendering[<TAB>context]'"),
        ("duplicate.tsv", 4, "'token' is already in the term base at line 2"),
    ],
)
def test_a_malformed_term_base_fails_at_its_line(name, line, message):
    with pytest.raises(SourceError) as error:
        term_base(TERMS / name)
    assert str(error.value) == f"{TERMS / name}:{line}: {message}"


CONTEXTS = "推理\treasoning\n推理\tinference\t推理成本\n落地\tgrounding\t答案落地\n"


def paragraph_pair(zh: str, en: str) -> tuple[Document, Document]:
    return parse(f"# n\n\n# t\n\n## 甲\n\n{zh}\n", Path("a.zh.md")), parse(
        f"# n\n\n# t\n\n## A\n\n{en}\n", Path("a.en.md")
    )


def test_an_entry_with_a_context_applies_where_its_phrase_is_around_the_term():
    base = parse_terms(CONTEXTS, Path("t.tsv"))
    assert [t.rendering for t in base.used_in("推理成本下降")] == ["inference"]
    assert [t.rendering for t in base.used_in("推理能力提升")] == ["reasoning"]
    assert [t.rendering for t in base.used_in("推理能力提升，推理成本下降")] == ["reasoning", "inference"]
    # The phrase must surround this very place: 推理成本 elsewhere in the text does not count.
    assert [t.rendering for t in base.used_in("推理成本与推理")] == ["inference", "reasoning"]


def test_a_missing_contextual_rendering_names_its_context():
    base = parse_terms(CONTEXTS, Path("t.tsv"))
    zh, en = paragraph_pair("推理能力提升，推理成本下降", "Reasoning improves and costs fall")
    assert check_terms(zh, en, base) == (
        "a.en.md:7: paragraph lacks 'inference' for '推理' in '推理成本' (zh: a.zh.md:7; term base: t.tsv:2)",
    )
    assert (
        check_terms(*paragraph_pair("推理能力提升，推理成本下降", "Reasoning improves; inference costs less"), base)
        == ()
    )


def test_a_term_with_only_contextual_entries_is_checked_only_in_them():
    base = parse_terms(CONTEXTS, Path("t.tsv"))
    assert base.used_in("技术落地") == []
    assert base.rendering_of("落地") is None
    assert base.rendering_of("推理").rendering == "reasoning"
    (finding,) = check_terms(*paragraph_pair("答案落地", "Answers are better"), base)
    assert (
        finding == "a.en.md:7: paragraph lacks 'grounding' for '落地' in '答案落地' (zh: a.zh.md:7; term base: t.tsv:3)"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("推理\treasoning\n推理\tinference\t推论成本\n", 2, "context '推论成本' does not contain '推理'"),
        (
            "推理\tinference\t推理成本\n推理\tinference cost\t推理成本\n",
            2,
            "'推理' in '推理成本' is already in the term base at line 1",
        ),
        ("推理\treasoning\t推理成本\textra\n", 1, "expected 'Chinese term<TAB>English rendering[<TAB>context]'"),
    ],
)
def test_a_malformed_context_fails_at_its_line(text, line, message):
    with pytest.raises(SourceError) as error:
        parse_terms(text, Path("t.tsv"))
    assert str(error.value) == f"t.tsv:{line}: {message}"


def test_headwords_are_renderings_with_a_capital():
    assert [headword(r) for r in ("scaling law", "MoE", "behind-the-meter")] == [
        "Scaling law",
        "MoE",
        "Behind-the-meter",
    ]


# -- the real sources ----------------------------------------------------------------


def test_the_english_edition_follows_the_term_base():
    assert pipeline.load().findings == ()


def test_the_term_base_covers_every_glossary_term_and_person():
    base = term_base(pipeline.SOURCE_DIR / pipeline.TERM_BASE)
    zh = pipeline.load().docs["zh"]
    tables = [b for b in zh.section(SectionKind.GLOSSARY).blocks if isinstance(b, Table)]
    glossary = [row[0].plain.strip() for table in tables for row in table.rows]
    people = [sub.title.plain for sub in zh.section(SectionKind.PEOPLE).subsections]
    assert len(glossary) >= 13 and len(people) == 3
    assert all(base.rendering_of(term) for term in glossary)
    assert all(base.used_in(person) for person in people)


def test_the_terms_issue_18_found_rendered_two_ways_have_one_rendering_each():
    base = term_base(pipeline.SOURCE_DIR / pipeline.TERM_BASE)
    zh = (pipeline.SOURCE_DIR / "interview.zh.md").read_text(encoding="utf-8")
    for source in ("核心观点", "数十亿美元", "生成速度"):
        assert source in zh and base.rendering_of(source) is not None
