"""The facet registry (indexer.api.FACET_REGISTRY) is the one declaration every layer reads."""

from __future__ import annotations

import re

from indexer.api import FACET_REGISTRY, FACETS


def test_each_facet_is_declared_once_with_its_own_parameter_and_label():
    assert len({f.name for f in FACET_REGISTRY}) == len(FACET_REGISTRY) == len(FACETS)
    assert len({f.param for f in FACET_REGISTRY}) == len(FACET_REGISTRY)
    assert all(f.label and f.label[0].isupper() for f in FACET_REGISTRY)
    for facet in FACET_REGISTRY:
        if facet.value_format:
            re.compile(facet.value_format)


def test_schema_documents_and_web_tables_all_come_from_the_registry():
    from indexer.schema import build_schema
    from webui.state import FACET_LABELS, FACET_TO_PARAM, PARAM_TO_FACET
    from webui.views.browse import RELATED_FACETS

    schema = build_schema()
    assert all(name in schema.names() for name in FACETS)
    assert {f.name: f.param for f in FACET_REGISTRY} == FACET_TO_PARAM
    assert {f.param: f.name for f in FACET_REGISTRY} == PARAM_TO_FACET
    assert {f.name: f.label for f in FACET_REGISTRY} == FACET_LABELS
    assert tuple(f.name for f in FACET_REGISTRY if f.related) == RELATED_FACETS
