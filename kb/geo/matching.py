"""Matching: the longest names of the index found in the tokens, and the choice of the
commune (or département) each stands for, by the context rules of kb.geo.context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from kb.entity_words import after_work_noun
from kb.geo.areas import AreaReader
from kb.geo.context import (
    FAR_NAMED_AFTER_HEADS,
    NAMED_AFTER_HEADS,
    _accents_agree,
    _acronym_after,
    _after_dedication_noun,
    _after_first_name,
    _capitalised_before,
    _dateline,
    _determiner_before,
    _inside_proper_name,
    _names_a_body_of,
    _opens_line,
    _preposition_before,
    _sentence_initial,
    _street_named_after,
)
from kb.geo.index import BIG_TOWN, CITY, Entry, _Hit
from kb.geo.tokens import (
    BLOCK,
    COMMUNE,
    CONTRACTIONS,
    DEPARTEMENT,
    FUNCTION_WORDS,
    QUARTIER,
    Token,
    _glued,
    _hyphen_before,
    _joined,
    _overlaps_exactly,
)

# 'Quarante ans après…', 'Cent jours…': a number word is a commune only after 'à'.
NUMBER_WORDS = frozenset({
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante",
    "cinquante", "soixante", "cent", "cents", "mille",
})
# Between two communes of an enumeration: 'Osny, Éragny et Pontoise', 'Trappes - Élancourt'.
LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:et|ou)\s+|\s+[-–—/]\s+", re.IGNORECASE)
APPOSITION_WORDS = 4  # 'X, commune du Puy-de-Dôme': words from the name to the area's


class Matcher(AreaReader):
    """The scan over the tokens and the choice among the entries of one name."""

    # -- matching -----------------------------------------------------------------------

    def _scan(self, text: str, tokens: list[Token], loc_spans: Sequence[tuple[int, int]],
              ) -> list[tuple[_Hit, list[Entry], Entry | None]]:
        """Longest match from left to right. A span is consumed when it names an area, a
        quartier or a place that passes the checks; otherwise the scan moves on by one word
        ('Le Val Fourré': 'Le Val', a commune of the Var, fails, 'Val Fourré' follows).
        Shorter names inside a longer one are refused by the hyphen rule, not by
        consumption ('Mantes' of 'Mantes-la-ville')."""
        found = []
        i = 0
        while i < len(tokens):
            lengths = self._lengths.get(tokens[i].key)
            contracted = CONTRACTIONS.get(tokens[i].key)
            best = None
            if lengths:
                best = self._longest(text, tokens, i, sorted(lengths, reverse=True))
            if contracted and i + 1 < len(tokens) and _joined(text, tokens[i], tokens[i + 1]):
                # "au Pecq", "aux Mureaux", "du Val-d'Oise": the article, if any, is inside
                # the contraction; the longer of the two readings wins.
                lengths = self._lengths.get(tokens[i + 1].key)
                if lengths:
                    after = self._longest(text, tokens, i + 1, sorted(lengths, reverse=True),
                                          after_contraction=True)
                    if after is not None and (best is None or after[0].last > best[0].last):
                        best = after
            if best is None:
                i += 1
                continue
            hit, entries = best
            places = [e for e in entries if e.kind in (COMMUNE, DEPARTEMENT)]
            chosen = self._choose(text, tokens, hit, places, loc_spans)
            named = self._named_departement(text, tokens[hit.last - 1].end, places)
            chosen = named or chosen
            if chosen is not None and chosen.kind == COMMUNE and len(places) > 1:
                chosen = self._homonym_of_named_area(text, tokens, hit, places, chosen)
            if chosen is None and places:
                chosen = self._placed_by_apposition(text, tokens, hit, places)
            if chosen is not None and chosen.tier == 2 and named is None and any(
                    e.kind == QUARTIER for e in entries):
                # A quartier of the territory before a village elsewhere of the same name,
                # unless its département follows ('Beauregard (Ain)').
                chosen = None
            if chosen is None and found:
                chosen = self._listed_after(text, tokens, found[-1], hit, places)
            if chosen is None and not any(e.kind in (QUARTIER, BLOCK) for e in entries):
                i += 1
                continue
            found.append((hit, entries, chosen))
            i = hit.last
        return found

    def _longest(self, text, tokens, i, lengths, *, after_contraction=False):
        for length in lengths:
            if i + length > len(tokens):
                continue
            span = tokens[i:i + length]
            if any(not _joined(text, a, b) for a, b in pairwise(span)):
                continue
            key = tuple(t.key for t in span)
            entries = self._index.get(key)
            if not entries:
                continue
            if not after_contraction:
                entries = [e for e in entries if not e.after_contraction]
            entries = [e for e in entries if _accents_agree(span, e)]
            if entries:
                return _Hit(i, i + length, entries[0]), entries
        return None

    def _choose(self, text, tokens, hit, candidates, loc_spans, *, placed=False,
                ) -> Entry | None:
        """The commune (or département) a name stands for, or None. `placed`: the text
        says where it is ('X, en Isère'), so a regional name's prefix guesses nothing."""
        if not candidates or any(e.kind == BLOCK for e in self._index.get(
                tuple(t.key for t in tokens[hit.first:hit.last]), ())):
            return None
        span = tokens[hit.first:hit.last]
        start, end = span[0].start, span[-1].end
        if _glued(text, start, end):
            return None
        if _after_first_name(text, tokens, hit.first):
            return None  # 'Nadia Verdun', 'Paul MEUDON': a surname, even in a list's line
        ranked = sorted(candidates, key=lambda e: (
            e.tier, 0 if e.kind == COMMUNE else 1, -e.population))
        # A département beats a commune of the same name outside Île-de-France.
        ranked.sort(key=lambda e: (e.tier if e.kind == COMMUNE else min(e.tier, 1)))
        entry = ranked[0]
        located = _overlaps_exactly(start, end, loc_spans)
        content = [t for t in span if t.key not in FUNCTION_WORDS]
        if not content:
            return None
        caps = all(t.all_caps or len(t.raw) == 1 for t in span) and any(
            len(t.raw) > 1 for t in content)
        if caps:
            if entry.content < 2 and (entry.tier == 2 or entry.common):
                return None
            if entry.word_in_capitals and not located and not _opens_line(text, start) \
                    and _preposition_before(tokens, text, hit.first) is None:
                return None  # "LIRE AVEC PLAISIR": a word, unless set as a place
        elif not content[0].capitalised or not all(
            t.capitalised or _hyphen_before(text, t) for t in content[1:]
        ):
            return None
        # 'Espérance Banlieues Argenteuil' stays whole here: a place span would cut the
        # organisation out of the organisation finder, which runs after the places.
        # spaCy's LOC inside a chain of capitalised words ('Crédit Agricole Toulouse 31')
        # backs a town of the territory, never one elsewhere.
        if (not located or (entry.tier > 0 and not placed)) and _inside_proper_name(
                text, tokens, hit.first, hit.last):
            return None
        if entry.kind == COMMUNE and entry.tier > 0 and _after_dedication_noun(
                text, tokens, hit.first):
            return None
        # 'la gare de Lyon' is in Paris; 'la gare de Mantes' in Mantes.
        if entry.kind == COMMUNE and _street_named_after(text, tokens, hit.first, (
                FAR_NAMED_AFTER_HEADS if entry.tier == 2 else NAMED_AFTER_HEADS)):
            return None
        if entry.kind == COMMUNE and entry.tier > 0 and after_work_noun(text, start):
            return None  # 'le film Roubaix, une lumière': a work's title
        if entry.kind == COMMUNE and entry.tier > 0 and _determiner_before(
                text, tokens, hit.first, entry):
            return None  # 'les Saint-Nazaire', 'le Lyon des canuts': a thing, not the town
        preposition = _preposition_before(tokens, text, hit.first)
        if entry.content == 1 and content[0].key in NUMBER_WORDS and preposition != "a":
            return None
        if (entry.kind == COMMUNE and entry.tier == 2 and not preposition and not placed
                and _sentence_initial(text, tokens, hit.first)
                and not (located and entry.population >= BIG_TOWN)
                and not _dateline(text, tokens, hit.first, end, entry)):
            # 'Quarante ans après…': a capital that only opens a sentence says nothing;
            # a big town ('Bordeaux accueille…') still counts when spaCy reads a place.
            return None
        if entry.kind == COMMUNE and entry.tier > 0 and (
                (preposition == "de" and _names_a_body_of(text, tokens, hit.first))
                or _acronym_after(text, tokens, hit.last)):
            return None
        if entry.tier == 2 and entry.content < 2 and content[0].key in self._regional_prefixes \
                and not placed and not (entry.population >= BIG_TOWN
                         and entry.population > self._regional_prefixes[content[0].key]):
            return None
        if entry.common and entry.tier == 2:
            # 'Politique de la Ville', 'Vaux' at a sentence start: only 'à' or spaCy will do;
            # a city ('passées par Marseille', 'venus de Lyon') after any preposition.
            return entry if located or preposition == "a" or (
                preposition and entry.population >= CITY and not caps) else None
        if entry.common:
            mid_sentence = (not caps and not _sentence_initial(text, tokens, hit.first)
                            and not _capitalised_before(text, tokens, hit.first))
            return entry if located or preposition or mid_sentence else None
        if entry.content < 2 and entry.tier == 2 and not (located or preposition) \
                and not _dateline(text, tokens, hit.first, end, entry):
            return None
        return entry

    def _placed_by_apposition(self, text, tokens, hit, places) -> Entry | None:
        """'Fontaine, en Isère', 'Beaumont, commune du Puy-de-Dôme': a département or
        region set right after the name, past a comma, places it as surely as spaCy's
        LOC would; the name must still pass every other check."""
        end = tokens[hit.last - 1].end
        if not re.match(r"[ \t\u00a0]*,", text[end:]):
            return None
        for index, codes in self._areas_named_near(text, tokens, tokens[hit.first].start, end):
            if index < hit.last or index - hit.last > APPOSITION_WORDS:
                continue
            named = self._communes_in(places, codes)
            if named:
                span = tokens[hit.first].start, end
                return self._choose(text, tokens, hit, named, [span], placed=True)
        return None

    def _listed_after(self, text, tokens, previous, hit, candidates) -> Entry | None:
        """'St-ouen-l'aumône, éragny, pontoise et osny', 'LES MUREAUX ET PERSAN': in a
        line without capitals, or all in capitals, a name of 78/92/95 that is not a common
        word, listed right after a commune of 78/92/95, is one too."""
        previous_hit, _, previous_entry = previous
        if previous_entry is None or previous_entry.kind != COMMUNE or previous_entry.tier:
            return None
        gap = text[tokens[previous_hit.last - 1].end:tokens[hit.first].start]
        if "\n" in gap or not LIST_SEPARATOR.fullmatch(gap):
            return None
        span = tokens[hit.first:hit.last]
        if (any(t.capitalised for t in span) and not all(t.all_caps for t in span)) \
                or _glued(text, span[0].start, span[-1].end):
            return None  # a capital refused by the other rules stays refused
        communes = [e for e in candidates
                    if e.kind == COMMUNE and e.tier == 0 and not e.common and e.content]
        if len({e.ref for e in communes}) != 1:
            return None
        return communes[0]
