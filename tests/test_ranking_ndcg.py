"""Ranking quality measured, not just spot-checked: nDCG@10 over judged queries.

The judgments (tests/data_eval/queries.json) grade articles of the demo corpus and of the
held-out texts; they were written by reading the articles before any ranking was seen.
Stock Whoosh (`LanguageAnalyzer('fr')`) and SQLite FTS5 run on the same articles in the
same test, so "better than stock" is checked, not assumed. Floors are measured values,
rounded down: a change that lowers them is a ranking regression.
"""

from __future__ import annotations

import json

import pytest

from bench.bench_ranking import (
    CORPUS,
    JUDGMENTS,
    Run,
    load_judgments,
    ndcg_at_k,
    run,
)
from bench.synthetic import make_article, synthetic_archive
from indexer.api import Query
from indexer.glossary import Glossary
from indexer.search import SearchService
from kbcli.reindex import index_articles

TEXT_ONLY_FLOOR = 0.91  # no enrichment: words only (measured 0.917)
# With communes, themes, organisations: measured 0.935 when any word matched, 0.929 since
# every word is required (issue 11): "emploi des femmes quartiers" grades two articles that
# lack one of its words, now shown only under "Résultats approchants" when the page has
# room (0.24 → 0.00 for that query). A deliberate change of semantics, not a drift.
END_TO_END_FLOOR = 0.92
TYPE_FLOOR = 0.80  # no kind of query (accents, acronym, typo…) left behind


def test_ndcg_of_a_perfect_ranking_is_one() -> None:
    grades = {"a": 2, "b": 1, "c": 1}
    assert ndcg_at_k(["a", "b", "c", "x"], grades) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "c", "b", "a"], grades) < ndcg_at_k(["a", "c", "b", "x"], grades)
    assert ndcg_at_k(["x", "y"], grades) == 0.0


def test_graded_gain_prefers_the_article_about_it() -> None:
    grades = {"about": 2, "mentions": 1}
    assert ndcg_at_k(["about", "mentions"], grades) > ndcg_at_k(["mentions", "about"], grades)


def test_judgments_are_well_formed() -> None:
    data = json.loads(JUDGMENTS.read_text(encoding="utf-8"))
    judged = load_judgments()
    assert len(judged) >= 40
    assert len({q.text for q in judged}) == len(judged)
    for query, raw in zip(judged, data["queries"], strict=True):
        assert query.types, query.text
        assert set(query.grades.values()) <= {1, 2}, query.text
        assert query.grades, query.text
        assert len({r["id"] for r in raw["relevant"]}) == len(raw["relevant"]), query.text


def _check(result: Run, floor: float) -> None:
    ours = result.systems["ours"]
    assert ours.mean >= floor, f"nDCG@10 {ours.mean:.3f} < {floor}"
    for name, baseline in result.systems.items():
        if name != "ours":
            assert ours.mean >= baseline.mean, f"{name} {baseline.mean:.3f} beats us"
    for kind in sorted({k for q in result.judged for k in q.types}):
        assert ours.mean_of(result.judged, kind) >= TYPE_FLOOR, kind


def _require_corpus() -> None:
    if not any(CORPUS.glob("resonances-*")):
        pytest.skip("no demo corpus in corpus/")


def test_text_only_ranking_beats_stock_analyzers(tmp_path) -> None:
    _require_corpus()
    result, service = run(tmp_path, entities=False)
    try:
        # article ids are stable hashes of issue and title: a judged id the index does not
        # hold means the segmenter changed or the judgments went stale
        judged_ids = {article_id for q in result.judged for article_id in q.grades}
        missing = {i for i in judged_ids if service.article(i) is None}
        assert not missing, f"judged articles not in the index: {sorted(missing)}"
        _check(result, TEXT_ONLY_FLOOR)
    finally:
        service.close()


@pytest.mark.slow
def test_end_to_end_ranking_beats_stock_analyzers(tmp_path, enricher) -> None:
    _require_corpus()
    result, service = run(tmp_path, enrich=enricher.enrich)
    try:
        _check(result, END_TO_END_FLOOR)
        # the entity fields must add to the words, not replace them
        assert result.systems["ours"].mean >= TEXT_ONLY_FLOOR
    finally:
        service.close()


SARCELLES = ("95585", "Sarcelles", "95")
GARGES = ("95268", "Garges-lès-Gonesse", "95")
PLACES = [
    make_article("Une ressourcerie au cœur des Lochères",
                 "L'association La Recyclerie Sarcelloise ouvre une boutique solidaire.",
                 number=70, position=0, date="2024-01-01", communes=[SARCELLES]),
    make_article("Mouvements", "Leïla Bouzid, déléguée du Préfet, Garges-lès-Gonesse, "
                 "Sarcelles", number=70, position=1, date="2024-01-01",
                 communes=[GARGES, SARCELLES, ("92026", "Courbevoie", "92"),
                           ("92062", "Puteaux", "92"), ("95607", "Taverny", "95")]),
    make_article("Gestion urbaine et sociale de proximité : un cycle",
                 "Diagnostics en marchant et conventions.", number=71, position=0,
                 date="2024-02-01"),
    make_article("La GUP à Garges", "Un comité de suivi.", number=71, position=1,
                 date="2024-02-01", communes=[GARGES]),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> SearchService:
    index = tmp_path_factory.mktemp("places")
    index_articles([*PLACES, *synthetic_archive(150, seed=5)], index)
    glossary = Glossary.from_rows([
        ("GUP", "Gestion urbaine de proximité", ""),
        ("GUSP", "Gestion urbaine et sociale de proximité", ""),
    ])
    service = SearchService(index, glossary)
    yield service
    service.close()


def _titles(service: SearchService, text: str) -> list[str]:
    return [hit.title for hit in service.search(Query(text)).hits]


def test_commune_query_finds_the_article_linked_to_it_without_its_name(places) -> None:
    # the text says "Sarcelloise", never "Sarcelles": the link comes from the enrichment
    assert "Une ressourcerie au cœur des Lochères" in _titles(places, "Sarcelles")[:2]


@pytest.mark.parametrize("text", ["sarcellois", "sarcelloises"])
def test_inhabitants_name_finds_the_commune(places, text) -> None:
    assert "Une ressourcerie au cœur des Lochères" in _titles(places, text)[:2]


def test_typed_expansion_matches_its_acronym_first_and_its_words_apart(places) -> None:
    page = places.search(Query("gestion urbaine de proximite", per_page=100))
    titles = [hit.title for hit in page.hits]
    # neither says "gestion urbaine de proximité" side by side; the acronym is surer
    assert titles.index("La GUP à Garges") < titles.index(
        "Gestion urbaine et sociale de proximité : un cycle")
