"""urls.py: one address scheme, the web site's (directory URLs) and the offline edition's."""

from __future__ import annotations

import pytest

from interview_site.urls import card_path, page_link, page_url, relative_url, resolve_page_links

PAGES = {"zh/q/the-quote.md", "en/q/the-quote.md", "zh/index.md", "en/energy.md"}


@pytest.mark.parametrize(
    ("lang", "name", "web", "offline"),
    [
        ("zh", "index.md", "", "index.html"),
        ("en", "index.md", "en/", "en/index.html"),
        ("zh", "energy.md", "energy/", "energy.html"),
        ("en", "q/the-quote.md", "en/q/the-quote/", "en/q/the-quote.html"),
    ],
)
def test_a_page_has_the_address_mkdocs_gives_it(lang: str, name: str, web: str, offline: str):
    assert page_url(lang, name, "zh", directory_urls=True) == web
    assert page_url(lang, name, "zh", directory_urls=False) == offline


@pytest.mark.parametrize(
    ("from_url", "to_url", "link"),
    [
        ("q/the-quote/", "en/q/the-quote/", "../../en/q/the-quote/"),
        ("en/q/the-quote/", "q/the-quote/", "../../../q/the-quote/"),
        ("q/the-quote.html", "en/q/the-quote.html", "../en/q/the-quote.html"),
        ("en/q/the-quote.html", "q/the-quote.html", "../../q/the-quote.html"),
        ("en/energy/", "", "../../"),
    ],
)
def test_links_are_relative_to_the_page(from_url: str, to_url: str, link: str):
    assert relative_url(from_url, to_url) == link


@pytest.mark.parametrize(
    ("directory_urls", "href"), [(True, "../../en/q/the-quote/"), (False, "../en/q/the-quote.html")]
)
def test_a_link_to_another_languages_page_gets_this_builds_address(directory_urls: bool, href: str):
    markdown = f'Also <a href="{page_link("en", "q/the-quote.md")}" hreflang="en">in English</a>.'
    from_url = page_url("zh", "q/the-quote.md", "zh", directory_urls)
    resolved = resolve_page_links(markdown, from_url, PAGES, "zh", directory_urls)
    assert resolved == f'Also <a href="{href}" hreflang="en">in English</a>.'


def test_a_link_to_a_page_no_writer_made_is_an_error():
    markdown = f'<a href="{page_link("en", "q/gone.md")}">gone</a>'
    with pytest.raises(ValueError, match=r"a link to page 'en/q/gone\.md', which no page writer made"):
        resolve_page_links(markdown, "q/the-quote/", PAGES, "zh", directory_urls=True)


def test_a_pages_card_is_named_after_its_web_address():
    assert card_path("en", "q/the-quote.md") == card_path("en", "q/the-quote/") == "assets/cards/en/q/the-quote.png"
    assert card_path("zh", "index.md") == "assets/cards/zh/index.png"
