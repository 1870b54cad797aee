#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run every test.
# Used as-is by README.md, .ci/run and .github/workflows/test.yml. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's packages for what the machine lacks: Chromium for the browser tests (Playwright
# never downloads a browser here), Java for the Nu HTML Checker, Node.js for the checkers
# pinned in package.json (tests/test_quality.py) and FriBiDi for the share cards. The cards'
# font is a pinned wheel (requirements.txt), not a Debian package.
source scripts/apt.sh
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null || packages+=(default-jre-headless)
command -v npm >/dev/null || packages+=(nodejs npm)
fribidi_missing && packages+=(libfribidi0)
[ ${#packages[@]} -eq 0 ] || apt_install "${packages[@]}"

python3 -m venv .venv
# Hash-checking mode: every file pip fetches must match a hash in the lock (README.md, "Dependencies").
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-test.txt

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# axe-core, vnu-jar and Lighthouse, exactly as package-lock.json pins them. No install
# scripts: vnu-jar's would download a Java runtime from GitHub when it finds none.
npm ci --no-audit --no-fund --ignore-scripts
# Every tier (pure, `site`, `browser`: README.md, "Quick start"), in two processes (pytest-xdist),
# each with its own built site and browser: CI has two cores. Once set up, the quick tier alone:
#   .venv/bin/python -m pytest -m "not site and not browser"
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest -n 2 "$@"
