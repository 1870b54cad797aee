"""render.py: pages that Python-Markdown, with the site's extensions, reads as the source meant."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from helpers import own_text, to_html
from html_tree import Element
from interview_site import pipeline
from interview_site import render as render_module
from interview_site.ids import assign_ids, link_key_quotes
from interview_site.line_breaks import shorten
from interview_site.model import Document, Inline, Page, Paragraph, SectionKind, Span
from interview_site.parse import parse
from interview_site.render import glossary_anchor, nav, render

DATA = Path(__file__).parent / "data"
RENDER = DATA / "render"
#: Text the source means literally, in every kind of block of escaping.en.md.
LITERAL = "*x* [a](b) <script>alert(1)</script> { #id } a | b"
LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+\.) ")


def markdown_of(pages: tuple[Page, ...]) -> dict[str, str]:
    """One edition's pages' Markdown by page name."""
    return {page.name: page.markdown for page in pages}


def one_edition(path: Path) -> Document:
    """One edition on its own: parse, ids, key quote links."""
    doc = parse(path.read_text(encoding="utf-8"), path)
    return link_key_quotes(assign_ids({doc.lang: doc}, doc.lang), doc.lang)[doc.lang]


@cache
def edition() -> pipeline.Edition:
    return pipeline.load(DATA / "edition")


def edition_html(name: str) -> Element:
    return to_html(edition().markdown[name])


def single(name: str) -> str:
    """A page as rendered from its own edition alone: without the other edition's blocks."""
    lang, page = name.split("/")
    return markdown_of(render(edition().docs[lang]))[page]


# -- pages and nav ------------------------------------------------------------------------------


def test_every_edition_gets_a_page_per_topic_and_reference_section():
    # Besides a page per quote (tests/test_quote_pages.py).
    assert sorted(name for name in edition().markdown if "/q/" not in name) == sorted(
        f"{lang}/{name}.md"
        for lang in ("zh", "en")
        for name in ("index", "energy", "jobs", "key-quotes", "people", "glossary", "quotes", "print")
    )


def test_nav_lists_home_then_topics_then_reference_pages():
    assert nav(edition().docs["zh"]) == [
        {"首页": "index.md"},
        {"访谈": ["energy.md", "jobs.md"]},
        {"资料": ["key-quotes.md", "quotes.md", "people.md", "glossary.md", {"全文（单页）": "print.md"}]},
    ]


def test_nav_without_key_quotes_puts_all_quotes_first():
    assert nav(one_edition(RENDER / "tooltips.en.md")) == [
        {"Home": "index.md"},
        {"The interview": ["tokens.md"]},
        {"Reference": ["quotes.md", "glossary.md", {"Whole interview (one page)": "print.md"}]},
    ]


# -- lists -------------------------------------------------------------------------------------


def test_every_list_has_a_blank_line_before_it(subtests: pytest.Subtests):
    # A subtest per page: the pages are known only once the pipeline has run, never at collection.
    for name, page in sorted(edition().markdown.items()):
        with subtests.test(name=name):
            lines = page.split("\n")
            starts = [i for i, line in enumerate(lines) if LIST_LINE.match(line) and not LIST_LINE.match(lines[i - 1])]
            assert all(lines[i - 1] == "" for i in starts), [lines[i - 1 : i + 1] for i in starts if lines[i - 1]]


def test_a_list_after_a_paragraph_line_is_a_list_on_the_site():
    html = to_html(single("zh/jobs.md"))
    (listing,) = html.find_all("ul")
    assert [li.text for li in listing.find_all("li")] == ["推理Token越来越便宜", "工作的目的不变"]
    assert html.find_all("p")[0].text == "Token与工作的关系："


def test_a_list_after_a_quote_line_is_a_list_after_the_callout():
    html = to_html(single("en/energy.md"))
    callout = next(div for div in html.find_all("div", "quote"))
    assert not callout.find_all("ul")
    outer = html.find_all("ul")[0]
    assert [own_text(li) for li in outer.children if isinstance(li, Element)] == [
        "Energy: the basis of everything",
        "The grid:",
    ]
    assert [li.text for li in outer.find_all("ul")[0].find_all("li")] == ["natural gas", "nuclear"]


def test_nested_lists_are_indented_four_spaces_and_ordered_lists_keep_their_numbers():
    page = single("zh/energy.md")
    assert "- 电网：\n    - 天然气\n    - 核能\n" in page
    assert "\n\n3. 第三步\n4. 第四步\n" in page
    (ordered,) = to_html(page).find_all("ol")
    assert [li.text for li in ordered.find_all("li")] == ["第三步", "第四步"]
    assert ordered.attrs.get("start") == "3", "the site shows 3. and 4., as CommonMark does"


# -- escaping ------------------------------------------------------------------------------------


@cache
def escaping_html() -> Element:
    return to_html(markdown_of(render(one_edition(RENDER / "escaping.en.md")))["escaping.md"])


def test_source_text_never_becomes_markup():
    html = escaping_html()
    tags = {e.tag for e in html.iter()}
    assert not tags & {"script", "iframe", "img", "em", "strong"}
    assert not [a for a in html.iter("a") if a.attrs.get("href") == "b"]
    assert not [e for e in html.iter() if e.attrs.get("id") == "id"]


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("paragraph", f"Paragraph: {LITERAL}"),
        ("item", f"Item: {LITERAL}"),
        ("nested item", f"Nested: {LITERAL}"),
        ("quote", f"“Quote: {LITERAL}”"),
        ("table cell", LITERAL),
        ("html block", '<iframe src="https://evil.example/"></iframe>'),
        ("html block", "<img src=x onerror=alert(1)>"),
        ("line starts", "# not a heading, - not a list, 1986. not a list, > not a quote, *[HTML]: not an abbreviation"),
    ],
)
def test_source_text_is_shown_as_typed(where: str, text: str):
    html = escaping_html()
    shown = [own_text(e) for tag in ("p", "li", "td") for e in html.iter(tag)]
    assert text in shown, f"{where}: {text!r} not in {shown}"


def test_a_pipe_in_a_table_cell_does_not_make_a_column():
    (table,) = escaping_html().find_all("table")
    assert [len(row.find_all("td")) for row in table.find_all("tr")[1:]] == [2]


def test_a_heading_with_markdown_characters_keeps_its_text_and_id():
    (h1,) = escaping_html().find_all("h1")
    assert (own_text(h1), h1.attrs["id"]) == ("Escaping *x* and a | b", "escaping")


@pytest.mark.parametrize(
    ("href", "linked"),
    [
        ("https://example.com/", True),
        ("mailto:someone@example.com", True),
        ("#energy", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
    ],
)
def test_only_web_mail_and_anchor_links_are_emitted(href: str, linked: bool):
    doc = one_edition(RENDER / "escaping.en.md")
    link = Paragraph(Inline((Span("see "), Span("this", href=href))), line=1)
    topic = doc.topics[0]
    doc = replace(doc, sections=tuple(replace(s, blocks=(link,)) if s is topic else s for s in doc.sections))
    html = to_html(markdown_of(render(doc))["escaping.md"])
    (paragraph,) = [p for p in html.find_all("p") if p.text == "see this"]
    assert [a.attrs["href"] for a in paragraph.find_all("a")] == ([href] if linked else [])


# -- quotes --------------------------------------------------------------------------------------


def test_a_quote_is_a_quote_block_titled_with_its_speaker_and_carrying_its_id():
    page = single("en/jobs.md")
    assert '/// quote | Sarah Guo\n    attrs: {id: "will-ai-take-our-jobs"}\n\n“Will AI take our jobs?”\n\n///' in page
    callouts = to_html(page).find_all("div", "quote")
    assert [(c.attrs["id"], c.find_all("p")[0].text, c.find_all("p")[1].text) for c in callouts] == [
        ("will-ai-take-our-jobs", "Sarah Guo", "“Will AI take our jobs?”"),
        (
            "the-purpose-of-a-job-doesnt",
            "Jensen Huang",
            "“The purpose of a job doesn’t change; what changes are the tasks.”",
        ),
    ]
    assert all("admonition" in c.classes for c in callouts)


def test_a_quote_starting_with_a_number_is_still_a_callout():
    html = to_html(markdown_of(render(one_edition(DATA / "ids" / "number-first.en.md")))["outlook.md"])
    callouts = html.find_all("div", "quote")
    assert [(c.attrs["id"], c.find_all("p")[1].text) for c in callouts] == [
        ("quote-2026-will-be-the-year-of", "“2026 will be the year of reasoning.”"),
        ("quote-90", "“90%.”"),
    ]
    assert "///" not in html.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_key_quote_links_to_the_quote_in_context(lang: str):
    (callout,) = edition_html(f"{lang}/key-quotes.md").find_all("div", "quote")
    (link,) = callout.find_all("a", "quote-context")
    assert link.attrs["href"] == "jobs.md#the-purpose-of-a-job-doesnt"


def test_the_all_quotes_page_links_every_quote_where_it_stands():
    links = [a.attrs["href"] for a in edition_html("zh/quotes.md").iter("a") if ".md#" in a.attrs["href"]]
    doc = edition().docs["zh"]
    assert links == [f"{s.id}.md#{q.id}" for s in doc.sections for q in s.quotes]


def test_english_quote_pages_say_they_are_translated_and_link_the_video():
    (note,) = edition_html("en/jobs.md").find_all("div", "info")
    assert [a.attrs["href"] for a in note.find_all("a")] == ["https://www.youtube.com/watch?v=TEST123"]
    assert not edition_html("zh/jobs.md").find_all("div", "info")


def test_without_a_video_address_the_translation_note_links_nowhere():
    doc = edition().docs["en"]
    without_video = replace(doc, sections=tuple(s for s in doc.sections if s.kind is not SectionKind.VIDEO))
    (note,) = to_html(markdown_of(render(without_video))["jobs.md"]).find_all("div", "info")
    assert "translated from a Chinese summary" in note.text
    assert not note.find_all("a")


# -- glossary tooltips ------------------------------------------------------------------------------


@cache
def tooltip_pages() -> dict[str, str]:
    return markdown_of(render(one_edition(RENDER / "tooltips.en.md")))


def test_glossary_terms_get_tooltips_touching_han_and_in_plural_but_not_inside_words():
    html = to_html(tooltip_pages()["tokens.md"])
    (paragraph,) = [p for p in html.find_all("p") if "tokenizer" in p.text]
    assert [(a.text, a.attrs["title"]) for a in paragraph.find_all("abbr")] == [
        ("Tokens", "The smallest unit of text"),
        ("Token", "The smallest unit of text"),
        ("Token", "The smallest unit of text"),
        ("AGI", "Artificial General Intelligence, beyond any Token"),
    ]
    assert paragraph.text == "Tokens, tokenizer, myToken, 推理Token, Token and AGI."
    assert "推理<abbr" in tooltip_pages()["tokens.md"]


def test_quotes_get_tooltips_but_headings_do_not():
    html = to_html(tooltip_pages()["tokens.md"])
    (callout,) = html.find_all("div", "quote")
    assert [a.text for a in callout.find_all("abbr")] == ["Token"]
    assert not html.find_all("h1")[0].find_all("abbr")


def test_the_glossary_table_defines_its_terms_instead_of_explaining_them():
    html = to_html(tooltip_pages()["glossary.md"])
    assert [(d.text, d.attrs["id"]) for d in html.find_all("dfn")] == [("Token", "term-token"), ("AGI", "term-agi")]
    assert not html.find_all("abbr")


# -- every page -----------------------------------------------------------------------------------


def test_no_markdown_syntax_reaches_the_reader(subtests: pytest.Subtests):
    for name in sorted(edition().markdown):
        with subtests.test(name=name):
            for element in edition_html(name).iter():
                own = "".join(c for c in element.children if isinstance(c, str))
                assert not re.search(r"\*\*|\]\(|///|attrs:|\{ ?#|^\s*[-*] \S", own), f"{element.tag}: {own!r}"


@pytest.mark.parametrize(("name", "excluded"), [("quotes.md", True), ("print.md", True), ("jobs.md", False)])
def test_pages_that_repeat_quotes_are_kept_out_of_search(name: str, excluded: bool):
    _, meta = get_data(edition().markdown[f"en/{name}"])
    assert meta.get("search") == ({"exclude": True} if excluded else None)
    assert meta["description"]


def test_a_topic_page_is_described_by_its_first_quote():
    _, meta = get_data(edition().markdown["zh/jobs.md"])
    assert meta["description"] == "AI会取代工作吗？"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_first_quote_is_shortened_for_the_description_as_titles_are(lang, monkeypatch):
    """One shortening (line_breaks.shorten) for titles, descriptions and cards: at a limit the
    real first quotes exceed, no description ends inside a word ("didn’t" → "di…")."""
    monkeypatch.setattr(render_module, "_DESCRIPTION_LENGTH", 20)
    doc = pipeline.load().docs[lang]
    pages = markdown_of(render(doc))
    for section in doc.topics:
        _, meta = get_data(pages[f"{section.id}.md"])
        text = section.quotes[0].text.plain if section.quotes else section.title.plain
        assert meta["description"] == shorten(text, 20)


def test_the_print_page_has_every_section_but_the_contents():
    doc = edition().docs["en"]
    ids = {e.attrs.get("id") for e in edition_html("en/print.md").iter()}
    expected = {s.id for s in doc.sections if s.kind is not SectionKind.CONTENTS}
    assert expected <= ids
    assert "contents" not in ids
    assert {q.id for s in doc.sections for q in s.quotes} <= ids


def test_glossary_anchors_are_ascii_and_distinct_even_for_chinese_terms():
    anchors = [glossary_anchor(term) for term in ("MoE", "规模定律", "状态空间模型")]
    assert anchors[0] == "term-moe"
    assert len(set(anchors)) == 3 and all(re.fullmatch(r"term-[a-z0-9-]+", a) for a in anchors)


def test_home_cards_link_every_topic_and_count_its_quotes():
    home = edition_html("en/index.md")
    cards = next(div for div in home.find_all("div") if {"grid", "cards"} <= div.classes).find_all("li")
    doc = edition().docs["en"]
    assert len(cards) == len(doc.topics)
    for card, topic in zip(cards, doc.topics, strict=True):
        links = [a.attrs["href"] for a in card.find_all("a")]
        assert links[0] == f"{topic.id}.md"
        counts = [a.text for a in card.find_all("a") if "card-quotes" in a.classes]
        n = len(topic.quotes)
        assert counts == ([f"{n} quote" + ("s" if n != 1 else "")] if n else [])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_closing_line_sets_its_fields_apart_as_the_english_one_does(lang):
    """The Chinese source runs "…2026年1月30日视频ID：…" together; the English one has " · "."""
    real = pipeline.load()
    footer = real.docs[lang].footer
    assert footer is not None
    fields = len(re.findall("[:：]", footer.plain))
    assert fields > 1
    for name in ("index.md", "print.md"):
        page = to_html(real.markdown[f"{lang}/{name}"])
        (shown,) = [em.text for em in page.find_all("em") if em.text.strip().startswith(footer.plain.strip()[:4])]
        assert shown.count(" · ") == fields - 1, shown


# -- the other edition, for the reading modes ---------------------------------------------------


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_every_block_is_followed_by_its_counterpart_in_the_other_language(lang, other):
    html = edition_html(f"{lang}/energy.md")
    alts = html.find_all(cls="alt")
    pairs = {e.attrs["data-pair"] for e in html.iter() if "data-pair" in e.attrs}
    assert len(alts) > 10 and {alt.attrs["data-pair"] for alt in alts} == pairs
    for alt in alts:
        assert (alt.attrs["lang"], "data-search-exclude" in alt.attrs) == (other, True)
        siblings = [c for c in alt.parent.children if isinstance(c, Element)]
        own = siblings[siblings.index(alt) - 1]
        assert own.attrs.get("data-pair") == alt.attrs["data-pair"] and "alt" not in own.classes
    own_quote, other_quote = (
        next(s for s in edition().docs[code].sections if s.id == "energy").quotes[0] for code in (lang, other)
    )
    (alt,) = [a for a in alts if a.attrs["data-pair"] == own_quote.pair]
    assert alt.text == f"“{other_quote.text.plain}”"


def test_the_home_and_quotes_pages_carry_no_counterparts():
    for name in ("zh/index.md", "en/quotes.md"):
        assert not edition_html(name).find_all(cls="alt") and "data-pair" not in edition().markdown[name]


@pytest.mark.parametrize(
    ("lang", "legend", "modes", "show"),
    [
        ("zh", "阅读方式", ["仅中文", "中英对照", "中英交替"], "显示英文"),
        ("en", "Reading mode", ["English only", "Side by side", "Interleaved"], "Show the Chinese"),
    ],
)
def test_section_pages_and_the_one_page_edition_offer_the_modes_in_their_language(lang, legend, modes, show):
    for name in ("energy.md", "print.md"):
        html = edition_html(f"{lang}/{name}")
        (fieldset,) = html.find_all("fieldset", "reading-modes")
        assert fieldset.find_all("legend")[0].text == legend
        radios = fieldset.find_all("input")
        assert [r.attrs["value"] for r in radios] == ["single", "side", "interleaved"]
        assert ["checked" in r.attrs for r in radios] == [True, False, False]
        assert [label.text for label in fieldset.find_all("label")] == modes
    callout = edition_html(f"{lang}/energy.md").find_all("div", "quote")[0]
    (toggle,) = callout.find_all("input")
    assert toggle.attrs["id"] == f"show-{callout.attrs['id']}" and toggle.attrs["type"] == "checkbox"
    (label,) = [label for label in callout.find_all("label") if label.attrs.get("for") == toggle.attrs["id"]]
    assert label.text == show
