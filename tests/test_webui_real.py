"""The web UI over the real SearchService and a real index written by the indexer."""

from __future__ import annotations

import csv
import html
import io
import logging
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from indexer.search import SearchService
from tests.webui_archive import fixture_articles, write_index
from webui import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return write_index(tmp_path_factory.mktemp("index"), fixture_articles())


@pytest.fixture
def app(index_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "resonances-n57.pdf").write_bytes(b"%PDF-1.4 test\n")
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)})
    yield app
    app.extensions["kb_search"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def text(response) -> str:
    return response.get_data(as_text=True)


def test_app_builds_one_real_search_service_from_config(app, index_dir):
    service = app.extensions["kb_search"]
    assert isinstance(service, SearchService)
    assert service.total_articles() == 27


def test_index_dir_comes_from_env(monkeypatch, index_dir):
    monkeypatch.setenv("KB_INDEX", str(index_dir))
    app = create_app({"TESTING": True})
    try:
        assert app.config["INDEX_DIR"] == str(index_dir)
        assert app.extensions["kb_search"].total_articles() == 27
    finally:
        app.extensions["kb_search"].close()


def test_empty_index_dir_serves_empty_pages(tmp_path, caplog):
    absent = tmp_path / "absent"
    with caplog.at_level(logging.WARNING, logger="webui"):
        app = create_app({"TESTING": True, "INDEX_DIR": str(absent)})
    client = app.test_client()
    try:
        # The operator is told, in the log and on the home page, which directory was read.
        assert [record.getMessage() for record in caplog.records] == [
            f"L'index {absent} est vide ou absent : lancez « kb reindex --index {absent} CHEMIN »"]
        home = client.get("/")
        assert home.status_code == 200
        assert (f"L'index {absent} est vide ou absent : lancez « kb reindex --index {absent} "
                "CHEMIN »") in html.unescape(text(home))
        body = text(client.get("/recherche?q=santé"))
        assert "Aucun article ne correspond" in body
    finally:
        app.extensions["kb_search"].close()


def test_relative_index_dir_is_named_absolute_for_the_operator(tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    with caplog.at_level(logging.WARNING, logger="webui"):
        app = create_app({"TESTING": True, "INDEX_DIR": "var/index"})
    try:
        assert str(tmp_path / "var" / "index") in caplog.records[0].getMessage()
    finally:
        app.extensions["kb_search"].close()


def test_filled_index_says_nothing_about_emptiness(index_dir, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="webui"):
        app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                          "CORPUS_DIR": str(tmp_path)})
    try:
        assert not caplog.records
        assert "vide ou absent" not in text(app.test_client().get("/"))
    finally:
        app.extensions["kb_search"].close()


def test_search_highlights_and_cites(client):
    body = text(client.get("/recherche?q=santé mentale"))
    assert "<mark>" in body
    assert "La santé mentale des jeunes à Sarcelles" in body
    assert "Résonances n°57, mai 2021, p. 3" in body


def test_script_in_article_text_is_escaped_by_the_real_snippets(client):
    body = text(client.get("/recherche?q=piégé"))
    assert "Un titre &lt;script&gt;" in body
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body  # from the real snippet_html
    article = text(client.get("/article/resonances-n58-00"))
    assert "<script>alert" not in article and "&lt;script&gt;alert" in article
    assert "<img src=x" not in article


def test_facets_toggle_and_or(client):
    one = client.get("/api/recherche?commune=95487").get_json()
    assert one["total"] == 1
    both = client.get("/api/recherche?commune=95487&commune=92050").get_json()
    assert both["total"] == 2
    communes = {f["value"]: f for f in both["facets"]["commune"]}
    assert communes["95487"]["selected"] and communes["92050"]["selected"]
    body = text(client.get("/recherche?commune=95487&commune=92050"))
    assert 'href="/recherche?commune=92050"' in body  # chip removing Persan


def test_paging_and_date_sort(client):
    body = text(client.get("/recherche?commune=78361&tri=date&page=3"))
    assert "page 3 sur 3" in body
    assert client.get("/recherche?commune=78361&page=9").status_code == 404
    hits = client.get("/api/recherche?commune=78361&tri=date").get_json()["hits"]
    dates = [hit["date"] for hit in hits]
    assert dates == sorted(dates, reverse=True)


def test_article_page_and_source_link(client):
    body = text(client.get("/article/resonances-n57-00"))
    assert '<h2 class="intertitle">Un intertitre</h2>' in body
    assert 'href="/commune/95585">Sarcelles</a>' in body
    assert 'href="/source/resonances-n57.pdf#page=3"' in body
    assert 'href="/theme/sante">Santé</a>' in body
    with client.get("/source/resonances-n57.pdf") as response:
        assert response.status_code == 200


def test_browse_pages(client):
    communes = text(client.get("/communes"))
    assert communes.count("<path ") == 478
    assert '<a href="/commune/78361" aria-label="Mantes-la-Jolie (24 articles)">' in communes
    commune = text(client.get("/commune/95585"))
    assert "<h1>Sarcelles</h1>" in commune and "Articles par année" in commune
    assert "Santé" in commune
    assert "<h1>Santé</h1>" in text(client.get("/theme/sante"))
    assert client.get("/organisation/Psycom").status_code == 200
    assert client.get("/personne/Claire Martin").status_code == 200
    toc = text(client.get("/numero/resonances-n57"))
    assert toc.index("La santé mentale") < toc.index("Emploi des jeunes")
    assert "resonances-n58" in text(client.get("/numeros"))


def test_feeds_csv_suggest(client):
    feed = ET.fromstring(client.get("/commune/78361.atom").get_data())
    assert len(feed.findall(f"{ATOM}entry")) == 20
    feed = ET.fromstring(client.get("/recherche.atom?q=piégé").get_data())
    assert feed.find(f"{ATOM}entry/{ATOM}title").text.startswith("Un titre <script>")
    rows = list(csv.reader(io.StringIO(
        client.get("/recherche.csv?commune=78361").get_data().decode("utf-8-sig"))))
    assert len(rows) == 25
    labels = [s["label"] for s in client.get("/api/suggest?q=sarc").get_json()["suggestions"]]
    assert "Sarcelles (95)" in labels


def test_issue_list_gives_each_issue_its_article_count(client):
    numeros = text(client.get("/numeros"))
    counts = {i.id: i.articles for i in client.application.extensions["kb_search"].issues()}
    assert counts and all(n > 0 for n in counts.values())
    for n in set(counts.values()):
        assert f"· {n} article" in numeros


@pytest.mark.parametrize(
    ("insee", "departement"), [("97101", "Guadeloupe"), ("2A004", "Corse-du-Sud")]
)
def test_commune_page_outside_the_territory_names_its_departement(client, insee, departement):
    response = client.get(f"/commune/{insee}")
    assert response.status_code == 200
    assert f"({departement}, code INSEE {insee})" in text(response)
