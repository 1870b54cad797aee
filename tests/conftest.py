"""Fixtures (a built site served under a sub-path, Chromium, a watched page), the tier rule, the
rule that a skipped test fails, and Hypothesis' profiles. Plain helpers live in helpers.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import helpers
from helpers import Site, mkdocs_build, serving, watched_context, watched_page
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

# -- Hypothesis: a quick look locally, a long one in CI (where CI=true, as GitHub Actions sets it) --

settings.register_profile("dev", max_examples=10, deadline=None, derandomize=True)
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


# -- Tiers: pure (no mark), `site` (a built site), `browser` (Chromium) ---------------------------

#: Fixtures that make a test need a tier: the built site, Chromium.
TIER_OF_FIXTURE = {"site": "site", "offline_edition": "site", "browser": "browser"}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that uses the built site or Chromium without its marker fails before either is made,
    so `-m "not site and not browser"` stays a quick tier. What fixtures cannot show (a test that
    builds a site of its own) helpers.require_tier checks when it happens."""
    helpers.current_test[:] = [item]
    for fixture, tier in TIER_OF_FIXTURE.items():
        if fixture in getattr(item, "fixturenames", ()):
            helpers.require_tier(tier, f"uses the fixture '{fixture}'")


def pytest_runtest_teardown(item: pytest.Item) -> None:
    helpers.current_test.clear()


# -- Fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real site, built once with `mkdocs build --strict` and served under a sub-path."""
    with serving(tmp_path_factory.mktemp("site")) as site:
        result = mkdocs_build(site.directory, site.url)
        assert result.returncode == 0, result.stderr
        yield site


@pytest.fixture(scope="session")
def offline_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline edition, built once by the documented command (with --strict)."""
    site_dir = tmp_path_factory.mktemp("site-offline")
    result = mkdocs_build(site_dir, "", helpers.OFFLINE_CONFIG)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def reader(browser, site: Site) -> Iterator[object]:
    """The browser context the `page` fixture opens its pages in, with a page of the site kept
    open: a new page in a context the browser has already set up costs less than half the CPU of
    a page in a new context, and opening pages is most of what the browser tests cost."""
    context = watched_context(browser, site, viewport={"width": 1280, "height": 900})
    context.new_page().goto(site.url)
    yield context
    context.close()


@pytest.fixture
def page(reader):
    """A new browser page that records console errors, failed requests and any request that
    leaves the site (those are blocked: the site must never need them). Its search box says
    when the results of the last key are shown (helpers.watched_context). What a test leaves in
    the shared context (stored settings, granted permissions, pages it opened) goes with it."""
    page = watched_page(reader)
    yield page
    kept, *opened = reader.pages
    for other in opened:
        other.close()
    kept.evaluate("localStorage.clear()")
    reader.clear_permissions()
    reader.clear_cookies()


# -- A skipped test is a failed test: nothing here may skip itself in CI. ----------------

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped and session.exitstatus == 0:
        session.exitstatus = 1
