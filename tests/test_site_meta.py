"""site_meta.py: the same page in every language, as hreflang and Open Graph want it."""

from __future__ import annotations

import pytest

from interview_site.site_meta import Language, page_meta
from interview_site.urls import card_path, page_path, web_path

LANGUAGES = [Language("zh", "中文"), Language("en", "English")]


@pytest.mark.parametrize(
    ("url", "lang", "path"),
    [
        ("en/energy/", "en", "energy/"),
        ("en/energy/index.html", "en", "energy/index.html"),
        ("en/", "en", ""),
        ("en", "en", ""),
        ("energy/", "zh", "energy/"),
        ("", "zh", ""),
        (".", "zh", ""),
        ("./", "zh", ""),
        ("en/energy/", "zh", "en/energy/"),
    ],
)
def test_page_path_drops_the_language_folder(url: str, lang: str, path: str):
    assert page_path(url, lang, "zh") == path


@pytest.mark.parametrize("site_url", ["https://example.org/interview/", "https://example.org/interview"])
def test_with_a_site_address_every_link_is_absolute(site_url: str):
    meta = page_meta("en/energy/", "en", LANGUAGES, "zh", site_url)
    assert meta.alternates == [
        {"name": "中文", "link": "https://example.org/interview/energy/", "lang": "zh"},
        {"name": "English", "link": "https://example.org/interview/en/energy/", "lang": "en"},
    ]
    assert [a["link"] for a in meta.links] == ["energy/", "en/energy/"]


def test_without_a_site_address_links_are_relative_to_the_site_root():
    meta = page_meta("energy/", "zh", LANGUAGES, "zh", "")
    assert [a["link"] for a in meta.alternates] == [a["link"] for a in meta.links] == ["energy/", "en/energy/"]


def test_the_home_page_links_to_both_homes():
    relative = page_meta("", "zh", LANGUAGES, "zh", "")
    assert [a["link"] for a in relative.alternates] == ["./", "en/"]
    absolute = page_meta("en/", "en", LANGUAGES, "zh", "https://example.org/")
    assert [a["link"] for a in absolute.alternates] == ["https://example.org/", "https://example.org/en/"]
    assert [a["link"] for a in absolute.links] == ["./", "en/"]


@pytest.mark.parametrize(
    ("url", "lang", "locale", "alternates", "search_root"),
    [("jobs/", "zh", "zh_CN", ["en_US"], ""), ("en/jobs/", "en", "en_US", ["zh_CN"], "en")],
)
def test_open_graph_locales_and_search_root_follow_the_page_language(
    url: str, lang: str, locale: str, alternates: list[str], search_root: str
):
    meta = page_meta(url, lang, LANGUAGES, "zh", "https://example.org/")
    assert (meta.og_locale, meta.og_locale_alternates, meta.search_root) == (locale, alternates, search_root)


def test_a_language_without_a_territory_keeps_its_code():
    meta = page_meta("fr/jobs/", "fr", [*LANGUAGES, Language("fr", "Français")], "zh", "")
    assert (meta.og_locale, meta.og_locale_alternates) == ("fr", ["zh_CN", "en_US"])
    assert meta.alternates[2] == {"name": "Français", "link": "fr/jobs/", "lang": "fr"}


@pytest.mark.parametrize(
    ("path", "web"),
    [
        ("energy.html", "energy/"),
        ("index.html", ""),
        ("energy/index.html", "energy/"),
        ("q/some-quote.md", "q/some-quote/"),
        ("index.md", ""),
        ("reindex.md", "reindex/"),
        ("energy/", "energy/"),
        ("", ""),
    ],
)
def test_web_path_spells_offline_and_source_paths_as_the_web_site_does(path: str, web: str):
    assert web_path(path) == web


def test_each_page_has_its_card_and_the_404_page_shows_the_home_pages():
    assert card_path("en", "q/some-quote/") == "assets/cards/en/q/some-quote.png"
    assert card_path("zh", "") == "assets/cards/zh/index.png"
    meta = page_meta("en/energy/", "en", LANGUAGES, "zh", "https://example.org/site/")
    assert meta.image == "https://example.org/site/assets/cards/en/energy.png"
    not_found = page_meta("en/404.html", "en", LANGUAGES, "zh", "https://example.org/site/", card_page="")
    assert not_found.image == "https://example.org/site/assets/cards/en/index.png"
    assert page_meta("energy.html", "zh", LANGUAGES, "zh", "").image == "", "Open Graph wants an absolute address"


def test_the_public_address_defaults_to_none_and_is_used_even_without_a_site_address():
    assert (page_meta("energy/", "zh", LANGUAGES, "zh", "").public_page) == ""
    offline = page_meta("en/energy.html", "en", LANGUAGES, "zh", "", "https://example.org/site")
    assert (offline.public_root, offline.public_page) == (
        "https://example.org/site/en/",
        "https://example.org/site/en/energy/",
    )
    home = page_meta("", "zh", LANGUAGES, "zh", "https://a.org/", "https://a.org/")
    assert (home.public_root, home.public_page) == ("https://a.org/", "https://a.org/")
