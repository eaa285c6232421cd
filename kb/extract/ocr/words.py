"""Words measured on the picture: how high their letters reach, their ink box, baseline
and stroke width; inclusive writing mended and junk told.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from kb.extract.ocr.values import (
    _ASCENDERS,
    _DOTTED,
    _INCLUSIVE,
    _INCLUSIVE_SEPARATOR,
    _MARKS_BELOW,
    _RULE,
    ACCENT,
    CAP_ACCENT,
    CAP_HEIGHT,
    JUNK_CONFIDENCE,
    MARK_EXCESS,
    MARK_GAP,
    MARK_HEIGHT,
    MARK_REACH,
    MIN_RUNS,
    T_HEIGHT,
    X_HEIGHT,
)

# ---------------------------------------------------------------------------
# Words and lines, measured


@dataclass(frozen=True, slots=True)
class Metrics:
    """The heights (em above the baseline) that differ from one typeface to another."""

    x_height: float = X_HEIGHT
    t_height: float = T_HEIGHT


@dataclass(frozen=True, slots=True)
class Reach:
    """How high a word's letters reach, in em above the baseline: their bodies, and with
    their marks (accents, dots)."""

    kind: str  # what its tallest letter body is: "cap" (or ascender), "t", "x"
    body: float
    marks: float  # the top of its marks, 0.0 without
    # An accent on a small letter beside taller letters fills the rows above them: it is
    # part of the word's ink whatever the box.
    fused: float

    def top(self, *, marks: bool = False) -> float:
        """The word's top: its letters (with the accents fused to them), and its other
        marks when they were taken in."""
        return max(self.body, self.fused, self.marks if marks else 0.0)

    @property
    def marked(self) -> bool:
        """Whether marks stand clearly above its letters, apart from them."""
        return self.marks >= max(self.body, self.fused) + MARK_EXCESS


def reach(word: str, metrics: Metrics = Metrics()) -> Reach:
    kind, marks, accent = "x", 0.0, 0.0
    for char in word:
        base, *accents = unicodedata.normalize("NFD", char)
        if base.isupper() or base in _ASCENDERS:
            kind = "cap"
        elif base == "t" and kind == "x":
            kind = "t"
        if any(mark not in _MARKS_BELOW for mark in accents):
            if base.isupper():
                marks = max(marks, CAP_HEIGHT + CAP_ACCENT)
            else:
                accent = metrics.x_height + ACCENT
        elif base in _DOTTED:
            marks = max(marks, CAP_HEIGHT)
    body = {"cap": CAP_HEIGHT, "t": metrics.t_height, "x": metrics.x_height}[kind]
    if kind == "x":
        return Reach(kind, body, max(marks, accent), 0.0)
    return Reach(kind, body, marks, accent)


def inclusive(word: str) -> str:
    """A word in inclusive writing with its middle dots put back where tesseract read
    them as colons or hyphens; dots as the author may have set them ("élu.e.s") and
    a single hyphen ("dis-le", "Villiers-le-Bel") stay."""
    match = _INCLUSIVE.match(word)
    if not match:
        return word
    separators = _INCLUSIVE_SEPARATOR.findall(match["rest"])
    if all(separator in (".", "·") for separator in separators) or separators == ["-"]:
        return word
    rest = _INCLUSIVE_SEPARATOR.sub("·", match["rest"])
    return f"{match['stem']}{rest}{match['tail']}"


def _is_junk(text: str, confidence: float) -> bool:
    """A rule or a picture edge read as symbols: few letters or figures, or a run of
    dashes, and little trust."""
    signs = sum(char.isalnum() for char in text)
    return confidence < JUNK_CONFIDENCE and (signs < 0.5 * len(text) or bool(_RULE.search(text)))


def _ink_box(pixels, threshold: float, box: tuple[int, int, int, int], letters: Reach):
    """A word's box fitted to its ink: tesseract's boxes take in a bit of the lines
    above or below, and leave out an accent or not. Around the box, the rows holding ink
    form runs; the run the box mostly covers, within the box, is the letters' body. Where
    the word's marks reach clearly above it (an accented capital, a dotted or accented
    small letter among small letters), a small run just above is taken in.
    Returns (the ink, (left, top, right, bottom), whether a mark was taken in)."""
    import numpy as np

    left, top, right, bottom = box
    margin = round(MARK_REACH * (bottom - top))
    start = max(0, top - margin)
    window = pixels[start:bottom, left:right] < threshold
    inside = window[top - start:]
    if inside.size and inside.mean() > 0.5:  # light type on a dark band
        window = ~window
    rows = np.nonzero(window.any(axis=1))[0]
    if not len(rows) or right <= left:
        return window[top - start:], box, False
    runs: list[list[int]] = [[int(rows[0]), int(rows[0])]]
    for row in rows[1:]:
        if row - runs[-1][1] <= 1:
            runs[-1][1] = int(row)
        else:
            runs.append([int(row), int(row)])

    def covered(run: list[int]) -> int:
        return max(0, min(run[1] + 1, bottom - start) - max(run[0], top - start))

    main = max(range(len(runs)), key=lambda index: covered(runs[index]))
    # Within the box: a run going on past it joins the letters to a neighbouring line's.
    first = max(runs[main][0], top - start)
    last = runs[main][1]
    em = (last - first + 1) / (letters.top() + 0.2)  # a rough size, descenders or not
    marked = False
    if letters.marked:
        if runs[main][0] < first:  # touching the letters
            marked = first - runs[main][0] <= MARK_HEIGHT * em
            first = runs[main][0] if marked else first
        elif main > 0:
            run = runs[main - 1]
            marked = (first - run[1] - 1 <= MARK_GAP * em
                      and run[1] - run[0] + 1 <= MARK_HEIGHT * em)
            first = run[0] if marked else first
    ink = window[first:last + 1]
    columns = np.nonzero(ink.any(axis=0))[0]
    if len(columns):
        ink = ink[:, columns[0]:columns[-1] + 1]
        left, right = left + int(columns[0]), left + int(columns[-1]) + 1
    return ink, (left, start + first, right, start + last + 1), marked


def _baseline(ink) -> int:
    """Where a word's letters stand, in rows from the top of its ink: in its lower half,
    where the number of strokes crossing a row drops the most (a descender or a tail
    is one stroke under letters that are several)."""
    import numpy as np

    counts = np.concatenate([ink.sum(axis=1), [0, 0]]).astype(int)
    height = len(counts) - 2
    lower = range(height // 2, height)
    if not len(lower):
        return height
    drop = max(reversed(lower), key=lambda row: counts[row] - counts[row + 2])
    return drop + 1


def _stem(grey, ink, em: float) -> float | None:
    """A word's stroke width, in pixels: the mean of two estimates, the mean width of the
    horizontal runs of ink across its stems (runs longer than a third of an em are bars
    and serifs, left out) and its ink mass (darkness summed, in units of its darkest
    ink) per run. Blur and thresholding thicken thin strokes in the first; the second
    keeps its mass. `grey` is the word's box, `ink` which of its pixels are ink."""
    import numpy as np

    if ink.size == 0 or not ink.any() or ink.all():
        return None
    padded = np.pad(ink, ((0, 0), (1, 1))).astype(np.int8)
    steps = np.diff(padded, axis=1)
    runs = np.nonzero(steps == -1)[1] - np.nonzero(steps == 1)[1]
    stems = runs[runs <= em / 3]
    if len(stems) < MIN_RUNS:
        return None
    grey = grey.astype(np.float32)
    background = float(np.median(grey[~ink]))
    darkness = np.abs(grey - background)  # light type on a dark band too
    darkness[(grey > background) != (np.median(grey[ink]) > background)] = 0
    contrast = float(np.percentile(darkness[ink], 90))
    if contrast <= 0:
        return None
    mass = float(darkness.sum()) / contrast / len(runs)
    return math.sqrt(float(stems.mean()) * mass)
