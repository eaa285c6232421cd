"""Bounds on the parsed HTML tree, so that no page costs more than linear time.

BeautifulSoup builds a tree of any depth without recursing, but reading it recurses
once per level (the walker of `kb.extract.html`) and some checks look at a tag's
ancestors or subtree: a page nested 16,000 deep took two minutes and then raised
RecursionError. Elements deeper than `MAX_DEPTH` are read as plain text instead (real
e-mail templates nest tables some 30 levels deep).
"""

from __future__ import annotations

from bs4 import NavigableString, Tag

MAX_DEPTH = 200
DEEP_WARNING = (f"HTML imbriqué sur plus de {MAX_DEPTH} niveaux : "
                "le texte plus profond est lu sans sa mise en forme")


def flatten_deep(root: Tag, max_depth: int = MAX_DEPTH) -> bool:
    """Replace each element `max_depth` levels below `root` by its text, without
    recursion; True when there was one."""
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        for child in tag.contents:
            if isinstance(child, Tag):
                if depth + 1 >= max_depth:
                    deep.append(child)
                else:
                    stack.append((child, depth + 1))
    for tag in deep:
        text = tag.get_text(" ")
        tag.clear(decompose=True)
        tag.append(NavigableString(text))
    return bool(deep)


def removed(tag: Tag) -> bool:
    """Whether `tag` was decomposed, in constant time.

    `Tag.decomposed` reads `_decomposed`, an attribute set only on decomposed tags; on
    any other tag the lookup falls through to `Tag.__getattr__`, which searches the whole
    subtree for a `<_decomposed>` element: quadratic over a page.
    """
    return bool(vars(tag).get("_decomposed", False))
