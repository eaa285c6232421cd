"""Articles as plain JSON-ready dicts: the one mapping used by `kb export`."""

from __future__ import annotations

from typing import Any

from kb.models import Article, EnrichedArticle


def article_record(item: Article | EnrichedArticle) -> dict[str, Any]:
    enriched = item if isinstance(item, EnrichedArticle) else EnrichedArticle(article=item)
    article = enriched.article
    return {
        "id": article.id,
        "issue": {
            "id": article.issue.id,
            "number": article.issue.number,
            "date": article.issue.date,
            "title": article.issue.title,
        },
        "source": article.source,
        "format": str(article.format),
        "pages": list(article.pages),
        "position": article.position,
        "section": article.section,
        "kind": article.kind,
        "kind_detail": article.kind_detail,
        "heading": article.heading,
        "title": article.title,
        "lead": article.lead,
        "text": article.text,
        "subheadings": list(article.subheadings),
        "items": list(article.items),
        "links": list(article.links),
        "emails": list(article.emails),
        "contacts": list(article.contacts),
        "communes": [
            {"name": c.name, "insee": c.insee, "departement": c.departement, "epci": c.epci}
            for c in enriched.communes
        ],
        "departements": list(enriched.departements),
        "quartiers": list(enriched.quartiers),
        "organisations": [
            {"name": o.name, "acronym": o.acronym} for o in enriched.organisations
        ],
        "people": [
            {
                "name": p.name,
                "role": p.role,
                "communes": list(p.communes),
                "organisation": p.organisation,
                "email": p.email,
            }
            for p in enriched.people
        ],
        "themes": [{"id": t.id, "label": t.label, "reason": t.reason} for t in enriched.themes],
    }
