"""Issue 11, the search page in headless Debian Chromium at 390 px and 1280 px, over a
real index of the demo corpus (the fixtures of tests/test_browser.py)."""

from __future__ import annotations

import json
import re

import pytest

from tests.test_browser import (  # noqa: F401
    AXE,
    CHROMIUM,
    LAUNCH_ARGS,
    browser,
    server_url,
    watched_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium"),
]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
EVERYDAY = ("emploi des jeunes", "santé mentale", "Sarcelles", "renouvellement urbain",
            "tiers-lieux")


@pytest.fixture(params=[PHONE, WIDE], ids=["390px", "1280px"])
def page(request, browser):  # noqa: F811
    phone = request.param == PHONE
    with watched_page(browser, viewport=request.param, is_mobile=phone,
                      has_touch=phone) as page:
        yield page


def search(page, base: str, query: str) -> None:
    page.goto(f"{base}/recherche?q={query}")


def count(page) -> int:
    return int(re.match(r"[\d\u202f]+", page.locator(".results-bar .count").inner_text())
               .group().replace("\u202f", ""))


def hrefs(page) -> list[str]:
    """The articles listed, without the searched words each link carries along."""
    return page.locator("ol.hits").first.locator(".hit-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('?')[0])")


@pytest.mark.parametrize("query", EVERYDAY)
def test_first_result_shows_without_scrolling(page, server_url, query):  # noqa: F811
    search(page, server_url, query)
    first = page.locator("ol.hits > li .hit-title a").first
    box = first.bounding_box()
    height = page.viewport_size["height"]
    assert page.evaluate("window.scrollY") == 0
    assert box is not None and box["y"] + box["height"] <= height, (query, box)


def test_filters_behind_a_disclosure_on_a_phone_open_beside_on_a_wide_screen(
        page, server_url):  # noqa: F811
    search(page, server_url, "santé")
    panel = page.locator("details.filters")
    summary = page.locator("summary#filtres")
    assert summary.inner_text() == "Filtrer (0)"
    if page.viewport_size["width"] < 500:
        assert panel.get_attribute("open") is None
        assert not page.locator("#facet-theme").is_visible()
        summary.click()
    assert page.locator("#facet-theme").is_visible()


def test_skip_link_reaches_the_filters(page, server_url):  # noqa: F811
    search(page, server_url, "santé")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller aux filtres"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#filtres"


def test_pole_emploi_holds_both_words_phrase_first(page, server_url):  # noqa: F811
    search(page, server_url, "Pôle emploi")
    total = count(page)
    archive = page.request.get(server_url + "/api/recherche").json()["total"]
    assert 0 < total < archive / 3
    assert "pôle emploi" in page.locator(".hit-title a").first.inner_text().lower()
    data = page.request.get(server_url + "/api/recherche?q=Pôle emploi").json()
    assert data["total"] == total
    for hit in data["hits"]:
        article = page.request.get(server_url + f"/api/article/{hit['id']}")
        if article.ok:
            body = json.dumps(article.json(), ensure_ascii=False).lower()
            assert "emploi" in body and ("pôle" in body or "pole" in body), hit["title"]


def test_a_hyphen_is_a_space(page, server_url):  # noqa: F811
    search(page, server_url, "tiers-lieux")
    hyphen = (count(page), hrefs(page))
    search(page, server_url, "tiers lieux")
    assert (count(page), hrefs(page)) == hyphen
    search(page, server_url, "adulte-relais")
    relais = (count(page), hrefs(page))
    search(page, server_url, "adultes relais")
    assert (count(page), hrefs(page)) == relais


def open_filters(page) -> None:
    if page.locator("details.filters").get_attribute("open") is None:
        page.locator("summary#filtres").click()


def test_or_within_a_group(page, server_url):  # noqa: F811
    page.goto(server_url + "/recherche?q=emploi")
    open_filters(page)
    links = page.locator("#facet-departement + ul a")
    first_name, first_count = links.nth(0).inner_text(), int(
        page.locator("#facet-departement + ul .count").nth(0).inner_text())
    second_count = int(page.locator("#facet-departement + ul .count").nth(1).inner_text())
    links.nth(0).click()
    page.wait_for_url("**departement=*")
    assert count(page) == first_count
    open_filters(page)
    page.locator("#facet-departement + ul a:not(.selected)").first.click()
    page.wait_for_load_state()
    assert page.url.count("departement=") == 2
    assert page.locator("a.chip").count() >= 2 and first_name in page.locator(
        ".chips").inner_text()
    # articles of either département: an article may be in both, so at most the sum
    assert max(first_count, second_count) <= count(page) <= first_count + second_count
    assert page.locator("summary#filtres").inner_text() == "Filtrer (2)"


def test_a_year_range(page, server_url):  # noqa: F811
    page.goto(server_url + "/recherche?q=emploi")
    everything = count(page)
    open_filters(page)
    years = page.locator("#annee-de option").evaluate_all(
        "options => options.map(o => o.value).filter(v => v)")
    assert len(years) >= 3
    page.select_option("#annee-de", years[1])
    page.select_option("#annee-a", years[-2])
    page.locator(".year-range button").click()
    page.wait_for_url("**annee*")
    assert "q=emploi" in page.url
    assert f"de {years[1]} à {years[-2]}" in page.locator(".chips").inner_text()
    ranged = count(page)
    assert 0 < ranged < everything
    page.goto(server_url + f"/recherche?q=emploi&annee={years[1]}-{years[-2]}")
    assert count(page) == ranged


def test_no_serious_accessibility_violation_on_the_search_page(browser, server_url):  # noqa: F811
    failures = {}
    for viewport in (PHONE, WIDE):
        context = browser.new_context(bypass_csp=True, viewport=viewport)
        page = context.new_page()
        try:
            for path in ("/recherche?q=santé", "/recherche?q=emploi&departement=95&annee=2019-2024",
                         "/recherche?q=emploi jeunes Sarcelles", "/recherche?q=zzzzzz",
                         "/recherche/valeurs/commune?filtre=sa"):
                page.goto(server_url + path)
                page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
                serious = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]}
                           for v in result["violations"]
                           if v["impact"] in ("serious", "critical")]
                if serious:
                    failures[f"{viewport['width']} {path}"] = serious
        finally:
            context.close()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


def test_a_filter_box_in_a_long_group(page, server_url):  # noqa: F811
    page.goto(server_url + "/recherche")
    open_filters(page)
    wanted = page.locator("#facet-commune + ul li a").nth(2).inner_text().strip()[:4].lower()
    box = page.locator("#filtre-commune")
    box.fill(wanted)  # with script: the listed values narrow as one types
    shown = page.locator("#facet-commune + ul li:visible").all_inner_texts()
    assert shown and all(wanted in text.lower() for text in shown)
    assert page.locator("#facet-commune + ul li:visible").count() < page.locator(
        "#facet-commune + ul li").count()
    box.press("Enter")  # submitted: the page of every value, the same without script
    page.wait_for_url("**/recherche/valeurs/commune?**")
    listed = page.locator(".all-values-list li").all_inner_texts()
    assert listed and all(wanted in text.lower() for text in listed)
    page.locator(".all-values-list a").first.click()
    page.wait_for_url("**/recherche?commune=*")
    assert page.locator("a.chip").count() == 1
