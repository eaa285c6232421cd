"""`extract_html`: an HTML file's bytes decoded and parsed, its noise removed, its blocks
collected.
"""

from __future__ import annotations

import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from kb.errors import ExtractionError
from kb.extract.charset import UndecodableError, decode_html, utf16_byte_order
from kb.extract.html.blocks import _collect, _page_title, _to_block, body_size_px, content_groups
from kb.extract.html.noise import _remove_noise, _remove_unsubscribe_footer
from kb.extract.html.styles import _PX_TO_PT
from kb.extract.html_tree import DEEP_WARNING, content_boxes, flatten_deep
from kb.models import BlockKind, ExtractedDocument, SourceFile

NO_CONTENT = "HTML sans contenu éditorial"


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
