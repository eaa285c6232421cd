"""Build the enrichment vocabularies shipped in kb/data from ../shared/domain.

    .venv/bin/python -m tools.build_vocabularies [--domain ../shared/domain]

- kb/data/acronyms.tsv: acronyms.tsv + acronyms_extra.tsv merged (core rows win on a
  duplicate), with a `tier` column (core|extra) and `ambiguous` (yes when the note flags
  AMBIGU), so the run time never parses free-text notes.
- kb/data/themes.tsv: themes.tsv as is (id, label, parent, keywords, acronyms); from
  then on the documentalist edits the copy in kb/data, so this script refuses to
  overwrite an edited copy unless --force is given.

../shared is not on a user's machine: everything the product reads at run time is
written here, inside the package.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kb" / "data"
DEFAULT_DOMAIN = ROOT.parent / "shared" / "domain"

ACRONYM_COLUMNS = ("acronym", "expansion", "kind", "theme", "tier", "ambiguous", "note",
                   "organisation")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])


def merged_acronyms(domain: Path) -> list[dict[str, str]]:
    seen: set[str] = set()
    rows: list[dict[str, str]] = []
    for tier, name in (("core", "acronyms.tsv"), ("extra", "acronyms_extra.tsv")):
        for row in read_tsv(domain / name):
            acronym = row["acronym"].strip()
            if not acronym or acronym in seen:
                continue
            seen.add(acronym)
            note = row.get("note", "").strip()
            rows.append({
                "acronym": acronym,
                "expansion": row["expansion"].strip(),
                "kind": row["kind"].strip(),
                "theme": row.get("theme", "").strip(),
                "tier": tier,
                "ambiguous": "yes" if "AMBIGU" in note else "",
                "note": note,
            })
    return rows


def link_to_authority(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The glossary's organisations point at their entry of kb/data/authority (same acronym,
    or same expansion once folded), so a sigle and its body are one thing."""
    from kb.nlp import fold

    authority = read_tsv(DATA / "authority" / "organisations.tsv")
    by_key: dict[str, str] = {}
    for entry in authority:
        for acronym in filter(None, entry["acronyms"].split("|")):
            by_key.setdefault(acronym, entry["id"])
        for name in filter(None, [entry["name"], *entry["aliases"].split("|")]):
            by_key.setdefault(fold(name), entry["id"])
    for row in rows:
        if row["kind"] == "organisation":
            row["organisation"] = by_key.get(row["acronym"]) or by_key.get(
                fold(row["expansion"]), "")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", type=Path, default=DEFAULT_DOMAIN)
    parser.add_argument("--force", action="store_true", help="overwrite an edited themes.tsv")
    args = parser.parse_args(argv)
    if not args.domain.is_dir():
        print(f"no domain folder at {args.domain}", file=sys.stderr)
        return 1
    DATA.mkdir(parents=True, exist_ok=True)

    acronyms = link_to_authority(merged_acronyms(args.domain))
    write_tsv(DATA / "acronyms.tsv", ACRONYM_COLUMNS, acronyms)
    print(f"kb/data/acronyms.tsv: {len(acronyms)} acronyms")

    source = (args.domain / "themes.tsv").read_text(encoding="utf-8")
    target = DATA / "themes.tsv"
    if target.exists() and target.read_text(encoding="utf-8") != source and not args.force:
        print("kb/data/themes.tsv differs from the domain file (edited?): kept; --force to replace")
    else:
        target.write_text(source, encoding="utf-8")
        print(f"kb/data/themes.tsv: {len(source.splitlines()) - 1} themes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
