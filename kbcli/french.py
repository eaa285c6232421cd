"""The command line in French: argparse's own strings, plurals, close-match hints.

argparse looks its messages up through the module-level `_` and `ngettext` each time it
formats one, so replacing those two names is the documented-enough way to translate
them without copying argparse's code. The translations live in kb/data/cli_fr.tsv.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import NoReturn


@cache
def translations() -> dict[str, str]:
    text = resources.files("kb").joinpath("data", "cli_fr.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        if not line or line.startswith("#") or line.startswith("english\t"):
            continue
        english, french = line.split("\t", 1)
        # The file is one message a line: a message's own line end is written "\n".
        table[english.replace("\\n", "\n")] = french.replace("\\n", "\n")
    return table


def gettext_fr(message: str) -> str:
    return translations().get(message, message)


def ngettext_fr(singular: str, plural: str, n: int) -> str:
    return gettext_fr(singular if n == 1 else plural)


def install_argparse_french() -> None:
    argparse._ = gettext_fr  # type: ignore[attr-defined]
    argparse.ngettext = ngettext_fr  # type: ignore[attr-defined]


class FrenchParser(argparse.ArgumentParser):
    """allow_abbrev=False: `--ful` must be an error, never taken for `--full`."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = self._close_option_hint(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}{hint}\n")

    def _close_option_hint(self, message: str) -> str:
        """"arguments non reconnus : --ful" gets "(vouliez-vous dire --full ?)"."""
        prefix = gettext_fr("unrecognized arguments: %s").split("%s")[0]
        if not message.startswith(prefix):
            return ""
        known = [s for action in self._actions for s in action.option_strings]
        words = message[len(prefix):].split()
        guesses = [g for w in words if w.startswith("-")
                   for g in difflib.get_close_matches(w, known, n=1, cutoff=0.6)]
        return f" (vouliez-vous dire {', '.join(guesses)} ?)" if guesses else ""


def close_matches(wanted: str, names: Iterable[str], limit: int = 5) -> list[str]:
    return difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.6)


class UsageError(Exception):
    """A value the user typed that means nothing here; the message is French and final."""
