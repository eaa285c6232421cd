"""tesseract's words grouped into measured lines: each line's baseline and type size, the
page's x-height and t-height calibrated, bullets told, marks read as a line dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from kb.extract.ocr.image import _ink_threshold
from kb.extract.ocr.values import (
    _BULLET_READINGS,
    _DESCENDERS,
    BULLET,
    BULLET_GAP,
    CAP_HEIGHT,
    MIN_CALIBRATION_LINES,
    MIN_WORD_CONFIDENCE,
    POINTS_PER_INCH,
    RESOLUTION,
    T_HEIGHT,
    T_RATIO_RANGE,
    X_HEIGHT,
    X_RATIO_RANGE,
    OcrLine,
    OcrPage,
    OcrWord,
)
from kb.extract.ocr.words import (
    Metrics,
    Reach,
    _baseline,
    _ink_box,
    _is_junk,
    _stem,
    inclusive,
    reach,
)


@dataclass(slots=True)
class _Measured:
    """A word while its page is measured."""

    word: OcrWord
    letters: Reach
    marked: bool  # its mark (accent, dot) is inside its box
    grey: object  # the word's box on the page (greyscale array)
    ink: object  # which pixels of it are ink


def page_of_data(found: dict[str, list], image, number: int, *, resolution: int = RESOLUTION,
                 width: float | None = None, height: float | None = None) -> OcrPage:
    """tesseract's words (`image_to_data` as a dict) grouped into measured lines."""
    import numpy as np

    scale = POINTS_PER_INCH / resolution
    pixels = np.asarray(image, dtype=np.uint8)
    threshold = _ink_threshold(pixels)
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(found["text"]):
        text = str(text).strip()
        confidence = float(found["conf"][i])
        # A bullet often reads as a doubtful symbol: kept until its line is measured.
        if text and confidence >= MIN_WORD_CONFIDENCE and (
                text in _BULLET_READINGS or not _is_junk(text, confidence)):
            key = (found["block_num"][i], found["par_num"][i], found["line_num"][i])
            rows.setdefault(key, []).append(i)
    lines: list[tuple[list[_Measured], float]] = []
    for indexes in rows.values():
        measured = []
        for i in indexes:
            text = inclusive(unicodedata.normalize("NFC", str(found["text"][i]).strip()))
            left, top = found["left"][i], found["top"][i]
            letters = reach(text)
            ink, (left, top, right, bottom), marked = _ink_box(
                pixels, threshold, (left, top, left + found["width"][i],
                                    top + found["height"][i]), letters)
            word = OcrWord(text=text, left=left, top=top, right=right, bottom=bottom,
                           confidence=float(found["conf"][i]))
            measured.append(_Measured(word, letters, marked, pixels[top:bottom, left:right],
                                      ink))
        lines.append((measured, _line_baseline(measured)))
    metrics = _calibrate(lines)
    page = OcrPage(number=number, width=width or image.width * scale,
                   height=height or image.height * scale, scale=scale)
    for measured, baseline in lines:
        ems = []
        for item in measured:
            # Punctuation alone (a colon, a dash) says little of the type's size.
            if any(char.isalnum() for char in item.word.text):
                letters = reach(item.word.text, metrics)
                ems.append(max(1.0, baseline - item.word.top) / letters.top(marks=item.marked))
        em = median(ems) if ems else max(1.0, baseline - min(m.word.top for m in measured)) \
            / metrics.x_height
        for item in measured:
            if any(char.isalnum() for char in item.word.text):
                item.word.stem = _stem(item.grey, item.ink, em)
        words = [item.word for item in measured]
        _mark_bullet(words, em)
        words = [word for index, word in enumerate(words)
                 if (index == 0 and word.text == BULLET)
                 or not _is_junk(word.text, word.confidence)]
        if words:
            page.lines.append(OcrLine(words=words, size=em * scale, baseline=baseline))
    page.lines = [line for line in page.lines if not _marks_read_as_line(line, page)]
    return page


def _marks_read_as_line(line: OcrLine, page: OcrPage) -> bool:
    """tesseract reads the dots and accents over a line of big type as a line of its own
    ("e e L] e" over "discriminations"): a line of one- and two-character words, in a
    type less than half as big, over or on a line it overlaps."""
    if any(sum(char.isalnum() for char in word.text) > 2 for word in line.words):
        return False
    middle = (line.top + line.bottom) / 2
    return any(
        other is not line and other.size >= 2 * line.size
        and other.left < line.right and line.left < other.right
        and other.top - 0.6 * other.size / page.scale <= middle <= other.bottom
        for other in page.lines
    )


def _line_baseline(measured: Sequence[_Measured]) -> float:
    """The baseline of a line: the bottom of its words without descenders, else where
    the strokes of its words end."""
    words = [item for item in measured if any(char.isalnum() for char in item.word.text)]
    words = words or list(measured)
    flat = [item.word.bottom for item in words
            if not any(char in _DESCENDERS for char in item.word.text)]
    if flat:
        return median(flat)
    return median(item.word.top + _baseline(item.ink) for item in words)


def _calibrate(lines: Sequence[tuple[Sequence[_Measured], float]]) -> Metrics:
    """The x-height and t-height of the page's type, as shares of the capitals' and
    ascenders' height measured on the same lines (defaults where too few lines hold
    both)."""
    ratios: dict[str, list[float]] = {"x": [], "t": []}
    for measured, baseline in lines:
        heights: dict[str, list[float]] = {"cap": [], "t": [], "x": []}
        for item in measured:
            if item.marked or (not item.word.text.isalpha() and item.letters.kind != "cap"):
                continue
            heights[item.letters.kind].append(baseline - item.word.top)
        if heights["cap"]:
            cap = median(heights["cap"])
            for kind in ("x", "t"):
                if heights[kind] and cap > 0:
                    ratios[kind].append(median(heights[kind]) / cap)
    x_ratio = _bounded(ratios["x"], X_RATIO_RANGE, X_HEIGHT / CAP_HEIGHT)
    t_ratio = _bounded(ratios["t"], T_RATIO_RANGE, T_HEIGHT / CAP_HEIGHT)
    return Metrics(x_height=CAP_HEIGHT * x_ratio, t_height=CAP_HEIGHT * t_ratio)


def _bounded(values: Sequence[float], bounds: tuple[float, float], default: float) -> float:
    if len(values) < MIN_CALIBRATION_LINES:
        return default
    return min(max(median(values), bounds[0]), bounds[1])


def _mark_bullet(words: list[OcrWord], em: float) -> None:
    """A list bullet read as some small glyph becomes "•", which the layout knows."""
    if len(words) < 2:
        return
    first, second = words[0], words[1]
    small = first.bottom - first.top <= 0.6 * em and first.right - first.left <= 0.6 * em
    if first.text in _BULLET_READINGS and small and second.left - first.right >= BULLET_GAP * em:
        first.text = BULLET
