"""Résonances KB: from newsletter files to enriched articles.

This package reads files and produces typed articles; it never imports the index
(`indexer`) or the web UI (`webui`).
"""

__version__ = "0.1.0"
