#!/usr/bin/env python3
"""Helper: print INSEE code(s), département and population for commune names (argv)."""
import json, os, sys, unicodedata
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d = json.load(open(os.path.join(ROOT, "node_modules/@etalab/decoupage-administratif/data/communes.json"), encoding="utf-8"))
def norm(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()
for q in sys.argv[1:]:
    hits = [x for x in d if x["type"] == "commune-actuelle" and norm(x["nom"]) == norm(q)]
    print(q, "->", [(x["code"], x["nom"], x["departement"], x.get("population")) for x in hits] or "NONE")
