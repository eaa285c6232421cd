"""The archive's web interface: server-rendered Flask app reading the index through SearchService.

`create_app(test_config=None)` is the only entry point. The app holds one search service
(in `app.extensions["kb_search"]`) built from the index directory in its config, so views
never see an index engine object.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from kb.settings import corpus_dir_from_env, index_dir_from_env
from webui.urls import check_base_url, trusted_hosts_from


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=index_dir_from_env(),
        CORPUS_DIR=corpus_dir_from_env(),
        MAX_QUERY_CHARS=500,
        PER_PAGE=10,
        MAX_PAGE=1000,  # deeper paging is a crawler, not a reader
        CSV_MAX_ROWS=100_000,  # a guard, far above the archive: the CSV holds every result
        PAGE_CACHE_DIR=None,  # page images and word boxes; default INDEX_DIR/pages
        PAGE_CACHE_MAX_BYTES=200 * 1024 * 1024,
        FEED_ENTRIES=20,
        JSON_SORT_KEYS=False,
        # Absolute links and accepted Host headers: see webui/urls.py. (Not Flask's own
        # TRUSTED_HOSTS: its refusal leaves no URL adapter to render the error page.)
        BASE_URL=os.environ.get("KB_BASE_URL") or None,
        ALLOWED_HOSTS=trusted_hosts_from(os.environ.get("KB_TRUSTED_HOSTS")) or None,
        TRUST_PROXY_HOST=False,
        # A long-running server warms each new index generation in the background before
        # serving it (indexer/search/warming.py); tests and one-off uses open it on demand.
        WARM_GENERATIONS=False,
    )
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["BASE_URL"]:
        app.config["BASE_URL"] = check_base_url(app.config["BASE_URL"])
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    app.extensions["kb_search"] = app.config.get("SEARCH_SERVICE") or _build_search_service(
        app.config["INDEX_DIR"], warm=app.config["WARM_GENERATIONS"]
    )
    app.config["CORPUS_DIR"] = str(Path(app.config["CORPUS_DIR"]).resolve())
    _warn_if_archive_empty(app)

    from webui import errors, filters, security
    from webui.views import articles, browse, exports, reader, search

    security.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(reader.bp)
    app.register_blueprint(exports.bp)
    return app


def _warn_if_archive_empty(app: Flask) -> None:
    """A wrong or not yet built index looks, on the site, like an archive with nothing in
    it: the log says which directory was read and how to fill it."""
    if app.extensions["kb_search"].total_articles():
        return
    from webui.services import index_location

    location = index_location(app.config)
    app.logger.warning("L'index %s est vide ou absent : lancez « kb reindex --index %s CHEMIN »",
                       location, location)


def _build_search_service(index_dir: str, warm: bool):
    # Imported here so the app module can be imported (and tested with a double)
    # without the engine; the engine is the only thing that knows Whoosh.
    from indexer.search import SearchService

    return SearchService(index_dir, warm=warm)
