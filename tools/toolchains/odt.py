"""An issue as a word processor document, laid out and printed by LibreOffice.

We write a Flat ODT (one XML file, no Python dependency) the way a Writer user would
build the issue: paragraph styles for masthead, section heading, kicker, title, body;
`text:section`s of 1 to 3 columns; bullet lists; a boxed sidebar; page header and
footer. `soffice --headless --convert-to pdf` then does the layout with its own line
breaking, column balancing and PDF writer. The `word-docx` toolchain goes through
.docx first (fodt → docx → pdf), so the PDF is LibreOffice reading back a Word file:
styles flattened, sections turned into Word section breaks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec
from tools.toolchains.base import Job, RenderError, Toolchain, missing_program, require_output, run
from tools.toolchains.content import (
    SANS_FONTS,
    SERIF_FONTS,
    Piece,
    Variant,
    address_line,
    body_pieces,
    closing_pieces,
    colophon,
    is_editorial,
    kicker_pieces,
    masthead_issue_line,
    metadata_title,
    running_label,
    sections_of,
)

_NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in (
    ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
    ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
    ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
    ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
    ("xlink", "http://www.w3.org/1999/xlink"),
))


def _para_style(name: str, display: str, *, para: str = "", text: str = "",
                parent: str = "Standard") -> str:
    return (
        f'<style:style style:name="{name}" style:display-name="{display}" '
        f'style:family="paragraph" style:parent-style-name="{parent}">'
        f"<style:paragraph-properties {para}/><style:text-properties {text}/></style:style>"
    )


def _styles(variant: Variant) -> str:
    """The named styles a Writer user would have set up for the newsletter."""
    body, title, accent = variant.body_font, variant.title_font, variant.accent
    align = 'fo:text-align="justify"' if variant.justify else 'fo:text-align="start"'
    title_size = "15pt" if variant.wrap_titles else "12.5pt"
    if variant.kicker == "band":
        kicker = ('fo:color="#FFFFFF" fo:font-size="7.5pt" fo:font-weight="bold" '
                  'fo:text-transform="uppercase" fo:letter-spacing="0.04cm"')
        kicker_para = (f'fo:background-color="{accent}" fo:padding="0.05cm" '
                       'fo:margin-top="0.25cm" fo:margin-bottom="0.05cm"')
    else:
        kicker = (f'fo:color="{accent}" fo:font-size="7.5pt" fo:text-transform="uppercase" '
                  'fo:letter-spacing="0.03cm"')
        kicker_para = 'fo:margin-top="0.25cm" fo:margin-bottom="0.02cm"'
    return "".join((
        '<style:default-style style:family="paragraph"><style:paragraph-properties '
        'fo:hyphenation-ladder-count="no-limit"/><style:text-properties '
        f'style:font-name={quoteattr(body)} fo:font-size="10pt" fo:language="fr" '
        'fo:country="FR" fo:hyphenate="false"/></style:default-style>',
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>',
        _para_style("Masthead", "Masthead", para='fo:text-align="center"',
                    text=f'style:font-name={quoteattr(title)} fo:font-size="34pt" '
                    f'fo:font-weight="bold" fo:color="{accent}"'),
        _para_style("Masthead_20_Sub", "Masthead Sub", para='fo:text-align="center"',
                    text='fo:font-size="9pt" fo:color="#555555"'),
        _para_style("Issue_20_Line", "Issue Line",
                    para='fo:text-align="end" fo:margin-bottom="0.3cm"',
                    text='fo:font-size="10pt" fo:font-weight="bold"'),
        _para_style("Section_20_Heading", "Section Heading",
                    para=f'fo:margin-top="0.45cm" fo:margin-bottom="0.2cm" '
                    f'fo:border-bottom="0.06cm solid {accent}" fo:keep-with-next="always"',
                    text=f'style:font-name={quoteattr(title)} fo:font-size="16pt" '
                    f'fo:font-weight="bold" fo:color="{accent}"'),
        _para_style("Kicker", "Kicker", para=f'{kicker_para} fo:keep-with-next="always"',
                    text=kicker),
        _para_style("Article_20_Title", "Article Title",
                    para='fo:margin-bottom="0.15cm" fo:keep-with-next="always"',
                    text=f'style:font-name={quoteattr(title)} fo:font-size="{title_size}" '
                    'fo:font-weight="bold"'),
        _para_style("Body", "Body", para=f'{align} fo:margin-bottom="0.18cm"',
                    text='fo:font-size="9.5pt"'),
        _para_style("Intertitle", "Intertitle",
                    para='fo:margin-top="0.15cm" fo:keep-with-next="always"',
                    text='fo:font-size="9.5pt" fo:font-weight="bold" fo:font-style="italic"'),
        _para_style("Caption", "Caption", text='fo:font-size="8pt" fo:font-style="italic" '
                    'fo:color="#555555"'),
        _para_style("Pull_20_Quote", "Pull Quote", para='fo:text-align="center" '
                    'fo:margin="0.2cm"', text=f'fo:font-size="13pt" fo:font-style="italic" '
                    f'fo:color="{accent}"'),
        _para_style("Closing", "Closing", para='fo:margin-bottom="0.1cm"',
                    text='fo:font-size="8.5pt"'),
        _para_style("Box", "Box", para='fo:background-color="#F3EEDD" '
                    'fo:border="0.03cm solid #999999" fo:padding="0.15cm"',
                    text='fo:font-size="9pt"'),
        _para_style("Colophon", "Colophon", para='fo:margin-top="0.6cm" '
                    'fo:border-top="0.02cm solid #999999"', text='fo:font-size="7.5pt"'),
        _para_style("Header", "Header", text='fo:font-size="7.5pt" fo:color="#666666"'),
        _para_style("Footer", "Footer", para='fo:text-align="center"',
                    text='fo:font-size="7.5pt" fo:color="#666666"'),
        '<style:style style:name="Strong" style:family="text"><style:text-properties '
        'fo:font-weight="bold"/></style:style>',
        '<style:style style:name="Emphasis" style:family="text"><style:text-properties '
        'fo:font-style="italic"/></style:style>',
        '<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" '
        'text:bullet-char="•"><style:list-level-properties text:list-level-position-and-'
        'space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-'
        'by="listtab" text:list-tab-stop-position="0.5cm" fo:text-indent="-0.4cm" '
        'fo:margin-left="0.5cm"/></style:list-level-properties>'
        "</text:list-level-style-bullet></text:list-style>",
    ))


def _automatic_styles(variant: Variant) -> str:
    sections = "".join(
        f'<style:style style:name="Cols{n}" style:family="section"><style:section-properties>'
        f'<style:columns fo:column-count="{n}" fo:column-gap="0.6cm"/>'
        "</style:section-properties></style:style>"
        for n in (1, 2, 3)
    )
    return sections + (
        '<style:page-layout style:name="Page"><style:page-layout-properties '
        'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" '
        'fo:margin-bottom="1.2cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style>'
        '<style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/>'
        "</style:footer-style></style:page-layout>"
    )


def _span(text: str) -> str:
    """Spec text as ODF inline content, `**bold**` and `*italic*` as character styles."""
    xml = escape(text)
    xml = re.sub(r"\*\*(.+?)\*\*", r'<text:span text:style-name="Strong">\1</text:span>', xml)
    return re.sub(r"\*(.+?)\*", r'<text:span text:style-name="Emphasis">\1</text:span>', xml)


def _p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{_span(text)}</text:p>'


def _piece(piece: Piece) -> str:
    if piece.href:
        label = piece.text
        link = (f'<text:a xlink:type="simple" xlink:href={quoteattr(piece.href)}>'
                f"{_span(label)}</text:a>")
        return f'<text:p text:style-name="Closing">{link}</text:p>'
    return _p({"para": "Body", "intertitle": "Intertitle", "caption": "Caption",
               "quote": "Pull_20_Quote", "contact": "Closing"}.get(piece.role, "Body"),
              piece.text)


def _article(article: ArticleSpec, *, box: bool = False) -> str:
    parts = [_p("Kicker", piece.text) for piece in kicker_pieces(article)]
    level = 3 if box else 2
    parts.append(f'<text:h text:style-name="Article_20_Title" text:outline-level="{level}">'
                 f"{_span(article.title)}</text:h>")
    pieces = body_pieces(article) + closing_pieces(article)
    style = "Box" if box else "Body"
    items: list[Piece] = []
    for piece in [*pieces, None]:
        if piece is not None and piece.role == "item":
            items.append(piece)
            continue
        if items:  # a run of items is one list, where it stands among the paragraphs
            parts.append('<text:list text:style-name="Bullets">' + "".join(
                f"<text:list-item>{_p(style, item.text)}</text:list-item>" for item in items
            ) + "</text:list>")
            items = []
        if piece is not None:
            parts.append(_p("Box", piece.text) if box else _piece(piece))
    return "".join(parts)


def _section(section: SectionSpec, index: int, variant: Variant) -> str:
    heading = (f'<text:h text:style-name="Section_20_Heading" text:outline-level="1">'
               f"{_span(section.name)}</text:h>")
    if is_editorial(section):  # the editorial's text under its heading, full width
        columns, body = 1, "".join(_p("Body", p) for p in section.articles[0].paragraphs)
    else:
        columns, body = variant.columns, "".join(_article(a) for a in section.articles)
    inner = body if variant.section_span else heading + body
    opened = (f'<text:section text:style-name="Cols{columns}" text:name="Rubrique{index}">'
              f"{inner}</text:section>")
    return heading + opened if variant.section_span else opened


def render_fodt(spec: IssueSpec, variant: Variant) -> str:
    """The whole issue as a Flat ODT document (UTF-8 XML text)."""
    body = [_p("Masthead", spec.title), _p("Masthead_20_Sub", spec.publisher),
            _p("Masthead_20_Sub", spec.tagline), _p("Masthead_20_Sub", address_line(spec))]
    issue_line = masthead_issue_line(spec, variant)
    if issue_line:
        body.append(_p("Issue_20_Line", issue_line))
    for index, section in enumerate(sections_of(spec)):
        body.append(_section(section, index, variant))
        if index == 0 and spec.sidebar is not None:
            body.append(_article(spec.sidebar, box=True))
    body.append(_p("Colophon", colophon(spec)))
    header = running_label(spec) if variant.masthead_number != "none" else spec.publisher
    fonts = "".join(
        f'<style:font-face style:name={quoteattr(font)} svg:font-family={quoteattr(font)} '
        f'style:font-family-generic="{"roman" if font in SERIF_FONTS else "swiss"}"/>'
        for font in (*SERIF_FONTS, *SANS_FONTS)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {_NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:meta><dc:title>{escape(metadata_title(spec, variant))}</dc:title>"
        f"<dc:creator>{escape(spec.publisher)}</dc:creator><dc:language>fr-FR</dc:language>"
        f"</office:meta><office:font-face-decls>{fonts}</office:font-face-decls>"
        f"<office:styles>{_styles(variant)}</office:styles>"
        f"<office:automatic-styles>{_automatic_styles(variant)}</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" '
        'style:page-layout-name="Page">'
        f'<style:header><text:p text:style-name="Header">{_span(header)}</text:p></style:header>'
        '<style:footer><text:p text:style-name="Footer">Page <text:page-number '
        'text:select-page="current">1</text:page-number></text:p></style:footer>'
        "</style:master-page></office:master-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document>\n"
    )


# ---------------------------------------------------------------------------
# soffice


def _soffice_available() -> str | None:
    return missing_program("soffice", "apt-get install libreoffice-writer-nogui")


def _convert(inputs: list[Path], target: str, outdir: Path, workdir: Path) -> None:
    """One soffice call for the whole batch, in a profile of its own so that a desktop
    LibreOffice (or another batch) running on the machine does not swallow the call."""
    profile = (workdir / "lo-profile").resolve().as_uri()
    run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", outdir, *inputs],
        timeout=120 + 20 * len(inputs), cwd=workdir)


def _write_sources(jobs: list[Job], workdir: Path) -> list[Path]:
    sources = []
    for job in jobs:
        source = workdir / f"{job.stem}.fodt"
        source.write_text(render_fodt(job.spec, job.variant), encoding="utf-8")
        sources.append(source)
    return sources


def _collect(jobs: list[Job], produced: Path, program: str) -> dict[str, str]:
    failures: dict[str, str] = {}
    for job in jobs:
        made = produced / f"{job.stem}{job.out.suffix}"
        try:
            require_output(made, program)
        except RenderError as error:
            failures[job.stem] = str(error)
            continue
        shutil.move(made, job.out)
    return failures


def _render_libreoffice(jobs: list[Job], workdir: Path) -> dict[str, str]:
    sources = _write_sources(jobs, workdir)
    pdf_dir = workdir / "pdf"
    _convert(sources, "pdf:writer_pdf_Export", pdf_dir, workdir)
    return _collect(jobs, pdf_dir, "soffice")


def _render_word(jobs: list[Job], workdir: Path) -> dict[str, str]:
    sources = _write_sources(jobs, workdir)
    docx_dir, pdf_dir = workdir / "docx", workdir / "pdf"
    _convert(sources, "docx:MS Word 2007 XML", docx_dir, workdir)
    documents = [docx_dir / f"{job.stem}.docx" for job in jobs]
    present = [document for document in documents if document.exists()]
    if present:
        _convert(present, "pdf:writer_pdf_Export", pdf_dir, workdir)
    return _collect(jobs, pdf_dir, "soffice (docx → pdf)")


LIBREOFFICE = Toolchain("libreoffice", ".pdf", "Flat ODT → PDF by LibreOffice",
                        _render_libreoffice, _soffice_available, columns=(2, 2, 2, 1, 3))
WORD_DOCX = Toolchain("word-docx", ".pdf", "Flat ODT → .docx → PDF by LibreOffice",
                      _render_word, _soffice_available, columns=(2, 2, 2, 1, 3))
