"""One extractor per format behind one small interface.

`extract(path)` picks the extractor from the file's magic bytes first and its
suffix second, so a PDF named `.html` is still read as a PDF and a binary file
named `.html` is refused with a reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from kb.errors import ExtractionError
from kb.extract.charset import utf16_byte_order
from kb.models import ExtractedDocument, SourceFile, SourceFormat

SUFFIXES: dict[str, SourceFormat] = {
    ".pdf": SourceFormat.PDF,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".docx": SourceFormat.DOCX,
    ".odt": SourceFormat.ODT,
}
OFFICE_FORMATS = (SourceFormat.DOCX, SourceFormat.ODT)  # zip archives of XML


class Extractor(Protocol):
    def __call__(self, data: bytes, source: SourceFile) -> ExtractedDocument: ...


def supported(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def sniff_format(data: bytes, path: str) -> SourceFormat:
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return SourceFormat.PDF
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExtractionError(path, f"format non pris en charge ({suffix or 'sans extension'})")
    declared = SUFFIXES[suffix]
    if declared in OFFICE_FORMATS:
        if not data.startswith(b"PK\x03\x04"):
            raise ExtractionError(path, "document Word/LibreOffice illisible : ce n'est pas "
                                        "une archive zip (fichier abîmé ou ancien .doc ?)")
        return declared
    if declared is SourceFormat.PDF:
        raise ExtractionError(
            path, "fichier PDF illisible : en-tête %PDF absent (fichier corrompu ?)"
        )
    if _looks_binary(data):
        raise ExtractionError(path, "fichier binaire, pas du texte ni du HTML")
    looks_like_html = head[:200].lower().startswith((b"<!doctype html", b"<html"))
    if declared is SourceFormat.TEXT and looks_like_html:
        return SourceFormat.HTML
    return declared


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        # UTF-16 text has NULs too: it starts with a BOM, or they alternate with letters.
        return not sample.startswith((b"\xff\xfe", b"\xfe\xff")) \
            and utf16_byte_order(sample) is None
    control = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return control / len(sample) > 0.05


def read_source(path: str | Path) -> tuple[bytes, SourceFile]:
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ExtractionError(shown, f"lecture impossible ({error.strerror or error})") from error
    if not data.strip():
        raise ExtractionError(shown, "fichier vide")
    source = SourceFile(
        path=shown,
        format=sniff_format(data, shown),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return data, source


def extractor_for(fmt: SourceFormat) -> Extractor:
    # Imported here so that reading a text file never loads pdfplumber.
    if fmt is SourceFormat.PDF:
        from kb.extract.pdf import extract_pdf

        return extract_pdf
    if fmt in OFFICE_FORMATS:
        from kb.extract.office import extract_office

        return extract_office
    if fmt is SourceFormat.HTML:
        from kb.extract.html import extract_html

        return extract_html
    from kb.extract.text import extract_text

    return extract_text


def preload(paths: Iterable[str | Path]) -> None:
    """Import the extractors these files will need, in this process: a file read in a
    forked sandbox (kb.sandbox) then finds pdfplumber and the rest already loaded
    instead of importing them again in every child (~0.3 s a PDF)."""
    for fmt in {SUFFIXES.get(Path(path).suffix.lower()) for path in paths} - {None}:
        extractor_for(fmt)


def extract(path: str | Path) -> ExtractedDocument:
    """Read one file into blocks in reading order, or raise ExtractionError."""
    data, source = read_source(path)
    try:
        return extractor_for(source.format)(data, source)
    except ExtractionError:
        raise
    except Exception as error:  # a parser bug must not stop the batch; the reason names it
        reason = f"erreur inattendue de lecture ({type(error).__name__}: {error})"
        raise ExtractionError(source.path, reason) from error
