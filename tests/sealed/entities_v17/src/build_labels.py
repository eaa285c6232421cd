#!/usr/bin/env python3
"""Build labels.json from the compact sources labels_src/NN.txt.

Source format (one item per line, blank lines and lines starting with '#' ignored):
  @ <title>            starts a new article (exact prefix of one line of the text)
  c <code> [<code>...] INSEE codes of communes cited as places
  o <form> | <form>... one organisation: canonical form first, then other accepted forms
  p <person>           one person, as written
  x <item>             optional item (INSEE code or text)
  t <text>             trap (information only)
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "labels_src")
OUT = os.path.join(ROOT, "labels.json")

DOC = {
    "description": "Sealed evaluation set v17 for a named-entity extractor over the newsletter "
                   "Résonances (Pôle ressources ville et développement social, Eaubonne). "
                   "Ten invented issues, N° 2501 to N° 2510 (September 2140 - December 2141).",
    "keys": "One key per text file (sealed17_NN.txt); value = ordered list of articles.",
    "title": "Exact prefix of exactly one line of the file. For lists without their own title "
             "(Mouvements, En bref, Agenda, Dans la presse) it is the rubric line.",
    "article_split": "An article starts at the header block above its title (section lines, rubric "
                     "lines '< … >', commune or theme line, blank lines) and ends where the next "
                     "article's header block starts. The issue banner precedes the first article.",
    "communes": "INSEE codes (COG, @etalab/decoupage-administratif communes.json) of communes cited "
                "as places, including commune lines, rubric lines, 'Lieu :' lines, Mouvements and "
                "Agenda lists and press-article titles. Communes outside 78/92/95 only when the "
                "text supports them (département or region named, metropole, big city).",
    "organisations": "List of organisations; each is a list of accepted surface forms, canonical "
                     "form first. At least one form appears verbatim in the article. A municipality "
                     "acting as such is not an organisation (its commune is a place).",
    "people": "Persons as written (First Last), without civility or function; capitals kept.",
    "optional": "Items that count neither for nor against: INSEE codes (e.g. 95203 Eaubonne and "
                "the Pôle ressources header for the first article of each issue, communes only "
                "contained in an organisation name) or text spans (interviewee initials, caps "
                "forms of names in titles, really ambiguous cases). For the first article the "
                "Pôle header text may be found in the banner.",
    "traps": "Strings that look like communes (or other scored entities) but are not: foreign "
             "homonyms, quartiers, streets, stations, airports, Parisian places, works, events, "
             "agreements, laws or reports named after persons, caps words in titles, ordinary "
             "words. A trap may be the commune-like part of a labelled person or organisation "
             "(e.g. a surname); the person/organisation label stands. Information only, not scored.",
    "source": "Built by src/build_labels.py from labels_src/NN.txt; checked by src/verify.py.",
}


def parse(path):
    arts = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            tag, _, val = line.partition(" ")
            val = val.strip()
            if tag == "@":
                cur = {"title": val, "communes": [], "organisations": [], "people": [],
                       "optional": [], "traps": []}
                arts.append(cur)
                continue
            if cur is None:
                sys.exit(f"{path}:{n}: item before first title")
            if tag == "c":
                cur["communes"].extend(val.split())
            elif tag == "o":
                cur["organisations"].append([x.strip() for x in val.split(" | ") if x.strip()])
            elif tag == "p":
                cur["people"].append(val)
            elif tag == "x":
                cur["optional"].append(val)
            elif tag == "t":
                cur["traps"].append(val)
            else:
                sys.exit(f"{path}:{n}: unknown tag {tag!r}")
    return arts


def main():
    out = {"_doc": DOC}
    for fn in sorted(os.listdir(SRC)):
        m = re.fullmatch(r"(\d\d)\.txt", fn)
        if not m:
            continue
        out[f"sealed17_{m.group(1)}.txt"] = parse(os.path.join(SRC, fn))
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    n = sum(len(v) for k, v in out.items() if k != "_doc")
    print(f"build_labels: {len(out) - 1} files, {n} articles -> labels.json")


if __name__ == "__main__":
    main()
