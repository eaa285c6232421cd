"""OCR'd pages laid out by the text PDF reader (`kb.extract.pdf`), as words in points with
their measured sizes and weights.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.extract.ocr.typography import _harmonise, _mark_bold, size_tiers
from kb.extract.ocr.values import OcrPage
from kb.models import Block


def blocks_of_pages(pages: Sequence[OcrPage]) -> list[Block]:
    """Blocks of OCR'd pages, laid out by the text PDF reader."""
    from kb.extract import pdf

    lines = [line for page in pages for line in page.lines]
    _mark_bold(lines)
    for page in pages:
        _harmonise(page)
    tiers = size_tiers(lines)
    pdf_pages = []
    for page in pages:
        words = []
        for line in page.lines:
            size = tiers[id(line)]
            # The type's box, as a text PDF gives it: from the baseline, whatever letters
            # the words hold (a word with a descender sits on the same line).
            top = line.baseline * page.scale - 0.8 * size
            bottom = line.baseline * page.scale + 0.2 * size
            words += [pdf._Word(text=word.text, x0=word.left * page.scale,
                                x1=word.right * page.scale, top=top, bottom=bottom,
                                size=size, bold=word.bold)
                      for word in line.words]
        pdf_pages.append(pdf._Page(number=page.number, width=page.width, height=page.height,
                                   words=words, hyperlinks=[]))
    return _text_pdf_layout(pdf_pages)


def _text_pdf_layout(pages: list) -> list[Block]:
    """The text PDF reader's steps once its pages are read (as `pdf.extract_pdf` runs
    them, less links and framed boxes, which a scan does not show): the one place this
    module leans on that reader's internals."""
    from kb.extract import pdf

    pdf._drop_running_words(pages)
    measures = pdf._measure_document(pages)
    lines = []
    for page in pages:
        if page.words:
            lines += pdf._layout_lines(page.words, page.width, page.number,
                                       page_height=page.height, measures=measures)
    body_size = pdf._dominant_size(lines)
    lexicon = pdf._lexicon(lines)
    drafts = pdf._paragraphs(lines, body_size)
    pdf._classify(drafts, body_size)
    for draft in drafts:
        draft.text = pdf._join_draft(draft, lexicon)
    drafts = pdf._mend_breaks(drafts, lexicon)
    return pdf._blocks(drafts, body_size)
