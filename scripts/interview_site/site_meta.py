"""Per-page facts for templates: language alternates and Open Graph data. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from interview_site.labels import OG_LOCALES
from interview_site.urls import card_path, language_root, page_path, web_path


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What overrides/main.html needs to know about one page."""

    #: The same page in every language, at the site's address (for og:url).
    alternates: list[dict[str, str]]
    #: The same page in every language, relative to the site root: the language selector's
    #: links, so a site built for one address still switches languages served at another.
    links: list[dict[str, str]]
    og_locale: str
    og_locale_alternates: list[str]
    #: "" for the default language; else the folder holding this language's search index.
    search_root: str
    #: The page's share card, absolute ("" without a site address: Open Graph wants it absolute).
    image: str
    #: The public address of this language's home and of this page ("" when none is configured):
    #: what Copy link, Share and Cite hand out, even from the offline edition.
    public_root: str
    public_page: str


def page_meta(
    url: str,
    lang: str,
    languages: list[Language],
    default_lang: str,
    site_url: str,
    public_url: str = "",
    card_page: str | None = None,
) -> PageMeta:
    """Every generated page exists in every language under the same name, so the
    counterpart of 'en/energy/' is 'energy/' and vice versa.

    Alternates are absolute when the site has an address and relative to the site root
    otherwise (the offline edition, opened from file://); links always are relative.
    `card_page` is the page whose card to show, if not this one (404.html shows the home page's).
    """
    path = page_path(url, lang, default_lang)
    base = _folder(site_url)
    public = _folder(public_url)
    public_root = public + language_root(lang, default_lang) if public else ""

    def entries(base: str) -> list[dict[str, str]]:
        def href(code: str) -> str:
            return base + language_root(code, default_lang) + path or "./"

        return [{"name": language.name, "link": href(language.code), "lang": language.code} for language in languages]

    return PageMeta(
        alternates=entries(base),
        links=entries(""),
        og_locale=OG_LOCALES.get(lang, lang),
        og_locale_alternates=[OG_LOCALES.get(other.code, other.code) for other in languages if other.code != lang],
        search_root=language_root(lang, default_lang).rstrip("/"),
        image=base + card_path(lang, path if card_page is None else card_page) if base else "",
        public_root=public_root,
        public_page=public_root + web_path(path) if public_root else "",
    )


def _folder(url: str) -> str:
    return url if not url or url.endswith("/") else f"{url}/"
