"""Links: the destination a reader reaches, past tracking redirects; what looks like an
address in a block's text.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_TRACKERS = (
    "sendibm", "sendinblue", "brevo", "list-manage.com", "mailchimp", "mjt.lu", "sendgrid.net",
    "mailjet", "mlsend", "mailerlite", "clicks.", "click.", "track.", "trk.", "r.emsecure",
)
_REDIRECT_PARAMS = ("url", "u", "redirect", "redirect_url", "target", "dest", "destination", "link")
_URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_HAS_ADDRESS = re.compile(r"https?://|www\.|\S@\S{1,253}?\.\w", re.IGNORECASE)  # bounded


def resolve_link(href: str, anchor_text: str) -> str | None:
    """The destination a reader reaches, or None for non-links (mailto:, #…)."""
    href = href.strip()
    if not href or href.startswith("#") or href.split(":", 1)[0].lower() in {
        "mailto", "tel", "sms", "javascript", "data", "cid",
    }:
        return None
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    for param in _REDIRECT_PARAMS:
        for value in query.get(param, []):
            if value.startswith(("http://", "https://")):
                return value
    shown = anchor_text.strip()
    if any(tracker in parts.netloc.lower() for tracker in _TRACKERS) and _URL_TEXT.match(shown):
        return shown if "://" in shown else f"https://{shown}"
    return href
