"""Cues that depend on the article under way: whether a short line opens an article, is
an intertitle, carries on a list item or a title. The walker (`walker.Walker`) inherits
them; they read its state (`current`, `section`, `kind`, `heading`) and its `layout`."""

from __future__ import annotations

import re
from functools import cached_property

from kb.citation import MONTH_KEYS
from kb.models import Block, BlockKind
from kb.segment.cues import (
    INTERTITLE_MAX_WORDS,
    JOINING_WORDS,
    LABELLED_TITLE_MAX_WORDS,
    block_tier,
    closing_kind,
    marker_text,
    short_line,
    title_line,
    touching,
)
from kb.segment.draft import Draft
from kb.segment.layout import Layout
from kb.segment.vocabulary import LIST_RUBRICS, known_label, match_section
from kb.textclean import ends_sentence, fold, is_all_caps, is_reference_line

# A line in capitals this short, and under this share of the usual title length
# in words, reads as an intertitle inside an article (plain text).
CAPS_INTERTITLE_MAX_WORDS = 5
CAPS_INTERTITLE_SHARE = 0.5
# Plain text where at least this share of the lines in capitals opening body text stand
# under a rubric marker or a theme or commune line: its titles come with their furniture.
FURNISHED_TITLES_SHARE = 0.5
# There, a bare line in capitals after a paragraph is an intertitle up to this share of the
# furnished titles' median length (dev sets: intertitles up to 0.78, bare titles from 0.82).
FURNISHED_INTERTITLE_SHARE = 0.8


# "Samedi 24 mai 2090, 10h-18h", "Du 3 au 5 juin", "12 mars": a line opening on a date.
DATE_OPENING_RE = re.compile(
    r"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:du\s+|le\s+)?"
    r"\d{1,2}(?:er)?\s+(?:au\s+\d{1,2}(?:er)?\s+)?(?:" + "|".join(MONTH_KEYS) + r")\b")


class ArticleCues:
    blocks: list[Block]
    layout: Layout
    tiers: list
    current: Draft | None
    section: str | None
    kind: str | None
    heading: str | None

    def is_furnished(self, index: int) -> bool:
        """A title with its furniture: a rubric marker or a theme or commune line above
        (a section's name above says nothing of its first title)."""
        previous = self.layout.previous_index(index)
        if previous is None or previous in self.layout.section_lines \
                or match_section(self.blocks[previous].text):
            return False
        return marker_text(self.blocks[previous]) is not None \
            or self.layout.is_heading_line(previous)

    @cached_property
    def furnished_title_words(self) -> float:
        """Plain text whose titles in capitals mostly come with their furniture: the
        median length in words of those titles; 0 when its titles do not."""
        layout = self.layout
        lengths = sorted(len(block.text.split()) for index, block in enumerate(self.blocks)
                         if block.kind is BlockKind.PARAGRAPH and is_all_caps(block.text)
                         and layout.followed_by_body(index) and self.is_furnished(index))
        # Titles in capitals need not be most of the titles (some in sentence case).
        if not lengths or len(lengths) < FURNISHED_TITLES_SHARE * layout.caps_titles:
            return 0.0
        return float(lengths[len(lengths) // 2])

    def opens_untyped_article(self, index: int) -> bool:
        """Plain text with titles in lowercase: a short line opening body text where no
        article is open (after a closing line, a section, a theme line or a list)."""
        block = self.blocks[index]
        plain = self.layout.plain
        if self.tiers[index] is not None or block.kind is not BlockKind.PARAGRAPH \
                or (self.layout.title_tier is not None and not plain):
            return False
        draft = self.current
        # In plain text a heading with nothing under it yet ("## L'actu du Pôle") is a
        # section when a short line opening body text follows: `start` makes it one.
        # Under a rubric of notes set tight, a short line right under a whole paragraph
        # and over body text opens the next note.
        waiting = draft is None or draft.closed or draft.is_list or bool(self.heading) \
            or (plain and (draft.empty or self.in_briefs())) \
            or (plain and draft is not None and bool(draft.kind) and block.joined_to_previous
                and self.after_whole_paragraph(index))
        if plain and draft is not None and draft.empty and is_all_caps(draft.title) \
                and self.layout.caps_titled:
            # Where titles are set in capitals, the short line right under one is its
            # first paragraph ("Exposition, musée…, du 15 avril au 30 août"), not a title.
            return False
        if plain and draft is not None and draft.empty and block.joined_to_previous \
                and (after := self.layout.next_index(index)) is not None \
                and is_reference_line(self.blocks[after].text):
            return False  # a work's subtitle, set under its title, above its reference line
        under_way = draft is not None and not draft.closed and bool(draft.lead or draft.parts)
        if plain and under_way and block.joined_to_previous and self.follows_draft(index) \
                and not self.after_whole_paragraph(index):
            # Right under a line of the article under way, no blank line between (an
            # agenda's date line, then its event): a line of it, not a title. Under a
            # whole paragraph of body text, a title set without a blank line may open
            # the next note ("…distribué par Les Films de l'Arche." / "À la radio : …").
            return False
        if plain and under_way and draft.kind and DATE_OPENING_RE.match(fold(block.text)):
            return False  # under a rubric, "Samedi 24 mai, 10h-18h" opens an entry
        labelled = bool(self.kind or self.heading)
        longest = LABELLED_TITLE_MAX_WORDS if labelled else INTERTITLE_MAX_WORDS
        return waiting and title_line(block.text, longest) \
            and self.layout.followed_by_body(index)

    def is_grouped_intertitle(self, index: int) -> bool:
        """A heading in the type of the titles, inside the container of the article under
        way, between its paragraphs: an intertitle (a new title opens a new container)."""
        draft = self.current
        block = self.blocks[index]
        if not (self.layout.groups_hold_articles and block.group) or draft is None \
                or draft.closed or draft.is_list or not draft.lead or not draft.blocks:
            return False
        if draft.blocks[0].group != block.group or draft.blocks[-1].group != block.group:
            return False
        previous = draft.blocks[-1]
        if previous.kind is not BlockKind.PARAGRAPH or block_tier(previous, self.layout.body_size):
            return False
        following = self.layout.next_index(index)
        if following is None:
            return False
        next_block = self.blocks[following]
        return (
            next_block.group == block.group and next_block.kind is BlockKind.PARAGRAPH
            and self.tiers[following] is None and not closing_kind(next_block)
            and not marker_text(next_block)
        )

    def groups_list_items(self, index: int) -> bool:
        """Inside a list rubric's list under way (Mouvements, En bref), a short line over
        more items heads a group of them ("Yvelines", "Préfecture du Val-d'Oise"): the
        same list goes on."""
        draft = self.current
        return draft is not None and draft.is_list and not draft.closed \
            and bool(draft.items) and fold(draft.kind or "") in LIST_RUBRICS \
            and self.layout.starts_list(index) and self.tiers[index] is None \
            and not is_all_caps(self.blocks[index].text)  # a title's type opens a new list

    def in_briefs(self) -> bool:
        """Under a list rubric's name read as a section ("En bref" above titled items):
        each short line opening body text is a brief of its own, not an intertitle."""
        return self.section is not None and fold(self.section) in LIST_RUBRICS

    def is_intertitle(self, index: int) -> bool:
        draft = self.current
        if draft is None or draft.closed or draft.is_list or not draft.lead \
                or (self.layout.plain and self.in_briefs()):
            return False
        block = self.blocks[index]
        following = self.layout.next_index(index)
        if following is None:
            return False
        next_block = self.blocks[following]
        followed_by_body = (
            next_block.kind is BlockKind.PARAGRAPH and self.tiers[following] is None
            and not self.layout.is_title(following) and not closing_kind(next_block)
            and not marker_text(next_block)
        )
        if not followed_by_body:
            return False
        if self.layout.is_minor_heading(index):
            return True
        return (
            block.kind is BlockKind.PARAGRAPH
            and not is_all_caps(block.text)
            and short_line(block.text, INTERTITLE_MAX_WORDS)
        )

    def after_whole_paragraph(self, index: int) -> bool:
        """The block before is a paragraph of several sentences, ended."""
        previous = self.layout.previous_index(index)
        if previous is None or not self.layout.is_body(previous):
            return False
        text = self.blocks[previous].text
        return ends_sentence(text) and len(re.findall(r"[.!?…»](?:\s|$)", text)) >= 2

    def follows_draft(self, index: int) -> bool:
        """The block before this one (noise aside) is the last one of the article under way."""
        draft = self.current
        previous = self.layout.previous_index(index)
        return draft is not None and bool(draft.blocks) and previous is not None \
            and draft.blocks[-1] is self.blocks[previous]

    def is_numbered_intertitle(self, index: int) -> bool:
        """Plain text: a lone numbered line that numbers the intertitles of the article
        under way ("1. Un projet né du renouvellement urbain", then "2. …"), not a section
        of the issue ("2. Territoires" after an article with no "1." of its own)."""
        draft = self.current
        block = self.blocks[index]
        if not self.layout.plain or not block.number or draft is None or draft.closed \
                or draft.is_list or not draft.lead \
                or block.number != draft.numbered_subheadings + 1:
            return False
        following = self.layout.next_index(index)
        return self.follows_draft(index) and following is not None and (
                self.layout.is_body(following)
                or self.blocks[following].kind is BlockKind.LIST_ITEM)

    def continues_item(self, block: Block) -> bool:
        """A list item's wrapped line read as a paragraph of its own (PDF): the item
        stops mid-clause ("…, déléguée du Préfet,") or the line goes on in lowercase."""
        draft = self.current
        if draft is None or not draft.last_part_is_item or block.kind is not BlockKind.PARAGRAPH:
            return False
        if self.tiers[self.blocks.index(block)] is not None or closing_kind(block):
            return False
        last_line = draft.parts[-1].rsplit("\n", 1)[-1]
        return last_line.rstrip().endswith((",", "-")) or block.text[:1].islower()

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
        if self.layout.plain:
            return self.continues_plain_title(previous, index)
        if not (
            previous == index - 1
            and self.tiers[index] is not None
            and self.tiers[index] == self.tiers[previous]
            and is_all_caps(self.blocks[index].text) == is_all_caps(self.blocks[previous].text)
            and self.blocks[index].bold == self.blocks[previous].bold
            and (not ends_sentence(draft.title) or draft.title.rstrip().endswith(":"))
        ):
            return False
        first, second = self.blocks[previous], self.blocks[index]
        last_word = fold(first.text).rsplit(" ", 1)[-1] if fold(first.text) else ""
        return (
            second.text[:1].islower()
            or first.text.rstrip().endswith((",", ":", "-", "–", "—"))
            or last_word in JOINING_WORDS
            or touching(first, second)
        )

    def continues_plain_title(self, previous: int, index: int) -> bool:
        """Plain text: a title in capitals set on two lines, the second right under the
        first, no blank line between, the first stopping mid-phrase (or on a colon), and
        body text under the second."""
        if previous != index - 1:
            return False
        first, second = self.blocks[previous], self.blocks[index]
        return (second.joined_to_previous and second.kind is BlockKind.PARAGRAPH
                and is_all_caps(first.text) and is_all_caps(second.text)
                and (not ends_sentence(first.text) or first.text.rstrip().endswith(":"))
                and not known_label(second.text) and self.layout.followed_by_body(index))

    def names_rubric_list(self, index: int) -> bool:
        """A line of its own between a list rubric's name and its items is the list's
        title, the rubric its kind ("MOUVEMENTS" / "Ils et elles ont changé de poste")."""
        draft = self.current
        block = self.blocks[index]
        following = self.layout.next_index(index)
        return (draft is not None and draft.is_list and draft.empty and draft.from_rubric_line
                and block.kind is BlockKind.PARAGRAPH and self.tiers[index] is None
                and not is_all_caps(block.text) and title_line(block.text, INTERTITLE_MAX_WORDS)
                and following is not None
                and self.blocks[following].kind is BlockKind.LIST_ITEM)

    def is_caps_intertitle(self, index: int) -> bool:
        """Plain text, where titles are lines in capitals: a much shorter line in capitals
        inside an article under way, opening more of its body, is one of its intertitles
        ("PERMANENCES", "DANS L'OUEST FRANCILIEN"), not the next title."""
        draft = self.current
        block = self.blocks[index]
        if not self.layout.plain or draft is None or draft.closed or draft.is_list \
                or not draft.lead or not is_all_caps(block.text) \
                or block.kind is not BlockKind.PARAGRAPH:
            return False
        words = len(block.text.split())
        following = self.layout.next_index(index)
        over_list = following is not None \
            and self.blocks[following].kind is BlockKind.LIST_ITEM
        if not (self.layout.followed_by_body(index) or over_list):
            return False
        if not over_list and words <= CAPS_INTERTITLE_MAX_WORDS \
                and words <= CAPS_INTERTITLE_SHARE * self.layout.caps_title_words:
            return True
        # Where titles come with their furniture (a rubric marker, a theme or commune line
        # above most of them), a bare line in capitals straight after a paragraph of the
        # article under way, well shorter than the furnished titles, carries that
        # article on ("UNE DÉMARCHE NÉE DU DIAGNOSTIC"): a new one would bring furniture.
        # So does one over a list ("UN FONCTIONNEMENT EN TROIS VOLETS", then its points).
        previous = self.layout.previous_index(index)
        return not self.is_furnished(index) \
            and previous is not None and (
                self.layout.is_body(previous)
                or (self.blocks[previous].kind is BlockKind.LIST_ITEM
                    and self.follows_draft(index))) \
            and ends_sentence(self.blocks[previous].text) \
            and words <= FURNISHED_INTERTITLE_SHARE * self.furnished_title_words
