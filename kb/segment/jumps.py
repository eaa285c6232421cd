"""Jumps: an article stopped on "(suite p. 4)" resumes later under its title repeated and
"(suite de la p. 1)"; the rest is put back into the article it continues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.textclean import fold, normalise_spaces, strip_accents

if TYPE_CHECKING:
    from kb.segment.draft import Draft

# Read on a lowercased, accent-free copy of the line.
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


def title_words(title: str) -> list[str]:
    return [word for word in fold(title).split() if word not in _CONTINUATION_WORDS]


def titles_match(repeated: str, original: str) -> bool:
    """A title repeated over a continuation, whole or shortened (its first words, or
    most of its words: "Kiosque pour l'emploi" for "Un kiosque pour l'emploi au cœur…")."""
    short, full = title_words(repeated), title_words(original)
    if not short or not full:
        return False
    if full[:len(short)] == short or short[:len(full)] == full:
        return True
    shared = sum(1 for word in short if word in set(full))
    return len(short) >= 2 and shared >= 0.8 * len(short)


def stitch(drafts: list[Draft]) -> list[Draft]:
    """Put each continuation back into the article it continues."""
    kept: list[Draft] = []
    for draft in drafts:
        if draft.jump_in is not None:
            target = continued_article(draft, kept)
            if target is not None:
                target.absorb(draft)
                continue
            draft.title = draft.title or draft.jump_label
        kept.append(draft)
    return kept


def continued_article(rest: Draft, earlier: list[Draft]) -> Draft | None:
    """The article `rest` continues: its title matches (whole or shortened), or, with
    no title repeated, it announced a jump; the pages named on both sides agree.
    Among equals, the first article still waiting for its rest: continuations
    come in the order of their jumps ("Bilan…, volet 1", "Bilan…, volet 2")."""
    assert rest.jump_in is not None
    rest_pages = {block.page for block in rest.blocks}
    best: tuple[tuple[int, bool, bool, bool, int], Draft] | None = None
    for position, draft in enumerate(earlier):
        if draft.is_list or draft.empty:
            continue
        title_ok = bool(rest.title) and titles_match(rest.title, draft.title)
        pages = {block.page for block in draft.blocks}
        from_ok = rest.jump_in.page is None or rest.jump_in.page in pages
        to_ok = draft.jump_out is not None and (
            draft.jump_out.page is None or not rest_pages or draft.jump_out.page in rest_pages)
        # A repeated title reworded beyond recognition still follows the jump when the
        # pages named on both sides agree ("suite p. 3" there, "suite de la p. 2" here).
        pages_agree = to_ok and from_ok and rest.jump_in.page is not None \
            and draft.jump_out.page is not None
        if rest.title and not title_ok and not pages_agree:
            continue
        if not rest.title and not (draft.jump_out is not None and from_ok):
            continue
        exact = title_ok and title_words(rest.title) == title_words(draft.title)
        score = (int(title_ok) + int(exact), draft.jump_out is not None, from_ok, to_ok,
                 -position)
        if best is None or score > best[0]:
            best = (score, draft)
    return best[1] if best else None
