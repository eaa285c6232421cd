"""What the package-structure tests share: the modules a file imports, and the check that a
package's modules import one another without a cycle."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path


def imported_modules(path: Path) -> set[str]:
    """Absolute module names `path` imports (`import x.y`, `from x.y import z`), at any
    depth of its code."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def assert_no_import_cycle(graph: Mapping[str, set[str]]) -> None:
    """`graph`: module -> the modules of the same package it imports. Fails on the first
    cycle found, naming it ("a → b → a")."""
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, " → ".join((*trail, module))
        if module not in done:
            for target in graph[module]:
                visit(target, (*trail, module))
            done.add(module)

    for module in graph:
        visit(module, ())
