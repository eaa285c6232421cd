"""Noise removal: scripts, menus, sidebars, widgets, hidden preheaders, unsubscribe
footers and boilerplate lines; and the page's content container when it has one.
"""

from __future__ import annotations

import re

from bs4 import Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from kb.extract.html.styles import _is_hidden, parse_style
from kb.extract.html.values import _HEADING_TAGS, _SPACES, clean_text
from kb.extract.html_tree import removed

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "button", "select", "textarea", "input", "nav",
    "aside", "footer", "head", "title", "meta", "link",
})
# Dropped only when small: some CMS wrap the whole page in a <form> or a <header>.
_DROP_TAGS_IF_SMALL = frozenset({"form", "header"})


# Tokens of class/id names that mark page furniture. "footer"/"menu" as whole tokens:
# "templateFooter", "site-footer", "menu-principal"; not "footerless".
_NOISE_TOKENS = frozenset({
    "menu", "menus", "nav", "navbar", "navigation", "sidebar", "widget", "widgets",
    "footer", "cookie", "cookies", "gdpr", "rgpd", "consent", "share", "sharing",
    "sharedaddy", "addtoany", "social", "breadcrumb", "breadcrumbs", "ariane", "comments",
    "comment", "respond", "related", "relatedposts", "preheader", "unsubscribe",
    "pagination", "tagcloud", "byline", "follow",
})
# Two-token combinations: furniture only together ("entry-meta", "newsletter-signup").
_NOISE_PAIRS = (
    ({"entry", "post"}, {"meta", "footer", "tags", "categories"}),
    (
        {"newsletter", "mailing", "lettre"},
        {"signup", "subscribe", "inscription", "form", "abonnement"},
    ),
    ({"cat", "tags"}, {"links"}),
    ({"screen", "sr"}, {"reader", "only"}),
    ({"skip"}, {"link", "links", "content"}),
)
_NOISE_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
})
_NOISE_LABEL = re.compile(
    r"cookie|menu|fil d.ariane|breadcrumb|partag|share|r[ée]seaux sociaux", re.IGNORECASE
)
# Page builders mark every block "widget": never read that as a sidebar.
_BUILDER_TOKENS = frozenset({"elementor", "wp-block", "mj", "mcn"})

_CONTENT_SELECTORS = (
    "main", "[role=main]", "article", ".entry-content", ".post-content", ".article-content",
    "#content", ".content",
)
# A candidate container must hold at least this share of the body's text.
_MIN_CONTENT_SHARE = 0.25
# A furniture candidate holding more than this share of the page is a wrapper, not furniture.
_MAX_NOISE_SHARE = 0.4

# Text that marks the unsubscribe footer: its whole (small) container goes.
_FOOTER_TRIGGER = re.compile(
    r"se\s+d[ée]sinscrire|d[ée]sinscription|d[ée]sabonne|unsubscribe|"
    r"vous\s+recevez\s+(?:cet|ce)\s+(?:e-?mail|courriel|message|mail)",
    re.IGNORECASE,
)
_FOOTER_MAX_CHARS = 800
_FOOTER_LINE_MAX_CHARS = 150
# Boilerplate lines, dropped one by one when short.
_BOILERPLATE = re.compile(
    r"^(?:voir|afficher|consulter|lire|ouvrir)\b.{0,40}?\b(?:version\s+(?:en\s+ligne|web|navigateur)"
    r"|(?:dans\s+(?:le|votre|un)\s+navigateur)|en\s+ligne)"
    r"|si\s+(?:ce|cet)\s+(?:e-?mail|message)\s+ne\s+s.affiche"
    r"|d[ée]sinscri|d[ée]sabonne|unsubscribe|g[ée]rer\s+(?:mes|vos)\s+pr[ée]f[ée]rences"
    r"|vous\s+recevez\s+(?:cet|ce)\s+(?:e-?mail|courriel|message|mail)"
    r"|mentions\s+l[ée]gales|politique\s+de\s+confidentialit|tous\s+droits\s+r[ée]serv|^©|^copyright"
    r"|(?:utilis\w*|d[ée]pos\w*)\s+des\s+cookies|(?:accepter|refuser|param[ée]tr\w*)\s+(?:les\s+)?cookies"
    r"|gestion\s+des\s+cookies|^suivez[-\s]nous|^retrouvez[-\s]nous\s+sur|^partage[rz]\b(?:\s*(?::|sur\b|cet|ce\b|la\b|l.article)|\s*$)"
    r"|^(?:imprimer|transf[ée]rer|envoyer)\s+(?:cette|à|a)\b|^aller\s+au\s+contenu|^plan\s+du\s+site"
    r"|^(?:accepter|refuser|tout\s+accepter)$",
    re.IGNORECASE,
)
_BOILERPLATE_MAX_CHARS = 300


# ---------------------------------------------------------------------------
# Noise removal


def _tokens(tag: Tag) -> set[str]:
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names)  # templateFooter → template Footer
    return {token for token in re.split(r"[\s_\-]+", names.lower()) if token}


def _is_furniture(tag: Tag) -> bool:
    tokens = _tokens(tag)
    if tokens & _NOISE_TOKENS and not tokens & _BUILDER_TOKENS:
        return True
    if any(tokens & first and tokens & second for first, second in _NOISE_PAIRS):
        return True
    if str(tag.get("role") or "").lower() in _NOISE_ROLES:
        return True
    return bool(_NOISE_LABEL.search(str(tag.get("aria-label") or "")))


def _text_length(node: Tag) -> int:
    return len(_SPACES.sub("", node.get_text()))


def _inside(tag: Tag, names: set[str]) -> bool:
    return any(parent.name in names for parent in tag.parents)


def _remove_noise(root: Tag) -> None:
    total = max(_text_length(root), 1)
    for tag in list(root.find_all(True)):
        if removed(tag):
            continue
        name = tag.name
        if name in _DROP_TAGS:
            # A <footer>/<nav> inside the article is the article's own furniture too.
            tag.decompose()
            continue
        if name in _DROP_TAGS_IF_SMALL:
            if name == "header" and _inside(tag, {"article", "main"}):
                continue  # an entry header holds the article's title
            if _text_length(tag) / total < _MAX_NOISE_SHARE:
                tag.decompose()
            continue
        if _is_hidden(tag, parse_style(tag.get("style"))) or (
            _is_furniture(tag) and _text_length(tag) / total < _MAX_NOISE_SHARE
        ):
            tag.decompose()
    for node in list(root.find_all(string=True)):
        if isinstance(node, Comment | Doctype | Declaration | ProcessingInstruction):
            node.extract()


def _remove_unsubscribe_footer(root: Tag) -> None:
    """Drop the small container around an unsubscribe line: address, social icons and
    legal lines of an e-mail footer go with it, the (large) content around stays."""
    for node in list(root.find_all(string=_FOOTER_TRIGGER)):
        container = getattr(node, "parent", None)  # gone with an earlier footer
        if container is None or removed(container):
            continue
        while (
            container.parent is not None
            and container.parent is not root
            and container.parent.name not in {"body", "html", "[document]"}
            and _text_length(container.parent) <= _FOOTER_MAX_CHARS
            and not _holds_editorial_text(container.parent)
        ):
            container = container.parent
        if _text_length(container) <= _FOOTER_MAX_CHARS:
            container.decompose()


def _holds_editorial_text(tag: Tag) -> bool:
    """A heading or a real paragraph: what a short e-mail's only cell may share with
    its unsubscribe line. Footer lines are short."""
    if tag.find(list(_HEADING_TAGS)) is not None:
        return True
    texts = [part.get_text() for part in tag.find_all(["p", "li"])]
    texts += [str(string) for string in tag.find_all(string=True)]
    return any(
        len(clean_text(text)) > _FOOTER_LINE_MAX_CHARS
        and not _FOOTER_TRIGGER.search(text)
        and not _BOILERPLATE.search(text)
        for text in texts
    )


def _content_root(body: Tag) -> Tag:
    total = max(_text_length(body), 1)
    for selector in _CONTENT_SELECTORS:
        found = body.select(selector)
        if selector == "article" and len(found) != 1:
            continue  # a listing of posts, not one post
        for candidate in found:
            if _text_length(candidate) / total >= _MIN_CONTENT_SHARE:
                return candidate
    return body
