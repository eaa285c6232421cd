#!/usr/bin/env python3
"""Generator for the sealed set sealed11: turns the annotated sources in
src/issues/*.src into sealed11_NN.txt and labels.json.

Source format (one file per issue):
  #1201|mars 2052              issue number and date
  @section <line>              a section line (not part of any article)
  @article                     starts an article
  T> <line>                    the article's title line (marker stripped)
  any other line               copied as is (after markup removal)

Inline markup, one line at a time, may be nested:
  [surface]{c}          commune cited as a place, code resolved from the name
  [surface]{c:95018}    same with explicit INSEE code(s), comma separated
  [surface]{o}          organisation, canonical form = surface
  [surface]{o:key}      organisation from the registry src/orgs.py
  [surface]{o:Nom}      organisation with canonical form "Nom"
  [surface]{p}          person, label = surface
  [surface]{p:Nom}      mention of person "Nom" (label = "Nom")
  [surface]{t}          trap (information only)
  [surface]{x}          optional string
  [surface]{x:95127}    optional string and optional INSEE code(s)
  ⟦ ⟧                   literal square brackets
The first article of each issue gets the header strings (Eaubonne, 95203,
Pôle ressources ville et développement social) as optional, and any mention
of the Pôle ressources in it is optional rather than an organisation.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import verify  # noqa: E402
from orgs import ORGS  # noqa: E402

HEADER = """N° {num} – {date}

Résonances

Pôle ressources ville et développement social
Centre de Ressources Politique de la Ville ouest francilien


39 rue des Bussys
95600 Eaubonne
01.34.05.17.17
contact@poleressources95.org
"""
FIRST_OPTIONAL = ["Eaubonne", "95203", "Pôle ressources ville et développement social"]

ALL_CODES, FORM2CODES = verify.load_gazetteer()


TAG_RE = re.compile(r"c(:[0-9AB,]+)?|[op](:[^\[\]{}]+)?|t|x(:[0-9AB,]+)?")


class SrcError(Exception):
    pass


def parse_line(line, where):
    out = []
    stack = []
    anns = []
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch == "[":
            stack.append(len("".join(out)))
            i += 1
            continue
        if ch == "]":
            if not stack or i + 1 >= n or line[i + 1] != "{":
                raise SrcError("%s: unbalanced ] in %r" % (where, line))
            j = line.index("}", i + 2)
            tag = line[i + 2:j]
            if not TAG_RE.fullmatch(tag):
                raise SrcError("%s: bad tag %r" % (where, tag))
            start = stack.pop()
            cur = "".join(out)
            anns.append((start, len(cur), tag, cur[start:]))
            i = j + 1
            continue
        out.append(ch)
        i += 1
    if stack:
        raise SrcError("%s: unbalanced [ in %r" % (where, line))
    text = "".join(out).replace("⟦", "[").replace("⟧", "]")
    return text, anns


def resolve_commune(surface, where):
    codes = FORM2CODES.get(surface)
    if not codes:
        raise SrcError("%s: no commune named %r" % (where, surface))
    if len(codes) == 1:
        return sorted(codes)
    terr = [c for c in codes if c[:2] in ("78", "92", "95")]
    if len(terr) == 1:
        return terr
    raise SrcError("%s: ambiguous commune %r %s" % (where, surface, sorted(codes)))


def main():
    org_forms = {}  # canonical -> ordered list of forms
    for key, forms in ORGS.items():
        org_forms.setdefault(forms[0], [])
        for f in forms:
            if f not in org_forms[forms[0]]:
                org_forms[forms[0]].append(f)
    issues = []
    for path in sorted(glob.glob(os.path.join(HERE, "issues", "*.src"))):
        lines = open(path, encoding="utf-8").read().split("\n")
        head = lines[0]
        assert head.startswith("#"), path
        num, date = head[1:].split("|")
        blocks = []
        cur = None
        for ln, line in enumerate(lines[1:], start=2):
            where = "%s:%d" % (os.path.basename(path), ln)
            if line.startswith("@section "):
                cur = None
                blocks.append(("section", line[len("@section "):].strip()))
                continue
            if line.strip() == "@article":
                cur = {"lines": [], "anns": [], "title": None, "where": where}
                blocks.append(("article", cur))
                continue
            if line.startswith("%%"):
                continue  # comment
            if cur is None:
                if line.strip():
                    raise SrcError("%s: text outside article" % where)
                continue
            is_title = line.startswith("T> ")
            if is_title:
                line = line[3:]
            text, anns = parse_line(line, where)
            if is_title:
                if cur["title"] is not None:
                    raise SrcError("%s: two titles" % where)
                cur["title"] = text
            cur["anns"] += [(a[2], a[3], where) for a in anns]
            cur["lines"].append(text)
        issues.append((num, date, blocks, path))

    # collect org surfaces corpus-wide
    def org_canon(tag, surface, where):
        val = tag[2:] if tag.startswith("o:") else ""
        if not val:
            return surface
        if val in ORGS:
            return ORGS[val][0]
        if re.fullmatch(r"[a-z0-9_]+", val):
            raise SrcError("%s: unknown org key %r" % (where, val))
        return val

    for num, date, blocks, path in issues:
        for kind, b in blocks:
            if kind != "article":
                continue
            for tag, surface, where in b["anns"]:
                if tag == "o" or tag.startswith("o:"):
                    c = org_canon(tag, surface, where)
                    lst = org_forms.setdefault(c, [c])
                    if c not in lst:
                        lst.insert(0, c)
                    if surface not in lst:
                        lst.append(surface)

    labels = {"_doc": DOC}
    for idx, (num, date, blocks, path) in enumerate(issues, start=1):
        fn = "sealed11_%02d.txt" % idx
        out_lines = HEADER.format(num=num, date=date).split("\n")
        arts = []
        art_starts = []
        first = True
        for kind, b in blocks:
            if kind == "section":
                out_lines += ["", "", b, ""]
                continue
            body = b["lines"]
            while body and not body[0].strip():
                body.pop(0)
            while body and not body[-1].strip():
                body.pop()
            if b["title"] is None:
                raise SrcError("%s: article without title" % b["where"])
            out_lines += ["", ""] if not (out_lines and out_lines[-1] == "") else [""]
            art_starts.append(len(out_lines))
            out_lines += body
            lab = {"title": b["title"], "communes": [], "organisations": [],
                   "people": [], "optional": [], "traps": []}
            if first:
                lab["optional"] += FIRST_OPTIONAL
            canon_seen = []
            for tag, surface, where in b["anns"]:
                if tag == "c" or tag.startswith("c:"):
                    codes = (tag[2:].split(",") if tag.startswith("c:")
                             else resolve_commune(surface, where))
                    for c in codes:
                        if c not in ALL_CODES:
                            raise SrcError("%s: unknown code %s" % (where, c))
                        if c not in lab["communes"]:
                            lab["communes"].append(c)
                elif tag == "o" or tag.startswith("o:"):
                    c = org_canon(tag, surface, where)
                    if first and c == ORGS["pole"][0]:
                        if surface not in lab["optional"]:
                            lab["optional"].append(surface)
                        continue
                    if c not in canon_seen:
                        canon_seen.append(c)
                elif tag == "p" or tag.startswith("p:"):
                    name = tag[2:] if tag.startswith("p:") else surface
                    if name not in lab["people"]:
                        lab["people"].append(name)
                elif tag == "t":
                    if surface not in lab["traps"]:
                        lab["traps"].append(surface)
                elif tag == "x" or tag.startswith("x:"):
                    if surface and surface not in lab["optional"]:
                        lab["optional"].append(surface)
                    if tag.startswith("x:"):
                        for c in tag[2:].split(","):
                            if c not in ALL_CODES:
                                raise SrcError("%s: unknown code %s" % (where, c))
                            if c not in lab["optional"]:
                                lab["optional"].append(c)
                else:
                    raise SrcError("%s: unknown tag %r" % (where, tag))
            lab["organisations"] = [list(org_forms[c]) for c in canon_seen]
            arts.append(lab)
            first = False
        text = "\n".join(out_lines).rstrip("\n") + "\n"
        open(os.path.join(ROOT, fn), "w", encoding="utf-8").write(text)
        labels[fn] = arts
        # check that the verifier finds the same article starts
        lines = text.split("\n")
        tidx = []
        for a in arts:
            hits = [i for i, l in enumerate(lines) if l.startswith(a["title"])]
            if len(hits) != 1:
                print("WARN %s: title %r matches %d lines" % (fn, a["title"], len(hits)))
            tidx.append(hits[0] if hits else 0)
        spans = verify.article_spans(lines, tidx)
        for (s, e), want, a in zip(spans, art_starts, arts):
            if s != want:
                print("WARN %s: article %r starts at line %d for the verifier, %d in source"
                      % (fn, a["title"][:40], s + 1, want + 1))
    json.dump(labels, open(os.path.join(ROOT, "labels.json"), "w", encoding="utf-8"),
              ensure_ascii=False, indent=1)
    print("built %d issues" % len(issues))


DOC = {
    "what": "Sealed evaluation set sealed11: twelve invented issues of the newsletter "
            "Résonances (N° 1201-1212, March 2052 - November 2054) with entity labels per article.",
    "keys": "one key per file sealed11_NN.txt; value = list of articles in file order",
    "title": "the article's title line; it is a prefix of exactly one line of the file. For lists "
             "without their own title (Mouvements, press reviews, agenda, En bref) the rubric line.",
    "article_text": "from the head lines directly above the title (rubric line < ... >, commune or "
                    "theme line; at most 3) to the line before the next article's head lines, "
                    "section lines and blank lines excluded (see src/verify.py: article_spans).",
    "communes": "INSEE codes (COG, as in @etalab/decoupage-administratif data/communes.json) of the "
                "communes cited as places in the article, the commune line above the title included. "
                "Communes outside 78/92/95 only when the text supports them (département or region "
                "named, metropolis or big city). A municipality acting as such (ville de X, maire de X, "
                "mairie de X) is labelled as a place, not as an organisation.",
    "organisations": "list of [canonical form, other accepted forms...]; at least one form occurs "
                     "verbatim in the article. A prediction matching any form counts as the same entity.",
    "people": "persons as written in the article (first name + name, no civility, no function), "
              "capitals kept as written (Mouvements lists).",
    "optional": "strings or INSEE codes that count neither way: header strings (Eaubonne, 95203, "
                "Pôle ressources) for the first article of each issue, and genuinely ambiguous cases "
                "(instances such as conseils citoyens or CLSPD, agglomerations named like communes, "
                "PRE acting as a structure...).",
    "traps": "information only: strings that contain a commune name or look like a person or an "
             "organisation but are not one (streets, stations, schools' eponyms, départements, "
             "events and laws named after cities, foreign homonyms, ordinary words in capitals, "
             "works, brands, dispositifs).",
}

if __name__ == "__main__":
    try:
        main()
    except SrcError as e:
        print("SOURCE ERROR:", e)
        sys.exit(1)
