"""Small text helpers shared by the extractors and the segmenter.

French newsletter text: accents, typographic apostrophes, inclusive writing
(`habitant·e·s`, `acteur.rice.s`) whose inner dots are not sentence ends, URLs
pasted without a space between them.
"""

from __future__ import annotations

import re
import unicodedata

# A URL starts with a scheme or "www."; it stops at whitespace, angle brackets and quotes.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+", re.IGNORECASE)
# Linear time on any input: every run is bounded (a local part of 64 characters, labels of
# 63, ten labels at most, as in RFC 5321) and possessive where the next character cannot
# belong to it, so no start position rescans a long word.
EMAIL_RE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+@"
    r"[A-Za-z0-9-]{1,63}+(?:\.[A-Za-z0-9-]{1,63}+){0,8}\.[A-Za-z]{2,63}"
)
# "…/https://…": a second URL glued to the first after a slash (not a redirect's "?u=https://").
_GLUED_URL_RE = re.compile(r"(?<=/)(?=https?://)", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}»\"'’…"

# Inclusive-writing suffixes ("élu.e.s", "acteur·rice·s"): joined so "élus" and "élu.e.s" match.
# A hyphen is not one of them: "Villiers-le-Bel" keeps its "-le".
_INCLUSIVE_RE = re.compile(
    r"(?<=\w)[.·•‧⋅](?=(?:e|es|s|rice|rices|euse|euses|le|les|ne|nes|te|tes)\b)"
)

_SPACES_RE = re.compile(r"[ \t\u00a0\u202f\u2007\u2009\u200a\u3000]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def normalise_spaces(text: str) -> str:
    """Collapse runs of spaces (non-breaking ones included) and trim."""
    return _SPACES_RE.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# -- Named fold variants: the one place where text is folded for comparison. ---------------
# fold_accents: case and accents off, ligatures opened — index terms, gazetteer keys.
# fold_word: the same for words read in running text — curly apostrophes straightened,
#   inclusive-writing endings dropped ("habitant·e·s" → "habitant").
# fold_keep_length: fold_word character by character, so offsets survive.
# fold: a phrase key — fold_accents, apostrophes and dashes folded, inclusive dots joined
#   ("habitant·e·s" → "habitantes"), punctuation turned into single spaces.


def fold_accents(text: str) -> str:
    """Lower-case, accents stripped, ligatures opened: `Équipement` → `equipement`,
    `Œuvre` → `oeuvre`."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A stem in lower case followed by one to three inclusive-writing suffixes.
INCLUSIVE_SUFFIX = (
    r"(?:e|es|s|x|rice|rices|ice|ices|trice|trices|euse|euses|eure|eures|se|ses|le|les|"
    r"ne|nes|te|tes|re|res|ère|ères|ve|ves|fe|fes|ale|ales|aux)"
)
INCLUSIVE_RE = re.compile(
    rf"(?<=[a-zà-ÿ])(?:[.·•‧⋅∙]{INCLUSIVE_SUFFIX}(?![a-zà-ÿ])){{1,3}}\.?(?=[\s,;:!?)»…]|$)"
    rf"|(?<=[a-zà-ÿ])[·•‧⋅∙]{INCLUSIVE_SUFFIX}(?:[·•‧⋅∙]{INCLUSIVE_SUFFIX})*"
    r"|(?<=[a-zà-ÿ])\((?:e|es|s|ne|le|te|rice|euse)\)s?(?![a-zà-ÿ])"
)


def fold_word(text: str) -> str:
    """fold_accents for a word of running text: curly apostrophes straightened,
    inclusive-writing endings dropped. Not length-preserving (for matching, not offsets)."""
    text = text.replace("’", "'").replace("‘", "'")
    return fold_accents(INCLUSIVE_RE.sub("", text))


def fold_keep_length(text: str) -> str:
    """fold() character by character, so offsets survive (œ stays one character)."""
    out = []
    for char in text.replace("’", "'").replace("‘", "'"):
        decomposed = unicodedata.normalize("NFD", char.lower())
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else char.lower()[:1] or char)
    return "".join(out)


def fold(text: str) -> str:
    """A matching key: lowercase, no accents, apostrophes and dashes folded,
    inclusive writing joined, punctuation turned into single spaces."""
    text = strip_accents(text.translate(_APOSTROPHES).translate(_DASHES)).casefold()
    text = _INCLUSIVE_RE.sub("", text)
    text = re.sub(r"[^\w]+", " ", text)
    return text.strip()


def letters(text: str) -> str:
    return "".join(char for char in text if char.isalpha())


def is_all_caps(text: str, *, min_letters: int = 4) -> bool:
    """Every cased letter is a capital (digits and punctuation ignored).

    An ordinal or unit glued to a number ("2ème", "20m²", "n°") may stay lowercase.
    """
    stripped = re.sub(r"\d+\s?(?:e|er|ère|ème|eme|nd|nde|m|km|h|min|n°)\b", " ", text)
    stripped = re.sub(r"\bn°", " ", stripped)
    cased = [char for char in letters(stripped) if char.lower() != char.upper()]
    return len(cased) >= min_letters and all(char.isupper() for char in cased)


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True when the text ends like a finished sentence or clause.

    "habitant.e.s" ends a word, not a sentence; a closing quote or bracket after
    the punctuation still counts.
    """
    tail = text.rstrip(" \"'»)]”’*_")
    if not tail:
        return False
    return tail.endswith("...") or tail[-1] in ".!?:;…"


# A piece of a reference or credits line: a year alone (a month may precede it), or a
# count of pages, minutes, episodes, a price, a running time ("1h24").
_REFERENCE_PIECE_RE = re.compile(
    r"(?:^|[,(])\s*(?:(?:[a-zéû]+\s+)?\d{4}(?=\s*(?:[,)]|$))"
    r"|\d+\s*(?:p\.|pages?\b|min\b|€|épisodes?\b)|\d{1,2}\s?h\s?\d{2}\b)")


def is_reference_line(text: str) -> bool:
    """A reference or credits line set under a work's title, never a title itself:
    "Odile Ravel, Créaphis, 2149, 320 p., 28 €", "Cour des comptes, juillet 2150, 142 p.",
    "Un film de Karim Dahmani (2149, 1h24), en salle le 18 mars", "Une web-série de Claire
    Montmorency, 8 épisodes de 6 min, sur arte.tv"."""
    text = text.strip()
    return "," in text and len(text.split()) <= 30 and not text.endswith(("?", "!")) \
        and bool(_REFERENCE_PIECE_RE.search(text))


def split_glued_urls(url: str) -> list[str]:
    return [part for part in _GLUED_URL_RE.split(url) if part]


def clean_url(url: str) -> str:
    """Strip the wrapping angle brackets and the sentence punctuation after a URL,
    keeping a closing parenthesis that belongs to the URL."""
    url = url.strip().strip("<>")
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def find_urls(text: str) -> list[str]:
    """Every URL of the text, cleaned, glued ones split, in order of appearance."""
    found: list[str] = []
    for match in URL_RE.finditer(text):
        raw = match.group(0)
        # An e-mail's domain ("x@www.site.fr") is not a link.
        if match.start() > 0 and text[match.start() - 1] == "@":
            continue
        for part in split_glued_urls(raw):
            cleaned = clean_url(part)
            if len(cleaned) > len("www.") and "." in cleaned.split("//")[-1]:
                found.append(cleaned)
    return found


def find_emails(text: str) -> list[str]:
    return [email.rstrip(".") for email in EMAIL_RE.findall(text)]


def url_key(url: str) -> str:
    """Two spellings of one link ("www.x.fr" and "https://www.x.fr/") share a key."""
    key = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE)
    return key.rstrip("/").casefold()


def unique_urls(urls: list[str]) -> list[str]:
    """De-duplicate by `url_key`, keeping the first position and the fullest spelling."""
    chosen: dict[str, str] = {}
    for url in urls:
        key = url_key(url)
        if key not in chosen or (chosen[key].startswith("www.") and not url.startswith("www.")):
            chosen[key] = url
    return list(chosen.values())


def unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def is_url_only(text: str) -> bool:
    """The text is one or more URLs (optionally in <…>) and nothing else."""
    rest = URL_RE.sub(" ", text)
    return bool(URL_RE.search(text)) and not rest.strip(" <>,;|-–\t")


def unwrap_urls(text: str) -> str:
    """"<https://x.fr>" → "https://x.fr": the brackets are plain-text typography."""
    return re.sub(r"<\s*((?:https?://|www\.)[^\s<>]+)\s*>", r"\1", text, flags=re.IGNORECASE)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).casefold()).strip("-")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 fichier", "2 fichiers", "0 erreur", "12 345 articles": French takes the singular
    for 0 and 1, and groups thousands with a narrow no-break space."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count:,} {word}".replace(",", "\u202f")
