"""From raw blocks to Blocks: boilerplate dropped, the body size, headings told by their
type, content groups; the blocks collected from the content container or the whole page.
"""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup, Tag

from kb.extract.html.links import _HAS_ADDRESS
from kb.extract.html.noise import _BOILERPLATE, _BOILERPLATE_MAX_CHARS, _content_root
from kb.extract.html.styles import _PX_TO_PT, _child_style
from kb.extract.html.values import _RawBlock, _Style, clean_text
from kb.extract.html.walker import _Walker
from kb.models import Block, BlockKind

# Layout containers of e-mail templates: an article's "content block" is one of them.
_CONTAINER_TAGS = frozenset({"td", "th", "table"})

# A heading is short: a long title still fits, a paragraph does not.
_HEADING_MAX_CHARS = 220
_HEADING_SIZE_RATIO = 1.15


# ---------------------------------------------------------------------------
# From raw blocks to Blocks


def _is_boilerplate(text: str) -> bool:
    return len(text) <= _BOILERPLATE_MAX_CHARS and bool(_BOILERPLATE.search(text))


def body_size_px(blocks: list[_RawBlock]) -> float | None:
    """The size most of the running text is set in, weighted by characters."""
    sizes: Counter[float] = Counter()
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH and block.size_px is not None:
            sizes[block.size_px] += len(block.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _looks_like_heading(block: _RawBlock, body_px: float | None) -> bool:
    """Typography standing in for markup, as in e-mail templates without h-tags."""
    if block.kind is not BlockKind.PARAGRAPH or len(block.text) > _HEADING_MAX_CHARS:
        return False
    if _HAS_ADDRESS.search(block.text) or block.text.endswith(":"):
        return False  # a closing "En savoir plus : www…" or a label, even in bold
    bigger = (
        block.size_px is not None and body_px is not None
        and block.size_px >= body_px * _HEADING_SIZE_RATIO
    )
    # A bold sentence ("Inscription obligatoire.") is emphasis; a title has no full stop.
    return bigger or (block.bold and not block.text.endswith("."))


def content_groups(blocks: list[_RawBlock]) -> list[int]:
    """For each block, the number of its content block: the nearest table or cell around
    it that holds more than this block (0 when none).

    Campaign editors (Sendinblue, Mailchimp…) set each article in a cell of its own, so
    an intertitle shares its cell with the paragraphs above it while the next title
    opens a new one, even where both are set in the same type. A title alone in a
    nested cell belongs to the cell around that one.
    """
    containers = [
        [node for node in (block.element, *block.element.parents)
         if node is not None and node.name in _CONTAINER_TAGS]
        if block.element is not None else []
        for block in blocks
    ]
    held: Counter[int] = Counter(id(node) for chain in containers for node in chain)
    numbers: dict[int, int] = {}
    groups: list[int] = []
    for chain in containers:
        container = next((node for node in chain if held[id(node)] > 1), None)
        if container is None:
            groups.append(0)
            continue
        groups.append(numbers.setdefault(id(container), len(numbers) + 1))
    return groups


def _to_block(block: _RawBlock, body_px: float | None, group: int, box: int) -> Block:
    kind = BlockKind.HEADING if _looks_like_heading(block, body_px) else block.kind
    return Block(
        text=block.text,
        page=1,
        kind=kind,
        font_size=round(block.size_px * _PX_TO_PT, 2) if block.size_px else None,
        bold=block.bold,
        heading_level=block.heading_level,
        links=block.links,
        group=group,
        box=box,
    )


def _collect(body: Tag) -> list[_RawBlock]:
    root = _content_root(body)
    walker = _Walker()
    if root is not body and root.find("h1") is None:
        # WordPress themes put the post's <h1> in an entry header next to .entry-content.
        outside = [h1 for h1 in body.find_all("h1") if _precedes(h1, root)]
        if len(outside) == 1:
            walker._enter(outside[0], _child_style(outside[0], _Style()))
    if root is body:
        walker.read(body, _Style())
    else:
        walker._enter(root, _child_style(root, _Style()))
    walker.flush()
    blocks = [block for block in walker.blocks if not _is_boilerplate(block.text)]
    if not blocks and root is not body:
        return _collect_whole(body)
    return blocks


def _collect_whole(body: Tag) -> list[_RawBlock]:
    walker = _Walker()
    walker.read(body, _Style())
    walker.flush()
    return [block for block in walker.blocks if not _is_boilerplate(block.text)]


def _precedes(node: Tag, root: Tag) -> bool:
    return any(following is root for following in node.find_all_next(root.name))


def _page_title(soup: BeautifulSoup) -> str | None:
    title = soup.find("title")
    text = clean_text(title.get_text()) if title else ""
    return text or None
