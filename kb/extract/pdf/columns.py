"""Columns: the gutters of each page (vertical strips no body word crosses), and the
measures the whole issue gives of its pages (body size, foot, the layout most pages
agree on).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kb.extract.pdf.values import MIN_COLUMN, _Page, _Word
from kb.extract.pdf_limits import clamp_page_size

MIN_GUTTER = 6.0  # points
CROSSED_GUTTER = 1.5 * MIN_GUTTER  # points: a strip a few words cross is at least this wide


def _find_gutters(words: list[_Word], page_width: float, body_size: float | None = None,
                  ) -> list[tuple[float, float]]:
    """Vertical strips between columns: few words cross them, text on both sides."""
    left = max(0.0, min(word.x0 for word in words))
    right = min(max(word.x1 for word in words), clamp_page_size(page_width))  # off-page lines
    # Columns are made of body text; a masthead or a spanning title in other sizes
    # would blur the gutters of a page whose columns are short.
    body_size = body_size or _page_body_size(words, None)
    # A paragraph set across the page (an editorial above the columns) says nothing of
    # them: lines much wider than a column are left out, unless what is left is too
    # little to be columns (the short last lines of a page set in one column).
    body_words = [word for word in words if abs(word.size - body_size) <= 0.6]
    wide = _wide_lines(body_words, 0.6 * (right - left))
    if sum(len(w.text) for w in body_words if id(w) not in wide) \
            < 0.3 * sum(len(w.text) for w in body_words):
        wide = set()
    coverage = _coverage([word for word in body_words if id(word) not in wide],
                         math.ceil(max(right, 0.0)) + 2)
    inside = [count for count in coverage[int(left):math.ceil(right)] if count]
    if not inside:
        return []
    # Full-width lines (masthead, spanning titles) cross gutters too, but far fewer
    # times than a column's lines cover any point of it. Measured on the well-filled
    # columns (upper quartile): a short column would lower the median.
    upper = sorted(inside)[(3 * len(inside)) // 4]
    found = _gutters_below(max(1.0, 0.2 * upper), coverage, words, left, right,
                           narrow=bool(wide), body_size=body_size)
    # Lines across the columns (a boxed agenda, a masthead) may cross the gutter often
    # enough to cut its strip in pieces: a higher threshold is tried, and kept when it
    # finds more columns of equal widths, as a grid gives.
    more = _gutters_below(max(1.0, 0.3 * upper), coverage, words, left, right,
                          narrow=bool(wide), body_size=body_size)
    if len(more) > len(found) and _even_columns(more, left, right):
        found = more
    return _title_column_gutter(words, coverage, left, found) + found


def _coverage(words: list[_Word], length: int) -> list[int]:
    """For each point across the page (up to `length`), how many of the words cover it."""
    coverage = [0] * length
    for word in words:
        for x in range(max(0, int(word.x0)), min(length, math.ceil(word.x1))):
            coverage[x] += 1
    return coverage


def _title_column_gutter(words: list[_Word], coverage: list[int], left: float,
                         gutters: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A first column holding only a title, its body set in the next columns (the last
    short section of an issue): no body word marks it, so the strip left of the body is
    cut where the title's words end, if nothing but lines across the page (a colophon)
    crosses between them and the body."""
    body = [x for x in range(int(left), len(coverage)) if coverage[x]]
    if not body:
        return []
    body_left = body[0]
    if body_left - left < MIN_COLUMN or (gutters and gutters[0][0] < body_left):
        return []
    across = _wide_lines(words, 0.6 * (max(w.x1 for w in words) - left))
    before = [w for w in words if w.x0 < body_left - 1 and id(w) not in across]
    if not before or any(w.x1 > body_left - MIN_GUTTER for w in before):
        return []
    start = max(w.x1 for w in before)
    if start - left < MIN_COLUMN or not _column_starts_at(words, body_left, empty=True):
        return []
    return [*_heading_column_gutter(before, left), (float(math.ceil(start)), float(body_left))]


def _heading_column_gutter(words: list[_Word], left: float) -> list[tuple[float, float]]:
    """Left of a title's column, a section's name may stand in a column of its own (a
    three-column section holding one short article): the widest strip no word crosses,
    a column on each side."""
    covered = _coverage(words, math.ceil(max(w.x1 for w in words)) + 1)
    strips = [(start, end) for start, end in _runs(range(int(left), len(covered)),
                                                    lambda x: not covered[x])
              if end - start >= 2 * MIN_GUTTER and start - left >= MIN_COLUMN
              and len(covered) - end >= MIN_COLUMN]
    if not strips:
        return []
    start, end = max(strips, key=lambda strip: strip[1] - strip[0])
    return [(float(start), float(end))] if _column_starts_at(words, end, empty=True) else []


def _gutters_under_the_page_wide_text(words: list[_Word], page_width: float,
                                      body_size: float | None = None,
                                      ) -> list[tuple[float, float]]:
    """Columns that fill only the foot of a page, under a masthead, an editorial or a list
    set across it: the text across covers their gutter, so it is sought again under it."""
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    wide = _wide_lines(words, 0.6 * (right - left))
    if not wide:
        return []
    cut = max(w.bottom for w in words if id(w) in wide)
    below = [w for w in words if w.top > cut]
    if len(_rows(below)) < 6:
        return []
    return _find_gutters(below, page_width, body_size)


def _even_columns(gutters: list[tuple[float, float]], left: float, right: float) -> bool:
    edges = [left, *(x for gutter in gutters for x in gutter), right]
    widths = [edges[i + 1] - edges[i] for i in range(0, len(edges), 2)]
    return max(widths) <= 1.15 * min(widths)


def _gutters_below(threshold: float, coverage: list[int], words: list[_Word], left: float,
                   right: float, *, narrow: bool, body_size: float) -> list[tuple[float, float]]:
    """Gutters inside the strips where coverage is at most `threshold`."""
    low_runs = _runs(range(int(left), math.ceil(right)), lambda x: coverage[x] <= threshold)
    gutters: list[tuple[float, float]] = []
    previous_end = left
    for run_start, run_end in low_runs:
        # Inside a low run, the gutter is its emptiest part: a short last column may be
        # as thinly covered as the strip beside it, but not as empty. A few lines across
        # the strip (a masthead in body type) leave words at random places in it: when
        # the emptiest part is no gutter, one or two more words are tolerated.
        floor = min(coverage[run_start:run_end])
        for tolerance in (0, 1, 2):
            emptiest = _runs(range(run_start, run_end),
                             lambda x, most=floor + tolerance: coverage[x] <= most)
            # The widest strip first; on a page of a few lines the widest may be the
            # margin right of the last column, and the gutter a narrower one.
            found = next((
                (start, end) for start, end in sorted(emptiest, key=lambda r: r[1] - r[0],
                                                      reverse=True)
                # A strip some words cross is a gutter only as wide as one: narrower,
                # it is the word spaces of a few justified lines meeting.
                if end - start >= (MIN_GUTTER if floor + tolerance == 0 else CROSSED_GUTTER)
                # Without the lines across, a page in one column leaves wide empty strips
                # right of its short lines; a gutter is a few ems at most.
                and (not narrow or end - start <= 4 * body_size)
                and start - previous_end >= MIN_COLUMN
                and right - end >= MIN_COLUMN
                and _column_starts_at(words, end, empty=floor + tolerance == 0)
            ), None)
            if found is not None:
                gutters.append((float(found[0]), float(found[1])))
                previous_end = found[1]
                break
    return gutters


def _rows(words: list[_Word]) -> list[list[_Word]]:
    """Words sharing a baseline, left to right."""
    rows: dict[int, list[_Word]] = {}
    for word in words:
        rows.setdefault(round(word.bottom), []).append(word)
    return [sorted(row, key=lambda w: w.x0) for row in rows.values()]


def _line_pieces(words: list[_Word]) -> list[list[_Word]]:
    """Rows cut where two words are more than an em apart: two columns' lines on one
    baseline are two pieces, a line across the columns one."""
    pieces: list[list[_Word]] = []
    for row in _rows(words):
        piece = [row[0]]
        for word in row[1:]:
            if word.x0 - piece[-1].x1 < min(word.size, piece[-1].size):
                piece.append(word)
            else:
                pieces.append(piece)
                piece = [word]
        pieces.append(piece)
    return pieces


@dataclass(frozen=True, slots=True)
class _DocumentMeasures:
    """What the whole issue says about each of its pages."""

    # How far down the pages the text set in columns runs (running footers dropped): a
    # column reaching it runs to the foot of its page, whatever the page's margins.
    foot: float | None = None
    # The body size: a last page holding more colophon than text is still read
    # against the columns' type.
    body: float | None = None
    # The gutters most pages agree on: a page with few lines of body type, where a
    # heading or a list blurs its own measure, keeps them when its text fits them.
    gutters: tuple[tuple[float, float], ...] = ()


def _measure_document(pages: list[_Page]) -> _DocumentMeasures:
    pages = [page for page in pages if page.words]
    bottoms = []
    sizes: Counter[float] = Counter()
    for page in pages:
        wide = _wide_lines(page.words, 0.75 * page.width)
        bottoms += [w.bottom for w in page.words if id(w) not in wide]
        sizes += _size_weights(page.words)
    body = sizes.most_common(1)[0][0] if sizes else None
    layouts = [_rounded(found) for page in pages if (found := _find_gutters(
        page.words, page.width, _page_body_size(page.words, body)))]
    # Pages agree on a layout when their gutters lie within a few points of each other
    # (a column's ragged lines move a measured edge by a point or two).
    agreeing = [(sum(_same_layout(layout, other) for other in layouts), layout)
                for layout in layouts]
    count, gutters = max(agreeing, key=lambda pair: pair[0], default=(0, ()))
    return _DocumentMeasures(foot=max(bottoms, default=None), body=body,
                             gutters=gutters if count >= 2 else ())


def _same_layout(one: Sequence[tuple[float, float]], other: Sequence[tuple[float, float]],
                 tolerance: float = 6.0) -> bool:
    """Gutters whose right edges (where the next column's lines start, flush) lie within
    `tolerance`, their strips overlapping: the left edge is the end of a ragged column
    and moves with the longest line of the page."""
    return len(one) == len(other) and all(
        abs(b - d) <= tolerance and max(a, c) < min(b, d)
        for (a, b), (c, d) in zip(one, other, strict=True))


def _rounded(gutters: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Gutters to the point: the same layout measured on two pages compares equal."""
    return tuple((float(round(start)), float(round(end))) for start, end in gutters)


def _size_weights(words: list[_Word]) -> Counter[float]:
    """Characters set in each type size."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[word.size] += len(word.text)
    return sizes


def _fits_the_gutters(words: list[_Word], gutters: Sequence[tuple[float, float]],
                      body: float) -> bool:
    """No body line of the page short of running across it crosses these gutters, and
    body lines start right after each of them."""
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    # Body lines tell the columns: small print (a colophon's last line) and headings
    # (a section's name set across them) are laid over the page, not in a column.
    short = [piece for piece in _line_pieces(words)
             if piece[-1].x1 - piece[0].x0 <= 0.75 * (right - left)
             and all(abs(w.size - body) <= 0.6 for w in piece)]
    for start, end in gutters:
        crossing = [piece for piece in short if piece[0].x0 < start and piece[-1].x1 > end]
        starts = {round(w.top) for w in words
                  if abs(w.x0 - end) <= 3 and abs(w.size - body) <= 0.6}
        if crossing or len(starts) < 2:
            return False
    return True


def _page_body_size(words: list[_Word], document_body: float | None) -> float:
    """The issue's body size when the page holds a fair share of text in it (a short
    last page under a colophon does), else the page's own most used size."""
    # Small print across the page (a colophon) is no measure of the page's type.
    wide = _wide_lines(words, 0.75 * (max(w.x1 for w in words) - min(w.x0 for w in words)))
    sizes = _size_weights([w for w in words if id(w) not in wide] or words)
    if document_body is not None:
        present = sum(n for size, n in sizes.items() if abs(size - document_body) <= 0.1)
        if present >= 0.25 * sum(sizes.values()):
            return document_body
    return sizes.most_common(1)[0][0]


def _wide_lines(words: list[_Word], width: float) -> set[int]:
    """Ids of the words of lines wider than `width`."""
    return {id(w) for piece in _line_pieces(words) if piece[-1].x1 - piece[0].x0 > width
            for w in piece}


def _spanning_words(words: list[_Word], x: float) -> set[int]:
    """Ids of the words of lines that run across `x` (their words no more than an em
    apart): a masthead line in body type crosses the gutter between two of its words."""
    return {id(w) for piece in _line_pieces(words) if piece[0].x0 < x < piece[-1].x1
            for w in piece}


def _runs(xs: range, keep) -> list[tuple[int, int]]:
    """Maximal [start, end) runs of consecutive x where keep(x) holds."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for x in xs:
        if keep(x):
            start = x if start is None else start
        elif start is not None:
            runs.append((start, x))
            start = None
    if start is not None:
        runs.append((start, xs.stop))
    return runs


def _column_starts_at(words: list[_Word], x: float, *, empty: bool) -> bool:
    """A real column has several lines starting at its left edge; behind a strip no
    body word crosses at all, one is enough (the short last column of an issue)."""
    starts = sum(1 for word in words if x - 1.5 <= word.x0 <= x + 2.5)
    return starts >= (1 if empty else 3)
