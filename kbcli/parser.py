"""The `kb` command line: every command, option, help text and example, in French."""

from __future__ import annotations

import argparse
import os

from kb.settings import DEFAULT_CORPUS, DEFAULT_INDEX, corpus_dir_from_env
from kbcli import corrections, reading, reindexing, searching, serving
from kbcli.french import FrenchParser, install_argparse_french


def option(parser: argparse.ArgumentParser, *flags: str, help: str, example: str,
           **kwargs) -> None:
    """An option whose help always ends with an example to copy."""
    parser.add_argument(*flags, help=f"{help} — ex. : {example}", **kwargs)


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu : « {text} »") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"nombre positif attendu : « {text} »")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre de secondes attendu : « {text} »") from None
    if not 0.05 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"entre 0,05 et 3600 secondes : « {text} »")
    return value


def add_index_option(parser: argparse.ArgumentParser) -> None:
    option(parser, "--index", default=None, metavar="DOSSIER",
           help=f"dossier de l'index (défaut : $KB_INDEX, sinon {DEFAULT_INDEX})",
           example="--index /srv/resonances/index")


def add_corrections_option(parser: argparse.ArgumentParser) -> None:
    option(parser, "--corrections", "--overrides", dest="corrections", default=None,
           metavar="FICHIER",
           help="fichier de corrections des entités (TSV) ; défaut : $KB_OVERRIDES, sinon "
                "celui que l'index a mémorisé au premier kb reindex --corrections",
           example="--corrections corrections.tsv")


def add_json_option(parser: argparse.ArgumentParser, what: str) -> None:
    option(parser, "--json", action="store_true", help=f"{what} en JSON, pour un script",
           example="--json | jq .")


def command(commands, name: str, help: str, example: str, **kwargs) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help, description=f"{help[0].upper()}{help[1:]}.",
                              epilog=f"exemple :\n  {example}", **kwargs)
    # So that an unknown option is refused by the command it was typed for, with that
    # command's usage and close matches (kbcli/__init__.py).
    sub.set_defaults(command_parser=sub)
    return sub


def build_parser() -> argparse.ArgumentParser:
    install_argparse_french()
    parser = FrenchParser(prog="kb", description="Archives de Résonances : lire, indexer, "
                                                 "chercher.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE",
                                     parser_class=FrenchParser)

    reindex = command(commands, "reindex", "mettre l'index à jour (nouveaux numéros, fichiers "
                      "modifiés ou retirés)", "kb reindex nouveaux-numeros/")
    reindex.epilog = (
        "Sans CHEMIN : les chemins déjà indexés (sinon $KB_CORPUS, sinon corpus/).\n\n"
        "exemples :\n  kb reindex nouveaux-numeros/\n"
        "  kb reindex numeros/lettre-avril.pdf --numero 57 --date 2021-04\n"
        "  kb reindex --corrections corrections.tsv\n  kb reindex --json > bilan.json\n"
        "  kb reindex --suivre nouveaux-numeros/\n\n"
        + reindexing.EXIT_CODES)
    reindex.add_argument("paths", nargs="*", metavar="CHEMIN",
                         help="fichiers ou dossiers de numéros (PDF, HTML, texte, .docx, .odt)")
    option(reindex, "--full", action="store_true",
           help="tout reconstruire depuis les fichiers", example="kb reindex --full")
    option(reindex, "--numero", type=positive, metavar="N",
           help="numéro du numéro donné en CHEMIN (un seul fichier), gardé par l'index",
           example="--numero 57")
    option(reindex, "--date", metavar="AAAA-MM",
           help="date du numéro donné en CHEMIN (AAAA-MM ou AAAA-MM-JJ), gardée par l'index",
           example="--date 2021-04")
    option(reindex, "--prune", action="store_true",
           help="oublier les dossiers indexés qui ont disparu, avec leurs articles",
           example="kb reindex --prune")
    option(reindex, "--no-wait", action="store_true",
           help="s'arrêter (code 2) si un autre kb reindex écrit, au lieu d'attendre",
           example="kb reindex --no-wait")
    option(reindex, "--suivre", action="store_true",
           help="rester en marche et indexer chaque fichier ajouté ou modifié dès qu'il "
                "arrive (le modèle reste chargé : un numéro cherchable en une ou deux "
                "secondes) ; Ctrl+C pour arrêter",
           example="kb reindex --suivre nouveaux-numeros/")
    option(reindex, "--intervalle", type=seconds, default=1.0, metavar="SECONDES",
           help="avec --suivre, regarder les dossiers toutes les SECONDES (défaut : 1)",
           example="--intervalle 5")
    add_json_option(reindex, "le bilan (fichiers, numéros, articles, avertissements, erreurs)")
    add_index_option(reindex)
    add_corrections_option(reindex)
    reindex.set_defaults(func=reindexing.cmd_reindex, oublier=[])

    forget = command(commands, "oublier", "retirer de l'index un dossier ou fichier indexé "
                     "(disparu ou plus voulu) et ses articles", "kb oublier ancien-dossier/")
    forget.add_argument("paths", nargs="+", metavar="CHEMIN", help="chemin tel qu'indexé")
    option(forget, "--no-wait", action="store_true",
           help="s'arrêter si un autre kb reindex écrit", example="kb oublier X --no-wait")
    add_index_option(forget)
    forget.set_defaults(func=reindexing.cmd_oublier)

    fixes = command(commands, "corrections", "vérifier, montrer ou oublier le fichier de "
                    "corrections",
                    "kb corrections verifier corrections.tsv")
    actions = fixes.add_subparsers(dest="action", required=True, metavar="ACTION",
                                   parser_class=FrenchParser)
    check = command(actions, "verifier", "vérifier le fichier de corrections, ligne par ligne",
                    "kb corrections verifier corrections.tsv")
    check.add_argument("fichier", nargs="?", metavar="FICHIER",
                       help="le fichier à vérifier (défaut : celui en usage)")
    add_index_option(check)
    check.set_defaults(func=corrections.cmd_verifier, corrections=None)
    show = command(actions, "montrer", "dire quel fichier de corrections est en usage",
                   "kb corrections montrer")
    add_index_option(show)
    show.set_defaults(func=corrections.cmd_montrer, corrections=None)
    drop = command(actions, "oublier", "ne plus appliquer le fichier mémorisé par l'index",
                   "kb corrections oublier")
    add_index_option(drop)
    drop.set_defaults(func=corrections.cmd_oublier)

    search = command(commands, "search", "chercher dans l'index",
                     'kb search "santé mentale" --commune Sarcelles --tri date')
    search.add_argument("query", nargs="+", metavar="REQUÊTE",
                        help="mots cherchés (sans accents, au pluriel, sigles…)")
    option(search, "--theme", action="append", metavar="THÈME",
           help="thème : libellé, identifiant ou sigle (liste : kb themes)",
           example='--theme "santé mentale"')
    option(search, "--commune", action="append", metavar="COMMUNE",
           help="commune : nom (accents facultatifs) ou code INSEE (liste : kb communes)",
           example="--commune Sarcelles")
    option(search, "--departement", action="append", metavar="DÉP",
           help="département : code ou nom", example="--departement \"Val-d'Oise\"")
    option(search, "--annee", "--year", dest="annee", action="append", metavar="ANNÉE",
           help="année de parution", example="--annee 2021")
    option(search, "--tri", "--sort", dest="tri", default="pertinence", metavar="ORDRE",
           help="ordre des résultats : pertinence (défaut) ou date", example="--tri date")
    option(search, "--page", type=positive, default=1, metavar="N",
           help="page de résultats (10 par page)", example="--page 2")
    add_json_option(search, "les résultats")
    add_index_option(search)
    search.set_defaults(func=searching.cmd_search)

    themes = command(commands, "themes", "lister les thèmes que --theme accepte",
                     "kb themes")
    add_json_option(themes, "la liste")
    add_index_option(themes)
    themes.set_defaults(func=searching.cmd_themes)

    communes = command(commands, "communes", "lister les communes (78, 92, 95) que --commune "
                       "accepte", "kb communes --recherche sarc")
    option(communes, "--recherche", metavar="TEXTE",
           help="ne garder que les communes dont le nom contient TEXTE",
           example="--recherche mantes")
    add_json_option(communes, "la liste")
    add_index_option(communes)
    communes.set_defaults(func=searching.cmd_communes)

    issues = command(commands, "numeros", "lister les numéros indexés (numéro, date, "
                     "articles, fichiers)", "kb numeros")
    add_json_option(issues, "la liste")
    add_index_option(issues)
    issues.set_defaults(func=searching.cmd_numeros)

    found = command(commands, "entities", "lister les entités trouvées, avec leurs effectifs, "
                    "à relire", "kb entities --kind commune")
    found.add_argument("paths", nargs="*", metavar="CHEMIN",
                       help="fichiers ou dossiers (sinon l'index)")
    option(found, "--kind", "--type", dest="kind", type=reading.entity_kind, metavar="TYPE",
           help="un seul type : commune, organisation, personne ou thème",
           example="--type personne")
    add_json_option(found, "la liste")
    add_index_option(found)
    add_corrections_option(found)
    found.set_defaults(func=reading.cmd_entities)

    scan = command(commands, "scan", "lire des numéros et afficher leurs articles, sans index",
                   "kb scan -v numeros/avril.pdf")
    scan.add_argument("paths", nargs="+", metavar="CHEMIN", help="fichiers ou dossiers")
    option(scan, "-v", "--verbose", action="store_true", help="lister chaque article",
           example="kb scan -v corpus/")
    scan.set_defaults(func=reading.cmd_scan)

    export = command(commands, "export", "exporter les articles en JSONL",
                     "kb export --index var/index > archive.jsonl")
    export.add_argument("paths", nargs="*", metavar="CHEMIN",
                        help="fichiers ou dossiers (sinon l'index)")
    option(export, "-o", "--output", metavar="FICHIER",
           help="fichier de sortie (défaut : sortie standard)", example="-o articles.jsonl")
    add_index_option(export)
    add_corrections_option(export)
    export.set_defaults(func=reading.cmd_export)

    serve = command(commands, "serve", "servir l'interface web", "kb serve --port 5000")
    add_index_option(serve)
    option(serve, "--corpus", default=corpus_dir_from_env(), metavar="DOSSIER",
           help=f"dossier des fichiers sources (défaut : $KB_CORPUS, sinon {DEFAULT_CORPUS})",
           example="--corpus /srv/resonances/corpus")
    option(serve, "--host", default="127.0.0.1", metavar="ADRESSE",
           help="adresse d'écoute (défaut : 127.0.0.1)", example="--host 0.0.0.0")
    option(serve, "--port", type=positive, default=5000, metavar="PORT",
           help="port (défaut : 5000)", example="--port 8080")
    option(serve, "--threads", type=positive, default=4, metavar="N",
           help="fils de traitement (défaut : 4)", example="--threads 8")
    option(serve, "--behind-proxy", action="store_true",
           help="derrière un proxy inverse : croire ses en-têtes X-Forwarded-Proto/Host/Prefix",
           example="--behind-proxy")
    option(serve, "--base-url", default=os.environ.get("KB_BASE_URL") or None, metavar="URL",
           help="adresse publique des liens absolus (flux Atom, JSON, CSV, OpenSearch) "
                "(défaut : $KB_BASE_URL)",
           example="--base-url https://archives.example/resonances")
    option(serve, "--trusted-host", action="append", default=[], metavar="HÔTE",
           help="nom d'hôte accepté dans l'en-tête Host, répétable (défaut : "
                "$KB_TRUSTED_HOSTS) ; les autres reçoivent une erreur 400",
           example="--trusted-host archives.example")
    option(serve, "--channel-timeout", type=positive, default=20, metavar="SECONDES",
           help="fermer une connexion inactive après ce délai (défaut : 20)",
           example="--channel-timeout 30")
    option(serve, "--connection-limit", type=positive, default=200, metavar="N",
           help="connexions ouvertes au plus (défaut : 200)", example="--connection-limit 500")
    serve.set_defaults(func=serving.cmd_serve)
    return parser



