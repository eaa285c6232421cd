"""Bytes of an HTML page or a plain-text file → text, trusting what the bytes show over
what the page declares.

Order: a byte-order mark wins; then the `<meta>` declaration, checked against the
bytes; then UTF-8 if the bytes are valid UTF-8; then detection. Two rules carry most
of the weight for French pages:

- bytes that are valid UTF-8 and hold non-ASCII sequences are UTF-8, whatever the page
  declares (a Western single-byte text is practically never valid UTF-8: "é " is not);
- "iso-8859-1", "latin1" and "ascii" declarations are read as windows-1252, as browsers
  do (WHATWG Encoding), since editors write ’ « » œ … – with windows-1252 bytes 0x80–0x9F.

A document whose UTF-8 was decoded once too often ("dÃ©veloppement", "lâ€™emploi") is
repaired run by run when the mojibake is frequent enough to be a sign, not an accident.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.IGNORECASE)
# Browsers look in the first 1024 bytes; some e-mail exports put long comments first.
_PRESCAN_BYTES = 8192

# Python codec names (codecs.lookup(...).name) of Western single-byte charsets that a
# French text in one of them is best read as windows-1252.
_WESTERN = frozenset({
    "cp1252", "latin-1", "iso8859-1", "iso8859-15", "ascii", "cp850", "cp437", "mac-roman",
    "cp1250", "iso8859-2", "cp858",
})
_READ_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii"})

# Characters whose windows-1252 byte is >= 0x80: what UTF-8 bytes turn into when read
# as windows-1252 (U+0080–U+009F stand for the five bytes windows-1252 leaves undefined).
_HIGH_CP1252 = (
    "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_HIGH_RUN = re.compile(f"[{_HIGH_CP1252}]{{2,}}")
# A UTF-8 lead byte read as windows-1252 followed by a continuation byte read likewise.
_MOJIBAKE = re.compile(
    "(?:[\u00c2-\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]|\u00e2\u20ac)"
)
_MIN_MOJIBAKE = 2


class UndecodableError(ValueError):
    """The bytes are not text in any charset we can tell; the message says why, in French."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    declared: str | None  # Python codec name the page declared, if any
    repaired: bool = False  # double-encoded UTF-8 was mended


def _lenient_cp1252(error: UnicodeError) -> tuple[str, int]:
    """The five bytes windows-1252 leaves undefined map to U+0081… as browsers do."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("kb-cp1252", _lenient_cp1252)


def codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset named by `<meta charset>`, `<meta http-equiv>` or an XML declaration."""
    head = data[:_PRESCAN_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = codec_name(match.group(1).decode("ascii", "replace"))
    if name and name.startswith(("utf-16", "utf-32")):
        # A UTF-16 page cannot be prescanned as ASCII: the declaration is wrong (WHATWG).
        return "utf-8"
    return name


def _decode_single_byte(data: bytes, codec: str) -> str:
    if codec in _READ_AS_CP1252 or codec == "cp1252":
        return data.decode("cp1252", errors="kb-cp1252")
    return data.decode(codec)


def _valid_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _looks_western(text: str) -> bool:
    """Non-ASCII characters of a French text are letters and typographic punctuation."""
    high = [char for char in text if ord(char) > 127]
    if not high:
        return True
    plausible = sum(1 for char in high if char.isalpha() or char in "«»’‘“”…–—€°·\u00a0©®²³")
    return plausible / len(high) >= 0.95


def _detect(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: windows-1252 when it reads as Western text,
    else what charset-normalizer finds (still windows-1252 if it names a Western set)."""
    as_cp1252 = data.decode("cp1252", errors="kb-cp1252")
    if _looks_western(as_cp1252):
        return as_cp1252, "cp1252"
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UndecodableError("aucun encodage de caractères ne convient")
    if any(codec_name(match.encoding) in _WESTERN for match in matches):
        return as_cp1252, "cp1252"
    return str(best), codec_name(best.encoding) or best.encoding


def _undo_run(run: str) -> str:
    raw = bytearray()
    for char in run:
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            raw.append(ord(char))  # U+0080–U+009F: an undefined windows-1252 byte
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


def repair_double_encoding(text: str) -> tuple[str, bool]:
    """Mend UTF-8 that was read as windows-1252 and re-encoded ("Ã©" → "é").

    Only runs of high characters that decode as UTF-8 change, so genuine accented
    letters ("été": single high characters between ASCII) are never touched; nothing
    happens unless mojibake pairs are frequent enough to be a sign.
    """
    if len(_MOJIBAKE.findall(text)) < _MIN_MOJIBAKE:
        return text, False
    repaired = _HIGH_RUN.sub(lambda match: _undo_run(match.group(0)), text)
    return repaired, repaired != text


def _decode_bom(data: bytes) -> Decoded | None:
    """A byte-order mark settles the encoding; bytes invalid in it are an error, not '?'."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec, None)
            except UnicodeDecodeError as error:
                raise UndecodableError(
                    f"octets invalides pour l'encodage {codec} annoncé par la marque d'ordre"
                ) from error
    return None


def utf16_byte_order(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes look like UTF-16 saved without a mark:
    French text is mostly ASCII, so one byte of each pair is NUL — the high byte, on the
    side that tells the byte order. A sample (the first 4 KB) is enough to tell."""
    pairs = len(data) // 2
    if pairs == 0:
        return None
    nul_even, nul_odd = data[0:2 * pairs:2].count(0), data[1:2 * pairs:2].count(0)
    for codec, nul_high, nul_low in (("utf-16-le", nul_odd, nul_even),
                                     ("utf-16-be", nul_even, nul_odd)):
        if nul_high >= pairs / 2 and nul_low == 0:
            return codec
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    codec = utf16_byte_order(data) if len(data) % 2 == 0 else None
    if codec is None:
        return None
    try:
        return Decoded(data.decode(codec), codec, None)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes) -> Decoded:
    """Bytes of a plain-text file → text: a byte-order mark, else UTF-16 told by its NUL
    bytes, else UTF-8 (mended if it was double-encoded), else detection as for HTML.

    NUL bytes in anything but UTF-16 mean a binary file, refused rather than read as junk.
    """
    by_bom = _decode_bom(data)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise UndecodableError("octets nuls : contenu binaire, pas du texte")
        return utf16
    utf8 = _valid_utf8(data)
    if utf8 is not None:
        text, repaired = repair_double_encoding(utf8)
        return Decoded(text, "utf-8", None, repaired)
    text, codec = _detect(data)
    return Decoded(text, codec, None)


def decode_html(data: bytes) -> Decoded:
    by_bom = _decode_bom(data)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data and (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    declared = declared_charset(data)
    utf8 = _valid_utf8(data)
    if utf8 is not None and (declared in (None, "utf-8") or not utf8.isascii()):
        text, repaired = repair_double_encoding(utf8)
        return Decoded(text, "utf-8", declared, repaired)
    if declared not in (None, "utf-8"):
        try:
            text = _decode_single_byte(data, declared)
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect below
        else:
            codec = "cp1252" if declared in _READ_AS_CP1252 else declared
            return Decoded(text, codec, declared)
    text, codec = _detect(data)
    return Decoded(text, codec, declared)
