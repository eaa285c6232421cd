#!/usr/bin/env python3
"""Verify labels.json against the sealed17_NN.txt texts.

Checks
  1. every title is a prefix of exactly one line of its file, titles in file order;
  2. every person, trap and textual optional occurs in its article, and at least one form of
     every organisation; (for the first article, a textual optional may sit in the banner);
  3. no markup, civility or duplicate in the labels;
  4. every INSEE code (communes and optional) exists in communes.json (commune-actuelle) and the
     name of every labelled commune appears in the article;
  5. completeness: every occurrence in an article of the name of a 78/92/95 commune (official
     names and aliases) or of a French commune over 15,000 inhabitants is covered by a commune
     label (homonyms included), an optional code, or lies inside a person, trap, organisation
     form or textual optional occurrence; article forms (le/du/au, la, les/des/aux, l'),
     capitals and unaccented capitals are handled;
  6. outside articles (banner) the only commune name allowed is Eaubonne;
  7. sanity: 10 files, 10-12 articles each, issue numbers N° 2501-2510, banner years 2140-2141,
     issue dates (line 'N° NNNN – mois AAAA') between September 2140 and December 2141, increasing.
Prints one line per error, then 'verify: N errors'.
"""
import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COMMUNES_JSON = os.path.join(ROOT, "node_modules", "@etalab", "decoupage-administratif",
                             "data", "communes.json")
TSV = "/work/shared/domain/communes_78_92_95.tsv"
POP_MIN = 15000

errors = []


def err(msg):
    errors.append(msg)


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn").replace("Œ", "OE").replace("œ", "oe")


# ---------------------------------------------------------------- gazetteer
def load_gazetteer():
    data = json.load(open(COMMUNES_JSON, encoding="utf-8"))
    cur = [x for x in data if x.get("type") == "commune-actuelle"]
    code2name = {x["code"]: x["nom"] for x in cur}
    name2codes = {}
    for x in cur:
        name2codes.setdefault(x["nom"], set()).add(x["code"])
    checked = {}  # surface name -> set(codes)
    for x in cur:
        if (x.get("population") or 0) > POP_MIN:
            checked.setdefault(x["nom"], set()).update(name2codes[x["nom"]])
    code2alias = {}
    with open(TSV, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            names = [r["commune"]] + [a.strip() for a in (r["aliases"] or "").split(";") if a.strip()]
            for nm in names:
                for v in {nm, nm.replace("’", "'")}:
                    checked.setdefault(v, set()).update(name2codes.get(v, set()))
                    checked[v].add(r["insee_code"])
                    code2alias.setdefault(r["insee_code"], set()).add(v)
    return code2name, checked, code2alias


ART = {
    "Le": r"(?:Le|le|LE|Du|du|DU|Au|au|AU)\s+",
    "La": r"(?:La|la|LA)\s+",
    "Les": r"(?:Les|les|LES|Des|des|DES|Aux|aux|AUX)\s+",
    "L'": r"(?:L|l)['’]",
}


def name_regex(name):
    m = re.match(r"^(Le|La|Les) (.+)$", name) or re.match(r"^(L')(.+)$", name)
    if m:
        art, core = m.group(1), m.group(2)
    else:
        art, core = None, name
    variants = {core, core.upper(), strip_accents(core.upper())}
    alts = set()
    for v in variants:
        alts.add(v)
        alts.add(v.replace("'", "’"))
    core_re = "(?:" + "|".join(re.escape(v) for v in sorted(alts, key=len, reverse=True)) + ")"
    pre = ART[art] if art else ""
    return re.compile(r"(?<![\w\-])" + pre + core_re + r"(?![\w\-])")


# ---------------------------------------------------------------- text split
RUBRIC = re.compile(r"^< .+ >$")


def is_header(line):
    s = line.strip()
    if not s:
        return True
    if RUBRIC.match(s):
        return True
    if len(s) > 80 or re.search(r"\d", s) or "http" in s or "www" in s or "@" in s:
        return False
    if s[-1] in ".:;!?»…,*" or " : " in s or s.startswith("-"):
        return False
    return True


def split_articles(lines, titles, fname):
    idx = []
    last = -1
    for t in titles:
        hits = [i for i, l in enumerate(lines) if l.startswith(t)]
        if len(hits) != 1:
            err(f"{fname}: title {t!r} is a prefix of {len(hits)} lines")
            return None
        if hits[0] <= last:
            err(f"{fname}: title {t!r} out of order")
            return None
        idx.append(hits[0])
        last = hits[0]
    starts = []
    prev = -1
    for k, ti in enumerate(idx):
        j = ti - 1
        while j > prev and is_header(lines[j]):
            j -= 1
        starts.append(j + 1)
        prev = ti
    spans = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        spans.append((s, e))
    return spans


# ---------------------------------------------------------------- checks
# civility followed by a space ("M." then a blank: a trailing \b would never match after the dot)
CIVIL = re.compile(r"^(?:M\.|Mme\.?|Mlle\.?|MM\.|Dr\.?|Pr\.?|Pre\.?|Me|Monsieur|Madame|Mademoiselle|Docteure?|Professeure?|Maître)(?=\s)")
MARKUP = re.compile(r"[*_<>\[\]#`]|\s{2,}|^\s|\s$")
MONTHS = {m: i + 1 for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                          "août", "septembre", "octobre", "novembre", "décembre"])}
CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


def occurrences(text, s):
    out = []
    start = 0
    while True:
        i = text.find(s, start)
        if i < 0:
            return out
        out.append((i, i + len(s)))
        start = i + 1


def main():
    code2name, checked, code2alias = load_gazetteer()
    regs = [(nm, codes, name_regex(nm)) for nm, codes in checked.items()]
    name_regs = {}

    def code_regex(code):
        if code not in name_regs:
            names = {code2name[code]} | code2alias.get(code, set())
            name_regs[code] = [name_regex(n) for n in names]
        return name_regs[code]

    labels = json.load(open(os.path.join(ROOT, "labels.json"), encoding="utf-8"))
    if "_doc" not in labels:
        err("labels.json: no _doc entry")
    files = sorted(k for k in labels if k != "_doc")
    expected = [f"sealed17_{i:02d}.txt" for i in range(1, 11)]
    if files != expected:
        err(f"labels.json: files {files} != expected")
    total_art = 0
    prev_date = None
    for fi, fname in enumerate(files):
        path = os.path.join(ROOT, fname)
        if not os.path.exists(path):
            err(f"{fname}: missing")
            continue
        text = open(path, encoding="utf-8").read()
        lines = text.split("\n")
        arts = labels[fname]
        total_art += len(arts)
        if not 10 <= len(arts) <= 12:
            err(f"{fname}: {len(arts)} articles (expected 10-12)")
        spans = split_articles(lines, [a["title"] for a in arts], fname)
        if spans is None:
            continue
        banner = "\n".join(lines[:spans[0][0]])
        num = 2500 + fi + 1
        if f"N° {num}" not in banner:
            err(f"{fname}: banner lacks N° {num}")
        # years 2100+ : any stand-alone four-digit number (the issue number "N° 25NN" excepted)
        yrs = re.findall(r"(?<!\d)(?<!N° )(\d{4})(?!\d)", banner)
        if not yrs or any(not 2140 <= int(y) <= 2141 for y in yrs):
            err(f"{fname}: banner date not in 2140-2141: {yrs}")
        md = re.search(r"^N° \d{4} – (\S+) (\d{4})$", banner, re.M)
        if not md:
            err(f"{fname}: banner lacks a line 'N° NNNN – mois AAAA'")
        else:
            mois = MONTHS.get(md.group(1))
            key = (int(md.group(2)), mois or 0)
            if mois is None or not (2140, 9) <= key <= (2141, 12):
                err(f"{fname}: issue date {md.group(1)} {md.group(2)} outside September 2140 - December 2141")
            if prev_date and key <= prev_date:
                err(f"{fname}: issue date not after the previous issue's")
            prev_date = key
        for nm, codes, rg in regs:
            for m in rg.finditer(banner):
                if nm != "Eaubonne":
                    err(f"{fname}: banner contains commune name {m.group(0)!r}")
        for ai, (a, (s, e)) in enumerate(zip(arts, spans)):
            where = f"{fname}#{ai + 1} [{a['title'][:40]}]"
            body = "\n".join(lines[s:e])
            if os.environ.get("SHOW_SPLIT"):
                nb = [l for l in lines[s:e] if l.strip()]
                print(f"--- {where} lines {s + 1}-{e}: first={nb[0][:60]!r} last={nb[-1][:60]!r}")
            for key in ("communes", "organisations", "people", "optional", "traps"):
                if key not in a:
                    err(f"{where}: missing key {key}")
            # duplicates / markup / civility
            flat = []
            for key in ("people", "optional", "traps", "communes"):
                vals = a[key]
                if len(set(vals)) != len(vals):
                    err(f"{where}: duplicate in {key}: {vals}")
                flat += vals
            forms_all = [f for o in a["organisations"] for f in o]
            if len(set(forms_all)) != len(forms_all):
                err(f"{where}: duplicate organisation form")
            canon = [o[0] for o in a["organisations"] if o]
            if len(set(canon)) != len(canon):
                err(f"{where}: duplicate organisation")
            for v in flat + forms_all:
                if MARKUP.search(v):
                    err(f"{where}: markup/space in label {v!r}")
            for p in a["people"]:
                if CIVIL.match(p):
                    err(f"{where}: civility in person {p!r}")
                if len(p.split()) < 2:
                    err(f"{where}: person not First Last {p!r}")
            for p in a["people"]:
                if p in forms_all:
                    err(f"{where}: {p!r} both person and organisation")
            # presence
            ann_spans = []
            for p in a["people"]:
                occ = occurrences(body, p)
                if not occ:
                    err(f"{where}: person not in text {p!r}")
                ann_spans += occ
            for t in a["traps"]:
                occ = occurrences(body, t)
                if not occ:
                    err(f"{where}: trap not in text {t!r}")
                ann_spans += occ
            opt_codes = set()
            for x in a["optional"]:
                if CODE.match(x):
                    opt_codes.add(x)
                    if x not in code2name:
                        err(f"{where}: optional code {x} not in communes.json")
                    elif not (x == "95203" and ai == 0) and not any(r.search(body) for r in code_regex(x)):
                        err(f"{where}: optional code {x} ({code2name[x]}) name not in article")
                else:
                    occ = occurrences(body, x)
                    if not occ and not (ai == 0 and x in banner):
                        err(f"{where}: optional text not in article {x!r}")
                    ann_spans += occ
            for o in a["organisations"]:
                found = False
                for f in o:
                    occ = occurrences(body, f)
                    if occ:
                        found = True
                    ann_spans += occ
                if not found:
                    err(f"{where}: organisation not in text {o[0]!r}")
            for c in a["communes"]:
                if not CODE.match(c) or c not in code2name:
                    err(f"{where}: bad INSEE code {c!r}")
                    continue
                if not any(r.search(body) for r in code_regex(c)):
                    err(f"{where}: commune {c} ({code2name[c]}) name not in article")
            # completeness
            lab = set(a["communes"]) | opt_codes
            for nm, codes, rg in regs:
                for m in rg.finditer(body):
                    if codes & lab:
                        continue
                    ms, me = m.span()
                    if any(x <= ms and me <= y for x, y in ann_spans):
                        continue
                    ctx = body[max(0, ms - 30):me + 30].replace("\n", " ")
                    err(f"{where}: uncovered commune name {m.group(0)!r} ({nm} {sorted(codes)}) …{ctx}…")
    if len(files) == 10:
        print(f"verify: {len(files)} files, {total_art} articles checked")
    for e in errors:
        print(e)
    print(f"verify: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
