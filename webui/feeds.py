"""Atom feeds (RFC 4287) and the OpenSearch description, built as XML trees, never by strings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime

from flask import Response

from indexer.api import Hit
from kb.citation import citation
from webui.urls import external_url

ATOM_NS = "http://www.w3.org/2005/Atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
# XML 1.0 cannot carry these even escaped; text pulled from PDFs sometimes holds them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def rfc3339(date: str | None) -> str:
    """Issue dates are days or months; Atom wants an instant, so midnight UTC of that day."""
    if not date:
        return "1970-01-01T00:00:00Z"
    parts = [*date.split("-"), "01", "01"][:3]
    try:
        moment = datetime(int(parts[0]), int(parts[1] or 1), int(parts[2] or 1), tzinfo=UTC)
    except ValueError:
        return "1970-01-01T00:00:00Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def atom_feed(
    *, title: str, feed_id: str, self_url: str, html_url: str, hits: Iterable[Hit]
) -> Response:
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "fr"})
    _sub(feed, "title", title)
    _sub(feed, "id", feed_id)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=html_url)
    author = _sub(feed, "author")
    _sub(author, "name", "Pôle ressources ville et développement social")
    hits = list(hits)
    updated = max((rfc3339(hit.date) for hit in hits), default=rfc3339(None))
    _sub(feed, "updated", updated)
    for hit in hits:
        entry = _sub(feed, "entry")
        _sub(entry, "title", hit.title)
        link = external_url("articles.article", article_id=hit.id)
        _sub(entry, "id", link)
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        _sub(entry, "updated", rfc3339(hit.date))
        summary_parts = [citation(hit.issue_number, hit.date, hit.pages)]
        if hit.communes:
            summary_parts.append("Communes : " + ", ".join(name for _, name in hit.communes))
        if hit.themes:
            summary_parts.append("Thèmes : " + ", ".join(label for _, label in hit.themes))
        _sub(entry, "summary", " — ".join(summary_parts), type="text")
        for theme_id, label in hit.themes:
            _sub(entry, "category", term=theme_id, label=label)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def opensearch_description() -> Response:
    ET.register_namespace("", OPENSEARCH_NS)
    root = ET.Element(f"{{{OPENSEARCH_NS}}}OpenSearchDescription")

    def sub(tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(root, f"{{{OPENSEARCH_NS}}}{tag}", attrs)
        element.text = text
        return element

    sub("ShortName", "Résonances")
    sub("Description", "Rechercher dans les archives de la lettre Résonances")
    sub("InputEncoding", "UTF-8")
    sub("Language", "fr")
    base = external_url("search.results")
    sub("Url", type="text/html", method="get", template=f"{base}?q={{searchTerms}}")
    sub(
        "Url",
        type="application/atom+xml",
        method="get",
        template=external_url("search.results_atom") + "?q={searchTerms}",
    )
    sub(
        "Url",
        type="application/x-suggestions+json",
        method="get",
        template=external_url("search.suggest_api")
        + "?format=opensearch&q={searchTerms}",
    )
    sub(
        "Url",
        type="application/opensearchdescription+xml",
        rel="self",
        template=external_url("search.opensearch"),
    )
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/opensearchdescription+xml")
