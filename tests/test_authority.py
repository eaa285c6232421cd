"""The authority vocabulary and the entity ruler fed from it."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from kb.authority import GENERIC_TYPES, load_vocabulary
from kb.nlp import acronym_variants, name_variants

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


def test_name_variants_keep_capitals():
    assert "le Monde" in name_variants("Le Monde")  # another capital follows
    assert name_variants("Orange") == ["Orange"]  # one word keeps its capital: not the colour
    union = name_variants("Union sociale pour l'habitat")
    assert "Union sociale pour l'habitat" in union and "union sociale pour l'habitat" not in union
    assert "Caisse des dépôts" in name_variants("Caisse des Dépôts")  # three words or more
    assert "Education nationale" in name_variants("Éducation nationale")  # capitals unaccented


def test_acronym_variants():
    assert acronym_variants("ADIE") == ["ADIE", "Adie"]
    assert acronym_variants("CAF") == ["CAF", "Caf"]  # "la Caf"; "Ans", a word, is data
    assert acronym_variants("GPS&O") == ["GPS&O"]


@pytest.mark.slow
def test_ruler_names_known_bodies_before_ner(nlp):
    assert nlp.pipe_names.index("known_organisations") < nlp.pipe_names.index("ner")
    doc = nlp("Le monde associatif et Le Monde ont rencontré l'Agence nationale pour la "
              "rénovation urbaine et l'ANRU.")
    named = [(e.text, e.ent_id_) for e in doc.ents if e.ent_id_]
    assert ("Le Monde", load_vocabulary().lookup("Le Monde").id) in named
    assert not any(text.startswith("Le monde") for text, _ in named)
    # The name and the acronym: one body.
    anru = load_vocabulary().lookup("ANRU").id
    assert sum(1 for _, id_ in named if id_ == anru) == 2
