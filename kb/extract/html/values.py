"""What the walker reads a page into: styled runs of text, the open paragraph-like
element, raw blocks; and the text cleaned of invisible characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag

from kb.models import BlockKind

_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}

# Soft hyphens, zero-width characters (preheader padding) and control characters.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")  # \s covers NBSP, U+202F, U+2009 in Python 3


@dataclass(frozen=True, slots=True)
class _Style:
    size_px: float | None = None  # None: no inline size anywhere above
    bold: bool = False
    upper: bool = False
    href: str | None = None


@dataclass(slots=True)
class _Run:
    text: str
    style: _Style


_LINE_BREAK = _Run("\n", _Style())


@dataclass(slots=True)
class _Frame:
    """The innermost open paragraph-like element and the text gathered for it."""

    tag: str
    element: Tag | None = None
    heading_level: int = 0
    in_list_item: bool = False
    runs: list[_Run] = field(default_factory=list)


@dataclass(slots=True)
class _RawBlock:
    text: str
    kind: BlockKind
    heading_level: int
    bold: bool
    size_px: float | None
    links: tuple[str, ...]
    element: Tag | None = None


def clean_text(text: str) -> str:
    """Soft hyphens and zero-width characters out, every kind of space to one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
