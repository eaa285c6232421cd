"""Issue 11, precision: every word required, the phrase first, partial matches apart,
a hyphen the same as a space, OR within a facet, AND across facets, a year range."""

from __future__ import annotations

import pytest

from bench.synthetic import make_article
from indexer.analysis import analyze, iter_terms
from indexer.api import Query
from indexer.filters import expand, range_value, year_range
from indexer.querying import parse_query
from indexer.search import SearchService
from kbcli.reindex import index_articles

SARCELLES = ("95585", "Sarcelles", "95")
MANTES = ("78361", "Mantes-la-Jolie", "78")
NANTERRE = ("92050", "Nanterre", "92")

ARTICLES = [
    make_article("Pôle emploi devient France Travail", "Ce qui change pour les quartiers.",
                 "Les conseillers de Pôle emploi rejoignent France Travail.",
                 number=60, date="2019-02-01", position=0, communes=[SARCELLES]),
    make_article("Un forum pour l'emploi", "Le pôle jeunesse organise un forum.",
                 "Le forum de l'emploi réunit cent entreprises.",
                 number=60, date="2019-02-01", position=1, communes=[MANTES]),
    make_article("Le pôle de santé ouvre", "Un pôle de santé au Val Fourré.",
                 "Médecins et infirmiers.", number=61, date="2020-06-01", position=0,
                 communes=[MANTES]),
    make_article("Les tiers-lieux se multiplient", "Un appel à projets pour les tiers-lieux.",
                 "Les tiers lieux accueillent des associations.",
                 number=61, date="2020-06-01", position=1, communes=[NANTERRE]),
    make_article("Vingt ans d'adultes-relais", "La médiation sociale par les adultes relais.",
                 "Un adulte-relais témoigne.", number=62, date="2021-03-01", position=0,
                 communes=[SARCELLES]),
    make_article("Des lieux pour le tiers secteur", "Le tiers secteur cherche des lieux.",
                 "Associations.", number=62, date="2021-03-01", position=1),
    *[make_article(f"Le Pôle ressources, chronique {n}", "Le Pôle ressources vous informe.",
                   "Séminaires et formations.", number=63, date="2022-01-01", position=n)
      for n in range(12)],
    make_article("Emploi des jeunes à Nanterre", "Un dispositif pour l'emploi.",
                 "Nanterre accompagne les jeunes.", number=63, date="2022-01-01",
                 position=20, communes=[NANTERRE]),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SearchService:
    index = tmp_path_factory.mktemp("precision")
    index_articles(ARTICLES, index)
    service = SearchService(index)
    yield service
    service.close()


def titles(hits) -> list[str]:
    return [hit.title for hit in hits]


def test_every_word_is_required_and_the_phrase_comes_first(service) -> None:
    page = service.search(Query("Pôle emploi"))
    assert page.total == 2  # not the fourteen articles holding "pôle"
    assert titles(page.hits) == ["Pôle emploi devient France Travail", "Un forum pour l'emploi"]


def test_partial_matches_come_apart_and_are_not_counted(service) -> None:
    page = service.search(Query("Pôle emploi"))
    assert page.approximate  # the page is not full: some words only, shown apart
    assert not {h.id for h in page.approximate} & {h.id for h in page.hits}
    full = service.search(Query("Pôle ressources"))
    assert full.total == 12 and full.approximate == ()


def test_partial_matches_hold_most_words_first(service) -> None:
    page = service.search(Query("emploi jeunes Sarcelles"))
    assert page.total == 0 and page.hits == ()
    assert page.approximate[0].title == "Emploi des jeunes à Nanterre"  # two words of three


@pytest.mark.parametrize(("hyphen", "space"), [("tiers-lieux", "tiers lieux"),
                                                ("adulte-relais", "adultes relais")])
def test_a_hyphen_is_a_space(service, hyphen, space) -> None:
    one, other = service.search(Query(hyphen)), service.search(Query(space))
    assert one.total == other.total > 0
    assert titles(one.hits) == titles(other.hits)


def test_a_hyphen_is_a_space_in_the_index_too() -> None:
    def positions(text: str) -> list[tuple[str, int]]:
        return [(term, position) for term, position, _, _ in iter_terms(text)]
    assert positions("les tiers-lieux ouvrent") == positions("les tiers lieux ouvrent")
    assert analyze("adulte-relais") == analyze("adultes relais")


def test_hyphenated_words_parse_as_words_but_inclusive_forms_stay_whole() -> None:
    assert [c.raw for c in parse_query("tiers-lieux").clauses] == ["tiers", "lieux"]
    assert [c.raw for c in parse_query("habitant-e-s").clauses] == ["habitant-e-s"]
    excluded = parse_query("-tiers-lieux").clauses
    assert len(excluded) == 1 and excluded[0].exclude  # an excluded compound: its phrase


def test_the_phrase_ranks_before_the_words_apart(service) -> None:
    page = service.search(Query("tiers lieux"))
    assert page.hits[0].title == "Les tiers-lieux se multiplient"
    assert "Des lieux pour le tiers secteur" in titles(page.hits)


def test_or_within_a_facet_and_across_facets(service) -> None:
    sarcelles = service.search(Query("", {"commune": ("95585",)})).total
    mantes = service.search(Query("", {"commune": ("78361",)})).total
    both = service.search(Query("", {"commune": ("95585", "78361")}))
    assert both.total == sarcelles + mantes
    narrowed = service.search(Query("", {"commune": ("95585", "78361"), "year": ("2019",)}))
    assert narrowed.total == 2  # AND across facets


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-2020", 4), ("2020-2019", 4), ("2020-", 2 + 2 + 13), ("-2019", 2), ("2021", 2),
    ("1990-1999", 0),
])
def test_a_year_range(service, value, expected) -> None:
    assert service.search(Query("", {"year": (value,)})).total == expected


def test_year_range_values() -> None:
    assert year_range("2019-2021") == (2019, 2021)
    assert year_range("2021-2019") == (2019, 2021)
    assert year_range("-2021") == (None, 2021) and year_range("2019-") == (2019, None)
    assert year_range("2019") is None and year_range("-") is None
    assert range_value(2019, 2021) == "2019-2021" and range_value(2020, 2020) == "2020"
    assert range_value(None, 2021) == "-2021"
    assert expand("year", "2019-2020", ["2018", "2019", "2020", "2021"]) == ["2019", "2020"]
    assert expand("commune", "2019-2020", ["2019"]) == ["2019-2020"]


def test_a_commune_named_in_the_query_is_offered(service) -> None:
    assert service.named_filters("renouvellement urbain Sarcelles") == [
        ("commune", "95585", "Sarcelles (95)")]
    assert service.named_filters("emploi à Mantes-la-Jolie")[0][1] == "78361"
    assert service.named_filters("sarcelles")  # case and accents set aside
    assert service.named_filters("emploi") == []
