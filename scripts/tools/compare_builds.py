"""Compare two builds of the site file by file: the same files, with the same bytes, except the
generator meta tag, which names the program that built the page. CI builds the site with MkDocs
and with ProperDocs and runs this on the two folders (README.md, "Platform").

    python scripts/tools/compare_builds.py SITE_A SITE_B
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@dataclass(frozen=True, slots=True)
class Comparison:
    files: int
    #: Pages whose only difference is the generator tag.
    generator_only: tuple[str, ...]
    problems: tuple[str, ...]


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    # The sitemap's gzip header records when it was written; its content is what is served.
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def compare(a: Path, b: Path) -> Comparison:
    """What differs between the builds in folders `a` and `b`, the generator tag aside."""
    names_a, names_b = _files(a), _files(b)
    problems = [f"only in {a}: {name}" for name in sorted(names_a - names_b)]
    problems += [f"only in {b}: {name}" for name in sorted(names_b - names_a)]
    generator_only = []
    for name in sorted(names_a & names_b):
        left, right = _content(a / name), _content(b / name)
        if left == right:
            continue
        if name.endswith(".html") and GENERATOR.sub(b"", left) == GENERATOR.sub(b"", right):
            generator_only.append(name)
        else:
            problems.append(f"differs: {name}")
    return Comparison(len(names_a | names_b), tuple(generator_only), tuple(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="one built site")
    parser.add_argument("b", type=Path, help="the other")
    args = parser.parse_args(argv)
    result = compare(args.a, args.b)
    for problem in result.problems:
        print(problem)
    print(
        f"{result.files} files: {len(result.problems)} differ, "
        f"{len(result.generator_only)} pages differ only in the generator tag"
    )
    return 1 if result.problems or not result.files else 0


if __name__ == "__main__":
    sys.exit(main())
