"""The vectorised ranking and phrase matching of indexer/search/ give what Whoosh's own
query objects (BM25F, Phrase) give for the same query parts."""

from __future__ import annotations

import weakref

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.scoring import BM25F

from bench.synthetic import synthetic_archive
from indexer import ranking
from indexer.api import Query
from indexer.glossary import Glossary
from indexer.querying import Clause, Part, parse_query
from indexer.schema import BM25_B, BM25_K1, MATCH_FIELD
from indexer.search import (
    ArrayCache,
    MaskSet,
    SearchService,
    mask_from_array,
    mask_to_bools,
    top_scored,
)
from kbcli.reindex import index_articles

# words, phrases, an exclusion, an acronym (Or of a word and a phrase), its expansion
# typed out, and queries whose articles with every word fill less than a page (partial
# matches are then offered apart, ranked by how many clauses they hold, then by an Or).
QUERIES = ("santé", "jeunes emploi", "égalité femmes hommes", '"participation citoyenne"',
           '"renouvellement urbain" santé', "logement -sport", "PCI", "participation citoyenne",
           '"santé mentale" jeunes', '"accès aux droits" logement emploi')


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SearchService:
    index = tmp_path_factory.mktemp("index")
    index_articles(list(synthetic_archive(400, seed=11)), index)
    glossary = Glossary.from_rows([
        ("PCI", "Participation citoyenne", ""),
    ])
    service = SearchService(index, glossary)
    yield service
    service.close()


def whoosh_part(part: Part) -> wq.Query:
    if len(part.terms) == 1:
        return wq.Term(MATCH_FIELD, part.terms[0], boost=part.weight)
    if part.contiguous:
        return wq.Phrase(MATCH_FIELD, list(part.terms), boost=part.weight)
    return wq.And([wq.Term(MATCH_FIELD, t) for t in part.terms], boost=part.weight)


def whoosh_clause(clause: Clause) -> wq.Query:
    parts = [whoosh_part(part) for part in clause.parts()]
    return parts[0] if len(parts) == 1 else wq.Or(parts)


_SEARCHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def own_searcher(generation):
    """A Whoosh searcher of the generation for the test alone (the service's are pooled),
    scoring as the service does."""
    if generation not in _SEARCHERS:
        _SEARCHERS[generation] = generation.index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
    return _SEARCHERS[generation]


def whoosh_docs(query: wq.Query, generation) -> set[int]:
    return set(query.docs(own_searcher(generation)))


def all_positions(generation, term: str) -> dict[int, list[int]]:
    reader = own_searcher(generation).reader()
    if (MATCH_FIELD, term) not in reader:
        return {}
    return dict(reader.postings(MATCH_FIELD, term).items_as("positions"))


@pytest.mark.parametrize("text", QUERIES)
def test_ranking_is_whoosh_bm25f(service: SearchService, text: str) -> None:
    """Articles with every word: the best by Whoosh's BM25F of And(clauses), then put in
    tiers (the phrase, as Whoosh's Phrase finds it; the words near; the rest); when they
    do not fill the page, partial matches come apart, most clauses first, then by Whoosh's
    BM25F of Or(clauses)."""
    parsed = parse_query(text, service.glossary)
    clauses = [whoosh_clause(c) for c in parsed.positive]
    per_page = 20
    with service._use() as generation:
        all_of, any_of = service._text_masks(generation, parsed)
        assert any_of.bit_count() >= per_page, "the query must fill a page"
        all_ids = set(np.flatnonzero(mask_to_bools(all_of, generation.size)).tolist())
        proximity = ranking.has_proximity(parsed)
        results = own_searcher(generation).search(
            wq.And(clauses), limit=max(per_page, ranking.PROXIMITY_POOL) if proximity
            else per_page, filter=MaskSet(all_of, generation.size), terms=False)
        expected = [(hit.docnum, round(hit.score, 4)) for hit in results]
        if proximity:
            terms = list(ranking.typed_terms(parsed))
            phrase = whoosh_docs(wq.Phrase(MATCH_FIELD, terms), generation)
            positions = {t: all_positions(generation, t) for t in set(terms)}

            def tier(docnum: int) -> int:
                if docnum in phrase:
                    return ranking.PHRASE
                found = ranking.tier([positions[t].get(docnum, []) for t in terms])
                assert found != ranking.PHRASE
                return found
            expected.sort(key=lambda item: tier(item[0]))
        expected = expected[:per_page]
        page = service.search(Query(text, per_page=per_page))
        ours = [(generation.docnum(hit.id), hit.score) for hit in page.hits]
        assert ours == expected
        assert page.total == len(all_ids)

        partial = any_of & ~all_of
        expected_partial = []
        if len(all_ids) < per_page and len(clauses) > 1 and partial:
            scored = own_searcher(generation).search(
                wq.Or(clauses), limit=None, filter=MaskSet(partial, generation.size),
                terms=False)
            holding = [whoosh_docs(clause, generation) for clause in clauses]
            rows = sorted((-sum(hit.docnum in h for h in holding), -round(hit.score, 4),
                            hit.docnum) for hit in scored)
            expected_partial = [(d, -score) for _, score, d in rows][:per_page - len(all_ids)]
        approximate = [(generation.docnum(hit.id), hit.score) for hit in page.approximate]
    assert approximate == expected_partial


@pytest.mark.parametrize("words", [("sante", "mental"), ("emploi", "jeune"),
                                   ("participation", "citoyen"), ("jeune", "emploi")])
def test_tiers_are_whoosh_phrase_and_span_near(service: SearchService, words) -> None:
    with service._use() as generation:
        searcher = own_searcher(generation)
        near = set(wq.spans.SpanNear2([wq.Term(MATCH_FIELD, w) for w in words],
                                      slop=ranking.NEAR_WINDOW, ordered=False,
                                      mindist=0).docs(searcher))
        phrase = set(wq.Phrase(MATCH_FIELD, list(words)).docs(searcher))
        both = sorted(set(wq.And([wq.Term(MATCH_FIELD, w) for w in words]).docs(searcher)))
        assert both and near
        found = {w: generation.positions_in(w, both) for w in words}
        for w in words:  # skipping along the postings reads what decoding them all reads
            assert found[w] == {d: p for d, p in all_positions(generation, w).items()
                                if d in both}
        for docnum in both:
            tier = ranking.tier([found[w][docnum] for w in words])
            assert (tier == ranking.PHRASE) == (docnum in phrase), docnum
            assert (tier != ranking.APART) == (docnum in near), docnum


def test_page_two_continues_page_one(service: SearchService) -> None:
    first = service.search(Query("jeunes emploi", per_page=20)).hits
    second = service.search(Query("jeunes emploi", per_page=10, page=2)).hits
    assert [h.id for h in second] == [h.id for h in first[10:]]


def test_top_scored_breaks_ties_by_lower_docnum() -> None:
    docnums = np.array([3, 5, 8, 9, 12])
    scores = np.array([1.0, 2.0, 2.0, 0.5, 2.0])
    assert top_scored(docnums, scores, 2) == [(5, 2.0), (8, 2.0)]
    assert top_scored(docnums, scores, 10)[-1] == (9, 0.5)


def test_masks_round_trip_through_arrays() -> None:
    ids = np.array([0, 7, 8, 63, 64, 99])
    mask = mask_from_array(ids, 100)
    assert mask == sum(1 << i for i in ids.tolist())
    assert np.flatnonzero(mask_to_bools(mask, 100)).tolist() == ids.tolist()


@pytest.mark.parametrize("words", [("participation", "citoyen"), ("sante", "mental"),
                                   ("acce", "droit"), ("cadre", "vie"), ("emploi", "jeune"),
                                   ("gestion", "urbain", "proximite"), ("sante", "sante")])
def test_phrase_masks_are_whoosh_phrases(service: SearchService, words) -> None:
    with service._use() as generation:
        expected = mask_from_array(
            np.array(list(wq.Phrase(MATCH_FIELD, list(words)).docs(own_searcher(generation))),
                     dtype=np.int64), generation.size)
        assert generation.alternative_mask(words) == expected


def test_array_cache_stays_within_its_bytes() -> None:
    cache = ArrayCache(max_bytes=1000)
    for n in range(10):
        cache.put(f"t{n}", (np.zeros(30, dtype=np.int32), np.zeros(30)))  # 360 bytes
    assert cache.bytes <= 1000
    assert cache.get("t9") is not None and cache.get("t0") is None
    cache.put("big", np.zeros(500))  # larger than the budget alone: kept, others evicted
    assert cache.get("big") is not None and cache.bytes == 4000
