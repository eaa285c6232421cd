#!/usr/bin/env python3
"""Build labels.json from labels_src/NN.txt (compact format).
Lines: '@ title prefix' starts an article; 'c' codes; 'o' org forms separated by ' | ';
'p' person; 'x' optional; 't' trap. Lines starting with '#' are comments."""
import json, os, sys
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = {
 "description": "Jeu d'évaluation scellé n°13 (entités nommées), 10 numéros inventés de la lettre Résonances.",
 "title": "préfixe exact d'une et une seule ligne du fichier (ligne de titre, ou ligne de rubrique / première ligne sous la rubrique pour les listes sans titre propre)",
 "communes": "codes INSEE des communes citées comme lieux dans l'article (ligne de commune au-dessus du titre comprise)",
 "organisations": "liste de [forme canonique, autres formes acceptées...]; au moins une forme figure telle quelle dans l'article",
 "people": "personnes telles qu'écrites (Prénom Nom, sans civilité ni fonction, capitales conservées)",
 "optional": "chaînes ou codes INSEE qui ne comptent ni en plus ni en moins",
 "traps": "information seulement : chaînes contenant un nom de commune ou ressemblant à une personne/organisation sans en être une",
 "article_span": "un article va de son bloc d'en-tête (lignes de rubrique / commune / section au-dessus du titre) jusqu'au bloc d'en-tête de l'article suivant"
}
out = {"_doc": DOC}
for fn in sorted(os.listdir(os.path.join(HERE, "labels_src"))):
    if not fn.endswith(".txt"): continue
    key = "sealed13_%s.txt" % fn[:2]
    arts = []
    for raw in open(os.path.join(HERE, "labels_src", fn), encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"): continue
        tag, _, val = line.partition(" ")
        val = val.strip()
        if tag == "@":
            arts.append({"title": val, "communes": [], "organisations": [], "people": [], "optional": [], "traps": []})
        elif tag == "c": arts[-1]["communes"] += val.split()
        elif tag == "o": arts[-1]["organisations"].append([s.strip() for s in val.split(" | ")])
        elif tag == "p": arts[-1]["people"] += [s.strip() for s in val.split(" ; ")]
        elif tag == "x": arts[-1]["optional"] += [s.strip() for s in val.split(" ; ")]
        elif tag == "t": arts[-1]["traps"] += [s.strip() for s in val.split(" ; ")]
        else: sys.exit("bad tag in %s: %r" % (fn, line))
    out[key] = arts
json.dump(out, open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print("labels.json:", len(out) - 1, "files,", sum(len(v) for k, v in out.items() if k != "_doc"), "articles")
