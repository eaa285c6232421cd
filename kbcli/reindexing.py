"""`kb reindex` and `kb oublier`: the documentalist's side of the index.

Everything that can be refused (a bad corrections file, a wrong --numero) is refused
before `kbcli.reindex` takes the lock, so nothing is written on a mistake.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from kb.controls import shown
from kb.issue_meta import IssueMeta, check_meta, with_meta
from kb.models import Failure
from kb.pipeline import read_file, skipped_files
from kb.settings import corpus_dir_from_env
from kb.textclean import plural
from kbcli import corrections as corr
from kbcli.common import index_dir, report_failures
from kbcli.memory import load_state, save_state

EXIT_CODES = """\
codes de sortie :
  0  index à jour (des avertissements sont possibles : numéro sans date, dossier disparu…)
  1  des fichiers n'ont pas pu être lus (les autres sont indexés ; relus au passage suivant)
  2  rien n'a été écrit : option invalide, fichier de corrections invalide, ou index occupé
     avec --no-wait"""

MISSING_IDENTITY = "à renseigner"  # the end of kb.segment.issue_warnings' messages


def _meta_for(args: argparse.Namespace) -> tuple[str, IssueMeta] | None:
    """The file and the number/date given on the command line, or None; raises ValueError
    with the French reason when they cannot be used."""
    if args.numero is None and args.date is None:
        return None
    if len(args.paths) != 1 or not Path(args.paths[0]).is_file():
        raise ValueError("--numero et --date s'appliquent à un seul fichier : "
                         "kb reindex FICHIER --numero 57 --date 2021-04")
    if problems := check_meta(args.numero, args.date):
        raise ValueError(" ; ".join(problems))
    return os.path.normpath(args.paths[0]), IssueMeta(args.numero, args.date)


def cmd_reindex(args: argparse.Namespace) -> int:
    if not args.suivre:
        return reindex_once(args)
    from kb.enrich import enrich_all
    from kbcli.watching import watch

    where = index_dir(args)
    # Loaded once, now, so that not even the first issue to land pays for it (the passes'
    # sandboxes fork from this process and share it).
    print("chargement du modèle de langue et des vocabulaires…", file=sys.stderr, flush=True)
    enrich_all([], warm_up=True)
    return watch(lambda: reindex_once(args),
                 lambda: args.paths or _scanned_roots(where) or [corpus_dir_from_env()],
                 args.intervalle)


def reindex_once(args: argparse.Namespace) -> int:
    """One `kb reindex` pass: read what changed, enrich, publish a generation, report."""
    from indexer.writer import IndexBusy, IndexWriteError, current_generation, warn_waiting
    from kb.enrich import enrich_all
    from kb.sandbox import Limits, SandboxFailure
    from kbcli.reindex import reindex

    where = index_dir(args)
    try:
        meta = _meta_for(args)
    except ValueError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    try:
        corrections = corr.current(args)
    except corr.BadCorrections as bad:
        corr.report_bad(bad, "kb reindex arrêté avant toute écriture")
        return 2
    state = load_state(where)
    full = args.full
    if (current_generation(where) is not None
            and (corrections.digest if corrections else None) != state.get("corrections_sha256")
            and (corrections or state.get("corrections_sha256"))):
        print("corrections modifiées : toute l'archive est réenrichie", file=sys.stderr)
        full = True
    metas = {path: IssueMeta.from_json(raw) for path, raw in state.get("numeros", {}).items()}
    if meta:
        metas[meta[0]] = meta[1]

    def reader(path: str):
        return with_meta(read_file(path), metas.get(os.path.normpath(path)))

    overrides = corrections.path if corrections else None
    try:
        summary = reindex(
            args.paths or None, where, full=full, wait=not args.no_wait,
            on_wait=warn_waiting(where),
            enrich=lambda articles: enrich_all(articles, overrides=overrides),
            # spaCy and the vocabularies built once, before the sandboxes fork
            warm_up=lambda: enrich_all([], overrides=overrides, warm_up=True),
            limits=Limits.from_env(),
            progress=not args.json, reader=reader, reread=[meta[0]] if meta else [],
            forget=args.oublier, prune=args.prune,
        )
    except IndexBusy as busy:
        print(f"erreur : {busy}", file=sys.stderr)
        return 2
    except (IndexWriteError, SandboxFailure) as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 1
    state["corrections"] = corrections.path if corrections else None
    state["corrections_sha256"] = corrections.digest if corrections else None
    state["numeros"] = {path: m.to_json() for path, m in metas.items()}
    save_state(where, state)
    skipped = skipped_files(args.paths or _scanned_roots(where))
    code = 1 if summary.failures else 0
    if args.json:
        print(json.dumps(summary_record(summary, skipped, code), ensure_ascii=False, indent=1))
    else:
        tell(summary, skipped)
    return code


def _scanned_roots(where: str) -> list[str]:
    from indexer.writer import Manifest, current_generation

    generation = current_generation(where)
    return Manifest.load(generation).roots if generation else []


def _skipped_by_suffix(skipped: list[str]) -> Counter[str]:
    return Counter(Path(p).suffix.lower() or "sans extension" for p in skipped)


def _hint(warning: Failure) -> Failure:
    if warning.reason.endswith(MISSING_IDENTITY):
        return Failure(warning.path, f"{warning.reason} (kb reindex {warning.path} "
                                     "--numero N --date AAAA-MM)")
    return warning


def tell(summary, skipped: list[str]) -> None:
    """The human summary, on stderr as before (stdout stays free for --json)."""
    report_failures(summary.failures)
    report_failures([_hint(w) for w in summary.warnings], "avertissement")
    for root in map(shown, summary.vanished):
        print(f"avertissement : dossier ou fichier disparu : {root} (ses articles restent "
              f"dans l'index ; pour l'oublier : kb oublier {root}, ou kb reindex --prune)",
              file=sys.stderr)
    for root in summary.forgotten:
        print(f"oublié : {shown(root)}", file=sys.stderr)
    mode = "reconstruction complète" if summary.full else "mise à jour"
    seconds = f"{summary.seconds:.1f}".replace(".", ",")  # French decimal comma
    print(f"{mode} : {plural(summary.files, 'fichier')} ({plural(summary.read, 'lu')}, "
          f"{plural(summary.unchanged, 'inchangé')}, {plural(summary.removed, 'retiré')}), "
          f"{plural(summary.issues, 'numéro')}, "
          f"{plural(summary.articles, 'article indexé', 'articles indexés')} "
          f"({summary.total_articles} au total), {plural(len(summary.failures), 'erreur')}, "
          f"{plural(len(summary.warnings) + len(summary.vanished), 'avertissement')}, "
          f"{seconds} s", file=sys.stderr)
    if skipped:
        suffixes = ", ".join(sorted(_skipped_by_suffix(skipped)))
        print(f"ignorés : {len(skipped)} ({suffixes})", file=sys.stderr)


def summary_record(summary, skipped: list[str], code: int) -> dict:
    def paths(items):
        return [{"path": f.path, "reason": f.reason} for f in items]

    return {
        "mode": "full" if summary.full else "update",
        "files": {"found": summary.files, "read": summary.read,
                  "unchanged": summary.unchanged, "removed": summary.removed},
        "skipped": {"count": len(skipped), "suffixes": dict(_skipped_by_suffix(skipped)),
                    "paths": skipped},
        "issues": summary.issues,
        "articles": summary.articles,
        "total_articles": summary.total_articles,
        "warnings": paths(summary.warnings),
        "errors": paths(summary.failures),
        "vanished": summary.vanished,
        "forgotten": summary.forgotten,
        "generation": summary.generation,
        "seconds": round(summary.seconds, 2),
        "exit_code": code,
    }


def cmd_oublier(args: argparse.Namespace) -> int:
    """Drop remembered folders (and their articles) from the index."""
    from indexer.writer import Manifest, current_generation

    where = index_dir(args)
    generation = current_generation(where)
    roots = Manifest.load(generation).roots if generation else []
    wanted = [os.path.normpath(p) for p in args.paths]
    unknown = [p for p in wanted if p not in roots]
    if unknown:
        listed = ", ".join(roots) or "aucun"
        print(f"erreur : chemin non indexé : {', '.join(unknown)} (chemins indexés : {listed})",
              file=sys.stderr)
        return 2
    args.paths, args.oublier, args.prune = [], wanted, False
    args.full = args.json = args.suivre = False
    args.numero = args.date = None
    args.corrections = None
    return cmd_reindex(args)
