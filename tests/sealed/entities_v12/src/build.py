#!/usr/bin/env python3
"""Build sealed12_XX.txt and labels.json from the annotated sources src/issues/XX.src.

Source format (one directive or paragraph per line, blank lines ignored):
  # comment
  @ISSUE 1401 | février 2065        issue number and date (first line)
  @SECTION text                      section line (outside articles)
  @ART                               starts an article
  @TITLE text                        the title line of the article
  @OPT value                         optional string or INSEE code for the article
  any other line                     a paragraph / head line of the current article
Inline markup (not nested):
  {c:CODE:surface}                   commune cited as a place (INSEE code)
  {o:surface}                        organisation; entry taken from registry.py if the
                                     surface is a registered form
  {o:surface|Canonical|alt|...}      organisation with explicit canonical form and alternatives
  {p:surface}                        person
  {t:surface}                        trap (information only)
  {x:surface} / {x:CODE:surface}     optional string / optional commune code (+ string)
Every paragraph is followed by a blank line in the output.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from registry import REGISTRY, FORM_INDEX  # noqa: E402
import verify as V  # noqa: E402

MARK = re.compile(r"\{([coptx]):([^{}]*)\}")
HEADER = [
    "",
    "Résonances",
    "",
    "N° {num} – {date}",
    "",
    "Pôle ressources ville et développement social",
    "Centre de Ressources Politique de la Ville ouest francilien",
    "",
    "",
    "",
    "39 rue des Bussys",
    "95600 Eaubonne",
    "01.34.05.17.17",
    "contact@poleressources95.org",
    "",
]
FIRST_OPTIONAL = ["Pôle ressources ville et développement social",
                  "Centre de Ressources Politique de la Ville ouest francilien",
                  "Eaubonne", "95203", "Résonances"]


class Article:
    def __init__(self):
        self.lines = []      # output lines (markup stripped)
        self.title = None
        self.communes = []
        self.orgs = {}       # canonical -> list of forms
        self.people = []
        self.optional = []
        self.traps = []
        self.start = None

    def add_unique(self, lst, v):
        if v not in lst:
            lst.append(v)


def org_entry(body):
    parts = body.split("|")
    surface = parts[0]
    explicit = parts[1:]
    if explicit:
        canon = explicit[0]
        forms = [canon] + explicit[1:]
        if canon in FORM_INDEX:
            c2 = FORM_INDEX[canon]
            forms = [c2] + REGISTRY[c2] + forms
            canon = c2
    elif surface in FORM_INDEX:
        canon = FORM_INDEX[surface]
        forms = [canon] + REGISTRY[canon]
    else:
        canon = surface
        forms = [surface]
    if surface not in forms:
        forms.append(surface)
    return surface, canon, forms


def strip_line(line, art):
    def rep(m):
        kind, body = m.group(1), m.group(2)
        if kind == "c":
            code, surface = body.split(":", 1)
            if art is None:
                raise SystemExit("commune markup outside article: %r" % line)
            art.add_unique(art.communes, code)
            return surface
        if kind == "x":
            mm = re.fullmatch(r"(\d[\dAB]\d{3}):(.*)", body)
            if mm:
                art.add_unique(art.optional, mm.group(1))
                art.add_unique(art.optional, mm.group(2))
                return mm.group(2)
            art.add_unique(art.optional, body)
            return body
        if kind == "p":
            art.add_unique(art.people, body)
            return body
        if kind == "t":
            art.add_unique(art.traps, body)
            return body
        if kind == "o":
            surface, canon, forms = org_entry(body)
            cur = art.orgs.setdefault(canon, [])
            for f in forms:
                if f not in cur:
                    cur.append(f)
            return surface
        raise SystemExit("bad markup %r" % m.group(0))
    for m in re.finditer(r"\{o:([^{}]*)\} \(\{o:([^{}]*)\}\)", line):
        c1 = org_entry(m.group(1))[1]
        c2 = org_entry(m.group(2))[1]
        if c1 != c2:
            raise SystemExit("'Nom complet (SIGLE)' with two canonical forms: %r / %r" % (c1, c2))
    out = MARK.sub(rep, line)
    if "{" in out or "}" in out:
        raise SystemExit("unbalanced markup in %r" % line)
    return out


def build_issue(src):
    with open(src, encoding="utf-8") as f:
        raw = [l.rstrip("\n") for l in f]
    out = []
    arts = []
    cur = None
    num = date = None
    for line in raw:
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("@ISSUE"):
            num, date = [x.strip() for x in s[len("@ISSUE"):].split("|")]
            out += [h.format(num=num, date=date) for h in HEADER]
            continue
        if s.startswith("@SECTION"):
            cur = None
            out += [s[len("@SECTION"):].strip(), ""]
            continue
        if s == "@ART":
            cur = Article()
            cur.start = len(out)
            arts.append(cur)
            continue
        if cur is None:
            raise SystemExit("%s: text outside article: %r" % (src, s))
        if s.startswith("@OPT"):
            cur.add_unique(cur.optional, s[4:].strip())
            continue
        if s.startswith("@TITLE"):
            t = strip_line(s[len("@TITLE"):].strip(), cur)
            cur.title = t
            out += [t, ""]
            continue
        out += [strip_line(s, cur), ""]
    out.append("")
    for a in arts:
        if a.title is None:
            raise SystemExit("%s: article without title" % src)
    for i, a in enumerate(arts):
        # "l'État" as a generic actor counts neither way
        end = arts[i + 1].start if i + 1 < len(arts) else len(out)
        if any(re.search(r"l'État\b", l) for l in out[a.start:end]):
            a.add_unique(a.optional, "État")
    if arts:
        a0 = arts[0]
        for o in FIRST_OPTIONAL:
            a0.add_unique(a0.optional, o)
    return out, arts


def main():
    srcs = sorted(glob.glob(os.path.join(HERE, "issues", "*.src")))
    labels = {"_doc": DOC}
    problems = []
    all_arts = {}
    for src in srcs:
        n = int(os.path.basename(src).split(".")[0])
        fn = "sealed12_%02d.txt" % n
        lines, arts = build_issue(src)
        with open(os.path.join(ROOT, fn), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        labels[fn] = [{
            "title": a.title,
            "communes": a.communes,
            "organisations": [forms for forms in a.orgs.values()],
            "people": a.people,
            "optional": a.optional,
            "traps": a.traps,
        } for a in arts]
        # boundary cross-check with the verifier's text-only derivation
        derived = V.derive_articles(lines, [a.title for a in arts])
        if derived is None:
            problems.append("%s: titles not unique prefixes" % fn)
        else:
            for a, d in zip(arts, derived):
                if a.start != d["start"]:
                    problems.append("%s: article %r intended start %d, derived %d" % (fn, a.title[:40], a.start + 1, d["start"] + 1))
        all_arts[fn] = (lines, arts, derived)
    with open(os.path.join(ROOT, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, ensure_ascii=False, indent=1)
    for p in problems:
        print("BUILD", p)
    dev_warnings(all_arts)
    return problems


NON_ORG_ACRONYMS = set("""QPV NPNRU PRE CLAS REP REP+ CLSPD CLS ASV GUSP TFPB ESS RSA RER CEJ PRIJ PAEJ EPS SIAE IAE
AMI CUCS ZUS ZFU QVA NPRU PNRU CUI PEC BTS CAP BAC DUT BUT CV ISBN CDI CDD RH IDE ETP PV TZCLD EPCI EPT CA CC
CU OPH ESH HLM ZAC PLU PLUi SCoT PLH PDALHPD DALO SIAO SAMU PMI ASE CMP CMPP MDA PAEJ UE FSE FEDER JO JOP
PIB TVA SMS COVID GIP SCIC SCOP SAS SARL SA NB II III IV VI VII VIII IX XI XII XX XXI Ier LGBT MDPH TIG QR BD
PDF OK RDV TER TGV PMR EHPAD NEET FLE IRL GRDF CAO AAP EN FR DG DGA DGS CM DSP GPS CDAD LOL ONG RTT TND TSA""".split())


def dev_warnings(all_arts):
    glob_orgs = {}
    glob_people = set()
    firsts = set()
    for fn, (lines, arts, derived) in all_arts.items():
        for a in arts:
            for canon, forms in a.orgs.items():
                for f in forms:
                    if len(f) >= 4 and f not in ("Urbanisme", "Seuil", "Avise", "Sénat"):
                        glob_orgs[f] = canon
            for p in a.people:
                glob_people.add(p)
                firsts.add(p.split()[0])
    for fn, (lines, arts, derived) in all_arts.items():
        if derived is None:
            continue
        for a, d in zip(arts, derived):
            text = V.article_text(lines, d)
            where = "%s %r" % (fn, a.title[:40])
            spans = []
            for s in a.people + a.traps + [o for o in a.optional]:
                spans += V.occurrences(text, s)
            for forms in a.orgs.values():
                for f in forms:
                    spans += V.occurrences(text, f)

            def covered(s, e):
                return any(cs <= s and e <= ce for cs, ce in spans)
            for f, canon in glob_orgs.items():
                if canon in a.orgs:
                    continue
                for s, e in V.occurrences(text, f):
                    if re.match(r"\w", text[e:e + 1] or " ") or (s > 0 and re.match(r"\w", text[s - 1])):
                        continue
                    if not covered(s, e):
                        print("WARN %s: known organisation form %r not labelled here" % (where, f))
                        break
            for p in glob_people:
                if p in a.people:
                    continue
                for s, e in V.occurrences(text, p):
                    if not covered(s, e):
                        print("WARN %s: known person %r not labelled here" % (where, p))
                        break
            for m in re.finditer(r"\b([A-ZÉÈ][a-zéèëïîôç\-]+) ((?:(?:de|da|du|van|von|el|ben|le|la|der|di|dos)\s)?[A-ZÉÈ][\w\-']+)", text):
                if m.group(1) in firsts and not covered(m.start(), m.end()):
                    print("WARN %s: possible unlabelled person %r" % (where, m.group(0)))
            for m in re.finditer(r"(?<![\w&-])([A-Z][A-Z0-9&]{1,}[+]?)(?![\w])", text):
                tok = m.group(1)
                if tok in NON_ORG_ACRONYMS or not re.search(r"[A-Z].*[A-Z]", tok):
                    continue
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line = text[line_start: line_end if line_end >= 0 else len(text)]
                if line == line.upper():
                    continue  # title in capitals
                if not covered(m.start(), m.end()):
                    print("INFO %s: acronym %r not covered" % (where, tok))
            for p in a.people:
                last = p.split()[-1]
                if len(last) < 3:
                    continue
                for s, e in V.occurrences(text, last):
                    if re.match(r"\w", text[e:e + 1] or " ") or (s > 0 and re.match(r"\w", text[s - 1])):
                        continue
                    if not covered(s, e):
                        print("WARN %s: surname %r of %r alone, not optional" % (where, last, p))
                        break


DOC = {
    "set": "sealed12: twelve invented issues (N° 1401-1412, février 2065 - octobre 2067) of the newsletter Résonances "
           "(Pôle ressources ville et développement social, Eaubonne). Evaluation set for a named-entity extractor. "
           "All people, local associations, companies and projects are invented; national bodies keep their real names.",
    "keys": "one key per file sealed12_XX.txt; value = list of articles in file order.",
    "title": "the article's title line: a prefix of exactly one line of the file. Lists without their own title "
             "(Mouvements, press reviews, agenda) use their rubric line (e.g. '< Mouvements >').",
    "article_text": "an article runs from its head (up to three non-blank lines directly above the title: rubric "
                    "line < ... >, commune or theme line) to the head of the next article; section lines "
                    "(L'actu du Pôle ressources, National / Régional, Ouest francilien (...), Ressources, Agenda, "
                    "Europe / International) and the issue header are outside articles.",
    "communes": "INSEE codes (COG, as in @etalab/decoupage-administratif data/communes.json) of communes cited as "
                "places in the article, commune line above the title included. A municipality acting as such (la ville "
                "de X, maire de X) is a place, not an organisation. Communes outside 78/92/95 only with textual "
                "support (département or region named, metropolis or city over 15,000 inhabitants).",
    "organisations": "list of [canonical form, other accepted forms...]; at least one form occurs verbatim in the "
                     "article. Any form counts as a correct match.",
    "people": "persons as written in the article (first name + name, no civility or function, capitals kept).",
    "optional": "strings or INSEE codes that count neither way: Eaubonne/95203, the newsletter title and the Pôle "
                "ressources header for the first article of each issue; mentions of the Pôle ressources in the "
                "first article and in the press-review rubric; the newsletter name in interview questions; "
                "'État' when the State is named generically (l'État); genuinely ambiguous cases.",
    "traps": "information only: strings that contain a commune name or look like a person/organisation but are "
             "not (streets, stations, quartiers, events, laws, foreign homonyms, ordinary words...).",
}

if __name__ == "__main__":
    probs = main()
    errs, stats = V.verify()
    sys.exit(1 if (probs or errs) else 0)
