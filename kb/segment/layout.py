"""The issue's layout, measured per issue (masthead, title and section types), and the
per-block predicates built on it. A `Layout` is read once from the blocks and never
changes while the walker runs; the walker (`kb.segment.walker`) asks it what each block is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kb.models import Block, BlockKind
from kb.segment.cues import (
    FIELD_LINE_RE,
    HEADING_LINE_MAX_WORDS,
    LABELLED_TITLE_MAX_WORDS,
    PAGE_NUMBER_RE,
    SECTION_LINE_MAX_WORDS,
    Tier,
    block_tier,
    closing_kind,
    is_quotation,
    marker_text,
    sets_out_a_work,
    short_line,
    title_line,
)
from kb.segment.furniture import find_furniture
from kb.segment.issue import date_in, issue_label_only, number_in
from kb.segment.jumps import jump_line
from kb.segment.vocabulary import LIST_RUBRICS, NEWSLETTER_KEY, known_label, match_section
from kb.textclean import fold, is_all_caps, is_url_only

# Layout containers read as articles' own only when at least this share of the titles
# open a container of their own (the rest are intertitles in their article's).
_GROUP_OPENER_SHARE = 0.5

# An issue with this many lines in capitals opening body text sets its titles in capitals.
CAPS_TITLED_ISSUE = 3


class Layout:
    def __init__(self, blocks: list[Block], body_size: float | None, *, page_count: int = 1,
                 running_heads: Sequence[str] = (), plain: bool = False) -> None:
        self.blocks = blocks
        # Plain text: no type at all, so titles in lowercase are told by their place
        # (a short line opening body text) even when some headings are marked up.
        self.plain = plain
        self.body_size = body_size
        self.page_count = page_count
        self.running_heads = tuple(running_heads)
        self.furniture: set[int] = set()  # ids of the blocks that are page furniture
        self.tiers: list[Tier | None] = [block_tier(b, body_size) for b in blocks]
        self.masthead_keys: set[str] = set()
        self.title_tier: Tier | None = None
        self.caps_title_words = 0.0
        self.caps_titles = 0  # lines in capitals opening body text
        self.lowercase_titles = 0  # short lines not in capitals opening body text
        self.groups_hold_articles = False
        self.section_tiers: set[Tier] = set()
        self.section_lines: set[int] = set()

    def measure(self, start: int) -> None:
        """Measure the issue's types from `start` (after the masthead) on."""
        masthead = self.blocks[:start]
        # The issue line or publisher repeated as a running header is not content.
        self.masthead_keys = {
            fold(b.text) for b in masthead
            if fold(b.text) == NEWSLETTER_KEY or number_in(b.text) or date_in(b.text)
        }
        self.furniture = {
            id(self.blocks[index]) for index in find_furniture(
                self.blocks, start, self.body_size, self.page_count, self.running_heads)
        }
        self.title_tier = self.find_title_tier(start)
        self.caps_title_words = self.find_caps_title_words(start)
        self.groups_hold_articles = self.find_groups_hold_articles(start)
        self.section_tiers = self.find_section_tiers(start)
        self.section_lines = self.find_section_lines(start)

    # -- the masthead -------------------------------------------------------

    def masthead_end(self) -> int:
        """The masthead (name, publisher, address, issue line) runs up to the first section
        heading or rubric marker; a heading in the type of the known sections counts too.
        The first title's section or theme line, in plain text, is not masthead."""
        end = self._masthead_end()
        for _ in range(2):
            previous = self.blocks[end - 1] if end > 1 else None
            if previous is not None and previous.kind is BlockKind.PARAGRAPH \
                    and short_line(previous.text, HEADING_LINE_MAX_WORDS) \
                    and not any(c.isdigit() for c in previous.text) \
                    and fold(previous.text) != NEWSLETTER_KEY \
                    and not is_all_caps(previous.text):
                end -= 1
        return end

    def _masthead_end(self) -> int:
        section_tiers = Counter(
            tier for block, tier in zip(self.blocks, self.tiers, strict=True)
            if tier is not None and match_section(block.text)
        )
        section_tier = section_tiers.most_common(1)[0][0] if section_tiers else None
        for index, block in enumerate(self.blocks):
            if marker_text(block) or match_section(block.text) or (
                # Plain text marks its headings up on purpose ("## L'actu du Pôle").
                self.plain and block.kind is BlockKind.HEADING
                and fold(block.text) != NEWSLETTER_KEY and number_in(block.text) is None
            ) or (
                section_tier is not None and self.tiers[index] == section_tier
                and fold(block.text) != NEWSLETTER_KEY and number_in(block.text) is None
            ):
                return index
        for index, block in enumerate(self.blocks):
            if (is_all_caps(block.text) or self.tiers[index]) \
                    and fold(block.text) != NEWSLETTER_KEY \
                    and number_in(block.text) is None and date_in(block.text) is None:
                return index
        return 0

    # -- document-wide types --------------------------------------------------

    def find_title_tier(self, start: int) -> Tier | None:
        """Titles are the biggest type that regularly opens body text: sections open
        titles, intertitles are smaller, a pull quote or an editorial's heading is rare."""
        candidates = [
            (index, tier) for index, tier in enumerate(self.tiers)
            if index >= start and tier is not None and not is_quotation(self.blocks[index])
            and not marker_text(self.blocks[index]) and not match_section(self.blocks[index].text)
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

    def find_caps_title_words(self, start: int) -> float:
        """The median length in words of the lines in capitals that open body text."""
        lengths = sorted(len(block.text.split()) for index, block in enumerate(self.blocks)
                         if index >= start and block.kind is BlockKind.PARAGRAPH
                         and is_all_caps(block.text) and self.followed_by_body(index))
        self.caps_titles = len(lengths)
        self.lowercase_titles = sum(
            1 for index, block in enumerate(self.blocks)
            if index >= start and block.kind is BlockKind.PARAGRAPH
            and not is_all_caps(block.text) and not marker_text(block)
            and title_line(block.text, LABELLED_TITLE_MAX_WORDS) and self.followed_by_body(index))
        return float(lengths[len(lengths) // 2]) if lengths else 0.0

    def find_groups_hold_articles(self, start: int) -> bool:
        """Whether the layout containers the extractor reported (an e-mail's table cells)
        hold one article each: most titles are the first in their container. A page set
        in one layout table, where every title shares a container, says nothing."""
        groups = [self.blocks[index].group for index in range(start, len(self.blocks))
                  if self.blocks[index].group and self.is_title(index)]
        return len(set(groups)) >= max(2, len(groups) * _GROUP_OPENER_SHARE)

    def find_section_tiers(self, start: int) -> set[Tier]:
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
            and not self.is_noise(self.blocks[index]) and not marker_text(self.blocks[index])
            and not closing_kind(self.blocks[index]) and not is_quotation(self.blocks[index])
        ]
        known = Counter(
            self.tiers[index] for index in indices
            if (named := match_section(self.blocks[index].text))
            and fold(named[0]) not in LIST_RUBRICS
        )
        tiers: set[Tier] = {known.most_common(1)[0][0]} if known else set()
        by_tier: dict[Tier, list[int]] = {}
        for index in indices:
            by_tier.setdefault(self.tiers[index], []).append(index)
        labels: dict[Tier, list[int]] = {}
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
        theme line ("Territoires en action" / "Gennevilliers" / title) or above a rubric
        marker, or, in an issue
        where no known section name appears, short lines above titles that each head
        several titles on average (a theme line heads one)."""
        labels = [index for index in range(start, len(self.blocks))
                  if self.tiers[index] is None and not self.is_noise(self.blocks[index])
                  and self.is_heading_line(index)]
        found = {
            index for index in range(start, len(self.blocks))
            if self.tiers[index] is None
            and (following := self.next_index(index)) is not None
            # Above a theme line, or above a rubric marker: a marker opens an article,
            # so the label over it names no article ("Le dossier" / "< Le dossier >").
            and ((following in labels and self.has_label_shape(index))
                 or (marker_text(self.blocks[following]) is not None
                     and self.has_label_shape(index, figures=True,
                                              max_words=SECTION_LINE_MAX_WORDS)))
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

    # -- per-block predicates -------------------------------------------------

    def is_noise(self, block: Block) -> bool:
        """Page numbers, running headers and footers and other furniture (`furniture`),
        and jump lines (read apart by the walker): none of them is a cue for the blocks
        around them."""
        if block.kind is BlockKind.SEPARATOR or PAGE_NUMBER_RE.match(block.text) \
                or issue_label_only(block.text) \
                or jump_line(block.text) is not None:
            return True
        return fold(block.text) in self.masthead_keys or id(block) in self.furniture

    def next_index(self, index: int) -> int | None:
        for following in range(index + 1, len(self.blocks)):
            if not self.is_noise(self.blocks[following]):
                return following
        return None

    def is_body(self, index: int) -> bool:
        block = self.blocks[index]
        return (block.kind is BlockKind.PARAGRAPH and self.tiers[index] is None
                and not closing_kind(block) and not marker_text(block)
                and not is_all_caps(block.text))

    def followed_by_body(self, index: int) -> bool:
        following = self.next_index(index)
        return following is not None and self.is_body(following)

    def stands_above_title(self, index: int) -> bool:
        following = self.next_index(index)
        if following is None:
            return False
        block = self.blocks[following]
        return block.kind is not BlockKind.LIST_ITEM and (
            marker_text(block) is not None or self.is_title(following)
            or self.tiers[following] is not None
        )

    def is_title(self, index: int) -> bool:
        block = self.blocks[index]
        if marker_text(block) or closing_kind(block) or block.kind is BlockKind.LIST_ITEM:
            return False
        tier = self.tiers[index]
        if is_all_caps(block.text) and not is_url_only(block.text):
            # Where titles have a type of their own, a line in capitals set in the body's
            # type is a line of the body ("PERMANENCES", "MERCREDI ET SAMEDI, 14H-16H").
            return tier is not None or self.title_tier is None or self.plain
        return tier is not None and self.title_tier is not None and tier <= self.title_tier

    def is_minor_heading(self, index: int) -> bool:
        return self.tiers[index] is not None and not self.is_title(index)

    def previous_index(self, index: int) -> int | None:
        return next((i for i in range(index - 1, -1, -1) if not self.is_noise(self.blocks[i])),
                    None)

    def follows_marker(self, index: int) -> bool:
        previous = self.previous_index(index)
        return previous is not None and marker_text(self.blocks[previous]) is not None

    def has_label_shape(self, index: int, *, figures: bool = False,
                        max_words: int = HEADING_LINE_MAX_WORDS) -> bool:
        """A few words, no figures (unless allowed), not in capitals, not a title: how
        theme, commune and section lines look in plain text."""
        block = self.blocks[index]
        text = block.text
        if (block.kind is BlockKind.LIST_ITEM or is_all_caps(text) or marker_text(block)
                or FIELD_LINE_RE.match(text) or (not figures and any(c.isdigit() for c in text))
                or not short_line(text, max_words)):
            return False
        return not (self.tiers[index] is not None and self.is_title(index))

    @property
    def caps_titled(self) -> bool:
        """Plain text whose titles are set in capitals (lines in capitals open body text,
        as many as short lines in lower case do): a short line in lower case is no title
        there."""
        return self.plain and self.caps_titles >= max(CAPS_TITLED_ISSUE, self.lowercase_titles)

    def is_heading_line(self, index: int) -> bool:
        """A theme or commune line directly above a title ("Persan", "Crise sanitaire");
        between a rubric marker and a title it may hold figures and run longer
        ("Contrats de ville 2024-2030", "Réforme de la politique de la ville")."""
        following = self.next_index(index)
        if following is None:
            return False
        under_marker = self.follows_marker(index) and self.is_title(following)
        if not self.has_label_shape(index, figures=under_marker,
                                    max_words=SECTION_LINE_MAX_WORDS if under_marker
                                    else HEADING_LINE_MAX_WORDS):
            return False
        if (end := self.next_index(following)) and sets_out_a_work(*self.blocks[index:end + 1]) \
                and not self.is_title(following) and not known_label(self.blocks[index].text):
            return False
        return (
            self.is_title(following) or marker_text(self.blocks[following]) is not None
            # A short line over a short line opening body text: a theme line over a
            # title in lower case, but an intertitle over an interview's question where
            # titles are in capitals.
            or ((self.title_tier is None or self.plain) and not self.caps_titled
                and self.tiers[following] is None
                and self.blocks[following].kind is BlockKind.PARAGRAPH
                and title_line(self.blocks[following].text, LABELLED_TITLE_MAX_WORDS)
                and self.followed_by_body(following))
        ) and not match_section(self.blocks[following].text)

    def is_kicker(self, index: int) -> bool:
        """A short line set just above a title in a smaller type or another style (small
        capitals, a coloured band), or naming a known theme or place: the article's
        rubric or territory ("EMPLOI", "SARCELLES"), never a title or a section."""
        block = self.blocks[index]
        text = block.text.strip()
        # Under a rubric marker a theme line may run longer ("RÉFORME DE LA POLITIQUE DE
        # LA VILLE").
        longest = SECTION_LINE_MAX_WORDS if self.follows_marker(index) else HEADING_LINE_MAX_WORDS
        if block.kind is BlockKind.LIST_ITEM or marker_text(block) or closing_kind(block) \
                or is_quotation(block) or match_section(text) \
                or not short_line(text, longest):
            return False
        following = self.next_index(index)
        if following is None or not (self.is_title(following) or self.plain) \
                or self.tiers[following] in self.section_tiers \
                or match_section(self.blocks[following].text):
            return False
        title = self.blocks[following]
        if not self.is_title(following):
            # Plain text: a line in capitals right above a lowercase title opening body
            # text ("PUBLICATION" / "Cahier du Pôle n°12 : …" / body). Under a rubric
            # marker, which names the rubric already, the line in capitals is the title.
            return is_all_caps(text) and block.kind is BlockKind.PARAGRAPH \
                and not self.follows_marker(index) \
                and title_line(title.text, LABELLED_TITLE_MAX_WORDS) \
                and self.followed_by_body(following)
        if block.font_size and title.font_size:
            if block.font_size > title.font_size + 0.25:
                return False
            if block.font_size < title.font_size - 0.5:
                return True
        if is_all_caps(text) != is_all_caps(title.text) or block.bold != title.bold:
            return bool(block.font_size and title.font_size) or known_label(text) is not None
        # A known name set exactly like the titles around it and opening body text is a
        # title ("Persan" alone as a title), not a kicker.
        return known_label(text) is not None and not self.followed_by_body(index)

    def starts_list(self, index: int, max_words: int = HEADING_LINE_MAX_WORDS) -> bool:
        """A short line directly followed by list items names a list rubric (or, under
        a rubric marker, titles the list: `max_words` then allows a title's length)."""
        following = self.next_index(index)
        return (
            following is not None
            and self.blocks[following].kind is BlockKind.LIST_ITEM
            and short_line(self.blocks[index].text, max_words)
        )
