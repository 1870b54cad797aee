"""The built site against its sources: everything the author wrote is there, as the
same kind of element, and every link lands somewhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from markdown_it import MarkdownIt

from helpers import ROOT, edition
from html_tree import Element, article, own_language, parse_html
from interview_site.dates import set_off_dates
from interview_site.model import ListBlock, SectionKind
from interview_site.parse import SPECIAL_SECTIONS
from interview_site.quote_marks import paired

SOURCES = {"zh": ROOT / "source" / "interview.zh.md", "en": ROOT / "source" / "interview.en.md"}
#: Pages that repeat content on purpose; fidelity is judged on the sectioned pages.
REPEATING_PAGES = ("print", "quotes")


def commonmark(lang: str) -> list[Element]:
    """The source as a CommonMark renderer shows it, top-level elements, without the
    table of contents (the site's navigation replaces it)."""
    html = MarkdownIt("commonmark").enable("table").render(SOURCES[lang].read_text(encoding="utf-8"))
    kept, in_contents = [], False
    for node in parse_html(html).children:
        if not isinstance(node, Element):
            continue
        if node.tag == "h2":
            in_contents = SPECIAL_SECTIONS.get(node.text) is SectionKind.CONTENTS
        if not in_contents:
            kept.append(node)
    return kept


def source_elements(lang: str, tag: str) -> list[Element]:
    found = []
    for node in commonmark(lang):
        if node.tag == tag:
            found.append(node)
        found += node.find_all(tag)
    return found


def shown(text: str) -> str:
    """Source text as the site shows it: quotation marks paired (quote_marks.py), and a date
    that runs straight into the next words set off from them (the closing line, dates.py)."""
    return set_off_dates("".join(paired([text])), " · ")


def site_articles(site_dir: Path, lang: str) -> list[Element]:
    base = site_dir if lang == "zh" else site_dir / lang
    pages = [p for p in base.rglob("index.html") if not (lang == "zh" and p.is_relative_to(site_dir / "en"))]
    # A quote's own page (scripts/interview_site/quote_pages.py) repeats it too.
    pages = [p for p in pages if p.parent.name not in REPEATING_PAGES and p.parent.parent.name != "q"]
    return [own_language(article(p.read_text(encoding="utf-8"))) for p in pages]


def own_text(item: Element) -> str:
    """A list item's text without its nested lists."""
    clone = Element(
        item.tag, item.attrs, None, [c for c in item.children if isinstance(c, str) or c.tag not in ("ul", "ol")]
    )
    return clone.text


def list_items(lang: str) -> int:
    """How many list items (nested ones too) the edition's model has outside the contents."""

    def count(block: ListBlock) -> int:
        return sum(1 + sum(count(child) for child in item.children) for item in block.items)

    doc = edition().docs[lang]
    parts = (part for s in doc.sections if s.kind is not SectionKind.CONTENTS for part in s.parts)
    return sum(count(block) for part in parts for block in part.blocks if isinstance(block, ListBlock))


def quote_count(lang: str) -> int:
    return sum(len(section.quotes) for section in edition().docs[lang].sections)


def heading_text(element: Element) -> str:
    return element.text.rstrip("¶").strip()


@pytest.fixture(scope="module", params=["zh", "en"])
def built_articles(request, site):
    return request.param, site_articles(site.directory, request.param)


@pytest.mark.site
def test_every_list_item_is_a_list_item(built_articles):
    lang, articles = built_articles
    source = [shown(own_text(li)) for li in source_elements(lang, "li")]
    built = {own_text(li) for a in articles for li in a.find_all("li")}
    assert len(source) == list_items(lang)
    missing = [text for text in source if text not in built]
    assert not missing, f"{len(missing)} of {len(source)} list items are not list items in the site: {missing[:3]}"


@pytest.mark.site
def test_every_table_row_is_a_table_row(built_articles):
    lang, articles = built_articles
    source = [tuple(shown(c.text) for c in tr.children if isinstance(c, Element)) for tr in source_elements(lang, "tr")]
    built = {tuple(c.text for c in tr.children if isinstance(c, Element)) for a in articles for tr in a.find_all("tr")}
    missing = [row for row in source if row not in built]
    assert source and not missing, f"table rows missing: {missing[:3]}"


@pytest.mark.site
def test_every_quote_is_a_quote_callout_titled_with_its_speaker(built_articles):
    lang, articles = built_articles
    callouts = [c for a in articles for c in a.find_all("div", "quote") if "admonition" in c.classes]
    built = set()
    for callout in callouts:
        title = next(p for p in callout.find_all("p") if "admonition-title" in p.classes)
        body = " ".join(p.text for p in callout.find_all("p") if "admonition-title" not in p.classes)
        built.add((title.text, body))
        assert callout.attrs.get("id"), "every quote callout carries an id"
    source = [shown(bq.text) for bq in source_elements(lang, "blockquote")]
    assert len(source) == quote_count(lang)
    for quote in source:
        speaker, _, words = re.split(r"([：:])", quote, maxsplit=1)
        assert any(t == speaker.strip() and words.strip() in b for t, b in built), f"no callout for {quote[:40]}"
    assert len(callouts) == quote_count(lang)


@pytest.mark.site
def test_every_heading_is_a_heading(built_articles):
    lang, articles = built_articles
    source = [shown(heading_text(h)) for tag in ("h2", "h3") for h in source_elements(lang, tag)]
    built = {heading_text(h) for a in articles for tag in ("h1", "h2", "h3") for h in a.find_all(tag)}
    missing = [h for h in source if re.sub(r"\s*\{ #[a-z0-9-]+ \}$", "", h) not in built]
    assert not missing, f"headings missing: {missing}"


@pytest.mark.site
def test_every_paragraph_is_a_paragraph(built_articles):
    lang, articles = built_articles
    source = [
        shown(p.text)
        for p in source_elements(lang, "p")
        if not any(a.tag in ("li", "blockquote") for a in p.ancestors())
    ]
    built = {p.text for a in articles for p in a.find_all("p")}
    missing = [p for p in source if p not in built]
    assert source and not missing, f"paragraphs missing: {missing}"


@pytest.mark.site
def test_no_markdown_syntax_reaches_the_reader(built_articles):
    _, articles = built_articles
    for a in articles:
        for element in a.find_all():
            own = "".join(c for c in element.children if isinstance(c, str))
            assert "**" not in own and "](" not in own, own
            assert not re.search(r"(^|\n)\s*[-*] \S", own), own


def all_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


@pytest.mark.site
def test_no_about_blank_link_anywhere(site):
    for page in all_pages(site.directory):
        assert "about:" not in page.read_text(encoding="utf-8"), page


@pytest.mark.site
def test_every_internal_link_and_anchor_resolves(site):
    ids_of: dict[Path, set[str]] = {}

    def ids(path: Path) -> set[str]:
        if path not in ids_of:
            tree = parse_html(path.read_text(encoding="utf-8"))
            ids_of[path] = {e.attrs["id"] for e in tree.iter() if "id" in e.attrs}
        return ids_of[path]

    checked = 0
    for page in all_pages(site.directory):
        url = site.url + page.relative_to(site.directory).as_posix()
        for link in parse_html(page.read_text(encoding="utf-8")).iter("a"):
            href = link.attrs.get("href", "")
            target = urlsplit(urljoin(url, href))
            if not href or not urljoin(url, href).startswith(site.url):
                continue
            path = site.directory / unquote(target.path[len(urlsplit(site.url).path) :])
            path = path / "index.html" if target.path.endswith("/") else path
            assert path.exists(), f"{page}: link {href} -> {path} does not exist"
            if target.fragment:
                assert unquote(target.fragment) in ids(path), f"{page}: anchor {href} not found"
            checked += 1
    assert checked > 500


@pytest.mark.site
@pytest.mark.parametrize("tag", ["strong", "em"])
def test_bold_stays_bold_and_italics_stay_italic(built_articles, tag):
    lang, articles = built_articles
    source = {shown(e.text) for e in source_elements(lang, tag)}
    built = {e.text for a in articles for e in a.find_all(tag)}
    assert source and source <= built, f"{tag} missing: {sorted(source - built)[:3]}"
