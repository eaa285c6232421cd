"""Cue words shared by the organisation and person finders, and the shape of a person's name.

A leaf module (it imports only kb.nlp's fold): kb.organisations and kb.people both read
it, so neither needs the other. The word lists live in kb/data/entity_words.tsv (words of
the language: types, roles, heads and tails of names; never a particular body, person or
place), where the documentalist can extend them.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

from kb.nlp import fold


def _rows(filename: str) -> list[dict[str, str]]:
    """The rows of a tab-separated file of kb/data/, '#' lines being comments."""
    text = resources.files("kb").joinpath("data", filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def word_list(name: str) -> frozenset[str]:
    """The folded words of one list of kb/data/entity_words.tsv."""
    words = frozenset(fold(row["word"]) for row in _rows("entity_words.tsv")
                      if row["list"] == name)
    if not words:
        raise ValueError(f"kb/data/entity_words.tsv: liste « {name} » vide ou absente")
    return words


def written_list(name: str) -> frozenset[str]:
    """The words of one list as written, accents kept: where a folded word would meet a
    different word ('cité' and the verb 'cite')."""
    return frozenset(row["word"].lower() for row in _rows("entity_words.tsv")
                     if row["list"] == name)


GENERIC_WORDS = word_list("generic_word")  # one word that names no particular body
ROLE_WORDS = word_list("role_word")  # a function: the name beside it is a person
NOT_FIRST_WORDS = word_list("not_first_name_word")  # never opens a person's name
ORG_HEADS = word_list("org_head")
ORG_TAILS = word_list("org_tail")
NON_ORG_HEADS = word_list("non_org_head")
# Streets, schools and halls are named after people and saints ('lycée Jean-Jaurès',
# 'avenue Pasteur'): a name right after one of these is not a person, nor
# the commune of that name.
DEDICATION_NOUNS = word_list("dedication_noun")
DEDICATION_NOUNS_WRITTEN = written_list("dedication_noun")
TITLE_WORDS = word_list("title_word")  # "le ministre chargé de la Ville, Prénom Nom"
# An establishment and its name are one organisation: "collège X", "centre social Y".
ESTABLISHMENT_NOUNS = word_list("establishment_noun")
# A type noun before a body's own name, not part of it: "la ludothèque Petits Pas".
INTRODUCING_NOUNS = word_list("introducing_noun")
WORK_NOUNS = word_list("work_noun")  # "le film La Haine": a work's title follows
_WORD_BEFORE_RE = re.compile(
    r"([\w-]+)(?:[ \u00a0]*[,:])?[ \u00a0]+(?:«[ \u00a0\u202f]*)?"
    r"(?:(?:la|le|les|l['’])[ \u00a0]*)?$")


def after_work_noun(text: str, start: int) -> bool:
    """'le film La Haine', 'le roman Les Misérables', 'un documentaire, Marseille la nuit',
    'les films Divines…', 'le spectacle, « Nantes, quai de la Fosse »': what starts at
    `start` is a work's title, a noun of a work (and an article, a comma of apposition or
    guillemets) right before it."""
    match = _WORD_BEFORE_RE.search(text, max(0, start - 40), start)
    if match is None:
        return False
    noun = fold(match.group(1))
    return noun in WORK_NOUNS or (noun.endswith("s") and noun[:-1] in WORK_NOUNS)


_QUARTIER_BEFORE_RE = re.compile(
    r"(?<![\w-])quartiers?[ \u00a0]+(?:de[ \u00a0]+la|de[ \u00a0]+l['’]|du|des|de|d['’])?"
    r"[ \u00a0]*$", re.IGNORECASE)


def after_quartier_noun(text: str, start: int) -> bool:
    """'le quartier de la Petite Arche', 'au quartier des Indes': what starts at `start`
    is a quartier's name, the noun 'quartier' right before it."""
    return _QUARTIER_BEFORE_RE.search(text, max(0, start - 30), start) is not None


ACRONYM_WORDS = word_list("acronym_word")  # "Pacte", "Relais": words, not acronyms in title case


@cache
def first_names() -> frozenset[str]:
    """Folded first names common in France and among its inhabitants (kb/data/
    first_names.tsv, built by tools/build_first_names.py from a public name list)."""
    return frozenset(fold(row["name"]) for row in _rows("first_names.tsv"))


@cache
def first_names_also_words() -> frozenset[str]:
    """The first names that are French words too ('Claire', 'Rose'), marked `word=yes` in
    first_names.tsv."""
    return frozenset(fold(row["name"]) for row in _rows("first_names.tsv")
                     if row["word"] == "yes")


@cache
def french_words() -> frozenset[str]:
    """Folded base forms of the nouns, adjectives and verbs of French (kb/data/
    french_words.txt.gz, built by tools/build_lexicon.py from the model's lemma table)."""
    data = resources.files("kb").joinpath("data", "french_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


# Plural and feminine endings, longest first, and what the base form ends with instead.
# A bare feminine "e" is not taken off: "Tane" is a name, not "tan" + e.
_INFLECTIONS = (("aux", "al"), ("eaux", "eau"), ("ives", "if"), ("ive", "if"),
                ("euses", "eur"), ("euse", "eur"), ("trices", "teur"), ("trice", "teur"),
                ("antes", "ant"), ("ante", "ant"), ("entes", "ent"), ("ente", "ent"),
                ("ées", "é"), ("ée", "é"), ("elles", "el"), ("elle", "el"),
                ("ières", "ier"), ("ière", "ier"), ("ales", "al"), ("ale", "al"),
                ("iennes", "ien"), ("ienne", "ien"), ("ères", "er"), ("ère", "er"),
                ("ettes", "et"), ("ette", "et"), ("aines", "ain"), ("aine", "ain"),
                ("s", ""), ("x", ""))


def is_french_word(word: str) -> bool:
    """A word of the language in any of its forms ("Solidarités", "Vivante", "Emploi")."""
    lower = word.lower()  # endings read with their accents: "Touré" is no "tour" + e
    words = french_words()
    return fold(lower) in words or any(
        lower.endswith(ending) and fold(lower[:len(lower) - len(ending)] + base) in words
        for ending, base in _INFLECTIONS if len(lower) > len(ending) + 2)


def names_something_else(words: Sequence[str]) -> bool:
    """A word of the language where the first name should be: the name of something else
    ("Roue Libre", "Envol Emploi"), as people are named by a first name first; or, with
    no first name known, a plural noun of the language closing it ("Vexin Activités",
    "Montigny Solidarités"): surnames are singular."""
    if len(words) < 2 or opens_on_first_name(words[0]):
        return False
    last = words[-1]
    return all(is_french_word(part) for part in words[0].split("-")) or (
        last[:1].isupper() and not last.isupper() and fold(last).endswith(("s", "x"))
        and is_french_word(last))


@cache
def _first_names_written() -> frozenset[str]:
    """The first names as written, accents kept, in lower case."""
    return frozenset(row["name"].lower().replace("’", "'") for row in _rows("first_names.tsv"))


def is_first_name(word: str) -> bool:
    """A known first name. The list often drops accents ("Elodie" for "Élodie"), so a word
    written with accents matches its folded form, unless the accents make it a word of
    the language the list does not write so: "Santé" is a word, not "Sante"."""
    lower = word.lower().replace("’", "'")
    if fold(lower) not in first_names():
        return False
    return fold(lower) == lower or lower in _first_names_written() or not is_french_word(word)


def opens_on_first_name(word: str) -> bool:
    """A known first name, a compound one by its first part ('Jean-Baptiste' by 'Jean')."""
    return is_first_name(word.split("-")[0])


PARTICLES = frozenset({"de", "du", "des", "d'", "van", "von", "der", "den", "le", "la", "da",
                       "di", "ben", "el", "al", "ter", "do", "dos", "das", "del"})
# Latin letters of every European language ("Petrović", "Wiśniewska"), by case:
# Latin Extended-A and -B, and Latin Extended Additional ("Đặng", "Nguyễn").
_LATIN = [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, _LATIN) if c.isupper())
_LOWER = "a-zß-öø-ÿ" + "".join(c for c in map(chr, _LATIN) if c.islower())
# "Jean-Baptiste", "N'Diaye", "O'Neill", "LAURENT", "N'GUESSAN-DELORME".
NAME_PART = rf"[{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}'’]+"
NAME_WORD_RE = re.compile(
    rf"^(?:d['’])?(?:{NAME_PART}(?:-{NAME_PART})*"
    rf"|(?:[{_UPPER}]['’])?[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*)$")


_WORD_BEFORE_NAME_RE = re.compile(
    rf"(?<![\w'’-])({NAME_PART}(?:-{NAME_PART})?)[ \u00a0]$")


def first_name_before(text: str, start: int) -> tuple[str, int] | None:
    """The known first name written right before `start` ('Jeanne ' before 'Vinci',
    'Fatima ' before 'Zahra El Ouazzani'), and where it starts; None if there is none."""
    match = _WORD_BEFORE_NAME_RE.search(text, max(0, start - 30), start)
    if match is None or not opens_on_first_name(match.group(1)):
        return None
    return match.group(1), match.start(1)


_WORD_THEN_NAME_RE = re.compile(r"^(?P<word>[^\s'’]+)(?:\s+de\s+|\s+d['’])(?P<name>\S+\s+\S.*)$")


def person_after_leading_word(name: str) -> int:
    """Where the person starts in a span that opens on a word of its own: "Interviendront
    Marie-Claire Fontaine", "Scénario d'Anaïs Boyer", "Photo de Léa Martin" (the word is
    not a first name, the rest opens on one and holds a surname); 0 when it opens on the
    person."""
    first, _, rest = name.partition(" ")
    if len(rest.split()) >= 2 and not opens_on_first_name(first) \
            and opens_on_first_name(rest.split()[0]):
        return len(first) + 1
    match = _WORD_THEN_NAME_RE.match(name)
    if match and not opens_on_first_name(match.group("word")) \
            and opens_on_first_name(match.group("name").split()[0]):
        return match.start("name")
    return 0


def looks_like_person(text: str, is_known_body: Callable[[str], object] | None = None,
                      *, structured: bool = False) -> bool:
    """2 to 4 capitalised name words, no digit, no role or generic word, not all in
    capitals, and not a body the caller knows (`is_known_body(text)` truthy); unless the
    name stands in a record's structure (`structured`), no word of the language where
    the first name should be."""
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    if any(c.isdigit() or c in "@/.·•()" for c in text):
        return False
    if fold(words[0]) in NOT_FIRST_WORDS or fold(words[0]) in ROLE_WORDS:
        return False
    if any(fold(w) in GENERIC_WORDS for w in words):
        return False
    named = [w for w in words if w.lower() not in PARTICLES]
    if len(named) < 2 or not all(NAME_WORD_RE.match(w) for w in named):
        return False
    if all(w.isupper() for w in named):  # "KIOSQUE EMPLOI": a heading, not a name
        return False
    if not structured and fold(named[-1]) in ORG_TAILS:
        return False  # "Solenne Services", "Marine Habitat": a body's closing word
    # A record's structure ("**Name**, role, place") says person whatever the words.
    if not structured and names_something_else(named):
        return False
    return not (is_known_body and is_known_body(text))
