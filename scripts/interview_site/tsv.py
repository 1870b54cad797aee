"""The data files beside the sources (term base, published ids): tab-separated lines. Pure."""

from __future__ import annotations

from collections.abc import Iterator


def tsv_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each line's number and its fields, stripped; blank lines and lines starting with '#' are comments."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, [field.strip() for field in line.split("\t")]
