"""A small real index for web UI view tests, built in code.

The articles are kb model objects written by the indexer's own writer (through
tests/webui_archive.write_index), and the views read them through the real
SearchService: no stand-in re-implements the engine. `SpySearchService` only records the
queries the views give it, for tests that check how a URL became a Query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from indexer.api import Query, SearchPage
from indexer.search import SearchService
from kb.models import (
    Article,
    CommuneRef,
    EnrichedArticle,
    Issue,
    OrganisationRef,
    PersonRef,
    SourceFormat,
    ThemeRef,
)
from tests.webui_archive import (  # the same communes and themes as the demo archive
    CADRE,
    EMPLOI,
    MANTES,
    NANTERRE,
    PERSAN,
    SANTE,
    SARCELLES,
    write_index,
)

BEZONS = CommuneRef("95063", "Bezons", "95")


def article(
    article_id: str,
    title: str,
    *,
    number: int,
    date: str,
    text: str,
    communes: Sequence[CommuneRef] = (),
    themes: Sequence[ThemeRef] = (),
    section: str | None = "Ouest francilien",
    kind: str | None = None,
    pages: tuple[int, ...] = (1,),
    organisations: Sequence[str] = (),
    people: Sequence[str] = (),
    source: str = "corpus/resonances-n{n}.pdf",
    quartiers: Sequence[str] = (),
    subheadings: tuple[str, ...] = (),
    items: tuple[str, ...] = (),
    position: int = 0,
    lead: str = "",
) -> EnrichedArticle:
    """One enriched article of issue n°`number` (its sources are set by `build_index`)."""
    issue = Issue(f"resonances-n{number}", f"Résonances n°{number}", number, date)
    return EnrichedArticle(
        Article(
            id=article_id, issue=issue, position=position, section=section, kind=kind,
            kind_detail=None, heading=None, title=title, lead=lead, text=text, links=(),
            emails=(), contacts=(), pages=pages, source=source.format(n=number),
            format=SourceFormat.PDF, subheadings=subheadings, items=items,
        ),
        communes=tuple(communes),
        departements=tuple(sorted({c.departement for c in communes})),
        quartiers=tuple(quartiers),
        organisations=tuple(OrganisationRef(o) for o in organisations),
        people=tuple(PersonRef(p) for p in people),
        themes=tuple(themes),
    )


def demo_articles() -> list[EnrichedArticle]:
    articles = [
        article(
            "a-sante-sarcelles",
            "La santé mentale des jeunes à Sarcelles",
            number=57,
            date="2021-05",
            pages=(3,),
            communes=(SARCELLES,),
            themes=(SANTE,),
            lead="Un conseil local de santé mentale réunit les acteurs.",
            text="Premier paragraphe sur la santé mentale.\n\nUn intertitre\n\n"
            "Le conseil local de santé mentale de Sarcelles rassemble élus et soignants.",
            subheadings=("Un intertitre",),
            organisations=("Psycom",),
            people=("Claire Martin",),
            kind="Séminaire des élu.e.s",
            position=0,
        ),
        article(
            "a-emploi-persan",
            "Emploi des jeunes au Village de Persan",
            number=57,
            date="2021-05",
            pages=(4, 5),
            communes=(PERSAN,),
            themes=(EMPLOI,),
            text="Un forum emploi dans le quartier du Village.",
            quartiers=("Persan / le Village",),
            position=1,
        ),
        article(
            "a-xss",
            "Un titre <script>alert('titre')</script>",
            number=58,
            date="2021-09-15",
            pages=(2,),
            communes=(SARCELLES, MANTES),
            themes=(CADRE,),
            text="Texte piégé <script>alert('xss')</script> & <b>gras</b> santé.",
            organisations=("Org <img src=x onerror=alert(1)>",),
            people=('=HYPERLINK("http://evil")',),
            section="National / Régional",
            position=0,
        ),
        article(
            "a-nanterre",
            "Rénovation urbaine à Nanterre",
            number=58,
            date="2021-09-15",
            pages=(6,),
            communes=(NANTERRE,),
            themes=(CADRE,),
            text="Le projet de renouvellement urbain du Petit-Nanterre avance.",
            position=1,
        ),
    ]
    # Enough Mantes articles to need paging (per_page 10 in the app).
    for n in range(1, 24):
        articles.append(
            article(
                f"a-mantes-{n:02d}",
                f"Val Fourré, chronique {n}",
                number=40 + n % 5,
                date=f"{2015 + n % 6}-0{1 + n % 9}",
                pages=(n % 8 + 1,),
                communes=(MANTES,),
                themes=(EMPLOI,) if n % 2 else (CADRE,),
                text=f"Chronique numéro {n} du Val Fourré.",
                section="Ouest francilien",
                position=10 + n,
            )
        )
    return articles


def changed(articles: Iterable[EnrichedArticle], article_id: str, **fields
            ) -> list[EnrichedArticle]:
    """The articles, with fields of one Article (or of its EnrichedArticle) changed."""
    out = []
    for enriched in articles:
        if enriched.article.id == article_id:
            own = {k: v for k, v in fields.items() if hasattr(enriched.article, k)
                   and k not in ("communes", "organisations", "people", "themes")}
            rest = {k: v for k, v in fields.items() if k not in own}
            enriched = replace(enriched, article=replace(enriched.article, **own), **rest)
        out.append(enriched)
    return out


def build_index(index_dir: Path, articles: Sequence[EnrichedArticle]) -> Path:
    """Write the articles with the real writer. Each issue lists, as its files, the
    sources its articles come from (what `kb reindex` records in the manifest)."""
    sources: dict[str, list[str]] = {}
    for enriched in articles:
        found = sources.setdefault(enriched.article.issue.id, [])
        if enriched.article.source not in found:
            found.append(enriched.article.source)
    ready = [replace(e, article=replace(e.article, issue=replace(
        e.article.issue, sources=tuple(sources[e.article.issue.id])))) for e in articles]
    return write_index(index_dir, ready)


class SpySearchService(SearchService):
    """The real SearchService, keeping the Query of each search the views make."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(index_dir)
        self.queries: list[Query] = []

    def search(self, query: Query) -> SearchPage:
        self.queries.append(query)
        return super().search(query)
