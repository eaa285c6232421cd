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
"""

from __future__ import annotations

import io
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from kb.errors import ExtractionError
from kb.extract.pdf_limits import check_streams, clamp_page_size
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile

BOLD_MARKERS = ("bold", "black", "semibold", "heavy", "demi")
TERMINAL = (".", "!", "?", ":", "»", "…", ";")
SENTENCE_END = (".", "!", "?", "»", "…")  # after ":" or ";" the sentence goes on
BULLETS = ("•", "▪", "●", "◦", "■", "–", "—", "-", "*", "", "➢", "►")
HEADER_BAND = 0.10  # share of page height where running headers / footers live
MIN_GUTTER = 6.0  # points
CROSSED_GUTTER = 1.5 * MIN_GUTTER  # points: a strip a few words cross is at least this wide
MIN_COLUMN = 40.0  # points: a "column" narrower than this is a bullet or an indent
HEADING_SIZE_RATIO = 1.12
QUOTE_MARKS = "«“\"„"
SHORT_HEADING_CHARS = 200

# Pieces that, after a line-end hyphen, mean the hyphen belongs to the word.
PLACE_PARTICLES = {
    "la", "le", "les", "l", "sur", "sous", "en", "de", "du", "des", "d", "lès", "lez", "lés",
    "saint", "sainte", "st", "ste", "et", "aux", "au", "à",
}
PRONOUNS = {"t", "il", "ils", "elle", "elles", "on", "je", "tu", "nous", "vous", "ce", "là",
            "ci", "y", "en", "moi", "toi", "lui", "leur", "eux", "même", "mêmes"}
PREFIXES = {
    # Only prefixes French usually joins with a hyphen; trans-, inter-, pré-, auto-… are
    # mostly written solid, so a line-end cut after them is a syllable cut.
    "co", "anti", "néo", "neo", "semi", "sous", "non", "ex", "post", "socio", "quasi", "mi",
    "demi", "vice", "bien", "après", "avant", "arrière", "grand", "hors", "franco",
}

# Hyphenated words whose pieces no rule recognises.
KNOWN_COMPOUNDS = {
    "au-delà", "au-dessus", "au-dessous", "au-devant", "c'est-à-dire", "peut-être", "vis-à-vis",
    "rendez-vous", "bien-être", "porte-parole", "après-midi", "sans-abri", "mi-temps",
    "mi-parcours", "non-recours", "demi-journée", "chef-lieu", "week-end", "savoir-faire",
    "vivre-ensemble", "grand-mère", "grand-père", "belle-mère", "beau-père",
    "garde-fou", "lieu-dit", "procès-verbal", "sur-le-champ", "tête-à-tête", "ci-dessous",
    "ci-dessus", "ci-joint", "là-bas", "état-major", "nord-ouest", "sud-ouest", "nord-est",
    "sud-est", "franco-allemand", "chef-fe", "celles-ci", "ceux-ci", "celle-ci", "celui-ci",
}

_PAGE_NUMBER = re.compile(
    r"^(?:p(?:age|\.)?\s*)?[-–—(\s]*\d{1,4}[-–—)\s]*(?:(?:/|sur|of)\s*\d{1,4})?$", re.IGNORECASE
)
_URLISH = re.compile(r"(?:https?://|www\.|\w@\w|\.(?:fr|org|com|net|eu|gouv)\b|/)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_CID = re.compile(r"\(cid:\d+\)")


# ---------------------------------------------------------------------------
# Intermediate values: plain dataclasses before any Block is built.


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    group: int  # index of the (page, band, column) region this line was read in
    column: int
    mixed: bool = False  # some words bold, some not: a bold name opening a list item
    links: list[str] = field(default_factory=list)
    region_x1: float = 0.0  # right edge of the region: a line reaching it is justified
    boxed: bool = False  # inside a framed or tinted box ("À noter", an agenda): out of the flow
    marked: bool = False  # a bullet drawn as a shape (a disc, a square) just left of it


@dataclass(slots=True)
class _Page:
    """What one page leaves once pdfplumber has closed it: words and link rectangles."""

    number: int
    width: float
    height: float
    words: list[_Word]
    hyperlinks: list[tuple[float, float, float, float, str]]
    lines: list[_Line] = field(default_factory=list)
    # Filled or framed rectangles (x0, top, x1, bottom): boxes, banners, picture frames.
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    has_images: bool = False  # a page of pictures and no words is a scan
    # Small filled shapes (x0, top, x1, bottom): bullets a browser or a DTP tool draws.
    marks: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    lines: list[_Line]
    kind: BlockKind = BlockKind.PARAGRAPH
    text: str = ""

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def last(self) -> _Line:
        return self.lines[-1]


# ---------------------------------------------------------------------------
# Public entry point


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


# ---------------------------------------------------------------------------
# Reading pages


def _read_scanned(
    data: bytes, pages: list[_Page], path: str
) -> tuple[list[Block], tuple[str, ...]]:
    """Pages that are pictures without text, read by OCR where it is installed.

    A document with no text at all and no OCR is refused with the reason; scanned pages
    beside text pages are read when OCR is there (the text pages are read either way);
    without OCR they are skipped with a warning naming them.
    """
    from kb.extract import ocr

    scanned = [page.number for page in pages if not page.words and page.has_images]
    has_text = any(page.words for page in pages)
    if not scanned:
        if not has_text:
            raise ExtractionError(path, "PDF sans texte ni image : pages blanches")
        return [], ()
    missing = ocr.unavailable_reason()
    if missing:
        if has_text:
            listed = ", ".join(str(number) for number in scanned)
            return [], (f"pages numérisées non lues (p. {listed}) : OCR nécessaire ({missing})",)
        raise ExtractionError(
            path, f"PDF sans texte (image numérisée) : OCR nécessaire ({missing})")
    blocks = ocr.read_scanned_pages(data, scanned)
    if not blocks and not has_text:
        raise ExtractionError(
            path, "PDF numérisé : l'OCR n'y a reconnu aucun texte (scan illisible ?)")
    return blocks, ()


def _dominant_block_size(blocks: list[Block]) -> float | None:
    sizes: Counter[float] = Counter()
    for block in blocks:
        if block.font_size:
            sizes[block.font_size] += len(block.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _read_pages(data: bytes, path: str) -> tuple[list[_Page], str | None]:
    check_streams(data, path)  # before pdfminer inflates a bomb
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        raise _open_error(path, error) from error
    except Exception as error:  # pdfminer raises many unrelated types on broken files
        raise ExtractionError(path, f"PDF corrompu ou tronqué ({_describe(error)})") from error
    with pdf:
        try:
            page_objects = pdf.pages
        except Exception as error:
            raise ExtractionError(path, f"PDF corrompu ou tronqué ({_describe(error)})") from error
        if not page_objects:
            raise ExtractionError(path, "PDF sans aucune page")
        title = _metadata_title(pdf.metadata)
        pages: list[_Page] = []
        for page in page_objects:
            try:
                pages.append(_read_page(page))
            except Exception as error:
                reason = f"PDF corrompu ou tronqué (page {page.page_number} : {_describe(error)})"
                raise ExtractionError(path, reason) from error
            finally:
                # Drops the page's parsed layout and cached chars/objects.
                page.close()
    return pages, title


def _open_error(path: str, error: PdfminerException) -> ExtractionError:
    cause = error.args[0] if error.args else error
    name = type(cause).__name__
    if "Password" in name or "Encryption" in name:
        return ExtractionError(path, "PDF chiffré (protégé par mot de passe)")
    return ExtractionError(path, f"PDF corrompu ou tronqué ({_describe(cause)})")


def _describe(error: object) -> str:
    if isinstance(error, PdfminerException) and error.args:
        error = error.args[0]
    message = str(error).strip()
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _metadata_title(metadata: dict) -> str | None:
    raw = metadata.get("Title") if metadata else None
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return None
    title = _clean(raw.removeprefix("Microsoft Word - "))
    return title or None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\ufffd", "")
    return _SPACES.sub(" ", text).strip()


def _read_page(page) -> _Page:
    """Words with their font, and link rectangles; nothing that keeps the page alive."""
    raw_words = page.extract_words(
        x_tolerance_ratio=0.15, y_tolerance=2, keep_blank_chars=False,
        extra_attrs=["fontname", "size"], expand_ligatures=True,
    )
    words = [
        _Word(
            text=unicodedata.normalize("NFC", word["text"]),
            x0=word["x0"], x1=word["x1"], top=word["top"], bottom=word["bottom"],
            size=round(float(word["size"]), 1),
            bold=any(marker in str(word["fontname"]).lower() for marker in BOLD_MARKERS),
        )
        for word in raw_words
        if word.get("upright", True) and word["text"].strip()
    ]
    rects = [
        (float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
        for rect in page.rects
        if (rect.get("fill") or rect.get("stroke"))
        and rect["x1"] - rect["x0"] >= MIN_COLUMN and rect["bottom"] - rect["top"] >= 12
        # A page-wide background is not a box.
        and (rect["x1"] - rect["x0"]) * (rect["bottom"] - rect["top"])
        < 0.5 * float(page.width) * float(page.height)
    ]
    hyperlinks = []
    for link in page.hyperlinks:
        uri = link.get("uri")
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8", errors="replace")
        if uri:
            hyperlinks.append((link["x0"], link["top"], link["x1"], link["bottom"], str(uri)))
    return _Page(number=page.page_number, width=clamp_page_size(page.width), words=words,
                 height=clamp_page_size(page.height), hyperlinks=hyperlinks, rects=rects,
                 has_images=bool(page.images), marks=_marks(page))


# ---------------------------------------------------------------------------
# Columns and reading order


def _find_gutters(words: list[_Word], page_width: float, body_size: float | None = None,
                  ) -> list[tuple[float, float]]:
    """Vertical strips between columns: few words cross them, text on both sides."""
    left = max(0.0, min(word.x0 for word in words))
    right = min(max(word.x1 for word in words), clamp_page_size(page_width))  # off-page lines
    # Columns are made of body text; a masthead or a spanning title in other sizes
    # would blur the gutters of a page whose columns are short.
    body_size = body_size or _page_body_size(words, None)
    # A paragraph set across the page (an editorial above the columns) says nothing of
    # them: lines much wider than a column are left out, unless what is left is too
    # little to be columns (the short last lines of a page set in one column).
    body_words = [word for word in words if abs(word.size - body_size) <= 0.6]
    wide = _wide_lines(body_words, 0.6 * (right - left))
    if sum(len(w.text) for w in body_words if id(w) not in wide) \
            < 0.3 * sum(len(w.text) for w in body_words):
        wide = set()
    coverage = _coverage([word for word in body_words if id(word) not in wide],
                         math.ceil(max(right, 0.0)) + 2)
    inside = [count for count in coverage[int(left):math.ceil(right)] if count]
    if not inside:
        return []
    # Full-width lines (masthead, spanning titles) cross gutters too, but far fewer
    # times than a column's lines cover any point of it. Measured on the well-filled
    # columns (upper quartile): a short column would lower the median.
    upper = sorted(inside)[(3 * len(inside)) // 4]
    found = _gutters_below(max(1.0, 0.2 * upper), coverage, words, left, right,
                           narrow=bool(wide), body_size=body_size)
    # Lines across the columns (a boxed agenda, a masthead) may cross the gutter often
    # enough to cut its strip in pieces: a higher threshold is tried, and kept when it
    # finds more columns of equal widths, as a grid gives.
    more = _gutters_below(max(1.0, 0.3 * upper), coverage, words, left, right,
                          narrow=bool(wide), body_size=body_size)
    if len(more) > len(found) and _even_columns(more, left, right):
        found = more
    return _title_column_gutter(words, coverage, left, found) + found


def _coverage(words: list[_Word], length: int) -> list[int]:
    """For each point across the page (up to `length`), how many of the words cover it."""
    coverage = [0] * length
    for word in words:
        for x in range(max(0, int(word.x0)), min(length, math.ceil(word.x1))):
            coverage[x] += 1
    return coverage


def _title_column_gutter(words: list[_Word], coverage: list[int], left: float,
                         gutters: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A first column holding only a title, its body set in the next columns (the last
    short section of an issue): no body word marks it, so the strip left of the body is
    cut where the title's words end, if nothing but lines across the page (a colophon)
    crosses between them and the body."""
    body = [x for x in range(int(left), len(coverage)) if coverage[x]]
    if not body:
        return []
    body_left = body[0]
    if body_left - left < MIN_COLUMN or (gutters and gutters[0][0] < body_left):
        return []
    across = _wide_lines(words, 0.6 * (max(w.x1 for w in words) - left))
    before = [w for w in words if w.x0 < body_left - 1 and id(w) not in across]
    if not before or any(w.x1 > body_left - MIN_GUTTER for w in before):
        return []
    start = max(w.x1 for w in before)
    if start - left < MIN_COLUMN or not _column_starts_at(words, body_left, empty=True):
        return []
    return [*_heading_column_gutter(before, left), (float(math.ceil(start)), float(body_left))]


def _heading_column_gutter(words: list[_Word], left: float) -> list[tuple[float, float]]:
    """Left of a title's column, a section's name may stand in a column of its own (a
    three-column section holding one short article): the widest strip no word crosses,
    a column on each side."""
    covered = _coverage(words, math.ceil(max(w.x1 for w in words)) + 1)
    strips = [(start, end) for start, end in _runs(range(int(left), len(covered)),
                                                    lambda x: not covered[x])
              if end - start >= 2 * MIN_GUTTER and start - left >= MIN_COLUMN
              and len(covered) - end >= MIN_COLUMN]
    if not strips:
        return []
    start, end = max(strips, key=lambda strip: strip[1] - strip[0])
    return [(float(start), float(end))] if _column_starts_at(words, end, empty=True) else []


def _gutters_under_the_page_wide_text(words: list[_Word], page_width: float,
                                      body_size: float | None = None,
                                      ) -> list[tuple[float, float]]:
    """Columns that fill only the foot of a page, under a masthead, an editorial or a list
    set across it: the text across covers their gutter, so it is sought again under it."""
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    wide = _wide_lines(words, 0.6 * (right - left))
    if not wide:
        return []
    cut = max(w.bottom for w in words if id(w) in wide)
    below = [w for w in words if w.top > cut]
    if len(_rows(below)) < 6:
        return []
    return _find_gutters(below, page_width, body_size)


def _even_columns(gutters: list[tuple[float, float]], left: float, right: float) -> bool:
    edges = [left, *(x for gutter in gutters for x in gutter), right]
    widths = [edges[i + 1] - edges[i] for i in range(0, len(edges), 2)]
    return max(widths) <= 1.15 * min(widths)


def _gutters_below(threshold: float, coverage: list[int], words: list[_Word], left: float,
                   right: float, *, narrow: bool, body_size: float) -> list[tuple[float, float]]:
    """Gutters inside the strips where coverage is at most `threshold`."""
    low_runs = _runs(range(int(left), math.ceil(right)), lambda x: coverage[x] <= threshold)
    gutters: list[tuple[float, float]] = []
    previous_end = left
    for run_start, run_end in low_runs:
        # Inside a low run, the gutter is its emptiest part: a short last column may be
        # as thinly covered as the strip beside it, but not as empty. A few lines across
        # the strip (a masthead in body type) leave words at random places in it: when
        # the emptiest part is no gutter, one or two more words are tolerated.
        floor = min(coverage[run_start:run_end])
        for tolerance in (0, 1, 2):
            emptiest = _runs(range(run_start, run_end),
                             lambda x, most=floor + tolerance: coverage[x] <= most)
            # The widest strip first; on a page of a few lines the widest may be the
            # margin right of the last column, and the gutter a narrower one.
            found = next((
                (start, end) for start, end in sorted(emptiest, key=lambda r: r[1] - r[0],
                                                      reverse=True)
                # A strip some words cross is a gutter only as wide as one: narrower,
                # it is the word spaces of a few justified lines meeting.
                if end - start >= (MIN_GUTTER if floor + tolerance == 0 else CROSSED_GUTTER)
                # Without the lines across, a page in one column leaves wide empty strips
                # right of its short lines; a gutter is a few ems at most.
                and (not narrow or end - start <= 4 * body_size)
                and start - previous_end >= MIN_COLUMN
                and right - end >= MIN_COLUMN
                and _column_starts_at(words, end, empty=floor + tolerance == 0)
            ), None)
            if found is not None:
                gutters.append((float(found[0]), float(found[1])))
                previous_end = found[1]
                break
    return gutters


def _rows(words: list[_Word]) -> list[list[_Word]]:
    """Words sharing a baseline, left to right."""
    rows: dict[int, list[_Word]] = {}
    for word in words:
        rows.setdefault(round(word.bottom), []).append(word)
    return [sorted(row, key=lambda w: w.x0) for row in rows.values()]


def _line_pieces(words: list[_Word]) -> list[list[_Word]]:
    """Rows cut where two words are more than an em apart: two columns' lines on one
    baseline are two pieces, a line across the columns one."""
    pieces: list[list[_Word]] = []
    for row in _rows(words):
        piece = [row[0]]
        for word in row[1:]:
            if word.x0 - piece[-1].x1 < min(word.size, piece[-1].size):
                piece.append(word)
            else:
                pieces.append(piece)
                piece = [word]
        pieces.append(piece)
    return pieces


@dataclass(frozen=True, slots=True)
class _DocumentMeasures:
    """What the whole issue says about each of its pages."""

    # How far down the pages the text set in columns runs (running footers dropped): a
    # column reaching it runs to the foot of its page, whatever the page's margins.
    foot: float | None = None
    # The body size: a last page holding more colophon than text is still read
    # against the columns' type.
    body: float | None = None
    # The gutters most pages agree on: a page with few lines of body type, where a
    # heading or a list blurs its own measure, keeps them when its text fits them.
    gutters: tuple[tuple[float, float], ...] = ()


def _measure_document(pages: list[_Page]) -> _DocumentMeasures:
    pages = [page for page in pages if page.words]
    bottoms = []
    sizes: Counter[float] = Counter()
    for page in pages:
        wide = _wide_lines(page.words, 0.75 * page.width)
        bottoms += [w.bottom for w in page.words if id(w) not in wide]
        sizes += _size_weights(page.words)
    body = sizes.most_common(1)[0][0] if sizes else None
    layouts = [_rounded(found) for page in pages if (found := _find_gutters(
        page.words, page.width, _page_body_size(page.words, body)))]
    # Pages agree on a layout when their gutters lie within a few points of each other
    # (a column's ragged lines move a measured edge by a point or two).
    agreeing = [(sum(_same_layout(layout, other) for other in layouts), layout)
                for layout in layouts]
    count, gutters = max(agreeing, key=lambda pair: pair[0], default=(0, ()))
    return _DocumentMeasures(foot=max(bottoms, default=None), body=body,
                             gutters=gutters if count >= 2 else ())


def _same_layout(one: Sequence[tuple[float, float]], other: Sequence[tuple[float, float]],
                 tolerance: float = 6.0) -> bool:
    """Gutters whose right edges (where the next column's lines start, flush) lie within
    `tolerance`, their strips overlapping: the left edge is the end of a ragged column
    and moves with the longest line of the page."""
    return len(one) == len(other) and all(
        abs(b - d) <= tolerance and max(a, c) < min(b, d)
        for (a, b), (c, d) in zip(one, other, strict=True))


def _rounded(gutters: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Gutters to the point: the same layout measured on two pages compares equal."""
    return tuple((float(round(start)), float(round(end))) for start, end in gutters)


def _size_weights(words: list[_Word]) -> Counter[float]:
    """Characters set in each type size."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[word.size] += len(word.text)
    return sizes


def _fits_the_gutters(words: list[_Word], gutters: Sequence[tuple[float, float]],
                      body: float) -> bool:
    """No body line of the page short of running across it crosses these gutters, and
    body lines start right after each of them."""
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    # Body lines tell the columns: small print (a colophon's last line) and headings
    # (a section's name set across them) are laid over the page, not in a column.
    short = [piece for piece in _line_pieces(words)
             if piece[-1].x1 - piece[0].x0 <= 0.75 * (right - left)
             and all(abs(w.size - body) <= 0.6 for w in piece)]
    for start, end in gutters:
        crossing = [piece for piece in short if piece[0].x0 < start and piece[-1].x1 > end]
        starts = {round(w.top) for w in words
                  if abs(w.x0 - end) <= 3 and abs(w.size - body) <= 0.6}
        if crossing or len(starts) < 2:
            return False
    return True


def _page_body_size(words: list[_Word], document_body: float | None) -> float:
    """The issue's body size when the page holds a fair share of text in it (a short
    last page under a colophon does), else the page's own most used size."""
    # Small print across the page (a colophon) is no measure of the page's type.
    wide = _wide_lines(words, 0.75 * (max(w.x1 for w in words) - min(w.x0 for w in words)))
    sizes = _size_weights([w for w in words if id(w) not in wide] or words)
    if document_body is not None:
        present = sum(n for size, n in sizes.items() if abs(size - document_body) <= 0.1)
        if present >= 0.25 * sum(sizes.values()):
            return document_body
    return sizes.most_common(1)[0][0]


def _wide_lines(words: list[_Word], width: float) -> set[int]:
    """Ids of the words of lines wider than `width`."""
    return {id(w) for piece in _line_pieces(words) if piece[-1].x1 - piece[0].x0 > width
            for w in piece}


def _spanning_words(words: list[_Word], x: float) -> set[int]:
    """Ids of the words of lines that run across `x` (their words no more than an em
    apart): a masthead line in body type crosses the gutter between two of its words."""
    return {id(w) for piece in _line_pieces(words) if piece[0].x0 < x < piece[-1].x1
            for w in piece}


def _runs(xs: range, keep) -> list[tuple[int, int]]:
    """Maximal [start, end) runs of consecutive x where keep(x) holds."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for x in xs:
        if keep(x):
            start = x if start is None else start
        elif start is not None:
            runs.append((start, x))
            start = None
    if start is not None:
        runs.append((start, xs.stop))
    return runs


def _column_starts_at(words: list[_Word], x: float, *, empty: bool) -> bool:
    """A real column has several lines starting at its left edge; behind a strip no
    body word crosses at all, one is enough (the short last column of an issue)."""
    starts = sum(1 for word in words if x - 1.5 <= word.x0 <= x + 2.5)
    return starts >= (1 if empty else 3)


def _text_boxes(
    words: list[_Word], rects: list[tuple[float, float, float, float]]
) -> list[tuple[float, float, float, float]]:
    """Rectangles holding several lines of text, some in regular weight: sidebars and
    boxed notes. A banner holds a bold heading (wrapped on a narrow column, maybe), a
    picture frame no text; both stay in the flow."""
    boxes = []
    for rect in rects:
        inside = [w for w in words if _inside_rect(w, rect)]
        rows = {round(w.bottom) for w in inside}
        regular = any(not w.bold and any(c.isalpha() for c in w.text) for w in inside)
        if len(rows) >= 3 and regular:
            boxes.append(rect)
    return boxes


def _picture_frames(words: list[_Word], rects: Sequence[tuple[float, float, float, float]],
                    ) -> list[tuple[float, float, float, float]]:
    """Rectangles holding no text: a picture's frame, which a column's flow runs through."""
    return [rect for rect in rects if not any(_inside_rect(w, rect) for w in words)]


def _inside_rect(word: _Word, rect: tuple[float, float, float, float]) -> bool:
    """The word lies within the rectangle (x0, top, x1, bottom), give or take a point."""
    x0, top, x1, bottom = rect
    return x0 - 1 <= word.x0 and word.x1 <= x1 + 1 and top - 1 <= word.top \
        and word.bottom <= bottom + 1


def _in_box(word: _Word, boxes: list[tuple[float, float, float, float]]) -> int | None:
    return next((index for index, box in enumerate(boxes) if _inside_rect(word, box)), None)


def _layout_lines(
    words: list[_Word], page_width: float, page_number: int,
    rects: list[tuple[float, float, float, float]] = (), *, page_height: float | None = None,
    measures: _DocumentMeasures | None = None,
) -> list[_Line]:
    boxes = _text_boxes(words, list(rects))
    pictures = _picture_frames(words, rects)
    boxed = {id(word): index for word in words
             if (index := _in_box(word, boxes)) is not None}
    flow = [word for word in words if id(word) not in boxed]
    lines: list[_Line] = []
    if flow:
        lines += _flow_lines(flow, page_width, page_number, boxes, page_height,
                             measures or _DocumentMeasures(), pictures)
    for index in range(len(boxes)):
        box_words = [word for word in words if boxed.get(id(word)) == index]
        if box_words:
            box_lines = _lines_of(box_words, page_number, 1000 + index, 0)
            region_x1 = max(line.x1 for line in box_lines)
            for line in box_lines:
                line.region_x1, line.boxed = region_x1, True
            lines += box_lines
    return lines


def _flow_lines(
    words: list[_Word], page_width: float, page_number: int,
    boxes: list[tuple[float, float, float, float]], page_height: float | None,
    measures: _DocumentMeasures,
    pictures: Sequence[tuple[float, float, float, float]] = (),
) -> list[_Line]:
    body = _page_body_size(words, measures.body)
    gutters = _find_gutters(words, page_width, body) or _gutters_under_the_page_wide_text(
        words, page_width, body)
    if measures.gutters and not _same_layout(_rounded(gutters), measures.gutters) \
            and _fits_the_gutters(words, measures.gutters, measures.body or body):
        gutters = list(measures.gutters)

    # A line spanning the columns runs across the whole gutter; a line that only reaches
    # into a gutter measured too wide (a short column's lines are all short) is its
    # column's.
    across: set[int] = set()
    for start, end in gutters:
        across |= _spanning_words(words, start) & _spanning_words(words, end)

    def crosses(word: _Word) -> bool:
        return id(word) in across

    # A line reaching into a gutter measured too wide is read whole in its first column.
    line_start = {id(w): piece[0].x0 for piece in _line_pieces(words) for w in piece}

    spans = sorted([*((word.top, word.bottom) for word in words if crosses(word)),
                    *_section_breaks(words, gutters, body, page_height, measures.foot,
                                     pictures),
                    *_top_band(words, gutters, body)])
    merged: list[list[float]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])

    regions: dict[tuple[int, int], list[_Word]] = {}
    for word in words:
        middle = (word.top + word.bottom) / 2
        band = 0
        full = False
        for index, (top, bottom) in enumerate(merged):
            if top - 0.5 <= middle <= bottom + 0.5:
                band, full = 2 * index + 1, True
                break
            if middle > bottom:
                band = 2 * index + 2
        column = 0 if full else sum(1 for start, _ in gutters
                                    if line_start[id(word)] >= start)
        # Text below a box in its column is read as a new region, as after a column break.
        below = sum(1 for x0, _, x1, bottom in boxes
                    if x0 - 1 <= word.x0 <= x1 and word.top >= bottom)
        regions.setdefault((band, column, below), []).append(word)

    lines: list[_Line] = []
    for group, key in enumerate(sorted(regions)):
        region_lines = _lines_of(regions[key], page_number, group, key[1])
        region_x1 = max(line.x1 for line in region_lines)
        for line in region_lines:
            line.region_x1 = region_x1
        lines += region_lines
    return lines


def _top_band(words: list[_Word], gutters: list[tuple[float, float]], body: float,
              ) -> list[tuple[float, float]]:
    """A name set far bigger than the body at the head of the page, inside one column's
    width (a masthead centred over the middle column), with no text of the other columns
    beside it: a band across the page, read before the columns under it."""
    if not gutters:
        return []

    def column_of(word: _Word) -> int:
        return sum(1 for start, _ in gutters if word.x0 >= start)

    big = [w for w in words if w.size >= 2 * body]
    if not big:
        return []
    first = min(big, key=lambda w: w.top)
    column = column_of(first)
    others = [w.top for w in words if column_of(w) != column and w.bottom > first.top]
    if not others or any(w.top < first.top for w in words if column_of(w) == column):
        return []
    band = [w for w in words if column_of(w) == column and w.bottom <= min(others)]
    if first not in band:
        return []
    return [(first.top, max(w.bottom for w in band))]


def _section_breaks(
    words: list[_Word], gutters: list[tuple[float, float]], body: float,
    page_height: float | None = None, foot: float | None = None,
    pictures: Sequence[tuple[float, float, float, float]] = (),
) -> list[tuple[float, float]]:
    """Headings that cut the page across although they are short: a section heading above
    a section set in balanced columns (LibreOffice sections, CSS `column-span`). The other
    columns are empty beside it (with half a line of room), hold text above it (the
    section before), and all start again at about the same height below it (its own
    section): a title facing a picture or the gap between two articles of the next
    column does not. A section heading set inside the flow of balanced sections gives a
    cut just above it (a span of no height)."""
    if not gutters:
        return []

    def column_of(word: _Word) -> int:
        return sum(1 for start, _ in gutters if word.x0 >= start)

    rows: dict[tuple[int, int], list[_Word]] = {}
    for word in words:
        if word.size >= body * HEADING_SIZE_RATIO or (word.bold and word.size > body + 0.3):
            rows.setdefault((column_of(word), round(word.bottom)), []).append(word)
    breaks = []
    pad = body * 0.5
    columns = range(len(gutters) + 1)
    spanning: set[int] = set()
    for start, end in gutters:
        spanning |= _spanning_words(words, (start + end) / 2)
    wide = _wide_lines(words, 0.75 * (max(w.x1 for w in words) - min(w.x0 for w in words)))
    footer = _footer(words, wide, body)

    def fills_page(column: int, below: float) -> bool:
        """The column runs on to the foot of the page under `below` (low on the page, and
        within a few lines of where the issue's text runs down to on any page): the flow
        of one section going on, not a short section that fills fewer columns."""
        if page_height is None:
            return True
        ends = [w.bottom for w in words if column_of(w) == column and w.top >= below
                and id(w) not in wide]
        return bool(ends) and max(ends) > 0.8 * page_height and (
            foot is None or max(ends) >= foot - 4 * body)

    def heading_sizes(column: int, low: float, high: float) -> list[float]:
        """Sizes of the heading type set in the column with their top in [low, high)."""
        return [w.size for w in words if column_of(w) == column and low <= w.top < high
                and w.size >= body * HEADING_SIZE_RATIO]

    def heads_a_title(column: int, below: float, size: float) -> bool:
        """A smaller heading within a few lines under it, in its column: a section's
        name above its first article's title, not a title at the head of its text."""
        return any(s < size - 0.5 for s in heading_sizes(column, below, below + 5 * body + 0.01))

    def under_a_bigger_heading(column: int, above: float, size: float) -> bool:
        """A bigger heading a few lines over it, in its column: a title under its
        section's name, inside the flow that name opened."""
        return any(s > size + 0.5 for s in heading_sizes(column, above - 5 * body, above))

    def ends_a_pull_quote(column: int, last: _Word) -> bool:
        """The large lines ending a column open on a quotation mark: a pull quote in its
        article's flow, not a heading opening what follows."""
        lines = [w for w in words if column_of(w) == column and abs(w.size - last.size) <= 0.3
                 and w.bottom <= last.bottom + 0.5 and w.top >= last.bottom - 6 * last.size]
        first = min(lines, key=lambda w: (round(w.top), w.x0), default=None)
        return first is not None and first.text[:1] in QUOTE_MARKS

    def heading_end(column: int, bottom: float, size: float) -> float:
        """Where a heading wrapped over several lines ends: its next lines, in its type,
        follow each other a line apart."""
        while True:
            following = [w.bottom for w in words if column_of(w) == column
                         and abs(w.size - size) <= 0.5 and bottom < w.top <= bottom + 0.5 * size]
            if not following:
                return bottom
            bottom = max(following)

    for (column, _), row in rows.items():
        if column != 0:  # a heading across the columns starts at the left one
            continue
        if min(row, key=lambda w: w.x0).text[:1] in QUOTE_MARKS:
            continue  # a pull quote set in the flow of its article: no section opens there
        top, bottom = min(w.top for w in row), max(w.bottom for w in row)
        size = max(w.size for w in row)
        if any(column_of(w) == column and w.size >= size - 0.5 and 0 <= top - w.bottom < size
               for w in words):
            continue  # the second line of a heading: the first one is the break
        others = [w for w in words if column_of(w) != column]
        if not any(w.bottom <= top for w in others):
            continue
        if not any(w.bottom > top - pad and w.top < bottom + pad for w in others):
            # Below it, every column starts its text at about the same height (a picture
            # beside a title leaves the next column empty much further down).
            starts = [min((w.top for w in words if column_of(w) == index and w.top >= bottom
                           and id(w) not in footer), default=None) for index in columns]
            present = [start for start in starts if start is not None]
            # Columns left empty down to the next line across the page or the next
            # heading in this one's type: a short section filling fewer columns, closed
            # by the next section's heading.
            end = heading_end(column, bottom, size)
            closing = min((w.top for w in words if w.top > end and id(w) not in footer
                           and (id(w) in wide or (column_of(w) == column
                                                  and abs(w.size - size) <= 0.5))),
                          default=None)
            below_end = [min((w.top for w in words if column_of(w) == index and w.top > end
                              and id(w) not in footer), default=None) for index in columns]
            filled = [start for start in below_end
                      if start is not None and (closing is None or start < closing)]
            ends = [max((w.bottom for w in words if column_of(w) == index
                         and w.bottom <= top), default=None) for index in columns]
            # ... and every column holds lines of a section above (not a lone label).
            filled_above = None not in ends and all(
                len({round(w.bottom) for w in words if column_of(w) == index
                     and w.bottom <= top and id(w) not in wide}) >= 2 for index in columns)
            # Balanced columns end level within two lines of body type (1.2 em each) and
            # a paragraph's gap: one column may end on a title and a short paragraph.
            level = filled_above and max(ends) - min(ends) <= 2.5 * body
            if len(present) == len(starts) and max(present) - min(present) <= 3 * body:
                breaks.append((top, bottom))
            elif not present and filled_above and max(ends) - min(ends) <= 8 * body:
                # Last on the page under every column's text: the next section's heading,
                # its text on the next page (balanced columns may end lines apart when a
                # paragraph will not split).
                breaks.append((top, bottom))
            elif level and present and max(present) - min(present) <= 3 * body \
                    and min(present) - bottom <= 3 * body \
                    and not under_a_bigger_heading(column, top, size) \
                    and (len(present) > 1 or not fills_page(column, bottom)
                         or heads_a_title(column, end, size)):
                # Under columns that end level (a balanced section ends there): the next
                # section's heading right above a short section that fills fewer columns.
                breaks.append((top, bottom))
            elif closing is not None and 2 <= len(filled) < len(starts) \
                    and max(filled) - min(filled) <= 3 * body and min(filled) - end <= 3 * body \
                    and below_end[column] in filled:
                breaks.append((top, bottom))
            continue
        # A heading inside the flow of balanced sections (Word's continuous section
        # breaks): nothing crosses the line just above it, every column leaves a line's
        # gap there and starts again right at its height (or holds nothing more: a short
        # last section fills fewer columns).
        cut = top - 1
        if any(w.top < cut < w.bottom for w in words) or any(
                frame[1] < cut < frame[3] for frame in pictures):
            continue  # a line, or a column's picture, runs across the cut
        above = [max((w for w in words if column_of(w) == index and w.bottom <= cut),
                     key=lambda w: (w.bottom, w.x1), default=None) for index in columns]
        below = [min((w for w in words if column_of(w) == index and w.top >= cut
                      and id(w) not in spanning),
                     key=lambda w: (w.top, w.x0), default=None) for index in columns]
        if None in above or below[column] is None:
            continue
        ends = [last.bottom for last in above]
        # Every other column starting again right at the heading's height says so even
        # where the section before ended its columns far apart (a few short articles).
        restart = all(first is not None and first.top - cut <= body
                      for index, first in enumerate(below) if index != column)
        # Every column ends the section before with text a line or more above (never
        # with a heading: that one opens what follows); another heading facing it is
        # another section of one flow.
        if all(cut - end >= body for end in ends) \
                and (max(ends) - min(ends) <= 8 * body or restart) \
                and all(last.size < body * HEADING_SIZE_RATIO or ends_a_pull_quote(index, last)
                        for index, last in enumerate(above)) \
                and all(first is None or index == column or first.size < size - 0.5
                        for index, first in enumerate(below)) \
                and any(first is not None and index != column and first.top - cut <= body
                        for index, first in enumerate(below)):
            # Another column starts again right at the heading's height (a last one may
            # start lower, under a gap the balancing left).
            breaks.append((cut, cut))
    return breaks


def _footer(words: list[_Word], wide: set[int], body: float) -> set[int]:
    """Ids of the words of a footer under all the columns: lines across the page under
    all the columns' text, or a colophon in small type from its first line across the
    page down (its short last line too). It starts no column."""
    columns_end = max((w.bottom for w in words if id(w) not in wide), default=0.0)
    footer = {id(w) for w in words if id(w) in wide and w.top >= columns_end}
    for top in sorted({w.top for w in words if id(w) in wide and w.size < body - 0.5}):
        below = [w for w in words if w.top >= top - 0.5]
        if all(id(w) in wide or w.size < body - 0.5 for w in below):
            return footer | {id(w) for w in below}
    return footer


def _lines_of(words: list[_Word], page_number: int, group: int, column: int) -> list[_Line]:
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows:
            row = rows[-1]
            top = min(w.top for w in row)
            bottom = max(w.bottom for w in row)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(bottom - top, word.bottom - word.top):
                row.append(word)
                continue
        rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        weights: Counter[float] = Counter()
        letters = bold_letters = 0
        for word in row:
            weights[word.size] += len(word.text)
            if not _CID.fullmatch(word.text):  # an unmapped bullet glyph says nothing
                count = sum(char.isalnum() for char in word.text)
                letters += count
                bold_letters += count if word.bold else 0
        # A line of punctuation only (a marker's closing ">" wrapped alone) takes its
        # weight from its glyphs, so it stays with the line it ends.
        bold_share = bold_letters / letters if letters else float(
            sum(word.bold for word in row) / len(row))
        lines.append(_Line(
            text=_row_text(row),
            x0=row[0].x0, x1=max(w.x1 for w in row),
            top=min(w.top for w in row), bottom=max(w.bottom for w in row),
            size=weights.most_common(1)[0][0], bold=bold_share > 0.5,
            mixed=0.1 < bold_share < 0.9,
            page=page_number, group=group, column=column,
        ))
    return lines


def _row_text(row: list[_Word]) -> str:
    """Words of one line, with a space only where the page shows one: pdfplumber also
    cuts a word where the font changes (**Mbaye**, → "Mbaye" + ",")."""
    gaps = [word.x0 - previous.x1 for previous, word in itertools.pairwise(row)]
    parts = [row[0].text]
    # Letter-spaced capitals (a kicker set with tracking) come as letters and pieces of
    # words, all apart: between letters the smallest gap, between words a space more.
    short = sum(1 for word in row if len(word.text) <= 2)
    letters = [char for word in row for char in word.text if char.isalpha()]
    single = sum(1 for word in row if len(word.text) == 1)
    spaced = (
        len(row) >= 3 and short >= 0.5 * len(row) and bool(letters)
        and all(char.isupper() for char in letters)
        and 0 < min(gaps) < 0.2 * min(word.size for word in row)
        # Tracking shows two kinds of gaps, between letters and between words (or only
        # letters); a title in capitals with its short words ("UN … À LA VILLE") has one.
        and (max(gaps) >= 2 * min(gaps) or single >= 0.6 * len(row))
    )
    for (previous, word), gap in zip(itertools.pairwise(row), gaps, strict=True):
        size = min(previous.size, word.size)
        # A hyphen closer than a word space binds: tracked capitals come cut at their
        # hyphens ("CHANTELOUP-LES" + "-VIGNES").
        hyphen = previous.text.endswith("-") or word.text.startswith("-")
        joined = gap < 0.12 * size or (hyphen and gap < 0.2 * size) \
            or (spaced and gap < min(1.8 * min(gaps), 0.4 * size))
        parts.append(word.text if joined else f" {word.text}")
    return "".join(parts)


def _marks(page) -> list[tuple[float, float, float, float]]:
    """Small filled shapes, about the size of a letter: bullets drawn rather than typed."""
    marks = []
    for shape in (*page.curves, *page.rects):
        width = float(shape["x1"]) - float(shape["x0"])
        height = float(shape["bottom"]) - float(shape["top"])
        if shape.get("fill") and 1.5 <= width <= 8 and 1.5 <= height <= 8 \
                and width <= 2 * height and height <= 2 * width:
            marks.append((float(shape["x0"]), float(shape["top"]), float(shape["x1"]),
                          float(shape["bottom"])))
    return marks


def _attach_marks(lines: list[_Line], marks: list[tuple[float, float, float, float]]) -> None:
    """A line with a bullet shape just left of its first word, on its height, opens an
    item (the shape is not text: nothing to strip)."""
    for _, top, x1, bottom in marks:
        middle = (top + bottom) / 2
        for line in lines:
            if line.top - 1 <= middle <= line.bottom + 1 and x1 <= line.x0 + 1 \
                    and line.x0 - x1 <= 2.5 * line.size:
                line.marked = True
                break


def _attach_links(
    lines: list[_Line], hyperlinks: list[tuple[float, float, float, float, str]]
) -> None:
    for x0, top, x1, bottom, uri in hyperlinks:
        cx = (x0 + x1) / 2
        cy = (top + bottom) / 2
        for line in lines:
            if line.x0 - 1 <= cx <= line.x1 + 1 and line.top - 1 <= cy <= line.bottom + 1:
                if uri not in line.links:
                    line.links.append(uri)
                break


# ---------------------------------------------------------------------------
# Running headers and footers


def _running_key(text: str) -> str:
    """Letters and numbers only, numbers as '#': a page number changes, and a scan reads
    a dash as a colon on one page and not on the next."""
    return " ".join(re.sub(r"[^\w#]+", " ", re.sub(r"\d+", "#", text.lower())).split())


def _margin_fragments(page: _Page) -> list[list[_Word]]:
    """Runs of words in the top or bottom band, split at wide gaps (left and right parts
    of a header are separate fragments, whatever the column layout below)."""
    band = [
        word for word in page.words
        if word.bottom <= HEADER_BAND * page.height or word.top >= (1 - HEADER_BAND) * page.height
    ]
    rows: list[list[_Word]] = []
    for word in sorted(band, key=lambda w: (round(w.bottom), w.x0)):
        if rows and abs(rows[-1][-1].bottom - word.bottom) <= 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    fragments: list[list[_Word]] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        fragment = [row[0]]
        for word in row[1:]:
            if word.x0 - fragment[-1].x1 > max(12.0, 2 * word.size):
                fragments.append(fragment)
                fragment = []
            fragment.append(word)
        fragments.append(fragment)
    return fragments


def _drop_running_words(pages: list[_Page]) -> list[str]:
    """Drop headers/footers: margin text repeating on most pages, and page numbers.

    Returns the running text dropped, one string per page margin, so the issue's number
    and date a running head states are not lost."""
    with_text = [page for page in pages if page.words]
    fragments = {page.number: _margin_fragments(page) for page in with_text}
    counts: Counter[str] = Counter()
    for page in with_text:
        counts.update({_running_key(" ".join(w.text for w in f)) for f in fragments[page.number]})
    needed = max(2, math.ceil(0.5 * len(with_text)))
    running: list[str] = []
    for page in with_text:
        dropped: set[int] = set()
        margins: dict[bool, list[str]] = {}
        for fragment in fragments[page.number]:
            text = " ".join(word.text for word in fragment)
            if counts[_running_key(text)] >= needed or _PAGE_NUMBER.match(text.strip()):
                dropped.update(id(word) for word in fragment)
                # A number alone may be a page number or a year broken off its month.
                top = fragment[0].bottom <= HEADER_BAND * page.height
                margins.setdefault(top, []).append(_clean(text))
        page.words = [word for word in page.words if id(word) not in dropped]
        running += [" ".join(margins[top]) for top in (True, False) if top in margins]
    return running


# ---------------------------------------------------------------------------
# Paragraphs


def _dominant_size(lines: list[_Line]) -> float | None:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    if not weights:
        return None
    return weights.most_common(1)[0][0]


def _typical_pitch(lines: list[_Line]) -> dict[float, float]:
    """Line pitch (top to top) per font size, from consecutive lines of one region."""
    pitches: dict[float, list[float]] = {}
    for previous, line in itertools.pairwise(lines):
        same_region = (previous.page, previous.group) == (line.page, line.group)
        if same_region and previous.size == line.size:
            pitch = line.top - previous.top
            if 0 < pitch < 3 * line.size:
                pitches.setdefault(line.size, []).append(round(pitch, 1))
    return {size: Counter(values).most_common(1)[0][0] for size, values in pitches.items()}


def _is_bullet(text: str) -> bool:
    head, _, rest = text.partition(" ")
    # A bullet glyph without a Unicode mapping comes out as "(cid:127)"; Word's bullets
    # from the Symbol and Wingdings fonts as one private-use character (U+F0B7…).
    private = len(head) == 1 and "\ue000" <= head <= "\uf8ff"
    return (head in BULLETS or private or bool(_CID.fullmatch(head))) and bool(rest.strip())


def _paragraphs(lines: list[_Line], body_size: float | None) -> list[_Draft]:
    pitch = _typical_pitch(lines)
    drafts: list[_Draft] = []
    for line in lines:
        bullet = _is_bullet(line.text) or line.marked
        if drafts:
            previous = drafts[-1].last
            expected = pitch.get(line.size, line.size * 1.25)
            same_region = previous.page == line.page and previous.group == line.group
            same_weight = previous.bold == line.bold or previous.mixed or line.mixed
            same_font = abs(previous.size - line.size) <= 0.3 and same_weight
            close = 0 < line.top - previous.top <= expected * 1.25
            ended = (
                not previous.bold
                and previous.size <= (body_size or previous.size) + 0.3
                and previous.text.rstrip().endswith(TERMINAL)
                and not _URLISH.search(previous.text.rsplit(" ", 1)[-1])
                and not line.text[:1].islower()
                and previous.x1 < previous.region_x1 - 0.12 * (previous.region_x1 - line.x0)
            )
            if same_region and same_font and close and not bullet and not ended:
                drafts[-1].lines.append(line)
                continue
        kind = BlockKind.LIST_ITEM if bullet else BlockKind.PARAGRAPH
        drafts.append(_Draft(lines=[line], kind=kind))
    return drafts


def _classify(drafts: list[_Draft], body_size: float | None) -> None:
    if body_size is None:
        return
    for draft in drafts:
        if draft.kind is BlockKind.LIST_ITEM:
            continue
        size = draft.first.size
        chars = sum(len(line.text) for line in draft.lines)
        bigger = size >= body_size * HEADING_SIZE_RATIO
        short = chars <= SHORT_HEADING_CHARS and len(draft.lines) <= 3
        bold_short = short and all(line.bold for line in draft.lines)
        if (bigger and chars <= 2 * SHORT_HEADING_CHARS) or bold_short:
            draft.kind = BlockKind.HEADING


# ---------------------------------------------------------------------------
# Hyphenation


def _lexicon(lines: list[_Line]) -> Counter[str]:
    """How often each word appears whole in the document (line-end pieces excluded)."""
    counts: Counter[str] = Counter()
    for line in lines:
        tokens = line.text.split()
        if tokens and tokens[-1].endswith("-"):
            tokens = tokens[:-1]
        for token in tokens[1:]:  # a line's first word may be the tail of a split word
            for word in _TOKEN.findall(token):
                counts[word.lower()] += 1
    return counts


def _keep_hyphen(head: str, tail: str, lexicon: Counter[str]) -> bool:
    """Whether `head-` at a line end followed by `tail` is a real compound."""
    head = head.lstrip("([{«“\"'‘")  # "(Hauts-" / "de-Seine": the bracket is not the word
    joined = (head + tail).lower()
    hyphenated = f"{head}-{tail}".lower()
    if lexicon[hyphenated] != lexicon[joined]:
        return lexicon[hyphenated] > lexicon[joined]
    if hyphenated in KNOWN_COMPOUNDS or hyphenated.split("-", 1)[-1] in KNOWN_COMPOUNDS:
        return True
    left_piece = re.split(r"[-'’]", head)[-1]
    right_piece = re.split(r"[-'’]", tail)[0]
    if not right_piece or not left_piece:
        return True
    if right_piece[0].isupper() or right_piece[0].isdigit():
        return True
    lower_right = right_piece.lower()
    if lower_right in PRONOUNS and ("-" in head or lower_right[0] in "aeiouyéèêàâîôû"):
        return True  # a-t-il, dit-elle, peut-être-là
    if lower_right in PLACE_PARTICLES and (head[:1].isupper() or "-" in head):
        return True  # Mantes-la-Jolie, Saint-Germain-en-Laye
    if "-" in head and len(left_piece) <= 2:
        return True  # a-t-, vis-à-
    if left_piece.lower() not in PREFIXES:
        return False
    # A prefix alone is weak evidence (multi-plient, auto-nomie are syllable cuts): the
    # tail must be a word of its own elsewhere in the document (co-construction,
    # socio-économique); "co" before a vowel is written solid (coordination, coécrite).
    if left_piece.lower() == "co" and lower_right[0] in "aeiouyéèêàâîôû":
        return False
    return lexicon[tail.lower()] > 0


def _join(left: str, right: str, lexicon: Counter[str], *, heading: bool = False) -> str:
    """Join two pieces of text cut at a line end, mending hyphenation."""
    if not left:
        return right
    if not right:
        return left
    if left.endswith("\u00ad"):
        return left[:-1] + right
    head_match = re.search(r"(\S+?)[-‐]$", left)
    if head_match and right[0].isalpha() and not left.endswith((" -", " ‐")):
        head = head_match.group(1)
        tail = re.match(r"[\w'’-]+", right)
        tail_text = tail.group(0).rstrip("-") if tail else ""
        if _URLISH.search(head):
            return left + right  # a URL cut after one of its own hyphens
        # Titles are seldom hyphenated by the layout: their line-end hyphen is a
        # compound's ("filles-" / "garçons") unless the document writes the word solid.
        joined_word = (head.lstrip("([{«“\"'‘") + tail_text).lower()
        if heading and not lexicon[joined_word]:
            return left + right
        if _keep_hyphen(head, tail_text, lexicon):
            return left + right
        return left[:-1] + right
    last = left.rsplit(" ", 1)[-1]
    first = right.split(" ", 1)[0]
    if _URLISH.search(last) and last.endswith(("/", "_", "?", "=", "&", "#", "%", "~", ".")) and (
        "/" in first or not first[:1].isupper()
    ) and not last.endswith("..."):
        return left + right  # a URL cut at one of its slashes
    return f"{left} {right}"


def _join_draft(draft: _Draft, lexicon: Counter[str]) -> str:
    text = ""
    for line in draft.lines:
        # Soft hyphens matter only at the line end, where `_join` reads them.
        line_text = _SPACES.sub(" ", line.text).strip()
        text = _join(text, line_text, lexicon, heading=draft.kind is BlockKind.HEADING)
    glyph = not draft.first.marked or _is_bullet(draft.first.text)  # a typed bullet to drop
    if draft.kind is BlockKind.LIST_ITEM and glyph:
        text = text.split(" ", 1)[1] if " " in text else ""
    text = _clean(_CID.sub(" ", text))
    return _repair_links(text, _links(draft))


def _links(draft: _Draft) -> list[str]:
    out: list[str] = []
    for line in draft.lines:
        out += [link for link in line.links if link not in out]
    return out


def _repair_links(text: str, links: list[str]) -> str:
    """Put back a URL the line break cut with a space, using the link annotation."""
    for link in links:
        shown = link.removeprefix("mailto:")
        if shown in text or len(shown) < 8:
            continue
        for candidate in (shown, shown.removeprefix("https://").removeprefix("http://")):
            pattern = r"\s?".join(re.escape(char) for char in candidate)
            repaired, count = re.subn(pattern, candidate.replace("\\", r"\\"), text, count=1)
            if count:
                text = repaired
                break
    return text


# ---------------------------------------------------------------------------
# Paragraphs cut by a column or page break


def _mend_breaks(drafts: list[_Draft], lexicon: Counter[str]) -> list[_Draft]:
    lefts: dict[tuple[int, int], float] = {}
    for draft in drafts:
        for line in draft.lines:
            key = (line.page, line.group)
            lefts[key] = min(lefts.get(key, line.x0), line.x0)
    # Regions whose left edge is set by items with drawn bullets: their text, and the
    # rest of an item cut by the break, start at the items' indent, not at the margin.
    for draft in drafts:
        for line in draft.lines:
            if line.marked and abs(line.x0 - lefts[(line.page, line.group)]) <= 1:
                lefts[(line.page, line.group)] -= line.size
    out: list[_Draft] = []
    for draft in drafts:
        if out and (_continues(out[-1], draft) or _continues_item(out[-1], draft, lefts)):
            previous = out[-1]
            previous.lines += draft.lines
            joined = _join(previous.text, draft.text, lexicon)
            previous.text = _repair_links(joined, _links(previous))
            continue
        out.append(draft)
    return out


def _continues(previous: _Draft, draft: _Draft) -> bool:
    if draft.kind is not BlockKind.PARAGRAPH or previous.kind is BlockKind.HEADING:
        return False
    before, after = previous.last, draft.first
    if (before.page, before.group) == (after.page, after.group):
        return False
    if abs(before.size - after.size) > 0.3 or before.bold != after.bold:
        return False
    if not previous.text or not draft.text:
        return False
    if re.match(r"(?:https?://|www\.)", draft.text):
        return False  # a link line after a paragraph, not its continuation
    # Justified text leaves a paragraph's last line short; a line reaching the column's
    # right edge was cut by the break, even right after a full stop.
    justified = before.x1 >= before.region_x1 - 0.5 and len(previous.lines) > 1
    if previous.text.rstrip().endswith(SENTENCE_END):
        return justified and _full_width(previous)
    if previous.text.rstrip().endswith(TERMINAL):
        return draft.text[0].islower()
    return draft.text[0].islower() or previous.text.endswith("-") or justified


def _continues_item(previous: _Draft, draft: _Draft,
                    lefts: dict[tuple[int, int], float]) -> bool:
    """A list item cut by a column or page break: its last line stops mid-phrase and the
    next column opens with a line set at the items' hanging indent, not at its margin."""
    if previous.kind is not BlockKind.LIST_ITEM or draft.kind is not BlockKind.PARAGRAPH:
        return False
    before, after = previous.last, draft.first
    if (before.page, before.group) == (after.page, after.group) or draft.first.marked:
        return False
    if abs(before.size - after.size) > 0.3 or previous.text.rstrip().endswith(TERMINAL):
        return False
    indent = after.x0 - lefts[(after.page, after.group)]
    return 0.5 * after.size <= indent <= 3 * after.size


def _full_width(draft: _Draft) -> bool:
    """All lines of the block span its column: body text, not a list of short lines."""
    return all(line.x1 >= line.region_x1 - 0.5 for line in draft.lines[:-1])


# ---------------------------------------------------------------------------
# Blocks


def _blocks(drafts: list[_Draft], body_size: float | None) -> list[Block]:
    heading_sizes = sorted(
        {round(d.first.size * 2) / 2 for d in drafts if d.kind is BlockKind.HEADING}, reverse=True
    )
    blocks = []
    boxes: dict[tuple[int, int], int] = {}
    for draft in drafts:
        if not draft.text:
            continue
        box = boxes.setdefault((draft.first.page, draft.first.group), len(boxes) + 1) \
            if draft.first.boxed else 0
        first_page_lines = [line for line in draft.lines if line.page == draft.first.page]
        bbox = (
            round(min(line.x0 for line in first_page_lines), 2),
            round(min(line.top for line in first_page_lines), 2),
            round(max(line.x1 for line in first_page_lines), 2),
            round(max(line.bottom for line in first_page_lines), 2),
        )
        level = 0
        if draft.kind is BlockKind.HEADING:
            # Rank of the heading's size among the document's heading sizes, largest = 1.
            level = min(6, heading_sizes.index(round(draft.first.size * 2) / 2) + 1)
        blocks.append(Block(
            text=draft.text,
            page=draft.first.page,
            kind=draft.kind,
            bbox=bbox,
            font_size=draft.first.size,
            bold=all(line.bold for line in draft.lines),
            heading_level=level,
            column=draft.first.column,
            links=tuple(_links(draft)),
            box=box,
        ))
    return blocks
