"""The PDF reader as a package: its modules kept small, its steps still importable from
`kb.extract.pdf` (the OCR reader lays out scanned pages with them, tests call them), and
its modules importing one another one way only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kb.extract.pdf
from tests.package_checks import assert_no_import_cycle, imported_modules

FOLDER = Path(kb.extract.pdf.__file__).parent
ROOT = FOLDER.parent.parent.parent

# What other modules and tests read from `kb.extract.pdf`.
USED_ELSEWHERE = (
    "extract_pdf",
    # kb/extract/ocr.py
    "_Word", "_Page", "_drop_running_words", "_measure_document", "_layout_lines",
    "_dominant_size", "_lexicon", "_paragraphs", "_classify", "_join_draft", "_mend_breaks",
    "_blocks",
    # tests
    "_fits_the_gutters", "_row_text", "_same_layout", "_find_gutters", "_page_body_size",
    "_gutters_below", "_section_breaks", "_top_band", "_join", "_is_bullet",
)


def _package_imports(path: Path) -> set[str]:
    """Modules of the package this module imports, at any depth of its code."""
    prefix = "kb.extract.pdf."
    return {name.removeprefix(prefix) for name in imported_modules(path)
            if name.startswith(prefix)}


def test_every_module_of_the_package_stays_small():
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines())
             for path in FOLDER.glob("*.py")}
    assert len(sizes) >= 10
    assert all(lines < 400 for lines in sizes.values()), sizes


def test_the_names_other_modules_use_are_still_importable_from_kb_extract_pdf():
    for name in USED_ELSEWHERE:
        assert hasattr(kb.extract.pdf, name), name
    for name in kb.extract.pdf.__all__:
        assert hasattr(kb.extract.pdf, name), name
    from kb.extract import pdf
    from kb.extract.pdf import _is_bullet, _join, _row_text, _Word, extract_pdf
    assert pdf.extract_pdf is extract_pdf
    assert (_is_bullet, _join, _row_text, _Word) == (
        pdf._is_bullet, pdf._join, pdf._row_text, pdf._Word)


def test_the_package_modules_import_one_another_without_a_cycle():
    graph = {path.stem: _package_imports(path) for path in FOLDER.glob("*.py")
             if path.name != "__init__.py"}
    assert all(target in graph for targets in graph.values() for target in targets), graph
    assert_no_import_cycle(graph)


def test_each_module_imports_on_its_own():
    # A module loaded first (not through the package's __init__ order) finds what it needs.
    for path in sorted(FOLDER.glob("*.py")):
        module = "kb.extract.pdf" + ("" if path.stem == "__init__" else f".{path.stem}")
        subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True)
