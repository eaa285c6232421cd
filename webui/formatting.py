"""French presentation of dates, issue names and counts for pages, feeds and CSV.

Citations and month names are `kb.citation`'s, shared with the index and the CLI.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.api import IssueSummary, RecordIssue
from kb.citation import issue_label, month_year
from kb.textclean import strip_accents


def long_date(date: str | None) -> str:
    """'2021-05-11' -> '11 mai 2021' (1er for the first day), shorter dates as month_year."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 3 and parts[2].isdigit():
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {month_year(date)}"
    return month_year(date)


def issue_name(issue: RecordIssue | IssueSummary) -> str:
    """'Résonances n°57, mai 2021', or the issue's own title when it has no number."""
    return issue_label(issue.number, issue.date, issue.title or issue.id)


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple[str, str]:
    """Sort key for French labels: 'Écologie' between 'Dordogne' and 'Fontenay', not after
    'Sarcelles'; case and accents only break ties. Cached: facet lists sort thousands."""
    return strip_accents(text).casefold(), text
