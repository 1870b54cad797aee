"""aliases.py: every quote id the site has published keeps landing on the same quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import DATA, EDITIONS, parse_file, settled
from html_tree import Element, article
from interview_site import pipeline
from interview_site.aliases import PublishedId, add_aliases, parse_published
from interview_site.ids import assign_ids
from interview_site.model import Document, SourceError, StageError
from interview_site.quote_marks import paired
from interview_site.render import render

ALIASES = DATA / "aliases"
#: Today's published ids: page, id, and the line of its quote in the Chinese source.
TODAY = ALIASES / "published-2026-11-30.tsv"


def edition() -> dict[str, Document]:
    docs = {doc.lang: doc for doc in map(parse_file, EDITIONS)}
    return assign_ids(docs, "en")


def published(name: str) -> tuple[PublishedId, ...]:
    path = ALIASES / name
    return parse_published(path.read_text(encoding="utf-8"), path)


def quotes(doc: Document) -> dict[str, tuple[str, ...]]:
    return {q.id: q.aliases for s in doc.sections for q in s.quotes}


def test_retired_ids_become_aliases_of_their_quote_in_every_edition():
    docs, gone = add_aliases(edition(), published("published.tsv"), ALIASES / "published.tsv")
    assert gone == ()
    expected = {
        "without-energy-there-can-be-no": (),
        "will-ai-take-our-jobs": (),
        "the-purpose-of-a-job-doesnt": ("the-purpose-of-a-job-is", "purpose-of-a-job"),
        "a-jobs-purpose-doesnt-change-key-quotes": (),
    }
    assert quotes(docs["en"]) == quotes(docs["zh"]) == expected


def test_an_alias_is_an_anchor_inside_its_quote_block_on_every_page():
    docs, gone = add_aliases(edition(), published("published.tsv"), ALIASES / "published.tsv")
    assert gone == ()
    for lang, doc in docs.items():
        pages = {page.name: page.markdown for page in render(doc)}
        for page in ("jobs.md", "print.md"):
            block = re.search(
                r'/// quote \|[^\n]*\n    attrs: \{id: "the-purpose-of-a-job-doesnt"\}\n(.*?)\n///', pages[page], re.S
            )
            assert block, f"{lang}/{page}"
            assert '<span id="the-purpose-of-a-job-is"></span><span id="purpose-of-a-job"></span>“' in block.group(1)
        assert "the-purpose-of-a-job-is" not in pages["energy.md"]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        (
            "unknown-target.tsv",
            2,
            "'the-point-of-a-job-is' is not a quote id on page 'jobs', so 'the-purpose-of-a-job-is' cannot point to it",
        ),
        (
            "retired-without-target.tsv",
            2,
            "published quote id 'without-power-there-can-be-no' is no longer on page 'energy'; "
            "add the id of the quote it became",
        ),
    ],
)
def test_a_published_id_that_resolves_to_no_quote_fails_at_its_line(name, line, message):
    with pytest.raises(SourceError) as error:
        add_aliases(edition(), published(name), ALIASES / name)
    assert str(error.value) == f"{ALIASES / name}:{line}: {message}"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("jobs\n", 1, "expected 'page<TAB>quote id' or 'page<TAB>retired id<TAB>current id'"),
        ("# c\njobs\ta\njobs\ta\tb\n", 3, "'a' on page 'jobs' is already at line 2"),
    ],
)
def test_a_malformed_list_fails_at_its_line(text, line, message):
    with pytest.raises(SourceError) as error:
        parse_published(text, Path("ids.tsv"))
    assert str(error.value) == f"ids.tsv:{line}: {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "jobs\tenergy-demand\tthe-purpose-of-a-job-doesnt\n",
            "'energy-demand' is an id on the site again; drop its third column",
        ),
    ],
)
def test_an_alias_needs_an_id_of_its_own(text, message):
    with pytest.raises(SourceError) as error:
        add_aliases(edition(), parse_published(text, Path("ids.tsv")), Path("ids.tsv"))
    assert str(error.value) == f"ids.tsv:1: {message}"


def test_ids_on_a_page_that_is_gone_are_reported_and_the_rest_still_resolve():
    text = "talks\tx\njobs\tthe-purpose-of-a-job-is\tthe-purpose-of-a-job-doesnt\n"
    docs, gone = add_aliases(edition(), parse_published(text, Path("ids.tsv")), Path("ids.tsv"))
    assert gone == ("ids.tsv:1: no page 'talks' any more, so links to 'x' fail",)
    assert quotes(docs["zh"])["the-purpose-of-a-job-doesnt"] == ("the-purpose-of-a-job-is",)


def test_the_published_list_names_every_id_published_today():
    listed = {(e.page, e.id) for e in published_here()}
    assert {(page, quote_id) for page, quote_id, _ in today()} <= listed


# -- the built site --------------------------------------------------------------------


@pytest.mark.site
@pytest.mark.parametrize("root", ["", "en/"])
def test_every_id_published_today_lands_on_its_quote(site, root):
    zh_source = (pipeline.SOURCE_DIR / "interview.zh.md").read_text(encoding="utf-8").splitlines()
    for page, quote_id, line in today():
        html = (site.directory / root / page / "index.html").read_text(encoding="utf-8")
        quote = quote_at(html, quote_id)
        assert quote is not None, f"{root}{page}/#{quote_id} does not land on a quote"
        # The quote it lands on is the one it was published for: same Chinese text, same id in both languages.
        zh_quote = quote_at((site.directory / page / "index.html").read_text(encoding="utf-8"), quote_id)
        # As the site shows it: quotation marks paired (quote_marks.py).
        said = "".join(paired([zh_source[int(line) - 1]])).split("：“", 1)[1].removesuffix("”")
        assert said in zh_quote.text, f"{page}/#{quote_id} lands on another quote"
        assert quote.attrs["id"] == zh_quote.attrs["id"]


@pytest.mark.browser
@pytest.mark.parametrize("root", ["", "en/"])
def test_opening_a_retired_id_shows_and_marks_its_quote(page, site, root):
    retired = next(e for e in published_here() if e.current != e.id)
    page.goto(f"{site.url}{root}{retired.page}/#{retired.id}")
    quote = f"#{retired.current}"
    top = page.eval_on_selector(quote, "el => el.getBoundingClientRect().top")
    assert 0 <= top < 300
    # The theme eases a linked quote's outline in: read the styles once it has settled.
    settled(page)
    shadows = page.eval_on_selector_all(".admonition.quote[id]", "els => els.map(e => getComputedStyle(e).boxShadow)")
    marked = page.eval_on_selector(quote, "el => getComputedStyle(el).boxShadow")
    assert len(shadows) > 1 and shadows.count(marked) == 1, "the quote is marked like a linked quote, and only it"
    assert page.log.console_errors == []


def quote_at(html: str, anchor_id: str) -> Element | None:
    """The quote callout that the element with this id is, or is inside; None if there is none."""
    anchor = next((e for e in article(html).iter() if e.attrs.get("id") == anchor_id), None)
    if anchor is None:
        return None
    return next((e for e in (anchor, *anchor.ancestors()) if {"admonition", "quote"} <= e.classes), None)


def today() -> list[tuple[str, str, str]]:
    lines = TODAY.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def published_here() -> tuple[PublishedId, ...]:
    path = pipeline.SOURCE_DIR / pipeline.PUBLISHED_IDS
    return parse_published(path.read_text(encoding="utf-8"), path)


def test_adding_aliases_before_the_ids_are_assigned_fails_with_a_clear_message():
    doc = parse_file(DATA / "parity" / "base.en.md")
    with pytest.raises(StageError, match=r"base\.en\.md: add_aliases needs the ids: run ids\.assign_ids first$"):
        add_aliases({"en": doc}, (), Path("published.tsv"))
