#!/usr/bin/env bash
# Set up the site's packages on a fresh machine, then build and serve it with live reload
# on http://127.0.0.1:8000/ (Chinese) and http://127.0.0.1:8000/en/ (English).
set -euo pipefail
cd "$(dirname "$0")/.."
# The share cards are drawn as the deployment draws them only with FriBiDi (scripts/apt.sh).
source scripts/apt.sh
if fribidi_missing && ! { command -v apt-get >/dev/null && apt_install libfribidi0; }; then
  echo "serve.sh: FriBiDi (libfribidi.so.0, Debian's libfribidi0) is missing and could not be installed:" \
    "share cards will set English quotes and apostrophes full-width, unlike the deployed site." >&2
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 "$@"
