"""`kb serve`: the web UI behind waitress."""

from __future__ import annotations

import argparse
import sys

from kbcli.common import index_dir


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web UI with waitress (a production WSGI server), on 127.0.0.1 by default."""
    from waitress import serve

    from webui import create_app

    config = {"INDEX_DIR": index_dir(args), "CORPUS_DIR": args.corpus,
              "TRUST_PROXY_HOST": args.behind_proxy, "WARM_GENERATIONS": True}
    if args.base_url:
        config["BASE_URL"] = args.base_url
    if args.trusted_host:
        config["ALLOWED_HOSTS"] = [h for given in args.trusted_host for h in given.split(",") if h]
    try:
        app = create_app(config)
    except ValueError as error:  # an invalid --base-url / KB_BASE_URL
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    # The first queries as fast as the next: the index's arrays are read before serving.
    # A failure here only costs speed: the site still answers, opening what it needs.
    try:
        app.extensions["kb_search"].warm_now()
    except Exception as error:  # reported, and serving goes on
        print(f"avertissement : index non préparé avant le service ({error})", file=sys.stderr)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Archives de Résonances : http://{host}:{args.port}/ "
          f"(index {index_dir(args)}, Ctrl+C pour arrêter)", flush=True)
    if args.behind_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind an HTTPS reverse proxy the feeds' absolute links must say https and carry
        # the sub-path the proxy mounts us under. Only the one hop in front is believed;
        # waitress would otherwise strip those headers before the app sees them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)
    # Slow clients: a connection idle for channel_timeout seconds is closed (checked every
    # cleanup_interval), and connection_limit bounds how many are open at once.
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="resonances-kb",
          clear_untrusted_proxy_headers=not args.behind_proxy,
          channel_timeout=args.channel_timeout, connection_limit=args.connection_limit,
          cleanup_interval=min(5, args.channel_timeout))
    return 0
