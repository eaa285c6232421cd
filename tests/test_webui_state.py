"""webui.state: the batched facet links are exactly the one-by-one links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.api import FACETS
from indexer.search import SearchService
from tests.webui_index import build_index, demo_articles
from webui import create_app
from webui.state import SearchState

values = st.text(min_size=1, max_size=12).filter(lambda v: v.strip())
states = st.builds(
    SearchState,
    text=st.one_of(st.just(""), st.text(max_size=20)),
    filters=st.dictionaries(st.sampled_from(FACETS), st.lists(values, min_size=1, max_size=3,
                                                               unique=True).map(tuple),
                            max_size=3),
    sort=st.sampled_from(("relevance", "date")),
    page=st.integers(1, 9),
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    service = SearchService(build_index(tmp_path_factory.mktemp("index"), demo_articles()))
    yield create_app({"TESTING": True, "SEARCH_SERVICE": service})
    service.close()


@settings(max_examples=150, deadline=None)
@given(state=states, facet=st.sampled_from(FACETS), value=values)
def test_toggle_links_equal_toggle_url(app, state: SearchState, facet: str, value: str) -> None:
    with app.test_request_context("/"):
        link = state.toggle_links(facet)
        assert link(value) == state.toggle_url(facet, value)
        for chosen in state.filters.get(facet, ()):  # removing a chosen value
            assert link(chosen) == state.toggle_url(facet, chosen)


def test_removing_the_only_filter_links_to_the_bare_page(app) -> None:
    with app.test_request_context("/"):
        state = SearchState(filters={"commune": ("95585",)})
        assert state.toggle_links("commune")("95585") == "/recherche"
        assert state.toggle_links("theme")("sante") == "/recherche?theme=sante&commune=95585"
