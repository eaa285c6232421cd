"""Organisations named by an article, under one canonical name each.

Three sources, most trusted first:
1. known organisations: kb/data/organisations.tsv (curated) and the acronyms of
   kb/data/acronyms.tsv whose kind is `organisation` — matched by acronym (in capitals,
   whole word) or by full name / alias (accent- and case-folded), linked both ways
   (`ANRU` ↔ *Agence nationale pour la rénovation urbaine*);
2. names introduced by a phrase that says what they are (`l'association X`,
   `le bailleur social X`, `le groupement d'employeurs X`, `la Fondation X`,
   `le cabinet X`, `X éditions`);
3. spaCy ORG spans that survive filters (no heading in capitals, no URL, no
   inclusive-writing word, no role, no theme phrase like "Politique de la ville", no
   lone generic word like "Ville" or "Préfecture").

Acronyms flagged AMBIGU (CA, ML, PE, MDA…) count only when the article supports their
meaning: their full name appears too, or their theme is one of the article's themes.
Kinds `dispositif`, `zonage`, `document`, `instance` and generic structure types
(EPCI, EPT, SEM…) are not organisations: a *programme de réussite éducative* or a
*conseil citoyen* is not a body someone can be "at".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kb.authority import OrganisationVocabulary
from kb.entity_words import GENERIC_WORDS
from kb.nlp import Entity, MaskedText
from kb.org_ner import plausible_ner_org
from kb.org_passes import (
    acronyms_before_places,
    coordinated_names,
    defined_acronyms,
    establishment_names,
    known_names,
    ner_names,
    one_word_bodies,
    reference_names_of,
    shaped_names,
)
from kb.org_patterns import (
    ACRONYM_BEFORE_PLACE_RE,
    ACRONYM_THEN_NAME_RE,
    ADJECTIVE_AFTER_RE,
    AFTER_ET_RE,
    APPOSITIVE_RE,
    CAPITALISED_WORD_BEFORE_RE,
    CHEZ_RE,
    COORDINATED_RE,
    DEPARTEMENT_NUMBER_AFTER_RE,
    ESTABLISHMENT_NAME,
    FOUNDATION_RE,
    FREE_NAMED_RE,
    INTRODUCED_RE,
    LEADING_ARTICLES_RE,
    LIST_LINE_RE,
    MEDIA_WORK_RE,
    NAME,
    NAME_BEFORE_PLACE_RE,
    NAME_COMPLEMENT_RE,
    NAME_PARTICLES,
    NAME_WORD,
    NOT_BODIES,
    NUMBER_BEFORE_RE,
    PARTICLE_THEN_ACRONYM_RE,
    PERSON_CUE_WORDS,
    PERSON_THEN_BODY_RE,
    PLURAL_INTRODUCED_RE,
    PUBLISHER_RE,
    QUOTED_INTRODUCED_RE,
    ROLE_AFTER_RE,
    SENTENCE_OPENING_WORD_RE,
    STANDALONE_WORD_RE,
    STRUCTURE_PREFIX_RE,
    SURNAME_AFTER_RE,
    TRAILING_FUNCTION_WORDS_RE,
    VENUE_LINE_RE,
    VENUE_NOT_BODIES,
    WIDENING_WORD_RE,
    establishment_re,
)
from kb.org_phrases import (
    appositive_names,
    bodies_after_people,
    introduced_names,
    media_names,
    names_beside_communes,
    plural_introduced_names,
    quoted_names,
    venue_names,
)
from kb.org_spans import clean_name, lookup_structure
from kb.org_state import Finding, FoundOrganisation

# The module's names before it was split (kb.enrich and the tests import some of them):
# the patterns, word lists and helpers now live in kb.org_patterns, kb.org_spans,
# kb.org_ner, kb.org_shapes, kb.org_state and the passes in kb.org_passes, kb.org_phrases.
__all__ = [
    "ACRONYM_BEFORE_PLACE_RE",
    "ACRONYM_THEN_NAME_RE",
    "ADJECTIVE_AFTER_RE",
    "AFTER_ET_RE",
    "APPOSITIVE_RE",
    "CAPITALISED_WORD_BEFORE_RE",
    "CHEZ_RE",
    "COORDINATED_RE",
    "DEPARTEMENT_NUMBER_AFTER_RE",
    "ESTABLISHMENT_NAME",
    "FOUNDATION_RE",
    "FREE_NAMED_RE",
    "GENERIC_WORDS",
    "INTRODUCED_RE",
    "LEADING_ARTICLES_RE",
    "LIST_LINE_RE",
    "MEDIA_WORK_RE",
    "NAME",
    "NAME_BEFORE_PLACE_RE",
    "NAME_COMPLEMENT_RE",
    "NAME_PARTICLES",
    "NAME_WORD",
    "NOT_BODIES",
    "NUMBER_BEFORE_RE",
    "PARTICLE_THEN_ACRONYM_RE",
    "PERSON_CUE_WORDS",
    "PERSON_THEN_BODY_RE",
    "PLURAL_INTRODUCED_RE",
    "PUBLISHER_RE",
    "QUOTED_INTRODUCED_RE",
    "ROLE_AFTER_RE",
    "SENTENCE_OPENING_WORD_RE",
    "STANDALONE_WORD_RE",
    "STRUCTURE_PREFIX_RE",
    "SURNAME_AFTER_RE",
    "TRAILING_FUNCTION_WORDS_RE",
    "VENUE_LINE_RE",
    "VENUE_NOT_BODIES",
    "WIDENING_WORD_RE",
    "FoundOrganisation",
    "clean_name",
    "establishment_re",
    "find_organisations",
    "lookup_structure",
    "plausible_ner_org",
]


def find_organisations(
    masked: MaskedText,
    ner: Iterable[Entity],
    vocabulary: OrganisationVocabulary,
    *,
    themes: Sequence[str] = (),
    theme_phrases: frozenset[str] = frozenset(),
    excluded_spans: Sequence[tuple[int, int]] = (),
) -> list[FoundOrganisation]:
    """Organisations of one article; `excluded_spans` are places already linked.

    Most trusted first, each reading claiming its span: acronyms the text defines
    (resolved through the vocabulary when known), known names and acronyms, names
    opened by a head word or closed by a tail word, names introduced by a type noun
    (these may contain a place: "Épicerie solidaire du Val-d'Oise"), media and
    publishers of references; then, places now blocking, filtered spaCy spans and
    names listed between two organisations.
    """
    state = Finding(masked, vocabulary, theme_phrases, excluded_spans)
    defined_acronyms(state)
    acronyms_before_places(state, ner)
    establishment_names(state)
    known_names(state, ner, themes)
    shaped_names(state, ner)
    reference_names_of(state)
    introduced_names(state)
    quoted_names(state)
    media_names(state)
    appositive_names(state)
    plural_introduced_names(state)
    bodies_after_people(state)
    names_beside_communes(state)
    venue_names(state)

    state.claimed.extend(excluded_spans)

    ner_names(state, ner)
    one_word_bodies(state, ner)
    coordinated_names(state)
    return state.results()
