"""The French analyzer: how practitioners' text becomes index terms, the same at query time.

One pass over the text, written by hand rather than as a chain of Whoosh filters, because
the decisions depend on each other: an inclusive form (`habitant·e·s`) must be recognised
before punctuation splits it, an elision (`l'équipement`) before accents are folded, and
`REP+` before the `+` is lost. Each step:

1. tokenize, keeping `REP+` and inclusive-writing forms whole;
2. drop elided articles and pronouns (`l'`, `d'`, `qu'`, `jusqu'`…);
3. turn inclusive forms into the masculine form a reader types (`habitant·e·s` → `habitants`);
4. lower-case and fold accents (`Équipement` → `equipement`, `œ` → `oe`);
5. drop stop words;
6. stem lightly: plural and feminine endings only. Snowball's French stemmer merges
   `France` with `franc` and `communication` with `commune`; ours only undoes inflection.

`stem=False` gives the unstemmed variant used for typo tolerance and spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.lang import stopwords_for_language

from kb.textclean import fold_accents as fold  # index terms: the toolkit's accent fold

ANALYZER_VERSION = 2  # bump when any rule below changes: the index is then rebuilt

_SEPARATORS = r"[·‧•∙⋅.\-/]"
_SUFFIXES = (
    r"(?:trices|trice|rices|rice|ices|ice|euses|euse|ères|ère|eres|ere|"
    r"nes|ne|les|le|tes|te|ses|se|es|e|s|x)"
)
# A word, then inclusive endings (`.e.s`, `·rice·s`, `-e-s`, `/le/s`, `(e)s`), but not
# when more word follows: `Villiers-le-Bel` and `Mesnil-le-Roi` are place names.
_INCLUSIVE = (
    rf"(?:(?:{_SEPARATORS}{_SUFFIXES})+|\({_SUFFIXES}\)s?)"
    rf"(?![^\W_]|{_SEPARATORS}[^\W_])"
)
_TOKEN = re.compile(
    rf"(?P<rep>\bREP(?:\s?\+|[\s-]?plus\b))"
    rf"|(?P<word>[^\W_]+(?:['’ʼ][^\W_]+)*)(?P<incl>{_INCLUSIVE})?",
    re.IGNORECASE,
)
_APOSTROPHES = re.compile(r"['’ʼ]")

ELISIONS = frozenset(
    {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
     "presqu"}
)

_EXTRA_STOPS = (
    "les", "aux", "cet", "cette", "ces", "leurs", "elles", "ils", "dont", "où", "ou", "a",
    "sans", "sous", "comme", "ainsi", "aussi", "tout", "tous", "toute", "toutes", "très",
    "entre", "vers", "chez", "lors", "afin", "si", "ni", "car", "donc", "or", "cela", "ceci",
    "celui", "celle", "ceux", "celles", "y", "là", "été", "être", "avoir", "fait", "peut",
)


STOP_WORDS = frozenset(fold(w) for w in (*stopwords_for_language("fr"), *_EXTRA_STOPS))

# Feminine endings undone after the plural one (folded text). Order matters: longest first.
_FEMININE = (
    ("trice", "teur"), ("ienne", "ien"), ("euse", "eur"), ("eure", "eur"), ("aine", "ain"),
    ("aise", "ais"), ("oise", "ois"), ("elle", "el"), ("enne", "en"), ("ante", "ant"),
    ("ente", "ent"),
    ("ive", "if"), ("ere", "er"), ("ale", "al"), ("ee", "e"), ("ue", "u"),
)


def light_stem(word: str) -> str:
    """Undo French plural and feminine inflection, nothing more."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("aux") and not word.endswith("eaux") and len(word) > 4:
        word = word[:-3] + "al"  # nationaux → national
    elif word.endswith("x") and word[-3:-1] in ("au", "eu", "ou"):
        word = word[:-1]  # bureaux → bureau, jeux → jeu
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending, replacement in _FEMININE:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            word = word[: -len(ending)] + replacement
            break
    # `française` → `francais` must meet `français` → `francai`
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def normalize_word(word: str, stem: bool = True) -> str | None:
    """One raw word (already without elision) → its index term, or None for a stop word."""
    folded = _APOSTROPHES.sub("", fold(word))
    if not folded or folded in STOP_WORDS:
        return None
    return light_stem(folded) if stem else folded


def _inclusive_masculine(word: str, endings: str) -> str:
    """`habitant` + `·e·s` → `habitants`; `chacun` + `.e` → `chacun`."""
    plural = endings.rstrip(")").lower().endswith(("s", "x"))
    if word.lower() == "tou":  # tou·te·s
        return "tous"
    if plural and not word.lower().endswith(("s", "x")):
        return word + "s"
    return word


def _strip_elision(word: str, start: int) -> tuple[str, int]:
    while True:
        parts = _APOSTROPHES.split(word, maxsplit=1)
        if len(parts) == 2 and parts[0].lower() in ELISIONS and parts[1]:
            start += len(word) - len(parts[1])
            word = parts[1]
            continue
        return word, start


@lru_cache(maxsize=200_000)
def _word_term(word: str, stem: bool) -> tuple[str | None, int]:
    """(term, characters dropped at the start) for a word without inclusive endings."""
    stripped, offset = _strip_elision(word, 0)
    return normalize_word(stripped, stem), offset


def iter_terms(
    text: str, *, stem: bool = True, mode: str = "index"
) -> Iterator[tuple[str, int, int, int]]:
    """(term, position, start char, end char) for each term of `text`.

    In index mode `REP+` yields both `repplus` and `rep` at one position, so a query
    for REP also finds REP+; a query for REP+ only finds REP+.
    """
    position = 0
    for match in _TOKEN.finditer(text):
        word, endings = match.group("word", "incl")
        if word is None:  # REP+
            yield "repplus", position, match.start(), match.end()
            if mode == "index":
                yield "rep", position, match.start(), match.end()
            position += 1
            continue
        if endings:
            word, start = _strip_elision(word, match.start())
            term = normalize_word(_inclusive_masculine(word, endings), stem)
        else:
            term, offset = _word_term(word, stem)
            start = match.start() + offset
        if term is None:
            continue
        yield term, position, start, match.end()
        position += 1


def analyze(text: str, *, stem: bool = True, mode: str = "query") -> list[str]:
    return [term for term, _, _, _ in iter_terms(text, stem=stem, mode=mode)]


class FrenchAnalyzer(Tokenizer):
    """The Whoosh face of `iter_terms`: usable wherever Whoosh expects an analyzer."""

    def __init__(self, stem: bool = True) -> None:
        self.stem = stem

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrenchAnalyzer) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("FrenchAnalyzer", self.stem))

    def __call__(
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
        start_pos=0, start_char=0, tokenize=True, mode="", **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term, position, start, end in iter_terms(
            value, stem=self.stem, mode="query" if mode == "query" else "index"
        ):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class ValuesAnalyzer(Tokenizer):
    """Facet values joined by VALUE_SEPARATOR, kept verbatim (INSEE codes, ids, names)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ValuesAnalyzer)

    def __hash__(self) -> int:
        return hash("ValuesAnalyzer")

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for position, part in enumerate(p for p in value.split(VALUE_SEPARATOR) if p):
            token.text = part
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + position
            yield token


VALUE_SEPARATOR = "\x1f"
