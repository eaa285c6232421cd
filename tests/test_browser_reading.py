"""Reading, citing and exporting in headless Debian Chromium, at 390 px and 1280 px, over a
real index of the demo corpus (the fixtures are test_browser's).

Set KB_SCREENSHOTS=1 to refresh the reading screenshots in docs/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest

import tests.test_browser as shared

# The demo archive's server, the browser and its checked tab are test_browser's fixtures.
server_url = shared.server_url
browser = shared.browser
page = shared.page
pytestmark = shared.pytestmark
AXE = shared.AXE
SCREENSHOTS = shared.SCREENSHOTS

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def pdf_issue(page, server_url: str) -> str:
    """The page of an issue that has thumbnails (one read from a PDF)."""
    page.goto(server_url + "/numeros")
    for href in [a.get_attribute("href") for a in page.locator("ul.issues a").all()]:
        page.goto(server_url + href)
        if page.locator("ol.thumbnails img").count():
            return href
    pytest.skip("no PDF issue in the indexed archive")


def article_with_page(page, server_url: str) -> tuple[str, str]:
    """(article URL, a word of its title) for an article of a PDF issue."""
    page.goto(server_url + pdf_issue(page, server_url))
    link = page.locator(".issue-toc ol.toc a").nth(1)
    words = re.findall(r"[^\W\d_]{6,}", link.inner_text())
    return link.get_attribute("href"), words[0]


def assert_no_horizontal_scroll(page) -> None:
    width = page.viewport_size["width"]
    wider = page.evaluate(
        "w => [...document.querySelectorAll('body *')].filter(e => "
        "e.getBoundingClientRect().right > w + 1).slice(0, 5).map(e => e.tagName + '.' + "
        "e.className + ' ' + (e.textContent || '').slice(0, 60))", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wider


@pytest.fixture(params=sorted(WIDTHS))
def sized_page(request, browser):
    with shared.watched_page(browser, viewport=WIDTHS[request.param]) as tab:
        yield tab


def test_issue_page_shows_page_thumbnails(sized_page, server_url):
    issue = pdf_issue(sized_page, server_url)
    sized_page.goto(server_url + issue)
    thumbs = sized_page.locator("ol.thumbnails img")
    assert thumbs.count() >= 2
    thumbs.first.scroll_into_view_if_needed()
    sized_page.wait_for_function(
        "() => { const i = document.querySelector('ol.thumbnails img');"
        " return i.complete && i.naturalWidth > 0 }", timeout=15000)
    assert sized_page.locator("a.pdf-link").get_attribute("href").endswith(".pdf")
    assert sized_page.locator(".toc .pages").count() > 0
    assert_no_horizontal_scroll(sized_page)


def test_article_page_shows_its_page_with_the_word_highlighted(sized_page, server_url):
    url, word = article_with_page(sized_page, server_url)
    sized_page.goto(f"{server_url}{url}?q={word}")
    view = sized_page.locator("svg.page-view")
    view.scroll_into_view_if_needed()
    assert view.locator("rect.hl").count() >= 1
    box = view.bounding_box()
    assert box["width"] > 300 and box["height"] > box["width"]  # a portrait page, shown big
    href = view.locator("image").get_attribute("href")
    response = sized_page.request.get(server_url + href)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    # Leafing: the next page, then back.
    sized_page.locator(".printed-page a[rel=next]").click()
    sized_page.wait_for_url("**page=*")
    assert "Page " in sized_page.locator(".printed-page .here").inner_text()
    sized_page.locator(".printed-page a[rel=prev]").click()
    sized_page.wait_for_load_state()
    assert sized_page.locator("svg.page-view rect.hl").count() >= 1
    assert_no_horizontal_scroll(sized_page)


def test_zotero_meta_tags_and_citer_block(sized_page, server_url):
    url, _ = article_with_page(sized_page, server_url)
    sized_page.goto(server_url + url)
    meta = sized_page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('meta[name^=citation_]')]"
        ".map(m => [m.name, m.content]))")
    for name in ("citation_title", "citation_journal_title", "citation_date",
                 "citation_publication_date", "citation_issue", "citation_firstpage",
                 "citation_pdf_url", "citation_language"):
        assert meta.get(name), name
    assert meta["citation_journal_title"] == "Résonances"
    assert meta["citation_pdf_url"].startswith("http") and meta["citation_pdf_url"].endswith(".pdf")
    cite = sized_page.locator("#citation-maison").inner_text()
    assert cite.startswith("« ") and "Résonances n°" in cite
    assert sized_page.locator("button.copy").is_visible()  # shown once the script runs


def test_the_fiche_sits_beside_the_text_on_wide_screens(sized_page, server_url):
    url, _ = article_with_page(sized_page, server_url)
    sized_page.goto(server_url + url)
    text = sized_page.locator("article.article").bounding_box()
    fiche = sized_page.locator("aside.article-aside").bounding_box()
    if sized_page.viewport_size["width"] >= 1024:
        assert fiche["x"] > text["x"] + text["width"] - 1 and fiche["y"] < text["y"] + 200
    else:
        assert fiche["y"] > text["y"]


def test_footer_sits_at_the_bottom_of_short_pages(sized_page, server_url):
    sized_page.goto(server_url + "/recherche?q=zzzzzz&departement=92")
    bottom = sized_page.evaluate(
        "document.querySelector('footer.site-footer').getBoundingClientRect().bottom"
        " + window.scrollY")
    height = sized_page.evaluate("document.documentElement.scrollHeight")
    assert abs(bottom - height) <= 1 and bottom >= sized_page.viewport_size["height"] - 1


def test_the_csv_holds_every_row_as_semicolon_columns(page, server_url):
    total = page.request.get(server_url + "/api/recherche").json()["total"]
    page.goto(server_url + "/recherche")
    href = page.locator("a[href^='/recherche.csv']").first.get_attribute("href")
    response = page.request.get(server_url + href)
    raw = response.body()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + total
    assert len({len(row) for row in rows}) == 1 and len(rows[0]) >= 10
    assert {"extrait", "communes", "organisations", "personnes"} <= set(rows[0])


def reading_pages(page, server_url: str) -> dict[str, str]:
    url, word = article_with_page(page, server_url)
    issue = pdf_issue(page, server_url)
    page.goto(server_url + "/themes")
    theme = page.locator("main ul.counts a").first.get_attribute("href")
    page.goto(server_url + "/communes")
    commune = page.locator("svg.commune-map a:has(path:not(.shade-0))").first.get_attribute("href")
    return {"article": f"{url}?q={word}", "numero": issue, "page": issue + "/page/1",
            "commune": commune, "theme": theme, "organisations": "/organisations",
            "personnes": "/personnes"}


def test_no_serious_accessibility_violation_on_reading_pages(browser, server_url):
    failures = {}
    for name, size in WIDTHS.items():
        # axe is injected as an inline script, which the app's CSP rightly forbids.
        context = browser.new_context(bypass_csp=True, viewport=size)
        tab = context.new_page()
        try:
            for kind, path in reading_pages(tab, server_url).items():
                tab.goto(server_url + path)
                tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
                serious = [{"id": v["id"], "impact": v["impact"],
                            "nodes": [n["target"] for n in v["nodes"][:3]]}
                           for v in result["violations"] if v["impact"] in ("serious", "critical")]
                if serious:
                    failures[f"{kind} ({name})"] = serious
        finally:
            context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


def test_reading_screenshots(browser, server_url, tmp_path):
    target = SCREENSHOTS if os.environ.get("KB_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="fr-FR")
    tab = context.new_page()
    try:
        pages = reading_pages(tab, server_url)
        shots = {"numero": pages["numero"], "article-page": pages["article"],
                 "organisations": "/organisations"}
        for name, path in shots.items():
            tab.goto(server_url + path)
            tab.wait_for_load_state("networkidle")
            tab.screenshot(path=str(target / f"{name}.png"), full_page=True)
        tab.set_viewport_size(WIDTHS["phone"])
        tab.goto(server_url + pages["article"])
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(target / "article-mobile.png"), full_page=True)
    finally:
        context.close()
    assert all((target / f"{n}.png").stat().st_size > 5000
               for n in ("numero", "article-page", "organisations", "article-mobile"))
