"""Scanned PDF pages read by OCR: tesseract with its French data, through pytesseract.

OCR is optional (the Debian packages `tesseract-ocr` `tesseract-ocr-fra`; pytesseract
installs with the project): where it is missing, `unavailable_reason()` says why, and the PDF
extractor reports the file as needing OCR instead of indexing an empty issue.

A scan holds no fonts, so the typography the segmenter reads is measured on the picture:

- each page is rendered at 300 dpi, straightened (scanners set pages a little askew: the
  angle whose rows of ink are sharpest) and cleared of its rules, which tesseract would
  read into the words they touch;
- tesseract reads the words and groups them into lines. Each word's box is fitted to its
  ink (tesseract's boxes take in a bit of the next line, or leave out an accent); its
  height above the line's baseline, over the share of an em its letters reach
  (capitals and ascenders, t, small letters, accents and dots; small letters and t
  measured on each page against its capitals), gives its type size, and a line's size
  is the median of its words';
- a word is bold when its strokes are clearly thicker, for its size, than the page's
  body text's (runs of ink across its stems, and its ink mass per stem);
- lines set one under the other in one weight and about one size take one size (a
  title's lines), then the issue's sizes gather into a few tiers, as a text PDF states
  them; list bullets read as "e", "°" or "+" become bullets again, dots and accents
  read as a line of their own are dropped, middle dots of inclusive writing read as
  colons or hyphens come back;
- the words, placed in points with these sizes and weights, then go through the text
  PDF reader's own layout (`kb.extract.pdf`): columns and full-width bands in reading
  order, running headers and footers repeated across pages dropped, lines grouped into
  paragraphs, headings, list items, words cut at a line end mended with the document's
  own lexicon (the project's one de-hyphenator), paragraphs cut by a column or page
  break joined. A scan gives the segmenter the cues of a text PDF, measured rather than
  read.

Modules, in the order a page goes through them:

- `values`: the constants and the words, lines and pages a page is read into;
- `reader`: `unavailable_reason`, and the pages rendered and read (`read_scanned_pages`,
  `read_page`);
- `image`: the picture straightened and cleared of its rules;
- `words`: each word measured (letter heights, ink box, baseline, strokes), inclusive
  writing mended, junk told;
- `lines`: tesseract's words grouped into measured lines (`page_of_data`);
- `typography`: bold, harmonised sizes and the issue's size tiers;
- `layout`: the pages laid out by the text PDF reader (`blocks_of_pages`).

Every name stays importable from `kb.extract.ocr`: the PDF reader asks
`ocr.unavailable_reason()` and `ocr.read_scanned_pages` at call time (so a test that
patches `kb.extract.ocr.unavailable_reason` is heard), and the tests call the steps.
"""

from __future__ import annotations

from kb.extract.ocr.image import (
    _ink_threshold,
    _long_runs,
    deskew,
    erase_rules,
    prepare_image,
    skew_angle,
)
from kb.extract.ocr.layout import (
    _text_pdf_layout,
    blocks_of_pages,
)
from kb.extract.ocr.lines import (
    _bounded,
    _calibrate,
    _line_baseline,
    _mark_bullet,
    _marks_read_as_line,
    _Measured,
    page_of_data,
)
from kb.extract.ocr.reader import (
    _read_and_close,
    _single_threaded_tesseract,
    read_page,
    read_scanned_pages,
    unavailable_reason,
)
from kb.extract.ocr.typography import (
    _harmonise,
    _mark_bold,
    _same_tier,
    size_tiers,
)
from kb.extract.ocr.values import (
    _ASCENDERS,
    _BULLET_READINGS,
    _DESCENDERS,
    _DOTTED,
    _INCLUSIVE,
    _INCLUSIVE_SEPARATOR,
    _MARKS_BELOW,
    _RULE,
    ACCENT,
    BOLD_STEM_RATIO,
    BULLET,
    BULLET_GAP,
    CAP_ACCENT,
    CAP_HEIGHT,
    DESKEW_RESOLUTION,
    HARMONY_GAP,
    HARMONY_RATIO,
    JUNK_CONFIDENCE,
    LANGUAGE,
    MARK_EXCESS,
    MARK_GAP,
    MARK_HEIGHT,
    MARK_REACH,
    MAX_OCR_AREA,
    MAX_SKEW,
    MIN_CALIBRATION_LINES,
    MIN_RUNS,
    MIN_WORD_CONFIDENCE,
    PAGES_IN_FLIGHT,
    POINTS_PER_INCH,
    RESOLUTION,
    RULE_CONTRAST,
    RULE_LENGTH,
    RULE_THICKNESS,
    T_HEIGHT,
    T_RATIO_RANGE,
    TESSERACT_CONFIG,
    TIER_SPREAD,
    X_HEIGHT,
    X_RATIO_RANGE,
    OcrLine,
    OcrPage,
    OcrWord,
)
from kb.extract.ocr.words import (
    Metrics,
    Reach,
    _baseline,
    _ink_box,
    _is_junk,
    _stem,
    inclusive,
    reach,
)

__all__ = [
    "ACCENT",
    "BOLD_STEM_RATIO",
    "BULLET",
    "BULLET_GAP",
    "CAP_ACCENT",
    "CAP_HEIGHT",
    "DESKEW_RESOLUTION",
    "HARMONY_GAP",
    "HARMONY_RATIO",
    "JUNK_CONFIDENCE",
    "LANGUAGE",
    "MARK_EXCESS",
    "MARK_GAP",
    "MARK_HEIGHT",
    "MARK_REACH",
    "MAX_OCR_AREA",
    "MAX_SKEW",
    "MIN_CALIBRATION_LINES",
    "MIN_RUNS",
    "MIN_WORD_CONFIDENCE",
    "PAGES_IN_FLIGHT",
    "POINTS_PER_INCH",
    "RESOLUTION",
    "RULE_CONTRAST",
    "RULE_LENGTH",
    "RULE_THICKNESS",
    "TESSERACT_CONFIG",
    "TIER_SPREAD",
    "T_HEIGHT",
    "T_RATIO_RANGE",
    "X_HEIGHT",
    "X_RATIO_RANGE",
    "_ASCENDERS",
    "_BULLET_READINGS",
    "_DESCENDERS",
    "_DOTTED",
    "_INCLUSIVE",
    "_INCLUSIVE_SEPARATOR",
    "_MARKS_BELOW",
    "_RULE",
    "Metrics",
    "OcrLine",
    "OcrPage",
    "OcrWord",
    "Reach",
    "_Measured",
    "_baseline",
    "_bounded",
    "_calibrate",
    "_harmonise",
    "_ink_box",
    "_ink_threshold",
    "_is_junk",
    "_line_baseline",
    "_long_runs",
    "_mark_bold",
    "_mark_bullet",
    "_marks_read_as_line",
    "_read_and_close",
    "_same_tier",
    "_single_threaded_tesseract",
    "_stem",
    "_text_pdf_layout",
    "blocks_of_pages",
    "deskew",
    "erase_rules",
    "inclusive",
    "page_of_data",
    "prepare_image",
    "reach",
    "read_page",
    "read_scanned_pages",
    "size_tiers",
    "skew_angle",
    "unavailable_reason",
]
