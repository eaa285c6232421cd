"""The organisation finder split into small modules: each stays small, the names other
modules import from kb.organisations still come from there, and the modules import none
of the later stages (kb.people, kb.enrich, indexer, webui) nor each other in a cycle."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import kb.organisations
from tests.package_checks import assert_no_import_cycle, imported_modules

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("organisations", "org_names", "org_patterns", "org_spans", "org_ner",
           "org_shapes", "org_state", "org_passes", "org_phrases")
# Names other modules and tests import from kb.organisations (kb.enrich, the tests).
IMPORTED_ELSEWHERE = ("GENERIC_WORDS", "clean_name", "find_organisations", "lookup_structure",
                      "PERSON_THEN_BODY_RE", "FoundOrganisation")
FORBIDDEN = ("kb.people", "kb.enrich", "indexer", "webui")


def source(module: str) -> str:
    return (ROOT / "kb" / f"{module}.py").read_text(encoding="utf-8")


def kb_imports(module: str) -> set[str]:
    return imported_modules(ROOT / "kb" / f"{module}.py")


def test_every_organisation_module_stays_under_450_lines():
    sizes = {m: len(source(m).splitlines()) for m in MODULES}
    assert all(lines < 450 for lines in sizes.values()), sizes


def test_the_names_others_import_still_come_from_kb_organisations():
    for name in IMPORTED_ELSEWHERE:
        assert hasattr(kb.organisations, name), name
    for name in kb.organisations.__all__:
        assert hasattr(kb.organisations, name), name


def test_every_name_imported_from_kb_organisations_in_the_repository_exists():
    for folder in ("kb", "tests", "tools", "indexer", "webui"):
        for path in (ROOT / folder).rglob("*.py"):
            if "sealed" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "kb.organisations":
                    for alias in node.names:
                        assert hasattr(kb.organisations, alias.name), (path, alias.name)


def test_the_organisation_modules_import_no_later_stage_and_no_cycle():
    graph = {}
    for module in MODULES:
        imported = kb_imports(module)
        for name in imported:
            assert not name.startswith(FORBIDDEN), (module, name)
        graph[module] = {name.removeprefix("kb.") for name in imported} & set(MODULES)
    assert_no_import_cycle(graph)
    for module in MODULES:
        importlib.import_module(f"kb.{module}")
