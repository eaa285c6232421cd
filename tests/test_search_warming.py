"""A served generation's Whoosh searchers are pooled and shared by threads; a server warms
each new generation in the background and keeps answering from the previous one meanwhile."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

import pytest

from bench.synthetic import make_article, synthetic_archive
from indexer.api import FACETS, Query
from indexer.glossary import Glossary
from indexer.search import SearchService, warming
from indexer.search import generation as generation_module
from indexer.search.generation import Generation
from indexer.writer import current_generation
from kbcli.reindex import index_articles

GLOSSARY = Glossary.from_rows([])
NEW = make_article("Une ludothèque ouvre au Mirail des Tilleuls", "Jeux pour les familles.",
                   number=900, date="2024-06-01")


def join_warmers() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("warm-"):
            thread.join(30)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("warming") / "index"
    index_articles(list(synthetic_archive(150, seed=5)), folder)
    return folder


@pytest.fixture()
def index(built: Path, tmp_path: Path) -> Path:
    """A copy of the module's index, for a test to publish generations into."""
    return Path(shutil.copytree(built, tmp_path / "index"))


def test_warming_loads_facets_orders_and_the_most_frequent_terms(index: Path) -> None:
    generation = Generation(current_generation(index))
    try:
        warming.warm(generation)
        assert set(generation._facets) == set(FACETS)
        assert generation._lengths is not None and generation._date_array is not None
        frequent = warming.frequent_terms(generation, 10)
        assert len(frequent) == 10
        assert set(frequent) <= set(generation.impact_cache.keys())
        assert set(frequent) <= set(generation.occurrence_cache.keys())
    finally:
        generation.close()


def test_warming_stays_within_its_share_of_each_cache(index: Path, monkeypatch) -> None:
    generation = Generation(current_generation(index))
    try:
        generation.impact_cache.max_bytes = 4096
        generation.occurrence_cache.max_bytes = 4096
        warming.warm(generation)
        for cache in (generation.impact_cache, generation.occurrence_cache):
            # it stops at the first term past the share: one term's arrays at most beyond
            assert 0 < len(cache.keys()) < warming.WARM_TERMS
    finally:
        generation.close()


def test_a_cold_service_sees_a_new_generation_at_once(index: Path) -> None:
    service = SearchService(index, GLOSSARY)
    try:
        assert service.search(Query("ludothèque")).total == 0
        index_articles([NEW], index, full=False)
        assert service.search(Query("ludothèque")).total == 1
    finally:
        service.close()


def test_a_warm_service_serves_the_previous_generation_until_the_new_one_is_warm(
        index: Path) -> None:
    service = SearchService(index, GLOSSARY, warm=True)
    try:
        service.warm_now()
        assert service.search(Query("ludothèque")).total == 0
        service.search(Query("quartier jeunes"))  # asked of the old generation: hot terms
        old = service._generation
        hot = warming.hot_terms(old)
        index_articles([NEW], index, full=False)
        service.search(Query("ludothèque"))  # sees the new CURRENT: warming starts
        join_warmers()
        page = service.search(Query("ludothèque"))
        assert page.total == 1 and page.hits[0].title.startswith("Une ludothèque")
        fresh = service._generation
        assert fresh is not old and old.retired
        assert set(hot.terms) <= set(fresh.impact_cache.keys())  # the old one's terms, warm
        assert set(fresh._facets) == set(FACETS)
    finally:
        service.close()


def test_a_generation_that_cannot_be_warmed_leaves_the_previous_one_serving(
        index: Path, caplog) -> None:
    service = SearchService(index, GLOSSARY, warm=True)
    try:
        service.warm_now()
        before = service.search(Query("quartier")).total
        broken = index_articles([NEW], index, full=False)
        for part in broken.iterdir():  # the new generation's Whoosh files are gone
            if part.name != "manifest.json":
                part.unlink() if part.is_file() else shutil.rmtree(part)
        with caplog.at_level(logging.ERROR):
            assert service.search(Query("quartier")).total == before
            join_warmers()
        assert "préchauffage" in caplog.text
        started = threading.active_count()
        for _ in range(5):  # not retried at every request
            assert service.search(Query("quartier")).total == before
        assert threading.active_count() == started
    finally:
        service.close()


def test_threads_share_a_bounded_pool_of_searchers(index: Path, monkeypatch) -> None:
    opened = []
    original = Generation._checkout

    def counting(self):
        searcher = original(self)
        opened.append(id(searcher))
        return searcher

    monkeypatch.setattr(Generation, "_checkout", counting)
    service = SearchService(index, GLOSSARY)
    errors: list[BaseException] = []
    words = ["quartier", "jeunes", "emploi", "santé", "habitants", "ville", "projet"]

    def run(offset: int) -> None:
        try:
            for n in range(12):
                word = words[(offset + n) % len(words)]
                service.search(Query(f"{word} {words[n % len(words)]}", page=1 + n % 2))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert len(service._generation._searchers) <= generation_module.SEARCHERS
        assert opened and len(set(opened)) <= generation_module.SEARCHERS
    finally:
        service.close()


def test_reading_is_reentrant_within_a_thread(index: Path) -> None:
    generation = Generation(current_generation(index))
    try:
        with generation.reading() as outer, generation.reading() as inner:
            assert outer is inner
            assert generation.record(0).id  # reads again inside: no deadlock
    finally:
        generation.close()
