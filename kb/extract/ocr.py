"""Scanned PDF pages read by OCR: tesseract with its French data, through pytesseract.

OCR is optional (the Debian packages `tesseract-ocr` `tesseract-ocr-fra`; pytesseract
installs with the project): where it is missing, `unavailable_reason()` says why, and the PDF
extractor reports the file as needing OCR instead of indexing an empty issue.

Each scanned page is rendered at 300 dpi by pdfplumber (pypdfium2 underneath) and read
by tesseract, whose layout analysis already orders columns. Its lines are grouped into
blocks by its own paragraphs, split again where the type size changes (a title above
its text often lands in one tesseract paragraph); a block in a clearly bigger type than
the page's body, and short, is a heading, so the segmenter finds titles as in a text PDF.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from kb.models import Block, BlockKind

LANGUAGE = "fra"
RESOLUTION = 300  # dpi: tesseract's accuracy drops fast below 300 on body text
POINTS_PER_INCH = 72
MIN_CONFIDENCE = 0  # tesseract gives -1 to layout rows that hold no word
HEADING_SIZE_RATIO = 1.2
SIZE_CHANGE_RATIO = 1.2
HEADING_MAX_CHARS = 200
# Where glyphs reach, in em above/below the baseline: a word's box height tells its type
# size once we know which of these its letters reach (capitals, ascenders, descenders).
CAP_HEIGHT = 0.72
ACCENTED_CAP_HEIGHT = 0.9
X_HEIGHT = 0.5
DESCENDER = 0.21
_ASCENDERS = frozenset("bdfhklt0123456789'’/()[]?!%&")
_DESCENDERS = frozenset("gjpqyQ(),;[]")

_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class _OcrLine:
    key: tuple[int, int]  # (block, paragraph) of tesseract's layout
    words: list[str]
    size: float  # estimated type size, points
    top: float
    left: float
    right: float
    bottom: float


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

    Call only when `unavailable_reason()` is None.
    """
    import pdfplumber

    blocks: list[Block] = []
    wanted = sorted(set(page_numbers))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in wanted:
            page = pdf.pages[number - 1]
            try:
                image = page.to_image(resolution=RESOLUTION).original.convert("L")
            finally:
                page.close()
            blocks += blocks_of_image(image, number)
            image.close()
    return blocks


def blocks_of_image(image, page: int, *, resolution: int = RESOLUTION) -> list[Block]:
    """OCR one page image (PIL) into Blocks."""
    import pytesseract

    found = pytesseract.image_to_data(
        image, lang=LANGUAGE, config="--psm 3", output_type=pytesseract.Output.DICT
    )
    return blocks_of_lines(_lines(found, POINTS_PER_INCH / resolution), page)


def _lines(found: dict[str, list], scale: float) -> list[_OcrLine]:
    """tesseract's word rows grouped into lines, in its reading order, sizes in points."""
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(found["text"]):
        if str(text).strip() and float(found["conf"][i]) >= MIN_CONFIDENCE:
            key = (found["block_num"][i], found["par_num"][i], found["line_num"][i])
            rows.setdefault(key, []).append(i)
    lines = []
    for (block, paragraph, _), indexes in rows.items():
        tops = [found["top"][i] for i in indexes]
        bottoms = [found["top"][i] + found["height"][i] for i in indexes]
        words = [unicodedata.normalize("NFC", str(found["text"][i])) for i in indexes]
        ems = [found["height"][i] / _em_share(word) for i, word in zip(indexes, words, strict=True)]
        lines.append(_OcrLine(
            key=(block, paragraph),
            words=words,
            size=round(median(ems) * scale * 2) / 2,
            top=min(tops) * scale,
            left=min(found["left"][i] for i in indexes) * scale,
            right=max(found["left"][i] + found["width"][i] for i in indexes) * scale,
            bottom=max(bottoms) * scale,
        ))
    return lines


def _em_share(word: str) -> float:
    """The share of an em that a word's box spans, from the letters it holds."""
    top = X_HEIGHT
    for char in word:
        if char.isupper() and char != unicodedata.normalize("NFD", char)[0]:
            top = ACCENTED_CAP_HEIGHT
            break
        if char.isupper() or char in _ASCENDERS or (char.isalpha() and not char.isascii()):
            top = CAP_HEIGHT
    bottom = DESCENDER if any(char in _DESCENDERS for char in word) else 0.0
    return top + bottom


def _join(lines: Sequence[_OcrLine]) -> str:
    text = ""
    for line in lines:
        piece = " ".join(line.words)
        if text.endswith("-") and piece[:1].islower() and len(text) > 1 and text[-2].isalpha():
            text = text[:-1] + piece  # a word cut at the line end
        else:
            text = f"{text} {piece}" if text else piece
    return _SPACES.sub(" ", text).strip()


def body_size(lines: Sequence[_OcrLine]) -> float | None:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += sum(len(word) for word in line.words)
    return weights.most_common(1)[0][0] if weights else None


def blocks_of_lines(lines: Sequence[_OcrLine], page: int) -> list[Block]:
    body = body_size(lines)
    groups: list[list[_OcrLine]] = []
    for line in lines:
        previous = groups[-1][-1] if groups else None
        if (previous is None or previous.key != line.key
                or max(line.size, previous.size) > SIZE_CHANGE_RATIO * min(line.size,
                                                                           previous.size)):
            groups.append([line])
        else:
            groups[-1].append(line)
    blocks = []
    for group in groups:
        text = _join(group)
        if not text:
            continue
        size = max(line.size for line in group)
        heading = (body is not None and size >= HEADING_SIZE_RATIO * body
                   and len(text) <= HEADING_MAX_CHARS)
        blocks.append(Block(
            text=text,
            page=page,
            kind=BlockKind.HEADING if heading else BlockKind.PARAGRAPH,
            bbox=(round(min(li.left for li in group), 2), round(group[0].top, 2),
                  round(max(li.right for li in group), 2), round(group[-1].bottom, 2)),
            font_size=size,
        ))
    return blocks
