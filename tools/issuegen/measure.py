"""How well a segmentation recovers an issue spec's articles.

An expected article (`IssueSpec.articles()`) counts as *found whole* when an article
has its title (compared folded: case, accents, apostrophes), its section, all its body
paragraphs (its items for a list rubric) and no paragraph of another article. The
sidebar box stands apart from the sections, so its section is not checked.
"""

from __future__ import annotations

from kb.models import Article
from kb.textclean import fold
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec


def body_of(article: ArticleSpec) -> list[str]:
    pieces = article.items if article.is_list else [
        paragraph for paragraph in article.paragraphs if not paragraph.startswith("## ")
    ] + article.items
    return [fold(piece) for piece in pieces]


def found_whole(expected: tuple[SectionSpec, ArticleSpec], candidates: list[Article],
                spec: IssueSpec) -> str | None:
    """None when the article was found whole, else why not (in French, for test output)."""
    section, article = expected
    matches = [a for a in candidates if fold(a.title) == fold(article.title)]
    if not matches:
        return "titre introuvable"
    found = matches[0]
    candidates.remove(found)
    if article is not spec.sidebar and fold(found.section or "") != fold(section.name):
        return f"rubrique {found.section!r} au lieu de {section.name!r}"
    body = fold(f"{found.lead} {found.text}")
    missing = [piece for piece in body_of(article) if piece not in body]
    if missing:
        return f"paragraphe manquant : {missing[0][:60]}"
    for _, other in spec.articles():
        if other is article:
            continue
        intruders = [p for p in body_of(other) if len(p) > 30 and p in body]
        if intruders:
            return f"contient un paragraphe de « {other.title} »"
    return None


def measure(spec: IssueSpec, articles: list[Article]) -> tuple[int, list[str]]:
    """(articles found whole, one line per article that was not)."""
    candidates = list(articles)
    failures = []
    whole = 0
    for expected in spec.articles():
        problem = found_whole(expected, candidates, spec)
        if problem is None:
            whole += 1
        else:
            failures.append(f"{expected[1].title[:50]} : {problem}")
    return whole, failures
