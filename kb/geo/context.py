"""Context rules: what around a name decides a commune rather than a word, a person, a
body, a work or a street named after it ('Nadia Verdun', 'l'université de Lyon', 'rue de
Bourg', 'le film Roubaix'). Each rule reads the tokens around one name and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.entity_words import (
    DEDICATION_NOUNS,
    DEDICATION_NOUNS_WRITTEN,
    ORG_HEADS,
    first_names_also_words,
    is_first_name,
    word_list,
)
from kb.geo.index import BIG_TOWN, Entry
from kb.geo.tokens import (
    ARTICLES,
    FUNCTION_WORDS,
    HYPHENS,
    PREPOSITIONS,
    Token,
    _joined,
    fold,
)

INSTITUTION_NOUNS = frozenset({
    "universite", "academie", "rectorat", "chu", "iut", "ecole", "institut", "po", "ihu",
    "conservatoire", "observatoire", "tribunal", "cour", "prefecture", "diocese", "club",
})
SENTENCE_END = re.compile(r"[.!?:;\n•\-–—«»\"(\[]\s*$")
EVENT_YEAR = re.compile(r"[ \t\u00a0]+(?:19|20)\d\d(?![\d])")
INDEFINITE = frozenset({"un", "une", "des", "plusieurs", "deux", "trois", "chaque"})
NAME_REACH = 6  # lower-case words between a capitalised head and 'de X' in one name
NAME_GAP = re.compile(r"[ \u00a0'’-]")


def _names_an_event(text: str, end: int) -> bool:
    """A town's name followed by a year ('<town> 2024', the Games or a cultural capital's
    year) names an event."""
    return EVENT_YEAR.match(text, end) is not None


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
