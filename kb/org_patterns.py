"""The compiled patterns and word lists the organisation finder reads by (kb.organisations).

No logic here beyond building the patterns: the type nouns that introduce a name, the
shapes of a name, of a reference line, of a list's line, of a venue's line.
"""

from __future__ import annotations

import re
from functools import cache

from kb.entity_words import ESTABLISHMENT_NOUNS, INTRODUCING_NOUNS, ROLE_WORDS, TITLE_WORDS
from kb.geo import STREET_NOUNS

NAME_PARTICLES = frozenset({"de", "du", "des", "d'", "a", "au", "aux", "et", "&", "pour",
                            "sur", "en", "l'", "for", "of", "the", "and"})
LEADING_ARTICLES_RE = re.compile(r"^(?:l['’]|la\s+|le\s+|les\s+|du\s+|des\s+|de\s+)",
                                 re.IGNORECASE)


def _accent_blind(folded: str) -> str:
    classes = {"e": "[eéèêë]", "a": "[aàâä]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]",
               "c": "[cç]"}
    return "".join(classes.get(c, re.escape(c)) for c in folded)


# The name after an introducing phrase: capitalised words, joined by particles.
# "et" joins two capitalised words only ("Arts et Quartiers", not "X et d'Y"); a word may
# start with digits when a capital follows ("Immobilière 3F").
# Dots only inside a word ("M.S.H.A"), never the full stop ending a sentence.
NAME_WORD = r"#?[A-ZÀ-Ý][\w'’&-]*(?:\.[\w'’&-]+)*"  # '#': a hashtag's name ('#NoéBouge')
# A name holds on one line: "festival" ⏎ "Cergy" ⏎ "Depuis…" is no name.
_SP = r"[ \t\u00a0]"
NAME = (r"(?P<name>" + NAME_WORD +
        rf"(?:{_SP}+(?:(?:de|du|des|d['’]|la|le|les|pour|dans|sans|à|au|aux|en|&|-){_SP}*)*"
        rf"(?:et{_SP}+)?(?:" + NAME_WORD + r"|\d+[A-ZÀ-Ý][\w-]*))*)")
# A type noun in lower case, then a capitalised name: "le bailleur Immobilière 3F",
# "du laboratoire Passerelles", "au centre social Le Fanal".
INTRODUCED_RE = re.compile(
    r"(?<![\w-])(?:association|bailleur(?: social)?|groupement d['’]employeurs|cabinet"
    r"|société|entreprise(?: d['’]insertion)?|collectif|fédération|institut|coopérative"
    r"|EPT|communauté d['’]agglomération|éd\.|éditions|centre social|maison de quartier"
    r"|régie de quartier|club|laboratoire|opérateur|SCIC|société coopérative d['’]intérêt "
    r"collectif|réseau|compagnie|théâtre|ressourcerie|tiers-lieu|start-up|agence|fondation"
    r"|bureau d['’]études|structure|organisme|éditeur|journal|quotidien|hebdomadaire"
    r"|magazine|revue|média|festival|enseigne|groupe|mutuelle|plateforme|radio"
    r"|(?:atelier )?chantier d['’]insertion|"
    # More type nouns from the data (kb/data/entity_words.tsv, `introducing_noun`).
    + "|".join(_accent_blind(noun) for noun in sorted(INTRODUCING_NOUNS, key=len, reverse=True))
    + rf"){_SP}+(?:la{_SP}+|le{_SP}+)?" + NAME
)
# An association's or a collective's name may run on in lower case ("le collectif Front de
# mères a …", "l'association Parents d'ici, qui …"): one or two words after a preposition,
# up to punctuation or a word that says the name is over (a verb, "et", "qui").
# A capitalised article may open it ("la fondation La Main à la pâte", "la coopérative La
# Terre en partage").
FREE_NAMED_RE = re.compile(
    r"(?<![\w-])(?:association|collectif|compagnie|coopérative|fondation|tiers-lieu|fablab"
    rf"|ressourcerie|recyclerie|amicale|épicerie solidaire|fonds de dotation){_SP}+(?P<name>"
    + rf"(?:(?:La|Le|Les){_SP}+|L['’])?" + NAME_WORD
    + rf"(?:{_SP}+(?:de|d['’]|des|du|au|aux|en|pour|sur|à){_SP}*(?:la{_SP}+|l['’])?"
    r"[a-zà-ÿ][\w'’-]*){1,2})"
    r"(?=\s*[,.;:()»]|\s+(?:et|qui|a|ont|est|sont|dont|ou|avait|avaient)\b)")
# "Communauté urbaine X" is the known "X" (a structure prefix before a known name).
STRUCTURE_PREFIX_RE = re.compile(
    r"^(?:Communauté (?:urbaine|d['’]agglomération|de communes)|Établissement public "
    r"territorial|EPT|EPCI|Office public de l['’]habitat|Bailleur social)\s+(?:de\s+|du\s+)?",
    re.IGNORECASE)
# "« Titre », Rédaction, Le Journal des quartiers": bylines that name no body.
NOT_BODIES = frozenset({"redaction", "collectif", "anonyme", "la redaction", "ouvrage collectif",
                        "le", "la", "les", "l'"})
# "Emmaüs Habitat, Seqens et CDC Habitat": a name listed between two organisations.
COORDINATED_RE = re.compile(
    r"^\s*,\s*(?P<article>l['’]|la\s|le\s|les\s)?"
    r"(?P<name>[A-ZÀ-Ý][\w'’&-]+(?:\s+[A-ZÀ-Ý][\w'’&-]+){0,3})\s*(?:,|\set)\s*"
    r"(?:l['’]|la\s|le\s|les\s)?$")
# "avec Kiabi et Transdev", "l'Ufolep et Sportunity": the last name of a list that an
# organisation opens, up to punctuation or a lower-case word.
AFTER_ET_RE = re.compile(
    r"^\s+et\s+(?P<article>l['’]|la\s|le\s|les\s)?"
    r"(?P<name>[A-ZÀ-Ý][\w'’&-]+(?:\s+(?:[A-ZÀ-Ý][\w'’&-]+|\d{2,3}))*)"
    r"(?=\s*[,.;:)]|\s*$|(?P<verb>\s+[a-zà-ÿ]))")
# The words after a name in a "Name, role" phrase: that name is a person.
ROLE_AFTER_RE = re.compile(
    r"^\s*,\s*(?:l[ae]\s+|son\s+|sa\s+)?(?:maire|adjoint|directeur|directrice|président|"
    r"présidente|chargé|chargée|délégué|déléguée|chef|cheffe|coordinateur|coordinatrice|"
    r"responsable|conseiller|conseillère|sociologue|chercheur|chercheuse|formateur|formatrice|"
    r"consultant|consultante|fondateur|fondatrice|professeur|professeure|élu|élue|"
    r"secrétaire|député|députée|sénateur|sénatrice|ministre|docteur|docteure)\b",
    re.IGNORECASE)
APPOSITIVE_RE = re.compile(
    r"(?<![\w'’-])(?P<name>[A-ZÀ-Ý][\w'’&-]+(?:\s+[A-ZÀ-Ý][\w'’&-]+){0,3}),\s+"
    r"(?:l['’]|la\s+|le\s+|une?\s+)?(?:association|entreprise|société|coopérative|fondation"
    r"|start-up|structure|agence|plateforme|mutuelle|compagnie|collectif|fédération"
    r"|média|radio|journal|magazine|bailleur|cabinet)\b")
# "les opérateurs Soliha et Urbanis": a plural type noun, then two or more names.
PLURAL_INTRODUCED_RE = re.compile(
    r"(?<![\w-])(?:associations|bailleurs(?: sociaux)?|opérateurs|clubs|mutuelles|entreprises"
    r"|structures|fondations|banques|coopératives|compagnies|collectifs|start-up|enseignes"
    r"|médias|journaux|radios|plateformes)\s+(?P<names>" + NAME_WORD
    + r"(?:\s+" + NAME_WORD + r")*(?:\s*,\s*" + NAME_WORD + r"(?:\s+" + NAME_WORD
    + r")*)*\s+et\s+" + NAME_WORD + r"(?:\s+" + NAME_WORD + r")*)")
# "Mamadou Sissoko (FC Mantois 78)": a person, then the body they speak for.
PERSON_THEN_BODY_RE = re.compile(  # bounded words: linear time on one very long word
    r"(?P<person>[A-ZÀ-Ý][\w'’-]{1,40}+(?:[ \t\u00a0]++[A-ZÀ-Ý][\w'’-]{1,40}+){1,3})"
    r"[ \t\u00a0]*+\("
    r"(?P<name>[A-ZÀ-Ý][^()\n,;]{1,60}?)\)")
WIDENING_WORD_RE = re.compile(r"^(?:[A-ZÀ-Ý][\w'’-]*|\d{2})$")
FOUNDATION_RE = re.compile(rf"\b(?P<name>Fondation{_SP}+" + NAME[len("(?P<name>"):-1] + r")")
PUBLISHER_RE = re.compile(rf"\b(?P<name>[A-Z][\w&-]+){_SP}+éditions\b")
# "le collectif « Bien vivre aux Grésillons »": a type noun, then a name in quotes (a
# programme or a slogan in quotes has no such noun before it).
QUOTED_INTRODUCED_RE = re.compile(
    r"(?<![\w-])(?:collectif|association|compagnie|coopérative|fédération|réseau|club"
    r"|groupe|troupe|tiers-lieu|ressourcerie|média|journal|radio|structure)\s+«\s*"
    r"(?P<name>[^»«\n]{2,60}?)\s*»")
# An acronym the vocabulary does not know right before a place: "l'ASTI Bagneux".
ACRONYM_BEFORE_PLACE_RE = re.compile(r"(?<![\w&-])(?P<acr>[A-ZÀ-Ý][A-ZÀ-Ý0-9&]{1,7})[ \u00a0]$")
ACRONYM_THEN_NAME_RE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9&]{1,7} [A-ZÀ-Ý][a-zà-ÿ][\w'’-]*$")
# "enquête de Mediapart": the author of a piece of journalism, when not a person.
MEDIA_WORK_RE = re.compile(
    r"(?<![\w-])(?:enquête|reportage|podcast|émission|documentaire|chronique)s?\s+"
    r"(?:de|du|d['’])\s*(?P<name>" + NAME_WORD + r"(?:\s+" + NAME_WORD + r"){0,2})")
# A number before a capitals word: "LES 16-25 ANS" is an age, not the acronym ANS.
NUMBER_BEFORE_RE = re.compile(r"\d[\s-]*$")
# "coordinatrice chez Simplon": a single capitalised word after "chez" is a body unless
# it is a person.
CHEZ_RE = re.compile(r"(?<![\w-])chez\s+(?P<name>[A-ZÀ-Ý][\w'’-]{3,})(?![\w'’-])(?!\s+[A-ZÀ-Ý])")
# What makes a known generic body a particular one: "la Mission locale (intercommunale)
# de Poissy-Conflans", "la CAF 95", "la DDETS de l'Oise", "la MJC Louis-Aragon".
NAME_COMPLEMENT_RE = re.compile(
    r"(?P<adjective>[ \u00a0]+[a-zà-ÿ-]{4,})?"
    r"(?P<rest>(?:[ \u00a0]+(?:(?:de[ \u00a0]+la|de[ \u00a0]+l['’]|du|des|de|d['’])[ \u00a0]*)?"
    r"(?:[A-ZÀ-Ý][\w'’-]*|\d{2,3}(?![\w,.]\d))){1,4})")
# The name an establishment takes: its own ("René-Cassin", "Les Ombrelles") or, with no
# name of its own, its place ("de Chambly"); "collège Amédée-Vortan de Garges" is the
# collège Amédée-Vortan, in Garges.
_CAP = r"[A-ZÀ-Ý][\w'’-]*"
# Its kind may be qualified first: "centre hospitalier intercommunal de …", "maison de
# santé pluriprofessionnelle de …", "centre social et culturel X".
ESTABLISHMENT_NAME = (
    r"(?:(?P<qualifiers>(?:(?:et[ \u00a0]+)?[a-zà-ÿ][a-zà-ÿ-]{3,}[ \u00a0]+){1,3})?"
    rf"{_CAP}(?:[ \u00a0]+{_CAP}){{0,3}}"
    r"|(?:[a-zà-ÿ][a-zà-ÿ-]{3,}[ \u00a0]+){0,2}"
    r"(?:de[ \u00a0]+la|de[ \u00a0]+l['’]|du|des|de|d['’])[ \u00a0]*"
    rf"{_CAP}(?:[ \u00a0]+(?:d['’])?{_CAP}){{0,2}})")  # "du Val d'Argent"
# "Association X 95": a body's name may end on its département.
# Any département's number ('Médiateurs 57'), not a count ('30 familles', '12 ans').
DEPARTEMENT_NUMBER_AFTER_RE = re.compile(
    r"[ \u00a0](?:0[1-9]|[1-8]\d|9[0-5]|2[AB])(?![\w%,.]\d|[\w%])"
    r"(?![ \u00a0]+(?:ans?|%|euros?|€|[a-zà-ÿ]+s)\b)")
STANDALONE_WORD_RE = r"(?<![\w'’-]){word}(?![\w'’-])(?! [A-ZÀ-Ý])"
CAPITALISED_WORD_BEFORE_RE = re.compile(r"[A-ZÀ-Ý][\w'’-]*[ \u00a0]$")
TRAILING_FUNCTION_WORDS_RE = re.compile(
    r"(?:\s+(?:et|de|du|des|d['’]|la|le|les|l['’]|à|au|aux|pour|en))+\s*$", re.IGNORECASE)

# A title or a role word beside a name says the name is a person's.
PERSON_CUE_WORDS = TITLE_WORDS | ROLE_WORDS
SURNAME_AFTER_RE = re.compile(r"[ \u00a0]([A-ZÀ-Ý][\w'’-]+)(?![\w'’-])")

# "Lieu : La Halle aux Grains, Cergy": a venue's name, then (after a comma) where it is.
VENUE_LINE_RE = re.compile(
    r"(?im)^[ \t]*(?:lieu|où|adresse)[ \t]*:[ \t]*(?P<name>[A-ZÀ-Ý][^,\n]{1,60}?)"
    r"[ \t]*,[ \t]*(?P<rest>[^\n]+)$")
# Words that open an address or a bare place, not a venue's name.
VENUE_NOT_BODIES = STREET_NOUNS | {"place", "square", "parvis", "parc", "salle", "mairie",
                                  "hotel", "en", "visioconference", "visio", "a"}

# A list's line: a bullet, or a table's row (cells parted by bars).
LIST_LINE_RE = re.compile(r"^[ \t]*(?:[-•*▪►●–][ \t]+)?(?P<body>.+)$", re.MULTILINE)
# The piece before the commune: after the line's opening or a comma, up to the separator.
NAME_BEFORE_PLACE_RE = re.compile(
    r"(?:^|,[ \t]+)(?P<name>[A-ZÀ-Ý0-9][^,()|–—:;«»]{1,60}?)[ \t]*(?:\(|[–—|][ \t]*)$")

SENTENCE_OPENING_WORD_RE = re.compile(
    r"(?:^|(?<=[.!?»])\s+|\n)(?P<name>[A-ZÀ-Ý][a-zà-ÿ][\w'’-]{2,})(?=\s+[a-zà-ÿ])", re.MULTILINE)


@cache
def establishment_re() -> re.Pattern[str]:
    nouns = sorted(ESTABLISHMENT_NOUNS, key=len, reverse=True)
    # The data file holds folded words; the text has its accents: match accent-blind.
    alternatives = "|".join(_accent_blind(noun) for noun in nouns)
    return re.compile(rf"(?<![\w-])(?i:{alternatives})[ \u00a0]+{ESTABLISHMENT_NAME}"
                      r"(?![\w'’-])")


PARTICLE_THEN_ACRONYM_RE = re.compile(
    r"[ \u00a0]+(?:de[ \u00a0]+la|de[ \u00a0]+l['’]|du|des|de|d['’])[ \u00a0]*"
    r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&]+(?![\w'’-])")


ADJECTIVE_AFTER_RE = re.compile(r"[ \u00a0]([a-zà-ÿ]{4,})(?=[\s,.;:)»]|$)")
