"""Pages that are pictures without text: read by OCR where it is installed, reported
where it is not.
"""

from __future__ import annotations

from collections import Counter

from kb.errors import ExtractionError
from kb.extract.pdf.values import _Page
from kb.models import Block


def _read_scanned(
    data: bytes, pages: list[_Page], path: str
) -> tuple[list[Block], tuple[str, ...]]:
    """Pages that are pictures without text, read by OCR where it is installed.

    A document with no text at all and no OCR is refused with the reason; scanned pages
    beside text pages are read when OCR is there (the text pages are read either way);
    without OCR they are skipped with a warning naming them.
    """
    from kb.extract import ocr

    scanned = [page.number for page in pages if not page.words and page.has_images]
    has_text = any(page.words for page in pages)
    if not scanned:
        if not has_text:
            raise ExtractionError(path, "PDF sans texte ni image : pages blanches")
        return [], ()
    missing = ocr.unavailable_reason()
    if missing:
        if has_text:
            listed = ", ".join(str(number) for number in scanned)
            return [], (f"pages numérisées non lues (p. {listed}) : OCR nécessaire ({missing})",)
        raise ExtractionError(
            path, f"PDF sans texte (image numérisée) : OCR nécessaire ({missing})")
    blocks = ocr.read_scanned_pages(data, scanned)
    if not blocks and not has_text:
        raise ExtractionError(
            path, "PDF numérisé : l'OCR n'y a reconnu aucun texte (scan illisible ?)")
    return blocks, ()


def _dominant_block_size(blocks: list[Block]) -> float | None:
    sizes: Counter[float] = Counter()
    for block in blocks:
        if block.font_size:
            sizes[block.font_size] += len(block.text)
    return sizes.most_common(1)[0][0] if sizes else None
