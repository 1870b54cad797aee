"""scripts/tools/compare_builds.py: two builds agree when they differ only in the generator tag."""

from __future__ import annotations

import gzip
from pathlib import Path

from tools.compare_builds import compare, main

PAGE = '<head><meta charset="utf-8"><meta name="generator" content="{}"></head><body>{}</body>'


def site(root: Path, generator: str, body: str = "text", extra: str = "") -> Path:
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(generator, body), encoding="utf-8")
    (root / "en" / "index.html").write_text(PAGE.format(generator, "English"), encoding="utf-8")
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=len(generator)))
    if extra:
        (root / extra).write_text("x", encoding="utf-8")
    return root


def test_builds_that_differ_only_in_the_generator_tag_agree(tmp_path, capsys):
    a = site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.1")
    b = site(tmp_path / "b", "properdocs-1.6.7, mkdocs-material-9.8.1")
    result = compare(a, b)
    assert (result.files, result.generator_only, result.problems) == (3, ("en/index.html", "index.html"), ())
    assert main([str(a), str(b)]) == 0
    assert "3 files: 0 differ, 2 pages differ only in the generator tag" in capsys.readouterr().out


def test_any_other_difference_or_missing_file_fails(tmp_path, capsys):
    a = site(tmp_path / "a", "mkdocs", extra="only-a.txt")
    b = site(tmp_path / "b", "properdocs", body="other text")
    assert compare(a, b).problems == (f"only in {a}: only-a.txt", "differs: index.html")
    assert main([str(a), str(b)]) == 1
    assert "differs: index.html" in capsys.readouterr().out


def test_two_empty_folders_are_not_a_pass(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main([str(tmp_path / "a"), str(tmp_path / "b")]) == 1
