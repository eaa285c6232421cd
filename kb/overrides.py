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
The path comes from `enrich_all(overrides=…)`, `kb … --corrections FILE` or `$KB_OVERRIDES`,
else the file the index remembers (kbcli/corrections.py). `read_rules` names every bad
line with its number, for `kb corrections verifier` and before `kb reindex` writes.
"""

from __future__ import annotations

import csv
import difflib
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


def _target_problem(kind: str, action: str, target: str) -> str | None:
    """An alias must point at something the index knows: a wrong INSEE code or theme id
    would silently file articles nowhere."""
    if action != "alias":
        return None
    if kind == "commune":
        from kb.gazetteer import load_gazetteer

        if load_gazetteer().get(target) is None:
            return f"code INSEE inconnu « {target} » (colonne target ; liste : kb communes)"
    if kind == "theme":
        from kb.themes import load_themes

        if target not in load_themes().themes:
            return f"thème inconnu « {target} » (colonne target ; liste : kb themes)"
    return None


def _close(value: str, choices: tuple[str, ...]) -> str:
    found = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {found[0]} » ?" if found else ""


def read_rules(text: str) -> tuple[list[Override], list[tuple[int, str]]]:
    """The rules, and (line number, French reason) for every line that cannot be one."""
    rules: list[Override] = []
    problems: list[tuple[int, str]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if not header_seen and [c.strip().lower() for c in row[:2]] == ["kind", "action"]:
            header_seen = True
            continue
        header_seen = True
        if len(row) < 3 and " " in line and "\t" not in line:
            problems.append((number, "colonnes séparées par des espaces : il faut des "
                                     "tabulations (kind, action, text, target)"))
            continue
        cells = [c.strip() for c in row] + [""] * (4 - len(row))
        kind, action, subject, target = cells[:4]
        if kind not in KINDS:
            problems.append((number, f"type inconnu « {kind} » ({', '.join(KINDS)})"
                                     + _close(kind, KINDS)))
        elif action not in ACTIONS:
            problems.append((number, f"action inconnue « {action} » ({', '.join(ACTIONS)})"
                                     + _close(action, ACTIONS)))
        elif not subject or (action != "ignore" and not target):
            missing = "text" if not subject else "target"
            problems.append((number, f"ligne incomplète, colonne {missing} vide : "
                                     + " | ".join(cells[:4])))
        elif len([c for c in cells[4:] if c]) > 0:
            problems.append((number, f"colonnes en trop après target : {' | '.join(cells[4:])}"))
        elif problem := _target_problem(kind, action, target):
            problems.append((number, problem))
        else:
            rules.append(Override(kind, action, subject, target))
    return rules, problems


def parse_overrides(text: str, origin: str = "<overrides>") -> Overrides:
    rules, problems = read_rules(text)
    if problems:
        number, reason = problems[0]
        raise OverrideError(f"{origin}, ligne {number} : {reason}")
    return Overrides(rules)


def read_overrides_file(path: str | os.PathLike[str]) -> str:
    """The file's text, or an OverrideError saying in French why it cannot be read."""
    file = Path(path)
    if not file.is_file():
        raise OverrideError(f"fichier de corrections introuvable : {file}")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise OverrideError(f"{file} : le fichier n'est pas en UTF-8 (l'enregistrer en "
                            "« texte Unicode UTF-8, séparé par des tabulations »)") from None
    except OSError as error:
        raise OverrideError(f"{file} : lecture impossible ({error.strerror})") from None


def load_overrides(path: str | os.PathLike[str] | None = None) -> Overrides:
    """The given file, else $KB_OVERRIDES, else no overrides."""
    chosen = path or os.environ.get("KB_OVERRIDES")
    if not chosen:
        return Overrides()
    return parse_overrides(read_overrides_file(chosen), str(chosen))
