"""Bounds on what one PDF may cost before pdfplumber reads it.

Two shapes of PDF cost far more than their size: a page box of absurd dimensions (a
3.5 KB file with a 3e8-pt-wide MediaBox), and a compressed stream that inflates a
thousandfold (a 1 MB file holding 1 GB of content). pdfminer inflates every content,
font and object stream it meets in one `zlib.decompress` call and keeps the result, so
the streams are measured here first, inflated in bounded chunks and thrown away; a
file whose streams inflate past the budget is refused with the reason.

Picture streams are not counted: the text layer never inflates them (only the OCR of a
scanned page renders them, through pdfium). A stream whose first filter is not Flate
(ASCIIHex, LZW…) is not measured either; the per-file memory limit of the batch is the
guard behind this one.
"""

from __future__ import annotations

import os
import re
import zlib

from kb.errors import ExtractionError

# The largest page the PDF specification allows (ISO 32000, annex C): 200 inches.
MAX_PAGE_SIZE = 14_400.0
# Inflated bytes of all the non-picture streams of one PDF; `KB_PDF_MAX_INFLATE_MB`.
DEFAULT_MAX_INFLATED_MB = 256
_CHUNK = 1 << 20  # inflate at most 1 MiB at a time
_FEED = 1 << 16

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_DICT_START = re.compile(rb"\bobj\b")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/Fl(?:ateDecode)?\b")
_PICTURE = re.compile(rb"/Subtype\s*/Image\b")


def max_inflated_bytes() -> int:
    """The budget in bytes; the environment may raise or lower it (in MB, ≥ 1)."""
    raw = os.environ.get("KB_PDF_MAX_INFLATE_MB", "").strip()
    try:
        megabytes = int(raw) if raw else DEFAULT_MAX_INFLATED_MB
    except ValueError:
        megabytes = DEFAULT_MAX_INFLATED_MB
    return max(1, megabytes) << 20


def clamp_page_size(size: float) -> float:
    """A page dimension within what the specification allows (and at least 1 pt)."""
    return min(max(float(size), 1.0), MAX_PAGE_SIZE)


def check_streams(data: bytes, path: str, budget: int | None = None) -> None:
    """Raise ExtractionError when the file's streams inflate past the budget."""
    budget = max_inflated_bytes() if budget is None else budget
    total = 0
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        start = match.end()
        opening = data.rfind(b"obj", max(0, match.start() - 4096), match.start())
        header = data[max(0, opening):match.start()]
        if not header.rstrip().endswith(b">>") or not _FLATE_FIRST.search(header) \
                or _PICTURE.search(header):
            continue
        end = data.find(b"endstream", start)
        total += _inflated_size(view[start:end if end >= 0 else len(data)], budget - total)
        if total > budget:
            raise ExtractionError(path, (
                f"PDF refusé : ses flux décompressés dépassent {budget >> 20} Mo "
                "(bombe de décompression ? limite : KB_PDF_MAX_INFLATE_MB)"))


def _inflated_size(raw: memoryview, budget: int) -> int:
    """Bytes the zlib stream inflates to, counted up to just past `budget`."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        for offset in range(0, len(raw), _FEED):
            pending = bytes(raw[offset:offset + _FEED])
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, _CHUNK))
                if total > budget:
                    return total
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:  # damaged or not zlib after all: pdfminer will say what it makes of it
        pass
    return total
