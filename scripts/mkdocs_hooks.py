"""MkDocs hooks: a thin adapter between MkDocs and the modules beside this file."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# MkDocs puts this folder on sys.path only while it imports the hook: import siblings here.
import build
from model import SourceError
from render import nav
from search_index import split_index
from site_meta import Language, page_meta

log = logging.getLogger("mkdocs.hooks.interview")


# -- Hooks ----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Generated here rather than in on_pre_build: the nav depends on the sources, and
    # mkdocs-static-i18n runs on_pre_build again for every language it builds.
    try:
        edition = build.generate(build.SOURCE_DIR, Path(config.docs_dir))
    except SourceError as error:
        raise PluginError(str(error)) from None
    for warning in edition.warnings:
        log.warning(warning)
    for language in _i18n(config).languages:
        language.nav = nav(edition.docs[language.locale])
    return config


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    languages = [Language(lang.locale, lang.name) for lang in _i18n(config).languages if lang.build]
    meta = page_meta(page.url, config.theme["language"], languages, build.DEFAULT_LANG, config.site_url or "")
    # The theme's language selector and hreflang links both read extra.alternate, which
    # mkdocs-static-i18n sets (as key and attribute) to relative links; ours are absolute.
    config.extra["alternate"] = config.extra.alternate = meta.alternates
    context["page_meta"] = meta
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every language's index
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    # Material's offline plugin (-100) inlines the merged index into a script for file://.
    offline = (site / "search" / "search_index.js").exists()
    for root, part in split_index(index, _languages(config), build.DEFAULT_LANG).items():
        target = site / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        target.write_text(data, encoding="utf-8")
        if offline:  # the same form as material/plugins/offline/plugin.py writes
            target.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")


# -- Helpers --------------------------------------------------------------------------


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"].config


def _languages(config: MkDocsConfig) -> list[str]:
    return [language.locale for language in _i18n(config).languages if language.build]
