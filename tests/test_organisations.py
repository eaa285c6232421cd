"""Organisations: known names and acronyms both ways, introducing phrases, filtered NER."""

from __future__ import annotations

import re

import pytest

from kb.authority import load_vocabulary
from kb.nlp import entities, mask
from kb.organisations import find_organisations
from kb.themes import load_themes


def organisations_in(text, themes=(), places=()):
    """The organisations found in `text`, the place linker's spans given as `places`."""
    vocabulary = load_vocabulary()
    keep = frozenset(k.acronym for k in vocabulary.known if k.acronym)
    masked = mask(text, keep)
    return find_organisations(masked, entities([masked.text])[0], vocabulary, themes=themes,
                              theme_phrases=load_themes().folded_phrases(),
                              excluded_spans=list(places))


def orgs_of(text, themes=()):
    return {(o.ref.name, o.ref.acronym) for o in organisations_in(text, themes)}


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
def test_a_name_after_its_type_noun_keeps_its_adjectives_and_departement(nlp):
    found = orgs_of(
        "Le projet est soutenu par l'association Vallons solidaires. Il est porté par "
        "l'association Le Jardin partagé, créée en 2019. Dans les transports, l'association "
        "Médiateurs 57 intervient le soir ; l'association Tandem Ados accompagne "
        "30 familles pendant l'été.")
    names = {name for name, _ in found}
    assert {"Vallons solidaires", "Jardin partagé", "Médiateurs 57",
            "Tandem Ados"} <= names
    assert not any(name.endswith(("30", "pendant")) for name in names)


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


def test_acronym_definitions_give_the_long_form_both_ways():
    from kb.org_names import acronym_definitions

    def defined(text):
        return {(c.name, c.acronym) for c in acronym_definitions(text)}

    assert ("Fédération des centres sociaux et socioculturels de France", "FCSF") in defined(
        "avec la Fédération des centres sociaux et socioculturels de France (FCSF) et la")
    assert ("Réseau des collectivités Territoriales pour une Économie Solidaire", "RTES") in \
        defined("Le Réseau des collectivités Territoriales pour une Économie Solidaire - RTES -"
                " réalise")
    assert ("Centre d'études et de recherches sur les qualifications", "Céreq") in defined(
        "réalisée par le Centre d'études et de recherches sur les qualifications (Céreq).")
    assert ("Union sociale pour l'habitat", "USH") in defined(
        "l'USH (Union sociale pour l'habitat) publie")
    # Lower-case words before the brackets spell no body.
    assert not defined("le modèle des équipes pluridisciplinaires de soutien (EPS)")


def test_head_named_stops_at_verbs_coordination_and_new_bodies():
    from kb.org_names import head_named

    def names(text):
        return [c.name for c in head_named(text)]

    assert names("Il cite le Racing Club de Lens pour son programme d'insertion.") == [
        "Club de Lens"]

    assert names("L'Agence nationale du sport et la Caisse d'allocations familiales des "
                 "Yvelines financent le programme.") == [
        "Agence nationale du sport", "Caisse d'allocations familiales des Yvelines"]
    assert names("Le Haut-commissariat à l'emploi et à l'engagement des entreprises pilote "
                 "la préfiguration") == [
        "Haut-commissariat à l'emploi et à l'engagement des entreprises"]
    assert names("le soutien de la Fondation Orange et d'Hauts-de-Seine Habitat") == [
        "Fondation Orange"]
    assert names("Le Comité national d'orientation et d'évaluation des cités éducatives a "
                 "rendu son rapport") == [
        "Comité national d'orientation et d'évaluation des cités éducatives"]
    # A sentence-initial capital says nothing; "Conseil" alone is no body.
    assert names("Centre de loisirs et conseil citoyen.") == []


def test_tail_named_and_references():
    from kb.org_names import reference_names, tail_named

    assert [c.name for c in tail_named(
        "accueillera Emmaüs Habitat, Seqens et CDC Habitat, qui")] == [
        "Emmaüs Habitat", "CDC Habitat"]
    press = "- « *Entretien avec Fadila Khattabi* », Lien social, février 2024"
    book = "Thierry Vidal et Aminata Cissé, éd. la Dispute, janvier 2021, 176 p."

    def people(piece):
        return piece in ("Thierry Vidal", "Aminata Cissé")

    assert [c.name for c in reference_names(press, people)] == ["Lien social"]
    assert [c.name for c in reference_names(book, people)] == ["la Dispute"]


@pytest.mark.slow
def test_unknown_bodies_from_the_shape_of_the_text(nlp):
    found = orgs_of(
        "La séance accueillera Emmaüs Habitat, Seqens et CDC Habitat. Le Haut Comité pour le "
        "logement des personnes défavorisées (HCLPD) alerte. L'association La Recyclerie "
        "Sarcelloise a ouvert, avec le bailleur Immobilière 3F. Les élèves ont un CAP cuisine.")
    names = {name for name, _ in found}
    assert {"Emmaüs Habitat", "Seqens", "CDC Habitat", "Recyclerie Sarcelloise",
            "Immobilière 3F"} <= names
    assert ("Haut Comité pour le logement des personnes défavorisées", "HCLPD") in found
    assert "CAP" not in names


@pytest.mark.slow
def test_names_without_cue_words(nlp):
    found = {name for name, _ in orgs_of(
        "Le Pôle ressources invite à découvrir les parcelles de l'association Fil à Fil et "
        "de la coopérative Les Champs des Possibles. Les lauréats seront accompagnés par "
        "Simplon, l'entreprise sociale qui forme aux métiers du numérique. Le projet est "
        "soutenu par Harmonie Mutuelle et le festival Banlieues Bleues.")}
    # Simplon is in the authority file, under its official name.
    assert {"Fil à Fil", "Simplon.co", "Harmonie Mutuelle", "Banlieues Bleues"} <= found
    assert "Fil" not in found


@pytest.mark.slow
def test_type_noun_name_stops_before_a_place_after_a(nlp):
    text = "L'association Fil Rouge à Sarcelles ouvre une boutique."
    place = text.index("Sarcelles")
    found = organisations_in(text, places=[(place, place + len("Sarcelles"))])
    assert {o.ref.name for o in found} == {"Fil Rouge"}


@pytest.mark.slow
def test_spacy_span_widens_a_head_or_tail_name(nlp):
    found = {name for name, _ in orgs_of(
        "Le Boxing Club Gennevilliers ouvre ses portes. Thierry Baudouin, président de "
        "l'association Aidants Solidaires 92, souligne l'isolement des familles.")}
    assert {"Boxing Club Gennevilliers", "Aidants Solidaires 92"} <= found
    assert not found & {"Club Gennevilliers", "Aidants Solidaires"}


@pytest.mark.slow
def test_state_services_are_named_by_their_head(nlp):
    found = orgs_of("La préfecture du Val-d'Oise et la sous-préfecture de Sarcelles "
                    "co-pilotent le comité. La préfecture a validé le budget.")
    assert {("Préfecture du Val-d'Oise", None), ("Sous-préfecture de Sarcelles", None)} <= found
    assert ("Préfecture", None) not in found


@pytest.mark.slow
def test_body_in_brackets_after_a_speaker(nlp):
    found = orgs_of("Table ronde animée par Karima Touati (Unitec), le 3 avril. "
                    "Unitec accompagne depuis dix ans les habitants.")
    assert ("Unitec", None) in found
    assert not any(name == "Karima Touati" for name, _ in found)


@pytest.mark.slow
def test_plural_type_noun_introduces_each_listed_name(nlp):
    found = orgs_of("Les associations Papillons Blancs et Solimut accompagnent les familles.")
    assert {("Papillons Blancs", None), ("Solimut", None)} <= found


@pytest.mark.slow
def test_brand_shaped_word_is_an_organisation_but_a_name_tail_is_not(nlp):
    found = orgs_of("Les bénévoles utilisent WeChange pour leurs collectes. Le ministère du "
                    "Travail, de la Santé et des Solidarités pilote le programme.")
    assert ("WeChange", None) in found
    assert ("Solidarités", None) not in found


@pytest.mark.slow
def test_apposition_without_article(nlp):
    found = orgs_of("Le projet est mené avec Bolero, association de quartier, depuis mai.")
    assert ("Bolero", None) in found


def _orgs_with_places(text, places):
    vocabulary = load_vocabulary()
    masked = mask(text, frozenset(k.acronym for k in vocabulary.known if k.acronym))
    spans = [m.span() for place in places for m in re.finditer(re.escape(place), text)]
    found = find_organisations(masked, entities([masked.text])[0], vocabulary,
                               theme_phrases=load_themes().folded_phrases(),
                               excluded_spans=spans)
    return {(o.ref.name, o.ref.acronym) for o in found}


@pytest.mark.slow
def test_type_noun_then_quoted_name_but_not_a_quoted_programme(nlp):
    found = orgs_of("Les habitant·e·s ont fondé le collectif « Vivre ensemble à la Noé ». "
                    "Ils portent le programme « Rues ouvertes » avec la mairie.")
    assert ("Vivre ensemble à la Noé", None) in found
    assert not any(name.startswith("Rues") for name, _ in found)


@pytest.mark.slow
def test_unknown_acronym_before_a_place_names_a_body_known_ones_keep_their_name(nlp):
    text = "L'ACLEF Poissy et la CAF Poissy reçoivent les familles au QPV Poissy."
    found = _orgs_with_places(text, ["Poissy"])
    assert ("ACLEF Poissy", None) in found
    assert not any(name.startswith(("QPV", "CAF ")) for name, _ in found)


@pytest.mark.slow
def test_known_acronym_after_a_number_is_an_age(nlp):
    found = orgs_of("Un atelier pour les 16-25 ANS ouvre en juin.")
    assert not any(acronym == "ANS" for _, acronym in found)


@pytest.mark.slow
def test_one_word_body_after_chez_or_opening_a_sentence_and_repeated(nlp):
    found = orgs_of("Kolibra forme les jeunes au code. Les ateliers de Kolibra durent six mois. "
                    "Lina Dubreuil est formatrice chez Wazoo depuis 2021.")
    assert {("Kolibra", None), ("Wazoo", None)} <= found


@pytest.mark.slow
def test_sentence_opening_surname_of_a_person_is_not_a_body(nlp):
    found = orgs_of("Selon Martin Legrand, le quartier change. Legrand anime le conseil "
                    "citoyen. Les voisins de Legrand approuvent.")
    assert not any(name == "Legrand" for name, _ in found)


@pytest.mark.slow
def test_media_author_of_an_enquete_but_not_a_person(nlp):
    found = orgs_of("Une enquête de Rue89 Banlieue et un reportage de Julie Martin en parlent.")
    assert ("Julie Martin", None) not in found
    found = orgs_of("Une enquête de Reporterre raconte le quartier.")
    assert ("Reporterre", None) in found


def test_two_closing_nouns_joined_by_et_stay_one_name():
    from kb.org_names import head_named

    names = [c.name for c in head_named("la Fondation Total Solidarité et Insertion pour un "
                                        "soir, et la Fondation Orange et Emmaüs Connect.")]
    assert "Fondation Total Solidarité et Insertion" in names
    assert "Fondation Orange" in names


@pytest.mark.slow
@pytest.mark.parametrize(("text", "not_bodies"), [
    # The issue's list of organisations wrongly found.
    ("L'abattement de TFPB finance la gestion urbaine dans le QPV.", {"TFPB", "QPV"}),
    ("La préfecture de région a validé le programme.", {"Préfecture de région"}),
    ("Marie Dupont et Paul Martin (dir.), La ville en partage, PUF, 2023, 210 p.",
     {"Marie Dupont et Paul Martin (dir", "Ville en partage", "La ville en partage"}),
    ("Sarcelles, Garges-lès-Gonesse et Villiers-le-Bel signent la convention.",
     {"Sarcelles", "Garges-lès-Gonesse", "Villiers-le-Bel"}),
])
def test_things_that_are_not_bodies(nlp, text, not_bodies):
    found = {name for name, _ in orgs_of(text)}
    assert not found & not_bodies


@pytest.mark.slow
def test_an_establishment_takes_its_name_and_a_book_keeps_its_publisher(nlp):
    found = {name for name, _ in orgs_of(
        "Les élèves du collège Jean-Moulin et du centre social Les Acacias. Marie Dupont "
        "(dir.), La ville en partage, Presses universitaires de France, 2023, 210 p.")}
    assert {"Collège Jean-Moulin", "Centre social Les Acacias",
            "Presses universitaires de France"} <= found


@pytest.mark.slow
def test_a_known_name_that_is_a_town_with_its_departement_is_the_town(nlp):
    text = ("À Assas (Hérault), la ville a ouvert des salles. Les juristes formés à Assas "
            "y tiennent une permanence.")
    town = (text.index("Assas"), text.index("Assas") + len("Assas"))
    found = organisations_in(text, places=[town])
    starts = [m.start for o in found for m in o.mentions]
    assert town[0] not in starts and text.rindex("Assas") in starts


@pytest.mark.slow
def test_the_longer_of_a_heads_and_a_tails_reading_wins(nlp):
    names = {name for name, _ in orgs_of(
        "Deux bailleurs d'autres régions, Brest Métropole Habitat et Angers Loire Habitat, "
        "ont témoigné ; Rennes Métropole a suivi.")}
    assert {"Brest Métropole Habitat", "Rennes Métropole"} <= names
    assert "Métropole Habitat" not in names


def test_adjectives_in_enne_and_ert_go_on_with_the_name(nlp):
    found = orgs_of(
        "Le guide est publié par l'association Démarche ouverte. Le Collectif des "
        "mères citoyennes y a contribué.")
    names = {name for name, _ in found}
    assert {"Démarche ouverte", "Collectif des mères citoyennes"} <= names


@pytest.mark.parametrize(("text", "name"), [
    ("Le projet est porté par le collectif Voisins de palier et la mairie.", "Voisins de palier"),
    ("Le collectif Mères en colère a obtenu une réunion.", "Mères en colère"),
    ("L'association Parents d'ici, qui anime un café, recrute.", "Parents d'ici"),
])
def test_an_associations_name_may_run_on_in_lower_case(text, name):
    assert name in {found for found, _ in orgs_of(text)}


def test_a_known_name_with_a_spaced_dash_is_found_whatever_the_dash():
    assert any(name.startswith("Établissement public territorial Vallée Sud")
               for name, _ in orgs_of("Le territoire Vallée Sud – Grand Paris finance."))


@pytest.mark.parametrize(("text", "name"), [
    ("Le centre hospitalier intercommunal de Poissy ouvre.",
     "Centre hospitalier intercommunal de Poissy"),
    ("Le conseil citoyen du Val-Nord a voté.", "Conseil citoyen du Val-Nord"),
    ("Le tribunal judiciaire de Nîmes siège en mairie.", "Tribunal judiciaire de Nîmes"),
    ("La cour d'appel de Riom a statué.", "Cour d'appel de Riom"),
    ("Le CHU de Caen détache des médecins.", "CHU de Caen"),
    ("Réunion à la Bourse du travail de Bezons.", "Bourse du travail de Bezons"),
])
def test_an_establishments_kind_may_be_qualified_before_its_place(text, name):
    assert name in {found for found, _ in orgs_of(text)}


def test_a_model_person_without_first_name_holding_a_word_is_read_as_a_body():
    from kb.nlp import Entity

    vocabulary = load_vocabulary()
    text = "Le projet est porté par Rivière Vivante avec les habitants."
    masked = mask(text, frozenset())
    start = text.index("Rivière Vivante")
    ner = [Entity("PER", "Rivière Vivante", start, start + len("Rivière Vivante"))]
    found = find_organisations(masked, ner, vocabulary, themes=(), theme_phrases=frozenset())
    assert [o.ref.name for o in found] == ["Rivière Vivante"]
    # A person of the model with a first name stays the person finder's.
    ner = [Entity("PER", "Zorka Vidmar", 0, 12)]
    masked = mask("Zorka Vidmar anime l'atelier.", frozenset())
    assert find_organisations(masked, ner, vocabulary, themes=(),
                              theme_phrases=frozenset()) == []


def test_an_establishment_may_be_qualified_by_adjectives_not_by_a_verb():
    names = {name for name, _ in orgs_of(
        "La fête du centre social et culturel Aimé-Brunel et du centre hospitalier "
        "intercommunal Odile-Varenne. Le centre social accueille Zorka Vidmar.")}
    assert "Centre social et culturel Aimé-Brunel" in names
    assert "Centre hospitalier intercommunal Odile-Varenne" in names
    assert not any("Vidmar" in name for name in names)


def test_a_generic_body_takes_its_elided_complement_not_another_body():
    names = {name for name, _ in orgs_of(
        "Les jeunes suivis par la Mission locale d'Ormeval ont rencontré le laboratoire "
        "Brume de l'UVSQ.")}
    assert "Mission locale d'Ormeval" in names
    assert not any("de l'UVSQ" in name for name in names)


def test_a_known_body_named_like_a_first_name_before_a_surname_is_a_person():
    names = {name for name, _ in orgs_of(
        "La ministre, Aurore Vidmarc, a salué l'association Aurore et ses équipes.")}
    assert not any("Vidmarc" in name for name in names)
    assert any("Aurore" in name for name in names)


def test_a_name_before_a_comma_and_a_title_is_no_body():
    names = {name for name, _ in orgs_of(
        "Le bilan sera présenté en mai. Interviendront Zorka Vidmar, sous-préfète chargée "
        "de la politique de la ville, et les délégués.")}
    assert not any("Vidmar" in name for name in names)


def test_a_pronoun_opening_sentences_is_no_body():
    names = {name for name, _ in orgs_of(
        "Elle demande qu'on ne publie que son prénom. « On a été écoutés. » Elle cite "
        "volontiers ses voisines.")}
    assert "Elle" not in names


def test_a_name_may_close_on_a_lower_case_adjective_the_model_includes():
    from kb.nlp import Entity

    vocabulary = load_vocabulary()
    text = "Des œuvres prêtées par l'Institut du monde ancien sont exposées."
    masked = mask(text, frozenset())
    start = text.index("Institut")
    end = start + len("Institut du monde ancien")
    found = find_organisations(masked, [Entity("ORG", text[start:end], start, end)],
                               vocabulary, themes=(), theme_phrases=frozenset())
    assert [o.ref.name for o in found] == ["Institut du monde ancien"]


def test_a_model_body_shaped_like_a_known_first_name_and_surname_is_no_body():
    from kb.nlp import Entity

    vocabulary = load_vocabulary()
    text = "Un constat de la coordinatrice, Fatima-Zahra Vidmar : « Les gens manquaient d'aide. »"
    masked = mask(text, frozenset())
    start = text.index("Fatima")
    end = start + len("Fatima-Zahra Vidmar")
    assert find_organisations(masked, [Entity("ORG", text[start:end], start, end)],
                              vocabulary, themes=(), theme_phrases=frozenset()) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Les enfants jouent à la ludothèque Petits Pas avec leurs parents.", "Petits Pas"),
    ("Un concert de la chorale Voix Claires clôt la fête.", "Voix Claires"),
    ("Au marché, la cantine La Grande Louche sert des repas.", "Grande Louche"),
])
def test_a_type_noun_of_the_data_introduces_a_bodys_own_name(text, name):
    assert name in {found for found, _ in orgs_of(text)}


def test_a_works_title_after_its_noun_is_no_body():
    assert orgs_of("Le film La Haine et le roman Les Misérables sont au programme.") == set()


def test_a_known_name_inside_a_hyphenated_word_is_not_that_body():
    assert orgs_of("Les bénévoles de la Croix-Rouge et le journal La Croix.") == {
        ("Croix-Rouge française", None), ("La Croix", None)}


def _enriched(text: str):
    """One brief whose lead is `text`, enriched end to end (places, then bodies)."""
    from kb.enrich import Enricher
    from kb.models import Article, Issue, SourceFormat

    article = Article(id="1", issue=Issue("x", "Résonances", 1, "2021-05"), position=0,
                      section=None, kind=None, kind_detail=None, heading=None, title="Brève",
                      lead=text, text="", links=(), emails=(), contacts=(), pages=(1,),
                      source="x.txt", format=SourceFormat.TEXT)
    return Enricher.create().enrich([article])[0]


def test_a_departement_in_brackets_after_a_town_spells_no_acronym():
    enriched = _enriched("Des jeunes de Sarcelles ont passé une semaine à Valence (Drôme).")
    assert enriched.organisations == ()
    assert [c.insee for c in enriched.communes] == ["95585", "26362"]


@pytest.mark.parametrize(("text", "name"), [
    ("La chambre de commerce de Lyon soutient le projet.", "Chambre de commerce de Lyon"),
    ("Le barreau de Marseille offre des consultations.", "Barreau de Marseille"),
    ("L'école de la deuxième chance de Marseille recrute.",
     "École de la deuxième chance de Marseille"),
    ("La banque alimentaire de Bordeaux collecte.", "Banque alimentaire de Bordeaux"),
])
def test_an_establishments_kind_in_lower_case_names_it_with_its_town(text, name):
    enriched = _enriched(text)
    assert [o.name for o in enriched.organisations] == [name]
    assert enriched.communes == ()  # the town is the body's, not a place of the text


@pytest.mark.parametrize(("word", "adjective"), [
    ("culturelle", True), ("nationale", True), ("rappelle", False), ("interpelle", False),
    ("financent", False),
])
def test_adjectives_are_told_from_verbs_by_their_ending(word, adjective):
    from kb.org_names import looks_like_adjective

    assert looks_like_adjective(word) is adjective


def test_a_head_then_a_verb_is_no_body():
    assert _enriched("L'Agence rappelle que l'accompagnement reste nécessaire.").organisations == ()


@pytest.mark.parametrize(("text", "name"), [
    ("La fondation La Main à la pâte, qui forme des enseignants, intervient.",
     "Main à la pâte"),  # the canonical name drops its article
    ("L'association Droit au vélo, installée près de la gare, répare.", "Droit au vélo"),
    ("Le tiers-lieu La Grange aux Savoirs ouvre ses portes.", "Grange aux Savoirs"),
    ("Le collectif #NoéBouge organise une marche.", "#NoéBouge"),
])
def test_a_name_after_its_type_noun_runs_on_through_its_prepositions(text, name):
    assert name in [o.name for o in _enriched(text).organisations]


def test_an_acronym_may_spell_the_type_noun_in_lower_case():
    from kb.org_names import acronym_definitions

    text = ("Avec Nadia Kherbache, sociologue au laboratoire Architecture, ville, urbanisme, "
            "environnement (LAVUE), et d'autres.")
    found = [(c.name, c.acronym) for c in acronym_definitions(text)]
    assert ("laboratoire Architecture, ville, urbanisme, environnement", "LAVUE") in found


@pytest.mark.parametrize(("word", "adjective"), [("avant", False), ("pendant", False),
                                                 ("sert", False), ("ouvert", True)])
def test_words_ending_like_adjectives_that_are_not(word, adjective):
    from kb.org_names import looks_like_adjective

    assert looks_like_adjective(word) is adjective


def test_a_body_named_before_avant_ends_before_it():
    names = [o.name for o in _enriched(
        "Un bilan sera présenté au Conseil national de l'habitat avant l'été.").organisations]
    assert names == ["Conseil national de l'habitat"]


def test_a_first_name_before_a_one_word_body_makes_a_person():
    enriched = _enriched("« Il faut que cela se voie », estime Jeanne Vinci, habitante.")
    assert [p.name for p in enriched.people] == ["Jeanne Vinci"]
    assert enriched.organisations == ()
    assert [o.name for o in _enriched("Le groupe Vinci construit le pont.").organisations] \
        == ["Vinci"]


def test_a_head_and_its_adjective_cut_before_another_body_name_nothing():
    names = [o.name for o in _enriched(
        "Il accueille les habitants, membre de l'Union nationale des PIMMS.").organisations]
    assert "Union nationale" not in names


def test_a_name_with_an_elided_particle_is_read_whole():
    names = {o.name for o in _enriched(
        "Avec l'association Trait d'Union Familles, les parents se retrouvent. La maison de "
        "santé pluriprofessionnelle du Val d'Argent ouvre lundi.").organisations}
    assert "Trait d'Union Familles" in names and "Union Familles" not in names
    assert "Maison de santé pluriprofessionnelle du Val d'Argent" in names


def test_an_acronym_opening_a_line_is_the_body_unless_a_word_of_the_language():
    assert "Institut national de la statistique et des études économiques" in {
        o.name for o in _enriched("L'Insee publie des chiffres.").organisations}
    assert [o.name for o in _enriched("Insee Première n° 12, mai 2024, 4 p.").organisations]


def test_a_name_never_runs_over_a_line_break():
    # The title ends on a type noun ("festival"); the commune line and the body's first
    # word under it are no festival's name.
    assert orgs_of("Les habitants montent leur propre festival\n\nCergy\n\n"
                   "Depuis trois ans, le quartier accueille chaque juin des artistes.") == set()
