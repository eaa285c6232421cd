"""Hostile input: arbitrary queries and URL parameters, XSS payloads, path traversal.

Over a small real index (the indexer's writer, the real SearchService) holding articles
whose title, text, entities and source file name carry script payloads. The app runs with
TESTING on, so an exception in a view raises here instead of hiding behind a 500 page.
"""

from __future__ import annotations

import csv
import io
import re
import string
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.api import Query, SearchPage
from indexer.search import SearchService
from kb.models import CommuneRef, EnrichedArticle, Issue, OrganisationRef, PersonRef, ThemeRef
from tests.webui_archive import fixture_articles, make_article, write_index
from webui import create_app
from webui.state import KNOWN_PARAMS

SCRIPT = "<script>alert('kb')</script>"
IMG = '"><img src=x onerror=alert(1)>'
FILE_NAME = f'{IMG}.pdf'
ALLOWED = {200, 302, 400, 404}
RAW_PAYLOADS = ("<script>alert(", "<img src=x", "<svg onload")
PAYLOAD_ID = "resonances-n90-00"

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def payload_articles(corpus: Path) -> list[EnrichedArticle]:
    issue = Issue("resonances-n90", f"Résonances n°90 {SCRIPT}", 90, "2024-02",
                  (str(corpus / FILE_NAME),))
    article = make_article(
        issue, 0, f"Titre piégé {SCRIPT} santé",
        f"Un texte piégé {IMG} sur la santé à Sarcelles.\n\n{SCRIPT} Fin du texte.",
        lead=f"Chapeau {IMG}", section=f"Section {SCRIPT}", kind=f"=HYPERLINK(\"x\") {SCRIPT}")
    article = replace(article, source=str(corpus / FILE_NAME))
    return [EnrichedArticle(
        article,
        communes=(CommuneRef("95585", f"Sarcelles {SCRIPT}", "95"),), departements=("95",),
        themes=(ThemeRef("piege", f"Thème <svg onload=alert(3)> {SCRIPT}", "test"),),
        organisations=(OrganisationRef(f"Asso {IMG}"),),
        people=(PersonRef(f"Jean {SCRIPT} Dupont"),),
    )]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / FILE_NAME).write_bytes(b"%PDF-1.4 piece")
    (root / "secret.txt").write_text("SECRET-DU-SERVEUR", encoding="utf-8")
    (corpus / "lien-sortant.txt").symlink_to(root / "secret.txt")
    index = root / "index"
    write_index(index, [*fixture_articles(), *payload_articles(corpus)])
    return index, corpus


@pytest.fixture(scope="module")
def app(archive):
    index, corpus = archive
    return create_app({"TESTING": True, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus),
                       "SERVER_NAME": "archives.test"})


@pytest.fixture(scope="module")
def service(archive):
    service = SearchService(archive[0])
    yield service
    service.close()


def no_raw_payload(body: str) -> None:
    for raw in RAW_PAYLOADS:
        assert raw not in body, f"unescaped {raw!r}"


# --- the query parser -------------------------------------------------------------------

QUERY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(['"', "-", "+", "(", ")", "*", "?", "~", ":", "AND", "OR", "NOT",
                              "santé", "habitant·e·s", "l'", "\\", "^", "{", "[", SCRIPT,
                              "\x00", "\u202e", "é", " "]), max_size=40).map("".join),
)


@SETTINGS
@given(text=QUERY_TEXT, sort=st.sampled_from(["relevance", "date"]),
       page=st.integers(min_value=1, max_value=50))
def test_search_service_takes_any_text(service, text: str, sort: str, page: int) -> None:
    result = service.search(Query(text, sort=sort, page=page))
    assert isinstance(result, SearchPage) and result.total >= 0
    for hit in result.hits:
        assert "<" not in hit.snippet_html.replace("<mark>", "").replace("</mark>", "")


# --- every URL parameter and path argument ----------------------------------------------

QUERY_ROUTES = ("/", "/recherche", "/api/recherche", "/recherche.csv", "/recherche.atom",
                "/api/suggest", "/communes", "/themes", "/organisations", "/personnes",
                "/numeros", "/opensearch.xml")
PARAMS = sorted({*KNOWN_PARAMS, "format", "utm_source", "fbclid", ""})
VALUE = st.one_of(st.text(max_size=80), st.sampled_from(
    ["", "0", "-1", "99999999999", "1e9", "95585", "2A004", "2021", "date", "pertinence",
     "opensearch", SCRIPT, IMG, "../../etc/passwd", "%00", "x" * 600]))


@SETTINGS
@given(route=st.sampled_from(QUERY_ROUTES),
       params=st.lists(st.tuples(st.sampled_from(PARAMS), VALUE), max_size=6))
def test_every_url_parameter_gets_a_page_not_a_crash(app, route, params) -> None:
    client = app.test_client()
    response = client.get(route, query_string=params)
    assert response.status_code in ALLOWED
    if response.mimetype == "text/html":
        no_raw_payload(response.get_data(as_text=True))


def path_rules(app) -> list[str]:
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if rule.arguments and rule.endpoint != "static")


@SETTINGS
@given(data=st.data(), value=st.one_of(st.text(min_size=1, max_size=120), st.sampled_from(
    ["..", "../..", "%2e%2e", SCRIPT, IMG, "95585", "sante", PAYLOAD_ID, "resonances-n90",
     "x" * 500, "Asso " + IMG, "a/b/c", "\x00", "é"])))
def test_every_path_argument_gets_a_page_not_a_crash(app, data, value: str) -> None:
    rule = data.draw(st.sampled_from(path_rules(app)))
    safe = "/" if "<path:" in rule else ""
    url = re.sub(r"<[^>]+>", lambda _: quote(value, safe=safe), rule)
    response = app.test_client().get(url, follow_redirects=True)
    assert response.status_code in ALLOWED, url
    if response.mimetype == "text/html":
        no_raw_payload(response.get_data(as_text=True))


def test_every_route_with_arguments_is_covered(app) -> None:
    # If a new route appears, the property test above draws it too; this pins the list.
    assert {"/article/<article_id>", "/source/<path:path>", "/commune/<insee>"} <= set(
        path_rules(app))


# --- XSS payloads come out escaped --------------------------------------------------------


def test_payloads_in_query_are_escaped_everywhere(app) -> None:
    client = app.test_client()
    for url in ("/recherche", "/api/recherche", "/recherche.csv", "/recherche.atom",
                "/api/suggest"):
        response = client.get(url, query_string={"q": f"santé {SCRIPT} {IMG}"})
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        if response.mimetype == "text/html":
            no_raw_payload(body)
            assert "&lt;script&gt;" in body
    html = client.get("/recherche", query_string={"q": SCRIPT}).get_data(as_text=True)
    no_raw_payload(html)


def test_payloads_in_article_text_and_entities_are_escaped(app) -> None:
    client = app.test_client()
    pages = ["/article/" + PAYLOAD_ID, "/recherche?q=piégé", "/numero/resonances-n90",
             "/numeros", "/themes", "/theme/piege", "/organisations", "/personnes",
             "/communes", "/commune/95585", "/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        no_raw_payload(response.get_data(as_text=True))
    article = client.get("/article/" + PAYLOAD_ID).get_data(as_text=True)
    assert "Titre piégé &lt;script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert f"/organisation/{quote('Asso ' + IMG)}" in article or "/organisation/Asso" in article


def test_payload_in_file_name_is_escaped_and_served_as_a_file(app) -> None:
    client = app.test_client()
    article = client.get("/article/" + PAYLOAD_ID).get_data(as_text=True)
    no_raw_payload(article)
    # Quoted into the URL: the quote and angle brackets cannot close the attribute.
    assert 'href="/source/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E.pdf#page=1"' in article
    served = client.get("/source/" + quote(FILE_NAME))
    assert served.status_code == 200 and served.mimetype == "application/pdf"
    assert served.headers["Content-Security-Policy"].startswith("sandbox")
    served.close()


def test_json_csv_and_atom_carry_payloads_as_data(app) -> None:
    client = app.test_client()
    api = client.get("/api/recherche", query_string={"q": "piégé"})
    assert api.mimetype == "application/json"
    assert api.headers["X-Content-Type-Options"] == "nosniff"
    hit = next(h for h in api.get_json()["hits"] if h["id"] == PAYLOAD_ID)
    assert hit["title"] == f"Titre piégé {SCRIPT} santé"  # the same text, as data

    exported = client.get("/recherche.csv", query_string={"q": "piégé"})
    assert exported.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff")),
                           delimiter=";"))
    row = next(r for r in rows[1:] if r[0] == PAYLOAD_ID)
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)
    assert any(cell.startswith("'=HYPERLINK") for cell in row)

    feed = client.get("/recherche.atom", query_string={"q": f"piégé {SCRIPT}"})
    raw = feed.get_data()
    assert b"<script>" not in raw and b"<img " not in raw
    tree = ET.fromstring(raw)  # well-formed: the payload is text, not markup
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.text for e in tree.iter(f"{atom}title")]
    assert f"Titre piégé {SCRIPT} santé" in titles
    assert not [e for e in tree.iter() if e.tag.endswith(("script", "img", "svg"))]


# --- files: only under the corpus root --------------------------------------------------

SEGMENTS = st.sampled_from(["..", ".", "%2e%2e", "%2E%2E", "..%2f", "%2f", "etc", "passwd",
                            "secret.txt", "lien-sortant.txt", "corpus", "", "\\", "~",
                            "%00", "%252e%252e"])


@SETTINGS
@given(segments=st.lists(SEGMENTS, min_size=1, max_size=8), lead=st.sampled_from(["", "/"]))
def test_source_route_refuses_traversal(app, segments: list[str], lead: str) -> None:
    response = app.test_client().get("/source/" + lead + "/".join(segments),
                                     follow_redirects=True)
    assert response.status_code in {400, 404}
    assert b"SECRET-DU-SERVEUR" not in response.get_data()
    assert b"root:" not in response.get_data()


def test_symlink_out_of_the_corpus_is_refused(app) -> None:
    response = app.test_client().get("/source/lien-sortant.txt")
    assert response.status_code == 404
    assert b"SECRET-DU-SERVEUR" not in response.get_data()


# --- oversized queries, unknown parameters ----------------------------------------------


def test_oversized_query_is_cut_with_a_message(app, service) -> None:
    client = app.test_client()
    huge = "santé " * 5000
    html = client.get("/recherche", query_string={"q": huge})
    assert html.status_code == 200
    assert "trop longue" in html.get_data(as_text=True)
    api = client.get("/api/recherche", query_string={"q": huge}).get_json()
    assert len(api["query"]["q"]) <= app.config["MAX_QUERY_CHARS"]
    assert any("trop longue" in notice for notice in api["notices"])
    direct = service.search(Query("habitant " * 20000))
    assert direct.notice and "trop longue" in direct.notice


def test_unknown_parameters_are_ignored_so_shared_links_work(app) -> None:
    client = app.test_client()
    plain = client.get("/api/recherche", query_string={"q": "santé"}).get_json()
    tagged = client.get("/api/recherche", query_string={
        "q": "santé", "utm_source": "newsletter", "utm_medium": "email", "fbclid": "x1"})
    assert tagged.status_code == 200
    assert [h["id"] for h in tagged.get_json()["hits"]] == [h["id"] for h in plain["hits"]]
    for url in ("/recherche", "/recherche.csv", "/recherche.atom"):
        response = client.get(url, query_string={"q": "santé", "utm_source": "newsletter"})
        assert response.status_code == 200, url


def test_control_characters_and_invalid_utf8_are_handled(app) -> None:
    client = app.test_client()
    assert client.get("/recherche?q=%FF%FE").status_code == 400
    response = client.get("/recherche", query_string={"q": "sant\x00é\x1b[31m" +
                                                          string.punctuation})
    assert response.status_code == 200


def test_file_name_too_long_for_the_file_system_is_a_404(app) -> None:
    # Found by the property test above: os.stat raised ENAMETOOLONG, a 500.
    assert app.test_client().get("/source/" + "x" * 500).status_code == 404
    assert app.test_client().get("/source/" + "/".join(["y" * 300] * 20)).status_code == 404
