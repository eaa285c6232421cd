"""ArticleRecord: the stored article record as a typed value, read in one place
(`ArticleRecord.from_json`), giving back the stored JSON key for key (`to_json`)."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from indexer.api import (
    ArticleRecord,
    IssueSummary,
    RecordCommune,
    RecordIssue,
    RecordOrganisation,
    RecordPerson,
    RecordTheme,
)
from indexer.documents import to_document
from indexer.export import iter_records
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
from kb.serialize import article_record
from tests.webui_index import build_index, demo_articles

ISSUE = Issue("resonances-n57", "Résonances n°57, mai 2021", 57, "2021-05")
ENRICHED = EnrichedArticle(
    Article(
        id="n57-forum", issue=ISSUE, position=3, section="Ouest francilien",
        kind="Séminaire", kind_detail="11 mai, 17h-19h, visioconférence", heading="Persan",
        title="Un forum pour l'emploi", lead="Le premier paragraphe.",
        text="La suite.\n\nUn intertitre\n\nLa fin.", links=("https://example.org",),
        emails=("contact@example.org",), contacts=("Awa Diop, 01 02 03 04 05",),
        pages=(3, 4), source="corpus/n57.pdf", format=SourceFormat.PDF,
        subheadings=("Un intertitre",), items=("Une ligne", "Une autre"),
    ),
    communes=(CommuneRef("95487", "Persan", "95", "CC du Haut Val d'Oise"),
              CommuneRef("95585", "Sarcelles", "95")),
    departements=("95",),
    quartiers=("95585|Lochères",),
    organisations=(OrganisationRef("France Travail", "FT"), OrganisationRef("Mairie")),
    people=(PersonRef("Awa Diop", "déléguée du préfet", ("95487",), "Préfecture",
                      "awa@example.org"), PersonRef("Nicolas Ferrier")),
    themes=(ThemeRef("emploi-economie", "Emploi", "mots-clés : emploi"),),
)
SOURCES = ("corpus/n57.pdf", "corpus/n57-email.html")


def stored(enriched: EnrichedArticle = ENRICHED, sources=SOURCES) -> dict:
    """The record exactly as the indexer stores it."""
    return json.loads(to_document(enriched, sources).fields["record"])


def test_the_type_has_exactly_the_stored_keys_in_their_order():
    assert [f.name for f in fields(ArticleRecord)] == list(stored())
    data = stored()
    nested = {"issue": RecordIssue, "communes": RecordCommune,
              "organisations": RecordOrganisation, "people": RecordPerson,
              "themes": RecordTheme}
    for key, kind in nested.items():
        value = data[key] if key == "issue" else data[key][0]
        assert [f.name for f in fields(kind)] == list(value), key


def test_round_trip_from_an_enriched_article():
    data = stored()
    record = ArticleRecord.from_json(data)
    assert record.to_json() == data
    assert json.dumps(record.to_json(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
    assert data == {**article_record(ENRICHED), "sources": sorted(SOURCES)}
    assert record.issue == RecordIssue("resonances-n57", 57, "2021-05", ISSUE.title)
    assert (record.id, record.title, record.lead, record.position) == (
        "n57-forum", "Un forum pour l'emploi", "Le premier paragraphe.", 3)
    assert (record.section, record.kind, record.kind_detail, record.heading) == (
        "Ouest francilien", "Séminaire", "11 mai, 17h-19h, visioconférence", "Persan")
    assert record.format == "pdf" and record.source == "corpus/n57.pdf"
    assert record.pages == (3, 4)
    assert record.sources == ("corpus/n57-email.html", "corpus/n57.pdf")
    assert record.subheadings == ("Un intertitre",) and record.items == ("Une ligne", "Une autre")
    assert record.links == ("https://example.org",) and record.emails == ("contact@example.org",)
    assert record.contacts == ("Awa Diop, 01 02 03 04 05",)
    assert record.communes == (
        RecordCommune("Persan", "95487", "95", "CC du Haut Val d'Oise"),
        RecordCommune("Sarcelles", "95585", "95", None))
    assert record.departements == ("95",) and record.quartiers == ("95585|Lochères",)
    assert record.organisations == (RecordOrganisation("France Travail", "FT"),
                                    RecordOrganisation("Mairie", None))
    assert record.people == (
        RecordPerson("Awa Diop", "déléguée du préfet", ("95487",), "Préfecture",
                     "awa@example.org"),
        RecordPerson("Nicolas Ferrier"))
    assert record.themes == (RecordTheme("emploi-economie", "Emploi", "mots-clés : emploi"),)


def test_a_record_is_frozen_and_hashable():
    record = ArticleRecord.from_json(stored())
    with pytest.raises(AttributeError):
        record.title = "autre"  # type: ignore[misc]
    assert hash(record) == hash(ArticleRecord.from_json(stored()))


def test_an_older_record_missing_keys_still_loads_with_defaults():
    old = stored()
    for key in ("sources", "items", "subheadings", "kind_detail", "emails", "quartiers",
                "departements", "format", "position"):
        del old[key]
    del old["people"][0]["email"]
    del old["communes"][0]["epci"]
    record = ArticleRecord.from_json(old)
    assert record.sources == () and record.items == () and record.subheadings == ()
    assert record.kind_detail is None and record.emails == () and record.quartiers == ()
    assert record.format == "" and record.position == 0
    assert record.people[0].email is None and record.people[0].role == "déléguée du préfet"
    assert record.communes[0].epci is None
    assert record.title == "Un forum pour l'emploi" and record.pages == (3, 4)
    bare = ArticleRecord.from_json({"id": "x", "issue": {"id": "resonances-n1"}})
    assert bare.issue == RecordIssue("resonances-n1") and bare.title == "" and bare.themes == ()


def test_keys_a_newer_writer_adds_are_ignored():
    data = {**stored(), "summary": "un résumé"}
    data["issue"] = {**data["issue"], "volume": 2}
    data["themes"] = [{**data["themes"][0], "score": 0.7}]
    record = ArticleRecord.from_json(data)
    assert record == ArticleRecord.from_json(stored())


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("index"), demo_articles())


def test_the_service_returns_typed_records_equal_to_what_is_stored(index_dir):
    service = SearchService(index_dir)
    try:
        raw = list(iter_records(index_dir))
        assert raw
        for data in raw:
            record = service.article(data["id"])
            assert isinstance(record, ArticleRecord)
            assert record.to_json() == data
        issues = service.issues()
        assert issues and all(isinstance(i, IssueSummary) for i in issues)
        n57 = next(i for i in issues if i.id == "resonances-n57")
        assert n57.number == 57 and n57.label.startswith("Résonances n°57")
        assert n57.articles == sum(r["issue"]["id"] == "resonances-n57" for r in raw)
        assert isinstance(n57.sources, tuple)
    finally:
        service.close()
