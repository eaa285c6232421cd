"""Walking the tree in document order: each paragraph-like element's text, split at
`<br><br>` and before bulleted lines, becomes raw blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from bs4 import NavigableString, Tag

from kb.extract.html.styles import _child_style
from kb.extract.html.values import (
    _HEADING_TAGS,
    _LINE_BREAK,
    _Frame,
    _RawBlock,
    _Run,
    _Style,
    clean_text,
)
from kb.models import BlockKind

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
})


_BULLET = re.compile(r"^\s*[•·▪◦►▸‣○●■□–—*-]\s+")


# ---------------------------------------------------------------------------
# Walking the tree



class _Walker:
    def __init__(self) -> None:
        self.blocks: list[_RawBlock] = []
        self.stack: list[_Frame] = [_Frame("root")]

    def read(self, root: Tag, style: _Style) -> None:
        """The text of `root` itself and all it holds."""
        self.stack[0].element = root
        self.walk(root, style)

    def walk(self, tag: Tag, style: _Style) -> None:
        for child in tag.children:
            if isinstance(child, NavigableString):
                self.stack[-1].runs.append(_Run(str(child), style))
            elif isinstance(child, Tag):
                self._enter(child, _child_style(child, style))

    def _enter(self, tag: Tag, style: _Style) -> None:
        if tag.name == "br":
            self.stack[-1].runs.append(_LINE_BREAK)
            return
        if tag.name not in _BLOCK_TAGS:
            self.walk(tag, style)
            return
        self.flush()
        parent = self.stack[-1]
        self.stack.append(_Frame(
            tag=tag.name,
            element=tag,
            heading_level=_HEADING_TAGS.get(tag.name, parent.heading_level),
            in_list_item=tag.name == "li" or parent.in_list_item,
        ))
        self.walk(tag, style)
        self.flush()
        self.stack.pop()

    def flush(self) -> None:
        frame = self.stack[-1]
        runs, frame.runs = frame.runs, []
        for paragraph, bulleted in _paragraphs(runs):
            block = _raw_block(paragraph, frame, bulleted)
            if block is not None:
                self.blocks.append(block)


def _paragraphs(runs: list[_Run]) -> Iterator[tuple[list[_Run], bool]]:
    """Split a frame's runs at `<br><br>` and before bulleted lines."""
    lines: list[list[_Run]] = [[]]
    for run in runs:
        if run is _LINE_BREAK:
            lines.append([])
        else:
            lines[-1].append(run)
    current: list[_Run] = []
    bulleted = False
    for line in lines:
        text = "".join(run.text for run in line)
        if not clean_text(text):
            if current:
                yield current, bulleted
            current, bulleted = [], False
            continue
        if _BULLET.match(text):
            if current:
                yield current, bulleted
            current, bulleted = _strip_bullet(line), True
            continue
        if current and _size_changes(current, line):
            yield current, bulleted
            current, bulleted = [], False
        if current:
            current.append(_Run(" ", current[-1].style))
        current.extend(line)
    if current:
        yield current, bulleted


def _line_size(runs: list[_Run]) -> float | None:
    sizes: Counter[float | None] = Counter()
    for run in runs:
        sizes[run.style.size_px] += len(run.text.strip())
    return sizes.most_common(1)[0][0] if sizes else None


def _size_changes(before: list[_Run], line: list[_Run]) -> bool:
    """A single `<br>` between lines set in clearly different sizes ends a paragraph: a
    small label line above a title in legacy markup (`<font size=1>…</font><br><font
    size=4>…`) is a line of its own, as a browser shows it."""
    first, second = _line_size(before), _line_size(line)
    return first is not None and second is not None and (
        max(first, second) >= 1.2 * min(first, second))


def _strip_bullet(line: list[_Run]) -> list[_Run]:
    stripped: list[_Run] = []
    removed = False
    for run in line:
        if not removed and run.text.strip():
            stripped.append(_Run(_BULLET.sub("", run.text, count=1), run.style))
            removed = True
        else:
            stripped.append(run)
    return stripped


def _raw_block(runs: list[_Run], frame: _Frame, bulleted: bool) -> _RawBlock | None:
    pieces = [run.text.upper() if run.style.upper else run.text for run in runs]
    text = clean_text("".join(pieces))
    if not text:
        return None
    weights: Counter[float | None] = Counter()
    bold_chars = visible_chars = 0
    links: list[str] = []
    for run, piece in zip(runs, pieces, strict=True):
        count = len(clean_text(piece).replace(" ", ""))
        visible_chars += count
        bold_chars += count if run.style.bold else 0
        weights[run.style.size_px] += count
        if run.style.href and run.style.href not in links:
            links.append(run.style.href)
    if frame.heading_level:
        kind = BlockKind.HEADING
    elif frame.in_list_item or bulleted:
        kind = BlockKind.LIST_ITEM
    else:
        kind = BlockKind.PARAGRAPH
    return _RawBlock(
        text=text,
        kind=kind,
        heading_level=frame.heading_level,
        bold=visible_chars > 0 and bold_chars == visible_chars,
        size_px=weights.most_common(1)[0][0],
        links=tuple(links),
        element=frame.element,
    )
