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

import json
import re
from pathlib import Path

import pytest

from kb.nlp import fold

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data_eval"
# Floors at what the enrichment reaches (measured, rounded down): see the report printed
# by test_heldout_scores. Raise them when the rules improve; never lower them silently.
FLOORS = {"communes": 0.97, "organisations": 0.96, "people": 0.98}
LEADING_ARTICLE_RE = re.compile(r"^(?:l'|la |le |les )")


def org_form(text: str) -> str:
    return LEADING_ARTICLE_RE.sub("", fold(" ".join(text.split())).strip(" .,;:«»\"'"))


def labelled_articles(enricher):
    from kb.extract import extract
    from kb.segment import segment

    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    pairs = []
    for name, gold_articles in labels.items():
        if name.startswith("_"):
            continue
        articles = segment(extract(str(DATA / name)))[1]
        enriched = enricher.enrich(articles)
        for gold in gold_articles:
            prefix = gold["title"].lower()
            matches = [e for e in enriched if e.article.title.lower().startswith(prefix)]
            assert matches, f"{name}: no article titled {gold['title']!r}"
            pairs.append((f"{name}: {gold['title']}", gold, matches[0]))
    return pairs


def compare_organisations(gold: dict, found) -> tuple[int, list[str], list[str]]:
    """(true positives, false positives, missed) for one article."""
    expected = [{org_form(form) for form in forms} for forms in gold["organisations"]]
    optional = {org_form(form) for form in gold.get("optional", [])}
    matched: set[int] = set()
    false_positives: list[str] = []
    for ref in found:
        keys = {org_form(ref.name)} | ({org_form(ref.acronym)} if ref.acronym else set())
        hit = next((i for i, forms in enumerate(expected) if keys & forms), None)
        if hit is not None and hit not in matched:
            matched.add(hit)
        elif hit is None and keys & optional:
            continue
        else:
            false_positives.append(ref.name + (f" ({ref.acronym})" if ref.acronym else ""))
    missed = [gold["organisations"][i][0] for i in range(len(expected)) if i not in matched]
    return len(matched), false_positives, missed


def evaluate(pairs) -> tuple[dict[str, tuple[float, float, float]], list[str]]:
    counts = {kind: [0, 0, 0] for kind in FLOORS}  # true positives, false positives, missed
    errors: list[str] = []
    for where, gold, item in pairs:
        tp, fp, missed = compare_organisations(gold, item.organisations)
        found_people = {p.name for p in item.people}
        optional = set(gold.get("optional", []))
        per_kind = {
            "organisations": (tp, fp, missed),
            "communes": _set_compare({c.insee for c in item.communes}, set(gold["communes"])),
            "people": _set_compare(found_people - optional, set(gold["people"])),
        }
        for kind, (tp, fp, missed) in per_kind.items():
            counts[kind][0] += tp
            counts[kind][1] += len(fp)
            counts[kind][2] += len(missed)
            errors.extend(f"{where} | {kind} | FP {x}" for x in fp)
            errors.extend(f"{where} | {kind} | FN {x}" for x in missed)
    result = {}
    for kind, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = (precision, recall, f1)
    return result, errors


def _set_compare(found: set[str], expected: set[str]) -> tuple[int, list[str], list[str]]:
    return len(found & expected), sorted(found - expected), sorted(expected - found)


def test_org_form_ignores_case_accents_and_leading_article():
    assert org_form("Les Résidences Yvelines Essonne") == "residences yvelines essonne"
    assert org_form("l'Union sociale pour l’habitat") == "union sociale pour l'habitat"


def test_compare_counts_a_split_organisation_as_a_false_positive():
    from kb.models import OrganisationRef

    gold = {"organisations": [["Union sociale pour l'habitat", "USH"]], "optional": ["CNV"]}
    found = [OrganisationRef("Union sociale pour l'habitat", "USH"), OrganisationRef("USH"),
             OrganisationRef("Conseil national des villes", "CNV")]
    assert compare_organisations(gold, found) == (1, ["USH"], [])


def test_heldout_scores(enricher):
    measured, errors = evaluate(labelled_articles(enricher))
    report = ", ".join(f"{k} P={p:.2f} R={r:.2f} F1={f:.2f}" for k, (p, r, f) in measured.items())
    print(f"\nheld-out issues: {report}\n" + "\n".join(errors))
    for kind, floor in FLOORS.items():
        assert measured[kind][2] >= floor, report + "\n" + "\n".join(errors)
