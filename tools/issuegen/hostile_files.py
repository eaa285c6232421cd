"""Files built to cost the extractors as much as possible, one per class of attack.

Each writer returns the file's bytes, built from scratch (no binary fixture in the
repository); `build(DIR)` writes them named after the case. `kb reindex` must read the
first and the last two, and report the others with a reason, within bounded time and
memory:

- `offpage.pdf`: a line (a long URL) running 40 pt past the right edge of the page;
- `wide_mediabox.pdf`: 3.5 KB, a page 3e8 pt wide;
- `stream_bomb.pdf`: 1 MB of compressed stream inflating to about 1 GB;
- `deep.html`: elements nested 16,000 deep;
- `long_word.txt`: an issue holding one 120,000-character word;
- `utf16_nobom.txt`: an issue in UTF-16 (little-endian) without a byte order mark.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
INTRO = (
    "Résonances n°12 – mars 2024",
    "Rencontre à Mantes-la-Jolie autour du renouvellement urbain du Val Fourré.",
)
COLUMN_TEXT = (
    "Le Pôle ressources accompagne les professionnel·le·s",
    "de la politique de la ville dans les Yvelines,",
    "les Hauts-de-Seine et le Val-d'Oise. Les habitant·e·s",
    "des quartiers prioritaires sont associé·e·s aux",
    "conseils citoyens et aux projets de renouvellement.",
    "Un atelier réunit les acteur·rice·s de la santé.",
)
LONG_URL = "https://www.exemple-de-centre-de-ressources.fr/actualites/2024/03/un-tres-long-lien"


def _two_columns(canvas: Canvas, *, off_page: bool) -> None:
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(50, PAGE_HEIGHT - 60, INTRO[0])
    canvas.setFont("Helvetica", 10)
    for column, x in enumerate((50, 310)):
        y = PAGE_HEIGHT - 110
        for repeat in range(6):
            for line in COLUMN_TEXT:
                canvas.drawString(x, y, line)
                y -= 13
            if off_page and column == 1 and repeat == 2:
                # Starts in the right column, ends 40 pt past the page's right edge.
                url = LONG_URL
                while canvas.stringWidth(url, "Helvetica", 10) > PAGE_WIDTH + 40 - x:
                    url = url[:-1]
                canvas.drawString(PAGE_WIDTH + 40 - canvas.stringWidth(url, "Helvetica", 10),
                                  y, url)
                y -= 13


def offpage_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    _two_columns(canvas, off_page=True)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def wide_mediabox_pdf(width: float = 3e8) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, PAGE_HEIGHT), invariant=1)
    _two_columns(canvas, off_page=False)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stream_bomb_pdf(inflated_mb: int = 1000) -> bytes:
    """One page whose content stream is a line of text and `inflated_mb` MB of spaces
    (whitespace a content stream may hold), compressed about a thousandfold."""
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 720 Td (Bombe) Tj ET\n")]
    spaces = b" " * (1 << 20)
    parts += [compressor.compress(spaces) for _ in range(inflated_mb)]
    parts.append(compressor.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def deep_html(depth: int = 16_000) -> bytes:
    body = (
        "<h1>Résonances n°12 – mars 2024</h1>"
        "<h2>RENCONTRE À MANTES-LA-JOLIE</h2>"
        "<p>Les habitant·e·s du Val Fourré ont rencontré les élu·e·s de la ville "
        "autour du renouvellement urbain du quartier.</p>"
    )
    nested = "<div>" * depth + "<p>Au fond des boîtes.</p>" + "</div>" * depth
    page = (f"<!DOCTYPE html><html lang=fr><head><meta charset=utf-8>"
            f"<title>Résonances n°12</title></head><body>{body}{nested}</body></html>")
    return page.encode("utf-8")


ISSUE_TEXT = (
    "Résonances n°12 – mars 2024\n\n"
    "RENCONTRE À MANTES-LA-JOLIE\n\n"
    "Les habitant·e·s du Val Fourré ont rencontré les élu·e·s de la ville autour du "
    "renouvellement urbain du quartier. Contact : pole@exemple.fr\n"
)


def long_word_text(length: int = 120_000, unit: str = "a") -> bytes:
    word = (unit * (length // len(unit) + 1))[:length]
    return (ISSUE_TEXT + "\n" + word + "\n\nFin du numéro à Persan.\n").encode("utf-8")


def utf16_nobom_text() -> bytes:
    return ISSUE_TEXT.encode("utf-16-le")


CASES: dict[str, Callable[[], bytes]] = {
    "offpage.pdf": offpage_pdf,
    "wide_mediabox.pdf": wide_mediabox_pdf,
    "stream_bomb.pdf": stream_bomb_pdf,
    "deep.html": deep_html,
    "long_word.txt": long_word_text,
    "utf16_nobom.txt": utf16_nobom_text,
}


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, writer in CASES.items():
        path = out_dir / name
        path.write_bytes(writer())
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage : python -m tools.issuegen.hostile_files DOSSIER", file=sys.stderr)
        return 2
    for path in build(Path(args[0])):
        print(f"{path} ({path.stat().st_size} octets)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
