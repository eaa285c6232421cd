"""Word (.docx) and LibreOffice (.odt) issues → Blocks, read from the zip's XML directly.

Both formats say what the segmenter needs in their markup, as HTML does: headings by
paragraph style or outline level (Word "Heading 2"/"Titre 2", `w:outlineLvl`; ODF
`text:h` with `text:outline-level`), bold runs, list paragraphs (Word `w:numPr` or a
"List…" style; ODF `text:list`), font sizes. No dependency: python-docx would add a
package for what a few dozen lines of ElementTree read, and it does not read .odt.

Guards: each XML part is read only if its declared size is reasonable (a zip bomb is
refused with a reason), and a part carrying a DOCTYPE is refused (no entity tricks).
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from kb.errors import ExtractionError
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile

MAX_PART_BYTES = 64 * 1024 * 1024
NO_CONTENT = "document sans texte"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"

# Style names Word and LibreOffice give headings, in English and French installs.
HEADING_NAMES = ("heading ", "titre ")
TITLE_NAMES = ("title", "titre")


@dataclass
class _Para:
    """One paragraph as read: its text, what its markup says, where it sits."""

    text: str
    level: int = 0  # heading level, 0 for body text
    listed: bool = False
    bold_chars: int = 0
    size: float | None = None
    page: int = 1
    links: tuple[str, ...] = ()


def _part(archive: zipfile.ZipFile, name: str, path: str, required: bool = True
          ) -> ET.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise ExtractionError(path, f"document incomplet : {name} absent") from None
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ExtractionError(path, f"document trop volumineux ({name} : "
                                    f"{info.file_size // 1_000_000} Mo décompressés)")
    data = archive.read(info)
    if b"<!DOCTYPE" in data[:4096].upper():
        raise ExtractionError(path, f"document refusé : {name} déclare un DOCTYPE")
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise ExtractionError(path, f"XML illisible dans {name} ({error})") from error


def _open(data: bytes, path: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ExtractionError(path, "document Word/LibreOffice illisible : "
                                    "archive zip abîmée") from error


def _on(element: ET.Element | None, attr: str = f"{W}val") -> bool:
    """A Word on/off property: present and not switched off."""
    return element is not None and element.get(attr, "true") not in ("0", "false", "off")


# -- Word ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _WordStyle:
    level: int
    listed: bool
    bold: bool
    size: float | None


def _word_styles(root: ET.Element | None) -> dict[str, _WordStyle]:
    if root is None:
        return {}
    raw: dict[str, tuple[str, str | None, ET.Element]] = {}
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        based = style.find(f"{W}basedOn")
        raw[style.get(f"{W}styleId", "")] = (
            (name.get(f"{W}val", "") if name is not None else "").casefold(),
            based.get(f"{W}val") if based is not None else None, style)
    resolved: dict[str, _WordStyle] = {}

    def resolve(style_id: str, depth: int = 0) -> _WordStyle:
        if style_id in resolved:
            return resolved[style_id]
        name, based, element = raw[style_id]
        parent = (resolve(based, depth + 1) if based in raw and depth < 20
                  else _WordStyle(0, False, False, None))
        level = parent.level
        outline = element.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.get(f"{W}val", "").isdigit():
            level = int(outline.get(f"{W}val")) + 1
        if name.startswith(HEADING_NAMES) and name.rsplit(" ", 1)[-1].isdigit():
            level = int(name.rsplit(" ", 1)[-1])
        elif name in TITLE_NAMES:
            level = 1
        size = element.find(f"{W}rPr/{W}sz")
        found = _WordStyle(
            level=level,
            listed=parent.listed or name.startswith(("list", "liste"))
            or element.find(f"{W}pPr/{W}numPr") is not None,
            bold=_on(element.find(f"{W}rPr/{W}b")) or parent.bold,
            size=float(size.get(f"{W}val")) / 2 if size is not None
            and size.get(f"{W}val", "").isdigit() else parent.size,
        )
        resolved[style_id] = found
        return found

    for style_id in raw:
        resolve(style_id)
    return resolved


def _word_links(archive: zipfile.ZipFile, path: str) -> dict[str, str]:
    rels = _part(archive, "word/_rels/document.xml.rels", path, required=False)
    if rels is None:
        return {}
    return {rel.get("Id", ""): rel.get("Target", "") for rel in rels.iter(f"{REL}Relationship")
            if rel.get("TargetMode") == "External"}


def _word_paragraphs(archive: zipfile.ZipFile, path: str) -> Iterator[_Para]:
    document = _part(archive, "word/document.xml", path)
    styles = _word_styles(_part(archive, "word/styles.xml", path, required=False))
    links = _word_links(archive, path)
    plain = _WordStyle(0, False, False, None)
    page = 1
    for paragraph in document.iter(f"{W}p"):
        style_ref = paragraph.find(f"{W}pPr/{W}pStyle")
        style = styles.get(style_ref.get(f"{W}val", "") if style_ref is not None else "",
                           plain)
        level = style.level
        outline = paragraph.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.get(f"{W}val", "").isdigit():
            level = int(outline.get(f"{W}val")) + 1
        parts: list[str] = []
        bold_chars = 0
        sizes: Counter[float] = Counter()
        hrefs = [links[h.get(f"{R}id", "")] for h in paragraph.iter(f"{W}hyperlink")
                 if h.get(f"{R}id", "") in links]
        starts_page = False
        for run in paragraph.iter(f"{W}r"):
            props = run.find(f"{W}rPr")
            bold = _on(props.find(f"{W}b")) if props is not None \
                and props.find(f"{W}b") is not None else style.bold
            size_el = props.find(f"{W}sz") if props is not None else None
            size = (float(size_el.get(f"{W}val")) / 2 if size_el is not None
                    and size_el.get(f"{W}val", "").isdigit() else style.size)
            for child in run:
                if child.tag == f"{W}t" and child.text:
                    parts.append(child.text)
                    visible = len(child.text.strip())
                    bold_chars += visible if bold else 0
                    if size:
                        sizes[size] += visible
                elif child.tag == f"{W}tab":
                    parts.append(" ")
                elif child.tag == f"{W}br":
                    if child.get(f"{W}type") == "page":
                        starts_page = True
                    else:
                        parts.append("\n")
                elif child.tag == f"{W}lastRenderedPageBreak":
                    starts_page = True
        if starts_page or _on(paragraph.find(f"{W}pPr/{W}pageBreakBefore")):
            page += 1
        yield _Para(
            text="".join(parts), level=level,
            listed=style.listed or paragraph.find(f"{W}pPr/{W}numPr") is not None,
            bold_chars=bold_chars, size=sizes.most_common(1)[0][0] if sizes else None,
            page=page, links=tuple(dict.fromkeys(hrefs)),
        )


def _word_title(archive: zipfile.ZipFile, path: str) -> str | None:
    core = _part(archive, "docProps/core.xml", path, required=False)
    title = core.find(f"{DC}title") if core is not None else None
    return title.text.strip() if title is not None and title.text else None


# -- LibreOffice -----------------------------------------------------------------------

def _odf_styles(*roots: ET.Element | None) -> dict[str, tuple[bool, float | None, int]]:
    """Style name → (bold, font size, heading level by its name)."""
    found: dict[str, tuple[bool, float | None, int]] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{STYLE}style"):
            props = style.find(f"{STYLE}text-properties")
            bold = props is not None and props.get(f"{FO}font-weight") in ("bold", "700",
                                                                            "800", "900")
            size_text = props.get(f"{FO}font-size", "") if props is not None else ""
            size = float(size_text[:-2]) if size_text.endswith("pt") \
                and size_text[:-2].replace(".", "", 1).isdigit() else None
            name = style.get(f"{STYLE}display-name") or style.get(f"{STYLE}name", "")
            found[style.get(f"{STYLE}name", "")] = (bold, size, _odf_level(name))
    return found


def _odf_level(name: str) -> int:
    """"Heading 2", "Heading_20_2" (ODF's encoded space), "Titre 2", "Title" → level."""
    name = name.replace("_20_", " ").casefold()
    last = name.rsplit(" ", 1)[-1]
    if name.startswith(("heading ", "titre ")) and last.isdigit():
        return int(last)
    return 1 if name in TITLE_NAMES else 0


def _odf_text(element: ET.Element, styles, bold_default: bool
              ) -> tuple[list[str], int, list[str]]:
    """(text pieces, bold visible characters, links) of a paragraph, spans included."""
    parts: list[str] = []
    bold_chars = 0
    links: list[str] = []

    def walk(node: ET.Element, bold: bool) -> None:
        nonlocal bold_chars
        if node.text:
            parts.append(node.text)
            bold_chars += len(node.text.strip()) if bold else 0
        for child in node:
            if child.tag == f"{TEXT}s":
                parts.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
            elif child.tag == f"{TEXT}tab":
                parts.append(" ")
            elif child.tag == f"{TEXT}line-break":
                parts.append("\n")
            elif child.tag in (f"{TEXT}note", f"{OFFICE}annotation"):
                pass  # footnotes and comments are not the article's running text
            else:
                if child.tag == f"{TEXT}a" and child.get(f"{XLINK}href"):
                    links.append(child.get(f"{XLINK}href"))
                own = styles.get(child.get(f"{TEXT}style-name", ""))
                walk(child, own[0] if own and child.tag == f"{TEXT}span" else bold)
            if child.tail:
                parts.append(child.tail)
                bold_chars += len(child.tail.strip()) if bold else 0

    walk(element, bold_default)
    return parts, bold_chars, links


def _odf_paragraphs(archive: zipfile.ZipFile, path: str) -> Iterator[_Para]:
    content = _part(archive, "content.xml", path)
    styles = _odf_styles(_part(archive, "styles.xml", path, required=False), content)

    def walk(node: ET.Element, listed: bool) -> Iterator[_Para]:
        for child in node:
            if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                name = child.get(f"{TEXT}style-name", "")
                bold, size, named_level = styles.get(name, (False, None, _odf_level(name)))
                level = named_level
                if child.tag == f"{TEXT}h":
                    level = int(child.get(f"{TEXT}outline-level", "1") or 1)
                parts, bold_chars, links = _odf_text(child, styles, bold)
                yield _Para("".join(parts), level=level, listed=listed,
                            bold_chars=bold_chars, size=size, links=tuple(links))
            elif child.tag not in (f"{OFFICE}annotation", f"{TEXT}tracked-changes"):
                yield from walk(child, listed or child.tag == f"{TEXT}list")

    body = content.find(f"{OFFICE}body")
    yield from walk(body if body is not None else content, False)


def _odf_title(archive: zipfile.ZipFile, path: str) -> str | None:
    meta = _part(archive, "meta.xml", path, required=False)
    title = meta.find(f".//{DC}title") if meta is not None else None
    return title.text.strip() if title is not None and title.text else None


# -- both --------------------------------------------------------------------------------

def _blocks(paragraphs: Iterator[_Para]) -> tuple[tuple[Block, ...], float | None]:
    kept = [p for p in paragraphs if p.text.strip()]
    sizes = Counter(p.size for p in kept if p.size and not p.level)
    body = sizes.most_common(1)[0][0] if sizes else None
    blocks = []
    for para in kept:
        text = "\n".join(" ".join(line.split()) for line in para.text.strip().split("\n"))
        kind = (BlockKind.HEADING if para.level else
                BlockKind.LIST_ITEM if para.listed else BlockKind.PARAGRAPH)
        blocks.append(Block(
            text=text, page=para.page, kind=kind, font_size=para.size,
            bold=para.bold_chars > 0 and para.bold_chars >= len(text.replace(" ", "")) - 1,
            heading_level=min(para.level, 6), links=para.links,
        ))
    return tuple(blocks), body


def extract_office(data: bytes, source: SourceFile) -> ExtractedDocument:
    with _open(data, source.path) as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            blocks, body = _blocks(_word_paragraphs(archive, source.path))
            title = _word_title(archive, source.path)
        elif "content.xml" in names:
            blocks, body = _blocks(_odf_paragraphs(archive, source.path))
            title = _odf_title(archive, source.path)
        else:
            raise ExtractionError(source.path, "archive zip qui n'est ni un document Word "
                                               "(.docx) ni un document LibreOffice (.odt)")
    if not blocks or all(block.kind is BlockKind.HEADING for block in blocks):
        raise ExtractionError(source.path, NO_CONTENT)
    return ExtractedDocument(
        source=source, blocks=blocks, title=title,
        page_count=max(block.page for block in blocks), body_font_size=body,
    )
