"""quote_pages.py: a page per quote in every language, linked both ways, and the episode facts."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from interview_site import pipeline
from interview_site.labels import SCRIPT_LABELS
from interview_site.line_breaks import shorten
from interview_site.model import SectionKind
from interview_site.quote_pages import TITLE_LENGTH, page_quotes, quote_page_name, quote_pages, share_facts
from interview_site.render import quoted
from interview_site.urls import page_url, resolve_page_links
from interview_site.video import episode

DATA = Path(__file__).parent / "data"
LANGS = ("zh", "en")


@cache
def real() -> pipeline.Edition:
    return pipeline.load()


@cache
def fixture() -> pipeline.Edition:
    return pipeline.load(DATA / "edition")


def meta_and_body(page: str) -> tuple[dict, str]:
    body, meta = get_data(page)
    return meta, body


def as_built(edition: pipeline.Edition, path: str, directory_urls: bool = True) -> str:
    """A page's Markdown with its links to other languages' pages as a build with or without
    directory URLs (the web site, the offline edition) makes them."""
    lang, name = path.split("/", 1)
    url = page_url(lang, name, pipeline.DEFAULT_LANG, directory_urls)
    return resolve_page_links(edition.markdown[path], url, edition.markdown, pipeline.DEFAULT_LANG, directory_urls)


@pytest.mark.parametrize("edition", [real, fixture], ids=["site", "fixture"])
def test_every_quote_has_its_page_in_every_language(edition):
    pages = edition().markdown
    for lang, doc in edition().docs.items():
        quotes = [q for s in doc.sections for q in s.quotes]
        assert quotes
        for quote in quotes:
            assert f"{lang}/{quote_page_name(quote.id)}" in pages, quote.id


@pytest.mark.parametrize("lang", LANGS)
def test_a_key_quote_worded_unlike_its_quote_in_context_has_a_page_with_its_own_words(lang):
    doc = real().docs[lang]
    in_context = {q.id: q for s in doc.topics for q in s.quotes}
    repeats = [q for q in doc.section(SectionKind.KEY_QUOTES).quotes if q.context_id]
    reworded = [q for q in repeats if q.text.plain != in_context[q.context_id].text.plain]
    assert reworded, "the sources have a key quote that words its quote in context differently"
    for quote in reworded:
        meta, body = meta_and_body(real().markdown[f"{lang}/{quote_page_name(quote.id)}"])
        assert f'attrs: {{id: "{quote.id}"' in body
        assert meta["title"] == quoted(shorten(quote.text.plain, TITLE_LENGTH[lang]))
        assert unescape(body).count(quote.text.plain[:20]) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_quote_pages_link_to_the_other_language_and_back(lang):
    other = next(code for code in LANGS if code != lang)
    for _, quote in page_quotes(real().docs[lang]):
        _, body = meta_and_body(as_built(real(), f"{lang}/{quote_page_name(quote.id)}"))
        up = "../../" if lang == "zh" else "../../../"
        target = f"{up}{'' if other == 'zh' else 'en/'}q/{quote.id}/"
        assert f'<a href="{target}" hreflang="{other}" lang="{other}">' in body, quote.id


def test_offline_links_between_languages_name_the_html_file():
    """The offline edition (MkDocs' use_directory_urls off) has q/<id>.html, not q/<id>/."""
    name = quote_pages(fixture().docs, "en", "zh")[0].name
    en, zh = (as_built(fixture(), f"{lang}/{name}", directory_urls=False) for lang in ("en", "zh"))
    quote_id = name.removeprefix("q/").removesuffix(".md")
    assert f'href="../../q/{quote_id}.html"' in en
    assert f'href="../en/q/{quote_id}.html"' in zh


@pytest.mark.parametrize("lang", LANGS)
def test_a_quote_page_has_the_quote_source_context_and_neighbours(lang):
    doc = real().docs[lang]
    quotes = page_quotes(doc)
    facts = episode(doc)
    for index, (section, quote) in enumerate(quotes):
        meta, body = meta_and_body(real().markdown[f"{lang}/{quote_page_name(quote.id)}"])
        assert meta["search"] == {"exclude": True}, "the quote is found in its section, not twice"
        assert meta["title"].startswith("“") and meta["title"].endswith("”")
        assert len(meta["title"]) <= TITLE_LENGTH[lang] + 2
        assert meta["description"] == f"{quote.speaker} · {facts.show} · {section.title.plain}"
        assert f'attrs: {{id: "{quote.id}"}}' in body
        assert f"(../{section.id}.md#{quote.id}){{ .quote-context }}" in body
        assert f"{quote.speaker} · {facts.show} · {facts.date}" in body
        links = re.findall(r"\]\(([\w-]+)\.md\)", body)
        neighbours = [*quotes[max(index - 1, 0) : index], *quotes[index + 1 : index + 2]]
        assert links == [q.id for _, q in neighbours]


def unescape(markdown: str) -> str:
    """Text as a page shows it: Markdown backslash escapes and HTML entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


@pytest.mark.parametrize("lang", LANGS)
def test_titles_and_link_labels_cut_a_quote_where_a_line_could_break(lang):
    """The page title (og:title, twitter:title, og:image:alt) and the labels of the links to the
    neighbours and to the other language are one shortening of the quote (line_breaks.shorten):
    "Scaling Law并没有让我惊讶…" is never cut to "Scaling…", nor "Qwen、DeepSeek" to "Qwen、De…"."""
    shortened = {
        quoted(shorten(q.text.plain, TITLE_LENGTH[code]))
        for code, doc in real().docs.items()
        for s in doc.sections
        for q in s.quotes
    }
    for _, quote in page_quotes(real().docs[lang]):
        meta, body = meta_and_body(real().markdown[f"{lang}/{quote_page_name(quote.id)}"])
        labels = [*re.findall(r"\[(“.*?”)\]\(", body), *re.findall(r">(“.*?”)</a>", body)]
        assert len(labels) >= 2, "a neighbour and the other language"
        for label in [meta["title"], *map(unescape, labels)]:
            assert label in shortened, label


def test_the_first_and_last_quotes_have_one_neighbour():
    quotes = page_quotes(real().docs["en"])
    first = real().markdown[f"en/{quote_page_name(quotes[0][1].id)}"]
    last = real().markdown[f"en/{quote_page_name(quotes[-1][1].id)}"]
    assert "Previous quote" not in first and "Next quote" in first
    assert "Previous quote" in last and "Next quote" not in last


def test_episode_facts_come_from_the_video_table_in_each_language():
    zh, en = (episode(real().docs[lang]) for lang in LANGS)
    # US style in English (Babel's en_US), which Chicago citations use too.
    assert (en.date, en.iso_date, zh.date, zh.iso_date) == (
        "January 8, 2026",
        "2026-01-08",
        "2026年1月8日",
        "2026-01-08",
    )
    assert en.show == zh.show == "No Priors Podcast"
    assert en.hosts == "Sarah Guo and Elad Gil"
    assert "Reasoning Models" in en.title


def test_missing_episode_facts_are_empty_not_an_error():
    facts = episode(fixture().docs["en"])
    assert (facts.show, facts.date, facts.iso_date, facts.hosts) == ("", "", "", "")


def test_share_facts_carry_the_public_addresses():
    facts = share_facts(episode(real().docs["en"]), "en", "https://example.org/en/", "https://example.org/en/energy/")
    assert facts["root"] == "https://example.org/en/"
    assert facts["page"] == "https://example.org/en/energy/"
    assert facts["quotePage"] == "q/{id}/", "the web site's address, which the offline edition hands out too"
    assert facts["date"] == "January 8, 2026", "what a Chicago citation writes"
    assert facts["labels"] == SCRIPT_LABELS["en"], "the script's wording, in the page's language"
