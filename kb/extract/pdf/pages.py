"""Reading pages: what pdfplumber gives of each page (words with their font, link
rectangles, boxes and drawn bullets), one page at a time, each closed right away.
"""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from kb.errors import ExtractionError
from kb.extract.pdf.values import MIN_COLUMN, _clean, _Page, _Word
from kb.extract.pdf_limits import check_streams, clamp_page_size

BOLD_MARKERS = ("bold", "black", "semibold", "heavy", "demi")


def _read_pages(data: bytes, path: str) -> tuple[list[_Page], str | None]:
    check_streams(data, path)  # before pdfminer inflates a bomb
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        raise _open_error(path, error) from error
    except Exception as error:  # pdfminer raises many unrelated types on broken files
        raise ExtractionError(path, f"PDF corrompu ou tronqué ({_describe(error)})") from error
    with pdf:
        try:
            page_objects = pdf.pages
        except Exception as error:
            raise ExtractionError(path, f"PDF corrompu ou tronqué ({_describe(error)})") from error
        if not page_objects:
            raise ExtractionError(path, "PDF sans aucune page")
        title = _metadata_title(pdf.metadata)
        pages: list[_Page] = []
        for page in page_objects:
            try:
                pages.append(_read_page(page))
            except Exception as error:
                reason = f"PDF corrompu ou tronqué (page {page.page_number} : {_describe(error)})"
                raise ExtractionError(path, reason) from error
            finally:
                # Drops the page's parsed layout and cached chars/objects.
                page.close()
    return pages, title


def _open_error(path: str, error: PdfminerException) -> ExtractionError:
    cause = error.args[0] if error.args else error
    name = type(cause).__name__
    if "Password" in name or "Encryption" in name:
        return ExtractionError(path, "PDF chiffré (protégé par mot de passe)")
    return ExtractionError(path, f"PDF corrompu ou tronqué ({_describe(cause)})")


def _describe(error: object) -> str:
    if isinstance(error, PdfminerException) and error.args:
        error = error.args[0]
    message = str(error).strip()
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _metadata_title(metadata: dict) -> str | None:
    raw = metadata.get("Title") if metadata else None
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return None
    title = _clean(raw.removeprefix("Microsoft Word - "))
    return title or None


def _read_page(page) -> _Page:
    """Words with their font, and link rectangles; nothing that keeps the page alive."""
    raw_words = page.extract_words(
        x_tolerance_ratio=0.15, y_tolerance=2, keep_blank_chars=False,
        extra_attrs=["fontname", "size"], expand_ligatures=True,
    )
    words = [
        _Word(
            text=unicodedata.normalize("NFC", word["text"]),
            x0=word["x0"], x1=word["x1"], top=word["top"], bottom=word["bottom"],
            size=round(float(word["size"]), 1),
            bold=any(marker in str(word["fontname"]).lower() for marker in BOLD_MARKERS),
        )
        for word in raw_words
        if word.get("upright", True) and word["text"].strip()
    ]
    rects = [
        (float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
        for rect in page.rects
        if (rect.get("fill") or rect.get("stroke"))
        and rect["x1"] - rect["x0"] >= MIN_COLUMN and rect["bottom"] - rect["top"] >= 12
        # A page-wide background is not a box.
        and (rect["x1"] - rect["x0"]) * (rect["bottom"] - rect["top"])
        < 0.5 * float(page.width) * float(page.height)
    ]
    hyperlinks = []
    for link in page.hyperlinks:
        uri = link.get("uri")
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8", errors="replace")
        if uri:
            hyperlinks.append((link["x0"], link["top"], link["x1"], link["bottom"], str(uri)))
    return _Page(number=page.page_number, width=clamp_page_size(page.width), words=words,
                 height=clamp_page_size(page.height), hyperlinks=hyperlinks, rects=rects,
                 has_images=bool(page.images), marks=_marks(page))


def _marks(page) -> list[tuple[float, float, float, float]]:
    """Small filled shapes, about the size of a letter: bullets drawn rather than typed."""
    marks = []
    for shape in (*page.curves, *page.rects):
        width = float(shape["x1"]) - float(shape["x0"])
        height = float(shape["bottom"]) - float(shape["top"])
        if shape.get("fill") and 1.5 <= width <= 8 and 1.5 <= height <= 8 \
                and width <= 2 * height and height <= 2 * width:
            marks.append((float(shape["x0"]), float(shape["top"]), float(shape["x1"]),
                          float(shape["bottom"])))
    return marks
