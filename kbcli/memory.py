"""What the index remembers for the documentalist, beside its generations.

`documentaliste.json` in the index folder: the corrections file in use (and a digest of
its content, so a changed file re-enriches the whole archive), and the issue numbers and
dates stated by hand (`kb reindex FICHIER --numero 57 --date 2021-04`). It is outside the
generations on purpose: a rebuild (`--full`) must not lose it. Written whole and renamed
into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

STATE_FILE = "documentaliste.json"


def load_state(index_dir: str | os.PathLike) -> dict:
    try:
        raw = json.loads((Path(index_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return raw if isinstance(raw, dict) else {}


def save_state(index_dir: str | os.PathLike, state: dict) -> None:
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=root, prefix=".documentaliste.", delete=False,
                                     encoding="utf-8") as handle:
        json.dump(state, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(handle.name, root / STATE_FILE)
