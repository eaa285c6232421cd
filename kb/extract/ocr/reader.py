"""The entry points: whether OCR can run here, and a PDF's scanned pages rendered and read
one at a time by tesseract.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from kb.extract.ocr.image import prepare_image
from kb.extract.ocr.layout import blocks_of_pages
from kb.extract.ocr.lines import page_of_data
from kb.extract.ocr.values import (
    LANGUAGE,
    MAX_OCR_AREA,
    PAGES_IN_FLIGHT,
    POINTS_PER_INCH,
    RESOLUTION,
    TESSERACT_CONFIG,
    OcrPage,
)
from kb.models import Block

# ---------------------------------------------------------------------------
# Entry points


@functools.cache
def unavailable_reason() -> str | None:
    """None when OCR can run here, else why not (in French, for a batch report)."""
    try:
        import pytesseract
    except ImportError:
        return "module pytesseract non installé"
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return "tesseract non installé"
    try:
        languages = pytesseract.get_languages(config="")
    except Exception as error:  # a broken install: say so rather than guess
        return f"tesseract inutilisable ({type(error).__name__})"
    if LANGUAGE not in languages:
        return "données françaises de tesseract (tesseract-ocr-fra) non installées"
    return None


def read_scanned_pages(data: bytes, page_numbers: Iterable[int]) -> list[Block]:
    """Blocks of the given 1-based pages of a PDF, read by OCR, in reading order.

    Pages are rendered one after the other (pdfium is not thread-safe) and read one at a
    time by a single-threaded tesseract: a page at 300 dpi and its straightening arrays
    take about 150 MB, and two in flight took the batch past its 400 MB budget
    (tests/test_bad_corpus.py). Call only when `unavailable_reason()` is None.
    """
    import pypdfium2

    wanted = sorted(set(page_numbers))
    workers = PAGES_IN_FLIGHT
    document = pypdfium2.PdfDocument(data)
    try:
        with _single_threaded_tesseract(), ThreadPoolExecutor(workers) as pool:
            running: list[Future[OcrPage]] = []
            for number in wanted:
                while sum(not future.done() for future in running) >= workers:
                    wait(running, return_when=FIRST_COMPLETED)
                page = document[number - 1]
                try:
                    width, height = page.get_size()
                    if width * height > MAX_OCR_AREA:  # a poster, or a forged page box
                        continue
                    image = page.render(scale=RESOLUTION / POINTS_PER_INCH).to_pil().convert("L")
                finally:
                    page.close()
                running.append(pool.submit(_read_and_close, image, number, width, height))
            pages = [future.result() for future in running]
    finally:
        document.close()
    return blocks_of_pages(pages)


def _read_and_close(image, number: int, width: float, height: float) -> OcrPage:
    try:
        return read_page(image, number, width=width, height=height)
    finally:
        image.close()


@contextlib.contextmanager
def _single_threaded_tesseract() -> Iterator[None]:
    """OMP_THREAD_LIMIT=1 for the tesseract processes started meanwhile, unless set."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


def read_page(image, number: int, *, width: float | None = None,
              height: float | None = None, resolution: int = RESOLUTION) -> OcrPage:
    """OCR one page image (PIL, greyscale) into lines of measured words.

    `width` and `height` are the page's size in points (by default, the image's at
    `resolution`)."""
    import pytesseract

    prepared, skew = prepare_image(image, resolution)
    try:
        found = pytesseract.image_to_data(prepared, lang=LANGUAGE, config=TESSERACT_CONFIG,
                                          output_type=pytesseract.Output.DICT)
        page = page_of_data(found, prepared, number, resolution=resolution, width=width,
                            height=height)
    finally:
        prepared.close()
    page.skew = skew
    return page
