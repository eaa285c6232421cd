#!/usr/bin/env python3
"""Dev helper: look up INSEE codes by name (exact or substring) in communes.json."""
import json, sys, os
HERE = os.path.dirname(os.path.abspath(__file__))
d = json.load(open(os.path.join(HERE, "..", "node_modules/@etalab/decoupage-administratif/data/communes.json")))
for q in sys.argv[1:]:
    for x in d:
        if x["type"] == "commune-actuelle" and (x["nom"] == q or (q.startswith("~") and q[1:].lower() in x["nom"].lower())):
            print(q, "->", x["code"], x["nom"], x.get("departement"), x.get("population"))
