"""The OCR reader and the HTML reader as packages, like the PDF reader: their modules kept
small, every name they held still importable from `kb.extract.ocr` and `kb.extract.html`,
and their modules importing one another one way only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kb.extract.html
import kb.extract.ocr
from kb.errors import ExtractionError
from tests.package_checks import assert_no_import_cycle, imported_modules

PACKAGES = {"kb.extract.ocr": kb.extract.ocr, "kb.extract.html": kb.extract.html}
ROOT = Path(kb.extract.ocr.__file__).parent.parent.parent.parent

# What other modules, tools and tests read from the packages.
USED_ELSEWHERE = {
    "kb.extract.ocr": (
        # kb/extract/pdf/scanned.py, tools/toolchains/scanned.py
        "unavailable_reason", "read_scanned_pages",
        # tests
        "OcrLine", "OcrPage", "OcrWord", "ACCENT", "BOLD_STEM_RATIO", "CAP_ACCENT",
        "CAP_HEIGHT", "X_HEIGHT", "_harmonise", "_marks_read_as_line", "_stem",
        "erase_rules", "inclusive", "reach", "size_tiers", "skew_angle",
        # the steps a page goes through
        "read_page", "prepare_image", "page_of_data", "blocks_of_pages",
    ),
    "kb.extract.html": (
        # kb/extract/__init__.py, tests
        "extract_html", "NO_CONTENT", "parse_font_size", "resolve_link", "_HAS_ADDRESS",
        "parse_style", "clean_text", "body_size_px", "content_groups",
    ),
}
# Later stages an extractor never imports.
FORBIDDEN = ("kb.segment", "kb.enrich", "indexer", "webui", "kbcli")


def _folder(package: str) -> Path:
    return Path(PACKAGES[package].__file__).parent


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_every_module_of_the_package_stays_small(package):
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines())
             for path in _folder(package).glob("*.py")}
    assert len(sizes) >= 6
    assert all(lines < 400 for lines in sizes.values()), sizes


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_the_names_other_modules_use_are_still_importable(package):
    module = PACKAGES[package]
    for name in USED_ELSEWHERE[package]:
        assert hasattr(module, name), name
    for name in module.__all__:
        assert hasattr(module, name), name


def test_the_old_import_forms_still_work():
    from kb.extract import html, ocr
    from kb.extract.html import NO_CONTENT, extract_html, parse_font_size, resolve_link
    from kb.extract.ocr import OcrLine, OcrPage, OcrWord
    assert (html.extract_html, html.NO_CONTENT) == (extract_html, NO_CONTENT)
    assert (html.parse_font_size, html.resolve_link) == (parse_font_size, resolve_link)
    assert (ocr.OcrLine, ocr.OcrPage, ocr.OcrWord) == (OcrLine, OcrPage, OcrWord)
    assert ocr.unavailable_reason.cache_clear  # still the cached function


def test_a_patched_unavailable_reason_is_the_one_the_pdf_reader_asks(monkeypatch):
    from kb.extract.pdf import _Page, _read_scanned
    monkeypatch.setattr(kb.extract.ocr, "unavailable_reason", lambda: "tesseract non installé")
    page = _Page(number=1, width=595, height=842, words=[], hyperlinks=[], has_images=True)
    with pytest.raises(ExtractionError) as caught:
        _read_scanned(b"", [page], "scan.pdf")
    assert "tesseract non installé" in caught.value.reason


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_the_package_modules_import_one_another_without_a_cycle(package):
    prefix = package + "."
    graph = {path.stem: {name.removeprefix(prefix) for name in imported_modules(path)
                         if name.startswith(prefix)}
             for path in _folder(package).glob("*.py") if path.name != "__init__.py"}
    assert all(target in graph for targets in graph.values() for target in targets), graph
    assert_no_import_cycle(graph)


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_module_imports_a_later_stage(package):
    for path in _folder(package).glob("*.py"):
        for name in imported_modules(path):
            assert not any(name == stage or name.startswith(stage + ".")
                           for stage in FORBIDDEN), (path.name, name)


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_each_module_imports_on_its_own(package):
    # A module loaded first (not through the package's __init__ order) finds what it needs.
    for path in sorted(_folder(package).glob("*.py")):
        module = package + ("" if path.stem == "__init__" else f".{path.stem}")
        subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True)
