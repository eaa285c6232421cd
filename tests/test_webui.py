"""Web UI views over the real SearchService on a small index built in code
(see tests/webui_index.py)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.webui_index import SpySearchService, article, build_index, changed, demo_articles
from webui import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "resonances-n57.pdf").write_bytes(b"%PDF-1.4 fake pdf for serving\n")
    (root / "resonances-n58.pdf").write_bytes(b"%PDF-1.4 another\n")
    (root / "numero.html").write_text("<p>e-mailing <script>alert(1)</script></p>", "utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("mot de passe", "utf-8")
    (root / "lien.txt").symlink_to(outside)
    return root


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("index"), demo_articles())


@pytest.fixture
def service(index_dir):
    service = SpySearchService(index_dir)
    yield service
    service.close()


def app_over(tmp_path: Path, corpus: Path, articles) -> object:
    """An app over its own index of `articles` (for tests that need other data)."""
    index = build_index(tmp_path / "other-index", articles)
    return create_app({"TESTING": True, "SEARCH_SERVICE": SpySearchService(index),
                       "CORPUS_DIR": str(corpus)})


@pytest.fixture
def app(service, corpus):
    return create_app({"TESTING": True, "SEARCH_SERVICE": service, "CORPUS_DIR": str(corpus)})


@pytest.fixture
def client(app):
    return app.test_client()


def text(response) -> str:
    return response.get_data(as_text=True)


# --- pages answer, in French, with the landmarks --------------------------------------

PAGES = [
    "/", "/recherche", "/recherche?q=santé", "/article/a-sante-sarcelles", "/communes",
    "/commune/95585", "/theme/sante", "/themes", "/organisations", "/personnes",
    "/organisation/Psycom", "/personne/Claire Martin", "/numeros", "/numero/resonances-n57",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_french_accessible_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    body = text(response)
    assert '<html lang="fr">' in body
    for landmark in ("<header", "<nav", '<main id="contenu"', "<footer"):
        assert landmark in body
    assert 'href="#contenu"' in body  # skip link
    assert 'rel="search" type="application/opensearchdescription+xml"' in body
    assert "<h1" in body
    head = body.split("<body>")[0]
    # Nothing is loaded from elsewhere (absolute URLs appear only as citation_* metadata).
    assert 'src="http' not in head and 'href="http' not in head


@pytest.mark.parametrize("url", PAGES)
def test_security_headers(client, url):
    headers = client.get(url).headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_home_has_search_form_first_then_issues_communes_themes(client):
    body = text(client.get("/"))
    form = body.index('<form class="search-form" role="search" action="/recherche" method="get">')
    assert form < body.index("Derniers numéros") < body.index("Communes les plus citées")
    assert '<label for="q">' in body and 'placeholder="' in body
    assert 'href="/commune/78361">Mantes-la-Jolie (78)</a> <span class="count">24</span>' in body
    assert 'href="/theme/sante">Santé</a>' in body
    assert 'href="/numero/resonances-n58"' in body


# --- results --------------------------------------------------------------------------


def test_results_show_snippet_citation_facets(client):
    body = text(client.get("/recherche?q=santé mentale"))
    assert "<mark>santé</mark>" in body
    assert "Résonances n°57, mai 2021, p. 3" in body
    # The query travels to the article, which highlights it on the printed page.
    assert 'href="/article/a-sante-sarcelles?q=sant%C3%A9+mentale"' in body
    assert '<h3 id="facet-commune">Commune</h3>' in body
    assert 'href="/recherche?q=sant%C3%A9+mentale&amp;commune=95585"' in body


def test_script_in_article_text_comes_out_escaped_everywhere(client):
    for url in ("/recherche?q=piégé", "/article/a-xss", "/numero/resonances-n58",
                "/commune/95585"):
        body = text(client.get(url))
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url
    # JSON carries the text as data; served as JSON with nosniff, never rendered as HTML.
    api = client.get("/api/recherche?q=piégé")
    assert api.mimetype == "application/json" and api.headers["X-Content-Type-Options"]
    results = text(client.get("/recherche?q=piégé"))
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in results  # from snippet_html
    assert "Un titre &lt;script&gt;" in results  # title escaped by Jinja
    article = text(client.get("/article/a-xss"))
    assert "Texte piégé &lt;script&gt;" in article
    assert "Org &lt;img src=x onerror=alert(1)&gt;" in article


def test_query_text_is_escaped_in_page(client):
    body = text(client.get('/recherche?q="><script>alert(1)</script>'))
    assert "<script>alert(1)" not in body
    assert "&#34;&gt;&lt;script&gt;" in body


def test_facet_toggle_chips_and_or_within_facet(client, service):
    body = text(client.get("/recherche?commune=95585&commune=95487"))
    assert service.queries[-1].filters == {"commune": ("95585", "95487")}
    assert "Filtres actifs" in body
    # Each chip removes only its value.
    assert 'href="/recherche?commune=95487"' in body
    assert 'href="/recherche?commune=95585"' in body
    assert "Retirer tous les filtres" in body
    assert 'class="selected" aria-current="true"' in body
    assert "3 articles" in body  # OR: 2 Sarcelles + 1 Persan


def test_filters_map_french_params_to_facets(client, service):
    client.get("/recherche?annee=2021&rubrique=Publication&numero=resonances-n57&personne=X"
               "&departement=95&section=S&organisation=O&quartier=Q&theme=sante&tri=date")
    query = service.queries[-1]
    assert query.filters == {
        "theme": ("sante",), "departement": ("95",), "quartier": ("Q",), "year": ("2021",),
        "section": ("S",), "kind": ("Publication",), "issue": ("resonances-n57",),
        "organisation": ("O",), "person": ("X",),
    }
    assert query.sort == "date"


def test_sort_and_paging(client, service):
    body = text(client.get("/recherche?commune=78361&tri=date&page=2"))
    assert service.queries[-1].page == 2 and service.queries[-1].sort == "date"
    assert "page 2 sur 3" in body
    assert 'aria-current="page">2</a>' in body
    assert 'href="/recherche?commune=78361&amp;tri=date&amp;page=3" rel="next"' in body
    assert 'href="/recherche?commune=78361&amp;tri=date" rel="prev"' in body
    assert '<strong aria-current="true">date</strong>' in body
    assert 'href="/recherche?commune=78361">pertinence</a>' in body


def test_a_typo_with_no_exact_result_shows_the_corrected_search(client):
    body = text(client.get("/recherche?q=sante mantale"))
    assert "Aucun résultat exact pour « sante mantale »" in body
    assert 'href="/recherche?q=sante+mentale">sante mentale</a>' in body
    assert "La santé mentale des jeunes à Sarcelles" in body


def test_did_you_mean(tmp_path, corpus):
    # The typed words find one article; their correction finds more: it is offered.
    articles = [article(f"a-{n}", f"Santé mentale {n}", number=60, date="2022-01",
                        text="Le conseil local de santé mentale se réunit.", position=n)
                for n in range(3)]
    articles.append(article("a-typo", "Un article mal relu", number=60, date="2022-01",
                            text="Il parle de santé mantale.", position=3))
    body = text(app_over(tmp_path, corpus, articles).test_client().get(
        "/recherche?q=santé mantale"))
    assert "Vouliez-vous dire" in body
    assert 'href="/recherche?q=sant%C3%A9+mentale">santé mentale</a>' in body
    assert "Un article mal relu" in body


def test_empty_state_helps(client):
    body = text(client.get("/recherche?q=introuvable&commune=95585"))
    assert "Aucun article ne correspond" in body
    assert "Relancer la recherche sans les filtres" in body
    assert 'href="/recherche?q=introuvable"' in body
    assert 'href="/communes"' in body and 'href="/themes"' in body


@pytest.mark.parametrize("url", [
    "/recherche?page=abc", "/recherche?page=-1", "/recherche?page=0", f"/recherche?page={10**9}",
    "/recherche?page=1.5", "/recherche?tri=alpha",
    "/recherche?commune=Paris", "/recherche?annee=21", "/recherche?departement=999",
    "/recherche?q=%FF%FE", "/api/recherche?page=abc", "/recherche.csv?page=x",
    "/recherche.atom?tri=z", "/api/suggest?format=xml",
    "/recherche?theme=" + "x" * 300,
])
def test_bad_parameters_get_a_french_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.get_json()["error"]["status"] == 400
    else:
        assert "Requête invalide" in text(response)


def test_page_past_the_end_is_404(client):
    response = client.get("/recherche?commune=78361&page=50")
    assert response.status_code == 404
    assert "Il n&#39;y a que 3 pages" in text(response)


def test_huge_query_is_cut_with_a_notice(client, service):
    body = text(client.get("/recherche?q=" + "santé " * 400))
    assert len(service.queries[-1].text) <= 500
    assert "seuls les 500 premiers caractères" in body


def test_control_characters_are_removed_from_query(client, service):
    client.get("/recherche?q=sant%00%07é")
    assert service.queries[-1].text == "sant é"


@pytest.mark.parametrize("url", ["/nope", "/article/inconnu", "/commune/99999", "/commune/abc",
                                 "/theme/inconnu", "/numero/inconnu", "/organisation/Personne",
                                 "/personne/Inconnu", "/commune/99999.atom",
                                 "/theme/inconnu.atom", "/api/article/inconnu",
                                 "/article/" + "x" * 300])
def test_unknown_pages_get_a_french_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    if "/api/" in url:
        assert response.get_json()["error"]["title"] == "Page introuvable"
    else:
        assert "Page introuvable" in text(response)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_read_only(client, method):
    response = client.open("/recherche", method=method)
    assert response.status_code == 405
    assert "Méthode non autorisée" in text(response)


def test_head_works(client):
    assert client.head("/recherche?q=santé").status_code == 200


# --- JSON, CSV, Atom, OpenSearch --------------------------------------------------------


def test_json_twin_shape(client):
    data = client.get("/api/recherche?q=santé&commune=95585").get_json()
    assert data["query"] == {"q": "santé", "filters": {"commune": ["95585"]},
                             "tri": "pertinence", "page": 1, "per_page": 10}
    assert data["total"] == 2
    hit = data["hits"][0]
    assert {"id", "title", "snippet_html", "citation", "url", "communes", "themes"} <= set(hit)
    assert hit["communes"][0] == {"insee": "95585", "name": "Sarcelles"}
    assert data["facets"]["commune"][0]["selected"] is True
    assert data["links"]["html"].endswith("/recherche?q=sant%C3%A9&commune=95585")
    assert data["links"]["next"] is None


def test_csv_export_escapes_and_guards_formulas(client):
    response = client.get("/recherche.csv?commune=95585")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["identifiant", "titre", "numero"]
    by_id = {row[0]: row for row in rows[1:]}
    assert set(by_id) == {"a-sante-sarcelles", "a-xss"}
    assert by_id["a-xss"][1] == "Un titre <script>alert('titre')</script>"  # data, not HTML


def test_csv_formula_cells_are_neutralised(tmp_path, corpus):
    client = app_over(tmp_path, corpus, changed(
        demo_articles(), "a-xss", title="=HYPERLINK(\"http://evil\",\"clic\")",
        section="+33 1 23")).test_client()
    rows = list(csv.reader(io.StringIO(
        client.get("/recherche.csv?q=piégé").get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\",\"clic\")"
    assert rows[1][5] == "'+33 1 23"


def test_csv_returns_all_rows_up_to_the_cap(app, client):
    rows = list(csv.reader(io.StringIO(
        client.get("/recherche.csv?commune=78361").get_data().decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 24  # past the 10 of one HTML page
    app.config["CSV_MAX_ROWS"] = 5
    rows = list(csv.reader(io.StringIO(
        client.get("/recherche.csv?commune=78361").get_data().decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 5


@pytest.mark.parametrize("url", ["/recherche.atom?q=santé", "/commune/95585.atom",
                                 "/theme/sante.atom", "/recherche.atom?q=piégé"])
def test_atom_feeds_are_valid_and_newest_first(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text.startswith("Résonances")
    assert feed.find(f"{ATOM}id").text and feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for child in ("title", "id", "updated", "link"):
            assert entry.find(f"{ATOM}{child}") is not None
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_atom_strips_characters_xml_cannot_carry(tmp_path, corpus):
    client = app_over(tmp_path, corpus, changed(
        demo_articles(), "a-xss", title="Titre\x00 avec\x1b contrôle")).test_client()
    feed = ET.fromstring(client.get("/recherche.atom?q=piégé").get_data())
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "Titre avec contrôle"


def test_pages_link_their_feed(client):
    for url in ("/recherche?q=santé", "/commune/95585", "/theme/sante"):
        assert 'type="application/atom+xml"' in text(client.get(url))
    assert 'href="/commune/95585.atom"' in text(client.get("/commune/95585"))


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.get_data())
    ns = "{http://a9.com/-/spec/opensearch/1.1/}"
    assert root.find(f"{ns}ShortName").text == "Résonances"
    templates = {u.get("type"): u.get("template") for u in root.findall(f"{ns}Url")}
    assert templates["text/html"] == "http://localhost/recherche?q={searchTerms}"


def test_suggest_api(client):
    data = client.get("/api/suggest?q=sar").get_json()
    assert data["suggestions"][0] == {"facet": "commune", "value": "95585",
                                      "label": "Sarcelles (95)", "kind": "Commune",
                                      "url": "/commune/95585"}
    assert client.get("/api/suggest?q=s").get_json()["suggestions"] == []
    assert client.get("/api/suggest?q=sar&format=opensearch").get_json() == [
        "sar", ["Sarcelles (95)"]]


# --- article and its source -------------------------------------------------------------


def test_article_page_structure_and_links(client):
    body = text(client.get("/article/a-sante-sarcelles"))
    assert "<h1>La santé mentale des jeunes à Sarcelles</h1>" in body
    assert '<p class="lead">Un conseil local de santé mentale' in body
    assert '<h2 class="intertitle">Un intertitre</h2>' in body
    assert '<p class="rubric">Séminaire des élu.e.s</p>' in body  # no "< … >" chevrons
    assert "Résonances n°57, mai 2021, p. 3" in body
    assert 'href="/commune/95585">Sarcelles</a>' in body
    assert 'href="/theme/sante">Santé</a>' in body
    assert 'href="/organisation/Psycom">Psycom</a>' in body
    assert 'href="/personne/Claire%20Martin">Claire Martin</a>' in body
    assert 'href="/source/resonances-n57.pdf#page=3"' in body
    assert 'href="/article/a-xss"' in body  # related: same commune


def test_article_json_twin(client):
    data = client.get("/api/article/a-sante-sarcelles").get_json()
    assert data["article"]["id"] == "a-sante-sarcelles"
    assert data["citation"] == "Résonances n°57, mai 2021, p. 3"
    assert data["related"][0]["id"] == "a-xss"


def test_source_files_are_served_from_the_corpus_only(tmp_path, corpus):
    client = app_over(tmp_path, corpus, changed(  # numero.html: listed by the index
        demo_articles(), "a-nanterre", source="corpus/numero.html")).test_client()
    with client.get("/source/resonances-n57.pdf") as response:
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.get_data().startswith(b"%PDF")
    with client.get("/source/numero.html") as html_source:
        assert html_source.status_code == 200
        # An e-mailing's own markup is shown, never run.
        assert html_source.headers["Content-Security-Policy"].startswith("sandbox")


@pytest.mark.parametrize("path", [
    "../secret.txt", "..%2Fsecret.txt", "%2E%2E/secret.txt", "/etc/passwd", "//etc/passwd",
    "lien.txt", "sub/../../secret.txt", "..\\secret.txt", "absent.pdf", "",
])
def test_source_refuses_traversal_absolute_and_symlinks(client, path):
    # Werkzeug answers "//x" with a redirect to "/x": where it leads must be a 404 too.
    response = client.get("/source/" + path, follow_redirects=True)
    assert response.status_code == 404
    assert "mot de passe" not in text(response)


def test_source_link_absent_when_file_is_not_in_corpus(tmp_path, corpus):
    client = app_over(tmp_path, corpus, changed(
        demo_articles(), "a-nanterre", source="/elsewhere/resonances-n58.pdf")).test_client()
    body = text(client.get("/article/a-nanterre"))
    assert 'href="/source/' not in body
    assert "non disponible en ligne" in body


# --- browse pages -----------------------------------------------------------------------


def test_communes_index_and_map(client):
    body = text(client.get("/communes"))
    assert body.count("<path ") == 478
    assert '<a href="/commune/95585" aria-label="Sarcelles (2 articles)">' in body
    assert "<title>Sarcelles (2 articles)</title>" in body
    assert "<title>Ablis (0 article)</title>" in body
    assert 'role="group" aria-labelledby="map-title map-desc"' in body
    assert "Val-d&#39;Oise (95)" in body and "Yvelines (78)" in body
    assert 'href="/commune/78361">Mantes-la-Jolie</a> <span class="count">24</span>' in body
    assert 'class="legend"' in body
    assert 'class="shade-4"' in body  # 24 articles: the darkest class


def test_commune_page(client, service):
    body = text(client.get("/commune/78361"))
    assert service.queries[-1].filters == {"commune": ("78361",)}
    assert "<h1>Mantes-la-Jolie</h1>" in body
    assert "Yvelines, code INSEE 78361" in body
    assert "Articles par année" in body and "<th scope=\"row\">2015</th>" in body
    assert '<h2 id="y-2020">2020' in body
    # Related facets restricted to the commune, linking to the combined search.
    assert 'href="/recherche?theme=cadre-de-vie&amp;commune=78361&amp;tri=date"' in body


def test_commune_without_articles_still_has_a_page(client):
    response = client.get("/commune/78003")
    assert response.status_code == 200
    assert "Ablis" in text(response) and "Aucun article" in text(response)


def test_theme_organisation_person_pages(client):
    assert "<h1>Santé</h1>" in text(client.get("/theme/sante"))
    assert "<h1>Psycom</h1>" in text(client.get("/organisation/Psycom"))
    assert "<h1>Claire Martin</h1>" in text(client.get("/personne/Claire Martin"))
    org = client.get("/organisation/Org <img src=x onerror=alert(1)>")
    assert org.status_code == 200 and "<img src=x" not in text(org)


def test_issue_pages(client):
    listing = text(client.get("/numeros"))
    assert listing.index("resonances-n58") < listing.index("resonances-n57")
    assert "2 articles" in listing
    toc = text(client.get("/numero/resonances-n57"))
    assert toc.index("La santé mentale des jeunes") < toc.index("Emploi des jeunes au Village")
    assert 'href="/recherche?numero=resonances-n57"' in toc


def test_pages_json_is_utf8_not_escaped(client):
    raw = client.get("/api/recherche?q=santé").get_data()
    assert "santé".encode() in raw
    json.loads(raw)
