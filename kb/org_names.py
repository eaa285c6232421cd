"""Organisation names read from the shape of the text, with no list of names.

The curated lists only know the bodies someone wrote down; these rules find the others:

- acronym definitions: "l'Union sociale pour l'habitat (USH)", "le Réseau des
  collectivités Territoriales pour une Économie Solidaire - RTES -", and the reverse
  "l'USH (Union sociale pour l'habitat)". The long form is found the Schwartz–Hearst
  way: the acronym's letters, in order, inside the words before it, the first letter
  opening the first word;
- names opened by a head word that says "body": *Fondation de France*, *Haut Comité
  pour le logement des personnes défavorisées*, *Presses universitaires de Rennes*,
  *ministère de la Culture*. The name runs over a small French noun-phrase grammar
  (adjectives after the head, then "de/du/des/pour/à + noun + adjective" groups, "et de …")
  and stops at punctuation, a coordination ("et la Caisse…") or a verb — which, with no
  POS tagger in the pipeline, is a lower-case word that does not end like an adjective;
- names closed by a tail word: *CDC Habitat*, *Copro Solidaire*, *Fabrique Territoires
  Santé*: capitalised words ending in Habitat, Solidaire, Santé, Basket…;
- references: the medium of a press item ("« titre », Auteur, Le Parisien, 12 mars") and
  the publisher of a book ("Auteur, Auteur, La Découverte, 2023, 128 p.").

Every function returns (name, acronym, start, end) candidates; kb.organisations decides
which ones to keep (vocabulary lookups, overlaps, theme phrases).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kb.entity_words import NON_ORG_HEADS, ORG_HEADS, ORG_TAILS, person_after_leading_word
from kb.nlp import fold

# Heads that name a generic structure unless an adjective says which one.
QUALIFIED_HEADS = {
    "conseil": frozenset({"national", "nationale", "regional", "departemental", "economique",
                          "superieur", "general", "scientifique"}),
    "direction": frozenset({"regionale", "departementale", "generale", "interministerielle"}),
    "delegation": frozenset({"regionale", "departementale", "generale", "interministerielle"}),
    "haut": frozenset({"comite", "conseil", "commissariat"}),
    "haute": frozenset({"autorite"}),
}
# Lower-case heads that still open a name in running text ("le ministère de la Culture").
LOWERCASE_HEADS = frozenset({"ministere", "universite", "prefecture", "sous-prefecture"})
PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "pour", "à", "a", "au", "aux", "sur",
                       "en", "et", "&", "dans", "sans", "contre", "la", "le", "les", "l'",
                       "l’"})
# Compared on the raw lower-case word: folded, "à" would be the verb "a".
PREPOSITIONS = frozenset({"de", "du", "des", "d'", "d’", "pour", "à", "au", "aux", "sur", "en",
                          "contre", "dans", "sans"})
ARTICLES = frozenset({"la", "le", "les", "l'"})
# Possessives and demonstratives open a complement, never a name's group ('pour une
# Économie Solidaire' may be one).
DETERMINERS = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos",
                         "mon", "ma", "mes", "ce", "cet", "cette", "ces", "chaque"})
PRE_ADJECTIVES = frozenset({"grand", "grande", "grands", "grandes", "petit", "petite",
                            "haut", "haute", "nouveau", "nouvelle", "premier", "premiere",
                            "bon", "bonne", "vieux", "vieille"})
ADJECTIVE_ENDINGS = (
    "al", "ale", "ales", "aux", "ique", "iques", "ien", "ienne", "iens", "iennes", "aire",
    "aires", "if", "ive", "ifs", "ives", "el", "elle", "els", "elles", "ain", "aine", "ains",
    "aines", "ais", "aise", "aises", "ee", "ees", "eux", "euse", "euses", "ier", "ere", "eres",
    "iere", "iers", "ieres", "ible", "ibles", "able", "ables", "iste", "istes", "ic", "ics",
    "ois", "oise", "oises", "ant", "ante", "ants", "antes", "in", "ine", "ins", "ines",
    "enne", "ennes", "ert", "erte", "erts", "ertes",
)
MONTHS = frozenset({"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
                    "septembre", "octobre", "novembre", "decembre", "printemps", "ete",
                    "automne", "hiver"})
MAX_NAME_WORDS = 14

TOKEN_RE = re.compile(r"[dlDL]['’]|[^\W_][\w’'.&-]*(?<![.'’])|&|[^\w\s]", re.UNICODE)
ACRONYM_PAREN_RE = re.compile(r"\(\s*(?P<acr>[A-ZÀ-Ý][A-Za-zÀ-ÿ&0-9+-]{1,11})\s*\)")
ACRONYM_DASH_RE = re.compile(r"\s[-–]\s*(?P<acr>[A-ZÀ-Ý][A-ZÀ-Ý&0-9+]{1,11})\s*[-–](?=[\s,.;:]|$)")
# "ACR (Long form)": an acronym in capitals right before a parenthesis.
ACRONYM_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<acr>[A-ZÀ-Ý][A-Z&0-9]{1,9})\s*\((?P<long>[A-ZÀ-Ýa-zà-ÿ][^()\n]{5,120})\)")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or (self.text[:1].isdigit() and any(
            c.isupper() for c in self.text))

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True, slots=True)
class NameCandidate:
    name: str
    acronym: str | None
    start: int
    end: int
    rule: str  # "acronym", "head", "tail", "reference"


def tokens_of(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), start + m.start(), start + m.end())
            for m in TOKEN_RE.finditer(text[start:end])]


# Words ending like adjectives that are not: prepositions and adverbs ('avant'), verbs
# ending like 'ouvert' ('sert').
NOT_ADJECTIVES = frozenset({"pendant", "durant", "avant", "devant", "maintenant",
                            "cependant", "pourtant", "auparavant", "desormais",
                            "sert", "dessert", "part"})


def looks_like_adjective(word: str) -> bool:
    """A lower-case word that ends like a French adjective or past participle; present
    tense verbs ("pilote", "financent", "rappelle": no adjective ends in -pelle) do not."""
    if not (word.islower() and word.isalpha()) or word in PARTICLES \
            or fold(word) in NOT_ADJECTIVES:
        return False
    return word.endswith(("é", "és")) or (
        fold(word).endswith(ADJECTIVE_ENDINGS) and not word.endswith(("ent", "pelle")))


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and word[0].isupper()


# -- acronym definitions -----------------------------------------------------------------


def _long_form(words: list[Token], acronym: str) -> int | None:
    """Index of the first word of the long form of `acronym` among `words` (which end
    right before the acronym), or None. Schwartz & Hearst (2003), on folded text."""
    letters = [c for c in fold(acronym) if c.isalpha()]
    if len(letters) < 2:
        return None
    text_words = [fold(w.text) for w in words]
    for first in range(len(words) - 1, -1, -1):
        if len(words) - first > max(len(letters) + 8, 2 * len(letters) + 2):
            return None
        # A long form may open on its type noun in lower case, when the acronym spells it
        # ('le laboratoire Architecture, ville, urbanisme, environnement (LAVUE)').
        if text_words[first][:1] != letters[0] or (
                not words[first].capitalised and text_words[first] not in LOWERCASE_HEADS
                and text_words[first] not in ORG_HEADS):
            continue
        chars = " ".join(text_words[first:])
        position = len(chars)
        matched = True
        for letter in reversed(letters[1:]):
            position = chars.rfind(letter, 1, position)
            if position <= 0:
                matched = False
                break
        if matched and len(words) - first >= 2:
            return first
    return None


def _words_before(text: str, end: int) -> list[Token]:
    """The words of the clause ending at `end` (back to a sentence or clause break)."""
    line_start = text.rfind("\n", 0, end) + 1
    tokens = tokens_of(text, line_start, end)
    words: list[Token] = []
    for token in reversed(tokens):
        if token.text in "&,":  # "Villes, santé & territoires (VST)"
            continue
        if not token.is_word and token.text not in "'’":
            break
        words.append(token)
    return list(reversed(words))


def acronym_definitions(text: str) -> Iterator[NameCandidate]:
    for pattern in (ACRONYM_PAREN_RE, ACRONYM_DASH_RE):
        for match in pattern.finditer(text):
            acronym = match.group("acr")
            # "(Céreq)", "(Sigidurs)": a short capitalised word, if a long form of three
            # words or more spells it.
            mixed = not is_acronym(acronym)
            if mixed and not (acronym.isalpha() and len(acronym) <= 9):
                continue
            words = _words_before(text, match.start())
            words = [w for w in words if w.text.lower() not in ("l'", "l’", "d'", "d’")
                     or w is not words[0]]
            first = _long_form(words, acronym)
            if first is None or (mixed and len(words) - first < 3):
                continue
            start, end = words[first].start, words[-1].end
            yield NameCandidate(text[start:end], acronym, start, match.end(), "acronym")
    for match in ACRONYM_BEFORE_RE.finditer(text):
        long = match.group("long").strip()
        words = tokens_of(long)
        if words and _long_form([w for w in words if w.is_word] + [], match.group("acr")) == 0:
            yield NameCandidate(long, match.group("acr"), match.start(), match.end(), "acronym")


# -- names opened by a head word ---------------------------------------------------------


def _sentence_initial(text: str, start: int) -> bool:
    """The word at `start` opens a sentence or a line (after an elided article, "L'Insee",
    it does not: the article does)."""
    before = text[max(0, start - 3):start]
    if before.endswith(("'", "’")):
        return False
    return start == 0 or "\n" in before or bool(re.search(r"[.!?:«]\s*$", before))


def _run_name(tokens: list[Token], index: int) -> int:
    """Index after the last token of the name that starts with a head at `index`."""
    last = index + 1
    i = index + 1
    # Adjectives and capitalised words right after the head ("nationale", "Roche").
    while i < len(tokens) and i - index < MAX_NAME_WORDS:
        token = tokens[i]
        proper = token.capitalised and token.is_word and token.key not in PARTICLES
        adjective = looks_like_adjective(token.text) and (
            i - 1 == index or not tokens[i - 1].capitalised)
        if proper or adjective or token.key in QUALIFIED_HEADS.get(tokens[index].key, ()):
            i += 1
            last = i
        else:
            break
    # Then groups: preposition, optional article, optional pre-adjective, a noun, at most
    # one adjective after a lower-case noun. "et de …" continues a name whose last group
    # was lower case ("du parc et de la grande halle"), not after a proper noun
    # ("Fondation Orange et d'Hauts-de-Seine Habitat" is two bodies).
    last_noun_lower = False
    while i < len(tokens) and i - index < MAX_NAME_WORDS:
        j = i
        # "Solidarité et Développement": two name-closing nouns joined, one name.
        if tokens[j].key == "et" and tokens[j - 1].capitalised and j + 1 < len(tokens) \
                and tokens[j + 1].capitalised and tokens[j + 1].key in ORG_TAILS \
                and tokens[j - 1].key in ORG_TAILS and (
                    j + 2 >= len(tokens) or not tokens[j + 2].capitalised):
            last = j + 2
            break
        if tokens[j].key == "et":
            if not (last_noun_lower and j + 1 < len(tokens)
                    and tokens[j + 1].text.lower() in PREPOSITIONS
                    and _next_noun_lower(tokens, j + 2)):
                break
            j += 1
        if tokens[j].text.lower() not in PREPOSITIONS and tokens[j].text != "&":
            break
        j += 1
        if j < len(tokens) and tokens[j].key in ARTICLES:
            j += 1
        if j + 1 < len(tokens) and tokens[j].key in PRE_ADJECTIVES:
            j += 1
        if j >= len(tokens) or not tokens[j].is_word or tokens[j].key in PARTICLES \
                or tokens[j].key in DETERMINERS:
            break  # 'le Club de Lens pour son programme': a complement, not the name
        noun = tokens[j]
        j += 1
        while j < len(tokens) and noun.capitalised and tokens[j].capitalised and tokens[
                j].is_word and tokens[j].key not in PARTICLES:
            j += 1  # "de Beaumont-sur-Oise", "du Grand Reims", "de l'Île de France"
        if not noun.capitalised and j < len(tokens) and looks_like_adjective(tokens[j].text):
            j += 1
        last_noun_lower = not noun.capitalised
        i = last = j
    return last


def _next_noun_lower(tokens: list[Token], j: int) -> bool:
    """After "et de": is the next noun lower case ("et de la grande halle") rather than a
    new proper name ("et de l'Association …")?"""
    while j < len(tokens) and (tokens[j].key in ARTICLES or tokens[j].key in PRE_ADJECTIVES):
        j += 1
    return j < len(tokens) and tokens[j].is_word and not tokens[j].capitalised


def _adjacent(tokens: list[Token], i: int, text: str) -> bool:
    """No punctuation or line break between token i-1 and token i."""
    gap = text[tokens[i - 1].end:tokens[i].start]
    return gap in ("", " ", "\u00a0") or (gap.isspace() and "\n" not in gap)


_NAME_WORD_THEN_DE_RE = re.compile(r"(?<![\w'’-])([A-ZÀ-Ý][\w-]+)[ \u00a0]+d['’]$")


def head_named(text: str) -> Iterator[NameCandidate]:
    for line_match in re.finditer(r"[^\n]+", text):
        tokens = tokens_of(text, line_match.start(), line_match.end())
        index = 0
        while index < len(tokens):
            token = tokens[index]
            key = token.key
            if key not in ORG_HEADS or not (token.capitalised or key in LOWERCASE_HEADS):
                index += 1
                continue
            qualifiers = QUALIFIED_HEADS.get(key)
            if qualifiers is not None and not (
                    index + 1 < len(tokens) and tokens[index + 1].key in qualifiers):
                index += 1
                continue
            # Tokens up to the first punctuation mark, so the grammar never crosses one.
            stop = index + 1
            while stop < len(tokens) and tokens[stop].is_word | (tokens[stop].text in "&'’") \
                    and _adjacent(tokens, stop, text):
                stop += 1
            end_index = _run_name(tokens[:stop], index)
            words = tokens[index:end_index]
            if len([w for w in words if w.key not in PARTICLES]) < 2:
                index += 1
                continue
            name_start, name_end = words[0].start, words[-1].end
            # At a sentence start the capital says nothing, and a head in lower case ("la
            # préfecture de région") names a kind of body: ask for a capital inside too.
            if (_sentence_initial(text, name_start) or not token.capitalised) and not any(
                    w.capitalised for w in words[1:]):
                index = end_index
                continue
            # "Chemin d'Orties Familles": a capitalised word and "d'" before the head make it
            # a word inside a longer name, not the start of one.
            inner = _NAME_WORD_THEN_DE_RE.search(text, max(0, name_start - 40), name_start)
            if inner and not _sentence_initial(text, inner.start(1)):
                index = end_index
                continue
            yield NameCandidate(text[name_start:name_end], None, name_start, name_end, "head")
            index = end_index


# -- names closed by a tail word -----------------------------------------------------------


TAIL_RE = re.compile(
    r"(?<![\w-])(?P<name>(?:(?:[A-ZÀ-Ý]|\d+[A-ZÀ-Ý])[\w'’&-]*[ \u00a0]+(?:(?:de|du|des|d['’]|la|le)"
    r"[ \u00a0]+)?){1,4}(?P<tail>[A-ZÀ-Ý][\w-]*))(?![\w'’-])")


def tail_named(text: str) -> Iterator[NameCandidate]:
    for match in TAIL_RE.finditer(text):
        if fold(match.group("tail")) not in ORG_TAILS:
            continue
        name = match.group("name")
        start = match.start("name")
        words = name.split()
        # Drop a sentence-initial article or a leading head-less capital ("Le", "Les").
        while words and fold(words[0]) in ("le", "la", "les", "l'", "et", "de", "du", "des"):
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or fold(words[0]) in NON_ORG_HEADS:
            continue
        yield NameCandidate(" ".join(words), None, start, match.end("name"), "tail")


# -- press items and book references -------------------------------------------------------


PRESS_LINE_RE = re.compile(r"^\s*[-–•]?\s*«[^»\n]+»\s*,(?P<rest>[^\n]+)$", re.MULTILINE)
# "Odile Ravel, Créaphis, 2019, 320 p., 28 €": a book's reference, by its year, pages
# and maybe its price.
BOOK_LINE_RE = re.compile(
    r"^(?P<rest>[^\n«»]{3,200}?),\s*(?:[a-zéû]+\s+)?\d{4}\s*,\s*\d+\s*p\.?"
    r"(?:\s*,\s*\d+(?:[,.]\d+)?\s*(?:€|euros))?\s*$", re.MULTILINE)
EDITOR_MARK_RE = re.compile(r"\s*\((?:dir|coord|éd|ed|dirs)\.?\)\s*$", re.IGNORECASE)
PUBLISHER_PREFIX_RE = re.compile(r"^(?:éd\.|ed\.)\s*", re.IGNORECASE)


def _reference_pieces(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    position = start
    for piece in text[start:end].split(","):
        piece_start = position + len(piece) - len(piece.lstrip())
        position += len(piece) + 1
        cleaned = piece.strip(" .;*")
        if cleaned:
            yield cleaned, piece_start, piece_start + len(cleaned)


def reference_names(text: str, is_person) -> Iterator[NameCandidate]:
    """Media of press items and publishers of books (pieces that are not people)."""
    for pattern in (PRESS_LINE_RE, BOOK_LINE_RE):
        for match in pattern.finditer(text):
            for piece, start, _end in _reference_pieces(text, *match.span("rest")):
                words = piece.split()
                if not words or any(c.isdigit() for c in piece) or fold(words[0]) in MONTHS:
                    continue
                if piece.lower().startswith(("coll.", "collection", "p.", "dir.")):
                    continue
                # "Prénom Nom et Prénom Nom (dir.)": the authors, editors of a book.
                authors = EDITOR_MARK_RE.sub("", piece)
                if fold(words[0]) not in ORG_HEADS and all(
                        is_person(part.strip()) for part in re.split(r"\s+et\s+", authors)):
                    continue
                # "Scénario d'Anaïs Boyer", "préface de Léa Martin": a credit, a person's.
                if (skip := person_after_leading_word(authors)) and is_person(authors[skip:]):
                    continue
                # "La ville en partage": a title in sentence case, not a publisher.
                named = [w for w in words[1:] if fold(w) not in ("de", "du", "des", "d'", "l'",
                                                                  "la", "le", "les", "en", "et")]
                if pattern is BOOK_LINE_RE and named and sum(
                        w[:1].islower() for w in named) * 2 > len(named) and fold(
                        words[0]) not in ORG_HEADS:
                    continue
                stripped = PUBLISHER_PREFIX_RE.sub("", piece)
                start += len(piece) - len(stripped)
                if not stripped or not (stripped[0].isupper() or fold(stripped.split()[0]) in (
                        "le", "la", "les", "l'", "editions", "presses")):
                    continue
                if len(stripped.split()) > 6 or "«" in stripped or "http" in stripped:
                    continue
                yield NameCandidate(stripped, None, start, start + len(stripped), "reference")
