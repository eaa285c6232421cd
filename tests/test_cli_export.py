"""`kb scan` and `kb export PATH…` through `kbcli.main`, with a batch built in code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbcli import main
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

REQUIRED = {"id", "issue", "source", "format", "pages", "section", "kind", "title", "lead",
            "text", "links", "emails"}


def write_issue(folder: Path) -> Path:
    spec = IssueSpec(number=63, date="2021-09-01", sections=[
        SectionSpec("Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)", [
            ArticleSpec(
                heading="Persan",
                title="Une antenne de proximité au Village",
                paragraphs=["La ville de Persan ouvre une antenne de proximité au cœur du "
                            "quartier prioritaire le Village, en pied d'immeuble."],
                contact="Lisa Mouawad, gup@ville-persan.fr",
            ),
            ArticleSpec(title="Mouvements", is_list=True,
                        items=["Carl Garcia, délégué du Préfet, Nanterre"]),
        ]),
    ])
    path = folder / "resonances-063-2021-09.txt"
    path.write_text(render_text(spec), encoding="utf-8")
    return path


def test_scan_lists_issues_and_articles(tmp_path, capsys):
    path = write_issue(tmp_path)
    assert main(["scan", "-v", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path} — Résonances n°63, septembre 2021 (n°63, 2021-09) : 2 articles" in out
    assert "[Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines) / Persan] " \
           "UNE ANTENNE DE PROXIMITÉ AU VILLAGE" in out
    assert "1 numéro, 2 articles, 0 fichier en erreur" in out


def test_scan_exits_1_and_names_each_failed_file(tmp_path, capsys):
    write_issue(tmp_path)
    (tmp_path / "vide.txt").write_bytes(b"")
    (tmp_path / "casse.pdf").write_bytes(b"pas un pdf")
    assert main(["scan", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert f"erreur : {tmp_path / 'vide.txt'} : fichier vide" in captured.err
    assert f"erreur : {tmp_path / 'casse.pdf'} : " in captured.err
    assert "1 numéro, 2 articles, 2 fichiers en erreur" in captured.out


@pytest.mark.slow
def test_export_writes_one_json_object_per_article(tmp_path, capsys):
    path = write_issue(tmp_path)
    (tmp_path / "vide.txt").write_bytes(b"")
    output = tmp_path / "articles.jsonl"
    assert main(["export", str(tmp_path), "-o", str(output)]) == 1  # vide.txt failed
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in records] == ["UNE ANTENNE DE PROXIMITÉ AU VILLAGE", "Mouvements"]
    assert all(set(r) >= REQUIRED for r in records)
    antenne = records[0]
    assert antenne["issue"] == {"id": "resonances-n63", "number": 63, "date": "2021-09",
                                "title": "Résonances n°63, septembre 2021"}
    assert antenne["source"] == str(path) and antenne["format"] == "text"
    assert antenne["heading"] == "Persan" and antenne["emails"] == ["gup@ville-persan.fr"]
    assert "95487" in {c["insee"] for c in antenne["communes"]}  # Persan
    err = capsys.readouterr().err
    assert "2 articles exportés, 1 fichier en erreur" in err
