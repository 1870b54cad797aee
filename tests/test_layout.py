"""The pipeline's shape, as issue 16 set it: small pieces, and imports that run one way (down to
the model), so that the tree keeps showing the architecture as it grows."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "scripts" / "interview_site"
PIPELINE_FILES = [*sorted(PACKAGE.glob("*.py")), ROOT / "scripts" / "mkdocs_hooks.py"]
LONGEST_FUNCTION, LONGEST_CLASS = 60, 180


#: Top-level modules of scripts/ that the pipeline must not import: it stands below them.
ABOVE_THE_PIPELINE = {"tools", "mkdocs_hooks", "build"}


def project_imports(path: Path) -> set[str]:
    """The project modules `path` imports: interview_site's by their own name, and any of those above it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module == "interview_site":
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            top, _, rest = name.partition(".")
            if top == "interview_site" and rest:
                found.add(rest.split(".")[0])
            elif top in ABOVE_THE_PIPELINE:
                found.add(top)
    return found


def graph() -> dict[str, set[str]]:
    return {path.stem: project_imports(path) for path in sorted(PACKAGE.glob("*.py")) if path.stem != "__init__"}


def test_the_import_graph_is_read_from_the_code():
    imports = graph()
    assert imports["model"] == set(), "the model imports no project module"
    assert {"model", "parse", "render"} <= imports["pipeline"]


def test_imports_run_one_way():
    try:
        TopologicalSorter(graph()).prepare()
    except CycleError as error:
        pytest.fail(f"modules import each other: {error.args[1]}")


def test_the_pipeline_imports_neither_the_tools_nor_the_hook():
    assert {name: found & ABOVE_THE_PIPELINE for name, found in graph().items() if found & ABOVE_THE_PIPELINE} == {}


def test_the_card_drawing_needs_only_the_model_and_the_line_breaking_rule():
    assert graph()["cards"] <= {"model", "line_breaks"}


@pytest.mark.parametrize("path", PIPELINE_FILES, ids=lambda path: path.name)
def test_no_long_function_or_class(path):
    longest = {ast.FunctionDef: LONGEST_FUNCTION, ast.AsyncFunctionDef: LONGEST_FUNCTION, ast.ClassDef: LONGEST_CLASS}
    too_long = [
        f"{path.name}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if type(node) in longest and node.end_lineno - node.lineno + 1 > longest[type(node)]
    ]
    assert too_long == []
