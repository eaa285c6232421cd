"""Tokens and keys: the words of a text as the place linker reads them.

A name is matched as a sequence of normalised word tokens (`fold`, `key_word`), so
hyphen, space and apostrophe variants, missing accents and `St`/`Ste` meet the same key;
the span helpers say which tokens make one name and which spans hold others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.textclean import fold_accents as fold  # the key used for every comparison

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


def _words(name: str) -> list[str]:
    return [w.lower() for w in WORD.findall(name)]


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
