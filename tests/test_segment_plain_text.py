"""Plain-text issues as other tools save them: e-mail text parts, text copied from a PDF,
underlined or numbered headings. The fixtures are written here, in the conventions each
tool uses; the dev set tests/data_dev/dev_m…dev_r holds whole issues of each kind."""

from __future__ import annotations

from kb.extract.text import extract_text, split_blocks
from kb.models import BlockKind, SourceFile, SourceFormat
from kb.segment import segment

BODY = ("Les habitant·e·s du quartier ont participé à trois ateliers avec les services de la "
        "ville et les associations, qui ont recueilli plus de deux cents propositions.")
OTHER = ("La ville ouvre une maison du projet au pied des tours, avec une permanence le mardi "
         "et le jeudi, tenue par l'équipe du renouvellement urbain.")
THIRD = ("Le bailleur engage la réhabilitation de quatre cents logements, dont les travaux "
         "dureront deux ans, en site occupé, avec une cellule de relogement.")


# An issue whose titles in capitals come with their furniture (a rubric marker above).
FURNISHED_ISSUE_HEAD = "Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n" + "".join(
    f"< Publication >\n\nLE GUIDE NUMÉRO {n} DES ACTEURS DE LA POLITIQUE DE LA VILLE\n\n"
    f"{BODY}\n\n" for n in ("UN", "DEUX"))


def _segment(text: str):
    source = SourceFile("lettre.txt", SourceFormat.TEXT, "0" * 64, len(text))
    return segment(extract_text(text.encode("utf-8"), source))[1]


def test_markup_of_text_parts_is_read_as_what_it_means():
    blocks = split_blocks(
        "L'actu du Pôle\n==============\n\nEn bref\n-------\n\n------\n\n** NATIONAL\n\n"
        "Un atelier [Lire la suite](https://exemple.fr/atelier) le 3 mai [2].\n")
    assert [(b.kind, b.heading_level, b.text) for b in blocks[:4]] == [
        (BlockKind.HEADING, 1, "L'actu du Pôle"), (BlockKind.HEADING, 2, "En bref"),
        (BlockKind.SEPARATOR, 0, "------"), (BlockKind.HEADING, 2, "NATIONAL")]
    assert blocks[4].text == "Un atelier Lire la suite le 3 mai."
    assert blocks[4].links == ("https://exemple.fr/atelier",)


def test_a_lone_numbered_line_is_a_heading_and_a_numbered_list_stays_a_list():
    blocks = split_blocks("2. National / régional\n\n1. Un état des lieux ;\n2. Une table ronde.\n")
    assert blocks[0].kind is BlockKind.HEADING and blocks[0].text == "National / régional"
    assert [b.kind for b in blocks[1:]] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_a_title_line_above_unwrapped_body_text_stands_alone():
    blocks = split_blocks(f"Une maison du projet aux Lochères\n{BODY}\n")
    assert [b.text for b in blocks] == ["Une maison du projet aux Lochères", BODY]


def test_hard_wrapped_paragraphs_and_wrapped_titles_are_joined():
    text = ("Participation des habitant·e·s : les inscriptions sont ouvertes pour\n"
            "la session d'automne du cycle de qualification\n\n"
            "Après une première session très demandée au printemps, le Pôle\n"
            "ressources reconduit à l'automne son cycle consacré à la participation\n"
            "des habitant·e·s, avec quatre journées à Houilles.\n")
    assert [b.text for b in split_blocks(text)] == [
        "Participation des habitant·e·s : les inscriptions sont ouvertes pour la session "
        "d'automne du cycle de qualification",
        "Après une première session très demandée au printemps, le Pôle ressources reconduit "
        "à l'automne son cycle consacré à la participation des habitant·e·s, avec quatre "
        "journées à Houilles."]


def test_e_mail_text_part_with_sections_rubrics_and_rules():
    articles = _segment(
        "Résonances n°97 - octobre 2024\n\n## L'actu du Pôle\n\n"
        "Rubrique : Rencontre régionale\nLes centres sociaux face à la précarité alimentaire\n\n"
        f"{BODY}\n\n[Lire la suite](https://exemple.fr/a)\n\n------\n\n"
        f"Rubrique : Formation\nMieux connaître le programme de réussite éducative\n\n{OTHER}\n\n"
        "------\n\nVous recevez ce message car vous êtes inscrit·e à la lettre.\n"
        "Se désinscrire : https://exemple.fr/stop\n")
    assert [(a.section, a.kind, a.title) for a in articles] == [
        ("L'actu du Pôle", "Rencontre régionale",
         "Les centres sociaux face à la précarité alimentaire"),
        ("L'actu du Pôle", "Formation", "Mieux connaître le programme de réussite éducative")]
    assert articles[0].links == ("https://exemple.fr/a",)


def test_kickers_above_titles_and_questions_as_titles():
    articles = _segment(
        "Résonances n°104 - juin 2025\n\nSOMMAIRE\n1. L'actu du Pôle\n2. Territoires\n\n\n"
        "1. L'actu du Pôle\n\nPUBLICATION\nQuelle place pour les associations ?\n\n"
        f"{BODY}\n\n2. Territoires\n\nSarcelles\nUne maison du projet aux Lochères\n\n{OTHER}\n")
    assert [(a.section, a.title) for a in articles] == [
        ("L'actu du Pôle", "Quelle place pour les associations ?"),
        ("Territoires", "Une maison du projet aux Lochères")]


def test_titled_briefs_under_en_bref_are_articles_of_their_own():
    articles = _segment(
        "Résonances n°101 - février 2025\n\nEn bref\n-------\n\n"
        f"Bagneux : le conseil citoyen renouvelé\n{BODY}\n\n"
        f"Trappes accueille un centre de formation\n{OTHER}\n\n"
        f"Un nouveau bailleur aux Mureaux\n{THIRD}\n")
    assert [a.title for a in articles] == [
        "Bagneux : le conseil citoyen renouvelé", "Trappes accueille un centre de formation",
        "Un nouveau bailleur aux Mureaux"]


def test_a_list_rubric_keeps_its_title_line_and_wrapped_records():
    articles = _segment(
        "Résonances n°88 - mars 2023\n\nMOUVEMENTS\nIls et elles ont changé de poste\n\n"
        "Laure Bonnet, déléguée du préfet, Argenteuil\n"
        "Guillaume Perret, responsable du service cohésion sociale, Communauté\n"
        "d'agglomération Saint Germain Boucles de Seine\n"
        "Zineb Amrani, coordinatrice du PRE, Colombes\n")
    assert len(articles) == 1
    assert (articles[0].kind, articles[0].title) == ("Mouvements",
                                                     "Ils et elles ont changé de poste")
    assert articles[0].items[1] == ("Guillaume Perret, responsable du service cohésion sociale, "
                                    "Communauté d'agglomération Saint Germain Boucles de Seine")


def test_two_blank_lines_part_an_article_from_the_list_rubric_after_it():
    text = ("Résonances n°88 - mars 2023\n\nRessources\n\nUN GUIDE POUR ANIMER À DISTANCE\n\n"
            f"{BODY}\n\n\nSélection documentaire\n\n"
            "- « Le confinement vu des quartiers », collectif, revue, 2020\n\n"
            "- « Les associations face à la crise », enquête, 2020\n")
    blocks = split_blocks(text)
    assert [b.kind for b in blocks].count(BlockKind.SEPARATOR) == 1
    articles = _segment(text)
    assert [a.title for a in articles] == ["UN GUIDE POUR ANIMER À DISTANCE",
                                           "Sélection documentaire"]
    assert len(articles[1].items) == 2 and "confinement" not in articles[0].text


def test_a_label_over_a_marker_is_a_section_and_a_theme_line_may_hold_figures():
    """An unknown section's name right above a rubric marker names the section (a marker
    opens an article); between the marker and the title, a theme line with figures is
    the article's theme, not its text."""
    articles = _segment(
        "Résonances n°198 – février 2026\n\nÉdito\n\n" + BODY + "\n\nLe grand angle\n\n"
        "< Le grand angle >\n\nContrats de ville 2024-2030\n\n"
        "À MI-PARCOURS, LES CONTRATS TIENNENT-ILS LEURS PROMESSES ?\n\n" + OTHER + "\n")
    assert [(a.section, a.heading, a.title) for a in articles][-1:] == [
        ("Le grand angle", "Contrats de ville 2024-2030",
         "À MI-PARCOURS, LES CONTRATS TIENNENT-ILS LEURS PROMESSES ?")]
    assert "Contrats de ville" not in articles[-1].text


def test_a_longer_section_name_over_a_marker_is_still_a_section():
    articles = _segment(
        "Résonances n°198 – février 2026\n\nÉdito\n\n" + BODY + "\n\n"
        "Réforme de la politique de la ville\n\n< Décryptage >\n\n"
        "LE PROJET DE LOI EN DIX POINTS\n\n" + OTHER + "\n")
    assert [(a.section, a.kind, a.title) for a in articles] == [
        ("Édito", None, "Édito"),
        ("Réforme de la politique de la ville", "Décryptage", "LE PROJET DE LOI EN DIX POINTS")]


def test_under_a_marker_a_long_theme_line_and_a_quoted_title_open_the_article():
    """A section named with figures over a marker; under the marker a theme line of seven
    words, then a title that is a whole quotation: the article's theme and title, not a
    pull quote of the article before."""
    articles = _segment(
        "Résonances n°271 – juin 2014\n\nL'actu du Pôle ressources\n\n< Publication >\n\n"
        "UN GUIDE POUR LES ÉQUIPES\n\n" + BODY + "\n\n< Nouveau site >\n\n"
        "« VENEZ DÉCOUVRIR NOTRE NOUVEAU SITE ! »\n\n" + OTHER + "\n\n\n"
        "Loi du 21 février 2014 : ce qui change\n\n< Décryptage >\n\n"
        "Réforme de la politique de la ville\n\nCE QUE LA LOI CHANGE POUR LES QUARTIERS\n\n"
        + THIRD + "\n")
    assert [(a.section, a.kind, a.heading, a.title) for a in articles] == [
        ("L'actu du Pôle ressources", "Publication", None, "UN GUIDE POUR LES ÉQUIPES"),
        ("L'actu du Pôle ressources", "Nouveau site", None,
         "« VENEZ DÉCOUVRIR NOTRE NOUVEAU SITE ! »"),
        ("Loi du 21 février 2014 : ce qui change", "Décryptage",
         "Réforme de la politique de la ville", "CE QUE LA LOI CHANGE POUR LES QUARTIERS")]


def test_under_a_marker_a_line_in_capitals_is_the_title_and_the_short_line_under_it_body():
    text = ("Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
            f"UN FORUM POUR L'EMPLOI\n\n{BODY}\n\nLA MAISON DU PROJET OUVRE\n\n{OTHER}\n\n"
            "< À voir >\n\nPEINDRE LA BANLIEUE, DES IMPRESSIONNISTES AUX GRANDS ENSEMBLES\n\n"
            "Exposition, médiathèque de Cergy, du 15 avril au 30 août\n\n"
            f"{THIRD}\n")
    articles = _segment(text)
    last = articles[-1]
    assert last.title == "PEINDRE LA BANLIEUE, DES IMPRESSIONNISTES AUX GRANDS ENSEMBLES"
    assert "du 15 avril au 30 août" in last.lead + last.text and "cellule" in last.text


def test_a_table_set_in_text_is_items_never_titles():
    text = ("Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
            f"UN FORUM POUR L'EMPLOI\n\n{BODY}\n\n"
            "LES CRÉDITS DE L'ANNÉE PAR COMMUNE\n\nSource : la préfecture.\n\n"
            "Commune | Quartier | Montant\nSARCELLES | Lochères | 1 200 000 €\n"
            "CERGY | Axe Majeur | 640 000 €\n\n"
            "Commune ............ Montant\nTRAPPES ............ 988 000 €\n"
            "Total ............ 2 828 000 €\n\n"
            f"LA MAISON DU PROJET OUVRE\n\n{OTHER}\n")
    blocks = split_blocks(text)
    rows = [b for b in blocks if "|" in b.text or "...." in b.text]
    assert len(rows) == 6 and {b.kind for b in rows} == {BlockKind.LIST_ITEM}
    articles = _segment(text)
    assert [a.title for a in articles] == [
        "UN FORUM POUR L'EMPLOI", "LES CRÉDITS DE L'ANNÉE PAR COMMUNE",
        "LA MAISON DU PROJET OUVRE"]
    assert "TRAPPES" in articles[1].text and "SARCELLES | Lochères" in articles[1].text


def test_under_a_rubrics_marker_a_line_going_on_from_its_name_is_the_title():
    text = ("Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
            f"UN FORUM POUR L'EMPLOI\n\n{BODY}\n\n< Agenda >\n\nAGENDA D'HIVER\n\n"
            "- 16 janvier, Cergy : rencontre « Culture et quartiers ».\n"
            "- 23 janvier, Sarcelles : ciné-débat « Jeunesses ».\n")
    last = _segment(text)[-1]
    assert last.title.upper() == "AGENDA D'HIVER"
    assert "ciné-débat" in last.text


def test_where_titles_are_in_capitals_an_interviews_intertitle_and_question_stay_in_it():
    text = ("Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
            f"UN FORUM POUR L'EMPLOI\n\n{BODY}\n\nLA MAISON DU PROJET OUVRE\n\n{OTHER}\n\n"
            "< Entretien >\n\nNADIA FERRAND : « LA MÉDIATION PREND DU TEMPS »\n\n"
            f"{THIRD}\n\nLes débuts\n\nComment êtes-vous devenue médiatrice ?\n\n"
            "Par hasard, en remplaçant une collègue un été, puis en restant dix ans.\n\n"
            "Agenda du Pôle\n\n- 16 janvier, Cergy : rencontre.\n"
            "- 23 janvier, Sarcelles : débat.\n")
    articles = _segment(text)
    assert [a.title.upper() for a in articles] == [
        "UN FORUM POUR L'EMPLOI", "LA MAISON DU PROJET OUVRE",
        "NADIA FERRAND : « LA MÉDIATION PREND DU TEMPS »", "AGENDA DU PÔLE"]
    assert "Comment êtes-vous devenue médiatrice ?" in articles[2].text


def test_a_title_opening_on_contact_is_a_title_and_a_contact_line_still_closes():
    text = ("Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
            f"UN FORUM POUR L'EMPLOI\n\n{BODY}\n\nContact : Nadia Ferrand, 01 34 05 17 17\n\n"
            f"CONTACT : UN NUMÉRO UNIQUE POUR LES LOCATAIRES\n\n{OTHER}\n\n"
            f"LA MAISON DU PROJET OUVRE\n\n{THIRD}\n")
    articles = _segment(text)
    assert [a.title for a in articles] == [
        "UN FORUM POUR L'EMPLOI", "CONTACT : UN NUMÉRO UNIQUE POUR LES LOCATAIRES",
        "LA MAISON DU PROJET OUVRE"]
    assert articles[0].contacts and "Nadia Ferrand" in articles[0].contacts[0]


def test_where_titles_come_with_their_furniture_a_bare_shorter_caps_line_is_an_intertitle():
    text = (FURNISHED_ISSUE_HEAD
            + "Trappes\n\nUNE ÉPICERIE SOLIDAIRE DEVENUE UN TIERS-LIEU NOURRICIER DU QUARTIER\n\n"
            f"{BODY}\n\n{OTHER}\n\nDE LA DISTRIBUTION À LA CUISINE PARTAGÉE\n\n{THIRD}\n\n"
            "Nanterre\n\nUNE MAISON DES PARENTS OUVRE SES PORTES DANS LE QUARTIER DU PARC\n\n"
            f"{OTHER}\n")
    articles = _segment(text)
    assert [a.title for a in articles][-2:] == [
        "UNE ÉPICERIE SOLIDAIRE DEVENUE UN TIERS-LIEU NOURRICIER DU QUARTIER",
        "UNE MAISON DES PARENTS OUVRE SES PORTES DANS LE QUARTIER DU PARC"]
    assert "DE LA DISTRIBUTION À LA CUISINE PARTAGÉE" in articles[-2].subheadings
    assert THIRD in articles[-2].text


def test_a_title_in_capitals_on_two_lines_is_one_title():
    articles = _segment(
        "Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
        f"< Publication >\n\nUN ATELIER DE RÉPARATION TENU PAR LES JEUNES\nDU QUARTIER DU PARC\n\n"
        f"{BODY}\n\n< Étude >\n\nLA CONCIERGERIE DES TOURS :\nDES SERVICES ET DES EMPLOIS\n\n"
        f"{OTHER}\n")
    assert [a.title for a in articles] == [
        "UN ATELIER DE RÉPARATION TENU PAR LES JEUNES DU QUARTIER DU PARC",
        "LA CONCIERGERIE DES TOURS : DES SERVICES ET DES EMPLOIS"]


def test_an_article_keeps_its_numbered_and_list_intertitles_and_its_contact_lines():
    text = (FURNISHED_ISSUE_HEAD
            + "Trappes\n\nUNE ÉPICERIE SOLIDAIRE DEVENUE UN TIERS-LIEU NOURRICIER DU QUARTIER\n\n"
            f"{BODY}\n\n1. Un projet né du renouvellement urbain\n\n{OTHER}\n\n"
            "2. Un modèle hybride\n\n- des ventes ;\n- des dons.\n\n"
            f"LES PREMIERS RÉSULTATS\n\n- 40 familles ;\n- 3 emplois.\n\n{THIRD}\n\n"
            "Contacts :\nLéa Martin, directrice, lea@epicerie.fr\n"
            "Karim Haddad, chargé de mission, 01 23 45 67 89\n\n"
            "Nanterre\n\nUNE MAISON DES PARENTS OUVRE SES PORTES DANS LE QUARTIER DU PARC\n\n"
            f"{OTHER}\n")
    articles = _segment(text)
    assert [a.title for a in articles][-2:] == [
        "UNE ÉPICERIE SOLIDAIRE DEVENUE UN TIERS-LIEU NOURRICIER DU QUARTIER",
        "UNE MAISON DES PARENTS OUVRE SES PORTES DANS LE QUARTIER DU PARC"]
    article = articles[-2]
    assert {"Un projet né du renouvellement urbain", "Un modèle hybride",
            "LES PREMIERS RÉSULTATS"} <= set(article.subheadings)
    assert THIRD in article.text
    assert article.contacts == ("Léa Martin, directrice, lea@epicerie.fr",
                                "Karim Haddad, chargé de mission, 01 23 45 67 89")


def test_an_agendas_entries_stay_in_it_whatever_their_lines():
    articles = _segment(
        "Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
        f"< Publication >\n\nLE GUIDE DES ACTEURS DE LA POLITIQUE DE LA VILLE\n\n{BODY}\n\n"
        "< Agenda >\n\n"
        "Jeudi 15 mai 2090, 14h-17h\nForum de l'emploi, avec la Mission locale\n"
        "Lieu : Halle du marché, Mantes-la-Jolie\n\n"
        "Samedi 24 mai 2090, 10h-18h\nFête des jardins partagés de l'agglomération\n"
        "Lieu : Parc des Étangs, Cergy\n\n"
        "Mercredi 4 juin 2090, 9h30-12h\nMatinée d'échanges, avec le réseau santé\n"
        "Lieu : Centre social Agora, Vernouillet\n\n"
        f"< Publication >\n\nUN SECOND GUIDE POUR LES ÉQUIPES\n\n{OTHER}\n")
    assert [a.title for a in articles] == [
        "LE GUIDE DES ACTEURS DE LA POLITIQUE DE LA VILLE", "Agenda",
        "UN SECOND GUIDE POUR LES ÉQUIPES"]
    assert "Lieu : Parc des Étangs, Cergy" in articles[1].text


REVIEWS_HEAD = "Résonances\n\nN° 12 – mars 2024\n\nNational / Régional\n\n"
REVIEW_BODY = ("L'autrice suit pendant trois ans les familles d'un quartier en rénovation. Elle "
               "décrit les relogements, les attentes et les déceptions des habitant·e·s.")


def test_a_reference_line_under_a_works_title_is_no_title():
    # "TITLE" / reference line / body: the title in capitals is the note's, the reference
    # line under it no title of its own (nor the title a theme line above it).
    articles = _segment(
        REVIEWS_HEAD + "< À lire >\n\nLA VILLE EN PARTAGE\n\n"
        f"Léa Martin, Éditions du Quartier, 2024, 212 p., 20 €\n\n{REVIEW_BODY}\n\n"
        "LES VOISINS DU DESSUS\n\nDocumentaire de Paul Roy, production Films du Pont, 2023, "
        f"58 min\n\n{OTHER}\n")
    assert [a.title for a in articles] == ["LA VILLE EN PARTAGE", "LES VOISINS DU DESSUS"]


def test_a_works_title_subtitle_and_reference_set_together_title_the_note():
    articles = _segment(
        REVIEWS_HEAD + "< Vient de paraître >\n\nHabiter la tour\n"
        "Une histoire sociale des grands ensembles\nMarion Roy, Créaphis, 2023, 320 p.\n\n"
        f"{REVIEW_BODY}\n\n< Vient de paraître >\n\nOuvrage\nLes quartiers au travail\n\n"
        f"Nadia Kacem, Presses de Sciences Po, 2024, 312 p.\n\n{OTHER}\n")
    assert [(a.title, a.heading) for a in articles] == [
        ("Habiter la tour", None), ("Les quartiers au travail", "Ouvrage")]


def test_notes_set_without_blank_lines_part_under_their_rubric():
    articles = _segment(
        REVIEWS_HEAD + "< À voir / à écouter >\n\nNos mères, ces héroïnes\n"
        f"Un film de Karim Dahmani (2023, 1h24), en salle le 18 mars\n\n{REVIEW_BODY}\n"
        f"À la radio : une émission dans un foyer de travailleurs migrants\n{OTHER}\n"
        "https://www.radiofrance.fr/emission\n")
    assert [a.title for a in articles] == [
        "Nos mères, ces héroïnes",
        "À la radio : une émission dans un foyer de travailleurs migrants"]
    assert articles[0].kind == articles[1].kind and articles[0].kind.startswith("À voir")


def test_a_list_rubric_keeps_its_groups_of_items_in_one_list():
    articles = _segment(
        REVIEWS_HEAD + "< Mouvements >\n\nYvelines\n"
        "- Mme Nour EL HADDAD, déléguée du préfet, Poissy.\n"
        "- M. Loïc LE FLOCH, directeur de la politique de la ville, Trappes.\n\n"
        "Hauts-de-Seine\n- M. Ahmed ZERROUKI, directeur de la régie de quartier, Bagneux.\n\n"
        f"UNE RÉGIE DE QUARTIER QUI EMBAUCHE\n\n{OTHER}\n")
    assert len(articles) == 2
    assert "ZERROUKI" in articles[0].text and articles[0].kind == "Mouvements"
    assert articles[1].title == "UNE RÉGIE DE QUARTIER QUI EMBAUCHE"
