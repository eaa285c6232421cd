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


# Modules whose tests build whole indexes, render issues through external toolchains, run
# OCR, or soak the service: the full suite (`make test`) runs them, the fast loop (`make
# check`, under a minute) leaves them out. Measured with `pytest --durations=0`.
HEAVY_MODULES = frozenset({
    "test_bad_corpus", "test_corpus", "test_crash_safety", "test_dedupe_reindex",
    "test_extract_pdf", "test_hostile_files", "test_ocr", "test_ocr_layout",
    "test_ranking_ndcg", "test_reindex_hostile", "test_relevance", "test_search_ranking",
    "test_sealed_names", "test_segment_reading_order", "test_segmentation_formats",
    "test_segmentation_variants", "test_webui_serve",
})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__.rpartition(".")[2] in HEAVY_MODULES:
            item.add_marker(pytest.mark.slow)
