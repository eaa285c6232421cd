"""SearchService over an index built from EnrichedArticles made in code (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import make_article, synthetic_archive
from indexer.api import FACETS, Query
from indexer.glossary import Glossary
from indexer.search import SearchService, snippet_text
from kbcli.reindex import index_articles

DOMAIN = Path(__file__).resolve().parents[2] / "shared" / "domain" / "acronyms.tsv"
SARCELLES = ("95585", "Sarcelles", "95")
PERSAN = ("95487", "Persan", "95")
MANTES = ("78361", "Mantes-la-Jolie", "78")
SANTE = ("sante", "Santé")
URBAIN = ("renouvellement-urbain", "Renouvellement urbain")


def glossary() -> Glossary:
    if DOMAIN.is_file():
        return Glossary.from_files([DOMAIN])
    return Glossary.from_rows([
        ("GUSP", "Gestion urbaine et sociale de proximité", ""),
        ("NPNRU", "Nouveau programme national de renouvellement urbain", ""),
        ("CC", "Communauté de communes", "AMBIGU"),
    ])


HAND_WRITTEN = [
    make_article("Un nouvel équipement sportif au Val Fourré",
                 "La ville inaugure un équipement pour les habitant·e·s.",
                 "Le gymnase rénové accueille les associations.",
                 number=50, date="2019-03-01", position=0, communes=[MANTES], themes=[URBAIN]),
    make_article("La GUSP à Persan", "Un diagnostic en marchant avec les locataires.",
                 "La démarche réunit bailleurs et services de la ville.",
                 number=50, date="2019-03-01", position=1, communes=[PERSAN],
                 kind="Fiche expérience"),
    make_article("Gestion urbaine et sociale de proximité : un guide",
                 "Le guide rassemble les conventions de gestion de proximité.", "",
                 number=51, date="2020-01-01", position=0, section="À lire / à voir"),
    make_article("Le NPNRU à Sarcelles", "Le quartier des Lochères entre dans le programme.",
                 "Les acteur.rice.s du projet urbain se réunissent.",
                 number=51, date="2020-01-01", position=1, communes=[SARCELLES],
                 themes=[URBAIN]),
    make_article("Le nouveau programme national de renouvellement urbain",
                 "Un bilan à mi-parcours.", "Les élu-e-s des communes concernées témoignent.",
                 number=52, date="2021-05-01", position=0, themes=[URBAIN]),
    make_article("Santé mentale des jeunes à Sarcelles",
                 "Le conseil local de santé mentale réunit les acteurs.",
                 "Texte <script>alert('x')</script> & <b>gras</b> sur la santé.",
                 number=52, date="2021-05-01", position=1, communes=[SARCELLES],
                 themes=[SANTE], people=["Claire Martin"], organisations=["Psycom"]),
    make_article("Rénovation des écoles à Persan", "Les travaux de rénovation démarrent.",
                 "La rénovation thermique concerne trois groupes scolaires.",
                 number=53, date="2022-09-01", position=0, communes=[PERSAN], themes=[URBAIN]),
    make_article("La monnaie : le franc et l'euro", "Une exposition sur le franc.", "",
                 number=53, date="2022-09-01", position=1),
    make_article("La France des quartiers", "Un panorama national.", "",
                 number=53, date="2022-09-01", position=2),
]


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SearchService:
    index = tmp_path_factory.mktemp("index")
    index_articles([*HAND_WRITTEN, *synthetic_archive(300, seed=7)], index)
    service = SearchService(index, glossary())
    yield service
    service.close()


def titles(service: SearchService, text: str, **kwargs) -> list[str]:
    return [hit.title for hit in service.search(Query(text, **kwargs)).hits]


def test_accents_dropped(service: SearchService) -> None:
    assert titles(service, "equipement sportif")[0].startswith("Un nouvel équipement")
    assert titles(service, "ÉQUIPEMENT SPORTIF") == titles(service, "equipement sportif")


def test_inclusive_writing_and_plural(service: SearchService) -> None:
    assert titles(service, "acteurs Lochères")[0] == "Le NPNRU à Sarcelles"
    assert titles(service, "actrices Lochères")[0] == "Le NPNRU à Sarcelles"
    assert "Le nouveau programme national de renouvellement urbain" in titles(
        service, "élus communes concernées")
    hit = service.search(Query("habitants équipement gymnase")).hits[0]
    assert hit.title.startswith("Un nouvel équipement")
    assert "<mark>habitant·e·s</mark>" in hit.snippet_html


def test_acronym_meets_expansion_both_ways(service: SearchService) -> None:
    gusp = set(titles(service, "GUSP"))
    assert {"La GUSP à Persan", "Gestion urbaine et sociale de proximité : un guide"} <= gusp
    spelled = set(titles(service, "gestion urbaine et sociale de proximité"))
    assert "La GUSP à Persan" in spelled
    npnru = set(titles(service, "NPNRU"))
    assert {"Le NPNRU à Sarcelles",
            "Le nouveau programme national de renouvellement urbain"} <= npnru


def test_ambiguous_acronym_not_expanded() -> None:
    parsed_glossary = glossary()
    assert "cc" not in parsed_glossary.by_acronym


def test_stemming_does_not_merge_franc_and_france(service: SearchService) -> None:
    assert titles(service, "franc") == ["La monnaie : le franc et l'euro"]
    assert titles(service, "France") == ["La France des quartiers"]


def test_typo_gets_results_and_suggestion(service: SearchService) -> None:
    page = service.search(Query("renovaton thermique"))
    assert page.corrected and page.suggestion == "renovation thermique"
    assert page.hits[0].title == "Rénovation des écoles à Persan"


def test_no_suggestion_without_results(service: SearchService) -> None:
    page = service.search(Query("zzzzqqqqxxxx"))
    assert page.total == 0 and page.suggestion is None and not page.corrected


def test_phrase_and_exclusion(service: SearchService) -> None:
    phrase = titles(service, '"santé mentale" jeunes')
    assert phrase[0] == "Santé mentale des jeunes à Sarcelles"
    assert "Le NPNRU à Sarcelles" in titles(service, "Sarcelles")
    assert "Le NPNRU à Sarcelles" not in titles(service, "Sarcelles -NPNRU")
    assert "Santé mentale des jeunes à Sarcelles" not in titles(
        service, 'Sarcelles -"santé mentale"')


def all_ids(service: SearchService, query: Query) -> set[str]:
    found: set[str] = set()
    page = 1
    while True:
        result = service.search(Query(query.text, filters=query.filters, page=page,
                                      per_page=100))
        found |= {hit.id for hit in result.hits}
        if page >= result.pages:
            return found
        page += 1


def test_facet_filters_or_within_and_across(service: SearchService) -> None:
    persan = all_ids(service, Query("", filters={"commune": ("95487",)}))
    mantes = all_ids(service, Query("", filters={"commune": ("78361",)}))
    either = all_ids(service, Query("", filters={"commune": ("95487", "78361")}))
    assert persan and mantes and either == persan | mantes
    urbain = all_ids(service, Query("", filters={"theme": ("renouvellement-urbain",)}))
    both = all_ids(service, Query("", filters={"commune": ("95487",),
                                               "theme": ("renouvellement-urbain",)}))
    assert both and both == persan & urbain
    page = service.search(Query("", filters={"commune": ("95487",)}))
    assert page.total == len(persan)


def test_facet_counts_match_filtered_totals(service: SearchService) -> None:
    page = service.search(Query("rénovation"))
    assert set(page.facets) == set(FACETS)
    for value in page.facets["commune"][:4]:
        filtered = service.search(Query("rénovation", filters={"commune": (value.value,)}))
        assert filtered.total == value.count
    labels = {v.value: v.label for v in page.facets["commune"]}
    assert labels["95487"] == "Persan (95)"
    # a facet's own selection does not hide its other values (they OR together)
    narrowed = service.search(Query("rénovation", filters={"commune": ("95487",)}))
    communes = {v.value: v for v in narrowed.facets["commune"]}
    assert communes["95487"].selected and len(communes) > 1


def test_sort_by_date_and_paging(service: SearchService) -> None:
    first = service.search(Query("quartier", sort="date", per_page=5))
    second = service.search(Query("quartier", sort="date", per_page=5, page=2))
    dates = [h.date for h in (*first.hits, *second.hits)]
    assert dates == sorted(dates, reverse=True)
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert first.total == second.total and first.pages == -(-first.total // 5)


def test_snippets_escape_html(service: SearchService) -> None:
    hit = service.search(Query("gras santé")).hits[0]
    assert "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html
    assert "<b>" not in hit.snippet_html
    assert "<script>" in snippet_text(hit.snippet_html)  # decoded for the terminal only


def test_article_related_issue_views(service: SearchService) -> None:
    sante = HAND_WRITTEN[5].article
    record = service.article(sante.id)
    assert record.title == sante.title and record.sources == (sante.source,)
    assert service.article("nope") is None
    related = service.related(sante.id, limit=3)
    assert related and sante.id not in {h.id for h in related}
    issue = next(i for i in service.issues() if i.id == "resonances-n53")
    assert issue.articles == 3 and issue.number == 53
    in_order = [h.title for h in service.articles_of_issue("resonances-n53")]
    assert in_order == ["Rénovation des écoles à Persan", "La monnaie : le franc et l'euro",
                        "La France des quartiers"]
    assert ("commune", "95585", "Sarcelles (95)") in service.suggest("sarc")
    assert service.total_articles() == len(HAND_WRITTEN) + 300
    themes = {v.value: v.count for v in service.facet_values("theme")}
    assert themes["sante"] >= 1


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('abcé "-+*:()[]{}^~\\/!?\'’.,ORANDNOT·')) ,
               max_size=60) | st.text(max_size=40))
def test_hostile_queries_never_raise(service: SearchService, text: str) -> None:
    page = service.search(Query(text, page=3, per_page=7))
    assert page.total >= 0 and len(page.hits) <= 7


def test_long_query_is_cut_with_notice(service: SearchService) -> None:
    page = service.search(Query("santé " * 200))
    assert page.notice and page.total >= 1


def test_empty_index_dir_answers_nothing(tmp_path) -> None:
    service = SearchService(tmp_path / "absent", glossary())
    assert service.search(Query("santé")).total == 0
    assert service.article("x") is None and service.issues() == []


@pytest.mark.parametrize("text", ["jeunes emploi", "santé", "", "habitant·e·s quartier"])
def test_export_is_every_page_in_order_once(service: SearchService, text: str) -> None:
    """The CSV's rows: the pages of 100 one after the other, each article once, with its
    record (proximity tiers stay on the best 100, so deep pages cut the same order)."""
    shown: list[str] = []
    page_number = 1
    while True:
        page = service.search(Query(text, per_page=100, page=page_number))
        shown += [hit.id for hit in page.hits]
        if page_number >= page.pages:
            break
        page_number += 1
    exported = list(service.export(Query(text), 100_000))
    assert [hit.id for hit, _ in exported] == shown
    assert len(set(shown)) == len(shown) == page.total
    assert all(record.id == hit.id and record.title == hit.title for hit, record in exported)
    assert [h.id for h, _ in service.export(Query(text), 7)] == shown[:7]


def test_export_of_a_corrected_query_gives_the_corrected_results(service: SearchService) -> None:
    page = service.search(Query("renovaton"))
    assert page.corrected and page.total
    exported = [hit.id for hit, _ in service.export(Query("renovaton"), 1000)]
    assert len(exported) == page.total
