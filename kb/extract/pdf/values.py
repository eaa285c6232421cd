"""Intermediate values: plain dataclasses before any Block is built, and the measures and
patterns several steps of the reader share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kb.models import BlockKind

TERMINAL = (".", "!", "?", ":", "»", "…", ";")
MIN_COLUMN = 40.0  # points: a "column" narrower than this is a bullet or an indent
HEADING_SIZE_RATIO = 1.12

_SPACES = re.compile(r"\s+")
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    group: int  # index of the (page, band, column) region this line was read in
    column: int
    mixed: bool = False  # some words bold, some not: a bold name opening a list item
    links: list[str] = field(default_factory=list)
    region_x1: float = 0.0  # right edge of the region: a line reaching it is justified
    boxed: bool = False  # inside a framed or tinted box ("À noter", an agenda): out of the flow
    marked: bool = False  # a bullet drawn as a shape (a disc, a square) just left of it


@dataclass(slots=True)
class _Page:
    """What one page leaves once pdfplumber has closed it: words and link rectangles."""

    number: int
    width: float
    height: float
    words: list[_Word]
    hyperlinks: list[tuple[float, float, float, float, str]]
    lines: list[_Line] = field(default_factory=list)
    # Filled or framed rectangles (x0, top, x1, bottom): boxes, banners, picture frames.
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    has_images: bool = False  # a page of pictures and no words is a scan
    # Small filled shapes (x0, top, x1, bottom): bullets a browser or a DTP tool draws.
    marks: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    lines: list[_Line]
    kind: BlockKind = BlockKind.PARAGRAPH
    text: str = ""

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def last(self) -> _Line:
        return self.lines[-1]


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\ufffd", "")
    return _SPACES.sub(" ", text).strip()
