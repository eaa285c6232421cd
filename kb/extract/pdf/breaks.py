"""Paragraphs cut by a column or page break, joined again."""

from __future__ import annotations

import re
from collections import Counter

from kb.extract.pdf.hyphenation import _join, _links, _repair_links
from kb.extract.pdf.values import TERMINAL, _Draft
from kb.models import BlockKind

SENTENCE_END = (".", "!", "?", "»", "…")  # after ":" or ";" the sentence goes on


def _mend_breaks(drafts: list[_Draft], lexicon: Counter[str]) -> list[_Draft]:
    lefts: dict[tuple[int, int], float] = {}
    for draft in drafts:
        for line in draft.lines:
            key = (line.page, line.group)
            lefts[key] = min(lefts.get(key, line.x0), line.x0)
    # Regions whose left edge is set by items with drawn bullets: their text, and the
    # rest of an item cut by the break, start at the items' indent, not at the margin.
    for draft in drafts:
        for line in draft.lines:
            if line.marked and abs(line.x0 - lefts[(line.page, line.group)]) <= 1:
                lefts[(line.page, line.group)] -= line.size
    out: list[_Draft] = []
    for draft in drafts:
        if out and (_continues(out[-1], draft) or _continues_item(out[-1], draft, lefts)):
            previous = out[-1]
            previous.lines += draft.lines
            joined = _join(previous.text, draft.text, lexicon)
            previous.text = _repair_links(joined, _links(previous))
            continue
        out.append(draft)
    return out


def _continues(previous: _Draft, draft: _Draft) -> bool:
    if draft.kind is not BlockKind.PARAGRAPH or previous.kind is BlockKind.HEADING:
        return False
    before, after = previous.last, draft.first
    if (before.page, before.group) == (after.page, after.group):
        return False
    if abs(before.size - after.size) > 0.3 or before.bold != after.bold:
        return False
    if not previous.text or not draft.text:
        return False
    if re.match(r"(?:https?://|www\.)", draft.text):
        return False  # a link line after a paragraph, not its continuation
    # Justified text leaves a paragraph's last line short; a line reaching the column's
    # right edge was cut by the break, even right after a full stop.
    justified = before.x1 >= before.region_x1 - 0.5 and len(previous.lines) > 1
    if previous.text.rstrip().endswith(SENTENCE_END):
        return justified and _full_width(previous)
    if previous.text.rstrip().endswith(TERMINAL):
        return draft.text[0].islower()
    return draft.text[0].islower() or previous.text.endswith("-") or justified


def _continues_item(previous: _Draft, draft: _Draft,
                    lefts: dict[tuple[int, int], float]) -> bool:
    """A list item cut by a column or page break: its last line stops mid-phrase and the
    next column opens with a line set at the items' hanging indent, not at its margin."""
    if previous.kind is not BlockKind.LIST_ITEM or draft.kind is not BlockKind.PARAGRAPH:
        return False
    before, after = previous.last, draft.first
    if (before.page, before.group) == (after.page, after.group) or draft.first.marked:
        return False
    if abs(before.size - after.size) > 0.3 or previous.text.rstrip().endswith(TERMINAL):
        return False
    indent = after.x0 - lefts[(after.page, after.group)]
    return 0.5 * after.size <= indent <= 3 * after.size


def _full_width(draft: _Draft) -> bool:
    """All lines of the block span its column: body text, not a list of short lines."""
    return all(line.x1 >= line.region_x1 - 0.5 for line in draft.lines[:-1])
