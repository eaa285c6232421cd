"""What a batch reads (kb.files), what reaches a terminal (kb.controls), long texts through
spaCy (kb.nlp.chunks) and the sandbox's own contract (kb.sandbox)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb import nlp as nlp_module
from kb.controls import for_terminal, shown, strip_controls
from kb.files import discover
from kb.sandbox import Limits, SandboxFailure, run_limited


def test_strip_controls_keeps_text_and_line_ends() -> None:
    assert strip_controls("Titre\x1b[2J\x1b]0;x\x07 fin\u202e\r\nsuite\t!") == \
        "Titre[2J]0;x fin\nsuite\t!"
    assert strip_controls("habitant·e·s à Persan\u00a0!") == "habitant·e·s à Persan\u00a0!"


def test_terminal_output_keeps_carriage_return_for_the_progress_bar() -> None:
    assert for_terminal("\r[###] 1/2\x1b[2J\u2066") == "\r[###] 1/2[2J"


def test_shown_escapes_what_would_forge_or_hide_a_line() -> None:
    assert shown("a/n60.txt") == "a/n60.txt"
    assert shown("a/n60\nerreur : x.txt") == "a/n60\\nerreur : x.txt"
    assert shown(os.fsdecode(b"num\xe9ro.txt")) == "num\\xe9ro.txt"
    assert shown("fdp.\u202etxt") == "fdp.\\u202etxt"
    assert shown("a\\b") == "a\\\\b"  # so an escape cannot be forged either
    assert shown("numéro.txt") == "numéro.txt"


def test_links_inside_are_followed_outside_are_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "n1.txt").write_text("x", encoding="utf-8")
    (corpus / "alias.txt").symlink_to(corpus / "sub" / "n1.txt")
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (corpus / "dehors").symlink_to(tmp_path, target_is_directory=True)
    (corpus / ".cache").mkdir()
    (corpus / ".cache" / "n2.txt").write_text("x", encoding="utf-8")
    (corpus / "notes.md").write_text("x", encoding="utf-8")
    files, failures = discover([corpus])
    assert files == [str(corpus / "alias.txt"), str(corpus / "sub" / "n1.txt")]
    assert [(Path(f.path).name, f.reason.split(" :")[0]) for f in failures] == [
        ("passwd.txt", "lien symbolique vers l'extérieur du dossier indexé")]


def test_missing_and_special_paths_are_failures(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.txt")
    files, failures = discover([tmp_path / "absent", tmp_path / "tube.txt"])
    assert files == []
    assert [f.reason for f in failures] == ["fichier ou dossier introuvable",
                                            "pas un fichier ordinaire (tube, périphérique…)"]


def test_chunks_cover_the_text_and_cut_at_breaks() -> None:
    text = ("Un paragraphe de Sarcelles. " * 30 + "\n\n") * 50
    pieces = nlp_module.chunks(text, 1000)
    assert "".join(piece for _offset, piece in pieces) == text
    assert all(len(piece) <= 1000 for _offset, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.startswith(("\n\n", " ")) for _offset, piece in pieces[1:])


@pytest.mark.slow
def test_long_text_entities_keep_their_offsets(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Le maire de Sarcelles a rencontré Marie Dupont à Mantes-la-Jolie. " * 40 + "\n\n") * 3
    whole = nlp_module.entities([text])[0]
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1500)
    pieces = nlp_module.entities([text, "Persan."])[0]
    assert pieces and all(text[e.start:e.end] == e.text for e in pieces)
    assert {(e.start, e.label) for e in pieces} >= {(e.start, e.label) for e in whole
                                                    if e.end < 1000}


def test_sandbox_returns_the_result_and_reports_exceptions() -> None:
    limits = Limits(seconds=10, memory_mb=200)
    assert run_limited(lambda: {"pid": os.getpid()}, limits)["pid"] != os.getpid()
    with pytest.raises(SandboxFailure, match=r"erreur inattendue \(KeyError : 'x'\)"):
        run_limited(lambda: {}["x"], limits)
    with pytest.raises(SandboxFailure, match="structure trop profondement"):
        run_limited(lambda: (_ for _ in ()).throw(RecursionError()), limits)


def test_sandbox_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_FILE_SANDBOX", "0")
    monkeypatch.setenv("KB_FILE_SECONDS", "30")
    limits = Limits.from_env()
    assert not limits.isolated and limits.seconds == 30
    assert run_limited(os.getpid, limits) == os.getpid()


def test_manifest_keeps_file_names_of_any_bytes(tmp_path: Path) -> None:
    from indexer.writer import FileEntry, Manifest

    raw = [b"num\xe9ro-92.txt", b"n93\nerreur : faux.txt", "numéro-é.txt".encode()]
    for name in raw:
        (tmp_path / os.fsdecode(name)).write_bytes(b"x")
    manifest = Manifest(files={os.fsdecode(os.path.join(os.fsencode(tmp_path), name)):
                               FileEntry("0" * 64, "i", ["a"]) for name in raw})
    manifest.save(tmp_path)
    (tmp_path / "manifest.json").read_bytes().decode("ascii")  # valid JSON text, any tool
    loaded = Manifest.load(tmp_path)
    assert loaded.files.keys() == manifest.files.keys()
    assert sorted(os.path.basename(os.fsencode(p)) for p in loaded.files) == sorted(raw)
    assert all(os.path.exists(os.fsencode(p)) for p in loaded.files)


def test_terminal_output_of_json_with_undecodable_file_names_stays_json() -> None:
    import json

    name = os.fsdecode(b"num\xe9ro.txt")
    out = for_terminal(json.dumps({"path": name}, ensure_ascii=False))
    out.encode("utf-8")  # writable to a UTF-8 terminal or pipe
    assert json.loads(out)["path"] == name
