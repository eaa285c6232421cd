"""Every folder given to `kb reindex` is served as sources, not only the corpus root,
under the same no-traversal rules (webui/sources.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.models import EnrichedArticle
from kbcli.reindex import reindex
from tools.issuegen.render_office import render_docx
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import load_issue
from webui import create_app

DEMO = Path(__file__).resolve().parents[1] / "tools" / "demo_issues"


def no_entities(articles):
    return [EnrichedArticle(article=a) for a in articles]


def build_site(tmp_path: Path):
    folder = tmp_path / "ailleurs" / "numeros"
    folder.mkdir(parents=True)
    (folder / "resonances-067-2024-04.txt").write_text(
        render_text(load_issue(DEMO / "resonances-067.toml")), encoding="utf-8")
    (folder / "lettre.docx").write_bytes(render_docx(load_issue(DEMO / "resonances-058.toml")))
    (tmp_path / "ailleurs" / "secret.txt").write_text("mot de passe", encoding="utf-8")
    (folder / "lien.txt").symlink_to(tmp_path / "ailleurs" / "secret.txt")
    (tmp_path / "corpus").mkdir()
    index = tmp_path / "idx"
    reindex([str(folder)], index, enrich=no_entities, progress=False)
    app = create_app({"TESTING": True, "INDEX_DIR": str(index),
                      "CORPUS_DIR": str(tmp_path / "corpus")})
    return app, folder, index


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory):
    """One site for the tests that only read it (built once: a reindex of two issues)."""
    app, folder, index = build_site(tmp_path_factory.mktemp("site"))
    yield app, folder, index
    app.extensions["kb_search"].close()


@pytest.fixture
def site(tmp_path: Path):
    """A site of the test's own, for a test that changes its index."""
    app, folder, index = build_site(tmp_path)
    yield app, folder, index
    app.extensions["kb_search"].close()


def source_url(client, issue_id: str) -> str:
    service = client.application.extensions["kb_search"]
    hit = service.articles_of_issue(issue_id)[0]
    body = client.get(f"/article/{hit.id}").get_data(as_text=True)
    found = re.search(r'href="(/source/[^"#]+)', body)
    assert found, "no source link"
    return found.group(1)


def test_files_of_an_indexed_folder_outside_the_corpus_are_served(shared_site) -> None:
    app, _folder, _index = shared_site
    client = app.test_client()
    url = source_url(client, "resonances-n67")
    assert re.fullmatch(r"/source/_/[0-9a-f]{12}/resonances-067-2024-04\.txt", url)
    with client.get(url) as response:
        assert response.status_code == 200
        assert "Résonances" in response.get_data(as_text=True)
        assert response.headers["Content-Security-Policy"].startswith("sandbox")
    word = source_url(client, "resonances-n58")
    with client.get(word) as response:
        assert response.status_code == 200
        assert response.mimetype.endswith("wordprocessingml.document")


@pytest.mark.parametrize("tail", ["../secret.txt", "..%2Fsecret.txt", "lien.txt",
                                  "/etc/passwd", "", "absent.txt"])
def test_no_traversal_out_of_an_indexed_folder(shared_site, tail: str) -> None:
    app, _folder, _index = shared_site
    client = app.test_client()
    key = source_url(client, "resonances-n67").split("/")[3]
    assert client.get(f"/source/_/{key}/{tail}").status_code == 404
    assert client.get("/source/_/000000000000/resonances-067-2024-04.txt").status_code == 404


def test_a_forgotten_folder_is_no_longer_served(site) -> None:
    app, folder, index = site
    client = app.test_client()
    url = source_url(client, "resonances-n67")
    reindex(None, index, enrich=no_entities, progress=False, forget=[str(folder)])
    assert client.get(url).status_code == 404


def test_a_file_name_of_non_utf8_bytes_is_not_linked_rather_than_a_500(tmp_path) -> None:
    import os

    from webui.sources import source_link

    root = tmp_path / "corpus"
    root.mkdir()
    name = os.fsdecode(b"r\xe9sonances-57.txt")  # latin-1 bytes: kept as a surrogate
    (root / name).write_bytes(b"texte")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"),
                      "CORPUS_DIR": str(root)})
    with app.app_context():
        assert source_link(str(root / name)) is None
