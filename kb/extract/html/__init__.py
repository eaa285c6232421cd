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

Modules, in the order a page goes through them:

- `values`: the runs, frames and raw blocks the walker reads into, and `clean_text`;
- `links`: `resolve_link`, a reader's real destination past tracking redirects;
- `styles`: inline styles (`parse_style`, `parse_font_size`), hidden elements, and the
  style each element passes on;
- `noise`: page furniture, hidden preheaders, unsubscribe footers and boilerplate removed,
  the content container found;
- `walker`: the tree walked in document order into raw blocks;
- `blocks`: raw blocks turned into Blocks (headings by type, content groups);
- `extractor`: `extract_html`, running these steps.

Every name stays importable from `kb.extract.html`; the bounds on the parsed tree (depth,
decomposed tags, tinted boxes) stay in `kb.extract.html_tree`.
"""

from __future__ import annotations

from kb.extract.html.blocks import (
    _CONTAINER_TAGS,
    _HEADING_MAX_CHARS,
    _HEADING_SIZE_RATIO,
    _collect,
    _collect_whole,
    _is_boilerplate,
    _looks_like_heading,
    _page_title,
    _precedes,
    _to_block,
    body_size_px,
    content_groups,
)
from kb.extract.html.extractor import (
    NO_CONTENT,
    extract_html,
)
from kb.extract.html.links import (
    _HAS_ADDRESS,
    _REDIRECT_PARAMS,
    _TRACKERS,
    _URL_TEXT,
    resolve_link,
)
from kb.extract.html.noise import (
    _BOILERPLATE,
    _BOILERPLATE_MAX_CHARS,
    _BUILDER_TOKENS,
    _CONTENT_SELECTORS,
    _DROP_TAGS,
    _DROP_TAGS_IF_SMALL,
    _FOOTER_LINE_MAX_CHARS,
    _FOOTER_MAX_CHARS,
    _FOOTER_TRIGGER,
    _MAX_NOISE_SHARE,
    _MIN_CONTENT_SHARE,
    _NOISE_LABEL,
    _NOISE_PAIRS,
    _NOISE_ROLES,
    _NOISE_TOKENS,
    _content_root,
    _holds_editorial_text,
    _inside,
    _is_furniture,
    _remove_noise,
    _remove_unsubscribe_footer,
    _text_length,
    _tokens,
)
from kb.extract.html.styles import (
    _BOLD_TAGS,
    _DEFAULT_PX,
    _FONT_TAG_SIZES,
    _HEADING_EM,
    _KEYWORD_SIZES,
    _PX_TO_PT,
    _SIZE,
    _child_style,
    _is_hidden,
    _weight_is_bold,
    parse_font_size,
    parse_style,
)
from kb.extract.html.values import (
    _HEADING_TAGS,
    _INVISIBLE,
    _LINE_BREAK,
    _SPACES,
    _Frame,
    _RawBlock,
    _Run,
    _Style,
    clean_text,
)
from kb.extract.html.walker import (
    _BLOCK_TAGS,
    _BULLET,
    _line_size,
    _paragraphs,
    _raw_block,
    _size_changes,
    _strip_bullet,
    _Walker,
)

__all__ = [
    "NO_CONTENT",
    "_BLOCK_TAGS",
    "_BOILERPLATE",
    "_BOILERPLATE_MAX_CHARS",
    "_BOLD_TAGS",
    "_BUILDER_TOKENS",
    "_BULLET",
    "_CONTAINER_TAGS",
    "_CONTENT_SELECTORS",
    "_DEFAULT_PX",
    "_DROP_TAGS",
    "_DROP_TAGS_IF_SMALL",
    "_FONT_TAG_SIZES",
    "_FOOTER_LINE_MAX_CHARS",
    "_FOOTER_MAX_CHARS",
    "_FOOTER_TRIGGER",
    "_HAS_ADDRESS",
    "_HEADING_EM",
    "_HEADING_MAX_CHARS",
    "_HEADING_SIZE_RATIO",
    "_HEADING_TAGS",
    "_INVISIBLE",
    "_KEYWORD_SIZES",
    "_LINE_BREAK",
    "_MAX_NOISE_SHARE",
    "_MIN_CONTENT_SHARE",
    "_NOISE_LABEL",
    "_NOISE_PAIRS",
    "_NOISE_ROLES",
    "_NOISE_TOKENS",
    "_PX_TO_PT",
    "_REDIRECT_PARAMS",
    "_SIZE",
    "_SPACES",
    "_TRACKERS",
    "_URL_TEXT",
    "_Frame",
    "_RawBlock",
    "_Run",
    "_Style",
    "_Walker",
    "_child_style",
    "_collect",
    "_collect_whole",
    "_content_root",
    "_holds_editorial_text",
    "_inside",
    "_is_boilerplate",
    "_is_furniture",
    "_is_hidden",
    "_line_size",
    "_looks_like_heading",
    "_page_title",
    "_paragraphs",
    "_precedes",
    "_raw_block",
    "_remove_noise",
    "_remove_unsubscribe_footer",
    "_size_changes",
    "_strip_bullet",
    "_text_length",
    "_to_block",
    "_tokens",
    "_weight_is_bold",
    "body_size_px",
    "clean_text",
    "content_groups",
    "extract_html",
    "parse_font_size",
    "parse_style",
    "resolve_link",
]
