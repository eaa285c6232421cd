"""The issue's number, date and id, and the articles' ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from kb.citation import MONTH_KEYS, MONTHS_FR, issue_label
from kb.models import Block, ExtractedDocument, Issue
from kb.segment.vocabulary import NEWSLETTER_KEY, VOCABULARY
from kb.textclean import fold, slugify

MONTH_LABELS = MONTHS_FR  # as written ("février"); MONTH_KEYS folded, for matching

# "décret n°2014-1750", "loi n° 2014-173": a text's number, its year first, is no issue's.
NUMBER_RE = re.compile(r"\b(?:n\s?[°ºo]|num[ée]ro|no\.)\s*(\d{1,4})\b(?![-‑/.]\d)",
                       re.IGNORECASE)
_MONTH_ALT = "|".join(MONTH_KEYS)
# A line that only states the issue's number ("n°276", "N° 33"): a piece of the masthead,
# never content. (A month and year alone may head an agenda's items: not furniture.)
_ISSUE_LABEL_ONLY_RE = re.compile(r"^\s*(?:n\s*[°o]|num[ée]ro)\s*\d{1,4}\s*$", re.IGNORECASE)


def issue_label_only(text: str) -> bool:
    return _ISSUE_LABEL_ONLY_RE.match(text) is not None


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
        day, month, year = match.group(1), MONTH_KEYS.index(match.group(2)) + 1, match.group(3)
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
    """The issue's title, in the house form of citations ("Résonances n°57, mai 2021")."""
    return issue_label(number, date)


# The newsletter's name followed by an issue number: a running label or a colophon
# ("Résonances n°58 – octobre 2021. Pôle ressources…"), on a folded copy of the text.
_LABEL_RE = re.compile(rf"\b{re.escape(NEWSLETTER_KEY)}\s+(?:n|no|numero)\s+\d{{1,4}}\b")
_ISSUE_LINE_MAX_WORDS = 8
_ISSUE_NUMBER_MAX = 9999  # four digits at most: a longer figure is a reference


def is_issue_label(text: str) -> bool:
    """The text names the newsletter and an issue number ("Résonances n°58 – …")."""
    return bool(_LABEL_RE.search(fold(text)))


def is_issue_line(text: str) -> bool:
    """A short line stating an issue number and a date ("N° 57 | Mai 2021")."""
    number = number_in(text)
    return (
        len(text.split()) <= _ISSUE_LINE_MAX_WORDS and not text.rstrip().endswith(".")
        and number is not None and number <= _ISSUE_NUMBER_MAX and date_in(text) is not None
    )


def identity_texts(document: ExtractedDocument, masthead: Sequence[Block],
                   blocks: Sequence[Block] = (), running: Sequence[str] = (),
                   ) -> list[tuple[str, str]]:
    """(origin, text) of every place that may state the issue's number and date, most
    trusted first: the masthead (its lines one by one, then joined, for a label broken
    over lines), an issue line elsewhere on the first page, the running headers, the
    file's own title (<title>, PDF metadata), a colophon naming the issue."""
    texts = [("masthead", block.text) for block in masthead]
    if len(masthead) > 1:
        texts.append(("masthead", " ".join(block.text for block in masthead)))
    first_page = min((block.page for block in blocks), default=1)
    texts += [("masthead", block.text) for block in blocks
              if block.page == first_page and is_issue_line(block.text)]
    texts += [("running-header", text) for text in (*document.running_heads, *running)]
    if document.title:
        texts.append(("title", document.title))
    texts += [("colophon", block.text) for block in blocks if is_issue_label(block.text)]
    return texts


def build_issue(document: ExtractedDocument, masthead: Sequence[Block],
                blocks: Sequence[Block] = (), running: Sequence[str] = ()) -> Issue:
    """The issue as its content states it; the file name only where the content is silent."""
    texts = identity_texts(document, masthead, blocks, running)
    number, number_from = next(
        ((n, origin) for origin, text in texts if (n := number_in(text)) is not None
         and n <= _ISSUE_NUMBER_MAX), (None, None))
    date, date_from = next(
        ((d, origin) for origin, text in texts if (d := date_in(text)) is not None),
        (None, None))
    stem = Path(document.source.path).stem
    if number is None and (number := number_from_stem(stem)) is not None:
        number_from = "file-name"
    if date is None and (date := date_from_stem(stem)) is not None:
        date_from = "file-name"
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
        number_from=number_from,
        date_from=date_from,
    )


def issue_warnings(issue: Issue) -> tuple[str, ...]:
    """What a documentalist must know about the issue's identity: a number or a date
    found nowhere (the issue is filed without it), or a file name saying otherwise."""
    warnings = []
    where = "dans le contenu (en-tête, titre, objet du courriel) comme dans le nom du fichier"
    if issue.number is None and issue.date is None:
        warnings.append(f"numéro et date introuvables {where} : numéro classé sans date, "
                        "à renseigner")
    elif issue.date is None:
        warnings.append(f"date introuvable {where} : numéro classé sans date, à renseigner")
    elif issue.number is None:
        warnings.append(f"numéro introuvable {where} : à renseigner")
    stem = Path(issue.sources[0]).stem if issue.sources else ""
    if issue.number_from not in (None, "file-name") \
            and (named := number_from_stem(stem)) is not None and named != issue.number:
        warnings.append(f"le contenu indique le n°{issue.number}, le nom du fichier le n°{named}")
    return tuple(warnings)


def article_id(issue_id: str, title: str, occurrence: int) -> str:
    key = f"{issue_id}\x1f{fold(title)}"
    if occurrence:
        key += f"\x1f{occurrence}"
    return f"{issue_id}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"
