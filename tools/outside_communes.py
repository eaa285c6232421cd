"""The communes outside 78/92/95 the enrichment links and a labelled set does not hold,
with the text around each mention, for a verifier who judges whether the text supports
them (the issue's bar: no commune outside the territory without textual support).

    python -m tools.outside_communes tests/sealed/entities_v12 > outside.json

Hand the JSON to a verifier who reads nothing else and writes no rule; on a sealed set,
ask for verdicts only, so that its errors stay unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def outside_communes(folder: Path) -> list[dict]:
    from kb.enrich import Enricher, article_text
    from kb.gazetteer import COVERED_DEPARTEMENTS
    from tools.eval_entities import labelled_articles

    found = [(where, gold, article) for where, gold, article in labelled_articles(folder)
             if article is not None]
    enriched = Enricher.create().enrich([article for _, _, article in found])
    cases = []
    for (where, gold, article), item in zip(found, enriched, strict=True):
        allowed = set(gold["communes"]) | {o for o in gold.get("optional", [])
                                           if isinstance(o, str)}
        text = article_text(article)
        for commune in item.communes:
            if commune.departement in COVERED_DEPARTEMENTS or commune.insee in allowed:
                continue
            mentions = [m for m in item.mentions
                        if m.label == "COMMUNE" and m.ref == commune.insee]
            cases.append({
                "where": where, "insee": commune.insee, "name": commune.name,
                "departement": commune.departement, "mentions": [m.text for m in mentions],
                "contexts": [text[max(0, m.start - 300):m.end + 300] for m in mentions]})
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    json.dump(outside_communes(args.folder), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
