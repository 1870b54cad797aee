"""MkDocs hooks: a thin adapter that runs build.py inside `mkdocs build` and `mkdocs serve`."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# MkDocs puts this folder on sys.path only while it imports the hook: import siblings here.
import build
from model import SourceError
from render import nav

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
    i18n = config.plugins["i18n"].config
    for language in i18n.languages:
        language.nav = nav(edition.docs[language.locale])
    return config
