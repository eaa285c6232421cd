"""The one-way data flow holds: `kb` never loads the index or the web stack, `indexer`
never the web stack, and only `indexer` talks to Whoosh. The composition root — the `kb`
command and the reindex it drives — is the package `kbcli`, the one place that imports
every layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> set[str]:
    names: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_reading_and_enriching_loads_neither_whoosh_nor_flask():
    probe = (
        "import sys, kb, kb.pipeline, kb.enrich, kb.serialize, kb.gazetteer, kb.geo\n"
        "loaded = sorted(m for m in ('whoosh', 'flask', 'indexer', 'webui') if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


LATER_STAGES = {"indexer", "webui", "whoosh", "flask"}


def test_no_kb_module_imports_a_later_stage():
    # No exemption: the composition root that wires every package is kbcli/, outside kb/.
    for path in (ROOT / "kb").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert node.module.split(".")[0] not in LATER_STAGES, path
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in LATER_STAGES, path


def test_the_cli_loads_the_index_and_web_stack_only_when_a_command_needs_them():
    probe = (
        "import sys, kbcli\n"
        "kbcli.build_parser().parse_args(['themes'])\n"
        "loaded = sorted(m for m in ('whoosh', 'flask', 'webui') if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_only_the_indexer_imports_whoosh():
    assert "whoosh" in imported_modules("indexer")
    assert "whoosh" not in imported_modules("webui")
    assert "whoosh" not in imported_modules("kb")


def test_the_indexer_never_imports_the_web_ui():
    assert "webui" not in imported_modules("indexer")
    assert "flask" not in imported_modules("indexer")


def test_no_layer_imports_the_composition_root():
    for package in ("kb", "indexer", "webui"):
        assert "kbcli" not in imported_modules(package), package


def test_no_module_of_a_layer_passes_500_lines():
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
             for package in ("kb", "indexer", "webui", "kbcli")
             for path in (ROOT / package).rglob("*.py")}
    assert {name: lines for name, lines in sizes.items() if lines > 500} == {}
