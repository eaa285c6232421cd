"""Section breaks: short headings that cut a page in columns across, and the footer under
all the columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.extract.pdf.columns import _spanning_words, _wide_lines
from kb.extract.pdf.values import HEADING_SIZE_RATIO, _Word

QUOTE_MARKS = "«“\"„"


def _section_breaks(
    words: list[_Word], gutters: list[tuple[float, float]], body: float,
    page_height: float | None = None, foot: float | None = None,
    pictures: Sequence[tuple[float, float, float, float]] = (),
) -> list[tuple[float, float]]:
    """Headings that cut the page across although they are short: a section heading above
    a section set in balanced columns (LibreOffice sections, CSS `column-span`). The other
    columns are empty beside it (with half a line of room), hold text above it (the
    section before), and all start again at about the same height below it (its own
    section): a title facing a picture or the gap between two articles of the next
    column does not. A section heading set inside the flow of balanced sections gives a
    cut just above it (a span of no height)."""
    if not gutters:
        return []

    def column_of(word: _Word) -> int:
        return sum(1 for start, _ in gutters if word.x0 >= start)

    rows: dict[tuple[int, int], list[_Word]] = {}
    for word in words:
        if word.size >= body * HEADING_SIZE_RATIO or (word.bold and word.size > body + 0.3):
            rows.setdefault((column_of(word), round(word.bottom)), []).append(word)
    breaks = []
    pad = body * 0.5
    columns = range(len(gutters) + 1)
    spanning: set[int] = set()
    for start, end in gutters:
        spanning |= _spanning_words(words, (start + end) / 2)
    wide = _wide_lines(words, 0.75 * (max(w.x1 for w in words) - min(w.x0 for w in words)))
    footer = _footer(words, wide, body)

    def fills_page(column: int, below: float) -> bool:
        """The column runs on to the foot of the page under `below` (low on the page, and
        within a few lines of where the issue's text runs down to on any page): the flow
        of one section going on, not a short section that fills fewer columns."""
        if page_height is None:
            return True
        ends = [w.bottom for w in words if column_of(w) == column and w.top >= below
                and id(w) not in wide]
        return bool(ends) and max(ends) > 0.8 * page_height and (
            foot is None or max(ends) >= foot - 4 * body)

    def heading_sizes(column: int, low: float, high: float) -> list[float]:
        """Sizes of the heading type set in the column with their top in [low, high)."""
        return [w.size for w in words if column_of(w) == column and low <= w.top < high
                and w.size >= body * HEADING_SIZE_RATIO]

    def heads_a_title(column: int, below: float, size: float) -> bool:
        """A smaller heading within a few lines under it, in its column: a section's
        name above its first article's title, not a title at the head of its text."""
        return any(s < size - 0.5 for s in heading_sizes(column, below, below + 5 * body + 0.01))

    def under_a_bigger_heading(column: int, above: float, size: float) -> bool:
        """A bigger heading a few lines over it, in its column: a title under its
        section's name, inside the flow that name opened."""
        return any(s > size + 0.5 for s in heading_sizes(column, above - 5 * body, above))

    def ends_a_pull_quote(column: int, last: _Word) -> bool:
        """The large lines ending a column open on a quotation mark: a pull quote in its
        article's flow, not a heading opening what follows."""
        lines = [w for w in words if column_of(w) == column and abs(w.size - last.size) <= 0.3
                 and w.bottom <= last.bottom + 0.5 and w.top >= last.bottom - 6 * last.size]
        first = min(lines, key=lambda w: (round(w.top), w.x0), default=None)
        return first is not None and first.text[:1] in QUOTE_MARKS

    def heading_end(column: int, bottom: float, size: float) -> float:
        """Where a heading wrapped over several lines ends: its next lines, in its type,
        follow each other a line apart."""
        while True:
            following = [w.bottom for w in words if column_of(w) == column
                         and abs(w.size - size) <= 0.5 and bottom < w.top <= bottom + 0.5 * size]
            if not following:
                return bottom
            bottom = max(following)

    for (column, _), row in rows.items():
        if column != 0:  # a heading across the columns starts at the left one
            continue
        if min(row, key=lambda w: w.x0).text[:1] in QUOTE_MARKS:
            continue  # a pull quote set in the flow of its article: no section opens there
        top, bottom = min(w.top for w in row), max(w.bottom for w in row)
        size = max(w.size for w in row)
        if any(column_of(w) == column and w.size >= size - 0.5 and 0 <= top - w.bottom < size
               for w in words):
            continue  # the second line of a heading: the first one is the break
        others = [w for w in words if column_of(w) != column]
        if not any(w.bottom <= top for w in others):
            continue
        if not any(w.bottom > top - pad and w.top < bottom + pad for w in others):
            # Below it, every column starts its text at about the same height (a picture
            # beside a title leaves the next column empty much further down).
            starts = [min((w.top for w in words if column_of(w) == index and w.top >= bottom
                           and id(w) not in footer), default=None) for index in columns]
            present = [start for start in starts if start is not None]
            # Columns left empty down to the next line across the page or the next
            # heading in this one's type: a short section filling fewer columns, closed
            # by the next section's heading.
            end = heading_end(column, bottom, size)
            closing = min((w.top for w in words if w.top > end and id(w) not in footer
                           and (id(w) in wide or (column_of(w) == column
                                                  and abs(w.size - size) <= 0.5))),
                          default=None)
            below_end = [min((w.top for w in words if column_of(w) == index and w.top > end
                              and id(w) not in footer), default=None) for index in columns]
            filled = [start for start in below_end
                      if start is not None and (closing is None or start < closing)]
            ends = [max((w.bottom for w in words if column_of(w) == index
                         and w.bottom <= top), default=None) for index in columns]
            # ... and every column holds lines of a section above (not a lone label).
            filled_above = None not in ends and all(
                len({round(w.bottom) for w in words if column_of(w) == index
                     and w.bottom <= top and id(w) not in wide}) >= 2 for index in columns)
            # Balanced columns end level within two lines of body type (1.2 em each) and
            # a paragraph's gap: one column may end on a title and a short paragraph.
            level = filled_above and max(ends) - min(ends) <= 2.5 * body
            if len(present) == len(starts) and max(present) - min(present) <= 3 * body:
                breaks.append((top, bottom))
            elif not present and filled_above and max(ends) - min(ends) <= 8 * body:
                # Last on the page under every column's text: the next section's heading,
                # its text on the next page (balanced columns may end lines apart when a
                # paragraph will not split).
                breaks.append((top, bottom))
            elif level and present and max(present) - min(present) <= 3 * body \
                    and min(present) - bottom <= 3 * body \
                    and not under_a_bigger_heading(column, top, size) \
                    and (len(present) > 1 or not fills_page(column, bottom)
                         or heads_a_title(column, end, size)):
                # Under columns that end level (a balanced section ends there): the next
                # section's heading right above a short section that fills fewer columns.
                breaks.append((top, bottom))
            elif closing is not None and 2 <= len(filled) < len(starts) \
                    and max(filled) - min(filled) <= 3 * body and min(filled) - end <= 3 * body \
                    and below_end[column] in filled:
                breaks.append((top, bottom))
            continue
        # A heading inside the flow of balanced sections (Word's continuous section
        # breaks): nothing crosses the line just above it, every column leaves a line's
        # gap there and starts again right at its height (or holds nothing more: a short
        # last section fills fewer columns).
        cut = top - 1
        if any(w.top < cut < w.bottom for w in words) or any(
                frame[1] < cut < frame[3] for frame in pictures):
            continue  # a line, or a column's picture, runs across the cut
        above = [max((w for w in words if column_of(w) == index and w.bottom <= cut),
                     key=lambda w: (w.bottom, w.x1), default=None) for index in columns]
        below = [min((w for w in words if column_of(w) == index and w.top >= cut
                      and id(w) not in spanning),
                     key=lambda w: (w.top, w.x0), default=None) for index in columns]
        if None in above or below[column] is None:
            continue
        ends = [last.bottom for last in above]
        # Every other column starting again right at the heading's height says so even
        # where the section before ended its columns far apart (a few short articles).
        restart = all(first is not None and first.top - cut <= body
                      for index, first in enumerate(below) if index != column)
        # Every column ends the section before with text a line or more above (never
        # with a heading: that one opens what follows); another heading facing it is
        # another section of one flow.
        if all(cut - end >= body for end in ends) \
                and (max(ends) - min(ends) <= 8 * body or restart) \
                and all(last.size < body * HEADING_SIZE_RATIO or ends_a_pull_quote(index, last)
                        for index, last in enumerate(above)) \
                and all(first is None or index == column or first.size < size - 0.5
                        for index, first in enumerate(below)) \
                and any(first is not None and index != column and first.top - cut <= body
                        for index, first in enumerate(below)):
            # Another column starts again right at the heading's height (a last one may
            # start lower, under a gap the balancing left).
            breaks.append((cut, cut))
    return breaks


def _footer(words: list[_Word], wide: set[int], body: float) -> set[int]:
    """Ids of the words of a footer under all the columns: lines across the page under
    all the columns' text, or a colophon in small type from its first line across the
    page down (its short last line too). It starts no column."""
    columns_end = max((w.bottom for w in words if id(w) not in wide), default=0.0)
    footer = {id(w) for w in words if id(w) in wide and w.top >= columns_end}
    for top in sorted({w.top for w in words if id(w) in wide and w.size < body - 0.5}):
        below = [w for w in words if w.top >= top - 0.5]
        if all(id(w) in wide or w.size < body - 0.5 for w in below):
            return footer | {id(w) for w in below}
    return footer
