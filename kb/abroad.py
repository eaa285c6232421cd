"""Towns abroad that share a French commune's name: "Valence, en Espagne", "Laval
(Québec)", "au Sénégal, à Saint-Louis". The place linker asks `written_abroad` before it
links a commune outside the territory.

The countries and regions come from kb/data/foreign_places.tsv (tools/build_foreign_places.py,
from ISO 3166 in French); names France uses too are not in it. Adjectives of nationality
("la ville belge de Mons") come from kb/data/nationality_adjectives.tsv. Towns abroad much
bigger than a French commune of the same name (Laval in Québec, Valencia, "Valence" in
French) come from kb/data/foreign_homonyms.tsv (tools/build_foreign_homonyms.py, GeoNames).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kb.textclean import fold, fold_keep_length

# How far a country or region may stand from the town's name, and still be its place.
AFTER_CHARS = 45
APPOSITION_CHARS = 70
BEFORE_CHARS = 60
# A town's kind: "la ville belge de Mons", "Dakar, capitale du Sénégal".
TOWN_NOUNS = r"(?:ville|cite|commune|capitale|metropole|municipalite|localite|agglomeration|port)"
# A French writer's own towns come first to mind: a namesake abroad makes the bare name
# ambiguous only when it is clearly bigger (Brest in Belarus or Orléans in Ontario do not;
# Laval in Québec, eight times Laval in Mayenne, does).
NAMESAKE_RATIO = 3


@dataclass(frozen=True)
class Namesake:
    """A town abroad named like a French commune."""
    city: str
    country: str  # in French, as ISO 3166 names it
    population: int

    def dwarfs(self, population: int) -> bool:
        """Clearly bigger than a French commune of `population`: the bare name may as
        well mean this town."""
        return self.population >= NAMESAKE_RATIO * population


@cache
def _namesakes() -> dict[str, Namesake]:
    text = resources.files("kb").joinpath("data", "foreign_homonyms.tsv").read_text(
        encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[2:] if line.strip())
    return {name: Namesake(city, country, int(population))
            for name, city, country, population in rows}


def namesake_abroad(name: str) -> Namesake | None:
    """The biggest town abroad named `name`, when bigger than the French commune(s)."""
    return _namesakes().get(fold(name))


def names_country(text: str, country: str) -> bool:
    """`text` names `country` ('Canada', 'États-Unis') as a word."""
    return re.search(rf"(?<![\w'-]){re.escape(fold_keep_length(country))}(?![\w'-])",
                     fold_keep_length(text)) is not None


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
    # An apposition whose lower-case words end on the place: "Sainte-Marie, l'île au large
    # de Madagascar", "Kayes, une ville à l'ouest du Mali".
    apposition = re.compile(
        rf"[ \t]*,[ \t]*(?:l'|la |le |les |une |un |dans |pres |non loin )"
        rf"(?:[a-z'-]+ ){{0,5}}(?:en|au|aux|du|des|de|d')?[ \t]*(?:l'|le |la |les )?"
        rf"(?P<place>{alternatives})(?![\w'-])")
    # Right before it: "Au Sénégal, à Saint-Louis", "en Espagne de Valence".
    before = re.compile(
        rf"(?<![\w'-])(?:en|au|aux) (?:{alternatives})(?![\w'-])[ \t]*,?[ \t]*"
        r"(?:a|de|d'|dans|pres de)?[ \t]*(?:l'|le |la |les )?$")
    return after, apposition, before


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
    after, apposition, before = _places_re()
    folded_after = fold_keep_length(text[end:end + AFTER_CHARS])
    folded_before = fold_keep_length(text[max(0, start - BEFORE_CHARS):start])
    nation_after, nation_before = _nationality_re()
    # The apposition's place must be written as a name: 'trente ans plus tard' is no Trente.
    written = apposition.match(fold_keep_length(text[end:end + APPOSITION_CHARS]))
    in_apposition = written is not None and text[end + written.start("place")].isupper()
    return bool(after.match(folded_after) or before.search(folded_before) or in_apposition
                or nation_after.match(folded_after) or nation_before.search(folded_before))
