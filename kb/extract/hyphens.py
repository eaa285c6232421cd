"""The one de-hyphenator: a line-end hyphen is a compound's ("socio-⏎économique" →
"socio-économique", "Mantes-la-⏎Jolie") or a word cut in syllables ("dévelop-⏎pement" →
"développement"), told by the document's own words first, then by French rules. The PDF,
text and OCR readers all join their lines through `join_cut`, so one issue reads the same
in every format.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# A piece of a URL: a URL cut after one of its own hyphens or slashes is joined solid.
URLISH = re.compile(r"(?:https?://|www\.|\w@\w|\.(?:fr|org|com|net|eu|gouv)\b|/)", re.IGNORECASE)

# Pieces that, after a line-end hyphen, mean the hyphen belongs to the word.
PLACE_PARTICLES = {
    "la", "le", "les", "l", "sur", "sous", "en", "de", "du", "des", "d", "lès", "lez", "lés",
    "saint", "sainte", "st", "ste", "et", "aux", "au", "à",
}
PRONOUNS = {"t", "il", "ils", "elle", "elles", "on", "je", "tu", "nous", "vous", "ce", "là",
            "ci", "y", "en", "moi", "toi", "lui", "leur", "eux", "même", "mêmes"}
PREFIXES = {
    # Only prefixes French usually joins with a hyphen; trans-, inter-, pré-, auto-… are
    # mostly written solid, so a line-end cut after them is a syllable cut.
    "co", "anti", "néo", "neo", "semi", "sous", "non", "ex", "post", "socio", "quasi", "mi",
    "demi", "vice", "bien", "après", "avant", "arrière", "grand", "hors", "franco",
}

# Hyphenated words whose pieces no rule recognises.
KNOWN_COMPOUNDS = {
    "au-delà", "au-dessus", "au-dessous", "au-devant", "c'est-à-dire", "peut-être", "vis-à-vis",
    "rendez-vous", "bien-être", "porte-parole", "après-midi", "sans-abri", "mi-temps",
    "mi-parcours", "non-recours", "demi-journée", "chef-lieu", "week-end", "savoir-faire",
    "vivre-ensemble", "grand-mère", "grand-père", "belle-mère", "beau-père",
    "garde-fou", "lieu-dit", "procès-verbal", "sur-le-champ", "tête-à-tête", "ci-dessous",
    "ci-dessus", "ci-joint", "là-bas", "état-major", "nord-ouest", "sud-ouest", "nord-est",
    "sud-est", "franco-allemand", "chef-fe", "celles-ci", "ceux-ci", "celle-ci", "celui-ci",
}

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


def word_lexicon(lines: Iterable[str]) -> Counter[str]:
    """How often each word appears whole in the document's lines (line-end pieces
    excluded): what tells a compound cut at a line end from a word cut in syllables."""
    counts: Counter[str] = Counter()
    for line in lines:
        tokens = line.split()
        if tokens and tokens[-1].endswith("-"):
            tokens = tokens[:-1]
        for token in tokens[1:]:  # a line's first word may be the tail of a split word
            for word in _TOKEN.findall(token):
                counts[word.lower()] += 1
    return counts


def keep_hyphen(head: str, tail: str, lexicon: Counter[str]) -> bool:
    """Whether `head-` at a line end followed by `tail` is a real compound."""
    head = head.lstrip("([{«“\"'‘")  # "(Hauts-" / "de-Seine": the bracket is not the word
    joined = (head + tail).lower()
    hyphenated = f"{head}-{tail}".lower()
    if lexicon[hyphenated] != lexicon[joined]:
        return lexicon[hyphenated] > lexicon[joined]
    if hyphenated in KNOWN_COMPOUNDS or hyphenated.split("-", 1)[-1] in KNOWN_COMPOUNDS:
        return True
    left_piece = re.split(r"[-'’]", head)[-1]
    right_piece = re.split(r"[-'’]", tail)[0]
    if not right_piece or not left_piece:
        return True
    if right_piece[0].isupper() or right_piece[0].isdigit():
        return True
    lower_right = right_piece.lower()
    if lower_right in PRONOUNS and ("-" in head or lower_right[0] in "aeiouyéèêàâîôû"):
        return True  # a-t-il, dit-elle, peut-être-là
    if lower_right in PLACE_PARTICLES and (head[:1].isupper() or "-" in head):
        return True  # Mantes-la-Jolie, Saint-Germain-en-Laye
    if "-" in head and len(left_piece) <= 2:
        return True  # a-t-, vis-à-
    if left_piece.lower() not in PREFIXES:
        return False
    # A prefix alone is weak evidence (multi-plient, auto-nomie are syllable cuts): the
    # tail must be a word of its own elsewhere in the document (co-construction,
    # socio-économique); "co" before a vowel is written solid (coordination, coécrite).
    if left_piece.lower() == "co" and lower_right[0] in "aeiouyéèêàâîôû":
        return False
    return lexicon[tail.lower()] > 0


def join_cut(left: str, right: str, lexicon: Counter[str], *, heading: bool = False) -> str:
    """Join two pieces of text cut at a line end, mending hyphenation."""
    if not left:
        return right
    if not right:
        return left
    if left.endswith("\u00ad"):
        return left[:-1] + right
    head_match = re.search(r"(\S+?)[-‐]$", left)
    if head_match and right[0].isalpha() and not left.endswith((" -", " ‐")):
        head = head_match.group(1)
        tail = re.match(r"[\w'’-]+", right)
        tail_text = tail.group(0).rstrip("-") if tail else ""
        if URLISH.search(head):
            return left + right  # a URL cut after one of its own hyphens
        # Titles are seldom hyphenated by the layout: their line-end hyphen is a
        # compound's ("filles-" / "garçons") unless the document writes the word solid.
        joined_word = (head.lstrip("([{«“\"'‘") + tail_text).lower()
        if heading and not lexicon[joined_word]:
            return left + right
        if keep_hyphen(head, tail_text, lexicon):
            return left + right
        return left[:-1] + right
    last = left.rsplit(" ", 1)[-1]
    first = right.split(" ", 1)[0]
    if URLISH.search(last) and last.endswith(("/", "_", "?", "=", "&", "#", "%", "~", ".")) and (
        "/" in first or not first[:1].isupper()
    ) and not last.endswith("..."):
        return left + right  # a URL cut at one of its slashes
    return f"{left} {right}"


