"""The organisation finder's passes, most trusted first (kb.organisations runs them in
order): acronyms the text defines, unknown acronyms before a place, establishments, known
names, names shaped by a head or a tail word, references; then, once the places block,
spaCy's spans, one-word bodies and names listed between two organisations. The passes
reading names after a type noun or in a phrase are in kb.org_phrases.

Each pass reads the article through a `Finding` (kb.org_state), claiming what it adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from kb.authority import GENERIC_TYPES
from kb.entity_words import (
    ACRONYM_WORDS,
    GENERIC_WORDS,
    first_name_before,
    is_french_word,
    looks_like_person,
    names_something_else,
    opens_on_first_name,
    person_after_leading_word,
)
from kb.geo import BRACKET_AFTER
from kb.models import OrganisationRef
from kb.nlp import Entity, fold
from kb.org_names import (
    _sentence_initial,
    acronym_definitions,
    head_named,
    is_acronym,
    reference_names,
    tail_named,
)
from kb.org_ner import plausible_ner_org
from kb.org_patterns import (
    ACRONYM_BEFORE_PLACE_RE,
    ACRONYM_THEN_NAME_RE,
    AFTER_ET_RE,
    COORDINATED_RE,
    NAME_PARTICLES,
    NUMBER_BEFORE_RE,
    SURNAME_AFTER_RE,
    TRAILING_FUNCTION_WORDS_RE,
)
from kb.org_shapes import _establishments, _single_word_bodies
from kb.org_spans import (
    _cut_before_claimed,
    _is_person,
    _is_place,
    _name_complement,
    _widen_to_ner,
)
from kb.org_state import Finding


def defined_acronyms(state: Finding) -> None:
    """Acronyms the text defines, then their other mentions."""
    masked, vocabulary, excluded_spans = state.masked, state.vocabulary, state.excluded_spans
    for candidate in acronym_definitions(masked.text):
        acronym = candidate.acronym or ""
        if acronym in vocabulary.non_organisation_acronyms or not state.acceptable(candidate):
            continue
        acronym_start = masked.text.rfind(acronym, candidate.start, candidate.end)
        if _is_place(acronym_start, acronym_start + len(acronym), excluded_spans):
            continue  # 'Valence (Drôme)': the bracket says where, it spells no name
        if state.overlaps(candidate.start, candidate.end):
            # A known acronym after its long form: the long form is that body's too
            # ("l'Agence de la transition écologique (ADEME)").
            long_end = candidate.start + len(candidate.name)
            if acronym in vocabulary.by_acronym and not state.overlaps(candidate.start, long_end):
                state.add(state.resolve(candidate.name, acronym), candidate.start, long_end,
                          "acronym")
            continue
        ref = state.resolve(candidate.name, acronym)
        state.defined[acronym] = ref
        state.add(ref, candidate.start, candidate.end, "acronym")
    for acronym, ref in state.defined.items():
        for match in re.finditer(r"(?<![\w&-])" + re.escape(acronym) + r"(?![\w&-])",
                                 masked.text):
            if not state.overlaps(*match.span()):
                state.add(ref, *match.span(), "acronym")


def acronyms_before_places(state: Finding, ner: Iterable[Entity]) -> None:
    """Unknown acronyms right before a place."""
    masked, vocabulary, excluded_spans = state.masked, state.vocabulary, state.excluded_spans
    # The place is the place linker's, or spaCy reads the whole as one name ("l'AAS
    # Sarcelles" as one LOC span, which the linker then rejects).
    acronym_and_place = [
        (match, place_end) for place_start, place_end in excluded_spans
        if (match := ACRONYM_BEFORE_PLACE_RE.search(
            masked.text, max(0, place_start - 10), place_start)) is not None]
    acronym_and_place += [
        (match, entity.end) for entity in ner if entity.label in ("LOC", "MISC", "ORG")
        and ACRONYM_THEN_NAME_RE.match(entity.text)
        and (match := ACRONYM_BEFORE_PLACE_RE.search(
            masked.text, entity.start, entity.start + entity.text.index(" ") + 1)) is not None]
    for match, place_end in acronym_and_place:
        if masked.in_caps_line(match.start(), place_end):
            continue
        acronym = match.group("acr")
        if not is_acronym(acronym) or acronym in GENERIC_TYPES or acronym in state.defined or (
                acronym in vocabulary.by_acronym
                or acronym in vocabulary.non_organisation_acronyms):
            continue
        if not state.overlaps(match.start(), place_end):
            state.add(state.resolve(masked.text[match.start():place_end]), match.start(),
                      place_end, "phrase")


def establishment_names(state: Finding) -> None:
    """An establishment and its name."""
    masked = state.masked
    # "collège des Érables", "centre social Les Ombrelles", "centre hospitalier de Chambly":
    # an establishment and its name are one body (the name alone is a person or a place).
    for match in _establishments(masked.text):
        start, end = match.span()
        if not state.overlaps(start, end) and not masked.in_caps_line(start, end):
            state.add(state.resolve(match.group()), start, end, "phrase")


def known_names(state: Finding, ner: Iterable[Entity], themes: Sequence[str]) -> None:
    """Known names and acronyms, and what makes a generic one particular."""
    masked, vocabulary, excluded_spans = state.masked, state.vocabulary, state.excluded_spans
    article_themes = set(themes)
    folded_text = fold(masked.text)
    # Known names and acronyms: the entity ruler's spans, before spaCy's `ner`.
    known = sorted(((vocabulary.by_id[e.id], e.start, e.end) for e in ner
                    if e.id in vocabulary.by_id), key=lambda m: (m[1], -(m[2] - m[1])))
    # A name opened by a head word holds the known body inside it: the longer span wins
    # ("Fondation Crédit Agricole Solidarité et Développement" is not Crédit Agricole).
    headed = [(c.start, c.end) for c in head_named(masked.text)
              if not masked.in_caps_line(c.start, c.end)]
    for entry, start, end in known:
        if state.overlaps(start, end) or masked.touches_mask(start, end):
            continue
        if re.match(r"-\w", masked.text[end:end + 2]) or re.search(r"\w-$", masked.text[
                max(0, start - 2):start]):
            continue  # 'la Croix-Rouge' holds no 'La Croix': one hyphenated word
        if _is_place(start, end, excluded_spans) and BRACKET_AFTER.match(masked.text, end):
            continue  # 'Assas (Hérault)': the linker's town, its département said
        if any(h_start < start and end <= h_end and not re.search(
                r"\b(?:de|du|des|d['’]|de l['’])\s*$", masked.text[h_start:start])
                for h_start, h_end in headed):
            continue
        written = masked.text[start:end]
        # "Aurore Dupin": a body named like a first name, then a surname, is a person.
        surname = SURNAME_AFTER_RE.match(masked.text, end)
        if " " not in written and opens_on_first_name(written) and surname \
                and looks_like_person(f"{written} {surname.group(1)}"):
            continue
        # "Jeanne Vinci": a first name right before a one-word body makes it a surname.
        first_name = first_name_before(masked.text, start)
        if " " not in written and first_name \
                and looks_like_person(f"{first_name[0]} {written}"):
            continue
        if written in {a.title() for a in entry.acronyms} and (
                (_sentence_initial(masked.text, start) and is_french_word(written))
                or fold(written) in ACRONYM_WORDS):
            continue  # "Pacte pour…": a word, not an acronym ("Insee Analyses…" is one)
        if entry.acronym and masked.text[start:end] == entry.acronym and NUMBER_BEFORE_RE.search(
                masked.text[max(0, start - 4):start]):
            continue
        if entry.ambiguous and not (
            fold(entry.name) in folded_text.replace(fold(entry.acronym or ""), "")
            or (entry.theme and entry.theme in article_themes)
        ):
            continue
        complement = _name_complement(masked, end)
        if complement is not None and not _is_place(end + 1, complement, excluded_spans):
            # A bare place after it ("la CAF Poissy") says where, not which body.
            # "la Mission locale de Brume-sur-Ambre": this mission locale, not the network.
            state.add(state.resolve(masked.text[start:complement]), start, complement, "known")
            continue
        state.add(OrganisationRef(entry.name, entry.acronym), start, end, "known")


def shaped_names(state: Finding, ner: Iterable[Entity]) -> None:
    """Names opened by a head word or closed by a tail word."""
    masked = state.masked
    # The longer of a head's and a tail's readings first: 'Lille Métropole Habitat', not
    # 'Métropole Habitat'.
    shaped = sorted([*head_named(masked.text), *tail_named(masked.text)],
                    key=lambda c: (-(c.end - c.start), c.start))
    for candidate in shaped:
        cut = _cut_before_claimed(candidate, state.claimed)
        if cut is None:
            continue
        candidate = _widen_to_ner(cut, ner, masked)
        if state.overlaps(candidate.start, candidate.end) or masked.in_caps_line(
                candidate.start, candidate.end) or not state.acceptable(candidate):
            continue
        state.add(state.resolve(candidate.name), candidate.start, candidate.end, candidate.rule)


def reference_names_of(state: Finding) -> None:
    """The medium or publisher of a reference line."""
    masked = state.masked
    for candidate in reference_names(masked.text, _is_person):
        # The reference's structure says "medium" or "publisher", even for a name that is
        # also a theme phrase ("Lien social") or a place ("éditions de l'Aube").
        if state.overlaps(candidate.start, candidate.end) or masked.touches_mask(
                candidate.start, candidate.end):
            continue
        state.add(state.resolve(candidate.name), candidate.start, candidate.end, "reference")


def ner_names(state: Finding, ner: Iterable[Entity]) -> None:
    """spaCy's ORG and MISC spans that pass the filters."""
    masked, vocabulary, theme_phrases = state.masked, state.vocabulary, state.theme_phrases
    for entity in ner:
        # A "person" of the model that no first name opens and that holds a word of the
        # language ("Roue Libre") is a name of something: read like a MISC span.
        # Unless a person follows that word ("Scénario d'Anaïs Boyer": the people's).
        if entity.label == "PER" and names_something_else(
                [w for w in entity.text.split() if fold(w) not in NAME_PARTICLES]) \
                and not person_after_leading_word(entity.text):
            entity = Entity("MISC", entity.text, entity.start, entity.end)
        if entity.label not in ("ORG", "MISC") or entity.id:
            continue
        trimmed = TRAILING_FUNCTION_WORDS_RE.sub("", entity.text)
        entity = Entity(entity.label, trimmed, entity.start, entity.start + len(trimmed))
        if state.overlaps(entity.start, entity.end):
            continue
        if not plausible_ner_org(entity, masked, vocabulary, theme_phrases):
            continue
        state.add(state.resolve(entity.text), entity.start, entity.end, "ner")


def one_word_bodies(state: Finding, ner: Iterable[Entity]) -> None:
    """One-word bodies the text tells apart."""
    masked, theme_phrases = state.masked, state.theme_phrases
    for word, spans in _single_word_bodies(masked, ner, theme_phrases).items():
        ref = state.resolve(word)
        for start, end in spans:
            if not state.overlaps(start, end):
                state.add(ref, start, end, "phrase")


def coordinated_names(state: Finding) -> None:
    """Names listed between two organisations ("X, Y et Z"), or after the last one's
    "et"; read last, when every other reading has claimed its span."""
    masked, claimed, found = state.masked, state.claimed, state.found
    org_spans = sorted((m.start, m.end) for mentions in found.values() for m in mentions)
    candidates: list[tuple[re.Match[str], int]] = []
    for (_, left_end), (right_start, _) in pairwise(org_spans):
        gap = masked.text[left_end:right_start]
        match = COORDINATED_RE.match(gap) if "\n" not in gap else None
        if match:
            candidates.append((match, left_end))
    for _, left_end in org_spans:
        line_end = masked.text.find("\n", left_end)
        match = AFTER_ET_RE.match(masked.text[left_end:line_end if line_end >= 0 else None])
        if match:
            candidates.append((match, left_end))
    for match, left_end in candidates:
        start = left_end + match.start("name")
        end = left_end + match.end("name")
        name = match.group("name")
        # Before a lower-case word a one-word name may be cut short ("Cap emploi").
        if "verb" in match.groupdict() and match.group("verb") and len(name.split()) < 2:
            continue
        # An article before the name says "not a person" ("le Red Star").
        if fold(name) in GENERIC_WORDS or (not match.group("article") and _is_person(name)) or any(
                start < c_end and c_start < end for c_start, c_end in claimed):
            continue
        if masked.in_caps_line(start, end) or masked.touches_mask(start, end):
            continue
        state.add(state.resolve(name), start, end, "list")
