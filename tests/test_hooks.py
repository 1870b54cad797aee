"""mkdocs_hooks.py: pages handed to MkDocs in memory, builds that share nothing, and the theme's markup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from helpers import project_copy
from mkdocs_hooks import apply_theme_edits, theme_edits

ROOT = Path(__file__).resolve().parent.parent
#: The sitemap carries the build's date: fixed, so that builds either side of midnight still compare.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767830400"}
WEB_URL = "http://127.0.0.1:8000/"
#: (config, SITE_URL) of the web site and of the offline edition built for it.
FLAVOURS = {"web": ("mkdocs.yml", WEB_URL), "offline": ("mkdocs.offline.yml", WEB_URL)}


# -- The theme's markup --------------------------------------------------------------------------

THEME_HTML = (
    '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
    '<input class="md-toggle" type="checkbox" id="__search" autocomplete="off">'
    '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
    '<div class="md-search" data-md-component="search" role="dialog">'
)


def test_the_theme_markup_is_made_valid_and_named():
    fixed = apply_theme_edits(THEME_HTML, theme_edits("Search", ["__nav_2"]), "index.html")
    assert fixed == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input class="md-toggle" type="checkbox" id="__search">'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
    )


@pytest.mark.parametrize(
    ("changed", "times"),
    [
        # The theme reorders an attribute: the edit would quietly do nothing.
        (THEME_HTML.replace('id="__search" autocomplete="off"', 'autocomplete="off" id="__search"'), 0),
        # The markup comes twice: an edit meant for one element would change both.
        (THEME_HTML + '<div class="md-search" data-md-component="search" role="dialog">', 2),
    ],
)
def test_a_theme_markup_edit_that_no_longer_matches_once_fails_the_build(changed: str, times: int):
    message = rf"^the theme's markup changed: .* is found {times} times in en/x\.md, not once$"
    with pytest.raises(PluginError, match=message):
        apply_theme_edits(changed, theme_edits("Search", ["__nav_2"]), "en/x.md")


# -- Builds write nothing into the work tree, and two at once share nothing -------------------------------


def start_build(flavour: str, site_dir: Path) -> subprocess.Popen[str]:
    config, site_url = FLAVOURS[flavour]
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site_dir)]
    env = {**ENV, "SITE_URL": site_url}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(build: subprocess.Popen[str]) -> None:
    _, stderr = build.communicate()
    assert build.returncode == 0, stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def work_tree() -> tuple[str, dict[str, tuple[bytes, int]]]:
    """`git status` and every file under docs/ with its content and modification time."""
    status = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True)
    docs = ROOT / "docs"
    return status.stdout, {
        p.relative_to(docs).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()
    }


@pytest.mark.site
def test_builds_and_the_check_leave_the_work_tree_as_it_was(tmp_path: Path):
    before = work_tree()
    for flavour in FLAVOURS:
        finished(start_build(flavour, tmp_path / flavour))
    check = subprocess.run(
        [sys.executable, "scripts/build.py", "check"], cwd=ROOT, env=ENV, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
    assert work_tree() == before
    assert sorted(p.name for p in (ROOT / "docs").iterdir()) == ["assets"], "docs/ holds only hand-written files"


@pytest.mark.site
def test_a_web_and_an_offline_build_at_once_make_the_sites_they_make_one_after_the_other(tmp_path: Path):
    for flavour in FLAVOURS:
        finished(start_build(flavour, tmp_path / "alone" / flavour))
    alone = {flavour: tree(tmp_path / "alone" / flavour) for flavour in FLAVOURS}
    assert alone["web"] != alone["offline"], "the two flavours differ, so a mix-up would show"
    for run in range(2):  # a race may go either way: more than once
        builds = {flavour: start_build(flavour, tmp_path / f"together-{run}" / flavour) for flavour in FLAVOURS}
        for build in builds.values():
            finished(build)
        for flavour in FLAVOURS:
            assert tree(tmp_path / f"together-{run}" / flavour) == alone[flavour], (run, flavour)


def build_copy(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)]
    return subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, check=False)


@pytest.mark.site
def test_a_page_left_in_docs_by_an_older_build_fails_the_build_naming_it(tmp_path: Path):
    project_copy(tmp_path)
    (tmp_path / "docs" / "en").mkdir()
    (tmp_path / "docs" / "en" / "energy.md").write_text("# Stale\n", encoding="utf-8")
    result = build_copy(tmp_path, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/en/energy.md: this page is made from the sources, in memory; delete the file" in result.stderr
    assert not (tmp_path / "site" / "en" / "energy").exists()


@pytest.mark.site
def test_compiled_templates_are_kept_and_used_and_make_the_same_site(tmp_path: Path):
    project = project_copy(tmp_path / "project")
    shutil.rmtree(project / ".cache" / "templates", ignore_errors=True)
    first = build_copy(project, tmp_path / "cold")
    assert first.returncode == 0, first.stderr
    kept = {p: p.stat().st_mtime_ns for p in (project / ".cache" / "templates").rglob("*.cache")}
    assert len(kept) > 20, "the theme's templates were compiled into the cache"
    second = build_copy(project, tmp_path / "warm")
    assert second.returncode == 0, second.stderr
    assert {p: p.stat().st_mtime_ns for p in kept} == kept, "the second build read the cache, writing nothing"
    assert tree(tmp_path / "cold") == tree(tmp_path / "warm")
