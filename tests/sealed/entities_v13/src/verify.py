#!/usr/bin/env python3
"""Verifier for the sealed set 13. Usage: python3 src/verify.py"""
import csv, json, os, re, sys, unicodedata
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(HERE, "node_modules/@etalab/decoupage-administratif/data/communes.json")
TSV = "/work/shared/domain/communes_78_92_95.tsv"
errors, warnings = [], []
def err(m): errors.append(m)

def strip_acc(s):
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")

communes = [c for c in json.load(open(DATA, encoding="utf-8")) if c.get("type") == "commune-actuelle"]
codes = {c["code"]: c for c in communes}
names = {}   # code -> set of names
for c in communes:
    if c["departement"] in ("78", "92", "95") or (c.get("population") or 0) > 15000:
        names.setdefault(c["code"], set()).add(c["nom"])
for r in csv.DictReader(open(TSV, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
    names.setdefault(r["insee_code"], set()).add(r["commune"])
    for a in filter(None, r["aliases"].split(";")):
        names[r["insee_code"]].add(a.strip())

def forms(name):
    out = {name}
    for art, alts in (("Le ", ["le ", "du ", "au "]), ("La ", ["la "]), ("Les ", ["les ", "des ", "aux "])):
        if name.startswith(art):
            core = name[len(art):]
            out |= {a + core for a in alts}
            out |= {a[0].upper() + a[1:] + core for a in alts}
    if name.startswith("L'"):
        out |= {"l'" + name[2:], "L’" + name[2:], "l’" + name[2:]}
        # elided forms after d' / l' are matched by the core: the lookbehind allows an apostrophe
    out |= {f.replace("'", "’") for f in list(out)}
    up = set()
    for f in out:
        up.add(f.upper()); up.add(strip_acc(f).upper())
    return out | up

patterns = []
for code, ns in names.items():
    fs = set()
    for n in ns: fs |= forms(n)
    rx = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(f) for f in sorted(fs, key=len, reverse=True)) + r")(?![\w\-])")
    patterns.append((code, rx))

def commune_hits(text):
    hits = []
    for code, rx in patterns:
        for m in rx.finditer(text):
            hits.append((code, m.start(), m.end(), m.group(0)))
    return hits

RUBRIC = re.compile(r"^<(?!https?:)[^>]*>\s*$")
def headerlike(line):
    s = line.strip()
    if not s: return True
    if RUBRIC.match(s): return True
    if s.startswith(("Ouest francilien (", "National / Régional", "L'actu du Pôle ressources")): return True
    if len(s) > 75: return False
    if s.startswith(("-", "Contact", "En savoir", "www", "http", "<http", "«", "Source", "*")): return False
    if "@" in s or s[-1] in ".:;!?»)": return False
    if s.isupper(): return False   # capital titles are not header lines
    return True

labels = json.load(open(os.path.join(HERE, "labels.json"), encoding="utf-8"))
MARKUP = re.compile(r"[*<>\[\]_`#]")
CIV = re.compile(r"^(M\.|Mme|Mlle|Dr|Pr|Me|Monsieur|Madame)\s")
stats = {"files": 0, "articles": 0, "communes": 0, "organisations": 0, "people": 0, "optional": 0, "traps": 0}
for key, arts in labels.items():
    if key == "_doc": continue
    path = os.path.join(HERE, key)
    if not os.path.exists(path):
        err(f"{key}: missing file"); continue
    stats["files"] += 1
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    offs = [0]
    for l in lines: offs.append(offs[-1] + len(l) + 1)
    tidx = []
    for a in arts:
        t = a["title"]
        m = [i for i, l in enumerate(lines) if l.startswith(t)]
        if len(m) != 1:
            err(f"{key}: title {t!r} prefixes {len(m)} lines"); tidx.append(None); continue
        tidx.append(m[0])
    if None in tidx: continue
    if tidx != sorted(tidx): err(f"{key}: titles not in order")
    starts = []
    for k, ti in enumerate(tidx):
        lo = tidx[k - 1] + 1 if k else 0
        s = ti
        while s - 1 >= lo and headerlike(lines[s - 1]): s -= 1
        starts.append(s)
    header = "\n".join(lines[:starts[0]])
    for code, s, e, g in commune_hits(header):
        if code != "95203": err(f"{key}: commune name {g!r} in header outside articles")
    if "Eaubonne" not in header: err(f"{key}: header lacks the Eaubonne address")
    for k, a in enumerate(arts):
        stats["articles"] += 1
        end = starts[k + 1] if k + 1 < len(arts) else len(lines)
        body = "\n".join(lines[starts[k]:end])
        where = f"{key} art{k+1} [{a['title'][:40]}]"
        searchable = (header + "\n" + body) if k == 0 else body
        for f in ("title", "communes", "organisations", "people", "optional", "traps"):
            if f not in a: err(f"{where}: missing field {f}")
        for s_ in [a["title"]] + a["people"] + a["traps"] + [x for x in a["optional"]] + [f for o in a["organisations"] for f in o]:
            if MARKUP.search(s_) and s_ != a["title"]: err(f"{where}: markup in label {s_!r}")
        for p in a["people"]:
            if p not in body: err(f"{where}: person {p!r} not in text")
            if CIV.match(p): err(f"{where}: civility in person {p!r}")
        for t in a["traps"]:
            if t not in body: err(f"{where}: trap {t!r} not in text")
        for x in a["optional"]:
            if re.fullmatch(r"\d[\dAB]\d{3}", x):
                if x not in codes: err(f"{where}: optional code {x} unknown")
            elif x not in searchable: err(f"{where}: optional {x!r} not in text")
        for o in a["organisations"]:
            if not any(f in body for f in o): err(f"{where}: organisation {o[0]!r}: no form in text")
            if len(set(o)) != len(o): err(f"{where}: duplicate forms in {o[0]!r}")
        canon = [o[0] for o in a["organisations"]]
        if len(set(canon)) != len(canon): err(f"{where}: duplicate organisation")
        if len(set(a["people"])) != len(a["people"]): err(f"{where}: duplicate person")
        if len(set(a["communes"])) != len(a["communes"]): err(f"{where}: duplicate commune")
        hits = commune_hits(body)
        hitcodes = {h[0] for h in hits}
        for c in a["communes"]:
            if c not in codes: err(f"{where}: INSEE code {c} unknown")
            elif c not in hitcodes:
                # name may be of a small commune outside 78/92/95: check raw name
                if codes[c]["nom"] not in body and codes[c]["nom"].upper() not in body:
                    err(f"{where}: commune {c} ({codes[c]['nom']}) labelled but its name is absent")
        spans = []
        for s_ in a["people"] + a["traps"] + [x for x in a["optional"] if not re.fullmatch(r"\d[\dAB]\d{3}", x)] + [f for o in a["organisations"] for f in o]:
            for m in re.finditer(re.escape(s_), body):
                spans.append((m.start(), m.end()))
        covered_codes = set(a["communes"]) | {x for x in a["optional"] if re.fullmatch(r"\d[\dAB]\d{3}", x)}
        for code, s, e, g in hits:
            if code in covered_codes: continue
            if any(h[0] in covered_codes and h[1] == s and h[2] == e for h in hits): continue  # homonyms
            if any(ss <= s and e <= ee for ss, ee in spans): continue
            err(f"{where}: commune name {g!r} ({code}) not covered")
        for f in ("communes", "organisations", "people", "optional", "traps"):
            stats[f] += len(a[f])
for e in errors: print("ERROR", e)
print("counts:", json.dumps(stats, ensure_ascii=False))
print(f"verify: {len(errors)} errors")
sys.exit(1 if errors else 0)
