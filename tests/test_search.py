"""Search as a reader uses it, in Chromium: a few remembered words find the place."""

from __future__ import annotations

import pytest

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


def search(page, query: str, chinese: bool) -> list[list[str]]:
    """Type a query the way a reader does and return the result links, grouped by page."""
    page.click(".md-search__input")
    if chinese:
        # An input method commits the whole text at once; Material searches on keyup.
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
    else:
        page.keyboard.type(query)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list')?.children.length > 0"
        " || /没有|No matching/.test(document.querySelector('.md-search-result__meta')?.textContent)"
    )
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => [...item.querySelectorAll('a')].map(a => a.href))",
    )


def path_of(href: str, site_url: str) -> tuple[str, str]:
    """('energy/', 'energy-policy') from 'http://…/interview/energy/?h=drill#energy-policy'."""
    rest = href.removeprefix(site_url)
    page, _, anchor = rest.partition("#")
    return page.split("?")[0], anchor


@pytest.mark.parametrize(("query", "expected_page", "expected_anchor"), ZH_QUERIES)
def test_chinese_query_finds_its_section(page, site, query, expected_page, expected_anchor):
    page.goto(site.url + "energy/")
    results = search(page, query, chinese=True)
    assert results, f"no result for {query}"
    first_group = [path_of(href, site.url) for href in results[0]]
    assert first_group[0][0] == expected_page, f"{query}: first result {first_group[0]}"
    if expected_anchor:
        assert expected_anchor in [anchor for _, anchor in first_group], first_group
    assert all(not href.removeprefix(site.url).startswith("en/") for group in results for href in group)


@pytest.mark.parametrize(("query", "expected_page", "expected_anchor"), EN_QUERIES)
def test_english_query_finds_its_section(page, site, query, expected_page, expected_anchor):
    page.goto(site.url + "en/energy/")
    results = search(page, query, chinese=False)
    assert results, f"no result for {query}"
    first_group = [path_of(href, site.url + "en/") for href in results[0]]
    assert first_group[0][0] == expected_page, f"{query}: first result {first_group[0]}"
    assert expected_anchor in [anchor for _, anchor in first_group], first_group
    assert all(href.startswith(site.url + "en/") for group in results for href in group)


@pytest.mark.parametrize(("start", "query", "chinese"), [("", "NVIDIA", False), ("en/", "NVIDIA", False)])
def test_results_stay_in_the_readers_language(page, site, start, query, chinese):
    page.goto(site.url + start + "ai-bubble/")
    results = [href for group in search(page, query, chinese) for href in group]
    assert len(results) >= 3
    in_english = [href.startswith(site.url + "en/") for href in results]
    assert all(in_english) if start else not any(in_english)


def test_a_result_opens_its_section_with_the_terms_highlighted(page, site):
    page.goto(site.url + "energy/")
    results = search(page, "摩尔定律", chinese=True)
    section_link = next(href for href in results[0] if "#" in href)
    page.click(f".md-search-result__item a[href='{section_link}']")
    page.wait_for_url("**/token-economics/**#triple-compounding")
    page.wait_for_selector("article mark")
    marks = page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
    assert "摩尔定律" in marks


def test_a_search_can_be_shared_as_a_link(page, site):
    page.goto(site.url + "en/?q=Karpathy")
    page.wait_for_selector(".md-search-result__item")
    first = page.eval_on_selector(".md-search-result__item a", "a => a.href")
    assert path_of(first, site.url + "en/")[0] == "token-economics/"
    assert page.input_value(".md-search__input") == "Karpathy"


def test_searching_logs_no_errors(page, site):
    page.goto(site.url + "en/jobs/")
    search(page, "radiologists", chinese=False)
    page.goto(site.url + "jobs/")
    search(page, "放射科医生", chinese=True)
    assert page.log.console_errors == []
    assert page.log.failed == []
    assert page.log.outside == []
