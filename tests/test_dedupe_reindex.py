"""End to end: `reindex` of an issue received as PDF and as e-mail gives each article once.

The demo archive's n°58 exists in both forms (corpus/). Besides the shipped pair, the
e-mail is re-rendered with kickers glued to its titles (what other layouts give, and
what a title match missed), and saved with its number removed under a plain file name
(an issue told only by its content). Articles go in without entities (no spaCy).
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.export import iter_records
from kb.models import Article, EnrichedArticle
from kb.textclean import fold
from kbcli.reindex import reindex
from tools.build_corpus import CORPUS_DIR
from tools.issuegen.render_html import render_email_html
from tools.issuegen.spec import load_issue

DEMO = Path(__file__).resolve().parents[1] / "tools" / "demo_issues"
PDF = CORPUS_DIR / "resonances-058-2021-10.pdf"
EMAIL = CORPUS_DIR / "resonances-058-2021-10-email.html"
ARTICLES = 17  # n°58: 16 articles and a list of press items, in the spec


def no_entities(articles: list[Article]) -> list[EnrichedArticle]:
    return [EnrichedArticle(article=a) for a in articles]


def index(folder: Path, index_dir: Path) -> list[dict]:
    summary = reindex([str(folder)], index_dir, enrich=no_entities, progress=False)
    assert not summary.failures, summary.failures
    return list(iter_records(index_dir))


def assert_each_article_once(records: list[dict]) -> None:
    bodies = Counter(fold(f"{r['lead']} {r['text']}") for r in records)
    assert [body[:60] for body, n in bodies.items() if n > 1] == []
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["issue"]["id"] for r in records}) == 1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(PDF, folder / PDF.name)
    return folder


def test_the_pdf_and_the_email_of_one_issue_give_each_article_once(
    folder: Path, tmp_path: Path
) -> None:
    shutil.copy(EMAIL, folder / EMAIL.name)
    records = index(folder, tmp_path / "index")
    assert len(records) == ARTICLES
    assert_each_article_once(records)
    for record in records:
        assert record["sources"] == sorted(str(folder / n) for n in (PDF.name, EMAIL.name))
        assert record["source"] == str(folder / PDF.name) and record["pages"]


def test_kickers_glued_to_the_email_titles_still_merge_and_the_clean_titles_win(
    folder: Path, tmp_path: Path
) -> None:
    spec = load_issue(DEMO / "resonances-058.toml")
    glued = 0
    for section in spec.sections:
        for i, article in enumerate(section.articles):
            if article.heading:
                section.articles[i] = replace(article, title=f"{article.heading} {article.title}",
                                              heading=None)
                glued += 1
    assert glued >= 5
    (folder / "resonances-058-2021-10-email.html").write_bytes(render_email_html(spec))
    records = index(folder, tmp_path / "index")
    assert len(records) == ARTICLES
    assert_each_article_once(records)
    original = load_issue(DEMO / "resonances-058.toml")
    expected = {fold(a.title) for _, a in original.articles()}
    assert {fold(r["title"]) for r in records} == expected
    assert all(len(r["sources"]) == 2 for r in records)


def test_an_email_without_its_number_joins_the_numbered_pdf_incrementally(
    folder: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    assert len(index(folder, index_dir)) == ARTICLES
    unnumbered = EMAIL.read_bytes().replace("Résonances n°58 – ".encode(),
                                            "Résonances – ".encode())
    (folder / "lettre-octobre.html").write_bytes(unnumbered)

    summary = reindex([str(folder)], index_dir, enrich=no_entities, progress=False)
    assert not summary.full and summary.read == 2  # the new file and the PDF it matched
    records = list(iter_records(index_dir))
    assert len(records) == ARTICLES and summary.total_articles == ARTICLES
    assert_each_article_once(records)
    assert {r["issue"]["id"] for r in records} == {"resonances-n58"}
    assert all(len(r["sources"]) == 2 for r in records)

    (folder / PDF.name).unlink()  # the e-mail alone: its own undated-number issue again
    reindex([str(folder)], index_dir, enrich=no_entities, progress=False)
    records = list(iter_records(index_dir))
    assert len(records) == ARTICLES
    assert {r["issue"]["id"] for r in records} == {"resonances-2021-10"}
    assert all(r["sources"] == [str(folder / "lettre-octobre.html")] for r in records)


def test_an_index_built_before_content_merging_is_rebuilt_whole(
    folder: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    index(folder, index_dir)
    from indexer.writer import Manifest, current_generation

    generation = current_generation(index_dir)
    assert generation is not None
    manifest = Manifest.load(generation)
    manifest.dedupe_version = ""  # as written by an older kb
    manifest.save(generation)
    summary = reindex([str(folder)], index_dir, enrich=no_entities, progress=False)
    assert summary.full
