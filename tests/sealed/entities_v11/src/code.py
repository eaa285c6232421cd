#!/usr/bin/env python3
"""Helper: print INSEE codes for commune names (authoring aid)."""
import json, os, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
d = json.load(open(os.path.join(ROOT, "node_modules/@etalab/decoupage-administratif/data/communes.json")))
for name in sys.argv[1:]:
    for x in d:
        if x["type"] == "commune-actuelle" and x["nom"] == name:
            print(x["code"], x["nom"], x["departement"], x.get("population"))
