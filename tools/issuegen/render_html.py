"""Render an issue spec as HTML: the e-mailing sent to subscribers, or the issue's web page.

Both reproduce what makes real HTML hard to extract, not a clean semantic document:

- `render_email_html`: a Sendinblue/Mailchimp-style campaign — nested
  `<table role="presentation">` layout, inline styles everywhere, a hidden preview text,
  "Voir la version en ligne", logo table, section names and titles as styled `<td>`/`<p>`
  (no h-tags), tracking redirect hrefs whose anchor text shows the real address,
  paragraphs sometimes written as one cell split by `<br><br>`, list rubrics as `<ul>`
  or as "•" lines split by `<br>`, soft hyphens, `&nbsp;` typography, spacer cells,
  social icons and the unsubscribe footer.
- `render_web_html`: the issue posted on a WordPress-like site — site header with menu,
  breadcrumb, h1/h2/h3/h4 article, rubric paragraphs, share buttons, comments, related
  posts, sidebar widgets (recent posts, tag cloud, newsletter signup), footer with legal
  links, cookie banner, scripts. Two layouts: `<main><article>` or, with no semantic
  container, `div.entry-content`.

The content order mirrors `render_text.article_lines`. `encoding` is the charset of the
bytes; the `<meta>` declares it unless `declare_charset=False`, or declares
`declared_charset` instead (a wrong declaration, as found in the wild). Characters the
charset cannot encode become numeric character references. Output is deterministic.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape

from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

ACCENT = "#b0254f"
INK = "#1e1e1e"
GREY = "#6b6b6b"
FONT = "font-family:Arial,Helvetica,sans-serif"
BODY_STYLE = f"{FONT};font-size:14px;line-height:21px;color:{INK};margin:0 0 12px 0"

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()«»\"]+[^\s<>()«»\".,;:!?]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_WORD = re.compile(r"\b([^\W\d_]{6})([^\W\d_]{8,})\b")


# ---------------------------------------------------------------------------
# Inline text


def _href(target: str) -> str:
    target = target.strip("<>")
    return target if "://" in target else f"https://{target}"


def _tracking_href(target: str) -> str:
    """A Sendinblue-like redirect: the real address is only visible in the anchor text."""
    digest = hashlib.sha1(target.encode("utf-8")).hexdigest()
    return f"https://r.sendibm.com/mk/cl/f/{digest[:24]}/{digest[24:]}"


def _typography(text: str) -> str:
    """Escaped text with French non-breaking spaces as `&nbsp;`, as editors produce them."""
    escaped = escape(text, quote=False)
    escaped = re.sub(r"« ", "«&nbsp;", escaped)
    escaped = re.sub(r" ([»:;?!])", r"&nbsp;\1", escaped)
    return escaped


def _inline(text: str, *, tracked: bool = False, shy: bool = False) -> str:
    """Markdown-ish spec text (`**bold**`, `*italic*`, bare URLs/e-mails) as inline HTML."""
    out: list[str] = []
    position = 0
    for match in re.finditer(f"{_URL.pattern}|{_EMAIL.pattern}", text):
        out.append(_emphasis(text[position:match.start()], shy))
        target = match.group(0)
        if "@" in target and "/" not in target:
            href = f"mailto:{target}"
        else:
            href = _tracking_href(target) if tracked else _href(target)
        out.append(
            f'<a href="{escape(href)}" target="_blank" '
            f'style="color:{ACCENT};text-decoration:underline">{escape(target)}</a>'
        )
        position = match.end()
    out.append(_emphasis(text[position:], shy))
    return "".join(out)


def _emphasis(text: str, shy: bool) -> str:
    html = _typography(text)
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"\*(.+?)\*", r"<em>\1</em>", html)
    if shy:
        # Some editors paste text carrying soft hyphens in long words.
        html = _LONG_WORD.sub(r"\1&shy;\2", html)
    return html


def _with_line_break(html: str) -> str:
    """Break one long paragraph's line after a comma, as a pasted text keeps it."""
    cut = html.find(", ", 80)
    if cut == -1 or "<" in html[:cut]:
        return html
    return f"{html[:cut]},<br>\n{html[cut + 2:]}"


def _encode(html: str, encoding: str) -> bytes:
    return html.encode(encoding, errors="xmlcharrefreplace")


def _meta(
    encoding: str, declare_charset: bool, declared_charset: str | None, *, http_equiv: bool
) -> str:
    if declared_charset is None and not declare_charset:
        return ""
    charset = declared_charset or encoding
    if http_equiv:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f'<meta charset="{charset}">'


# ---------------------------------------------------------------------------
# E-mail


def _row(content: str, *, padding: str = "0 30px") -> str:
    return (
        '<tr><td align="left" valign="top" '
        f'style="padding:{padding};{FONT};font-size:14px;line-height:21px;color:{INK}">'
        f"{content}</td></tr>"
    )


def _spacer(height: int = 20) -> str:
    return (
        f'<tr><td height="{height}" style="font-size:0px;line-height:0px;'
        'mso-line-height-rule:exactly">&nbsp;</td></tr>'
    )


@dataclass(frozen=True)
class _Look:
    """How an editor set this issue's titles: tag, case, rubric markers."""

    title_tag: str | None = None  # None: the house rotation of styled <p>s
    title_case: str = "upper"
    markers: bool = True

    def title(self, text: str) -> str:
        return text.upper() if self.title_case == "upper" else text


_TITLE_TAGS = (None, "p", "h2", "h3", "strong")


def _email_title(title: str, look: _Look) -> str:
    text = _typography(look.title(title))
    if look.title_tag == "p":
        return (
            f'<p style="{FONT};font-size:19px;line-height:25px;font-weight:bold;color:{INK};'
            f'margin:0 0 10px 0">{text}</p>'
        )
    if look.title_tag in ("h2", "h3"):
        size = 22 if look.title_tag == "h2" else 18
        return (
            f'<{look.title_tag} style="{FONT};font-size:{size}px;line-height:1.25;color:{INK};'
            f'margin:0 0 10px 0">{text}</{look.title_tag}>'
        )
    # A title alone in its own cell, in <strong>, body text in the next row.
    return (
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>'
        f'<td style="{FONT};font-size:15px;color:{ACCENT};padding:0 0 8px 0">'
        f"<strong>{text}</strong></td></tr></table>"
    )


def _email_extras(article: ArticleSpec) -> list[str]:
    """A picture with its caption and a pull quote, after the first paragraph."""
    parts: list[str] = []
    if article.picture:
        parts.append(
            '<img src="https://img.mailinblue.com/photo.jpg" width="540" alt="" '
            'style="display:block;width:100%;border:0">'
            f'<p style="{FONT};font-size:11px;font-style:italic;color:{GREY};margin:4px 0 12px 0">'
            f"{_typography(article.picture)}</p>"
        )
    if article.pull_quote:
        parts.append(
            f'<p style="{FONT};font-size:20px;line-height:27px;font-style:italic;'
            f'font-weight:bold;color:{ACCENT};margin:8px 20px 14px 20px">'
            f"{_typography(f'« {article.pull_quote} »')}</p>"
        )
    return parts


def _email_article(article: ArticleSpec, index: int, look: _Look = _Look()) -> str:
    tracked = index % 2 == 1
    parts: list[str] = []
    if article.marker and look.markers:
        parts.append(
            f'<p style="{FONT};font-size:13px;color:{ACCENT};margin:0 0 6px 0">'
            f"{_typography(f'< {article.marker} >')}</p>"
        )
    if article.heading:
        parts.append(
            f'<p style="{FONT};font-size:13px;font-style:italic;color:{GREY};margin:0 0 4px 0">'
            f"{_typography(article.heading)}</p>"
        )
    if article.is_list:
        parts.append(
            f'<p style="{FONT};font-size:18px;font-weight:bold;color:{INK};margin:0 0 8px 0">'
            f"{_typography(article.title)}</p>"
        )
        if index % 2 == 0:
            items = "".join(
                f'<li style="{FONT};font-size:14px;line-height:21px;margin:0 0 4px 0">'
                f"{_inline(item)}</li>"
                for item in article.items
            )
            parts.append(f'<ul style="margin:0 0 12px 0;padding-left:20px">{items}</ul>')
        else:
            lines = "<br>\n".join(f"•&nbsp;{_inline(item)}" for item in article.items)
            parts.append(f'<p style="{BODY_STYLE}">{lines}</p>')
    elif look.title_tag is not None:
        parts.append(_email_title(article.title, look))
        body = _email_body(article.paragraphs, index)
        extras = _email_extras(article)
        if extras:
            cut = body.find("</p>") + len("</p>") if body.startswith("<p") else len(body)
            body = body[:cut] + "\n" + "\n".join(extras) + body[cut:]
        parts.append(body)
    else:
        title = article.title
        if index % 3 == 0:
            parts.append(
                f'<p style="{FONT};font-size:18px;line-height:24px;font-weight:bold;'
                f'text-transform:uppercase;color:{INK};margin:0 0 10px 0">'
                f"{_typography(title)}</p>"
            )
        elif index % 3 == 1:
            parts.append(
                f'<p style="{FONT};font-size:14px;color:{INK};margin:0 0 10px 0">'
                f"<strong>{_typography(title.upper())}</strong></p>"
            )
        else:
            parts.append(
                f'<p style="{FONT};font-size:17px;line-height:23px;color:{ACCENT};'
                f'font-weight:700;margin:0 0 10px 0"><span>{_typography(title.upper())}</span></p>'
            )
        parts.append(_email_body(article.paragraphs, index))
    if article.items and not article.is_list:  # an ordinary article's list
        parts.append('<ul style="margin:0 0 12px 0;padding-left:20px">' + "".join(
            f'<li style="{FONT};font-size:14px;line-height:21px;margin:0 0 4px 0">'
            f"{_inline(item)}</li>" for item in article.items) + "</ul>")
    closing = [_inline(link, tracked=tracked) for link in article.links]
    if article.more:
        closing.append(f"En savoir plus&nbsp;: {_inline(article.more, tracked=tracked)}")
    if article.contact:
        closing.append(f"<strong>Contact&nbsp;:</strong> {_inline(article.contact)}")
    parts += [f'<p style="{BODY_STYLE}">{line}</p>' for line in closing]
    return _row("\n".join(parts)) + _spacer(16)


def _email_body(paragraphs: list[str], index: int) -> str:
    """Paragraphs as `<p>`s, or (odd articles) one cell split by `<br><br>` as many
    campaign editors save them; intertitles as bold paragraphs."""
    shy = index % 2 == 1
    if index % 2 == 0:
        html: list[str] = []
        for number, paragraph in enumerate(paragraphs):
            if paragraph.startswith("## "):
                html.append(
                    f'<p style="{FONT};font-size:15px;font-weight:bold;color:{ACCENT};'
                    f'margin:14px 0 6px 0">{_typography(paragraph[3:])}</p>'
                )
            else:
                text = _inline(paragraph, shy=shy)
                html.append(
                    f'<p style="{BODY_STYLE}">'
                    f"{_with_line_break(text) if number == 0 else text}</p>"
                )
        return "\n".join(html)
    chunks: list[str] = []
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            chunks.append(f"<b>{_typography(paragraph[3:])}</b>")
        else:
            chunks.append(_inline(paragraph, shy=shy))
    return f'<div style="{BODY_STYLE}">' + "<br>\n<br>\n".join(chunks) + "</div>"


def _email_section(section: SectionSpec, start: int, look: _Look = _Look()) -> str:
    name = _typography(section.name)
    if look.title_tag in ("h2", "h3"):
        # Sections one level above the titles, as a coloured bar.
        tag = "h1" if look.title_tag == "h2" else "h2"
        name = f'<{tag} style="margin:0;font-size:22px;color:#ffffff">{name}</{tag}>'
    head = (
        '<tr><td style="padding:0 30px">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
        f'<tr><td bgcolor="{ACCENT}" style="padding:8px 12px;{FONT};font-size:22px;'
        f'line-height:28px;font-weight:bold;color:#ffffff">{name}</td></tr>'
        "</table></td></tr>" + _spacer(14)
    )
    articles = "".join(
        _email_article(article, start + offset, look)
        for offset, article in enumerate(section.articles)
    )
    return head + articles


def _box_paragraphs(box: ArticleSpec) -> list[str]:
    """A box's opening paragraphs, before its list (a list rubric has none)."""
    return [] if box.is_list else box.paragraphs


def _email_box(box: ArticleSpec) -> str:
    """The boxed list ("Agenda", "À noter"): a tinted cell with its own title."""
    items = "<br>\n".join(f"•&nbsp;{_inline(item)}" for item in box.items)
    return _row(
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
        f'<tr><td bgcolor="#f6e8ed" style="padding:12px 14px;border:1px solid {ACCENT};{FONT}">'
        f'<p style="{FONT};font-size:16px;font-weight:bold;color:{ACCENT};margin:0 0 6px 0">'
        f"{_typography(box.title)}</p>"
        + "".join(f'<p style="{FONT};font-size:13px;line-height:19px;margin:0 0 6px 0">'
                  f"{_inline(p.removeprefix('## '))}</p>" for p in _box_paragraphs(box))
        + f'<p style="{FONT};font-size:13px;line-height:19px;margin:0">{items}</p>'
        "</td></tr></table>"
    ) + _spacer(16)


def _social_icons() -> str:
    icons = [
        ("Facebook", "https://www.facebook.com/poleressources95"),
        ("Twitter", "https://twitter.com/poleressources"),
        ("LinkedIn", "https://www.linkedin.com/company/pole-ressources"),
    ]
    cells = "".join(
        f'<td style="padding:0 6px"><a href="{href}" target="_blank">'
        f'<img src="https://img.mailinblue.com/social/{name.lower()}.png" width="32" height="32" '
        f'alt="{name}" style="display:block;border:0"></a></td>'
        for name, href in icons
    )
    return (
        '<table role="presentation" align="center" cellpadding="0" cellspacing="0" border="0">'
        f"<tr>{cells}</tr></table>"
    )


def render_email_html(
    issue: IssueSpec,
    *,
    encoding: str = "utf-8",
    declare_charset: bool = True,
    declared_charset: str | None = None,
    title_tag: str | None = None,
    title_case: str = "upper",
    markers: bool = True,
) -> bytes:
    """The issue as the HTML of its e-mailing, encoded in `encoding`.

    By default titles are styled `<p>`s in capitals, three styles in turn. `title_tag`
    sets every title one way instead: "p" (a bigger bold paragraph), "h2"/"h3" (sections
    then become h1/h2 in their bar), "strong" (a `<strong>` alone in its own table
    cell); `title_case="as_written"` keeps the spec's mixed case; `markers=False` leaves
    out the rubric markers. The spec's `sidebar` is a tinted box after the first section.
    """
    if title_tag not in _TITLE_TAGS:
        raise ValueError(f"unknown title_tag {title_tag!r}")
    look = _Look(title_tag=title_tag, title_case=title_case, markers=markers)
    meta = _meta(encoding, declare_charset, declared_charset, http_equiv=True)
    first_titles = " – ".join(article.title for _, article in issue.articles()[:2])
    preview = (
        '<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;'
        'max-width:0px;opacity:0;overflow:hidden;mso-hide:all">'
        f"Au sommaire&nbsp;: {_typography(first_titles)}"
        + "&zwnj;&nbsp;" * 12
        + "</div>"
    )
    online = (
        '<table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0">'
        f'<tr><td align="center" style="padding:8px;{FONT};font-size:11px;color:{GREY}">'
        f'<a href="{_tracking_href("mirror-" + issue.slug)}" style="color:{GREY}">'
        "Voir la version en ligne</a></td></tr></table>"
    )
    address = "<br>".join(_inline(line) for line in issue.address)
    header = (
        '<tr><td style="padding:20px 30px">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>'
        '<td width="120" valign="top"><img src="https://img.mailinblue.com/logo-resonances.png" '
        'width="110" alt="Logo Pôle ressources" style="display:block"></td>'
        f'<td valign="top" style="{FONT};color:{INK}">'
        f'<p style="{FONT};font-size:32px;line-height:36px;font-weight:bold;color:{ACCENT};'
        f'margin:0 0 6px 0">{_typography(issue.title)}</p>'
        f'<p style="{FONT};font-size:13px;margin:0">{_typography(issue.publisher)}</p>'
        f'<p style="{FONT};font-size:13px;margin:0 0 8px 0">{_typography(issue.tagline)}</p>'
        f'<p style="{FONT};font-size:16px;font-weight:bold;margin:0 0 8px 0">'
        f"{_typography(issue.masthead)}</p>"
        f'<p style="{FONT};font-size:12px;color:{GREY};margin:0">{address}</p>'
        "</td></tr></table></td></tr>"
    )
    body = ""
    if issue.editorial:
        body += _row(
            f'<p style="{FONT};font-size:20px;font-weight:bold;color:{ACCENT};margin:0 0 8px 0">'
            "Édito</p>"
            f'<p style="{BODY_STYLE}">{_inline(issue.editorial)}</p>'
        ) + _spacer()
    index = 0
    for number, section in enumerate(issue.sections):
        body += _email_section(section, index, look)
        index += len(section.articles)
        if number == 0 and issue.sidebar is not None:
            body += _email_box(issue.sidebar)
    footer = (
        f'<tr><td align="center" bgcolor="#f2f2f2" style="padding:20px 30px;{FONT};'
        f'font-size:11px;line-height:16px;color:{GREY}">'
        f'<p style="margin:0 0 8px 0;font-size:13px">Suivez-nous sur les réseaux sociaux</p>'
        f"{_social_icons()}"
        f'<p style="margin:12px 0 4px 0">{_typography(issue.publisher)}<br>'
        f"{_typography(', '.join(issue.address))}</p>"
        '<p style="margin:0 0 4px 0">Vous recevez cet e-mail car vous êtes abonné·e à la lettre '
        f"{_typography(issue.title)} du Pôle ressources.</p>"
        f'<p style="margin:0"><a href="{_tracking_href("unsubscribe")}" style="color:{GREY}">'
        "Se désinscrire</a> | "
        f'<a href="{_tracking_href("profile")}" style="color:{GREY}">Gérer mes préférences</a></p>'
        f'<p style="margin:6px 0 0 0">© {issue.date[:4]} Pôle ressources – Tous droits réservés</p>'
        "</td></tr>"
    )
    html = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="fr">\n<head>\n'
        f"{meta}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{_typography(issue.masthead)}</title>\n"
        '<style type="text/css">body{margin:0;padding:0}'
        " .rnb-del-min-width{min-width:0 !important}"
        " @media only screen and (max-width:480px)"
        "{table[class=rnb-container]{width:100% !important}}</style>\n"
        "<!--[if mso]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch>"
        "</o:OfficeDocumentSettings></xml><![endif]-->\n</head>\n"
        '<body style="margin:0;padding:0;background-color:#e9e9e9">\n'
        f"{preview}\n{online}\n"
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'bgcolor="#e9e9e9"><tr><td align="center">\n'
        '<table role="presentation" class="rnb-container" width="600" cellpadding="0" '
        'cellspacing="0" border="0" bgcolor="#ffffff">\n'
        f"{header}\n{_spacer()}\n{body}\n{footer}\n"
        "</table>\n</td></tr></table>\n"
        '<img src="https://r.sendibm.com/tr/op/pixel.gif" width="1" height="1" alt="" '
        'style="display:none">\n</body>\n</html>\n'
    )
    return _encode(html, encoding)


# ---------------------------------------------------------------------------
# Web page


def _web_article(article: ArticleSpec, look: _Look = _Look(title_tag="h3")) -> str:
    parts: list[str] = []
    if article.marker and look.markers:
        parts.append(f'<p class="rubrique">{_typography(f"< {article.marker} >")}</p>')
    if article.heading:
        parts.append(f'<p class="thematique"><em>{_typography(article.heading)}</em></p>')
    if article.is_list:
        parts.append(f"<h3>{_typography(article.title)}</h3>")
        items = "\n".join(f"<li>{_inline(item)}</li>" for item in article.items)
        parts.append(f'<ul class="wp-block-list">\n{items}\n</ul>')
    else:
        tag = look.title_tag or "h3"
        parts.append(
            f'<{tag} class="wp-block-heading">{_typography(look.title(article.title))}</{tag}>'
        )
        intertitle = "h4" if tag == "h3" else "h3"
        for paragraph in article.paragraphs:
            if paragraph.startswith("## "):
                parts.append(f"<{intertitle}>{_typography(paragraph[3:])}</{intertitle}>")
            else:
                parts.append(f"<p>{_inline(paragraph)}</p>")
            if paragraph is article.paragraphs[0]:
                parts += _web_extras(article)
        if article.items:  # an ordinary article's list, after its paragraphs
            items = "\n".join(f"<li>{_inline(item)}</li>" for item in article.items)
            parts.append(f'<ul class="wp-block-list">\n{items}\n</ul>')
    closing = [_inline(link) for link in article.links]
    if article.more:
        closing.append(f"En savoir plus&nbsp;: {_inline(article.more)}")
    if article.contact:
        closing.append(f"<strong>Contact&nbsp;:</strong> {_inline(article.contact)}")
    parts += [f'<p class="lien">{line}</p>' for line in closing]
    return '<div class="wp-block-group article-lettre">\n' + "\n".join(parts) + "\n</div>"


def _web_extras(article: ArticleSpec) -> list[str]:
    parts: list[str] = []
    if article.picture:
        parts.append(
            '<figure class="wp-block-image"><img src="/wp-content/uploads/photo.jpg" alt="">'
            f"<figcaption>{_typography(article.picture)}</figcaption></figure>"
        )
    if article.pull_quote:
        parts.append(
            '<blockquote class="wp-block-pullquote">'
            f"<p>{_typography(f'« {article.pull_quote} »')}</p></blockquote>"
        )
    return parts


def _web_box(box: ArticleSpec) -> str:
    items = "\n".join(f"<li>{_inline(item)}</li>" for item in box.items)
    paragraphs = "".join(f"<p>{_inline(p.removeprefix('## '))}</p>\n"
                         for p in _box_paragraphs(box))
    return (
        '<div class="wp-block-group has-background encadre">\n'
        f"<p><strong>{_typography(box.title)}</strong></p>\n{paragraphs}<ul>\n{items}\n</ul>\n</div>"
    )


def _web_content(issue: IssueSpec, look: _Look = _Look(title_tag="h3")) -> str:
    parts: list[str] = [
        f'<p class="chapo">{_typography(issue.title)}, la lettre du {_typography(issue.publisher)}'
        f" – {_typography(issue.tagline)}.</p>"
    ]
    if issue.editorial:
        parts += ["<h2>Édito</h2>", f"<p>{_inline(issue.editorial)}</p>"]
    for number, section in enumerate(issue.sections):
        parts.append(f'<h2 class="wp-block-heading">{_typography(section.name)}</h2>')
        parts += [_web_article(article, look) for article in section.articles]
        if number == 0 and issue.sidebar is not None:
            parts.append(_web_box(issue.sidebar))
    return "\n".join(parts)


_SITE_HEADER = """<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title">
<a href="/">Pôle ressources ville et développement social</a>
</p>
<p class="site-description">Centre de ressources politique de la ville</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Menu principal">
<button class="menu-toggle" aria-controls="primary-menu">Menu</button>
<ul id="primary-menu" class="menu"><li><a href="/">Accueil</a></li>
<li><a href="/le-pole/">Le Pôle</a></li>
<li><a href="/ressources/">Ressources</a></li><li><a href="/agenda/">Agenda</a></li>
<li class="current-menu-item"><a href="/resonances/">Résonances</a></li>
<li><a href="/contact/">Contact</a></li></ul>
</nav></header>"""

_SHARE = """<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager&nbsp;:</h3>
<ul><li><a class="share-facebook" href="https://www.facebook.com/sharer.php?u=x">Facebook</a></li>
<li><a class="share-twitter" href="https://twitter.com/intent/tweet?u=x">Twitter</a></li>
<li><a class="share-linkedin" href="https://www.linkedin.com/shareArticle?u=x">LinkedIn</a></li>
<li><a class="share-email" href="mailto:?subject=Résonances">E-mail</a></li></ul></div>"""

_COMMENTS = """<div id="comments" class="comments-area">
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3>
<p class="comment-notes">Votre adresse e-mail ne sera pas publiée.
Les champs obligatoires sont indiqués avec *</p>
<form action="/wp-comments-post.php" method="post">
<p><label for="comment">Commentaire</label>
<textarea id="comment"></textarea></p>
<p><input type="submit" value="Publier le commentaire"></p></form></div></div>"""

_RELATED = """<div id="jp-relatedposts" class="jp-relatedposts">
<h3 class="jp-relatedposts-headline"><em>Articles similaires</em></h3>
<p><a href="/resonances-precedent/">Résonances, numéro précédent</a></p>
<p><a href="/agenda/">Agenda des rencontres du Pôle ressources</a></p></div>"""


def _sidebar(tag: str) -> str:
    opening = (
        '<aside id="secondary" class="widget-area" role="complementary">'
        if tag == "aside" else '<div id="secondary" class="sidebar widget-area">'
    )
    closing = "</aside>" if tag == "aside" else "</div>"
    return f"""{opening}
<section class="widget widget_search"><form role="search" action="/"><label>Rechercher&nbsp;:
<input type="search" name="s"></label><button>Rechercher</button></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Articles récents</h2>
<ul>
<li><a href="/fiche-experience-cellule-veille/">
Fiche expérience&nbsp;: la cellule de veille</a></li>
<li><a href="/seminaire-elus-sante-mentale/">Séminaire des élu·e·s sur la santé mentale</a></li>
<li><a href="/transition-quartiers-populaires/">Transition et quartiers populaires</a></li>
</ul></section>
<section class="widget widget_tag_cloud"><h2 class="widget-title">Étiquettes</h2>
<div class="tagcloud"><a href="/tag/emploi/">emploi</a> <a href="/tag/education/">éducation</a>
<a href="/tag/sante/">santé</a>
<a href="/tag/renouvellement-urbain/">renouvellement urbain</a></div></section>
<section class="widget widget_newsletter">
<h2 class="widget-title">Recevoir la lettre Résonances</h2>
<div class="newsletter-signup">
<p>Inscrivez-vous pour recevoir chaque mois notre lettre d'information.</p>
<form action="https://sibforms.com/serve/abc">
<input type="email" placeholder="Votre adresse e-mail">
<button type="submit">S'inscrire</button></form></div></section>
{closing}"""


def _site_footer(issue: IssueSpec, tag: str) -> str:
    opening = (
        '<footer id="colophon" class="site-footer">' if tag == "footer"
        else '<div id="colophon" class="site-footer">'
    )
    closing = "</footer>" if tag == "footer" else "</div>"
    return f"""{opening}
<div class="footer-widgets">
<p>{_typography(issue.publisher)}<br>
{_typography(", ".join(issue.address))}</p>
<div class="social-links"><a href="https://www.facebook.com/poleressources95">Facebook</a>
<a href="https://twitter.com/poleressources">Twitter</a>
<a href="https://www.linkedin.com/company/pole-ressources">LinkedIn</a></div></div>
<div class="site-info"><a href="/mentions-legales/">Mentions légales</a> |
<a href="/politique-de-confidentialite/">Politique de confidentialité</a> |
<a href="/plan-du-site/">Plan du site</a>
<p>© {issue.date[:4]} Pôle ressources – Tous droits réservés</p></div>
{closing}
<div id="cookie-notice" role="dialog" aria-label="Cookies" class="cookie-notice-container">
<span id="cn-notice-text">Nous utilisons des cookies pour vous garantir
la meilleure expérience sur notre site.
</span>
<a href="#" id="cn-accept-cookie" class="cn-button">Accepter</a>
<a href="#" class="cn-refuse-cookie">Refuser</a></div>"""


def render_web_html(
    issue: IssueSpec,
    *,
    encoding: str = "utf-8",
    declare_charset: bool = True,
    declared_charset: str | None = None,
    layout: str | None = None,
    title_tag: str = "h3",
    title_case: str = "upper",
    markers: bool = True,
) -> bytes:
    """The issue as a page of the publisher's WordPress site, encoded in `encoding`.

    Sections are `<h2>`s; titles `<h3>` by default, or `<h2>` like the sections
    (`title_tag="h2"`, intertitles then `<h3>`); `title_case="as_written"` keeps the
    spec's mixed case; `markers=False` leaves out the rubric markers. The spec's
    `sidebar` is a `div.encadre` after the first section.

    `layout` is "main" (`<main><article>`, `<aside>`, `<footer>`) or "entry-content"
    (only `div`s with WordPress classes); by default it alternates with the issue number
    so a demo corpus holds both.
    """
    if title_tag not in ("h2", "h3"):
        raise ValueError(f"title_tag must be 'h2' or 'h3', not {title_tag!r}")
    look = _Look(title_tag=title_tag, title_case=title_case, markers=markers)
    layout = layout or ("main" if issue.number % 2 else "entry-content")
    if layout not in {"main", "entry-content"}:
        raise ValueError(f"unknown layout {layout!r}")
    meta = _meta(encoding, declare_charset, declared_charset, http_equiv=False)
    breadcrumb_tag = "nav" if layout == "main" else "div"
    breadcrumb = (
        f'<{breadcrumb_tag} class="breadcrumb" aria-label="Fil d\'Ariane">'
        '<a href="/">Accueil</a> › '
        f'<a href="/resonances/">Résonances</a> › {_typography(issue.masthead)}</{breadcrumb_tag}>'
    )
    published = (
        f'<div class="entry-meta"><span class="posted-on">Publié le '
        f'<time datetime="{issue.date}">{issue.date}</time></span> '
        '<span class="byline">par Pôle ressources</span></div>'
    )
    title = f'<h1 class="entry-title">{_typography(issue.masthead)}</h1>'
    content = f'<div class="entry-content">\n{_web_content(issue, look)}\n{_SHARE}\n</div>'
    if layout == "main":
        page = (
            f'{_SITE_HEADER}\n<div id="content" class="site-content">\n{breadcrumb}\n'
            '<main id="primary" class="site-main">\n'
            f'<article id="post-{issue.number}" class="post type-post">\n'
            f'<header class="entry-header">{title}\n{published}</header>\n{content}\n'
            '<footer class="entry-footer"><span class="cat-links">Publié dans '
            '<a href="/category/resonances/">Résonances</a></span></footer>\n'
            f"</article>\n{_RELATED}\n{_COMMENTS}\n</main>\n{_sidebar('aside')}\n</div>\n"
            f"{_site_footer(issue, 'footer')}"
        )
    else:
        page = (
            f'{_SITE_HEADER.replace("<header", "<div").replace("</header>", "</div>")}\n'
            f'<div id="page-wrapper" class="site-content">\n{breadcrumb}\n'
            f'<div class="container"><div class="post-{issue.number} hentry">\n'
            f'<div class="entry-header">{title}\n{published}</div>\n{content}\n'
            f"{_RELATED}\n{_COMMENTS}\n</div>\n{_sidebar('div')}\n</div></div>\n"
            f"{_site_footer(issue, 'div')}"
        )
    html = (
        "<!DOCTYPE html>\n<html lang=\"fr-FR\">\n<head>\n"
        f"{meta}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_typography(issue.masthead)} – Pôle ressources</title>\n"
        "<link rel='stylesheet' href='/wp-content/themes/pole/style.css' media='all'>\n"
        "<style>.screen-reader-text{clip:rect(1px,1px,1px,1px);position:absolute}</style>\n"
        "<script>window._wpemojiSettings={\"baseUrl\":\"https://s.w.org/images/core/emoji/\"};"
        "document.documentElement.className='js';</script>\n"
        "</head>\n"
        f'<body class="post-template-default single single-post postid-{issue.number}">\n'
        f"{page}\n"
        "<noscript><img src=\"/stats.gif?noscript=1\" alt=\"\"></noscript>\n"
        "<script>var matomo=[];matomo.push(['trackPageView']);</script>\n"
        "</body>\n</html>\n"
    )
    return _encode(html, encoding)
