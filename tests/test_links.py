"""Linking to a quote: permalinks, copy-link buttons, the All quotes page, key quotes in
context and glossary tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LANGS, edition
from html_tree import Element, article, own_language, parse_html


def read_article(site_dir: Path, path: str) -> Element:
    return article((site_dir / path / "index.html").read_text(encoding="utf-8"))


def quote_ids(site_dir: Path, root: str) -> dict[str, list[str]]:
    """Quote ids by page, over the sectioned pages of one language."""
    found = {}
    for html_file in sorted((site_dir / root).glob("*/index.html")):
        page = html_file.parent.name
        if page in ("en", "print", "quotes"):
            continue
        callouts = read_article(site_dir, f"{root}{page}").find_all("div", "quote")
        found[page] = [c.attrs["id"] for c in callouts if "admonition" in c.classes]
    return found


def quote_count() -> int:
    """Every quote of the source, key quotes included (each has a callout of its own)."""
    return sum(len(section.quotes) for section in edition().docs["zh"].sections)


@pytest.mark.site
def test_quote_ids_are_unique_and_the_same_in_both_languages(site):
    zh, en = (quote_ids(site.directory, root) for root in LANGS.values())
    assert zh == en
    every = [quote for ids in zh.values() for quote in ids]
    assert len(every) == len(set(every)) == quote_count()


@pytest.mark.site
@pytest.mark.parametrize("root", LANGS.values())
def test_all_quotes_page_links_every_quote_in_context(site, root):
    ids = quote_ids(site.directory, root)
    links = [a.attrs["href"] for a in read_article(site.directory, f"{root}quotes").find_all("a")]
    targets = [href.split("#") for href in links if "#" in href and href.startswith("../")]
    assert len(targets) == quote_count()
    for page, anchor in targets:
        name = page.removeprefix("../").rstrip("/")
        assert anchor in ids[name], f"{page}#{anchor}"
    assert sorted(a for _, a in targets) == sorted(q for qs in ids.values() for q in qs)


@pytest.mark.site
@pytest.mark.parametrize("root", LANGS.values())
def test_a_key_quote_links_to_the_same_quote_in_context(site, root):
    key_quotes = read_article(site.directory, f"{root}key-quotes")
    context_links = [a for a in key_quotes.find_all("a") if "quote-context" in a.classes]
    assert context_links, "the key quote about AI as software repeats one in the jobs section"
    for link in context_links:
        page, anchor = link.attrs["href"].removeprefix("../").split("#")
        target = read_article(site.directory, f"{root}{page.rstrip('/')}")
        callout = next(c for c in target.find_all("div", "quote") if c.attrs.get("id") == anchor)
        source = next(c for c in key_quotes.find_all("div", "quote") if link in c.find_all("a"))
        shared = set(callout.text) & set(source.text)
        assert len(shared) > 20, "the linked quote is a version of the same quote"


@pytest.mark.site
@pytest.mark.parametrize(
    ("root", "term", "definition"), [("", "SMR", "小型模块化反应堆"), ("en/", "SMR", "Small modular reactor")]
)
def test_glossary_terms_have_tooltips_in_the_page_language(site, root, term, definition):
    page = read_article(site.directory, f"{root}energy")
    tooltips = [a for a in page.find_all("abbr") if a.text.lower().startswith(term.lower())]
    assert tooltips and all(definition in a.attrs["title"] for a in tooltips)
    glossary = read_article(site.directory, f"{root}glossary")
    anchors = {d.attrs.get("id") for d in glossary.find_all("dfn")}
    assert {f"term-{t}" for t in ("agi", "moe", "ssm", "token", "nvlink", "flashattention")} <= anchors
    assert not glossary.find_all("abbr"), "the glossary itself defines terms, it does not tooltip them"


@pytest.mark.site
def test_every_page_that_uses_a_glossary_term_has_its_tooltip(site):
    terms = ["MoE", "Token", "Scaling Law", "SMR"]
    for html_file in site.directory.glob("*/index.html"):
        if html_file.parent.name in ("en", "glossary", "print", "quotes"):
            continue
        page = own_language(article(html_file.read_text(encoding="utf-8")))  # counterparts are plain
        # Headings stay plain (they feed the navigation and table of contents).
        text = " ".join(e.text for tag in ("p", "li", "td") for e in page.find_all(tag))
        tooltipped = {a.text for a in page.find_all("abbr")}
        for term in terms:
            if term in text:
                assert term in tooltipped, f"{html_file.parent.name}: {term} has no tooltip"


@pytest.mark.browser
@pytest.mark.parametrize(("root", "label"), [("", "复制链接"), ("en/", "Copy link")])
def test_copy_link_puts_the_quotes_absolute_url_on_the_clipboard(page, site, root, label):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.split("/interview")[0])
    page.goto(f"{site.url}{root}energy/")
    quote = page.eval_on_selector(".admonition.quote[id]", "el => el.id")
    button = page.locator(f"#{quote} .quote-copy")
    assert button.inner_text() == label
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.quote-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site.url}{root}energy/#{quote}"
    permalink = page.get_attribute(f"#{quote} .quote-permalink", "href")
    assert permalink == f"#{quote}"
    assert page.log.console_errors == []


@pytest.mark.browser
def test_opening_a_quote_link_shows_that_quote(page, site):
    quote = quote_ids(site.directory, "en/")["ai-bubble"][1]
    page.goto(f"{site.url}en/ai-bubble/#{quote}")
    top = page.eval_on_selector(f"#{quote}", "el => el.getBoundingClientRect().top")
    assert 0 <= top < 300
    assert page.eval_on_selector(f"#{quote}", "el => el.matches(':target')")


@pytest.mark.site
def test_no_source_html_is_active_in_the_site(site):
    for html_file in site.directory.rglob("*.html"):
        tree = parse_html(html_file.read_text(encoding="utf-8"))
        body = next(tree.iter("article"), None)
        if body is None:
            continue
        assert not body.find_all("script") and not body.find_all("iframe"), html_file
        for element in body.iter():
            assert not any(name.startswith("on") for name in element.attrs), html_file
            assert not element.attrs.get("href", "").lower().startswith("javascript:"), html_file
