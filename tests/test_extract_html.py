"""HTML extraction: an issue spec rendered as a campaign e-mail and as a web page, in
several charsets (some declared wrongly), must come back as clean blocks in spec order."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import cache
from html import escape

import pytest

from kb.errors import ExtractionError
from kb.extract import extract
from kb.extract.charset import decode_html, repair_double_encoding
from kb.extract.html import NO_CONTENT, extract_html, parse_font_size, resolve_link
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from tools.issuegen.render_html import render_email_html, render_web_html
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

SPEC = IssueSpec(
    number=57,
    date="2021-05-03",
    editorial=(
        "Ce numéro fait la part belle à la transition écologique, au cœur des réflexions "
        "de l’année, et aux initiatives des habitant·e·s."
    ),
    sections=[
        SectionSpec("L'actu du Pôle ressources", [
            ArticleSpec(
                title="La transition, un levier de développement pour les quartiers populaires",
                kind="Publication",
                paragraphs=[
                    "La note rapide « La transition, un levier de développement pour les "
                    "quartiers populaires », coécrite par l’Institut Paris Région avec le Pôle "
                    "ressources, vise à donner un aperçu des inégalités sociales d’exposition "
                    "aux pollutions environnementales.",
                    "En croisant l’expertise des auteurs, cette publication propose d’envisager "
                    "la composante environnementale au cœur de la Politique de la ville, à "
                    "l’approche du renouvellement des contrats de ville.",
                ],
                links=["https://poleressources95.org/la-transition-un-levier/"],
            ),
            ArticleSpec(
                title="La santé mentale : un enjeu individuel et collectif",
                kind="Séminaire des élu.e.s",
                kind_detail="11 mai, 17h-19h, visioconférence",
                paragraphs=[
                    "Le Pôle ressources a initié un cycle de séminaires à destination des "
                    "élu·e·s et directions des collectivités de l’ouest francilien. *In fine*, "
                    "ce cycle doit nourrir l’action publique locale.",
                    "## Les interventions",
                    "Ce second séminaire sera l’occasion d’aborder, avec le Psycom et le CCOMS, "
                    "les inégalités sociales de santé dont souffrent les habitant.e.s des "
                    "quartiers populaires.",
                ],
                links=["www.poleressources95.org/actions/la-sante-mentale/"],
            ),
        ]),
        SectionSpec("Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)", [
            ArticleSpec(
                title="Ouverture d'une antenne de proximité par et pour les habitant.e.s",
                heading="Persan",
                paragraphs=[
                    "La ville de Persan, en partenariat avec le bailleur social Val d’Oise "
                    "Habitat, ouvre fin mai une antenne de proximité au cœur du quartier "
                    "prioritaire le Village, en pied d’immeuble.",
                    "Ouverte à tous les Persannais·es, elle proposera des permanences qui "
                    "répondront à des besoins exprimés lors d’une enquête préalable.",
                ],
                contact="Lisa Mouawad, gup@ville-persan.fr",
            ),
            ArticleSpec(
                title="Mouvements",
                is_list=True,
                items=[
                    "**Lydia Hugues**, déléguée du Préfet, Chanteloup-les-Vignes, Vernouillet",
                    "**Maria Gueusa**, déléguée du Préfet, Mantes-la-Jolie, Limay",
                    "**Carl Garcia**, délégué du Préfet, Nanterre",
                ],
            ),
            ArticleSpec(
                title="Un kiosque pour l'emploi au cœur du quartier prioritaire du Val Fourré",
                heading="Mantes-la-Jolie",
                paragraphs=[
                    "Le quartier du Val Fourré à Mantes-la-Jolie dispose, depuis septembre "
                    "dernier, d’un kiosque pour l’emploi porté par le groupement d’employeurs "
                    "Clef Job, « hors-les-murs », au plus près des habitant·e·s.",
                    "Les personnes en recherche d’emploi sont accompagnées et peuvent bénéficier "
                    "de formations ou d’ateliers avant un entretien de recrutement.",
                ],
                more="www.clefjob.fr",
            ),
        ]),
    ],
)

ACCENTED = ("développement", "cœur", "«", "»", "l’Institut", "élu·e·s", "Préfet", "Fourré")
# Page furniture the renderers add; none of it may reach a block.
BOILERPLATE = (
    "Voir la version en ligne", "Au sommaire", "Se désinscrire", "Gérer mes préférences",
    "Vous recevez cet e-mail", "Suivez-nous", "Tous droits réservés", "Mentions légales",
    "Politique de confidentialité", "cookies", "Accepter", "Aller au contenu", "Accueil",
    "Articles récents", "Étiquettes", "Inscrivez-vous", "Recevoir la lettre", "Rechercher",
    "Partager", "Laisser un commentaire", "Articles similaires", "Publié le", "Publié dans",
    "Plan du site", "39 rue des Bussys, 95600", "Facebook", "LinkedIn",
)


def _double_encoded(data: bytes) -> bytes:
    """UTF-8 read as windows-1252 then saved as UTF-8 again, as a broken export does."""
    return data.decode("cp1252", errors="kb-cp1252").encode("utf-8")


VARIANTS: dict[str, Callable[[], bytes]] = {
    "email-utf8": lambda: render_email_html(SPEC),
    "email-cp1252-declared": lambda: render_email_html(SPEC, encoding="windows-1252"),
    "email-cp1252-undeclared": lambda: render_email_html(
        SPEC, encoding="windows-1252", declare_charset=False
    ),
    "email-cp1252-declared-utf8": lambda: render_email_html(
        SPEC, encoding="windows-1252", declared_charset="utf-8"
    ),
    "email-latin1-declared-cp1252-bytes": lambda: render_email_html(
        SPEC, encoding="windows-1252", declared_charset="iso-8859-1"
    ),
    "email-utf8-declared-latin1": lambda: render_email_html(SPEC, declared_charset="iso-8859-1"),
    "email-double-encoded": lambda: _double_encoded(render_email_html(SPEC)),
    "web-main-utf8": lambda: render_web_html(SPEC, layout="main"),
    "web-entry-utf8": lambda: render_web_html(SPEC, layout="entry-content"),
    "web-main-cp1252-declared": lambda: render_web_html(
        SPEC, encoding="windows-1252", layout="main"
    ),
    "web-entry-cp1252-undeclared": lambda: render_web_html(
        SPEC, encoding="windows-1252", declare_charset=False, layout="entry-content"
    ),
    "web-main-cp1252-declared-utf8": lambda: render_web_html(
        SPEC, encoding="windows-1252", declared_charset="utf-8", layout="main"
    ),
    "web-entry-latin1-declared-cp1252-bytes": lambda: render_web_html(
        SPEC, encoding="windows-1252", declared_charset="iso-8859-1", layout="entry-content"
    ),
    "web-utf16-bom": lambda: render_web_html(SPEC, encoding="utf-16", layout="main"),
    # Real ISO-8859-1: œ, ’, « » typed as numeric character references.
    "email-latin1-real": lambda: render_email_html(SPEC, encoding="iso-8859-1"),
}


def _source(data: bytes, name: str = "lettre.html") -> SourceFile:
    return SourceFile(name, SourceFormat.HTML, hashlib.sha256(data).hexdigest(), len(data))


@cache
def _extracted(variant: str) -> ExtractedDocument:
    data = VARIANTS[variant]()
    return extract_html(data, _source(data, f"{variant}.html"))


def _key(text: str) -> str:
    """Compare texts as a reader would: markdown marks, case and spacing aside."""
    text = re.sub(r"\*+", "", text).replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _expected_paragraphs(issue: IssueSpec) -> list[str]:
    expected: list[str] = []
    if issue.editorial:
        expected.append(issue.editorial)
    for _, article in issue.articles():
        expected += [p for p in article.paragraphs if not p.startswith("## ")]
        expected += article.items
    return [_key(p) for p in expected]


def recovered_in_order(expected: list[str], blocks: tuple[Block, ...]) -> float:
    """Share of expected paragraphs found whole, as one block each, in spec order."""
    texts = [_key(block.text) for block in blocks]
    found = position = 0
    for paragraph in expected:
        try:
            position = texts.index(paragraph, position) + 1
        except ValueError:
            continue
        found += 1
    return found / len(expected)


def _url_key(url: str) -> str:
    return re.sub(r"^https?://", "", url.strip("<>")).rstrip("/").casefold()


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_accented_text_decodes_right(variant: str) -> None:
    text = "\n".join(block.text for block in _extracted(variant).blocks)
    for word in ACCENTED:
        assert word in text, f"{variant}: {word!r} missing"
    for sign in ("Ã", "â€", "\ufffd", "Â"):
        assert sign not in text, f"{variant}: mojibake {sign!r}"


def test_renderers_really_carry_the_boilerplate() -> None:
    """So that the next test proves removal, not absence."""
    from bs4 import BeautifulSoup

    shown = " ".join(
        BeautifulSoup(VARIANTS[variant](), "html.parser").get_text(" ")
        for variant in ("email-utf8", "web-main-utf8")
    ).casefold()
    assert [needle for needle in BOILERPLATE if needle.casefold() not in shown] == []


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_no_boilerplate_survives(variant: str) -> None:
    text = "\n".join(block.text for block in _extracted(variant).blocks).casefold()
    survivors = [needle for needle in BOILERPLATE if needle.casefold() in text]
    assert survivors == []


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_titles_and_sections_are_headings_in_spec_order(variant: str) -> None:
    headings = [_key(b.text) for b in _extracted(variant).blocks if b.kind is BlockKind.HEADING]
    expected: list[str] = []
    for section in SPEC.sections:
        expected.append(_key(section.name))
        expected += [_key(article.title) for article in section.articles]
    position = 0
    for title in expected:
        assert title in headings[position:], f"{variant}: {title!r} not a heading in order"
        position = headings.index(title, position) + 1


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_paragraphs_recovered_whole_and_in_order(variant: str) -> None:
    ratio = recovered_in_order(_expected_paragraphs(SPEC), _extracted(variant).blocks)
    assert ratio >= 0.95, f"{variant}: {ratio:.0%} of paragraphs recovered"


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_links_collected_and_mailto_kept_in_text(variant: str) -> None:
    blocks = _extracted(variant).blocks
    links = {_url_key(link) for block in blocks for link in block.links}
    expected = [link for _, a in SPEC.articles() for link in [*a.links, a.more] if link]
    assert {_url_key(link) for link in expected} <= links
    assert not any("sendibm" in link or link.startswith("mailto:") for link in links)
    assert any(block.text == "Contact : Lisa Mouawad, gup@ville-persan.fr" for block in blocks)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_list_items_and_title(variant: str) -> None:
    document = _extracted(variant)
    items = [_key(b.text) for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [_key(item) for item in SPEC.sections[1].articles[1].items]
    assert document.title is not None and SPEC.masthead in document.title
    assert _key(SPEC.masthead) in [_key(block.text) for block in document.blocks]


def test_email_typography_gives_sizes_in_points_and_body_size() -> None:
    document = _extracted("email-utf8")
    assert document.body_font_size == 10.5  # 14px
    section = next(b for b in document.blocks if b.text == SPEC.sections[0].name)
    assert section.kind is BlockKind.HEADING and section.bold and section.font_size == 16.5
    # text-transform:uppercase is applied: the title reads as displayed.
    title = next(b for b in document.blocks if _key(b.text) == _key(SPEC.articles()[0][1].title))
    assert title.text == title.text.upper()
    intertitle = next(b for b in document.blocks if b.text == "Les interventions")
    assert intertitle.kind is BlockKind.HEADING and intertitle.heading_level == 0


def test_web_headings_keep_their_level() -> None:
    blocks = _extracted("web-main-utf8").blocks
    levels = {b.text: b.heading_level for b in blocks if b.kind is BlockKind.HEADING}
    assert levels[SPEC.masthead] == 1
    assert levels[SPEC.sections[0].name] == 2
    assert levels["Les interventions"] == 4


def test_charset_choices() -> None:
    assert decode_html(VARIANTS["email-cp1252-declared-utf8"]()).encoding == "cp1252"
    assert decode_html(VARIANTS["email-latin1-declared-cp1252-bytes"]()).encoding == "cp1252"
    assert decode_html(VARIANTS["email-utf8-declared-latin1"]()).encoding == "utf-8"
    assert decode_html(VARIANTS["email-cp1252-undeclared"]()).encoding == "cp1252"
    decoded = decode_html(VARIANTS["email-double-encoded"]())
    assert decoded.repaired and "développement" in decoded.text


def test_repair_leaves_genuine_accents_alone() -> None:
    text = "Été à Persan : café, œuvre, « Ça » – Â propos"
    assert repair_double_encoding(text) == (text, False)
    assert repair_double_encoding("dÃ©veloppement et lâ€™emploi")[0] == "développement et l’emploi"


def test_br_rules_nbsp_and_soft_hyphens() -> None:
    html = (
        "<html><body><table><tr><td style='font-size:14px'>"
        "Première ligne,<br>suite de la même phrase.<br><br>Second para&shy;graphe&nbsp;!"
        "<br>•&nbsp;premier point<br>• second point</td></tr></table></body></html>"
    ).encode()
    blocks = extract_html(html, _source(html)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Première ligne, suite de la même phrase."),
        (BlockKind.PARAGRAPH, "Second paragraphe !"),
        (BlockKind.LIST_ITEM, "premier point"),
        (BlockKind.LIST_ITEM, "second point"),
    ]


def test_hidden_text_dropped_but_zero_size_wrapper_kept() -> None:
    html = (
        "<body><div style='display:none;max-height:0'>Texte d'aperçu caché</div>"
        "<span style='mso-hide:all;font-size:0'>caché aussi</span>"
        "<td style='font-size:0px'><div style='font-size:14px'>Un texte visible du corps "
        "de la lettre, assez long pour être un paragraphe.</div></td></body>"
    ).encode()
    texts = [b.text for b in extract_html(html, _source(html)).blocks]
    assert texts == ["Un texte visible du corps de la lettre, assez long pour être un paragraphe."]


def test_resolve_link() -> None:
    assert resolve_link("mailto:a@b.fr", "a@b.fr") is None
    assert resolve_link("#haut", "Haut") is None
    assert resolve_link("https://r.sendibm.com/mk/cl/xyz", "www.clefjob.fr") == "https://www.clefjob.fr"
    # A tracker whose anchor text is not a URL cannot be undone: the href stays.
    assert resolve_link("https://r.sendibm.com/mk/cl/xyz", "Lire") == "https://r.sendibm.com/mk/cl/xyz"
    assert resolve_link("https://t.example/r?url=https://anct.gouv.fr/x", "ici") == "https://anct.gouv.fr/x"


def test_parse_font_size() -> None:
    assert parse_font_size("12pt", None) == 16.0
    assert parse_font_size("1.5em", 14.0) == 21.0
    assert parse_font_size("large", None) == 18.0
    assert parse_font_size("inherit", 14.0) is None


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><title>Vide</title></head><body></body></html>",
        b"<html><body><nav><a href='/'>Accueil</a></nav><script>var x = 1;</script>"
        b"<footer>Mentions l\xc3\xa9gales</footer></body></html>",
        b"<html><body><table><tr><td><a href='#'>Voir la version en ligne</a></td></tr>"
        b"<tr><td>Vous recevez cet e-mail car vous \xc3\xaates inscrit. Se d\xc3\xa9sinscrire"
        b"</td></tr></table></body></html>",
    ],
    ids=["empty-body", "furniture-only", "email-footer-only"],
)
def test_no_editorial_content_raises(html: bytes) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_html(html, _source(html))
    assert raised.value.reason == NO_CONTENT


def test_binary_and_undecodable_raise() -> None:
    binary = bytes(range(256)) * 8
    with pytest.raises(ExtractionError, match="binaire"):
        extract_html(binary, _source(binary))
    broken_utf16 = b"\xff\xfe<\x00h\x00\x00\xd8"  # a lone surrogate after a UTF-16 BOM
    with pytest.raises(ExtractionError, match="encodage"):
        extract_html(broken_utf16, _source(broken_utf16))


def test_end_to_end_through_extract(tmp_path) -> None:
    email = tmp_path / "resonances-57.html"
    email.write_bytes(render_email_html(SPEC, encoding="windows-1252", declare_charset=False))
    document = extract(email)
    assert document.source.format is SourceFormat.HTML
    assert document.source.path == str(email)
    assert recovered_in_order(_expected_paragraphs(SPEC), document.blocks) == 1.0
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 40)
    with pytest.raises(ExtractionError, match="binaire"):
        extract(binary)
    furniture = tmp_path / "menu.htm"
    furniture.write_bytes(b"<html><body><nav>Accueil | Agenda</nav></body></html>")
    with pytest.raises(ExtractionError, match="sans contenu"):
        extract(furniture)


def test_seed_issue_paragraphs_survive_an_email_wrapping(seed_files) -> None:
    """The real issue's paragraphs, pasted into a windows-1252 e-mail with tracking
    links and a footer, come back whole."""
    paragraphs = [
        re.sub(r"\s+", " ", chunk).strip()
        for chunk in re.split(r"\n\s*\n", seed_files[0].read_text(encoding="utf-8"))
        if chunk.strip()
    ]
    cells = "".join(
        f"<tr><td style='font-size:14px'><p>{escape(p)}</p></td></tr>" for p in paragraphs
    )
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        "</head><body><table role='presentation'><tr><td><a href='https://r.sendibm.com/x'>"
        f"Voir la version en ligne</a></td></tr>{cells}<tr><td>Vous recevez cet e-mail car "
        "vous êtes abonné·e. <a href='https://r.sendibm.com/u'>Se désinscrire</a></td></tr>"
        "</table></body></html>"
    ).encode("cp1252", errors="xmlcharrefreplace")
    blocks = extract_html(html, _source(html)).blocks
    expected = [_key(p.removeprefix("- ")) for p in paragraphs]
    assert recovered_in_order(expected, blocks) >= 0.95
    assert not any("sinscrire" in block.text for block in blocks)


def test_mailchimp_template_family() -> None:
    """Another editor's markup: camelCase ids, h-tags inside the e-mail, list-manage
    tracking, an English footer — none of it from our renderer."""
    html = (
        "<!doctype html><html><head><meta charset='UTF-8'><title>Lettre n°12</title></head>"
        "<body><center><span class='mcnPreviewText' style='display:none;font-size:0px;"
        "max-height:0px;mso-hide:all'>Texte d'aperçu</span>"
        "<table id='bodyTable'><tr><td id='bodyCell'>"
        "<table id='templatePreheader'><tr><td class='mcnTextContent'>Voir cet e-mail dans "
        "votre navigateur</td></tr></table>"
        "<table id='templateBody'><tr><td class='mcnTextContent' style='font-size:16px'>"
        "<h1>Résonances n°12 – mars 2019</h1><h3>Éducation</h3>"
        "<p><span style='font-size:18px'><strong>LES CITÉS ÉDUCATIVES LABELLISÉES</strong>"
        "</span></p><p><strong>Inscription obligatoire.</strong></p>"
        "<p>Quatre-vingts territoires labellisés « cités éducatives ».</p>"
        "<div>Le Val-d’Oise en compte trois.<br><br>En savoir plus : <a href='https://x.us1"
        ".list-manage.com/track/click?u=a&amp;id=b'>www.education.gouv.fr/cites</a></div>"
        "</td></tr></table><table id='templateFooter'><tr><td class='mcnFollowContent'>"
        "<a href='https://facebook.com/x'>Facebook</a></td></tr><tr><td class='mcnTextContent'>"
        "<em>Copyright © 2019 Pôle ressources, All rights reserved.</em><br>You can "
        "<a href='*|UNSUB|*'>unsubscribe from this list</a>.</td></tr></table>"
        "</td></tr></table></center></body></html>"
    ).encode()
    blocks = extract_html(html, _source(html)).blocks
    assert [(b.kind, b.heading_level, b.text) for b in blocks] == [
        (BlockKind.HEADING, 1, "Résonances n°12 – mars 2019"),
        (BlockKind.HEADING, 3, "Éducation"),
        (BlockKind.HEADING, 0, "LES CITÉS ÉDUCATIVES LABELLISÉES"),
        (BlockKind.PARAGRAPH, 0, "Inscription obligatoire."),
        (BlockKind.PARAGRAPH, 0, "Quatre-vingts territoires labellisés « cités éducatives »."),
        (BlockKind.PARAGRAPH, 0, "Le Val-d’Oise en compte trois."),
        (BlockKind.PARAGRAPH, 0, "En savoir plus : www.education.gouv.fr/cites"),
    ]
    assert blocks[-1].links == ("https://www.education.gouv.fr/cites",)
    assert blocks[0].font_size == 24.0  # h1 = 2em of the cell's 16px, in points


def test_boilerplate_rules_spare_editorial_lines() -> None:
    kept = [
        "Partage d’expériences entre villes du Val-d’Oise",
        "La version en ligne du guide est disponible sur le site du Pôle ressources.",
        "Suivre les habitant·e·s dans la durée",
    ]
    dropped = ["Partager :", "Partager sur Facebook", "Suivez-nous sur LinkedIn", "© 2021 Pôle"]
    body = "".join(f"<p>{line}</p>" for line in [*kept, *dropped])
    html = f"<html><body><div class='full-screen'>{body}</div></body></html>".encode()
    assert [b.text for b in extract_html(html, _source(html)).blocks] == kept


def test_short_email_keeps_its_paragraph_next_to_the_unsubscribe_line() -> None:
    paragraph = (
        "Le Pôle ressources vous invite à sa journée thématique consacrée à l’alimentation "
        "durable dans les quartiers populaires, le 18 mai de 10h à 12h30 en visioconférence, "
        "avec des chercheur·e·s, des associations et des élu·e·s de l’ouest francilien."
    )
    html = (
        f"<body><table><tr><td><p>{paragraph}</p><p>Vous recevez cet e-mail car vous êtes "
        "abonné·e.</p><p><a href='https://r.sendibm.com/u'>Se désinscrire</a></p>"
        "</td></tr></table></body>"
    ).encode()
    assert [b.text for b in extract_html(html, _source(html)).blocks] == [paragraph]


def test_xhtml_with_xml_declaration_and_url_only_file() -> None:
    xhtml = (
        "<?xml version='1.0' encoding='iso-8859-1'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>"
        "<body><p>Réunion des équipes à Cergy, l’après-midi du 3 juin.</p></body></html>"
    ).encode("cp1252")
    assert extract_html(xhtml, _source(xhtml)).blocks[0].text == (
        "Réunion des équipes à Cergy, l’après-midi du 3 juin."
    )
    url_only = b"https://poleressources95.org/resonances-57/"
    assert extract_html(url_only, _source(url_only)).blocks[0].links == ()


def test_blocks_carry_the_content_block_they_sit_in() -> None:
    """Each article's cell is one group: its title (alone in a nested cell), paragraphs
    and intertitle share it; the next article's cell is another; a web page has none."""
    email = b"""<html><body><table>
      <tr><td><table><tr><td><strong>Premier titre</strong></td></tr></table>
        <p>Un premier paragraphe assez long pour une vraie lettre.</p>
        <p><strong>Un intertitre</strong></p>
        <p>Un second paragraphe du premier article.</p></td></tr>
      <tr><td><table><tr><td><strong>Second titre</strong></td></tr></table>
        <p>Le paragraphe du second article.</p></td></tr>
    </table></body></html>"""
    blocks = extract_html(email, _source(email)).blocks
    groups = {block.text: block.group for block in blocks}
    first = groups["Premier titre"]
    assert first != 0
    assert groups["Un intertitre"] == groups["Un second paragraphe du premier article."] == first
    assert groups["Second titre"] == groups["Le paragraphe du second article."] != first
    web = b"<body><h2>Titre</h2><p>Un paragraphe.</p><h2>Autre</h2><p>Encore.</p></body>"
    assert {block.group for block in extract_html(web, _source(web)).blocks} == {0}


def test_boxes_set_apart_from_the_flow_are_numbered_and_a_white_card_is_no_box() -> None:
    html = (
        '<html><body style="background:#eeeeee">'
        '<table bgcolor="#ffffff"><tr><td><h2>Un article</h2><p>Son texte.</p></td></tr></table>'
        '<div class="encadre"><p><strong>À noter</strong></p><p>Le centre ferme en août.</p></div>'
        '<div class="wp-block-group has-background"><p>Agenda</p><ul><li>Le 3 mai</li></ul></div>'
        '<table><tr><td style="background-color: #F6E8ED"><p>Un encadré teinté</p>'
        '<p>Le texte de l\'encadré.</p></td></tr></table>'
        '</body></html>'
    ).encode()
    boxes = {block.text: block.box for block in extract_html(html, _source(html)).blocks}
    assert boxes["Un article"] == boxes["Son texte."] == 0
    assert boxes["À noter"] == boxes["Le centre ferme en août."] == 1
    assert boxes["Agenda"] == boxes["Le 3 mai"] == 2
    assert boxes["Un encadré teinté"] == boxes["Le texte de l'encadré."] == 3
