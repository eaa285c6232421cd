"""The issue's number and date read from its content, in every format; the file name only
as a fallback; an issue that states neither is reported, never filed silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kb.extract import extract
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from kb.pipeline import read_file
from kb.segment import build_issue, issue_warnings, segment
from kb.segment.issue import number_in
from tools.issuegen.render_html import render_email_html
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.sample_issues import issue_a

BODY = ("Le Pôle ressources a interrogé vingt tiers-lieux des quartiers prioritaires de "
        "l'ouest francilien sur leurs modèles économiques et leurs publics.")


def document(path: str, *blocks: Block | str, title: str | None = None,
             running: tuple[str, ...] = ()) -> ExtractedDocument:
    source = SourceFile(path=path, format=SourceFormat.HTML, sha256="0" * 64, size=1)
    built = tuple(Block(text=b) if isinstance(b, str) else b for b in blocks)
    return ExtractedDocument(source=source, blocks=built, title=title, body_font_size=10,
                             running_heads=running)


def _h(text: str, level: int = 2, page: int = 1) -> Block:
    return Block(text, kind=BlockKind.HEADING, heading_level=level, bold=True, page=page)


def _issue(*blocks: Block | str, path: str = "x/lettre.html", **options):
    issue, _ = segment(document(path, *blocks, _h("Agenda"), _h("UNE RENCONTRE", 3), BODY,
                                **options))
    return issue


@pytest.mark.parametrize(("line", "number", "date"), [
    ("Lettre d'information n°71 - décembre 2024", 71, "2024-12"),
    ("Résonances n°57 – mai 2021", 57, "2021-05"),
    ("N° 57 | Mai 2021", 57, "2021-05"),
    ("Numéro 58 – 14 octobre 2021", 58, "2021-10-14"),
])
def test_the_masthead_line_gives_number_and_date_under_any_file_name(line, number, date):
    issue = _issue(_h("Résonances", 1), line)
    assert (issue.number, issue.date) == (number, date)
    assert (issue.number_from, issue.date_from) == ("masthead", "masthead")
    assert issue.id == f"resonances-n{number}"


def test_a_masthead_label_broken_over_lines_is_read_whole():
    issue = _issue(_h("Résonances", 1), "n°", "71", "décembre", "2024")
    assert (issue.number, issue.date) == (71, "2024-12")


def test_the_running_header_gives_them_when_the_masthead_does_not():
    issue = _issue(_h("Résonances", 1), running=("Résonances n°63 – février 2023 2",))
    assert (issue.number, issue.date, issue.number_from) == (63, "2023-02", "running-header")


def test_the_file_title_or_e_mail_subject_gives_them():
    issue = _issue(_h("Résonances", 1), title="Résonances n°64 – avril 2023")
    assert (issue.number, issue.date) == (64, "2023-04")
    assert (issue.number_from, issue.date_from) == ("title", "title")


def test_a_colophon_naming_the_issue_gives_them():
    issue = _issue(_h("Résonances", 1), "Résonances n°65 – juin 2023. Pôle ressources, "
                   "39 rue des Bussys, 95600 Eaubonne.")
    assert (issue.number, issue.date) == (65, "2023-06")


def test_content_wins_over_the_file_name_and_the_disagreement_is_said():
    issue = _issue(_h("Résonances", 1), "Résonances n°57 – mai 2021",
                   path="archives/resonances-n56-2021-03.html")
    assert (issue.number, issue.date, issue.number_from) == (57, "2021-05", "masthead")
    assert any("n°56" in warning for warning in issue_warnings(issue))


def test_the_file_name_is_the_fallback_and_says_so():
    issue = _issue(_h("Résonances", 1), path="corpus/resonances-057-2021-05.html")
    assert (issue.number, issue.date) == (57, "2021-05")
    assert (issue.number_from, issue.date_from) == ("file-name", "file-name")
    assert issue_warnings(issue) == ()


def test_a_decree_number_in_the_text_is_not_an_issue_number():
    issue = _issue(_h("Résonances", 1), "Décret n°2014-1750 du 30 décembre 2014")
    assert issue.number is None


def test_an_issue_stating_neither_is_reported_as_undated(seed_files, tmp_path):
    read = read_file(seed_files[0])
    assert (read.issue.number, read.issue.date) == (None, None)
    assert any("non daté" in warning or "sans date" in warning
               for warning in read.document.warnings)


def test_build_issue_keeps_its_old_call():
    issue = build_issue(document("x/a.html", "x"), [Block(text="Résonances n°57 – mai 2021")])
    assert (issue.number, issue.date, issue.title) == (57, "2021-05", "Résonances n°57, mai 2021")


# -- rendered files under names that say nothing -----------------------------


def test_pdf_and_email_renders_saved_under_a_plain_name(tmp_path):
    spec = issue_a()
    pdf = tmp_path / "lettre.pdf"
    render_pdf(spec, pdf, columns=2)
    html = tmp_path / "newsletter.html"
    html.write_bytes(render_email_html(spec))
    for path in (pdf, html):
        issue, _ = segment(extract(path))
        assert (issue.number, issue.date[:7]) == (spec.number, spec.date[:7]), path.name


def _pdf_with_running_header(path: Path, label: str, *, broken: bool) -> None:
    """Three pages; the masthead says only the name, the running header the issue."""
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    for page in range(1, 4):
        if broken:
            canvas.setFont("Helvetica", 8)
            for row, piece in enumerate(label.split(" – ")):
                canvas.drawString(width - 150, height - 30 - 10 * row, piece)
        else:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(50, height - 30, label)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(width / 2, 30, str(page))
        y = height - 90
        if page == 1:
            canvas.setFont("Helvetica-Bold", 26)
            canvas.drawString(50, y, "Résonances")
            y -= 50
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(50, y, "AGENDA" if page == 1 else "RESSOURCES")
        y -= 30
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(50, y, f"UN ARTICLE DE LA PAGE {page}")
        y -= 20
        canvas.setFont("Helvetica", 10)
        town = ("Cergy", "Pontoise", "Sarcelles")[page - 1]
        for line in (f"Les conseils citoyens se retrouvent à {town} pour une journée",
                     f"d'échanges sur la participation des habitants de {town}."):
            canvas.drawString(50, y, line)
            y -= 13
        canvas.showPage()
    canvas.save()


@pytest.mark.parametrize("broken", [False, True])
def test_a_pdf_running_header_names_the_issue(tmp_path, broken):
    path = tmp_path / "scan-0001.pdf"
    _pdf_with_running_header(path, "Résonances – n°59 – novembre 2021", broken=broken)
    read = read_file(str(path))
    assert (read.issue.number, read.issue.date) == (59, "2021-11")
    assert read.issue.number_from == "running-header"
    assert not any("introuvable" in warning for warning in read.document.warnings)
    assert all("novembre" not in article.full_text for article in read.articles)


def test_kb_reindex_reports_the_undated_seed_issue(seed_files, tmp_path):
    from kb.models import EnrichedArticle
    from kbcli.reindex import reindex

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "numero.txt").write_bytes(Path(seed_files[0]).read_bytes())
    summary = reindex([str(corpus)], tmp_path / "index", progress=False,
                      enrich=lambda articles: [EnrichedArticle(article=a) for a in articles])
    assert summary.issues == 1
    assert any("sans date" in warning.reason for warning in summary.warnings)


def test_a_line_that_only_states_the_issue_is_masthead_furniture():
    from kb.segment.issue import issue_label_only

    assert all(issue_label_only(t) for t in ("n°276", "N° 33", "numéro 12"))
    # a month and year alone may head an agenda's items
    assert not any(issue_label_only(t) for t in ("Agenda", "2010", "", "mars 2010", "-"))


def test_a_four_digit_issue_number_counts_and_a_decrees_number_does_not():
    assert number_in("N° 1101 – janvier 2048") == 1101
    assert number_in("décret n°2014-1750 du 30 décembre 2014") is None
    assert number_in("la loi n° 2014-173 du 21 février") is None
