"""Commune names, départements and the commune map, read from the project's gazetteer.

The map is drawn once per process: 478 outlines shaded by article counts are cheap to
regroup per request, but the JSON is read only once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kb.gazetteer import COVERED_DEPARTEMENTS, load_gazetteer, load_map

DEPARTEMENTS = COVERED_DEPARTEMENTS  # the territory: one definition, in kb.gazetteer
# Count classes of the map, from light to dark; the last bound is open.
SHADE_BOUNDS = (0, 1, 3, 6, 11)


@dataclass(frozen=True, slots=True)
class MapShape:
    insee: str
    name: str
    path: str
    count: int
    shade: int  # 0 (no article) .. len(SHADE_BOUNDS) - 1


def commune_name(insee: str) -> str | None:
    commune = load_gazetteer().get(insee)
    return commune.name if commune else None


def departement_name(code: str) -> str:
    return load_gazetteer().departements.get(code, code)


def departement_of(insee: str) -> str:
    """The commune's département: not always the first two digits (971 for 97101)."""
    commune = load_gazetteer().get(insee)
    return commune.departement if commune else insee[:2]


def communes_of(departement: str) -> list[tuple[str, str]]:
    return [(c.insee, c.name) for c in load_gazetteer().in_departement(departement)]


def shade_of(count: int) -> int:
    shade = 0
    for index, bound in enumerate(SHADE_BOUNDS):
        if count >= bound:
            shade = index
    return shade


def shade_legend() -> list[tuple[int, str]]:
    labels = []
    for index, bound in enumerate(SHADE_BOUNDS):
        if index == 0:
            labels.append((0, "aucun article"))
        elif index == len(SHADE_BOUNDS) - 1:
            labels.append((index, f"{bound} articles ou plus"))
        else:
            upper = SHADE_BOUNDS[index + 1] - 1
            labels.append(
                (
                    index,
                    f"{bound} article"
                    if bound == upper and bound == 1
                    else f"{bound} à {upper} articles",
                )
            )
    return labels


@cache
def _map_data() -> tuple[str, tuple[tuple[str, str], ...]]:
    data = load_map()
    return data["viewBox"], tuple(sorted(data["paths"].items()))


def map_shapes(counts: Mapping[str, int]) -> tuple[str, list[MapShape]]:
    view_box, paths = _map_data()
    gazetteer = load_gazetteer()
    shapes = []
    for insee, path in paths:
        commune = gazetteer.get(insee)
        count = counts.get(insee, 0)
        shapes.append(
            MapShape(insee, commune.name if commune else insee, path, count, shade_of(count))
        )
    return view_box, shapes
