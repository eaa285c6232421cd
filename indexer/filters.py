"""Filter values beyond exact facet values: a year range (`2019-2021`, `2019-`, `-2021`).

Within a facet, values are OR-ed; across facets, AND-ed (Meilisearch-style). A range is
one value standing for every year it spans, so it ORs with other years like any value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

YEAR_RANGE = re.compile(r"(?P<start>\d{4})?\s*[-–]\s*(?P<end>\d{4})?")


def year_range(value: str) -> tuple[int | None, int | None] | None:
    """(first, last) years of a range value, ordered, either end open; None if not one."""
    match = YEAR_RANGE.fullmatch(value.strip())
    if not match or not (match["start"] or match["end"]):
        return None
    start = int(match["start"]) if match["start"] else None
    end = int(match["end"]) if match["end"] else None
    if start is not None and end is not None and start > end:
        start, end = end, start
    return start, end


def range_value(start: int | None, end: int | None) -> str:
    """The URL value of a range: `2019-2021`, `2019-`, `-2021`, or one year alone."""
    if start is not None and start == end:
        return str(start)
    return f"{start or ''}-{end or ''}"


def expand(facet: str, value: str, available: Iterable[str]) -> list[str]:
    """The facet values a filter value stands for: itself, or every year of a range."""
    if facet != "year":
        return [value]
    bounds = year_range(value)
    if bounds is None:
        return [value]
    start, end = bounds
    return [year for year in available if year.isdigit()
            and (start is None or int(year) >= start) and (end is None or int(year) <= end)]
