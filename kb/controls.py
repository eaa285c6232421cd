"""Characters that act on a terminal or on text direction instead of being text.

A newsletter has no use for them, and an attacker has many: ESC sequences clear the screen
or set the window title, C1 controls do the same on some terminals, bidi overrides make a
path or a title read differently from what it is, a newline in a file name forges an
extra line in a batch report. Indexed text drops them (`strip_controls`); paths, which
must stay exact, are shown escaped instead (`shown`).
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings, overrides and
# isolates, and the lone surrogates a file name of non-UTF-8 bytes decodes to.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(f"[{_CONTROLS}]")
_SHOWN_RE = re.compile(f"[{_CONTROLS}\n\t\\\\\ud800-\udfff]")
# What terminal output may keep: the progress bar rewrites its line with a carriage return.
_TERMINAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                          "\u202a-\u202e\u2066-\u2069]")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """Text without control or bidi-formatting characters; line ends become newlines."""
    if text.isprintable():  # the common case, checked in C
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def for_terminal(text: str) -> str:
    """Text safe to write to a terminal: newlines, tabs and carriage returns kept; a lone
    surrogate (a file name's byte that was not UTF-8, in JSON output) written as its JSON
    escape `\\udce9`, which UTF-8 output could not encode."""
    text = _TERMINAL_RE.sub("", text)
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


_NAMED = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(path: str) -> str:
    """A path for a report line: the same characters, but a control or bidi character, or
    a byte that was not UTF-8, written as an escape (`\\n`, `\\xe9`) so the line stays one
    line and reads as what it is."""
    if path.isprintable() and "\\" not in path:
        return path
    return _SHOWN_RE.sub(_escape, path)
