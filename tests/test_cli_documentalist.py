"""The documentalist's week through the installed `kb` command, in a subprocess each time:
French messages, filters by name, corrections that stick, issue numbers and dates set by
hand, vanished folders forgotten, skipped files named, a Word issue indexed, `--json`.

Reindexing runs the real enrichment (spaCy), hence `slow`; each scenario keeps to one or
two small issues so the whole file stays around two minutes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.issuegen.render_office import render_docx
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import load_issue

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tools" / "demo_issues"
KB = str(Path(sys.executable).with_name("kb"))

pytestmark = pytest.mark.slow


def kb(*args: str, cwd: Path, env: dict[str, str] | None = None
       ) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("KB_INDEX", "KB_CORPUS", "KB_OVERRIDES")}
    result = subprocess.run([KB, *args], cwd=cwd, env={**clean, **(env or {})},
                            capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def docx_issue(folder: Path, name: str = "lettre.docx") -> Path:
    """Issue 58 as a Word file whose name says neither its number nor its date."""
    path = folder / name
    path.write_bytes(render_docx(load_issue(DEMO / "resonances-058.toml")))
    return path


def undated_issue(folder: Path, name: str = "lettre-hiver.txt") -> Path:
    """Issue 62 without its masthead: no number nor date anywhere."""
    spec = load_issue(DEMO / "resonances-062.toml")
    path = folder / name
    path.write_text(render_text(spec).replace(spec.masthead + "\n", ""), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A folder of two issues (Word, undated text) and two files kb cannot read,
    indexed once with --json."""
    home = tmp_path_factory.mktemp("archive")
    folder = home / "numeros"
    folder.mkdir()
    docx_issue(folder)
    undated_issue(folder)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04")
    result = kb("reindex", "numeros", "--index", "idx", "--json", cwd=home)
    return {"home": home, "result": result, "summary": json.loads(result.stdout)}


def search(home: Path, *args: str) -> dict:
    result = kb("search", *args, "--index", "idx", "--json", cwd=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- French messages -----------------------------------------------------------------------

def test_help_and_usage_errors_are_french_and_options_match_exactly(tmp_path: Path) -> None:
    typo = kb("reindex", "--ful", "numeros", cwd=tmp_path)
    assert typo.returncode == 2
    assert "usage : kb reindex" in typo.stderr
    assert "kb reindex : erreur : arguments non reconnus : --ful" in typo.stderr
    assert "vouliez-vous dire --full ?" in typo.stderr

    missing = kb("search", cwd=tmp_path)
    assert "arguments obligatoires manquants : REQUÊTE" in missing.stderr

    unknown = kb("chercher", "x", cwd=tmp_path)
    assert "choix invalide" in unknown.stderr and "usage :" in unknown.stderr

    page = kb("search", "x", "--page", "deux", cwd=tmp_path)
    assert "nombre entier attendu : « deux »" in page.stderr

    top = kb("--help", cwd=tmp_path).stdout
    assert "afficher cette aide et quitter" in top and "show this help" not in top
    for command in ("reindex", "search", "themes", "communes", "numeros", "oublier",
                    "entities", "export", "scan", "serve"):
        help_text = kb(command, "--help", cwd=tmp_path).stdout
        assert "usage : kb" in help_text and "options:" in help_text
        assert "exemple" in help_text and "ex. :" in help_text, command
    reindex_help = kb("reindex", "--help", cwd=tmp_path).stdout
    assert "ex. : --numero 57" in reindex_help
    assert "codes de sortie" in reindex_help and "  2  rien n'a été écrit" in reindex_help


def test_every_option_has_help_with_an_example() -> None:
    import argparse

    from kbcli import build_parser

    def parsers(parser: argparse.ArgumentParser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in dict.fromkeys(action.choices.values()):
                    yield from parsers(sub)

    for parser in parsers(build_parser()):
        assert parser.allow_abbrev is False, parser.prog
        for action in parser._actions:
            if action.option_strings and "--help" not in action.option_strings:
                assert action.help and "ex. : " in action.help, (parser.prog, action.dest)


# -- one reindex, summarised -----------------------------------------------------------------

def test_json_summary_names_skipped_files_and_undated_issues(archive: dict) -> None:
    summary = archive["summary"]
    assert archive["result"].returncode == summary["exit_code"] == 0
    assert summary["files"]["found"] == 2 and summary["issues"] == 2
    assert summary["articles"] == summary["total_articles"] > 20
    assert summary["skipped"]["count"] == 2
    assert summary["skipped"]["suffixes"] == {".png": 1, ".xlsx": 1}
    assert summary["errors"] == [] and summary["vanished"] == []
    undated = [w for w in summary["warnings"] if w["path"] == "numeros/lettre-hiver.txt"]
    assert undated and "introuvables" in undated[0]["reason"]


def test_human_summary_says_ignored_files_with_french_plurals(archive: dict) -> None:
    again = kb("reindex", "--index", "idx", cwd=archive["home"])  # nothing changed: no model
    assert again.returncode == 0
    assert "2 fichiers (0 lu, 2 inchangés, 0 retiré)" in again.stderr
    assert "0 erreur, 0 avertissement" in again.stderr
    assert "ignorés : 2 (.png, .xlsx)" in again.stderr


def test_a_word_issue_is_indexed_with_its_number_and_date(archive: dict) -> None:
    listed = kb("numeros", "--index", "idx", "--json", cwd=archive["home"])
    issues = {i["number"]: i for i in json.loads(listed.stdout)}
    assert issues[58]["date"] == "2021-10"
    assert issues[58]["sources"] == ["numeros/lettre.docx"]
    found = search(archive["home"], "tranquillité", "publique")
    assert any(hit["issue"] == "resonances-n58" for hit in found["results"])
    human = kb("numeros", "--index", "idx", cwd=archive["home"]).stdout
    assert "sans numéro" in human
    assert "kb reindex numeros/lettre-hiver.txt --numero N --date AAAA-MM" in human


# -- filters as people type them -------------------------------------------------------------

def test_filters_accept_names_labels_and_french_sort(archive: dict) -> None:
    home = archive["home"]
    by_code = search(home, "quartier", "--commune", "92004")
    assert by_code["total"] > 0
    for name in ("Asnières-sur-Seine", "asnieres sur seine", "ASNIERES-SUR-SEINE",
                 "Asnières-sur-Seine (92)"):
        assert search(home, "quartier", "--commune", name)["total"] == by_code["total"], name
    by_number = search(home, "festival", "--departement", "92")
    assert by_number["total"] > 0
    assert search(home, "festival", "--departement", "hauts de seine")["total"] \
        == by_number["total"]
    by_id = search(home, "festival", "--theme", "culture")
    assert by_id["total"] > 0
    for label in ("Culture et pratiques artistiques", "culture et pratiques artistiques"):
        assert search(home, "festival", "--theme", label)["total"] == by_id["total"]
    dated = search(home, "quartier", "--tri", "date", "--annee", "2021")
    assert dated["results"] and all(r["date"].startswith("2021") for r in dated["results"])
    assert dated["total"] > 0
    assert search(home, "quartier", "--tri", "pertinence")["total"] >= dated["total"]


def test_partial_matches_are_apart_and_not_counted(archive: dict) -> None:
    home = archive["home"]
    words = search(home, "festival", "quartier", "zzzmotabsent")
    assert words["total"] == 0 and words["results"] == []
    assert words["approximate"], "articles holding some of the words are listed apart"
    told = kb("search", "festival", "zzzmotabsent", "--index", "idx", cwd=home)
    assert told.returncode == 0 and "0 article" in told.stdout
    assert "Résultats approchants" in told.stdout


def test_a_value_that_fits_nothing_is_refused_with_close_matches(archive: dict) -> None:
    home = archive["home"]
    commune = kb("search", "emploi", "--commune", "Sarcele", "--index", "idx", cwd=home)
    assert commune.returncode == 2 and commune.stdout == ""
    assert "commune inconnue : « Sarcele »" in commune.stderr
    assert "Sarcelles (95585)" in commune.stderr
    theme = kb("search", "x", "--theme", "santé mentalle", "--index", "idx", cwd=home)
    assert theme.returncode == 2 and "Santé mentale [sante-mentale]" in theme.stderr
    sort = kb("search", "x", "--tri", "pertinance", "--index", "idx", cwd=home)
    assert sort.returncode == 2 and "vouliez-vous dire : pertinence" in sort.stderr


def test_lists_of_what_filters_accept(archive: dict) -> None:
    home = archive["home"]
    themes = kb("themes", "--index", "idx", cwd=home).stdout
    assert "Santé mentale [sante-mentale]" in themes
    communes = kb("communes", "--recherche", "sarcel", "--index", "idx", cwd=home)
    assert communes.stdout.splitlines() == ["95585  Sarcelles (95) — 0 article"]
    assert "1 commune ;" in communes.stderr
    everything = json.loads(kb("communes", "--json", cwd=home).stdout)
    assert len(everything) == 478


# -- corrections -----------------------------------------------------------------------------

def test_a_bad_corrections_file_stops_reindex_before_anything_is_written(archive: dict) -> None:
    home = archive["home"]
    bad = home / "mauvaises.tsv"
    bad.write_text("kind\taction\ttext\ttarget\n# commentaire\ncomune\tignore\tNanterre\t\n"
                   "commune\talias\tMantes\t99999\ncommune\tignore\n", encoding="utf-8")
    before = (home / "idx" / "CURRENT").read_text()
    stopped = kb("reindex", "--index", "idx", "--full", "--corrections", str(bad), cwd=home)
    assert stopped.returncode == 2
    assert "mauvaises.tsv, ligne 3 : type inconnu « comune »" in stopped.stderr
    assert "vouliez-vous dire « commune »" in stopped.stderr
    assert "ligne 4 : code INSEE inconnu « 99999 »" in stopped.stderr
    assert "ligne 5 : ligne incomplète" in stopped.stderr
    assert "arrêté avant toute écriture" in stopped.stderr
    assert (home / "idx" / "CURRENT").read_text() == before

    fresh = kb("reindex", "numeros", "--index", "neuf", "--corrections", str(bad), cwd=home)
    assert fresh.returncode == 2 and not (home / "neuf" / "CURRENT").exists()
    missing = kb("reindex", "--index", "idx", "--corrections", "absent.tsv", cwd=home)
    assert missing.returncode == 2
    assert "fichier de corrections introuvable : absent.tsv" in missing.stderr

    checked = kb("corrections", "verifier", str(bad), cwd=home)
    assert checked.returncode == 1 and "3 erreurs" in checked.stderr
    entities = kb("entities", "--index", "idx", "--corrections", str(bad), cwd=home)
    assert entities.returncode == 2 and "ligne 3" in entities.stderr


def test_a_correction_stays_applied_on_every_later_reindex(archive: dict, tmp_path: Path
                                                           ) -> None:
    # The archive, indexed without corrections, links Nanterre in issue 58.
    assert search(archive["home"], "festival", "--commune", "Nanterre")["total"] > 0
    folder = tmp_path / "numeros"
    folder.mkdir()
    docx_issue(folder)
    fixes = tmp_path / "corrections.tsv"
    fixes.write_text("kind\taction\ttext\ttarget\ncommune\tignore\tNanterre\t\n",
                     encoding="utf-8")
    checked = kb("corrections", "verifier", str(fixes), cwd=tmp_path)
    assert checked.returncode == 0 and "1 correction, aucune erreur" in checked.stdout

    def nanterre() -> list:
        found = kb("entities", "--kind", "commune", "--json", "--index", "idx", cwd=tmp_path)
        return [c for c in json.loads(found.stdout)["commune"] if c["value"] == "92050"]

    first = kb("reindex", "numeros", "--index", "idx", "--corrections", str(fixes),
               cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert nanterre() == []
    # Plain runs, as `make run` or a scheduled job: the index remembers the file.
    second = kb("reindex", "--full", "--index", "idx", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert nanterre() == []
    shown = kb("corrections", "montrer", "--index", "idx", cwd=tmp_path).stdout
    assert str(fixes) in shown and "mémorisé par l'index" in shown


# -- issue number and date ---------------------------------------------------------------------

def test_number_and_date_set_by_hand_are_kept_by_later_reindexes(tmp_path: Path) -> None:
    folder = tmp_path / "numeros"
    folder.mkdir()
    path = undated_issue(folder)
    wrong = kb("reindex", str(path.relative_to(tmp_path)), "--numero", "62", "--date",
               "2022-13", "--index", "idx", cwd=tmp_path)
    assert wrong.returncode == 2 and "date invalide : « 2022-13 »" in wrong.stderr
    assert not (tmp_path / "idx" / "CURRENT").exists()

    given = kb("reindex", "numeros/lettre-hiver.txt", "--numero", "62", "--date", "2022-12",
               "--index", "idx", "--json", cwd=tmp_path)
    assert given.returncode == 0, given.stderr
    assert json.loads(given.stdout)["warnings"] == []  # no more "numéro introuvable"
    again = kb("reindex", "numeros", "--full", "--index", "idx", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "1 fichier (1 lu" in again.stderr
    issues = json.loads(kb("numeros", "--json", "--index", "idx", cwd=tmp_path).stdout)
    assert [(i["number"], i["date"], i["id"]) for i in issues] \
        == [(62, "2022-12", "resonances-n62")]
    assert "(saisi par la documentaliste)" in kb("numeros", "--index", "idx",
                                                 cwd=tmp_path).stdout


# -- folders -----------------------------------------------------------------------------------

def test_a_vanished_folder_is_reported_then_forgotten(tmp_path: Path) -> None:
    for name in ("ancien", "archives-2019", "actuel"):
        (tmp_path / name).mkdir()
    undated_issue(tmp_path / "ancien")
    docx_issue(tmp_path / "archives-2019")
    spec = load_issue(DEMO / "resonances-067.toml")
    (tmp_path / "actuel" / "resonances-067-2024-04.txt").write_text(render_text(spec),
                                                                     encoding="utf-8")
    # No path: $KB_CORPUS, as `kb serve` reads it.
    first = kb("reindex", "--index", "idx", "--json", cwd=tmp_path, env={"KB_CORPUS": "ancien"})
    assert json.loads(first.stdout)["files"]["found"] == 1
    kb("reindex", "archives-2019", "actuel", "--index", "idx", cwd=tmp_path)
    total = json.loads(kb("reindex", "--index", "idx", "--json", cwd=tmp_path).stdout)[
        "total_articles"]
    current = json.loads(kb("reindex", "actuel", "--index", "idx", "--json", cwd=tmp_path
                            ).stdout)["total_articles"]

    shutil.rmtree(tmp_path / "ancien")
    shutil.rmtree(tmp_path / "archives-2019")
    gone = kb("reindex", "--index", "idx", cwd=tmp_path)
    assert gone.returncode == 0
    assert gone.stderr.count("kb oublier ancien") == 1
    assert gone.stderr.count("kb oublier archives-2019") == 1
    assert f"({total} au total)" in gone.stderr  # kept until forgotten

    typo = kb("oublier", "ancein", "--index", "idx", cwd=tmp_path)
    assert typo.returncode == 2
    assert "chemins indexés : actuel, ancien, archives-2019" in typo.stderr
    forgot = kb("oublier", "ancien", "--index", "idx", cwd=tmp_path)
    assert forgot.returncode == 0 and "oublié : ancien" in forgot.stderr
    pruned = json.loads(kb("reindex", "--prune", "--index", "idx", "--json",
                           cwd=tmp_path).stdout)
    assert pruned["forgotten"] == ["archives-2019"]
    assert 0 < pruned["total_articles"] < total
    quiet = kb("reindex", "--index", "idx", cwd=tmp_path)
    assert quiet.returncode == 0 and "disparu" not in quiet.stderr
    assert "1 fichier (0 lu, 1 inchangé, 0 retiré)" in quiet.stderr
    assert current == total
