"""The web UI in headless Debian Chromium, over a real index of the demo corpus.

Skipped, with the reason, where /usr/bin/chromium is absent (`.ci/run` installs it).
Set KB_SCREENSHOTS=1 to refresh docs/screenshots/ from this run.
"""

from __future__ import annotations

import json
import os
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.webui_archive import fixture_articles, index_corpus, write_index
from webui import create_app

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="no Chromium at /usr/bin/chromium: browser tests skipped "
                              "(apt-get install chromium, as .ci/run does)"),
]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory) -> Iterator[str]:
    from werkzeug.serving import make_server

    index_dir = tmp_path_factory.mktemp("browser-index")
    corpus_files = sorted(CORPUS.glob("resonances-*")) if CORPUS.is_dir() else []
    if corpus_files:
        index_corpus(CORPUS, index_dir)  # the demo archive, read and enriched for real
    else:
        write_index(index_dir, fixture_articles())
    app = create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": str(CORPUS)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()
        app.extensions["kb_search"].close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@contextmanager
def watched_page(browser, **options):
    """A page in a new French context; a script or console error fails the test."""
    context = browser.new_context(locale="fr-FR", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"browser errors: {errors}"


@pytest.fixture
def page(browser):
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as page:
        yield page


def test_type_a_query_click_facets_and_go_back(page, server_url):
    page.goto(server_url + "/")
    page.get_by_label("Rechercher dans les archives").fill("santé")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche?q=sant*")
    assert page.locator("h1").inner_text() == "Recherche : « santé »"
    assert page.locator("ol.hits > li").count() > 0
    assert page.locator("mark").count() > 0

    theme_link = page.locator("#facet-theme + ul a").first
    theme_name = theme_link.inner_text().strip()
    theme_link.click()
    page.wait_for_url("**theme=*")
    chip = page.locator("a.chip").first
    assert theme_name in chip.inner_text()
    filtered = page.locator(".results-bar .count").inner_text()

    commune_link = page.locator("#facet-commune + ul a").first
    commune_link.click()
    page.wait_for_url("**commune=*")
    assert page.locator("a.chip").count() >= 2

    page.go_back()
    page.wait_for_url("**theme=*")
    assert "commune=" not in page.url
    assert page.locator(".results-bar .count").inner_text() == filtered

    page.locator("a.chip").first.click()  # remove the theme filter
    page.wait_for_load_state()
    assert "theme=" not in page.url


def test_follow_a_commune_on_the_map_then_open_an_article(page, server_url):
    page.goto(server_url + "/communes")
    shaded = page.locator("svg.commune-map a:has(path:not(.shade-0))").first
    label = shaded.get_attribute("aria-label")
    name = label.split(" (")[0]
    shaded.click()
    page.wait_for_url("**/commune/*")
    assert page.locator("h1").inner_text() == name
    assert page.locator("figure.timeline").count() == 1

    first = page.locator(".entity-main .hit-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/article/*")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".article .citation").inner_text().startswith("Résonances")
    assert page.locator(f'.facts a.commune:text-is("{name}")').count() == 1


def test_source_link_opens_the_file_inside_the_corpus(page, server_url):
    page.goto(server_url + "/recherche?q=santé")
    page.locator(".hit-title a").first.click()
    page.wait_for_url("**/article/*")
    link = page.locator('.facts a[href^="/source/"]')
    if link.count() == 0:
        pytest.skip("this article's source file is not under the corpus root")
    response = page.request.get(server_url + link.get_attribute("href").split("#")[0])
    assert response.status == 200


def test_the_feed_of_a_search(page, server_url):
    page.goto(server_url + "/recherche?q=santé")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(server_url + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    assert feed.findall(f"{ATOM}entry")


def test_autocomplete_is_an_enhancement(page, server_url):
    page.goto(server_url + "/")
    page.get_by_label("Rechercher dans les archives").press_sequentially("san", delay=30)
    suggestion = page.locator(".suggestions a").first
    suggestion.wait_for(timeout=5000)
    assert suggestion.get_attribute("href").startswith(("/theme/", "/commune/"))


def test_keyboard_skip_link_and_focus(page, server_url):
    page.goto(server_url + "/recherche?q=santé")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_phone_layout_has_no_horizontal_scroll(browser, server_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        for path in ("/", "/recherche?q=santé", "/communes"):
            page.goto(server_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, (path, width)
    finally:
        context.close()


def main_pages(server_url: str, page) -> dict[str, str]:
    """URLs of the main pages, found by browsing so they exist in whatever archive is indexed."""
    page.goto(server_url + "/recherche?q=santé")
    article = page.locator(".hit-title a").first.get_attribute("href")
    page.goto(server_url + "/communes")
    commune = page.locator("svg.commune-map a:has(path:not(.shade-0))").first.get_attribute("href")
    return {
        "accueil": "/", "resultats": "/recherche?q=santé", "article": article,
        "communes": "/communes", "commune": commune, "numeros": "/numeros",
        "vide": "/recherche?q=zzzzzz&departement=92", "erreur": "/page-inconnue",
    }


def test_no_serious_accessibility_violation(browser, server_url):
    # axe is injected as an inline script, which the app's CSP rightly forbids.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        failures = {}
        for name, path in main_pages(server_url, page).items():
            page.goto(server_url + path)
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            serious = [
                {"id": v["id"], "impact": v["impact"],
                 "nodes": [n["target"] for n in v["nodes"][:3]]}
                for v in result["violations"] if v["impact"] in ("serious", "critical")
            ]
            if serious:
                failures[name] = serious
        assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
    finally:
        context.close()


def test_screenshots(browser, server_url, tmp_path):
    target = SCREENSHOTS if os.environ.get("KB_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        pages = main_pages(server_url, page)
        for name in ("accueil", "resultats", "article", "communes", "commune"):
            page.goto(server_url + pages[name])
            page.screenshot(path=str(target / f"{name}.png"), full_page=name != "communes")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server_url + pages["resultats"])
        page.screenshot(path=str(target / "resultats-mobile.png"))
    finally:
        context.close()
    assert all((target / f"{n}.png").stat().st_size > 5000
               for n in ("accueil", "resultats", "article", "communes", "commune"))
