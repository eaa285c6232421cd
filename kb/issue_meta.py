"""An issue's number and date as the documentalist states them, over what was read.

Some issues say neither in their text nor in their file name; `kb reindex FICHIER
--numero 57 --date 2021-04` gives them. The read issue is rebuilt as if the text had
said so: same id scheme ("resonances-n57"), same title, same article ids, and the
"introuvable" warnings recomputed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from kb.models import Issue
from kb.pipeline import ReadIssue
from kb.segment.issue import article_id, issue_title, issue_warnings
from kb.segment.vocabulary import VOCABULARY
from kb.textclean import fold

DATE_RE = re.compile(r"^(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$")
GIVEN = "documentaliste"  # Issue.number_from / date_from when stated by hand


@dataclass(frozen=True, slots=True)
class IssueMeta:
    number: int | None = None
    date: str | None = None

    def to_json(self) -> dict:
        return {"numero": self.number, "date": self.date}

    @classmethod
    def from_json(cls, raw: dict) -> IssueMeta:
        return cls(raw.get("numero"), raw.get("date"))


def check_meta(number: int | None, date: str | None) -> list[str]:
    """French reasons why these values cannot be an issue's number and date."""
    problems = []
    if number is not None and not 0 < number < 10000:
        problems.append(f"numéro invalide : {number} (un entier positif, par exemple 57)")
    if date is not None and not DATE_RE.match(date):
        problems.append(f"date invalide : « {date} » (AAAA-MM ou AAAA-MM-JJ, "
                        "par exemple 2021-04)")
    return problems


def with_meta(item: ReadIssue, meta: IssueMeta | None) -> ReadIssue:
    if meta is None or (meta.number is None and meta.date is None):
        return item
    old = item.issue
    number = meta.number if meta.number is not None else old.number
    date = meta.date or old.date
    prefix = VOCABULARY.id_prefix
    issue_id = (f"{prefix}-n{number}" if number is not None
                else f"{prefix}-{date}" if date else old.id)
    issue = replace(
        old, id=issue_id, title=issue_title(number, date), number=number, date=date,
        number_from=GIVEN if meta.number is not None else old.number_from,
        date_from=GIVEN if meta.date else old.date_from,
    )
    stale = set(issue_warnings(old))
    warnings = (*(w for w in item.document.warnings if w not in stale),
                *issue_warnings(issue))
    return ReadIssue(replace(item.document, warnings=warnings), issue,
                     tuple(_renumbered(item, issue)))


def _renumbered(item: ReadIssue, issue: Issue):
    """The articles under the new issue, their ids made as kb.segment.output makes them."""
    occurrences: Counter[str] = Counter()
    for article in item.articles:
        key = fold(article.title)
        yield replace(article, issue=issue, id=article_id(issue.id, article.title,
                                                          occurrences[key]))
        occurrences[key] += 1
