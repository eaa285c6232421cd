"""The segmenter on the real issue in ../shared/seeds and on small documents built in code."""

from __future__ import annotations

import pytest

from kb.extract import extract
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from kb.segment import (
    Jump,
    article_id,
    build_issue,
    jump_line,
    match_section,
    segment,
    split_jump,
    titles_match,
)

ACTU = "L'actu du Pôle ressources"
NATIONAL = "National / Régional"
OUEST = "Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)"
FICHE = "Fiche expérience"

# (section, kind, kind_detail, heading, title) of every article of the seed issue, in order.
SEED_ARTICLES = [
    (ACTU, "Publication", None, None,
     "RESTITUTION DE LA 2ÈME ÉDITION DES RENCONTRES FRANCILIENNES DE LA GUSP"),
    (ACTU, "Publication", None, None,
     "LA TRANSITION, UN LEVIER DE DÉVELOPPEMENT POUR LES QUARTIERS POPULAIRES"),
    (ACTU, "Sondage", None, None, "ÉTAT DES LIEUX DE LA PARTICIPATION CITOYENNE"),
    (ACTU, "Séminaire des élu.e.s", "11 mai, 17h-19h, visioconférence", None,
     "LA SANTÉ MENTALE : UN ENJEU INDIVIDUEL ET COLLECTIF DANS LES TERRITOIRES POPULAIRES"),
    (ACTU, "Journée thématique", "18 et 20 mai, 10h-12h30, visioconférence", None,
     "COMMENT S'ASSURER DE L'ACCÈS POUR TOUS À L'ALIMENTATION DURABLE ?"),
    (NATIONAL, None, None, "Développement économique",
     "LANCEMENT DU PROGRAMME « QUARTIERS PRODUCTIFS »"),
    (NATIONAL, "En bref", None, None, "En bref"),
    (NATIONAL, None, None, "Crise sanitaire",
     "UNE SÉRIE DE WÉBINAIRES SUR L'IMPACT SOCIAL ET SANITAIRE DE LA COVID-19"),
    (NATIONAL, None, None, "Économie Sociale et Solidaire",
     "UN APPEL À REPERAGE DE FORMATIONS CROISÉES ESS / POLITIQUE DE LA VILLE"),
    (OUEST, None, None, "Persan",
     "OUVERTURE D'UNE ANTENNE DE PROXIMITÉ PAR ET POUR LES HABITANT.E.S"),
    (OUEST, "Mouvements", None, None, "Mouvements"),
    (OUEST, None, None, "Mantes-la-Jolie",
     "UN KIOSQUE POUR L'EMPLOI AU COEUR DU QUARTIER PRIORITAIRE DU VAL FOURRÉ"),
    (FICHE, None, None, "Villiers-le-Bel",
     "LA CELLULE DE VEILLE ÉDUCATIVE, UN APPUI POUR REPÉRER LES JEUNES EN RUPTURE ET MIEUX "
     "ORIENTER LES FAMILLES"),
    ("Site internet", "Site internet", None, None, "UN SITE RESSOURCE SUR LES QUESTIONS URBAINES"),
    ("Dans la presse", "Dans la presse", "Disponible au pôle ressources", None, "Dans la presse"),
    ("À lire / à voir", "À lire / à voir", None, None,
     "LE RÔLE DE LA VILLE DANS LA LUTTE CONTRE LES DISCRIMINATIONS"),
    ("À lire / à voir", "À lire / à voir", None, None,
     "CONTRE LA GENTRIFICATION. CONVOITISES ET RÉISTANCES DANS LES QUARTIERS POPULAIRES"),
]


@pytest.fixture(scope="module")
def seed(seed_files):
    return segment(extract(seed_files[0]))


def by_title(articles, start: str):
    return next(a for a in articles if a.title.startswith(start))


def test_seed_issue_splits_into_its_articles(seed):
    _, articles = seed
    found = [(a.section, a.kind, a.kind_detail, a.heading, a.title) for a in articles]
    assert found == SEED_ARTICLES
    assert [a.position for a in articles] == list(range(len(SEED_ARTICLES)))


def test_seed_masthead_is_not_an_article_and_gives_no_number(seed):
    issue, articles = seed
    assert (issue.number, issue.date, issue.title) == (None, None, "Résonances")
    assert issue.id == "000-c0f9906cec2eaf60"  # the file stem: the seed's masthead has no number
    assert all("poleressources.95@wanadoo.fr" not in a.emails for a in articles)
    assert all("Eaubonne" not in a.full_text for a in articles)


def test_seed_closing_lines_give_links_contacts_and_emails(seed):
    _, articles = seed
    gusp = articles[0]
    assert gusp.links == (
        "www.reseau-crpv.fr/publication/cadres-de-vie-et-comportements-comprendre-evaluer-agir/",
        "https://poleressources95.org/actions/",
    )
    assert gusp.lead.startswith("La deuxième rencontre francilienne") and gusp.text == ""
    persan = by_title(articles, "OUVERTURE D'UNE ANTENNE")
    assert persan.contacts == ("Lisa Mouawad, gup@ville-persan.fr",)
    assert persan.emails == ("gup@ville-persan.fr",)
    assert "Contact" not in persan.full_text
    kiosque = by_title(articles, "UN KIOSQUE")
    assert kiosque.links == ("www.clefjob.fr",)
    transition = articles[1]
    assert transition.links == (
        "https://poleressources95.org/la-transition-un-levier-de-developpement-pour-les-quartiers-populaires/",
    )


def test_seed_fiche_experience_keeps_intertitles_and_mended_sentences(seed):
    _, articles = seed
    fiche = by_title(articles, "LA CELLULE DE VEILLE")
    assert fiche.subheadings == (
        "S'appuyer sur les dispositifs de la Politique de la ville",
        "Un maillage d'acteur.rice.s pour affiner le regard sur les problématiques du territoire",
        "Un dispositif qui a vocation à devenir pérenne",
    )
    assert fiche.lead.startswith("Lors du premier confinement")
    assert "lieu à des études de situation" in fiche.text
    assert "certaines politiques publiques (Prévention de la délinquance" in fiche.text
    assert fiche.contacts == ("Manon Mouhous, mmouhous@ville-villiers-le-bel.fr",)
    assert fiche.text.count("\n\n") == 7  # 5 paragraphs and 3 intertitles


def test_seed_list_rubrics_hold_one_item_per_line(seed):
    _, articles = seed
    mouvements = by_title(articles, "Mouvements")
    lines = mouvements.text.split("\n")
    assert len(lines) == 5 and lines[0].startswith("Lydia Hugues, déléguée du Préfet")
    assert "**" not in mouvements.text
    presse = by_title(articles, "Dans la presse")
    assert len(presse.text.split("\n")) == 3
    assert len(presse.links) == 3 and "<" not in presse.text
    bref = by_title(articles, "En bref")
    assert bref.text.startswith("L'État du mal-logement en France 2021")
    assert bref.links == (
        "www.fondation-abbepierre.fr/actualites/26e-rapport-sur-letat-du-mal-logement-en-france-2021",
    )


def test_seed_book_reviews_have_their_reference_as_lead(seed):
    _, articles = seed
    role = by_title(articles, "LE RÔLE DE LA VILLE")
    assert role.lead == "Arnaud Alessandrin, Johanna Dagorn, MSHA éditions, 2020, 150 p."
    assert "ont un rôle central à jouer dans cette promotion" in role.text
    gentrification = articles[-1]
    assert gentrification.lead == "Mathieu Van Criekingen, éd. la Dispute, janvier 2021, 176 p."
    assert gentrification.links == ("http://ladispute.fr/catalogue/contre-la-gentrification/",)


def test_seed_article_ids_are_unique_and_stable(seed, seed_files):
    _, articles = seed
    assert len({a.id for a in articles}) == len(articles)
    _, again = segment(extract(seed_files[0]))
    assert [a.id for a in again] == [a.id for a in articles]


# ---------------------------------------------------------------------------
# Built documents


def document(path: str, *blocks: Block | str, title: str | None = None) -> ExtractedDocument:
    source = SourceFile(path=path, format=SourceFormat.HTML, sha256="0" * 64, size=1)
    built = tuple(Block(text=b) if isinstance(b, str) else b for b in blocks)
    return ExtractedDocument(source=source, blocks=built, title=title, body_font_size=10)


@pytest.mark.parametrize(("masthead", "number", "date"), [
    ("Résonances n°57 – mai 2021", 57, "2021-05"),
    ("RÉSONANCES N° 57 · Mai-juin 2021", 57, "2021-05"),
    ("Lettre d'information numéro 12, 05/2019", 12, "2019-05"),
    ("Résonances, 3 décembre 2018", None, "2018-12-03"),
])
def test_issue_number_and_date_come_from_the_masthead(masthead, number, date):
    issue = build_issue(document("x/lettre.html", masthead), [Block(text=masthead)])
    assert (issue.number, issue.date) == (number, date)


@pytest.mark.parametrize(("path", "number", "date", "issue_id"), [
    ("corpus/resonances-057-2021-05.pdf", 57, "2021-05", "resonances-n57"),
    ("Resonances_n57_mai_2021.html", 57, "2021-05", "resonances-n57"),
    ("archives/lettre-2019-06.txt", None, "2019-06", "resonances-2019-06"),
    ("000_c0f9906cec2eaf60.txt", None, None, "000-c0f9906cec2eaf60"),
])
def test_issue_number_and_date_fall_back_on_the_file_name(path, number, date, issue_id):
    issue = build_issue(document(path, "x"), [])
    assert (issue.number, issue.date, issue.id) == (number, date, issue_id)


def test_issue_title_names_number_and_month():
    issue = build_issue(document("a.txt", "x"), [Block(text="Résonances n°57 – mai 2021")])
    assert issue.title == "Résonances n°57, mai 2021"  # the citation's house form


def test_article_id_ignores_case_accents_and_format_but_not_occurrence():
    assert article_id("resonances-n57", "ÉTAT DES LIEUX", 0) == article_id(
        "resonances-n57", "État des lieux", 0)
    assert article_id("resonances-n57", "État des lieux", 0) != article_id(
        "resonances-n57", "État des lieux", 1)
    assert article_id("resonances-n57", "x", 0) != article_id("resonances-n58", "x", 0)


@pytest.mark.parametrize(("line", "expected"), [
    ("L'ACTU DU PÔLE RESSOURCES", ("L'actu du Pôle ressources", None)),
    ("A lire / A voir", ("À lire / à voir", None)),
    ("Ouest francilien (Yvelines)", ("Ouest francilien (Yvelines)", None)),
    ("Zoom sur la jeunesse", ("Zoom sur la jeunesse", None)),
    ("Agenda : les rendez-vous du mois", ("Agenda", "les rendez-vous du mois")),
    ("Agenda des sorties culturelles en famille dans le quartier.", None),
    ("National", ("National", None)),
    ("National et européen", None),
    # a title that opens on its rubric: a phrase of its own after the colon
    ("FICHE EXPÉRIENCE : À CHANTELOUP, LES LOCATAIRES OUVRENT UNE BRICOTHÈQUE", None),
])
def test_known_sections_match_whatever_the_typography(line, expected):
    assert match_section(line) == expected


def test_html_like_headings_segment_by_tier_without_capitals():
    heading = BlockKind.HEADING
    doc = document(
        "Resonances_n61_avril_2022.html",
        Block("Résonances", kind=heading, heading_level=1),
        Block("Résonances n°61 – avril 2022"),
        Block("Dossier", kind=heading, heading_level=2),
        Block("Une première enquête sur les tiers-lieux", kind=heading, heading_level=3),
        "Le Pôle ressources a interrogé vingt tiers-lieux des quartiers prioritaires.",
        Block("Des modèles économiques fragiles", kind=heading, heading_level=4),
        "La plupart dépendent de subventions annuelles et de bénévoles.",
        "https://poleressources95.org/tiers-lieux",
        Block("Agenda", kind=heading, heading_level=2),
        "< Rencontre, 12 mai >",
        Block("Les tiers-lieux, et après ?", kind=heading, heading_level=3),
        "Une matinée d'échanges entre porteurs de projets et collectivités.",
        Block("Fiche expérience", kind=heading, heading_level=2),
        "Argenteuil",
        Block("Un tiers-lieu au Val-Notre-Dame", kind=heading, heading_level=3),
        "Ouvert en 2021, il accueille une recyclerie et un atelier vélo.",
        "- 3 -",
    )
    issue, articles = segment(doc)
    assert issue.id == "resonances-n61" and issue.date == "2022-04"
    assert [(a.section, a.kind, a.heading, a.title) for a in articles] == [
        ("Dossier", None, None, "Une première enquête sur les tiers-lieux"),
        ("Agenda", "Rencontre", None, "Les tiers-lieux, et après ?"),
        ("Fiche expérience", None, "Argenteuil", "Un tiers-lieu au Val-Notre-Dame"),
    ]
    assert articles[0].subheadings == ("Des modèles économiques fragiles",)
    assert articles[0].links == ("https://poleressources95.org/tiers-lieux",)
    assert articles[1].kind_detail == "12 mai"
    assert "3" not in articles[2].text  # the page number is not content


def test_block_links_mailto_and_glued_urls_are_cleaned():
    doc = document(
        "lettre-n3.html",
        "Agenda",
        "UNE RENCONTRE",
        Block("Inscription auprès de l'équipe.",
              links=("mailto:contact@pole.fr?subject=Inscription", "https://pole.fr/agenda")),
        "Voir <https://pole.fr/agenda>, https://a.fr/x/https://b.fr/y.",
    )
    _, (article,) = segment(doc)
    assert article.emails == ("contact@pole.fr",)
    assert article.links == ("https://pole.fr/agenda", "https://a.fr/x/", "https://b.fr/y")


def test_list_items_without_a_rubric_line_take_the_section_name():
    doc = document("n4.txt", "Dans la presse",
                   Block("« Un titre », Le Monde, 3 mars", kind=BlockKind.LIST_ITEM),
                   Block("« Un autre », Libération, 4 mars", kind=BlockKind.LIST_ITEM))
    _, (article,) = segment(doc)
    assert (article.title, article.kind, article.section) == (
        "Dans la presse", "Dans la presse", "Dans la presse")
    assert article.text == "« Un titre », Le Monde, 3 mars\n« Un autre », Libération, 4 mars"


def test_a_title_with_nothing_under_it_was_a_section():
    doc = document("n5.txt", "Agenda", "DOSSIER SPÉCIAL", "UN PREMIER ARTICLE",
                   "Son unique paragraphe.")
    _, (article,) = segment(doc)
    assert (article.section, article.title) == ("Dossier spécial", "UN PREMIER ARTICLE")


def _h(text: str, level: int) -> Block:
    return Block(text, kind=BlockKind.HEADING, heading_level=level, bold=True)


def test_web_page_setting_sections_and_titles_in_the_same_h2():
    doc = document(
        "lettre-n70.html",
        _h("Résonances n°70 – mai 2023", 1),
        _h("Vie des quartiers", 2),
        _h("À Trappes, un parc dessiné avec les habitants", 2),
        "Trois samedis d'ateliers ont réuni une quarantaine d'habitants du quartier.",
        _h("Une épicerie solidaire au Val Fourré", 2),
        "L'épicerie propose des produits à prix réduit à deux cents familles.",
        _h("Paroles d'acteurs", 2),
        _h("Trois questions à une coordinatrice", 2),
        "Le programme accompagne chaque année trois cents enfants.",
        _h("Qu'est-ce qui a changé ?", 3),
        "Les familles arrivent avec des difficultés plus nombreuses.",
    )
    _, articles = segment(doc)
    assert [(a.section, a.title) for a in articles] == [
        ("Vie des quartiers", "À Trappes, un parc dessiné avec les habitants"),
        ("Vie des quartiers", "Une épicerie solidaire au Val Fourré"),
        ("Paroles d'acteurs", "Trois questions à une coordinatrice"),
    ]
    assert articles[2].subheadings == ("Qu'est-ce qui a changé ?",)


def test_a_title_continued_on_a_second_heading_line_is_merged():
    doc = document(
        "lettre-n71.html",
        _h("Résonances n°71 – juin 2023", 1),
        _h("Agenda", 2),
        _h("Rencontre régionale des conseils citoyens et", 3),
        _h("des tables de quartier", 3),
        "Une journée d'échanges à Paris.",
        _h("Un second article", 3),
        "Son paragraphe.",
    )
    _, articles = segment(doc)
    assert [a.title for a in articles] == [
        "Rencontre régionale des conseils citoyens et des tables de quartier",
        "Un second article",
    ]


def test_a_pull_quote_set_large_stays_in_its_article():
    size = {"font_size": 9.5}
    doc = ExtractedDocument(
        source=SourceFile("n72.pdf", SourceFormat.PDF, "0" * 64, 1),
        body_font_size=9.5,
        blocks=(
            Block("Résonances n°72 – juillet 2023", kind=BlockKind.HEADING, font_size=13),
            Block("Vie des quartiers", kind=BlockKind.HEADING, font_size=17.5, bold=True),
            Block("Une épicerie solidaire", kind=BlockKind.HEADING, font_size=13, bold=True),
            Block("L'épicerie propose des produits à prix réduit.", **size),
            Block("« On vient pour les courses, on revient pour les gens. »",
                  kind=BlockKind.HEADING, font_size=13.5, bold=True),
            Block("Des bénévoles y animent des ateliers de cuisine.", **size),
            Block("Un autre article", kind=BlockKind.HEADING, font_size=13, bold=True),
            Block("Son paragraphe.", **size),
        ),
    )
    _, articles = segment(doc)
    assert [(a.section, a.title) for a in articles] == [
        ("Vie des quartiers", "Une épicerie solidaire"),
        ("Vie des quartiers", "Un autre article"),
    ]
    assert "Des bénévoles y animent" in articles[0].text


def test_plain_text_section_line_above_a_theme_line():
    doc = document(
        "resonances-n73.txt",
        "L'actu du Pôle ressources", "UNE PUBLICATION", "Son paragraphe.",
        "Territoires en action", "Gennevilliers", "UN BUDGET PARTICIPATIF",
        "La ville consacre 200 000 euros aux projets des jeunes.",
    )
    _, articles = segment(doc)
    assert [(a.section, a.heading, a.title) for a in articles] == [
        ("L'actu du Pôle ressources", None, "UNE PUBLICATION"),
        ("Territoires en action", "Gennevilliers", "UN BUDGET PARTICIPATIF"),
    ]


# -- jumps: "(suite p. 4)" … "(suite de la p. 1)" ---------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("(suite p. 4)", Jump("out", 4)),
    ("Suite page 4 »", Jump("out", 4)),
    ("Lire la suite p. 12", Jump("out", 12)),
    ("(lire la suite en page 6)", Jump("out", 6)),
    ("→ p. 4", Jump("out", 4)),
    ("(suite de la p. 1)", Jump("in", 1)),
    ("Suite de la page 1", Jump("in", 1)),
    ("Suite de la une", Jump("in", 1)),
    ("Suite logique du projet", None),
    ("La suite page 4 du rapport annuel montre une baisse du chômage.", None),
])
def test_jump_lines_are_read_in_any_spelling(line, expected):
    assert jump_line(line) == expected


@pytest.mark.parametrize(("line", "rest", "expected"), [
    ("Les inscriptions sont ouvertes. (suite p. 4)", "Les inscriptions sont ouvertes.",
     Jump("out", 4)),
    ("Le projet avance → p. 3", "Le projet avance", Jump("out", 3)),
    ("(suite de la p. 1) Les inscriptions sont ouvertes.", "Les inscriptions sont ouvertes.",
     Jump("in", 1)),
    ("UN KIOSQUE POUR L'EMPLOI (suite)", "UN KIOSQUE POUR L'EMPLOI", Jump("in", None)),
    ("Voir la suite de la page 3 du rapport.", "Voir la suite de la page 3 du rapport.", None),
])
def test_a_jump_inside_a_line_is_split_off_only_in_brackets_or_after_an_arrow(line, rest,
                                                                              expected):
    assert split_jump(line) == (rest, expected)


def test_shortened_titles_match_their_article_and_others_do_not():
    full = "Un kiosque pour l'emploi au cœur du quartier prioritaire du Val Fourré"
    assert titles_match("UN KIOSQUE POUR", full)
    assert titles_match("Kiosque pour l'emploi (suite)", full)
    assert not titles_match("Un kiosque", "Une maison du projet ouvre aux Lochères")
    assert not titles_match("Santé", full)


def _pdf_doc(path: str, *blocks: tuple[int, str, str]) -> ExtractedDocument:
    """Blocks as (page, "h"/"t"/"p", text): section heading, title, body paragraph."""
    sizes = {"h": 17.5, "t": 13.0, "p": 9.5}
    return ExtractedDocument(
        source=SourceFile(path, SourceFormat.PDF, "0" * 64, 1),
        body_font_size=9.5,
        page_count=max(page for page, _, _ in blocks),
        blocks=tuple(
            Block(text, page=page, font_size=sizes[kind], bold=kind != "p",
                  kind=BlockKind.PARAGRAPH if kind == "p" else BlockKind.HEADING)
            for page, kind, text in blocks
        ),
    )


KIOSQUE = "UN KIOSQUE POUR L'EMPLOI AU CŒUR DU VAL FOURRÉ"
KIOSQUE_START = "Le kiosque accueille les demandeurs d'emploi trois jours par semaine."
KIOSQUE_REST = "Une conseillère de la mission locale y tient une permanence le mardi."
MAISON_TEXT = "La ville ouvre une maison du projet au pied des tours."


def _jumping_issue(out_line: str, in_lines: tuple[tuple[str, str], ...]) -> ExtractedDocument:
    return _pdf_doc(
        "resonances-n80.pdf",
        (1, "t", "Résonances n°80 – mars 2024"),
        (1, "h", "Ouest francilien"),
        (1, "t", KIOSQUE),
        (1, "p", KIOSQUE_START),
        (1, "p", out_line),
        (1, "t", "UNE MAISON DU PROJET AUX LOCHÈRES"),
        (1, "p", MAISON_TEXT),
        (2, "h", "Agenda"),
        (2, "t", "UNE RENCONTRE RÉGIONALE"),
        (2, "p", "Les conseils citoyens se retrouvent à Paris le 5 juin."),
        *((3, kind, text) for kind, text in in_lines),
        (3, "p", KIOSQUE_REST),
        (3, "p", "Contact : Nadia Ferhat, emploi@mantes.fr"),
        (3, "t", "UN DERNIER ARTICLE"),
        (3, "p", "Son unique paragraphe."),
    )


@pytest.mark.parametrize(("out_line", "in_lines"), [
    ("(suite p. 3)", (("t", KIOSQUE), ("p", "(suite de la p. 1)"))),
    ("Suite page 3 »", (("t", "UN KIOSQUE POUR L'EMPLOI"), ("p", "Suite de la page 1"))),
    ("→ p. 3", (("p", "Suite de la page 1"), ("t", "KIOSQUE POUR L'EMPLOI"))),
    ("Lire la suite p. 3", (("t", "UN KIOSQUE POUR L'EMPLOI (suite)"),)),
    ("(suite p. 3)", (("p", "(suite de la p. 1)"),)),  # no title repeated at all
    # a reworded title: the pages named on both sides agree
    ("(suite p. 3)", (("t", "LES DEMANDEURS D'EMPLOI À L'ACCUEIL"), ("p", "(suite de la p. 1)"))),
])
def test_a_jumped_article_is_stitched_back_whole(out_line, in_lines):
    _, articles = segment(_jumping_issue(out_line, in_lines))
    assert [(a.section, a.title) for a in articles] == [
        ("Ouest francilien", KIOSQUE),
        ("Ouest francilien", "UNE MAISON DU PROJET AUX LOCHÈRES"),
        ("Agenda", "UNE RENCONTRE RÉGIONALE"),
        ("Agenda", "UN DERNIER ARTICLE"),
    ]
    kiosque = articles[0]
    assert (kiosque.lead, kiosque.text) == (KIOSQUE_START, KIOSQUE_REST)
    assert kiosque.pages == (1, 3)
    assert kiosque.contacts == ("Nadia Ferhat, emploi@mantes.fr",)
    assert kiosque.emails == ("emploi@mantes.fr",)
    assert articles[1].text == "" and articles[1].lead == MAISON_TEXT
    assert all("suite" not in f"{a.lead} {a.text}".casefold() for a in articles)


def test_a_jump_glued_to_its_paragraph_is_dropped_and_followed():
    doc = _pdf_doc(
        "resonances-n81.pdf",
        (1, "t", "Résonances n°81 – avril 2024"),
        (1, "h", "Ouest francilien"),
        (1, "t", KIOSQUE),
        (1, "p", f"{KIOSQUE_START} (suite p. 2)"),
        (1, "t", "UNE MAISON DU PROJET AUX LOCHÈRES"),
        (1, "p", MAISON_TEXT),
        (2, "t", "KIOSQUE POUR L'EMPLOI"),
        (2, "p", f"(suite de la p. 1) {KIOSQUE_REST}"),
    )
    _, articles = segment(doc)
    assert [a.title for a in articles] == [KIOSQUE, "UNE MAISON DU PROJET AUX LOCHÈRES"]
    assert (articles[0].lead, articles[0].text, articles[0].pages) == (
        KIOSQUE_START, KIOSQUE_REST, (1, 2))


def test_same_shortened_title_goes_to_the_first_article_still_waiting():
    volets = [f"BILAN DES ACTIONS DE PROXIMITÉ, VOLET {n}" for n in (1, 2)]
    doc = _pdf_doc(
        "resonances-n82.pdf",
        (1, "t", "Résonances n°82 – mai 2024"),
        (1, "h", "National / Régional"),
        (1, "t", volets[0]), (1, "p", "Début du volet un."), (1, "p", "(suite p. 2)"),
        (1, "t", volets[1]), (1, "p", "Début du volet deux."), (1, "p", "(suite p. 2)"),
        (2, "h", "Ressources"),
        (2, "t", "UN GUIDE PRATIQUE"), (2, "p", "Le guide paraît en juin."),
        (2, "t", "BILAN DES ACTIONS"), (2, "p", "(suite de la p. 1)"), (2, "p", "Fin du un."),
        (2, "t", "BILAN DES ACTIONS"), (2, "p", "(suite de la p. 1)"), (2, "p", "Fin du deux."),
    )
    _, articles = segment(doc)
    assert [(a.title, a.lead, a.text) for a in articles] == [
        (volets[0], "Début du volet un.", "Fin du un."),
        (volets[1], "Début du volet deux.", "Fin du deux."),
        ("UN GUIDE PRATIQUE", "Le guide paraît en juin.", ""),
    ]


def test_a_continuation_matching_no_article_stays_an_article_of_its_own():
    doc = _pdf_doc(
        "resonances-n83.pdf",
        (1, "t", "Résonances n°83 – juin 2024"),
        (1, "h", "Agenda"),
        (1, "t", "UNE RENCONTRE RÉGIONALE"), (1, "p", "Les conseils citoyens se retrouvent."),
        (2, "t", "UN ARTICLE VENU D'AILLEURS"), (2, "p", "(suite de la p. 1)"),
        (2, "p", "Ce texte ne continue rien de ce numéro."),
    )
    _, articles = segment(doc)
    assert [(a.title, a.lead) for a in articles] == [
        ("UNE RENCONTRE RÉGIONALE", "Les conseils citoyens se retrouvent."),
        ("UN ARTICLE VENU D'AILLEURS", "Ce texte ne continue rien de ce numéro."),
    ]
