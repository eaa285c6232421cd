"""Reading, citing and exporting in the web UI (issue 11): page images of a real PDF of the
demo corpus, highlighted words, titles, Citer, Highwire tags, RIS/BibTeX, CSV and Atom."""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from indexer.search import SearchService
from kb.models import OrganisationRef
from tests.webui_index import (
    BEZONS,
    MANTES,
    SANTE,
    SpySearchService,
    article,
    build_index,
    changed,
    demo_articles,
)
from webui import create_app, pageimages
from webui.highlight import query_terms
from webui.pageimages import PageCache
from webui.titles import display_title, generic_subject, sentence_case, strip_chevrons

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "corpus" / "resonances-067-2024-04.pdf"
PDF_SOURCE = "corpus/resonances-067-2024-04.pdf"
ATOM = "{http://www.w3.org/2005/Atom}"


def reading_articles():
    def n67(article_id, title, *, position, pages, text, **extra):
        return article(article_id, title, number=67, date="2024-04", pages=pages, text=text,
                       source=PDF_SOURCE, position=position, **extra)

    return [
        n67("n67-edito", "Édito", position=0, pages=(1,), section="Édito",
            text="2024 ouvre une nouvelle page de la Politique de la ville pour les quartiers."),
        n67("n67-acacias", "LES ACACIAS, NOUVEAU QUARTIER PRIORITAIRE : PREMIERS PAS",
            position=1, pages=(3,), section="Ouest francilien", communes=(BEZONS,),
            lead="Entré dans la géographie prioritaire, le quartier des Acacias avance.",
            text="La commune s'appuie sur la communauté d'agglomération. Les Acacias "
                 "accueillent un conseil citoyen.",
            quartiers=("95063|Val Notre-Dame",), themes=(SANTE,),
            organisations=("Psycom",), people=("Élodie Marin",)),
        n67("n67-mouvements", "< Mouvements >", position=2, pages=(4,),
            section="Ouest francilien", kind="Mouvements",
            text="Nicolas Ferrier, délégué du Préfet, Trappes\nAwa Diop, déléguée du Préfet\n"
                 "Camille Roussel, cheffe de projet",
            people=("Nicolas Ferrier", "Awa Diop", "Camille Roussel"),
            items=("Nicolas Ferrier, délégué du Préfet, Trappes",
                   "Awa Diop, déléguée du Préfet", "Camille Roussel, cheffe de projet")),
        n67("n67-presse", "Dans la presse", position=3, pages=(5,), section="Dans la presse",
            kind="Dans la presse",
            text="« France Travail : la réforme vue des quartiers », Rédaction, 18 janvier\n"
                 "« Nouveaux QPV », Julie Sarrazin, 1er février"),
        *demo_articles(),
    ]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    if not PDF.is_file():
        pytest.skip("the demo corpus PDF is not there")
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(PDF, root / PDF.name)
    (root / "resonances-n57.pdf").write_bytes(b"%PDF-1.4 not really a pdf\n")
    return root


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("index"), reading_articles())


@pytest.fixture
def service(index_dir):
    service = SpySearchService(index_dir)
    yield service
    service.close()


def make_app(service, corpus, tmp_path):
    return create_app({"TESTING": True, "SEARCH_SERVICE": service, "CORPUS_DIR": str(corpus),
                       "INDEX_DIR": str(tmp_path / "index"),
                       "PAGE_CACHE_DIR": str(tmp_path / "index" / "pages")})


def app_over(articles, corpus, tmp_path):
    """An app over its own index of `articles` (for tests that need other data)."""
    return make_app(SearchService(build_index(tmp_path / "other-index", articles)), corpus,
                    tmp_path)


@pytest.fixture
def app(service, corpus, tmp_path):
    return make_app(service, corpus, tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


def text(response) -> str:
    return response.get_data(as_text=True)


# --- reading an issue -----------------------------------------------------------------


def test_issue_page_lists_articles_with_pages_thumbnails_and_the_pdf(client):
    body = text(client.get("/numero/resonances-n67"))
    assert body.index("Édito — 2024 ouvre") < body.index("Les Acacias, nouveau quartier")
    assert '<span class="pages">p. 3</span>' in body
    assert 'href="/source/resonances-067-2024-04.pdf">Le numéro original (PDF)</a>' in body
    thumbnails = re.findall(r'<img src="(/numero/resonances-n67/page-(\d+)\.png)"', body)
    assert [int(n) for _, n in thumbnails] == [1, 2, 3, 4, 5]
    assert 'href="/numero/resonances-n67/page/3"' in body


def test_thumbnails_are_png_cached_beside_the_index(client, tmp_path, monkeypatch):
    response = client.get("/numero/resonances-n67/page-2.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.data.startswith(b"\x89PNG")
    cache = tmp_path / "index" / "pages"
    assert any(p.suffix == ".png" for p in cache.iterdir())

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered twice")

    monkeypatch.setattr(pageimages, "render_png", no_rendering)
    assert client.get("/numero/resonances-n67/page-2.png").data == response.data


@pytest.mark.parametrize("url, status", [
    ("/numero/resonances-n67/page-0.png", 404),
    ("/numero/resonances-n67/page-6.png", 404),
    ("/numero/resonances-n67/page-1.png?taille=geante", 400),
    ("/numero/inconnu/page-1.png", 404),
    ("/numero/resonances-n57/page-1.png", 404),  # not a readable PDF: no page, no 500
    ("/numero/resonances-n67/page/9", 404),
    ("/numero/..%2F..%2Fetc/page-1.png", 404),
])
def test_page_urls_name_an_issue_and_a_page_never_a_path(client, url, status):
    assert client.get(url).status_code == status


def test_only_files_of_the_manifest_under_the_corpus_are_read(corpus, tmp_path):
    outside = tmp_path / "ailleurs.pdf"
    shutil.copy(PDF, outside)
    articles = [changed([a], a.article.id, source=str(outside))[0]
                if a.article.issue.id == "resonances-n67" else a for a in reading_articles()]
    client = app_over(articles, corpus, tmp_path).test_client()
    assert client.get("/numero/resonances-n67/page-1.png").status_code == 404
    assert "/page-1.png" not in text(client.get("/numero/resonances-n67"))


def test_article_page_shows_its_page_with_the_searched_words_boxed(client):
    body = text(client.get("/article/n67-acacias?q=quartier -commune"))
    assert '<image href="/numero/resonances-n67/page-3.png?taille=page"' in body
    assert len(re.findall(r'<rect class="hl" x="[\d.]+" y="[\d.]+"', body)) >= 3
    assert "mots surlignés</title>" in body
    assert 'href="/article/n67-acacias?page=2&amp;q=quartier+-commune#page-imprimee"' in body
    assert 'href="/article/n67-acacias?page=4&amp;q=quartier+-commune#page-imprimee"' in body
    leafed = text(client.get("/article/n67-acacias?page=4&q=quartier"))
    assert '<image href="/numero/resonances-n67/page-4.png?taille=page"' in leafed
    plain = text(client.get("/article/n67-acacias"))
    assert 'class="hl"' not in plain and "page-3.png?taille=page" in plain


def test_leafing_through_the_issue(client):
    body = text(client.get("/numero/resonances-n67/page/3?q=quartier"))
    assert "Page 3 sur 5" in body
    assert 'href="/numero/resonances-n67/page/2?q=quartier" rel="prev"' in body
    assert 'href="/numero/resonances-n67/page/4?q=quartier" rel="next"' in body
    assert 'class="hl"' in body
    assert 'href="/article/n67-acacias?q=quartier">Les Acacias, nouveau quartier' in body
    first = text(client.get("/numero/resonances-n67/page/1"))
    assert 'rel="prev"' not in first and "Page précédente" in first


def test_query_terms_use_the_index_analyzer_and_drop_excluded_words():
    assert query_terms('"Habitant·e·s" jeunes -commune') == {"habitant", "jeune"}
    assert query_terms("") == frozenset()


def test_page_cache_stays_within_its_bound(tmp_path):
    cache = PageCache(tmp_path / "pages", max_bytes=5_000)
    for n in range(10):
        cache._write(f"f{n}.png", b"x" * 1_000)
    assert cache.size() <= 5_000
    assert (tmp_path / "pages" / "f9.png").exists()


# --- titles -----------------------------------------------------------------------------


def test_capitals_read_in_sentence_case_keeping_names_and_acronyms():
    text_ = "Le quartier des Acacias à Coignières, avec l'ANCT et le NPNRU."
    assert sentence_case("LES ACACIAS À COIGNIÈRES : L'ANCT ET LE NPNRU ? OUI", text_) == (
        "Les Acacias à Coignières : l'ANCT et le NPNRU ? Oui")
    assert sentence_case("Un titre déjà lisible") == "Un titre déjà lisible"


def test_generic_headings_say_what_the_item_is_about(service):
    by_id = {i: service.article(i) for i in ("n67-mouvements", "n67-presse", "n67-edito",
                                              "n67-acacias")}
    assert display_title(by_id["n67-mouvements"]) == "Mouvements — Nicolas Ferrier, Awa Diop…"
    assert display_title(by_id["n67-presse"]) == (
        "Dans la presse — « France Travail : la réforme vue des quartiers »…")
    assert display_title(by_id["n67-edito"]).startswith("Édito — 2024 ouvre une nouvelle")
    assert generic_subject(by_id["n67-acacias"]) is None
    assert strip_chevrons("< Mouvements >") == "Mouvements"


def test_lists_show_titles_without_chevrons_or_repeated_rubric(client):
    body = text(client.get("/recherche?numero=resonances-n67"))
    assert "Mouvements — Nicolas Ferrier, Awa Diop…" in body
    assert "&lt; Mouvements &gt;" not in body
    assert "Dans la presse<span class=\"sep\"> · </span><span class=\"kind\">Dans la presse" \
        not in body
    article = text(client.get("/article/n67-mouvements"))
    assert "<h1>Mouvements — Nicolas Ferrier, Awa Diop…</h1>" in article
    assert '<ul class="items"><li>Nicolas Ferrier, délégué du Préfet, Trappes</li>' in article


# --- site-wide ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/article/n67-acacias", "/commune/95585", "/theme/sante",
                                 "/numero/resonances-n67", "/organisations", "/personnes",
                                 "/numero/resonances-n67/page/2"])
def test_every_page_has_the_search_box_and_the_full_navigation(client, url):
    body = text(client.get(url))
    assert '<form class="header-search" role="search" action="/recherche"' in body
    assert 'href="/organisations"' in body and 'href="/personnes"' in body


def test_fiche_shows_no_raw_key_and_french_plurals(client):
    body = text(client.get("/article/n67-acacias"))
    assert "95063|" not in body
    assert "Val Notre-Dame (Bezons)</a>" in body
    assert "<dt>Commune</dt>" in body and "<dt>Personne</dt>" in body
    assert '<div class="article-layout">' in body


# --- citing ------------------------------------------------------------------------------


class MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and values.get("name", "").startswith("citation_"):
            self.tags.setdefault(values["name"], []).append(values.get("content") or "")


def test_highwire_meta_tags_for_zotero(client):
    parser = MetaTags()
    parser.feed(text(client.get("/article/n67-acacias")))
    tags = {name: values[0] for name, values in parser.tags.items()}
    assert tags["citation_title"] == "Les Acacias, nouveau quartier prioritaire : premiers pas"
    assert tags["citation_journal_title"] == "Résonances"
    assert tags["citation_date"] == tags["citation_publication_date"] == "2024/04"
    assert tags["citation_issue"] == "67"
    assert tags["citation_firstpage"] == "3"
    assert tags["citation_language"] == "fr"
    assert tags["citation_pdf_url"] == "http://localhost/source/resonances-067-2024-04.pdf"


def test_citer_block_works_without_script(client):
    body = text(client.get("/article/n67-acacias"))
    assert '<h2 id="h-citer">Citer</h2>' in body
    assert ("« Les Acacias, nouveau quartier prioritaire : premiers pas », Résonances n°67, "
            "avril 2024, p. 3. En ligne : http://localhost/article/n67-acacias") in body
    assert 'data-copy="citation-maison" hidden>Copier la citation</button>' in body
    assert 'href="/article/n67-acacias.ris"' in body and 'href="/article/n67-acacias.bib"' in body


def test_ris_and_bibtex_of_an_article(client):
    ris = text(client.get("/article/n67-acacias.ris"))
    assert ris.startswith("TY  - JOUR\r\n") and ris.rstrip().endswith("ER  -")
    assert "IS  - 67\r\n" in ris and "SP  - 3\r\n" in ris and "DA  - 2024/04\r\n" in ris
    bib = text(client.get("/article/a-xss.bib"))
    assert bib.startswith("@article{a-xss,")
    assert r"title = {{Un titre <script>alert('titre')</script>}}" in bib
    assert "month = sep" in bib and "number = {58}" in bib
    assert client.get("/article/inconnu.ris").status_code == 404


def test_ris_and_bibtex_of_a_results_page(client):
    ris = text(client.get("/recherche.ris?commune=78361"))
    assert ris.count("TY  - JOUR") == 10  # one page of results
    assert text(client.get("/recherche.bib?commune=78361")).count("@article{") == 10


# --- CSV and Atom -------------------------------------------------------------------------


def test_csv_holds_every_row_streamed_with_semicolons(tmp_path, corpus):
    # 250 articles: more than the 100 hits a page of the search service holds.
    articles = [article(f"m-{n:03d}", f"Chronique {n}", number=40 + n % 5, date="2019-01",
                        communes=(MANTES,), text=f"Chronique {n}, emploi; insertion.",
                        organisations=("Mission locale",), people=("Awa Diop",))
                for n in range(250)]
    app = app_over(articles, corpus, tmp_path)
    response = app.test_client().get("/recherche.csv?commune=78361")
    assert response.is_streamed
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    assert response.headers["X-Total-Results"] == "250"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 250
    header = rows[0]
    for column in ("extrait", "communes", "organisations", "personnes"):
        assert column in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["organisations"] == "Mission locale" and first["personnes"] == "Awa Diop"
    assert "emploi; insertion" in first["extrait"]
    assert len({row[0] for row in rows[1:]}) == 250


def test_atom_entries_carry_the_lead_and_a_link(client):
    feed = ET.fromstring(client.get("/recherche.atom?q=santé").get_data())
    entry = next(e for e in feed.findall(f"{ATOM}entry")
                 if e.find(f"{ATOM}id").text.endswith("/article/a-sante-sarcelles"))
    assert entry.find(f"{ATOM}summary").text == (
        "Un conseil local de santé mentale réunit les acteurs.")
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert '<a href="http://localhost/article/a-sante-sarcelles">' in content.text
    link = entry.find(f"{ATOM}link[@rel='alternate']")
    assert link.get("href") == "http://localhost/article/a-sante-sarcelles"


def test_results_page_links_its_ris_and_bibtex(client):
    body = text(client.get("/recherche?commune=78361&page=2"))
    assert 'href="/recherche.ris?commune=78361&amp;page=2"' in body
    assert 'href="/recherche.bib?commune=78361&amp;page=2"' in body
    assert "a-mantes" in text(client.get("/recherche.ris?commune=78361&page=2"))


def test_browse_lists_sort_accents_in_place(corpus, tmp_path):
    client = app_over(changed(reading_articles(), "a-xss", organisations=(
        OrganisationRef("Établissement public"),)), corpus, tmp_path).test_client()
    body = text(client.get("/organisations"))
    assert body.index("Établissement public") < body.index("Psycom")


def test_searched_words_are_marked_in_the_text_escaped(client):
    body = text(client.get("/article/n67-acacias?q=quartier"))
    assert "le <mark>quartier</mark> des Acacias" in body
    xss = text(client.get("/article/a-xss?q=santé <script>"))
    assert "<script>alert('xss')" not in xss
    assert "&lt;<mark>script</mark>&gt;alert(&#39;xss&#39;)&lt;/<mark>script</mark>&gt;" in xss
    assert "<mark>santé</mark>" in xss


@pytest.mark.parametrize("page_arg", ["²", "-1", "99999999999999999999", "3.5", "", "٣"])
def test_odd_page_arguments_fall_back_to_the_article_page(client, page_arg):
    response = client.get("/article/n67-acacias", query_string={"page": page_arg})
    assert response.status_code == 200
    assert "page-3.png?taille=page" in text(response)


@pytest.mark.parametrize("url", [
    "/numero/%00/page-1.png", "/numero/resonances-n67/page-1.png?taille=%00",
    "/numero/resonances-n67/page/2?q=" + "%22" * 600, "/article/%3Cscript%3E.ris",
    "/article/" + "x" * 300 + ".bib", "/recherche.ris?page=abc", "/recherche.bib?tri=z",
    "/article/n67-acacias?q=%FF%FE", "/numero/resonances-n67/page/3?q=-",
])
def test_reading_routes_never_answer_500(client, url):
    assert client.get(url).status_code in (200, 400, 404)
