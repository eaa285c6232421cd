"""Typed values passed between the pipeline's stages.

files → ExtractedDocument(Blocks) → Articles → EnrichedArticles → index.
Each stage only adds to what the previous one produced; nothing here knows about
Whoosh or Flask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"
    DOCX = "docx"  # Word
    ODT = "odt"  # LibreOffice Writer


class BlockKind(StrEnum):
    """What an extractor could tell about a block from layout or markup alone.

    Extractors only report what the format shows (a <h2>, a bigger bold font, a
    bullet). Deciding whether a heading is a section, a rubric or a title is the
    segmenter's job, the same for every format.
    """

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    SEPARATOR = "separator"  # a horizontal rule, a page break marker


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # as given by the user (relative paths stay relative)
    format: SourceFormat
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    page: int = 1
    kind: BlockKind = BlockKind.PARAGRAPH
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    font_size: float | None = None
    bold: bool = False
    heading_level: int = 0  # 1..6 where markup gives it (<h1>…), else 0
    column: int = 0
    links: tuple[str, ...] = ()  # hrefs carried by the block's markup
    # The layout container (an e-mail's table cell, "content block") the block sits in,
    # shared with the other blocks of that container; 0 where the format gives none.
    group: int = 0
    # The framed or tinted box (a sidebar: "À noter", an agenda) the block sits in,
    # numbered from 1 in reading order; 0 in the flow of the articles.
    box: int = 0
    # Plain text: the block's first line comes right under the previous block's last
    # one, no blank line between ("TITLE ON TWO⏎LINES IN CAPITALS").
    joined_to_previous: bool = False
    # Plain text: the number of a lone numbered heading ("2. Territoires"), else 0.
    number: int = 0


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    source: SourceFile
    blocks: tuple[Block, ...]
    title: str | None = None  # <title>, PDF metadata title
    page_count: int = 1
    body_font_size: float | None = None  # the dominant size, so headings can be told apart
    # What was read only in part (scanned pages without OCR…): reported, never silent.
    warnings: tuple[str, ...] = ()
    # Running headers and footers the extractor dropped from the blocks (one string per
    # page and margin, in page order): not content, but they may state the issue's number
    # and date ("Résonances n°57 – mai 2021").
    running_heads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    id: str  # stable: "resonances-n57", else derived from date or file stem
    title: str
    number: int | None
    date: str | None  # ISO: YYYY-MM-DD, or YYYY-MM when only the month is known
    sources: tuple[str, ...] = ()
    # Where the number and the date were read: "masthead", "running-header", "title" (the
    # file's own title: <title>, PDF metadata), "colophon", "file-name"; None if nowhere.
    number_from: str | None = None
    date_from: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # stable across re-runs and across formats of one issue
    issue: Issue
    position: int  # order within the issue, from 0
    section: str | None  # "L'actu du Pôle ressources", "National / Régional"…
    kind: str | None  # rubric: "Publication", "Séminaire des élu.e.s", "Mouvements"…
    kind_detail: str | None  # the rest of a rubric marker: "11 mai, 17h-19h, visioconférence"
    heading: str | None  # theme or commune line above the title ("Persan", "Crise sanitaire")
    title: str
    lead: str  # first paragraph (or the book reference of a review)
    text: str  # body after the lead, paragraphs separated by blank lines
    links: tuple[str, ...]
    emails: tuple[str, ...]
    contacts: tuple[str, ...]  # closing "Contact : …" lines, without the label
    pages: tuple[int, ...]
    source: str  # path as given
    format: SourceFormat
    subheadings: tuple[str, ...] = ()  # intertitles inside the body
    # The lines of its lists, in order (a Mouvements line, a press item, a bullet): the
    # text holds them too, for search; this keeps them apart for export and display.
    items: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n\n".join(part for part in (self.title, self.lead, self.text) if part)


@dataclass(frozen=True, slots=True)
class CommuneRef:
    insee: str
    name: str
    departement: str  # "78", "92", "95"…
    epci: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the article text that an entity was read from."""

    label: str  # COMMUNE, QUARTIER, ORG, PERSON, DEPARTEMENT
    text: str
    start: int
    end: int
    ref: str  # INSEE code, canonical name…


@dataclass(frozen=True, slots=True)
class PersonRef:
    name: str
    role: str | None = None
    communes: tuple[str, ...] = ()  # INSEE codes
    organisation: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    name: str  # canonical name
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class ThemeRef:
    id: str  # slug from the vocabulary
    label: str
    reason: str  # "heading: Développement économique", "keyword: santé mentale ×3"…


def quartier_key(insee: str, name: str) -> str:
    """The one key of a quartier, everywhere (mentions, index values, URLs): its commune's
    INSEE code, a bar, its name — "78361|Val Fourré"."""
    return f"{insee}|{name}"


def quartier_parts(key: str) -> tuple[str, str]:
    """("78361", "Val Fourré") from "78361|Val Fourré"; ("", key) from a bare name."""
    insee, bar, name = key.partition("|")
    return (insee, name) if bar else ("", key)


@dataclass(frozen=True, slots=True)
class EnrichedArticle:
    article: Article
    communes: tuple[CommuneRef, ...] = ()
    departements: tuple[str, ...] = ()
    quartiers: tuple[str, ...] = ()  # quartier keys: "78361|Val Fourré" (quartier_key)
    organisations: tuple[OrganisationRef, ...] = ()
    people: tuple[PersonRef, ...] = ()
    themes: tuple[ThemeRef, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be read, with a reason a documentalist can act on."""

    path: str
    reason: str
