"""Citing an article: the house citation, Highwire `citation_*` tags (read by Zotero's
connector), RIS and BibTeX. Plain functions of an article record and its URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.api import ArticleRecord
from kb.citation import NEWSLETTER, citation
from webui.titles import display_title

PUBLISHER = "Pôle ressources ville et développement social"


def pages_of(record: ArticleRecord) -> list[int]:
    return sorted(set(record.pages))


def house_citation(record: ArticleRecord, url: str) -> str:
    """« Titre », Résonances n°57, mai 2021, p. 3. En ligne : URL"""
    where = citation(record.issue.number, record.issue.date, pages_of(record))
    return f"« {display_title(record)} », {where}. En ligne : {url}"


def slash_date(date: str | None) -> str:
    """'2021-05' → '2021/05': the form Highwire tags and RIS use."""
    return (date or "").replace("-", "/")


def highwire_tags(record: ArticleRecord, pdf_url: str | None, page_url: str
                  ) -> list[tuple[str, str]]:
    issue = record.issue
    pages = pages_of(record)
    tags = [
        ("citation_title", display_title(record)),
        ("citation_journal_title", NEWSLETTER),
        ("citation_publisher", PUBLISHER),
        ("citation_language", "fr"),
        ("citation_abstract_html_url", page_url),
    ]
    if issue.date:
        tags += [("citation_date", slash_date(issue.date)),
                 ("citation_publication_date", slash_date(issue.date))]
    if issue.number is not None:
        tags.append(("citation_issue", str(issue.number)))
    if pages:
        tags += [("citation_firstpage", str(pages[0])), ("citation_lastpage", str(pages[-1]))]
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    tags += [("citation_keywords", t.label) for t in record.themes]
    return tags


# --- RIS -------------------------------------------------------------------------------

_RIS_UNSAFE = re.compile(r"[\r\n\x00-\x1f]+")


def _ris_line(tag: str, value: object) -> str:
    return f"{tag}  - {_RIS_UNSAFE.sub(' ', str(value)).strip()}"


def ris_entry(record: ArticleRecord, url: str, pdf_url: str | None = None) -> str:
    issue = record.issue
    pages = pages_of(record)
    lines = [_ris_line("TY", "JOUR"), _ris_line("TI", display_title(record)),
             _ris_line("T2", NEWSLETTER), _ris_line("JO", NEWSLETTER),
             _ris_line("PB", PUBLISHER), _ris_line("LA", "fr")]
    if issue.date:
        lines += [_ris_line("PY", issue.date[:4]), _ris_line("DA", slash_date(issue.date))]
    if issue.number is not None:
        lines.append(_ris_line("IS", issue.number))
    if pages:
        lines += [_ris_line("SP", pages[0]), _ris_line("EP", pages[-1])]
    if record.lead:
        lines.append(_ris_line("AB", record.lead))
    lines += [_ris_line("KW", t.label) for t in record.themes]
    lines += [_ris_line("KW", c.name) for c in record.communes]
    lines.append(_ris_line("UR", url))
    if pdf_url:
        lines.append(_ris_line("L1", pdf_url))
    lines.append(_ris_line("ID", record.id))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def ris(entries: Iterable[str]) -> str:
    return "\r\n".join(entries)


# --- BibTeX ----------------------------------------------------------------------------

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(text: object) -> str:
    value = " ".join(str(text).split())
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in value)


def bibtex_key(record: ArticleRecord) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]+", "-", record.id or "article").strip("-")


def bibtex_entry(record: ArticleRecord, url: str) -> str:
    issue = record.issue
    pages = pages_of(record)
    fields: list[tuple[str, str]] = [
        ("title", "{" + bibtex_escape(display_title(record)) + "}"),
        ("journal", bibtex_escape(NEWSLETTER)),
        ("publisher", bibtex_escape(PUBLISHER)),
    ]
    date = issue.date or ""
    if date:
        fields.append(("year", date[:4]))
        month = date[5:7]
        if month.isdigit() and 1 <= int(month) <= 12:
            fields.append(("month", MONTHS[int(month) - 1]))
    if issue.number is not None:
        fields.append(("number", str(issue.number)))
    if pages:
        fields.append(("pages", str(pages[0]) if len(pages) == 1 else f"{pages[0]}--{pages[-1]}"))
    fields += [("language", "french"), ("url", re.sub(r"[{}\s]", "", url))]
    body = ",\n".join(
        f"  {name} = {value}" if name in ("year", "month") else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@article{{{bibtex_key(record)},\n{body}\n}}\n"
