"""A forged Host header never reaches an absolute link; /source/ serves only listed issue files.

Over the real SearchService on a small index built in code (tests/webui_index.py): the
index's manifest lists the source files of its issues.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.search import SearchService
from tests.webui_index import build_index, demo_articles
from webui import create_app
from webui.urls import check_base_url

EVIL = "evil.example"
# Every response that carries absolute links: Atom, OpenSearch, JSON, CSV.
LINKED = ("/recherche.atom?q=sant%C3%A9", "/opensearch.xml", "/api/recherche?q=sant%C3%A9",
          "/recherche.csv?q=sant%C3%A9", "/api/article/a-sante-sarcelles",
          "/commune/95585.atom", "/theme/sante.atom")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text("[remote] url = secret", "utf-8")
    (root / ".secret").write_text("mot de passe", "utf-8")
    (root / "resonances-n57.pdf").write_bytes(b"%PDF-1.4 listed\n")
    (root / "notes-internes.txt").write_text("pas un numéro", "utf-8")  # not indexed
    (root / ".cache.pdf").write_bytes(b"%PDF-1.4 hidden\n")
    (root / "sub").mkdir()
    (root / "sub" / ".env.txt").write_text("KEY=1", "utf-8")
    return root


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("index"), demo_articles())


@pytest.fixture
def make_app(index_dir):
    services = []

    def make(corpus: Path, **config):
        services.append(SearchService(index_dir))
        return create_app({"TESTING": True, "SEARCH_SERVICE": services[-1],
                           "CORPUS_DIR": str(corpus), **config})

    yield make
    for service in services:
        service.close()


@pytest.mark.parametrize("url", LINKED)
def test_forged_host_is_not_echoed(make_app, corpus, url):
    response = make_app(corpus).test_client().get(url, headers={"Host": EVIL})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert EVIL not in body
    assert "/article/" in body or "/recherche" in body  # the links are there, relative


@pytest.mark.parametrize("url", LINKED)
def test_configured_base_url_is_used_whatever_the_host(make_app, corpus, url):
    app = make_app(corpus, BASE_URL="https://archives.example/resonances/")
    body = app.test_client().get(url, headers={"Host": EVIL}).get_data(as_text=True)
    assert EVIL not in body
    assert "https://archives.example/resonances/" in body
    assert "resonances/resonances" not in body


def test_base_url_under_a_proxy_prefix_is_not_doubled(make_app, corpus):
    app = make_app(corpus, BASE_URL="https://archives.example/resonances")
    body = app.test_client().get("/opensearch.xml", environ_overrides={
        "SCRIPT_NAME": "/resonances"}).get_data(as_text=True)
    assert "https://archives.example/resonances/recherche?q={searchTerms}" in body


def test_loopback_host_keeps_absolute_links(make_app, corpus):
    body = make_app(corpus).test_client().get(
        "/opensearch.xml", headers={"Host": "127.0.0.1:5000"}).get_data(as_text=True)
    assert "http://127.0.0.1:5000/recherche?q={searchTerms}" in body


def test_trusted_hosts_refuse_other_hosts(make_app, corpus):
    app = make_app(corpus, ALLOWED_HOSTS=["archives.example"])
    client = app.test_client()
    good = client.get("/opensearch.xml", headers={"Host": "archives.example"})
    assert "http://archives.example/recherche" in good.get_data(as_text=True)
    forged = client.get("/opensearch.xml", headers={"Host": EVIL})
    assert forged.status_code == 400
    assert EVIL not in forged.get_data(as_text=True)


@pytest.mark.parametrize("value", ["archives.example", "ftp://x.example", "https://",
                                   "https://x.example/?q=1", "https://u@x.example"])
def test_invalid_base_url_is_refused(value):
    with pytest.raises(ValueError, match="adresse publique invalide"):
        check_base_url(value)


@pytest.mark.parametrize("path", [
    ".git/config", ".secret", ".cache.pdf", "sub/.env.txt", "notes-internes.txt",
    "%2Egit/config", "sub/../.secret",
])
def test_dotfiles_and_files_not_indexed_are_not_served(make_app, corpus, path):
    response = make_app(corpus).test_client().get("/source/" + path, follow_redirects=True)
    assert response.status_code == 404
    assert b"secret" not in response.get_data()
    assert b"KEY=1" not in response.get_data()


def test_listed_issue_file_is_served(make_app, corpus):
    with make_app(corpus).test_client().get("/source/resonances-n57.pdf") as response:
        assert response.status_code == 200
        assert response.get_data().startswith(b"%PDF-1.4 listed")
