"""An issue as a Word (.docx) or LibreOffice (.odt) file, as a documentalist's word
processor would save it: headings by paragraph style, rubric names in bold, list items
as list paragraphs. Built with zipfile and plain XML so tests need no office suite."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from tools.issuegen.spec import ArticleSpec, IssueSpec

# (style, text): style is "title", "h1".."h3", "bold", "item" or "" for body text.
Paragraph = tuple[str, str]


def _article(article: ArticleSpec) -> list[Paragraph]:
    out: list[Paragraph] = []
    if article.marker:
        out.append(("", f"< {article.marker} >"))
    if article.heading:
        out.append(("bold", article.heading))
    out.append(("h2", article.title))
    if article.is_list:
        out += [("item", item) for item in article.items]
    for paragraph in article.paragraphs:
        if paragraph.startswith("## "):
            out.append(("h3", paragraph.removeprefix("## ")))
        else:
            out.append(("", paragraph))
    out += [("", link) for link in article.links]
    if article.more:
        out.append(("", f"En savoir plus : {article.more}"))
    if article.contact:
        out.append(("", f"Contact : {article.contact}"))
    return out


def issue_paragraphs(issue: IssueSpec) -> list[Paragraph]:
    out: list[Paragraph] = [("title", issue.title), ("", issue.publisher),
                            ("", issue.tagline), ("bold", issue.masthead)]
    out += [("", line) for line in issue.address]
    if issue.editorial:
        out += [("h1", "Édito"), ("", issue.editorial)]
    for section in issue.sections:
        out.append(("h1", section.name))
        for article in section.articles:
            out += _article(article)
    if issue.sidebar is not None:
        out += _article(issue.sidebar)
    return out


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_STYLES = {"title": "Title", "h1": "Heading1", "h2": "Heading2", "h3": "Heading3"}


def _docx_paragraph(style: str, text: str) -> str:
    props = ""
    if style in _DOCX_STYLES:
        props = f'<w:pPr><w:pStyle w:val="{_DOCX_STYLES[style]}"/></w:pPr>'
    elif style == "item":
        props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    run_props = "<w:rPr><w:b/></w:rPr>" if style == "bold" else ""
    return (f'<w:p>{props}<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t>'
            "</w:r></w:p>")


def render_docx(issue: IssueSpec, paragraphs: list[Paragraph] | None = None) -> bytes:
    body = "".join(_docx_paragraph(s, t) for s, t in (paragraphs or issue_paragraphs(issue)))
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="'
        f'{"Title" if sid == "Title" else "heading " + sid[-1]}"/>'
        f'<w:rPr><w:b/><w:sz w:val="{36 if sid == "Title" else 32 - 4 * int(sid[-1])}"/>'
        "</w:rPr></w:style>" for sid in _DOCX_STYLES.values())
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
        'schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W_NS}>'
        f"<w:body>{body}</w:body></w:document>",
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_W_NS}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault>'
        f"</w:docDefaults>{styles}</w:styles>",
    }
    return _zip(files)


_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def _odt_paragraph(style: str, text: str) -> str:
    text = escape(text)
    if style == "title":
        return f'<text:p text:style-name="Title">{text}</text:p>'
    if style.startswith("h"):
        return f'<text:h text:outline-level="{style[1]}">{text}</text:h>'
    if style == "item":
        return f"<text:list><text:list-item><text:p>{text}</text:p></text:list-item></text:list>"
    if style == "bold":
        return f'<text:p><text:span text:style-name="T1">{text}</text:span></text:p>'
    return f"<text:p>{text}</text:p>"


def render_odt(issue: IssueSpec, paragraphs: list[Paragraph] | None = None) -> bytes:
    body = "".join(_odt_paragraph(s, t) for s, t in (paragraphs or issue_paragraphs(issue)))
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        '<office:automatic-styles><style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>")
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                 "content.xml": content})


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
