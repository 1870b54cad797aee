"""MkDocs hooks: a thin adapter between MkDocs and the modules beside this file."""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path
from typing import Any, ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# MkDocs puts this folder on sys.path only while it imports the hook: import siblings here.
from interview_site import pipeline
from interview_site.model import SourceError
from interview_site.quote_pages import Episode, episode, share_facts
from interview_site.render import LABELS, nav
from interview_site.search_index import language_index, split_index
from interview_site.site_meta import Language, page_meta

NOT_FOUND = "404.html"

# Source problems are reported outside the "mkdocs" logger on purpose: strict mode counts
# that logger's warnings, and neither a warning about the user's own text (which we never
# edit) nor a bad edit under `mkdocs serve` should stop the site from being built.
report = logging.getLogger("interview")
report.propagate = False
if not report.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    report.addHandler(_handler)


class _State:
    serving = False
    #: Under `mkdocs serve`: the edition whose pages are in docs/, to fall back on.
    last_good: pipeline.Edition | None = None
    #: Each built language's site name, which its share cards show.
    site_names: ClassVar[dict[str, str]] = {}
    #: The episode's facts as each edition gives them, for Share and Cite on every page.
    episodes: ClassVar[dict[str, Episode]] = {}


# -- Hooks ----------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    _State.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Generated here, not in on_pre_build, because the nav depends on the sources.
    # mkdocs-static-i18n runs the whole build, this hook included, once per language;
    # pipeline.prepare keeps the last edition, so the second pass only checks the files.
    try:
        edition = pipeline.generate(pipeline.SOURCE_DIR, Path(config.docs_dir), config.use_directory_urls)
    except SourceError as error:
        if not (_State.serving and _State.last_good):
            raise PluginError(str(error)) from None
        # docs/ still holds the last good pages (nothing is written on error): serve those.
        report.error(f"{error}\n          Still serving the last good version; fix the source to update it.")
        edition = _State.last_good
    if edition is not _State.last_good:  # once per change, not once per language pass
        for warning in edition.warnings:
            report.warning(warning)
        _State.episodes = {lang: episode(doc) for lang, doc in edition.docs.items()}
    _State.last_good = edition
    for language in _i18n(config).languages:
        language.nav = nav(edition.docs[language.locale])
    # Share cards show the site name; this runs once, in the default language's configuration.
    _State.site_names = {
        language.locale: language.site_name or config.site_name
        for language in _i18n(config).languages
        if language.build
    }
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # The toc extension's permalink title is one setting for the whole site, which
    # mkdocs-static-i18n may not override per language: set it for this pass's language
    # (after the plugin's on_config has chosen it).
    config.mdx_configs["toc"]["permalink_title"] = LABELS[config.theme["language"]]["permalink"]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["labels"] = LABELS[config.theme["language"]]
    return _with_page_meta(context, page.url, config)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    # 404.html is a theme template, not a page: give it what a page at <language>/404.html gets,
    # and the home page's share card.
    if template_name != NOT_FOUND:
        return context
    lang = config.theme["language"]
    context["labels"] = LABELS[lang]
    url = NOT_FOUND if lang == pipeline.DEFAULT_LANG else f"{lang}/{NOT_FOUND}"
    return _with_page_meta(context, url, config, card_page="")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fixed_theme_markup(output, config)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Every language's pass writes 404.html to the site root, the last one winning. Keep the
    # default language's there and put the others in their own folder.
    lang = config.theme["language"]
    if template_name != NOT_FOUND:
        return output
    output = _fixed_theme_markup(output, config)
    if lang == pipeline.DEFAULT_LANG:
        return output
    target = Path(config.site_dir) / lang / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # MkDocs writes no file for an empty template


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every language's index
def on_post_build(config: MkDocsConfig) -> None:
    # mkdocs-static-i18n builds the other languages inside the default language's on_post_build
    # (flagged `building`), then merges the search index; the outer pass, last, does all this once.
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    # Every language's cards, at once: mkdocs-static-i18n leaves its last language's config in
    # place, so this pass cannot tell which language it is.
    # Without a site address (the offline edition) no page names its card: none are written.
    if _State.last_good is not None and config.site_url:
        for lang, site_name in _State.site_names.items():
            pipeline.write_cards(_State.last_good, lang, site_name, site)
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    # Material's offline plugin (-100) inlines the merged index into a script for file://.
    offline = (site / "search" / "search_index.js").exists()
    codes = [language.code for language in _languages(config)]
    variants, synonyms = pipeline.traditional_variants(), pipeline.search_synonyms()
    for root, part in split_index(index, codes, pipeline.DEFAULT_LANG).items():
        doc = _State.last_good.docs[root or pipeline.DEFAULT_LANG]
        part = language_index(part, doc, variants, synonyms, config.use_directory_urls)
        target = site / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        target.write_text(data, encoding="utf-8")
        if offline:  # the same form as material/plugins/offline/plugin.py writes
            target.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")


# -- Helpers --------------------------------------------------------------------------

#: Markup the theme writes outside any template block that HTML forbids (the Nu HTML Checker
#: reports it on every page): autocomplete on the hidden toggle checkboxes of base.html
#: (squidfunk/mkdocs-material#1513), an empty tabindex on navigation section labels.
_INVALID_MARKUP = (
    ('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"'),
    ('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"'),
    (' tabindex=""', ""),
)
#: The theme's search dialog has no name, which ARIA requires of a dialog (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


def _fixed_theme_markup(output: str, config: MkDocsConfig) -> str:
    """The theme's markup made valid and accessible, in one place rather than in copies of
    its templates (the markup sits outside any block, or in partials too big to copy)."""
    for invalid, valid in _INVALID_MARKUP:
        output = output.replace(invalid, valid)
    label = html.escape(LABELS[config.theme["language"]]["search"], quote=True)
    return output.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG} aria-label="{label}"')


def _with_page_meta(
    context: dict[str, Any], url: str, config: MkDocsConfig, card_page: str | None = None
) -> dict[str, Any]:
    lang = config.theme["language"]
    # The address Copy link, Share and Cite give: the site's own, or for the offline edition
    # (no site_url) the one it is a copy of, extra.public_url.
    public_url = config.extra.get("public_url", config.site_url) or ""
    meta = page_meta(url, lang, _languages(config), pipeline.DEFAULT_LANG, config.site_url or "", public_url, card_page)
    # Our language selector is overrides/partials/alternate.html, linking relative to the page.
    # The theme includes it when extra.alternate is set (partials/header.html) and writes
    # <link rel="alternate"> tags only when that is a list (base.html); hreflang is in the
    # sitemap instead (mkdocs-static-i18n writes it, absolute). With no such tag, the theme's
    # script (Material 9.8, integrations/alternate) fetches no sitemap beside one and takes
    # over no selector click. mkdocs-static-i18n sets extra.alternate as key and attribute.
    config.extra["alternate"] = config.extra.alternate = True
    context["page_meta"] = meta
    if lang in _State.episodes:
        context["share"] = share_facts(_State.episodes[lang], meta.public_root, meta.public_page)
    return context


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"].config


def _languages(config: MkDocsConfig) -> list[Language]:
    return [Language(language.locale, language.name) for language in _i18n(config).languages if language.build]
