"""CSV export of a result set, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from indexer.api import Hit
from kb.citation import pages_label
from webui.urls import external_url

COLUMNS = (
    "identifiant",
    "titre",
    "numero",
    "date",
    "pages",
    "section",
    "rubrique",
    "surtitre",
    "communes",
    "themes",
    "adresse",
    "source",
)
# A cell starting with one of these is run as a formula by spreadsheet software.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def hit_row(hit: Hit) -> list[str]:
    return [
        neutralise(value)
        for value in (
            hit.id,
            hit.title,
            hit.issue_number if hit.issue_number is not None else "",
            hit.date or "",
            pages_label(hit.pages),
            hit.section or "",
            hit.kind or "",
            hit.heading or "",
            "; ".join(f"{name} ({insee})" for insee, name in hit.communes),
            "; ".join(label for _, label in hit.themes),
            external_url("articles.article", article_id=hit.id),
            hit.source,
        )
    ]


def csv_text(hits: Iterable[Hit]) -> str:
    buffer = io.StringIO()
    # The BOM makes spreadsheet software read the accents as UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for hit in hits:
        writer.writerow(hit_row(hit))
    return buffer.getvalue()
