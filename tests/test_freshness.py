"""Translation freshness (scripts/interview_site/freshness.py): the lock, the warnings, the command that marks
blocks current, and the marks on the pages. Every edit is made to a copy in a temporary folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import parse_file, project_copy, serving
from html_tree import parse_html
from interview_site import pipeline
from interview_site.align import pairs
from interview_site.freshness import HASH_LENGTH, check_freshness, fingerprint, mark_current, parse_lock
from interview_site.model import SourceError, StageError
from interview_site.render import LABELS

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
LOCK = DATA / "freshness" / "translation.lock.tsv"
SCRIPT = ROOT / "scripts" / "build.py"
ZH, EN, LOCK_NAME = "source/interview.zh.md", "source/interview.en.md", "source/translation.lock.tsv"
NOTE = LABELS["en"]["translation_outdated"]


def line_of(path: Path, text: str) -> int:
    """The line a text is on, for messages; the text must be there once."""
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(lines) == 1, f"{text!r} is on lines {lines} of {path}"
    return lines[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test edition and its lock, in ./source of a temporary folder (so that messages name
    source/…). The English is moved a line down, so that the two lines of a message differ."""
    monkeypatch.chdir(tmp_path)
    folder = Path(shutil.copytree(DATA / "edition", "source"))
    shutil.copy(LOCK, folder / "translation.lock.tsv")
    edit(folder / "interview.en.md", "\n\n## Video Details", "\n\n\n## Video Details")
    return Path("source")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """build.py in the current folder, on ./source."""
    command = [sys.executable, str(SCRIPT), *args, "--source", "source"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def freshness_warnings(source: Path) -> list[str]:
    """The warnings a build gives that are about the lock (the fixture has no others)."""
    return [w for w in pipeline.load(source).warnings if "translation" in w or LOCK_NAME in w]


# -- a clean checkout ------------------------------------------------------------------------------


def test_the_committed_lock_is_current_for_the_sources():
    edition = pipeline.load(pipeline.SOURCE_DIR)
    lock_path = pipeline.SOURCE_DIR / pipeline.TRANSLATION_LOCK
    lock = parse_lock(lock_path.read_text(encoding="utf-8"), lock_path)
    freshness = check_freshness(edition.docs[pipeline.DEFAULT_LANG], edition.docs[pipeline.LOCK_LANG], lock)
    assert freshness.findings == ()
    assert freshness.outdated == frozenset()
    assert edition.docs[pipeline.LOCK_LANG].outdated == frozenset()
    # One entry per pair, in reading order: the lock is what the command writes.
    assert [e.pair for e in lock.entries] == [p.id for p in pairs(edition.docs[pipeline.DEFAULT_LANG])]


def test_the_fixture_lock_is_current(source: Path):
    assert freshness_warnings(source) == []
    assert pipeline.load(source).docs["en"].outdated == frozenset()


# -- one changed Chinese block -----------------------------------------------------------------------

#: (what the Chinese says, what it is changed to, the English of the same block, its pair id) for
#: each kind of block: a heading, a quote, a list item, a nested one, a paragraph, a table row.
CHANGES = [
    ("### 能源需求", "### 能源的需求", "### Energy Demand", "energy-demand"),
    ("没有能源，就没有新产业。", "没有能源，就没有任何新产业。", "there can be no new industry", "energy.1"),
    ("- 电网：", "- 电网与输电：", "- The grid:", "energy.3"),
    ("    - 核能", "    - 核电", "    - nuclear", "energy.5"),
    ("政策分几步：", "政策分三步：", "The policy goes in steps:", "energy.6"),
    ("| 软件工程师 | 目的不变 |", "| 软件工程师 | 目的基本不变 |", "| Software engineer |", "jobs.6"),
    ("| 推理Token成本将下降 |", "| 推理Token成本将大幅下降 |", "| Inference token costs will fall |", "predictions.1"),
]


@pytest.mark.parametrize(("old", "new", "english", "pair"), CHANGES, ids=[c[3] for c in CHANGES])
def test_changing_one_chinese_block_makes_exactly_its_english_stale(
    source: Path, old: str, new: str, english: str, pair: str
):
    zh, en = source / "interview.zh.md", source / "interview.en.md"
    edit(zh, old, new)
    zh_line, en_line = line_of(zh, new), line_of(en, english)
    assert zh_line != en_line

    assert freshness_warnings(source) == [
        f"{EN}:{en_line}: the translation is out of date: {ZH}:{zh_line} changed (pair {pair})"
    ]
    assert pipeline.load(source).docs["en"].outdated == {pair}


def test_check_prints_the_warning_and_succeeds(source: Path):
    edit(source / "interview.zh.md", "政策分几步：", "政策分三步：")
    result = run("check")
    assert result.returncode == 0, result.stderr
    zh_line, en_line = (
        line_of(source / "interview.zh.md", "政策分三步："),
        line_of(source / "interview.en.md", "steps:"),
    )
    expected = f"warning: {EN}:{en_line}: the translation is out of date: {ZH}:{zh_line} changed (pair energy.6)"
    assert expected in result.stderr.splitlines()


def test_editing_the_english_or_the_chinese_markup_makes_nothing_stale(source: Path):
    edit(source / "interview.en.md", "The policy goes in steps:", "The policy comes in steps:")
    edit(source / "interview.zh.md", "- **能源**：一切的基础", "- 能源：一切的基础")  # bold off, same words
    assert freshness_warnings(source) == []


def test_hashes_are_short_and_tell_blocks_apart():
    edition = pipeline.load(DATA / "edition")
    texts = {p.id: p.text for p in pairs(edition.docs["zh"])}
    assert len(fingerprint(texts["energy.2"])) == HASH_LENGTH
    assert fingerprint(texts["energy.2"]) != fingerprint(texts["energy.3"])
    assert fingerprint(texts["jobs.6"]) != fingerprint(texts["predictions.1"])


def test_the_check_needs_aligned_editions():
    docs = {lang: parse_file(DATA / "edition" / f"interview.{lang}.md") for lang in ("zh", "en")}
    lock = parse_lock(LOCK.read_text(encoding="utf-8"), LOCK)
    with pytest.raises(StageError, match=r"interview\.zh\.md: .* run align\.align first$"):
        check_freshness(docs["zh"], docs["en"], lock)


# -- marking blocks current -----------------------------------------------------------------------


def test_marking_the_block_current_clears_it_and_changes_one_lock_line(source: Path):
    lock = source / "translation.lock.tsv"
    before = lock.read_text(encoding="utf-8").splitlines()
    edit(source / "interview.zh.md", "没有能源，就没有新产业。", "没有能源，就没有任何新产业。")
    assert len(freshness_warnings(source)) == 1

    result = run("translated", "energy.1")

    assert result.returncode == 0, result.stderr
    assert freshness_warnings(source) == []
    after = lock.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert [(a.split("\t")[0], b.split("\t")[0]) for a, b in changed] == [("energy.1", "energy.1")]


def test_marking_one_block_leaves_the_others_stale(source: Path):
    zh = source / "interview.zh.md"
    edit(zh, "政策分几步：", "政策分三步：")
    edit(zh, "    - 核能", "    - 核电")
    assert run("translated", "energy.6").returncode == 0
    en_line = line_of(source / "interview.en.md", "    - nuclear")
    zh_line = line_of(zh, "    - 核电")
    assert freshness_warnings(source) == [
        f"{EN}:{en_line}: the translation is out of date: {ZH}:{zh_line} changed (pair energy.5)"
    ]


def test_marking_all_current_clears_every_block_and_drops_entries_that_are_gone(source: Path):
    for old, new, _, _ in CHANGES:
        edit(source / "interview.zh.md", old, new)
    lock = source / "translation.lock.tsv"
    lock.write_text(lock.read_text(encoding="utf-8") + "energy.99\t0123456789ab\n", encoding="utf-8")
    assert len(freshness_warnings(source)) == len(CHANGES) + 1

    assert run("translated", "--all").returncode == 0

    assert freshness_warnings(source) == []
    assert "energy.99" not in lock.read_text(encoding="utf-8")


def test_an_unknown_pair_is_an_error_and_the_lock_is_left_alone(source: Path):
    lock = source / "translation.lock.tsv"
    before = lock.read_bytes()
    result = run("translated", "energy.1", "energy.99")
    assert result.returncode == 1
    assert result.stderr == f"error: no pair energy.99 in {ZH}\n"
    assert lock.read_bytes() == before


@pytest.mark.parametrize("args", [("translated",), ("translated", "energy.1", "--all"), ("check", "energy.1")])
def test_translated_takes_pairs_or_all_and_nothing_else_does(source: Path, args: tuple[str, ...]):
    result = run(*args)
    assert result.returncode == 2
    assert "translated takes pair ids or --all, and only it does" in result.stderr


def test_without_a_lock_the_command_writes_one_and_nothing_is_checked(source: Path):
    lock = source / "translation.lock.tsv"
    lock.unlink()
    edit(source / "interview.zh.md", "政策分几步：", "政策分三步：")
    assert freshness_warnings(source) == []
    assert run("translated", "--all").returncode == 0
    assert lock.read_text(encoding="utf-8") == mark_current(pipeline.load(source).docs["zh"], None)


# -- the lock's own errors --------------------------------------------------------------------------


def test_a_pair_without_an_entry_is_reported_at_its_lines_and_marked(source: Path):
    lock = source / "translation.lock.tsv"
    edit(lock, "jobs.4\t4a6fa0c12530\n", "")
    zh_line = line_of(source / "interview.zh.md", "AI会取代工作吗")
    en_line = line_of(source / "interview.en.md", "Will AI take our jobs?")
    assert freshness_warnings(source) == [
        f"{EN}:{en_line}: pair jobs.4 has no entry in {LOCK_NAME}: check the translation against {ZH}:{zh_line}, "
        "then mark it current"
    ]
    assert pipeline.load(source).docs["en"].outdated == {"jobs.4"}


def test_an_entry_for_a_pair_that_is_gone_is_reported_at_its_line(source: Path):
    lock = source / "translation.lock.tsv"
    edit(lock, "jobs.6\t", "jobs.7\t0123456789ab\njobs.6\t")
    assert freshness_warnings(source) == [
        f"{LOCK_NAME}:{line_of(lock, 'jobs.7')}: pair jobs.7 is no longer in {ZH}; "
        "marking any block current drops this entry"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("energy.1 8cf9bfb8f529", "expected 'pair id<TAB>hash' (12 hex digits)"),
        ("energy.1\t8cf9bfb8", "expected 'pair id<TAB>hash' (12 hex digits)"),
        ("energy.1\t8cf9bfb8f529\textra", "expected 'pair id<TAB>hash' (12 hex digits)"),
        ("energy.1\t8CF9BFB8F529", "expected 'pair id<TAB>hash' (12 hex digits)"),
        ("jobs.1\t8cf9bfb8f529", "pair jobs.1 is already at line {first}"),
    ],
    ids=["spaces", "short-hash", "three-fields", "upper-case", "duplicate"],
)
def test_a_malformed_lock_line_fails_the_check_at_its_line(source: Path, line: str, message: str):
    lock = source / "translation.lock.tsv"
    first = line_of(lock, "jobs.1\t")
    lock.write_text(lock.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    bad = len(lock.read_text(encoding="utf-8").splitlines())

    with pytest.raises(SourceError) as raised:
        pipeline.load(source)
    assert str(raised.value) == f"{LOCK_NAME}:{bad}: {message.format(first=first)}"

    result = run("check")
    assert result.returncode == 1
    assert result.stderr == f"error: {LOCK_NAME}:{bad}: {message.format(first=first)}\n"


# -- the built site ----------------------------------------------------------------------------------

#: What a copy of the project needs to build (as tests/test_robustness.py copies it).


@dataclass(frozen=True)
class StaleSite:
    project: Path
    result: subprocess.CompletedProcess[str]
    #: The changed quote: its page, id and pair, and its lines in both sources.
    section: str
    quote: str
    pair: str
    zh_line: int
    en_line: int


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """A strict build with no site address: no share cards, which this does not need."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> StaleSite:
    """The project with one Chinese quote reworded (the first of the first topic), built."""
    project = project_copy(tmp_path_factory.mktemp("stale"))
    docs = pipeline.load(pipeline.SOURCE_DIR).docs
    section = docs["zh"].topics[0]
    quote = section.quotes[0]
    zh = project / ZH
    lines = zh.read_text(encoding="utf-8").split("\n")
    assert "：“" in lines[quote.line - 1]
    lines[quote.line - 1] = lines[quote.line - 1].replace("：“", "：“确实，", 1)
    zh.write_text("\n".join(lines), encoding="utf-8")
    en_line = next(q.line for s in docs["en"].sections for q in s.quotes if q.pair == quote.pair)
    return StaleSite(project, mkdocs_build(project), section.id, quote.id, quote.pair, quote.line, en_line)


def marked(site: Path) -> dict[str, list[dict[str, str]]]:
    """Every element of the built site that carries data-translation, by page."""
    found: dict[str, list[dict[str, str]]] = {}
    for path in sorted(site.rglob("*.html")):
        elements = [e for e in parse_html(path.read_text(encoding="utf-8")).iter() if "data-translation" in e.attrs]
        if elements:
            found[path.relative_to(site).as_posix()] = [{"tag": e.tag, **e.attrs} for e in elements]
    return found


@pytest.mark.site
def test_a_stale_block_is_one_warning_and_the_site_still_builds(stale: StaleSite):
    assert stale.result.returncode == 0, stale.result.stderr
    # The hook reads the sources by their full path, and names them so, as in its other warnings.
    en, zh = stale.project / EN, stale.project / ZH
    warning = f"{en}:{stale.en_line}: the translation is out of date: {zh}:{stale.zh_line} changed (pair {stale.pair})"
    lines = stale.result.stderr.splitlines()
    assert [line for line in lines if "out of date" in line] == [f"WARNING -  {warning}"]


@pytest.mark.site
def test_exactly_its_english_block_is_marked_wherever_it_is_shown(stale: StaleSite):
    outdated = {"data-translation": "outdated", "data-translation-note": NOTE}
    quote = {"tag": "div", "class": "admonition quote", "id": stale.quote, **outdated}
    # On Chinese pages the English is the counterpart block of the bilingual modes.
    alt = {
        "tag": "div",
        "class": "alt alt-quote",
        "lang": "en",
        "data-pair": stale.pair,
        "data-search-exclude": "",
        **outdated,
    }
    assert marked(stale.project / "site") == {
        f"{stale.section}/index.html": [alt],
        f"en/{stale.section}/index.html": [quote | {"data-pair": stale.pair}],
        "en/print/index.html": [quote | {"data-pair": stale.pair}],
        f"en/q/{stale.quote}/index.html": [quote],
        "en/quotes/index.html": [{"tag": "span", **outdated}],
        "print/index.html": [alt],
    }


#: The note after a marked block, as the browser draws it (docs/assets/stylesheets/extra.css).
NOTE_SHOWN = "element => getComputedStyle(element, '::after').content"


@pytest.mark.browser
def test_readers_see_the_note_in_every_reading_mode_and_on_the_quote_page(browser, stale: StaleSite):
    with serving(stale.project / "site") as site:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            # On the English page the English block is the page's own, shown in every mode.
            page.goto(f"{site.url}en/{stale.section}/")
            quote = page.locator(f"#{stale.quote}")
            for mode in ("single", "side", "interleaved"):
                page.locator(f'input[name="reading-mode"][value="{mode}"]').check()
                assert quote.is_visible()
                assert quote.evaluate(NOTE_SHOWN) == f'"{NOTE}"'
                assert page.locator("[data-translation]").count() == 1
            # On the Chinese page it is the counterpart: not shown in Chinese only, marked where shown.
            page.goto(f"{site.url}{stale.section}/")
            counterpart = page.locator(f'.alt[data-pair="{stale.pair}"]')
            page.locator('input[name="reading-mode"][value="single"]').check()
            assert not counterpart.is_visible()
            for mode in ("side", "interleaved"):
                page.locator(f'input[name="reading-mode"][value="{mode}"]').check()
                assert counterpart.is_visible()
                assert counterpart.evaluate(NOTE_SHOWN) == f'"{NOTE}"'
            assert page.locator(f"#{stale.quote}").evaluate(NOTE_SHOWN) == "none"
            page.goto(f"{site.url}en/q/{stale.quote}/")
            assert page.locator(f"#{stale.quote}").evaluate(NOTE_SHOWN) == f'"{NOTE}"'
        finally:
            page.close()


@pytest.mark.site
def test_marking_it_current_clears_the_warning_and_the_marks(stale: StaleSite, tmp_path: Path):
    project = project_copy(tmp_path / "project", stale.project)
    command = [sys.executable, "scripts/build.py", "translated", stale.pair]
    marking = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert marking.returncode == 0, marking.stderr

    result = mkdocs_build(project)

    assert result.returncode == 0, result.stderr
    assert "out of date" not in result.stderr
    assert marked(project / "site") == {}


@pytest.mark.site
def test_a_clean_checkout_marks_nothing(site):
    assert marked(site.directory) == {}


def everywhere(*pages: str, cells: int = 1) -> dict[str, int]:
    """A block's English on the English pages and, as the counterpart, on the Chinese ones."""
    return {f"{lang}/{page}": cells for page in pages for lang in ("en", "zh")}


#: Where each changed block of CHANGES is marked, and how often: the home page reads one
#: language, so its English is not on the Chinese home page; a table row marks each cell;
#: a quote is on its quote page and on All quotes too.
MARKED = {
    "energy-demand": everywhere("energy.md", "print.md"),
    "energy.1": everywhere("energy.md", "print.md") | {"en/q/without-energy-there-can-be-no.md": 1, "en/quotes.md": 1},
    "energy.3": everywhere("energy.md", "print.md"),
    "energy.5": everywhere("energy.md", "print.md"),
    "energy.6": everywhere("energy.md", "print.md"),
    "jobs.6": everywhere("jobs.md", "print.md", cells=2),
    "predictions.1": everywhere("print.md", cells=2) | {"en/index.md": 2},
}


MARK = re.compile(r'data-translation(="|: ")outdated"')


@pytest.mark.parametrize(("old", "new", "english", "pair"), CHANGES, ids=[c[3] for c in CHANGES])
def test_the_pages_mark_the_stale_english_block_and_only_it(source: Path, old: str, new: str, english: str, pair: str):
    edit(source / "interview.zh.md", old, new)
    pages = {page.path: page.markdown for page in pipeline.load(source).pages}
    # As attr_list and HTML write the attributes, or as a quote block's YAML does.
    marks = {name: len(MARK.findall(text)) for name, text in pages.items()}
    assert {name: count for name, count in marks.items() if count} == MARKED[pair]
    notes = {name: text.count(NOTE) for name, text in pages.items()}
    assert {name: count for name, count in notes.items() if count} == MARKED[pair]
