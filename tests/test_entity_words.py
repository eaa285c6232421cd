"""Cue words shared by the organisation and person finders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kb.entity_words import (
    DEDICATION_NOUNS,
    ORG_HEADS,
    TITLE_WORDS,
    after_work_noun,
    is_french_word,
    looks_like_person,
    word_list,
)

ROOT = Path(__file__).resolve().parent.parent


def test_lists_come_from_the_data_file_folded():
    assert "lycee" in DEDICATION_NOUNS and "ministre" in TITLE_WORDS and "fondation" in ORG_HEADS
    with pytest.raises(ValueError, match="absente"):
        word_list("no-such-list")


@pytest.mark.parametrize(("text", "expected"), [
    ("Lisa Mouawad", True), ("Jean-Baptiste N'Diaye", True), ("Mission Jeunesse", False),
    ("KIOSQUE EMPLOI", False), ("Directrice Générale", False), ("Sarah", False),
])
def test_looks_like_person(text, expected):
    assert looks_like_person(text) is expected


def test_a_known_body_is_not_a_person():
    assert looks_like_person("Zorka Vidmar") is True
    assert looks_like_person("Zorka Vidmar", lambda text: text == "Zorka Vidmar") is False


@pytest.mark.parametrize(("text", "expected"), [
    # A word of the language where the first name should be, in any of its forms: no person.
    ("Roue Libre", False), ("Envol Emplois", False), ("Rivière Vivante", False),
    ("Clef Job", False), ("Lyon Capitale", True),
    # A known first name keeps a surname that is a word; accents are no endings.
    ("Marie Petit", True), ("Paul Boulanger", True), ("Hadja Touré", True),
    ("Wiremu Tane", True),
])
def test_a_name_without_first_name_holding_a_word_is_no_person(text, expected):
    assert looks_like_person(text) is expected


def test_french_words_are_read_in_their_inflected_forms():
    assert is_french_word("Solidarités") and is_french_word("Vivantes")
    assert is_french_word("locaux") and is_french_word("Emploi")
    assert not is_french_word("Mouawad") and not is_french_word("Touré")


def test_organisations_and_people_do_not_import_each_other():
    code = ("import sys, kb.organisations, kb.people; "
            "import kb.entity_words as w; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
    for module, other in (("kb/organisations.py", "kb.people"), ("kb/people.py",
                                                                  "kb.organisations")):
        source = (ROOT / module).read_text(encoding="utf-8")
        assert f"from {other} import" not in source and f"import {other}" not in source


@pytest.mark.parametrize("text", [
    "Dragan PETROVIĆ", "Agnieszka Wiśniewska", "Marguerite N'GUESSAN-DELORME"])
def test_names_of_every_european_spelling_look_like_people(text):
    assert looks_like_person(text)


def test_a_records_structure_says_person_whatever_the_words():
    assert not looks_like_person("Roue Libre")
    assert looks_like_person("Roue Libre", structured=True)


@pytest.mark.parametrize(("text", "title"), [
    ("Ils ont vu le film Roubaix, une lumière.", "Roubaix"),
    ("Un documentaire, Marseille la nuit, a été projeté.", "Marseille"),
    ("Les films Lyon et Divines ont été projetés.", "Lyon"),
    ("Le roman Les Misérables est au programme.", "Les Misérables"),
])
def test_a_title_after_a_works_noun(text, title):
    assert after_work_noun(text, text.index(title))


@pytest.mark.parametrize(("text", "town"), [
    ("Le film a été tourné à Roubaix.", "Roubaix"),
    ("Après le spectacle à Lyon, retour.", "Lyon"),
])
def test_a_town_after_a_works_noun_and_a_preposition_is_no_title(text, town):
    assert not after_work_noun(text, text.index(town))


def test_a_title_in_guillemets_after_a_works_noun():
    text = "Le spectacle, « Nantes, quai de la Fosse », est joué."
    assert after_work_noun(text, text.index("Nantes"))


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Les jeunes du quartier de la Petite Arche partent.", "Petite Arche", True),
    ("Au quartier des Indes, une fête.", "Indes", True),
    ("Le centre social de la Petite Arche ouvre.", "Petite Arche", False),
])
def test_a_name_after_the_noun_quartier(text, name, expected):
    from kb.entity_words import after_quartier_noun

    assert after_quartier_noun(text, text.index(name)) is expected


@pytest.mark.parametrize(("name", "person"), [
    ("Vexin Activités", False), ("Montigny Solidarités", False), ("Roue Libre", False),
    ("Claire Martin", True), ("Kweku Mensah", True), ("Nadia Lefèvre", True),
])
def test_a_plural_noun_closing_a_name_without_a_first_name_is_no_person(name, person):
    from kb.entity_words import looks_like_person

    assert looks_like_person(name) is person


@pytest.mark.parametrize("name", ["Solenne Logistique", "Marine Habitat",
                                  "Derichebourg Multiservices"])
def test_a_bodys_closing_word_ends_no_persons_name(name):
    from kb.entity_words import looks_like_person

    assert not looks_like_person(name)


@pytest.mark.parametrize(("word", "first_name"), [
    ("Élodie", True), ("Elodie", True), ("ÉLODIE", True), ("Hélène", True), ("Aïcha", True),
    ("Santé", False),  # a word; the list's "Sante" is written without the accent
])
def test_a_first_name_written_with_accents_must_not_be_a_word_of_the_language(word,
                                                                              first_name):
    from kb.entity_words import is_first_name

    assert is_first_name(word) is first_name
