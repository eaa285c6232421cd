"""The organisations the enrichment knows by name: one vocabulary from three data files.

- kb/data/authority/organisations.tsv: the authority file (State, collectivités,
  networks, social landlords, protection sociale, associations, foundations, schools,
  research, media, companies), each entry with an id, acronyms, aliases, a type and the
  public source it comes from (see kb/data/authority/README.md);
- kb/data/organisations.tsv: the centre's own curated list (its partners, the CRPV);
- kb/data/acronyms.tsv: the glossary. Its `organisation` rows are bodies (linked to the
  authority entry of the same acronym or name, which then gets the glossary's theme and
  ambiguity flag); its other rows (dispositifs, zonages, documents, instances) are never
  organisations.

The vocabulary feeds the spaCy `entity_ruler` that runs before `ner` (kb.nlp) and the
lookups that resolve a name found by shape to its canonical form (kb.organisations).
This module is a leaf: it reads data files and knows nothing of spaCy.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from kb.nlp import fold

# Kinds of structure, not named bodies: "l'EPT Plaine Commune" names Plaine Commune.
GENERIC_TYPES = frozenset({
    "EPCI", "EPT", "CA", "CC", "CU", "CD", "CG", "SEM", "SPL", "OLS", "ESH", "OPH", "SCIC",
    "SCOP", "EI", "AI", "ETTI", "SIAE", "ACI", "EBE", "CRPV", "FTM", "MSP", "CMS", "UD",
})


@dataclass(frozen=True, slots=True)
class KnownOrganisation:
    name: str
    acronym: str | None
    aliases: tuple[str, ...] = ()
    theme: str | None = None
    ambiguous: bool = False
    id: str = ""
    type: str = ""  # authority type: etat, collectivite, reseau, bailleur…
    other_acronyms: tuple[str, ...] = ()  # "I3F" beside "3F"

    @property
    def acronyms(self) -> tuple[str, ...]:
        return ((self.acronym,) if self.acronym else ()) + self.other_acronyms

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _data_rows(*path: str) -> list[dict[str, str]]:
    text = resources.files("kb").joinpath("data", *path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(value: str | None, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(separator) if part.strip())


def _is_acronym(form: str) -> bool:
    """'ANRU', 'GPS&O', 'CD95', '3F': one word, no lower-case letter after the first one.
    A short form with a space or in lower case ('CD 95', 'IAU îdF', 'Pôle ressources 95')
    is matched as a name, with its capitals."""
    return " " not in form and not any(c.islower() for c in form[1:])


@dataclass
class OrganisationVocabulary:
    known: list[KnownOrganisation]
    non_organisation_acronyms: frozenset[str]  # dispositifs, zonages…: never an ORG span
    non_organisation_names: frozenset[str] = frozenset()  # their expansions, folded
    by_acronym: dict[str, KnownOrganisation] = field(init=False)
    by_folded_name: dict[str, KnownOrganisation] = field(init=False)
    by_id: dict[str, KnownOrganisation] = field(init=False)

    def __post_init__(self) -> None:
        self.by_acronym = {}
        self.by_folded_name = {}
        self.by_id = {}
        for entry in self.known:
            self.by_id[entry.id] = entry
            for acronym in entry.acronyms:
                self.by_acronym.setdefault(acronym, entry)
            for name in entry.names:
                self.by_folded_name.setdefault(_name_key(name), entry)

    def lookup(self, text: str) -> KnownOrganisation | None:
        cleaned = text.strip(" .,;:«»\"'")
        return self.by_acronym.get(cleaned) or self.by_folded_name.get(_name_key(cleaned))


def _name_key(name: str) -> str:
    """A name as looked up: folded, '&' read as 'et' ("Grand Paris Seine & Oise")."""
    return fold(name).replace(" & ", " et ")


def load_vocabulary() -> OrganisationVocabulary:
    return _load_vocabulary()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


@lru_cache(maxsize=1)
def _load_vocabulary() -> OrganisationVocabulary:
    entries: list[KnownOrganisation] = []
    by_acronym: dict[str, int] = {}
    by_name: dict[str, int] = {}

    def index(position: int) -> None:
        entry = entries[position]
        for acronym in entry.acronyms:
            by_acronym.setdefault(acronym, position)
        for name in entry.names:
            by_name.setdefault(fold(name), position)

    def find(names: tuple[str, ...], acronyms: tuple[str, ...]) -> int | None:
        for acronym in acronyms:
            if acronym in by_acronym:
                return by_acronym[acronym]
        for name in names:
            if fold(name) in by_name:
                return by_name[fold(name)]
        return None

    # The curated list first: its canonical names are the ones the centre writes.
    for row in _data_rows("organisations.tsv"):
        name = row["name"].strip()
        acronym = (row.get("acronym") or "").strip() or None
        entries.append(KnownOrganisation(
            name=name, acronym=acronym, aliases=_split(row.get("aliases"), ";"),
            id=f"curated:{_slug(name)}"))
        index(len(entries) - 1)
    for row in _data_rows("authority", "organisations.tsv"):
        forms = [a for a in _split(row.get("acronyms"), "|") if a not in GENERIC_TYPES]
        acronyms = tuple(a for a in forms if _is_acronym(a))
        names = (row["name"].strip(), *_split(row.get("aliases"), "|"),
                 *(a for a in forms if not _is_acronym(a)))
        position = find(names, acronyms)
        if position is None:
            entries.append(KnownOrganisation(
                name=names[0], acronym=acronyms[0] if acronyms else None, aliases=names[1:],
                id=row["id"].strip(), type=row.get("type", "").strip(),
                other_acronyms=acronyms[1:]))
        else:
            # The curated entry keeps its name and gains the authority's forms and type.
            old = entries[position]
            known_acronyms = set(old.acronyms)
            new_acronyms = tuple(a for a in acronyms if a not in known_acronyms)
            entries[position] = replace(
                old, acronym=old.acronym or (new_acronyms[0] if new_acronyms else None),
                other_acronyms=old.other_acronyms + (
                    new_acronyms[1:] if not old.acronym else new_acronyms),
                aliases=tuple(dict.fromkeys((*old.aliases, *(n for n in names
                                                              if fold(n) != fold(old.name))))),
                id=row["id"].strip(), type=row.get("type", "").strip())
        index(len(entries) - 1 if position is None else position)

    others: set[str] = set()
    other_names: set[str] = set()
    for row in _data_rows("acronyms.tsv"):
        acronym = row["acronym"]
        if row["kind"] != "organisation" or acronym in GENERIC_TYPES:
            others.add(acronym)
            other_names.update(fold(n.strip()) for n in row["expansion"].split("/"))
            continue
        theme = row["theme"] or None
        ambiguous = row["ambiguous"] == "yes"
        linked = (row.get("organisation") or "").strip()
        position = next((i for i, e in enumerate(entries) if linked and e.id == linked), None)
        if position is None:
            position = find((row["expansion"],), (acronym,))
        if position is None:
            entries.append(KnownOrganisation(
                name=row["expansion"], acronym=acronym, theme=theme, ambiguous=ambiguous,
                id=f"glossaire:{acronym}"))
            index(len(entries) - 1)
            continue
        old = entries[position]
        # A known name without acronym ("Mission locale") gets the glossary's (ML); the
        # glossary says which acronyms need their meaning backed by the article.
        entries[position] = replace(
            old, acronym=old.acronym or acronym,
            other_acronyms=old.other_acronyms + (
                (acronym,) if old.acronym and acronym not in old.acronyms else ()),
            theme=old.theme or theme, ambiguous=old.ambiguous or ambiguous)
        index(position)
    return OrganisationVocabulary(entries, frozenset(others), frozenset(other_names))
