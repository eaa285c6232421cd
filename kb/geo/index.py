"""The gazetteer index: every commune, département, quartier and area name by its key.

`PlaceIndex` builds the index the matcher looks names up in, with what each entry needs
to be believed (its tier, its population, whether it is a common word too), and the
names of areas, regional prefixes and gentilés read alongside.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kb.gazetteer import COVERED_DEPARTEMENTS, ILE_DE_FRANCE, Gazetteer
from kb.geo.tokens import (
    ARTICLES,
    BLOCK,
    COMMUNE,
    DEPARTEMENT,
    FUNCTION_WORDS,
    QUARTIER,
    _words,
    key_word,
)
from kb.models import quartier_key

BIG_TOWN = 20_000  # above this population a common-word name is read as the town anyway
CITY = 100_000  # a city named like a word or a surname is the city after any preposition


@cache
def area_names() -> tuple[str, ...]:
    """Names of areas and bodies that contain commune or département names (EPT, EPCI of
    the region, the region, metropolitan bodies), from kb/data/area_names.tsv: the longest
    match consumes them, so they give no commune."""
    text = resources.files("kb").joinpath("data", "area_names.tsv").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines()[1:]
                 if line.strip() and not line.startswith("#") and line.strip() != "name")



@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    ref: str
    words: tuple[str, ...]  # lowercase with accents, to refuse "Mère" for "Méré"
    content: int  # number of words that are not articles or prepositions
    tier: int  # 0: 78/92/95, 1: rest of Île-de-France, 2: elsewhere
    population: int
    common: bool  # a word or first name: needs more evidence
    word_in_capitals: bool = False  # a word too, which a line in capitals cannot tell apart
    after_contraction: bool = False  # "Pecq" of "Le Pecq": only after au/du/aux/des



@dataclass(frozen=True, slots=True)
class _Hit:
    first: int  # token indexes, end exclusive
    last: int
    entry: Entry


def _tier(departement: str) -> int:
    if departement in COVERED_DEPARTEMENTS:
        return 0
    return 1 if departement in ILE_DE_FRANCE else 2


@cache
def _common_names(*, in_capitals: bool = False) -> frozenset[str]:
    """Commune names that are words too (kb/data/common_names.tsv). Those marked "en
    capitales seulement" count only where a line in capitals hides the name's capital."""
    text = resources.files("kb").joinpath("data", "common_names.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return frozenset(key_word(row["name"]) for row in rows
                     if in_capitals or "capitales seulement" not in row["reason"])


class PlaceIndex:
    """The index of names (built from the gazetteer) the place linker matches text against."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._index: dict[tuple[str, ...], list[Entry]] = {}
        self._lengths: dict[str, set[int]] = {}
        common = _common_names()
        words_in_capitals = _common_names(in_capitals=True)
        for commune in gazetteer.communes.values():
            tier = _tier(commune.departement)
            for name in (commune.name, *commune.aliases):
                words = _words(name)
                content = sum(1 for w in words if key_word(w) not in FUNCTION_WORDS)
                is_common = (content == 1 and key_word(words[-1]) in common
                             and not (tier < 2 and (commune.population or 0) >= BIG_TOWN))
                is_word = content == 1 and key_word(words[-1]) in words_in_capitals
                entry = Entry(COMMUNE, commune.insee, tuple(words), content, tier,
                              commune.population or 0, is_common, word_in_capitals=is_word)
                self._add(words, entry)
                if words[0] in ("le", "les") and len(words) > 1:
                    core = Entry(COMMUNE, commune.insee, tuple(words[1:]), content, tier,
                                 commune.population or 0, is_common, after_contraction=True,
                                 word_in_capitals=is_word)
                    self._add(words[1:], core)
        for code, name in gazetteer.departements.items():
            words = _words(name)
            content = sum(1 for w in words if key_word(w) not in FUNCTION_WORDS)
            entry = Entry(DEPARTEMENT, code, tuple(words), content, _tier(code), 0,
                          key_word(words[-1]) in common and content == 1)
            for article in ((), ("le",), ("la",), ("les",), ("l",)):
                # "le Val-d'Oise", "les Yvelines": one span, so "Le Val" (83) never starts it.
                self._add([*article, *words], entry)
        for quartier in gazetteer.quartiers:
            for name in (quartier.name, *quartier.aliases):
                words = _words(name)
                if words and words[0] in ARTICLES and len(words) > 1:
                    words = words[1:]  # the text says "le Val Fourré", "du Village", "Village"
                content = sum(1 for w in words if key_word(w) not in FUNCTION_WORDS)
                # `population` carries 1 for a distinctive name: it may stand alone.
                entry = Entry(QUARTIER, quartier_key(quartier.insee, quartier.name), tuple(words),
                              content, 0, int(name in quartier.distinctive_names), False)
                for article in ((), ("le",), ("la",), ("les",), ("l",)):
                    self._add([*article, *words], entry)
        for name in area_names():
            words = _words(name)
            self._add(words, Entry(BLOCK, name, tuple(words), len(words), 0, 0, False))
        # One-word names elsewhere that open a name of the region ('Montigny', 'Villiers',
        # 'Marly'): a writer of the region means one of its own, so no guess at all.
        # A big town elsewhere, bigger than every commune of the region its name opens
        # ('Abbeville' and Abbeville-la-Rivière), is the town.
        self._regional_prefixes: dict[str, int] = {}
        for c in gazetteer.communes.values():
            if c.departement in ILE_DE_FRANCE and len(_words(c.name)) > 1:
                prefix = key_word(_words(c.name)[0])
                self._regional_prefixes[prefix] = max(self._regional_prefixes.get(prefix, 0),
                                                      c.population or 0)
        self._gentiles = sorted(((key_word(g.stem), g.insee) for g in gazetteer.gentiles),
                                key=lambda item: -len(item[0]))
        # Départements and regions by the words of their name ('Drôme', 'La Réunion',
        # 'Picardie'): a commune's département named in its sentence says which one is meant.
        self._areas: dict[tuple[str, ...], set[str]] = {}
        named = [(name, {code}) for code, name in gazetteer.departements.items()]
        named += [(name, set(region.departements)) for region in gazetteer.regions
                  for name in region.names]
        for name, codes in named:
            words = [key_word(w) for w in _words(name)]
            if words[0] in ARTICLES and len(words) > 1:
                words = words[1:]  # 'La Réunion': the article is read as a cue before it
            self._areas.setdefault(tuple(words), set()).update(codes)
        self._area_lengths = sorted({len(k) for k in self._areas}, reverse=True)

    def _add(self, words: Sequence[str], entry: Entry) -> None:
        key = tuple(key_word(w) for w in words)
        if not key:
            return
        bucket = self._index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self._lengths.setdefault(key[0], set()).add(len(key))

    def names_a_place(self, name: str) -> bool:
        """The words of some commune's, quartier's or area's name, whichever place (if
        any) they stand for in a text ('Cholet', 'Beauregard')."""
        key = tuple(key_word(w) for w in _words(name))
        return bool(key) and key in self._index
