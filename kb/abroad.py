"""Towns abroad that share a French commune's name: "Valence, en Espagne", "Laval
(Québec)", "au Sénégal, à Saint-Louis". The place linker asks `written_abroad` before it
links a commune outside the territory.

The countries and regions come from kb/data/foreign_places.tsv (tools/build_foreign_places.py,
from ISO 3166 in French); names France uses too are not in it. Adjectives of nationality
("la ville belge de Mons") come from kb/data/nationality_adjectives.tsv.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from kb.nlp import fold_keep_length

# How far a country or region may stand from the town's name, and still be its place.
AFTER_CHARS = 45
BEFORE_CHARS = 60
# A town's kind: "la ville belge de Mons", "Dakar, capitale du Sénégal".
TOWN_NOUNS = r"(?:ville|cite|commune|capitale|metropole|municipalite|localite|agglomeration|port)"


@cache
def _places_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    text = resources.files("kb").joinpath("data", "foreign_places.tsv").read_text(
        encoding="utf-8")
    names = sorted({fold_keep_length(line.split("\t")[0]) for line in text.splitlines()[2:]
                    if line.strip()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    # Right after the town: ", en Espagne", " (Québec)", ", au Canada", " – Belgique",
    # "Saint-Louis du Sénégal", also past a town's kind or a compass point (", capitale du
    # Sénégal", ", dans le nord du Maroc").
    kind = (rf"(?:(?:une |la |l')?{TOWN_NOUNS} |(?:dans le |au )?(?:nord|sud|est|ouest|centre)"
            r"(?:-est|-ouest)? )?")
    after = re.compile(
        rf"[ \t]*(?:,|\(|–|-)?[ \t]*{kind}(?:en|au|aux|du|des|de|d'|dans l[ae']|dans les)?"
        rf"[ \t]*(?:l'|le |la |les )?(?:{alternatives})(?![\w'-])")
    # Right before it: "Au Sénégal, à Saint-Louis", "en Espagne de Valence".
    before = re.compile(
        rf"(?<![\w'-])(?:en|au|aux) (?:{alternatives})(?![\w'-])[ \t]*,?[ \t]*"
        r"(?:a|de|d'|dans|pres de)?[ \t]*(?:l'|le |la |les )?$")
    return after, before


@cache
def _nationality_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    text = resources.files("kb").joinpath("data", "nationality_adjectives.tsv").read_text(
        encoding="utf-8")
    adjectives = sorted({fold_keep_length(line.strip()) for line in text.splitlines()[2:]
                         if line.strip()}, key=len, reverse=True)
    # Feminine and plural endings on the masculine form: "belges", "québécoise".
    adjective = "(?:" + "|".join(re.escape(a) for a in adjectives) + r")(?:e|s|es|ne|nes)?"
    before = re.compile(rf"(?<![\w'-]){TOWN_NOUNS}s? {adjective} (?:de |d')$")
    after = re.compile(rf"[ \t]*(?:,|\(|–)[ \t]*(?:une |la |l')?{TOWN_NOUNS} {adjective}"
                       r"(?![\w'-])")
    return after, before


def written_abroad(text: str, start: int, end: int) -> bool:
    """The town's name between `start` and `end` is set abroad by the text around it."""
    after, before = _places_re()
    folded_after = fold_keep_length(text[end:end + AFTER_CHARS])
    folded_before = fold_keep_length(text[max(0, start - BEFORE_CHARS):start])
    nation_after, nation_before = _nationality_re()
    return bool(after.match(folded_after) or before.search(folded_before)
                or nation_after.match(folded_after) or nation_before.search(folded_before))
