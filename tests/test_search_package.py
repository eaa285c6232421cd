"""indexer/search/ stays a package of small modules, one job each, and every name the
module indexer/search.py offered before the split is still importable from indexer.search."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import indexer.search
from tests.package_checks import assert_no_import_cycle

PACKAGE = Path(indexer.search.__file__).resolve().parent
MAX_LINES = 400

# Every public name of the former module indexer/search.py; the first seven are imported
# by kb/cli, webui, tests and bench today.
PUBLIC_NAMES = (
    "SearchService", "snippet_text", "ArrayCache", "MaskSet", "mask_from_array",
    "mask_to_bools", "top_scored",
    "mask_from_ids", "iter_bits", "hit_from_record", "make_snippet", "label_key",
    "FEW_RESULTS", "SNIPPET_WORDS", "TERM_CACHE_SIZE", "IMPACT_CACHE_BYTES",
    "OCCURRENCE_CACHE_BYTES",
)


def modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def test_every_module_of_the_package_stays_under_400_lines():
    assert len(modules()) > 5
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines < MAX_LINES, f"{path.name}: {lines} lines"


def test_the_public_names_are_importable_from_indexer_search():
    for name in PUBLIC_NAMES:
        assert hasattr(indexer.search, name), name
    assert set(indexer.search.__all__) == set(PUBLIC_NAMES)
    from indexer.search import SearchService, snippet_text  # as kb/cli and webui do

    assert SearchService.__module__ == "indexer.search.service"
    assert snippet_text("<mark>a</mark> &amp; b") == "a & b"


def test_the_modules_of_the_package_import_each_other_without_a_cycle():
    graph: dict[str, set[str]] = {}
    for path in modules():
        if path.stem == "__init__":
            continue
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "indexer.search":
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module \
                    and node.module.startswith("indexer.search."):
                found.add(node.module.rsplit(".", 1)[1])
        graph[path.stem] = found
    assert all(deps <= graph.keys() for deps in graph.values()), graph  # modules, not names
    assert_no_import_cycle(graph)
    for name in graph:
        importlib.import_module(f"indexer.search.{name}")
