"""Bounds on the parsed HTML tree, so that no page costs more than linear time.

BeautifulSoup builds a tree of any depth without recursing, but reading it recurses
once per level (the walker of `kb.extract.html`) and some checks look at a tag's
ancestors or subtree: a page nested 16,000 deep took two minutes and then raised
RecursionError. Elements deeper than `MAX_DEPTH` are read as plain text instead (real
e-mail templates nest tables some 30 levels deep).
"""

from __future__ import annotations

import re

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


# A box set apart from the articles' flow: a block the WordPress editor tints
# ("has-background"), a French "encadré", or any element given a background of its own.
# (A page's <aside> is its site's sidebar, dropped as noise before this is asked.)
BOX_CLASSES = frozenset({"has-background", "encadre", "sidebar"})
_NO_COLOUR = frozenset({"", "#fff", "#ffffff", "white", "transparent", "none", "inherit",
                        "initial", "unset", "rgb(255,255,255)"})
_BACKGROUND_RE = re.compile(r"background(?:-color)?\s*:\s*([^;!]+)", re.IGNORECASE)


def _background(tag: Tag) -> str | None:
    """The background colour the element sets itself, as written; None when it sets none."""
    colour = tag.get("bgcolor")
    if colour is None and (match := _BACKGROUND_RE.search(str(tag.get("style") or ""))):
        colour = match.group(1)
    return None if colour is None else str(colour)


def is_box(tag: Tag) -> bool:
    if BOX_CLASSES & set(tag.get("class") or ()):
        return True
    colour = _background(tag)
    # The page's or the message's own background is not a box.
    return colour is not None and tag.name not in ("body", "html") \
        and re.sub(r"\s+", "", colour).lower() not in _NO_COLOUR


def content_boxes(elements: list[Tag | None]) -> list[int]:
    """For each element, the number of the box around it (1, 2… in reading order), or 0
    when it stands in the flow. The nearest element with a background decides: a white
    card inside a tinted message is no box."""
    numbers: dict[int, int] = {}
    boxes: list[int] = []
    for element in elements:
        chain = (element, *element.parents) if element is not None else ()
        nearest = next((node for node in chain
                        if BOX_CLASSES & set(node.get("class") or ())
                        or _background(node) is not None), None)
        box = nearest if nearest is not None and is_box(nearest) else None
        boxes.append(numbers.setdefault(id(box), len(numbers) + 1) if box is not None else 0)
    return boxes
