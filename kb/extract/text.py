"""Plain text (an issue as extracted text, as in `shared/seeds/*.txt`) → Blocks.

Blocks are separated by blank lines; a form feed is a page break. Inside a
blank-line block, bullets start list items, and lines in capitals or rubric
markers (`< Publication >`) stand alone. Paragraphs cut in two by a page break
("…lieu à des" / "études de situation…") are mended.

The light markup people and mailing tools put in text parts is read as what it means:
a line underlined with `===` or `---` is a heading (level 1 or 2), a line of dashes or
stars alone is a separator between items, `** TITRE` (mass-mailers' text part) is a
heading, `[label](url)` is its label carrying the link, and reference marks (`[2]`) are
dropped from the text. A lone short numbered line ("2. National / régional") is a
heading, not a one-item list. A table set in text (cells parted by bars or tabs, leader
dots) gives one item per row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kb.errors import ExtractionError
from kb.extract.charset import UndecodableError, decode_text
from kb.extract.hyphens import join_cut, word_lexicon
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile
from kb.textclean import ends_sentence, find_urls, is_all_caps, is_url_only, normalise_spaces

_BULLET_RE = re.compile(r"^\s*(?:[-•*▪►●–]|\d{1,2}[.)])\s+")
_MARKER_RE = re.compile(r"^<\s*[^<>]+\s*>$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_WHOLE_BOLD_RE = re.compile(r"^\s*(?:\*\*|__)(?:(?!\*\*|__).)+(?:\*\*|__)\s*$")
_C1_CONTROLS_RE = re.compile(r"[\x80-\x9f]")
_RULE_RE = re.compile(r"^\s*([-=_*~·•])(?:\s?\1){2,}\s*$")
_STARRED_HEADING_RE = re.compile(r"^\*\*\s+(?P<text>[^*]+?)\s*$")
_MD_LINK_RE = re.compile(r"\[(?P<label>[^\[\]\n]{1,200})\]\((?P<url>(?:https?://|www\.|mailto:)[^\s()]{1,2000})\)")
_REFERENCE_MARK_RE = re.compile(r"\s?\[\d{1,3}\](?!\s*(?:https?://|www\.))")
_NUMBERED_HEADING_RE = re.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?P<text>\S.{0,60}?)\s*$")
# A row of a table set in text: cells parted by bars or tabs ("Commune | Quartier | 41 %"),
# or a label and a figure joined by leader dots ("Trappes ........ 988 000 €").
_TABLE_ROW_RE = re.compile(r"\S\s*(?:\|\s*\S.*\|\s*\S|\t+\S.*\t+\S)|\S\s*(?:\.{4,}|…{2,})\s*\S")
# A line at least this long that is followed by another line is taken as hard-wrapped.
_WRAP_WIDTH = 40
# No mailer or editor wraps lines this long: such a line is a whole paragraph, and when it
# ends a sentence the line under it starts another block ("…distribué par Les Films de
# l'Arche." / "À la radio : « Les Pieds sur terre »").
_UNWRAPPED_LINE = 150


def decode(data: bytes, path: str) -> str:
    """The file's text, decoded as `kb.extract.charset.decode_text` tells."""
    return _read_text(data, path)[0]


def _read_text(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """The text and what was left out of it: C1 control characters are bytes that had no
    character in the encoding found (windows-1252 leaves five undefined), dropped but said."""
    try:
        decoded = decode_text(data)
    except UndecodableError as error:
        raise ExtractionError(path, f"encodage des caractères illisible : {error}") from error
    stray = len(_C1_CONTROLS_RE.findall(decoded.text))
    if not stray:
        return decoded.text, ()
    plural = "s" if stray > 1 else ""
    warning = (f"{stray} octet{plural} sans caractère en {decoded.encoding} "
               f"ignoré{plural}")
    return _C1_CONTROLS_RE.sub("", decoded.text), (warning,)


def _read_links(text: str) -> tuple[str, tuple[str, ...]]:
    """"[Lire la suite](https://…)" → its label, the URL kept as the block's link;
    reference marks ("… locales [1].") dropped: their list at the end holds the URLs."""
    links = tuple(dict.fromkeys(m.group("url") for m in _MD_LINK_RE.finditer(text)))
    text = _MD_LINK_RE.sub(lambda m: m.group("label"), text)
    return _REFERENCE_MARK_RE.sub("", text), links


def _strip_emphasis(text: str) -> str:
    text = _BOLD_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return _ITALIC_RE.sub(r"\1", text)


def _join_lines(lines: list[str], lexicon: Counter[str]) -> str:
    """Join hard-wrapped lines, mending line-end hyphens with the one de-hyphenator
    (kb.extract.hyphens): "dévelop-" + "pement", but "socio-" + "économique" when the
    issue writes it so, and "Mantes-la-" + "Jolie"."""
    out = ""
    for line in lines:
        out = join_cut(out, line.strip(), lexicon)
    return out


def _stands_alone(line: str) -> bool:
    stripped = line.strip()
    return bool(
        _MARKER_RE.match(stripped)
        or _MD_HEADING_RE.match(stripped)
        or is_url_only(stripped)
        or is_all_caps(_strip_emphasis(stripped))
    )


# A line ending on one of these runs on into the next: "… les habitants de" / "Sarcelles".
_RUNS_ON_RE = re.compile(r"(?:[-,(«]|\b(?:de|du|des|d'|la|le|les|l'|et|ou|à|au|aux|en|pour|par|"
                         r"sur|avec|dans|un|une))\s*$", re.IGNORECASE)


def _records(lines: list[str]) -> list[list[str]]:
    """The chunk's lines, a line going on in lowercase kept with the one before it: a
    list line wrapped by a mailer ("…, Communauté" / "d'agglomération Saint-Germain")."""
    records: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if records and line.strip()[:1].islower():
            records[-1].append(line)
        else:
            records.append([line])
    return records


def _line_per_item(records: list[list[str]]) -> bool:
    """Lines that each open on a capital and none of which runs on into the next are a
    list of lines (a Mouvements list, press items), not a hard-wrapped paragraph."""
    stripped = [record[-1].strip() for record in records]
    firsts = [record[0].strip() for record in records]
    wrapped = sum(len(record) - 1 for record in records)
    # A wrapped line now and then, in records of fields ("Name, role, commune"): a
    # hard-wrapped paragraph has more wrapped lines than records.
    if wrapped and (len(records) < 3 or 2 * wrapped > len(records)
                    or not all("," in line for line in firsts)):
        return False
    return len(records) >= 2 and all(
        line[:1].isupper() or line[:1].isdigit() for line in firsts) and not any(
        _RUNS_ON_RE.search(line) for line in stripped[:-1])


def _heading(text: str, page: int, level: int) -> Block:
    return Block(text=normalise_spaces(_strip_emphasis(text)), page=page,
                 kind=BlockKind.HEADING, heading_level=level)


def _marked_up(lines: list[str], page: int, lexicon: Counter[str]) -> list[Block] | None:
    """The chunk read through its light markup (rules, underlines, `** TITRE`, a lone
    numbered heading), or None when it has none."""
    if len(lines) == 1 and (numbered := _NUMBERED_HEADING_RE.match(lines[0])) \
            and not ends_sentence(numbered.group("text")):
        return [replace(_heading(numbered.group("text"), page, 2),
                        number=int(numbered.group("number")))]
    if not any(_RULE_RE.match(line) or _STARRED_HEADING_RE.match(line.strip())
               for line in lines):
        return None
    blocks: list[Block] = []
    pending: list[str] = []
    for line in lines:
        rule = _RULE_RE.match(line)
        starred = _STARRED_HEADING_RE.match(line.strip())
        if rule and len(pending) == 1 and rule.group(1) in "=-" \
                and len(pending[0].split()) <= 12 and not ends_sentence(pending[0]):
            # Setext: the line above is a heading, "=" a bigger one than "-".
            blocks.append(_heading(pending[0].strip(), page, 1 if rule.group(1) == "=" else 2))
            pending = []
        elif rule:
            blocks.extend(_blocks_of_chunk(pending, page, lexicon) if pending else [])
            blocks.append(Block(text=line.strip(), page=page, kind=BlockKind.SEPARATOR))
            pending = []
        elif starred:
            blocks.extend(_blocks_of_chunk(pending, page, lexicon) if pending else [])
            blocks.append(_heading(starred.group("text"), page, 2))
            pending = []
        else:
            pending.append(line)
    if pending:
        blocks.extend(_blocks_of_chunk(pending, page, lexicon))
    return blocks


def _blocks_of_chunk(lines: list[str], page: int, lexicon: Counter[str]) -> list[Block]:
    """One blank-line-separated chunk → blocks (list items, lone lines, a paragraph);
    each block after the first is marked as set right under the one before."""
    blocks = _chunk_blocks(lines, page, lexicon)
    return [replace(block, joined_to_previous=True) if number else block
            for number, block in enumerate(blocks)]


def _chunk_blocks(lines: list[str], page: int, lexicon: Counter[str]) -> list[Block]:
    marked = _marked_up(lines, page, lexicon)
    if marked is not None:
        return marked
    rows = [line for line in lines if line.strip()]
    cells = sum(1 for line in rows if _TABLE_ROW_RE.search(line))
    if cells == len(rows) or (len(rows) >= 3 and cells == len(rows) - 1):
        # A table's rows (its header too, maybe without the leaders) are its items: one
        # in capitals is a cell, never a heading.
        return [Block(text=normalise_spaces(_strip_emphasis(line)), page=page,
                      kind=BlockKind.LIST_ITEM) for line in rows]
    records = _records(lines)
    if _line_per_item(records):
        blocks = [block for record in records
                  for block in _blocks_of_chunk_lines(record, page, lexicon)]
        # Records of a few fields ("Name, role, commune", "« Title », medium, date") are
        # the items of a list; other short lines (a masthead, an address) only lines.
        # Two lines make a list only as records of three fields or more: "Nos mères, ces
        # héroïnes" over "Un film de…" is a title and its credits.
        fields = 3 if len(blocks) == 2 else 2
        if all(block.text.count(",") >= fields - 1 for block in blocks):
            blocks = [replace(block, kind=BlockKind.LIST_ITEM) for block in blocks]
        return blocks
    return _blocks_of_chunk_lines(lines, page, lexicon)


def _wrap_width(lines: list[str]) -> float:
    """How short a line must be to end its paragraph rather than wrap on: under 70 % of
    the chunk's longest line (URLs aside: they overrun any width), and never under
    `_WRAP_WIDTH`. A title set on its own line above unwrapped body text stands alone."""
    longest = max((len(line.strip()) for line in lines if not find_urls(line)), default=0)
    return max(_WRAP_WIDTH, 0.7 * longest)


def _blocks_of_chunk_lines(lines: list[str], page: int, lexicon: Counter[str]) -> list[Block]:
    width = _wrap_width(lines)
    blocks: list[Block] = []
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH

    def flush() -> None:
        nonlocal pending, pending_kind
        if pending:
            raw, links = _read_links(_join_lines(pending, lexicon))
            text = normalise_spaces(_strip_emphasis(raw))
            if text:
                bold = bool(_WHOLE_BOLD_RE.match(raw))
                blocks.append(Block(text=text, page=page, kind=pending_kind, bold=bold,
                                    links=links))
        pending, pending_kind = [], BlockKind.PARAGRAPH

    for line in lines:
        bullet = _BULLET_RE.match(line)
        heading = _MD_HEADING_RE.match(line.strip())
        if bullet:
            flush()
            pending, pending_kind = [line[bullet.end():]], BlockKind.LIST_ITEM
        elif heading:
            flush()
            blocks.append(_heading(heading.group(2), page, len(heading.group(1))))
        elif pending_kind is BlockKind.LIST_ITEM:
            # A press item's URL or a wrapped item line continues the item.
            pending.append(line)
        elif _stands_alone(line):
            flush()
            pending = [line]
            flush()
        elif pending and not line.strip()[:1].islower() and (
                (len(pending[-1].strip()) < width and not pending[-1].rstrip().endswith("-")
                 and not _RUNS_ON_RE.search(pending[-1]))
                or (len(pending[-1].strip()) >= _UNWRAPPED_LINE and ends_sentence(pending[-1]))):
            # Short lines are a list of lines (masthead, address), not a wrapped paragraph.
            flush()
            pending = [line]
        else:
            pending.append(line)
    flush()
    return blocks


def _mends(previous: Block, following: Block) -> bool:
    """A paragraph cut by a page break: the first part does not end a sentence and
    the second starts in lowercase."""
    return (
        previous.kind is BlockKind.PARAGRAPH
        and following.kind is BlockKind.PARAGRAPH
        and following.text[:1].islower()
        and not ends_sentence(previous.text)
        and not is_all_caps(previous.text)
        and not is_url_only(previous.text.split()[-1])
        and not _MARKER_RE.match(previous.text)
    )


def split_blocks(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lexicon = word_lexicon(text.split("\n"))
    blocks: list[Block] = []
    for page_index, page_text in enumerate(text.split("\f"), start=1):
        chunk: list[str] = []
        blank = 0
        for line in [*page_text.split("\n"), ""]:
            if line.strip():
                if blank >= 2 and blocks and not chunk \
                        and blocks[-1].kind is not BlockKind.SEPARATOR:
                    # Two blank lines or more part items as a rule would.
                    blocks.append(Block(text="", page=page_index, kind=BlockKind.SEPARATOR))
                blank = 0
                chunk.append(line)
            else:
                blank += 1
                if chunk:
                    blocks.extend(_blocks_of_chunk(chunk, page_index, lexicon))
                    chunk = []
    mended: list[Block] = []
    for block in blocks:
        if mended and _mends(mended[-1], block):
            previous = mended.pop()
            mended.append(Block(text=f"{previous.text} {block.text}", page=previous.page,
                                kind=previous.kind, bold=previous.bold and block.bold))
        else:
            mended.append(block)
    return mended


def extract_text(data: bytes, source: SourceFile) -> ExtractedDocument:
    text, warnings = _read_text(data, source.path)
    blocks = tuple(split_blocks(text))
    if not blocks:
        raise ExtractionError(source.path, "aucun texte dans le fichier")
    return ExtractedDocument(
        source=source,
        blocks=blocks,
        page_count=text.count("\f") + 1,
        warnings=warnings,
    )
