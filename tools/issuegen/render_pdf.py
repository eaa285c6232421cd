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
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
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
    Table,
    TableStyle,
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
BOX_TINT = colors.HexColor("#F6E8ED")

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
        "banner": ParagraphStyle(
            "banner", fontName=SANS_BOLD, fontSize=body_size + 2, leading=(body_size + 2) * 1.2,
            textColor=colors.white,
        ),
        "caption": ParagraphStyle(
            "caption", fontName=SANS_ITALIC, fontSize=body_size - 1.5, leading=body_size * 1.1,
            textColor=GREY, spaceAfter=leading * 0.6,
        ),
        "pull_quote": ParagraphStyle(
            "pull_quote", fontName=SANS_BOLD_ITALIC, fontSize=body_size + 4,
            leading=(body_size + 4) * 1.2, textColor=ACCENT, leftIndent=8, rightIndent=8,
            spaceBefore=leading * 0.4, spaceAfter=leading * 0.8,
        ),
        "box_title": ParagraphStyle(
            "box_title", fontName=SANS_BOLD, fontSize=body_size + 1.5,
            leading=(body_size + 1.5) * 1.2, textColor=ACCENT, spaceAfter=4,
        ),
        "box_item": ParagraphStyle(
            "box_item", fontName=SANS, fontSize=body_size - 0.5, leading=body_size * 1.2,
            leftIndent=8, bulletIndent=0, spaceAfter=3, textColor=INK,
        ),
        "jump_out": ParagraphStyle(
            "jump_out", fontName=SANS_ITALIC, fontSize=body_size - 0.5, leading=leading,
            alignment=TA_RIGHT, textColor=GREY, spaceAfter=leading * 0.6,
        ),
        "jump_in": ParagraphStyle(
            "jump_in", fontName=SANS_ITALIC, fontSize=body_size - 0.5, leading=leading,
            textColor=GREY, spaceAfter=leading * 0.4,
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


class _Picture(Flowable):
    """A picture's place: a grey frame, as a photo prints without its text layer."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height + 4

    def draw(self) -> None:
        self.canv.setFillColor(colors.HexColor("#C9C4BC"))
        self.canv.setStrokeColor(colors.HexColor("#9A948A"))
        self.canv.rect(0, 4, self.width, self.height, stroke=1, fill=1)


class _PageProbe(Flowable):
    """Takes no room; notes the page it lands on, so a jump line can name it."""

    def __init__(self, key: tuple[int, str], found: dict[tuple[int, str], int]) -> None:
        super().__init__()
        self.key, self.found = key, found

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.found[self.key] = self.canv.getPageNumber()


@dataclass
class _Jumps:
    """Pages of the jumps ("suite p. N"), guessed by one layout pass for the next one."""

    pages: dict[tuple[int, str], int] = field(default_factory=dict)  # used in the text
    found: dict[tuple[int, str], int] = field(default_factory=dict)  # where they landed

    def page(self, key: tuple[int, str]) -> int:
        return self.pages.get(key, 9)


@dataclass(frozen=True)
class _Look:
    """How a designer set this issue: title case, section style, rubric markers."""

    title_case: str = "upper"
    section_style: str = "heading"
    markers: bool = True


def _banner(name: str, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    """A section name in white on a coloured bar."""
    table = Table([[Paragraph(escape(name), styles["banner"])]], colWidths=[width])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    table.spaceBefore, table.spaceAfter = 10, 8
    return table


def _box_flowables(box: ArticleSpec, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    # A box may open on a paragraph or two before its list.
    paragraphs = [Paragraph(_markup(p.removeprefix("## ")), styles["box_item"])
                  for p in ([] if box.is_list else box.paragraphs)]
    items = [Paragraph(_markup(item), styles["box_item"], bulletText="•") for item in box.items]
    return [Paragraph(escape(box.title), styles["box_title"]), *paragraphs, *items]


def _box_table(box: ArticleSpec, styles: dict[str, ParagraphStyle], width: float) -> Table:
    """The boxed list ("Agenda", "À noter"): tinted background, coloured border."""
    table = Table([[_box_flowables(box, styles)]], colWidths=[width])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), BOX_TINT),
        ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    table.spaceBefore, table.spaceAfter = 6, 10
    return table


def _article_flowables(
    article: ArticleSpec, styles: dict[str, ParagraphStyle], width: float, look: _Look = _Look(),
    jump: tuple[int, _Jumps] | None = None, continuation: list[Flowable] | None = None,
) -> list[Flowable]:
    """One article, in the order `render_text.article_lines` writes it.

    With `jump` (the article's number, the jump pages) and `continuation` (where the rest
    goes), an article with `continued_after` stops there on "(suite p. N)" and the rest,
    under its title repeated and "(suite de la p. M)", is appended to `continuation`.
    """

    def closing(text: str) -> Paragraph:
        return _closing_line(text, styles["closing"], width)

    head: list[Flowable] = []
    if article.marker and look.markers:
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
    title = article.title.upper() if look.title_case == "upper" else article.title
    head.append(Paragraph(_markup(title), styles["title"]))
    body: list[Flowable] = []
    cut: int | None = None
    for number, paragraph in enumerate(article.paragraphs):
        if number == article.continued_after:
            cut = len(body)
        if paragraph.startswith("## "):
            body.append(Paragraph(_markup(paragraph.removeprefix("## ")), styles["intertitle"]))
        else:
            body.append(Paragraph(_markup(paragraph), _plain_breaks(paragraph, styles["body"])))
        if paragraph is article.paragraphs[0]:
            if article.picture:
                body.append(KeepTogether([
                    _Picture(width, 30 * mm),
                    Paragraph(_markup(article.picture), styles["caption"]),
                ]))
            if article.pull_quote:
                body.append(Paragraph(_markup(f"« {article.pull_quote} »"), styles["pull_quote"]))
    body += [  # an ordinary article's list, after its paragraphs
        Paragraph(_markup(item), _plain_breaks(item, styles["bullet"]), bulletText="•")
        for item in article.items
    ]
    body += [closing(link) for link in article.links]
    if article.more:
        body.append(closing(f"En savoir plus : {article.more}"))
    if article.contact:
        body.append(closing(f"Contact : {article.contact}"))
    if cut is not None and jump is not None and continuation is not None and cut > 0:
        key, jumps = jump
        # Two ways designers write it; both are read the same.
        short = key % 2 == 0
        jump_out = f"(suite p. {jumps.page((key, 'in'))})" if short \
            else f"Suite page {jumps.page((key, 'in'))} »"
        jump_in = f"(suite de la p. {jumps.page((key, 'out'))})" if short \
            else f"Suite de la page {jumps.page((key, 'out'))}"
        repeated = article.continued_title or article.title
        repeated = repeated.upper() if look.title_case == "upper" else repeated
        continuation += [
            KeepTogether([
                _PageProbe((key, "in"), jumps.found),
                Paragraph(_markup(repeated), styles["title"]),
                Paragraph(escape(jump_in), styles["jump_in"]),
                *body[cut:cut + 1],
            ]),
            *body[cut + 1:],
        ]
        body = [*body[:cut], Paragraph(escape(jump_out), styles["jump_out"]),
                _PageProbe((key, "out"), jumps.found)]
    return [KeepTogether([*head, *body[:1]]), *body[1:]]


def _story(
    issue: IssueSpec, styles: dict[str, ParagraphStyle], width: float, look: _Look = _Look(),
    *, inline_box: bool = False, jumps: _Jumps | None = None,
) -> list[Flowable]:
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
    # The rest of a jumping article is set at the end of the next section, after other
    # articles; a jump from the last section goes to the end of the issue.
    continuations: list[list[Flowable]] = [[] for _ in issue.sections]
    jumping = 0
    for number, section in enumerate(issue.sections):
        story.append(CondPageBreak(60))
        if look.section_style == "banner":
            story.append(_banner(section.name, styles, width))
        else:
            story.append(Paragraph(escape(section.name), styles["section"]))
            story.append(HRFlowable(width="100%", thickness=0.6, color=ACCENT, spaceAfter=4))
        landing = continuations[min(number + 1, len(issue.sections) - 1)]
        for article in section.articles:
            jump = None
            if jumps is not None and article.continued_after:
                jump = (jumping, jumps)
                jumping += 1
            story += _article_flowables(article, styles, width, look, jump, landing)
        story += continuations[number] if number < len(issue.sections) - 1 else []
        if inline_box and number == 0 and issue.sidebar is not None:
            story.append(_box_table(issue.sidebar, styles, width))
    if continuations:
        story += continuations[-1]
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


def _page_decorations(
    issue: IssueSpec, running_header: bool, page_numbers: str = "bottom-centre",
    footer_url: str | None = None, box: tuple[Table, float, float] | None = None,
):
    def draw(canvas, doc) -> None:
        if box is not None and doc.page == 1:
            table, x, top = box
            _, height = table.wrap(table._colWidths[0], PAGE_HEIGHT)
            table.drawOn(canvas, x, top - height)
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
        outer_right = doc.page % 2 == 1
        if page_numbers == "bottom-centre":
            canvas.drawCentredString(PAGE_WIDTH / 2, 11 * mm, f"– {doc.page} –")
        elif page_numbers == "bottom-outer":
            if outer_right:
                canvas.drawRightString(PAGE_WIDTH - MARGIN_X, 11 * mm, f"{doc.page}")
            else:
                canvas.drawString(MARGIN_X, 11 * mm, f"{doc.page}")
        else:  # top-outer: beside the running header
            canvas.setFont(SANS_BOLD, 10)
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 10 * mm, f"{doc.page}")
            canvas.setFont(SANS, 8)
        if footer_url:
            x = MARGIN_X if page_numbers != "bottom-outer" or outer_right else PAGE_WIDTH / 2
            canvas.drawString(x, 11 * mm, footer_url)
        canvas.restoreState()

    return draw


def render_pdf(
    issue: IssueSpec,
    path: str | Path,
    *,
    columns: int = 2,
    running_header: bool = True,
    hyphenate: bool = True,
    title_case: str = "upper",
    section_style: str = "heading",
    markers: bool = True,
    page_numbers: str = "bottom-centre",
    footer_url: str | None = None,
) -> None:
    """Write `issue` as a newsletter PDF at `path` (deterministic bytes).

    The defaults give the house style the demo corpus is printed in. The other options
    give what other designers do: `title_case="as_written"` (titles in mixed case, set
    only in a bigger bold type), `section_style="banner"` (section names in white on a
    coloured bar, smaller than the titles), `markers=False` (no "< Publication >" lines),
    `page_numbers` "bottom-outer" or "top-outer", a `footer_url` on every page. The
    spec's `sidebar` is a tinted box at the top of the last column of page 1 (in the
    flow after the first section on one column); `picture` and `pull_quote` of an
    article follow its first paragraph. An article with `continued_after` jumps: its
    rest is set at the end of the next section (see `_article_flowables`), the page
    numbers of the jump lines found by laying the issue out until they hold.
    """
    if columns not in (1, 2, 3):
        raise ValueError(f"columns must be 1, 2 or 3, not {columns}")
    if title_case not in ("upper", "as_written"):
        raise ValueError(f"title_case must be 'upper' or 'as_written', not {title_case!r}")
    if section_style not in ("heading", "banner"):
        raise ValueError(f"section_style must be 'heading' or 'banner', not {section_style!r}")
    if page_numbers not in ("bottom-centre", "bottom-outer", "top-outer"):
        raise ValueError(f"unknown page_numbers {page_numbers!r}")
    look = _Look(title_case=title_case, section_style=section_style, markers=markers)
    if not any(article.continued_after for _, article in issue.articles()):
        _build(issue, str(path), columns, running_header, hyphenate, look, page_numbers,
               footer_url, None)
        return
    jumps = _Jumps()
    for _ in range(4):
        jumps.found = {}
        _build(issue, BytesIO(), columns, running_header, hyphenate, look, page_numbers,
               footer_url, jumps)
        if jumps.found == jumps.pages:
            break
        jumps.pages = dict(jumps.found)
    _build(issue, str(path), columns, running_header, hyphenate, look, page_numbers,
           footer_url, jumps)


def _build(
    issue: IssueSpec, target: str | BytesIO, columns: int, running_header: bool,
    hyphenate: bool, look: _Look, page_numbers: str, footer_url: str | None,
    jumps: _Jumps | None,
) -> None:
    styles = _styles(columns, hyphenate)
    doc = BaseDocTemplate(
        target, pagesize=A4, invariant=1,
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
    first_frames = _column_frames(columns, columns_top, "first")
    box = None
    if issue.sidebar is not None and columns > 1:
        # Out of the flow: the last column of page 1 starts below the box.
        width = _column_width(columns)
        table = _box_table(issue.sidebar, styles, width)
        _, height = table.wrap(width, PAGE_HEIGHT)
        last = first_frames[-1]
        box = (table, last._x1, columns_top)
        first_frames[-1] = Frame(
            last._x1, BOTTOM_MARGIN, width, columns_top - height - 6 * mm - BOTTOM_MARGIN,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=last.id,
        )
    decorate = _page_decorations(issue, running_header, page_numbers, footer_url, box)
    doc.addPageTemplates([
        PageTemplate(
            id="first",
            frames=[masthead, *first_frames],
            onPage=decorate, autoNextPageTemplate="later",
        ),
        PageTemplate(id="later", frames=_column_frames(columns, body_top, "col"), onPage=decorate),
    ])
    inline_box = issue.sidebar is not None and columns == 1
    doc.build(_story(issue, styles, _column_width(columns), look, inline_box=inline_box,
                     jumps=jumps))


__all__ = ["french_break_points", "french_hyphenator", "render_pdf"]
