"""Plain text (an issue as extracted text, as in `shared/seeds/*.txt`) → Blocks.

Blocks are separated by blank lines; a form feed is a page break. Inside a
blank-line block, bullets start list items, and lines in capitals or rubric
markers (`< Publication >`) stand alone. Paragraphs cut in two by a page break
("…lieu à des" / "études de situation…") are mended.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.errors import ExtractionError
from kb.extract.charset import UndecodableError, decode_text
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile
from kb.textclean import ends_sentence, is_all_caps, is_url_only, normalise_spaces

_BULLET_RE = re.compile(r"^\s*(?:[-•*▪►●–]|\d{1,2}[.)])\s+")
_MARKER_RE = re.compile(r"^<\s*[^<>]+\s*>$")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_WHOLE_BOLD_RE = re.compile(r"^\s*(?:\*\*|__)(?:(?!\*\*|__).)+(?:\*\*|__)\s*$")
_HYPHEN_END_RE = re.compile(r"(?<=[a-zà-ÿ])-$")
_C1_CONTROLS_RE = re.compile(r"[\x80-\x9f]")
# A line at least this long that is followed by another line is taken as hard-wrapped.
_WRAP_WIDTH = 40


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


def _strip_emphasis(text: str) -> str:
    text = _BOLD_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return _ITALIC_RE.sub(r"\1", text)


def _join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines, mending words hyphenated at a line end
    ("dévelop-" + "pement") but not real hyphens before a capital (Mantes-la-\\nJolie)."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif _HYPHEN_END_RE.search(out) and line[:1].islower():
            out = out[:-1] + line
        elif out.endswith("-") and line[:1].isupper():
            out += line
        else:
            out = f"{out} {line}"
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


def _line_per_item(lines: list[str]) -> bool:
    """Lines that each open on a capital and none of which runs on into the next are a
    list of lines (a Mouvements list, press items), not a hard-wrapped paragraph."""
    stripped = [line.strip() for line in lines if line.strip()]
    return len(stripped) >= 2 and all(
        line[:1].isupper() or line[:1].isdigit() for line in stripped) and not any(
        _RUNS_ON_RE.search(line) for line in stripped[:-1])


def _blocks_of_chunk(lines: list[str], page: int) -> list[Block]:
    """One blank-line-separated chunk → blocks (list items, lone lines, a paragraph)."""
    if _line_per_item(lines):
        blocks = [block for line in lines if line.strip()
                  for block in _blocks_of_chunk_lines([line], page)]
        # Records of a few fields ("Name, role, commune", "« Title », medium, date") are
        # the items of a list; other short lines (a masthead, an address) only lines.
        if all("," in block.text for block in blocks):
            blocks = [replace(block, kind=BlockKind.LIST_ITEM) for block in blocks]
        return blocks
    return _blocks_of_chunk_lines(lines, page)


def _blocks_of_chunk_lines(lines: list[str], page: int) -> list[Block]:
    blocks: list[Block] = []
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH

    def flush() -> None:
        nonlocal pending, pending_kind
        if pending:
            raw = _join_lines(pending)
            text = normalise_spaces(_strip_emphasis(raw))
            if text:
                bold = bool(_WHOLE_BOLD_RE.match(raw))
                blocks.append(Block(text=text, page=page, kind=pending_kind, bold=bold))
        pending, pending_kind = [], BlockKind.PARAGRAPH

    for line in lines:
        bullet = _BULLET_RE.match(line)
        heading = _MD_HEADING_RE.match(line.strip())
        if bullet:
            flush()
            pending, pending_kind = [line[bullet.end():]], BlockKind.LIST_ITEM
        elif heading:
            flush()
            text = normalise_spaces(_strip_emphasis(heading.group(2)))
            blocks.append(Block(text=text, page=page, kind=BlockKind.HEADING,
                                heading_level=len(heading.group(1))))
        elif pending_kind is BlockKind.LIST_ITEM:
            # A press item's URL or a wrapped item line continues the item.
            pending.append(line)
        elif _stands_alone(line):
            flush()
            pending = [line]
            flush()
        elif (pending and len(pending[-1].strip()) < _WRAP_WIDTH
              and not line.strip()[:1].islower() and not pending[-1].rstrip().endswith("-")):
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
    blocks: list[Block] = []
    for page_index, page_text in enumerate(text.split("\f"), start=1):
        chunk: list[str] = []
        for line in [*page_text.split("\n"), ""]:
            if line.strip():
                chunk.append(line)
            elif chunk:
                blocks.extend(_blocks_of_chunk(chunk, page_index))
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
