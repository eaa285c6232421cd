"""Page furniture: what the layout repeats around the articles, never content.

Running headers and footers are found by repetition, wherever they sit: the same text
(digits folded, so "Page 2" and "Page 3" are one) on two pages or more at about the same
height, or on most pages anywhere. The masthead's own lines repeated later (the
publisher, the address line in a footer), lines stating the issue ("N° 57 | Mai 2021",
"Résonances n°58 – octobre 2021. Pôle ressources…", a colophon), and lines made of the
centre's own address, phone and e-mail are furniture too, and so are a table of
contents ("Sommaire" and its lines) and a mass-mailer's footer (from its unsubscribe
line on, with the address lines just above it). Their cue words are data
(`kb/data/sections.tsv`, kinds `contents` and `footer`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.models import Block, BlockKind
from kb.segment.cues import closing_kind, marker_text
from kb.segment.issue import is_issue_label, is_issue_line
from kb.segment.vocabulary import CONTENTS_HEADINGS, FOOTER_PHRASES, match_section
from kb.textclean import ends_sentence, find_emails, fold

RUNNING_MAX_WORDS = 25
# Two running lines of two pages stand at about the same height (points).
SAME_HEIGHT = 6.0
# How far from the top or bottom of the page's text a running line may sit (points).
PAGE_EDGE = 30.0
# Share of its words a line must share with the masthead to be the centre's imprint.
IMPRINT_SHARE = 0.6
_PHONE_RE = re.compile(r"(?<!\d)(?:0\d(?:[ .-]?\d\d){4})(?!\d)")


def running_key(text: str) -> str:
    """Text as a running line repeats it: folded, any number standing for any other."""
    return re.sub(r"\d+", "#", fold(text))


def contact_tokens(text: str) -> set[str]:
    """E-mail addresses and phone numbers of a text, normalised."""
    phones = {re.sub(r"\D", "", phone) for phone in _PHONE_RE.findall(text)}
    return {email.casefold() for email in find_emails(text)} | phones


def _may_run(block: Block, body_size: float | None) -> bool:
    """Running lines are short, in body type or smaller, and none of the issue's cues."""
    words = len(block.text.split())
    if not 0 < words <= RUNNING_MAX_WORDS or block.kind is BlockKind.LIST_ITEM:
        return False
    if body_size and block.font_size and block.font_size > body_size + 1:
        return False
    return not (marker_text(block) or closing_kind(block) or match_section(block.text))


def repeated_across_pages(blocks: Sequence[Block], body_size: float | None,
                          page_count: int) -> set[int]:
    """Indices of blocks whose text recurs on two pages at about the same height at the
    top or bottom of the page's text, or on most pages wherever it sits."""
    by_key: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        if _may_run(block, body_size) and (key := running_key(block.text)).strip("# "):
            by_key.setdefault(key, []).append(index)
    found: set[int] = set()
    most = max(3, (page_count + 1) // 2 + 1)
    # A running line heads or foots its page: the first or last lines of the page's text.
    tops: dict[int, float] = {}
    bottoms: dict[int, float] = {}
    for block in blocks:
        if block.bbox is not None:
            tops[block.page] = min(tops.get(block.page, block.bbox[1]), block.bbox[1])
            bottoms[block.page] = max(bottoms.get(block.page, block.bbox[3]), block.bbox[3])

    def at_page_edge(block: Block) -> bool:
        assert block.bbox is not None
        return (block.bbox[1] <= tops[block.page] + PAGE_EDGE
                or block.bbox[3] >= bottoms[block.page] - PAGE_EDGE)

    for indices in by_key.values():
        pages = {blocks[i].page for i in indices}
        if len(pages) < 2:
            continue
        if len(pages) >= most:
            found.update(indices)
            continue
        for index in indices:
            block = blocks[index]
            if block.bbox is None or not at_page_edge(block):
                continue  # the same title or sentence twice in an issue is content
            if any(blocks[other].page != block.page and blocks[other].bbox is not None
                   and abs(blocks[other].bbox[1] - block.bbox[1]) <= SAME_HEIGHT
                   for other in indices):
                found.add(index)
    return found


def find_furniture(blocks: Sequence[Block], masthead_end: int, body_size: float | None,
                   page_count: int, running_heads: Sequence[str] = ()) -> set[int]:
    """Indices (from `masthead_end` on) of the blocks that are page furniture."""
    # A table of contents may open the issue: its entries are the sections' names, not
    # masthead lines to drop wherever they come again.
    contents = table_of_contents(blocks)
    masthead = [block for index, block in enumerate(blocks[:masthead_end])
                if index not in contents]
    masthead_keys = {running_key(b.text) for b in masthead if len(b.text.split()) >= 2}
    masthead_keys |= {running_key(text) for text in running_heads}
    known_words = {word for b in masthead for word in fold(b.text).split()}
    known_words |= {word for text in running_heads for word in fold(text).split()}
    known_contacts = {token for b in masthead for token in contact_tokens(b.text)}
    known_contacts |= {token for text in running_heads for token in contact_tokens(text)}

    found = {i for i in repeated_across_pages(blocks, body_size, page_count)
             if i >= masthead_end}
    found |= {index for index in contents if index >= masthead_end}
    found |= mailer_footer(blocks, masthead_end)
    imprint: Block | None = None  # the imprint under way, set in small type
    for index in range(masthead_end, len(blocks)):
        block = blocks[index]
        text = block.text
        if block.kind is BlockKind.LIST_ITEM or marker_text(block) or closing_kind(block):
            imprint = None
            continue
        if imprint is not None and _goes_on(imprint, block, body_size):
            found.add(index)  # the imprint's next lines, in its small type
            continue
        imprint = None
        if running_key(text) in masthead_keys or is_issue_line(text):
            found.add(index)
            continue
        if opens_with_label(text):
            found.add(index)
            imprint = block
            continue
        contacts = contact_tokens(text)
        words = fold(text).split()
        if contacts and contacts <= known_contacts and words \
                and sum(word in known_words for word in words) >= IMPRINT_SHARE * len(words):
            found.add(index)  # the centre's address, phone and e-mail again
    return found


def _goes_on(imprint: Block, block: Block, body_size: float | None) -> bool:
    """`block` continues the imprint above it: same page, same type, smaller than body."""
    return (block.page == imprint.page and block.font_size is not None
            and block.font_size == imprint.font_size
            and (body_size is None or block.font_size < body_size)
            and block.kind is imprint.kind)


def opens_with_label(text: str) -> bool:
    """The line opens with the issue's label ("Résonances n°58 – octobre 2021. Pôle…"):
    a running label or a colophon, never an article's text."""
    return is_issue_label(" ".join(text.split()[:4]))


def table_of_contents(blocks: Sequence[Block]) -> set[int]:
    """A "Sommaire" heading and the list or short lines under it, up to the next heading."""
    found: set[int] = set()
    for index in range(len(blocks)):
        if fold(blocks[index].text).strip(" :") not in CONTENTS_HEADINGS:
            continue
        found.add(index)
        for following in range(index + 1, len(blocks)):
            block = blocks[following]
            if block.kind is BlockKind.HEADING or not (
                    block.kind is BlockKind.LIST_ITEM or _footer_line(block)):
                break
            found.add(following)
    return found


def mailer_footer(blocks: Sequence[Block], start: int) -> set[int]:
    """From the first line of the issue's second half holding an unsubscribe phrase to
    the end, with the short lines just above it (the sender's address) back to a rule."""
    first = next((index for index in range(max(start, len(blocks) // 2), len(blocks))
                  if any(phrase in fold(blocks[index].text) for phrase in FOOTER_PHRASES)),
                 None)
    if first is None:
        return set()
    top = first
    while top - 1 >= start and _footer_line(blocks[top - 1]):
        top -= 1
    return set(range(top, len(blocks)))


def _footer_line(block: Block) -> bool:
    """A short line that is no body text, no list item, no closing line: an address,
    a sender's name, a table of contents' entry."""
    return (block.kind is BlockKind.PARAGRAPH and len(block.text.split()) <= 15
            and not ends_sentence(block.text) and not closing_kind(block)
            and not marker_text(block))
