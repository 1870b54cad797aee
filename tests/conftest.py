"""Shared fixtures: a built site, a local static server under a sub-path, and Chromium."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SUB_PATH = "/interview/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mkdocs_build(site_dir: Path, site_url: str, config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@dataclass
class Site:
    """A built site, served at `url` (which ends in the sub-path) from `directory`."""

    directory: Path
    url: str
    requests: list[tuple[int, str]] = field(default_factory=list)


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH like a plain static host that never redirects:
    a folder URL without its trailing slash is a 404, as on hosts that don't fix it up.
    Any other missing address gets the site's root 404.html with status 404, as GitHub
    Pages serves a project site."""

    def __init__(self, *args, site: Site, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site.directory), **kwargs)

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path(path[len(SUB_PATH) - 1 :])

    def send_head(self):
        # Outside the sub-path, a 404 as from a static host (Lighthouse asks for /robots.txt).
        if not self.path.startswith(SUB_PATH):
            self.send_error(404, "outside the site")
            return None
        local = Path(self.translate_path(self.path))
        if local.is_dir() and not self.path.split("?")[0].endswith("/"):
            self.send_error(404, "folder URL without trailing slash")
            return None
        if not local.exists():
            body = (self.site.directory / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_request(self, code="-", size="-"):
        self.site.requests.append((int(code) if str(code).isdigit() else 0, self.path))

    def log_message(self, format, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that leaves a page mid-download is not a server error."""


@contextmanager
def serving(directory: Path) -> Iterator[Site]:
    """A built site served under SUB_PATH at a free port, until the block ends."""
    port = free_port()
    site = Site(directory, f"http://127.0.0.1:{port}{SUB_PATH}")
    server = _QuietServer(("127.0.0.1", port), partial(_SubPathHandler, site=site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real site, built once with `mkdocs build --strict` and served under a sub-path."""
    with serving(tmp_path_factory.mktemp("site")) as site:
        result = mkdocs_build(site.directory, site.url)
        assert result.returncode == 0, result.stderr
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageLog:
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser, site: Site):
    """A fresh browser page that records console errors, failed requests and any request
    that leaves the site (those are blocked: the site must never need them)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = PageLog()
    origin = site.url[: -len(SUB_PATH) + 1]

    def route(route):
        if route.request.url.startswith(origin) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            log.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and log.console_errors.append(message.text))
    page.on("pageerror", lambda error: log.console_errors.append(str(error)))
    # A request cut short by leaving the page (net::ERR_ABORTED) is not a failure.
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and log.failed.append(r.url))
    page.on("response", lambda response: response.status >= 400 and log.failed.append(response.url))
    page.log = log
    yield page
    context.close()


# -- A skipped test is a failed test: nothing here may skip itself in CI. ----------------

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped and session.exitstatus == 0:
        session.exitstatus = 1
