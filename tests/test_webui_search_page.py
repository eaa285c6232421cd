"""Issue 11, the search page: phones first, precision shown, filters in the URL, polish.
Over the real SearchService on a small index built in code (tests/webui_index.py); the
browser checks are in tests/test_browser_search.py."""

from __future__ import annotations

import pytest

from indexer.api import FacetValue, Query, SearchPage
from kb.textclean import plural
from tests.webui_index import SpySearchService, build_index, demo_articles
from webui import create_app, facet_groups
from webui.formatting import collation_key
from webui.state import SearchState


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("index"), demo_articles())


@pytest.fixture
def service(index_dir):
    service = SpySearchService(index_dir)
    yield service
    service.close()


@pytest.fixture
def app(service):
    return create_app({"TESTING": True, "SEARCH_SERVICE": service})


@pytest.fixture
def client(app):
    return app.test_client()


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_filters_sit_behind_a_disclosure_after_the_chips_before_the_results(client):
    body = text(client.get("/recherche?q=emploi&commune=95487&commune=95585"))
    assert '<summary id="filtres">Filtrer (2)</summary>' in body
    details = body.index('<details class="filters"')
    assert body.index("Filtres actifs") < details < body.index('<ol class="hits"')
    assert '<details class="filters" data-open-wide>' in body  # closed without script
    assert 'href="#filtres">Aller aux filtres</a>' in body
    assert 'src="/static/filters.js"' in body


def test_help_on_phrases_and_exclusion_beside_the_box(client):
    body = text(client.get("/recherche?q=emploi"))
    assert "<code>\"santé mentale\"</code>" in body and "<code>-sport</code>" in body


@pytest.mark.parametrize("url", ["/recherche?q=emploi&annee=2019-2021",
                                 "/recherche?q=emploi&annee=2021-2019",
                                 "/recherche?q=emploi&annee_de=2019&annee_a=2021",
                                 "/recherche?q=emploi&annee_de=2021&annee_a=2019&annee=2016"])
def test_a_year_range_keeps_the_query(client, service, url):
    body = text(client.get(url))
    assert service.queries[-1].text == "emploi"
    assert service.queries[-1].filters == {"year": ("2019-2021",)}
    assert "Année :</span> de 2019 à 2021" in body
    assert 'value="emploi"' in body


def test_open_ended_and_mistyped_year_bounds_never_lose_the_query(client, service):
    text(client.get("/recherche?q=emploi&annee_de=2019&annee_a=zz"))
    assert service.queries[-1].filters == {"year": ("2019-",)}
    assert service.queries[-1].text == "emploi"
    body = text(client.get("/recherche?q=emploi&annee=-2020"))
    assert "jusqu&#39;à 2020" in body


def test_the_year_range_form_keeps_the_rest_of_the_search(client):
    body = text(client.get("/recherche?q=val&commune=78361&annee=2016"))
    form = body[body.index('<form class="year-range"'):]
    form = form[:form.index("</form>")]
    assert '<input type="hidden" name="q" value="val">' in form
    assert '<input type="hidden" name="commune" value="78361">' in form
    assert 'name="annee"' not in form  # the form states the whole range
    assert 'name="annee_de"' in form and 'name="annee_a"' in form


def test_or_within_a_group_is_in_the_url(client, service):
    text(client.get("/recherche?departement=95&departement=78"))
    assert service.queries[-1].filters == {"departement": ("95", "78")}


def test_a_commune_named_in_the_query_is_offered_as_a_filter(client):
    body = text(client.get("/recherche?q=santé Sarcelles"))
    assert "Filtrer sur la commune" in body
    assert 'href="/recherche?q=sant%C3%A9+Sarcelles&amp;commune=95585">Sarcelles (95)</a>' in body
    chosen = text(client.get("/recherche?q=santé Sarcelles&commune=95585"))
    assert "Filtrer sur la commune" not in chosen


def test_partial_matches_are_apart_and_not_counted(client):
    body = text(client.get("/recherche?q=santé Persan"))
    assert "Résultats approchants" in body
    assert "Aucun article ne contient tous les mots" in body
    data = client.get("/api/recherche?q=santé Persan").get_json()
    assert data["total"] == 0 and data["hits"] == []
    assert data["approximate"]


def test_a_bar_chart_per_year_with_its_text(client):
    body = text(client.get("/recherche?commune=78361"))
    assert '<svg viewBox="0 0' in body and 'role="img"' in body
    assert '<title id="year-bars-text">Articles par année : 2015 : ' in body


def test_all_values_page_filters_a_long_group_without_script(client):
    body = text(client.get("/recherche/valeurs/commune?q=&filtre=sar"))
    assert "Sarcelles (95)" in body and "Persan" not in body
    assert 'href="/recherche?commune=95585"' in body
    assert '<input type="search" id="filtre" name="filtre" value="sar"' in body
    assert client.get("/recherche/valeurs/annee").status_code == 404


def test_french_plurals():
    assert plural(1, "autre valeur", "autres valeurs") == "1 autre valeur"
    assert plural(2, "autre valeur", "autres valeurs") == "2 autres valeurs"


def test_facet_values_sort_by_count_then_accent_aware(app):
    values = tuple(FacetValue(str(n), label, 1) for n, label in
                   enumerate(["Sarcelles", "Écouen", "Eaubonne", "Ézanville", "Argenteuil"]))
    ordered = [v.label for v in facet_groups.sort_values(values, "commune")]
    assert ordered == ["Argenteuil", "Eaubonne", "Écouen", "Ézanville", "Sarcelles"]
    assert sorted(["Zèbre", "Éa", "Eb"], key=collation_key) == ["Éa", "Eb", "Zèbre"]


def test_no_raw_keys_and_one_more_value(app):
    communes = tuple(FacetValue(f"95{n:03d}", f"Commune {n}", 10 - n) for n in range(9))
    page = SearchPage(Query(), 9, (), {"commune": communes, "theme": (
        FacetValue("cohesion-sociale", "Cohésion sociale", 5),
        FacetValue("sante", "Santé", 3), FacetValue("emploi-economie", "Emploi", 2))})
    with app.test_request_context("/recherche"):
        state = SearchState(filters={"quartier": ("95063|Val Notre-Dame",)})
        groups = {g["facet"]: g for g in facet_groups.groups(state, page)}
        chips = facet_groups.chips(state, page)
    assert groups["commune"]["hidden_label"] == "1 autre valeur"
    assert groups["commune"]["all_url"].startswith("/recherche/valeurs/commune")
    assert chips[0]["label"] == "Val Notre-Dame"
    # the theme hierarchy: Santé inside Cohésion sociale, Emploi on its own
    themes = groups["theme"]["visible"]
    assert [t["label"] for t in themes] == ["Cohésion sociale", "Emploi"]
    assert [c["label"] for c in themes[0]["children"]] == ["Santé"]
