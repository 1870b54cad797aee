"""MkDocs hooks: a thin adapter that hands the pipeline's pages to MkDocs, in memory.

No page is written anywhere: each page record becomes a MkDocs file in `on_files` (before
mkdocs-static-i18n sorts the files into languages, which it does only for files under the
docs folder: mkdocs_static_i18n/reconfigure.py, `reconfigure_files`), and its Markdown is
given to the page in `on_pre_page`, with its links to other languages' pages made for this
build's URL scheme (scripts/interview_site/urls.py).
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

# MkDocs puts this folder on sys.path only while it imports the hook: import siblings here.
from interview_site import csp, model, pipeline
from interview_site.labels import LABELS
from interview_site.model import SourceError, StageError
from interview_site.quote_pages import share_facts
from interview_site.render import nav
from interview_site.search_index import language_index, split_index
from interview_site.site_meta import Language, page_meta
from interview_site.urls import language_root, resolve_page_links
from interview_site.video import Episode, episode

NOT_FOUND = "404.html"
#: The search engine overrides/main.html hands the theme, relative to the page as its `url` filter makes it.
SEARCH_WORKER = "assets/javascripts/search-worker.js"

# Source problems are reported outside the "mkdocs" logger on purpose: strict mode counts
# that logger's warnings, and neither a warning about the user's own text (which we never
# edit) nor a bad edit under `mkdocs serve` should stop the site from being built.
report = logging.getLogger("interview")
report.propagate = False
if not report.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    report.addHandler(_handler)


@dataclass
class _HookState:
    """What the hook keeps between events: made at startup, updated once per build."""

    serving: bool = False
    #: The edition being built; under `mkdocs serve`, the last good one, to fall back on.
    edition: pipeline.Edition | None = None
    #: The edition's pages by their path under the docs folder ("en/energy.md").
    pages: dict[str, model.Page] = field(default_factory=dict)
    #: Each built language's site name, which its share cards show.
    site_names: dict[str, str] = field(default_factory=dict)
    #: The episode's facts as each edition gives them, for Share and Cite on every page.
    episodes: dict[str, Episode] = field(default_factory=dict)
    #: The edits to the theme's HTML for the language being built (they name its wording and nav).
    theme_edits: list[tuple[str, str]] = field(default_factory=list)

    def current(self) -> pipeline.Edition:
        if self.edition is None:
            raise PluginError("no edition was prepared: the hook's on_config did not run")
        return self.edition

    def use(self, edition: pipeline.Edition) -> None:
        if edition is self.edition:  # once per change, not once per language pass
            return
        for warning in edition.warnings:
            report.warning(warning)
        self.edition = edition
        self.pages = {page.path: page for page in edition.pages}
        self.episodes = {lang: episode(doc) for lang, doc in edition.docs.items()}


_state = _HookState()


# -- Hooks ----------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    global _state
    _state = _HookState(serving=command == "serve")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Prepared here, not in on_pre_build, because the nav depends on the sources.
    # mkdocs-static-i18n runs the whole build, this hook included, once per language;
    # the pipeline keeps the last edition, so the second pass costs nothing.
    try:
        _state.use(pipeline.load(pipeline.SOURCE_DIR))
    except SourceError as error:
        if not (_state.serving and _state.edition):
            raise PluginError(str(error)) from None
        report.error(f"{error}\n          Still serving the last good version; fix the source to update it.")
    except StageError as error:
        raise PluginError(str(error)) from None
    edition = _state.current()
    for language in _i18n(config).languages:
        language.nav = nav(edition.docs[language.locale])
        # The site's wording is in labels.py; mkdocs-static-i18n sets it for each language's pass.
        language.site_description = LABELS[language.locale]["home_description"]
    # Share cards show the site name; this runs once, in the default language's configuration.
    _state.site_names = {
        language.locale: language.site_name or config.site_name
        for language in _i18n(config).languages
        if language.build
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Before mkdocs-static-i18n's on_files (-100): it keeps this language's pages and drops the
    # others', and only for files it finds under docs_dir, which these name (they are never read
    # from there: on_pre_page gives each its Markdown).
    generated = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in _state.pages]
    set_exclusions(generated, config)  # not_in_nav, as for files found on disk
    for file in sorted(generated, key=file_sort_key):  # the order MkDocs lists files in
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"docs/{file.src_uri}: this page is made from the sources, in memory; delete the file "
                "(docs/zh/ and docs/en/ are left over from builds before pages were made in memory)"
            )
        files.append(file)
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # MkDocs compiles the theme's templates anew for every build and every language pass (each
    # loads the configuration again, and with it a new template environment): about a quarter
    # of a warm build. Jinja keeps the compiled code on disk and checks it against each template's
    # source; its code generator is in the folder's name, Python's version in each file.
    folder = pipeline.TEMPLATE_CACHE / f"jinja2-{jinja2.__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    record = _state.pages.get(page.file.src_uri)
    if record is not None:
        try:
            markdown = resolve_page_links(
                record.markdown, page.url, _state.pages, pipeline.DEFAULT_LANG, config.use_directory_urls
            )
        except ValueError as error:
            raise PluginError(f"{record.path}: {error}") from None
        page.file.content_string = markdown
    return page


def on_pre_build(config: MkDocsConfig) -> None:
    # The toc extension's permalink title is one setting for the whole site, which
    # mkdocs-static-i18n may not override per language: set it for this pass's language
    # (after the plugin's on_config has chosen it).
    config.mdx_configs["toc"]["permalink_title"] = LABELS[config.theme["language"]]["permalink"]
    _state.theme_edits = theme_edits(LABELS[config.theme["language"]]["search"], _nav_section_paths(config))


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
    url = language_root(lang, pipeline.DEFAULT_LANG) + NOT_FOUND
    return _with_page_meta(context, url, config, card_page="")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(apply_theme_edits(output, _state.theme_edits, page.file.src_uri), config, page)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Every language's pass writes 404.html to the site root, the last one winning. Keep the
    # default language's there and put the others in their own folder.
    lang = config.theme["language"]
    if template_name != NOT_FOUND:
        return output
    output = _with_policy(apply_theme_edits(output, _state.theme_edits, template_name), config, None)
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
    edition = _state.current()
    # Every language's cards, at once: mkdocs-static-i18n leaves its last language's config in
    # place, so this pass cannot tell which language it is.
    # Without a site address (the offline edition) no page names its card: none are written.
    if config.site_url:
        pipeline.write_cards(edition, _state.site_names, site)
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    # Material's offline plugin (-100) inlines the merged index into a script for file://.
    offline = (site / "search" / "search_index.js").exists()
    codes = [language.code for language in _languages(config)]
    variants, synonyms = pipeline.traditional_variants(), pipeline.search_synonyms()
    for root, part in split_index(index, codes, pipeline.DEFAULT_LANG).items():
        doc = edition.docs[root or pipeline.DEFAULT_LANG]
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
)
#: A navigation section's label (partials/nav-item.html): `tabindex` is empty for sections.
_SECTION_LABEL = 'id="{path}_label" tabindex=""'
#: The theme's search dialog has no name, which ARIA requires of a dialog (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


def theme_edits(search_label: str, section_paths: list[str]) -> list[tuple[str, str]]:
    """Each edit to the theme's HTML, as (what the theme writes, what it becomes): made here
    rather than in copies of its templates (the markup sits outside any block, or in partials
    too big to copy)."""
    label = html.escape(search_label, quote=True)
    return [
        *_INVALID_MARKUP,
        *((_SECTION_LABEL.format(path=path), f'id="{path}_label"') for path in section_paths),
        (_SEARCH_DIALOG, f'{_SEARCH_DIALOG} aria-label="{label}"'),
    ]


def apply_theme_edits(output: str, edits: list[tuple[str, str]], where: str) -> str:
    """`output` with each edit made. Each must find its markup exactly once: if a theme upgrade
    changed the markup, the build fails rather than quietly shipping it unfixed."""
    for old, new in edits:
        found = output.count(old)
        if found != 1:
            raise PluginError(f"the theme's markup changed: {old!r} is found {found} times in {where}, not once")
        output = output.replace(old, new)
    return output


def _nav_section_paths(config: MkDocsConfig) -> list[str]:
    """The ids Material gives the labels of the navigation's top-level sections ('__nav_2')."""
    language = config.theme["language"]
    items = next(lang.nav for lang in _i18n(config).languages if lang.locale == language)
    return [f"__nav_{number}" for number, item in enumerate(items, 1) if isinstance(next(iter(item.values())), list)]


def _with_policy(output: str, config: MkDocsConfig, page: Page | None) -> str:
    """The page with its Content-Security-Policy (scripts/interview_site/csp.py)."""
    try:
        return csp.with_policy(output, _written_scripts(config, page), _state.serving)
    except csp.MarkupError as error:
        raise PluginError(f"{page.file.src_uri if page else NOT_FOUND}: {error}") from None


def _written_scripts(config: MkDocsConfig, page: Page | None) -> tuple[str, ...]:
    """Inline scripts that the page's own scripts write, which its policy must allow too: the
    offline edition's search worker shim (mkdocs.offline.yml) writes one into its iframe."""
    shims = [path for path in config.extra.get("polyfills", []) if "iframe-worker" in path]
    if not shims:
        return ()
    shim = (Path(config.docs_dir) / shims[0]).read_text(encoding="utf-8")
    # An error page's links start from the site's path, as MkDocs renders it (mkdocs/commands/build.py).
    base = urlsplit(config.site_url or "/").path
    return (csp.iframe_worker_script(shim, normalize_url(SEARCH_WORKER, page, base)),)


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
    if lang in _state.episodes:
        context["share"] = share_facts(_state.episodes[lang], lang, meta.public_root, meta.public_page)
    return context


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"].config


def _languages(config: MkDocsConfig) -> list[Language]:
    return [Language(language.locale, language.name) for language in _i18n(config).languages if language.build]
