"""Imports run one way: perception <- memory <- reasoning <- server.

A package may import its own modules and any package below it, never one above: the shared
vocabulary (stream events, Evidence, the stream clock) lives in the lowest layer that uses it.
Imports inside functions count too (they are still a dependency).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["perception", "memory", "reasoning", "server"]


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_no_upward_import(layer: str) -> None:
    above = set(LAYERS[LAYERS.index(layer) + 1:])
    upward = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & above)
        for path in sorted((ROOT / layer).glob("**/*.py"))
        if imported_packages(path) & above
    }
    assert not upward, f"{layer} imports a layer above it: {upward}"


def test_product_packages_do_not_import_tests() -> None:
    offenders = [str(p.relative_to(ROOT)) for layer in LAYERS for p in (ROOT / layer).glob("**/*.py")
                 if "tests" in imported_packages(p)]
    assert not offenders
