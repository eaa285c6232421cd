"""SearchService: Query → SearchPage, for the CLI and the web UI alike (the package's
docstring says why it is fast). It serves the current generation, counts and orders the hits
and offers a correction; the other modules of the package do each part."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh import query as wq

from indexer import offers, ranking
from indexer.analysis import fold
from indexer.api import FACETS, ArticleRecord, FacetValue, Hit, IssueSummary, Query, SearchPage
from indexer.glossary import Glossary, load_glossary
from indexer.querying import ParsedQuery, parse_query
from indexer.search import corrections, ordering, warming
from indexer.search.bitmaps import MaskSet, iter_bits
from indexer.search.facets import facet_counts, filter_masks, label_key
from indexer.search.generation import Generation
from indexer.search.hits import hit, hit_from_record
from indexer.search.snippets import make_snippet
from indexer.writer import current_generation, generation_number
from kb.citation import issue_label

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30  # after a generation failed to open or warm


class SearchService:
    """Search the index in `index_dir`; safe to share between threads."""

    def __init__(self, index_dir: str | Path, glossary: Glossary | None = None,
                 warm: bool = False) -> None:
        """`warm`: for a long-running server. Each new generation is opened and warmed
        (indexer/search/warming.py) in a background thread while the previous one keeps
        answering, and is served once ready; call `warm_now()` before taking requests.
        Otherwise (the CLI, tests) a new generation is opened cold by the first query that
        sees it, so that a query right after a reindex always sees the new articles."""
        self.root = Path(index_dir)
        self.glossary = glossary if glossary is not None else load_glossary()
        self.warm = warm
        self._generation: Generation | None = None
        self._lock = threading.Lock()
        self._warming: str | None = None  # the generation being warmed, by name
        self._retry_at = 0.0  # after a failed warming, when to try again
        self._closed = False

    # -- generations

    @contextmanager
    def _use(self) -> Iterator[Generation | None]:
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

    def _refresh(self) -> Generation | None:
        path = current_generation(self.root)
        with self._lock:
            current = self._generation
            if path is None:
                return None
            if current is None or (current.name != path.name and not self.warm):
                self._publish(Generation(path))
                self._closed = False  # used again after close()
            elif (current.name != path.name and self._warming != path.name
                  and time.monotonic() >= self._retry_at):
                self._warming = path.name
                threading.Thread(target=self._warm_and_publish,
                                 args=(path, warming.hot_terms(current)),
                                 name=f"warm-{path.name}", daemon=True).start()
            current = self._generation
            current.users += 1
            return current

    def _publish(self, fresh: Generation) -> None:
        """Serve `fresh` from now on (lock held); the previous generation closes once its
        last request ends."""
        current = self._generation
        if current is not None:
            current.retired = True
            if current.users == 0:
                current.close()
        self._generation = fresh

    def _warm_and_publish(self, path: Path, hot: warming.HotTerms) -> None:
        try:
            fresh = Generation(path)
            warming.warm(fresh, hot)
        except Exception:  # a generation removed or broken meanwhile: keep serving the
            # previous one, and try the newest CURRENT again a little later (not at every
            # request: a broken generation would start a thread each time)
            logger.exception("préchauffage de la génération %s impossible ; la précédente "
                             "reste servie, nouvel essai dans %d s", path.name, RETRY_SECONDS)
            with self._lock:
                self._retry_at = time.monotonic() + RETRY_SECONDS
                if self._warming == path.name:
                    self._warming = None
            return
        with self._lock:
            current = self._generation
            if self._closed or (current is not None and generation_number(current.path)
                                > generation_number(path)):
                fresh.close()  # the service was closed, or a newer generation published
            else:
                self._publish(fresh)
            if self._warming == path.name:
                self._warming = None

    def warm_now(self) -> None:
        """Open the current generation, if not yet, and warm it: a server calls this before
        taking requests."""
        with self._use() as generation:
            if generation is not None:
                warming.warm(generation)

    def close(self) -> None:
        with self._lock:
            self._closed = True
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

    def _text_masks(self, generation: Generation, parsed: ParsedQuery) -> tuple[int, int]:
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

    def _search(self, generation: Generation, query: Query, parsed: ParsedQuery
                ) -> SearchPage:
        all_of, any_of = self._text_masks(generation, parsed)
        per_page = max(1, min(query.per_page, 100))
        page_number = max(1, query.page)
        wanted = page_number * per_page
        filters = filter_masks(generation, query)
        filter_mask = generation.live
        for mask in filters.values():
            filter_mask &= mask
        # Every word is required; the total counts only those articles.
        matched = all_of & filter_mask
        total = matched.bit_count()
        ranked, scores = self._ranked(generation, query, parsed, matched, wanted)
        shown = ranked[(page_number - 1) * per_page: wanted]
        terms = parsed.highlight_terms()
        hits = tuple(hit(generation, d, score, terms) for d, score in shown)
        approximate: tuple[Hit, ...] = ()
        if (ranking.wants_approximate(total, per_page) and page_number == 1
                and len(parsed.positive) > 1):
            partial = any_of & ~all_of & filter_mask
            if partial:
                approximate = ordering.approximate(generation, parsed, partial, scores,
                                                   per_page - total, terms)
        facets = facet_counts(generation, query, all_of, filters)
        return SearchPage(replace(query, page=page_number, per_page=per_page), total, hits,
                          facets, approximate=approximate)

    @staticmethod
    def _ranked(generation: Generation, query: Query, parsed: ParsedQuery, matched: int,
                wanted: int) -> tuple[list[tuple[int, float]], np.ndarray | None]:
        """The first `wanted` of `matched` in the page's order, and the scores when
        ranked by relevance (None by date, or with no word to score)."""
        if query.sort == "date" or not parsed.positive:
            return [(d, 0.0) for d in ordering.by_date(generation, matched, wanted)], None
        scores = generation.scores(parsed.scoring_parts())
        return ordering.ranked(generation, parsed, matched, scores, wanted), scores

    def export(self, query: Query, limit: int) -> Iterator[tuple[Hit, ArticleRecord]]:
        """Every hit of `query` in the order its pages show them (at most `limit`), each
        with its record: what a results page would give page after page, ranked once on
        one generation, each record read once (the CSV of a search). A query corrected
        for typos exports the corrected results, as its page shows them."""
        page = self.search(replace(query, page=1, per_page=1))
        if page.corrected and page.suggestion:
            query = replace(query, text=page.suggestion)
        parsed = parse_query(query.text, self.glossary)
        with self._use() as generation:
            if generation is None:
                return
            matched = self._text_masks(generation, parsed)[0]
            for mask in filter_masks(generation, query).values():
                matched &= mask
            ranked, _ = self._ranked(generation, query, parsed, matched, limit)
            terms = parsed.highlight_terms()
            for docnum, score in ranked:
                record = generation.record(docnum)
                yield hit_from_record(record, score, make_snippet(record, terms)), record

    # -- typos

    def _with_correction(self, generation: Generation, query: Query, parsed: ParsedQuery,
                         page: SearchPage) -> SearchPage:
        """Typo tolerance: words the index does not know are replaced by the nearest index
        words. The correction is offered only when it finds more articles with all the
        words; its results are shown instead when the query as typed had none."""
        corrected_text = corrections.corrected_text(
            generation, parsed, every_word=page.total < corrections.FEW_RESULTS)
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

    # -- other views

    def article(self, article_id: str) -> ArticleRecord | None:
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
            text = "\n".join(p for p in (record.title, record.lead, record.text) if p)
            entities = "\n".join(
                [c.name for c in record.communes]
                + [o.name for o in record.organisations]
                + [p.name for p in record.people]
                + [t.label for t in record.themes])
            with generation.reading() as searcher:
                terms = [wq.Term("body", word, boost=weight) for word, weight in
                         searcher.key_terms_from_text("body", text, numterms=12)]
                if entities:
                    terms += [wq.Term("entities", word, boost=weight) for word, weight in
                              searcher.key_terms_from_text("entities", entities, numterms=6)]
                if not terms:
                    return []
                others = generation.live & ~(1 << docnum)
                results = [(h.docnum, h.score) for h in searcher.search(
                    wq.Or(terms), limit=limit, filter=MaskSet(others, generation.size),
                    terms=False)]
            return [hit_from_record(found := generation.record(docnum), score,
                                    make_snippet(found, set()))
                    for docnum, score in results]

    def facet_values(self, facet: str) -> list[FacetValue]:
        with self._use() as generation:
            if generation is None or facet not in FACETS:
                return []
            labels = generation.manifest.labels.get(facet, {})
            values = [FacetValue(value, labels.get(value, value), mask.bit_count())
                      for value, mask in generation.facet_masks(facet).items()
                      if mask]
            return sorted(values, key=lambda v: (label_key(v.label), v.value))

    def source_roots(self) -> list[str]:
        """The files and folders the index was built from, as given to `kb reindex`."""
        with self._use() as generation:
            return list(generation.manifest.roots) if generation is not None else []

    def issues(self) -> list[IssueSummary]:
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
                issue = generation.record(first).issue
                found.append(IssueSummary(
                    id=issue_id, number=issue.number, date=issue.date, title=issue.title,
                    label=issue_label(issue.number, issue.date, issue.title),
                    articles=mask.bit_count(), sources=tuple(sorted(sources.get(issue_id, []))),
                ))
            return sorted(found, key=lambda i: (i.date or "", i.number or 0), reverse=True)

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

    def named_filters(self, text: str, limit: int = 3) -> list[tuple[str, str, str]]:
        """(facet, value, label) of communes, themes, organisations, people and quartiers
        named in the query text, to offer as filters."""
        with self._use() as generation:
            if generation is None or not text.strip():
                return []
            if generation.offer_index is None:
                generation.offer_index = offers.label_index(generation.manifest.labels)
            return offers.named_in(text, generation.offer_index, limit)

    def total_articles(self) -> int:
        with self._use() as generation:
            return generation.live.bit_count() if generation else 0
