"""The organisation finder's passes that read a name from the phrase around it: after a
type noun ("l'association X", "les opérateurs X et Y"), in quotes, in an apposition, in
brackets after a person, beside its commune in a list, on a venue's line. kb.organisations
runs them after the passes of kb.org_passes that trust the vocabulary and the name's shape.
"""

from __future__ import annotations

import re

from kb.entity_words import GENERIC_WORDS, NON_ORG_HEADS, opens_on_first_name
from kb.nlp import fold
from kb.org_names import _sentence_initial
from kb.org_patterns import (
    APPOSITIVE_RE,
    FOUNDATION_RE,
    FREE_NAMED_RE,
    INTRODUCED_RE,
    MEDIA_WORK_RE,
    PERSON_THEN_BODY_RE,
    PLURAL_INTRODUCED_RE,
    PUBLISHER_RE,
    QUOTED_INTRODUCED_RE,
    VENUE_LINE_RE,
    VENUE_NOT_BODIES,
)
from kb.org_shapes import _names_beside_their_commune
from kb.org_spans import (
    _adjectives_after,
    _cut_before_place,
    _first_key,
    _is_person,
    _is_place,
    clean_name,
)
from kb.org_state import Finding


def introduced_names(state: Finding) -> None:
    """A name after its type noun."""
    masked, excluded_spans = state.masked, state.excluded_spans
    # A type noun before a name says "body" even when the name holds a place
    # ("l'association La Ressourcerie Sarcelloise").
    for pattern in (FREE_NAMED_RE, FOUNDATION_RE, INTRODUCED_RE, PUBLISHER_RE):
        for match in pattern.finditer(masked.text):
            start, end = match.span("name")
            if state.overlaps(start, end) or masked.in_caps_line(start, end):
                continue
            if pattern is not FREE_NAMED_RE:  # a name running on holds its place whole
                start, end = _cut_before_place(masked.text, start, end, excluded_spans)
            end = _adjectives_after(masked.text, end)
            name = clean_name(masked.text[start:end])
            if not name or fold(name) in GENERIC_WORDS:
                continue
            state.add(state.resolve(name), start, end, "phrase")


def quoted_names(state: Finding) -> None:
    """A name in quotes after its type noun."""
    masked = state.masked
    for match in QUOTED_INTRODUCED_RE.finditer(masked.text):
        start, end = match.span("name")
        name = clean_name(match.group("name"))
        if not state.overlaps(start, end) and not masked.in_caps_line(start, end) and name \
                and fold(name) not in GENERIC_WORDS:
            state.add(state.resolve(name), start, end, "phrase")


def media_names(state: Finding) -> None:
    """The author of a piece of journalism."""
    masked, excluded_spans = state.masked, state.excluded_spans
    for match in MEDIA_WORK_RE.finditer(masked.text):
        start, end = match.span("name")
        name = clean_name(match.group("name"))
        if state.overlaps(start, end) or masked.in_caps_line(start, end) or _is_place(
                start, end, excluded_spans) or _is_person(name) or fold(name) in GENERIC_WORDS:
            continue
        state.add(state.resolve(name), start, end, "phrase")


def appositive_names(state: Finding) -> None:
    """A name an apposition says is a body."""
    masked, excluded_spans = state.masked, state.excluded_spans
    # "Simplon, l'entreprise sociale qui …": the apposition says what the name is.
    for match in APPOSITIVE_RE.finditer(masked.text):
        start, end = match.span("name")
        if state.overlaps(start, end) or masked.in_caps_line(start, end) or _sentence_initial(
                masked.text, start) or _is_person(match.group("name")) \
                or _is_place(start, end, excluded_spans):  # "À Nanterre, l'association X"
            continue
        name = clean_name(match.group("name"))
        if name and fold(name) not in GENERIC_WORDS:
            state.add(state.resolve(name), start, end, "phrase")


def plural_introduced_names(state: Finding) -> None:
    """Names listed after a plural type noun."""
    masked, excluded_spans = state.masked, state.excluded_spans
    for match in PLURAL_INTRODUCED_RE.finditer(masked.text):
        if masked.in_caps_line(*match.span("names")):
            continue
        for part in re.finditer(r"[^,]+?(?=\s*,|\s+et\s+|$)", match.group("names")):
            name = part.group().strip()
            name = name[3:] if name.startswith("et ") else name
            start = match.start("names") + part.end() - len(name)
            end = start + len(name)
            if name and not state.overlaps(start, end) \
                    and fold(clean_name(name)) not in GENERIC_WORDS \
                    and not _is_place(start, end, excluded_spans):
                state.add(state.resolve(name), start, end, "phrase")


def bodies_after_people(state: Finding) -> None:
    """The body a person speaks for, in brackets."""
    masked, excluded_spans = state.masked, state.excluded_spans
    for match in PERSON_THEN_BODY_RE.finditer(masked.text):
        start, end = match.span("name")
        name = match.group("name").strip()
        if state.overlaps(start, end) or _is_place(start, end, excluded_spans) or not _is_person(
                match.group("person")) or fold(name) in GENERIC_WORDS or _is_person(name):
            continue
        ref = state.resolve(name)
        for other in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", masked.text):
            if not state.overlaps(*other.span()):
                state.add(ref, *other.span(), "phrase")


def names_beside_communes(state: Finding) -> None:
    """A list's name set beside its commune."""
    masked, excluded_spans = state.masked, state.excluded_spans
    # "- Rayon Vert Solidaire – Garges-lès-Gonesse", "Pédale Douce (Argenteuil)", a table's
    # "Escale Loisirs | Les Mureaux | …": in a list's line, a name set beside its commune.
    for start, end in _names_beside_their_commune(masked.text, excluded_spans):
        name = clean_name(masked.text[start:end])
        if name and not state.overlaps(start, end) and not masked.in_caps_line(start, end) \
                and fold(name) not in GENERIC_WORDS and _first_key(name) not in NON_ORG_HEADS \
                and not opens_on_first_name(name.split()[0]) \
                and (len(name.split()) >= 3 or not _is_person(name)):  # "Paule Dumas – Cergy"
            state.add(state.resolve(name), start, end, "phrase")


def venue_names(state: Finding) -> None:
    """A venue's name before its commune."""
    masked, excluded_spans = state.masked, state.excluded_spans
    # "Lieu : Halle Saint-Roch, Mantes-la-Jolie": the hall an event is held in, before
    # its commune.
    for match in VENUE_LINE_RE.finditer(masked.text):
        start, end = match.span("name")
        name = clean_name(match.group("name"))
        rest_start = match.start("rest")
        if not name or state.overlaps(start, end) or _is_place(start, end, excluded_spans) \
                or not any(rest_start <= p_start for p_start, _ in excluded_spans
                           if p_start < match.end()) \
                or fold(name.split()[0]) in VENUE_NOT_BODIES or _is_person(name) \
                or fold(name) in GENERIC_WORDS or masked.touches_mask(start, end):
            continue
        state.add(state.resolve(name), start, end, "phrase")
