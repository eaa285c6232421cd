"""Render an issue spec as a designed newsletter PDF (reportlab), in 1, 2 or 3 columns.

The layout reproduces what makes real issues hard to extract: a masthead spanning the
columns on page 1, running header and page-number footer on every page, justified
body text hyphenated at line ends, articles flowing across columns and pages, rubric
markers, theme/commune lines, intertitles, bullet lists and link annotations.
The content order mirrors `render_text.article_lines`, so a test can compare the two.
The output is byte-for-byte deterministic (`invariant=1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.flowables import HRFlowable

from tools.issuegen.spec import ArticleSpec, IssueSpec

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
TOP_MARGIN = 30 * mm  # body starts below the running header band
BOTTOM_MARGIN = 22 * mm
GUTTER = 7 * mm
MASTHEAD_HEIGHT = 50 * mm
ACCENT = colors.HexColor("#B0254F")
INK = colors.HexColor("#1E1E1E")
GREY = colors.HexColor("#666666")

BODY_FONT = "Times-Roman"
BODY_BOLD = "Times-Bold"
SANS = "Helvetica"
SANS_BOLD = "Helvetica-Bold"
SANS_ITALIC = "Helvetica-Oblique"
SANS_BOLD_ITALIC = "Helvetica-BoldOblique"

# ---------------------------------------------------------------------------
# French hyphenation. reportlab accepts any callable word -> (head, tail) pairs,
# tried in order until the head fits; no pyphen dictionary is needed.

_VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæ")
# Consonant pairs a French syllable may start with: never split inside them.
_ONSETS = {
    "bl", "cl", "fl", "gl", "pl", "br", "cr", "dr", "fr", "gr", "pr", "tr", "vr",
    "ch", "ph", "th", "gn", "qu", "gu", "rh",
}
_MIN_HEAD = 2
_MIN_TAIL = 3


def french_break_points(word: str) -> list[int]:
    """Indices where `word` may be split, by simple French syllable rules.

    V-CV (dé-ve-lop), VC-CV (lop-pe), VC-CCV when the pair is an onset (ca-tre),
    never inside a vowel group or an onset; no split leaving fewer than 2 letters
    before or 3 after, and none before a final silent "e"/"es"/"ent" syllable that
    would leave a lone consonant run.
    """
    lower = word.lower()
    points: list[int] = []
    n = len(lower)
    i = 1
    while i < n - 1:
        if lower[i - 1] in _VOWELS and lower[i] not in _VOWELS:
            # Consonant run starting at i, ended by a vowel.
            j = i
            while j < n and lower[j] not in _VOWELS:
                j += 1
            if j >= n:
                break  # trailing consonants: no following syllable
            run = lower[i:j]
            # Split before the last consonant, or before a final onset pair (lop-pe, ca-dre).
            cut = j - 2 if len(run) >= 2 and run[-2:] in _ONSETS else j - 1
            if _MIN_HEAD <= cut <= n - _MIN_TAIL:
                points.append(cut)
            i = j
        else:
            i += 1
    return points


def french_hyphenator(word: str) -> Iterator[tuple[str, str]]:
    """Split pairs for reportlab, longest head first (as pyphen's `iterate` does)."""
    if not word.isalpha() or word.isupper():  # capitals are titles and acronyms
        return
    for cut in reversed(french_break_points(word)):
        yield word[:cut], word[cut:]


# ---------------------------------------------------------------------------
# Styles


def _styles(columns: int, hyphenate: bool) -> dict[str, ParagraphStyle]:
    body_size = {1: 10.5, 2: 9.5, 3: 8.8}.get(columns, 9.5)
    leading = body_size * 1.25
    hyphenation: dict[str, object] = (
        {"hyphenationLang": french_hyphenator, "embeddedHyphenation": 1, "uriWasteReduce": 0.3}
        if hyphenate
        else {"uriWasteReduce": 0.3}
    )
    body = ParagraphStyle(
        "body", fontName=BODY_FONT, fontSize=body_size, leading=leading,
        alignment=TA_JUSTIFY, spaceAfter=leading * 0.6, textColor=INK, **hyphenation,
    )
    return {
        "body": body,
        "closing": ParagraphStyle(
            "closing", parent=body, fontName=BODY_FONT, alignment=TA_LEFT, spaceAfter=leading * 0.4,
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=10, bulletIndent=0, bulletFontName=SANS_BOLD,
            spaceAfter=leading * 0.35,
        ),
        "intertitle": ParagraphStyle(
            "intertitle", fontName=SANS_BOLD, fontSize=body_size + 0.5, leading=leading,
            spaceBefore=leading * 0.3, spaceAfter=leading * 0.3, textColor=INK, alignment=TA_LEFT,
        ),
        "marker": ParagraphStyle(
            "marker", fontName=SANS_BOLD, fontSize=body_size - 0.5, leading=leading,
            spaceBefore=leading * 0.9, spaceAfter=leading * 0.2, textColor=ACCENT,
        ),
        "heading": ParagraphStyle(
            "heading", fontName=SANS_BOLD_ITALIC, fontSize=body_size + 0.5, leading=leading,
            spaceBefore=leading * 0.3, spaceAfter=leading * 0.1, textColor=GREY,
        ),
        "title": ParagraphStyle(
            "title", fontName=SANS_BOLD, fontSize=body_size + 3.5, leading=(body_size + 3.5) * 1.18,
            spaceBefore=leading * 0.2, spaceAfter=leading * 0.5, textColor=INK, alignment=TA_LEFT,
        ),
        "list_title": ParagraphStyle(
            "list_title", fontName=SANS_BOLD, fontSize=body_size + 3.5,
            leading=(body_size + 3.5) * 1.18, spaceBefore=leading * 0.9, spaceAfter=leading * 0.5,
            textColor=INK,
        ),
        "section": ParagraphStyle(
            "section", fontName=SANS_BOLD, fontSize=body_size + 8, leading=(body_size + 8) * 1.2,
            spaceBefore=leading * 1.2, spaceAfter=leading * 0.4, textColor=ACCENT,
        ),
        "editorial_title": ParagraphStyle(
            "editorial_title", fontName=SANS_BOLD, fontSize=body_size + 3.5,
            leading=(body_size + 3.5) * 1.2, spaceAfter=leading * 0.4, textColor=ACCENT,
        ),
        "mast_title": ParagraphStyle(
            "mast_title", fontName=SANS_BOLD, fontSize=38, leading=44, textColor=ACCENT,
            alignment=TA_LEFT,
        ),
        "mast_line": ParagraphStyle(
            "mast_line", fontName=SANS, fontSize=10, leading=13, textColor=INK,
        ),
        "mast_number": ParagraphStyle(
            "mast_number", fontName=SANS_BOLD, fontSize=13, leading=17, textColor=INK,
            spaceBefore=4,
        ),
        "mast_address": ParagraphStyle(
            "mast_address", fontName=SANS, fontSize=8, leading=10, textColor=GREY,
            alignment=TA_LEFT,
        ),
    }


# ---------------------------------------------------------------------------
# Content


_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»]+[^\s<>«».,;:!?)]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_LINKABLE = re.compile(f"{_URL.pattern}|{_EMAIL.pattern}")
_URL_BREAK = re.compile(r"(?<=[/\-_.?&=])")


def _inline(text: str) -> str:
    """Escape plain text; the specs' `**bold**` and `*italic*` become font tags."""
    html = escape(text)
    html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", html)


def _markup(text: str, url_breaks: frozenset[int] = frozenset()) -> str:
    """Escape text for reportlab and turn URLs and e-mails into link annotations.

    `url_breaks` are character offsets where a forced line break goes (see
    `_closing_line`); they fall inside URLs, which reportlab cannot break twice.
    """
    text = text.replace("\u202f", "\u00a0")  # not in the standard fonts' encoding
    out: list[str] = []
    position = 0
    for match in _LINKABLE.finditer(text):
        out.append(_inline(text[position:match.start()]))
        target = match.group(0)
        href = target if "@" not in target or "/" in target else f"mailto:{target}"
        if href.startswith("www."):
            href = f"https://{href}"
        quoted = escape(href, {'"': "&quot;"})
        inside = (b - match.start() for b in url_breaks if match.start() < b < match.end())
        cuts = [0, *sorted(inside)]
        pieces = [escape(target[a:b]) for a, b in zip(cuts, [*cuts[1:], len(target)], strict=True)]
        out.append(f'<link href="{quoted}" color="#1F4E9A">{"<br/>".join(pieces)}</link>')
        position = match.end()
    out.append(_inline(text[position:]))
    return "".join(out)


def _plain_breaks(text: str, style: ParagraphStyle) -> ParagraphStyle:
    """The style without breaks at a word's own hyphens when the text mixes fonts:
    reportlab 4 then prints the head of the word twice ("Asnières-" / "Asnières-sur-…")."""
    if "*" not in text or not getattr(style, "embeddedHyphenation", 0):
        return style
    return ParagraphStyle(f"{style.name}-plain", parent=style, embeddedHyphenation=0)


def _closing_line(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A link or contact line, with long URLs broken where a designer would (after a
    slash or a hyphen), since reportlab leaves the rest of a URL overflowing."""
    breaks: set[int] = set()
    used = 0.0
    space = stringWidth(" ", style.fontName, style.fontSize)
    offset = 0
    for token in text.split(" "):
        token_width = stringWidth(token, style.fontName, style.fontSize)
        if used and used + space + token_width <= width:
            used += space + token_width
        elif not used and token_width <= width:
            used = token_width
        elif not _LINKABLE.fullmatch(token):
            used = token_width  # an ordinary word wraps at the space before it
        else:
            pieces = [piece for piece in _URL_BREAK.split(token) if piece]
            position = offset
            used += space if used else 0.0
            for piece in pieces:
                piece_width = stringWidth(piece, style.fontName, style.fontSize)
                if used + piece_width > width and position > offset:
                    breaks.add(position)
                    used = 0.0
                elif used + piece_width > width and used:
                    used = 0.0  # the URL starts on a new line at its own space
                used += piece_width
                position += len(piece)
        offset += len(token) + 1
    return Paragraph(_markup(text, frozenset(breaks)), style)


def _article_flowables(
    article: ArticleSpec, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    """One article, in the order `render_text.article_lines` writes it."""

    def closing(text: str) -> Paragraph:
        return _closing_line(text, styles["closing"], width)

    head: list[Flowable] = []
    if article.marker:
        head.append(Paragraph(escape(f"< {article.marker} >"), styles["marker"]))
    if article.heading:
        head.append(Paragraph(_markup(article.heading), styles["heading"]))
    if article.is_list:
        head.append(Paragraph(_markup(article.title), styles["list_title"]))
        items = [
            Paragraph(_markup(item), _plain_breaks(item, styles["bullet"]), bulletText="•")
            for item in article.items
        ]
        # A rubric name never ends a column on its own.
        return [KeepTogether([*head, *items[:1]]), *items[1:], *map(closing, article.links)]
    head.append(Paragraph(_markup(article.title.upper()), styles["title"]))
    body: list[Flowable] = []
    for paragraph in article.paragraphs:
        if paragraph.startswith("## "):
            body.append(Paragraph(_markup(paragraph.removeprefix("## ")), styles["intertitle"]))
        else:
            body.append(Paragraph(_markup(paragraph), _plain_breaks(paragraph, styles["body"])))
    body += [closing(link) for link in article.links]
    if article.more:
        body.append(closing(f"En savoir plus : {article.more}"))
    if article.contact:
        body.append(closing(f"Contact : {article.contact}"))
    return [KeepTogether([*head, *body[:1]]), *body[1:]]


def _story(issue: IssueSpec, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(issue.title), styles["mast_title"]),
        Paragraph(escape(issue.publisher), styles["mast_line"]),
        Paragraph(escape(issue.tagline), styles["mast_line"]),
        Paragraph(escape(issue.masthead), styles["mast_number"]),
        Spacer(1, 4),
        Paragraph(_markup(" · ".join(issue.address)), styles["mast_address"]),
        Spacer(1, 6),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT),
        FrameBreak(),
    ]
    if issue.editorial:
        story += [
            Paragraph("Édito", styles["editorial_title"]),
            Paragraph(_markup(issue.editorial), styles["body"]),
        ]
    for section in issue.sections:
        story.append(CondPageBreak(60))
        story.append(Paragraph(escape(section.name), styles["section"]))
        story.append(HRFlowable(width="100%", thickness=0.6, color=ACCENT, spaceAfter=4))
        for article in section.articles:
            story += _article_flowables(article, styles, width)
    return story


# ---------------------------------------------------------------------------
# Page layout


def _column_width(columns: int) -> float:
    return (PAGE_WIDTH - 2 * MARGIN_X - (columns - 1) * GUTTER) / columns


def _column_frames(columns: int, top: float, prefix: str) -> list[Frame]:
    width = _column_width(columns)
    height = top - BOTTOM_MARGIN
    return [
        Frame(
            MARGIN_X + index * (width + GUTTER), BOTTOM_MARGIN, width, height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
            id=f"{prefix}{index}",
        )
        for index in range(columns)
    ]


def _page_decorations(issue: IssueSpec, running_header: bool):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        if running_header:
            canvas.setFont(SANS_ITALIC, 8)
            canvas.setFillColor(GREY)
            canvas.drawString(MARGIN_X, PAGE_HEIGHT - 15 * mm, issue.masthead)
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 15 * mm, issue.publisher)
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(0.5)
            rule_y = PAGE_HEIGHT - 17 * mm
            canvas.line(MARGIN_X, rule_y, PAGE_WIDTH - MARGIN_X, rule_y)
        canvas.setFont(SANS, 8)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(PAGE_WIDTH / 2, 11 * mm, f"– {doc.page} –")
        canvas.restoreState()

    return draw


def render_pdf(
    issue: IssueSpec,
    path: str | Path,
    *,
    columns: int = 2,
    running_header: bool = True,
    hyphenate: bool = True,
) -> None:
    """Write `issue` as a newsletter PDF at `path` (deterministic bytes)."""
    if columns not in (1, 2, 3):
        raise ValueError(f"columns must be 1, 2 or 3, not {columns}")
    styles = _styles(columns, hyphenate)
    doc = BaseDocTemplate(
        str(path), pagesize=A4, invariant=1,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=issue.masthead, author=issue.publisher, subject=issue.tagline,
        creator="tools.issuegen.render_pdf",
    )
    body_top = PAGE_HEIGHT - TOP_MARGIN
    columns_top = body_top - MASTHEAD_HEIGHT - 4 * mm
    masthead = Frame(
        MARGIN_X, body_top - MASTHEAD_HEIGHT, PAGE_WIDTH - 2 * MARGIN_X, MASTHEAD_HEIGHT,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="masthead",
    )
    decorate = _page_decorations(issue, running_header)
    doc.addPageTemplates([
        PageTemplate(
            id="first",
            frames=[masthead, *_column_frames(columns, columns_top, "first")],
            onPage=decorate, autoNextPageTemplate="later",
        ),
        PageTemplate(id="later", frames=_column_frames(columns, body_top, "col"), onPage=decorate),
    ])
    doc.build(_story(issue, styles, _column_width(columns)))


__all__ = ["french_break_points", "french_hyphenator", "render_pdf"]
