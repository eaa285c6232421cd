"""Paragraphs: lines grouped by line pitch, font and bullets, and told headings from body
text by their type.
"""

from __future__ import annotations

import itertools
from collections import Counter

from kb.extract.hyphens import URLISH as _URLISH
from kb.extract.pdf.values import (
    _CID,
    HEADING_SIZE_RATIO,
    TERMINAL,
    _Draft,
    _Line,
)
from kb.models import BlockKind

BULLETS = ("•", "▪", "●", "◦", "■", "–", "—", "-", "*", "", "➢", "►")
SHORT_HEADING_CHARS = 200


def _dominant_size(lines: list[_Line]) -> float | None:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    if not weights:
        return None
    return weights.most_common(1)[0][0]


def _typical_pitch(lines: list[_Line]) -> dict[float, float]:
    """Line pitch (top to top) per font size, from consecutive lines of one region."""
    pitches: dict[float, list[float]] = {}
    for previous, line in itertools.pairwise(lines):
        same_region = (previous.page, previous.group) == (line.page, line.group)
        if same_region and previous.size == line.size:
            pitch = line.top - previous.top
            if 0 < pitch < 3 * line.size:
                pitches.setdefault(line.size, []).append(round(pitch, 1))
    return {size: Counter(values).most_common(1)[0][0] for size, values in pitches.items()}


def _is_bullet(text: str) -> bool:
    head, _, rest = text.partition(" ")
    # A bullet glyph without a Unicode mapping comes out as "(cid:127)"; Word's bullets
    # from the Symbol and Wingdings fonts as one private-use character (U+F0B7…).
    private = len(head) == 1 and "\ue000" <= head <= "\uf8ff"
    return (head in BULLETS or private or bool(_CID.fullmatch(head))) and bool(rest.strip())


def _paragraphs(lines: list[_Line], body_size: float | None) -> list[_Draft]:
    pitch = _typical_pitch(lines)
    drafts: list[_Draft] = []
    for line in lines:
        bullet = _is_bullet(line.text) or line.marked
        if drafts:
            previous = drafts[-1].last
            expected = pitch.get(line.size, line.size * 1.25)
            same_region = previous.page == line.page and previous.group == line.group
            same_weight = previous.bold == line.bold or previous.mixed or line.mixed
            same_font = abs(previous.size - line.size) <= 0.3 and same_weight
            close = 0 < line.top - previous.top <= expected * 1.25
            ended = (
                not previous.bold
                and previous.size <= (body_size or previous.size) + 0.3
                and previous.text.rstrip().endswith(TERMINAL)
                and not _URLISH.search(previous.text.rsplit(" ", 1)[-1])
                and not line.text[:1].islower()
                and previous.x1 < previous.region_x1 - 0.12 * (previous.region_x1 - line.x0)
            )
            if same_region and same_font and close and not bullet and not ended:
                drafts[-1].lines.append(line)
                continue
        kind = BlockKind.LIST_ITEM if bullet else BlockKind.PARAGRAPH
        drafts.append(_Draft(lines=[line], kind=kind))
    return drafts


def _classify(drafts: list[_Draft], body_size: float | None) -> None:
    if body_size is None:
        return
    for draft in drafts:
        if draft.kind is BlockKind.LIST_ITEM:
            continue
        size = draft.first.size
        chars = sum(len(line.text) for line in draft.lines)
        bigger = size >= body_size * HEADING_SIZE_RATIO
        short = chars <= SHORT_HEADING_CHARS and len(draft.lines) <= 3
        bold_short = short and all(line.bold for line in draft.lines)
        if (bigger and chars <= 2 * SHORT_HEADING_CHARS) or bold_short:
            draft.kind = BlockKind.HEADING
