"""Spelling correction of the words a query's index does not know, under a budget.

Finding the index words within an edit distance of a word walks the vocabulary (Whoosh's
automaton over the term list): some tens of milliseconds a word on a large archive, so a
query of many unknown words took up to 1.75 s. Hence, per query, at most `MAX_WORDS` words
are looked up and the lookups stop once `TIME_BUDGET` is spent (the words not reached stay
as typed); each lookup takes at most `MAX_CANDIDATES` words from the walk; and answers are
cached per index generation (its vocabulary never changes), `CACHE_SIZE` words at most.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_WORDS = 5
MAX_CANDIDATES = 200
TIME_BUDGET = 0.25  # seconds
CACHE_SIZE = 4096


class Budget:
    """What one query may spend on spelling: a number of lookups and a deadline."""

    def __init__(self, seconds: float = TIME_BUDGET, words: int = MAX_WORDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.deadline = clock() + seconds
        self.words = words

    @property
    def expired(self) -> bool:
        return self.clock() >= self.deadline

    def take_word(self) -> bool:
        if self.words <= 0 or self.expired:
            return False
        self.words -= 1
        return True


class Speller:
    """The nearest words of one generation's vocabulary in `field`, cached (thread-safe)."""

    def __init__(self, field: str, size: int = CACHE_SIZE) -> None:
        self.field = field
        self.size = size
        self._cache: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()

    def closest(self, reader, word: str, budget: Budget) -> str | None:
        """The index word nearest by edit distance (1 up to 5 letters, else 2), then most
        frequent; None when there is none or the budget is spent."""
        with self._lock:
            if word in self._cache:
                self._cache.move_to_end(word)
                return self._cache[word]
        if not budget.take_word():
            return None
        best, complete = self._search(reader, word, budget)
        if complete:  # an answer cut short by the deadline is not remembered
            with self._lock:
                self._cache[word] = best
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        return best

    def _search(self, reader, word: str, budget: Budget) -> tuple[str | None, bool]:
        max_distance = 1 if len(word) <= 5 else 2
        for distance in range(1, max_distance + 1):
            candidates: set[str] = set()
            for prefix in (1, 0):  # same first letter first: a much shorter walk
                if budget.expired:
                    return None, False
                found = reader.terms_within(self.field, word, distance, prefix=prefix)
                candidates = set(itertools.islice(found, MAX_CANDIDATES + 1))
                candidates.discard(word)
                if candidates:
                    break
            if candidates:
                best = max(sorted(candidates),
                           key=lambda c: reader.doc_frequency(self.field, c))
                return best, True
        return None, True
