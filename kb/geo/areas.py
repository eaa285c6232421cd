"""Départements and regions named around a commune's name: '(Vienne)', 'dans la Drôme',
'à La Réunion' say which commune of a name is meant, and place a town outside the
territory.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kb.geo.index import Entry, PlaceIndex
from kb.geo.tokens import ARTICLES, COMMUNE, Token, _words, fold, key_word
from kb.models import Mention

# "Vaux (Vienne)", "Vaux (86)": the département a commune's name is followed by.
BRACKET_AFTER = re.compile(r"[ \t\u00a0]*\(\s*([^()\n]{2,40}?)\s*\)")
AREA_WINDOW = 120  # characters either side of a name where its département may be named
AREA_CUES = frozenset({"dans", "en", "du", "de", "des", "le", "la", "les", "l", "au", "aux",
                       "a"})


class AreaReader(PlaceIndex):
    """The areas a text names near a name, read with the index's names of areas."""

    def _named_departement(self, text: str, end: int, places: list[Entry]) -> Entry | None:
        """'Vaux (Vienne)', 'Saint-Denis (La Réunion)': the bracket after a name says which
        commune of that name."""
        bracket = BRACKET_AFTER.match(text, end)
        if not bracket:
            return None
        said = tuple(key_word(w) for w in _words(bracket.group(1)))
        if said and said[0] in ARTICLES and len(said) > 1:
            said = said[1:]
        codes = self._areas.get(said, set()) | {bracket.group(1).strip().upper()}
        for entry in places:
            commune = self.gazetteer.get(entry.ref) if entry.kind == COMMUNE else None
            if commune and commune.departement in codes:
                return entry
        return None

    def _areas_named_near(self, text: str, tokens: list[Token], start: int,
                          end: int) -> list[tuple[int, set[str]]]:
        """The départements named in the sentence of a name, by their own name or their
        region's, after a cue ('(Gironde)', 'dans la Drôme', 'en Picardie', 'à La
        Réunion', 'du Nord'), nearest first, each with the index of its first token. A
        capital is asked for: 'au nord de' names nothing."""
        left = max(text.rfind(ch, 0, start) for ch in ".!?\n")
        right = min((i for i in (text.find(ch, end) for ch in ".!?\n") if i >= 0),
                    default=len(text))
        left, right = max(left, start - AREA_WINDOW), min(right, end + AREA_WINDOW)
        found: list[tuple[tuple[int, int], int, set[str]]] = []
        first = bisect_right(tokens, left, key=lambda t: t.start)
        last = bisect_right(tokens, right, key=lambda t: t.start)
        for i in range(first, last):
            token = tokens[i]
            if token.end > right or start <= token.start < end:
                continue
            if not token.raw[0].isupper():
                continue
            before = text[tokens[i - 1].end:token.start] if i else ""
            cued = "(" in before or (i > 0 and tokens[i - 1].key in AREA_CUES
                                     and "\n" not in before)
            if not cued:
                continue
            for length in self._area_lengths:
                key = tuple(t.key for t in tokens[i:i + length])
                if len(key) == length and key in self._areas:
                    # After the name before before it: 'X, en Seine-Saint-Denis, et X,
                    # chef-lieu de La Réunion'.
                    place = (0, token.start - end) if token.start >= end else (1, start - token.end)
                    found.append((place, i, self._areas[key]))
                    break
        return [(i, codes) for _, i, codes in sorted(found, key=lambda f: f[0])]

    def _departements_named_near(self, text, tokens, start, end) -> set[str]:
        return set().union(*(codes for _, codes in
                             self._areas_named_near(text, tokens, start, end)))

    def _placed(self, text: str, tokens: list[Token], mention: Mention, commune) -> bool:
        """The commune's département, by code or name, in brackets after it or named in
        its sentence: 'Vaux (86)', 'Valence, dans la Drôme'."""
        code = commune.departement
        name = self.gazetteer.departements.get(code, "")
        bracket = BRACKET_AFTER.match(text, mention.end)
        if bracket and fold(bracket.group(1)).strip() in (code, fold(name)):
            return True
        return code in self._departements_named_near(text, tokens, mention.start, mention.end)

    def _homonym_of_named_area(self, text, tokens, hit, places, chosen) -> Entry:
        """'Saint-Denis, à La Réunion', 'Saint-Pierre, en Martinique': among communes of one
        name, the one whose département or region the sentence names, nearest first."""
        for _, codes in self._areas_named_near(text, tokens, tokens[hit.first].start,
                                               tokens[hit.last - 1].end):
            named = self._communes_in(places, codes)
            if named:
                return chosen if chosen in named else max(named, key=lambda e: e.population)
        return chosen

    def _communes_in(self, places, codes) -> list[Entry]:
        return [e for e in places if e.kind == COMMUNE
                and (commune := self.gazetteer.get(e.ref)) and commune.departement in codes]
