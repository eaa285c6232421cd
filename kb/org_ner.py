"""Which of spaCy's ORG and MISC spans are organisations (kb.organisations reads them
last, once every other reading has claimed its span)."""

from __future__ import annotations

import re
from itertools import pairwise

from kb.authority import OrganisationVocabulary
from kb.entity_words import (
    GENERIC_WORDS,
    NON_ORG_HEADS,
    ORG_HEADS,
    ROLE_WORDS,
    after_quartier_noun,
    after_work_noun,
    looks_like_person,
    opens_on_first_name,
)
from kb.nlp import Entity, MaskedText, fold
from kb.org_names import LOWERCASE_HEADS, _sentence_initial, is_acronym
from kb.org_patterns import NAME_PARTICLES, PERSON_CUE_WORDS, ROLE_AFTER_RE
from kb.org_spans import _first_key, _is_person


def plausible_ner_org(
    entity: Entity, masked: MaskedText, vocabulary: OrganisationVocabulary,
    theme_phrases: frozenset[str],
) -> bool:
    text = entity.text.strip()
    words = text.split()
    if not words or "\n" in text or masked.touches_mask(entity.start, entity.end):
        return False
    if masked.in_caps_line(entity.start, entity.end) or after_work_noun(
            masked.text, entity.start) or after_quartier_noun(masked.text, entity.start):
        return False
    head = _first_key(text)
    if not (text[0].isupper() or head in LOWERCASE_HEADS) or any(c.isdigit() for c in text):
        return False
    if fold(words[0]) in ROLE_WORDS or fold(text) in theme_phrases or head in NON_ORG_HEADS:
        return False
    # The masked text has blanks where inclusive suffixes were: the span was a word.
    original = masked.original[entity.start:entity.end]
    if original != masked.text[entity.start:entity.end] and "  " in masked.text[
            entity.start:entity.end + 1]:
        return False
    if text in vocabulary.non_organisation_acronyms:
        return False
    # "Prénom Nom, délégué du Préfet", "le docteur Prénom Nom": a person, whatever spaCy
    # says.
    if ROLE_AFTER_RE.match(masked.text[entity.end:entity.end + 40]) or _title_after(
            masked.text, entity.end):
        return False
    before = masked.text[max(0, entity.start - 30):entity.start].split()
    if before and fold(before[-1].rstrip(",:")) in PERSON_CUE_WORDS \
            and not is_acronym(words[0]):
        return False
    # "Fatima-Zahra El Ouazzani": a known first name opening a person's shape.
    if opens_on_first_name(words[0]) and looks_like_person(text):
        return False
    if len(words) == 1:
        # A lone acronym is a body only when the vocabulary or the text says so (both
        # read before spaCy): "CAP cuisine", "classes de CP" are not. A brand-shaped
        # word ("HelloAsso", "StreetPress") or a word spaCy calls ORG inside a sentence
        # ("avec Kiabi et Transdev") is one; a capital after a full stop says nothing.
        word = text.strip(".,;:")
        camel = any(a.islower() and b.isupper() for a, b in pairwise(word))
        # "la MGEN", "l'ACSE": an article before a capitals word spaCy calls ORG.
        before = masked.text[max(0, entity.start - 3):entity.start].lower()
        if entity.label == "ORG" and is_acronym(word) and word.isupper() and len(word) >= 3 \
                and (before.endswith(("la ", "le ")) or before[-2:] in ("l'", "l’")):
            return True
        if (is_acronym(word) and not camel) or fold(word) in GENERIC_WORDS or len(word) < 4 or not (
                word.isalpha() and word[:1].isupper()) or _sentence_initial(
                masked.text, entity.start):
            return False
        # "de la Santé et des Solidarités": the tail of a longer name, not a brand.
        before = masked.text[max(0, entity.start - 5):entity.start].lower().split()
        if before and before[-1] in ("des", "du", "la", "le", "les", "aux"):
            return False
        return camel or (entity.label == "ORG" and fold(word) not in theme_phrases)
    # Not a zoning or programme ("Nouveaux QPV"), not a word of a press title in quotes.
    if any(w in vocabulary.non_organisation_acronyms for w in words):
        return False
    line_start = masked.text.rfind("\n", 0, entity.start) + 1
    if masked.text.count("«", line_start, entity.start) > masked.text.count(
            "»", line_start, entity.start):
        return False
    if entity.label == "MISC":
        # MISC is noisy: a name with an acronym in it ("CFA Nord Réseau"), or a proper name
        # of capitalised words ("Fil à Fil", "Les Champs des Possibles") or opened by
        # an article and a capital ("La Gazette des communes"), never a person's name.
        named = [w for w in words if fold(w) not in NAME_PARTICLES]
        if all(w[:1].isupper() for w in words) and any(is_acronym(w) for w in words):
            return True
        proper = all(w[:1].isupper() for w in named) or (
            fold(words[0]) in ("la", "le", "les") and words[1][:1].isupper())
        return len(named) >= 2 and proper and not _is_person(text)
    # Spans spaCy cuts mid-sentence end in lower-case words ("- RTES - réalise"), unless a
    # head word opens a name that runs in lower case ("Secours populaire français").
    return words[-1][:1].isupper() or words[-1].isupper() or head in ORG_HEADS


def _title_after(text: str, end: int) -> bool:
    """", sous-préfète chargée de…", ", adjointe au maire": a title word right after the
    name's comma says the name is a person's."""
    match = re.match(r",\s*(?:l[ae]\s+|l['’])?([^\W\d_][\w-]*)", text[end:end + 40])
    return bool(match) and fold(match.group(1)) in PERSON_CUE_WORDS
