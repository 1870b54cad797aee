"""Translation freshness: which translated blocks still translate the text they were made from.

The lock file (source/translation.lock.tsv) has a line per pair of the two editions (align.py:
every heading, paragraph, list item, table row and quote), `pair id<TAB>hash`, the hash being
that of the reference (Chinese) block's text as it was when its translation was last checked.
When the reference text changes, its translation is out of date until someone checks it and
marks it current, which rewrites the lock (`python scripts/build.py translated PAIR|--all`).
Only the reference is hashed, so editing the translation never makes anything stale.

Pair ids are places ('<section id>.<n>'), so adding or removing a block (a parity error until
both editions have done it) renumbers the blocks after it in its section: their entries then
no longer match, and they are reported until marked current. Pure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from interview_site.align import Counterpart, pairs
from interview_site.model import Document, Inline, SourceError

#: Hex digits kept of a block's hash: short enough to read in a diff, long enough that a
#: changed block keeps its hash once in 16^12 times.
HASH_LENGTH = 12
HEADER = """\
# Translation lock (scripts/interview_site/freshness.py): one line per pair of blocks the two editions
# line up (align.py), pair id<TAB>hash of the Chinese block as it was when its English was last checked.
# A Chinese block that changed since makes its English "out of date": every build says so and the site
# marks it. After checking the English, mark it current: python scripts/build.py translated PAIR (or --all).
# Written by that command, in reading order; edit the sources, not this file.
"""

_ENTRY = re.compile(rf"^(\S+)\t([0-9a-f]{{{HASH_LENGTH}}})$")


@dataclass(frozen=True, slots=True)
class LockEntry:
    pair: str
    hash: str
    line: int


@dataclass(frozen=True, slots=True)
class Lock:
    entries: tuple[LockEntry, ...]
    path: Path


@dataclass(frozen=True, slots=True)
class Freshness:
    #: Pair ids whose translation is out of date, or not in the lock yet.
    outdated: frozenset[str]
    #: Warnings in the form of the other checks: `path:line: message`.
    findings: tuple[str, ...]


def parse_lock(text: str, path: Path) -> Lock:
    """`pair id<TAB>hash` lines; blank lines and lines starting with '#' are comments."""
    entries: dict[str, LockEntry] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _ENTRY.match(line)
        if match is None:
            raise SourceError(path, number, f"expected 'pair id<TAB>hash' ({HASH_LENGTH} hex digits)")
        pair, digest = match.groups()
        if pair in entries:
            raise SourceError(path, number, f"pair {pair} is already at line {entries[pair].line}")
        entries[pair] = LockEntry(pair, digest, number)
    return Lock(tuple(entries.values()), path)


def fingerprint(text: Counterpart) -> str:
    """The hash of a block's words: its plain text (a table row's cells, tab-separated), runs of
    white space read as one, so that neither markup nor line wrapping makes a block stale."""
    cells = (text,) if isinstance(text, Inline) else text
    words = "\t".join(" ".join(cell.plain.split()) for cell in cells)
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def check_freshness(reference: Document, translation: Document, lock: Lock) -> Freshness:
    """Each translated block whose reference text no longer has its locked hash, each pair with
    no entry, and each entry for a pair that is gone. The two documents must be aligned."""
    current = list(pairs(reference))
    lines = {pair.id: pair.line for pair in pairs(translation)}
    locked = {entry.pair: entry for entry in lock.entries}
    outdated, findings = set(), []
    for pair in current:
        entry = locked.get(pair.id)
        here = f"{translation.path}:{lines[pair.id]}"
        if entry is None:
            findings.append(
                f"{here}: pair {pair.id} has no entry in {lock.path}: check the translation against "
                f"{reference.path}:{pair.line}, then mark it current"
            )
        elif entry.hash != fingerprint(pair.text):
            findings.append(
                f"{here}: the translation is out of date: {reference.path}:{pair.line} changed (pair {pair.id})"
            )
        else:
            continue
        outdated.add(pair.id)
    findings += [
        f"{lock.path}:{entry.line}: pair {entry.pair} is no longer in {reference.path}; "
        "marking any block current drops this entry"
        for entry in lock.entries
        if entry.pair not in lines
    ]
    return Freshness(frozenset(outdated), tuple(findings))


def mark_current(reference: Document, lock: Lock | None, chosen: Collection[str] | None = None) -> str:
    """The lock's new text: the ``chosen`` pairs (all when None) hashed as the reference has them
    now, every other entry as it was, entries for pairs that are gone dropped.

    Raises ValueError naming any chosen pair the reference does not have."""
    current = list(pairs(reference))
    unknown = sorted(set(chosen or ()) - {pair.id for pair in current})
    if unknown:
        raise ValueError(f"no pair {', '.join(unknown)} in {reference.path}")
    kept = {entry.pair: entry.hash for entry in lock.entries} if lock is not None else {}
    lines = [HEADER.rstrip("\n")]
    for pair in current:
        digest = fingerprint(pair.text) if chosen is None or pair.id in chosen else kept.get(pair.id)
        if digest is not None:
            lines.append(f"{pair.id}\t{digest}")
    return "\n".join(lines) + "\n"
