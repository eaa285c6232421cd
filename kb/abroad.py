"""Towns abroad that share a French commune's name: "Valence, en Espagne", "Laval
(Québec)", "au Sénégal, à Saint-Louis". The place linker asks `written_abroad` before it
links a commune outside the territory.

The countries and regions come from kb/data/foreign_places.tsv (tools/build_foreign_places.py,
from ISO 3166 in French); names France uses too are not in it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from kb.nlp import fold_keep_length

# How far a country or region may stand from the town's name, and still be its place.
AFTER_CHARS = 45
BEFORE_CHARS = 60


@cache
def _places_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    text = resources.files("kb").joinpath("data", "foreign_places.tsv").read_text(
        encoding="utf-8")
    names = sorted({fold_keep_length(line.split("\t")[0]) for line in text.splitlines()[2:]
                    if line.strip()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    # Right after the town: ", en Espagne", " (Québec)", ", au Canada", " – Belgique",
    # "Saint-Louis du Sénégal".
    after = re.compile(
        r"[ \t]*(?:,|\(|–|-)?[ \t]*(?:en|au|aux|du|des|de|d'|dans l[ae']|dans les)?[ \t]*"
        rf"(?:l'|le |la |les )?(?:{alternatives})(?![\w'-])")
    # Right before it: "Au Sénégal, à Saint-Louis", "en Espagne de Valence".
    before = re.compile(
        rf"(?<![\w'-])(?:en|au|aux) (?:{alternatives})(?![\w'-])[ \t]*,?[ \t]*"
        r"(?:a|de|d'|dans|pres de)?[ \t]*(?:l'|le |la |les )?$")
    return after, before


def written_abroad(text: str, start: int, end: int) -> bool:
    """The town's name between `start` and `end` is set abroad by the text around it."""
    after, before = _places_re()
    folded_after = fold_keep_length(text[end:end + AFTER_CHARS])
    folded_before = fold_keep_length(text[max(0, start - BEFORE_CHARS):start])
    return bool(after.match(folded_after) or before.search(folded_before))
