"""The walk: blocks in reading order → article drafts.

One pass over the blocks with a little state (the section under way, a pending rubric
marker or theme line, the article being read). What each block is comes from its own
cues (`cues`) and from the issue's measured layout (`layout`).
"""

from __future__ import annotations

import re

from kb.models import Article, Block, BlockKind, ExtractedDocument, Issue, SourceFormat
from kb.segment.article_cues import ArticleCues
from kb.segment.cues import (
    CONTACT_RE,
    FIELD_LINE_RE,
    HEADING_LINE_MAX_WORDS,
    INTERTITLE_MAX_WORDS,
    LABELLED_TITLE_MAX_WORDS,
    LINK_LABEL_RE,
    MORE_RE,
    closing_kind,
    contact_line,
    is_quotation,
    join_broken_markers,
    join_split_quotations,
    marker_heading,
    marker_text,
    title_line,
)
from kb.segment.draft import Draft
from kb.segment.issue import build_issue
from kb.segment.jumps import Jump, jump_line, split_jump, stitch
from kb.segment.layout import Layout
from kb.segment.output import articles_of
from kb.segment.vocabulary import LIST_RUBRICS, known_label, match_section, sentence_case
from kb.textclean import fold, is_all_caps, is_url_only, unwrap_urls

# What parts a rubric's name from its detail ("Agenda : 12 mars", "Agenda, Cergy").
_DETAIL_SEPARATOR_RE = re.compile(r"\s*[:,(–—-]")


def _runs_on_from(text: str, name: str) -> bool:
    """The line goes on from the rubric's name without a separator ("Agenda d'hiver")."""
    words = text.split()
    count = len(name.split())
    return len(words) > count and not _DETAIL_SEPARATOR_RE.match(
        " ".join(words)[len(" ".join(words[:count])):])


class Walker(ArticleCues):
    def __init__(self, document: ExtractedDocument) -> None:
        self.document = document
        self.blocks = join_split_quotations(join_broken_markers(
            [b for b in document.blocks if b.text.strip() or b.kind is BlockKind.SEPARATOR]))
        self.layout = Layout(self.blocks, document.body_font_size,
                             page_count=document.page_count,
                             running_heads=document.running_heads,
                             plain=document.source.format is SourceFormat.TEXT)
        self.tiers = self.layout.tiers
        self.drafts: list[Draft] = []
        self.section: str | None = None
        self.kind: str | None = None
        self.kind_detail: str | None = None
        self.heading: str | None = None
        # A marker naming a section ("< SITE INTERNET >") is the rubric of all its articles.
        self.section_kind: str | None = None
        self.section_detail: str | None = None
        self.pending_blocks: list[Block] = []
        self.current: Draft | None = None
        # After a bare "Contact :", the lines under it are contacts ("Name, role, mail").
        self.contact_lines = False
        # A jump-in line set above the repeated title rather than under it.
        self.pending_jump_in: tuple[Jump, str] | None = None

    def run(self) -> tuple[Issue, list[Article]]:
        layout = self.layout
        start = layout.masthead_end()
        self.issue = build_issue(self.document, self.blocks[:start], self.blocks)
        layout.measure(start)
        for index in range(start, len(self.blocks)):
            block = self.blocks[index]
            jump = jump_line(block.text)
            if jump is not None:
                self.note_jump(jump, index, block.text.strip())
                continue
            if block.kind is BlockKind.SEPARATOR:  # a rule ends the article above it
                if self.current is not None and not self.current.empty:
                    self.current.closed = True
                continue
            if layout.is_noise(block):
                continue
            self.read(index, block)
        self.flush()
        self.drafts = stitch(self.drafts)
        return self.issue, articles_of(self.drafts, self.issue, self.document)

    def read(self, index: int, block: Block) -> None:
        line = block.text.strip()
        text, jump = split_jump(line)
        leading = jump is not None and not line.startswith(text)
        if jump is not None and jump.direction == "in" and not leading \
                and self.tiers[index] is None and not self.layout.is_title(index):
            text, jump = line, None  # "(suite)" ends a repeated title, not a paragraph
        if jump is not None and leading:
            self.note_jump(jump, index, line)  # "(suite de la p. 1) Les inscriptions…"
        self.read_block(index, block, text)
        if jump is not None and not leading:
            self.note_jump(jump, index, line)  # "… embauche. (suite p. 4)", "TITRE (suite)"

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
        following = self.layout.next_index(index)
        if following is not None and self.layout.is_title(following):
            self.pending_jump_in = (jump, line)  # above the repeated title
            return
        # No title repeated: what follows is the rest of an earlier article.
        self.start("", None)
        assert self.current is not None
        self.current.jump_in, self.current.jump_label = jump, line

    # -- the walk, block by block -----------------------------------------

    def read_block(self, index: int, block: Block, text: str) -> None:
        layout = self.layout
        text = unwrap_urls(text)
        marker = marker_text(block)
        if marker is not None:
            named = match_section(marker, marker=True)
            if named and fold(named[0]) not in LIST_RUBRICS:
                self.set_section(named[0], block, kind=named[0], detail=named[1])
                return
            kind, _, detail = marker.partition(",")
            self.flush_if_started()
            self.kind, self.kind_detail = sentence_case(kind.strip()), (detail.strip() or None)
            if (heading := marker_heading(block)) is not None:
                self.heading = known_label(heading) or sentence_case(heading)
            self.pending_blocks.append(block)
            return
        named = match_section(text)
        if named and named[1] and _runs_on_from(text, named[0]):
            following = layout.next_index(index)
            if self.kind is not None or (self.section_kind is not None and self.section
                                         and fold(self.section) == fold(named[0])):
                # Under a rubric's marker, "AGENDA D'HIVER" is the title of what the
                # marker announced, not a section ("Agenda : 12 mars" gives a detail).
                named = None
            elif following is not None and self.blocks[following].kind is BlockKind.LIST_ITEM:
                # Over a list, "Agenda des quartiers" is the list's title, the rubric its kind.
                self.start(sentence_case(text) if is_all_caps(text) else text, block,
                           is_list=True, kind=named[0], from_rubric_line=True)
                return
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
        last = self.current_or_last()
        if self.contact_lines and last is not None \
                and contact_line(block) and not self.layout.is_heading_line(index) \
                and not all(known_label(part.strip()) for part in text.split(",")):
            last.blocks.append(block)
            last.contacts.append(text)
            return
        self.contact_lines = False
        closing = closing_kind(block)
        if closing:
            draft = last
            if draft is None:
                return
            draft.blocks.append(block)
            if closing == "contact":
                contact = CONTACT_RE.sub("", text).strip()
                if contact:
                    draft.contacts.append(contact)
                # "Contact :" alone on its line: the lines under it are the contacts.
                self.contact_lines = not contact
            elif not is_url_only(text) and not MORE_RE.match(text) \
                    and not LINK_LABEL_RE.match(text.replace("’", "'")):
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
        if self.tiers[index] in layout.section_tiers and self.tiers[index] is not None \
                and not is_quotation(block):  # a pull quote set in the sections' type
            self.set_section(sentence_case(text), block)
            return
        if layout.is_kicker(index):
            self.flush_if_started()
            # Capitals are typography: the name as the data spells it, else sentence case.
            self.heading = (known_label(text) or sentence_case(text)) if is_all_caps(text) \
                else text
            self.pending_blocks.append(block)
            return
        if is_quotation(block) and self.current is not None and self.current.lead \
                and not self.current.closed and not self.pending_blocks:
            # A pull quote set large inside an article is part of it, not a title (one
            # right under a rubric marker or a theme line is the next article's title).
            self.current.blocks.append(block)
            self.current.parts.append(text)
            return
        if self.names_rubric_list(index):
            self.current.title = text  # "MOUVEMENTS" / "Ils et elles ont changé de poste"
            self.current.blocks.append(block)
            return
        if self.groups_list_items(index):  # "Yvelines" over its part of the Mouvements
            self.current.subheadings.append(text)
            self.current.parts.append(text)
            self.current.blocks.append(block)
            return
        longest = INTERTITLE_MAX_WORDS if self.kind else HEADING_LINE_MAX_WORDS
        if layout.starts_list(index, longest) and (
            self.current is None or self.current.closed or self.current.is_list
            or self.tiers[index] is not None or is_all_caps(text)
        ) and not self.is_caps_intertitle(index) and not self.is_numbered_intertitle(index) \
                and not self.goes_on_list(block):
            self.start(sentence_case(text), block, is_list=True, from_rubric_line=True)
            self.current.kind = self.current.kind or self.current.title
            return
        if index in layout.section_lines:
            self.set_section(text, block)
            return
        if layout.is_heading_line(index):
            self.flush_if_started()
            self.heading = text
            self.pending_blocks.append(block)
            return
        if self.opens_box(index, block, text):
            self.start(text, block)
            return
        caps_intertitle = self.is_caps_intertitle(index) or self.is_numbered_intertitle(index)
        if layout.is_title(index) and not self.is_grouped_intertitle(index) \
                and not caps_intertitle:
            if self.merges_with_title(index):
                self.current.title = f"{self.current.title} {text}"
                self.current.blocks.append(block)
                return
            self.start(text, block)
            return
        if self.opens_untyped_article(index):
            self.start(text, block)
            return
        reopens = self.reopens_after_closing(index)
        if reopens or caps_intertitle or self.is_intertitle(index) \
                or self.is_grouped_intertitle(index):
            self.current.closed = False
            self.current.numbered_subheadings = block.number or \
                self.current.numbered_subheadings
            self.current.subheadings.append(text)
            self.current.subheading_tiers.add(self.tiers[index])
            self.current.parts.append(text)
            self.current.blocks.append(block)
            return
        if layout.is_minor_heading(index) and (self.current is None or self.current.closed):
            self.start(text, block)
            return
        if self.continues_across_heading(block, text):
            self.drafts[-1].blocks.append(block)
            self.drafts[-1].extend_last_paragraph(text)
            return
        draft = self.ensure_article(block, is_list=False)
        draft.blocks.append(block)
        draft.add_paragraph(text)

    def goes_on_list(self, block: Block) -> bool:
        """A line of the list under way, set right under its last line or a field of an
        entry ("Lieu : Parc X, Cergy"): not the title of a new list."""
        draft = self.current
        return draft is not None and draft.is_list and not draft.closed and (
            block.joined_to_previous or bool(FIELD_LINE_RE.match(block.text)))

    def current_or_last(self) -> Draft | None:
        return self.current or (self.drafts[-1] if self.drafts else None)

    def opens_box(self, index: int, block: Block, text: str) -> bool:
        """A box set apart from the flow ("À noter", an agenda) is an article of its own:
        its first line, short as a title and with more of the box under it, titles it."""
        if not block.box or block.kind is BlockKind.LIST_ITEM \
                or (index > 0 and self.blocks[index - 1].box == block.box):
            return False
        following = self.layout.next_index(index)
        return following is not None and self.blocks[following].box == block.box \
            and title_line(text, LABELLED_TITLE_MAX_WORDS)

    def continues_across_heading(self, block: Block, text: str) -> bool:
        """A paragraph opening in lower case right under a section heading, while the last
        article stopped mid-sentence: the rest of that article's paragraph, read after a
        heading set at the foot of the column before (a PDF's reading order)."""
        if self.current is not None or not self.drafts or not text[:1].islower() \
                or block.kind is not BlockKind.PARAGRAPH:
            return False
        previous = self.drafts[-1]
        last = previous.parts[-1] if previous.parts else previous.lead
        return bool(last) and not previous.closed and not previous.is_list \
            and last.rstrip()[-1:] not in ".!?»:;)…"

    def reopens_after_closing(self, index: int) -> bool:
        """A 'Contact :' line closed the article, but what follows is set in the type of
        its own intertitles: the article goes on under one more intertitle."""
        draft = self.current
        return (draft is not None and draft.closed and not draft.is_list
                and self.tiers[index] is not None
                and self.tiers[index] in draft.subheading_tiers
                and self.layout.is_minor_heading(index))

    # -- state changes ----------------------------------------------------

    def absorb_empty(self) -> None:
        """A title with nothing under it, followed by a new article, was a section heading
        ("En bref" above titled articles, an unknown section in capitals)."""
        draft = self.current
        if draft is None or not draft.empty:
            return
        if draft.is_list and not draft.from_rubric_line:
            return
        self.section = draft.title if draft.is_list else sentence_case(draft.title)
        self.current = None

    def flush_if_started(self) -> None:
        """A marker or heading line ends the article before it."""
        self.absorb_empty()
        self.flush()

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
        draft = Draft(
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

    def ensure_article(self, block: Block, *, is_list: bool) -> Draft:
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
