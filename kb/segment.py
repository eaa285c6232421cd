"""Blocks → (Issue, Articles): the same rules for every format.

The segmenter reads the cues newsletters use rather than the format they came
in: section headings, rubric markers (`< Publication >`), a theme or commune
line above a title, titles in capitals or in a bigger type, closing lines
(`Contact : …`, `En savoir plus : …`, a URL) and list rubrics (Mouvements,
En bref, press items) that are articles of their own. Extractors say only what
the layout shows (HEADING, font size, bold, list item); the meaning is decided here.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kb.models import Article, Block, BlockKind, ExtractedDocument, Issue
from kb.textclean import (
    ends_sentence,
    find_emails,
    find_urls,
    fold,
    is_all_caps,
    is_url_only,
    normalise_spaces,
    slugify,
    strip_accents,
    unique,
    unique_urls,
    unwrap_urls,
)

MONTHS_FR = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)

# (label, how a longer line starting with it is read): "exact" = only the name itself,
# "keep" = the whole line is the section's name ("Ouest francilien (Hauts-de-Seine …)"),
# "detail" = the name, the rest is a detail ("Dans la presse - disponible au Pôle ressources").
KNOWN_SECTIONS: tuple[tuple[str, str], ...] = (
    ("L'actu du Pôle ressources", "detail"),
    ("L'actualité du Pôle ressources", "detail"),
    ("National / Régional", "detail"),
    ("National", "exact"),
    ("Régional", "exact"),
    ("Ouest francilien", "keep"),
    ("Fiche expérience", "detail"),
    ("Site internet", "detail"),
    ("Dans la presse", "detail"),
    ("À lire / à voir", "detail"),
    ("À lire", "detail"),
    ("À voir", "detail"),
    ("Agenda", "detail"),
    ("Édito", "exact"),
    ("Éditorial", "exact"),
    ("Ressources", "exact"),
    ("En bref", "detail"),
    ("Brèves", "exact"),
    ("Mouvements", "exact"),
    ("Zoom sur", "keep"),
)
_SECTION_KEYS = tuple((fold(label), label, mode) for label, mode in KNOWN_SECTIONS)
# Rubrics that are one article made of a list, inside the current section.
LIST_RUBRICS = frozenset(fold(name) for name in ("Mouvements", "En bref", "Brèves"))
# Closing lines: "Contact : …" gives contacts, the others give links.
_CONTACT_RE = re.compile(r"^(?:contacts?|renseignements?|interlocut\w*)\s*:\s*", re.IGNORECASE)
_MORE_RE = re.compile(
    r"^(?:(?:pour\s+)?en\s+savoir\s+plus|plus\s+d'?\s*infos?|informations?|inscriptions?|"
    r"lien|site|voir)\s*:\s*", re.IGNORECASE,
)
_MARKER_RE = re.compile(r"^<\s*([^<>]+?)\s*>$")
_PAGE_NUMBER_RE = re.compile(r"^[\W_]*(?:page\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[\W_]*$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\b(?:n\s?[°ºo]|num[ée]ro|no\.)\s*(\d{1,4})\b", re.IGNORECASE)
_MONTH_ALT = "|".join(MONTHS_FR)
_DATE_RE = re.compile(
    rf"\b(?:(\d{{1,2}})(?:er)?\s+)?({_MONTH_ALT})(?:[\s/–-]+(?:{_MONTH_ALT}))?\s+((?:19|20)\d\d)\b"
)
_NUMERIC_DATE_RE = re.compile(r"\b(?:(\d{1,2})/)?(0?[1-9]|1[0-2])/((?:19|20)\d\d)\b")
_STEM_NUMBER_RE = re.compile(r"(?:^|[^a-z0-9])n[°o]?[-_ ]?(\d{1,4})(?=$|[^0-9])")
_STEM_DATE_RE = re.compile(
    r"((?:19|20)\d\d)[-_.](0[1-9]|1[0-2])(?:[-_.](0[1-9]|[12]\d|3[01]))?(?!\d)"
)

_HEADING_LINE_MAX_WORDS = 6

# Jumps: an article stopped on "(suite p. 4)" resumes later under its title repeated and
# "(suite de la p. 1)". Read on a lowercased, accent-free copy of the line.
_PAGE_REF = r"(?:p\.?|pages?)\s*(\d{1,3})"
_JUMP_OUT = (
    rf"(?:(?:lire|voir)\s+(?:la\s+)?)?suite\s+(?:en\s+|a\s+la\s+)?{_PAGE_REF}"
    rf"|(?:[→➔➜]|->)\s*(?:suite\s+)?{_PAGE_REF}"
)
_JUMP_IN = rf"suite\s+(?:de\s+la|du|de)\s+(?:{_PAGE_REF}|(une))"
_JUMP_OUT_LINE_RE = re.compile(rf"^[(\[]?\s*(?:{_JUMP_OUT})\s*[)\]]?\s*[.»›>→]*$")
_JUMP_IN_LINE_RE = re.compile(rf"^[(\[]?\s*(?:{_JUMP_IN})\s*[)\]]?\s*[.»›:]*$")
# Inside a longer line only in brackets (or after an arrow), so prose is never cut.
_JUMP_OUT_TAIL_RE = re.compile(
    rf"\s*(?:[(\[]\s*(?:{_JUMP_OUT})\s*[)\]]|(?:[→➔➜]|->)\s*(?:suite\s+)?{_PAGE_REF})\s*$")
_JUMP_IN_HEAD_RE = re.compile(rf"^[(\[]\s*(?:{_JUMP_IN})\s*[)\]]\s*")
_JUMP_IN_TAIL_RE = re.compile(rf"\s*[(\[]\s*(?:{_JUMP_IN}|suite)\s*[)\]]\s*$")
# Words a repeated title may gain ("… (suite)") that the first one did not have.
_CONTINUATION_WORDS = frozenset({"suite", "fin"})
_INTERTITLE_MAX_WORDS = 14
# Layout containers read as articles' own only when at least this share of the titles
# open a container of their own (the rest are intertitles in their article's).
_GROUP_OPENER_SHARE = 0.5


# ---------------------------------------------------------------------------
# Issue: number, date, id


def _date_in(text: str) -> str | None:
    text = _NUMBER_RE.sub(" ", text)  # "n°57 – mai 2021": 57 is not a day
    folded = fold(text)
    match = _DATE_RE.search(folded)
    if match:
        day, month, year = match.group(1), MONTHS_FR.index(match.group(2)) + 1, match.group(3)
        if day and 1 <= int(day) <= 31:
            return f"{year}-{month:02d}-{int(day):02d}"
        return f"{year}-{month:02d}"
    match = _NUMERIC_DATE_RE.search(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}" if day else f"{year}-{int(month):02d}"
    return None


def _number_in(text: str) -> int | None:
    match = _NUMBER_RE.search(text)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _number_from_stem(stem: str) -> int | None:
    stem = stem.casefold()
    match = _STEM_NUMBER_RE.search(stem)
    if match and int(match.group(1)) > 0:
        return int(match.group(1))
    if "reson" not in fold(stem).replace(" ", ""):
        return None
    for token in re.split(r"[^0-9]+", stem):
        if token and not (len(token) == 4 and token[:2] in ("19", "20")):
            return int(token) if int(token) > 0 else None
    return None


def _date_from_stem(stem: str) -> str | None:
    match = _STEM_DATE_RE.search(stem)
    if match:
        year, month, day = match.groups()
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    return _date_in(stem.replace("_", " ").replace("-", " "))


def issue_title(number: int | None, date: str | None) -> str:
    parts = ["Résonances"]
    if number is not None:
        parts.append(f"n°{number}")
    title = " ".join(parts)
    if date:
        month = MONTH_LABELS[int(date[5:7]) - 1] if len(date) >= 7 else ""
        title += f" – {month} {date[:4]}".replace("  ", " ")
    return title


MONTH_LABELS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def build_issue(document: ExtractedDocument, masthead: list[Block]) -> Issue:
    texts = [block.text for block in masthead]
    if document.title:
        texts.append(document.title)
    number = next((n for n in map(_number_in, texts) if n is not None), None)
    date = next((d for d in map(_date_in, texts) if d is not None), None)
    stem = Path(document.source.path).stem
    if number is None:
        number = _number_from_stem(stem)
    if date is None:
        date = _date_from_stem(stem)
    if number is not None:
        issue_id = f"resonances-n{number}"
    elif date is not None:
        issue_id = f"resonances-{date}"
    else:
        issue_id = slugify(stem) or "resonances"
    return Issue(
        id=issue_id,
        title=issue_title(number, date),
        number=number,
        date=date,
        sources=(document.source.path,),
    )


def article_id(issue_id: str, title: str, occurrence: int) -> str:
    key = f"{issue_id}\x1f{fold(title)}"
    if occurrence:
        key += f"\x1f{occurrence}"
    return f"{issue_id}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


# ---------------------------------------------------------------------------
# Jumps


@dataclass(frozen=True)
class Jump:
    """A jump line: `out` = the article goes on at `page`; in = it resumes from `page`."""

    direction: str  # "out" | "in"
    page: int | None


def _jump_key(text: str) -> str:
    return normalise_spaces(strip_accents(text).casefold().replace("’", "'"))


def _jump_from(match: re.Match[str], direction: str) -> Jump:
    groups = [group for group in match.groups() if group]
    if not groups:
        return Jump(direction, None)
    return Jump(direction, 1 if groups[0] == "une" else int(groups[0]))


def jump_line(text: str) -> Jump | None:
    """The jump a whole line is ("(suite p. 4)", "Suite de la page 1", "→ p. 4"), if any."""
    key = _jump_key(text)
    if len(key) > 40:
        return None
    if match := _JUMP_OUT_LINE_RE.match(key):
        return _jump_from(match, "out")
    if match := _JUMP_IN_LINE_RE.match(key):
        return _jump_from(match, "in")
    return None


def split_jump(text: str) -> tuple[str, Jump | None]:
    """A line without the jump it carries in brackets: "… embauche. (suite p. 4)",
    "(suite de la p. 1) Les inscriptions…", "KIOSQUE POUR L'EMPLOI (suite)"."""
    key = _jump_key(text)
    if len(key) != len(text):  # a character that folds to two: leave the line alone
        return text, None
    if (match := _JUMP_OUT_TAIL_RE.search(key)) and match.start() > 0:
        return text[:match.start()].rstrip(), _jump_from(match, "out")
    if (match := _JUMP_IN_HEAD_RE.match(key)) and match.end() < len(key):
        return text[match.end():].lstrip(), _jump_from(match, "in")
    if (match := _JUMP_IN_TAIL_RE.search(key)) and match.start() > 0:
        return text[:match.start()].rstrip(), _jump_from(match, "in")
    return text, None


def _title_words(title: str) -> list[str]:
    return [word for word in fold(title).split() if word not in _CONTINUATION_WORDS]


def titles_match(repeated: str, original: str) -> bool:
    """A title repeated over a continuation, whole or shortened (its first words, or
    most of its words: "Kiosque pour l'emploi" for "Un kiosque pour l'emploi au cœur…")."""
    short, full = _title_words(repeated), _title_words(original)
    if not short or not full:
        return False
    if full[:len(short)] == short or short[:len(full)] == full:
        return True
    shared = sum(1 for word in short if word in set(full))
    return len(short) >= 2 and shared >= 0.8 * len(short)


# ---------------------------------------------------------------------------
# Block cues


def _sentence_case(text: str) -> str:
    """Capitals are typography, not the name: "SITE INTERNET" → "Site internet"."""
    if not is_all_caps(text, min_letters=2):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def match_section(text: str, *, marker: bool = False) -> tuple[str, str | None] | None:
    """(section name, detail) when the line names a known section."""
    text = normalise_spaces(text).rstrip(" :")
    if not text or len(text.split()) > 12 or (ends_sentence(text) and not text.endswith(")")):
        return None
    key = fold(text)
    for section_key, label, mode in _SECTION_KEYS:
        if key == section_key:
            return label, None
        if key.startswith(section_key + " ") and (mode != "exact" or marker):
            if mode == "keep":
                return _sentence_case(text), None
            words = len(label.split())
            rest = _detail_after(text, words)
            return label, _sentence_case(rest) if rest else None
    return None


def _detail_after(text: str, words: int) -> str:
    """The text after the first `words` words of a known name, without its separator."""
    tokens = re.split(r"(\s+)", text)
    seen = 0
    for index, token in enumerate(tokens):
        if token.strip() and token.strip() not in "/-–":
            seen += 1
        if seen == words:
            return "".join(tokens[index + 1:]).strip(" -–—,:;/")
    return ""


def _marker_text(block: Block) -> str | None:
    match = _MARKER_RE.match(block.text.strip())
    if not match or is_url_only(match.group(1)):
        return None
    return match.group(1)


def _closing_kind(block: Block) -> str | None:
    text = block.text.strip()
    if _CONTACT_RE.match(text):
        return "contact"
    if _MORE_RE.match(text) or is_url_only(text):
        return "link"
    if find_emails(text) and len(text.split()) <= 3:
        return "contact"
    return None


def _tier(block: Block, body_size: float | None) -> tuple[int, float] | None:
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


# A title line ending on one of these goes on on the next line.
_JOINING_WORDS = frozenset({
    "a", "au", "aux", "de", "des", "du", "d", "l", "la", "le", "les", "et", "ou", "en", "un",
    "une", "pour", "par", "sur", "dans", "avec", "sans", "entre", "vers", "qui", "que", "son",
    "sa", "ses", "leur", "leurs", "ce", "cette", "ces",
})


def _touching(first: Block, second: Block) -> bool:
    """Two lines of one paragraph on the page: same page and column, no gap between."""
    if first.bbox is None or second.bbox is None or first.page != second.page:
        return False
    size = first.font_size or 10.0
    gap = second.bbox[1] - first.bbox[3]
    return first.column == second.column and -1 <= gap <= 0.6 * size


_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))


def _is_quotation(block: Block) -> bool:
    """A whole block between quotation marks: a pull quote when set large."""
    text = block.text.strip()
    return any(text.startswith(open_) and text.endswith(close) and len(text) > 2
               for open_, close in _QUOTE_PAIRS)


def _short_line(text: str, max_words: int) -> bool:
    return (
        0 < len(text.split()) <= max_words
        and not ends_sentence(text)
        and not text.endswith(",")
        and text[:1].isupper()
        and not find_urls(text)
        and not find_emails(text)
    )


@dataclass
class _Draft:
    title: str
    section: str | None
    kind: str | None = None
    kind_detail: str | None = None
    heading: str | None = None
    is_list: bool = False
    from_rubric_line: bool = False
    lead: str = ""
    parts: list[str] = field(default_factory=list)
    last_part_is_item: bool = False
    subheadings: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    closed: bool = False
    jump_out: Jump | None = None  # the article goes on later ("suite p. 4")
    jump_in: Jump | None = None  # this is the rest of an earlier article
    jump_label: str = ""  # the jump line, to title a continuation that has no title

    @property
    def empty(self) -> bool:
        return not (self.lead or self.parts or self.contacts or self.subheadings
                    or any(_closing_kind(b) for b in self.blocks))

    def add_paragraph(self, text: str) -> None:
        if not self.lead and not self.parts and not self.is_list:
            self.lead = text
        else:
            self.parts.append(text)
        self.last_part_is_item = False

    def absorb(self, rest: _Draft) -> None:
        """Take in the continuation of this article set elsewhere in the issue."""
        if rest.lead:
            self.add_paragraph(rest.lead)
        self.parts.extend(rest.parts)
        self.subheadings.extend(rest.subheadings)
        self.contacts.extend(rest.contacts)
        self.blocks.extend(rest.blocks)
        self.closed = rest.closed
        self.jump_out = rest.jump_out
        self.last_part_is_item = rest.last_part_is_item

    def add_item(self, text: str) -> None:
        if self.last_part_is_item and self.parts:
            self.parts[-1] += "\n" + text
        else:
            self.parts.append(text)
        self.last_part_is_item = True


class _Segmenter:
    def __init__(self, document: ExtractedDocument) -> None:
        self.document = document
        self.blocks = [b for b in document.blocks if b.text.strip()]
        self.body_size = document.body_font_size
        self.tiers = [_tier(b, self.body_size) for b in self.blocks]
        self.drafts: list[_Draft] = []
        self.section: str | None = None
        self.kind: str | None = None
        self.kind_detail: str | None = None
        self.heading: str | None = None
        # A marker naming a section ("< SITE INTERNET >") is the rubric of all its articles.
        self.section_kind: str | None = None
        self.section_detail: str | None = None
        self.pending_blocks: list[Block] = []
        self.current: _Draft | None = None
        # A jump-in line set above the repeated title rather than under it.
        self.pending_jump_in: tuple[Jump, str] | None = None

    # -- document-wide cues ------------------------------------------------

    def masthead_end(self) -> int:
        """The masthead (name, publisher, address, issue line) runs up to the first section
        heading or rubric marker; a heading in the type of the known sections counts too."""
        section_tiers = Counter(
            tier for block, tier in zip(self.blocks, self.tiers, strict=True)
            if tier is not None and match_section(block.text)
        )
        section_tier = section_tiers.most_common(1)[0][0] if section_tiers else None
        for index, block in enumerate(self.blocks):
            if _marker_text(block) or match_section(block.text) or (
                section_tier is not None and self.tiers[index] == section_tier
                and fold(block.text) != "resonances" and _number_in(block.text) is None
            ):
                return index
        for index, block in enumerate(self.blocks):
            if (is_all_caps(block.text) or self.tiers[index]) and fold(block.text) != "resonances" \
                    and _number_in(block.text) is None and _date_in(block.text) is None:
                return index
        return 0

    def is_body(self, index: int) -> bool:
        block = self.blocks[index]
        return (block.kind is BlockKind.PARAGRAPH and self.tiers[index] is None
                and not _closing_kind(block) and not _marker_text(block)
                and not is_all_caps(block.text))

    def followed_by_body(self, index: int) -> bool:
        following = self.next_index(index)
        return following is not None and self.is_body(following)

    def find_title_tier(self, start: int) -> tuple[int, float] | None:
        """Titles are the biggest type that regularly opens body text: sections open
        titles, intertitles are smaller, a pull quote or an editorial's heading is rare."""
        candidates = [
            (index, tier) for index, tier in enumerate(self.tiers)
            if index >= start and tier is not None and not _is_quotation(self.blocks[index])
            and not _marker_text(self.blocks[index]) and not match_section(self.blocks[index].text)
        ]
        if not candidates:
            return None
        opening = Counter(tier for index, tier in candidates if self.followed_by_body(index))
        caps = [tier for index, tier in candidates
                if is_all_caps(self.blocks[index].text) and opening[tier]]
        if caps:
            # Titles set in capitals: a smaller heading in lowercase is an intertitle,
            # even when some titles are set in a type no bigger than it.
            return min(caps)
        if opening:
            best = max(opening.values())
            needed = max(min(2, best), 0.3 * best)
            return min(tier for tier, count in opening.items() if count >= needed)
        counts = Counter(tier for _, tier in candidates)
        return max(counts.most_common(2), key=lambda item: (item[1], -item[0][0], -item[0][1]))[0]

    def find_groups_hold_articles(self, start: int) -> bool:
        """Whether the layout containers the extractor reported (an e-mail's table cells)
        hold one article each: most titles are the first in their container. A page set
        in one layout table, where every title shares a container, says nothing."""
        groups = [self.blocks[index].group for index in range(start, len(self.blocks))
                  if self.blocks[index].group and self.is_title(index)]
        distinct = set(groups)
        return len(distinct) >= 2 and len(distinct) >= len(groups) * _GROUP_OPENER_SHARE

    def find_section_tiers(self, start: int) -> set[tuple[int, float]]:
        """The type(s) section headings are set in, whatever their names.

        A type that holds a known section name is one. Otherwise a "label" type (its lines
        always stand above a title, a marker or another label, never above body text) is
        a section type when it is bigger than the titles, when it stands above another
        label (section, then theme line, then title), or, when the issue shows no other
        section type, when each of its lines heads several titles on average.
        """
        indices = [
            index for index in range(start, len(self.blocks))
            if self.tiers[index] is not None and self.tiers[index] != self.title_tier
            and not self.is_noise(self.blocks[index]) and not _marker_text(self.blocks[index])
            and not _closing_kind(self.blocks[index])
        ]
        known = Counter(
            self.tiers[index] for index in indices
            if (named := match_section(self.blocks[index].text))
            and fold(named[0]) not in LIST_RUBRICS
        )
        tiers: set[tuple[int, float]] = {known.most_common(1)[0][0]} if known else set()
        by_tier: dict[tuple[int, float], list[int]] = {}
        for index in indices:
            by_tier.setdefault(self.tiers[index], []).append(index)
        labels: dict[tuple[int, float], list[int]] = {}
        for tier, occurrences in by_tier.items():
            if tier in tiers:
                continue
            if all(self.stands_above_title(index) for index in occurrences):
                labels[tier] = occurrences
        for tier, occurrences in labels.items():
            bigger = self.title_tier is not None and tier < self.title_tier
            above_label = any(
                (following := self.next_index(index)) is not None
                and self.tiers[following] in labels and self.tiers[following] != tier
                for index in occurrences
            )
            if bigger or above_label:
                tiers.add(tier)
        if not tiers and labels:
            for tier, occurrences in labels.items():
                titles = sum(
                    1 for index in range(occurrences[0], len(self.blocks))
                    if self.tiers[index] == self.title_tier
                    or (self.title_tier is None and is_all_caps(self.blocks[index].text))
                )
                if titles >= 1.5 * len(occurrences):
                    tiers.add(tier)
        return tiers

    def find_section_lines(self, start: int) -> set[int]:
        """Untyped lines (plain text) naming a section no list knows: a short line above a
        theme line ("Territoires en action" / "Gennevilliers" / title), or, in an issue
        where no known section name appears, short lines above titles that each head
        several titles on average (a theme line heads one)."""
        labels = [index for index in range(start, len(self.blocks))
                  if self.tiers[index] is None and not self.is_noise(self.blocks[index])
                  and self.is_heading_line(index)]
        found = {
            index for index in range(start, len(self.blocks))
            if self.tiers[index] is None and self.has_label_shape(index)
            and (following := self.next_index(index)) is not None and following in labels
        }
        any_known = self.section_tiers or any(
            match_section(block.text) for block in self.blocks[start:])
        if labels and not found and not any_known:
            titles = sum(
                1 for index in range(labels[0], len(self.blocks))
                if self.is_title(index) or self.starts_list(index)
            )
            if titles >= 1.5 * len(labels):
                found = set(labels)
        return found

    def stands_above_title(self, index: int) -> bool:
        following = self.next_index(index)
        if following is None:
            return False
        block = self.blocks[following]
        return block.kind is not BlockKind.LIST_ITEM and (
            _marker_text(block) is not None or self.is_title(following)
            or self.tiers[following] is not None
        )

    # -- per-block cues ---------------------------------------------------

    def is_noise(self, block: Block) -> bool:
        """Page numbers, the running header, and jump lines (read apart, see `note_jump`):
        none of them is a cue for the blocks around them."""
        if _PAGE_NUMBER_RE.match(block.text) or jump_line(block.text) is not None:
            return True
        key = fold(block.text)
        return key in self.masthead_keys

    def next_index(self, index: int) -> int | None:
        for following in range(index + 1, len(self.blocks)):
            if not self.is_noise(self.blocks[following]):
                return following
        return None

    def is_title(self, index: int) -> bool:
        block = self.blocks[index]
        if _marker_text(block) or _closing_kind(block) or block.kind is BlockKind.LIST_ITEM:
            return False
        if is_all_caps(block.text) and not is_url_only(block.text):
            return True
        tier = self.tiers[index]
        return tier is not None and self.title_tier is not None and tier <= self.title_tier

    def is_minor_heading(self, index: int) -> bool:
        tier = self.tiers[index]
        return tier is not None and not self.is_title(index)

    def has_label_shape(self, index: int) -> bool:
        """A few words, no figures, not in capitals, not a title: how theme, commune and
        section lines look in plain text."""
        block = self.blocks[index]
        text = block.text
        if (block.kind is BlockKind.LIST_ITEM or is_all_caps(text) or any(c.isdigit() for c in text)
                or not _short_line(text, _HEADING_LINE_MAX_WORDS)):
            return False
        return not (self.tiers[index] is not None and self.is_title(index))

    def is_heading_line(self, index: int) -> bool:
        """A theme or commune line directly above a title ("Persan", "Crise sanitaire")."""
        if not self.has_label_shape(index):
            return False
        following = self.next_index(index)
        return following is not None and (
            self.is_title(following) or _marker_text(self.blocks[following]) is not None
            or (self.title_tier is None and self.tiers[following] is None
                and self.blocks[following].kind is BlockKind.PARAGRAPH
                and _short_line(self.blocks[following].text, _INTERTITLE_MAX_WORDS)
                and self.followed_by_body(following))
        ) and not match_section(self.blocks[following].text)

    def opens_untyped_article(self, index: int) -> bool:
        """Plain text with titles in lowercase: a short line opening body text where no
        article is open (after a closing line, a section, a theme line or a list)."""
        block = self.blocks[index]
        if self.tiers[index] is not None or block.kind is not BlockKind.PARAGRAPH \
                or self.title_tier is not None:
            return False
        draft = self.current
        waiting = draft is None or draft.closed or draft.is_list or bool(self.heading)
        return waiting and _short_line(block.text, _INTERTITLE_MAX_WORDS) \
            and self.followed_by_body(index)

    def starts_list(self, index: int) -> bool:
        """A short line directly followed by list items names a list rubric."""
        following = self.next_index(index)
        return (
            following is not None
            and self.blocks[following].kind is BlockKind.LIST_ITEM
            and _short_line(self.blocks[index].text, _HEADING_LINE_MAX_WORDS)
        )

    def is_grouped_intertitle(self, index: int) -> bool:
        """A heading in the type of the titles, inside the container of the article under
        way, between its paragraphs: an intertitle (a new title opens a new container)."""
        draft = self.current
        block = self.blocks[index]
        if not (self.groups_hold_articles and block.group) or draft is None or draft.closed \
                or draft.is_list or not draft.lead or not draft.blocks:
            return False
        if draft.blocks[0].group != block.group or draft.blocks[-1].group != block.group:
            return False
        previous = draft.blocks[-1]
        if previous.kind is not BlockKind.PARAGRAPH or _tier(previous, self.body_size):
            return False
        following = self.next_index(index)
        if following is None:
            return False
        next_block = self.blocks[following]
        return (
            next_block.group == block.group and next_block.kind is BlockKind.PARAGRAPH
            and self.tiers[following] is None and not _closing_kind(next_block)
            and not _marker_text(next_block)
        )

    def is_intertitle(self, index: int) -> bool:
        draft = self.current
        if draft is None or draft.closed or draft.is_list or not draft.lead:
            return False
        block = self.blocks[index]
        following = self.next_index(index)
        if following is None:
            return False
        next_block = self.blocks[following]
        followed_by_body = (
            next_block.kind is BlockKind.PARAGRAPH and self.tiers[following] is None
            and not self.is_title(following) and not _closing_kind(next_block)
            and not _marker_text(next_block)
        )
        if not followed_by_body:
            return False
        if self.is_minor_heading(index):
            return True
        return (
            block.kind is BlockKind.PARAGRAPH
            and not is_all_caps(block.text)
            and _short_line(block.text, _INTERTITLE_MAX_WORDS)
        )

    # -- state changes ----------------------------------------------------

    def flush(self) -> None:
        if self.current is not None:
            self.drafts.append(self.current)
            self.current = None

    def start(self, title: str, block: Block | None, *, is_list: bool = False,
              kind: str | None = None, from_rubric_line: bool = False) -> None:
        if not (is_list and self.current is not None and self.current.from_rubric_line
                and self.current.empty):
            self.absorb_empty()
        self.flush()
        if kind is None:
            kind = self.kind or self.section_kind
        if kind is not None and kind == self.kind:
            detail = self.kind_detail
        elif kind is not None and kind == self.section_kind:
            detail = self.section_detail
        else:
            detail = None
        draft = _Draft(
            title=title, section=self.section, kind=kind, kind_detail=detail,
            heading=self.heading, is_list=is_list, from_rubric_line=from_rubric_line,
        )
        draft.blocks.extend(self.pending_blocks)
        if block is not None:
            draft.blocks.append(block)
        if self.pending_jump_in is not None and title and not is_list:
            draft.jump_in, draft.jump_label = self.pending_jump_in
        self.pending_jump_in = None
        self.current = draft
        self.kind = self.kind_detail = self.heading = None
        self.pending_blocks = []

    def set_section(self, name: str, block: Block, kind: str | None = None,
                    detail: str | None = None) -> None:
        if self.current is not None and self.current.empty and not self.current.is_list:
            self.pending_blocks = []
            self.current = None
        self.flush()
        self.section = name
        self.section_kind, self.section_detail = kind, detail
        self.kind = self.kind_detail = self.heading = None
        self.pending_blocks = [block] if kind else []

    def ensure_article(self, block: Block, *, is_list: bool) -> _Draft:
        """Content with no title above it: the rubric, the section or "Sans titre" titles it."""
        if self.current is not None and not (self.current.closed and not self.current.is_list
                                             and is_list):
            return self.current
        title = self.kind or self.section_kind or self.section or (
            "En bref" if is_list else "Sans titre")
        self.start(title, None, is_list=is_list, kind=self.kind or self.section_kind or (
            title if is_list else None))
        assert self.current is not None
        return self.current

    # -- the walk ---------------------------------------------------------

    def run(self) -> tuple[Issue, list[Article]]:
        start = self.masthead_end()
        # The first title's section or theme line, in plain text, is not masthead.
        for _ in range(2):
            if start > 1 and self.blocks[start - 1].kind is BlockKind.PARAGRAPH \
                    and _short_line(self.blocks[start - 1].text, _HEADING_LINE_MAX_WORDS) \
                    and not any(c.isdigit() for c in self.blocks[start - 1].text) \
                    and fold(self.blocks[start - 1].text) != "resonances" \
                    and not is_all_caps(self.blocks[start - 1].text):
                start -= 1
        masthead = self.blocks[:start]
        self.issue = build_issue(self.document, masthead)
        # The issue line or publisher repeated as a running header is not content.
        self.masthead_keys = {
            fold(b.text) for b in masthead
            if fold(b.text) == "resonances" or _number_in(b.text) or _date_in(b.text)
        }
        self.title_tier = self.find_title_tier(start)
        self.groups_hold_articles = self.find_groups_hold_articles(start)
        self.section_tiers = self.find_section_tiers(start)
        self.section_lines = self.find_section_lines(start)
        for index in range(start, len(self.blocks)):
            block = self.blocks[index]
            jump = jump_line(block.text)
            if jump is not None:
                self.note_jump(jump, index, block.text.strip())
                continue
            if self.is_noise(block):
                continue
            self.read(index, block)
        self.flush()
        self.stitch()
        return self.issue, self.articles()

    def read(self, index: int, block: Block) -> None:
        line = block.text.strip()
        text, jump = split_jump(line)
        leading = jump is not None and not line.startswith(text)
        if jump is not None and jump.direction == "in" and not leading \
                and self.tiers[index] is None and not self.is_title(index):
            text, jump = line, None  # "(suite)" ends a repeated title, not a paragraph
        if jump is not None and leading:
            self.note_jump(jump, index, line)  # "(suite de la p. 1) Les inscriptions…"
        self.read_block(index, block, text)
        if jump is not None and not leading:
            self.note_jump(jump, index, line)  # "… embauche. (suite p. 4)", "TITRE (suite)"

    # -- jumps ------------------------------------------------------------

    def note_jump(self, jump: Jump, index: int, line: str) -> None:
        draft = self.current
        if jump.direction == "out":
            if draft is not None:
                draft.jump_out = jump
            return
        if draft is not None and draft.empty and not draft.is_list and draft.jump_in is None \
                and draft.title:
            draft.jump_in, draft.jump_label = jump, line  # under the repeated title
            return
        following = self.next_index(index)
        if following is not None and self.is_title(following):
            self.pending_jump_in = (jump, line)  # above the repeated title
            return
        # No title repeated: what follows is the rest of an earlier article.
        self.start("", None)
        assert self.current is not None
        self.current.jump_in, self.current.jump_label = jump, line

    def stitch(self) -> None:
        """Put each continuation back into the article it continues."""
        kept: list[_Draft] = []
        for draft in self.drafts:
            if draft.jump_in is not None:
                target = self.continued_article(draft, kept)
                if target is not None:
                    target.absorb(draft)
                    continue
                draft.title = draft.title or draft.jump_label
            kept.append(draft)
        self.drafts = kept

    @staticmethod
    def continued_article(rest: _Draft, earlier: list[_Draft]) -> _Draft | None:
        """The article `rest` continues: its title matches (whole or shortened), or, with
        no title repeated, it announced a jump; the pages named on both sides agree.
        Among equals, the first article still waiting for its rest: continuations
        come in the order of their jumps ("Bilan…, volet 1", "Bilan…, volet 2")."""
        assert rest.jump_in is not None
        rest_pages = {block.page for block in rest.blocks}
        best: tuple[tuple[int, bool, bool, bool, int], _Draft] | None = None
        for position, draft in enumerate(earlier):
            if draft.is_list or draft.empty:
                continue
            title_ok = bool(rest.title) and titles_match(rest.title, draft.title)
            pages = {block.page for block in draft.blocks}
            from_ok = rest.jump_in.page is None or rest.jump_in.page in pages
            to_ok = draft.jump_out is not None and (
                draft.jump_out.page is None or not rest_pages or draft.jump_out.page in rest_pages)
            if rest.title and not title_ok:
                continue
            if not rest.title and not (draft.jump_out is not None and from_ok):
                continue
            exact = title_ok and _title_words(rest.title) == _title_words(draft.title)
            score = (int(title_ok) + int(exact), draft.jump_out is not None, from_ok, to_ok,
                     -position)
            if best is None or score > best[0]:
                best = (score, draft)
        return best[1] if best else None

    # -- the walk, block by block -----------------------------------------

    def read_block(self, index: int, block: Block, text: str) -> None:
        text = unwrap_urls(text)
        marker = _marker_text(block)
        if marker is not None:
            named = match_section(marker, marker=True)
            if named and fold(named[0]) not in LIST_RUBRICS:
                self.set_section(named[0], block, kind=named[0], detail=named[1])
                return
            kind, _, detail = marker.partition(",")
            self.flush_if_started()
            self.kind, self.kind_detail = kind.strip(), (detail.strip() or None)
            self.pending_blocks.append(block)
            return
        named = match_section(text)
        if named and block.kind is not BlockKind.LIST_ITEM:
            if fold(named[0]) in LIST_RUBRICS:
                if self.current is not None and self.current.is_list and self.current.empty \
                        and fold(self.current.title) == fold(named[0]):
                    return  # the rubric's name repeated under its marker
                self.start(named[0], block, is_list=True, kind=self.kind or named[0],
                           from_rubric_line=True)
                return
            self.set_section(named[0], block)
            return
        closing = _closing_kind(block)
        if closing:
            draft = self.current or (self.drafts[-1] if self.drafts else None)
            if draft is None:
                return
            draft.blocks.append(block)
            if closing == "contact":
                draft.contacts.append(_CONTACT_RE.sub("", text))
            elif not is_url_only(text) and not _MORE_RE.match(text):
                draft.add_paragraph(text)
            draft.closed = True
            return
        if block.kind is BlockKind.LIST_ITEM:
            draft = self.ensure_article(block, is_list=True)
            draft.blocks.append(block)
            draft.add_item(text)
            return
        if self.continues_item(block):
            self.current.parts[-1] += " " + text
            self.current.blocks.append(block)
            return
        if self.tiers[index] in self.section_tiers and self.tiers[index] is not None:
            self.set_section(_sentence_case(text), block)
            return
        if _is_quotation(block) and self.current is not None and self.current.lead \
                and not self.current.closed:
            # A pull quote set large inside an article is part of it, not a title.
            self.current.blocks.append(block)
            self.current.parts.append(text)
            return
        if self.starts_list(index) and (
            self.current is None or self.current.closed or self.current.is_list
            or self.tiers[index] is not None or is_all_caps(text)
        ):
            self.start(_sentence_case(text), block, is_list=True, from_rubric_line=True)
            self.current.kind = self.current.kind or self.current.title
            return
        if index in self.section_lines:
            self.set_section(text, block)
            return
        if self.is_heading_line(index):
            self.flush_if_started()
            self.heading = text
            self.pending_blocks.append(block)
            return
        if self.is_title(index) and not self.is_grouped_intertitle(index):
            if self.merges_with_title(index):
                self.current.title = f"{self.current.title} {text}"
                self.current.blocks.append(block)
                return
            self.start(text, block)
            return
        if self.opens_untyped_article(index):
            self.start(text, block)
            return
        if self.is_intertitle(index) or self.is_grouped_intertitle(index):
            self.current.subheadings.append(text)
            self.current.parts.append(text)
            self.current.blocks.append(block)
            return
        if self.is_minor_heading(index) and (self.current is None or self.current.closed):
            self.start(text, block)
            return
        draft = self.ensure_article(block, is_list=False)
        draft.blocks.append(block)
        draft.add_paragraph(text)

    def absorb_empty(self) -> None:
        """A title with nothing under it, followed by a new article, was a section heading
        ("En bref" above titled articles, an unknown section in capitals)."""
        draft = self.current
        if draft is None or not draft.empty:
            return
        if draft.is_list and not draft.from_rubric_line:
            return
        self.section = draft.title if draft.is_list else _sentence_case(draft.title)
        self.current = None

    def continues_item(self, block: Block) -> bool:
        """A list item's wrapped line read as a paragraph of its own (PDF): the item
        stops mid-clause ("…, déléguée du Préfet,") or the line goes on in lowercase."""
        draft = self.current
        if draft is None or not draft.last_part_is_item or block.kind is not BlockKind.PARAGRAPH:
            return False
        if self.tiers[self.blocks.index(block)] is not None or _closing_kind(block):
            return False
        last_line = draft.parts[-1].rsplit("\n", 1)[-1]
        return last_line.rstrip().endswith((",", "-")) or block.text[:1].islower()

    def flush_if_started(self) -> None:
        """A marker or heading line ends the article before it."""
        self.absorb_empty()
        self.flush()

    def merges_with_title(self, index: int) -> bool:
        """A title set on two lines of the same type (PDF/HTML only: text has no type).

        Two headings of one type in a row are also a section above a title (a web page
        setting both in <h2>), so the second must read as the first one's continuation:
        it starts in lowercase, the first ends on a comma, a colon, a dash or a small
        word, or the two lines touch on the page.
        """
        draft = self.current
        if draft is None or not draft.empty or draft.is_list or not draft.blocks:
            return False
        previous = self.blocks.index(draft.blocks[-1]) if draft.blocks[-1] in self.blocks else -1
        if not (
            previous == index - 1
            and self.tiers[index] is not None
            and self.tiers[index] == self.tiers[previous]
            and is_all_caps(self.blocks[index].text) == is_all_caps(self.blocks[previous].text)
            and not ends_sentence(draft.title)
        ):
            return False
        first, second = self.blocks[previous], self.blocks[index]
        last_word = fold(first.text).rsplit(" ", 1)[-1] if fold(first.text) else ""
        return (
            second.text[:1].islower()
            or first.text.rstrip().endswith((",", ":", "-", "–", "—"))
            or last_word in _JOINING_WORDS
            or _touching(first, second)
        )

    # -- output -----------------------------------------------------------

    def articles(self) -> list[Article]:
        articles: list[Article] = []
        occurrences: Counter[str] = Counter()
        source = self.document.source
        for draft in self.drafts:
            if not draft.title or (draft.empty and not draft.is_list):
                continue
            if draft.is_list and not draft.parts and not draft.lead:
                continue
            key = fold(draft.title)
            occurrence = occurrences[key]
            occurrences[key] += 1
            all_text = "\n".join(b.text for b in draft.blocks)
            urls = find_urls(all_text)
            emails = find_emails(all_text)
            for block in draft.blocks:
                for href in block.links:
                    if href.lower().startswith("mailto:"):
                        emails.append(href[len("mailto:"):].split("?")[0])
                    else:
                        urls.extend(find_urls(href) or [href])
            articles.append(Article(
                id=article_id(self.issue.id, draft.title, occurrence),
                issue=self.issue,
                position=len(articles),
                section=draft.section,
                kind=draft.kind,
                kind_detail=draft.kind_detail,
                heading=draft.heading,
                title=draft.title,
                lead=draft.lead,
                text="\n\n".join(draft.parts),
                links=tuple(unique_urls(urls)),
                emails=tuple(unique([e for e in emails if e])),
                contacts=tuple(draft.contacts),
                pages=tuple(sorted({b.page for b in draft.blocks})),
                source=source.path,
                format=source.format,
                subheadings=tuple(draft.subheadings),
            ))
        return articles


def segment(document: ExtractedDocument) -> tuple[Issue, list[Article]]:
    """Split one extracted issue into its articles, in reading order."""
    return _Segmenter(document).run()
