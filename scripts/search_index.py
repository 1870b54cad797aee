"""One search index per language, so a reader searching in English gets English results.

mkdocs-static-i18n merges every language into the root `search/search_index.json`; this
splits it again. Each language's index sits under its own root, with locations relative
to that root, because overrides/main.html points a page's search at its language root.
Pure: JSON in, JSON out.
"""

from __future__ import annotations

from typing import Any

Index = dict[str, Any]


def split_index(index: Index, langs: list[str], default_lang: str) -> dict[str, Index]:
    """{language root ('' for the default language): that language's index}."""
    roots = {lang: ("" if lang == default_lang else lang) for lang in langs}
    split: dict[str, list[dict[str, Any]]] = {root: [] for root in roots.values()}
    for doc in index["docs"]:
        root = _root_of(doc["location"], [r for r in roots.values() if r])
        location = doc["location"].removeprefix(root).removeprefix("/") if root else doc["location"]
        split[root].append({**doc, "location": location})
    return {root: {**index, "docs": docs} for root, docs in split.items()}


def _root_of(location: str, roots: list[str]) -> str:
    return next((root for root in roots if location == root or location.startswith(f"{root}/")), "")
