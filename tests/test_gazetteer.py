"""The shipped gazetteer and map: counts, codes checked against the data, loading."""

from __future__ import annotations

import re

import pytest

from kb.gazetteer import load_gazetteer, load_map
from kb.models import CommuneRef


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_every_commune_of_france_with_the_three_departements_complete(gazetteer):
    assert len(gazetteer.communes) > 34_000
    counts = {code: len(gazetteer.in_departement(code)) for code in ("78", "92", "95")}
    assert counts == {"78": 259, "92": 36, "95": 183}


@pytest.mark.parametrize(("insee", "name", "departement"), [
    ("95487", "Persan", "95"),
    ("78361", "Mantes-la-Jolie", "78"),
    ("78362", "Mantes-la-Ville", "78"),
    ("78643", "Vernouillet", "78"),  # not 78642, which is Verneuil-sur-Seine
    ("78642", "Verneuil-sur-Seine", "78"),
    ("78123", "Carrières-sous-Poissy", "78"),
    ("78138", "Chanteloup-les-Vignes", "78"),
    ("78335", "Limay", "78"),
    ("92050", "Nanterre", "92"),
    ("95280", "Goussainville", "95"),
    ("95424", "Montigny-lès-Cormeilles", "95"),
    ("95680", "Villiers-le-Bel", "95"),
    ("95277", "Gonesse", "95"),
    ("78440", "Les Mureaux", "78"),
    ("95313", "L'Isle-Adam", "95"),
])
def test_codes_and_names(gazetteer, insee, name, departement):
    commune = gazetteer.get(insee)
    assert (commune.name, commune.departement) == (name, departement)


def test_commune_fields(gazetteer):
    argenteuil = gazetteer.get("95018")
    assert argenteuil.ept == "Boucle Nord de Seine (EPT T5)"
    assert argenteuil.population > 100_000
    assert 48.9 < argenteuil.lat < 49.0 and 2.2 < argenteuil.lon < 2.3
    persan = gazetteer.get("95487")
    assert persan.epci_siren and "Haut Val d'Oise" in persan.epci
    assert gazetteer.ref("92024") == CommuneRef("92024", "Clichy", "92",
                                                "Boucle Nord de Seine (EPT T5)")
    assert "Clichy-la-Garenne" in gazetteer.get("92024").aliases
    assert gazetteer.get("00000") is None


def test_paris_lyon_marseille_are_one_commune_each(gazetteer):
    assert gazetteer.get("75056").name == "Paris"
    assert gazetteer.get("75101") is None  # arrondissements are not communes


def test_quartiers_and_departements(gazetteer):
    assert [q.name for q in gazetteer.quartiers_of("95487")] == ["Le Village"]
    val_fourre = gazetteer.quartiers_of("78361")[0]
    assert val_fourre.name == "Val Fourré" and val_fourre.distinctive
    assert all(q.insee in gazetteer.communes for q in gazetteer.quartiers)
    assert gazetteer.departement_name("95") == "Val-d'Oise"
    assert gazetteer.departement_name("92") == "Hauts-de-Seine"


def test_gentiles_point_to_known_communes(gazetteer):
    assert gazetteer.gentiles
    assert all(g.insee in gazetteer.communes for g in gazetteer.gentiles)


def test_loaded_once(gazetteer):
    assert load_gazetteer() is gazetteer


def test_map_has_the_478_communes_as_svg_paths(gazetteer):
    data = load_map()
    x, y, width, height = (float(v) for v in data["viewBox"].split())
    assert (x, y) == (0, 0) and width > 0 and height > 0
    expected = {c.insee for code in ("78", "92", "95") for c in gazetteer.in_departement(code)}
    assert set(data["paths"]) == expected and set(data["labels"]) == expected
    number = re.compile(r"-?\d+(?:\.\d)?")
    for path in data["paths"].values():
        assert path.startswith("M") and path.endswith("Z")
        values = [float(v) for v in number.findall(path)]
        assert all(-1 <= v <= max(width, height) + 1 for v in values)
    for label_x, label_y in data["labels"].values():
        assert 0 <= label_x <= width and 0 <= label_y <= height


def test_map_keeps_geography(gazetteer):
    """North is up and west is left: Argenteuil (95) lies north-east of Rambouillet (78)."""
    labels = load_map()["labels"]
    argenteuil, rambouillet = labels["95018"], labels["78517"]
    assert argenteuil[0] > rambouillet[0] and argenteuil[1] < rambouillet[1]


def test_every_departement_belongs_to_exactly_one_region():
    gazetteer = load_gazetteer()
    owners: dict[str, list[str]] = {}
    for region in gazetteer.regions:
        for code in region.departements:
            owners.setdefault(code, []).append(region.name)
    assert set(owners) == set(gazetteer.departements)
    assert all(len(names) == 1 for names in owners.values())
