"""The `kb` command: the composition root, the one place that may wire every package.

Commands that need the index import `indexer` (and `serve` imports `webui`) inside
their own function, so `kb export PATH…` runs without them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence

from kb.citation import citation
from kb.controls import for_terminal, shown, strip_controls
from kb.models import Article, Failure
from kb.pipeline import ReadIssue, read_paths
from kb.serialize import article_record
from kb.settings import DEFAULT_CORPUS, DEFAULT_INDEX, corpus_dir_from_env, index_dir_from_env


def add_index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index",
        default=None,
        help=f"dossier de l'index (défaut : $KB_INDEX, sinon {DEFAULT_INDEX})",
    )


def index_dir(args: argparse.Namespace) -> str:
    return args.index or index_dir_from_env()


def index_missing(args: argparse.Namespace) -> bool:
    """Say so when there is no index to read: a wrong --index must not look like 0 results."""
    from indexer.writer import current_generation

    if current_generation(index_dir(args)) is not None:
        return False
    print(f"erreur : aucun index dans {index_dir(args)} "
          f"(à construire avec « kb reindex --index {index_dir(args)} CHEMIN… »)",
          file=sys.stderr)
    return True


def report_failures(failures: Sequence[Failure], label: str = "erreur") -> None:
    """One line per file: the path escaped (a newline in a file name must not forge a
    second report line), the reason on one line."""
    for failure in failures:
        reason = " ".join(strip_controls(failure.reason).split())
        print(f"{label} : {shown(failure.path)} : {reason}", file=sys.stderr)


def report_warnings(item: ReadIssue) -> None:
    """Files read only in part (scanned pages without OCR…) are said, never dropped quietly."""
    report_failures(
        [Failure(item.document.source.path, w) for w in item.document.warnings], "avertissement"
    )


def read_articles(paths: Sequence[str]) -> tuple[list[Article], list[Failure]]:
    """The articles of every readable file under `paths`, and the files that could not be read."""
    articles: list[Article] = []
    failures: list[Failure] = []
    for item in read_paths(paths):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            report_warnings(item)
            articles.extend(item.articles)
    return articles, failures


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
              f"{len(item.articles)} articles")
        if args.verbose:
            for article in item.articles:
                label = " / ".join(p for p in (article.section, article.kind, article.heading) if p)
                page = article.pages[0] if article.pages else "?"
                print(f"   p.{page} [{label}] {article.title}")
    report_failures(failures)
    print(f"{issues} numéros, {articles} articles, {len(failures)} fichiers en erreur")
    return 1 if failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    if not args.paths and index_missing(args):
        return 2
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.paths:
            return export_paths(args, out)
        from indexer.export import iter_records

        count = 0
        for record in iter_records(index_dir(args)):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        print(f"{count} articles exportés depuis {index_dir(args)}", file=sys.stderr)
        return 0
    finally:
        if out is not sys.stdout:
            out.close()


def export_paths(args: argparse.Namespace, out) -> int:
    from kb.enrich import enrich_all

    articles, failures = read_articles(args.paths)
    for enriched in enrich_all(articles, overrides=args.overrides):
        out.write(json.dumps(article_record(enriched), ensure_ascii=False) + "\n")
    report_failures(failures)
    print(f"{len(articles)} articles exportés, {len(failures)} fichiers en erreur", file=sys.stderr)
    return 1 if failures else 0


ENTITY_KINDS = ("commune", "organisation", "person", "theme")


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
    if args.paths:
        from kb.enrich import enrich_all

        articles, failures = read_articles(args.paths)
        counts = entity_counts(enrich_all(articles, overrides=args.overrides), kinds)
        rows = {kind: [(value, label, n) for (value, label), n in counts[kind].items()]
                for kind in kinds}
    else:
        from indexer.search import SearchService

        if index_missing(args):
            return 2
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


def add_overrides_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overrides",
        default=os.environ.get("KB_OVERRIDES") or None,
        help="fichier de corrections des entités (TSV ; défaut : $KB_OVERRIDES)",
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web UI with waitress (a production WSGI server), on 127.0.0.1 by default."""
    from waitress import serve

    from webui import create_app

    app = create_app({"INDEX_DIR": index_dir(args), "CORPUS_DIR": args.corpus})
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Archives de Résonances : http://{host}:{args.port}/ "
          f"(index {index_dir(args)}, Ctrl+C pour arrêter)", flush=True)
    if args.behind_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind an HTTPS reverse proxy the feeds' absolute links must say https and carry
        # the sub-path the proxy mounts us under. Only the one hop in front is believed;
        # waitress would otherwise strip those headers before the app sees them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="resonances-kb",
          clear_untrusted_proxy_headers=not args.behind_proxy)
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Bring new, changed and removed files into the index (see indexer/reindex.py)."""
    import kb.enrich
    from indexer.reindex import reindex
    from indexer.writer import IndexBusy, IndexWriteError, warn_waiting
    from kb.sandbox import Limits, SandboxFailure

    def enrich(articles):
        return kb.enrich.enrich_all(articles, overrides=args.overrides)

    def warm_up():
        kb.enrich.enrich_all([], overrides=args.overrides, warm_up=True)

    try:
        summary = reindex(
            args.paths or None, index_dir(args), full=args.full, wait=not args.no_wait,
            on_wait=warn_waiting(index_dir(args)), enrich=enrich, warm_up=warm_up,
            limits=Limits.from_env(),
        )
    except IndexBusy as busy:
        print(f"erreur : {busy}", file=sys.stderr)
        return 2
    except (IndexWriteError, SandboxFailure) as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 1
    report_failures(summary.failures)
    report_failures(summary.warnings, "avertissement")
    print(summary.describe(), file=sys.stderr)
    return 1 if summary.failures else 0


def cmd_search(args: argparse.Namespace) -> int:
    from indexer.api import Query
    from indexer.search import SearchService, snippet_text

    if index_missing(args):
        return 2
    filters = {facet: tuple(values) for facet, values in (
        ("theme", args.theme), ("commune", args.commune), ("departement", args.departement),
        ("year", args.year)) if values}
    query = Query(" ".join(args.query), filters=filters,
                  sort="date" if args.sort == "date" else "relevance", page=args.page)
    page = SearchService(index_dir(args)).search(query)
    if args.json:
        print(json.dumps({
            "query": query.text,
            "total": page.total,
            "results": [{
                "id": hit.id, "title": hit.title, "issue": hit.issue_id, "date": hit.date,
                "section": hit.section, "score": hit.score,
                "snippet": snippet_text(hit.snippet_html),
                "communes": [{"insee": insee, "name": name} for insee, name in hit.communes],
            } for hit in page.hits],
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
    print(f"{page.total} article{'s' if page.total > 1 else ''} "
          f"(page {page.query.page}/{page.pages})\n")
    first = (page.query.page - 1) * page.query.per_page
    for rank, hit in enumerate(page.hits, start=first + 1):
        reference = citation(hit.issue_number, hit.date, hit.pages)
        print(f"{rank}. {strip_controls(hit.title)}")
        print(f"   {reference}" + (f" — {strip_controls(hit.section)}" if hit.section else ""))
        print(f"   {strip_controls(snippet_text(hit.snippet_html))}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kb", description="Archives de Résonances : lire, indexer, chercher."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    scan = commands.add_parser("scan", help="lire des numéros et afficher leurs articles")
    scan.add_argument("paths", nargs="+", metavar="CHEMIN")
    scan.add_argument("-v", "--verbose", action="store_true", help="lister chaque article")
    scan.set_defaults(func=cmd_scan)

    export = commands.add_parser("export", help="exporter les articles en JSONL")
    export.add_argument(
        "paths", nargs="*", metavar="CHEMIN", help="fichiers ou dossiers (sinon l'index)"
    )
    export.add_argument("-o", "--output", help="fichier de sortie (défaut : sortie standard)")
    add_index_option(export)
    add_overrides_option(export)
    export.set_defaults(func=cmd_export)

    found = commands.add_parser("entities",
                                help="lister les entités trouvées, avec leurs effectifs")
    found.add_argument("paths", nargs="*", metavar="CHEMIN",
                       help="fichiers ou dossiers (sinon l'index)")
    found.add_argument("--kind", choices=ENTITY_KINDS, help="un seul type d'entité")
    found.add_argument("--json", action="store_true", help="sortie JSON")
    add_index_option(found)
    add_overrides_option(found)
    found.set_defaults(func=cmd_entities)

    reindex = commands.add_parser(
        "reindex", help="mettre l'index à jour (fichiers nouveaux, modifiés, retirés)",
        description="Sans CHEMIN : les chemins déjà indexés (sinon corpus/).")
    reindex.add_argument("paths", nargs="*", metavar="CHEMIN")
    reindex.add_argument("--full", action="store_true", help="tout reconstruire")
    reindex.add_argument("--no-wait", action="store_true",
                         help="échouer si un autre reindex est en cours au lieu d'attendre")
    add_index_option(reindex)
    add_overrides_option(reindex)
    reindex.set_defaults(func=cmd_reindex)

    search = commands.add_parser("search", help="chercher dans l'index")
    search.add_argument("query", nargs="+", metavar="REQUÊTE")
    search.add_argument("--theme", action="append", metavar="THÈME")
    search.add_argument("--commune", action="append", metavar="INSEE")
    search.add_argument("--departement", action="append", metavar="D")
    search.add_argument("--year", action="append", metavar="ANNÉE")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--json", action="store_true", help="sortie JSON")
    add_index_option(search)
    search.set_defaults(func=cmd_search)

    serve = commands.add_parser("serve", help="servir l'interface web")
    add_index_option(serve)
    serve.add_argument("--corpus", default=corpus_dir_from_env(),
                       help=f"dossier des fichiers sources (défaut : $KB_CORPUS, sinon "
                            f"{DEFAULT_CORPUS})")
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    serve.add_argument("--port", type=int, default=5000, help="port (défaut : 5000)")
    serve.add_argument("--threads", type=int, default=4, help="fils de traitement (défaut : 4)")
    serve.add_argument(
        "--behind-proxy", action="store_true",
        help="derrière un proxy inverse : croire ses en-têtes X-Forwarded-Proto/Host/Prefix",
    )
    serve.set_defaults(func=cmd_serve)
    return parser


class TerminalSafe(io.TextIOBase):
    """A text stream that drops what would act on the terminal instead of being shown
    (ESC sequences, C1 controls, bidi overrides: kb.controls), whatever the text's origin:
    an index built before control characters were stripped, a reason quoting a file."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with (contextlib.redirect_stdout(TerminalSafe(sys.stdout)),
              contextlib.redirect_stderr(TerminalSafe(sys.stderr))):
            return args.func(args)
    except KeyboardInterrupt:
        print("interrompu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
