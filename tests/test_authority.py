"""The authority vocabulary and the entity ruler fed from it."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from kb.authority import GENERIC_TYPES, load_vocabulary
from kb.nlp import name_pattern

TYPES = {"etat", "collectivite", "reseau", "bailleur", "protection_sociale", "association",
         "fondation", "enseignement", "recherche", "media", "entreprise", "europe", "autre"}


def authority_rows() -> list[dict[str, str]]:
    text = resources.files("kb").joinpath("data", "authority", "organisations.tsv").read_text(
        encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_authority_file_is_well_formed_and_sourced():
    rows = authority_rows()
    assert len(rows) >= 500
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert row["name"].strip() and row["source"].strip(), row
        assert row["type"] in TYPES, row


def test_vocabulary_links_glossary_and_authority():
    vocabulary = load_vocabulary()
    # A glossary acronym of kind `organisation` resolves to one entry, its name canonical.
    anru = vocabulary.lookup("ANRU")
    assert anru is not None and anru.id and "rénovation urbaine" in anru.name.lower()
    # Dispositifs and zonages of the glossary are never organisations.
    assert vocabulary.lookup("QPV") is None and "QPV" in vocabulary.non_organisation_acronyms
    assert not any(a in GENERIC_TYPES for k in vocabulary.known for a in k.acronyms)


def test_every_entry_is_reachable_by_its_id():
    vocabulary = load_vocabulary()
    assert all(vocabulary.by_id[k.id] is k for k in vocabulary.known)


@pytest.mark.parametrize(("words", "first_attr"), [
    (["Le", "Monde"], "LOWER"),  # another capital follows: "le Monde" is fine
    (["Orange"], "ORTH"),  # a single word keeps its capital: not the colour
    (["Union", "sociale", "pour", "l'", "habitat"], "ORTH"),
])
def test_name_pattern_keeps_capitals(words, first_attr):
    pattern = name_pattern(words)
    assert first_attr in pattern[0]
    assert all("ORTH" in token for word, token in zip(words[1:], pattern[1:], strict=True)
               if word[:1].isupper())


@pytest.mark.slow
def test_ruler_names_known_bodies_before_ner(nlp):
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")
    doc = nlp("Le monde associatif et Le Monde ont rencontré l'Agence nationale pour la "
              "renovation urbaine et l'ANRU.")
    named = [(e.text, e.ent_id_) for e in doc.ents if e.ent_id_]
    assert ("Le Monde", load_vocabulary().lookup("Le Monde").id) in named
    assert not any(text.startswith("Le monde") for text, _ in named)
    # Without accents, as people type: the same body as with them.
    anru = load_vocabulary().lookup("ANRU").id
    assert sum(1 for _, id_ in named if id_ == anru) == 2
