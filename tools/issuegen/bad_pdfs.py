"""PDFs a documentalist may drop into the archive that cannot be read as text.

Each writer builds its file from scratch (no binary fixture in the repository) and
returns the path, so tests and the bad-input corpus name files after the case:
`password.pdf`, `truncated.pdf`, `scan.pdf`, `zero_pages.pdf`, `garbage.pdf`.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
SAMPLE_LINES = (
    "Résonances n°12 – mars 2019",
    "Le Pôle ressources accompagne les professionnel·le·s de la politique de la ville.",
    "Rencontre à Mantes-la-Jolie autour du renouvellement urbain du Val Fourré.",
)


def _text_page(canvas: Canvas, lines: tuple[str, ...] = SAMPLE_LINES) -> None:
    canvas.setFont("Helvetica", 11)
    y = PAGE_HEIGHT - 80
    for line in lines:
        canvas.drawString(60, y, line)
        y -= 16


def _scanned_page_image() -> Image.Image:
    """A grey page with dark bars where text lines would be: pixels only, no glyphs."""
    image = Image.new("L", (620, 877), color=245)
    draw = ImageDraw.Draw(image)
    rng = random.Random(7)
    for row in range(60, 820, 18):
        draw.rectangle((50, row, 50 + rng.randint(300, 520), row + 8), fill=40)
    return image


def _image_page(canvas: Canvas) -> None:
    buffer = io.BytesIO()
    _scanned_page_image().save(buffer, format="PNG")
    buffer.seek(0)
    canvas.drawImage(ImageReader(buffer), 0, 0, width=PAGE_WIDTH, height=PAGE_HEIGHT)


def text_pdf_bytes(pages: int = 2) -> bytes:
    """A small, valid PDF with a text layer on every page."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for _ in range(pages):
        _text_page(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_encrypted_pdf(path: str | Path, password: str = "secret") -> Path:
    """A text PDF that opens only with a user password."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes())))
    writer.encrypt(user_password=password, owner_password=f"{password}-owner", algorithm="AES-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return Path(path)


def write_truncated_pdf(path: str | Path, keep: float = 0.55) -> Path:
    """A valid PDF cut short, as an interrupted download leaves it (no xref, no trailer)."""
    data = text_pdf_bytes(pages=3)
    Path(path).write_bytes(data[: int(len(data) * keep)])
    return Path(path)


def write_image_only_pdf(path: str | Path, pages: int = 2) -> Path:
    """A scan: every page is one raster image, no text layer at all."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        _image_page(canvas)
        canvas.showPage()
    canvas.save()
    return Path(path)


def write_mixed_text_and_image_pdf(path: str | Path) -> Path:
    """Page 1 has text, page 2 is a scanned image: the text page must still be read."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    _text_page(canvas)
    canvas.showPage()
    _image_page(canvas)
    canvas.showPage()
    canvas.save()
    return Path(path)


def write_zero_page_pdf(path: str | Path) -> Path:
    """A syntactically valid PDF whose page tree is empty."""
    with open(path, "wb") as handle:
        PdfWriter().write(handle)
    return Path(path)


def write_garbage_pdf(path: str | Path, size: int = 4096) -> Path:
    """A PDF header followed by noise: the magic bytes lie."""
    rng = random.Random(13)
    Path(path).write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(size)))
    return Path(path)
