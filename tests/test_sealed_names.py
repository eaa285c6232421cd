"""Nothing in kb/ names an entity of a sealed text: no rule, list or comment was fitted to
them. People are all invented; an organisation counts unless the authority file holds it
(public bodies, listed from public sources) or it is a type phrase of the vocabulary
("régie de quartier")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kb.entity_words import _rows
from kb.nlp import fold

ROOT = Path(__file__).resolve().parent.parent
SEALED = sorted((ROOT / "tests" / "sealed").glob("entities*"))


def _labels():
    for folder in SEALED:
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        for name, articles in labels.items():
            if not name.startswith("_"):
                yield from articles


def test_no_sealed_person_is_named_in_kb():
    # The first-name list is INSEE's and nam_dict's, built by a tool from public files;
    # a surname labelled alone may be a first name there too.
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "kb").rglob("*")
             if p.is_file() and p.suffix in (".py", ".tsv", ".json", ".md")
             and p.name != "first_names.tsv"]
    everything = "\n".join(texts)
    named = {person for article in _labels() for person in article.get("people", [])
             if person in everything}
    if named:  # a count, never the names: the failure must not show sealed labels
        pytest.fail(f"{len(named)} sealed people named in kb/", pytrace=False)


def test_no_local_sealed_organisation_is_named_in_kb_code():
    authority = fold((ROOT / "kb/data/authority/organisations.tsv").read_text(encoding="utf-8"))
    vocabulary = {fold(row["word"]) for row in _rows("entity_words.tsv")}
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kb").rglob("*.py"))
    named = set()
    for article in _labels():
        for forms in article.get("organisations", []):
            if any(fold(form) in authority for form in forms):
                continue
            for form in forms:
                if form in code and " " in form and len(form) >= 6 \
                        and fold(form) not in vocabulary \
                        and re.search(rf"\b{re.escape(form)}\b", code):
                    named.add(form)
    if named:  # pytest would print the set on `assert not named`: a count only
        pytest.fail(f"{len(named)} sealed organisations named in kb/ code", pytrace=False)
