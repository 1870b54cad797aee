"""Search as a reader uses it, in Chromium: a few remembered words find the place."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import LANGS, SearchBox, edition, grant, open_first_result, search, watched_context, watched_page
from interview_site.labels import LABELS
from tools.search_quality import commit_text, failures, measure, reader_queries, sample, summary, wait_for_results

ZH_QUERIES = [
    ("10亿倍", "token-economics/", "triple-compounding"),
    ("五层蛋糕", "five-layer-cake/", None),
    ("摩尔定律", "token-economics/", "triple-compounding"),
    ("放射科医生", "jobs/", "task-vs-purpose"),
    ("挖掘机", "outlook-2026/", "robotics"),
    ("加速计算", "ai-bubble/", "accelerated-computing"),
    ("电工的工资", "jobs/", "three-factories"),
    ("MoE", "token-economics/", "moe"),
    ("DeepSeek", "china-open-source/", "deepseek"),
    ("卡车司机", "jobs/", "labor-shortages"),
    ("末日论者", "doomer-narratives/", None),
]
EN_QUERIES = [
    ("hallucination", "year-in-review/", "industry-achievements"),
    ("radiologists", "jobs/", "task-vs-purpose"),
    ("excavators", "outlook-2026/", "robotics"),
    ("Karpathy", "token-economics/", "falling-costs"),
    ("drill", "energy/", "energy-policy"),
    ("verticalization", "outlook-2026/", "verticalization"),
    ("Huawei", "us-china/", "export-controls"),
    ("doomers", "doomer-narratives/", "optimism-balance"),
    ("plumbers", "jobs/", "three-factories"),
    ("Moore", "token-economics/", "triple-compounding"),
]


@pytest.fixture(scope="module")
def box(browser, site) -> Iterator[dict[str, SearchBox]]:
    """A topic page's search box in each language, for the tests that only read results."""
    contexts = {lang: watched_context(browser, site, viewport={"width": 1280, "height": 900}) for lang in LANGS}
    boxes = {
        lang: SearchBox(watched_page(context), site.url + LANGS[lang] + "energy/") for lang, context in contexts.items()
    }
    yield boxes
    for context in contexts.values():
        context.close()
    logs = {lang: box.page.log for lang, box in boxes.items()}
    assert {lang: (log.console_errors, log.failed, log.outside) for lang, log in logs.items()} == dict.fromkeys(
        LANGS, ([], [], [])
    )


def path_of(href: str, site_url: str) -> tuple[str, str]:
    """('energy/', 'energy-policy') from 'http://…/interview/energy/?h=drill#energy-policy'."""
    rest = href.removeprefix(site_url)
    page, _, anchor = rest.partition("#")
    return page.split("?")[0], anchor


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected_page", "expected_anchor"), ZH_QUERIES)
def test_chinese_query_finds_its_section(box, site, query, expected_page, expected_anchor):
    results = box["zh"].search(query, "zh")
    assert results, f"no result for {query}"
    first_group = [path_of(href, site.url) for href in results[0]]
    assert first_group[0][0] == expected_page, f"{query}: first result {first_group[0]}"
    if expected_anchor:
        assert expected_anchor in [anchor for _, anchor in first_group], first_group
    assert all(not href.removeprefix(site.url).startswith("en/") for group in results for href in group)


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected_page", "expected_anchor"), EN_QUERIES)
def test_english_query_finds_its_section(box, site, query, expected_page, expected_anchor):
    results = box["en"].search(query, "en")
    assert results, f"no result for {query}"
    first_group = [path_of(href, site.url + "en/") for href in results[0]]
    assert first_group[0][0] == expected_page, f"{query}: first result {first_group[0]}"
    assert expected_anchor in [anchor for _, anchor in first_group], first_group
    assert all(href.startswith(site.url + "en/") for group in results for href in group)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_results_stay_in_the_readers_language(box, site, lang):
    results = [href for group in box[lang].search("NVIDIA", "en") for href in group]
    assert len(results) >= 3
    in_english = [href.startswith(site.url + "en/") for href in results]
    assert all(in_english) if lang == "en" else not any(in_english)


@pytest.mark.browser
def test_a_search_can_be_opened_from_a_link(page, site):
    page.goto(site.url + "en/?q=Karpathy")
    page.wait_for_selector(".md-search-result__item")
    first = page.eval_on_selector(".md-search-result__item a", "a => a.href")
    assert path_of(first, site.url + "en/")[0] == "token-economics/"
    assert page.input_value(".md-search__input") == "Karpathy"


CONTROLS = ("show_other", "modes", "mode_single", "mode_side", "mode_interleaved", "in_context")


@pytest.mark.browser
@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_pages_own_controls_are_neither_found_nor_shown_in_results(box, lang, control):
    """The reading-mode switch, a quote's "show the other language" and "read in context" are
    the site's wording, not the interview's: typing one finds no entry that holds it."""
    label = LABELS[lang][control]
    box[lang].search(label, lang)
    shown = box[lang].page.eval_on_selector_all(".md-search-result__article", "items => items.map(i => i.textContent)")
    assert not [text for text in shown if label in text]


@pytest.mark.site
@pytest.mark.parametrize(("root", "lang"), [("", "zh"), ("en/", "en")])
def test_the_sites_own_wording_and_navigation_are_not_indexed(site, root, lang):
    """Controls, the translation note on every page and the home page's section cards (each
    section's headings, found on the section itself) would match on every page."""
    index = json.loads((site.directory / root / "search" / "search_index.json").read_text("utf-8"))
    texts = [html.unescape(entry["title"] + " " + entry["text"]) for entry in index["docs"]]
    wording = [LABELS[lang][key] for key in (*CONTROLS, "translation_note") if LABELS[lang][key]]
    cards = [" · ".join(sub.title.plain for sub in s.subsections) for s in edition().docs[lang].topics if s.subsections]
    assert not [(words, text) for words in wording + cards for text in texts if words.strip() in text]


@pytest.mark.browser
def test_searching_logs_no_errors(page, site):
    page.goto(site.url + "en/jobs/")
    search(page, "radiologists", "en")
    page.goto(site.url + "jobs/")
    search(page, "放射科医生", "zh")
    assert page.log.console_errors == []
    assert page.log.failed == []
    assert page.log.outside == []


# -- A few remembered words find the quote, first -----------------------------------------


def quote_where(lang: str, words: str) -> set[str]:
    """Locations (relative to the language root) of the quotes whose text holds `words`."""
    doc = edition().docs[lang]
    found = {f"{s.id}/#{q.id}" for s in doc.sections for q in s.quotes if words in q.text.plain}
    assert found, f"no {lang} quote holds {words!r}"
    return found


def article_text(box: SearchBox, location: str) -> str:
    """What a reader sees of the article at `location` (relative to the site), opened in the
    box's page (its next search loads the box's page again)."""
    box.page.goto(box.url.removesuffix("energy/") + location.split("#")[0])
    return box.page.inner_text("article")


def best(page, root: str) -> str:
    """The result Enter opens: the best scored entry of the first group, relative to `root`."""
    return page.evaluate(
        """root => {
          const links = [...document.querySelector(".md-search-result__item").querySelectorAll("a")]
          const [a] = links.sort((x, y) => y.firstElementChild.dataset.mdScore - x.firstElementChild.dataset.mdScore)
          const url = new URL(a.href)
          return url.pathname.slice(new URL(root).pathname.length) + url.hash
        }""",
        root,
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("有好几条指数曲线", "有好几条指数曲线"),  # verbatim, across jieba's words
        ("让我惊讶", "让我惊讶"),  # with a common character
        ("指數曲線", "指数曲线"),  # traditional characters
        ("Anthropic", "OpenAI、Anthropic、Gemini"),  # a name in a list joined by 、
        ("OpenAI、Anthropic", "OpenAI、Anthropic"),
    ],
)
def test_chinese_words_from_a_quote_find_the_quote_first(box, site, query, words):
    box["zh"].search(query, "zh")
    assert best(box["zh"].page, site.url) in quote_where("zh", words)


@pytest.mark.browser
@pytest.mark.parametrize(("query", "words"), [("英伟达", "NVIDIA"), ("川普", "特朗普"), ("黃仁勳", "黄仁勋")])
def test_another_spelling_finds_the_text(box, site, query, words):
    """The search dictionary's spellings, and traditional characters for simplified ones."""
    box["zh"].search(query, "zh")
    assert words in article_text(box["zh"], best(box["zh"].page, site.url))


@pytest.mark.browser
def test_a_word_inside_a_longer_term_is_found(box, site):
    box["zh"].search("蛋糕", "zh")
    assert best(box["zh"].page, site.url).startswith("five-layer-cake/")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("hallucinations", "hallucination"),  # plural of the text's singular
        ("Moore's law", "Moore’s law"),  # straight apostrophe for the text's curly one
        ("Moore’s law", "Moore’s law"),
        ("moores law", "Moore’s law"),
        ("picture it as a five layer cake", "five-layer cake"),  # space for the text's hyphen
        ("PICTURE IT AS A FIVE-LAYER CAKE", "five-layer cake"),
    ],
)
def test_english_words_from_a_quote_find_the_quote_first(box, site, query, words):
    box["en"].search(query, "en")
    assert best(box["en"].page, site.url + "en/") in quote_where("en", words)


@pytest.mark.browser
def test_a_result_lands_on_the_quote_with_only_the_typed_words_highlighted(page, site):
    page.goto(site.url + "en/energy/")
    open_first_result(page, "isn’t just software", "en")
    target = page.evaluate("location.hash.slice(1)")
    assert f"jobs/#{target}" in quote_where("en", "AI isn’t just software.")
    marks = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    # The theme joins marks with only spaces between them: "isn’t just software" is one.
    words = {word for mark in marks for word in mark.split()}
    assert words == {"isn’t", "just", "software"}, marks
    assert page.evaluate("new URLSearchParams(location.search).get('h')") == "isn’t just software"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("viewport", "root", "query", "words"),
    [
        ({"width": 1280, "height": 900}, "", "有好几条指数曲线", "有好几条指数曲线"),
        ({"width": 390, "height": 844}, "", "有好几条指数曲线", "有好几条指数曲线"),
        ({"width": 1280, "height": 900}, "en/", "a doubling roughly every year", "a doubling roughly every year"),
        ({"width": 390, "height": 844}, "en/", "a doubling roughly every year", "a doubling roughly every year"),
    ],
)
def test_the_quote_a_result_opens_is_outlined_at_the_top_of_the_screen(browser, site, viewport, root, query, words):
    context = watched_context(browser, site, viewport=viewport, is_mobile=viewport["width"] < 500, has_touch=True)
    page = context.new_page()
    page.goto(site.url + root + "energy/")
    page.click("label.md-header__button[for=__search]" if viewport["width"] < 500 else ".md-search__input")
    commit_text(page, query)
    wait_for_results(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**#*")
    quote = page.locator(".admonition.quote:target")
    quote.wait_for()
    assert f"{page.url.split('/')[-2]}/#{quote.get_attribute('id')}" in quote_where(root.rstrip("/") or "zh", words)
    box = quote.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= box["y"] <= header["height"] + 40, (box, header)
    assert page.evaluate("getComputedStyle(document.querySelector('.admonition.quote:target')).boxShadow") != "none"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("root", "typed", "lang", "shared"),
    [("en/", "robots", "en", "robots"), ("", "五层蛋糕", "zh", "五层蛋糕")],
)
def test_the_search_share_button_shares_what_is_in_the_box(page, site, root, typed, lang, shared):
    grant(page, site, "clipboard-read", "clipboard-write")
    page.goto(site.url + root + "energy/")
    search(page, typed, lang)
    page.click("[data-md-component=search-share]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(site.url + root + "energy/?")
    assert parse_qs(urlsplit(copied).query) == {"q": [shared]}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copied_fragments_of_quotes_find_them(page, site, lang):
    """A seeded sample of scripts/tools/search_quality.py's fragments, pasted (the benchmark
    types them all, key by key)."""
    fragments = sample(edition().docs[lang], per_quote=1, seed="tests")[::2]
    outcomes = measure(page, site.url + LANGS[lang], fragments, pasted=True)
    figures = summary(outcomes)
    assert figures["no result, %"] == 0, failures(outcomes)
    assert figures["first result right, %"] >= 95, failures(outcomes)
    assert figures["first result is the quote, %"] >= 90, failures(outcomes)


# -- Noise and misses ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("halucination", "hallucination"),  # a letter dropped
        ("opensource", "open source"),  # a missing space
        ("fivelayer", "five-layer"),
        ("verticalisation", "verticalization"),  # British for American
    ],
)
def test_a_typo_a_missing_space_or_a_british_spelling_finds_the_quote(box, site, query, words):
    assert box["en"].search(query, "en"), query
    doc = edition().docs["en"]
    holding = {f"{s.id}/#{q.id}" for s in doc.sections for q in s.quotes if words in q.text.plain.lower()}
    assert best(box["en"].page, site.url + "en/") in holding


@pytest.mark.browser
def test_a_misspelt_name_finds_the_person(box, site):
    assert box["en"].search("Jenson", "en")
    assert "Jensen" in article_text(box["en"], best(box["en"].page, site.url + "en/"))


@pytest.mark.browser
def test_a_word_that_shares_one_character_with_a_synonym_finds_nothing(box):
    """ "电工" is not in the English text; its 工 is in "人工智能", another spelling of "AI"."""
    assert box["en"].search("电工", "zh") == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "lang"), [("hallucination", "en"), ("R&D", "en"), ("英伟达", "zh"), ("电工的工资", "zh")]
)
def test_every_result_link_highlights_words_on_its_page(box, query, lang):
    """The page's own row of each group included: an empty ?h= highlights nothing."""
    links = [href for group in box[lang].search(query, lang) for href in group]
    assert links
    assert all(parse_qs(urlsplit(href).query).get("h") for href in links), links


@pytest.mark.browser
def test_an_opened_result_highlights_the_whole_run_typed(page, site):
    page.goto(site.url + "energy/")
    open_first_result(page, "电工的工资", "zh")
    marks = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
    assert "电工的工资" in marks, marks


# -- In readers' own words ----------------------------------------------------------------

READER_QUERIES = Path(__file__).parent / "data" / "reader-queries.tsv"


def test_the_reader_queries_name_quotes_of_each_language():
    table = READER_QUERIES.read_text("utf-8")
    for lang, doc in edition().docs.items():
        queries = reader_queries(doc, table)
        assert queries, lang
        quotes = {f"{s.id}/#{q.id}" for s in doc.sections for q in s.quotes}
        assert {query.quote for query in queries} <= quotes


def test_a_reader_query_for_a_quote_that_does_not_exist_names_its_line():
    table = "# a comment\n\nen\tdrill baby drill\tno-such-quote\tparaphrase\n"
    with pytest.raises(ValueError, match=r"^queries.tsv:3: no en quote has the id 'no-such-quote'$"):
        reader_queries(edition().docs["en"], table, "queries.tsv")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_searches_in_readers_own_words_find_their_quotes(page, site, lang):
    """Paraphrases, typos, a missing space, British spellings, numbers written another way
    (the benchmark reports the same set)."""
    queries = reader_queries(edition().docs[lang], READER_QUERIES.read_text("utf-8"))
    outcomes = measure(page, site.url + LANGS[lang], queries)
    figures = summary(outcomes)
    assert figures["no result, %"] == 0, failures(outcomes)
    assert figures["first result right, %"] >= 95, failures(outcomes)


# -- Issue 19: the box's input events, and the shortcuts after a counterpart toggle --------


@pytest.mark.browser
@pytest.mark.parametrize(("root", "query"), [("", "英伟达"), ("en/", "NVIDIA")])
def test_text_pasted_or_committed_without_a_key_is_searched(page, site, root, query):
    """Paste with the mouse, or an input method's candidate clicked: the box gets an `input`
    event and no key at all (Playwright's insert_text sends exactly that)."""
    page.goto(site.url + root + "energy/")
    page.click(".md-search__input")
    page.keyboard.insert_text(query)
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() > 0
    assert page.log.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("root", ["", "en/"])
@pytest.mark.parametrize("key", ["s", "/"])
def test_s_and_slash_open_search_after_a_counterpart_toggle_is_clicked(page, site, root, key):
    page.goto(site.url + root + "energy/")
    page.locator(".admonition.quote .alt-toggle + label").first.click()
    assert page.locator(".alt-quote:visible").count() == 1
    page.keyboard.press(key)
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    # The theme opens the search overlay from the box's focus a moment later (its focus watcher
    # is debounced by 1 ms), so the overlay is waited for, not read at once.
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=2000)
