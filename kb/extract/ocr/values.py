"""What OCR reads a page into, and the measures it reads it with: the constants of
rendering, letter heights, marks, type tiers, bold, deskewing, rules, junk and bullets, and
the words, lines and pages a page leaves once read (in pixels and points).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
