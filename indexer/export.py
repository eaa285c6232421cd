"""Every stored article record of the index, for `kb export --index`."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from whoosh import index as whoosh_index

from indexer.writer import current_generation


def iter_records(index_dir: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """The records as `kb.serialize.article_record` built them (plus `sources`), in issue
    order then reading order. Reads one generation; a concurrent reindex does not disturb it."""
    generation = current_generation(index_dir)
    if generation is None:
        return
    index = whoosh_index.open_dir(str(generation))
    try:
        with index.searcher() as searcher:
            records = [json.loads(fields["record"]) for fields in searcher.all_stored_fields()]
    finally:
        index.close()
    records.sort(key=lambda r: (r["issue"]["date"] or "", r["issue"]["id"], r["position"]))
    yield from records
