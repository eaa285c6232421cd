"""SearchService: Query → SearchPage, for the CLI and the web UI alike.

Why it is fast although Whoosh is not:
- the set of matching articles is computed as bitmaps (Python ints): one per term of the
  `body` field, per phrase and per facet value, cached per index generation, then combined
  with `&`, `|` and counted with `int.bit_count()`. Facet counts are one AND and one
  popcount per value, instead of Whoosh walking every hit in Python;
- ranking does not walk Whoosh matchers either: each query term's BM25F contribution to
  every article that has it (Whoosh's own formula and statistics) is read once per
  generation from its postings into an array, so scoring the hits of a query is a few
  array additions and a partial sort (numpy), whatever the number of hits;
- snippets are made for the shown page only, from the stored record;
- one set of readers per generation, shared by all threads (one Whoosh searcher per
  thread, since Whoosh searchers are not thread-safe), replaced when CURRENT names a newer
  generation, the old one closed once the last request using it ends.
No Whoosh object leaves this module.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.idsets import DocIdSet
from whoosh.scoring import BM25F, bm25

from indexer.analysis import analyze, fold, iter_terms
from indexer.api import FACETS, FacetValue, Hit, Query, SearchPage
from indexer.glossary import Glossary, load_glossary
from indexer.querying import Clause, ParsedQuery, Part, parse_query
from indexer.schema import BM25_B, BM25_K1, MATCH_FIELD, PLAIN_FIELD
from indexer.spelling import Budget, Speller
from indexer.writer import Manifest, current_generation
from kb.citation import issue_label

FEW_RESULTS = 3  # below this many hits, typo tolerance kicks in
SNIPPET_WORDS = 36
TERM_CACHE_SIZE = 4096
# Per-term arrays kept per generation and worker process, bounded in bytes: at 100,000
# articles a frequent word's score array is ~1 MB and its positions several MB.
IMPACT_CACHE_BYTES = 64 << 20  # scores: 12 bytes per article having the term
OCCURRENCE_CACHE_BYTES = 32 << 20  # positions (phrases): 8 bytes per occurrence


# ---------------------------------------------------------------- bitmaps

def mask_from_ids(ids: Iterable[int], size: int) -> int:
    if size == 0:
        return 0
    digits = bytearray(b"0") * size
    for docnum in ids:
        digits[docnum] = 49  # "1"
    digits.reverse()  # bit d is the d-th digit from the right
    return int(digits, 2)


def mask_from_array(ids: np.ndarray, size: int) -> int:
    bits = np.zeros(size, dtype=np.uint8)
    bits[ids] = 1
    return int.from_bytes(np.packbits(bits, bitorder="little").tobytes(), "little")


def mask_to_bools(mask: int, size: int) -> np.ndarray:
    raw = np.frombuffer(mask.to_bytes((size + 7) // 8 or 1, "little"), dtype=np.uint8)
    return np.unpackbits(raw, count=size, bitorder="little").view(bool)


def top_scored(docnums: np.ndarray, scores: np.ndarray, limit: int
               ) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), best first, ties to the lower docnum (as Whoosh)."""
    if len(docnums) > limit:
        cut = len(scores) - limit
        kth = np.partition(scores, cut)[cut]
        keep = scores >= kth
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))[:limit]
    return [(int(d), float(s)) for d, s in zip(docnums[order], scores[order], strict=True)]


def iter_bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class ArrayCache:
    """A thread-safe LRU of numpy arrays (or tuples of them) bounded by their total size."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _size(value: Any) -> int:
        arrays = value if isinstance(value, tuple) else (value,)
        return sum(array.nbytes for array in arrays)

    def get(self, key: str) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.bytes += self._size(value)
            while self.bytes > self.max_bytes and len(self._items) > 1:
                _, evicted = self._items.popitem(last=False)
                self.bytes -= self._size(evicted)


class MaskSet(DocIdSet):
    """A bitmap seen by Whoosh's collector as the set of allowed documents."""

    def __init__(self, mask: int, size: int) -> None:
        self.bytes = mask.to_bytes((size + 7) // 8 or 1, "little")
        self.count = mask.bit_count()

    def __contains__(self, docnum: int) -> bool:
        return bool(self.bytes[docnum >> 3] >> (docnum & 7) & 1)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        for index, byte in enumerate(self.bytes):
            while byte:
                low = byte & -byte
                yield index * 8 + low.bit_length() - 1
                byte ^= low


# ---------------------------------------------------------------- one generation

class _Generation:
    """Readers and caches of one index generation (docnums are stable within it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.index = whoosh_index.open_dir(str(path))
        self.manifest = Manifest.load(path)
        self._local = threading.local()
        self._searchers: list[Any] = []
        self._lock = threading.Lock()
        self.users = 0
        self.retired = False
        searcher = self.searcher()
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.live = (
            mask_from_ids(reader.all_doc_ids(), self.size) if reader.has_deletions()
            else (1 << self.size) - 1
        )
        self._terms: OrderedDict[tuple, int] = OrderedDict()
        self._impacts = ArrayCache(IMPACT_CACHE_BYTES)
        self._lengths: np.ndarray | None = None
        self._occurrences = ArrayCache(OCCURRENCE_CACHE_BYTES)
        self._facets: dict[str, dict[str, int]] = {}
        self._date_order: list[int] | None = None
        self._date_array: np.ndarray | None = None
        self._positions: list[int] | None = None
        self._ids: dict[str, int] | None = None
        self.speller = Speller(PLAIN_FIELD)  # typo corrections, cached per generation

    def searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
            self._local.searcher = searcher
            with self._lock:
                self._searchers.append(searcher)
        return searcher

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
        found = self._occurrences.get(term)
        if found is not None:
            return found
        reader = self.searcher().reader()
        docnums: list[int] = []
        counts: list[int] = []
        positions: list[int] = []
        if (MATCH_FIELD, term) in reader:
            for docnum, term_positions in reader.postings(MATCH_FIELD, term).items_as(
                    "positions"):
                docnums.append(docnum)
                counts.append(len(term_positions))
                positions += term_positions
        found = (np.repeat(np.array(docnums, dtype=np.int64), counts) << 32
                 | np.array(positions, dtype=np.int64))
        self._occurrences.put(term, found)
        return found

    # -- scores

    def lengths(self) -> np.ndarray:
        """Length of every article's scored field, as Whoosh's BM25F reads it."""
        if self._lengths is None:
            searcher = self.searcher()
            self._lengths = np.array(
                [searcher.doc_field_length(d, MATCH_FIELD, 1) or 1 for d in range(self.size)],
                dtype=np.float64)
        return self._lengths

    def impacts(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums having `term`, its BM25F score in each): Whoosh's scorer, vectorised."""
        found = self._impacts.get(term)
        if found is not None:
            return found
        searcher = self.searcher()
        reader = searcher.reader()
        docnums: list[int] = []
        weights: list[float] = []
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
                          self.lengths()[ids], scorer.avgfl, scorer.B, scorer.K1)
        found = (ids, scores)
        self._impacts.put(term, found)
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
            reader = self.searcher().reader()
            masks = {}
            for raw in reader.lexicon(facet):
                value = raw.decode("utf-8")
                ids = reader.postings(facet, value).all_ids()
                masks[value] = mask_from_ids(ids, self.size) & self.live
            self._facets[facet] = masks
        return masks

    def date_order(self) -> list[int]:
        """Docnums newest first, then in reading order within an issue."""
        if self._date_order is None:
            reader = self.searcher().reader()
            dates = list(reader.column_reader("date")) if self.size else []
            positions = self.positions()
            order = sorted(range(self.size), key=lambda d: (dates[d], -positions[d]),
                           reverse=True)
            self._date_order = [d for d in order if self.live >> d & 1] \
                if reader.has_deletions() else order
        return self._date_order

    def date_array(self) -> np.ndarray:
        if self._date_array is None:
            self._date_array = np.array(self.date_order(), dtype=np.int64)
        return self._date_array

    def positions(self) -> list[int]:
        if self._positions is None:
            reader = self.searcher().reader()
            self._positions = list(reader.column_reader("position")) if self.size else []
        return self._positions

    def docnum(self, article_id: str) -> int | None:
        return self.searcher().document_number(id=article_id)

    def record(self, docnum: int) -> dict[str, Any]:
        return json.loads(self.searcher().stored_fields(docnum)["record"])


# ---------------------------------------------------------------- the service

class SearchService:
    """Search the index in `index_dir`; safe to share between threads."""

    def __init__(self, index_dir: str | Path, glossary: Glossary | None = None) -> None:
        self.root = Path(index_dir)
        self.glossary = glossary if glossary is not None else load_glossary()
        self._generation: _Generation | None = None
        self._lock = threading.Lock()

    # -- generations

    @contextmanager
    def _use(self) -> Iterator[_Generation | None]:
        generation = self._refresh()
        if generation is None:
            yield None
            return
        try:
            yield generation
        finally:
            with self._lock:
                generation.users -= 1
                if generation.retired and generation.users == 0:
                    generation.close()

    def _refresh(self) -> _Generation | None:
        path = current_generation(self.root)
        with self._lock:
            current = self._generation
            if path is None:
                return None
            if current is None or current.name != path.name:
                fresh = _Generation(path)
                if current is not None:
                    current.retired = True
                    if current.users == 0:
                        current.close()
                self._generation = current = fresh
            current.users += 1
            return current

    def close(self) -> None:
        with self._lock:
            if self._generation is not None:
                self._generation.retired = True
                if self._generation.users == 0:
                    self._generation.close()
                self._generation = None

    # -- search

    def search(self, query: Query) -> SearchPage:
        parsed = parse_query(query.text, self.glossary)
        notice = ("Requête trop longue : seul son début a été pris en compte."
                  if parsed.truncated else None)
        with self._use() as generation:
            if generation is None:
                return SearchPage(query, 0, (), {}, notice=notice)
            page = self._search(generation, query, parsed)
            if parsed.positive:
                page = self._with_correction(generation, query, parsed, page)
            return replace(page, notice=notice or page.notice)

    def _text_masks(self, generation: _Generation, parsed: ParsedQuery) -> tuple[int, int]:
        """(articles with every clause, articles with at least one), exclusions applied."""
        excluded = 0
        for clause in parsed.negative:
            excluded |= generation.clause_mask(clause)
        if not parsed.positive:
            everything = generation.live & ~excluded
            return everything, everything
        all_of = generation.live
        any_of = 0
        for clause in parsed.positive:
            mask = generation.clause_mask(clause)
            all_of &= mask
            any_of |= mask
        return all_of & ~excluded, any_of & ~excluded

    def _filter_masks(self, generation: _Generation, query: Query) -> dict[str, int]:
        masks = {}
        for facet, values in query.filters.items():
            if facet not in FACETS or not values:
                continue
            by_value = generation.facet_masks(facet)
            mask = 0
            for value in values:
                mask |= by_value.get(value, 0)
            masks[facet] = mask
        return masks

    def _search(self, generation: _Generation, query: Query, parsed: ParsedQuery
                ) -> SearchPage:
        all_of, any_of = self._text_masks(generation, parsed)
        per_page = max(1, min(query.per_page, 100))
        page_number = max(1, query.page)
        wanted = page_number * per_page
        filters = self._filter_masks(generation, query)
        filter_mask = generation.live
        for mask in filters.values():
            filter_mask &= mask
        # All words preferred: when they fill less than a page, articles with some of the
        # words follow, ranked after those with all of them.
        fill = len(parsed.positive) > 1 and (all_of & filter_mask).bit_count() < per_page
        text_mask = any_of if fill else all_of
        matched = text_mask & filter_mask
        total = matched.bit_count()
        if query.sort == "date" or not parsed.positive:
            docnums = self._by_date(generation, matched, wanted)
            ranked = [(d, 0.0) for d in docnums]
        else:
            segments = [all_of & filter_mask]
            if fill:
                segments.append(any_of & ~all_of & filter_mask)
            scores = generation.scores(parsed.scoring_parts())
            ranked = []
            for mask in segments:
                if len(ranked) >= wanted:
                    break
                if mask:
                    docnums = np.flatnonzero(mask_to_bools(mask, generation.size))
                    ranked += top_scored(docnums, scores[docnums], wanted - len(ranked))
        shown = ranked[(page_number - 1) * per_page: wanted]
        terms = parsed.highlight_terms()
        hits = tuple(self._hit(generation, d, score, terms) for d, score in shown)
        facets = self._facet_counts(generation, query, text_mask, filters)
        return SearchPage(replace(query, page=page_number, per_page=per_page), total, hits,
                          facets)

    def _by_date(self, generation: _Generation, mask: int, wanted: int) -> list[int]:
        if not mask:
            return []
        order = generation.date_array()
        allowed_in_order = mask_to_bools(mask, generation.size)[order]
        return order[np.flatnonzero(allowed_in_order)[:wanted]].tolist()

    def _facet_counts(self, generation: _Generation, query: Query, text_mask: int,
                      filters: dict[str, int]) -> dict[str, tuple[FacetValue, ...]]:
        """Counts per facet value. A facet's own selection is left out of its counts, so
        other values of it stay visible with what choosing them too (OR) would add."""
        labels = generation.manifest.labels
        facets: dict[str, tuple[FacetValue, ...]] = {}
        for facet in FACETS:
            base = text_mask
            for other, mask in filters.items():
                if other != facet:
                    base &= mask
            selected = set(query.filters.get(facet, ()))
            values = []
            if base:
                for value, mask in generation.facet_masks(facet).items():
                    count = (mask & base).bit_count()
                    if count or value in selected:
                        values.append(FacetValue(value, labels.get(facet, {}).get(value, value),
                                                 count, value in selected))
            values.sort(key=lambda v: (-v.count, v.label) if facet != "year"
                        else (v.value,), reverse=facet == "year")
            facets[facet] = tuple(values)
        return facets

    # -- typos

    def _with_correction(self, generation: _Generation, query: Query, parsed: ParsedQuery,
                         page: SearchPage) -> SearchPage:
        """Typo tolerance: words the index does not know are replaced by the nearest index
        words. The correction is offered only when it finds more articles with all the
        words; its results are shown instead when the query as typed had none."""
        corrected_text = self._corrected_text(generation, parsed,
                                              every_word=page.total < FEW_RESULTS)
        if not corrected_text or fold(corrected_text) == fold(parsed.text):
            return page
        corrected_parsed = parse_query(corrected_text, self.glossary)
        typed_all = self._text_masks(generation, parsed)[0].bit_count()
        corrected_all = self._text_masks(generation, corrected_parsed)[0].bit_count()
        if corrected_all <= typed_all:
            return page
        if typed_all == 0:
            corrected = self._search(generation, replace(query, text=corrected_text),
                                     corrected_parsed)
            return replace(corrected, query=page.query, suggestion=corrected_text,
                           corrected=True)
        return replace(page, suggestion=corrected_text)

    def _corrected_text(self, generation: _Generation, parsed: ParsedQuery,
                        every_word: bool) -> str | None:
        """The query with unknown words (or, with few results, rare ones) corrected."""
        reader = generation.searcher().reader()
        text = parsed.text
        changed = False
        budget = Budget()
        for clause in parsed.positive:
            if not clause.is_word:
                continue
            (term,) = clause.alternatives[0]
            frequency = reader.doc_frequency(MATCH_FIELD, term)
            if frequency and not (every_word and frequency < FEW_RESULTS):
                continue
            plain = analyze(clause.raw, stem=False)
            if len(plain) != 1 or len(plain[0]) < 4:
                continue
            best = generation.speller.closest(reader, plain[0], budget)
            if best:
                text = re.sub(re.escape(clause.raw), best, text, count=1)
                changed = True
        return text if changed else None

    # -- hits and snippets

    def _hit(self, generation: _Generation, docnum: int, score: float, terms: set[str]
             ) -> Hit:
        record = generation.record(docnum)
        return hit_from_record(record, score, make_snippet(record, terms))

    # -- other views

    def article(self, article_id: str) -> dict[str, Any] | None:
        with self._use() as generation:
            if generation is None:
                return None
            docnum = generation.docnum(article_id)
            return generation.record(docnum) if docnum is not None else None

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        with self._use() as generation:
            if generation is None:
                return []
            docnum = generation.docnum(article_id)
            if docnum is None:
                return []
            record = generation.record(docnum)
            searcher = generation.searcher()
            text = "\n".join(p for p in (record["title"], record["lead"], record["text"]) if p)
            entities = "\n".join(
                [c["name"] for c in record["communes"]]
                + [o["name"] for o in record["organisations"]]
                + [p["name"] for p in record["people"]]
                + [t["label"] for t in record["themes"]])
            terms = [wq.Term("body", word, boost=weight) for word, weight in
                     searcher.key_terms_from_text("body", text, numterms=12)]
            if entities:
                terms += [wq.Term("entities", word, boost=weight) for word, weight in
                          searcher.key_terms_from_text("entities", entities, numterms=6)]
            if not terms:
                return []
            others = generation.live & ~(1 << docnum)
            results = searcher.search(wq.Or(terms), limit=limit,
                                      filter=MaskSet(others, generation.size), terms=False)
            return [hit_from_record(generation.record(h.docnum), h.score,
                                    make_snippet(generation.record(h.docnum), set()))
                    for h in results]

    def facet_values(self, facet: str) -> list[FacetValue]:
        with self._use() as generation:
            if generation is None or facet not in FACETS:
                return []
            labels = generation.manifest.labels.get(facet, {})
            values = [FacetValue(value, labels.get(value, value), mask.bit_count())
                      for value, mask in generation.facet_masks(facet).items()
                      if mask]
            return sorted(values, key=lambda v: (v.label.casefold(), v.value))

    def source_roots(self) -> list[str]:
        """The files and folders the index was built from, as given to `kb reindex`."""
        with self._use() as generation:
            return list(generation.manifest.roots) if generation is not None else []

    def issues(self) -> list[dict[str, Any]]:
        with self._use() as generation:
            if generation is None:
                return []
            sources: dict[str, list[str]] = {}
            for path, entry in generation.manifest.files.items():
                sources.setdefault(entry.issue_id, []).append(path)
            found = []
            for issue_id, mask in generation.facet_masks("issue").items():
                if not mask:
                    continue
                first = min(iter_bits(mask), key=lambda d: generation.positions()[d])
                issue = generation.record(first)["issue"]
                found.append({
                    "id": issue_id, "number": issue["number"], "date": issue["date"],
                    "title": issue["title"],
                    "label": issue_label(issue["number"], issue["date"], issue["title"]),
                    "articles": mask.bit_count(), "sources": sorted(sources.get(issue_id, [])),
                })
            return sorted(found, key=lambda i: (i["date"] or "", i["number"] or 0),
                          reverse=True)

    def articles_of_issue(self, issue_id: str) -> list[Hit]:
        with self._use() as generation:
            if generation is None:
                return []
            mask = generation.facet_masks("issue").get(issue_id, 0)
            positions = generation.positions()
            docnums = sorted(iter_bits(mask), key=lambda d: positions[d])
            return [hit_from_record(record := generation.record(d), 0.0,
                                    make_snippet(record, set())) for d in docnums]

    def suggest(self, prefix: str, limit: int = 8) -> list[tuple[str, str, str]]:
        """Facet values whose label has a word starting with `prefix`, most used first."""
        wanted = fold(prefix.strip())
        if not wanted:
            return []
        with self._use() as generation:
            if generation is None:
                return []
            found = []
            for facet in ("commune", "theme", "quartier", "organisation", "person",
                          "departement"):
                labels = generation.manifest.labels.get(facet, {})
                masks = generation.facet_masks(facet)
                for value, label in labels.items():
                    folded = fold(label)
                    if folded.startswith(wanted) or f" {wanted}" in folded \
                            or f"-{wanted}" in folded:
                        count = masks.get(value, 0).bit_count()
                        if count:
                            found.append((not folded.startswith(wanted), -count, facet, value,
                                          label))
            found.sort()
            return [(facet, value, label) for _, _, facet, value, label in found[:limit]]

    def total_articles(self) -> int:
        with self._use() as generation:
            return generation.live.bit_count() if generation else 0


# ---------------------------------------------------------------- records → hits

def hit_from_record(record: dict[str, Any], score: float, snippet_html: str) -> Hit:
    issue = record["issue"]
    return Hit(
        id=record["id"], title=record["title"], issue_id=issue["id"],
        issue_number=issue["number"], date=issue["date"], section=record["section"],
        kind=record["kind"], heading=record["heading"], pages=tuple(record["pages"]),
        source=record["source"], score=round(float(score), 4), snippet_html=snippet_html,
        communes=tuple((c["insee"], c["name"]) for c in record["communes"]),
        themes=tuple((t["id"], t["label"]) for t in record["themes"]),
    )


def make_snippet(record: dict[str, Any], terms: set[str], words: int = SNIPPET_WORDS) -> str:
    """A window of the article with the most query terms, HTML-escaped, terms in <mark>."""
    text = "\n".join(p for p in (record.get("lead"), record.get("text")) if p) \
        or record.get("title") or ""
    tokens = list(iter_terms(text, mode="query"))
    if not tokens:
        return html.escape(text[:240])
    hits = [i for i, token in enumerate(tokens) if token[0] in terms]
    start_token = 0
    if hits:
        best = max(hits, key=lambda i: len({tokens[j][0] for j in hits if i <= j < i + words}))
        start_token = max(0, best - 3)
    end_token = min(len(tokens), start_token + words) - 1
    start = 0 if start_token == 0 else tokens[start_token][2]
    end = len(text) if end_token == len(tokens) - 1 else tokens[end_token][3]
    marked = {i for i in hits if start_token <= i <= end_token}
    parts = ["… " if start else ""]
    cursor = start
    for i in sorted(marked):
        _, _, token_start, token_end = tokens[i]
        parts.append(html.escape(text[cursor:token_start]))
        parts.append(f"<mark>{html.escape(text[token_start:token_end])}</mark>")
        cursor = token_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def snippet_text(snippet_html: str) -> str:
    """The snippet for a terminal: marks removed, entities decoded."""
    return html.unescape(re.sub(r"</?mark>", "", snippet_html))
