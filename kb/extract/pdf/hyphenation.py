"""Hyphenation: a paragraph's lines joined into its text, line-end hyphens mended with a
lexicon of the document's own words, and URLs cut by a line break put back.
"""

from __future__ import annotations

import re
from collections import Counter

from kb.extract.hyphens import join_cut as _join
from kb.extract.hyphens import word_lexicon
from kb.extract.pdf.paragraphs import _is_bullet
from kb.extract.pdf.values import _CID, _SPACES, _clean, _Draft, _Line
from kb.models import BlockKind


def _lexicon(lines: list[_Line]) -> Counter[str]:
    """How often each word appears whole in the document (line-end pieces excluded)."""
    return word_lexicon(line.text for line in lines)


def _join_draft(draft: _Draft, lexicon: Counter[str]) -> str:
    text = ""
    for line in draft.lines:
        # Soft hyphens matter only at the line end, where `_join` reads them.
        line_text = _SPACES.sub(" ", line.text).strip()
        text = _join(text, line_text, lexicon, heading=draft.kind is BlockKind.HEADING)
    glyph = not draft.first.marked or _is_bullet(draft.first.text)  # a typed bullet to drop
    if draft.kind is BlockKind.LIST_ITEM and glyph:
        text = text.split(" ", 1)[1] if " " in text else ""
    text = _clean(_CID.sub(" ", text))
    return _repair_links(text, _links(draft))


def _links(draft: _Draft) -> list[str]:
    out: list[str] = []
    for line in draft.lines:
        out += [link for link in line.links if link not in out]
    return out


def _repair_links(text: str, links: list[str]) -> str:
    """Put back a URL the line break cut with a space, using the link annotation."""
    for link in links:
        shown = link.removeprefix("mailto:")
        if shown in text or len(shown) < 8:
            continue
        for candidate in (shown, shown.removeprefix("https://").removeprefix("http://")):
            pattern = r"\s?".join(re.escape(char) for char in candidate)
            repaired, count = re.subn(pattern, candidate.replace("\\", r"\\"), text, count=1)
            if count:
                text = repaired
                break
    return text
