"""What every toolchain prints, read once from an issue spec, and how it varies.

The renderers of this package must differ in *markup and layout* only: they all set
the same pieces of text (masthead, section names, "< kind, detail >" rubric markers,
theme lines, titles, paragraphs, intertitles, list items, closing lines) in the order
`tools.issuegen.render_text` uses, so that a difference in the scores is the
segmenter's, not a difference in what was printed. The look (fonts, columns, kicker
style, whether the masthead states the number and date, how titles wrap) is drawn
from the spec's number and the toolchain's name, so a re-run gives identical choices.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass
from html import escape

from kb.citation import MONTHS_FR
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

# The centre's e-mail, as the seed issue prints it under the address.
CENTRE_EMAIL = "poleressources.95@wanadoo.fr"
ACCENTS = ("#B0254F", "#1F5F8B", "#2E7D32", "#8E4A9E", "#C0561A")
SERIF_FONTS = ("Liberation Serif", "DejaVu Serif")
SANS_FONTS = ("Liberation Sans", "DejaVu Sans", "Liberation Sans Narrow")

_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Variant:
    """One toolchain's look for one spec. Every field is a design choice seen in real
    newsletters; the scorer never reads it (it is written to the manifest for people)."""

    body_font: str
    title_font: str
    columns: int  # where the toolchain lays out columns (1-3), else cards per row
    kicker: str  # "caps": small coloured capitals above the title; "band": white on colour
    masthead_number: str  # "n°" ("n°58"), "numero" ("Numéro 58"), "N°" ("N° 58"), "none"
    masthead_date: str  # "month" ("octobre 2021"), "day" ("14 octobre 2021"), "none"
    wrap_titles: bool  # titles set large (or broken by hand) so they run over lines
    accent: str
    justify: bool
    section_span: bool  # section headings across all columns, else inside the flow
    metadata_title: bool  # the file's own title (PDF metadata, <title>) names the issue

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def variant_for(spec: IssueSpec, toolchain: str, *, columns: tuple[int, ...] = (2,)) -> Variant:
    """The look of `spec` in `toolchain`: seeded by both, so two toolchains given the
    same spec differ, and `columns` lists the counts this toolchain may draw from."""
    rng = random.Random(f"{toolchain}:{spec.number}")
    serif = rng.random() < 0.5
    body = rng.choice(SERIF_FONTS if serif else SANS_FONTS)
    title = rng.choice(SANS_FONTS if rng.random() < 0.6 else SERIF_FONTS)
    return Variant(
        body_font=body,
        title_font=title,
        columns=rng.choice(columns),
        kicker=rng.choice(("caps", "caps", "band")),
        masthead_number=rng.choice(("n°", "n°", "numero", "N°", "none")),
        masthead_date=rng.choice(("month", "month", "day", "none")),
        wrap_titles=rng.random() < 0.5,
        accent=rng.choice(ACCENTS),
        justify=rng.random() < 0.5,
        section_span=rng.random() < 0.6,
        metadata_title=rng.random() < 0.7,
    )


# ---------------------------------------------------------------------------
# The issue's identity lines


def month_year(spec: IssueSpec) -> str:
    """"octobre 2021"."""
    return spec.month_label


def running_label(spec: IssueSpec) -> str:
    """"Résonances n°58 – octobre 2021", the line of running heads and colophons."""
    return spec.masthead


def masthead_issue_line(spec: IssueSpec, variant: Variant) -> str | None:
    """The masthead's number/date line as this variant states it, or None when the
    masthead states neither (the colophon and running heads still do)."""
    number = {
        "n°": f"n°{spec.number}",
        "numero": f"Numéro {spec.number}",
        "N°": f"N° {spec.number}",
        "none": "",
    }[variant.masthead_number]
    year, month, day = spec.date.split("-")
    date = {
        "month": f"{MONTHS_FR[int(month) - 1]} {year}",
        "day": f"{int(day)} {MONTHS_FR[int(month) - 1]} {year}",
        "none": "",
    }[variant.masthead_date]
    if variant.masthead_number == "N°":
        date = date.capitalize()
    parts = [part for part in (number, date) if part]
    return " – ".join(parts) if parts else None


def address_line(spec: IssueSpec) -> str:
    """"39 rue des Bussys – 95600 Eaubonne – 01.34.05.17.17 – e-mail"."""
    return " – ".join((*spec.address, CENTRE_EMAIL))


def colophon(spec: IssueSpec) -> str:
    """The closing imprint every printed issue carries, with its number and date."""
    return (
        f"{running_label(spec)}. {spec.publisher}, {', '.join(spec.address)}, "
        f"{CENTRE_EMAIL}. Directrice de la publication : la présidente du Pôle ressources."
    )


def metadata_title(spec: IssueSpec, variant: Variant) -> str:
    """The file's own title: the issue's label, or only the newsletter's name."""
    return running_label(spec) if variant.metadata_title else f"{spec.title} – {spec.publisher}"


# ---------------------------------------------------------------------------
# An article as pieces


@dataclass(frozen=True)
class Piece:
    """One printed line or paragraph of an article, with its role so each toolchain
    can give it its own markup. `href` is set on link-bearing closing lines."""

    role: str  # marker, heading, title, para, intertitle, item, quote, caption, link, more, contact
    text: str
    href: str | None = None


def kicker_pieces(article: ArticleSpec) -> list[Piece]:
    """The lines above the title: the rubric marker, then the theme or commune line."""
    pieces = []
    if article.marker:
        pieces.append(Piece("marker", f"< {article.marker} >"))
    if article.heading:
        pieces.append(Piece("heading", article.heading))
    return pieces


def body_pieces(article: ArticleSpec) -> list[Piece]:
    """Paragraphs (intertitles set apart) or list items, with the picture caption and
    pull quote after the first paragraph, then an ordinary article's list items, as
    `render_text.article_lines` orders them."""
    if article.is_list:
        return [Piece("item", item) for item in article.items]
    pieces: list[Piece] = []
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.startswith("## "):
            pieces.append(Piece("intertitle", paragraph.removeprefix("## ")))
        else:
            pieces.append(Piece("para", paragraph))
        if index == 0 and article.picture:
            pieces.append(Piece("caption", article.picture))
        if index == 0 and article.pull_quote:
            pieces.append(Piece("quote", f"« {article.pull_quote} »"))
    # An ordinary article may hold a list after its paragraphs (or instead of them).
    pieces += [Piece("item", item) for item in article.items]
    return pieces


def closing_pieces(article: ArticleSpec) -> list[Piece]:
    """Links, "En savoir plus : …" and "Contact : …" lines, in that order."""
    pieces = [Piece("link", link, href=href_of(link)) for link in article.links]
    if article.more:
        pieces.append(Piece("more", f"En savoir plus : {article.more}", href=href_of(article.more)))
    if article.contact:
        pieces.append(Piece("contact", f"Contact : {article.contact}"))
    return pieces


def sections_of(spec: IssueSpec) -> list[SectionSpec]:
    """The sections in print order, the editorial first as an "Édito" section."""
    sections = list(spec.sections)
    if spec.editorial:
        editorial = ArticleSpec(title="Édito", paragraphs=[spec.editorial])
        sections.insert(0, SectionSpec("Édito", [editorial]))
    return sections


def is_editorial(section: SectionSpec) -> bool:
    return section.name == "Édito" and len(section.articles) == 1 \
        and section.articles[0].title == "Édito"


def is_long(article: ArticleSpec) -> bool:
    """Long enough to take a full row or a column of its own in card layouts."""
    words = sum(len(p.split()) for p in article.paragraphs) + sum(
        len(i.split()) for i in article.items)
    return words > 220 or len(article.paragraphs) > 3


# ---------------------------------------------------------------------------
# Inline markup


def href_of(target: str) -> str:
    target = target.strip("<>")
    if "@" in target and "/" not in target:
        return f"mailto:{target}"
    return target if "://" in target else f"https://{target}"


def _emphasis_html(text: str) -> str:
    html = escape(text, quote=False)
    html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", html)


def inline_html(text: str, *, link_style: str = "") -> str:
    """Spec text (`**bold**`, `*italic*`, bare URLs and e-mails) as inline HTML."""
    out: list[str] = []
    position = 0
    for match in _URL_OR_EMAIL.finditer(text):
        out.append(_emphasis_html(text[position:match.start()]))
        target = match.group(0)
        style = f' style="{link_style}"' if link_style else ""
        out.append(f'<a href="{escape(href_of(target))}"{style}>{escape(target)}</a>')
        position = match.end()
    out.append(_emphasis_html(text[position:]))
    return "".join(out)


def break_title(title: str) -> tuple[str, str] | None:
    """Where a hand-set title breaks in two (after a colon, else near the middle), as
    editors do in tables and e-mails; None for short titles."""
    if len(title) < 45:
        return None
    colon = title.find(" : ")
    if 12 < colon < len(title) - 12:
        return title[:colon + 2], title[colon + 3:]
    words = title.split()
    half = len(title) // 2
    length = 0
    for index, word in enumerate(words[:-1]):
        length += len(word) + 1
        if length >= half:
            return " ".join(words[:index + 1]), " ".join(words[index + 1:])
    return None
