"""HTML (e-mailings and web pages) → Blocks in reading order.

Three steps, each undoing one thing the format adds around the text:

1. charset (`kb.extract.charset`): the bytes, not the declaration, decide.
2. noise: scripts, menus, sidebars, share/cookie/comment widgets (by tag, class, id,
   role, aria-label), hidden preheaders (display:none, max-height:0, font-size:0,
   mso-hide:all), unsubscribe footers (the small container around "Se désinscrire"),
   and boilerplate lines ("Voir la version en ligne", "Mentions légales"…). When the
   page has a content container (<main>, a single <article>, .entry-content, #content)
   only that is read, plus the page's <h1> when it sits just outside.
3. blocks: walking the tree in document order, every paragraph-like element (p, li,
   h1–h6, blockquote, a td/div holding text directly) gives one Block. `<br><br>` splits
   paragraphs; a single `<br>` is a space — except before a bullet ("•", "-", "–"),
   where each bulleted line becomes a LIST_ITEM, as e-mail editors write lists, and
   between lines set in clearly different sizes (a label line above a title).
   h1–h6 are HEADINGs with their level; in e-mail templates (no h-tags) a short block
   set wholly in bold, or in a size clearly above the body's, is a HEADING too.
   `text-transform: uppercase` is applied, so titles read as they display (and as the
   PDF of the same issue prints them). Font sizes are reported in points (px × 0.75),
   the unit of the PDF extractor, so the segmenter compares like with like.

`group` numbers each block's content block: the nearest table or cell holding more than
that block, so an e-mail article's title, paragraphs and intertitles share one (0: none).

`links` hold each block's hrefs; mailto:/tel:/javascript: and in-page anchors are left
out (an address stays in the text). A tracking redirect (Sendinblue, Mailchimp…) whose
anchor text is itself a URL is replaced by that URL, the reader's real destination.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from kb.errors import ExtractionError
from kb.extract.charset import UndecodableError, decode_html, utf16_byte_order
from kb.extract.html_tree import DEEP_WARNING, content_boxes, flatten_deep, removed
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile

NO_CONTENT = "HTML sans contenu éditorial"

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "button", "select", "textarea", "input", "nav",
    "aside", "footer", "head", "title", "meta", "link",
})
# Dropped only when small: some CMS wrap the whole page in a <form> or a <header>.
_DROP_TAGS_IF_SMALL = frozenset({"form", "header"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
})
_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
# Layout containers of e-mail templates: an article's "content block" is one of them.
_CONTAINER_TAGS = frozenset({"td", "th", "table"})
_HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_BOLD_TAGS = frozenset({"b", "strong", "th", *_HEADING_TAGS})

# Tokens of class/id names that mark page furniture. "footer"/"menu" as whole tokens:
# "templateFooter", "site-footer", "menu-principal"; not "footerless".
_NOISE_TOKENS = frozenset({
    "menu", "menus", "nav", "navbar", "navigation", "sidebar", "widget", "widgets",
    "footer", "cookie", "cookies", "gdpr", "rgpd", "consent", "share", "sharing",
    "sharedaddy", "addtoany", "social", "breadcrumb", "breadcrumbs", "ariane", "comments",
    "comment", "respond", "related", "relatedposts", "preheader", "unsubscribe",
    "pagination", "tagcloud", "byline", "follow",
})
# Two-token combinations: furniture only together ("entry-meta", "newsletter-signup").
_NOISE_PAIRS = (
    ({"entry", "post"}, {"meta", "footer", "tags", "categories"}),
    (
        {"newsletter", "mailing", "lettre"},
        {"signup", "subscribe", "inscription", "form", "abonnement"},
    ),
    ({"cat", "tags"}, {"links"}),
    ({"screen", "sr"}, {"reader", "only"}),
    ({"skip"}, {"link", "links", "content"}),
)
_NOISE_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
})
_NOISE_LABEL = re.compile(
    r"cookie|menu|fil d.ariane|breadcrumb|partag|share|r[ée]seaux sociaux", re.IGNORECASE
)
# Page builders mark every block "widget": never read that as a sidebar.
_BUILDER_TOKENS = frozenset({"elementor", "wp-block", "mj", "mcn"})

_CONTENT_SELECTORS = (
    "main", "[role=main]", "article", ".entry-content", ".post-content", ".article-content",
    "#content", ".content",
)
# A candidate container must hold at least this share of the body's text.
_MIN_CONTENT_SHARE = 0.25
# A furniture candidate holding more than this share of the page is a wrapper, not furniture.
_MAX_NOISE_SHARE = 0.4

# Text that marks the unsubscribe footer: its whole (small) container goes.
_FOOTER_TRIGGER = re.compile(
    r"se\s+d[ée]sinscrire|d[ée]sinscription|d[ée]sabonne|unsubscribe|"
    r"vous\s+recevez\s+(?:cet|ce)\s+(?:e-?mail|courriel|message|mail)",
    re.IGNORECASE,
)
_FOOTER_MAX_CHARS = 800
_FOOTER_LINE_MAX_CHARS = 150
# Boilerplate lines, dropped one by one when short.
_BOILERPLATE = re.compile(
    r"^(?:voir|afficher|consulter|lire|ouvrir)\b.{0,40}?\b(?:version\s+(?:en\s+ligne|web|navigateur)"
    r"|(?:dans\s+(?:le|votre|un)\s+navigateur)|en\s+ligne)"
    r"|si\s+(?:ce|cet)\s+(?:e-?mail|message)\s+ne\s+s.affiche"
    r"|d[ée]sinscri|d[ée]sabonne|unsubscribe|g[ée]rer\s+(?:mes|vos)\s+pr[ée]f[ée]rences"
    r"|vous\s+recevez\s+(?:cet|ce)\s+(?:e-?mail|courriel|message|mail)"
    r"|mentions\s+l[ée]gales|politique\s+de\s+confidentialit|tous\s+droits\s+r[ée]serv|^©|^copyright"
    r"|(?:utilis\w*|d[ée]pos\w*)\s+des\s+cookies|(?:accepter|refuser|param[ée]tr\w*)\s+(?:les\s+)?cookies"
    r"|gestion\s+des\s+cookies|^suivez[-\s]nous|^retrouvez[-\s]nous\s+sur|^partage[rz]\b(?:\s*(?::|sur\b|cet|ce\b|la\b|l.article)|\s*$)"
    r"|^(?:imprimer|transf[ée]rer|envoyer)\s+(?:cette|à|a)\b|^aller\s+au\s+contenu|^plan\s+du\s+site"
    r"|^(?:accepter|refuser|tout\s+accepter)$",
    re.IGNORECASE,
)
_BOILERPLATE_MAX_CHARS = 300

_TRACKERS = (
    "sendibm", "sendinblue", "brevo", "list-manage.com", "mailchimp", "mjt.lu", "sendgrid.net",
    "mailjet", "mlsend", "mailerlite", "clicks.", "click.", "track.", "trk.", "r.emsecure",
)
_REDIRECT_PARAMS = ("url", "u", "redirect", "redirect_url", "target", "dest", "destination", "link")
_URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_HAS_ADDRESS = re.compile(r"https?://|www\.|\S@\S{1,253}?\.\w", re.IGNORECASE)  # bounded

_BULLET = re.compile(r"^\s*[•·▪◦►▸‣○●■□–—*-]\s+")
# Soft hyphens, zero-width characters (preheader padding) and control characters.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")  # \s covers NBSP, U+202F, U+2009 in Python 3

_KEYWORD_SIZES = {
    "xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
    "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0,
}
_FONT_TAG_SIZES = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}
_DEFAULT_PX = 16.0
_PX_TO_PT = 0.75
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)(px|pt|em|rem|%)?$")
# A heading is short: a long title still fits, a paragraph does not.
_HEADING_MAX_CHARS = 220
_HEADING_SIZE_RATIO = 1.15


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


# ---------------------------------------------------------------------------
# Noise removal


def _tokens(tag: Tag) -> set[str]:
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names)  # templateFooter → template Footer
    return {token for token in re.split(r"[\s_\-]+", names.lower()) if token}


def _is_furniture(tag: Tag) -> bool:
    tokens = _tokens(tag)
    if tokens & _NOISE_TOKENS and not tokens & _BUILDER_TOKENS:
        return True
    if any(tokens & first and tokens & second for first, second in _NOISE_PAIRS):
        return True
    if str(tag.get("role") or "").lower() in _NOISE_ROLES:
        return True
    return bool(_NOISE_LABEL.search(str(tag.get("aria-label") or "")))


def _text_length(node: Tag) -> int:
    return len(_SPACES.sub("", node.get_text()))


def _inside(tag: Tag, names: set[str]) -> bool:
    return any(parent.name in names for parent in tag.parents)


def _remove_noise(root: Tag) -> None:
    total = max(_text_length(root), 1)
    for tag in list(root.find_all(True)):
        if removed(tag):
            continue
        name = tag.name
        if name in _DROP_TAGS:
            # A <footer>/<nav> inside the article is the article's own furniture too.
            tag.decompose()
            continue
        if name in _DROP_TAGS_IF_SMALL:
            if name == "header" and _inside(tag, {"article", "main"}):
                continue  # an entry header holds the article's title
            if _text_length(tag) / total < _MAX_NOISE_SHARE:
                tag.decompose()
            continue
        if _is_hidden(tag, parse_style(tag.get("style"))) or (
            _is_furniture(tag) and _text_length(tag) / total < _MAX_NOISE_SHARE
        ):
            tag.decompose()
    for node in list(root.find_all(string=True)):
        if isinstance(node, Comment | Doctype | Declaration | ProcessingInstruction):
            node.extract()


def _remove_unsubscribe_footer(root: Tag) -> None:
    """Drop the small container around an unsubscribe line: address, social icons and
    legal lines of an e-mail footer go with it, the (large) content around stays."""
    for node in list(root.find_all(string=_FOOTER_TRIGGER)):
        container = getattr(node, "parent", None)  # gone with an earlier footer
        if container is None or removed(container):
            continue
        while (
            container.parent is not None
            and container.parent is not root
            and container.parent.name not in {"body", "html", "[document]"}
            and _text_length(container.parent) <= _FOOTER_MAX_CHARS
            and not _holds_editorial_text(container.parent)
        ):
            container = container.parent
        if _text_length(container) <= _FOOTER_MAX_CHARS:
            container.decompose()


def _holds_editorial_text(tag: Tag) -> bool:
    """A heading or a real paragraph: what a short e-mail's only cell may share with
    its unsubscribe line. Footer lines are short."""
    if tag.find(list(_HEADING_TAGS)) is not None:
        return True
    texts = [part.get_text() for part in tag.find_all(["p", "li"])]
    texts += [str(string) for string in tag.find_all(string=True)]
    return any(
        len(clean_text(text)) > _FOOTER_LINE_MAX_CHARS
        and not _FOOTER_TRIGGER.search(text)
        and not _BOILERPLATE.search(text)
        for text in texts
    )


def _content_root(body: Tag) -> Tag:
    total = max(_text_length(body), 1)
    for selector in _CONTENT_SELECTORS:
        found = body.select(selector)
        if selector == "article" and len(found) != 1:
            continue  # a listing of posts, not one post
        for candidate in found:
            if _text_length(candidate) / total >= _MIN_CONTENT_SHARE:
                return candidate
    return body


# ---------------------------------------------------------------------------
# Walking the tree


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


def resolve_link(href: str, anchor_text: str) -> str | None:
    """The destination a reader reaches, or None for non-links (mailto:, #…)."""
    href = href.strip()
    if not href or href.startswith("#") or href.split(":", 1)[0].lower() in {
        "mailto", "tel", "sms", "javascript", "data", "cid",
    }:
        return None
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    for param in _REDIRECT_PARAMS:
        for value in query.get(param, []):
            if value.startswith(("http://", "https://")):
                return value
    shown = anchor_text.strip()
    if any(tracker in parts.netloc.lower() for tracker in _TRACKERS) and _URL_TEXT.match(shown):
        return shown if "://" in shown else f"https://{shown}"
    return href


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


def clean_text(text: str) -> str:
    """Soft hyphens and zero-width characters out, every kind of space to one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


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


def extract_html(data: bytes, source: SourceFile) -> ExtractedDocument:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) \
            and utf16_byte_order(data[:4096]) is None:
        raise ExtractionError(source.path, "contenu binaire, pas du HTML")
    try:
        decoded = decode_html(data)
    except UndecodableError as error:
        reason = f"encodage des caractères illisible : {error}"
        raise ExtractionError(source.path, reason) from error
    with warnings.catch_warnings():
        # A file holding only a URL is still a (poor) document, not a locator to fetch.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(decoded.text, "html.parser")
    deep = flatten_deep(soup)
    title = _page_title(soup)
    body = soup.body or soup
    _remove_noise(body)
    _remove_unsubscribe_footer(body)
    raw_blocks = _collect(body)
    if not raw_blocks:
        raise ExtractionError(source.path, NO_CONTENT)
    body_px = body_size_px(raw_blocks)
    boxes = content_boxes([block.element for block in raw_blocks])
    blocks = tuple(
        _to_block(block, body_px, group, box)
        for block, group, box in zip(raw_blocks, content_groups(raw_blocks), boxes, strict=True)
    )
    if all(block.kind is BlockKind.HEADING for block in blocks):
        raise ExtractionError(source.path, NO_CONTENT)
    return ExtractedDocument(
        source=source,
        blocks=blocks,
        title=title,
        page_count=1,
        body_font_size=round(body_px * _PX_TO_PT, 2) if body_px else None,
        warnings=(DEEP_WARNING,) if deep else (),
    )


