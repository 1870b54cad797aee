"""Each language's search index, as docs/assets/javascripts/search-worker.js reads it.

mkdocs-static-i18n merges every language into the root `search/search_index.json`; this
splits it again, one index under each language root with locations relative to it (so a
reader searching in English gets English results), and adds what the site's search needs:
an entry of its own for every quote, linking to the quote, and the traditional-to-simplified
character map for that language's Han text, taken from OpenCC's tables at build time.
Pure: JSON and documents in, JSON out.
"""

from __future__ import annotations

import re
from typing import Any

from interview_site.model import Document, Quote
from interview_site.urls import language_root, page_address

Index = dict[str, Any]
Entry = dict[str, Any]

_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def split_index(index: Index, langs: list[str], default_lang: str) -> dict[str, Index]:
    """{language root ('' for the default language): that language's index}."""
    roots = {lang: language_root(lang, default_lang).rstrip("/") for lang in langs}
    split: dict[str, list[dict[str, Any]]] = {root: [] for root in roots.values()}
    for doc in index["docs"]:
        root = _root_of(doc["location"], [r for r in roots.values() if r])
        location = doc["location"].removeprefix(root).removeprefix("/") if root else doc["location"]
        split[root].append({**doc, "location": location})
    return {root: {**index, "docs": docs} for root, docs in split.items()}


def _root_of(location: str, roots: list[str]) -> str:
    return next((root for root in roots if location == root or location.startswith(f"{root}/")), "")


def language_index(
    part: Index,
    doc: Document,
    variants: dict[str, str],
    synonyms: list[list[str]],
    directory_urls: bool = True,
) -> Index:
    """One language's index: the theme's entries (sections, lists, tables), one entry per
    quote, `config.variants`, the map from each traditional character to the simplified one
    this language's text uses (only those, to keep the download small), and
    `config.synonyms`, the search dictionary's groups of spellings."""
    entries = [_plain(entry) for entry in (*part["docs"], *quote_entries(doc, directory_urls))]
    text = "".join(entry["title"] + entry["text"] for entry in entries)
    used = set(_HAN.findall(text))
    config = {
        **part["config"],
        "variants": {t: s for t, s in sorted(variants.items()) if s in used},
        "synonyms": synonyms,
    }
    return {**part, "config": config, "docs": entries}


def quote_entries(doc: Document, directory_urls: bool = True) -> list[Entry]:
    """Every quote as an entry of its own, titled with its speaker and where it stands, and
    linking to the quote itself, so that a few words of it lead straight there. Pages are
    `energy/`, or `energy.html` without directory URLs (as the offline edition has them)."""
    entries = []
    for section in doc.sections:
        page = page_address(f"{section.id}.md", directory_urls)
        for part in section.parts:
            for quote in (block for block in part.blocks if isinstance(block, Quote)):
                entries.append(
                    {
                        "location": f"{page}#{quote.id}",
                        "title": _escape(f"{quote.speaker} · {part.title.plain}"),
                        "text": _escape(f"“{quote.text.plain}”"),
                        "quote": True,
                    }
                )
    return entries


def variant_table(characters: str, *variants: str) -> dict[str, str]:
    """Traditional -> simplified from OpenCC's TSCharacters.txt, and regional variants from
    its *VariantsRev.txt (variant -> standard traditional), carried on to simplified.
    Each line is `character<TAB>candidates`; the first candidate is the usual one."""
    table = _opencc_pairs(characters)
    for text in variants:
        for variant, standard in _opencc_pairs(text).items():
            table.setdefault(variant, table.get(standard, standard))
    return {t: s for t, s in table.items() if t != s}


def synonym_groups(text: str) -> list[list[str]]:
    """source/search-synonyms.txt: one group a line, spellings separated by ' = '."""
    lines = (line.strip() for line in text.splitlines())
    groups = [[word.strip() for word in line.split(" = ")] for line in lines if line and not line.startswith("#")]
    return [[word for word in group if word] for group in groups if len(group) > 1]


def _opencc_pairs(text: str) -> dict[str, str]:
    pairs = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, candidates = line.partition("\t")
        if len(key) == 1 and candidates:
            pairs[key] = candidates.split(" ")[0]
    return pairs


def _plain(entry: Entry) -> Entry:
    """The entry without the theme's markup: the search worker reads plain text, and the tags
    are a twentieth of what every reader downloads. A tag still separates words."""
    return {**entry, "title": _without_tags(entry["title"]), "text": _without_tags(entry["text"])}


def _without_tags(html: str) -> str:
    return _SPACES.sub(" ", _TAG.sub(" ", html)).strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
