"""PDF → Blocks in reading order, with pdfplumber.

Newsletter PDFs are laid out in 1 to 3 columns under a masthead that spans them, with
running headers, page-number footers and words hyphenated at line ends. Per page we
find the column gutters (vertical strips no body word crosses), cut the page into
full-width bands (words that cross a gutter, and their rows) and column bands, and read
full-width bands in place and column bands column by column. Lines are grouped into
paragraphs by line pitch, font and bullets; then headers/footers repeating across pages
are dropped, hyphenation is mended with a lexicon of the document's own words, and
paragraphs cut by a column or page break are joined again.

Pages are parsed one at a time and closed right away, so memory stays bounded by the
text of the document, not by pdfplumber's object cache.

Modules, in the order a document goes through them:

- `values`: the intermediate dataclasses (words, lines, pages, drafts) and shared measures;
- `pages`: pdfplumber's pages read into words, links, boxes and drawn bullets;
- `scanned`: pages that are pictures, read by OCR (`kb.extract.ocr`) or reported;
- `running`: running headers, footers and page numbers dropped;
- `columns`: the gutters of each page and the measures of the whole issue;
- `sections`: short headings that cut a page in columns across;
- `lines`: words grouped into lines, links and drawn bullets attached;
- `reading_order`: bands and columns read in order, framed boxes apart;
- `paragraphs`: lines grouped into paragraphs, headings told by their type;
- `hyphenation`: a paragraph's text, line-end hyphens and cut URLs mended;
- `breaks`: paragraphs cut by a column or page break joined again;
- `blocks`: the drafts as Blocks;
- `extractor`: `extract_pdf`, running these steps.

The steps' names stay importable from `kb.extract.pdf`: the OCR reader
(`kb.extract.ocr`) lays out scanned pages with them, and the tests call them.
"""

from __future__ import annotations

from kb.extract.hyphens import (
    _TOKEN,
    KNOWN_COMPOUNDS,
    PLACE_PARTICLES,
    PREFIXES,
    PRONOUNS,
)
from kb.extract.hyphens import URLISH as _URLISH
from kb.extract.hyphens import keep_hyphen as _keep_hyphen
from kb.extract.pdf.blocks import (
    _blocks,
)
from kb.extract.pdf.breaks import (
    SENTENCE_END,
    _continues,
    _continues_item,
    _full_width,
    _mend_breaks,
)
from kb.extract.pdf.columns import (
    CROSSED_GUTTER,
    MIN_GUTTER,
    _column_starts_at,
    _coverage,
    _DocumentMeasures,
    _even_columns,
    _find_gutters,
    _fits_the_gutters,
    _gutters_below,
    _gutters_under_the_page_wide_text,
    _heading_column_gutter,
    _line_pieces,
    _measure_document,
    _page_body_size,
    _rounded,
    _rows,
    _runs,
    _same_layout,
    _size_weights,
    _spanning_words,
    _title_column_gutter,
    _wide_lines,
)
from kb.extract.pdf.extractor import (
    extract_pdf,
)
from kb.extract.pdf.hyphenation import (
    _join,
    _join_draft,
    _lexicon,
    _links,
    _repair_links,
)
from kb.extract.pdf.lines import (
    _attach_links,
    _attach_marks,
    _lines_of,
    _row_text,
)
from kb.extract.pdf.pages import (
    BOLD_MARKERS,
    _describe,
    _marks,
    _metadata_title,
    _open_error,
    _read_page,
    _read_pages,
)
from kb.extract.pdf.paragraphs import (
    BULLETS,
    SHORT_HEADING_CHARS,
    _classify,
    _dominant_size,
    _is_bullet,
    _paragraphs,
    _typical_pitch,
)
from kb.extract.pdf.reading_order import (
    _flow_lines,
    _in_box,
    _inside_rect,
    _layout_lines,
    _picture_frames,
    _text_boxes,
    _top_band,
)
from kb.extract.pdf.running import (
    _PAGE_NUMBER,
    HEADER_BAND,
    _drop_running_words,
    _margin_fragments,
    _running_key,
)
from kb.extract.pdf.scanned import (
    _dominant_block_size,
    _read_scanned,
)
from kb.extract.pdf.sections import (
    QUOTE_MARKS,
    _footer,
    _section_breaks,
)
from kb.extract.pdf.values import (
    _CID,
    _SPACES,
    HEADING_SIZE_RATIO,
    MIN_COLUMN,
    TERMINAL,
    _clean,
    _Draft,
    _Line,
    _Page,
    _Word,
)

__all__ = [
    "BOLD_MARKERS",
    "BULLETS",
    "CROSSED_GUTTER",
    "HEADER_BAND",
    "HEADING_SIZE_RATIO",
    "KNOWN_COMPOUNDS",
    "MIN_COLUMN",
    "MIN_GUTTER",
    "PLACE_PARTICLES",
    "PREFIXES",
    "PRONOUNS",
    "QUOTE_MARKS",
    "SENTENCE_END",
    "SHORT_HEADING_CHARS",
    "TERMINAL",
    "_CID",
    "_PAGE_NUMBER",
    "_SPACES",
    "_TOKEN",
    "_URLISH",
    "_DocumentMeasures",
    "_Draft",
    "_Line",
    "_Page",
    "_Word",
    "_attach_links",
    "_attach_marks",
    "_blocks",
    "_classify",
    "_clean",
    "_column_starts_at",
    "_continues",
    "_continues_item",
    "_coverage",
    "_describe",
    "_dominant_block_size",
    "_dominant_size",
    "_drop_running_words",
    "_even_columns",
    "_find_gutters",
    "_fits_the_gutters",
    "_flow_lines",
    "_footer",
    "_full_width",
    "_gutters_below",
    "_gutters_under_the_page_wide_text",
    "_heading_column_gutter",
    "_in_box",
    "_inside_rect",
    "_is_bullet",
    "_join",
    "_join_draft",
    "_keep_hyphen",
    "_layout_lines",
    "_lexicon",
    "_line_pieces",
    "_lines_of",
    "_links",
    "_margin_fragments",
    "_marks",
    "_measure_document",
    "_mend_breaks",
    "_metadata_title",
    "_open_error",
    "_page_body_size",
    "_paragraphs",
    "_picture_frames",
    "_read_page",
    "_read_pages",
    "_read_scanned",
    "_repair_links",
    "_rounded",
    "_row_text",
    "_rows",
    "_running_key",
    "_runs",
    "_same_layout",
    "_section_breaks",
    "_size_weights",
    "_spanning_words",
    "_text_boxes",
    "_title_column_gutter",
    "_top_band",
    "_typical_pitch",
    "_wide_lines",
    "extract_pdf",
]
