"""Scanned PDF pages read by OCR: tesseract with its French data, through pytesseract.

OCR is optional (the Debian packages `tesseract-ocr` `tesseract-ocr-fra`; pytesseract
installs with the project): where it is missing, `unavailable_reason()` says why, and the PDF
extractor reports the file as needing OCR instead of indexing an empty issue.

A scan holds no fonts, so the typography the segmenter reads is measured on the picture:

- each page is rendered at 300 dpi, straightened (scanners set pages a little askew: the
  angle whose rows of ink are sharpest) and cleared of its rules, which tesseract would
  read into the words they touch;
- tesseract reads the words and groups them into lines. Each word's box is fitted to its
  ink (tesseract's boxes take in a bit of the next line, or leave out an accent); its
  height above the line's baseline, over the share of an em its letters reach
  (capitals and ascenders, t, small letters, accents and dots; small letters and t
  measured on each page against its capitals), gives its type size, and a line's size
  is the median of its words';
- a word is bold when its strokes are clearly thicker, for its size, than the page's
  body text's (runs of ink across its stems, and its ink mass per stem);
- lines set one under the other in one weight and about one size take one size (a
  title's lines), then the issue's sizes gather into a few tiers, as a text PDF states
  them; list bullets read as "e", "°" or "+" become bullets again, dots and accents
  read as a line of their own are dropped, middle dots of inclusive writing read as
  colons or hyphens come back;
- the words, placed in points with these sizes and weights, then go through the text
  PDF reader's own layout (`kb.extract.pdf`): columns and full-width bands in reading
  order, running headers and footers repeated across pages dropped, lines grouped into
  paragraphs, headings, list items, words cut at a line end mended with the document's
  own lexicon (the project's one de-hyphenator), paragraphs cut by a column or page
  break joined. A scan gives the segmenter the cues of a text PDF, measured rather than
  read.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import math
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from statistics import median

from kb.models import Block

LANGUAGE = "fra"
PAGES_IN_FLIGHT = 1  # memory, not speed, bounds OCR (see read_scanned_pages)
RESOLUTION = 300  # dpi: tesseract's accuracy drops fast below 300 on body text
TESSERACT_CONFIG = "--psm 3"  # automatic page segmentation, no orientation detection
POINTS_PER_INCH = 72
# Pages larger than A2 (in pt²) are not rendered: 35 Mpx at 300 dpi already.
MAX_OCR_AREA = 1191 * 1684

# How high letters reach above the baseline, in em: a word's height above its line's
# baseline tells the type size once we know which of these its letters reach. Capitals,
# figures and ascenders (b d f h k l) reach CAP_HEIGHT, the anchor of the scale; small
# letters X_HEIGHT and t T_HEIGHT by default, measured on each page against the capitals
# and ascenders of its own lines (Times sets a small x-height, DejaVu a big one). Marks
# stand apart above the letters: an accent ACCENT above the x-height or CAP_ACCENT above
# a capital; the dot of an i or a j reaches CAP_HEIGHT.
CAP_HEIGHT = 0.72
X_HEIGHT = 0.5
T_HEIGHT = 0.64
ACCENT = 0.24
CAP_ACCENT = 0.18
_ASCENDERS = frozenset("bdfhkl0123456789'’/()[]?!%&")
_DESCENDERS = frozenset("gjpqyQ()[],;çÇ")
_DOTTED = frozenset("ijï")
_MARKS_BELOW = frozenset("\u0327\u0328")  # cedilla, ogonek
# Measured x-height and t-height, as shares of CAP_HEIGHT, are kept within these bounds
# and need this many lines holding both kinds of words.
X_RATIO_RANGE = (0.55, 0.85)
T_RATIO_RANGE = (0.75, 1.0)
MIN_CALIBRATION_LINES = 8
# A mark (accent, dot) is a run of ink at most MARK_HEIGHT em high, at most MARK_GAP em
# above the letters, looked for up to MARK_REACH of tesseract's box above it, where the
# word's marks reach at least MARK_EXCESS em above its letters.
MARK_HEIGHT = 0.3
MARK_GAP = 0.15
MARK_REACH = 0.4
MARK_EXCESS = 0.1

# Sizes within this ratio of a tier's centre are that tier (one type measured on many
# lines); distinct types of a newsletter differ by more (body 9.5, titles 13 to 17).
TIER_SPREAD = 1.09
# Bold: strokes this much thicker, relative to the size, than the body text's.
BOLD_STEM_RATIO = 1.25
# Lines of one type set one under the other (a gap of at most HARMONY_GAP em) measure
# within this ratio of each other.
HARMONY_RATIO = 1.12
HARMONY_GAP = 0.6
MIN_RUNS = 6  # horizontal runs of ink needed to measure a word's strokes
# Deskewing: angles tried (degrees) on a copy of the page at this resolution.
DESKEW_RESOLUTION = 150
MAX_SKEW = 2.0
# Rules: lines at least this long (inches), at most this thick, and this many grey
# levels darker than the paper.
RULE_LENGTH = 0.4
RULE_THICKNESS = 0.025
RULE_CONTRAST = 25
# Junk: tesseract reads rules, bullets and picture edges as strings of symbols.
MIN_WORD_CONFIDENCE = 0  # tesseract gives -1 to layout rows that hold no word
JUNK_CONFIDENCE = 50
# A lone glyph opening a line, no taller than a lower-case letter and set apart from the
# next word: a list bullet, which tesseract reads as one of these.
BULLET_GAP = 0.25  # em
BULLET = "•"
_BULLET_READINGS = frozenset({"•", "e", "o", "°", "+", "*", "©", "®", "·"})
_RULE = re.compile(r"[-_—–=~]{3}")
# Inclusive writing ("habitant·e·s", "médiateur·rice·s"): tesseract reads the middle dot
# as a colon, a hyphen or a full stop, in any mix ("habitant-e:s", "demandeur-:-euse.s").
_INCLUSIVE = re.compile(
    r"^(?P<stem>.*?[^\W\d_])"
    r"(?P<rest>(?:[-:;.·•]{1,3}(?:e|es|rice|rices|euse|euses|le|les|ne|nes|te|tes|ère|ères"
    r"|trice|trices|ale|ales|fe|fes|se|ses|s|x)){1,2})"
    r"(?P<tail>[,.;:!?»)]*)$",
    re.IGNORECASE,
)
_INCLUSIVE_SEPARATOR = re.compile(r"[-:;.·•]{1,3}")

# ---------------------------------------------------------------------------
# What a page leaves once read: words in pixels, lines, measurements.


@dataclass(slots=True)
class OcrWord:
    text: str
    left: float  # pixels of the straightened page
    top: float
    right: float
    bottom: float
    confidence: float
    stem: float | None = None  # mean stroke width, pixels (None: too few strokes)
    bold: bool = False


@dataclass(slots=True)
class OcrLine:
    words: list[OcrWord]
    size: float  # estimated type size, points
    baseline: float  # pixels

    @property
    def chars(self) -> int:
        return sum(len(word.text) for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def left(self) -> float:
        return min(word.left for word in self.words)

    @property
    def right(self) -> float:
        return max(word.right for word in self.words)

    @property
    def bold(self) -> bool:
        """Most of its letters are bold."""
        bold = sum(len(word.text) for word in self.words if word.bold)
        return bold > 0.5 * self.chars


@dataclass(slots=True)
class OcrPage:
    number: int  # 1-based
    width: float  # points
    height: float
    scale: float  # points per pixel
    lines: list[OcrLine] = field(default_factory=list)
    skew: float = 0.0  # degrees the page was turned by to straighten it


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


# ---------------------------------------------------------------------------
# The picture: straightened, its rules cleared


def _ink_threshold(pixels) -> float:
    """Otsu's threshold between ink and paper on a greyscale array."""
    import numpy as np

    histogram = np.bincount(pixels.ravel(), minlength=256).astype(float)
    total = histogram.sum()
    if not total:
        return 128.0
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    background = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * background)
    between[~np.isfinite(between)] = 0
    return float(np.argmax(between))


def skew_angle(image) -> float:
    """Degrees the page was turned by (counter-clockwise, as PIL's `rotate` counts), to
    a hundredth: the angle that levels the ink's rows best (the sharpest projection of
    the ink onto the vertical axis)."""
    import numpy as np

    scale = DESKEW_RESOLUTION / RESOLUTION
    small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    pixels = np.asarray(small, dtype=np.uint8)
    ys, xs = np.nonzero(pixels < _ink_threshold(pixels))
    if len(ys) < 200:
        return 0.0
    xs = xs - pixels.shape[1] / 2

    def sharpness(angle: float) -> float:
        # A page turned by `angle` raised a point at x by about x·tan(angle).
        rows = np.round(ys + xs * math.tan(math.radians(angle))).astype(int)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.1), key=sharpness)
    best = max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02), key=sharpness)
    return round(float(best), 2)


def deskew(image):
    """(the image straightened, the angle it had been turned by); the image itself
    when it is level already."""
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < 0.05:
        return image, 0.0
    paper = int(max(range(256), key=image.histogram().__getitem__))
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=paper), angle


def _long_runs(mask, length: int, axis: int):
    """The pixels of `mask` inside runs of at least `length` along `axis` (a morphological
    opening by a line of `length` pixels, with running sums)."""
    import numpy as np

    def window_full(values, size: int):
        # Where the `size` pixels starting here along `axis` are all set.
        sums = np.cumsum(values, axis=axis, dtype=np.int32)
        sums = np.concatenate([np.zeros_like(np.take(sums, [0], axis=axis)), sums], axis=axis)
        count = values.shape[axis] - size + 1
        if count <= 0:
            return np.zeros_like(values, dtype=bool)
        ahead = np.take(sums, range(size, size + count), axis=axis)
        here = np.take(sums, range(count), axis=axis)
        full = (ahead - here) == size
        pad = [(0, 0), (0, 0)]
        pad[axis] = (0, size - 1)
        return np.pad(full, pad)

    starts = window_full(mask.astype(np.int8), length).astype(np.int8)
    # A pixel is covered when one of the `length` windows ending at it is full.
    sums = np.cumsum(starts, axis=axis, dtype=np.int32)
    shifted = np.roll(sums, length, axis=axis)
    index = [slice(None), slice(None)]
    index[axis] = slice(0, length)
    shifted[tuple(index)] = 0
    return (sums - shifted) > 0


def erase_rules(pixels, resolution: int = RESOLUTION):
    """A copy of the page (greyscale array) without its rules: thin lines at least
    RULE_LENGTH long, across or down the page, in any tone visibly darker than the paper
    (a rule under a heading, a light grey column rule, an underline), which tesseract
    otherwise reads into the words they touch or as letters. Bands and boxes of colour
    are thicker than a rule and stay."""
    import numpy as np

    paper = int(np.argmax(np.bincount(pixels.ravel(), minlength=256)))
    marked = pixels < paper - RULE_CONTRAST
    length = round(RULE_LENGTH * resolution)
    thickness = max(2, round(RULE_THICKNESS * resolution))
    out = pixels.copy()
    for axis in (1, 0):
        rule = _long_runs(marked, length, axis)
        thick = _long_runs(rule, thickness + 1, 1 - axis)
        out[rule & ~thick] = paper
    return out


def prepare_image(image, resolution: int = RESOLUTION):
    """(the page straightened and cleared of its rules, the skew it had), for tesseract."""
    import numpy as np
    from PIL import Image

    straight, skew = deskew(image)
    pixels = np.asarray(straight, dtype=np.uint8)
    prepared = Image.fromarray(erase_rules(pixels, resolution))
    if straight is not image:
        straight.close()
    return prepared, skew


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


# ---------------------------------------------------------------------------
# Typography of the issue, then the text PDF reader's layout


def size_tiers(lines: Sequence[OcrLine]) -> dict[int, float]:
    """Each line's type size gathered into the issue's tiers: {id(line): size}.

    The most used size found (weighted by characters) is a tier's centre and takes
    every line within TIER_SPREAD of it; then the next most used among the rest. A
    tier's size is the median of its lines, to the half point."""
    left = sorted(lines, key=lambda line: line.size)
    tiers: dict[int, float] = {}
    while left:
        sizes = [line.size for line in left]
        running = [0, *itertools.accumulate(line.chars for line in left)]

        def weight(centre: float, sizes: list[float] = sizes, running: list[int] = running) -> int:
            low = bisect.bisect_left(sizes, centre / TIER_SPREAD)
            high = bisect.bisect_right(sizes, centre * TIER_SPREAD)
            return running[high] - running[low]

        centre = max(sizes, key=weight)
        members = [line for line in left if _same_tier(centre, line.size)]
        measured = sorted(size for line in members for size in [line.size] * max(1, line.chars))
        size = round(measured[len(measured) // 2] * 2) / 2
        for line in members:
            tiers[id(line)] = size
        left = [line for line in left if id(line) not in tiers]
    return tiers


def _same_tier(centre: float, size: float) -> bool:
    return centre / TIER_SPREAD <= size <= centre * TIER_SPREAD


def _mark_bold(lines: Sequence[OcrLine]) -> None:
    """Bold words: strokes BOLD_STEM_RATIO times as thick, for their size, as the body
    text's (the median over all letters: most of an issue is body text)."""
    ratios = sorted(ratio for line in lines for word in line.words if word.stem
                    for ratio in [word.stem / line.size] * len(word.text))
    if not ratios:
        return
    body = ratios[len(ratios) // 2]
    for line in lines:
        for word in line.words:
            word.bold = bool(word.stem and word.stem / line.size >= BOLD_STEM_RATIO * body)


def _harmonise(page: OcrPage) -> None:
    """Lines set one under the other in one type measure a little differently (a title's
    lines, whose letters reach different heights): each run of lines close below one
    another, in the same weight and sizes within HARMONY_RATIO, takes its median size."""
    lines = sorted(page.lines, key=lambda line: line.top)
    group = list(range(len(lines)))

    def root(index: int) -> int:
        while group[index] != index:
            group[index] = group[group[index]]
            index = group[index]
        return index

    for index, line in enumerate(lines):
        em = line.size / page.scale
        below = next((other for other in range(index + 1, len(lines))
                      if lines[other].top > line.top + 0.5 * (line.bottom - line.top)
                      and lines[other].left < line.right and line.left < lines[other].right),
                     None)
        if below is None:
            continue
        under = lines[below]
        if under.top - line.bottom <= HARMONY_GAP * em and under.bold == line.bold \
                and max(line.size, under.size) <= HARMONY_RATIO * min(line.size, under.size):
            group[root(below)] = root(index)
    runs: dict[int, list[OcrLine]] = {}
    for index, line in enumerate(lines):
        runs.setdefault(root(index), []).append(line)
    for run in runs.values():
        if len(run) > 1:
            sizes = sorted(size for line in run for size in [line.size] * max(1, line.chars))
            for line in run:
                line.size = sizes[len(sizes) // 2]


def blocks_of_pages(pages: Sequence[OcrPage]) -> list[Block]:
    """Blocks of OCR'd pages, laid out by the text PDF reader."""
    from kb.extract import pdf

    lines = [line for page in pages for line in page.lines]
    _mark_bold(lines)
    for page in pages:
        _harmonise(page)
    tiers = size_tiers(lines)
    pdf_pages = []
    for page in pages:
        words = []
        for line in page.lines:
            size = tiers[id(line)]
            # The type's box, as a text PDF gives it: from the baseline, whatever letters
            # the words hold (a word with a descender sits on the same line).
            top = line.baseline * page.scale - 0.8 * size
            bottom = line.baseline * page.scale + 0.2 * size
            words += [pdf._Word(text=word.text, x0=word.left * page.scale,
                                x1=word.right * page.scale, top=top, bottom=bottom,
                                size=size, bold=word.bold)
                      for word in line.words]
        pdf_pages.append(pdf._Page(number=page.number, width=page.width, height=page.height,
                                   words=words, hyperlinks=[]))
    return _text_pdf_layout(pdf_pages)


def _text_pdf_layout(pages: list) -> list[Block]:
    """The text PDF reader's steps once its pages are read (as `pdf.extract_pdf` runs
    them, less links and framed boxes, which a scan does not show): the one place this
    module leans on that reader's internals."""
    from kb.extract import pdf

    pdf._drop_running_words(pages)
    measures = pdf._measure_document(pages)
    lines = []
    for page in pages:
        if page.words:
            lines += pdf._layout_lines(page.words, page.width, page.number,
                                       page_height=page.height, measures=measures)
    body_size = pdf._dominant_size(lines)
    lexicon = pdf._lexicon(lines)
    drafts = pdf._paragraphs(lines, body_size)
    pdf._classify(drafts, body_size)
    for draft in drafts:
        draft.text = pdf._join_draft(draft, lexicon)
    drafts = pdf._mend_breaks(drafts, lexicon)
    return pdf._blocks(drafts, body_size)
