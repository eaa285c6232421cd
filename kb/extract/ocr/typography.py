"""The typography of the issue: bold words, lines of one type harmonised, sizes gathered
into tiers.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from kb.extract.ocr.values import (
    BOLD_STEM_RATIO,
    HARMONY_GAP,
    HARMONY_RATIO,
    TIER_SPREAD,
    OcrLine,
    OcrPage,
)

# ---------------------------------------------------------------------------
# Typography of the issue, then the text PDF reader's layout


def size_tiers(lines: Sequence[OcrLine]) -> dict[int, float]:
    """Each line's type size gathered into the issue's tiers: {id(line): size}.

    The most used size found (weighted by characters) is a tier's centre and takes
    every line within TIER_SPREAD of it; then the next most used among the rest. A
    tier's size is the median of its lines, to the half point."""
    left = sorted(lines, key=lambda line: line.size)
    tiers: dict[int, float] = {}
    while left:
        sizes = [line.size for line in left]
        running = [0, *itertools.accumulate(line.chars for line in left)]

        def weight(centre: float, sizes: list[float] = sizes, running: list[int] = running) -> int:
            low = bisect.bisect_left(sizes, centre / TIER_SPREAD)
            high = bisect.bisect_right(sizes, centre * TIER_SPREAD)
            return running[high] - running[low]

        centre = max(sizes, key=weight)
        members = [line for line in left if _same_tier(centre, line.size)]
        measured = sorted(size for line in members for size in [line.size] * max(1, line.chars))
        size = round(measured[len(measured) // 2] * 2) / 2
        for line in members:
            tiers[id(line)] = size
        left = [line for line in left if id(line) not in tiers]
    return tiers


def _same_tier(centre: float, size: float) -> bool:
    return centre / TIER_SPREAD <= size <= centre * TIER_SPREAD


def _mark_bold(lines: Sequence[OcrLine]) -> None:
    """Bold words: strokes BOLD_STEM_RATIO times as thick, for their size, as the body
    text's (the median over all letters: most of an issue is body text)."""
    ratios = sorted(ratio for line in lines for word in line.words if word.stem
                    for ratio in [word.stem / line.size] * len(word.text))
    if not ratios:
        return
    body = ratios[len(ratios) // 2]
    for line in lines:
        for word in line.words:
            word.bold = bool(word.stem and word.stem / line.size >= BOLD_STEM_RATIO * body)


def _harmonise(page: OcrPage) -> None:
    """Lines set one under the other in one type measure a little differently (a title's
    lines, whose letters reach different heights): each run of lines close below one
    another, in the same weight and sizes within HARMONY_RATIO, takes its median size."""
    lines = sorted(page.lines, key=lambda line: line.top)
    group = list(range(len(lines)))

    def root(index: int) -> int:
        while group[index] != index:
            group[index] = group[group[index]]
            index = group[index]
        return index

    for index, line in enumerate(lines):
        em = line.size / page.scale
        below = next((other for other in range(index + 1, len(lines))
                      if lines[other].top > line.top + 0.5 * (line.bottom - line.top)
                      and lines[other].left < line.right and line.left < lines[other].right),
                     None)
        if below is None:
            continue
        under = lines[below]
        if under.top - line.bottom <= HARMONY_GAP * em and under.bold == line.bold \
                and max(line.size, under.size) <= HARMONY_RATIO * min(line.size, under.size):
            group[root(below)] = root(index)
    runs: dict[int, list[OcrLine]] = {}
    for index, line in enumerate(lines):
        runs.setdefault(root(index), []).append(line)
    for run in runs.values():
        if len(run) > 1:
            sizes = sorted(size for line in run for size in [line.size] * max(1, line.chars))
            for line in run:
                line.size = sizes[len(sizes) // 2]
