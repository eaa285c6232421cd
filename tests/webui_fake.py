"""An in-memory stand-in for indexer.search.SearchService, for web UI view tests.

It implements the same methods over a few article records (the JSON the real index
stores) with naive matching, so view tests do not depend on the engine's ranking.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from typing import Any

from indexer.api import FACETS, FacetValue, Hit, Query, SearchPage

DEPARTEMENT_NAMES = {"78": "Yvelines", "92": "Hauts-de-Seine", "95": "Val-d'Oise"}


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn"
    )


def record(
    article_id: str,
    title: str,
    *,
    number: int,
    date: str,
    text: str,
    communes=(),
    themes=(),
    section="Ouest francilien",
    kind=None,
    pages=(1,),
    organisations=(),
    people=(),
    source="corpus/resonances-n{n}.pdf",
    quartiers=(),
    subheadings=(),
    position=0,
    lead="",
) -> dict[str, Any]:
    return {
        "id": article_id,
        "issue": {
            "id": f"resonances-n{number}",
            "number": number,
            "date": date,
            "title": f"Résonances n°{number}",
        },
        "source": source.format(n=number),
        "format": "pdf",
        "pages": list(pages),
        "position": position,
        "section": section,
        "kind": kind,
        "kind_detail": None,
        "heading": None,
        "title": title,
        "lead": lead,
        "text": text,
        "subheadings": list(subheadings),
        "links": [],
        "emails": [],
        "contacts": [],
        "communes": [
            {"insee": i, "name": n, "departement": i[:2], "epci": None} for i, n in communes
        ],
        "departements": sorted({i[:2] for i, _ in communes}),
        "quartiers": list(quartiers),
        "organisations": [{"name": o, "acronym": None} for o in organisations],
        "people": [
            {"name": p, "role": None, "communes": [], "organisation": None, "email": None}
            for p in people
        ],
        "themes": [{"id": t, "label": label, "reason": "test"} for t, label in themes],
    }


SANTE = ("sante", "Santé")
EMPLOI = ("emploi-economie", "Emploi et développement économique")
CADRE = ("cadre-de-vie", "Cadre de vie et renouvellement urbain")
SARCELLES = ("95585", "Sarcelles")
PERSAN = ("95487", "Persan")
MANTES = ("78361", "Mantes-la-Jolie")
NANTERRE = ("92050", "Nanterre")


def demo_records() -> list[dict[str, Any]]:
    records = [
        record(
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
        record(
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
        record(
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
        record(
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
        records.append(
            record(
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
    return records


class FakeSearchService:
    def __init__(self, records: list[dict[str, Any]] | None = None) -> None:
        self.records = {r["id"]: r for r in (records if records is not None else demo_records())}
        self.queries: list[Query] = []

    # -- values of one record per facet -------------------------------------------------
    @staticmethod
    def values(rec: dict[str, Any], facet: str) -> list[tuple[str, str]]:
        if facet == "theme":
            return [(t["id"], t["label"]) for t in rec["themes"]]
        if facet == "commune":
            return [(c["insee"], f"{c['name']} ({c['departement']})") for c in rec["communes"]]
        if facet == "departement":
            return [(d, DEPARTEMENT_NAMES.get(d, d)) for d in rec["departements"]]
        if facet == "quartier":
            return [(q, q) for q in rec["quartiers"]]
        if facet == "year":
            return [(rec["issue"]["date"][:4], rec["issue"]["date"][:4])]
        if facet == "section":
            return [(rec["section"], rec["section"])] if rec["section"] else []
        if facet == "kind":
            return [(rec["kind"], rec["kind"])] if rec["kind"] else []
        if facet == "issue":
            return [(rec["issue"]["id"], rec["issue"]["title"])]
        if facet == "organisation":
            return [(o["name"], o["name"]) for o in rec["organisations"]]
        if facet == "person":
            return [(p["name"], p["name"]) for p in rec["people"]]
        raise KeyError(facet)

    def hit(self, rec: dict[str, Any], terms: list[str]) -> Hit:
        body = " ".join(p for p in (rec["lead"], rec["text"]) if p)[:240]
        snippet = html.escape(body)
        for term in terms:
            snippet = re.sub(
                f"({re.escape(html.escape(term))})",
                r"<mark>\1</mark>",
                snippet,
                flags=re.IGNORECASE,
            )
        return Hit(
            id=rec["id"],
            title=rec["title"],
            issue_id=rec["issue"]["id"],
            issue_number=rec["issue"]["number"],
            date=rec["issue"]["date"],
            section=rec["section"],
            kind=rec["kind"],
            heading=rec["heading"],
            pages=tuple(rec["pages"]),
            source=rec["source"],
            score=1.0,
            snippet_html=snippet,
            communes=tuple((c["insee"], c["name"]) for c in rec["communes"]),
            themes=tuple((t["id"], t["label"]) for t in rec["themes"]),
        )

    def _matches(self, rec, terms, filters, skip_facet=None) -> bool:
        haystack = fold(" ".join((rec["title"], rec["lead"], rec["text"])))
        if any(fold(t) not in haystack for t in terms):
            return False
        for facet, wanted in filters.items():
            if facet == skip_facet:
                continue
            if not {v for v, _ in self.values(rec, facet)} & set(wanted):
                return False
        return True

    # -- the SearchService interface ----------------------------------------------------
    def search(self, query: Query) -> SearchPage:
        self.queries.append(query)
        unknown = set(query.filters) - set(FACETS)
        if unknown:
            raise ValueError(f"unknown facet {unknown}")
        terms = query.text.split()
        matched = [r for r in self.records.values() if self._matches(r, terms, query.filters)]
        suggestion = corrected = None
        if not matched and fold(query.text) == "sante mantale":
            suggestion = "santé mentale"
        if query.sort == "date":
            matched.sort(key=lambda r: (r["issue"]["date"], r["id"]), reverse=True)
        facets = {}
        for facet in FACETS:
            # Counts of a facet ignore its own filter, so OR-ed values stay visible.
            counter: Counter[tuple[str, str]] = Counter()
            for rec in self.records.values():
                if self._matches(rec, terms, query.filters, skip_facet=facet):
                    counter.update(set(self.values(rec, facet)))
            selected = set(query.filters.get(facet, ()))
            facets[facet] = tuple(
                FacetValue(value, label, count, value in selected)
                for (value, label), count in sorted(counter.items(), key=lambda i: (-i[1], i[0]))
            )
        start = (query.page - 1) * query.per_page
        hits = tuple(self.hit(r, terms) for r in matched[start : start + query.per_page])
        return SearchPage(
            query=query,
            total=len(matched),
            hits=hits,
            facets=facets,
            suggestion=suggestion,
            corrected=bool(corrected),
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self.records.get(article_id)

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        rec = self.records.get(article_id)
        if rec is None:
            return []
        communes = {c["insee"] for c in rec["communes"]}
        return [
            self.hit(r, [])
            for r in self.records.values()
            if r["id"] != article_id and communes & {c["insee"] for c in r["communes"]}
        ][:limit]

    def facet_values(self, facet: str) -> list[FacetValue]:
        return list(self.search(Query(per_page=1)).facets[facet])

    def issues(self) -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for rec in self.records.values():
            issue = found.setdefault(
                rec["issue"]["id"], {**rec["issue"], "articles": 0, "sources": []}
            )
            issue["articles"] += 1
            if rec["source"] not in issue["sources"]:
                issue["sources"].append(rec["source"])
        return sorted(found.values(), key=lambda i: i["date"])

    def articles_of_issue(self, issue_id: str) -> list[Hit]:
        recs = sorted(
            (r for r in self.records.values() if r["issue"]["id"] == issue_id),
            key=lambda r: r["position"],
        )
        return [self.hit(r, []) for r in recs]

    def suggest(self, prefix: str, limit: int = 8) -> list[tuple[str, str, str]]:
        wanted = fold(prefix)
        out = []
        for facet in ("commune", "theme"):
            for value in self.facet_values(facet):
                if fold(value.label).startswith(wanted):
                    out.append((facet, value.value, value.label))
        return out[:limit]

    def total_articles(self) -> int:
        return len(self.records)
