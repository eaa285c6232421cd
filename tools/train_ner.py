"""Fine-tune fr_core_news_sm's NER on our labelled dev text with `spacy train` (CPU).

    python -m tools.train_ner OUT [--hold-out dev_f dev_g] [--ship]

The training text is what the enrichment feeds the model (kb.enrich.Enricher.prepare:
the article's text, masked); its entities are

- gold ORG and PER: every occurrence of a labelled organisation form or person name in
  the dev sets' `labels.json` (tests/data_dev, tests/data_eval), read from the raw files
  through the segmenter like tools.eval_entities;
- silver LOC and MISC: what the stock model finds elsewhere, so fine-tuning does not
  forget places (the place linker reads LOC spans as evidence);
- nothing else: an ORG or PER of the stock model that no label names is a negative.

Sealed sets are never read. `--hold-out` keeps files whose name starts so out of the
training data (they become the dev corpus), to measure what the fine-tuning does on
text it did not see; `--ship` copies the trained `ner` component into kb/data/ner/,
which kb.nlp loads over the stock one.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

from kb.nlp import EXCLUDED_COMPONENTS, MODEL, fold_keep_length

LABELLED = (Path("tests/data_dev"), Path("tests/data_eval"))
SHIPPED = Path("kb/data/ner")

CONFIG = """
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "fr"
pipeline = ["ner"]
batch_size = 64

[components]

[components.ner]
source = "{model}"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}

[training]
seed = ${{system.seed}}
dropout = 0.2
accumulate_gradient = 1
patience = 1000
max_epochs = {epochs}
max_steps = 0
eval_frequency = 100
frozen_components = []
annotating_components = []
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
size = 2000

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.0005

[training.score_weights]
ents_f = 1.0

[initialize]

[initialize.before_init]
@callbacks = "spacy.copy_from_base_model.v1"
tokenizer = "{model}"
vocab = "{model}"
"""


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Where a labelled form stands in the text as whole words: case and accents aside for
    a name of two words or six letters and more, exactly for a short one ("Caf", "PRE")."""
    form = form.replace("’", "'").strip()
    if not form:
        return []
    loose = " " in form or len(form) >= 6
    haystack, needle = (fold_keep_length(text), fold_keep_length(form)) if loose else (text, form)
    pattern = re.compile(r"(?<!\w)" + re.escape(needle).replace(r"\ ", r"\s+") + r"(?!\w)")
    return [m.span() for m in pattern.finditer(haystack)]


def training_docs(hold_out: tuple[str, ...]):
    """(train docs, held-out docs) built from the labelled dev folders."""
    import spacy
    from spacy.util import filter_spans

    from kb.enrich import Enricher
    from tools.eval_entities import labelled_articles

    enricher = Enricher.create()
    stock = spacy.load(MODEL, exclude=list(EXCLUDED_COMPONENTS))
    train, held = [], []
    for folder in LABELLED:
        for where, gold, article in labelled_articles(folder):
            if article is None:
                continue
            text = enricher.prepare(article).text
            doc = stock(text)
            silver = [e for e in doc.ents if e.label_ in ("LOC", "MISC")]
            spans = []
            for label, forms in [("ORG", forms) for forms in gold["organisations"]] + [
                    ("PER", [name]) for name in gold["people"]]:
                for form in forms:
                    for start, end in _occurrences(text, form):
                        span = doc.char_span(start, end, label=label, alignment_mode="expand")
                        if span is not None:
                            spans.append(span)
            gold_spans = filter_spans(spans)
            taken = {i for span in gold_spans for i in range(span.start, span.end)}
            kept = [s for s in silver if not taken & set(range(s.start, s.end))]
            doc.ents = filter_spans(gold_spans + kept)
            name = where.split(":", 1)[0]
            (held if name.startswith(hold_out) and hold_out else train).append(doc)
    return train, held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--hold-out", nargs="*", default=[],
                        help="file name prefixes kept out of training (dev corpus)")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--ship", action="store_true", help="copy the NER into kb/data/ner")
    args = parser.parse_args(argv)

    from spacy.cli.init_config import fill_config
    from spacy.cli.train import train
    from spacy.tokens import DocBin

    train_docs, held_docs = training_docs(tuple(args.hold_out))
    # Without a held-out set, spaCy still wants a dev corpus: every tenth document.
    dev_docs = held_docs or train_docs[::10]
    args.out.mkdir(parents=True, exist_ok=True)
    DocBin(docs=train_docs).to_disk(args.out / "train.spacy")
    DocBin(docs=dev_docs).to_disk(args.out / "dev.spacy")
    config = args.out / "config.cfg"
    base = args.out / "base.cfg"
    base.write_text(CONFIG.format(model=MODEL, epochs=args.epochs), encoding="utf-8")
    fill_config(config, base)  # spaCy's defaults for every setting not written above
    print(f"{len(train_docs)} training articles, {len(dev_docs)} dev articles", file=sys.stderr)
    train(config, args.out / "model", overrides={
        "paths.train": str(args.out / "train.spacy"), "paths.dev": str(args.out / "dev.spacy")})
    if args.ship:
        if SHIPPED.exists():
            shutil.rmtree(SHIPPED)
        shutil.copytree(args.out / "model" / "model-last" / "ner", SHIPPED)
        print(f"shipped {SHIPPED}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
