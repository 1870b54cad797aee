"""A Content-Security-Policy for a built page, written into the page as a meta tag.

Everything the site loads is its own, so the policy allows the site itself and nothing else.
Scripts get no 'unsafe-inline': the inline scripts a page really has (the theme's, ours) are
allowed by their SHA-256, read from the page's final HTML at build time, so a theme upgrade that
changes them changes the hashes with them instead of breaking the page. An injected <script> or
on…= attribute then does nothing, even if escaping failed somewhere.
"""

from __future__ import annotations

import base64
import hashlib
import re

#: What the site needs, measured in Chromium on every kind of page (tests/test_csp.py).
#: img-src data: is the theme's stylesheet: its icons are data: SVGs used as CSS masks.
#: form-action: the search box is a form; it never submits, and nothing else may.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# A script element's text ends at the first "</script", exactly where an HTML parser ends it.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
#: Types a browser runs; anything else (application/json, the theme's config) is data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = '<meta charset="utf-8">'


class MarkupError(Exception):
    """The page's markup is not what the policy is written against."""


def sha256_source(script: str) -> str:
    """The CSP source that allows an inline script with exactly this text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(page: str) -> tuple[str, ...]:
    """The text of every inline script on the page that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(page):
        attributes = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(match[1])}
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _SCRIPT_TYPES:
            found.append(match[2])
    return tuple(found)


def policy(page: str, written_scripts: tuple[str, ...] = (), live_reload: bool = False) -> str:
    """The policy for a page: DIRECTIVES, with script-src extended by the hash of each inline
    script on it and of each script that its own scripts write at run time.

    Under `mkdocs serve` (live_reload) the server adds an inline script with a fresh timestamp to
    every response, which no hash made at build time can match: the local preview allows inline
    scripts instead, and only the preview."""
    hashes = sorted({sha256_source(script) for script in (*inline_scripts(page), *written_scripts)})
    scripts = ["'unsafe-inline'"] if live_reload else hashes
    return "; ".join(
        " ".join([name, value, *scripts]) if name == "script-src" else f"{name} {value}" for name, value in DIRECTIVES
    )


def with_policy(page: str, written_scripts: tuple[str, ...] = (), live_reload: bool = False) -> str:
    """The page with its policy as the first thing after its charset, before any script runs
    (a meta policy governs only what comes after it)."""
    first_script = page.find("<script")
    if page.count(_CHARSET) != 1 or -1 < first_script < page.find(_CHARSET):
        raise MarkupError(f"the theme's markup changed: expected one {_CHARSET} before every script")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page, written_scripts, live_reload)}">'
    return page.replace(_CHARSET, f"{_CHARSET}\n      {meta}", 1)


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The inline script that the iframe-worker shim (the offline edition's search worker on
    file://) writes into its iframe, which inherits the page's policy. The shim builds it from
    a template and the source text of two of its own functions; rebuild it the same way."""
    template = re.search(r"<script>(postMessage=\$\{\w+\}.*?)<\\/script>", shim)
    url = re.search(r"constructor\((\w+)\)", shim)
    if not (template and url):
        raise MarkupError("the iframe-worker shim changed: its iframe script template is not found")

    def value(match: re.Match[str]) -> str:
        if match[1] == url[1]:  # the worker's address, as the page gave it to `new Worker`
            return worker_url
        start = shim.find(f"function {match[1]}(")
        if start < 0:
            raise MarkupError(f"the iframe-worker shim changed: no function {match[1]}")
        return _function_source(shim, start)

    return re.sub(r"\$\{(\w+)\}", value, template[1])


def _function_source(code: str, start: int) -> str:
    """What Function.prototype.toString gives: from `function` to its matching brace. The shim's
    two functions have no braces inside strings, so counting them is enough."""
    depth = 0
    for index in range(code.index("{", start), len(code)):
        depth += {"{": 1, "}": -1}.get(code[index], 0)
        if depth == 0:
            return code[start : index + 1]
    raise MarkupError("the iframe-worker shim changed: a function has no end")
