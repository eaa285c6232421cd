"""The issue's number, date and id, and the articles' ids."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.models import Block, ExtractedDocument, Issue
from kb.segment.vocabulary import NEWSLETTER, NEWSLETTER_KEY, VOCABULARY
from kb.textclean import fold, slugify

MONTHS_FR = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)
MONTH_LABELS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)

NUMBER_RE = re.compile(r"\b(?:n\s?[°ºo]|num[ée]ro|no\.)\s*(\d{1,4})\b", re.IGNORECASE)
_MONTH_ALT = "|".join(MONTHS_FR)
_DATE_RE = re.compile(
    rf"\b(?:(\d{{1,2}})(?:er)?\s+)?({_MONTH_ALT})(?:[\s/–-]+(?:{_MONTH_ALT}))?\s+((?:19|20)\d\d)\b"
)
_NUMERIC_DATE_RE = re.compile(r"\b(?:(\d{1,2})/)?(0?[1-9]|1[0-2])/((?:19|20)\d\d)\b")
_STEM_NUMBER_RE = re.compile(r"(?:^|[^a-z0-9])n[°o]?[-_ ]?(\d{1,4})(?=$|[^0-9])")
_STEM_DATE_RE = re.compile(
    r"((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])(?:[-_.](0[1-9]|[12]\d|3[01]))?(?!\d)"
)
# A file stem names the newsletter when it holds the first letters of its name.
_STEM_NAME = NEWSLETTER_KEY.replace(" ", "")[:5]


def date_in(text: str) -> str | None:
    text = NUMBER_RE.sub(" ", text)  # "n°57 – mai 2021": 57 is not a day
    folded = fold(text)
    match = _DATE_RE.search(folded)
    if match:
        day, month, year = match.group(1), MONTHS_FR.index(match.group(2)) + 1, match.group(3)
        if day and 1 <= int(day) <= 31:
            return f"{year}-{month:02d}-{int(day):02d}"
        return f"{year}-{month:02d}"
    match = _NUMERIC_DATE_RE.search(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}" if day else f"{year}-{int(month):02d}"
    return None


def number_in(text: str) -> int | None:
    match = NUMBER_RE.search(text)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def number_from_stem(stem: str) -> int | None:
    stem = stem.casefold()
    match = _STEM_NUMBER_RE.search(stem)
    if match and int(match.group(1)) > 0:
        return int(match.group(1))
    if _STEM_NAME not in fold(stem).replace(" ", ""):
        return None
    for token in re.split(r"[^0-9]+", stem):
        if token and not (len(token) == 4 and token[:2] in ("19", "20")):
            return int(token) if int(token) > 0 else None
    return None


def date_from_stem(stem: str) -> str | None:
    match = _STEM_DATE_RE.search(stem)
    if match:
        year, month, day = match.groups()
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    return date_in(stem.replace("_", " ").replace("-", " "))


def issue_title(number: int | None, date: str | None) -> str:
    parts = [NEWSLETTER]
    if number is not None:
        parts.append(f"n°{number}")
    title = " ".join(parts)
    if date:
        month = MONTH_LABELS[int(date[5:7]) - 1] if len(date) >= 7 else ""
        title += f" – {month} {date[:4]}".replace("  ", " ")
    return title


def build_issue(document: ExtractedDocument, masthead: list[Block]) -> Issue:
    texts = [block.text for block in masthead]
    if document.title:
        texts.append(document.title)
    number = next((n for n in map(number_in, texts) if n is not None), None)
    date = next((d for d in map(date_in, texts) if d is not None), None)
    stem = Path(document.source.path).stem
    if number is None:
        number = number_from_stem(stem)
    if date is None:
        date = date_from_stem(stem)
    prefix = VOCABULARY.id_prefix
    if number is not None:
        issue_id = f"{prefix}-n{number}"
    elif date is not None:
        issue_id = f"{prefix}-{date}"
    else:
        issue_id = slugify(stem) or prefix
    return Issue(
        id=issue_id,
        title=issue_title(number, date),
        number=number,
        date=date,
        sources=(document.source.path,),
    )


def article_id(issue_id: str, title: str, occurrence: int) -> str:
    key = f"{issue_id}\x1f{fold(title)}"
    if occurrence:
        key += f"\x1f{occurrence}"
    return f"{issue_id}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"
