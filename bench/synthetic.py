"""Synthetic archives of French-ish politique-de-la-ville articles, built by code.

Shared by the search benchmark and the index tests: `make_article` builds one
EnrichedArticle by hand, `synthetic_archive` many, from a seeded random generator.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from kb.models import (
    Article,
    CommuneRef,
    EnrichedArticle,
    Issue,
    OrganisationRef,
    PersonRef,
    SourceFormat,
    ThemeRef,
)

COMMUNES = (
    ("95585", "Sarcelles", "95"), ("78361", "Mantes-la-Jolie", "78"),
    ("95487", "Persan", "95"), ("95018", "Argenteuil", "95"), ("92025", "Colombes", "92"),
    ("92050", "Nanterre", "92"), ("78586", "Sartrouville", "78"), ("95127", "Cergy", "95"),
    ("78297", "Guyancourt", "78"), ("92036", "Gennevilliers", "92"),
    ("78498", "Poissy", "78"), ("95268", "Garges-lès-Gonesse", "95"),
)
THEMES = (
    ("sante", "Santé"), ("emploi-insertion", "Emploi et insertion"),
    ("renouvellement-urbain", "Renouvellement urbain"), ("education-reussite-educative",
                                                          "Éducation"),
    ("participation-citoyenne", "Participation citoyenne"), ("jeunesse", "Jeunesse"),
    ("gestion-urbaine-proximite", "Gestion urbaine de proximité"),
    ("transition-ecologique", "Transition écologique"),
)
SECTIONS = ("L'actu du Pôle ressources", "National / Régional", "Ouest francilien",
            "Fiche expérience", "À lire / à voir", "Dans la presse")
KINDS = ("Publication", "Séminaire des élu.e.s", "Journée thématique", "Appel à projets",
         "Formation", None)
ORGANISATIONS = ("ANRU", "ANCT", "Pôle emploi", "CAF du Val-d'Oise", "Institut Paris Région",
                 "Préfecture des Yvelines", "Conseil départemental", "Mission locale")
FIRST = ("Marie", "Karim", "Sophie", "Nadia", "Julien", "Fatou", "Thomas", "Inès", "Paul")
LAST = ("Martin", "Benali", "Durand", "Diallo", "Moreau", "Nguyen", "Lefèvre", "Traoré")
_PROSE = (
    "quartier prioritaire politique ville habitant·e·s acteur.rice.s associations rénovation "
    "urbaine renouvellement équipement public santé mentale accès aux droits emploi jeunes "
    "insertion professionnelle formation médiation sociale éducation réussite éducative "
    "parentalité cadre de vie gestion urbaine proximité bailleurs sociaux logement copropriété "
    "transition écologique alimentation durable jardins partagés mobilité transports culture "
    "sport égalité femmes hommes discriminations participation citoyenne conseil citoyen "
    "contrat de ville évaluation diagnostic territorial observatoire données élu.e.s "
    "professionnel·le·s séminaire rencontre atelier visioconférence publication note étude "
    "numérique inclusion illettrisme apprentissage français centre social maison de quartier "
    "tranquillité publique prévention délinquance sécurité commerce développement économique "
    "entrepreneuriat création d'activité économie sociale solidaire financement appel à projets "
    "subvention partenariat coordination pilotage réseau ressources expérimentation innovation"
)
VOCABULARY = tuple(_PROSE.split())


def article_id(issue_id: str, title: str, position: int) -> str:
    return hashlib.sha1(f"{issue_id}|{title}|{position}".encode()).hexdigest()[:16]


def make_article(
    title: str, lead: str = "", text: str = "", *, number: int = 1, date: str = "2021-05-01",
    position: int = 0, section: str | None = "L'actu du Pôle ressources",
    kind: str | None = None, communes: Sequence[tuple[str, str, str]] = (),
    themes: Sequence[tuple[str, str]] = (), organisations: Sequence[str] = (),
    people: Sequence[str] = (), source: str | None = None,
    fmt: SourceFormat = SourceFormat.PDF, pages: tuple[int, ...] = (1,),
    issue_id: str | None = None,
) -> EnrichedArticle:
    issue_id = issue_id or f"resonances-n{number}"
    issue = Issue(issue_id, f"Résonances n°{number}", number, date,
                  (source or f"corpus/{issue_id}.pdf",))
    article = Article(
        id=article_id(issue_id, title, position), issue=issue, position=position,
        section=section, kind=kind, kind_detail=None, heading=None, title=title, lead=lead,
        text=text, links=(), emails=(), contacts=(), pages=pages,
        source=source or f"corpus/{issue_id}.pdf", format=fmt,
    )
    return EnrichedArticle(
        article=article,
        communes=tuple(CommuneRef(insee, name, dep) for insee, name, dep in communes),
        departements=tuple(dict.fromkeys(dep for _, _, dep in communes)),
        organisations=tuple(OrganisationRef(name) for name in organisations),
        people=tuple(PersonRef(name) for name in people),
        themes=tuple(ThemeRef(tid, label, "synthetic") for tid, label in themes),
    )


def _filler_words(count: int = 6000) -> tuple[str, ...]:
    """Pseudo-French words for the long tail of the vocabulary (fixed seed)."""
    rng = random.Random(0)
    onsets = ("b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "pr", "tr")
    vowels = ("a", "e", "i", "o", "u", "é", "ou", "ai", "an", "on", "in")
    endings = ("tion", "ment", "age", "ité", "eur", "ique", "ance", "isme", "oir", "el")
    words = {
        "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 3)))
        + rng.choice(endings) for _ in range(count)
    }
    return tuple(sorted(words))


# Zipf-like frequencies, as in real text: domain words are frequent, the tail is rare.
WORDS = VOCABULARY + _filler_words()
WEIGHTS = tuple(1.0 / (rank + 8) for rank in range(len(WORDS)))


def _sentence(rng: random.Random, words: int) -> str:
    chosen = rng.choices(WORDS, weights=WEIGHTS, k=words)
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def synthetic_issue(rng: random.Random, number: int, articles: int = 30,
                    words: int = 260) -> list[EnrichedArticle]:
    year = 2000 + number // 12 % 25
    date = f"{year}-{number % 12 + 1:02d}-01"
    found = []
    for position in range(articles):
        title = " ".join(rng.choices(WORDS, weights=WEIGHTS, k=rng.randint(4, 8))).capitalize()
        lead = _sentence(rng, 30)
        paragraphs = [_sentence(rng, rng.randint(15, 30)) for _ in range(words // 22)]
        found.append(make_article(
            title, lead, "\n\n".join(paragraphs), number=number, date=date,
            position=position, section=rng.choice(SECTIONS), kind=rng.choice(KINDS),
            communes=rng.sample(COMMUNES, rng.randint(0, 3)),
            themes=rng.sample(THEMES, rng.randint(1, 2)),
            organisations=rng.sample(ORGANISATIONS, rng.randint(0, 2)),
            people=[f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    for _ in range(rng.randint(0, 2))],
            pages=(position // 4 + 1,),
        ))
    return found


def synthetic_archive(count: int, seed: int = 1, per_issue: int = 30
                      ) -> list[EnrichedArticle]:
    rng = random.Random(seed)
    articles: list[EnrichedArticle] = []
    number = 1
    while len(articles) < count:
        articles += synthetic_issue(rng, number, min(per_issue, count - len(articles)))
        number += 1
    return articles
