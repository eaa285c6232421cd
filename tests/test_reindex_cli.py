"""`kb reindex`, `kb search` and `kb export` (from the index) through the CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kb.enrich
from indexer.writer import write_lock
from kb.models import EnrichedArticle
from kbcli import main
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import load_issue

DEMO = Path(__file__).resolve().parents[1] / "tools" / "demo_issues"


@pytest.fixture(autouse=True)
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Index tests do not load the spaCy model: articles go in without entities."""
    monkeypatch.setattr(kb.enrich, "enrich_all", lambda articles, **kwargs: [
        EnrichedArticle(article=a) for a in articles])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("resonances-058.toml", "resonances-067.toml"):
        spec = load_issue(DEMO / name)
        (folder / f"{spec.slug}.txt").write_text(render_text(spec), encoding="utf-8")
    return folder


def test_reindex_then_search_json(corpus: Path, tmp_path: Path, capsys) -> None:
    index = str(tmp_path / "index")
    assert main(["reindex", str(corpus), "--index", index]) == 0
    summary = capsys.readouterr().err
    assert "2 fichiers" in summary and "2 numéros" in summary and "0 erreur," in summary

    assert main(["search", "france", "travail", "--json", "--index", index]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"query", "total", "results", "approximate", "facets", "suggestion"}
    assert result["query"] == "france travail" and result["total"] >= 1
    first = result["results"][0]
    assert set(first) == {"id", "title", "issue", "date", "section", "score", "snippet",
                          "communes"}
    assert "FRANCE TRAVAIL" in first["title"] and "<mark>" not in first["snippet"]
    assert result["facets"]["year"]

    assert main(["search", "santé", "--year", "2024", "--sort", "date", "--index", index]) == 0
    text = capsys.readouterr().out
    assert "Résonances n°67, avril 2024, p. " in text and "<mark>" not in text


def test_failed_file_gives_exit_status_1_and_the_rest_is_indexed(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7 nothing else")
    index = str(tmp_path / "index")
    assert main(["reindex", str(corpus), "--index", index]) == 1
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "1 erreur," in err
    assert main(["search", "tiers-lieux", "--json", "--index", index]) == 0
    assert json.loads(capsys.readouterr().out)["total"] >= 1


def test_no_wait_fails_while_another_reindex_holds_the_lock(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    index = tmp_path / "index"
    with write_lock(index):
        # flock is per open file: a second open in this process is a second holder
        assert main(["reindex", str(corpus), "--index", str(index), "--no-wait"]) == 2
    assert "en cours d'écriture" in capsys.readouterr().err


def test_export_from_index(corpus: Path, tmp_path: Path, capsys) -> None:
    index = str(tmp_path / "index")
    main(["reindex", str(corpus), "--index", index])
    capsys.readouterr()
    assert main(["export", "--index", index]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and all({"id", "issue", "title", "sources"} <= set(r) for r in records)
    assert [r["issue"]["date"] for r in records] == sorted(r["issue"]["date"] for r in records)


@pytest.mark.parametrize("command", [["search", "santé"], ["entities"], ["export"]])
def test_commands_reading_the_index_fail_when_there_is_none(
    command: list[str], tmp_path: Path, capsys
) -> None:
    missing = str(tmp_path / "nowhere")
    assert main([*command, "--index", missing]) == 2
    captured = capsys.readouterr()
    assert f"aucun index dans {missing}" in captured.err
    assert captured.out == ""
