"""Spelling correction under a budget (indexer/spelling.py), over a fake reader that counts
its vocabulary walks: no timing involved, the clock is the test's."""

from __future__ import annotations

import itertools

from indexer.spelling import MAX_CANDIDATES, MAX_WORDS, Budget, Speller

VOCABULARY = {"renovation": 12, "thermique": 7, "habitants": 30, "habitant": 5, "sante": 40}


def edits(a: str, b: str) -> int:
    """Plain Levenshtein distance, for the fake reader."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class FakeReader:
    def __init__(self, vocabulary=VOCABULARY, endless: bool = False) -> None:
        self.vocabulary = vocabulary
        self.endless = endless
        self.walks = 0
        self.taken = 0

    def terms_within(self, field, word, distance, prefix=0):
        self.walks += 1
        if self.endless:  # a vocabulary of near-misses without end
            for n in itertools.count():
                self.taken += 1
                yield f"{word}{n}"
        for term in self.vocabulary:
            if term[:prefix] == word[:prefix] and edits(term, word) <= distance:
                self.taken += 1
                yield term

    def doc_frequency(self, field, term):
        return self.vocabulary.get(term, 0)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nearest_word_then_most_frequent():
    speller, reader = Speller("plain"), FakeReader()
    assert speller.closest(reader, "renovaton", Budget()) == "renovation"
    assert speller.closest(reader, "habitans", Budget()) == "habitants"
    assert speller.closest(reader, "zzzzzz", Budget()) is None


def test_answers_are_cached_and_cost_no_budget():
    speller, reader = Speller("plain"), FakeReader()
    speller.closest(reader, "thermiqe", Budget())
    walks = reader.walks
    spent = Budget(words=0)  # nothing left: only the cache can answer
    assert speller.closest(reader, "thermiqe", spent) == "thermique"
    assert reader.walks == walks


def test_at_most_max_words_are_looked_up_per_query():
    speller, reader = Speller("plain"), FakeReader()
    budget = Budget()
    words = [f"inconnu{n}" for n in range(4 * MAX_WORDS)]
    for word in words:
        speller.closest(reader, word, budget)
    looked_up = {w for w in words if w in speller._cache}
    assert len(looked_up) == MAX_WORDS
    assert reader.walks <= 4 * MAX_WORDS  # two distances, with and without prefix


def test_no_walk_once_the_time_budget_is_spent():
    speller, reader, clock = Speller("plain"), FakeReader(), Clock()
    budget = Budget(seconds=0.25, clock=clock)
    assert speller.closest(reader, "renovaton", budget) == "renovation"
    clock.now = 1.0
    walks = reader.walks
    assert speller.closest(reader, "habitans", budget) is None
    assert reader.walks == walks
    assert "habitans" not in speller._cache  # retried by the next query, with a fresh budget
    assert speller.closest(reader, "habitans", Budget(clock=clock)) == "habitants"


def test_candidates_taken_from_a_walk_are_bounded():
    speller, reader = Speller("plain"), FakeReader(endless=True)
    assert speller.closest(reader, "mot", Budget()) is not None
    assert reader.taken <= MAX_CANDIDATES + 1


def test_cache_is_bounded():
    speller, reader = Speller("plain", size=3), FakeReader()
    for word in ("aaaa", "bbbb", "cccc", "dddd", "eeee"):
        speller.closest(reader, word, Budget())
    assert list(speller._cache) == ["cccc", "dddd", "eeee"]
