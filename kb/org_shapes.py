"""More organisation names read from the text's shape (beside kb.org_names): an
establishment and its name ("collège des Érables"), a name a list's line sets beside its
commune, and one-word bodies the text itself tells apart."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from kb.entity_words import (
    ESTABLISHMENT_NOUNS,
    GENERIC_WORDS,
    NON_ORG_HEADS,
    ORG_HEADS,
    ROLE_WORDS,
)
from kb.nlp import Entity, MaskedText, fold
from kb.org_names import MONTHS, _sentence_initial, looks_like_adjective
from kb.org_patterns import (
    CAPITALISED_WORD_BEFORE_RE,
    CHEZ_RE,
    LIST_LINE_RE,
    NAME_BEFORE_PLACE_RE,
    SENTENCE_OPENING_WORD_RE,
    STANDALONE_WORD_RE,
    establishment_re,
)


def _names_beside_their_commune(text: str, places: Sequence[tuple[int, int]],
                                ) -> Iterator[tuple[int, int]]:
    """Spans of names that a list's line sets right before a commune, in brackets or
    after a dash or a bar ("Pédale Douce (Argenteuil)", "ASTI Bezons – Bezons"): the
    commune says where the body is. The commune must end its bracket, its cell or the
    line, and the line be a list's (a bullet, a row, a short line that ends no sentence):
    a sentence says more than a name."""
    for line in LIST_LINE_RE.finditer(text):
        raw = line.group()
        bulleted = raw.lstrip()[:1] in "-•*▪►●–"
        row = raw.count("|") >= 2
        # An article's list items come one per line, without their bullets.
        item = len(raw) <= 100 and not raw.rstrip().endswith((".", "!", "?", ":", ";"))
        if not (bulleted or row or item):
            continue
        for place_start, place_end in places:
            if not line.start("body") < place_start < line.end():
                continue
            after = text[place_end:line.end()]
            if not re.match(r"[ \t]*(?:\)|\||,|$)", after):
                continue
            opening = line.start("body")
            before = NAME_BEFORE_PLACE_RE.search(text[opening:place_start])
            if before is None or any(c.isdigit() for c in before.group("name")[:3]):
                continue
            start, end = opening + before.start("name"), opening + before.end("name")
            if (start, end) not in places:  # a place inside the name is part of it
                yield start, end


def _single_word_bodies(
    masked: MaskedText, ner: Iterable[Entity], theme_phrases: frozenset[str],
) -> dict[str, list[tuple[int, int]]]:
    """One-word bodies that spaCy misreads (as a place or a person) or ignores, told by
    the text itself: "coordinatrice chez Simplon", or a word that opens a sentence
    ("Dulala forme les bénévoles") and comes back capitalised inside another sentence
    ("les formatrices de Dulala"). Returns each word's standalone mentions."""
    from kb.geo import _common_names as common_names
    from kb.geo import key_word

    text = masked.text
    multi_word_person_words = {w for e in ner if e.label == "PER" and " " in e.text.strip()
                               for w in e.text.split()}

    from spacy.lang.fr.stop_words import STOP_WORDS

    def plausible(word: str) -> bool:
        key = fold(word)
        return (word.isalpha() and word[1:].islower() and len(word) >= 4
                and word.lower() not in STOP_WORDS  # "Elle" after a quote's closing »
                and key not in GENERIC_WORDS and key not in ROLE_WORDS and key not in theme_phrases
                and key not in NON_ORG_HEADS and key not in ORG_HEADS and key not in MONTHS
                and key_word(word) not in common_names() and word not in multi_word_person_words)

    def standalone(word: str) -> list[tuple[int, int]]:
        pattern = re.compile(STANDALONE_WORD_RE.format(word=re.escape(word)))
        return [m.span() for m in pattern.finditer(text)
                if not masked.in_caps_line(*m.span()) and not masked.touches_mask(*m.span())
                and not CAPITALISED_WORD_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())]

    bodies: dict[str, list[tuple[int, int]]] = {}
    for match in CHEZ_RE.finditer(text):
        word = match.group("name")
        if plausible(word) and not masked.in_caps_line(*match.span("name")):
            bodies[word] = standalone(word)
    for match in SENTENCE_OPENING_WORD_RE.finditer(text):
        word = match.group("name")
        if word in bodies or not plausible(word):
            continue
        spans = standalone(word)
        inside = [s for s in spans if not _sentence_initial(text, s[0])]
        if match.span("name") in spans and inside:
            bodies[word] = spans
    return bodies


def _establishments(text: str) -> Iterator[re.Match[str]]:
    """The establishments named in the text, qualified first by adjectives only ("centre
    social et culturel X", "centre hospitalier intercommunal X"), never by a verb ("le
    centre social accueille X"); a refused match gives way to one starting further on."""
    pattern = establishment_re()
    position = 0
    while (match := pattern.search(text, position)) is not None:
        qualifiers = (match.group("qualifiers") or "").split()
        if all(looks_like_adjective(word) and fold(word) not in ESTABLISHMENT_NOUNS
               for word in qualifiers if word != "et"):
            yield match
            position = match.end()
        else:
            position = match.start() + 1
