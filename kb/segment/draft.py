"""An article while it is being read: what the walker has gathered so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.models import Block
from kb.segment.cues import closing_kind
from kb.segment.jumps import Jump


@dataclass
class Draft:
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
    subheading_tiers: set[object] = field(default_factory=set)  # its intertitles' types
    numbered_subheadings: int = 0  # the last of its numbered intertitles ("2. …")
    items: list[str] = field(default_factory=list)  # list lines, as read
    contacts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    closed: bool = False
    jump_out: Jump | None = None  # the article goes on later ("suite p. 4")
    jump_in: Jump | None = None  # this is the rest of an earlier article
    jump_label: str = ""  # the jump line, to title a continuation that has no title

    @property
    def empty(self) -> bool:
        return not (self.lead or self.parts or self.contacts or self.subheadings
                    or any(closing_kind(b) for b in self.blocks))

    def add_paragraph(self, text: str) -> None:
        if not self.lead and not self.parts and not self.is_list:
            self.lead = text
        else:
            self.parts.append(text)
        self.last_part_is_item = False

    def absorb(self, rest: Draft) -> None:
        """Take in the continuation of this article set elsewhere in the issue."""
        if rest.lead:
            self.add_paragraph(rest.lead)
        self.parts.extend(rest.parts)
        self.subheadings.extend(rest.subheadings)
        self.subheading_tiers |= rest.subheading_tiers
        self.items.extend(rest.items)
        self.contacts.extend(rest.contacts)
        self.blocks.extend(rest.blocks)
        self.closed = rest.closed
        self.jump_out = rest.jump_out
        self.last_part_is_item = rest.last_part_is_item

    def extend_last_paragraph(self, text: str) -> None:
        """The rest of the last paragraph, read further on."""
        if self.parts:
            self.parts[-1] += " " + text
        else:
            self.lead += " " + text

    def add_item(self, text: str) -> None:
        self.items.append(text)
        if self.last_part_is_item and self.parts:
            self.parts[-1] += "\n" + text
        else:
            self.parts.append(text)
        self.last_part_is_item = True
