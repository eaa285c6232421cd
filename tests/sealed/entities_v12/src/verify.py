#!/usr/bin/env python3
"""Verifier for the sealed evaluation set sealed12 (Résonances, N° 1401-1412).

Reads only: the twelve sealed12_XX.txt files, labels.json, the npm package
@etalab/decoupage-administratif (data/communes.json, departements.json,
regions.json) installed in this folder, and /work/shared/domain/communes_78_92_95.tsv
(names and aliases of the 478 communes of the 78, 92 and 95).

Checks (every failure is an error):
  1. labels.json has "_doc" and one key per text file; every article has exactly
     the keys title, communes, organisations, people, optional, traps.
  2. each title is a prefix of exactly one line of its file; titles are in file order.
  3. every person, trap and optional string, and at least one form of every
     organisation, occurs verbatim in the article's text (for the first article
     of a file the header above it is included).
  4. every INSEE code (communes and optional) exists in communes.json; every
     labelled commune is named in the article (full name, name without article,
     alias or short form, exact or in capitals); a commune outside 78/92/95 with
     15,000 inhabitants or fewer needs its département or region named in the article.
  5. completeness: every occurrence, inside an article, of the name of a commune
     of the 78/92/95 or of a French commune over 15,000 inhabitants (exact case,
     ALL CAPITALS, capitals without accents, without accents; with or without its
     article; TSV aliases; short forms listed in SHORT_FORMS) is covered by a
     commune label or an optional code of the article, or lies inside an occurrence
     of a trap, organisation form, person or optional string of the same article.
     An occurrence contained in a longer occurrence of a commune name is ignored
     (Colombes inside La Garenne-Colombes, Loos inside Loos-en-Gohelle). Word boundaries: any character that is not a letter or
     a digit (hyphen and apostrophe are boundaries).
  6. no such commune name outside articles (header block, section lines) except
     the address line "95600 Eaubonne".
  7. labels carry no markup of the annotated source ({ } | @) and people carry
     no civility; no organisation form, person or trap equals a bare commune
     name (that would hide every occurrence of the commune).

Article boundaries are derived from the text alone: an article starts at its
"head" (up to three non-blank lines directly above the title, blank lines
skipped: rubric lines < ... >, commune or theme lines; a head line is at most
90 characters, is not a section line, does not end with . : ; ! ? » ) and does
not start with http, www, <http, Contact, - ) and ends where the next article's
head starts. Section lines (SECTION_LINES) are outside articles.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PKG = os.path.join(ROOT, "node_modules", "@etalab", "decoupage-administratif", "data")
TSV = "/work/shared/domain/communes_78_92_95.tsv"
NFILES = 12
TERRITORY_DEPS = ("78", "92", "95")

SECTION_LINES = {
    "L'actu du Pôle ressources",
    "National / Régional",
    "Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)",
    "Ressources",
    "Agenda",
    "Europe / International",
}
ARTICLE_KEYS = {"title", "communes", "organisations", "people", "optional", "traps"}

# Short forms in current use (name -> INSEE codes it may stand for).
SHORT_FORMS = {
    "Mantes": ["78361", "78362"],
    "Conflans": ["78172"],
    "Boulogne": ["92012"],
    "Rueil": ["92063"],
    "Issy": ["92040"],
    "Levallois": ["92044"],
    "Garges": ["95268"],
    "Asnières": ["92004", "95026"],
    "Saint-Germain": ["78551"],
    "Montigny": ["78423", "95424"],
    "Saint-Ouen": ["93070", "95572"],
    "Chanteloup": ["78138"],
    "Carrières": ["78123", "78124"],
    "Saint-Cyr": ["78545"],
    "Saint-Brice": ["95539"],
    "Saint-Leu": ["95563", "97413"],
    "Soisy": ["95598"],
    "Enghien": ["95210"],
    "Cormeilles": ["95176", "95177"],
    "Vélizy": ["78640"],
    "Châtenay": ["92019", "95144"],
    "Neuilly": ["92051"],
    "Deuil": ["95197"],
    "Villiers": ["95680"],
    "Trappes-en-Yvelines": ["78621"],
}

ARTICLES = ("Les ", "La ", "Le ", "L'")
CIVILITIES = ("M. ", "Mme ", "Mlle ", "Dr ", "Pr ", "Monsieur ", "Madame ", "Me ")


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def norm_apos(s):
    return s.replace("\u2019", "'")


# ---------------------------------------------------------------- gazetteer
class Gazetteer:
    def __init__(self):
        with open(os.path.join(PKG, "communes.json"), encoding="utf-8") as f:
            data = json.load(f)
        self.all_codes = {x["code"] for x in data}
        self.actual = {}
        for x in data:
            if x["type"] == "commune-actuelle":
                self.actual[x["code"]] = x
        for x in data:  # fall back for codes that only exist as delegated etc.
            self.actual.setdefault(x["code"], x)
        with open(os.path.join(PKG, "departements.json"), encoding="utf-8") as f:
            self.deps = {d["code"]: d for d in json.load(f)}
        with open(os.path.join(PKG, "regions.json"), encoding="utf-8") as f:
            self.regions = {r["code"]: r for r in json.load(f)}
        self.tsv = {}
        with open(TSV, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                self.tsv[row["insee_code"]] = row
        # target communes: 78/92/95 + over 15,000 inhabitants
        self.targets = {}
        for code, x in self.actual.items():
            if x["type"] != "commune-actuelle":
                continue
            if x.get("departement") in TERRITORY_DEPS or (x.get("population") or 0) > 15000:
                self.targets[code] = x
        self.name2codes = {}
        for code, x in self.targets.items():
            for v in self.base_variants(code):
                self.name2codes.setdefault(v, set()).add(code)
        for short, codes in SHORT_FORMS.items():
            self.name2codes.setdefault(short, set()).update(codes)
        self.bare = set()
        for v in self.name2codes:
            self.bare.update(self.surface_forms(v))
        # regexes
        self.patterns = []
        for v, codes in self.name2codes.items():
            for s in self.surface_forms(v):
                self.patterns.append((s, re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)"), frozenset(codes)))
        # names of other communes (small, outside 78/92/95) that contain a target name
        # (Loos-en-Gohelle contains Loos): their occurrences only hide the shorter name.
        target_rx = re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in sorted(self.name2codes, key=len, reverse=True)) + r")(?!\w)")
        self.suppressors = []
        seen = set()
        for code, x in self.actual.items():
            if code in self.targets or x["type"] != "commune-actuelle":
                continue
            for v in self.base_variants(code):
                if v in seen or v in self.name2codes:
                    continue
                if target_rx.search(v):
                    seen.add(v)
                    for s in self.surface_forms(v):
                        self.suppressors.append((s, re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")))

    def base_variants(self, code):
        x = self.actual[code]
        names = {x["nom"]}
        if code in self.tsv and self.tsv[code].get("aliases"):
            names.update(a.strip() for a in self.tsv[code]["aliases"].split(";") if a.strip())
        out = set()
        for n in names:
            n = norm_apos(n)
            out.add(n)
            for a in ARTICLES:
                if n.startswith(a) and len(n) > len(a) + 1:
                    out.add(n[len(a):])
        return out

    @staticmethod
    def surface_forms(v):
        return {v, v.upper(), strip_accents(v).upper(), strip_accents(v)}

    def find(self, text):
        """All commune-name occurrences (start, end, surface, codes), longest kept."""
        hits = []
        for s, rx, codes in self.patterns:
            if s not in text:
                continue
            for m in rx.finditer(text):
                hits.append((m.start(), m.end(), s, codes))
        supp = []
        for s, rx in self.suppressors:
            if s in text:
                supp += [(m.start(), m.end()) for m in rx.finditer(text)]
        kept = []
        for h in hits:
            if any(a <= h[0] and h[1] <= b and (b - a) > (h[1] - h[0]) for a, b in supp):
                continue
            inside = False
            for o in hits:
                if o is h:
                    continue
                if o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]):
                    inside = True
                    break
            if not inside:
                kept.append(h)
        # merge identical spans (homonyms: union of codes)
        merged = {}
        for s, e, surf, codes in kept:
            key = (s, e)
            if key in merged:
                merged[key] = (s, e, surf, merged[key][3] | codes)
            else:
                merged[key] = (s, e, surf, codes)
        return sorted(merged.values())

    def names_for_code(self, code):
        vs = set()
        if code in self.actual:
            vs |= self.base_variants(code)
        for short, codes in SHORT_FORMS.items():
            if code in codes:
                vs.add(short)
        out = set()
        for v in vs:
            out |= self.surface_forms(v)
        return out


# ---------------------------------------------------------------- text
def is_head_candidate(line):
    s = line.strip()
    if not s or s in SECTION_LINES:
        return False
    if s.startswith("<") and s.endswith(">") and not s.startswith("<http"):
        return len(s) <= 120
    if len(s) > 90:
        return False
    if s[-1] in ".:;!?»)":
        return False
    for p in ("http", "www", "<http", "Contact", "- ", "En savoir plus"):
        if s.startswith(p):
            return False
    return True


def derive_articles(lines, titles):
    """Return list of dicts: title_idx, start, end (line indices, end exclusive)."""
    idxs = []
    for t in titles:
        found = [i for i, l in enumerate(lines) if l.startswith(t)]
        idxs.append(found[0] if len(found) == 1 else None)
    if any(i is None for i in idxs):
        return None
    starts = []
    prev_title = -1
    for ti in idxs:
        start = ti
        j = ti - 1
        nheads = 0
        while j > prev_title and nheads < 3:
            if not lines[j].strip():
                j -= 1
                continue
            if is_head_candidate(lines[j]):
                start = j
                nheads += 1
                j -= 1
            else:
                break
        starts.append(start)
        prev_title = ti
    arts = []
    for k, ti in enumerate(idxs):
        end = starts[k + 1] if k + 1 < len(idxs) else len(lines)
        arts.append({"title_idx": ti, "start": starts[k], "end": end})
    return arts


def article_text(lines, art):
    return "\n".join(l if l.strip() not in SECTION_LINES else "" for l in lines[art["start"]:art["end"]])


def occurrences(text, s):
    out = []
    if not s:
        return out
    i = text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def org_forms(entry):
    return [f for f in entry if isinstance(f, str)]


# ---------------------------------------------------------------- main
def verify(root=ROOT, quiet=False):
    errors = []
    warnings = []
    gz = Gazetteer()
    lab_path = os.path.join(root, "labels.json")
    with open(lab_path, encoding="utf-8") as f:
        labels = json.load(f)
    if "_doc" not in labels:
        errors.append("labels.json: no _doc entry")
    names = ["sealed12_%02d.txt" % i for i in range(1, NFILES + 1)]
    for k in labels:
        if k != "_doc" and k not in names:
            errors.append("labels.json: unexpected key %s" % k)
    stats = {"files": 0, "articles": 0, "communes_in": 0, "communes_out": 0, "organisations": 0,
             "people": 0, "optional": 0, "traps": 0, "outside_big": 0, "outside_small": 0}

    def walk(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, list):
            for y in x:
                yield from walk(y)
        elif isinstance(x, dict):
            for y in x.values():
                yield from walk(y)

    for fn in names:
        path = os.path.join(root, fn)
        if not os.path.exists(path):
            errors.append("%s: missing" % fn)
            continue
        if fn not in labels:
            errors.append("%s: no labels" % fn)
            continue
        stats["files"] += 1
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        if "{" in raw or "}" in raw:
            errors.append("%s: markup characters { } left in text" % fn)
        text_all = norm_apos(raw)
        lines = text_all.split("\n")
        arts_lab = labels[fn]
        for a in arts_lab:
            if set(a.keys()) != ARTICLE_KEYS:
                errors.append("%s: article keys %s" % (fn, sorted(a.keys())))
            for s in walk(a):
                if any(c in s for c in "{}|@"):
                    errors.append("%s: markup in label %r" % (fn, s))
        titles = [a["title"] for a in arts_lab]
        ok_titles = True
        for t in titles:
            n = sum(1 for l in lines if l.startswith(t)) if t else 0
            if n != 1:
                errors.append("%s: title %r is a prefix of %d lines" % (fn, t, n))
                ok_titles = False
        if not ok_titles:
            continue
        arts = derive_articles(lines, titles)
        tis = [a["title_idx"] for a in arts]
        if tis != sorted(tis):
            errors.append("%s: titles not in file order" % fn)
            continue
        # outside articles
        inside = [False] * len(lines)
        for a in arts:
            for i in range(a["start"], a["end"]):
                if lines[i].strip() not in SECTION_LINES:
                    inside[i] = True
        for i, l in enumerate(lines):
            if inside[i] or not l.strip():
                continue
            if re.fullmatch(r"95600 Eaubonne", l.strip()):
                continue
            for s, e, surf, codes in gz.find(l):
                errors.append("%s:%d: commune name %r outside articles: %r" % (fn, i + 1, surf, l))
        header_text = "\n".join(lines[:arts[0]["start"]])
        for k, (a, lab) in enumerate(zip(arts, arts_lab)):
            stats["articles"] += 1
            where = "%s art.%d %r" % (fn, k + 1, lab["title"][:50])
            text = article_text(lines, a)
            ext = header_text + "\n" + text if k == 0 else text
            cover = []
            # people / traps / optional strings
            for key in ("people", "traps", "optional"):
                for s in lab[key]:
                    if key == "optional" and re.fullmatch(r"\d[\dAB]\d{3}", s):
                        continue
                    occ = occurrences(ext, s)
                    if not occ:
                        errors.append("%s: %s string %r not in article" % (where, key, s))
                    cover += occurrences(text, s)
                    if key != "optional" and s in gz.bare:
                        errors.append("%s: %s %r equals a bare commune name" % (where, key, s))
            for p in lab["people"]:
                if p.startswith(CIVILITIES):
                    errors.append("%s: civility in person %r" % (where, p))
            for ent in lab["organisations"]:
                if not isinstance(ent, list) or not ent:
                    errors.append("%s: organisation entry %r is not a non-empty list" % (where, ent))
                    continue
                forms = org_forms(ent)
                if not any(occurrences(text, f) for f in forms):
                    errors.append("%s: no form of organisation %r in article" % (where, ent[0]))
                for f in forms:
                    cover += occurrences(text, f)
                    if f in gz.bare:
                        errors.append("%s: organisation form %r equals a bare commune name" % (where, f))
            for key in ("people", "traps", "optional", "communes"):
                if len(set(map(str, lab[key]))) != len(lab[key]):
                    errors.append("%s: duplicate in %s" % (where, key))
            canon = [e[0] for e in lab["organisations"] if e]
            if len(set(canon)) != len(canon):
                errors.append("%s: duplicate organisation" % where)
            # codes
            opt_codes = {s for s in lab["optional"] if re.fullmatch(r"\d[\dAB]\d{3}", s)}
            allowed = set(lab["communes"]) | opt_codes
            for c in list(lab["communes"]) + sorted(opt_codes):
                if c not in gz.all_codes:
                    errors.append("%s: INSEE code %s not in communes.json" % (where, c))
                    continue
                forms = gz.names_for_code(c)
                found = False
                for f in forms:
                    if re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", ext):
                        found = True
                        break
                if not found:
                    errors.append("%s: commune %s (%s) labelled but not named" % (where, c, gz.actual[c]["nom"]))
            for c in lab["communes"]:
                x = gz.actual.get(c)
                if not x:
                    continue
                if x.get("departement") in TERRITORY_DEPS:
                    stats["communes_in"] += 1
                else:
                    stats["communes_out"] += 1
                    if (x.get("population") or 0) > 15000:
                        stats["outside_big"] += 1
                    else:
                        stats["outside_small"] += 1
                        dep = gz.deps.get(x.get("departement"), {}).get("nom", "")
                        reg = gz.regions.get(x.get("region"), {}).get("nom", "")
                        if not ((dep and dep in text) or (reg and reg in text)):
                            errors.append("%s: small outside commune %s (%s) without département/region in text" % (where, c, x["nom"]))
            # completeness
            for s, e, surf, codes in gz.find(text):
                if codes & allowed:
                    continue
                if any(cs <= s and e <= ce for cs, ce in cover):
                    continue
                ctx = text[max(0, s - 40):e + 40].replace("\n", " ")
                errors.append("%s: uncovered commune name %r (%s) ...%s..." % (where, surf, ",".join(sorted(codes)), ctx))
            stats["organisations"] += len(lab["organisations"])
            stats["people"] += len(lab["people"])
            stats["optional"] += len(lab["optional"])
            stats["traps"] += len(lab["traps"])
    if not quiet:
        for e in errors:
            print("ERROR", e)
        for w in warnings:
            print("WARN", w)
        print("counts:", json.dumps(stats, ensure_ascii=False))
        print("verify: %d errors, %d files, %d articles" % (len(errors), stats["files"], stats["articles"]))
    return errors, stats


if __name__ == "__main__":
    errs, _ = verify()
    sys.exit(1 if errs else 0)
