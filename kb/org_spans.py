"""Where an organisation's name starts and ends, and how it is written down.

Helpers the finder's passes share (kb.organisations, kb.org_passes): a name cleaned of
its articles and punctuation, cut before a place or a name already found, widened to
spaCy's span or to its adjectives and complement, looked up under a structure prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kb.authority import KnownOrganisation, OrganisationVocabulary
from kb.entity_words import GENERIC_WORDS, is_french_word, looks_like_person
from kb.nlp import Entity, MaskedText, fold
from kb.org_names import MONTHS, NameCandidate, looks_like_adjective
from kb.org_patterns import (
    ADJECTIVE_AFTER_RE,
    LEADING_ARTICLES_RE,
    NAME_COMPLEMENT_RE,
    PARTICLE_THEN_ACRONYM_RE,
    STRUCTURE_PREFIX_RE,
    TRAILING_FUNCTION_WORDS_RE,
    WIDENING_WORD_RE,
)


def clean_name(text: str) -> str:
    name = " ".join(text.split()).strip(" .,;:«»\"'()-–*")
    name = LEADING_ARTICLES_RE.sub("", name)
    return name[:1].upper() + name[1:] if name else name


def _first_key(text: str) -> str:
    words = clean_name(text).split()
    return fold(words[0]).split("'")[-1] if words else ""


def lookup_structure(vocabulary: OrganisationVocabulary, name: str) -> KnownOrganisation | None:
    """The known body a name denotes, also under a structure prefix ("Communauté urbaine
    Grand Paris Seine et Oise")."""
    return vocabulary.lookup(name) or vocabulary.lookup(
        STRUCTURE_PREFIX_RE.sub("", clean_name(name)))


def _is_person(text: str) -> bool:
    return looks_like_person(text)


def _name_complement(masked: MaskedText, end: int) -> int | None:
    """Where a known body's name ends once its complement is read ("de Poissy-Conflans",
    "95", "Louis-Aragon"), or None when nothing particular follows on the line."""
    match = NAME_COMPLEMENT_RE.match(masked.text, end)
    if match is None or masked.in_caps_line(end, match.end()):
        return None
    adjective = match.group("adjective")
    if adjective and not looks_like_adjective(adjective.strip()):
        return None
    # "d'Argenteuil" is two words: the elided particle and the name.
    words = re.sub(r"(?<![\w])([dl]['’])", r"\1 ", match.group("rest")).split()
    if words and fold(words[-1]) in ("de", "du", "des", "la", "d'"):
        return None
    first = next((w for w in words if w[:1].isupper() or w[:1].isdigit()), "")
    if not first or fold(first) in GENERIC_WORDS or fold(first) in MONTHS:
        return None
    # "le laboratoire X de l'UVSQ": a body in capitals it belongs to is another body.
    if PARTICLE_THEN_ACRONYM_RE.match(match.group("rest")):
        return None
    return match.end()


def _adjectives_after(text: str, end: int) -> int:
    """A name after its type noun goes on with its lower-case adjectives ('l'association
    Ruralités solidaires', 'Le Panier partagé'), two at most."""
    for _ in range(2):
        match = ADJECTIVE_AFTER_RE.match(text, end)
        if not match or not looks_like_adjective(match.group(1)):
            break
        end = match.end()
    return end


def _is_place(start: int, end: int, places: Sequence[tuple[int, int]]) -> bool:
    """The whole name is a place the linker found ("Sarcelles"), not a body named after
    one ("Initiative Val de Seine Ouest")."""
    return any(p_start <= start and end <= p_end for p_start, p_end in places)


def _cut_before_place(text: str, start: int, end: int,
                      places: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """'l'association Fil à Fil' keeps its "à"; 'l'association X à Sarcelles' stops
    before the place."""
    for match in re.finditer(r"\s+à\s+", text[start:end]):
        after = start + match.end()
        if any(after < p_end and p_start < end for p_start, p_end in places):
            return start, start + match.start()
    return start, end


def _widen_to_ner(candidate: NameCandidate, ner: Iterable[Entity],
                  masked: MaskedText) -> NameCandidate:
    """'Boxing Club Gennevilliers', 'Aidants Solidaires 92': spaCy's span holds the
    head- or tail-named candidate and adds only capitalised words or a département number
    around it, so it is the whole name."""
    for entity in ner:
        if entity.label not in ("ORG", "MISC") or "\n" in entity.text:
            continue
        if not (entity.start <= candidate.start and candidate.end <= entity.end) or (
                entity.start, entity.end) == (candidate.start, candidate.end):
            continue
        before = masked.text[entity.start:candidate.start].split()
        after = masked.text[candidate.end:entity.end].split()
        # "Institut du monde arabe": an ORG span may close the name on a lower-case
        # adjective or noun of the language.
        if entity.label == "ORG" and not before and 0 < len(after) <= 2 and all(
                w.isalpha() and w.islower() and (looks_like_adjective(w) or is_french_word(w))
                for w in after):
            return NameCandidate(entity.text, candidate.acronym, entity.start, entity.end,
                                 candidate.rule)
        extra = before + after
        if extra and all(WIDENING_WORD_RE.match(w) and fold(w) not in ("le", "la", "les")
                         for w in extra):
            return NameCandidate(entity.text, candidate.acronym, entity.start, entity.end,
                                 candidate.rule)
    return candidate


def _cut_before_claimed(candidate: NameCandidate, claimed) -> NameCandidate | None:
    """'Fédération des amicales de locataires et de l'Association … (AFEV)': a name
    that runs into one already found stops before it (no name at all when what is left
    is a head and its adjective, a kind of body)."""
    starts = [s for s, e in claimed if candidate.start < s < candidate.end]
    if not starts:
        return candidate
    cut = candidate.name[:min(starts) - candidate.start]
    cut = TRAILING_FUNCTION_WORDS_RE.sub("", cut.rstrip(" ,'’")).rstrip(" ,")
    cut = re.sub(r"\s+(?:et|de|du|des|d|l)['’]?$", "", cut)
    cut = TRAILING_FUNCTION_WORDS_RE.sub("", cut)
    if len(cut.split()) < 2:
        return candidate
    if len(cut.split()) == 2 and cut.split()[1].islower() \
            and not re.match(r"[dl]['’]", cut.split()[1]):
        # 'le Centre collaborateur de l'OMS pour…', 'l'Union nationale des PIMMS': what
        # is left is a kind ('Centre collaborateur'), not a name; left unsaid.
        return None
    return NameCandidate(cut, None, candidate.start, candidate.start + len(cut),
                         candidate.rule)
