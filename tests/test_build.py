"""build.py and the pipeline: the CLI's exit codes and messages, nothing written on error, and the caches."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from interview_site import cards, line_breaks, pipeline
from interview_site.model import SourceError

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SCRIPT = ROOT / "scripts" / "build.py"
#: 8 pages per edition, and a page for each of its 4 quotes, the key quote's too
#: (scripts/interview_site/quote_pages.py).
PAGES = 24
#: An mtime long past, so that a rewrite shows even within the same second.
LONG_AGO = 1_000_000_000 * 10**9


def run_build(command: str, source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`check` is given no folder: it has nothing to write."""
    out_args = ["--out", str(out)] if command == "build" else []
    args = [sys.executable, str(SCRIPT), command, "--source", str(source), *out_args]
    return subprocess.run(args, capture_output=True, text=True, check=False, cwd=source.parent)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the test edition to change at will."""
    return Path(shutil.copytree(DATA / "edition", tmp_path / "source"))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Where `build --out` writes the generated Markdown."""
    return tmp_path / "pages"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file under folder with its content and modification time; every folder."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
        for p in folder.rglob("*")
    }


def built(source: Path, docs: Path) -> dict[str, tuple[bytes, int] | None]:
    """Build once, age every file, and return the snapshot."""
    result = run_build("build", source, docs)
    assert result.returncode == 0, result.stderr
    for path in docs.rglob("*.md"):
        os.utime(path, ns=(LONG_AGO, LONG_AGO))
    return snapshot(docs)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- check and build ---------------------------------------------------------------------------------


def test_check_verifies_in_memory_and_writes_nothing(source: Path, docs: Path):
    result = run_build("check", source, docs)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"ok: 2 editions, {PAGES} pages\n", "")
    assert not docs.exists()


def test_build_writes_every_page(source: Path, docs: Path):
    result = run_build("build", source, docs)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{PAGES} pages written to {docs}\n", "")
    expected = pipeline.load(source).markdown
    assert {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")} == expected


def test_build_needs_a_folder_to_write_into(source: Path, tmp_path: Path):
    args = [sys.executable, str(SCRIPT), "build", "--source", str(source)]
    result = subprocess.run(args, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 2
    assert "build needs --out" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source"]


def test_warnings_go_to_stderr_and_the_build_goes_on(source: Path, docs: Path):
    edit(source / "interview.zh.md", "没有能源，就没有新产业。”", "没有能源，就没有新产业。")
    result = run_build("check", source, docs)
    zh = source / "interview.zh.md"
    assert (result.returncode, result.stderr) == (0, f"warning: {zh}:33: quote has no closing quotation mark (”)\n")


def test_a_term_the_english_lacks_is_a_warning_and_the_build_goes_on(source: Path, docs: Path):
    shutil.copy(DATA / "terms" / "terms.zh-en.tsv", source / pipeline.TERM_BASE)
    edit(source / "interview.en.md", "- Inference tokens keep getting cheaper", "- Inference keeps getting cheaper")
    result = run_build("check", source, docs)
    en, zh, terms = source / "interview.en.md", source / "interview.zh.md", source / pipeline.TERM_BASE
    expected = (
        f"warning: {en}:52: list item lacks 'inference token' for '推理Token' (zh: {zh}:52; term base: {terms}:3)\n"
    )
    assert (result.returncode, result.stderr) == (0, expected)


def test_an_editors_backup_file_is_not_an_edition(source: Path, docs: Path):
    (source / "interview.en.orig.md").write_text("not even a document", encoding="utf-8")
    result = run_build("check", source, docs)
    assert (result.returncode, result.stdout) == (0, f"ok: 2 editions, {PAGES} pages\n")


# -- errors: message, exit code, and an untouched docs folder -------------------------------------------


def missing_zh(source: Path) -> tuple[Path, int, str]:
    (source / "interview.zh.md").unlink()
    return source / "interview.zh.md", 0, "source file not found"


def not_utf8(source: Path) -> tuple[Path, int, str]:
    path = source / "interview.zh.md"
    text = (DATA / "build" / "not-utf8.zh.md").read_text(encoding="utf-8")
    path.write_bytes(text.encode("gbk"))
    first = "测".encode("gbk")[0]
    return path, 3, f"not UTF-8 (byte 0x{first:02x}); save the file as UTF-8"


def parse_error(source: Path) -> tuple[Path, int, str]:
    path = source / "interview.zh.md"
    edit(path, "## 视频基本信息", "孤立的一段。\n\n## 视频基本信息")
    return path, 5, "text before the first '## ' section; move it into a section"


def parity_error(source: Path) -> tuple[Path, int, str]:
    path = source / "interview.en.md"
    edit(path, "> Sarah Guo: “Will AI take our jobs?”\n> \n\n", "")
    zh = source / "interview.zh.md"
    return path, 49, f"section 'jobs': zh has 2 quotes, en has 1 (zh: {zh}:49)"


def id_clash(source: Path) -> tuple[Path, int, str]:
    path = source / "interview.en.md"
    edit(path, "## AI and Work { #jobs }", "## AI and Work { #energy }")
    return (
        path,
        49,
        "'AI and Work' maps to id 'energy', already used at line 29; give one of them an explicit '{ #id }'",
    )


def published_id_gone(source: Path) -> tuple[Path, int, str]:
    path = source / pipeline.PUBLISHED_IDS
    path.write_text("# published\njobs\twill-ai-take-our-jobs\njobs\twill-ai-take-all-our-jobs\n", encoding="utf-8")
    return (
        path,
        3,
        "published quote id 'will-ai-take-all-our-jobs' is no longer on page 'jobs'; add the id of the quote it became",
    )


def unknown_language(source: Path) -> tuple[Path, int, str]:
    path = source / "interview.fr.md"
    shutil.copy(source / "interview.en.md", path)
    return path, 0, "no site wording for language 'fr'; add it to scripts/interview_site/labels.py"


BREAKAGES: list[Callable[[Path], tuple[Path, int, str]]] = [
    missing_zh,
    not_utf8,
    parse_error,
    parity_error,
    id_clash,
    published_id_gone,
    unknown_language,
]


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.__name__ for b in BREAKAGES])
def test_on_any_error_the_cli_says_where_and_the_docs_folder_is_untouched(
    breakage: Callable[[Path], tuple[Path, int, str]], command: str, source: Path, docs: Path
):
    before = built(source, docs)
    path, line, message = breakage(source)
    result = run_build(command, source, docs)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: {path}:{line}: {message}\n")
    assert snapshot(docs) == before


def test_a_missing_source_folder_is_reported_not_crashed_on(tmp_path: Path):
    result = run_build("build", tmp_path / "nowhere", tmp_path / "docs")
    expected = f"error: {tmp_path / 'nowhere' / 'interview.zh.md'}:0: source file not found\n"
    assert (result.returncode, result.stderr) == (1, expected)
    assert not (tmp_path / "docs").exists()


def test_load_raises_the_source_error(source: Path):
    path, line, message = parity_error(source)
    with pytest.raises(SourceError, match=re.escape(f"{path}:{line}: {message}")):
        pipeline.load(source)


# -- Share cards --------------------------------------------------------------------------


def test_cards_are_drawn_once_then_taken_from_the_cache(source: Path, tmp_path: Path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    edition = pipeline.load(source)
    en_pages = [page.name for page in edition.pages if page.lang == "en"]
    assert pipeline.write_cards(edition, {"en": "Site"}, site, cache) == len(en_pages)
    written = {p.relative_to(site).as_posix() for p in site.rglob("*.png")}
    assert written == {f"assets/cards/en/{name.removesuffix('.md')}.png" for name in en_pages}
    again = tmp_path / "site-again"
    assert pipeline.write_cards(edition, {"en": "Site"}, again, cache) == 0, "a second build draws no card"
    assert snapshot(again).keys() == snapshot(site).keys()
    # One quote reworded: its page's card and those that show it (its section's) are drawn again.
    cached = set(cache.glob("*.png"))
    edit(source / "interview.en.md", "there can be no new industry", "there is no new industry")
    assert pipeline.write_cards(pipeline.load(source), {"en": "Site"}, again, cache) == 2
    assert not list(cache.glob(".*")), "no half-written card is left behind"
    assert len(cached - set(cache.glob("*.png"))) == 2, "the two cards no page shows any more are removed"
    assert len(set(cache.glob("*.png"))) == len(en_pages)


@pytest.mark.parametrize("module", [cards, line_breaks])
def test_a_change_to_the_card_or_line_breaking_code_draws_every_card_again(module, tmp_path, monkeypatch):
    """Where lines break decides how a card looks as much as the drawing does."""
    before = pipeline._card_renderer()
    changed = tmp_path / Path(module.__file__).name
    changed.write_bytes(Path(module.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(module, "__file__", str(changed))
    pipeline._card_renderer.cache_clear()
    try:
        assert pipeline._card_renderer() != before
    finally:
        pipeline._card_renderer.cache_clear()


def test_an_unchanged_source_is_read_from_the_edition_cache(source: Path):
    folder = source.parent / pipeline.EDITION_CACHE
    first = pipeline.load(source, pipeline.EditionCache(folder))
    (cached,) = folder.glob("*.pickle")
    cached.write_bytes(pickle.dumps(replace(first, findings=("read from the cache",))))
    # A new `mkdocs build` process has a new cache, with no edition in memory.
    assert pipeline.load(source, pipeline.EditionCache(folder)).findings == ("read from the cache",)
    edit(source / "interview.en.md", "there can be no new industry", "there is no new industry")
    changed = pipeline.load(source, pipeline.EditionCache(folder))
    assert changed.pages != first.pages, "an edited source is prepared again"
    (current,) = folder.glob("*.pickle")
    assert current != cached, "only the current one is kept"


def test_loading_unchanged_sources_again_gives_the_same_edition(source: Path):
    """The hook reports a source's warnings once per change, by the edition's identity."""
    assert pipeline.load(source) is pipeline.load(source)


def test_a_damaged_edition_cache_is_made_again(source: Path):
    folder = source.parent / pipeline.EDITION_CACHE
    first = pipeline.load(source, pipeline.EditionCache(folder))
    (cached,) = folder.glob("*.pickle")
    cached.write_bytes(b"not a pickle")
    assert pipeline.load(source, pipeline.EditionCache(folder)) == first
