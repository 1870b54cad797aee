"""Debian's Chromium, as the tests and the benchmark drive it through Playwright
(which never downloads a browser of its own here)."""

CHROMIUM = "/usr/bin/chromium"
#: Headless and sandbox-free (CI runs as root); without the networking flags Chromium keeps
#: calling Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
