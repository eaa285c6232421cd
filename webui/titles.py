"""Titles that read well: capitals in sentence case, generic headings told apart.

The index keeps each title as printed ("ENGAGEMENTS QUARTIERS 2030 : …", "Mouvements");
these functions only decide how it is shown. A title set in capitals is lower-cased,
except the words the article's own text writes with capitals in mid-sentence (place
names, organisations, acronyms). A generic heading ("Mouvements", "En bref", "Dans la
presse", "Édito") is followed by what the item is about.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from importlib.resources import files

from flask import current_app

from indexer.api import ArticleRecord, Hit
from kb.textclean import fold, is_all_caps

GENERIC_HEADINGS = frozenset({"mouvements", "en bref", "dans la presse", "edito", "editorial"})
SUBJECT_WORDS = 8
SUBJECT_NAMES = 2
_WORD = re.compile(r"[^\W\d_][\w·.\-]*\w|[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?:«»\n]\s*$")
_CACHE_MAX = 20_000
# Acronyms of the glossary that are also French words stay lower-case in a title.
_WORD_ACRONYMS = frozenset({
    "plus", "ami", "div", "pass", "prior", "elan", "pre", "cia", "ans", "ame", "pat", "pic",
    "plie", "vif", "sem", "cil", "tig", "clas",
})


@cache
def acronym_forms() -> dict[str, str]:
    """'npnru' → 'NPNRU', 'paqte' → 'PaQte': the glossary's acronyms as written."""
    text = (files("kb") / "data" / "acronyms.tsv").read_text(encoding="utf-8")
    forms = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        acronym = (row.get("acronym") or "").strip()
        if len(acronym) >= 3 and acronym.lower() not in _WORD_ACRONYMS:
            forms[acronym.lower()] = acronym
    return forms


def strip_chevrons(title: str) -> str:
    """'< Mouvements >' → 'Mouvements' (the rubric markers of the printed letter)."""
    stripped = title.strip()
    if stripped.startswith("<") and stripped.endswith(">"):
        stripped = stripped[1:-1].strip()
    return stripped


def _case_forms(text: str, words: set[str]) -> dict[str, str]:
    """lower-case word → the form the text gives it in mid-sentence, when that form is
    mostly not lower-case ('acacias' → 'Acacias', 'npnru' → 'NPNRU'); only `words` are
    looked for."""
    if not words or not text:
        return {}
    counts: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        if word.lower() not in words:
            continue
        before = text[max(0, match.start() - 3): match.start()]
        sentence_start = match.start() == 0 or _SENTENCE_END.search(before) or not before.strip()
        if sentence_start and not word.isupper():  # a capital there says nothing
            continue
        counts.setdefault(word.lower(), Counter())[word] += 1
    forms = {}
    for lower, seen in counts.items():
        form, count = seen.most_common(1)[0]
        if form != lower and count > seen.get(lower, 0):
            forms[lower] = form
    return forms


def sentence_case(title: str, text: str = "") -> str:
    """A title in capitals, in sentence case; any other title unchanged."""
    if not is_all_caps(title):
        return title
    words = {match.group().lower() for match in _WORD.finditer(title)}
    acronyms = acronym_forms()
    forms = {w: acronyms[w] for w in words if w in acronyms}
    forms.update(_case_forms(text, words))

    def word(match: re.Match[str]) -> str:
        lower = match.group().lower()
        return forms.get(lower, lower)

    cased = _WORD.sub(word, title)
    # A capital to start the title and each sentence in it ("Prévenir sans punir ? Les…").
    return re.sub(r"(^\W*|[.?!]\s+)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(),
                  cased, count=0)


def _first_words(text: str, count: int = SUBJECT_WORDS) -> str:
    words = text.split()
    if not words:
        return ""
    cut = " ".join(words[:count]).rstrip(" ,;:.")
    return cut + ("…" if len(words) > count or cut != " ".join(words) else "")


def generic_subject(record: ArticleRecord) -> str | None:
    """What a generic item is about, or None for an ordinary title."""
    title = strip_chevrons(record.title)
    if fold(title) not in GENERIC_HEADINGS:
        return None
    items = [i.strip() for i in record.items if i.strip()]
    body = "\n".join(p for p in (record.lead, record.text) if p)
    lines = items or [line.strip() for line in body.split("\n") if line.strip()]
    if fold(title) == "mouvements":
        names = [p.name for p in record.people] or [
            line.split(",")[0].strip() for line in lines
        ]
        if names:
            more = "…" if len(names) > SUBJECT_NAMES else ""
            return ", ".join(names[:SUBJECT_NAMES]) + more
    if fold(title) == "dans la presse" and lines:
        quoted = re.match(r"\s*(«[^»]{3,}»)", lines[0])
        if quoted:
            return quoted.group(1) + ("…" if len(lines) > 1 else "")
    return _first_words(lines[0] if lines else body) or None


def display_title(record: ArticleRecord) -> str:
    title = strip_chevrons(record.title) or "Sans titre"
    subject = generic_subject(record)
    if subject:
        return f"{title} — {subject}"
    text = "\n".join(p for p in (record.lead, record.text) if p)
    return sentence_case(title, text)


def hit_title(hit: Hit) -> str:
    """The display title of a search hit, from its full record (cached per app)."""
    cache: dict[tuple[str, str], str] = current_app.extensions.setdefault("kb_titles", {})
    title = strip_chevrons(hit.title)
    if fold(title) not in GENERIC_HEADINGS and not is_all_caps(title):
        return title  # nothing to change: no need to read the record
    key = (hit.id, hit.title)
    if key not in cache:
        from webui.services import search_service

        record = search_service().article(hit.id)
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        cache[key] = display_title(record) if record else strip_chevrons(hit.title)
    return cache[key]
