"""A batch folder: good files are read, each bad file is one Failure naming path and reason."""

from __future__ import annotations

from pathlib import Path

from kb.models import Failure
from kb.pipeline import ReadIssue, discover, read_paths, skipped_files
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec


def small_issue(number: int) -> IssueSpec:
    return IssueSpec(
        number=number,
        date=f"202{number % 10}-0{number % 9 + 1}-01",
        sections=[SectionSpec("National / Régional", [
            ArticleSpec(
                heading="Emploi",
                title=f"Un forum de l'emploi, édition {number}",
                paragraphs=["Le forum réunit employeurs et demandeurs d'emploi du quartier."],
            ),
            ArticleSpec(title="En bref", is_list=True, items=["Un rapport, ANCT, 2021"]),
        ])],
    )


def make_batch(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    paths = {
        "good_text": folder / "resonances-061-2021-06.txt",
        "good_cp1252": folder / "sous-dossier" / "resonances-062-2021-07.txt",
        "empty": folder / "empty.txt",
        "corrupt_pdf": folder / "corrupt.pdf",
        "binary_html": folder / "binary.html",
    }
    paths["good_cp1252"].parent.mkdir()
    paths["good_text"].write_text(render_text(small_issue(61)), encoding="utf-8")
    paths["good_cp1252"].write_bytes(render_text(small_issue(62)).encode("cp1252"))
    paths["empty"].write_bytes(b"")
    paths["corrupt_pdf"].write_bytes(b"this is not a PDF at all \x00\x01\x02" * 10)
    paths["binary_html"].write_bytes(bytes(range(256)) * 8)
    (folder / ".cache.txt").write_text("caché", encoding="utf-8")  # hidden: skipped
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04")  # unsupported: skipped
    return paths


def test_good_files_are_read_and_bad_ones_are_failures(tmp_path):
    paths = make_batch(tmp_path / "lot")
    results = list(read_paths([tmp_path / "lot"]))
    read = {r.document.source.path: r for r in results if isinstance(r, ReadIssue)}
    failures = {f.path: f.reason for f in results if isinstance(f, Failure)}

    assert set(read) == {str(paths["good_text"]), str(paths["good_cp1252"])}
    assert read[str(paths["good_text"])].issue.id == "resonances-n61"
    titles = [a.title for a in read[str(paths["good_cp1252"])].articles]
    assert titles == ["UN FORUM DE L'EMPLOI, ÉDITION 62", "En bref"]

    assert failures == {
        str(paths["empty"]): "fichier vide",
        str(paths["corrupt_pdf"]): failures[str(paths["corrupt_pdf"])],
        str(paths["binary_html"]): "fichier binaire, pas du texte ni du HTML",
    }
    assert "PDF" in failures[str(paths["corrupt_pdf"])]


def test_a_truncated_pdf_with_a_pdf_header_is_a_failure_not_a_crash(tmp_path):
    broken = tmp_path / "tronque.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    (result,) = list(read_paths([broken]))
    assert isinstance(result, Failure)
    assert result.path == str(broken) and result.reason


def test_a_missing_path_is_a_failure_and_folders_are_listed_in_order(tmp_path):
    paths = make_batch(tmp_path / "lot")
    files, failures = discover([tmp_path / "lot", tmp_path / "absent.pdf"])
    assert files == sorted(files)
    assert str(paths["good_cp1252"]) in files
    assert not any(".cache" in f or f.endswith(".xlsx") for f in files)
    # …but named, for the summary's "ignorés : 1 (.xlsx)"; hidden files are not.
    assert skipped_files([tmp_path / "lot"]) == [str(tmp_path / "lot" / "notes.xlsx")]
    assert failures == [Failure(str(tmp_path / "absent.pdf"), "fichier ou dossier introuvable")]


def test_an_html_file_with_no_editorial_content_is_a_failure(tmp_path):
    page = tmp_path / "vide.html"
    page.write_text("<html><head><title>Résonances</title></head><body>"
                    "<nav><a href='/'>Accueil</a></nav></body></html>", encoding="utf-8")
    (result,) = list(read_paths([page]))
    assert isinstance(result, Failure) and result.path == str(page)
