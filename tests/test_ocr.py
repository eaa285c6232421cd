"""Scanned issues: read by OCR where tesseract + French data are installed, else reported."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from kb.errors import ExtractionError
from kb.extract import extract, ocr
from kb.pipeline import read_file
from tools.issuegen.bad_corpus import scanned_pdf, scanned_spec
from tools.issuegen.bad_pdfs import write_mixed_text_and_image_pdf
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

needs_tesseract = pytest.mark.skipif(
    ocr.unavailable_reason() is not None,
    reason=f"OCR not available here: {ocr.unavailable_reason()} "
           "(apt-get install tesseract-ocr tesseract-ocr-fra)",
)

KNOWN_TEXT = (
    "Les habitants du quartier des Indes à Sartrouville ont inauguré un jardin partagé "
    "avec le centre social et le bailleur. Chaque samedi, des ateliers réunissent les "
    "familles autour de la culture des légumes, du compost et de la cuisine. "
    "Le conseil citoyen prépare une fête de quartier au mois de juin, avec la médiathèque, "
    "les associations sportives et les élèves du collège voisin."
)


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFC", text).lower()
    return re.findall(r"[\w'’-]+", folded)


def known_issue() -> IssueSpec:
    return IssueSpec(number=33, date="2015-10-01", sections=[SectionSpec("Ouest francilien", [
        ArticleSpec(heading="Cadre de vie", title="Un jardin partagé aux Indes",
                    paragraphs=[KNOWN_TEXT]),
    ])])


@needs_tesseract
def test_image_only_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    scanned_pdf(known_issue(), path)
    document = extract(path)
    read = words(" ".join(block.text for block in document.blocks))
    expected = words(KNOWN_TEXT)
    found = sum(1 for word in expected if word in set(read))
    assert found / len(expected) >= 0.8, f"{found}/{len(expected)} words read back: {read}"
    assert {block.page for block in document.blocks} == {1}
    assert document.body_font_size is not None


@needs_tesseract
def test_scanned_issue_segments_into_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "numérisé.pdf"
    scanned_pdf(scanned_spec(), path)
    read = read_file(str(path))
    assert read.issue.number == 41
    titles = [article.title.upper() for article in read.articles]
    assert titles == ["LE VAL FOURRÉ CHANGE DE VISAGE",
                      "UNE CLAUSE D'INSERTION POUR LES JEUNES DE SARCELLES"]
    assert "Mantes-la-Jolie" in read.articles[0].text or "Mantes-la-Jolie" in read.articles[0].lead


@needs_tesseract
def test_scanned_page_beside_text_pages_is_read_too(tmp_path: Path) -> None:
    """Page 1 has text; page 2 holds only grey bars: the text stays, OCR adds nothing."""
    document = extract(write_mixed_text_and_image_pdf(tmp_path / "mixed.pdf"))
    assert {block.page for block in document.blocks} == {1}


def test_without_tesseract_the_scan_is_reported_as_needing_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "unavailable_reason", lambda: "tesseract non installé")
    path = tmp_path / "scan.pdf"
    scanned_pdf(known_issue(), path)
    with pytest.raises(ExtractionError) as caught:
        extract(path)
    assert caught.value.reason == (
        "PDF sans texte (image numérisée) : OCR nécessaire (tesseract non installé)")


def test_unavailable_reason_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract
    ocr.unavailable_reason.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    try:
        assert ocr.unavailable_reason() == "tesseract non installé"
    finally:
        ocr.unavailable_reason.cache_clear()
