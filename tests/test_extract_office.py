"""Word (.docx) and LibreOffice (.odt) issues read like the others (kb/extract/office.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kb.errors import ExtractionError
from kb.extract import extract
from kb.models import BlockKind, SourceFormat
from kb.pipeline import read_file
from tools.issuegen.render_office import render_docx, render_odt
from tools.issuegen.spec import load_issue

DEMO = Path(__file__).resolve().parents[1] / "tools" / "demo_issues"
RENDERERS = {"docx": render_docx, "odt": render_odt}


@pytest.fixture(scope="module")
def spec():
    return load_issue(DEMO / "resonances-058.toml")


@pytest.mark.parametrize("suffix", RENDERERS)
def test_issue_is_cut_into_the_spec_articles(spec, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"lettre-sans-nom.{suffix}"  # no number nor date in the file name
    path.write_bytes(RENDERERS[suffix](spec))
    item = read_file(str(path))
    assert item.document.source.format is SourceFormat(suffix)
    assert (item.issue.number, item.issue.date) == (58, "2021-10")
    expected = [a.title for s in spec.sections for a in s.articles]
    assert [a.title for a in item.articles] == expected
    assert {s.name for s in spec.sections} <= {a.section for a in item.articles}
    listed = next(a for a in item.articles if a.title == "En bref")
    assert listed.items and len(listed.items) == len(
        next(a for s in spec.sections for a in s.articles if a.title == "En bref").items)


@pytest.mark.parametrize("suffix", RENDERERS)
def test_blocks_carry_headings_bold_and_lists(spec, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"n58.{suffix}"
    path.write_bytes(RENDERERS[suffix](spec))
    blocks = extract(path).blocks
    by_text = {b.text: b for b in blocks}
    assert by_text["Résonances"].kind is BlockKind.HEADING
    section = spec.sections[0].name
    assert by_text[section].kind is BlockKind.HEADING and by_text[section].heading_level == 1
    assert by_text[spec.masthead].bold
    assert any(b.kind is BlockKind.LIST_ITEM for b in blocks)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("ancien.docx", b"\xd0\xcf\x11\xe0 old binary .doc", "pas une archive zip"),
    ("vide.docx", _zip({"word/document.xml": b'<w:document xmlns:w="http://schemas.'
                        b'openxmlformats.org/wordprocessingml/2006/main"><w:body/>'
                        b"</w:document>"}), "sans texte"),
    ("autre.odt", _zip({"data.bin": b"x"}), "ni un document Word"),
    ("entites.docx", _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'}),
     "DOCTYPE"),
    ("casse.odt", _zip({"content.xml": b"<office:document"}), "XML illisible"),
])
def test_damaged_documents_are_refused_with_a_reason(name: str, data: bytes, reason: str,
                                                      tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExtractionError) as error:
        extract(path)
    assert reason in error.value.reason
