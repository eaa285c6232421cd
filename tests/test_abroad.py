"""kb.abroad: a town named with a foreign country or region is not a French commune."""

from __future__ import annotations

import pytest

from kb.abroad import names_country, namesake_abroad, written_abroad


def _abroad(text: str, town: str) -> bool:
    start = text.index(town)
    return written_abroad(text, start, start + len(town))


@pytest.mark.parametrize(("text", "town"), [
    ("Des échanges avec Valence, en Espagne, sont prévus.", "Valence"),
    ("Un voyage à Laval (Québec) pour les élus.", "Laval"),
    ("Au Sénégal, à Saint-Louis, les jeunes ont joué.", "Saint-Louis"),
    ("Une visite de Tournai en Belgique.", "Tournai"),
    ("Des jumelages avec Alexandrie, en Égypte.", "Alexandrie"),
])
def test_a_town_set_in_a_foreign_country_or_region_is_abroad(text, town):
    assert _abroad(text, town)


@pytest.mark.parametrize(("text", "town"), [
    ("Les élus ont visité Valence (Drôme) et Lyon.", "Valence"),
    ("Après un séjour au Canada, retour à Lyon puis à Laval (Mayenne).", "Lyon"),
    ("Une rencontre à Dole, dans le Jura.", "Dole"),  # a name France uses too
])
def test_a_town_of_france_stays_in_france(text, town):
    assert not _abroad(text, town)


def test_a_town_of_a_country_written_with_de():
    assert _abroad("Parties de Saint-Louis du Sénégal en 2030.", "Saint-Louis")
    assert _abroad("Un échange avec Valence d'Espagne.", "Valence")


@pytest.mark.parametrize(("text", "town"), [
    ("Un jumelage avec la ville belge de Mons est prévu.", "Mons"),
    ("Des élus de Laval, ville québécoise, sont venus.", "Laval"),
    ("La commune andalouse de Valence a reçu le prix.", "Valence"),
])
def test_a_town_set_abroad_by_an_adjective_of_nationality(text, town):
    assert _abroad(text, town)


def test_a_french_town_named_with_a_french_kind_stays_in_france():
    assert not _abroad("La ville de Mons-en-Barœul, commune du Nord, innove.", "Mons-en-Barœul")


@pytest.mark.parametrize(("text", "town"), [
    ("Un échange avec Saint-Louis, ville du Sénégal, est prévu.", "Saint-Louis"),
    ("Des jeunes de Tanger, dans le nord du Maroc, sont venus.", "Tanger"),
])
def test_a_town_set_abroad_past_its_kind_or_a_compass_point(text, town):
    assert _abroad(text, town)


def test_a_namesake_abroad_is_known_with_its_country():
    namesake = namesake_abroad("Laval")
    assert namesake is not None and namesake.country == "Canada"
    assert namesake.dwarfs(49_728)  # Laval, Mayenne
    brest = namesake_abroad("Brest")
    assert brest is not None and not brest.dwarfs(140_064)  # Brest stays the Breton town
    assert namesake_abroad("Argenteuil") is None


def test_a_country_is_named_as_a_word():
    assert names_country("Un séjour au Canada, puis à Laval.", "Canada")
    assert names_country("Aux etats-unis, à Orange.", "États-Unis")
    assert not names_country("Les canadairs sont arrivés.", "Canada")


@pytest.mark.parametrize(("text", "town"), [
    ("Les beignets de Sainte-Marie, l'île au large de Madagascar où elle a grandi.",
     "Sainte-Marie"),
    ("Elle vient de Kayes, une ville de l'ouest du Mali.", "Kayes"),
])
def test_a_town_set_abroad_by_an_apposition(text, town):
    assert _abroad(text, town)


def test_an_apposition_naming_no_country_keeps_the_town_in_france():
    text = "Une visite à Valence, la ville de la Drôme, puis en Espagne."
    assert not _abroad(text, "Valence")


def test_an_apposition_holding_a_word_named_like_a_region_abroad_is_no_place():
    text = "Né au Mirail, à Toulouse, le réalisateur revient trente ans plus tard."
    assert not _abroad(text, "Toulouse")
