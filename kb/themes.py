"""Themes from the controlled vocabulary kb/data/themes.tsv (documentalist-editable).

An article gets:
- the theme its heading line names (`Développement économique`, `Crise sanitaire`),
  reason "rubrique : <heading>"; when a heading is a keyword of a parent and of one of
  its children, the child wins (it is the more precise facet);
- the themes its text supports: keyword phrases matched on folded words (lower case,
  no accents, inclusive forms joined, a final s/x dropped so plurals match), acronyms
  matched in capitals as whole words. A theme is
  kept with at least 2 distinct keywords, or one phrase hit twice (a single word
  three times), or one title hit; background phrases of the whole newsletter
  ("politique de la ville", "quartiers populaires"…) never count towards that.
  Reason: "mots-clés : santé mentale ×3, psychiatrie".
- the parent of every theme it got (reason "thème parent de <label>"), so browsing a
  pillar such as *Cohésion sociale* finds its children's articles.

Deterministic: same article, same vocabulary → same themes, in vocabulary order.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kb.models import ThemeRef
from kb.nlp import fold

TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_DISTINCT_KEYWORDS = 2
# Phrases nearly every article of a politique-de-la-ville newsletter uses: they are
# listed in a theme's reason but cannot on their own make the article about the theme.
BACKGROUND_KEYWORDS = frozenset({
    "politique de la ville", "quartier prioritaire", "quartiers prioritaires",
    "quartiers populaires",
})


def stem(token: str) -> str:
    """Plural folding only: enough for keyword lists written in the singular or plural."""
    if len(token) > 3 and token[-1] in "sx" and not token.endswith("ss"):
        return token[:-1]
    return token


def words(text: str) -> list[str]:
    return [stem(t) for t in TOKEN_RE.findall(fold(text).replace("'", " "))]


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    parent: str | None
    keywords: tuple[str, ...]
    acronyms: tuple[str, ...]


@dataclass
class ThemeVocabulary:
    themes: dict[str, Theme]
    # stemmed word tuple → theme ids having that keyword, with its printed form
    phrases: dict[tuple[str, ...], list[tuple[str, str]]] = field(init=False)
    acronym_themes: dict[str, list[str]] = field(init=False)
    max_phrase: int = field(init=False)

    def __post_init__(self) -> None:
        self.phrases = {}
        self.acronym_themes = {}
        for theme in self.themes.values():
            for keyword in theme.keywords:
                key = tuple(words(keyword))
                if key:
                    self.phrases.setdefault(key, []).append((theme.id, keyword))
            for acronym in theme.acronyms:
                self.acronym_themes.setdefault(acronym, []).append(theme.id)
        self.max_phrase = max((len(k) for k in self.phrases), default=1)
        self._acronym_re = re.compile(
            r"(?<![\w+-])(" + "|".join(
                re.escape(a) for a in sorted(self.acronym_themes, key=len, reverse=True))
            + r")(?![\w+-]|\+)"
        ) if self.acronym_themes else None

    def folded_phrases(self) -> frozenset[str]:
        """Every keyword and label, folded: spans naming a theme are not organisations."""
        return frozenset(
            [" ".join(key) for key in self.phrases]
            + [fold(k) for t in self.themes.values() for k in t.keywords]
            + [fold(t.label) for t in self.themes.values()]
        )

    def keyword_hits(self, text: str) -> Counter[tuple[str, str]]:
        """(theme id, keyword) → occurrences; longest phrase wins at each position."""
        tokens = words(text)
        hits: Counter[tuple[str, str]] = Counter()
        position = 0
        while position < len(tokens):
            for size in range(min(self.max_phrase, len(tokens) - position), 0, -1):
                key = tuple(tokens[position:position + size])
                if key in self.phrases:
                    for theme_id, keyword in self.phrases[key]:
                        hits[(theme_id, keyword)] += 1
                    position += size
                    break
            else:
                position += 1
        if self._acronym_re:
            for match in self._acronym_re.finditer(text):
                for theme_id in self.acronym_themes[match.group(1)]:
                    hits[(theme_id, match.group(1))] += 1
        return hits

    def heading_theme(self, heading: str | None) -> Theme | None:
        if not heading:
            return None
        key = tuple(words(heading))
        if not key:
            return None
        for theme in self.themes.values():
            if tuple(words(theme.label)) == key:
                return theme
        candidates = [self.themes[t] for t, _ in self.phrases.get(key, [])]
        if not candidates:
            return None
        # A child theme is more precise than its parent for the same phrase.
        children = [t for t in candidates if t.parent]
        return (children or candidates)[0]

    def themes_of(self, *, heading: str | None, title: str, body: str) -> list[ThemeRef]:
        reasons: dict[str, str] = {}
        by_heading = self.heading_theme(heading)
        if by_heading:
            reasons[by_heading.id] = f"rubrique : {heading}"

        title_hits = self.keyword_hits(title)
        body_hits = self.keyword_hits(body)
        per_theme: dict[str, Counter[str]] = {}
        in_title: dict[str, set[str]] = {}
        for (theme_id, keyword), count in (title_hits + body_hits).items():
            per_theme.setdefault(theme_id, Counter())[keyword] += count
        for theme_id, keyword in title_hits:
            in_title.setdefault(theme_id, set()).add(keyword)
        for theme_id, counts in per_theme.items():
            if theme_id in reasons:
                continue
            evidence = {k: n for k, n in counts.items() if k not in BACKGROUND_KEYWORDS}
            supported = bool(evidence) and (
                len(evidence) >= MIN_DISTINCT_KEYWORDS
                or any(n >= (2 if " " in k else 3) for k, n in evidence.items())
                or bool(in_title.get(theme_id, set()) - BACKGROUND_KEYWORDS)
            )
            if supported:
                ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                listed = ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in ranked)
                reasons[theme_id] = f"mots-clés : {listed}"

        for theme_id in list(reasons):
            parent = self.themes[theme_id].parent
            if parent and parent in self.themes and parent not in reasons:
                reasons[parent] = f"thème parent de {self.themes[theme_id].label}"

        return [ThemeRef(t.id, t.label, reasons[t.id]) for t in self.themes.values()
                if t.id in reasons]


def parse_themes(text: str) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        themes[row["id"]] = Theme(
            id=row["id"],
            label=row["label"],
            parent=row["parent"] or None,
            keywords=tuple(k.strip() for k in row["keywords"].split(";") if k.strip()),
            acronyms=tuple(a.strip() for a in (row.get("acronyms") or "").split(";")
                           if a.strip()),
        )
    return themes


@lru_cache(maxsize=4)
def load_themes(path: str | None = None) -> ThemeVocabulary:
    """The shipped vocabulary, or a documentalist's copy at `path`."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("kb").joinpath("data", "themes.tsv").read_text(encoding="utf-8")
    return ThemeVocabulary(parse_themes(text))
