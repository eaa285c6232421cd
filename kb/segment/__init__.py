"""Blocks → (Issue, Articles): the same rules for every format.

The segmenter reads the cues newsletters use rather than the format they came
in: section headings, rubric markers (`< Publication >`), a theme or commune
line above a title, titles in capitals or in a bigger type, closing lines
(`Contact : …`, `En savoir plus : …`, a URL) and list rubrics (Mouvements,
En bref, press items) that are articles of their own. Extractors say only what
the layout shows (HEADING, font size, bold, list item); the meaning is decided here.

Modules, in the order a document goes through them:

- `vocabulary`: the newsletter's name, sections and list rubrics (kb/data/sections.tsv);
- `issue`: number, date and id of the issue, ids of articles;
- `cues`: what one block says on its own (marker, closing line, type);
- `layout`: the masthead and the types measured per issue (titles, sections);
- `walker`: the walk over the blocks, building `draft.Draft`s;
- `jumps`: "(suite p. 4)" lines and the stitching of continuations;
- `output`: drafts → `Article`s.
"""

from __future__ import annotations

from kb.models import Article, ExtractedDocument, Issue
from kb.segment.issue import (
    MONTH_LABELS,
    article_id,
    build_issue,
    issue_title,
    issue_warnings,
)
from kb.segment.jumps import Jump, jump_line, split_jump, titles_match
from kb.segment.vocabulary import KNOWN_SECTIONS, LIST_RUBRICS, NEWSLETTER, match_section
from kb.segment.walker import Walker

__all__ = [
    "KNOWN_SECTIONS",
    "LIST_RUBRICS",
    "MONTH_LABELS",
    "NEWSLETTER",
    "Jump",
    "article_id",
    "build_issue",
    "issue_title",
    "issue_warnings",
    "jump_line",
    "match_section",
    "segment",
    "split_jump",
    "titles_match",
]


def segment(document: ExtractedDocument) -> tuple[Issue, list[Article]]:
    """Split one extracted issue into its articles, in reading order."""
    return Walker(document).run()
