"""People: Mouvements lines, contacts, filtered PER spans, canonical names."""

from __future__ import annotations

import re

import pytest

from kb.authority import load_vocabulary
from kb.gazetteer import load_gazetteer
from kb.geo import PlaceLinker
from kb.models import Mention
from kb.nlp import Entity, entities, mask
from kb.people import (
    canonical_person_name,
    find_people,
    looks_like_person,
    parse_contact,
    parse_mouvement,
)


def exact_commune_names(text: str) -> list[Mention]:
    """Whole-text commune names of the 78/92/95 from the real gazetteer (no fuzzy linking:
    the people module only needs *a* linker; the real one is tested in test_geo)."""
    gazetteer = load_gazetteer()
    found = []
    for commune in gazetteer.communes.values():
        if commune.departement not in ("78", "92", "95"):
            continue
        for match in re.finditer(r"(?<![\w-])" + re.escape(commune.name) + r"(?![\w-])", text):
            found.append(Mention("COMMUNE", match.group(), match.start(), match.end(),
                                 commune.insee))
    return found


def _names_found(text: str) -> set[str]:
    """The people found in `text` by spaCy and the finder, with the real vocabulary."""
    masked = mask(text)
    return {p.ref.name for p in find_people(masked, entities([masked.text])[0],
                                            load_vocabulary(), exact_commune_names)}


def test_mouvements_line_gives_role_and_communes():
    ref = parse_mouvement("**Carl Garcia**, délégué du Préfet, Nanterre", exact_commune_names)
    assert (ref.name, ref.role, ref.communes) == ("Carl Garcia", "délégué du Préfet", ("92050",))
    ref = parse_mouvement("Lydia Hugues, déléguée du Préfet, Chanteloup-les-Vignes, "
                          "Vernouillet, Carrières-sous-Poissy", exact_commune_names, in_list=True)
    assert ref.communes == ("78138", "78643", "78123")
    ref = parse_mouvement(
        "Bastien Mari, chargé de développement de l'emploi et des territoires, DIRECCTE "
        "Île-de-France, Unité départementale du Val-d'Oise.", exact_commune_names, in_list=True)
    assert ref.organisation == "DIRECCTE Île-de-France" and ref.communes == ()


def test_book_reference_is_not_a_mouvement_outside_a_list():
    line = "Arnaud Alessandrin, Johanna Dagorn, MSHA éditions, 2020, 150 p."
    assert parse_mouvement(line, exact_commune_names) is None


def test_contact():
    ref = parse_contact("Lisa Mouawad, gup@ville-persan.fr")
    assert (ref.name, ref.email) == ("Lisa Mouawad", "gup@ville-persan.fr")
    assert parse_contact("www.clefjob.fr") is None


def test_canonical_names():
    assert canonical_person_name("LAURENT Marie") == "Marie Laurent"
    assert canonical_person_name("Marie LAURENT") == "Marie Laurent"
    assert canonical_person_name("Mathieu Van Criekingen") == "Mathieu Van Criekingen"


def test_companies_and_words_are_not_people():
    vocabulary = load_vocabulary()
    for text in ("Bpifrance", "Clef Job", "Économie Sociale", "Mission Jeunesse",
                 "acteur.rice.s", "KIOSQUE EMPLOI", "Val-Fourré"):
        assert not looks_like_person(text, vocabulary.lookup), text
    assert looks_like_person("Johanna Dagorn", vocabulary.lookup)


@pytest.mark.slow
def test_seed_sentences(nlp):
    text = ("Mis en oeuvre par l'ANCT ainsi que Bpifrance. Ce dispositif, porté par le "
            "groupement d'employeurs Clef Job, aide. Le container devrait demeurer au "
            "Val-Fourré. Des acteur.rice.s et Xavier Brisbois, docteur en psychologie.\n"
            "« Lutte contre les bandes », Paul Quinio, Libération, 12 mars")
    masked = mask(text)
    quartier = text.index("Val-Fourré")
    places = [*exact_commune_names(text),
              Mention("QUARTIER", "Val-Fourré", quartier, quartier + 10, "78361|Val Fourré")]
    clef = text.index("Clef Job")
    people = find_people(masked, entities([masked.text])[0], load_vocabulary(),
                         exact_commune_names,
                         excluded_spans=[(m.start, m.end) for m in places]
                         + [(clef, clef + 8)])
    names = {p.ref.name for p in people}
    assert {"Xavier Brisbois", "Paul Quinio"} <= names
    assert not names & {"Bpifrance", "Clef Job", "Val-Fourré", "acteur.rice.s"}


def test_names_with_apostrophe_after_an_initial_are_names():
    assert looks_like_person("Jean-Baptiste N'Diaye")
    assert looks_like_person("Aïssatou D’Almeida")


@pytest.mark.slow
def test_honorific_is_not_part_of_the_name(nlp):
    text = ("La rencontre sera animée par Mme Inès Boudjemaa, chargée de mission. Avec le "
            "témoignage de M. Ousmane Keita, gardien d'immeuble.")
    names = _names_found(text)
    assert {"Inès Boudjemaa", "Ousmane Keita"} <= names
    assert not any(name.startswith(("Mme", "M.")) for name in names)


@pytest.mark.slow
def test_authors_of_a_book_line_are_people(nlp):
    text = "Samir Haddou et Claire Vigneau, Éditions de l'Aube, 2023, 150 p.\n\nUne enquête."
    assert {"Samir Haddou", "Claire Vigneau"} <= _names_found(text)


def test_a_known_first_name_before_a_surname_is_a_person_without_the_model():
    masked = mask("Le comité est présidé par Nadège LEFEBVRE, et Farida Ben Salah témoigne. "
                  "Il se réunit avenue Jean Jaurès, au réseau Espérance Banlieues.")
    names = {found.ref.name for found in find_people(masked, [], load_vocabulary(),
                                                     exact_commune_names)}
    assert names == {"Nadège Lefebvre", "Farida Ben Salah"}


def test_a_place_s_name_where_a_first_name_should_be_leads_no_person():
    """'Cholet Handball' read as PER by the model, or as a contact's name: a body named
    after its town; a first name that is also a commune's ('Marie') still leads one."""
    linker = PlaceLinker(load_gazetteer())
    text = "Le club Cholet Handball accueille Marie Duval pour un stage."
    masked = mask(text)
    ner = [Entity("PER", "Cholet Handball", 8, 23), Entity("PER", "Marie Duval", 34, 45)]
    found = find_people(masked, ner, load_vocabulary(), exact_commune_names,
                        contacts=["Tarbes Volley, 06 00 00 00 00"],
                        names_a_place=linker.names_a_place)
    assert {p.ref.name for p in found} == {"Marie Duval"}


def test_a_name_set_all_in_capitals_in_an_appointment_list_is_a_person():
    ref = parse_mouvement("- **JULIETTE ANDILLY**, directrice de la politique de la ville, "
                          "Sarcelles", exact_commune_names)
    assert (ref.name, ref.communes) == ("Juliette Andilly", ("95585",))
    ref = parse_mouvement("- **PATRICK N'DIAYE**, délégué du préfet, Bezons", exact_commune_names)
    assert ref.name == "Patrick N'Diaye"
    # Capitals that open on no first name are a heading, not a person.
    assert parse_mouvement("- **KIOSQUE EMPLOI**, un lieu d'accueil, Sarcelles",
                           exact_commune_names) is None


def test_a_lone_place_after_the_role_is_a_commune_of_the_post_not_a_body():
    def at_only(text: str) -> list[Mention]:  # a linker that reads a small town after 'à'
        return [Mention("COMMUNE", "Ecquevilly", 2, 12, "78206")] if text == "à Ecquevilly" \
            else exact_commune_names(text)
    ref = parse_mouvement("- **Nora Benali**, déléguée du préfet, Les Mureaux, Ecquevilly",
                          at_only)
    assert ref.communes == ("78440", "78206") and ref.organisation is None


def test_a_verb_opening_the_sentence_before_a_first_name_is_not_the_persons():
    from kb.people import _without_leading_word

    assert _without_leading_word("Interviendront Marie-Claire Fontaine", 10) == (
        "Marie-Claire Fontaine", 25)
    assert _without_leading_word("Marie-Claire Fontaine", 3) == ("Marie-Claire Fontaine", 3)
    assert _without_leading_word("Jean-Baptiste Le Gall", 0) == ("Jean-Baptiste Le Gall", 0)
    assert _without_leading_word("Scénario d'Anaïs Boyer", 0) == ("Anaïs Boyer", 11)
    assert _without_leading_word("Photo de Léa Martin", 0) == ("Léa Martin", 9)
    assert _without_leading_word("Jean de La Fontaine", 0) == ("Jean de La Fontaine", 0)


@pytest.mark.slow
def test_a_credit_in_a_book_line_is_its_persons_not_a_publisher(nlp):
    text = "Scénario de Nadia Ferrand, dessin de Hugo Lemaire, Dargaud, 2031, 120 p."
    masked = mask(text)
    vocabulary = load_vocabulary()
    from kb.organisations import find_organisations

    orgs = {o.ref.name for o in find_organisations(masked, entities([masked.text])[0],
                                                   vocabulary)}
    assert not any("Nadia" in name or "Hugo" in name for name in orgs)
    assert {"Nadia Ferrand", "Hugo Lemaire"} <= set(_names_found(text))


def test_a_list_record_names_its_person_once_whatever_the_words():
    text = ("Amadou KONATÉ, chef de projet politique de la ville, Sarcelles\n"
            "Thi Hoa NGUYEN, chargée de mission égalité femmes-hommes, Nanterre")
    masked = mask(text)
    people = find_people(masked, entities([masked.text])[0], load_vocabulary(),
                         exact_commune_names, is_list=True)
    assert sorted(p.ref.name for p in people) == ["Amadou Konaté", "Thi Hoa Nguyen"]


def test_vietnamese_letters_belong_to_names():
    from kb.entity_words import NAME_WORD_RE

    assert NAME_WORD_RE.match("Đặng") and NAME_WORD_RE.match("Nguyễn")


@pytest.mark.slow
def test_two_first_names_before_a_surname_make_one_person(nlp):
    text = ("« La coopérative nous donne un statut », témoigne Fatima Zahra El Idrissi, "
            "cogérante. Merci Claire Martin pour son aide.")
    names = _names_found(text)
    assert "Fatima Zahra El Idrissi" in names and "Zahra El Idrissi" not in names
    assert "Claire Martin" in names  # 'Merci' is no first name


def test_a_book_line_with_its_price_names_its_author_and_publisher():
    from kb.org_names import reference_names

    text = ("Les quartiers et la République\n"
            "Ahmed Berrada, Éditions de l'Atelier, 2031, 212 p., 20 €")
    masked = mask(text)
    people = find_people(masked, [], load_vocabulary(), exact_commune_names)
    assert [p.ref.name for p in people] == ["Ahmed Berrada"]
    assert [c.name for c in reference_names(text, looks_like_person)] == ["Éditions de l'Atelier"]


@pytest.mark.parametrize(("line", "name", "role"), [
    ("- Mme Nour EL HADDAD, déléguée du préfet, Poissy", "Nour El Haddad", "déléguée du préfet"),
    ("- Mme Inês FERREIRA DA SILVA, déléguée du préfet, Colombes", "Inês Ferreira da Silva",
     "déléguée du préfet"),
    ("- Mme Hélène-Marie d'ARCY-KABORÉ, préfète du Val-d'Oise", "Hélène-Marie d'Arcy-Kaboré",
     "préfète du Val-d'Oise"),
    ("- Déléguée du préfet, Gennevilliers : **TRAORÉ Mariam**", "Mariam Traoré",
     "Déléguée du préfet"),
    ("- Sous-préfet de Sarcelles : Jean-Christophe OYONO", "Jean-Christophe Oyono",
     "Sous-préfet de Sarcelles"),
])
def test_appointment_records_written_every_way(line, name, role):
    ref = parse_mouvement(line, exact_commune_names, in_list=True)
    assert ref is not None and (ref.name, ref.role) == (name, role)


def test_a_record_names_its_person_where_it_is_written_whatever_the_order():
    from kb.people import _written_span

    line = "- Président de l'association Le Chêne, Gonesse : Pierre de La Motte"
    start, end = _written_span(line, "Pierre de La Motte")
    assert line[start:end] == "Pierre de La Motte"
    line = "- Déléguée du préfet, Cergy : TRẦN Thị Mai"
    start, end = _written_span(line, "Thị Mai Trần")
    assert line[start:end] == "TRẦN Thị Mai"


@pytest.mark.slow
def test_a_family_name_written_first_or_an_unlisted_first_name_opens_the_name(nlp):
    names = _names_found(
        "Le foyer a été rénové ; son directeur, Kouadio Yao N'Guessan, veut accueillir des "
        "apprentis. L'historienne Émilie Carrère a publié un livre.")
    assert "Kouadio Yao N'Guessan" in names and "Yao N'Guessan" not in names
    assert "Émilie Carrère" in names
