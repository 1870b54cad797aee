#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run every test.
# Used as-is by README.md, .ci/run and .github/workflows/test.yml. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's packages for what the machine lacks: Chromium for the browser tests (Playwright
# never downloads a browser here), Java for the Nu HTML Checker and Node.js for the checkers
# pinned in package.json (tests/test_quality.py). The share cards' font is a pinned wheel
# (requirements.txt), not a Debian package.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null || packages+=(default-jre-headless)
command -v npm >/dev/null || packages+=(nodejs npm)
# FriBiDi, which Pillow's bundled text shaper (libraqm) loads at run time: share cards set
# English quotes and apostrophes proportionally with it (scripts/interview_site/cards.py).
ldconfig -p | grep 'libfribidi\.so\.0' >/dev/null || packages+=(libfribidi0)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# axe-core, vnu-jar and Lighthouse, exactly as package-lock.json pins them. No install
# scripts: vnu-jar's would download a Java runtime from GitHub when it finds none.
npm ci --no-audit --no-fund --ignore-scripts
# Two processes (pytest-xdist), each with its own built site and browser: CI has two cores.
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest -n 2 "$@"
