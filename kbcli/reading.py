"""`kb scan`, `kb export` and `kb entities`: reading files (or the index) without writing."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence

from kb.controls import shown
from kb.models import Failure
from kb.pipeline import read_paths
from kb.serialize import article_record
from kb.textclean import fold, plural
from kbcli import corrections as corr
from kbcli.common import index_dir, index_missing, read_articles, report_failures, report_warnings

ENTITY_KINDS = ("commune", "organisation", "person", "theme")
# What a documentalist may type for --kind, beside the ids the JSON output uses.
KIND_WORDS = {"commune": "commune", "communes": "commune", "organisation": "organisation",
              "organisations": "organisation", "organisme": "organisation",
              "organismes": "organisation", "person": "person", "personne": "person",
              "personnes": "person", "theme": "theme", "themes": "theme"}


def entity_kind(text: str) -> str:
    try:
        return KIND_WORDS[fold(text)]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"type inconnu : « {text} » (commune, organisation, personne ou thème)") from None


def cmd_scan(args: argparse.Namespace) -> int:
    """Read files and print each issue with its articles (no index, no enrichment)."""
    failures: list[Failure] = []
    issues = articles = 0
    for item in read_paths(args.paths):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        issues += 1
        articles += len(item.articles)
        report_warnings(item)
        print(f"{shown(item.document.source.path)} — {item.issue.title} "
              f"(n°{item.issue.number or '?'}, {item.issue.date or 'date inconnue'}) : "
              f"{plural(len(item.articles), 'article')}")
        if args.verbose:
            for article in item.articles:
                label = " / ".join(p for p in (article.section, article.kind, article.heading) if p)
                page = article.pages[0] if article.pages else "?"
                print(f"   p.{page} [{label}] {article.title}")
    report_failures(failures)
    print(f"{plural(issues, 'numéro')}, {plural(articles, 'article')}, "
          f"{plural(len(failures), 'fichier')} en erreur")
    return 1 if failures else 0


def _corrections_path(args: argparse.Namespace) -> str | None:
    """The checked corrections file; BadCorrections propagates to the caller."""
    found = corr.current(args)
    return found.path if found else None


def cmd_export(args: argparse.Namespace) -> int:
    if not args.paths and index_missing(args):
        return 2
    try:
        overrides = _corrections_path(args) if args.paths else None
    except corr.BadCorrections as bad:
        corr.report_bad(bad, "export arrêté")
        return 2
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.paths:
            return export_paths(args.paths, overrides, out)
        from indexer.export import iter_records

        count = 0
        for record in iter_records(index_dir(args)):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        print(f"{plural(count, 'article exporté', 'articles exportés')} depuis "
              f"{index_dir(args)}", file=sys.stderr)
        return 0
    finally:
        if out is not sys.stdout:
            out.close()


def export_paths(paths: Sequence[str], overrides: str | None, out) -> int:
    from kb.enrich import enrich_all

    articles, failures = read_articles(paths)
    for enriched in enrich_all(articles, overrides=overrides):
        out.write(json.dumps(article_record(enriched), ensure_ascii=False) + "\n")
    report_failures(failures)
    print(f"{plural(len(articles), 'article exporté', 'articles exportés')}, "
          f"{plural(len(failures), 'fichier')} en erreur", file=sys.stderr)
    return 1 if failures else 0


def entity_counts(enriched_articles, kinds: Sequence[str]) -> dict[str, Counter]:
    """(value, label) → number of articles naming it, per kind."""
    counts: dict[str, Counter] = {kind: Counter() for kind in kinds}
    for item in enriched_articles:
        found = {
            "commune": {(c.insee, f"{c.name} ({c.departement})") for c in item.communes},
            "organisation": {(o.name, f"{o.name} ({o.acronym})"
                              if o.acronym and o.acronym != o.name else o.name)
                             for o in item.organisations},
            "person": {(p.name, p.name) for p in item.people},
            "theme": {(t.id, t.label) for t in item.themes},
        }
        for kind in kinds:
            counts[kind].update(found[kind])
    return counts


def cmd_entities(args: argparse.Namespace) -> int:
    """List what enrichment found, with counts, so a documentalist can review and correct."""
    kinds = [args.kind] if args.kind else list(ENTITY_KINDS)
    failures: list[Failure] = []
    try:
        overrides = _corrections_path(args)
    except corr.BadCorrections as bad:
        corr.report_bad(bad, "kb entities arrêté")
        return 2
    if args.paths:
        from kb.enrich import enrich_all

        articles, failures = read_articles(args.paths)
        counts = entity_counts(enrich_all(articles, overrides=overrides), kinds)
        rows = {kind: [(value, label, n) for (value, label), n in counts[kind].items()]
                for kind in kinds}
    else:
        from indexer.search import SearchService

        if index_missing(args):
            return 2
        if args.corrections:
            # The index holds what the last reindex found: say the new file is not in it yet.
            print("note : les corrections de ce fichier s'appliqueront au prochain "
                  "« kb reindex --corrections FICHIER »", file=sys.stderr)
        service = SearchService(index_dir(args))
        rows = {kind: [(v.value, v.label, v.count) for v in service.facet_values(kind)]
                for kind in kinds}
    for kind in kinds:
        rows[kind].sort(key=lambda row: (-row[2], row[1]))
    if args.json:
        print(json.dumps({kind: [{"value": v, "label": label, "count": n}
                                 for v, label, n in rows[kind]] for kind in kinds},
                         ensure_ascii=False, indent=1))
    else:
        for kind in kinds:
            print(f"# {kind} ({len(rows[kind])})")
            for value, label, n in rows[kind]:
                text = label if label == value else f"{label} [{value}]"
                print(f"{n:5d}  {text}")
    report_failures(failures)
    return 1 if failures else 0
