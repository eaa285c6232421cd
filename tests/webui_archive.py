"""Real indexes for web UI tests: articles built in code, or the demo corpus read for real.

Both go through the indexer's own writer, so the views are tested over the real
SearchService, the same way `kb reindex` would have built the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from indexer.writer import FileEntry, open_generation, write_lock
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

SARCELLES = CommuneRef("95585", "Sarcelles", "95")
PERSAN = CommuneRef("95487", "Persan", "95")
MANTES = CommuneRef("78361", "Mantes-la-Jolie", "78")
NANTERRE = CommuneRef("92050", "Nanterre", "92")
SANTE = ThemeRef("sante", "Santé", "test")
EMPLOI = ThemeRef("emploi-economie", "Emploi et développement économique", "test")
CADRE = ThemeRef("cadre-de-vie", "Cadre de vie et renouvellement urbain", "test")

XSS_TEXT = "Texte piégé <script>alert('xss')</script> & <b>gras</b> sur la santé."


def make_article(issue: Issue, position: int, title: str, text: str, *, lead: str = "",
                 section: str | None = "Ouest francilien", kind: str | None = None,
                 pages: tuple[int, ...] = (1,), subheadings: tuple[str, ...] = ()) -> Article:
    return Article(
        id=f"{issue.id}-{position:02d}", issue=issue, position=position, section=section,
        kind=kind, kind_detail=None, heading=None, title=title, lead=lead, text=text,
        links=(), emails=(), contacts=(), pages=pages,
        source=f"corpus/{issue.id}.pdf", format=SourceFormat.PDF, subheadings=subheadings,
    )


def fixture_articles() -> list[EnrichedArticle]:
    n57 = Issue("resonances-n57", "Résonances n°57", 57, "2021-05",
                ("corpus/resonances-n57.pdf",))
    n58 = Issue("resonances-n58", "Résonances n°58", 58, "2021-10",
                ("corpus/resonances-n58.pdf",))
    articles = [
        EnrichedArticle(
            make_article(n57, 0, "La santé mentale des jeunes à Sarcelles",
                         "Premier paragraphe sur la santé mentale.\n\nUn intertitre\n\n"
                         "Le conseil local de santé mentale de Sarcelles réunit élus et soignants.",
                         lead="Un conseil local de santé mentale réunit les acteurs.",
                         kind="Séminaire des élu.e.s", pages=(3,),
                         subheadings=("Un intertitre",)),
            communes=(SARCELLES,), departements=("95",), themes=(SANTE,),
            organisations=(OrganisationRef("Psycom"),), people=(PersonRef("Claire Martin"),)),
        EnrichedArticle(
            make_article(n57, 1, "Emploi des jeunes au Village de Persan",
                         "Un forum emploi dans le quartier du Village.", pages=(4, 5)),
            communes=(PERSAN,), departements=("95",), themes=(EMPLOI,),
            quartiers=("95487|le Village",)),
        EnrichedArticle(
            make_article(n58, 0, "Un titre <script>alert('titre')</script>", XSS_TEXT,
                         section="National / Régional", pages=(2,)),
            communes=(SARCELLES, MANTES), departements=("78", "95"), themes=(CADRE, SANTE),
            organisations=(OrganisationRef("Org <img src=x onerror=alert(1)>"),)),
        EnrichedArticle(
            make_article(n58, 1, "Rénovation urbaine à Nanterre",
                         "Le projet de renouvellement urbain du Petit-Nanterre avance.",
                         pages=(6,)),
            communes=(NANTERRE,), departements=("92",), themes=(CADRE,)),
    ]
    for n in range(1, 24):
        issue = Issue(f"resonances-n{40 + n % 5}", f"Résonances n°{40 + n % 5}", 40 + n % 5,
                      f"{2015 + n % 5}-0{1 + n % 5}")
        articles.append(EnrichedArticle(
            make_article(issue, 10 + n, f"Val Fourré, chronique {n}",
                         f"Chronique numéro {n} du Val Fourré, emploi et insertion des jeunes.",
                         pages=(n % 8 + 1,)),
            communes=(MANTES,), departements=("78",),
            themes=(EMPLOI,) if n % 2 else (CADRE,)))
    return articles


def write_index(index_dir: Path, articles: Sequence[EnrichedArticle]) -> Path:
    """Index the articles, and list their source files in the manifest as `kb reindex`
    does (the web UI serves only the files listed there)."""
    with write_lock(index_dir), open_generation(index_dir, full=True) as writer:
        for enriched in articles:
            writer.add(enriched, enriched.article.issue.sources)
            issue = enriched.article.issue
            for path in issue.sources:
                entry = writer.manifest.files.setdefault(
                    path, FileEntry("0" * 64, issue.id, [], issue.number, issue.date))
                entry.article_ids.append(enriched.article.id)
    return index_dir


def index_corpus(corpus: Path, index_dir: Path) -> int:
    """Read, enrich and index a folder of issues the way `kb reindex` does."""
    from kb.enrich import enrich_all
    from kb.pipeline import read_paths

    read = [item for item in read_paths([corpus]) if hasattr(item, "articles")]
    articles = [article for item in read for article in item.articles]
    write_index(index_dir, enrich_all(articles))
    return len(articles)
