"""Inline styles: CSS declarations, font sizes and weights, hidden elements, and the
style each element passes on to its text.
"""

from __future__ import annotations

import re

from bs4 import Tag

from kb.extract.html.links import resolve_link
from kb.extract.html.values import _HEADING_TAGS, _Style

_HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_BOLD_TAGS = frozenset({"b", "strong", "th", *_HEADING_TAGS})


_KEYWORD_SIZES = {
    "xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
    "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0,
}
_FONT_TAG_SIZES = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}
_DEFAULT_PX = 16.0
_PX_TO_PT = 0.75
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)(px|pt|em|rem|%)?$")


# ---------------------------------------------------------------------------
# Inline styles


def parse_style(style: str | None) -> dict[str, str]:
    declarations: dict[str, str] = {}
    for declaration in (style or "").split(";"):
        name, sep, value = declaration.partition(":")
        if sep:
            declarations[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return declarations


def parse_font_size(value: str, parent_px: float | None) -> float | None:
    """A CSS font-size in px; relative units against the parent's (or the default) size."""
    value = value.strip().lower()
    if value in _KEYWORD_SIZES:
        return _KEYWORD_SIZES[value]
    match = _SIZE.match(value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    base = parent_px or _DEFAULT_PX
    if unit == "pt":
        return number / _PX_TO_PT
    if unit == "em":
        return number * base
    if unit == "rem":
        return number * _DEFAULT_PX
    if unit == "%":
        return number * base / 100
    return number


def _weight_is_bold(value: str) -> bool | None:
    if value in {"bold", "bolder"}:
        return True
    if value in {"normal", "lighter"}:
        return False
    if value.isdigit():
        return int(value) >= 600
    return None


def _is_hidden(tag: Tag, style: dict[str, str]) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if style.get("display") == "none" or style.get("visibility") == "hidden":
        return True
    if style.get("mso-hide") == "all" or style.get("opacity") in {"0", "0.0"}:
        return True
    if re.fullmatch(r"0(?:px|pt|em|%)?", style.get("max-height", "x")):
        return True
    size = parse_font_size(style.get("font-size", ""), None)
    # font-size:0 on a wrapper that re-sets the size inside is a spacing trick, not hiding.
    return size is not None and size <= 1 and tag.find(style=re.compile("font-size", re.I)) is None


def _child_style(tag: Tag, style: _Style) -> _Style:
    css = parse_style(tag.get("style"))
    size = style.size_px
    bold = style.bold or tag.name in _BOLD_TAGS
    upper = style.upper
    href = style.href
    if tag.name == "font" and str(tag.get("size") or "").strip().isdigit():
        size = _FONT_TAG_SIZES.get(int(str(tag["size"]).strip()), size)
    for token in css.get("font", "").split():
        bold = _weight_is_bold(token) if _weight_is_bold(token) is not None else bold
        parsed = parse_font_size(token.split("/")[0], size) if token[:1].isdigit() else None
        size = parsed or size
    if "font-size" in css:
        size = parse_font_size(css["font-size"], size) or size
    elif tag.name in _HEADING_EM and size is not None:
        size *= _HEADING_EM[tag.name]  # the browser's default h1–h6 sizes
    if "font-weight" in css:
        weight = _weight_is_bold(css["font-weight"])
        bold = bold if weight is None else weight
    if "text-transform" in css:
        upper = css["text-transform"] == "uppercase"
    if tag.name == "a" and tag.get("href"):
        href = resolve_link(str(tag["href"]), tag.get_text())
    return _Style(size, bold, upper, href)
