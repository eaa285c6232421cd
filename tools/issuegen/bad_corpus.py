"""A folder of the files a documentalist really drops into the archive, good and bad.

    .venv/bin/python -m tools.issuegen.bad_corpus OUTDIR [--big-pages 300]

Every file is built by code (renderers of tools/issuegen, writers of bad_pdfs) and comes
with what `kb reindex` must do with it: index it, or report it with a reason. `CASES`
holds that expectation, so a test can assert the exact set of reported files.

The "scanned" issue is a real issue rendered, rasterised and put back as images only: a
reader with OCR finds its articles, a reader without reports that it needs OCR.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from tools.issuegen import bad_pdfs
from tools.issuegen.render_html import render_email_html, render_web_html
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.render_text import render_text
from tools.issuegen.sample_issues import issue_a, issue_b, issue_c, issue_d
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

# What the reindex must say about a file: None = indexed, else words of the reason.
OCR_NEEDED = "OCR nécessaire"


@dataclass(frozen=True)
class Case:
    name: str
    why: str  # what the file stands for
    reason: str | None  # None: indexed; else a fragment of the reported reason
    write: Callable[[Path], None]
    # For OCR-dependent files: the outcome when tesseract (with French) is installed.
    reason_with_ocr: str | None = None
    ocr_dependent: bool = False

    def expected(self, ocr: bool) -> str | None:
        return self.reason_with_ocr if (ocr and self.ocr_dependent) else self.reason


def big_issue(pages: int) -> IssueSpec:
    """An issue long enough to fill about `pages` pages of two columns."""
    # The sample articles, renamed so every article is its own, each with its text
    # six times over (about two fifths of a page of two columns each).
    pool = [article for spec in (issue_a(), issue_b(), issue_c())
            for _, article in spec.articles() if not article.is_list and article.paragraphs]
    articles = []
    for n in range(pages * 13 // 5):
        model = pool[n % len(pool)]
        articles.append(replace(
            model, title=f"{model.title} — dossier {n + 1}",
            paragraphs=model.paragraphs * 6,
        ))
    sections = [SectionSpec(f"Dossier {s + 1}", articles[s * 30:(s + 1) * 30])
                for s in range((len(articles) + 29) // 30)]
    return IssueSpec(number=99, date="2024-09-01", sections=sections,
                     title="Résonances", editorial="Un numéro hors série, très long.")


def scanned_pdf(spec: IssueSpec, path: Path, *, dpi: int = 200) -> None:
    """Render `spec`, rasterise each page, and keep only the pictures (a scanner's output)."""
    import pypdfium2
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    with tempfile.TemporaryDirectory() as folder:
        rendered = Path(folder) / "clean.pdf"
        render_pdf(spec, rendered, columns=1, running_header=False, hyphenate=False)
        data = rendered.read_bytes()
    document = pypdfium2.PdfDocument(data)
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            buffer.seek(0)
            canvas.drawImage(ImageReader(buffer), 0, 0, width=A4[0], height=A4[1])
            canvas.showPage()
    finally:
        document.close()
    canvas.save()


def scanned_spec() -> IssueSpec:
    return IssueSpec(number=41, date="2016-05-01", sections=[SectionSpec("Ouest francilien", [
        ArticleSpec(
            heading="Renouvellement urbain",
            title="Le Val Fourré change de visage",
            paragraphs=[
                "À Mantes-la-Jolie, la démolition de la tour Degas ouvre une nouvelle étape "
                "du renouvellement urbain du quartier. Les habitants ont été associés au "
                "projet dès le diagnostic, avec le conseil citoyen et les bailleurs.",
                "Une maison du projet accueille le public chaque mercredi après-midi.",
            ],
        ),
        ArticleSpec(
            heading="Emploi",
            title="Une clause d'insertion pour les jeunes de Sarcelles",
            paragraphs=[
                "Les chantiers de la gare réservent des heures de travail aux demandeurs "
                "d'emploi des quartiers prioritaires, accompagnés par la mission locale.",
            ],
        ),
    ])])


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _pdf(spec: IssueSpec, **options) -> Callable[[Path], None]:
    return lambda path: render_pdf(spec, path, **options)


def _no_body_html() -> bytes:
    return (b"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            b"<title>R\xc3\xa9sonances n\xc2\xb070</title></head></html>")


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    bad_pdfs._scanned_page_image().save(buffer, format="PNG")
    return buffer.getvalue()


def cases(big_pages: int = 300) -> list[Case]:
    a, b, c, d = issue_a(), issue_b(), issue_c(), issue_d()
    return [
        # Good issues, in every format, some under awkward names.
        Case(f"{a.slug}.pdf", "a good PDF", None, _pdf(a)),
        Case(f"{a.slug}-email.html", "the same number again, as its e-mailing (duplicate)",
             None, _bytes(render_email_html(a))),
        Case(f"{b.slug}-web.html", "a good web page", None, _bytes(render_web_html(b))),
        Case("numéro spécial été 2020.txt", "spaces and accents in the name", None,
             _bytes(render_text(c).encode("utf-8"))),
        Case(f"Résonances n°{d.number} – {d.month_label}.pdf",
             "accents, a dash and ° in the name", None, _pdf(d, columns=3)),
        Case("lettre-cp1252-declaree-utf8.html",
             "windows-1252 bytes under a utf-8 declaration (wrong charset)", None,
             _bytes(render_email_html(replace(b, number=73), encoding="windows-1252",
                                      declared_charset="utf-8"))),
        Case(f"hors-serie-{big_pages}-pages.pdf", f"a PDF of {big_pages} pages", None,
             _pdf(big_issue(big_pages), columns=2)),
        # Scans: read by OCR where tesseract is installed.
        Case("numérisé n°41.pdf", "a scanned issue (pictures of pages, no text layer)",
             OCR_NEEDED, lambda path: scanned_spec_pdf(path), reason_with_ocr=None,
             ocr_dependent=True),
        Case("scan-illisible.pdf", "a scan of grey bars: OCR reads no text", OCR_NEEDED,
             lambda path: bad_pdfs.write_image_only_pdf(path),
             reason_with_ocr="aucun texte", ocr_dependent=True),
        # Bad files.
        Case("tronqué.pdf", "a download cut short", "PDF corrompu ou tronqué",
             lambda path: bad_pdfs.write_truncated_pdf(path)),
        Case("bruit.pdf", "a PDF header followed by noise", "PDF corrompu ou tronqué",
             lambda path: bad_pdfs.write_garbage_pdf(path)),
        Case("protégé.pdf", "a password-protected PDF", "PDF chiffré",
             lambda path: bad_pdfs.write_encrypted_pdf(path)),
        Case("sans-pages.pdf", "a PDF with an empty page tree", "PDF sans aucune page",
             lambda path: bad_pdfs.write_zero_page_pdf(path)),
        Case("vide.pdf", "a zero-byte PDF", "fichier vide", _bytes(b"")),
        Case("vide.html", "a zero-byte HTML file", "fichier vide", _bytes(b"")),
        Case("vide.txt", "a zero-byte text file", "fichier vide", _bytes(b"")),
        Case("sans-corps.html", "an HTML page with a head and no body", "sans contenu",
             _bytes(_no_body_html())),
        Case("image.html", "a PNG picture named .html", "binaire", _bytes(_png_bytes())),
    ]


def scanned_spec_pdf(path: Path) -> None:
    scanned_pdf(scanned_spec(), path)


def build(out_dir: Path, big_pages: int = 300) -> list[Case]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = cases(big_pages)
    for case in built:
        case.write(out_dir / case.name)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="dossier à créer")
    parser.add_argument("--big-pages", type=int, default=300,
                        help="pages du très gros PDF (défaut : 300)")
    args = parser.parse_args(argv)
    for case in build(args.out, args.big_pages):
        outcome = "indexé" if case.reason is None else f"erreur « {case.reason} »"
        if case.ocr_dependent:
            outcome += f" (avec OCR : {case.reason_with_ocr or 'indexé'})"
        print(f"{case.name}\t{outcome}\t{case.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
