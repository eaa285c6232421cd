"""Segmentation measured against known article boundaries, in every format.

Issues are built in code (IssueSpec), rendered as plain text, as PDF in one, two
and three columns, and as e-mail and web HTML, then extracted and segmented.
Each expected article (`IssueSpec.articles()`) counts as *found whole* when an
article has its title and section, holds all its body paragraphs (items for a
list rubric) and no paragraph of another article.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kb.extract import extract
from kb.models import Article
from kb.segment import segment
from kb.textclean import fold
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

THRESHOLD = 0.95


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


ISSUES: dict[str, Callable[[], IssueSpec]] = {"a": issue_a, "b": issue_b, "c": issue_c}


# ---------------------------------------------------------------------------
# Measuring


def _body_of(article: ArticleSpec) -> list[str]:
    pieces = article.items if article.is_list else [
        paragraph for paragraph in article.paragraphs if not paragraph.startswith("## ")
    ]
    return [fold(piece) for piece in pieces]


def found_whole(expected: tuple[SectionSpec, ArticleSpec], candidates: list[Article],
                spec: IssueSpec) -> str | None:
    """None when the article was found whole, else why not."""
    section, article = expected
    matches = [a for a in candidates if fold(a.title) == fold(article.title)]
    if not matches:
        return "titre introuvable"
    found = matches[0]
    candidates.remove(found)
    if fold(found.section or "") != fold(section.name):
        return f"rubrique {found.section!r} au lieu de {section.name!r}"
    body = fold(f"{found.lead} {found.text}")
    missing = [piece for piece in _body_of(article) if piece not in body]
    if missing:
        return f"paragraphe manquant : {missing[0][:60]}"
    for _, other in spec.articles():
        if other is article:
            continue
        intruders = [p for p in _body_of(other) if len(p) > 30 and p in body]
        if intruders:
            return f"contient un paragraphe de « {other.title} »"
    return None


def measure(spec: IssueSpec, articles: list[Article]) -> tuple[int, list[str]]:
    candidates = list(articles)
    failures = []
    whole = 0
    for expected in spec.articles():
        problem = found_whole(expected, candidates, spec)
        if problem is None:
            whole += 1
        else:
            failures.append(f"{expected[1].title[:50]} : {problem}")
    return whole, failures


# ---------------------------------------------------------------------------
# Rendering in each format


def _optional(module: str, name: str):
    """A colleague's renderer or extractor may not be committed yet: skip, never fake."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        pytest.skip(f"{module}.{name} pas encore disponible")


def write_text(spec: IssueSpec, folder: Path) -> Path:
    path = folder / f"{spec.slug}.txt"
    path.write_text(render_text(spec), encoding="utf-8")
    return path


def _pdf_writer(columns: int) -> Callable[[IssueSpec, Path], Path]:
    def write(spec: IssueSpec, folder: Path) -> Path:
        _optional("kb.extract.pdf", "extract_pdf")
        render_pdf = _optional("tools.issuegen.render_pdf", "render_pdf")
        path = folder / f"{spec.slug}-{columns}col.pdf"
        render_pdf(spec, path, columns=columns)
        return path
    return write


def _html_writer(renderer: str) -> Callable[[IssueSpec, Path], Path]:
    def write(spec: IssueSpec, folder: Path) -> Path:
        _optional("kb.extract.html", "extract_html")
        render = _optional("tools.issuegen.render_html", renderer)
        path = folder / f"{spec.slug}-{renderer}.html"
        path.write_bytes(render(spec))
        return path
    return write


FORMATS: dict[str, Callable[[IssueSpec, Path], Path]] = {
    "text": write_text,
    "pdf-1col": _pdf_writer(1),
    "pdf-2col": _pdf_writer(2),
    "pdf-3col": _pdf_writer(3),
    "html-email": _html_writer("render_email_html"),
    "html-web": _html_writer("render_web_html"),
}


def read(path: Path) -> tuple:
    return segment(extract(path))


@pytest.mark.parametrize("fmt", FORMATS)
def test_articles_found_whole_with_their_titles(fmt, tmp_path, capsys):
    whole = total = 0
    failures: list[str] = []
    for name, build in ISSUES.items():
        spec = build()
        issue, articles = read(FORMATS[fmt](spec, tmp_path))
        assert issue.number == spec.number, name
        assert issue.id == f"resonances-n{spec.number}"
        found, problems = measure(spec, articles)
        whole += found
        total += len(spec.articles())
        failures += [f"[{name}] {problem}" for problem in problems]
    ratio = whole / total
    with capsys.disabled():
        print(f"\n{fmt}: {whole}/{total} articles trouvés entiers ({ratio:.1%})")
        for failure in failures:
            print(f"   {failure}")
    assert ratio >= THRESHOLD, failures


@pytest.mark.parametrize("fmt", FORMATS)
def test_rubrics_headings_and_subheadings_follow_the_spec(fmt, tmp_path):
    spec = issue_a()
    _, articles = read(FORMATS[fmt](spec, tmp_path))
    by_title = {fold(a.title): a for a in articles}
    mismatches = []
    for _, expected in spec.articles():
        article = by_title.get(fold(expected.title))
        if article is None:
            mismatches.append(f"{expected.title}: introuvable")
            continue
        if expected.kind and fold(article.kind or "") != fold(expected.kind):
            mismatches.append(f"{expected.title}: kind {article.kind!r}")
        if fold(article.kind_detail or "") != fold(expected.kind_detail or ""):
            mismatches.append(f"{expected.title}: kind_detail {article.kind_detail!r}")
        if fold(article.heading or "") != fold(expected.heading or ""):
            mismatches.append(f"{expected.title}: heading {article.heading!r}")
        intertitles = [p[3:] for p in expected.paragraphs if p.startswith("## ")]
        if [fold(s) for s in article.subheadings] != [fold(s) for s in intertitles]:
            mismatches.append(f"{expected.title}: subheadings {article.subheadings!r}")
        contacts = [fold(contact) for contact in article.contacts]
        if expected.contact and fold(expected.contact) not in contacts:
            mismatches.append(f"{expected.title}: contacts {article.contacts!r}")
    assert not mismatches


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_article_has_one_id_whatever_the_format(fmt, tmp_path):
    spec = issue_b()
    _, from_text = read(write_text(spec, tmp_path))
    _, from_format = read(FORMATS[fmt](spec, tmp_path))
    text_ids = {fold(a.title): a.id for a in from_text}
    shared = [a for a in from_format if fold(a.title) in text_ids]
    assert len(shared) >= len(spec.articles()) - 1
    assert all(a.id == text_ids[fold(a.title)] for a in shared)


def test_the_editorial_is_an_article_of_its_own(tmp_path):
    _, articles = read(write_text(issue_b(), tmp_path))
    editorial = articles[0]
    assert (editorial.section, editorial.title) == ("Édito", "Édito")
    assert editorial.lead.startswith("Ce numéro d'automne")
