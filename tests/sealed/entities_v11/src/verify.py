#!/usr/bin/env python3
"""Verifier for the sealed evaluation set sealed11 (Résonances, N° 1201-1212).

Reads only: the twelve sealed11_*.txt files, labels.json, the commune gazetteer
/work/shared/domain/communes_78_92_95.tsv and
node_modules/@etalab/decoupage-administratif/data/communes.json.

Usage: python3 src/verify.py [--verbose]
Exit code 0 when there is no error.
"""
import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TSV = "/work/shared/domain/communes_78_92_95.tsv"
COMMUNES_JSON = os.path.join(
    ROOT, "node_modules/@etalab/decoupage-administratif/data/communes.json")

SECTION_LINES = {
    "L'actu du Pôle ressources",
    "National / Régional",
    "Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)",
    "Ressources",
    "Agenda",
    "Europe / International",
}
ADDRESS_LINE = "95600 Eaubonne"
BIG_THRESHOLD = 15000
CIVILITIES = ("M. ", "Mme ", "Mlle ", "Dr ", "Pr ", "Me ", "Monsieur ", "Madame ")

# ---------------------------------------------------------------- gazetteer
ARTICLES = ("Les ", "Le ", "La ", "L'", "L’")
CONNECTORS = ["-sur-", "-sous-", "-en-", "-lès-", "-lez-", "-les-", "-le-",
              "-la-", "-aux-", "-au-", "-l'", "-l’"]
SAINT_CONNECTORS = ["-de-", "-du-", "-des-", "-d'", "-d’"]
TERRITORY_CONNECTORS = ["-Saint-", "-Sainte-"]
MANUAL_SHORT = {
    "Boulogne-Billancourt": ["Boulogne"],
    "Rueil-Malmaison": ["Rueil"],
    "Levallois-Perret": ["Levallois"],
    "Châtenay-Malabry": ["Châtenay"],
    "Vélizy-Villacoublay": ["Vélizy"],
    "Évry-Courcouronnes": ["Évry"],
    "Corbeil-Essonnes": ["Corbeil"],
    "Charleville-Mézières": ["Charleville"],
    "Hénin-Beaumont": ["Hénin"],
    "Clermont-Ferrand": ["Clermont"],
    "Montereau-Fault-Yonne": ["Montereau"],
    "Viry-Châtillon": ["Viry"],
    "Cergy": ["Cergy-le-Haut"],
}


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


def split_article(name):
    for a in ARTICLES:
        if name.startswith(a) and len(name) > len(a) + 1:
            return a, name[len(a):]
    return "", name


def short_forms(name, territory):
    art, core = split_article(name)
    conns = list(CONNECTORS)
    if core.startswith(("Saint-", "Sainte-", "Villeneuve-")):
        conns += SAINT_CONNECTORS
    if territory:
        conns += TERRITORY_CONNECTORS
    best = None
    for c in conns:
        i = core.find(c, 1)
        if i > 0 and (best is None or i < best):
            best = i
    out = []
    if best is not None:
        short = core[:best]
        if len(short) >= 3:
            out.append(art + short)
    out += MANUAL_SHORT.get(name, [])
    return out


def name_forms(name, territory):
    forms = {name}
    art, core = split_article(name)
    if art:
        forms.add(core)
    for s in short_forms(name, territory):
        forms.add(s)
    forms = {f.replace("’", "'") for f in forms} | forms
    more = set()
    for f in forms:
        more.add(f.upper())
        more.add(strip_accents(f).upper())
    return forms | more


def load_gazetteer():
    communes = json.load(open(COMMUNES_JSON, encoding="utf-8"))
    all_codes = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    entries = []  # (code, name, territory)
    with open(TSV, encoding="utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows)
        for r in rows:
            d = dict(zip(header, r))
            names = [d["commune"]] + [a for a in d["aliases"].split(";") if a]
            for n in names:
                entries.append((d["insee_code"], n, True))
    for c in all_codes.values():
        if c.get("population", 0) > BIG_THRESHOLD:
            entries.append((c["code"], c["nom"], False))
    form2codes = {}
    for code, name, terr in entries:
        for f in name_forms(name, terr):
            form2codes.setdefault(f, set()).add(code)
    return all_codes, form2codes


WORD = r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ_]"


def mentions(text, form_regexes):
    found = []
    for form, rx, codes in form_regexes:
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), form, codes))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    kept = []
    for s, e, form, codes in found:
        if any(not (e <= ks or s >= ke) for ks, ke, _, _ in kept):
            continue
        kept.append((s, e, form, codes))
    kept.sort()
    return kept


def compile_forms(form2codes):
    out = []
    for form, codes in form2codes.items():
        rx = re.compile("(?<!%s)%s(?!%s)" % (WORD, re.escape(form), WORD))
        out.append((form, rx, codes))
    return out


# ---------------------------------------------------------------- articles
def is_rubric(line):
    s = line.strip()
    return (s.startswith("<") and s.endswith(">") and not s.startswith("<http")
            and "://" not in s and "www." not in s)


def is_headlike(line):
    s = line.strip()
    if not s or s in SECTION_LINES:
        return False
    if is_rubric(s):
        return True
    if len(s) > 80:
        return False
    if s[-1] in ".:;!?,»\"…)]":
        return False
    if s.startswith(("- ", "* ", "• ", "«", "Contact", "En savoir plus", "<", "Lieu",
                     "Q.", "R.", "—", "–")):
        return False
    if any(x in s for x in ("@", "://", "www.", " : ")):
        return False
    if s == s.upper() and any(ch.isalpha() for ch in s):
        return False
    return True


def article_spans(lines, title_idx):
    """Return list of (start, end_exclusive) line spans, one per title."""
    starts = []
    for k, t in enumerate(title_idx):
        lower = title_idx[k - 1] + 1 if k else 0
        s = t
        j = t - 1
        heads = 0
        while j >= lower and heads < 3:
            if not lines[j].strip():
                j -= 1
                continue
            if is_headlike(lines[j]):
                s = j
                heads += 1
                j -= 1
                continue
            break
        starts.append(s)
    spans = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        while e > s and (not lines[e - 1].strip() or lines[e - 1].strip() in SECTION_LINES):
            e -= 1
        spans.append((s, e))
    return spans


def occurrences(text, s):
    out, i = [], text.find(s)
    while i >= 0 and s:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


# ---------------------------------------------------------------- main check
def main():
    verbose = "--verbose" in sys.argv
    all_codes, form2codes = load_gazetteer()
    form_regexes = compile_forms(form2codes)
    labels = json.load(open(os.path.join(ROOT, "labels.json"), encoding="utf-8"))
    errors = []
    warn = []
    stats = dict(files=0, articles=0, communes_in=0, communes_out=0, orgs=0,
                 orgs_distinct=set(), people=0, people_distinct=set(),
                 optional=0, traps=0, commune_mentions=0)
    territory_prefix = ("78", "92", "95")
    files = sorted(k for k in labels if not k.startswith("_"))
    if "_doc" not in labels:
        errors.append("labels.json: no _doc entry")
    expected = ["sealed11_%02d.txt" % i for i in range(1, 13)]
    if files != expected:
        errors.append("labels.json keys %s != %s" % (files, expected))
    for fn in files:
        path = os.path.join(ROOT, fn)
        if not os.path.exists(path):
            errors.append("%s: missing file" % fn)
            continue
        raw = open(path, encoding="utf-8").read()
        lines = raw.split("\n")
        stats["files"] += 1
        arts = labels[fn]
        title_idx = []
        for a in arts:
            t = a["title"]
            hits = [i for i, l in enumerate(lines) if l.startswith(t)]
            if len(hits) != 1:
                errors.append("%s: title %r is a prefix of %d lines" % (fn, t, len(hits)))
                title_idx.append(hits[0] if hits else -1)
            else:
                title_idx.append(hits[0])
        if -1 in title_idx:
            continue
        if title_idx != sorted(title_idx):
            errors.append("%s: titles not in file order" % fn)
            continue
        spans = article_spans(lines, title_idx)
        in_article = [False] * len(lines)
        for s, e in spans:
            for i in range(s, e):
                in_article[i] = True
        header_text = "\n".join(lines[:spans[0][0]])
        # text outside articles: only the Eaubonne address may name a commune
        for i, l in enumerate(lines):
            if in_article[i]:
                continue
            for s, e, form, codes in mentions(l, form_regexes):
                if l.strip() == ADDRESS_LINE and form == "Eaubonne":
                    continue
                errors.append("%s:%d: commune name %r outside articles: %r" % (fn, i + 1, form, l))
        for k, (a, (s, e)) in enumerate(zip(arts, spans)):
            stats["articles"] += 1
            text = "\n".join(lines[s:e])
            where = "%s art.%d %r" % (fn, k + 1, a["title"][:50])
            for key in ("title", "communes", "organisations", "people", "optional", "traps"):
                if key not in a:
                    errors.append("%s: field %s missing" % (where, key))
            ctext = text + ("\n" + header_text if k == 0 else "")
            # communes
            for code in a["communes"]:
                if code not in all_codes:
                    errors.append("%s: unknown INSEE code %s" % (where, code))
                    continue
                names = name_forms(all_codes[code]["nom"], code.startswith(territory_prefix))
                if not any(re.search("(?<!%s)%s(?!%s)" % (WORD, re.escape(f), WORD), text)
                           for f in names):
                    errors.append("%s: commune %s (%s) labelled but no name form in text"
                                  % (where, code, all_codes[code]["nom"]))
                if code.startswith(territory_prefix):
                    stats["communes_in"] += 1
                else:
                    stats["communes_out"] += 1
            if len(set(a["communes"])) != len(a["communes"]):
                errors.append("%s: duplicate commune codes" % where)
            # organisations
            org_spans = []
            for org in a["organisations"]:
                if not isinstance(org, list) or not org or not all(isinstance(x, str) and x for x in org):
                    errors.append("%s: bad organisation entry %r" % (where, org))
                    continue
                found = False
                for form in org:
                    occ = occurrences(text, form)
                    if occ:
                        found = True
                        org_spans += occ
                if not found:
                    errors.append("%s: no form of organisation %r in text" % (where, org[0]))
                stats["orgs"] += 1
                stats["orgs_distinct"].add(org[0])
            # people
            ann_spans = list(org_spans)
            for p in a["people"]:
                occ = occurrences(text, p)
                if not occ:
                    errors.append("%s: person %r not in text" % (where, p))
                if p.startswith(CIVILITIES):
                    errors.append("%s: person %r starts with a civility" % (where, p))
                ann_spans += occ
                stats["people"] += 1
                stats["people_distinct"].add(p)
            for t in a["traps"]:
                occ = occurrences(text, t)
                if not occ:
                    errors.append("%s: trap %r not in text" % (where, t))
                ann_spans += occ
                stats["traps"] += 1
            opt_codes = set()
            for o in a["optional"]:
                stats["optional"] += 1
                if re.fullmatch(r"[0-9][0-9AB][0-9]{3}", o):
                    if o not in all_codes:
                        errors.append("%s: optional code %s unknown" % (where, o))
                    opt_codes.add(o)
                    continue
                occ = occurrences(ctext, o)
                if not occ:
                    errors.append("%s: optional %r not in text" % (where, o))
                ann_spans += occurrences(text, o)
            # completeness of commune mentions
            labelled = set(a["communes"]) | opt_codes
            # forms of the communes labelled here (e.g. a small commune outside the
            # territory whose name contains a big commune's name) take part in the
            # longest-match resolution
            extra = []
            for code in a["communes"]:
                if code in all_codes:
                    for f in name_forms(all_codes[code]["nom"], code.startswith(territory_prefix)):
                        if code not in form2codes.get(f, ()):
                            extra.append((f, re.compile("(?<!%s)%s(?!%s)" % (WORD, re.escape(f), WORD)), {code}))
            for ms, me, form, codes in mentions(text, form_regexes + extra):
                stats["commune_mentions"] += 1
                if codes & labelled:
                    continue
                if any(s0 <= ms and me <= e0 for s0, e0 in ann_spans):
                    continue
                line_no = s + text[:ms].count("\n") + 1
                errors.append("%s:%d: %r (%s) not covered by a commune label nor inside an annotation"
                              % (fn, line_no, form, ",".join(sorted(codes))))
            if verbose:
                print("%s lines %d-%d" % (where, s + 1, e))
    print("files: %d" % stats["files"])
    print("articles: %d" % stats["articles"])
    print("commune labels: %d in 78/92/95, %d outside" % (stats["communes_in"], stats["communes_out"]))
    print("organisation labels: %d (%d distinct canonical forms)" % (stats["orgs"], len(stats["orgs_distinct"])))
    print("people labels: %d (%d distinct)" % (stats["people"], len(stats["people_distinct"])))
    print("optional: %d, traps: %d" % (stats["optional"], stats["traps"]))
    print("commune-name mentions checked in articles: %d" % stats["commune_mentions"])
    for w in warn:
        print("WARNING:", w)
    for er in errors:
        print("ERROR:", er)
    print("%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
