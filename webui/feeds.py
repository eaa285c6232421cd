"""Atom feeds (RFC 4287) and the OpenSearch description, built as XML trees, never by strings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape

from flask import Response

from indexer.api import ArticleRecord, Hit
from kb.citation import citation
from webui.services import search_service
from webui.titles import display_title
from webui.urls import absolute_url

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


LEAD_CHARS = 600


def entry_lead(record: ArticleRecord) -> str:
    """The article's lead, or its first words when it has none."""
    text = " ".join((record.lead or record.text).split())
    return text if len(text) <= LEAD_CHARS else text[: LEAD_CHARS - 1].rstrip() + "…"


def entry_html(cite: str, lead: str, hit: Hit, link: str) -> str:
    """An entry's content for feed readers: escaped here, escaped again by the XML writer."""
    parts = [f"<p><em>{escape(cite)}</em></p>"]
    if lead:
        parts.append(f"<p>{escape(lead)}</p>")
    facts = []
    if hit.communes:
        facts.append("Communes : " + ", ".join(name for _, name in hit.communes))
    if hit.themes:
        facts.append("Thèmes : " + ", ".join(label for _, label in hit.themes))
    if facts:
        parts.append(f"<p>{escape(' — '.join(facts))}</p>")
    parts.append(f'<p><a href="{escape(link)}">Lire l\'article sur le site</a></p>')
    return "".join(parts)


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
        record = search_service().article(hit.id)
        entry = _sub(feed, "entry")
        _sub(entry, "title", display_title(record) if record else hit.title)
        link = absolute_url("articles.article", article_id=hit.id)
        _sub(entry, "id", link)
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        _sub(entry, "updated", rfc3339(hit.date))
        cite = citation(hit.issue_number, hit.date, hit.pages)
        lead = entry_lead(record) if record else ""
        _sub(entry, "summary", lead or cite, type="text")
        _sub(entry, "content", entry_html(cite, lead, hit, link), type="html")
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
    base = absolute_url("search.results")
    sub("Url", type="text/html", method="get", template=f"{base}?q={{searchTerms}}")
    sub(
        "Url",
        type="application/atom+xml",
        method="get",
        template=absolute_url("search.results_atom") + "?q={searchTerms}",
    )
    sub(
        "Url",
        type="application/x-suggestions+json",
        method="get",
        template=absolute_url("search.suggest_api")
        + "?format=opensearch&q={searchTerms}",
    )
    sub(
        "Url",
        type="application/opensearchdescription+xml",
        rel="self",
        template=absolute_url("search.opensearch"),
    )
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/opensearchdescription+xml")
