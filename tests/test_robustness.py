"""Bad input never breaks the site: clear errors, nothing half-written, nothing active."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "scripts", "overrides", "source", "docs/assets")
#: The Chinese paragraph (and its English line, line for line) that hostile text replaces.
PARAGRAPH_LINE = 84
HOSTILE = (
    'Hi <script>window.__pwned = "inline"</script> <img src="x" onerror="window.__pwned = \'img\'">'
    " <iframe src=\"javascript:parent.__pwned = 'iframe'\"></iframe> [click](javascript:window.__pwned='link')"
    ' <a href="#" onclick="window.__pwned = \'onclick\'">x</a> <svg onload="window.__pwned = \'svg\'"></svg>'
)
#: A quote line, the same in both sources (they match line for line).
QUOTE_LINE = 52
HOSTILE_BLOCK = '<script>window.__pwned = "block"</script>'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose."""
    for name in PROJECT_FILES:
        source, target = ROOT / name, tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return tmp_path


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


def edit_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_bad_source_fails_the_build_readably_and_leaves_everything_as_it_was(project):
    assert mkdocs(project, "build", "--strict").returncode == 0
    site_before, docs_before = snapshot(project / "site"), snapshot(project / "docs")
    edit_line(project / "source" / "interview.zh.md", 17, "| **点赞数** | 239 | extra |")

    result = mkdocs(project, "build", "--strict")

    assert result.returncode != 0
    assert "source/interview.zh.md:17: table row has 3 cells, the header has 2" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == site_before
    assert snapshot(project / "docs") == docs_before


def test_a_removed_section_leaves_no_stale_page(project):
    assert mkdocs(project, "build", "--strict").returncode == 0
    assert (project / "site" / "en" / "doomer-narratives" / "index.html").exists()
    for lang in ("zh", "en"):
        path = project / "source" / f"interview.{lang}.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.endswith(("末日叙事”的反思", "{ #doomer-narratives }")))
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
        path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")

    assert mkdocs(project, "build", "--strict").returncode == 0
    for root in ("docs/zh", "docs/en", "site", "site/en"):
        assert not list((project / root).glob("doomer-narratives*")), root


def test_serve_keeps_the_last_good_site_and_recovers_without_restart(project):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/energy/"
    source = project / "source" / "interview.zh.md"
    original = source.read_text(encoding="utf-8")
    try:
        first = wait_for(lambda: fetch(url), lambda page: "能源与基础设施" in page)

        source.write_text(original.replace("| **点赞数** | 239 |", "| **点赞数** | 239 | extra |"), encoding="utf-8")
        time.sleep(4)  # past the server's rebuild delay
        assert article_of(fetch(url)) == article_of(first), "the last good site is still served"

        source.write_text(original.replace("能源与基础设施", "能源与基础设施（修订）"), encoding="utf-8")
        wait_for(lambda: fetch(url), lambda page: "能源与基础设施（修订）" in page)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "source/interview.zh.md:17: table row has 3 cells, the header has 2" in output
    assert "Traceback" not in output


def article_of(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(read, ready, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = read()
            if ready(value):
                return value
        except OSError:
            pass
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


def test_raw_html_in_the_source_is_never_active(project, browser):
    for lang in ("zh", "en"):
        path = project / "source" / f"interview.{lang}.md"
        edit_line(path, PARAGRAPH_LINE, f"{HOSTILE}\n\n{HOSTILE_BLOCK}")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr

    for lang_root in ("", "en/"):
        html = (project / "site" / lang_root / "jobs" / "index.html").read_text(encoding="utf-8")
        body = html[html.index("<article") : html.index("</article>")]
        assert "<script" not in body and "<iframe" not in body and "<svg onload" not in body
        assert "onerror=" not in body.replace("onerror=&quot;", "").replace('onerror="window', "x")
        assert 'href="javascript:' not in body
        assert "&lt;script&gt;" in body, "the text is shown as typed"

    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for lang_root in ("", "en/"):
        page.goto((project / "site" / lang_root / "jobs" / "index.html").as_uri())
        page.wait_for_timeout(300)
        page.click("text=click")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("parent.__pwned") is None
    page.close()
    assert dialogs == []


def test_an_unclosed_quote_warns_with_file_and_line_but_builds(project):
    for lang in ("zh", "en"):
        path = project / "source" / f"interview.{lang}.md"
        line = path.read_text(encoding="utf-8").split("\n")[QUOTE_LINE - 1]
        edit_line(path, QUOTE_LINE, line.rstrip("”"))
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for lang in ("zh", "en"):
        assert f"source/interview.{lang}.md:{QUOTE_LINE}: quote has no closing quotation mark" in result.stderr
