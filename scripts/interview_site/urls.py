"""The one place that knows the site's addresses. Pure.

A page is made once, as Markdown that does not depend on how the site is built: the web site
uses directory URLs ('energy/'), the offline edition file names ('energy.html'). Links within
one language are Markdown links to '.md' names, which MkDocs turns into addresses; a link to
another language's page (outside what MkDocs builds for this language) names the page with
`page_link`, and the hook turns it into an address with `resolve_page_links` once the build's
URL scheme is known.
"""

from __future__ import annotations

import re
from collections.abc import Container

#: Where each page's share card is, under the site root (scripts/interview_site/cards.py draws them).
CARDS_DIR = "assets/cards"
#: The folder quote pages live in, under each language's root.
QUOTE_DIR = "q"

_PAGE_LINK = re.compile(r'href="page:([^"#]+\.md)"')


def language_root(lang: str, default_lang: str) -> str:
    """A language's folder under the site root: '' for the default language, 'en/' for others."""
    return "" if lang == default_lang else f"{lang}/"


def page_address(name: str, directory_urls: bool) -> str:
    """The address of page `name` ('energy.md', 'q/<id>.md', 'index.md') relative to its
    language's root, as MkDocs gives it: 'energy/' on the web, 'energy.html' offline."""
    stem = name.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        path = stem.removesuffix("index")
        return path if directory_urls else f"{path}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def page_url(lang: str, name: str, default_lang: str, directory_urls: bool) -> str:
    """The address of a language's page, relative to the site root."""
    return language_root(lang, default_lang) + page_address(name, directory_urls)


def relative_url(from_url: str, to_url: str) -> str:
    """`to_url` as a link on the page at `from_url` (both relative to the site root, as MkDocs
    gives them: 'energy/', 'q/<id>.html', '' for the root)."""
    folder = from_url.split("/")[:-1]  # 'q/<id>/' is in q/<id>, 'q/<id>.html' in q
    target = to_url.split("/")
    common = 0
    while common < min(len(folder), len(target) - 1) and folder[common] == target[common]:
        common += 1
    return "../" * (len(folder) - common) + "/".join(target[common:]) or "./"


def page_link(lang: str, name: str) -> str:
    """How generated Markdown links to another language's page, in an `href` attribute."""
    return f"page:{lang}/{name}"


def resolve_page_links(
    markdown: str, from_url: str, pages: Container[str], default_lang: str, directory_urls: bool
) -> str:
    """Every `page_link` in a page's Markdown as the address it has in this build, relative to
    the page at `from_url`. `pages` holds every page's path ('en/q/<id>.md'): a link to any
    other is a fault in the page writer, reported rather than left dead."""

    def address(match: re.Match[str]) -> str:
        path = match.group(1)
        if path not in pages:
            raise ValueError(f"a link to page '{path}', which no page writer made")
        lang, name = path.split("/", 1)
        return f'href="{relative_url(from_url, page_url(lang, name, default_lang, directory_urls))}"'

    return _PAGE_LINK.sub(address, markdown)


def page_path(url: str, lang: str, default_lang: str) -> str:
    """A page's URL with its language folder removed: 'en/energy/' -> 'energy/'."""
    if lang != default_lang and (url == lang or url.startswith(f"{lang}/")):
        return url.removeprefix(lang).lstrip("/")
    return "" if url in (".", "./") else url


def web_path(path: str) -> str:
    """A page path as the web site spells it: 'energy.html' (offline edition) or 'energy.md'
    (its source) -> 'energy/'; 'index.html' -> ''."""
    for suffix in (".html", ".md"):
        if path.endswith(suffix):
            path = path.removesuffix(suffix)
            path = path.removesuffix("index") if path == "index" or path.endswith("/index") else f"{path}/"
    return path


def card_path(lang: str, path: str) -> str:
    """The share card of the page at `path` ('', 'energy/', 'q/<id>/'), relative to the site root."""
    return f"{CARDS_DIR}/{lang}/{web_path(path).strip('/') or 'index'}.png"
