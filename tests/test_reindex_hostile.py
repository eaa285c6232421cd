"""No file can stop the batch, stall the indexer or lose articles (issue 14, reindex side).

`kb reindex` over the demo corpus plus one hostile file of each class (tests/hostile_files)
finishes, indexes every good file, reports each hostile file with its reason and exits 1;
what could not be read keeps its articles; a file rewritten while it was read is read
again next time; a full disk leaves the previous index whole; `kb search` prints no
control character. Enrichment is a pass-through here (no spaCy) except in the `slow` test.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kb.enrich
from indexer import writer as writer_module
from indexer.writer import CURRENT, Manifest, current_generation
from kb import pipeline
from kb.models import EnrichedArticle
from kb.sandbox import Limits
from kbcli import main
from kbcli import reindex as reindex_module
from kbcli.reindex import reindex
from tests.hostile_files import CONTROL_RE, build, denied_paths, deny, issue_text

__all__ = ["deny"]  # the fixture, used by name

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus"
FAST = Limits(seconds=60, memory_mb=1024)


def no_enrichment(articles):
    return [EnrichedArticle(article=a) for a in articles]


@pytest.fixture(autouse=True)
def no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb.enrich, "enrich_all", lambda articles, **kw: no_enrichment(articles))
    monkeypatch.setattr(kb.enrich.Enricher, "create",
                        classmethod(lambda cls, overrides=None: _Plain()))


class _Plain:
    def enrich(self, articles):
        return no_enrichment(articles)


def run(paths, index: Path, **kwargs):
    options = {"enrich": no_enrichment, "progress": False, "limits": FAST, **kwargs}
    return reindex([str(p) for p in paths] if paths else None, index, **options)


def indexed_issues(index: Path) -> set[str]:
    return {e.issue_id for e in Manifest.load(current_generation(index)).files.values()}


def article_count(index: Path) -> int:
    manifest = Manifest.load(current_generation(index))
    return len({i for e in manifest.files.values() for i in e.article_ids})


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "n60.txt").write_text(issue_text(60, "2021-10-01", ["Jardins partagés à Persan",
                                                                  "Santé mentale des jeunes"]),
                                    encoding="utf-8")
    sub = folder / "2022"
    sub.mkdir()
    (sub / "n61.txt").write_text(issue_text(61, "2022-01-01", ["Mobilité et emploi",
                                                               "Une fresque participative"]),
                                 encoding="utf-8")
    return folder


# -- Nothing read, nothing removed ----------------------------------------------------


def test_unreadable_file_keeps_its_articles(corpus, tmp_path, deny) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    before = article_count(index)
    deny([str(corpus / "n60.txt")])
    summary = run(None, index)
    assert [(Path(f.path).name, f.reason) for f in summary.failures] == [
        ("n60.txt", "lecture impossible (permission refusée)")]
    assert summary.removed == 0
    assert article_count(index) == before and "resonances-n60" in indexed_issues(index)


def test_changed_file_that_cannot_be_read_keeps_its_articles(corpus, tmp_path) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    (corpus / "n60.txt").write_bytes(b"\x00\x01binaire" * 100)
    summary = run(None, index)
    assert [Path(f.path).name for f in summary.failures] == ["n60.txt"]
    assert "resonances-n60" in indexed_issues(index)
    # … and it is tried again on the next run, not taken as unchanged.
    assert [Path(f.path).name for f in run(None, index).failures] == ["n60.txt"]


def test_unreadable_sub_folder_keeps_its_articles(corpus, tmp_path, deny) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    (corpus / "n62.txt").write_text(issue_text(62, "2022-05-01", ["Le compost"]),
                                    encoding="utf-8")
    deny([str(corpus / "2022")])
    summary = run(None, index)
    assert [(f.path, f.reason.split(" (")[0]) for f in summary.failures] == [
        (str(corpus / "2022"), "dossier illisible : lecture impossible")]
    assert summary.removed == 0
    assert indexed_issues(index) == {"resonances-n60", "resonances-n61", "resonances-n62"}


# An unreadable root is an error (exit 1); a vanished one is a warning that says how to
# forget it (issue 12: a deleted folder must not make every later run exit 1). Both keep
# every article, an update or a full rebuild alike.
@pytest.mark.parametrize(("how", "status"), [("unreadable", 1), ("renamed away", 0)])
@pytest.mark.parametrize("full", [False, True])
def test_corpus_root_unreadable_or_vanished_keeps_everything(corpus, tmp_path, deny, capsys,
                                                             how, status, full) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    before = article_count(index)
    if how == "unreadable":
        deny([str(corpus)])
    else:
        corpus.rename(tmp_path / "ailleurs")
    capsys.readouterr()
    assert main(["reindex", "--index", str(index), *(["--full"] if full else [])]) == status
    said = capsys.readouterr().err
    assert ("dossier illisible" if how == "unreadable" else "disparu") in said
    assert article_count(index) == before
    assert indexed_issues(index) == {"resonances-n60", "resonances-n61"}


def test_full_rebuild_keeps_what_it_cannot_read(corpus, tmp_path, deny) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    deny([str(corpus / "2022" / "n61.txt")])
    summary = run(None, index, full=True)
    assert summary.full and [Path(f.path).name for f in summary.failures] == ["n61.txt"]
    assert indexed_issues(index) == {"resonances-n60", "resonances-n61"}


def test_schema_rebuild_that_cannot_reread_everything_keeps_the_previous_index(
        corpus, tmp_path, deny) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    generation = current_generation(index)
    manifest = json.loads((generation / "manifest.json").read_text())
    manifest["schema_version"] = "0.ancien"
    (generation / "manifest.json").write_text(json.dumps(manifest))
    before = (index / CURRENT).read_text()
    deny([str(corpus / "2022" / "n61.txt")])
    summary = run(None, index)
    assert summary.full and summary.generation is None
    assert "index précédent conservé" in summary.failures[-1].reason
    assert (index / CURRENT).read_text() == before
    assert indexed_issues(index) == {"resonances-n60", "resonances-n61"}


def test_deleted_file_of_a_listed_folder_is_still_removed(corpus, tmp_path) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    (corpus / "2022" / "n61.txt").unlink()
    summary = run(None, index)
    assert summary.removed == 1 and not summary.failures
    assert indexed_issues(index) == {"resonances-n60"}


# -- Hashes of the bytes read ----------------------------------------------------------


def test_file_rewritten_while_read_is_read_again(corpus, tmp_path, monkeypatch) -> None:
    """A copy in progress: hashed whole, then truncated when the reader opens it, then
    whole again. The manifest must hold the hash of what was read."""
    index = tmp_path / "index"
    target = corpus / "n60.txt"
    whole = target.read_bytes()
    real_hash = reindex_module.file_sha256

    def hash_then_truncate(path):
        digest = real_hash(path)
        if path == str(target):
            target.write_bytes(whole[: len(whole) // 2])
        return digest

    monkeypatch.setattr(reindex_module, "file_sha256", hash_then_truncate)
    first = run([corpus], index)
    monkeypatch.undo()
    partial = Manifest.load(current_generation(index)).files[str(target)]
    target.write_bytes(whole)  # the copy finishes
    again = run(None, index)
    assert not first.failures and again.read >= 1
    complete = Manifest.load(current_generation(index)).files[str(target)]
    assert len(complete.article_ids) > len(partial.article_ids)
    assert run(None, index).read == 0  # and then it is unchanged


# -- Sandbox ---------------------------------------------------------------------------


def _stall(path: str):
    if path.endswith("n60.txt"):
        time.sleep(30)
    return real_read_file(path)


def _bomb(path: str):
    if path.endswith("n60.txt"):
        hoard = [bytearray(64 << 20) for _ in range(16)]  # 1 GiB, past the budget
        return hoard
    return real_read_file(path)


def _crash(path: str):
    if path.endswith("n60.txt"):  # as the kernel's OOM killer would
        os.kill(os.getpid(), signal.SIGKILL)
    return real_read_file(path)


real_read_file = pipeline.read_file


@pytest.mark.parametrize(("reader", "reason"), [
    (_stall, "délai dépassé (2 s, KB_FILE_SECONDS)"),
    (_bomb, "limite de mémoire dépassée (200 Mo, KB_FILE_MEMORY_MB)"),
    (_crash, "le processus de lecture s'est arrêté sans résultat (signal SIGKILL"),
])
def test_a_file_over_a_limit_costs_only_itself(corpus, tmp_path, reader, reason) -> None:
    started = time.monotonic()
    summary = run([corpus], tmp_path / "index", limits=Limits(seconds=2, memory_mb=200),
                  reader=reader)
    assert time.monotonic() - started < 20
    assert [Path(f.path).name for f in summary.failures] == ["n60.txt"]
    assert summary.failures[0].reason.startswith(reason)
    assert indexed_issues(tmp_path / "index") == {"resonances-n61"}


def test_an_issue_whose_enrichment_fails_keeps_its_previous_articles(corpus, tmp_path) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    (corpus / "n60.txt").write_text(issue_text(60, "2021-10-01", ["Jardins partagés"]),
                                    encoding="utf-8")

    def enrich(articles):
        if any(a.issue.number == 60 for a in articles):
            raise ValueError("[E088] Text of length 1050000 exceeds maximum")
        return no_enrichment(articles)

    summary = run(None, index, enrich=enrich)
    assert [f.reason for f in summary.failures] == [
        "enrichissement : erreur inattendue (ValueError : [E088] Text of length 1050000 "
        "exceeds maximum)"]
    assert indexed_issues(index) == {"resonances-n60", "resonances-n61"}
    assert len(Manifest.load(current_generation(index)).files[str(corpus / "n60.txt")]
               .article_ids) == 2  # the previous version, still whole


# -- Full disk --------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["add", "save", "start"])
def test_full_disk_is_one_french_line_and_no_half_generation(corpus, tmp_path, monkeypatch,
                                                             capsys, where) -> None:
    index = tmp_path / "index"
    run([corpus], index)
    before = (index / CURRENT).read_text()
    (corpus / "n62.txt").write_text(issue_text(62, "2022-05-01", ["Le compost"]),
                                    encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target = {"add": (writer_module.GenerationWriter, "add"),
              "save": (writer_module.Manifest, "save"),
              "start": (writer_module, "_link_tree")}[where]
    monkeypatch.setattr(*target, full)
    capsys.readouterr()
    assert main(["reindex", "--index", str(index)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [f"erreur : écriture de l'index {index} impossible (disque plein) : rien "
                     f"n'a été modifié, l'index précédent reste en service"]
    assert (index / CURRENT).read_text() == before
    assert [p.name for p in index.glob("gen-*")] == [before.strip()]
    assert not list(index.glob(".CURRENT.*"))


# -- One batch over the demo corpus and every hostile class ----------------------------

DENY_AND_RUN = """
import json, os, sys
sys.path.insert(0, {root!r})
from tests.hostile_files import Denied, install_denial
install_denial(Denied(json.loads(os.environ["DENIED"])), setattr)
import kb.enrich
from kb.models import EnrichedArticle
if os.environ.get("NO_NLP"):
    plain = lambda articles, **kw: [EnrichedArticle(article=a) for a in articles]
    kb.enrich.enrich_all = plain
    kb.enrich.Enricher.create = classmethod(
        lambda cls, overrides=None: type("P", (), {{"enrich": lambda self, a: plain(a)}})())
from kbcli import main
sys.exit(main(sys.argv[1:]))
"""
MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({"status": done.returncode, "stdout": done.stdout.decode("utf-8", "replace"),
                  "stderr": done.stderr.decode("utf-8", "surrogateescape"),
                  "seconds": time.monotonic() - started,
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def kb_run(*args: str, denied: list[str], nlp: bool, env: dict | None = None) -> dict:
    environ = {**os.environ, "DENIED": json.dumps(denied), **(env or {})}
    if not nlp:
        environ["NO_NLP"] = "1"
    program = DENY_AND_RUN.format(root=str(ROOT))
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-c", program, *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=900, check=True,
                          env=environ)
    return json.loads(done.stdout)


def shown(path: str) -> str:
    from kb.controls import shown as escape

    return escape(path)


def check_batch(result: dict, corpus: Path, cases, index: Path) -> None:
    lines = [line for line in result["stderr"].splitlines() if line.startswith("erreur : ")]
    expected = {shown(c.path): c.reason for c in cases if c.reason}
    assert len(lines) == len(expected), result["stderr"]
    for path, fragment in expected.items():
        line = next((line for line in lines if line.startswith(f"erreur : {path} : ")), "")
        assert fragment in line.removeprefix(f"erreur : {path} : "), (path, result["stderr"])
    assert result["status"] == 1
    manifest = Manifest.load(current_generation(index))
    good = {str(corpus / p.name) for p in DEMO.glob("resonances-*")}
    good |= {c.path for c in cases if c.reason is None}
    assert good <= set(manifest.files), good - set(manifest.files)
    assert not {c.path for c in cases if c.reason} & set(manifest.files)


def hostile_corpus(tmp_path: Path):
    corpus = tmp_path / "arrivées"
    shutil.copytree(DEMO, corpus)
    cases = build(corpus, tmp_path / "secret.txt")
    return corpus, cases


def test_one_batch_over_the_demo_corpus_and_every_hostile_class(tmp_path: Path) -> None:
    corpus, cases = hostile_corpus(tmp_path)
    index = tmp_path / "index"
    denied = denied_paths(cases)
    result = kb_run("reindex", str(corpus), "--index", str(index), denied=denied, nlp=False)
    check_batch(result, corpus, cases, index)
    assert len(result["stderr"].splitlines()) == len(
        [line for line in result["stderr"].splitlines()
         if line.startswith(("erreur : ", "avertissement : ", "mise à jour", "reconstruction",
                                "ignorés : "))])
    assert "n93\\nerreur : faux.txt : fichier vide\n" in result["stderr"]  # one line, escaped
    print(f"\nhostile batch (no NLP): {result['seconds']:.0f} s, "
          f"peak RSS {result['peak_rss_kb'] // 1024} MiB")

    # A second run: the manifest held every name (latin-1 bytes included), the same
    # failures, nothing lost, nothing read again but what failed.
    again = kb_run("reindex", "--index", str(index), denied=denied, nlp=False)
    errors = [line for line in result["stderr"].splitlines() if line.startswith("erreur")]
    assert [line for line in again["stderr"].splitlines() if line.startswith("erreur")] == errors
    assert re.search(r"\(0 lus?,", again["stderr"]), again["stderr"]
    check_batch(again, corpus, cases, index)

    # The machine-readable summary: valid JSON, the same five errors, paths exact.
    record = json.loads(kb_run("reindex", "--json", "--index", str(index), denied=denied,
                               nlp=False)["stdout"])
    assert {e["path"] for e in record["errors"]} == {c.path for c in cases if c.reason}
    assert len(record["errors"]) == len({c.path for c in cases if c.reason})

    # kb search: plain and JSON output free of control and bidi characters.
    for extra in ([], ["--json"]):
        found = kb_run("search", "piégé", "--index", str(index), *extra, denied=[], nlp=False)
        assert found["status"] == 0 and "piégé" in found["stdout"].lower()
        assert not re.search(CONTROL_RE, found["stdout"]), found["stdout"]
        assert "pirate" in found["stdout"]  # the text around the escapes is still there


@pytest.mark.slow
def test_hostile_batch_with_real_enrichment_in_time_and_memory(tmp_path: Path) -> None:
    """Done-when of issue 14: under 5 minutes and 1.5 GB peak, with spaCy."""
    corpus, cases = hostile_corpus(tmp_path)
    index = tmp_path / "index"
    result = kb_run("reindex", str(corpus), "--index", str(index),
                    denied=denied_paths(cases), nlp=True)
    check_batch(result, corpus, cases, index)
    assert result["seconds"] < 300, result["seconds"]
    assert result["peak_rss_kb"] < 1_500_000, result["peak_rss_kb"]
    print(f"\nhostile batch with spaCy: {result['seconds']:.0f} s, "
          f"peak RSS {result['peak_rss_kb'] // 1024} MiB")
