"""French presentation of dates and bibliographic citations, shared by pages, feeds and CSV."""

from __future__ import annotations

from collections.abc import Sequence

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def month_year(date: str | None) -> str:
    """'2021-05-11' or '2021-05' -> 'mai 2021'; '2021' -> '2021'."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def long_date(date: str | None) -> str:
    """'2021-05-11' -> '11 mai 2021' (1er for the first day), shorter dates as month_year."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 3 and parts[2].isdigit():
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {month_year(date)}"
    return month_year(date)


def pages_label(pages: Sequence[int]) -> str:
    if not pages:
        return ""
    first, last = min(pages), max(pages)
    return f"p. {first}" if first == last else f"p. {first}-{last}"


def citation(issue_number: int | None, date: str | None, pages: Sequence[int]) -> str:
    """'Résonances n°57, mai 2021, p. 3' — what a practitioner pastes in a note."""
    parts = [f"Résonances n°{issue_number}" if issue_number is not None else "Résonances"]
    if date:
        parts.append(month_year(date))
    if pages:
        parts.append(pages_label(pages))
    return ", ".join(parts)


def issue_name(issue: dict) -> str:
    """'Résonances n°57, mai 2021', or the issue's own title when it has no number."""
    if issue.get("number") is not None:
        return citation(issue["number"], issue.get("date"), ())
    title = issue.get("title") or issue.get("id") or "Résonances"
    return f"{title}, {month_year(issue['date'])}" if issue.get("date") else title


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count:,} {word}".replace(",", "\u202f")
