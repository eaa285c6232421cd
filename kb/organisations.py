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

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from kb.models import Mention, OrganisationRef
from kb.nlp import Entity, MaskedText, fold, fold_keep_length

# Kinds of structure, not named bodies: "l'EPT Plaine Commune" names Plaine Commune.
GENERIC_TYPES = frozenset({
    "EPCI", "EPT", "CA", "CC", "CU", "CD", "CG", "SEM", "SPL", "OLS", "ESH", "OPH", "SCIC",
    "SCOP", "EI", "AI", "ETTI", "SIAE", "ACI", "EBE", "CRPV", "FTM", "MSP", "CMS", "UD",
})
# One-word spans spaCy calls ORG that name no particular body.
GENERIC_WORDS = frozenset(fold(w) for w in (
    "Ville", "Villes", "Préfecture", "Préfet", "Programme", "Centre", "Unité", "État", "Etat",
    "Mairie", "Commune", "Département", "Région", "Ministère", "Gouvernement", "Conseil",
    "Service", "Direction", "Association", "Fondation", "Réseau", "Agence", "Mission",
    "Contact", "Fiche", "Publication", "Sondage", "Internet", "Presse", "Covid-19", "Covid",
    "Jeunesse", "Prévention", "Politique", "Cité", "Quartier", "Quartiers",
))
ROLE_WORDS = frozenset(fold(w) for w in (
    "Directeur", "Directrice", "Inspecteur", "Inspectrice", "Conseiller", "Conseillère",
    "Chargé", "Chargée", "Coordinateur", "Coordinatrice", "Délégué", "Déléguée", "Maire",
    "Adjoint", "Adjointe", "Président", "Présidente", "Chef", "Cheffe", "Responsable",
    "Référent", "Référente", "Éducateur", "Éducatrice", "Psychologue", "Docteur",
))
LEADING_ARTICLES_RE = re.compile(r"^(?:l['’]|la\s+|le\s+|les\s+|du\s+|des\s+|de\s+)",
                                 re.IGNORECASE)
# The name after an introducing phrase: capitalised words, joined by particles.
NAME = (r"(?P<name>(?:[A-ZÀ-Ý][\w'’&.-]*|[A-ZÀ-Ý]{2,})"
        r"(?:\s+(?:(?:de|du|des|d['’]|la|le|les|et|pour|&|-)\s*)*[A-ZÀ-Ý][\w'’&.-]*)*)")
INTRODUCED_RE = re.compile(
    r"(?:\b[Ll]['’]association|\b[Ll]e bailleur(?: social)?|\b[Ll]e groupement d['’]employeurs"
    r"|\b[Ll]e cabinet|\b[Ll]a société|\b[Ll]['’]entreprise|\b[Ll]e collectif"
    r"|\b[Ll]a fédération|\b[Ll]['’]institut|\b[Ll]a coopérative|\b[Ll]['’]EPT"
    r"|\b[Ll]a communauté d['’]agglomération|\béd\.|\béditions)\s+(?:la\s+|le\s+)?" + NAME
)
FOUNDATION_RE = re.compile(r"\b(?P<name>Fondation\s+" + NAME[len("(?P<name>"):-1] + r")")
PUBLISHER_RE = re.compile(r"\b(?P<name>[A-Z][\w&-]+)\s+éditions\b")


@dataclass(frozen=True, slots=True)
class KnownOrganisation:
    name: str
    acronym: str | None
    aliases: tuple[str, ...] = ()
    theme: str | None = None
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class FoundOrganisation:
    ref: OrganisationRef
    mentions: tuple[Mention, ...]
    source: str  # "known", "phrase", "ner"


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kb").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class OrganisationVocabulary:
    known: list[KnownOrganisation]
    non_organisation_acronyms: frozenset[str]  # dispositifs, zonages…: never an ORG span
    by_acronym: dict[str, KnownOrganisation] = field(init=False)
    by_folded_name: dict[str, KnownOrganisation] = field(init=False)
    _name_re: re.Pattern[str] | None = field(init=False, default=None)
    _acronym_re: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.by_acronym = {k.acronym: k for k in self.known if k.acronym}
        self.by_folded_name = {}
        for entry in self.known:
            for name in (entry.name, *entry.aliases):
                self.by_folded_name.setdefault(fold(name), entry)
        names = sorted(self.by_folded_name, key=len, reverse=True)
        self._name_re = re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        acronyms = sorted(self.by_acronym, key=len, reverse=True)
        self._acronym_re = re.compile(
            r"(?<![\w&-])(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w&-])")

    def lookup(self, text: str) -> KnownOrganisation | None:
        cleaned = text.strip(" .,;:«»\"'")
        return self.by_acronym.get(cleaned) or self.by_folded_name.get(fold(cleaned))

    def known_matches(self, masked: MaskedText) -> list[tuple[KnownOrganisation, int, int]]:
        found: list[tuple[KnownOrganisation, int, int]] = []
        assert self._acronym_re is not None and self._name_re is not None
        for match in self._acronym_re.finditer(masked.text):
            found.append((self.by_acronym[match.group()], match.start(), match.end()))
        folded = fold_keep_length(masked.text)
        for match in self._name_re.finditer(folded):
            entry = self.by_folded_name.get(match.group())
            if entry:
                found.append((entry, match.start(), match.end()))
        return found


def load_vocabulary() -> OrganisationVocabulary:
    return _load_vocabulary()


@lru_cache(maxsize=1)
def _load_vocabulary() -> OrganisationVocabulary:
    curated = [
        KnownOrganisation(
            name=row["name"].strip(),
            acronym=(row.get("acronym") or "").strip() or None,
            aliases=tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
        )
        for row in _data_rows("organisations.tsv")
    ]
    curated_acronyms = {k.acronym for k in curated if k.acronym}
    curated_names = {fold(k.name): index for index, k in enumerate(curated)}
    from_acronyms: list[KnownOrganisation] = []
    others: set[str] = set()
    for row in _data_rows("acronyms.tsv"):
        acronym = row["acronym"]
        if row["kind"] != "organisation" or acronym in GENERIC_TYPES:
            others.add(acronym)
            continue
        if acronym in curated_acronyms:
            continue
        if fold(row["expansion"]) in curated_names:
            # A curated name without acronym ("Mission locale") gets the acronym (ML).
            index = curated_names[fold(row["expansion"])]
            if curated[index].acronym is None:
                curated[index] = replace(
                    curated[index], acronym=acronym, theme=row["theme"] or None,
                    ambiguous=row["ambiguous"] == "yes")
            continue
        from_acronyms.append(KnownOrganisation(
            name=row["expansion"], acronym=acronym, theme=row["theme"] or None,
            ambiguous=row["ambiguous"] == "yes",
        ))
    return OrganisationVocabulary(curated + from_acronyms, frozenset(others))


def clean_name(text: str) -> str:
    name = " ".join(text.split()).strip(" .,;:«»\"'()-–")
    name = LEADING_ARTICLES_RE.sub("", name)
    return name[:1].upper() + name[1:] if name else name


def plausible_ner_org(
    entity: Entity, masked: MaskedText, vocabulary: OrganisationVocabulary,
    theme_phrases: frozenset[str],
) -> bool:
    text = entity.text.strip()
    words = text.split()
    if not words or "\n" in text or masked.touches_mask(entity.start, entity.end):
        return False
    if masked.in_caps_line(entity.start, entity.end):
        return False
    if not text[0].isupper() or any(c.isdigit() for c in text):
        return False
    if fold(words[0]) in ROLE_WORDS or fold(text) in theme_phrases:
        return False
    # The masked text has blanks where inclusive suffixes were: the span was a word.
    original = masked.original[entity.start:entity.end]
    if original != masked.text[entity.start:entity.end] and "  " in masked.text[
            entity.start:entity.end + 1]:
        return False
    if text in vocabulary.non_organisation_acronyms:
        return False
    if len(words) == 1:
        return fold(text) not in GENERIC_WORDS and (text.isupper() and len(text) >= 2)
    # Multi-word spans spaCy cuts mid-sentence end in lower-case words ("- RTES - réalise").
    return words[-1][:1].isupper() or words[-1].isupper()


def find_organisations(
    masked: MaskedText,
    ner: Iterable[Entity],
    vocabulary: OrganisationVocabulary,
    *,
    themes: Sequence[str] = (),
    theme_phrases: frozenset[str] = frozenset(),
    excluded_spans: Sequence[tuple[int, int]] = (),
) -> list[FoundOrganisation]:
    """Organisations of one article; `excluded_spans` are places already linked."""
    article_themes = set(themes)
    folded_text = fold(masked.text)
    # Known names are matched first and may contain a place ("Val d'Oise Habitat"):
    # places only block the weaker readings below.
    claimed: list[tuple[int, int]] = []
    found: dict[str, list[Mention]] = {}
    refs: dict[str, OrganisationRef] = {}
    sources: dict[str, str] = {}

    def overlaps(start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in claimed)

    def add(ref: OrganisationRef, start: int, end: int, source: str) -> None:
        found.setdefault(ref.name, []).append(
            Mention("ORG", masked.original[start:end], start, end, ref.name))
        refs.setdefault(ref.name, ref)
        sources.setdefault(ref.name, source)

    known = sorted(vocabulary.known_matches(masked), key=lambda m: (m[1], -(m[2] - m[1])))
    for entry, start, end in known:
        if overlaps(start, end) or masked.touches_mask(start, end):
            continue
        if entry.ambiguous and not (
            fold(entry.name) in folded_text.replace(fold(entry.acronym or ""), "")
            or (entry.theme and entry.theme in article_themes)
        ):
            continue
        claimed.append((start, end))
        add(OrganisationRef(entry.name, entry.acronym), start, end, "known")

    claimed.extend(excluded_spans)
    for pattern in (FOUNDATION_RE, INTRODUCED_RE, PUBLISHER_RE):
        for match in pattern.finditer(masked.text):
            start, end = match.span("name")
            if overlaps(start, end) or masked.in_caps_line(start, end):
                continue
            name = clean_name(match.group("name"))
            if not name or fold(name) in GENERIC_WORDS:
                continue
            entry = vocabulary.lookup(name)
            ref = OrganisationRef(entry.name, entry.acronym) if entry else OrganisationRef(name)
            claimed.append((start, end))
            add(ref, start, end, "phrase")

    for entity in ner:
        if entity.label != "ORG" or overlaps(entity.start, entity.end):
            continue
        if not plausible_ner_org(entity, masked, vocabulary, theme_phrases):
            continue
        name = clean_name(entity.text)
        entry = vocabulary.lookup(name)
        ref = OrganisationRef(entry.name, entry.acronym) if entry else OrganisationRef(name)
        claimed.append((entity.start, entity.end))
        add(ref, entity.start, entity.end, "ner")

    return [FoundOrganisation(refs[name], tuple(mentions), sources[name])
            for name, mentions in found.items()]
