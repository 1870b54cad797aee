"""Bad input never breaks the site: clear errors, nothing half-written, nothing active."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from helpers import edition, free_port, mkdocs, next_task, project_copy
from interview_site.model import Paragraph

HOSTILE = (
    'Hi <script>window.__pwned = "inline"</script> <img src="x" onerror="window.__pwned = \'img\'">'
    " <iframe src=\"javascript:parent.__pwned = 'iframe'\"></iframe> [click](javascript:window.__pwned='link')"
    ' <a href="#" onclick="window.__pwned = \'onclick\'">x</a> <svg onload="window.__pwned = \'svg\'"></svg>'
)
HOSTILE_BLOCK = '<script>window.__pwned = "block"</script>'
#: The log line that ends each build of `mkdocs serve` (mkdocs/commands/build.py). After a bad
#: edit, the hook reports the error and the build goes on with the last good pages.
BUILT = "Documentation built in"


def hostile_target() -> tuple[str, int]:
    """A topic page and the line of its first paragraph, which hostile text replaces: the same
    line in both sources (they match line for line)."""
    for section in edition().docs["zh"].topics:
        paragraphs = [block for part in section.parts for block in part.blocks if isinstance(block, Paragraph)]
        if paragraphs:
            return section.id, paragraphs[0].line
    raise AssertionError("no topic has a paragraph")


def first_quote_line() -> int:
    """The first topic's first quote line, the same in both sources."""
    return edition().docs["zh"].topics[0].quotes[0].line


def widened_table_row(path: Path) -> tuple[int, str, str]:
    """The source's first table row with one cell too many: its line, the new text, and the
    error the parser gives for it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line))
    cells = lines[rule].count("|") - 1
    number = rule + 2  # the row under the header's rule, counted from 1
    message = f"{path.parent.name}/{path.name}:{number}: table row has {cells + 1} cells, the header has {cells}"
    return number, lines[rule + 1] + " extra |", message


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to break on purpose."""
    return project_copy(tmp_path)


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


@pytest.mark.site
def test_a_bad_source_fails_the_build_readably_and_leaves_everything_as_it_was(project):
    assert mkdocs(project, "build", "--strict").returncode == 0
    site_before, docs_before = snapshot(project / "site"), snapshot(project / "docs")
    source = project / "source" / "interview.zh.md"
    number, row, message = widened_table_row(source)
    edit_line(source, number, row)

    result = mkdocs(project, "build", "--strict")

    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == site_before
    assert snapshot(project / "docs") == docs_before


@pytest.mark.site
def test_a_removed_section_leaves_no_stale_page(project):
    removed = edition().docs["en"].topics[-1].id
    assert mkdocs(project, "build", "--strict").returncode == 0
    assert (project / "site" / "en" / removed / "index.html").exists()
    for lang in ("zh", "en"):
        path = project / "source" / f"interview.{lang}.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        start = next(s.line for s in edition().docs[lang].topics if s.id == removed) - 1
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
        path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")

    assert mkdocs(project, "build", "--strict").returncode == 0
    for root in ("docs/zh", "docs/en", "site", "site/en"):
        assert not list((project / root).glob(f"{removed}*")), root


class ServerLog:
    """A server's output, line by line as it comes, to wait on."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self.lines.append("")  # end of output
            self._changed.notify_all()

    def wait_for(self, text: str, after: int = 0, timeout: float = 120) -> int:
        """The index of the first line from `after` on that holds `text`."""

        def found() -> int | None:
            return next((i for i in range(after, len(self.lines)) if text in self.lines[i]), None)

        with self._changed:
            assert self._changed.wait_for(lambda: found() is not None or "" in self.lines, timeout), text
            index = found()
        assert index is not None, f"the server ended without {text!r}:\n{''.join(self.lines)}"
        return index

    def text(self) -> str:
        self._reader.join(timeout=30)
        return "".join(self.lines)


@pytest.mark.site
def test_serve_keeps_the_last_good_site_and_recovers_without_restart(project):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = ServerLog(server.stdout)
    topic = edition().docs["zh"].topics[0]
    url = f"http://127.0.0.1:{port}/{topic.id}/"
    source = project / "source" / "interview.zh.md"
    original = source.read_text(encoding="utf-8")
    number, row, message = widened_table_row(source)
    title = topic.title.plain
    try:
        ready = log.wait_for("Serving on")
        first = fetch(url)
        assert title in first

        edit_line(source, number, row)
        reported = log.wait_for(message, after=ready)
        rebuilt = log.wait_for(BUILT, after=reported)
        assert article_of(fetch(url)) == article_of(first), "the last good site is still served"

        lines = original.split("\n")  # the good source with its heading changed, in one write
        lines[topic.line - 1] = lines[topic.line - 1].replace(title, f"{title}（修订）")
        source.write_text("\n".join(lines), encoding="utf-8")
        log.wait_for(BUILT, after=rebuilt + 1)
        assert f"{title}（修订）" in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.text()
    assert message in output
    assert "Traceback" not in output


def article_of(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


@pytest.mark.browser
def test_raw_html_in_the_source_is_never_active(project, browser):
    page_id, line = hostile_target()
    for lang in ("zh", "en"):
        path = project / "source" / f"interview.{lang}.md"
        edit_line(path, line, f"{HOSTILE}\n\n{HOSTILE_BLOCK}")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr

    for lang_root in ("", "en/"):
        html = (project / "site" / lang_root / page_id / "index.html").read_text(encoding="utf-8")
        body = html[html.index("<article") : html.index("</article>")]
        assert "<script" not in body and "<iframe" not in body and "<svg onload" not in body
        assert "onerror=" not in body.replace("onerror=&quot;", "").replace('onerror="window', "x")
        assert 'href="javascript:' not in body
        assert "&lt;script&gt;" in body, "the text is shown as typed"

    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for lang_root in ("", "en/"):
        page.goto((project / "site" / lang_root / page_id / "index.html").as_uri(), wait_until="load")
        # Once the page has loaded, its scripts, images and frames have run. A javascript: link
        # would run in a task of its own after the click.
        page.click("text=click")
        next_task(page)
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("parent.__pwned") is None
    page.close()
    assert dialogs == []


@pytest.mark.site
def test_an_unclosed_quote_warns_with_file_and_line_but_builds(project):
    line = first_quote_line()
    for lang in ("zh", "en"):
        path = project / "source" / f"interview.{lang}.md"
        text = path.read_text(encoding="utf-8").split("\n")[line - 1]
        edit_line(path, line, text.rstrip("”"))
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for lang in ("zh", "en"):
        assert f"source/interview.{lang}.md:{line}: quote has no closing quotation mark" in result.stderr
