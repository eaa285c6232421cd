"""Find communes, quartiers prioritaires and départements named in French text.

Works on its own (no spaCy): names are matched as sequences of normalised word tokens,
so hyphen, space and apostrophe variants (`Val-d'Oise`, `Val d’Oise`), missing accents,
`St`/`Ste` and contracted articles (`au Pecq`, `aux Mureaux`) all meet the same key.
The caller may pass spaCy LOC spans as extra evidence and organisation spans to skip.

What needs what (the rules a documentalist can check):
- one commune per name: 78/92/95 first, then the rest of Île-de-France, then population;
- an initial capital in running text; text in capitals only for names of two words or
  more, or a name of Île-de-France that is not a common word;
- more evidence (a LOC span, or `à`, `de`, `d'`, `en`, `sur`… just before) for a one-word
  name outside Île-de-France, and for names that are common words or first names
  (kb/data/common_names.tsv) unless a capital in mid-sentence already says "name";
- a name glued by a hyphen to a bigger word is part of that word (`Cergy-Pontoise`,
  `Paris-Saclay`, the `Yvelines` of `Saint-Quentin-en-Yvelines`): no commune;
- a name inside a run of capitalised words (`École Lumen Bordeaux`, `Marie Beauchamp`) is
  part of another name, unless a LOC span says otherwise;
- a commune outside Île-de-France right after `université de`, `CHU de`… names the
  institution, not the place;
- intercommunalités (Plaine Commune, Est Ensemble, Grand Paris Sud…) and the region are
  organisations or areas, never communes; `Cergy-Pontoise` is read as the agglomeration;
- a quartier needs its commune named in the same text unless its name is distinctive
  (le Val Fourré); a quartier found alone adds its commune.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import pairwise

from kb.abroad import names_country, namesake_abroad, written_abroad
from kb.entity_words import (
    DEDICATION_NOUNS,
    DEDICATION_NOUNS_WRITTEN,
    ORG_HEADS,
    after_work_noun,
    first_names_also_words,
    is_first_name,
    word_list,
)
from kb.gazetteer import COVERED_DEPARTEMENTS, ILE_DE_FRANCE, Gazetteer
from kb.models import Mention
from kb.textclean import strip_accents

COMMUNE, QUARTIER, DEPARTEMENT, BLOCK = "COMMUNE", "QUARTIER", "DEPARTEMENT", "BLOCK"

WORD = re.compile(r"[^\W\d_]+")
# Separators allowed inside one place name: spaces (one line break at most), hyphens,
# apostrophes. A comma or a slash ends a name.
JOINER = re.compile(r"[ \t\u00a0\u202f]*(?:\n)?[ \t\u00a0\u202f]*[-‐‑'’ʼ`]?[ \t\u00a0\u202f]*")
HYPHENS = "-‐‑"
# Bounded and possessive runs (as kb.nlp.URL_RE): linear time on a 100,000-letter word.
MASKED = re.compile(
    r"(?:https?://|www\.)\S++|[\w.+-]{1,64}+@[\w-]{1,63}+(?:\.[\w-]{1,63}+){1,9}|"
    r"\b[\w-]{1,63}+(?:\.[\w-]{1,63}+){0,8}\.(?:fr|org|com|net|eu|info|gouv)\b(?:/\S*+)?",
    re.IGNORECASE,
)
DEPARTEMENT_CODES = re.compile(r"\(\s*(\d{2}(?:\s*[,;/]\s*\d{2})*)\s*\)")

ARTICLES = frozenset({"le", "la", "les", "l"})
CONTRACTIONS = {"au": "le", "du": "le", "aux": "les", "des": "les"}
FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l", "de", "du", "des", "d", "sur", "sous", "en", "lez", "et",
    "aux", "au", "a", "el", "y",
})
PREPOSITIONS = frozenset({
    "a", "de", "d", "en", "sur", "vers", "depuis", "pres", "au", "aux", "du", "des", "entre",
    "par", "via",
})
INSTITUTION_NOUNS = frozenset({
    "universite", "academie", "rectorat", "chu", "iut", "ecole", "institut", "po", "ihu",
    "conservatoire", "observatoire", "tribunal", "cour", "prefecture", "diocese", "club",
})
# 'Quarante ans après…', 'Cent jours…': a number word is a commune only after 'à'.
NUMBER_WORDS = frozenset({
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante",
    "cinquante", "soixante", "cent", "cents", "mille",
})
# Between two communes of an enumeration: 'Osny, Éragny et Pontoise', 'Trappes - Élancourt'.
LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:et|ou)\s+|\s+[-–—/]\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:;\n•\-–—«»\"(\[]\s*$")



@cache
def area_names() -> tuple[str, ...]:
    """Names of areas and bodies that contain commune or département names (EPT, EPCI of
    the region, the region, metropolitan bodies), from kb/data/area_names.tsv: the longest
    match consumes them, so they give no commune."""
    text = resources.files("kb").joinpath("data", "area_names.tsv").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines()[1:]
                 if line.strip() and not line.startswith("#") and line.strip() != "name")


# "les quartiers de X", "quartiers de X, de Y et de Z": the names of quartiers.
QUARTIER_BEFORE_RE = re.compile(
    r"(?<![\w-])quartiers?[ \u00a0]+(?:(?:de|du|des|d['’])[ \u00a0]*)?"
    r"(?:[^.;:!?\n]{0,60}?(?:,|[ \u00a0]et)[ \u00a0]+(?:(?:de|du|d['’])[ \u00a0]*)?)?$",
    re.IGNORECASE)
# "le quartier de Montreuil", "au quartier des Champeaux": one quartier, by its name.
ONE_QUARTIER_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:le|du|au|ce)[ \u00a0]+quartier[ \u00a0]+(?:de|du|des|d['’])[ \u00a0]*$",
    re.IGNORECASE)
# "la cité Beauregard", "la résidence des Tilleuls", "le lotissement du Moulin": a housing
# estate, named like a town elsewhere. Not after a bare "de" ("la cité de Carcassonne").
ESTATE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:la|le|les|une|un|du|de|à|au|aux|dans)[ \u00a0]+(?:l['’])?"
    r"(?:(?:cités?|résidences?)(?:[ \u00a0]+(?:des|du|de[ \u00a0]+la|de[ \u00a0]+l['’]))?"
    r"|(?:lotissements?|îlots?)(?:[ \u00a0]+(?:de|des|du|de[ \u00a0]+la|de[ \u00a0]+l['’]))?)"
    r"[ \u00a0]*$", re.IGNORECASE)
# "Vaux (Vienne)", "Vaux (86)": the département a commune's name is followed by.
BRACKET_AFTER = re.compile(r"[ \t\u00a0]*\(\s*([^()\n]{2,40}?)\s*\)")
EVENT_YEAR = re.compile(r"[ \t\u00a0]+(?:19|20)\d\d(?![\d])")
INDEFINITE = frozenset({"un", "une", "des", "plusieurs", "deux", "trois", "chaque"})
NAME_REACH = 6  # lower-case words between a capitalised head and 'de X' in one name
NAME_GAP = re.compile(r"[ \u00a0'’-]")
APPOSITION_WORDS = 4  # 'X, commune du Puy-de-Dôme': words from the name to the area's
AREA_WINDOW = 120  # characters either side of a name where its département may be named
AREA_CUES = frozenset({"dans", "en", "du", "de", "des", "le", "la", "les", "l", "au", "aux",
                       "a"})
BIG_TOWN = 20_000  # above this population a common-word name is read as the town anyway
CITY = 100_000  # a city named like a word or a surname is the city after any preposition


def fold(word: str) -> str:
    """Lowercase, accents off, ligatures opened: the key used for every comparison."""
    word = word.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key_word(word: str) -> str:
    folded = fold(word)
    return {"st": "saint", "ste": "sainte"}.get(folded, folded)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    raw: str
    key: str

    @property
    def capitalised(self) -> bool:
        return self.raw[0].isupper()

    @property
    def all_caps(self) -> bool:
        return self.raw.isupper()


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


def _words(name: str) -> list[str]:
    return [w.lower() for w in WORD.findall(name)]


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


class PlaceLinker:
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
                entry = Entry(QUARTIER, f"{quartier.insee}|{quartier.name}", tuple(words),
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

    # -- public -------------------------------------------------------------------------

    def link(
        self,
        text: str,
        loc_spans: Sequence[tuple[int, int]] = (),
        exclude_spans: Sequence[tuple[int, int]] = (),
    ) -> list[Mention]:
        masked = [m.span() for m in MASKED.finditer(text)]
        tokens = [
            Token(m.start(), m.end(), m.group(), key_word(m.group()))
            for m in WORD.finditer(text)
            if not _inside(m.start(), m.end(), masked)
        ]
        hits = self._scan(text, tokens, loc_spans)
        mentions: list[Mention] = []
        pending_quartiers: list[tuple[_Hit, list[Entry]]] = []
        for hit, candidates, chosen in hits:
            quartiers = [e for e in candidates if e.kind == QUARTIER]
            if chosen is not None:
                mentions.append(self._mention(text, tokens, hit.first, hit.last, chosen))
            elif quartiers:
                pending_quartiers.append((hit, quartiers))
        mentions.extend(self._gentile_mentions(text, tokens, hits))
        mentions.extend(self._code_mentions(text, masked))
        present = {m.ref for m in mentions if m.label == COMMUNE}
        for hit, quartiers in pending_quartiers:
            mentions.extend(self._quartier_mentions(text, tokens, hit, quartiers, present))
        kept = [m for m in mentions if not _overlaps(m.start, m.end, exclude_spans)
                and not (m.label == COMMUNE and _names_an_event(text, m.end))]
        kept = self._short_forms(kept)
        unsupported = self._unsupported_far_communes(text, tokens, kept)
        return sorted((m for m in kept if m not in unsupported), key=lambda m: (m.start, m.label))

    def _short_forms(self, mentions: list[Mention]) -> list[Mention]:
        """'Saint-Ouen' in a text on Saint-Ouen-l'Aumône: the short form of a commune of
        the territory the text names in full, not the town elsewhere of that name."""
        full = [(fold(c.name), c.insee) for m in mentions if m.label == COMMUNE
                and (c := self.gazetteer.get(m.ref)) and c.departement in COVERED_DEPARTEMENTS]
        if not full:
            return mentions
        shortened = []
        for mention in mentions:
            commune = self.gazetteer.get(mention.ref) if mention.label == COMMUNE else None
            if commune is not None and commune.departement not in COVERED_DEPARTEMENTS:
                short = fold(mention.text)
                owners = {insee for name, insee in full if name.startswith(short + "-")}
                if len(owners) == 1:
                    mention = replace(mention, ref=owners.pop())
            shortened.append(mention)
        return shortened

    def names_a_place(self, name: str) -> bool:
        """The words of some commune's, quartier's or area's name, whichever place (if
        any) they stand for in a text ('Cholet', 'Beauregard')."""
        key = tuple(key_word(w) for w in _words(name))
        return bool(key) and key in self._index

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

    def _covered_earlier_in_sentence(self, text: str, mention: Mention,
                                     mentions: Sequence[Mention]) -> bool:
        """A commune of the territory named before `mention` in its sentence."""
        opening = max(text.rfind(mark, 0, mention.start) for mark in ".!?\n") + 1
        for other in mentions:
            commune = self.gazetteer.get(other.ref) if other.label == COMMUNE else None
            if commune is not None and commune.departement in COVERED_DEPARTEMENTS \
                    and opening <= other.start < mention.start:
                return True
        return False

    def _names_a_quartier(self, text: str, mention: Mention,
                          mentions: Sequence[Mention]) -> bool:
        """'le quartier de Montreuil', 'le quartier des Champeaux', 'la cité Beauregard':
        the name of one quartier or housing estate; 'les quartiers de Montreuil et de
        Saint-Louis, à Versailles': quartiers of the territory's commune, named like towns
        elsewhere ('les quartiers de Marseille' alone stays the town)."""
        before = text[max(0, mention.start - 80):mention.start]
        if ONE_QUARTIER_BEFORE_RE.search(before) or ESTATE_BEFORE_RE.search(before):
            return True
        return bool(QUARTIER_BEFORE_RE.search(before)) and \
            self._covered_earlier_in_sentence(text, mention, mentions)

    def _unsupported_far_communes(self, text: str, tokens: list[Token],
                                  mentions: list[Mention]) -> list[Mention]:
        """Communes outside Île-de-France the text does not back up. A writer of the
        ouest francilien means a place elsewhere in France only when it says so: the
        commune's département (name or code) in brackets after it or named in the text,
        or a town big enough to be meant on its own. Otherwise the name is an ordinary
        word, a quartier, or a piece of another name (a company's, say)."""
        plain = strip_accents(text)
        far = [m for m in mentions if m.label == COMMUNE and (c := self.gazetteer.get(m.ref))
               and c.departement not in COVERED_DEPARTEMENTS]
        # 'Saint-Louis du Sénégal', 'le quartier des Champeaux': once set abroad or read
        # as a quartier, the same name is so all along, where the text does not place it.
        set_elsewhere = [m for m in far if written_abroad(text, m.start, m.end)
                         or self._names_a_quartier(text, m, mentions)]
        elsewhere = {fold(m.text) for m in set_elsewhere}
        unsupported = []
        for mention in far:
            commune = self.gazetteer.get(mention.ref)
            if mention in set_elsewhere or _quoted_only(text, mention, mentions):
                unsupported.append(mention)
                continue
            placed = self._placed(text, tokens, mention, commune)
            if fold(mention.text) in elsewhere and not placed:
                unsupported.append(mention)
                continue
            if _tier(commune.departement) < 2:
                continue
            # 'Laval' beside 'Canada' in its paragraph, or bare while Laval in Québec is
            # eight times the French one: the text must place it in France.
            namesake = namesake_abroad(mention.text)
            if namesake and not placed and names_country(
                    _paragraph(text, mention.start), namesake.country):
                unsupported.append(mention)
                continue
            if (commune.population or 0) >= BIG_TOWN and not _named_like_a_person(commune) \
                    and not (namesake and namesake.dwarfs(commune.population or 0)):
                continue
            if placed or _departement_written(
                    plain, self.gazetteer.departements.get(commune.departement, "")):
                continue
            unsupported.append(mention)
        return unsupported

    def _placed(self, text: str, tokens: list[Token], mention: Mention, commune) -> bool:
        """The commune's département, by code or name, in brackets after it or named in
        its sentence: 'Vaux (86)', 'Valence, dans la Drôme'."""
        code = commune.departement
        name = self.gazetteer.departements.get(code, "")
        bracket = BRACKET_AFTER.match(text, mention.end)
        if bracket and fold(bracket.group(1)).strip() in (code, fold(name)):
            return True
        return code in self._departements_named_near(text, tokens, mention.start, mention.end)

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

    def _homonym_of_named_area(self, text, tokens, hit, places, chosen) -> Entry:
        """'Saint-Denis, à La Réunion', 'Saint-Pierre, en Martinique': among communes of one
        name, the one whose département or region the sentence names, nearest first."""
        for _, codes in self._areas_named_near(text, tokens, tokens[hit.first].start,
                                               tokens[hit.last - 1].end):
            named = self._communes_in(places, codes)
            if named:
                return chosen if chosen in named else max(named, key=lambda e: e.population)
        return chosen

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

    def _communes_in(self, places, codes) -> list[Entry]:
        return [e for e in places if e.kind == COMMUNE
                and (commune := self.gazetteer.get(e.ref)) and commune.departement in codes]

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

    def _mention(self, text, tokens, first, last, entry: Entry) -> Mention:
        start, end = tokens[first].start, tokens[last - 1].end
        return Mention(label=entry.kind, text=text[start:end], start=start, end=end,
                       ref=entry.ref)

    def _quartier_mentions(self, text, tokens, hit, quartiers, present) -> list[Mention]:
        span = tokens[hit.first:hit.last]
        start, end = span[0].start, span[-1].end
        if _glued(text, start, end):
            return []
        content = [t for t in span if t.key not in FUNCTION_WORDS]
        if not content or not (content[0].capitalised):
            return []
        if all(t.all_caps for t in content) and len(content) < 2:
            return []
        with_commune = [q for q in quartiers if q.ref.split("|")[0] in present]
        if with_commune:
            chosen = with_commune[0]
        else:
            distinctive = {q.ref.split("|")[0] for q in quartiers if q.population}
            if len(distinctive) != 1:
                return []
            chosen = next(q for q in quartiers if q.population)
        mention = Mention(QUARTIER, text[start:end], start, end, chosen.ref)
        insee = chosen.ref.split("|")[0]
        if insee in present:
            return [mention]
        present.add(insee)
        return [mention, Mention(COMMUNE, text[start:end], start, end, insee)]

    def _gentile_mentions(self, text, tokens, hits) -> Iterable[Mention]:
        taken = {i for hit, _, _ in hits for i in range(hit.first, hit.last)}
        for index, token in enumerate(tokens):
            if index in taken or not token.capitalised or len(token.key) < 6:
                continue
            for stem, insee in self._gentiles:
                if token.key.startswith(stem) and token.key[len(stem):] in (
                    "", "e", "es", "s", "ne", "nes", "nne", "nnes"
                ):
                    yield Mention(COMMUNE, token.raw, token.start, token.end, insee)
                    break

    def _code_mentions(self, text, masked) -> Iterable[Mention]:
        """'(95)', '(77, 91, 94)': département codes of Île-de-France in brackets."""
        for match in DEPARTEMENT_CODES.finditer(text):
            if _inside(match.start(), match.end(), masked):
                continue
            codes = list(re.finditer(r"\d{2}", match.group(1)))
            if not all(c.group() in ILE_DE_FRANCE for c in codes):
                continue
            for code in codes:
                start = match.start(1) + code.start()
                yield Mention(DEPARTEMENT, code.group(), start, start + 2, code.group())


# -- helpers --------------------------------------------------------------------------------


def _paragraph(text: str, offset: int) -> str:
    """The paragraph (between blank lines) holding `offset`."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 1 if start >= 0 else 0:end if end >= 0 else len(text)]


def _names_an_event(text: str, end: int) -> bool:
    """A town's name followed by a year ('<town> 2024', the Games or a cultural capital's
    year) names an event."""
    return EVENT_YEAR.match(text, end) is not None


def _departement_written(plain: str, name: str) -> bool:
    """The département's own name in the text (accents off), capitalised as a name and
    standing alone, never after 'd'': 'Oise' in 'Val d'Oise', 'cher' in 'coûte cher' or
    'nord' in 'au nord' name nothing."""
    if not name:
        return False
    pattern = rf"(?<![\w-])(?<![dD]['’]){re.escape(strip_accents(name))}(?![\w-])"
    return re.search(pattern, plain) is not None


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _overlaps_exactly(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """A LOC span is evidence when it covers the name and not much more: 'à Persan' yes,
    'Val d'Oise Habitat' no."""
    return any(s <= start and end <= e and (e - s) <= (end - start) + 3 for s, e in spans)


def _joined(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end:right.start]
    if gap in (".", ". ") and left.raw.lower() in ("st", "ste"):
        return True  # "St. Denis"
    return len(gap) <= 4 and JOINER.fullmatch(gap) is not None and "\n\n" not in gap


def _hyphen_before(text: str, token: Token) -> bool:
    return token.start > 0 and text[token.start - 1] in HYPHENS + "'’"


def _glued(text: str, start: int, end: int) -> bool:
    before = start >= 2 and text[start - 1] in HYPHENS and text[start - 2].isalpha()
    after = end + 1 < len(text) and text[end] in HYPHENS and text[end + 1].isalpha()
    return before or after


def _accents_agree(span: Sequence[Token], entry: Entry) -> bool:
    """Missing accents are fine for names of the region or of several words ('Mantes la
    Jolie', 'Eragny'); wrong accents never are ('Mère' is not 'Méré'), and a word of the
    text must not lose its accents to become a far-away one-word name ('Ville' is not
    'Villé', 'Centres' not 'Centrès')."""
    strict = entry.tier == 2 and entry.content < 2
    # Aligned from the end: the span may carry an article the entry's words lack.
    for token, word in zip(reversed(span), reversed(entry.words), strict=False):
        lower = token.raw.lower()
        if token.key in ("saint", "sainte") or lower in (word, word.replace("œ", "oe")):
            continue
        if strict or lower != fold(lower):
            return False
    return True


def _preposition_before(tokens, text, first) -> str | None:
    """The preposition right before the name (or before its article): 'à', 'de'…"""
    index = first - 1
    if index >= 0 and tokens[index].key in ARTICLES and _joined(text, tokens[index],
                                                                tokens[index + 1]):
        index -= 1
    if index < 0:
        return None
    token = tokens[index]
    gap = text[token.end:tokens[index + 1].start]
    # 'À Grenoble, …', 'De Toulouse à Marseille': capitalised only as a sentence's first word.
    lowered = token.raw.islower() or ((token.raw[1:].islower() or len(token.raw) == 1) \
        and _sentence_initial(text, tokens, index))
    if token.key in PREPOSITIONS and lowered and "\n" not in gap and len(gap) <= 2:
        return {"d": "de", "du": "de", "des": "de"}.get(token.key, token.key)
    return None


# A town's name takes no determiner of its own: one before it makes the name a thing's
# (a plural of firms, a period of the town, a work's title).
DETERMINERS_BEFORE_TOWN = frozenset({"le", "la", "les", "un", "une", "ce", "cet", "cette",
                                     "ces"})


def _determiner_before(text, tokens, first, entry: Entry) -> bool:
    if first == 0 or entry.words[0] in ARTICLES:
        return False  # 'Le Havre', 'les Mureaux': the article is the name's
    token = tokens[first - 1]
    gap = text[token.end:tokens[first].start]
    return token.key in DETERMINERS_BEFORE_TOWN and token.raw.islower() and gap in (" ", "\u00a0")


def _dateline(text, tokens, first, end, entry: Entry) -> bool:
    """'Roubaix, laboratoire de la démocratie alimentaire', 'Saint-Denis : la gare
    Pleyel…': a big town opening a sentence or headline, then a comma or a colon, says
    where the rest happens, as a newspaper's dateline does."""
    return entry.population >= BIG_TOWN and _sentence_initial(text, tokens, first) \
        and re.match(r"[ \u00a0]?[,:]", text[end:end + 2]) is not None


def _opens_line(text: str, start: int) -> bool:
    """Nothing but an article before the name on its line: a commune line, a table's row."""
    line = text[text.rfind("\n", 0, start) + 1:start]
    return re.fullmatch(r"\s*(?:(?:le|la|les|l['’])\s*)?", line, re.IGNORECASE) is not None


def _sentence_initial(text, tokens, first) -> bool:
    if first == 0:
        return True
    before = text[tokens[first - 1].end:tokens[first].start]
    return bool(SENTENCE_END.search(before)) or "\n" in before


def _capitalised_before(text, tokens, first) -> bool:
    """'Marie Beauchamp': a capitalised word right before, even at a sentence start."""
    if first == 0:
        return False
    previous = tokens[first - 1]
    gap = text[previous.end:tokens[first].start]
    return gap in (" ", "\u00a0") and previous.capitalised and previous.key not in FUNCTION_WORDS


# Heads of bodies' names that also name a spot in a town ('au centre de Lyon'): not cues.
PLACE_LIKE_HEADS = frozenset({"centre", "maison", "haut", "haute"})
BODY_HEADS = INSTITUTION_NOUNS | (ORG_HEADS - PLACE_LIKE_HEADS) | word_list("name_head")
CAPITALISED_HEADS = word_list("capitalised_name_head")  # 'les Rencontres de Lure'


def _heads_a_name(token: Token) -> bool:
    return token.key in BODY_HEADS or (token.key in CAPITALISED_HEADS and token.raw[0].isupper())


def _names_a_body_of(text, tokens, first) -> bool:
    """'l'université de Lyon', 'la métropole de Lyon', 'le Festival de Lodève': the head of
    a body's name (a type noun of kb/data/entity_words.tsv) then 'de' — the town is part
    of the name. (An acronym before 'de' is no such cue: 'les QPV de Marseille'.) A head
    with a capital may stand a few lower-case words back, in one stretch of the sentence:
    'le Festival international du film d'Amiens'."""
    if first < 2:
        return False
    head = tokens[first - 2]
    if _heads_a_name(head):
        # 'une association de Koungou': a body of that town, not its name ('des
        # Rencontres de Lure' is one: the capital names it).
        return head.raw[0].isupper() or not (first >= 3 and tokens[first - 3].key in INDEFINITE)
    if _capitalised_name_word(text, tokens, first - 2) and text[
            head.end:tokens[first - 1].start] in (" ", "\u00a0"):
        return True  # 'le Samusocial de Toulouse', 'les Girondins de Bordeaux'
    for index in range(first - 3, max(-1, first - 3 - NAME_REACH), -1):
        token, after = tokens[index], tokens[index + 1]
        if not NAME_GAP.fullmatch(text[token.end:after.start]):
            return False
        if _heads_a_name(token) and token.raw[0].isupper():
            return True
        if _heads_a_name(token) and index == first - 3 and not (
                index and tokens[index - 1].key in INDEFINITE):
            return True  # 'le tribunal judiciaire de Lille': one adjective after the head
        if not token.raw.islower():
            return False
    return False


def _capitalised_name_word(text, tokens, index) -> bool:
    """A word with a capital inside a sentence, not an acronym ('les QPV de Marseille')
    nor a function word: a name's word."""
    token = tokens[index]
    return (token.capitalised and not token.all_caps and token.key not in FUNCTION_WORDS
            and not _sentence_initial(text, tokens, index))


def _acronym_after(text, tokens, last) -> bool:
    """'le Niort FC', 'Lyon OU': a short acronym right after the town names a club or a
    body."""
    if last >= len(tokens):
        return False
    following = tokens[last]
    gap = text[tokens[last - 1].end:following.start]
    return gap in (" ", "\u00a0") and following.all_caps and 2 <= len(following.raw) <= 4


DATELINE_WORDS = 4  # words after 'Place,' that make a quoted line a headline, not a title


def _quoted_only(text: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """« Retour à Reims », « Paris, Texas »: inside the guillemets of a title, and named
    nowhere else in the text."""
    def opening(m: Mention) -> int | None:
        """Where the guillemets holding the mention open, if any."""
        start = text.rfind("«", 0, m.start)
        return start if start > text.rfind("»", 0, m.start) else None

    def quoted(m: Mention) -> bool:
        if (start := opening(m)) is None:
            return False
        if after_work_noun(text, start + 1):
            return True  # 'le spectacle « Nantes, quai de la Fosse »': a work's title
        # « À Sarcelles, les médiateurs… », « Roubaix, laboratoire de la démocratie
        # alimentaire »: a press headline opening on its place says where, as a dateline
        # does. A work's title is short (« Paris, Texas », « Roubaix, une lumière »).
        lead = text[start + 1:m.start]
        closing = text.find("»", m.end)
        rest = text[m.end:closing if closing >= 0 else m.end]
        return not (
            (re.fullmatch(r"[\s*_]*[Àà]\s+", lead) and rest[:1] == ",")
            or (re.fullmatch(r"[\s*_]*", lead) and re.match(r"[\s*_]*[,:]", rest)
                and len(WORD.findall(rest)) >= DATELINE_WORDS))
    titles = [strip_accents(t).lower() for t in re.findall(r"«\s*([^«»\n]{3,80}?)\s*»", text)]

    def a_title_again(m: Mention) -> bool:
        """'Sens dessus dessous, soutenu par…' after « Sens dessus dessous »: the work's
        title written again without its guillemets."""
        after = strip_accents(text[m.start:m.start + 80]).lower()
        return opening(m) is None and any(
            len(title) > len(m.text) + 3 and after.startswith(title) for title in titles)
    return all(quoted(m) or a_title_again(m) for m in mentions if m.ref == mention.ref)


def _named_like_a_person(commune) -> bool:
    """'Le François' (Martinique): one content word, a first name. A town of that size
    named alone is not meant without its département."""
    content = [w for w in _words(commune.name) if key_word(w) not in FUNCTION_WORDS]
    return len(content) == 1 and is_first_name(content[0])


def _after_first_name(text, tokens, first) -> bool:
    """A capitalised first name right before the name, same line: a person's surname
    ('Nadia Verdun'), even where the first name opens a sentence or a list's line; or
    before 'de' ('l'historien Bertrand de Rambouillet'), unless a name stands before the
    first name ('école Louise Michel de Sarcelles')."""
    if first == 0:
        return False
    previous = tokens[first - 1]
    if _first_name_before(text, previous, tokens[first]):
        return True
    if previous.key != "de" or first < 2 or text[previous.end:tokens[first].start] != " ":
        return False
    name = tokens[first - 2]
    if not _first_name_before(text, name, previous) or \
            fold(name.raw) in first_names_also_words():
        return False
    if first < 3:
        return True
    before = tokens[first - 3]
    gap = text[before.end:name.start]
    if gap == "-" and is_first_name(before.raw):
        # 'Marie-Lou de Dole', a compound first name, unless a school or a street is
        # named after it ('école Louise-Michel de Sarcelles').
        return first < 4 or tokens[first - 4].key not in DEDICATING_HEADS
    return not (before.capitalised and gap in (" ", "-"))


def _first_name_before(text, previous: Token, token: Token) -> bool:
    gap = text[previous.end:token.start]
    return (gap in (" ", "\u00a0") and previous.capitalised and len(previous.raw) > 1
            and previous.key not in FUNCTION_WORDS and is_first_name(previous.raw))


def _after_dedication_noun(text, tokens, first) -> bool:
    """'quartier Saint-Exupéry', 'Lycée Jean-Jaurès': the noun right before, same line."""
    if first == 0:
        return False
    previous = tokens[first - 1]
    gap = text[previous.end:tokens[first].start]
    # Accents kept: 'le rapport cite Saint-Benoît' is no 'cité Saint-Benoît'.
    return previous.raw.lower() in DEDICATION_NOUNS_WRITTEN and gap in (" ", "\u00a0")


STREET_NOUNS = frozenset({"rue", "avenue", "boulevard", "allee", "impasse", "chemin", "quai",
                          "route", "cours"})
# A site, a landscape, an event or an agreement named after the town: 'la forêt de
# l'Isle-Adam', 'le Festival de Lodève' name the site or the event, not the town.
NAMED_AFTER_HEADS = STREET_NOUNS | word_list("landmark_noun") | word_list("name_head") \
    | word_list("product_noun")  # 'la moutarde de Dijon', 'les rillettes du Mans'
# What a person's name may be given to: 'école Louise-Michel', 'rue Anne-Marie-Javouhey'.
DEDICATING_HEADS = NAMED_AFTER_HEADS | DEDICATION_NOUNS
# A station named after a town far away is in the town the text speaks of.
FAR_NAMED_AFTER_HEADS = NAMED_AFTER_HEADS | {"gare", "station", "terminal"}


def _street_named_after(text, tokens, first, heads=NAMED_AFTER_HEADS) -> bool:
    """'rue de Bourg', 'avenue de Paris', 'la forêt de l'Isle-Adam', 'le Salon de
    Montrouge', 'la moutarde de Dijon': a street, a site, an event or a product named
    after a town is not that town (`heads`: the nouns that name one)."""
    before = first - 1
    if before >= 2 and tokens[before].key in ("la", "l", "les") \
            and tokens[before - 1].key == "de":
        before -= 1  # 'le parc de la Villette'
    if before < 1 or tokens[before].key not in ("de", "d", "du", "des"):
        return False
    head = tokens[before - 1]
    gap = text[head.end:tokens[first].start]
    # 'les cités-jardins de Suresnes': the noun ends a compound that names no site.
    return head.key in heads and "\n" not in gap and len(gap) <= 8 \
        and not (head.start > 0 and text[head.start - 1] in HYPHENS)


def _inside_proper_name(text, tokens, first, last) -> bool:
    """True when a capitalised word sits right beside the name on the same line, as in
    'École Lumen Bordeaux' or 'Val d'Oise Habitat' (the previous one only counts when it
    does not open the sentence: 'Hier Nanterre…' stays a commune)."""
    span = tokens[first:last]
    if all(t.all_caps for t in span):
        return False
    if first > 0:
        previous = tokens[first - 1]
        gap = text[previous.end:span[0].start]
        if (gap in (" ", "\u00a0") and previous.capitalised and previous.key not in FUNCTION_WORDS
                and not _sentence_initial(text, tokens, first - 1)):
            return True
        if gap.strip() == "&" and previous.capitalised:  # 'Alpha & Oméga', 'Ville & Banlieue'
            return True
    if last < len(tokens):
        following = tokens[last]
        gap = text[span[-1].end:following.start]
        if gap in (" ", "\u00a0") and following.capitalised and not following.all_caps:
            return True
    return False
