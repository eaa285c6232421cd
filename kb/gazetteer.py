"""Communes, départements, EPCI/EPT and quartiers prioritaires, read from kb/data.

The data files are built by `tools/build_gazetteer.py` (sources and licence in
kb/data/README.md) and ship inside the package, so nothing is read from outside it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kb.models import CommuneRef

ILE_DE_FRANCE = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})
COVERED_DEPARTEMENTS = ("78", "92", "95")


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    name: str  # official name with its article: "Le Pecq", "L'Isle-Adam"
    departement: str
    epci: str | None  # name of the EPCI (communauté d'agglomération, urbaine, de communes)
    ept: str | None  # établissement public territorial (Hauts-de-Seine and Argenteuil)
    population: int | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()
    epci_siren: str | None = None  # added: the EPCI's stable id, names change with mergers


@dataclass(frozen=True, slots=True)
class Quartier:
    name: str
    insee: str
    aliases: tuple[str, ...] = ()
    confidence: str = ""  # confirmed / partial / unconfirmed, from territory.tsv
    # the names (among name and aliases) that may be linked without the commune named in
    # the same text: "Val Fourré" yes, "Village" (a part of a Villiers-le-Bel QPV) no
    distinctive_names: tuple[str, ...] = ()

    @property
    def distinctive(self) -> bool:
        return self.name in self.distinctive_names


@dataclass(frozen=True, slots=True)
class Gentile:
    """An inhabitants' name ("Argenteuillais") that points to one commune only."""

    stem: str
    insee: str


@dataclass(frozen=True, slots=True)
class Region:
    """A region and the former regions' names still in use ("Picardie"), with its
    départements: naming it after a commune says which commune of that name is meant."""

    name: str
    aliases: tuple[str, ...]
    departements: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kb").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split(";") if part)


class Gazetteer:
    def __init__(
        self,
        communes: dict[str, Commune],
        departements: dict[str, str],
        quartiers: tuple[Quartier, ...],
        gentiles: tuple[Gentile, ...] = (),
        regions: tuple[Region, ...] = (),
    ) -> None:
        self.communes = communes
        self.departements = departements  # code → name with article ("le Val-d'Oise" → name)
        self.quartiers = quartiers
        self.gentiles = gentiles
        self.regions = regions
        self._by_departement: dict[str, list[Commune]] = {}
        for commune in communes.values():
            self._by_departement.setdefault(commune.departement, []).append(commune)
        self._quartiers_by_commune: dict[str, list[Quartier]] = {}
        for quartier in quartiers:
            self._quartiers_by_commune.setdefault(quartier.insee, []).append(quartier)

    def get(self, insee: str) -> Commune | None:
        return self.communes.get(insee)

    def ref(self, insee: str) -> CommuneRef:
        commune = self.communes[insee]
        return CommuneRef(insee=commune.insee, name=commune.name,
                          departement=commune.departement, epci=commune.ept or commune.epci)

    def in_departement(self, code: str) -> list[Commune]:
        return sorted(self._by_departement.get(code, ()), key=lambda c: c.name)

    def quartiers_of(self, insee: str) -> list[Quartier]:
        return list(self._quartiers_by_commune.get(insee, ()))

    def departement_name(self, code: str) -> str:
        return self.departements[code]


@cache
def load_gazetteer() -> Gazetteer:
    """Read once per process (about 0.15 s for the 34,875 communes)."""
    epci_names = {row["siren"]: row["name"] for row in _rows("epci.tsv")}
    communes = {}
    for row in _rows("communes.tsv"):
        siren = row["epci_siren"] or None
        communes[row["insee"]] = Commune(
            insee=row["insee"],
            name=row["name"],
            departement=row["departement"],
            epci=epci_names.get(siren) if siren else None,
            ept=row["ept"] or None,
            population=int(row["population"]) if row["population"] else None,
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            aliases=_split(row["aliases"]),
            epci_siren=siren,
        )
    departements = {row["code"]: row["short_name"] for row in _rows("departements.tsv")}
    quartiers = tuple(
        Quartier(name=row["name"], insee=row["insee"], aliases=_split(row["aliases"]),
                 confidence=row["confidence"],
                 distinctive_names=_split(row["distinctive_names"]))
        for row in _rows("quartiers.tsv")
    )
    gentiles = tuple(Gentile(stem=row["gentile"], insee=row["insee"])
                     for row in _rows("gentiles.tsv"))
    regions = tuple(Region(name=row["name"], aliases=_split(row["aliases"]),
                           departements=_split(row["departements"]))
                    for row in _rows("regions.tsv"))
    return Gazetteer(communes, departements, quartiers, gentiles, regions)


@cache
def load_map() -> dict:
    """Projected, simplified outlines of the 478 communes of 78/92/95:
    {"viewBox": "0 0 w h", "paths": {insee: "M… Z"}, "labels": {insee: [x, y]}}."""
    text = resources.files("kb").joinpath("data", "map_78_92_95.json").read_text(encoding="utf-8")
    return json.loads(text)
