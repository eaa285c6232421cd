"""The public entry point: the steps of the reader, in the order a document goes through
them.
"""

from __future__ import annotations

from kb.extract.pdf.blocks import _blocks
from kb.extract.pdf.breaks import _mend_breaks
from kb.extract.pdf.columns import _measure_document
from kb.extract.pdf.hyphenation import _join_draft, _lexicon
from kb.extract.pdf.lines import _attach_links, _attach_marks
from kb.extract.pdf.pages import _read_pages
from kb.extract.pdf.paragraphs import _classify, _dominant_size, _paragraphs
from kb.extract.pdf.reading_order import _layout_lines
from kb.extract.pdf.running import _drop_running_words
from kb.extract.pdf.scanned import _dominant_block_size, _read_scanned
from kb.extract.pdf.values import _Line
from kb.models import ExtractedDocument, SourceFile


def extract_pdf(data: bytes, source: SourceFile) -> ExtractedDocument:
    """Read a PDF into blocks in reading order, or raise ExtractionError."""
    pages, title = _read_pages(data, source.path)
    page_count = len(pages)
    scanned_blocks, warnings = _read_scanned(data, pages, source.path)
    if not any(page.words for page in pages):
        return ExtractedDocument(
            source=source, blocks=tuple(scanned_blocks), title=title, page_count=page_count,
            body_font_size=_dominant_block_size(scanned_blocks), warnings=warnings,
        )
    running_heads = _drop_running_words(pages)
    measures = _measure_document(pages)
    lines: list[_Line] = []
    for page in pages:
        if page.words:
            page_lines = _layout_lines(page.words, page.width, page.number, page.rects,
                                       page_height=page.height, measures=measures)
            _attach_links(page_lines, page.hyperlinks)
            _attach_marks(page_lines, page.marks)
            lines += page_lines
        page.words = []
    body_size = _dominant_size(lines)
    lexicon = _lexicon(lines)
    drafts = _paragraphs(lines, body_size)
    _classify(drafts, body_size)
    for draft in drafts:
        draft.text = _join_draft(draft, lexicon)
    # A box sits beside the articles, not inside one: read it after the flow, so that an
    # article running past it stays whole (and its paragraph cut by the box is mended).
    drafts = [d for d in drafts if not d.first.boxed] + [d for d in drafts if d.first.boxed]
    drafts = _mend_breaks(drafts, lexicon)
    blocks = _blocks(drafts, body_size)
    if scanned_blocks:  # text pages and scanned pages mixed: pages in order
        blocks = sorted([*blocks, *scanned_blocks], key=lambda block: block.page)
    return ExtractedDocument(
        source=source,
        blocks=tuple(blocks),
        title=title,
        page_count=page_count,
        body_font_size=body_size,
        warnings=warnings,
        running_heads=tuple(running_heads),
    )
