"""Acronym ↔ expansion synonyms, applied at query time.

Read from `kb/data/acronyms*.tsv` (package data). Entries whose note says AMBIGU (CC, DSU,
AMI…) are never expanded: a query for them means only what was typed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from indexer.analysis import analyze, fold


@dataclass(frozen=True, slots=True)
class Glossary:
    # folded acronym ("gusp", "rep+") -> (acronym terms, expansion term tuples)
    by_acronym: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = field(
        default_factory=dict)
    # expansion terms -> acronym terms
    by_expansion: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str]]) -> Glossary:
        """rows of (acronym, expansion, note)."""
        by_acronym: dict = {}
        by_expansion: dict = {}
        for acronym, expansion, note in rows:
            if not acronym or not expansion or "AMBIGU" in note:
                continue
            acronym_terms = tuple(analyze(acronym))
            if not acronym_terms:
                continue
            expansions = tuple(
                terms for part in expansion.split(" / ")
                if len(terms := tuple(analyze(part))) > 1
            )
            if not expansions:
                continue
            key = fold(acronym)
            known = by_acronym.get(key, (acronym_terms, ()))
            by_acronym[key] = (acronym_terms, tuple(dict.fromkeys(known[1] + expansions)))
            for terms in expansions:
                by_expansion.setdefault(terms, acronym_terms)
        return cls(by_acronym, by_expansion)

    @classmethod
    def from_files(cls, paths: list[Path]) -> Glossary:
        rows: list[tuple[str, str, str]] = []
        for path in paths:
            with open(path, encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                rows += [(r["acronym"].strip(), r["expansion"].strip(), r.get("note") or "")
                         for r in reader]
        return cls.from_rows(rows)


def load_glossary() -> Glossary:
    """The glossary shipped as package data. An install without it is broken: searches
    would silently lose every acronym expansion, so it fails instead."""
    data = resources.files("kb") / "data"
    paths = sorted(
        Path(str(item)) for item in data.iterdir()
        if item.name.startswith("acronyms") and item.name.endswith(".tsv")
    )
    if not paths:
        raise FileNotFoundError(f"aucun glossaire des sigles (acronyms*.tsv) dans {data}")
    return Glossary.from_files(paths)
