"""Documentalist corrections applied at the next enrichment run.

A TSV file (see kb/data/overrides.example.tsv) with columns
`kind  action  text  target`:

- kind: commune | organisation | person | theme
- action:
  - alias: `text` found in an article means `target` (commune: an INSEE code;
    organisation/person: a canonical name; theme: a theme id) — "Mantes" → 78361;
  - ignore: never report `text` (commune name, organisation or person name, theme id)
    — "KIOSQUE";
  - canonical: report `text` under the name `target` — "Pole emploi" → "Pôle emploi".

Matching of `text` is accent- and case-insensitive. Lines starting with # are comments.
The path comes from `enrich_all(overrides=…)`, `kb … --overrides FILE` or `$KB_OVERRIDES`.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.nlp import fold

KINDS = ("commune", "organisation", "person", "theme")
ACTIONS = ("alias", "ignore", "canonical")


class OverrideError(ValueError):
    """A line of the override file that cannot be applied (message in French)."""


@dataclass(frozen=True, slots=True)
class Override:
    kind: str
    action: str
    text: str
    target: str


@dataclass
class Overrides:
    rules: list[Override] = field(default_factory=list)

    def _rules(self, kind: str, action: str) -> list[Override]:
        return [r for r in self.rules if r.kind == kind and r.action == action]

    def ignored(self, kind: str, text: str) -> bool:
        folded = fold(text.strip())
        return any(fold(r.text) == folded for r in self._rules(kind, "ignore"))

    def canonical(self, kind: str, name: str) -> str:
        folded = fold(name.strip())
        for rule in self._rules(kind, "canonical"):
            if fold(rule.text) == folded:
                return rule.target
        return name

    def aliases_in(self, kind: str, text: str) -> list[tuple[Override, int, int]]:
        """Alias rules whose text occurs in `text` as whole words, with their offsets."""
        found: list[tuple[Override, int, int]] = []
        for rule in self._rules(kind, "alias"):
            pattern = re.compile(r"(?<![\w-])" + re.escape(rule.text) + r"(?![\w-])",
                                 re.IGNORECASE)
            found.extend((rule, m.start(), m.end()) for m in pattern.finditer(text))
        return found


def parse_overrides(text: str, origin: str = "<overrides>") -> Overrides:
    rules: list[Override] = []
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["kind", "action"]:
            continue
        cells = [c.strip() for c in row] + [""] * (4 - len(row))
        kind, action, subject, target = cells[:4]
        if kind not in KINDS:
            raise OverrideError(f"{origin} : type inconnu « {kind} » ({', '.join(KINDS)})")
        if action not in ACTIONS:
            raise OverrideError(f"{origin} : action inconnue « {action} » ({', '.join(ACTIONS)})")
        if not subject or (action != "ignore" and not target):
            raise OverrideError(f"{origin} : ligne incomplète : {' | '.join(cells[:4])}")
        rules.append(Override(kind, action, subject, target))
    return Overrides(rules)


def load_overrides(path: str | os.PathLike[str] | None = None) -> Overrides:
    """The given file, else $KB_OVERRIDES, else no overrides."""
    chosen = path or os.environ.get("KB_OVERRIDES")
    if not chosen:
        return Overrides()
    file = Path(chosen)
    if not file.is_file():
        raise OverrideError(f"fichier de corrections introuvable : {file}")
    return parse_overrides(file.read_text(encoding="utf-8"), str(file))
