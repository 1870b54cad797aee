"""The setup scripts on a new machine: every apt-get waits for another apt instead of failing at
once, and scripts/serve.sh gets FriBiDi for the share cards as the deployment does, or says what
is missing. Run with stand-ins for apt-get, sudo, sleep, ldconfig and the venv's programs."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

#: Every file that runs apt-get: the setup scripts, CI's entry point and the workflows.
APT_USERS = (
    *sorted((ROOT / "scripts").glob("*.sh")),
    ROOT / ".ci" / "run",
    *sorted((ROOT / ".github" / "workflows").glob("*.yml")),
)
#: apt-get run as a command (not `command -v apt-get`, which only asks whether it is there).
APT_CALL = re.compile(r"(?<!-v )\bapt-get\s+(?!>)")
LISTS_LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (unattended-upgr)"


def test_every_apt_get_call_waits_for_the_dpkg_lock():
    calls = [
        (path.name, line.strip())
        for path in APT_USERS
        for line in path.read_text(encoding="utf-8").splitlines()
        if APT_CALL.search(line) and not line.lstrip().startswith("#")
    ]
    assert calls
    for name, line in calls:
        assert "apt-get -o DPkg::Lock::Timeout=" in line, f"{name}: {line}"


def stand_ins(tmp_path: Path, apt_get: str, fribidi: bool = True) -> dict[str, str]:
    """A PATH where apt-get runs `apt_get` (a bash body) and every call is logged to calls.log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    programs = {
        "apt-get": apt_get,
        "sudo": '"$@"',
        "sleep": "true",
        "ldconfig": "echo '\tlibfribidi.so.0 (libc6,x86-64) => /lib/libfribidi.so.0'" if fribidi else "true",
    }
    for name, body in programs.items():
        path = bin_dir / name
        path.write_text(f'#!/usr/bin/env bash\necho "{name} $*" >> {log}\n{body}\n', encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def apt_install(tmp_path: Path, apt_get: str) -> subprocess.CompletedProcess[str]:
    command = ["bash", "-c", f"source {ROOT / 'scripts' / 'apt.sh'} && apt_install libfribidi0"]
    env = stand_ins(tmp_path, apt_get)
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def calls(tmp_path: Path, program: str) -> list[str]:
    lines = (tmp_path / "calls.log").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith(f"{program} ")]


def test_apt_install_retries_the_update_while_another_apt_holds_the_lists_lock(tmp_path):
    # Locked for the first two updates, as when unattended upgrades run on a new machine.
    counter = tmp_path / "updates"
    result = apt_install(
        tmp_path,
        f'if [ "$3" = update ]; then echo x >> {counter}; '
        f'[ "$(wc -l < {counter})" -gt 2 ] || {{ echo "{LISTS_LOCKED}" >&2; exit 100; }}; fi',
    )
    assert result.returncode == 0, result.stderr
    apt = calls(tmp_path, "apt-get")
    assert apt == [*["apt-get -o DPkg::Lock::Timeout=600 update -qq"] * 3, apt[-1]]
    assert apt[-1] == "apt-get -o DPkg::Lock::Timeout=600 install -y -qq libfribidi0"
    assert len(calls(tmp_path, "sleep")) == 2


def test_apt_install_stops_at_once_on_any_other_error_and_says_it(tmp_path):
    result = apt_install(tmp_path, 'echo "E: The repository is not signed." >&2; exit 100')
    assert result.returncode == 1
    assert "The repository is not signed." in result.stderr
    assert calls(tmp_path, "apt-get") == ["apt-get -o DPkg::Lock::Timeout=600 update -qq"]
    assert calls(tmp_path, "sleep") == []


def serve(tmp_path: Path, apt_get: str, fribidi: bool) -> subprocess.CompletedProcess[str]:
    """scripts/serve.sh in a copy of the repository whose venv programs only log their calls."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    for name in ("serve.sh", "apt.sh"):
        shutil.copy(ROOT / "scripts" / name, repo / "scripts" / name)
    env = stand_ins(tmp_path, apt_get, fribidi)
    venv = repo / ".venv" / "bin"
    venv.mkdir(parents=True)
    for name in ("python", "mkdocs", "python3"):
        path = (venv if name != "python3" else tmp_path / "bin") / name
        path.write_text(f'#!/usr/bin/env bash\necho "{name} $*" >> {tmp_path / "calls.log"}\n', encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    command = ["bash", str(repo / "scripts" / "serve.sh")]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=60)


@pytest.mark.parametrize("fribidi", [True, False], ids=["fribidi-present", "fribidi-missing"])
def test_serve_installs_fribidi_only_when_missing_then_serves_from_the_hashed_lock(tmp_path, fribidi):
    result = serve(tmp_path, "true", fribidi)
    assert result.returncode == 0, result.stderr
    installs = [call for call in calls(tmp_path, "apt-get") if " install " in call]
    assert installs == ([] if fribidi else ["apt-get -o DPkg::Lock::Timeout=600 install -y -qq libfribidi0"])
    assert calls(tmp_path, "python") == [
        "python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt"
    ]
    assert calls(tmp_path, "mkdocs") == ["mkdocs serve --dev-addr 127.0.0.1:8000"]


def test_serve_says_what_is_missing_when_fribidi_cannot_be_installed_and_still_serves(tmp_path):
    result = serve(tmp_path, 'echo "E: permission denied" >&2; exit 100', fribidi=False)
    assert result.returncode == 0, result.stderr
    assert "FriBiDi (libfribidi.so.0, Debian's libfribidi0) is missing and could not be installed" in result.stderr
    assert calls(tmp_path, "mkdocs") == ["mkdocs serve --dev-addr 127.0.0.1:8000"]
