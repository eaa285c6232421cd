"""The corrections file: one home for every command, checked before anything is written.

Which file: `--corrections FICHIER`, else `$KB_OVERRIDES`, else the one the index
remembers (kbcli/memory.py) from the first time one was given. `kb reindex` remembers
the file it used, so `make run`, a scheduled job or a plain `kb reindex` keep applying it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.overrides import OverrideError, read_overrides_file, read_rules
from kb.textclean import plural
from kbcli.common import index_dir
from kbcli.memory import load_state, save_state


@dataclass(frozen=True, slots=True)
class Corrections:
    path: str
    origin: str  # "--corrections", "$KB_OVERRIDES", "mémorisé par l'index"
    text: str
    digest: str
    count: int


class BadCorrections(Exception):
    """The file cannot be used; `lines` are the French messages, one per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def chosen_path(args: argparse.Namespace) -> tuple[str | None, str]:
    if getattr(args, "corrections", None):
        return args.corrections, "--corrections"
    if os.environ.get("KB_OVERRIDES"):
        return os.environ["KB_OVERRIDES"], "$KB_OVERRIDES"
    remembered = load_state(index_dir(args)).get("corrections")
    return (remembered, "mémorisé par l'index") if remembered else (None, "")


def load_corrections(path: str, origin: str) -> Corrections:
    """The checked file, or BadCorrections naming every bad line."""
    try:
        text = read_overrides_file(path)
    except OverrideError as error:
        raise BadCorrections([str(error)]) from None
    rules, problems = read_rules(text)
    if problems:
        raise BadCorrections([f"{path}, ligne {n} : {reason}" for n, reason in problems])
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Corrections(str(Path(path).resolve()), origin, text, digest, len(rules))


def current(args: argparse.Namespace) -> Corrections | None:
    """The corrections every command applies, checked; None when there are none."""
    path, origin = chosen_path(args)
    return load_corrections(path, origin) if path else None


def report_bad(bad: BadCorrections, stopped: str) -> None:
    for line in bad.lines:
        print(f"erreur : {line}", file=sys.stderr)
    print(f"{stopped} ; vérifier le fichier avec « kb corrections verifier »", file=sys.stderr)


def cmd_verifier(args: argparse.Namespace) -> int:
    path, origin = (args.fichier, "argument") if args.fichier else chosen_path(args)
    if not path:
        print("aucun fichier de corrections : en donner un avec « kb reindex --corrections "
              "FICHIER » (modèle : kb/data/overrides.example.tsv)", file=sys.stderr)
        return 1
    try:
        found = load_corrections(path, origin)
    except BadCorrections as bad:
        for line in bad.lines:
            print(f"erreur : {line}", file=sys.stderr)
        print(plural(len(bad.lines), "erreur"), file=sys.stderr)
        return 1
    print(f"{found.path} : {plural(found.count, 'correction')}, aucune erreur "
          f"({found.origin})")
    return 0


def cmd_montrer(args: argparse.Namespace) -> int:
    path, origin = chosen_path(args)
    if not path:
        print("aucun fichier de corrections")
        return 0
    print(f"{path} ({origin})")
    return 0


def cmd_oublier(args: argparse.Namespace) -> int:
    """Stop applying the remembered file (moved, or no longer wanted); the next
    `kb reindex` re-enriches the archive without it."""
    where = index_dir(args)
    state = load_state(where)
    if not state.get("corrections"):
        print("aucun fichier de corrections mémorisé par l'index")
        return 0
    print(f"oublié : {state['corrections']} (le prochain kb reindex réenrichit l'archive "
          "sans lui)")
    state["corrections"] = None
    save_state(where, state)
    return 0
