"""Organisations named by an article, under one canonical name each.

Three sources, most trusted first:
1. known organisations: kb/data/organisations.tsv (curated) and the acronyms of
   kb/data/acronyms.tsv whose kind is `organisation` — matched by acronym (in capitals,
   whole word) or by full name / alias (accent- and case-folded), linked both ways
   (`ANRU` ↔ *Agence nationale pour la rénovation urbaine*);
2. names introduced by a phrase that says what they are (`l'association X`,
   `le bailleur social X`, `le groupement d'employeurs X`, `la Fondation X`,
   `le cabinet X`, `X éditions`);
3. spaCy ORG spans that survive filters (no heading in capitals, no URL, no
   inclusive-writing word, no role, no theme phrase like "Politique de la ville", no
   lone generic word like "Ville" or "Préfecture").

Acronyms flagged AMBIGU (CA, ML, PE, MDA…) count only when the article supports their
meaning: their full name appears too, or their theme is one of the article's themes.
Kinds `dispositif`, `zonage`, `document`, `instance` and generic structure types
(EPCI, EPT, SEM…) are not organisations: a *programme de réussite éducative* or a
*conseil citoyen* is not a body someone can be "at".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kb.authority import (
    GENERIC_TYPES,
    KnownOrganisation,
    OrganisationVocabulary,
)
from kb.entity_words import (
    ACRONYM_WORDS,
    ESTABLISHMENT_NOUNS,
    GENERIC_WORDS,
    INTRODUCING_NOUNS,
    NON_ORG_HEADS,
    ORG_HEADS,
    ROLE_WORDS,
    TITLE_WORDS,
    after_quartier_noun,
    after_work_noun,
    first_name_before,
    is_french_word,
    looks_like_person,
    names_something_else,
    opens_on_first_name,
    person_after_leading_word,
)
from kb.geo import BRACKET_AFTER, STREET_NOUNS
from kb.models import Mention, OrganisationRef
from kb.nlp import Entity, MaskedText, fold
from kb.org_names import (
    LOWERCASE_HEADS,
    MONTHS,
    NameCandidate,
    _sentence_initial,
    acronym_definitions,
    head_named,
    is_acronym,
    looks_like_adjective,
    reference_names,
    tail_named,
)

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


@dataclass(frozen=True, slots=True)
class FoundOrganisation:
    ref: OrganisationRef
    mentions: tuple[Mention, ...]
    source: str  # "known", "phrase", "ner"


def clean_name(text: str) -> str:
    name = " ".join(text.split()).strip(" .,;:«»\"'()-–*")
    name = LEADING_ARTICLES_RE.sub("", name)
    return name[:1].upper() + name[1:] if name else name


TRAILING_FUNCTION_WORDS_RE = re.compile(
    r"(?:\s+(?:et|de|du|des|d['’]|la|le|les|l['’]|à|au|aux|pour|en))+\s*$", re.IGNORECASE)


def _first_key(text: str) -> str:
    words = clean_name(text).split()
    return fold(words[0]).split("'")[-1] if words else ""


def plausible_ner_org(
    entity: Entity, masked: MaskedText, vocabulary: OrganisationVocabulary,
    theme_phrases: frozenset[str],
) -> bool:
    text = entity.text.strip()
    words = text.split()
    if not words or "\n" in text or masked.touches_mask(entity.start, entity.end):
        return False
    if masked.in_caps_line(entity.start, entity.end) or after_work_noun(
            masked.text, entity.start) or after_quartier_noun(masked.text, entity.start):
        return False
    head = _first_key(text)
    if not (text[0].isupper() or head in LOWERCASE_HEADS) or any(c.isdigit() for c in text):
        return False
    if fold(words[0]) in ROLE_WORDS or fold(text) in theme_phrases or head in NON_ORG_HEADS:
        return False
    # The masked text has blanks where inclusive suffixes were: the span was a word.
    original = masked.original[entity.start:entity.end]
    if original != masked.text[entity.start:entity.end] and "  " in masked.text[
            entity.start:entity.end + 1]:
        return False
    if text in vocabulary.non_organisation_acronyms:
        return False
    # "Prénom Nom, délégué du Préfet", "le docteur Prénom Nom": a person, whatever spaCy
    # says.
    if ROLE_AFTER_RE.match(masked.text[entity.end:entity.end + 40]) or _title_after(
            masked.text, entity.end):
        return False
    before = masked.text[max(0, entity.start - 30):entity.start].split()
    if before and fold(before[-1].rstrip(",:")) in PERSON_CUE_WORDS \
            and not is_acronym(words[0]):
        return False
    # "Fatima-Zahra El Ouazzani": a known first name opening a person's shape.
    if opens_on_first_name(words[0]) and looks_like_person(text):
        return False
    if len(words) == 1:
        # A lone acronym is a body only when the vocabulary or the text says so (both
        # read before spaCy): "CAP cuisine", "classes de CP" are not. A brand-shaped
        # word ("HelloAsso", "StreetPress") or a word spaCy calls ORG inside a sentence
        # ("avec Kiabi et Transdev") is one; a capital after a full stop says nothing.
        word = text.strip(".,;:")
        camel = any(a.islower() and b.isupper() for a, b in pairwise(word))
        # "la MGEN", "l'ACSE": an article before a capitals word spaCy calls ORG.
        before = masked.text[max(0, entity.start - 3):entity.start].lower()
        if entity.label == "ORG" and is_acronym(word) and word.isupper() and len(word) >= 3 \
                and (before.endswith(("la ", "le ")) or before[-2:] in ("l'", "l’")):
            return True
        if (is_acronym(word) and not camel) or fold(word) in GENERIC_WORDS or len(word) < 4 or not (
                word.isalpha() and word[:1].isupper()) or _sentence_initial(
                masked.text, entity.start):
            return False
        # "de la Santé et des Solidarités": the tail of a longer name, not a brand.
        before = masked.text[max(0, entity.start - 5):entity.start].lower().split()
        if before and before[-1] in ("des", "du", "la", "le", "les", "aux"):
            return False
        return camel or (entity.label == "ORG" and fold(word) not in theme_phrases)
    # Not a zoning or programme ("Nouveaux QPV"), not a word of a press title in quotes.
    if any(w in vocabulary.non_organisation_acronyms for w in words):
        return False
    line_start = masked.text.rfind("\n", 0, entity.start) + 1
    if masked.text.count("«", line_start, entity.start) > masked.text.count(
            "»", line_start, entity.start):
        return False
    if entity.label == "MISC":
        # MISC is noisy: a name with an acronym in it ("CFA Nord Réseau"), or a proper name
        # of capitalised words ("Fil à Fil", "Les Champs des Possibles") or opened by
        # an article and a capital ("La Gazette des communes"), never a person's name.
        named = [w for w in words if fold(w) not in NAME_PARTICLES]
        if all(w[:1].isupper() for w in words) and any(is_acronym(w) for w in words):
            return True
        proper = all(w[:1].isupper() for w in named) or (
            fold(words[0]) in ("la", "le", "les") and words[1][:1].isupper())
        return len(named) >= 2 and proper and not _is_person(text)
    # Spans spaCy cuts mid-sentence end in lower-case words ("- RTES - réalise"), unless a
    # head word opens a name that runs in lower case ("Secours populaire français").
    return words[-1][:1].isupper() or words[-1].isupper() or head in ORG_HEADS


# A title or a role word beside a name says the name is a person's.
PERSON_CUE_WORDS = TITLE_WORDS | ROLE_WORDS
SURNAME_AFTER_RE = re.compile(r"[ \u00a0]([A-ZÀ-Ý][\w'’-]+)(?![\w'’-])")


def _title_after(text: str, end: int) -> bool:
    """", sous-préfète chargée de…", ", adjointe au maire": a title word right after the
    name's comma says the name is a person's."""
    match = re.match(r",\s*(?:l[ae]\s+|l['’])?([^\W\d_][\w-]*)", text[end:end + 40])
    return bool(match) and fold(match.group(1)) in PERSON_CUE_WORDS


def lookup_structure(vocabulary: OrganisationVocabulary, name: str) -> KnownOrganisation | None:
    """The known body a name denotes, also under a structure prefix ("Communauté urbaine
    Grand Paris Seine et Oise")."""
    return vocabulary.lookup(name) or vocabulary.lookup(
        STRUCTURE_PREFIX_RE.sub("", clean_name(name)))


def _is_person(text: str) -> bool:
    return looks_like_person(text)


def find_organisations(
    masked: MaskedText,
    ner: Iterable[Entity],
    vocabulary: OrganisationVocabulary,
    *,
    themes: Sequence[str] = (),
    theme_phrases: frozenset[str] = frozenset(),
    excluded_spans: Sequence[tuple[int, int]] = (),
) -> list[FoundOrganisation]:
    """Organisations of one article; `excluded_spans` are places already linked.

    Most trusted first, each reading claiming its span: acronyms the text defines
    (resolved through the vocabulary when known), known names and acronyms, names
    opened by a head word or closed by a tail word, names introduced by a type noun
    (these may contain a place: "Épicerie solidaire du Val-d'Oise"), media and
    publishers of references; then, places now blocking, filtered spaCy spans and
    names listed between two organisations.
    """
    article_themes = set(themes)
    folded_text = fold(masked.text)
    claimed: list[tuple[int, int]] = []
    found: dict[str, list[Mention]] = {}
    refs: dict[str, OrganisationRef] = {}
    sources: dict[str, str] = {}

    def overlaps(start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in claimed)

    def add(ref: OrganisationRef | None, start: int, end: int, source: str) -> None:
        if ref is None or fold(ref.name) in NOT_BODIES or "|" in ref.name:
            return  # a table's cells are no one name
        number = DEPARTEMENT_NUMBER_AFTER_RE.match(masked.text, end)
        if number and not ref.acronym and not ref.name.endswith(number.group().strip()):
            end = number.end()
            ref = OrganisationRef(f"{ref.name} {number.group().strip()}")
        key = ref.acronym if ref.acronym and ref.acronym in refs else ref.name
        if ref.acronym:
            # One organisation per acronym, whichever reading met it first.
            for name, known_ref in refs.items():
                if known_ref.acronym == ref.acronym:
                    key = name
        found.setdefault(key, []).append(
            Mention("ORG", masked.original[start:end], start, end, key))
        refs.setdefault(key, ref)
        sources.setdefault(key, source)
        claimed.append((start, end))

    def resolve(name: str, acronym: str | None = None) -> OrganisationRef | None:
        entry = (vocabulary.by_acronym.get(acronym) if acronym else None) or vocabulary.lookup(
            name) or lookup_structure(vocabulary, clean_name(name))
        if entry and entry.ambiguous and not acronym and clean_name(name) == entry.acronym:
            return None  # a bare ambiguous acronym: the known-names pass has decided
        if entry:
            return OrganisationRef(entry.name, entry.acronym)
        return OrganisationRef(clean_name(name), acronym)

    def acceptable(candidate: NameCandidate) -> bool:
        name = clean_name(candidate.name)
        if not name or fold(name) in theme_phrases or fold(name) in GENERIC_WORDS:
            return False
        if _first_key(name) in NON_ORG_HEADS or fold(name) in vocabulary.non_organisation_names:
            return False
        return not masked.touches_mask(candidate.start, candidate.end)

    defined: dict[str, OrganisationRef] = {}
    for candidate in acronym_definitions(masked.text):
        acronym = candidate.acronym or ""
        if acronym in vocabulary.non_organisation_acronyms or not acceptable(candidate):
            continue
        acronym_start = masked.text.rfind(acronym, candidate.start, candidate.end)
        if _is_place(acronym_start, acronym_start + len(acronym), excluded_spans):
            continue  # 'Valence (Drôme)': the bracket says where, it spells no name
        if overlaps(candidate.start, candidate.end):
            # A known acronym after its long form: the long form is that body's too
            # ("l'Agence de la transition écologique (ADEME)").
            long_end = candidate.start + len(candidate.name)
            if acronym in vocabulary.by_acronym and not overlaps(candidate.start, long_end):
                add(resolve(candidate.name, acronym), candidate.start, long_end, "acronym")
            continue
        ref = resolve(candidate.name, acronym)
        defined[acronym] = ref
        add(ref, candidate.start, candidate.end, "acronym")
    for acronym, ref in defined.items():
        for match in re.finditer(r"(?<![\w&-])" + re.escape(acronym) + r"(?![\w&-])",
                                 masked.text):
            if not overlaps(*match.span()):
                add(ref, *match.span(), "acronym")

    # The place is the place linker's, or spaCy reads the whole as one name ("l'AAS
    # Sarcelles" as one LOC span, which the linker then rejects).
    acronym_and_place = [
        (match, place_end) for place_start, place_end in excluded_spans
        if (match := ACRONYM_BEFORE_PLACE_RE.search(
            masked.text, max(0, place_start - 10), place_start)) is not None]
    acronym_and_place += [
        (match, entity.end) for entity in ner if entity.label in ("LOC", "MISC", "ORG")
        and ACRONYM_THEN_NAME_RE.match(entity.text)
        and (match := ACRONYM_BEFORE_PLACE_RE.search(
            masked.text, entity.start, entity.start + entity.text.index(" ") + 1)) is not None]
    for match, place_end in acronym_and_place:
        if masked.in_caps_line(match.start(), place_end):
            continue
        acronym = match.group("acr")
        if not is_acronym(acronym) or acronym in GENERIC_TYPES or acronym in defined or (
                acronym in vocabulary.by_acronym
                or acronym in vocabulary.non_organisation_acronyms):
            continue
        if not overlaps(match.start(), place_end):
            add(resolve(masked.text[match.start():place_end]), match.start(), place_end, "phrase")

    # "collège des Érables", "centre social Les Ombrelles", "centre hospitalier de Chambly":
    # an establishment and its name are one body (the name alone is a person or a place).
    for match in _establishments(masked.text):
        start, end = match.span()
        if not overlaps(start, end) and not masked.in_caps_line(start, end):
            add(resolve(match.group()), start, end, "phrase")

    # Known names and acronyms: the entity ruler's spans, before spaCy's `ner`.
    known = sorted(((vocabulary.by_id[e.id], e.start, e.end) for e in ner
                    if e.id in vocabulary.by_id), key=lambda m: (m[1], -(m[2] - m[1])))
    # A name opened by a head word holds the known body inside it: the longer span wins
    # ("Fondation Crédit Agricole Solidarité et Développement" is not Crédit Agricole).
    headed = [(c.start, c.end) for c in head_named(masked.text)
              if not masked.in_caps_line(c.start, c.end)]
    for entry, start, end in known:
        if overlaps(start, end) or masked.touches_mask(start, end):
            continue
        if re.match(r"-\w", masked.text[end:end + 2]) or re.search(r"\w-$", masked.text[
                max(0, start - 2):start]):
            continue  # 'la Croix-Rouge' holds no 'La Croix': one hyphenated word
        if _is_place(start, end, excluded_spans) and BRACKET_AFTER.match(masked.text, end):
            continue  # 'Assas (Hérault)': the linker's town, its département said
        if any(h_start < start and end <= h_end and not re.search(
                r"\b(?:de|du|des|d['’]|de l['’])\s*$", masked.text[h_start:start])
                for h_start, h_end in headed):
            continue
        written = masked.text[start:end]
        # "Aurore Dupin": a body named like a first name, then a surname, is a person.
        surname = SURNAME_AFTER_RE.match(masked.text, end)
        if " " not in written and opens_on_first_name(written) and surname \
                and looks_like_person(f"{written} {surname.group(1)}"):
            continue
        # "Jeanne Vinci": a first name right before a one-word body makes it a surname.
        first_name = first_name_before(masked.text, start)
        if " " not in written and first_name \
                and looks_like_person(f"{first_name[0]} {written}"):
            continue
        if written in {a.title() for a in entry.acronyms} and (
                (_sentence_initial(masked.text, start) and is_french_word(written))
                or fold(written) in ACRONYM_WORDS):
            continue  # "Pacte pour…": a word, not an acronym ("Insee Analyses…" is one)
        if entry.acronym and masked.text[start:end] == entry.acronym and NUMBER_BEFORE_RE.search(
                masked.text[max(0, start - 4):start]):
            continue
        if entry.ambiguous and not (
            fold(entry.name) in folded_text.replace(fold(entry.acronym or ""), "")
            or (entry.theme and entry.theme in article_themes)
        ):
            continue
        complement = _name_complement(masked, end)
        if complement is not None and not _is_place(end + 1, complement, excluded_spans):
            # A bare place after it ("la CAF Poissy") says where, not which body.
            # "la Mission locale de Brume-sur-Ambre": this mission locale, not the network.
            add(resolve(masked.text[start:complement]), start, complement, "known")
            continue
        add(OrganisationRef(entry.name, entry.acronym), start, end, "known")

    # The longer of a head's and a tail's readings first: 'Lille Métropole Habitat', not
    # 'Métropole Habitat'.
    shaped = sorted([*head_named(masked.text), *tail_named(masked.text)],
                    key=lambda c: (-(c.end - c.start), c.start))
    for candidate in shaped:
        cut = _cut_before_claimed(candidate, claimed)
        if cut is None:
            continue
        candidate = _widen_to_ner(cut, ner, masked)
        if overlaps(candidate.start, candidate.end) or masked.in_caps_line(
                candidate.start, candidate.end) or not acceptable(candidate):
            continue
        add(resolve(candidate.name), candidate.start, candidate.end, candidate.rule)

    for candidate in reference_names(masked.text, _is_person):
        # The reference's structure says "medium" or "publisher", even for a name that is
        # also a theme phrase ("Lien social") or a place ("éditions de l'Aube").
        if overlaps(candidate.start, candidate.end) or masked.touches_mask(
                candidate.start, candidate.end):
            continue
        add(resolve(candidate.name), candidate.start, candidate.end, "reference")

    # A type noun before a name says "body" even when the name holds a place
    # ("l'association La Ressourcerie Sarcelloise").
    for pattern in (FREE_NAMED_RE, FOUNDATION_RE, INTRODUCED_RE, PUBLISHER_RE):
        for match in pattern.finditer(masked.text):
            start, end = match.span("name")
            if overlaps(start, end) or masked.in_caps_line(start, end):
                continue
            if pattern is not FREE_NAMED_RE:  # a name running on holds its place whole
                start, end = _cut_before_place(masked.text, start, end, excluded_spans)
            end = _adjectives_after(masked.text, end)
            name = clean_name(masked.text[start:end])
            if not name or fold(name) in GENERIC_WORDS:
                continue
            add(resolve(name), start, end, "phrase")

    for match in QUOTED_INTRODUCED_RE.finditer(masked.text):
        start, end = match.span("name")
        name = clean_name(match.group("name"))
        if not overlaps(start, end) and not masked.in_caps_line(start, end) and name \
                and fold(name) not in GENERIC_WORDS:
            add(resolve(name), start, end, "phrase")

    for match in MEDIA_WORK_RE.finditer(masked.text):
        start, end = match.span("name")
        name = clean_name(match.group("name"))
        if overlaps(start, end) or masked.in_caps_line(start, end) or _is_place(
                start, end, excluded_spans) or _is_person(name) or fold(name) in GENERIC_WORDS:
            continue
        add(resolve(name), start, end, "phrase")

    # "Simplon, l'entreprise sociale qui …": the apposition says what the name is.
    for match in APPOSITIVE_RE.finditer(masked.text):
        start, end = match.span("name")
        if overlaps(start, end) or masked.in_caps_line(start, end) or _sentence_initial(
                masked.text, start) or _is_person(match.group("name")) \
                or _is_place(start, end, excluded_spans):  # "À Nanterre, l'association X"
            continue
        name = clean_name(match.group("name"))
        if name and fold(name) not in GENERIC_WORDS:
            add(resolve(name), start, end, "phrase")

    for match in PLURAL_INTRODUCED_RE.finditer(masked.text):
        if masked.in_caps_line(*match.span("names")):
            continue
        for part in re.finditer(r"[^,]+?(?=\s*,|\s+et\s+|$)", match.group("names")):
            name = part.group().strip()
            name = name[3:] if name.startswith("et ") else name
            start = match.start("names") + part.end() - len(name)
            end = start + len(name)
            if name and not overlaps(start, end) and fold(clean_name(name)) not in GENERIC_WORDS \
                    and not _is_place(start, end, excluded_spans):
                add(resolve(name), start, end, "phrase")

    for match in PERSON_THEN_BODY_RE.finditer(masked.text):
        start, end = match.span("name")
        name = match.group("name").strip()
        if overlaps(start, end) or _is_place(start, end, excluded_spans) or not _is_person(
                match.group("person")) or fold(name) in GENERIC_WORDS or _is_person(name):
            continue
        ref = resolve(name)
        for other in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", masked.text):
            if not overlaps(*other.span()):
                add(ref, *other.span(), "phrase")

    # "- Rayon Vert Solidaire – Garges-lès-Gonesse", "Pédale Douce (Argenteuil)", a table's
    # "Escale Loisirs | Les Mureaux | …": in a list's line, a name set beside its commune.
    for start, end in _names_beside_their_commune(masked.text, excluded_spans):
        name = clean_name(masked.text[start:end])
        if name and not overlaps(start, end) and not masked.in_caps_line(start, end) \
                and fold(name) not in GENERIC_WORDS and _first_key(name) not in NON_ORG_HEADS \
                and not opens_on_first_name(name.split()[0]) \
                and (len(name.split()) >= 3 or not _is_person(name)):  # "Paule Dumas – Cergy"
            add(resolve(name), start, end, "phrase")

    # "Lieu : Halle Saint-Roch, Mantes-la-Jolie": the hall an event is held in, before
    # its commune.
    for match in VENUE_LINE_RE.finditer(masked.text):
        start, end = match.span("name")
        name = clean_name(match.group("name"))
        rest_start = match.start("rest")
        if not name or overlaps(start, end) or _is_place(start, end, excluded_spans) \
                or not any(rest_start <= p_start for p_start, _ in excluded_spans
                           if p_start < match.end()) \
                or fold(name.split()[0]) in VENUE_NOT_BODIES or _is_person(name) \
                or fold(name) in GENERIC_WORDS or masked.touches_mask(start, end):
            continue
        add(resolve(name), start, end, "phrase")

    claimed.extend(excluded_spans)

    for entity in ner:
        # A "person" of the model that no first name opens and that holds a word of the
        # language ("Roue Libre") is a name of something: read like a MISC span.
        # Unless a person follows that word ("Scénario d'Anaïs Boyer": the people's).
        if entity.label == "PER" and names_something_else(
                [w for w in entity.text.split() if fold(w) not in NAME_PARTICLES]) \
                and not person_after_leading_word(entity.text):
            entity = Entity("MISC", entity.text, entity.start, entity.end)
        if entity.label not in ("ORG", "MISC") or entity.id:
            continue
        trimmed = TRAILING_FUNCTION_WORDS_RE.sub("", entity.text)
        entity = Entity(entity.label, trimmed, entity.start, entity.start + len(trimmed))
        if overlaps(entity.start, entity.end):
            continue
        if not plausible_ner_org(entity, masked, vocabulary, theme_phrases):
            continue
        add(resolve(entity.text), entity.start, entity.end, "ner")

    for word, spans in _single_word_bodies(masked, ner, theme_phrases).items():
        ref = resolve(word)
        for start, end in spans:
            if not overlaps(start, end):
                add(ref, start, end, "phrase")

    _add_coordinated(masked, claimed, found, add, resolve)
    return [FoundOrganisation(refs[name], tuple(mentions), sources[name])
            for name, mentions in found.items()]


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


def _names_beside_their_commune(text: str, places: Sequence[tuple[int, int]],
                                ) -> Iterator[tuple[int, int]]:
    """Spans of names that a list's line sets right before a commune, in brackets or
    after a dash or a bar ("Pédale Douce (Argenteuil)", "ASTI Bezons – Bezons"): the
    commune says where the body is. The commune must end its bracket, its cell or the
    line, and the line be a list's (a bullet, a row, a short line that ends no sentence):
    a sentence says more than a name."""
    for line in LIST_LINE_RE.finditer(text):
        raw = line.group()
        bulleted = raw.lstrip()[:1] in "-•*▪►●–"
        row = raw.count("|") >= 2
        # An article's list items come one per line, without their bullets.
        item = len(raw) <= 100 and not raw.rstrip().endswith((".", "!", "?", ":", ";"))
        if not (bulleted or row or item):
            continue
        for place_start, place_end in places:
            if not line.start("body") < place_start < line.end():
                continue
            after = text[place_end:line.end()]
            if not re.match(r"[ \t]*(?:\)|\||,|$)", after):
                continue
            opening = line.start("body")
            before = NAME_BEFORE_PLACE_RE.search(text[opening:place_start])
            if before is None or any(c.isdigit() for c in before.group("name")[:3]):
                continue
            start, end = opening + before.start("name"), opening + before.end("name")
            if (start, end) not in places:  # a place inside the name is part of it
                yield start, end


SENTENCE_OPENING_WORD_RE = re.compile(
    r"(?:^|(?<=[.!?»])\s+|\n)(?P<name>[A-ZÀ-Ý][a-zà-ÿ][\w'’-]{2,})(?=\s+[a-zà-ÿ])", re.MULTILINE)


def _single_word_bodies(
    masked: MaskedText, ner: Iterable[Entity], theme_phrases: frozenset[str],
) -> dict[str, list[tuple[int, int]]]:
    """One-word bodies that spaCy misreads (as a place or a person) or ignores, told by
    the text itself: "coordinatrice chez Simplon", or a word that opens a sentence
    ("Dulala forme les bénévoles") and comes back capitalised inside another sentence
    ("les formatrices de Dulala"). Returns each word's standalone mentions."""
    from kb.geo import _common_names as common_names
    from kb.geo import key_word

    text = masked.text
    multi_word_person_words = {w for e in ner if e.label == "PER" and " " in e.text.strip()
                               for w in e.text.split()}

    from spacy.lang.fr.stop_words import STOP_WORDS

    def plausible(word: str) -> bool:
        key = fold(word)
        return (word.isalpha() and word[1:].islower() and len(word) >= 4
                and word.lower() not in STOP_WORDS  # "Elle" after a quote's closing »
                and key not in GENERIC_WORDS and key not in ROLE_WORDS and key not in theme_phrases
                and key not in NON_ORG_HEADS and key not in ORG_HEADS and key not in MONTHS
                and key_word(word) not in common_names() and word not in multi_word_person_words)

    def standalone(word: str) -> list[tuple[int, int]]:
        pattern = re.compile(STANDALONE_WORD_RE.format(word=re.escape(word)))
        return [m.span() for m in pattern.finditer(text)
                if not masked.in_caps_line(*m.span()) and not masked.touches_mask(*m.span())
                and not CAPITALISED_WORD_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())]

    bodies: dict[str, list[tuple[int, int]]] = {}
    for match in CHEZ_RE.finditer(text):
        word = match.group("name")
        if plausible(word) and not masked.in_caps_line(*match.span("name")):
            bodies[word] = standalone(word)
    for match in SENTENCE_OPENING_WORD_RE.finditer(text):
        word = match.group("name")
        if word in bodies or not plausible(word):
            continue
        spans = standalone(word)
        inside = [s for s in spans if not _sentence_initial(text, s[0])]
        if match.span("name") in spans and inside:
            bodies[word] = spans
    return bodies


@cache
def establishment_re() -> re.Pattern[str]:
    nouns = sorted(ESTABLISHMENT_NOUNS, key=len, reverse=True)
    # The data file holds folded words; the text has its accents: match accent-blind.
    alternatives = "|".join(_accent_blind(noun) for noun in nouns)
    return re.compile(rf"(?<![\w-])(?i:{alternatives})[ \u00a0]+{ESTABLISHMENT_NAME}"
                      r"(?![\w'’-])")


def _establishments(text: str) -> Iterator[re.Match[str]]:
    """The establishments named in the text, qualified first by adjectives only ("centre
    social et culturel X", "centre hospitalier intercommunal X"), never by a verb ("le
    centre social accueille X"); a refused match gives way to one starting further on."""
    pattern = establishment_re()
    position = 0
    while (match := pattern.search(text, position)) is not None:
        qualifiers = (match.group("qualifiers") or "").split()
        if all(looks_like_adjective(word) and fold(word) not in ESTABLISHMENT_NOUNS
               for word in qualifiers if word != "et"):
            yield match
            position = match.end()
        else:
            position = match.start() + 1


PARTICLE_THEN_ACRONYM_RE = re.compile(
    r"[ \u00a0]+(?:de[ \u00a0]+la|de[ \u00a0]+l['’]|du|des|de|d['’])[ \u00a0]*"
    r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&]+(?![\w'’-])")


def _name_complement(masked: MaskedText, end: int) -> int | None:
    """Where a known body's name ends once its complement is read ("de Poissy-Conflans",
    "95", "Louis-Aragon"), or None when nothing particular follows on the line."""
    match = NAME_COMPLEMENT_RE.match(masked.text, end)
    if match is None or masked.in_caps_line(end, match.end()):
        return None
    adjective = match.group("adjective")
    if adjective and not looks_like_adjective(adjective.strip()):
        return None
    # "d'Argenteuil" is two words: the elided particle and the name.
    words = re.sub(r"(?<![\w])([dl]['’])", r"\1 ", match.group("rest")).split()
    if words and fold(words[-1]) in ("de", "du", "des", "la", "d'"):
        return None
    first = next((w for w in words if w[:1].isupper() or w[:1].isdigit()), "")
    if not first or fold(first) in GENERIC_WORDS or fold(first) in MONTHS:
        return None
    # "le laboratoire X de l'UVSQ": a body in capitals it belongs to is another body.
    if PARTICLE_THEN_ACRONYM_RE.match(match.group("rest")):
        return None
    return match.end()


ADJECTIVE_AFTER_RE = re.compile(r"[ \u00a0]([a-zà-ÿ]{4,})(?=[\s,.;:)»]|$)")


def _adjectives_after(text: str, end: int) -> int:
    """A name after its type noun goes on with its lower-case adjectives ('l'association
    Ruralités solidaires', 'Le Panier partagé'), two at most."""
    for _ in range(2):
        match = ADJECTIVE_AFTER_RE.match(text, end)
        if not match or not looks_like_adjective(match.group(1)):
            break
        end = match.end()
    return end


def _is_place(start: int, end: int, places: Sequence[tuple[int, int]]) -> bool:
    """The whole name is a place the linker found ("Sarcelles"), not a body named after
    one ("Initiative Val de Seine Ouest")."""
    return any(p_start <= start and end <= p_end for p_start, p_end in places)


def _cut_before_place(text: str, start: int, end: int,
                      places: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """'l'association Fil à Fil' keeps its "à"; 'l'association X à Sarcelles' stops
    before the place."""
    for match in re.finditer(r"\s+à\s+", text[start:end]):
        after = start + match.end()
        if any(after < p_end and p_start < end for p_start, p_end in places):
            return start, start + match.start()
    return start, end


def _widen_to_ner(candidate: NameCandidate, ner: Iterable[Entity],
                  masked: MaskedText) -> NameCandidate:
    """'Boxing Club Gennevilliers', 'Aidants Solidaires 92': spaCy's span holds the
    head- or tail-named candidate and adds only capitalised words or a département number
    around it, so it is the whole name."""
    for entity in ner:
        if entity.label not in ("ORG", "MISC") or "\n" in entity.text:
            continue
        if not (entity.start <= candidate.start and candidate.end <= entity.end) or (
                entity.start, entity.end) == (candidate.start, candidate.end):
            continue
        before = masked.text[entity.start:candidate.start].split()
        after = masked.text[candidate.end:entity.end].split()
        # "Institut du monde arabe": an ORG span may close the name on a lower-case
        # adjective or noun of the language.
        if entity.label == "ORG" and not before and 0 < len(after) <= 2 and all(
                w.isalpha() and w.islower() and (looks_like_adjective(w) or is_french_word(w))
                for w in after):
            return NameCandidate(entity.text, candidate.acronym, entity.start, entity.end,
                                 candidate.rule)
        extra = before + after
        if extra and all(WIDENING_WORD_RE.match(w) and fold(w) not in ("le", "la", "les")
                         for w in extra):
            return NameCandidate(entity.text, candidate.acronym, entity.start, entity.end,
                                 candidate.rule)
    return candidate


def _cut_before_claimed(candidate: NameCandidate, claimed) -> NameCandidate | None:
    """'Fédération des amicales de locataires et de l'Association … (AFEV)': a name
    that runs into one already found stops before it (no name at all when what is left
    is a head and its adjective, a kind of body)."""
    starts = [s for s, e in claimed if candidate.start < s < candidate.end]
    if not starts:
        return candidate
    cut = candidate.name[:min(starts) - candidate.start]
    cut = TRAILING_FUNCTION_WORDS_RE.sub("", cut.rstrip(" ,'’")).rstrip(" ,")
    cut = re.sub(r"\s+(?:et|de|du|des|d|l)['’]?$", "", cut)
    cut = TRAILING_FUNCTION_WORDS_RE.sub("", cut)
    if len(cut.split()) < 2:
        return candidate
    if len(cut.split()) == 2 and cut.split()[1].islower() \
            and not re.match(r"[dl]['’]", cut.split()[1]):
        # 'le Centre collaborateur de l'OMS pour…', 'l'Union nationale des PIMMS': what
        # is left is a kind ('Centre collaborateur'), not a name; left unsaid.
        return None
    return NameCandidate(cut, None, candidate.start, candidate.start + len(cut),
                         candidate.rule)


def _add_coordinated(masked, claimed, found, add, resolve) -> None:
    org_spans = sorted((m.start, m.end) for mentions in found.values() for m in mentions)
    candidates: list[tuple[re.Match[str], int]] = []
    for (_, left_end), (right_start, _) in pairwise(org_spans):
        gap = masked.text[left_end:right_start]
        match = COORDINATED_RE.match(gap) if "\n" not in gap else None
        if match:
            candidates.append((match, left_end))
    for _, left_end in org_spans:
        line_end = masked.text.find("\n", left_end)
        match = AFTER_ET_RE.match(masked.text[left_end:line_end if line_end >= 0 else None])
        if match:
            candidates.append((match, left_end))
    for match, left_end in candidates:
        start = left_end + match.start("name")
        end = left_end + match.end("name")
        name = match.group("name")
        # Before a lower-case word a one-word name may be cut short ("Cap emploi").
        if "verb" in match.groupdict() and match.group("verb") and len(name.split()) < 2:
            continue
        # An article before the name says "not a person" ("le Red Star").
        if fold(name) in GENERIC_WORDS or (not match.group("article") and _is_person(name)) or any(
                start < c_end and c_start < end for c_start, c_end in claimed):
            continue
        if masked.in_caps_line(start, end) or masked.touches_mask(start, end):
            continue
        add(resolve(name), start, end, "list")
