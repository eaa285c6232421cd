"""Blocks: the drafts, once their text is set, as the Blocks the segmenter reads."""

from __future__ import annotations

from kb.extract.pdf.hyphenation import _links
from kb.extract.pdf.values import _Draft
from kb.models import Block, BlockKind


def _blocks(drafts: list[_Draft], body_size: float | None) -> list[Block]:
    heading_sizes = sorted(
        {round(d.first.size * 2) / 2 for d in drafts if d.kind is BlockKind.HEADING}, reverse=True
    )
    blocks = []
    boxes: dict[tuple[int, int], int] = {}
    for draft in drafts:
        if not draft.text:
            continue
        box = boxes.setdefault((draft.first.page, draft.first.group), len(boxes) + 1) \
            if draft.first.boxed else 0
        first_page_lines = [line for line in draft.lines if line.page == draft.first.page]
        bbox = (
            round(min(line.x0 for line in first_page_lines), 2),
            round(min(line.top for line in first_page_lines), 2),
            round(max(line.x1 for line in first_page_lines), 2),
            round(max(line.bottom for line in first_page_lines), 2),
        )
        level = 0
        if draft.kind is BlockKind.HEADING:
            # Rank of the heading's size among the document's heading sizes, largest = 1.
            level = min(6, heading_sizes.index(round(draft.first.size * 2) / 2) + 1)
        blocks.append(Block(
            text=draft.text,
            page=draft.first.page,
            kind=draft.kind,
            bbox=bbox,
            font_size=draft.first.size,
            bold=all(line.bold for line in draft.lines),
            heading_level=level,
            column=draft.first.column,
            links=tuple(_links(draft)),
            box=box,
        ))
    return blocks
