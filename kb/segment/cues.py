"""What one block says on its own: rubric markers, closing lines, quotations, its type."""

from __future__ import annotations

import re
from dataclasses import replace

from kb.models import Block, BlockKind
from kb.textclean import (
    ends_sentence,
    find_emails,
    find_urls,
    is_all_caps,
    is_reference_line,
    is_url_only,
)

# Closing lines: "Contact : …" gives contacts, the others give links.
CONTACT_RE = re.compile(r"^(?:contacts?|renseignements?|interlocut\w*)\s*:\s*", re.IGNORECASE)
# "Lieu : La Halle aux Grains, Cergy", "Horaires : 9h-12h": a field of the article above,
# never the theme or commune line of the next one.
FIELD_LINE_RE = re.compile(
    r"^\s*(?:lieu|date|dates|horaires?|où|quand|adresse|tarifs?|public|inscriptions?)\s*:\s*\S",
    re.IGNORECASE)
MORE_RE = re.compile(
    r"^(?:(?:pour\s+)?en\s+savoir\s+plus|plus\s+d'?\s*infos?|informations?|inscriptions?|"
    r"lien|site|voir)\s*:\s*", re.IGNORECASE,
)
# A link button's label alone on its line (the link is the block's href).
LINK_LABEL_RE = re.compile(
    r"^(?:(?:pour\s+)?en\s+savoir\s+plus|lire\s+la\s+suite|plus\s+d'?\s*infos?|"
    r"voir\s+le\s+site|s'inscrire|t[ée]l[ée]charger)\s*[:›»→>.…]*$", re.IGNORECASE,
)
_MARKER_RE = re.compile(r"^<\s*([^<>]+?)\s*>$")
# A marker with the theme or place line set after it on the same line: "< RAPPORT > SANTÉ".
_MARKER_THEN_HEADING_RE = re.compile(r"^<\s*([^<>]+?)\s*>\s*(?P<heading>[^<>\s][^<>]{0,60})$")
# The same marker spelt out, as text parts of e-mails put it: "Rubrique : Emploi".
_LABELLED_MARKER_RE = re.compile(
    r"^(?:rubrique|th[èe]me|th[ée]matique|cat[ée]gorie)\s*:\s*([^:<>]{1,80}?)\s*$",
    re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^[\W_]*(?:page\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[\W_]*$", re.IGNORECASE)

HEADING_LINE_MAX_WORDS = 6
# A section's name over a rubric marker may run long ("Après janvier 2015 : citoyenneté,
# laïcité et lien social (paroles d'acteurs)").
SECTION_LINE_MAX_WORDS = 12
INTERTITLE_MAX_WORDS = 14
# A title right under its rubric or theme line may run longer than an intertitle.
LABELLED_TITLE_MAX_WORDS = 25

# A title line ending on one of these goes on on the next line.
JOINING_WORDS = frozenset({
    "a", "au", "aux", "de", "des", "du", "d", "l", "la", "le", "les", "et", "ou", "en", "un",
    "une", "pour", "par", "sur", "dans", "avec", "sans", "entre", "vers", "qui", "que", "son",
    "sa", "ses", "leur", "leurs", "ce", "cette", "ces",
})

_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))

Tier = tuple[int, float]


def marker_text(block: Block) -> str | None:
    """The inside of a rubric marker line ("< Publication >"), if the block is one."""
    text = block.text.strip()
    match = _MARKER_RE.match(text) or _LABELLED_MARKER_RE.match(text) \
        or _MARKER_THEN_HEADING_RE.match(text)
    if not match or is_url_only(match.group(1)):
        return None
    return match.group(1)


def marker_heading(block: Block) -> str | None:
    """The theme or place line set after a marker on its line ("< RAPPORT > SANTÉ")."""
    match = _MARKER_THEN_HEADING_RE.match(block.text.strip())
    return match.group("heading").strip() if match else None


def join_broken_markers(blocks: list[Block]) -> list[Block]:
    """A rubric marker broken over two lines the extractor kept apart ("< CYCLE DE
    QUALIFICATION, 5 AVRIL," / "9H30-16H30, EAUBONNE >": small capitals measured in two
    sizes) is one line again."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if previous is not None and previous.page == block.page \
                and previous.text.lstrip().startswith("<") and ">" not in previous.text \
                and "<" not in block.text and block.text.rstrip().endswith(">"):
            joined = replace(previous, text=f"{previous.text.strip()} {block.text.strip()}",
                             links=(*previous.links, *block.links))
            if marker_text(joined) is not None:
                out[-1] = joined
                continue
        out.append(block)
    return out


def join_split_quotations(blocks: list[Block]) -> list[Block]:
    """A quotation set large that a column's foot cut in two ("« On commence par…" at
    the foot, "…de surendettement. »" atop the next column) is one block again."""
    out: list[Block] = []
    for block in blocks:
        if out and _halves_of_a_quotation(out[-1], block):
            out[-1] = replace(out[-1], text=f"{out[-1].text.strip()} {block.text.strip()}",
                              links=(*out[-1].links, *block.links))
        else:
            out.append(block)
    return out


def _halves_of_a_quotation(head: Block, tail: Block) -> bool:
    """Two headings in one type, the first opening a quotation the second closes. Only
    marks that differ when opening and closing tell where a quotation starts."""
    if not (head.kind is tail.kind is BlockKind.HEADING
            and abs((head.font_size or 0) - (tail.font_size or 0)) <= 0.3):
        return False
    first, second = head.text.strip(), tail.text.strip()
    return any(first.startswith(open_) and close not in first and second.endswith(close)
               and open_ not in second for open_, close in _QUOTE_PAIRS if open_ != close)


def closing_kind(block: Block) -> str | None:
    text = block.text.strip()
    if CONTACT_RE.match(text):
        # "Contact : un numéro unique pour les locataires", set as a heading or in
        # capitals with no address nor number: a title, not the article's contact line.
        if (block.kind is BlockKind.HEADING or is_all_caps(text)) and not find_emails(text) \
                and not any(c.isdigit() for c in text):
            return None
        return "contact"
    if MORE_RE.match(text) or is_url_only(text) or LINK_LABEL_RE.match(text.replace("’", "'")):
        return "link"
    if find_emails(text) and len(text.split()) <= 3:
        return "contact"
    return None


def contact_line(block: Block) -> bool:
    """A line under a bare "Contact :": a short record of fields ("Name, role, mail",
    "Name, role, commune") or an address, not a sentence nor a heading."""
    text = block.text.strip()
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) or is_all_caps(text) \
            or not text:
        return False
    fields = [f for f in text.split(",") if f.strip()]
    return len(text.split()) <= 25 and (
        bool(find_emails(text)) or any(c.isdigit() for c in text) or len(fields) >= 2
    ) and not (text.endswith(".") and len(fields) < 2)


def block_tier(block: Block, body_size: float | None) -> Tier | None:
    """How big a heading is: smaller tuples are bigger headings; None for body type."""
    if block.kind is BlockKind.LIST_ITEM:
        return None
    size = round((block.font_size or 0) * 2) / 2
    emphasised = block.kind is BlockKind.HEADING or (
        body_size is not None and block.font_size is not None and block.font_size >= body_size + 1.5
    )
    if not emphasised:
        return None
    return (block.heading_level or 9, -size)


def touching(first: Block, second: Block) -> bool:
    """Two lines of one paragraph on the page: same page and column, no gap between."""
    if first.bbox is None or second.bbox is None or first.page != second.page:
        return False
    size = first.font_size or 10.0
    gap = second.bbox[1] - first.bbox[3]
    return first.column == second.column and -1 <= gap <= 0.6 * size


def is_quotation(block: Block) -> bool:
    """A whole block between quotation marks: a pull quote when set large."""
    text = block.text.strip()
    return any(text.startswith(open_) and text.endswith(close) and len(text) > 2
               for open_, close in _QUOTE_PAIRS)


def short_line(text: str, max_words: int) -> bool:
    # A slash or a dash between names is no word ("Bezons / Argenteuil / Sannois").
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    return (
        0 < len(words) <= max_words
        and not ends_sentence(text)
        and not text.endswith(",")
        and text[:1].isupper()
        and not find_urls(text)
        and not find_emails(text)
    )


def title_line(text: str, max_words: int) -> bool:
    """A short line as titles are in plain text; one may open on a quotation mark
    ("« Les jeunes ne veulent pas être consultés, ils veulent décider »") or ask."""
    text = re.sub(r"^[«“\"'\s]+", "", text)
    # A question or an exclamation is a title's shape too ("Quelle place pour … ?").
    return short_line(re.sub(r"\s*[?!]+$", "", text), max_words) and not is_reference_line(text)


def sets_out_a_work(*blocks: Block) -> bool:
    """A work's title, subtitle and reference line set as one block of lines ("Habiter la
    dalle" / "Une histoire sociale…" / "Odile Ravel, Créaphis, 2149, 320 p."): the first
    line is the title, not a theme line (a genre line is set apart: "Ouvrage", a blank
    line, the title)."""
    return len(blocks) == 3 and all(block.joined_to_previous for block in blocks[1:]) \
        and is_reference_line(blocks[2].text)
