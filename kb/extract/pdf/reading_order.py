"""Reading order: a page cut into full-width bands and column bands, read band by band
and column by column; framed boxes of text read apart from the flow.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.extract.pdf.columns import (
    _DocumentMeasures,
    _find_gutters,
    _fits_the_gutters,
    _gutters_under_the_page_wide_text,
    _line_pieces,
    _page_body_size,
    _rounded,
    _same_layout,
    _spanning_words,
)
from kb.extract.pdf.lines import _lines_of
from kb.extract.pdf.sections import _section_breaks
from kb.extract.pdf.values import _Line, _Word


def _text_boxes(
    words: list[_Word], rects: list[tuple[float, float, float, float]]
) -> list[tuple[float, float, float, float]]:
    """Rectangles holding several lines of text, some in regular weight: sidebars and
    boxed notes. A banner holds a bold heading (wrapped on a narrow column, maybe), a
    picture frame no text; both stay in the flow."""
    boxes = []
    for rect in rects:
        inside = [w for w in words if _inside_rect(w, rect)]
        rows = {round(w.bottom) for w in inside}
        regular = any(not w.bold and any(c.isalpha() for c in w.text) for w in inside)
        if len(rows) >= 3 and regular:
            boxes.append(rect)
    return boxes


def _picture_frames(words: list[_Word], rects: Sequence[tuple[float, float, float, float]],
                    ) -> list[tuple[float, float, float, float]]:
    """Rectangles holding no text: a picture's frame, which a column's flow runs through."""
    return [rect for rect in rects if not any(_inside_rect(w, rect) for w in words)]


def _inside_rect(word: _Word, rect: tuple[float, float, float, float]) -> bool:
    """The word lies within the rectangle (x0, top, x1, bottom), give or take a point."""
    x0, top, x1, bottom = rect
    return x0 - 1 <= word.x0 and word.x1 <= x1 + 1 and top - 1 <= word.top \
        and word.bottom <= bottom + 1


def _in_box(word: _Word, boxes: list[tuple[float, float, float, float]]) -> int | None:
    return next((index for index, box in enumerate(boxes) if _inside_rect(word, box)), None)


def _layout_lines(
    words: list[_Word], page_width: float, page_number: int,
    rects: list[tuple[float, float, float, float]] = (), *, page_height: float | None = None,
    measures: _DocumentMeasures | None = None,
) -> list[_Line]:
    boxes = _text_boxes(words, list(rects))
    pictures = _picture_frames(words, rects)
    boxed = {id(word): index for word in words
             if (index := _in_box(word, boxes)) is not None}
    flow = [word for word in words if id(word) not in boxed]
    lines: list[_Line] = []
    if flow:
        lines += _flow_lines(flow, page_width, page_number, boxes, page_height,
                             measures or _DocumentMeasures(), pictures)
    for index in range(len(boxes)):
        box_words = [word for word in words if boxed.get(id(word)) == index]
        if box_words:
            box_lines = _lines_of(box_words, page_number, 1000 + index, 0)
            region_x1 = max(line.x1 for line in box_lines)
            for line in box_lines:
                line.region_x1, line.boxed = region_x1, True
            lines += box_lines
    return lines


def _flow_lines(
    words: list[_Word], page_width: float, page_number: int,
    boxes: list[tuple[float, float, float, float]], page_height: float | None,
    measures: _DocumentMeasures,
    pictures: Sequence[tuple[float, float, float, float]] = (),
) -> list[_Line]:
    body = _page_body_size(words, measures.body)
    gutters = _find_gutters(words, page_width, body) or _gutters_under_the_page_wide_text(
        words, page_width, body)
    if measures.gutters and not _same_layout(_rounded(gutters), measures.gutters) \
            and _fits_the_gutters(words, measures.gutters, measures.body or body):
        gutters = list(measures.gutters)

    # A line spanning the columns runs across the whole gutter; a line that only reaches
    # into a gutter measured too wide (a short column's lines are all short) is its
    # column's.
    across: set[int] = set()
    for start, end in gutters:
        across |= _spanning_words(words, start) & _spanning_words(words, end)

    def crosses(word: _Word) -> bool:
        return id(word) in across

    # A line reaching into a gutter measured too wide is read whole in its first column.
    line_start = {id(w): piece[0].x0 for piece in _line_pieces(words) for w in piece}

    spans = sorted([*((word.top, word.bottom) for word in words if crosses(word)),
                    *_section_breaks(words, gutters, body, page_height, measures.foot,
                                     pictures),
                    *_top_band(words, gutters, body)])
    merged: list[list[float]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])

    regions: dict[tuple[int, int], list[_Word]] = {}
    for word in words:
        middle = (word.top + word.bottom) / 2
        band = 0
        full = False
        for index, (top, bottom) in enumerate(merged):
            if top - 0.5 <= middle <= bottom + 0.5:
                band, full = 2 * index + 1, True
                break
            if middle > bottom:
                band = 2 * index + 2
        column = 0 if full else sum(1 for start, _ in gutters
                                    if line_start[id(word)] >= start)
        # Text below a box in its column is read as a new region, as after a column break.
        below = sum(1 for x0, _, x1, bottom in boxes
                    if x0 - 1 <= word.x0 <= x1 and word.top >= bottom)
        regions.setdefault((band, column, below), []).append(word)

    lines: list[_Line] = []
    for group, key in enumerate(sorted(regions)):
        region_lines = _lines_of(regions[key], page_number, group, key[1])
        region_x1 = max(line.x1 for line in region_lines)
        for line in region_lines:
            line.region_x1 = region_x1
        lines += region_lines
    return lines


def _top_band(words: list[_Word], gutters: list[tuple[float, float]], body: float,
              ) -> list[tuple[float, float]]:
    """A name set far bigger than the body at the head of the page, inside one column's
    width (a masthead centred over the middle column), with no text of the other columns
    beside it: a band across the page, read before the columns under it."""
    if not gutters:
        return []

    def column_of(word: _Word) -> int:
        return sum(1 for start, _ in gutters if word.x0 >= start)

    big = [w for w in words if w.size >= 2 * body]
    if not big:
        return []
    first = min(big, key=lambda w: w.top)
    column = column_of(first)
    others = [w.top for w in words if column_of(w) != column and w.bottom > first.top]
    if not others or any(w.top < first.top for w in words if column_of(w) == column):
        return []
    band = [w for w in words if column_of(w) == column and w.bottom <= min(others)]
    if first not in band:
        return []
    return [(first.top, max(w.bottom for w in band))]
