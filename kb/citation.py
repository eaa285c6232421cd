"""The house form of a reference to the newsletter: « Résonances n°57, mai 2021, p. 3 ».

One definition for the index's facet labels, the web pages, feeds and exports, and the
`kb` command, so a practitioner pastes the same citation whichever one they used.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb.textclean import strip_accents

NEWSLETTER = "Résonances"

# The month names, the one list of them: as written, and folded for matching.
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
MONTH_KEYS = tuple(strip_accents(month) for month in MONTHS_FR)


def month_year(date: str | None) -> str:
    """'2021-05-11' or '2021-05' → 'mai 2021'; '2021' → '2021'; None → ''."""
    if not date:
        return ""
    year, _, rest = date.partition("-")
    month = rest.partition("-")[0]
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS_FR[int(month) - 1]} {year}"
    return year


def pages_label(pages: Iterable[int]) -> str:
    """(3,) → 'p. 3'; (3, 4) → 'p. 3-4'; (3, 5) → 'p. 3, 5'; (2, 3, 4, 7) → 'p. 2-4, 7'.

    Consecutive pages make a range; a gap is kept, so a reader does not leaf through
    pages the article is not on.
    """
    ordered = sorted(set(pages))
    if not ordered:
        return ""
    runs: list[list[int]] = []
    for page in ordered:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "p. " + ", ".join(
        str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs
    )


def issue_label(number: int | None, date: str | None, title: str | None = None) -> str:
    """'Résonances n°57, mai 2021'. An issue without a number is named by its own
    title when one is given, else by the newsletter's name; an unknown date is left out."""
    name = f"{NEWSLETTER} n°{number}" if number is not None else (title or NEWSLETTER)
    return ", ".join(part for part in (name, month_year(date)) if part)


def citation(number: int | None, date: str | None, pages: Iterable[int] = ()) -> str:
    """'Résonances n°57, mai 2021, p. 3' — what a practitioner pastes in a note."""
    return ", ".join(part for part in (issue_label(number, date), pages_label(pages)) if part)
