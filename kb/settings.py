"""Where the archive lives by default: one definition for the CLI, the web app and reindexing.

`KB_INDEX` and `KB_CORPUS` override the defaults so a deployment sets them once in the
service's environment; an empty variable counts as unset.
"""

from __future__ import annotations

import os

DEFAULT_INDEX = "var/index"
DEFAULT_CORPUS = "corpus"


def index_dir_from_env() -> str:
    return os.environ.get("KB_INDEX") or DEFAULT_INDEX


def corpus_dir_from_env() -> str:
    return os.environ.get("KB_CORPUS") or DEFAULT_CORPUS
