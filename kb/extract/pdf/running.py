"""Running headers and footers: margin text repeating on most pages, and page numbers."""

from __future__ import annotations

import math
import re
from collections import Counter

from kb.extract.pdf.values import _clean, _Page, _Word

HEADER_BAND = 0.10  # share of page height where running headers / footers live

_PAGE_NUMBER = re.compile(
    r"^(?:p(?:age|\.)?\s*)?[-–—(\s]*\d{1,4}[-–—)\s]*(?:(?:/|sur|of)\s*\d{1,4})?$", re.IGNORECASE
)


def _running_key(text: str) -> str:
    """Letters and numbers only, numbers as '#': a page number changes, and a scan reads
    a dash as a colon on one page and not on the next."""
    return " ".join(re.sub(r"[^\w#]+", " ", re.sub(r"\d+", "#", text.lower())).split())


def _margin_fragments(page: _Page) -> list[list[_Word]]:
    """Runs of words in the top or bottom band, split at wide gaps (left and right parts
    of a header are separate fragments, whatever the column layout below)."""
    band = [
        word for word in page.words
        if word.bottom <= HEADER_BAND * page.height or word.top >= (1 - HEADER_BAND) * page.height
    ]
    rows: list[list[_Word]] = []
    for word in sorted(band, key=lambda w: (round(w.bottom), w.x0)):
        if rows and abs(rows[-1][-1].bottom - word.bottom) <= 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    fragments: list[list[_Word]] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        fragment = [row[0]]
        for word in row[1:]:
            if word.x0 - fragment[-1].x1 > max(12.0, 2 * word.size):
                fragments.append(fragment)
                fragment = []
            fragment.append(word)
        fragments.append(fragment)
    return fragments


def _drop_running_words(pages: list[_Page]) -> list[str]:
    """Drop headers/footers: margin text repeating on most pages, and page numbers.

    Returns the running text dropped, one string per page margin, so the issue's number
    and date a running head states are not lost."""
    with_text = [page for page in pages if page.words]
    fragments = {page.number: _margin_fragments(page) for page in with_text}
    counts: Counter[str] = Counter()
    for page in with_text:
        counts.update({_running_key(" ".join(w.text for w in f)) for f in fragments[page.number]})
    needed = max(2, math.ceil(0.5 * len(with_text)))
    running: list[str] = []
    for page in with_text:
        dropped: set[int] = set()
        margins: dict[bool, list[str]] = {}
        for fragment in fragments[page.number]:
            text = " ".join(word.text for word in fragment)
            if counts[_running_key(text)] >= needed or _PAGE_NUMBER.match(text.strip()):
                dropped.update(id(word) for word in fragment)
                # A number alone may be a page number or a year broken off its month.
                top = fragment[0].bottom <= HEADER_BAND * page.height
                margins.setdefault(top, []).append(_clean(text))
        page.words = [word for word in page.words if id(word) not in dropped]
        running += [" ".join(margins[top]) for top in (True, False) if top in margins]
    return running
