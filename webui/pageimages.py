"""Page images and word boxes of the archive's PDFs, rendered lazily and cached.

Images are rendered with pypdfium2 (which pdfplumber already depends on), word boxes read
with pdfplumber's character boxes. Both are cached in one folder beside the index (never
in the corpus), under names derived from the file's path, size and modification time, so
a changed PDF is rendered again. The folder is bounded: past `max_bytes`, the least
recently written files are removed. Callers pass paths they have already checked (files
listed in the index's manifest, under the corpus root); this module opens nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

SIZES = {"vignette": 240, "page": 1100}  # rendered width in pixels
_PDFIUM = threading.Lock()  # PDFium is not thread-safe


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    top: float
    bottom: float
    edges: tuple[float, ...]  # x of each character's left edge, then the last one's right


@dataclass(frozen=True, slots=True)
class PageWords:
    width: float
    height: float
    words: tuple[Word, ...]


class PageCache:
    def __init__(self, folder: str | Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._counts: dict[str, int] = {}

    # -- keys and files

    @staticmethod
    def _key(pdf: Path) -> str:
        stat = pdf.stat()
        raw = f"{pdf.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]

    def _write(self, name: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._prune()

    def _read(self, name: str) -> bytes | None:
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def _prune(self) -> None:
        """Remove the oldest files until the folder holds at most 80 % of its bound."""
        entries = []
        total = 0
        for entry in os.scandir(self.folder):
            try:
                if entry.is_file() and not entry.name.startswith(".tmp-"):
                    stat = entry.stat()
                    entries.append((stat.st_mtime_ns, stat.st_size, entry.path))
                    total += stat.st_size
            except OSError:  # removed meanwhile by another thread pruning
                continue
        if total <= self.max_bytes:
            return
        for _, size, path in sorted(entries):
            Path(path).unlink(missing_ok=True)
            total -= size
            if total <= self.max_bytes * 0.8:
                break

    def size(self) -> int:
        if not self.folder.is_dir():
            return 0
        total = 0
        for entry in os.scandir(self.folder):
            try:
                total += entry.stat().st_size if entry.is_file() else 0
            except OSError:
                continue
        return total

    # -- what the views ask for

    def page_count(self, pdf: Path) -> int:
        key = self._key(pdf)
        if key not in self._counts:
            import pypdfium2 as pdfium

            with _PDFIUM:
                document = pdfium.PdfDocument(str(pdf))
                try:
                    self._counts[key] = len(document)
                finally:
                    document.close()
        return self._counts[key]

    def image(self, pdf: Path, page: int, size: str) -> bytes:
        """PNG of page `page` (1-based) at one of SIZES."""
        name = f"{self._key(pdf)}-p{page}-{size}.png"
        cached = self._read(name)
        if cached is not None:
            return cached
        data = render_png(pdf, page, SIZES[size])
        self._write(name, data)
        return data

    def words(self, pdf: Path, page: int) -> PageWords:
        name = f"{self._key(pdf)}-p{page}-words.json"
        cached = self._read(name)
        if cached is not None:
            try:
                return _words_from_json(cached)
            except (ValueError, KeyError, TypeError):
                pass  # a damaged cache file is read again from the PDF
        found = read_words(pdf, page)
        self._write(name, _words_to_json(found))
        return found


def render_png(pdf: Path, page: int, width: int) -> bytes:
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(pdf))
        try:
            pdf_page = document[page - 1]
            # A strip-shaped page must not become a giant image: height at most twice the width.
            scale = min(width / pdf_page.get_width(), 2 * width / pdf_page.get_height())
            image = pdf_page.render(scale=scale).to_pil()
            pdf_page.close()
        finally:
            document.close()
    buffer = BytesIO()
    image.convert("RGB").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def read_words(pdf: Path, page: int) -> PageWords:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        pdf_page = document.pages[page - 1]
        words = []
        for word in pdf_page.extract_words(return_chars=True, keep_blank_chars=False):
            chars = word.get("chars") or []
            if len(chars) == len(word["text"]):
                edges = (*(round(c["x0"], 2) for c in chars), round(chars[-1]["x1"], 2))
            else:  # ligatures: one box for the whole word
                edges = (round(word["x0"], 2), round(word["x1"], 2))
            words.append(Word(word["text"], round(word["top"], 2), round(word["bottom"], 2),
                              edges))
        return PageWords(float(pdf_page.width), float(pdf_page.height), tuple(words))


def _words_to_json(found: PageWords) -> bytes:
    return json.dumps({
        "width": found.width, "height": found.height,
        "words": [[w.text, w.top, w.bottom, list(w.edges)] for w in found.words],
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _words_from_json(data: bytes) -> PageWords:
    raw = json.loads(data)
    return PageWords(
        float(raw["width"]), float(raw["height"]),
        tuple(Word(t, float(top), float(bottom), tuple(float(x) for x in edges))
              for t, top, bottom, edges in raw["words"]),
    )
