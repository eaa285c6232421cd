"""`kb search`, and the lists of what its filters accept: `kb themes`, `kb communes`,
`kb numeros`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from kb.citation import citation
from kb.controls import strip_controls
from kb.gazetteer import COVERED_DEPARTEMENTS, load_gazetteer
from kb.textclean import fold, plural
from kbcli.common import index_dir, index_missing
from kbcli.french import UsageError
from kbcli.memory import load_state
from kbcli.values import (
    resolve_commune,
    resolve_departement,
    resolve_sort,
    resolve_theme,
    resolve_year,
)


def _filters(args: argparse.Namespace) -> dict[str, tuple[str, ...]]:
    resolved = {
        "theme": [resolve_theme(v) for v in args.theme or ()],
        "commune": [code for v in args.commune or () for code in resolve_commune(v)],
        "departement": [resolve_departement(v) for v in args.departement or ()],
        "year": [resolve_year(v) for v in args.annee or ()],
    }
    return {facet: tuple(dict.fromkeys(values)) for facet, values in resolved.items() if values}


def cmd_search(args: argparse.Namespace) -> int:
    from indexer.api import Query
    from indexer.search import SearchService, snippet_text

    try:
        filters = _filters(args)
        sort = resolve_sort(args.tri)
    except UsageError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    if index_missing(args):
        return 2
    query = Query(" ".join(args.query), filters=filters, sort=sort, page=args.page)
    page = SearchService(index_dir(args)).search(query)
    def record(hit) -> dict:
        return {
            "id": hit.id, "title": hit.title, "issue": hit.issue_id, "date": hit.date,
            "section": hit.section, "score": hit.score,
            "snippet": snippet_text(hit.snippet_html),
            "communes": [{"insee": insee, "name": name} for insee, name in hit.communes],
        }

    if args.json:
        print(json.dumps({
            "query": query.text,
            "total": page.total,
            "results": [record(hit) for hit in page.hits],
            # articles holding only some of the words: apart, never counted in `total`
            "approximate": [record(hit) for hit in page.approximate],
            "facets": {facet: [{"value": v.value, "label": v.label, "count": v.count,
                                "selected": v.selected} for v in values]
                       for facet, values in page.facets.items()},
            "suggestion": page.suggestion,
        }, ensure_ascii=False, indent=1))
        return 0
    if page.notice:
        print(page.notice)
    if page.corrected:
        print(f"Aucun résultat pour « {query.text} » ; résultats pour « {page.suggestion} » :")
    elif page.suggestion:
        print(f"Vouliez-vous dire « {page.suggestion} » ?")
    print(f"{plural(page.total, 'article')} (page {page.query.page}/{page.pages})\n")
    first = (page.query.page - 1) * page.query.per_page
    for rank, hit in enumerate(page.hits, start=first + 1):
        _print_hit(f"{rank}.", hit)
    if page.approximate:
        print("Résultats approchants (certains mots seulement) :\n")
        for hit in page.approximate:
            _print_hit("~", hit)
    return 0


def _print_hit(mark: str, hit) -> None:
    from indexer.search import snippet_text

    reference = citation(hit.issue_number, hit.date, hit.pages)
    print(f"{mark} {strip_controls(hit.title)}")
    print(f"   {reference}" + (f" — {strip_controls(hit.section)}" if hit.section else ""))
    print(f"   {strip_controls(snippet_text(hit.snippet_html))}\n")


def _indexed_counts(args: argparse.Namespace, facet: str) -> dict[str, int]:
    """Articles per facet value in the index; empty when there is no index yet."""
    from indexer.search import SearchService
    from indexer.writer import current_generation

    if current_generation(index_dir(args)) is None:
        return {}
    return {v.value: v.count for v in SearchService(index_dir(args)).facet_values(facet)}


def cmd_themes(args: argparse.Namespace) -> int:
    from kb.themes import load_themes

    counts = _indexed_counts(args, "theme")
    themes = list(load_themes().themes.values())
    if args.json:
        print(json.dumps([{"id": t.id, "label": t.label, "parent": t.parent,
                           "acronyms": list(t.acronyms), "articles": counts.get(t.id, 0)}
                          for t in themes], ensure_ascii=False, indent=1))
        return 0
    # Each pillar, then its children indented under it, as the web UI groups them.
    ordered = [t for p in themes if not p.parent
               for t in (p, *(c for c in themes if c.parent == p.id))]
    ordered += [t for t in themes if t not in ordered]
    for theme in ordered:
        indent = "    " if theme.parent else ""
        print(f"{indent}{theme.label} [{theme.id}] — {plural(counts.get(theme.id, 0), 'article')}")
    print("\nexemple : kb search GUSP --theme \"santé mentale\" (libellé ou [identifiant])")
    return 0


def cmd_communes(args: argparse.Namespace) -> int:
    gazetteer = load_gazetteer()
    counts = _indexed_counts(args, "commune")
    wanted = fold(args.recherche or "")
    communes = [c for code in COVERED_DEPARTEMENTS for c in gazetteer.in_departement(code)
                if wanted in fold(c.name) or wanted == c.insee]
    if args.json:
        print(json.dumps([{"insee": c.insee, "name": c.name, "departement": c.departement,
                           "articles": counts.get(c.insee, 0)} for c in communes],
                         ensure_ascii=False, indent=1))
        return 0
    for commune in communes:
        print(f"{commune.insee}  {commune.name} ({commune.departement})"
              f" — {plural(counts.get(commune.insee, 0), 'article')}")
    print(f"\n{plural(len(communes), 'commune')} ; exemple : kb search emploi "
          "--commune Sarcelles (nom, accents facultatifs, ou code INSEE)", file=sys.stderr)
    return 0 if communes else 1


def cmd_numeros(args: argparse.Namespace) -> int:
    from indexer.search import SearchService

    if index_missing(args):
        return 2
    given = load_state(index_dir(args)).get("numeros", {})
    issues = SearchService(index_dir(args)).issues()
    if args.json:
        print(json.dumps([asdict(issue) for issue in issues], ensure_ascii=False, indent=1))
        return 0
    for issue in issues:
        number = f"n°{issue.number}" if issue.number is not None else "sans numéro"
        date = issue.date or "sans date"
        by_hand = any(path in given for path in issue.sources)
        note = " (saisi par la documentaliste)" if by_hand else ""
        print(f"{number:<12} {date:<10} {plural(issue.articles, 'article'):<12} "
              f"{', '.join(issue.sources)}{note}")
        if issue.number is None or issue.date is None:
            for path in issue.sources:
                print(f"    à renseigner : kb reindex {path} --numero N --date AAAA-MM")
    print(f"\n{plural(len(issues), 'numéro')}", file=sys.stderr)
    return 0
