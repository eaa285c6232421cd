"""Did the segmenter find the spec's articles? A metric that knows no toolchain.

Text is compared as multisets of words of `kb.textclean.fold` (case, accents,
apostrophes, dashes and inclusive-writing dots folded; punctuation dropped), so line
breaks, hyphen-free reflowing, capitals set by CSS and markup never matter, while a
paragraph lost, cut in two or glued to another article does. Words rather than
character n-grams because a share of words is what a person checks by eye, and the
80 %/20 % thresholds leave room for the odd word a PDF splits at a line end.

A gold article is FOUND when one output article (each used once):
  * holds at least 80 % of the gold body's words (the body: its paragraphs without the
    "## " intertitles, or its items for a list rubric) — order-insensitive multiset
    overlap: |gold ∩ output| / |gold|;
  * and at most 20 % of the output body's words (lead + text) are foreign: not printed by
    this gold article anywhere (title, marker, theme line, body, intertitles, caption,
    pull quote, links, "En savoir plus"/"Contact" lines, jump title). Foreign words are
    counted as a multiset too: a second article glued on is foreign even where it
    shares common words with the first.
The label phrases renderers put around links and pictures ("Lire la suite", "Plus
d'infos", "Lien", "Photo", "https"…: `LABELS`) are dropped from every text, gold and
output alike, before counting: they are neither this article's words nor another's.
An article whose gold body is empty (title and links only) is found by an output
article with its exact folded title and no more than 20 % foreign text.

precision = found / output articles, recall = found / gold articles, F1 their harmonic
mean. The editorial, printed under "Édito" and read as an article of its own by the
segmenter (as tests/test_corpus.py expects), is a gold article titled "Édito".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.models import Article
from kb.textclean import fold
from tools.issuegen.render_text import article_lines
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

MIN_COVERAGE = 0.8
MAX_FOREIGN = 0.2
# Folded label phrases, longest first so "pour en savoir plus" goes whole.
LABELS = (
    "pour en savoir plus", "en savoir plus", "plus d informations", "plus d infos",
    "lire la suite", "voir le site", "site internet", "cliquez ici", "credit photo",
    "telecharger", "contacts", "contact", "liens", "lien", "photo", "https", "http", "www",
    "mailto",
)
_LABELS_RE = re.compile(r"\b(?:" + "|".join(re.escape(label) for label in LABELS) + r")\b")


def words(text: str) -> Counter[str]:
    """The multiset of folded words of `text`, label phrases left out."""
    return Counter(_LABELS_RE.sub(" ", fold(text)).split())


def size(bag: Counter[str]) -> int:
    return sum(bag.values())


@dataclass(frozen=True)
class GoldArticle:
    """A spec article as the metric sees it."""

    title: str
    section: str
    body: Counter[str]  # what must be found
    own: Counter[str]  # everything it prints: never foreign in its output article


def gold_article(section: SectionSpec, article: ArticleSpec) -> GoldArticle:
    pieces = article.items if article.is_list else [
        paragraph for paragraph in article.paragraphs if not paragraph.startswith("## ")
    ] + article.items
    printed = [*article_lines(article, title_case="as_written"), article.title]
    printed += [text for text in (article.picture, article.pull_quote, article.continued_title,
                                  article.more, article.contact) if text]
    return GoldArticle(article.title, section.name, words(" ".join(pieces)),
                       words(" ".join(printed)))


def gold_articles(spec: IssueSpec) -> list[GoldArticle]:
    """`IssueSpec.articles()` in order, the editorial first when the spec has one."""
    gold = [gold_article(section, article) for section, article in spec.articles()]
    if spec.editorial:
        editorial = ArticleSpec(title="Édito", paragraphs=[spec.editorial])
        gold.insert(0, gold_article(SectionSpec("Édito", [editorial]), editorial))
    return gold


def output_body(article: Article) -> Counter[str]:
    """What the article holds: its text and its contact lines (kept apart in the model,
    shown with the article), so a 'Contact :' paragraph counts where it landed."""
    return words(" ".join([article.lead, article.text, *article.contacts]))


@dataclass(frozen=True)
class Overlap:
    coverage: float  # share of the gold body found in the output body
    foreign: float  # share of the output body not from the gold article

    @property
    def found(self) -> bool:
        return self.coverage >= MIN_COVERAGE and self.foreign <= MAX_FOREIGN


def overlap(gold: GoldArticle, title: str, body: Counter[str]) -> Overlap:
    total = size(body)
    foreign = size(body - gold.own) / total if total else 0.0
    if not gold.body:
        return Overlap(1.0 if fold(title) == fold(gold.title) else 0.0, foreign)
    return Overlap(size(gold.body & body) / size(gold.body), foreign)


@dataclass(frozen=True)
class Match:
    """One gold article and the output article it was matched with (or its best
    candidate, for diagnostics, when it was not found)."""

    gold: int
    output: int | None
    found: bool
    coverage: float
    foreign: float
    exact_title: bool
    output_title: str | None


@dataclass
class ArticleScore:
    gold: int
    output: int
    found: int
    exact_titles: int
    matches: list[Match] = field(default_factory=list)
    section_titles: list[str] = field(default_factory=list)  # output titles = a section name

    @property
    def precision(self) -> float:
        return self.found / self.output if self.output else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_title_share(self) -> float:
        return self.exact_titles / self.gold if self.gold else 0.0


def score_articles(gold: list[GoldArticle], outputs: list[Article],
                   section_names: Sequence[str] = ()) -> ArticleScore:
    """Match gold to output articles one to one, best coverage first."""
    bodies = [output_body(article) for article in outputs]
    table = [[overlap(g, article.title, body) for article, body in zip(outputs, bodies,
                                                                        strict=True)]
             for g in gold]
    pairs = sorted(
        ((-cell.coverage, cell.foreign, gi, oi) for gi, row in enumerate(table)
         for oi, cell in enumerate(row) if cell.found),
    )
    taken_gold: dict[int, int] = {}
    taken_output: set[int] = set()
    for _, _, gi, oi in pairs:
        if gi not in taken_gold and oi not in taken_output:
            taken_gold[gi] = oi
            taken_output.add(oi)
    matches = []
    for gi, g in enumerate(gold):
        oi = taken_gold.get(gi)
        if oi is None and table[gi]:
            best = max(range(len(outputs)), key=lambda i: (table[gi][i].coverage,
                                                           -table[gi][i].foreign))
        else:
            best = oi
        cell = table[gi][best] if best is not None else Overlap(0.0, 0.0)
        title = outputs[best].title if best is not None else None
        exact = oi is not None and fold(outputs[oi].title) == fold(g.title)
        matches.append(Match(gi, best, oi is not None, round(cell.coverage, 3),
                             round(cell.foreign, 3), exact, title))
    gold_titles = {fold(g.title) for g in gold}
    sections = {fold(name) for name in section_names} - gold_titles
    return ArticleScore(
        gold=len(gold), output=len(outputs), found=len(taken_gold),
        exact_titles=sum(match.exact_title for match in matches), matches=matches,
        section_titles=[a.title for a in outputs if fold(a.title) in sections],
    )
