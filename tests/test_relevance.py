"""Ranking: queries with the articles they must find, at a given rank at worst.

Over a mini archive written here, and over the demo corpus (corpus/, read for real from
its PDF, e-mail HTML and text files; entities left out so spaCy is not loaded).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import make_article, synthetic_archive
from indexer.api import Query
from indexer.glossary import load_glossary
from indexer.search import SearchService
from kb.models import EnrichedArticle
from kbcli.reindex import index_articles, reindex

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

MINI = [
    make_article("Les emplois francs prolongés", "Une aide à l'embauche des résidents des QPV.",
                 number=40, position=0, date="2018-01-01"),
    make_article("La France des quartiers populaires", "Un atlas national.",
                 number=40, position=1, date="2018-01-01"),
    make_article("Un diagnostic en marchant à Persan",
                 "La gestion urbaine et sociale de proximité associe les locataires.",
                 number=41, position=0, date="2019-01-01"),
    make_article("Convention GUSP signée à Garges", "Bailleurs et ville s'engagent.",
                 number=41, position=1, date="2019-01-01"),
    make_article("Les écoles en REP+ de Sarcelles", "Le dédoublement des classes.",
                 number=42, position=0, date="2020-01-01"),
    make_article("Réseau d'éducation prioritaire renforcé : un bilan",
                 "Les collèges classés en éducation prioritaire.", number=42, position=1,
                 date="2020-01-01"),
    make_article("Les habitant·e·s associé·e·s au projet urbain",
                 "Des ateliers avec les habitantes et les habitants.", number=43, position=0,
                 date="2021-01-01"),
    make_article("Équipements sportifs : un plan de rénovation", "Gymnases et stades.",
                 number=43, position=1, date="2021-01-01"),
]

MINI_CASES = [
    ("emplois francs", "Les emplois francs prolongés", 1),
    ("France", "La France des quartiers populaires", 1),
    ("GUSP", "Convention GUSP signée à Garges", 2),
    ("GUSP", "Un diagnostic en marchant à Persan", 2),
    ("gestion urbaine et sociale de proximite", "Convention GUSP signée à Garges", 2),
    ("REP+", "Les écoles en REP+ de Sarcelles", 2),
    ("REP+", "Réseau d'éducation prioritaire renforcé : un bilan", 2),
    ("habitants projet urbain", "Les habitant·e·s associé·e·s au projet urbain", 1),
    ("equipement sportif renovation", "Équipements sportifs : un plan de rénovation", 1),
]


def rank_of(service: SearchService, text: str, title: str) -> int | None:
    for rank, hit in enumerate(service.search(Query(text)).hits, start=1):
        if hit.title == title:
            return rank
    return None


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> SearchService:
    index = tmp_path_factory.mktemp("mini")
    index_articles([*MINI, *synthetic_archive(200, seed=11)], index)
    service = SearchService(index, load_glossary())
    yield service
    service.close()


@pytest.mark.parametrize(("text", "title", "worst"), MINI_CASES)
def test_mini_archive_ranks(mini: SearchService, text: str, title: str, worst: int) -> None:
    rank = rank_of(mini, text, title)
    assert rank is not None and rank <= worst, f"{text!r} → {title!r} at rank {rank}"


CORPUS_CASES = [
    ("emplois francs", "LES EMPLOIS FRANCS EXPÉRIMENTÉS DANS LES QUARTIERS PRIORITAIRES DU "
                       "VAL-D'OISE", 1),
    ("france travail", "PÔLE EMPLOI DEVIENT FRANCE TRAVAIL : CE QUI CHANGE POUR LES "
                       "DEMANDEUR·EUSE·S D'EMPLOI DES QPV", 1),
    ("GUSP", "GESTION URBAINE ET SOCIALE DE PROXIMITÉ : MOBILISER LES HABITANT·E·S AUTOUR DU "
             "CADRE DE VIE", 3),
    ("NPNRU", "NPNRU : DES PROTOCOLES DE PRÉFIGURATION AUX CONVENTIONS PLURIANNUELLES", 1),
    ("sante mentale jeunes", "SANTÉ MENTALE DES JEUNES : LES MAISONS DES ADOLESCENTS "
                             "RENFORCÉES", 2),
    ("jardins partages", "BEAUREGARD : DES JARDINS PARTAGÉS EN PIED D'IMMEUBLE", 2),
    ("ilots de chaleur", "ÎLOTS DE CHALEUR ET RÉNOVATION ÉNERGÉTIQUE : ADAPTER LES QUARTIERS "
                         "AU CLIMAT", 1),
    ("educatrices de rue", "PRÉVENTION SPÉCIALISÉE : DES RENFORTS D'ÉDUCATEURS ET "
                           "D'ÉDUCATRICES DE RUE", 1),
    ("conseil citoyen", "LES FRANCES : LE CONSEIL CITOYEN RELANCÉ APRÈS LA CRISE SANITAIRE", 3),
    ("abattement TFPB", "UN GUIDE PRATIQUE DE L'ABATTEMENT DE TFPB", 2),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> SearchService:
    if not any(CORPUS.glob("resonances-*")):
        pytest.skip("no demo corpus in corpus/")
    index = tmp_path_factory.mktemp("demo")
    summary = reindex([str(CORPUS)], index, progress=False,
                      enrich=lambda articles: [EnrichedArticle(article=a) for a in articles])
    assert not summary.failures
    service = SearchService(index, load_glossary())
    yield service
    service.close()


@pytest.mark.parametrize(("text", "title", "worst"), CORPUS_CASES)
def test_demo_corpus_ranks(demo: SearchService, text: str, title: str, worst: int) -> None:
    rank = rank_of(demo, text, title)
    assert rank is not None and rank <= worst, f"{text!r} → {title!r} at rank {rank}"
