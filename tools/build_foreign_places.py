"""Build kb/data/foreign_places.tsv: countries, and the provinces, states and regions of
the countries French writers most often name, in French, folded.

    .venv/bin/pip install -e '.[build-data]'
    .venv/bin/python -m tools.build_foreign_places

The source is `pycountry` (ISO 3166-1 and ISO 3166-2 with their French translations, from
Debian's iso-codes; LGPL-2.1). France and its overseas collectivities are left out: "à
Saint-Louis (La Réunion)" names a French commune. The place linker reads a town written
with one of these places ("Valence, en Espagne", "Laval (Québec)") as a town abroad.
Deterministic.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from kb.textclean import fold

OUT = Path(__file__).resolve().parents[1] / "kb" / "data" / "foreign_places.tsv"
FRENCH = {"FR", "RE", "GP", "MQ", "GF", "YT", "NC", "PF", "PM", "WF", "BL", "MF", "TF"}
# Countries whose regions French texts name with their towns.
SUBDIVIDED = ("BE", "CA", "CH", "DE", "DZ", "ES", "GB", "IT", "MA", "PT", "TN", "US")


def foreign_places() -> list[tuple[str, str]]:
    import pycountry

    countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    regions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    rows = {}
    for country in pycountry.countries:
        if country.alpha_2 in FRENCH:
            continue
        for name in {countries.gettext(country.name),
                     countries.gettext(getattr(country, "common_name", country.name))}:
            if "," not in name and "(" not in name:
                rows[name] = "pays"
    for code in SUBDIVIDED:
        for region in pycountry.subdivisions.get(country_code=code):
            name = regions.gettext(region.name)
            if "," not in name and "(" not in name and "[" not in name:
                rows.setdefault(name, "region")
    # A name France uses too (the Swiss canton and the French département "Jura", a
    # province named like a French commune) says nothing of abroad: left out.
    french = _french_names()
    return sorted((name, kind) for name, kind in rows.items() if fold(name) not in french)


def _french_names() -> set[str]:
    import csv

    data = OUT.parent
    names: set[str] = set()
    for filename, columns in (("departements.tsv", ("name", "short_name")),
                              ("regions.tsv", ("name",)), ("communes.tsv", ("name",))):
        with (data / filename).open(encoding="utf-8") as handle:
            for row in csv.DictReader((line for line in handle if not line.startswith("#")),
                                      delimiter="\t"):
                names.update(fold(row[column]) for column in columns if row.get(column))
    return names


def main() -> int:
    rows = foreign_places()
    lines = ["# Pays et régions étrangers, en français (pycountry : ISO 3166-1 et 3166-2, "
             "traductions iso-codes ; LGPL-2.1).", "name\tkind"]
    lines += [f"{name}\t{kind}" for name, kind in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
