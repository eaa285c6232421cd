"""Incremental reindex, duplicate formats, the lock, and crash safety of the writer."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from pathlib import Path

import pytest

from indexer import writer as writer_module
from indexer.api import Query
from indexer.glossary import Glossary
from indexer.search import SearchService
from indexer.writer import CURRENT, IndexBusy, current_generation, write_lock
from kb.models import EnrichedArticle
from kbcli.reindex import reindex
from tools.issuegen.render_html import render_email_html
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec, load_issue

DEMO_SPEC = Path(__file__).resolve().parents[1] / "tools" / "demo_issues" / "resonances-058.toml"


def no_enrichment(articles):
    return [EnrichedArticle(article=a) for a in articles]


def issue(number: int, date: str, titles: list[str], body: str = "") -> IssueSpec:
    articles = [
        ArticleSpec(title=title.upper(), kind="Publication",
                    paragraphs=[f"{title} : une démarche menée avec les habitant·e·s. {body}",
                                "Un second paragraphe décrit le projet en détail."])
        for title in titles
    ]
    return IssueSpec(number=number, date=date,
                     sections=[SectionSpec("L'actu du Pôle ressources", articles)])


def run(corpus: Path, index: Path, **kwargs):
    return reindex([str(corpus)], index, enrich=no_enrichment, progress=False, **kwargs)


def search(index: Path, text: str) -> list[str]:
    service = SearchService(index, Glossary())
    try:
        return [hit.title for hit in service.search(Query(text, per_page=50)).hits]
    finally:
        service.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "n60.txt").write_text(render_text(issue(
        60, "2021-10-01", ["Jardins partagés à Persan", "Santé mentale des jeunes"])),
        encoding="utf-8")
    (folder / "n61.txt").write_text(render_text(issue(
        61, "2022-01-01", ["Mobilité et emploi", "Une fresque participative"])),
        encoding="utf-8")
    return folder


def test_incremental_add_modify_remove(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = run(corpus, index)
    assert first.full and first.read == 2 and first.issues == 2 and not first.failures
    assert "JARDINS PARTAGÉS À PERSAN" in search(index, "jardins")

    again = run(corpus, index)
    assert again.read == 0 and again.unchanged == 2 and again.generation is None

    (corpus / "n62.txt").write_text(render_text(issue(
        62, "2022-05-01", ["Le compost au pied des immeubles"])), encoding="utf-8")
    added = run(corpus, index)
    assert added.read == 1 and added.unchanged == 2 and not added.full
    assert search(index, "compost") == ["LE COMPOST AU PIED DES IMMEUBLES"]

    (corpus / "n60.txt").write_text(render_text(issue(
        60, "2021-10-01", ["Jardins familiaux à Persan"])), encoding="utf-8")
    changed = run(corpus, index)
    assert changed.read == 1
    assert search(index, "jardins") == ["JARDINS FAMILIAUX À PERSAN"]
    assert search(index, "santé mentale") == []

    (corpus / "n61.txt").unlink()
    removed = run(corpus, index)
    assert removed.removed == 1 and search(index, "fresque") == []
    assert search(index, "compost")  # the rest is untouched


def test_plain_rerun_uses_recorded_paths(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    run(corpus, index)
    (corpus / "n62.txt").write_text(render_text(issue(
        62, "2022-05-01", ["Le compost au pied des immeubles"])), encoding="utf-8")
    summary = reindex(None, index, enrich=no_enrichment, progress=False)
    assert summary.read == 1 and search(index, "compost")


def test_same_issue_in_two_formats_is_indexed_once_with_both_sources(
    corpus: Path, tmp_path: Path
) -> None:
    spec = load_issue(DEMO_SPEC)
    (corpus / "n58.txt").write_text(render_text(spec), encoding="utf-8")
    (corpus / "n58-email.html").write_bytes(render_email_html(spec))
    index = tmp_path / "index"
    summary = run(corpus, index)
    assert not summary.failures
    service = SearchService(index, Glossary())
    title = spec.articles()[0][1].title
    assert service.search(Query(f'"{title}"')).total == 1
    article_id = service.search(Query(f'"{title}"')).hits[0].id
    record = service.article(article_id)
    assert sorted(Path(s).name for s in record.sources) == ["n58-email.html", "n58.txt"]
    n58 = next(i for i in service.issues() if i.number == 58)
    assert len(n58.sources) == 2
    assert n58.articles >= len(spec.articles()) - 2
    service.close()
    # removing one format keeps the article, now with one source
    (corpus / "n58.txt").unlink()
    run(corpus, index)
    service = SearchService(index, Glossary())
    record = service.article(article_id)
    assert [Path(s).name for s in record.sources] == ["n58-email.html"]
    service.close()


def test_unreadable_file_is_reported_and_the_rest_indexed(corpus: Path, tmp_path: Path) -> None:
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    summary = run(corpus, tmp_path / "index")
    assert [Path(f.path).name for f in summary.failures] == ["broken.pdf"]
    assert summary.issues == 2


def test_previous_index_stays_readable_when_a_reindex_fails(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    run(corpus, index)
    before = (index / CURRENT).read_text()
    service = SearchService(index, Glossary())
    assert service.search(Query("jardins")).total == 1
    (corpus / "n62.txt").write_text(render_text(issue(
        62, "2022-05-01", ["Le compost au pied des immeubles", "Un second article"])),
        encoding="utf-8")
    calls = []

    def failing_to_document(enriched, sources=()):
        calls.append(enriched)
        if len(calls) == 2:
            raise RuntimeError("disque plein (simulé)")
        return original(enriched, sources)

    original = writer_module.to_document
    monkeypatch.setattr(writer_module, "to_document", failing_to_document)
    with pytest.raises(RuntimeError):
        run(corpus, index)
    assert (index / CURRENT).read_text() == before
    assert service.search(Query("jardins")).total == 1
    assert service.search(Query("compost")).total == 0
    assert len(list(index.glob("gen-*"))) == 1  # the half-built generation is gone
    monkeypatch.undo()
    assert run(corpus, index).read == 1
    assert service.search(Query("compost")).total == 1  # picked up without restart
    service.close()


def test_orphan_generation_from_a_killed_run_is_removed(corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    run(corpus, index)
    current = current_generation(index)
    orphan = index / "gen-999999"
    shutil.copytree(current, orphan)
    (corpus / "n62.txt").write_text(render_text(issue(62, "2022-05-01", ["Compost"])),
                                    encoding="utf-8")
    run(corpus, index)
    assert not orphan.exists()
    assert search(index, "compost")


def _hold_lock(index: str, ready, release) -> None:
    with write_lock(index):
        ready.set()
        release.wait(10)


def test_lock_second_writer_fails_with_no_wait_or_waits(tmp_path: Path, corpus: Path) -> None:
    index = tmp_path / "index"
    context = multiprocessing.get_context("fork")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(index), ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(IndexBusy):
            run(corpus, index, wait=False)
        waited = []
        started = time.monotonic()
        context.Process(target=lambda: (time.sleep(0.3), release.set())).start()
        summary = run(corpus, index, on_wait=lambda: waited.append(True))
        assert waited and time.monotonic() - started >= 0.2 and summary.issues == 2
    finally:
        release.set()
        holder.join(10)


def test_a_generation_cannot_be_written_outside_the_lock(tmp_path: Path) -> None:
    index = tmp_path / "index"
    with pytest.raises(RuntimeError, match="outside write_lock"):
        writer_module.GenerationWriter(index)
    with write_lock(index):
        writer_module.GenerationWriter(index).abort()
    with pytest.raises(RuntimeError, match="outside write_lock"):
        writer_module.GenerationWriter(index)


def test_the_reindex_summary_speaks_french_plurals():
    from kbcli.reindex import ReindexSummary

    summary = ReindexSummary(full=False)
    summary.files, summary.read, summary.issues, summary.articles = 1, 1, 1, 12345
    told = summary.describe()
    assert "1 fichier (1 lu, 0 inchangé, 0 retiré), 1 numéro, 12\u202f345 articles" in told
    assert "0 erreur, 0 avertissement" in told
