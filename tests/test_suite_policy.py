"""How the suite may skip: only for a missing system tool (chromium, tesseract, a
renderer), never for a module that fails to import — a renamed function must fail loudly,
not turn into skips and a green run."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def test_no_test_turns_an_import_error_into_a_skip():
    offenders = [path.name for path in HERE.glob("*.py") if path.name != Path(__file__).name
                 and ("importorskip(" in (text := path.read_text(encoding="utf-8"))
                      or "except ImportError" in text)]
    assert offenders == []
