"""One index generation: its Whoosh readers, and the bitmaps, score arrays, positions and
facet masks read from them, cached for as long as the generation is served."""

from __future__ import annotations

import json
import queue
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.scoring import BM25F, bm25

from indexer.api import ArticleRecord
from indexer.querying import Clause, Part
from indexer.schema import BM25_B, BM25_K1, MATCH_FIELD, PLAIN_FIELD
from indexer.search.bitmaps import mask_from_array, mask_from_ids, mask_to_bools
from indexer.search.cache import ArrayCache
from indexer.spelling import Speller
from indexer.writer import Manifest

TERM_CACHE_SIZE = 4096
# Per-term arrays kept per generation and worker process, bounded in bytes: at 100,000
# articles a frequent word's score array is ~1 MB and its positions several MB.
IMPACT_CACHE_BYTES = 64 << 20  # scores: 12 bytes per article having the term
OCCURRENCE_CACHE_BYTES = 32 << 20  # positions (phrases): 8 bytes per occurrence
# Whoosh searchers open per generation and process, shared by the serving threads. A Whoosh
# reader is not safe for two threads at once, and each one maps the segment and keeps its
# own decoding buffers: one per thread made a 4-thread worker hold ~50 MB more (USS) per
# thread at 10,000 articles. Two let a slow lookup (a spelling walk, up to 0.25 s) run while
# another thread reads; the per-term arrays, cached above them, do most of the work anyway.
SEARCHERS = 2


class Generation:
    """Readers and caches of one index generation (docnums are stable within it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.index = whoosh_index.open_dir(str(path))
        self.manifest = Manifest.load(path)
        self._held = threading.local()  # the searcher this thread is using, if any
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()
        self._searchers: list[Any] = []
        self._lock = threading.Lock()
        self.users = 0
        self.retired = False
        with self.reading() as searcher:
            reader = searcher.reader()
            self.size = reader.doc_count_all()
            self.live = (
                mask_from_ids(reader.all_doc_ids(), self.size) if reader.has_deletions()
                else (1 << self.size) - 1
            )
        self._terms: OrderedDict[tuple, int] = OrderedDict()
        self.impact_cache = ArrayCache(IMPACT_CACHE_BYTES)
        self._lengths: np.ndarray | None = None
        self.occurrence_cache = ArrayCache(OCCURRENCE_CACHE_BYTES)
        self._facets: dict[str, dict[str, int]] = {}
        self._date_order: list[int] | None = None
        self._date_array: np.ndarray | None = None
        self._positions: list[int] | None = None
        self.offer_index: Any = None  # facet labels by word, built on first use (offers.py)
        self.speller = Speller(PLAIN_FIELD)  # typo corrections, cached per generation

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A Whoosh searcher of this generation for this thread alone, until the block ends.
        Re-entrant: a thread already reading keeps its searcher. Waits when all `SEARCHERS`
        are in use."""
        held = getattr(self._held, "searcher", None)
        if held is not None:
            yield held
            return
        searcher = self._checkout()
        self._held.searcher = searcher
        try:
            yield searcher
        finally:
            self._held.searcher = None
            self._idle.put(searcher)

    def _checkout(self) -> Any:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._searchers) < SEARCHERS:
                searcher = self.index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
                self._searchers.append(searcher)
                return searcher
        return self._idle.get()

    def close(self) -> None:
        with self._lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
        self.index.close()

    # -- bitmaps

    def _cached(self, key: tuple, compute) -> int:
        with self._lock:
            mask = self._terms.get(key)
            if mask is not None:
                self._terms.move_to_end(key)
                return mask
        mask = compute() & self.live
        with self._lock:
            self._terms[key] = mask
            if len(self._terms) > TERM_CACHE_SIZE:
                self._terms.popitem(last=False)
        return mask

    def alternative_mask(self, terms: tuple[str, ...]) -> int:
        if len(terms) == 1:
            return self._cached((MATCH_FIELD, terms[0]),
                                lambda: mask_from_array(self.impacts(terms[0])[0], self.size))

        def compute_phrase() -> int:
            words = self.alternative_mask(terms[:1])
            for term in terms[1:]:
                words &= self.alternative_mask((term,))
            if not words:
                return 0
            # Whoosh's Phrase (slop 1): each word at the position right after the previous
            # one. Walking its span matchers costs ~0.2 s for two frequent words at 10,000
            # articles; sorted (docnum, position) keys intersect in a few milliseconds.
            starts = self.occurrences(terms[0])
            for offset, term in enumerate(terms[1:], start=1):
                starts = np.intersect1d(starts, self.occurrences(term) - offset,
                                        assume_unique=True)
            return mask_from_array(starts >> 32, self.size)
        return self._cached(("phrase", *terms), compute_phrase)

    def occurrences(self, term: str) -> np.ndarray:
        """Sorted `docnum << 32 | position` of every occurrence of `term` in MATCH_FIELD."""
        found = self.occurrence_cache.get(term)
        if found is not None:
            return found
        docnums: list[int] = []
        counts: list[int] = []
        positions: list[int] = []
        with self.reading() as searcher:
            reader = searcher.reader()
            if (MATCH_FIELD, term) in reader:
                for docnum, term_positions in reader.postings(MATCH_FIELD, term).items_as(
                        "positions"):
                    docnums.append(docnum)
                    counts.append(len(term_positions))
                    positions += term_positions
        found = (np.repeat(np.array(docnums, dtype=np.int64), counts) << 32
                 | np.array(positions, dtype=np.int64))
        self.occurrence_cache.put(term, found)
        return found

    def positions_in(self, term: str, docnums: list[int]) -> dict[int, list[int]]:
        """Positions of `term` in each of a few articles, cut from its occurrences (decoded
        once per term and generation, shared with phrase matching). Measured at 10,000
        articles: warm, 2 ms a query more than no proximity; skipping along the postings
        to the few articles instead, never cached, cost 4 ms."""
        found = self.occurrences(term)
        if not len(found) or not docnums:
            return {}
        ids = np.array(docnums, dtype=np.int64)
        starts = np.searchsorted(found, ids << 32).tolist()
        ends = np.searchsorted(found, (ids + 1) << 32).tolist()
        return {docnum: (found[start:end] & 0xFFFFFFFF).tolist()
                for docnum, start, end in zip(docnums, starts, ends, strict=True)
                if end > start}

    # -- scores

    def lengths(self) -> np.ndarray:
        """Length of every article's scored field, as Whoosh's BM25F reads it."""
        if self._lengths is None:
            with self.reading() as searcher:
                self._lengths = np.array(
                    [searcher.doc_field_length(d, MATCH_FIELD, 1) or 1
                     for d in range(self.size)], dtype=np.float64)
        return self._lengths

    def impacts(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums having `term`, its BM25F score in each): Whoosh's scorer, vectorised."""
        found = self.impact_cache.get(term)
        if found is not None:
            return found
        lengths = self.lengths()
        docnums: list[int] = []
        weights: list[float] = []
        with self.reading() as searcher:
            reader = searcher.reader()
            if (MATCH_FIELD, term) in reader:
                matcher = reader.postings(MATCH_FIELD, term)
                while matcher.is_active():
                    docnums.append(matcher.id())
                    weights.append(matcher.weight())
                    matcher.next()
            ids = np.array(docnums, dtype=np.int32)
            scores = np.zeros(0)
            if len(ids):
                scorer = searcher.weighting.scorer(searcher, MATCH_FIELD, term)
                scores = bm25(scorer.idf, np.array(weights, dtype=np.float64),
                              lengths[ids], scorer.avgfl, scorer.B, scorer.K1)
        found = (ids, scores)
        self.impact_cache.put(term, found)
        return found

    def scores(self, parts: Iterable[Part]) -> np.ndarray:
        """Every article's score for the query's parts, as Whoosh sums them: a part adds
        its words' scores times its weight, where the part matches."""
        total = np.zeros(self.size)
        for part in parts:
            where = (None if len(part.terms) == 1
                     else mask_to_bools(self.part_mask(part), self.size))
            for term in part.terms:
                ids, scores = self.impacts(term)
                scores = scores * part.weight if part.weight != 1 else scores
                total[ids] += scores if where is None else scores * where[ids]
        return total

    def part_mask(self, part: Part) -> int:
        if part.contiguous:
            return self.alternative_mask(part.terms)
        mask = self.live
        for term in part.terms:
            mask &= self.alternative_mask((term,))
        return mask

    def clause_mask(self, clause: Clause) -> int:
        mask = 0
        for part in clause.parts():
            mask |= self.part_mask(part)
        return mask

    def facet_masks(self, facet: str) -> dict[str, int]:
        masks = self._facets.get(facet)
        if masks is None:
            masks = {}
            with self.reading() as searcher:
                reader = searcher.reader()
                for raw in reader.lexicon(facet):
                    value = raw.decode("utf-8")
                    ids = reader.postings(facet, value).all_ids()
                    masks[value] = mask_from_ids(ids, self.size) & self.live
            self._facets[facet] = masks
        return masks

    def date_order(self) -> list[int]:
        """Docnums newest first, then in reading order within an issue."""
        if self._date_order is None:
            with self.reading() as searcher:
                reader = searcher.reader()
                dates = list(reader.column_reader("date")) if self.size else []
                deletions = reader.has_deletions()
            positions = self.positions()
            order = sorted(range(self.size), key=lambda d: (dates[d], -positions[d]),
                           reverse=True)
            self._date_order = [d for d in order if self.live >> d & 1] if deletions else order
        return self._date_order

    def date_array(self) -> np.ndarray:
        if self._date_array is None:
            self._date_array = np.array(self.date_order(), dtype=np.int64)
        return self._date_array

    def positions(self) -> list[int]:
        if self._positions is None:
            with self.reading() as searcher:
                self._positions = (list(searcher.reader().column_reader("position"))
                                   if self.size else [])
        return self._positions

    def docnum(self, article_id: str) -> int | None:
        with self.reading() as searcher:
            return searcher.document_number(id=article_id)

    def record(self, docnum: int) -> ArticleRecord:
        with self.reading() as searcher:
            stored = searcher.stored_fields(docnum)["record"]
        return ArticleRecord.from_json(json.loads(stored))
