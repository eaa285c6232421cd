"""Lines: words of a region grouped into lines, with their type, and the link rectangles
and drawn bullets of the page attached to them.
"""

from __future__ import annotations

import itertools
from collections import Counter

from kb.extract.pdf.values import _CID, _Line, _Word


def _lines_of(words: list[_Word], page_number: int, group: int, column: int) -> list[_Line]:
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows:
            row = rows[-1]
            top = min(w.top for w in row)
            bottom = max(w.bottom for w in row)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                row.append(word)
                continue
        rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        weights: Counter[float] = Counter()
        letters = bold_letters = 0
        for word in row:
            weights[word.size] += len(word.text)
            if not _CID.fullmatch(word.text):  # an unmapped bullet glyph says nothing
                count = sum(char.isalnum() for char in word.text)
                letters += count
                bold_letters += count if word.bold else 0
        # A line of punctuation only (a marker's closing ">" wrapped alone) takes its
        # weight from its glyphs, so it stays with the line it ends.
        bold_share = bold_letters / letters if letters else float(
            sum(word.bold for word in row) / len(row))
        lines.append(_Line(
            text=_row_text(row),
            x0=row[0].x0, x1=max(w.x1 for w in row),
            top=min(w.top for w in row), bottom=max(w.bottom for w in row),
            size=weights.most_common(1)[0][0], bold=bold_share > 0.5,
            mixed=0.1 < bold_share < 0.9,
            page=page_number, group=group, column=column,
        ))
    return lines


def _row_text(row: list[_Word]) -> str:
    """Words of one line, with a space only where the page shows one: pdfplumber also
    cuts a word where the font changes (**Mbaye**, → "Mbaye" + ",")."""
    gaps = [word.x0 - previous.x1 for previous, word in itertools.pairwise(row)]
    parts = [row[0].text]
    # Letter-spaced capitals (a kicker set with tracking) come as letters and pieces of
    # words, all apart: between letters the smallest gap, between words a space more.
    short = sum(1 for word in row if len(word.text) <= 2)
    letters = [char for word in row for char in word.text if char.isalpha()]
    single = sum(1 for word in row if len(word.text) == 1)
    spaced = (
        len(row) >= 3 and short >= 0.5 * len(row) and bool(letters)
        and all(char.isupper() for char in letters)
        and 0 < min(gaps) < 0.2 * min(word.size for word in row)
        # Tracking shows two kinds of gaps, between letters and between words (or only
        # letters); a title in capitals with its short words ("UN … À LA VILLE") has one.
        and (max(gaps) >= 2 * min(gaps) or single >= 0.6 * len(row))
    )
    for (previous, word), gap in zip(itertools.pairwise(row), gaps, strict=True):
        size = min(previous.size, word.size)
        # A hyphen closer than a word space binds: tracked capitals come cut at their
        # hyphens ("CHANTELOUP-LES" + "-VIGNES").
        hyphen = previous.text.endswith("-") or word.text.startswith("-")
        joined = gap < 0.12 * size or (hyphen and gap < 0.2 * size) \
            or (spaced and gap < min(1.8 * min(gaps), 0.4 * size))
        parts.append(word.text if joined else f" {word.text}")
    return "".join(parts)


def _attach_marks(lines: list[_Line], marks: list[tuple[float, float, float, float]]) -> None:
    """A line with a bullet shape just left of its first word, on its height, opens an
    item (the shape is not text: nothing to strip)."""
    for _, top, x1, bottom in marks:
        middle = (top + bottom) / 2
        for line in lines:
            if line.top - 1 <= middle <= line.bottom + 1 and x1 <= line.x0 + 1 \
                    and line.x0 - x1 <= 2.5 * line.size:
                line.marked = True
                break


def _attach_links(
    lines: list[_Line], hyperlinks: list[tuple[float, float, float, float, str]]
) -> None:
    for x0, top, x1, bottom, uri in hyperlinks:
        cx = (x0 + x1) / 2
        cy = (top + bottom) / 2
        for line in lines:
            if line.x0 - 1 <= cx <= line.x1 + 1 and line.top - 1 <= cy <= line.bottom + 1:
                if uri not in line.links:
                    line.links.append(uri)
                break
