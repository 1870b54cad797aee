"""search-worker.js, the site's search engine, run in Node.js: how text and queries are
normalised (they go through one function, so they always agree), and how entries rank."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from helpers import ROOT

WORKER = ROOT / "docs" / "assets" / "javascripts" / "search-worker.js"
VARIANTS = {"黃": "黄", "勳": "勋", "說": "说", "讓": "让", "驚": "惊", "訝": "讶"}


def node(expression: str, **values: Any) -> Any:
    """Evaluate a JavaScript expression with the worker's exports as `w` and `values` bound."""
    bindings = "".join(f"const {name} = {json.dumps(value, ensure_ascii=False)};\n" for name, value in values.items())
    script = f"const w = require({json.dumps(str(WORKER))});\n{bindings}console.log(JSON.stringify({expression}))"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def units(text: str) -> list[str]:
    return node("w.units(text, variants).map(t => t.unit)", text=text, variants=VARIANTS)


# -- Normalisation: the same for the text and the query -----------------------------------


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("hallucinations", "hallucination"),
        ("robots", "robot"),
        ("companies", "company"),
        ("trained", "training"),
        ("running", "run"),
        ("Moore's law", "Moore’s Law"),
        ("moores law", "MOORE’S LAW"),
        ("isn't", "isn’t"),
        ("five layer", "five-layer"),
        ("ＡＩ", "AI"),
        ("黃仁勳說", "黄仁勋说"),
        # Numbers however written.
        ("十亿倍", "10亿倍"),
        ("一百万Token", "100万Token"),
        ("二〇二六年", "2026年"),
        ("二十五", "25"),
        ("one billion robots", "1 billion robots"),
        ("a billion times", "a billionfold"),
        ("billion-fold", "billionfold"),
    ],
)
def test_a_query_and_the_text_it_means_normalise_alike(typed: str, text: str):
    assert units(typed) == units(text)


def test_han_characters_are_units_of_their_own_so_words_inside_terms_are_found():
    assert units("奶油蛋糕") == ["奶", "油", "蛋", "糕"]
    assert units("10亿倍推理Token") == ["10", "亿", "倍", "推", "理", "token"]


def test_full_width_punctuation_separates_words():
    assert units("OpenAI、Anthropic、Gemini，DeepSeek；Qwen：Kimi。") == [
        "openai",
        "anthropic",
        "gemini",
        "deepseek",
        "qwen",
        "kimi",
    ]


def test_offsets_point_into_the_original_text():
    tokens = node("w.units(text, {})", text="AI isn’t just software")
    assert [(t["start"], t["end"]) for t in tokens] == [(0, 2), (3, 8), (9, 13), (14, 22)]


# -- Ranking and results ------------------------------------------------------------------

DOCS = [
    {"location": "jobs/", "title": "Jobs", "text": "<p>What changes is the task.</p>"},
    {"location": "jobs/#purpose", "title": "Task and purpose", "text": "<p>Software is a tool; just a tool.</p>"},
    {
        "location": "jobs/#ai-isnt-just-software",
        "title": "Jensen Huang · Task and purpose",
        "text": "“AI isn’t just software. It is a new kind of factory.”",
        "quote": True,
    },
    {"location": "energy/", "title": "Energy", "text": "<p>Without energy there is no new industry.</p>"},
    {"location": "energy/#mix", "title": "Energy mix", "text": "<p>有好几条指数曲线同时在发生。让我惊讶。</p>"},
    {"location": "cake/", "title": "五层蛋糕", "text": "<p>AI 是一个五层蛋糕。</p>"},
]


SYNONYMS = [["NVIDIA", "英伟达"], ["Scaling Law", "规模定律"]]


def search(query: str, docs: list[dict[str, Any]] = DOCS, synonyms: list[list[str]] = SYNONYMS) -> dict[str, Any]:
    config = {"variants": VARIANTS, "synonyms": synonyms}
    setup = {"type": 0, "data": {"config": config, "docs": docs, "options": {"suggest": True}}}
    return node(
        "(w.handle(setup), w.handle({type: 2, data: query}).data)",
        setup=setup,
        query=query,
    )


def ranked(result: dict[str, Any]) -> list[str]:
    """Locations best first, as a reader meets them."""
    return [item["location"] for item in sorted((i for g in result["items"] for i in g), key=lambda i: -i["score"])]


def test_the_entry_holding_the_typed_phrase_ranks_above_entries_that_share_its_words():
    assert ranked(search("isn't just software"))[0] == "jobs/#ai-isnt-just-software"


def test_a_quote_outranks_its_section_on_equal_terms():
    docs = [*DOCS, {"location": "jobs/#factories", "title": "Factories", "text": "AI isn’t just software."}]
    assert ranked(search("AI isn’t just software", docs))[:2] == ["jobs/#ai-isnt-just-software", "jobs/#factories"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("蛋糕", "cake/"),
        ("有好几条指数曲线", "energy/#mix"),
        ("让我惊讶", "energy/#mix"),
        ("讓我驚訝", "energy/#mix"),
        ("the task", "jobs/"),
        ("a new kind of facto", "jobs/#ai-isnt-just-software"),
    ],
)
def test_queries_find_their_entry_first(query: str, expected: str):
    assert ranked(search(query))[0] == expected


@pytest.mark.parametrize("query", ["the", "是", "a"])
def test_a_common_word_or_character_never_empties_the_results(query: str):
    assert ranked(search(query))


def test_a_query_with_nothing_in_the_text_finds_nothing():
    assert search("photosynthesis")["items"] == []


def test_results_are_grouped_by_page_and_each_group_holds_its_page():
    groups = search("有好几条指数曲线")["items"]
    assert [[item["location"] for item in group] for group in groups] == [["energy/#mix", "energy/"]]
    assert groups[0][1]["score"] == 0


def test_matches_are_marked_and_only_whole_typed_words_go_to_the_page_highlighter():
    (group, *_) = search("isn't just software")["items"]
    quote = next(item for item in group if item["location"] == "jobs/#ai-isnt-just-software")
    assert quote["text"] == "“AI <mark>isn’t just software</mark>. It is a new kind of factory.”"
    assert quote["terms"] == {"isn’t": True, "just": True, "software": True}
    assert all(len(term) > 1 for g in search("a task")["items"] for i in g for term in i["terms"])


def test_a_chinese_match_is_highlighted_as_the_run_the_text_holds():
    (group,) = search("讓我驚訝")["items"]
    assert group[0]["terms"] == {"让我惊讶": True}
    assert "<mark>让我惊讶</mark>" in group[0]["text"]


def test_words_missing_from_an_entry_are_reported_as_the_theme_shows_them():
    firsts = [group[0] for group in search("software photosynthesis")["items"]]
    assert firsts, "the other word is found"
    assert all(item["terms"].get("photosynthesis") is False for item in firsts)


def test_text_is_escaped_in_results():
    docs = [{"location": "x/", "title": "a &lt;b&gt; c", "text": "<p>x &amp; y &lt;script&gt;</p>"}]
    (group,) = search("script", docs)["items"]
    assert group[0]["text"] == "x &amp; y &lt;<mark>script</mark>&gt;"


def test_an_unfinished_last_word_is_completed_as_a_suggestion():
    assert search("just soft")["suggest"] == ["software"]


def test_the_search_dictionary_finds_text_written_another_way():
    docs = [
        {"location": "a/", "title": "A", "text": "NVIDIA builds AI factories."},
        {"location": "b/", "title": "B", "text": "Scaling Law 仍然有效。"},
        {"location": "c/", "title": "C", "text": "英国的工厂。"},
    ]
    assert ranked(search("英伟达", docs))[0] == "a/"
    assert ranked(search("规模定律", docs))[0] == "b/"
    assert ranked(search("nvidia", docs)) == ["a/"]
    # The other spelling is found, not shown: nothing in the text is marked for it.
    (group,) = search("英伟达", docs)["items"]
    assert "<mark>" not in group[0]["text"]


def every_item(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for group in result["items"] for item in group]


def highlighted(item: dict[str, Any]) -> list[str]:
    """The words the theme puts in the item's link (?h=), in order."""
    return [word for word, shown in item["terms"].items() if shown]


def test_a_single_character_of_another_spelling_finds_nothing():
    """ "电工" must not find every "AI" through the 工 of the synonym "人工智能"."""
    docs = [{"location": "a/", "title": "A", "text": "AI creates jobs."}]
    synonyms = [["人工智能", "AI"]]
    assert search("电工", docs, synonyms)["items"] == []
    assert search("智能", docs, synonyms)["items"] == []
    assert ranked(search("人工智能", docs, synonyms)) == ["a/"]


@pytest.mark.parametrize("query", ["有好几条指数曲线", "isn't just software", "英伟达", "task", "蛋糕"])
def test_every_result_link_highlights_something_on_its_page(query: str):
    """The theme writes every item's shown terms into its link's ?h=; none may be empty, the
    page's own entry included."""
    docs = [*DOCS, {"location": "gpu/", "title": "GPUs", "text": "NVIDIA builds AI factories."}]
    items = every_item(search(query, docs))
    assert items
    assert all(highlighted(item) for item in items), [(i["location"], i["terms"]) for i in items]


def test_a_synonym_match_highlights_the_texts_own_spelling_on_the_page():
    docs = [{"location": "a/", "title": "A", "text": "NVIDIA builds AI factories."}]
    (group,) = search("英伟达", docs)["items"]
    assert highlighted(group[0]) == ["NVIDIA"]


def test_the_page_highlights_the_longest_match_first():
    """The theme's highlighter tries the words in the order given at each place: "电工" first
    would leave "的工资" of "电工的工资" unmarked."""
    text = "<p>建筑工人、水管工、电工、技术人员的需求量惊人。电工的工资甚至翻倍了。</p>"
    docs = [{"location": "a/", "title": "A", "text": text}]
    (group,) = search("电工的工资", docs)["items"]
    assert highlighted(group[0]) == ["电工的工资", "电工"]
    assert "<mark>电工的工资</mark>" in group[0]["text"]


def test_a_term_joined_by_punctuation_is_one_mark_and_one_highlighted_word():
    docs = [{"location": "a/", "title": "A", "text": "Suppose 2% goes to R&amp;D and GPT-4 models."}]
    (group,) = search("R&D", docs)["items"]
    assert "<mark>R&amp;D</mark>" in group[0]["text"]
    assert highlighted(group[0]) == ["R&D"]


def test_a_snippet_never_starts_inside_a_term():
    # The snippet opens 40 characters before its first match: here, on the "D" of "R&D".
    text = "word " * 30 + "R&amp;D " + "a" * 38 + " photosynthesis" + " tail" * 60
    docs = [{"location": "a/", "title": "A", "text": text}]
    (group,) = search("photosynthesis", docs)["items"]
    assert group[0]["text"].startswith("… R&amp;D "), group[0]["text"][:40]


TYPO_DOCS = [
    {"location": "h/", "title": "H", "text": "The hallucination problem was solved."},
    {"location": "j/", "title": "J", "text": "Jensen Huang spoke."},
    {"location": "o/", "title": "O", "text": "Without open source, startups struggle."},
    {"location": "f/", "title": "F", "text": "Picture it as a five-layer cake."},
    {"location": "v/", "title": "V", "text": "The next thing is verticalization."},
    {"location": "c/", "title": "C", "text": "The colour of the centre."},
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("halucination", "h/"),  # a letter dropped
        ("hallucinnation", "h/"),  # a letter added
        ("Jenson", "j/"),  # a letter changed
        ("hallucinatoin", "h/"),  # two letters swapped
        ("opensource", "o/"),  # a missing space
        ("fivelayer", "f/"),
        ("verticalisation", "v/"),  # British for American
        ("color", "c/"),  # American for British
        ("center", "c/"),
    ],
)
def test_a_word_one_edit_away_a_missing_space_or_another_spelling_still_finds_the_text(query: str, expected: str):
    assert ranked(search(query, TYPO_DOCS))[0] == expected


def test_short_words_are_not_read_as_typos():
    """Four letters have too many neighbours: "cale" is not "cake"."""
    assert search("cale", TYPO_DOCS)["items"] == []


@pytest.mark.parametrize(("query", "exact", "near"), [("verticalization", "v/", "b/"), ("verticalisation", "b/", "v/")])
def test_a_near_word_ranks_below_the_exact_one(query: str, exact: str, near: str):
    docs = [*TYPO_DOCS, {"location": "b/", "title": "B", "text": "The next thing is verticalisation."}]
    assert ranked(search(query, docs))[:2] == [exact, near]


def test_a_near_word_is_marked_and_highlighted_as_the_text_spells_it():
    (group,) = search("halucination", TYPO_DOCS)["items"]
    assert "<mark>hallucination</mark>" in group[0]["text"]
    assert highlighted(group[0]) == ["hallucination"]
