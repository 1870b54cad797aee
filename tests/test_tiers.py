"""The test tiers stay honest: a test that uses the built site or Chromium without its marker
fails (tests/conftest.py), before either is made, and collecting the tests runs no pipeline."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import ROOT

#: Tests that break the rule, and one of each tier that keeps it. None of them gets as far as
#: building a site or launching Chromium: the rule stops them first, or they need neither.
CASES = """
import pytest

import helpers


def test_unmarked_browser(browser):
    raise AssertionError("never reached: the rule fails the test first")


def test_unmarked_page(page):
    raise AssertionError("never reached")


def test_unmarked_site(site):
    raise AssertionError("never reached")


def test_builds_a_site_of_its_own(tmp_path):
    helpers.mkdocs(tmp_path, "build")
    raise AssertionError("never reached")


@pytest.mark.site
def test_a_site_test_may_not_launch_chromium(browser):
    raise AssertionError("never reached")


def test_pure():
    assert helpers.LANGS


@pytest.mark.site
def test_marked_site_test_builds_nothing_here():
    assert helpers.ROOT.exists()
"""


def run_rules(pytester: pytest.Pytester) -> pytest.RunResult:
    """The cases above, run under a copy of the project's conftest and its helpers."""
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_cases=CASES)
    paths = " ".join(str(ROOT / folder) for folder in ("tests", "scripts"))
    pytester.makeini(f"[pytest]\npythonpath = {paths}\nmarkers =\n    site: s\n    browser: b\n")
    # In this process (no second interpreter to start): importlib mode imports the copied
    # conftest under a name of its own, beside the conftest of the running session.
    return pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "-p", "no:xdist", "--strict-markers", "--import-mode=importlib"
    )


def test_a_test_without_the_marker_of_what_it_uses_fails(pytester: pytest.Pytester):
    result = run_rules(pytester)
    # A fixture's tier is checked at set-up, before the fixture is made (pytest reports ERROR);
    # a site built by the test itself is refused when it starts (FAILED). Either fails the run.
    result.assert_outcomes(passed=2, failed=1, errors=4)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines_random(
        [
            "*test_unmarked_browser uses the fixture 'browser' but is not marked @pytest.mark.browser*",
            "*test_unmarked_page uses the fixture 'site' but is not marked @pytest.mark.site*",
            "*test_unmarked_site uses the fixture 'site' but is not marked @pytest.mark.site*",
            "*test_builds_a_site_of_its_own builds the site but is not marked @pytest.mark.site*",
            "*test_a_site_test_may_not_launch_chromium uses the fixture 'browser' but is not marked*",
        ]
    )
    result.stdout.no_fnmatch_line("*never reached*")


def test_collecting_the_suite_runs_no_pipeline():
    """`pytest --collect-only` with the pipeline made to fail: it must not be called, so a
    broken source fails its tests, not their collection, and collecting writes nothing."""
    plugin = f"""
import sys
sys.path.insert(0, {str(ROOT / "scripts")!r})
from interview_site import pipeline

def refuse(*args, **kwargs):
    raise RuntimeError("the pipeline ran")

pipeline.load = pipeline.prepare = refuse
import pytest
sys.exit(pytest.main(sys.argv[1:]))
"""
    command = [sys.executable, "-c", plugin]
    result = subprocess.run(
        [*command, "--collect-only", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(ROOT / "tests")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "the pipeline ran" not in result.stdout
