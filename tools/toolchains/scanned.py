"""A printed issue put through a scanner: pages as pictures only, read back by OCR.

Archives hold issues that exist only on paper. Here each spec is printed by our own
PDF renderer or, for about half of the specs when Chromium is installed, by the
`chromium-columns` HTML template (another designer's layout), then every page is
rasterised at 200 to 300 dpi (pypdfium2, which pdfplumber already pulls in) and
given the flaws of a cheap office scanner, drawn from a seeded random so that a
re-run writes the same bytes: a page set a little askew (at most half a degree), a
slightly soft focus, a paper tone, and JPEG compression. Pillow writes the pictures
as an image-only PDF, so reading it needs tesseract; without tesseract (and its
French data) the toolchain is skipped in one line.
"""

from __future__ import annotations

import io
import random
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.issuegen.render_pdf import render_pdf
from tools.toolchains.base import Job, RenderError, Toolchain, require_output
from tools.toolchains.chromium import CHROMIUM_COLUMNS

DPIS = (200, 240, 300)
MAX_ROTATION = 0.5  # degrees, either way
BLUR_RADII = (0.0, 0.4, 0.7)  # pixels of Gaussian blur (a soft focus)
JPEG_QUALITIES = (55, 70, 85)
PAPER = (236, 250)  # grey level of the blank paper after scanning


def _available() -> str | None:
    from kb.extract import ocr

    missing = ocr.unavailable_reason()
    return f"OCR unavailable: {missing} (apt-get install tesseract-ocr tesseract-ocr-fra)" \
        if missing else None


def source_of(job: Job) -> str:
    """Which printer made the paper copy: "chromium-columns" for about half of the specs
    when Chromium is installed, else our own renderer ("ours-pdf")."""
    rng = random.Random(f"scanned-source:{job.spec.number}")
    wants_chromium = rng.random() < 0.5
    return "chromium-columns" if wants_chromium and CHROMIUM_COLUMNS.available() is None \
        else "ours-pdf"


@dataclass(frozen=True)
class Flaws:
    """One scan's settings."""

    source: str  # the toolchain that printed the paper copy
    dpi: int
    rotation: float  # degrees, counter-clockwise
    blur: float  # Gaussian radius, pixels
    jpeg_quality: int
    paper: int  # grey level of the blank paper

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def scanner_flaws(job: Job) -> Flaws:
    """The scan's settings for this spec (seeded, so a re-run gives the same file)."""
    rng = random.Random(f"scanned:{job.spec.number}:{job.stem}")
    return Flaws(
        source=source_of(job),
        dpi=rng.choice(DPIS),
        rotation=round(rng.uniform(-MAX_ROTATION, MAX_ROTATION), 2),
        blur=rng.choice(BLUR_RADII),
        jpeg_quality=rng.choice(JPEG_QUALITIES),
        paper=rng.randint(*PAPER),
    )


def scan(pdf: bytes, out: Path, flaws: Flaws) -> int:
    """Rasterise every page of `pdf` with the scanner's `flaws` and write an image-only
    PDF at `out`; returns the page count."""
    import pypdfium2
    from PIL import Image, ImageFilter

    pages = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=flaws.dpi / 72).to_pil().convert("L")
            page.close()
            # Paper tone first (white becomes `paper`, black stays black), then the skew
            # with the uncovered corners in the same tone, then the soft focus.
            image = image.point(lambda value: value * flaws.paper // 255)
            image = image.rotate(flaws.rotation, resample=Image.Resampling.BICUBIC,
                                 expand=False, fillcolor=flaws.paper)
            if flaws.blur:
                image = image.filter(ImageFilter.GaussianBlur(flaws.blur))
            pages.append(image)
    finally:
        document.close()
    if not pages:
        raise RenderError("the printed PDF has no page")
    buffer = io.BytesIO()
    # Pillow stores greyscale pages as JPEG (DCTDecode) at this quality; fixed dates
    # (Pillow's default is now) keep a re-run's bytes the same.
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:],
                  resolution=float(flaws.dpi), quality=flaws.jpeg_quality,
                  creationDate=time.gmtime(0), modDate=time.gmtime(0))
    out.write_bytes(buffer.getvalue())
    return len(pages)


def _render(jobs: list[Job], workdir: Path) -> dict[str, str]:
    failures: dict[str, str] = {}
    printed: dict[str, Path] = {}
    by_chromium = [job for job in jobs if source_of(job) == "chromium-columns"]
    chromium_stems = {job.stem for job in by_chromium}
    if by_chromium:
        paper_jobs = [Job(job.spec, job.stem, job.variant, workdir / f"{job.stem}.print.pdf")
                      for job in by_chromium]
        chromium_dir = workdir / "chromium"
        chromium_dir.mkdir()
        try:
            failed = CHROMIUM_COLUMNS.render(paper_jobs, chromium_dir)
        except RenderError as error:
            failed = {job.stem: str(error) for job in paper_jobs}
        failures |= failed
        printed |= {job.stem: job.out for job in paper_jobs if job.stem not in failed}
    for job in jobs:
        if job.stem in chromium_stems:
            continue
        made = workdir / f"{job.stem}.print.pdf"
        render_pdf(job.spec, made, columns=job.variant.columns, running_header=True,
                   hyphenate=True)
        printed[job.stem] = made
    for job in jobs:
        if job.stem not in printed:
            continue
        made = workdir / f"{job.stem}.scan.pdf"
        try:
            scan(printed[job.stem].read_bytes(), made, scanner_flaws(job))
            require_output(made, "Pillow")
        except (RenderError, OSError, ValueError) as error:
            failures[job.stem] = str(error)
            continue
        shutil.move(made, job.out)
    return failures


def _look(job: Job) -> dict[str, object]:
    """What the manifest records: the printer, its look where it honours one, the scan."""
    flaws = scanner_flaws(job)
    look = job.variant.as_dict() if flaws.source == "chromium-columns" \
        else {"columns": job.variant.columns}
    return {**look, **flaws.as_dict()}


SCANNED = Toolchain(
    "scanned", ".pdf",
    "printed (ours-pdf or chromium-columns), rasterised with scanner flaws, image-only PDF "
    "read by tesseract",
    _render, _available, columns=(1, 2, 2, 3), look=_look,
)
