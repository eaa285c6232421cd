"""Organisations: known names and acronyms both ways, introducing phrases, filtered NER."""

from __future__ import annotations

import pytest

from kb.nlp import entities, mask
from kb.organisations import find_organisations, load_vocabulary
from kb.themes import load_themes


def orgs_of(text, themes=()):
    vocabulary = load_vocabulary()
    keep = frozenset(k.acronym for k in vocabulary.known if k.acronym)
    masked = mask(text, keep)
    found = find_organisations(masked, entities([masked.text])[0], vocabulary, themes=themes,
                               theme_phrases=load_themes().folded_phrases())
    return {(o.ref.name, o.ref.acronym) for o in found}


def test_acronym_and_expansion_are_one_organisation():
    vocabulary = load_vocabulary()
    assert vocabulary.lookup("ANRU").name == "Agence nationale pour la rénovation urbaine"
    assert vocabulary.lookup("Agence nationale pour la rénovation urbaine").acronym == "ANRU"
    assert vocabulary.lookup("Centre communal d’action sociale").acronym == "CCAS"
    # Dispositifs and zonages are not organisations.
    assert vocabulary.lookup("PRE") is None and "PRE" in vocabulary.non_organisation_acronyms


@pytest.mark.slow
def test_seed_sentence_quartiers_productifs(nlp):
    found = orgs_of(
        "Mis en oeuvre conjointement par l'ANCT, l'ANRU, la Banque des Territoires ainsi que "
        "Bpifrance, et porté par le ministère de la ville, il vise à accompagner les "
        "collectivités. 3 territoires franciliens (Est Ensemble, Grand Paris Sud & "
        "Orly-Choisy), sont sélectionnés.")
    assert {
        ("Agence nationale de la cohésion des territoires", "ANCT"),
        ("Agence nationale pour la rénovation urbaine", "ANRU"),
        ("Banque des Territoires", "BDT"),
        ("Bpifrance", "BPI"),
        ("Est Ensemble", None),
        ("Grand Paris Sud", None),
    } <= found


@pytest.mark.slow
def test_introducing_phrases(nlp):
    found = orgs_of(
        "La ville, en partenariat avec le bailleur social Val d'Oise Habitat, ouvre une "
        "antenne. Ce dispositif, porté par le groupement d'employeurs Clef Job, aide. "
        "L'association Migrations Santé organise un séminaire coanimé avec le cabinet Chronos.")
    names = {name for name, _ in found}
    assert {"Val d'Oise Habitat", "Clef Job", "Migrations Santé", "Chronos"} <= names


@pytest.mark.slow
def test_headings_roles_themes_and_inclusive_words_are_not_organisations(nlp):
    found = orgs_of(
        "UN KIOSQUE POUR L'EMPLOI AU COEUR DU QUARTIER PRIORITAIRE\n"
        "Ainsi, de nouveaux acteur.rice.s, dont l'Inspectrice Académique et la Directrice "
        "de l'Éducation, rejoignent la Gestion Urbaine de Proximité de la Politique de la "
        "Ville et le Conseil Citoyen, avec la Préfecture.")
    names = {name.lower() for name, _ in found}
    for trap in ("kiosque", "emploi", "acteur.rice.s", "inspectrice académique",
                 "directrice de l'éducation", "gestion urbaine de proximité",
                 "politique de la ville", "conseil citoyen", "préfecture"):
        assert trap not in names


@pytest.mark.slow
def test_ambiguous_acronym_needs_its_meaning(nlp):
    text = "Les jeunes sont orientés vers la ML pour un accompagnement."
    assert ("Mission locale", "ML") not in orgs_of(text)
    assert ("Mission locale", "ML") in orgs_of(text, themes=["emploi-insertion"])
