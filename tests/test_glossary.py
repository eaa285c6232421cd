"""The acronym glossary is package data: found, or its absence is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import glossary as glossary_module


def test_shipped_glossary_expands_acronyms() -> None:
    assert glossary_module.load_glossary().by_acronym


def test_missing_glossary_is_an_error_not_an_empty_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(glossary_module.resources, "files", lambda package: tmp_path)
    with pytest.raises(FileNotFoundError, match="acronyms"):
        glossary_module.load_glossary()
