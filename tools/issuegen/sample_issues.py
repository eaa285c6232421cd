"""Issues built in code, with known article boundaries, for segmentation tests.

`issue_a`–`issue_c` follow the house style of the seed issue (known section names,
rubric markers, theme and commune lines). `issue_d` and `issue_e` are what other
newsletters print: section names no list knows, articles with neither marker nor theme
line, titles long enough to wrap, pictures with captions, pull quotes, a boxed sidebar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec


def _p(*sentences: str) -> str:
    return " ".join(sentences)


def issue_a() -> IssueSpec:
    """Markers with details, theme and commune lines, a fiche expérience with intertitles,
    list rubrics, book reviews."""
    return IssueSpec(
        number=60,
        date="2022-03-01",
        sections=[
            SectionSpec("L'actu du Pôle ressources", [
                ArticleSpec(
                    kind="Publication",
                    title="Les conseils citoyens, dix ans après",
                    paragraphs=[_p(
                        "Le Pôle ressources publie un bilan des conseils citoyens de l'ouest "
                        "francilien, à partir d'entretiens menés auprès de quarante membres.",
                        "La publication revient sur les conditions de leur animation et sur "
                        "la place des habitant·e·s dans le pilotage des contrats de ville.",
                    )],
                    links=["https://poleressources95.org/publications/conseils-citoyens/"],
                ),
                ArticleSpec(
                    kind="Cycle de qualification",
                    kind_detail="7 et 14 avril, 9h30-12h30, Cergy",
                    title="Agir contre les discriminations à l'embauche",
                    paragraphs=[_p(
                        "Ce cycle s'adresse aux professionnel.le.s de l'emploi et de "
                        "l'insertion des Yvelines, des Hauts-de-Seine et du Val-d'Oise.",
                        "Il propose des apports juridiques et des études de cas concrets.",
                    ), _p(
                        "Les inscriptions sont ouvertes jusqu'au 1er avril, dans la limite "
                        "des places disponibles, auprès de l'équipe du Pôle ressources.",
                    )],
                    more="https://poleressources95.org/actions/discriminations-embauche/",
                ),
            ]),
            SectionSpec("National / Régional", [
                ArticleSpec(
                    heading="Renouvellement urbain",
                    title="L'ANRU lance un appel à projets sur les rez-de-chaussée actifs",
                    paragraphs=[_p(
                        "L'Agence nationale pour la rénovation urbaine invite les "
                        "collectivités à proposer des projets d'occupation des locaux vacants "
                        "en pied d'immeuble dans les quartiers du NPNRU.",
                    )],
                    links=["www.anru.fr/appel-a-projets-rez-de-chaussee"],
                ),
                ArticleSpec(
                    title="En bref",
                    is_list=True,
                    items=[
                        "Rapport annuel de l'Observatoire national de la politique de la "
                        "ville, ONPV, 2022",
                        "Guide de la participation citoyenne, ANCT, février 2022",
                    ],
                    links=["https://www.onpv.fr/publications"],
                ),
                ArticleSpec(
                    heading="Santé",
                    title="Des médiateurs en santé dans vingt nouveaux quartiers",
                    paragraphs=[_p(
                        "Le programme national de médiation en santé s'étend à vingt "
                        "nouveaux quartiers prioritaires, dont trois en Île-de-France.",
                        "Les médiateur·rice·s accompagnent les habitant·e·s vers les droits "
                        "et les soins.",
                    )],
                ),
            ]),
            SectionSpec("Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)", [
                ArticleSpec(
                    heading="Sarcelles",
                    title="Une maison du projet ouvre aux Lochères",
                    paragraphs=[_p(
                        "La ville de Sarcelles et l'agglomération Roissy Pays de France "
                        "ouvrent une maison du projet au cœur du quartier des Lochères.",
                        "Les habitant.e.s pourront y suivre les étapes du renouvellement "
                        "urbain et participer à des ateliers.",
                    )],
                    contact="Karim Benali, k.benali@ville-sarcelles.fr",
                ),
                ArticleSpec(
                    title="Mouvements",
                    kind="Mouvements",
                    is_list=True,
                    items=[
                        "**Claire Morel**, déléguée du Préfet, Trappes, La Verrière",
                        "**Yanis Haddad**, chef de projet politique de la ville, Gennevilliers",
                        "**Sophie Laurent**, directrice du centre social, Argenteuil",
                    ],
                ),
                ArticleSpec(
                    heading="Les Mureaux",
                    title="Un tiers-lieu numérique pour les jeunes des Musiciens",
                    paragraphs=[_p(
                        "Aux Mureaux, un tiers-lieu dédié au numérique accueille depuis "
                        "janvier les jeunes du quartier des Musiciens.",
                        "Ateliers de programmation, aide aux démarches en ligne et prêt de "
                        "matériel y sont proposés gratuitement.",
                    )],
                    more="www.lesmureaux.fr",
                ),
            ]),
            SectionSpec("Fiche expérience", [
                ArticleSpec(
                    heading="Garges-lès-Gonesse",
                    title="Un diagnostic en marchant pour réinventer les espaces publics de "
                          "la Muette, avec les habitantes et les habitants du quartier",
                    paragraphs=[
                        _p("À Garges-lès-Gonesse, le service de gestion urbaine de proximité "
                           "a organisé au printemps une série de diagnostics en marchant.",
                           "L'objectif était de repérer avec les habitant·e·s les lieux qui "
                           "posent problème et ceux qui fonctionnent."),
                        "## Une démarche construite avec les bailleurs",
                        _p("Les bailleurs sociaux, la police municipale et les associations "
                           "de locataires ont été associés dès la préparation.",
                           "Chaque parcours a réuni une vingtaine de personnes."),
                        _p("Les observations ont été consignées sur une carte partagée, "
                           "mise à jour après chaque sortie."),
                        "## Des suites concrètes",
                        _p("Plusieurs aménagements ont suivi : éclairage renforcé, bancs "
                           "déplacés, dépôts sauvages traités en priorité.",
                           "Un nouveau cycle est prévu à l'automne."),
                    ],
                    contact="Nadia Ferhat, gup@ville-garges.fr",
                ),
            ]),
            SectionSpec("À lire / à voir", [
                ArticleSpec(
                    title="Les quartiers populaires au défi de la transition",
                    paragraphs=[
                        "Collectif, éditions du Commun, 2021, 212 p.",
                        _p("Cet ouvrage collectif interroge la place des quartiers "
                           "populaires dans la transition écologique.",
                           "Il rassemble chercheurs, militants et professionnels."),
                    ],
                    links=["https://www.editionsducommun.org/transition"],
                ),
                ArticleSpec(
                    title="Banlieues, une histoire en images",
                    paragraphs=[
                        "Marie Dubois, La Découverte, 2020, 160 p.",
                        _p("Un récit illustré de soixante ans de politiques urbaines, des "
                           "grands ensembles aux projets de renouvellement."),
                    ],
                ),
            ]),
        ],
    )


def issue_b() -> IssueSpec:
    """An editorial, an agenda of markers, a press list, a "Zoom sur" section, long titles."""
    return IssueSpec(
        number=72,
        date="2023-11-01",
        editorial=_p(
            "Ce numéro d'automne revient sur la nouvelle géographie prioritaire et sur les "
            "contrats de ville « Engagements Quartiers 2030 », en cours d'écriture dans nos "
            "trois départements."
        ),
        sections=[
            SectionSpec("Agenda", [
                ArticleSpec(
                    kind="Rencontre",
                    kind_detail="23 novembre, 14h-17h, Nanterre",
                    title="Écrire les contrats de ville avec les habitants",
                    paragraphs=[_p(
                        "Cette rencontre réunit chef·fe·s de projet et conseils citoyens "
                        "pour partager les premières méthodes de concertation.",
                    )],
                    more="https://poleressources95.org/agenda/contrats-de-ville/",
                ),
                ArticleSpec(
                    kind="Webinaire",
                    kind_detail="5 décembre, 11h-12h",
                    title="Quartiers prioritaires : ce qui change en 2024",
                    paragraphs=[_p(
                        "Une heure pour comprendre le décret fixant la nouvelle liste des "
                        "quartiers prioritaires et ses effets sur les financements.",
                    )],
                ),
            ]),
            SectionSpec("Zoom sur la jeunesse", [
                ArticleSpec(
                    heading="Nanterre",
                    title="Le service jeunesse de Nanterre installe des permanences au "
                          "Petit-Nanterre et au Parc Sud pour aller vers les jeunes éloignés "
                          "des dispositifs d'insertion",
                    paragraphs=[
                        _p("Chaque mercredi, des animateurs tiennent une permanence dans "
                           "deux quartiers de la ville.",
                           "Ils orientent les jeunes vers la mission locale et les "
                           "associations sportives."),
                        _p("Depuis septembre, plus de deux cents jeunes y sont passés, dont "
                           "un tiers de jeunes filles."),
                    ],
                    contact="Service jeunesse, jeunesse@nanterre.fr",
                ),
                ArticleSpec(
                    heading="Insertion",
                    title="Des chantiers éducatifs d'été à Mantes-la-Ville",
                    paragraphs=[_p(
                        "Vingt jeunes de Mantes-la-Ville ont participé cet été à des "
                        "chantiers de rénovation de cages d'escalier, rémunérés et encadrés "
                        "par des éducateurs.",
                    )],
                ),
            ]),
            SectionSpec("Dans la presse", [
                ArticleSpec(
                    title="Dans la presse",
                    is_list=True,
                    items=[
                        "« *Les quartiers au cœur de la rentrée* », Le Parisien, 4 septembre "
                        "https://www.leparisien.fr/quartiers-rentree",
                        "« *Trois questions sur la géographie prioritaire* », La Gazette des "
                        "communes, 12 octobre",
                    ],
                ),
            ]),
            SectionSpec("Site internet", [
                ArticleSpec(
                    title="Une cartographie interactive des quartiers",
                    paragraphs=[_p(
                        "Le site de l'ANCT propose une cartographie de tous les quartiers "
                        "prioritaires, avec leurs indicateurs de population et de revenus.",
                    )],
                    links=["https://sig.ville.gouv.fr"],
                ),
            ]),
        ],
    )


def issue_c() -> IssueSpec:
    """Plain articles: no markers, no theme lines, several paragraphs, pages to cross."""
    long_paragraph = _p(
        "Les équipes de la politique de la ville ont été mobilisées tout au long de l'année "
        "pour maintenir le lien avec les habitant·e·s des quartiers prioritaires.",
        "Distribution alimentaire, appels aux personnes isolées, soutien scolaire à distance : "
        "les actions se sont multipliées, souvent portées par des associations de proximité.",
        "Les collectivités ont adapté leurs appels à projets et assoupli les calendriers.",
    )
    return IssueSpec(
        number=48,
        date="2019-06-01",
        sections=[
            SectionSpec("National / Régional", [
                ArticleSpec(
                    title=f"Bilan des actions de proximité, volet {number}",
                    paragraphs=[long_paragraph.replace("l'année", f"l'année {2018 + number}"),
                                _p(f"Ce volet {number} détaille les financements mobilisés "
                                   "et les partenaires associés à chaque action.")],
                    links=[f"https://www.cohesion-territoires.gouv.fr/bilan-{number}"],
                )
                for number in range(1, 4)
            ]),
            SectionSpec("Ressources", [
                ArticleSpec(
                    title="Guide pratique de l'abattement de TFPB",
                    paragraphs=[_p(
                        "Ce guide rappelle les contreparties attendues des bailleurs en "
                        "échange de l'abattement de taxe foncière dans les quartiers "
                        "prioritaires.",
                    ), _p(
                        "Il propose une grille de suivi partagée entre bailleurs, "
                        "collectivités et conseils citoyens.",
                    )],
                    more="www.union-habitat.org/tfpb",
                ),
            ]),
        ],
    )


def issue_d() -> IssueSpec:
    """Unknown section names, no markers or theme lines, pictures, a pull quote, a sidebar,
    titles that wrap, a list rubric under an unknown name."""
    return IssueSpec(
        number=81,
        date="2025-02-01",
        sections=[
            SectionSpec("Vie des quartiers", [
                ArticleSpec(
                    title="À Trappes, les habitants dessinent le futur parc des Merisiers",
                    paragraphs=[
                        _p("Pendant trois samedis, une quarantaine d'habitant·e·s du quartier "
                           "des Merisiers ont travaillé avec des paysagistes sur le futur parc.",
                           "Les enfants de l'école voisine ont proposé des jeux d'eau et un "
                           "potager partagé."),
                        _p("Le projet sera présenté au conseil municipal au printemps, avant "
                           "un chantier prévu pour l'automne."),
                    ],
                    picture="Atelier de maquette au centre social des Merisiers. © Ville de "
                            "Trappes",
                ),
                ArticleSpec(
                    title="Une épicerie solidaire ouvre ses portes au Val Fourré",
                    paragraphs=[
                        _p("Portée par une association de locataires, l'épicerie propose "
                           "des produits à prix réduit à près de deux cents familles du "
                           "quartier."),
                        _p("Des bénévoles y animent aussi des ateliers de cuisine et un "
                           "point d'accès aux droits chaque jeudi matin."),
                    ],
                    pull_quote="On vient pour les courses, on revient pour les gens.",
                    contact="Association Les Paniers du Val, paniersduval@orange.fr",
                ),
            ]),
            SectionSpec("Paroles d'acteurs", [
                ArticleSpec(
                    title="Trois questions à Samia Bouzid, coordinatrice du programme de "
                          "réussite éducative d'Argenteuil",
                    paragraphs=[
                        _p("Le programme de réussite éducative accompagne chaque année près "
                           "de trois cents enfants et leurs familles dans les quartiers "
                           "prioritaires de la ville."),
                        "## Qu'est-ce qui a changé depuis la crise sanitaire ?",
                        _p("Les familles arrivent avec des difficultés plus nombreuses, "
                           "souvent liées au logement et à la santé mentale des enfants."),
                        "## Quelles priorités pour les années qui viennent ?",
                        _p("Renforcer le lien avec les écoles et mieux travailler avec les "
                           "services de pédopsychiatrie du territoire."),
                    ],
                ),
            ]),
            SectionSpec("Nos ressources", [
                ArticleSpec(
                    title="Un guide pour évaluer les contrats de ville",
                    paragraphs=[_p(
                        "Ce guide méthodologique propose des indicateurs simples et des "
                        "exemples de questionnaires pour associer les habitant·e·s à "
                        "l'évaluation des contrats de ville.",
                    )],
                    links=["https://poleressources95.org/ressources/guide-evaluation/"],
                ),
                ArticleSpec(
                    title="Sur nos étagères",
                    is_list=True,
                    items=[
                        "Politiques de la ville, Renaud Epstein, La Découverte, 2024",
                        "Quartiers populaires et transition écologique, Cerema, 2023",
                        "Habiter les grands ensembles, revue Urbanisme, n°430",
                    ],
                ),
            ]),
        ],
        sidebar=ArticleSpec(
            title="À noter",
            is_list=True,
            items=[
                "13 mars : matinée emploi et quartiers, Cergy",
                "2 avril : réunion du réseau des chef·fe·s de projet, Nanterre",
                "17 avril : webinaire sur la gestion urbaine de proximité",
            ],
        ),
    )


def issue_e() -> IssueSpec:
    """Known and unknown sections mixed, some markers and theme lines, a press list,
    an agenda sidebar, long articles that cross columns and pages."""
    long_text = _p(
        "Le dispositif s'appuie sur des binômes de professionnel·le·s qui vont à la rencontre "
        "des habitant·e·s dans les halls d'immeubles, sur les marchés et aux sorties d'école.",
        "Ils informent sur les droits sociaux, orientent vers les permanences et accompagnent "
        "les démarches en ligne lorsque c'est nécessaire.",
        "Les premiers résultats montrent une hausse nette des ouvertures de droits.",
    )
    return IssueSpec(
        number=84,
        date="2025-06-01",
        sections=[
            SectionSpec("L'actu du Pôle ressources", [
                ArticleSpec(
                    kind="Publication",
                    title="Aller vers les habitants : retour sur deux ans d'expérimentation",
                    paragraphs=[long_text, long_text.replace("binômes", "équipes mobiles"),
                                _p("La publication rassemble six fiches d'expérience et "
                                   "une synthèse des entretiens menés dans les trois "
                                   "départements.")],
                    links=["https://poleressources95.org/publications/aller-vers/"],
                ),
            ]),
            SectionSpec("Territoires en action", [
                ArticleSpec(
                    heading="Gennevilliers",
                    title="Un budget participatif réservé aux moins de 25 ans",
                    paragraphs=[
                        _p("La ville consacre cette année 200 000 euros à des projets "
                           "proposés et votés par les jeunes de 11 à 25 ans."),
                        _p("Parmi les lauréats : un studio de musique, des terrains de "
                           "sport de proximité et un festival de courts métrages."),
                    ],
                    more="www.ville-gennevilliers.fr/budget-participatif-jeunes",
                ),
                ArticleSpec(
                    title="Persan mise sur l'emploi des femmes du Village",
                    paragraphs=[
                        _p("Un collectif d'associations accompagne les habitantes du "
                           "quartier du Village vers la formation et l'emploi, avec une "
                           "solution de garde d'enfants pendant les séances."),
                        _p("Quarante femmes ont suivi le parcours la première année ; la "
                           "moitié ont trouvé un emploi ou une formation qualifiante."),
                    ],
                    picture="Séance collective au Point information jeunesse de Persan.",
                    pull_quote="La garde d'enfants a tout changé pour les participantes.",
                ),
            ]),
            SectionSpec("Dans la presse", [
                ArticleSpec(
                    title="Dans la presse",
                    is_list=True,
                    items=[
                        "« Les centres sociaux en première ligne », Le Monde, 12 mai",
                        "« Quartiers : le pari de la jeunesse », La Gazette des communes, "
                        "20 mai",
                    ],
                ),
            ]),
            SectionSpec("Ailleurs en France", [
                ArticleSpec(
                    title="Marseille expérimente des médiateurs de nuit dans les cités du nord",
                    paragraphs=[_p(
                        "Depuis janvier, une équipe de médiateurs de nuit intervient dans "
                        "trois ensembles des quartiers nord pour apaiser les conflits de "
                        "voisinage et prévenir les rixes.",
                    ), _p(
                        "Le dispositif, financé par l'État et la métropole, sera évalué "
                        "par un laboratoire universitaire à la fin de l'année.",
                    )],
                ),
            ]),
        ],
        sidebar=ArticleSpec(
            title="Agenda",
            is_list=True,
            items=[
                "5 juin : rencontre régionale des conseils citoyens, Paris",
                "19 juin : atelier « Écrire une fiche d'expérience », Eaubonne",
            ],
        ),
    )


ISSUES: dict[str, Callable[[], IssueSpec]] = {
    "a": issue_a, "b": issue_b, "c": issue_c, "d": issue_d, "e": issue_e,
}


def with_jumps(spec: IssueSpec) -> IssueSpec:
    """The same issue where every article of two paragraphs or more jumps: its first
    half ends on "(suite p. N)", the rest is set in the next section under its title
    repeated, every other time shortened to its first three words."""
    jumping = 0
    sections = []
    for section in spec.sections:
        articles = []
        for article in section.articles:
            cut = next((index for index in range(len(article.paragraphs) // 2 or 1,
                                                 len(article.paragraphs))
                        if not article.paragraphs[index].startswith("## ")), None)
            if article.is_list or cut is None:
                articles.append(article)
                continue
            shortened = " ".join(article.title.split()[:3]) if jumping % 2 else None
            articles.append(replace(article, continued_after=cut, continued_title=shortened))
            jumping += 1
        sections.append(replace(section, articles=articles))
    return replace(spec, sections=sections)
