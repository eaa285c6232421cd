"""The newsletter's recurring vocabulary, as data: its name, its sections, its list rubrics.

Read once from `kb/data/sections.tsv` (see its header for the source and the columns), so a
documentalist can add a section name without touching code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kb.textclean import ends_sentence, fold, is_all_caps, normalise_spaces, slugify

MODES = frozenset({"exact", "keep", "detail", "contains"})
KINDS = frozenset({"newsletter", "section", "list", "contents", "footer"})


@dataclass(frozen=True, slots=True)
class Vocabulary:
    newsletter: str  # "Résonances"
    # (label, mode) in file order: the first name a line starts with wins.
    sections: tuple[tuple[str, str], ...]
    list_rubrics: frozenset[str]  # folded names of the sections that are one list article
    contents: frozenset[str] = frozenset()  # folded headings of a table of contents
    footer_phrases: tuple[str, ...] = ()  # folded phrases that open a mailer's footer

    @property
    def newsletter_key(self) -> str:
        return fold(self.newsletter)

    @property
    def id_prefix(self) -> str:
        return slugify(self.newsletter)


def parse_vocabulary(lines: list[str]) -> Vocabulary:
    rows = csv.reader((line for line in lines if line.strip() and not line.startswith("#")),
                      delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if header != ["kind", "label", "mode"]:
        raise ValueError(f"sections.tsv: unexpected header {header!r}")
    newsletter = None
    sections: list[tuple[str, str]] = []
    lists: set[str] = set()
    contents: set[str] = set()
    footer: list[str] = []
    for number, row in enumerate(rows, start=2):
        if len(row) != 3 or row[2] not in MODES or row[0] not in KINDS:
            raise ValueError(f"sections.tsv: bad row {number}: {row!r}")
        kind, label, mode = row
        if kind == "newsletter":
            newsletter = label
            continue
        if kind == "contents":
            contents.add(fold(label))
            continue
        if kind == "footer":
            footer.append(fold(label))
            continue
        sections.append((label, mode))
        if kind == "list":
            lists.add(fold(label))
    if newsletter is None:
        raise ValueError("sections.tsv: no newsletter row")
    return Vocabulary(newsletter, tuple(sections), frozenset(lists), frozenset(contents),
                      tuple(footer))


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("kb").joinpath("data", "sections.tsv").read_text(encoding="utf-8")
    return parse_vocabulary(text.splitlines())


VOCABULARY = vocabulary()
NEWSLETTER = VOCABULARY.newsletter
NEWSLETTER_KEY = VOCABULARY.newsletter_key
KNOWN_SECTIONS: tuple[tuple[str, str], ...] = VOCABULARY.sections
LIST_RUBRICS: frozenset[str] = VOCABULARY.list_rubrics
CONTENTS_HEADINGS: frozenset[str] = VOCABULARY.contents
FOOTER_PHRASES: tuple[str, ...] = VOCABULARY.footer_phrases
_SECTION_KEYS = tuple((fold(label), label, mode) for label, mode in KNOWN_SECTIONS)


def sentence_case(text: str) -> str:
    """Capitals are typography, not the name: "SITE INTERNET" → "Site internet"."""
    if not is_all_caps(text, min_letters=2):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def match_section(text: str, *, marker: bool = False) -> tuple[str, str | None] | None:
    """(section name, detail) when the line names a known section."""
    text = normalise_spaces(text).rstrip(" :")
    if not text or len(text.split()) > 12 or (ends_sentence(text) and not text.endswith(")")):
        return None
    key = fold(text)
    for section_key, label, mode in _SECTION_KEYS:
        if key == section_key:
            return label, None
        if key.startswith(section_key + " ") and (mode != "exact" or marker):
            if mode == "keep":
                return sentence_case(text), None
            words = len(label.split())
            rest = _detail_after(text, words)
            if _titled(text, label, rest):
                return None  # 'Fiche expérience : à Limay, les habitantes…' is a title
            return label, sentence_case(rest) if rest else None
    return None


@cache
def known_labels() -> dict[str, str]:
    """Theme and place names a kicker line may hold, folded → as spelt: the theme
    vocabulary's labels and short keywords (kb/data/themes.tsv), the communes of the
    covered départements and their quartiers prioritaires (kb/data/communes.tsv,
    quartiers.tsv). Read where typography alone cannot tell a kicker from a title."""
    from kb.gazetteer import COVERED_DEPARTEMENTS, load_gazetteer

    labels: dict[str, str] = {}
    text = resources.files("kb").joinpath("data", "themes.tsv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        labels.setdefault(fold(row["label"]), row["label"])
        for keyword in row["keywords"].split(";"):
            if keyword.strip() and len(keyword.split()) <= 3:
                labels.setdefault(fold(keyword), keyword.strip()[:1].upper() + keyword.strip()[1:])
    gazetteer = load_gazetteer()
    for code in COVERED_DEPARTEMENTS:
        for commune in gazetteer.in_departement(code):
            for name in (commune.name, *commune.aliases):
                labels.setdefault(fold(name), name)
            for quartier in gazetteer.quartiers_of(commune.insee):
                labels.setdefault(fold(quartier.name), quartier.name)
    return labels


def known_label(text: str) -> str | None:
    """The theme or place a short line names, as spelt in the data, if any."""
    return known_labels().get(fold(text))


def is_list_rubric(name: str) -> bool:
    return fold(name) in LIST_RUBRICS


TITLE_AFTER_COLON_WORDS = 6  # after a section's name and a colon, a phrase this long is a title


def _titled(text: str, label: str, rest: str) -> bool:
    """A section's name, a colon, then a phrase of its own: a title that opens on its
    rubric, not a section heading with a detail ('Agenda : mars 2010')."""
    head = text[:len(text) - len(rest)] if rest and text.endswith(rest) else ""
    return head.rstrip().endswith(":") and len(rest.split()) >= TITLE_AFTER_COLON_WORDS \
        and len(head.split()) <= len(label.split()) + 1


def _detail_after(text: str, words: int) -> str:
    """The text after the first `words` words of a known name, without its separator."""
    tokens = re.split(r"(\s+)", text)
    seen = 0
    for index, token in enumerate(tokens):
        if token.strip() and token.strip() not in "/-–":
            seen += 1
        if seen == words:
            return "".join(tokens[index + 1:]).strip(" -–—,:;/")
    return ""
