"""Running headers, footers and the issue's imprint are found by repetition and shape,
wherever they sit, and never become titles, sections or article text."""

from __future__ import annotations

from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from kb.segment import segment
from kb.segment.furniture import contact_tokens, find_furniture, running_key

BODY = 9.5
ADDRESS = "39 rue des Bussys – 95600 Eaubonne – 01.34.05.17.17 – pole@exemple.fr"


def _b(text: str, page: int, top: float, *, size: float = BODY, kind=BlockKind.PARAGRAPH,
       bold: bool = False, x: float = 50) -> Block:
    return Block(text, page=page, kind=kind, bbox=(x, top, x + 200, top + size + 2),
                 font_size=size, bold=bold)


def _title(text: str, page: int, top: float) -> Block:
    return _b(text, page, top, size=13, kind=BlockKind.HEADING, bold=True)


def _section(text: str, page: int, top: float) -> Block:
    return _b(text, page, top, size=17, kind=BlockKind.HEADING, bold=True)


def _pdf(*blocks: Block, pages: int = 3) -> ExtractedDocument:
    return ExtractedDocument(
        source=SourceFile("lettre.pdf", SourceFormat.PDF, "0" * 64, 1),
        blocks=blocks, body_font_size=BODY, page_count=pages)


def _article(page: int, top: float, title: str, town: str) -> list[Block]:
    return [
        _title(title, page, top),
        _b(f"Le projet mené à {town} associe les habitants, les bailleurs et la ville "
           f"depuis le printemps dernier.", page, top + 20),
        _b(f"Une réunion publique se tiendra à {town} en juin pour en présenter les "
           f"premiers résultats.", page, top + 50),
    ]


def _issue(*furniture_per_page) -> ExtractedDocument:
    blocks = [
        _b("Résonances", 1, 40, size=30, kind=BlockKind.HEADING, bold=True),
        _b("Pôle ressources ville et développement social", 1, 80),
        _b(ADDRESS, 1, 95, size=8),
        _section("Agenda", 1, 130),
        *_article(1, 160, "UNE RENCONTRE À CERGY", "Cergy"),
        *_article(1, 300, "UN FORUM À PONTOISE", "Pontoise"),
    ]
    for page in (2, 3):
        blocks += [block(page) for block in furniture_per_page]
        blocks += [_section("Ressources" if page == 2 else "Dans les quartiers", page, 120)]
        blocks += _article(page, 160, f"UN GUIDE PRATIQUE {'AB'[page - 2]}", "Sarcelles"
                           if page == 2 else "Bezons")
    blocks += [_b("Résonances n°58 – octobre 2021. Pôle ressources ville et développement "
                  "social, 39 rue des Bussys, 95600 Eaubonne.", 3, 700, size=7.5),
               _b("01.34.05.17.17, pole@exemple.fr. Directrice de la publication : la "
                  "présidente du Pôle ressources.", 3, 712, size=7.5)]
    return _pdf(*blocks)


def _check(issue, articles):
    assert issue.number == 58 and issue.date == "2021-10"
    assert [a.title for a in articles] == [
        "UNE RENCONTRE À CERGY", "UN FORUM À PONTOISE", "UN GUIDE PRATIQUE A",
        "UN GUIDE PRATIQUE B"]
    assert [a.section for a in articles] == ["Agenda", "Agenda", "Ressources",
                                             "Dans les quartiers"]
    for article in articles:
        text = article.full_text
        assert "Eaubonne" not in text and "octobre" not in text and "Page" not in text
        assert "Directrice" not in text and "pole@exemple.fr" not in article.emails
        assert text.count("Une réunion publique") == 1


def test_a_running_header_inside_the_page_is_dropped_wherever_it_sits():
    header = (lambda page: _b(f"Résonances n°58 – octobre 2021 – Page {page}", page, 90,
                              size=8, x=300),)
    _check(*segment(_issue(*header)))


def test_a_running_header_broken_over_lines_is_dropped():
    pieces = (
        lambda page: _b("N°58", page, 60, size=8, x=480),
        lambda page: _b("Octobre", page, 70, size=8, x=480),
        lambda page: _b("2021", page, 80, size=8, x=480),
    )
    _check(*segment(_issue(*pieces)))


def test_the_address_footer_repeated_from_the_masthead_is_dropped():
    footer = (lambda page: _b(ADDRESS.replace("–", "·"), page, 760, size=7),
              lambda page: _b(f"Résonances n°58 – octobre 2021 – {page}", page, 772, size=7))
    _check(*segment(_issue(*footer)))


def test_repetition_needs_the_same_height_or_most_pages():
    blocks = [_b("Note de la rédaction", 1, 100), _b("Note de la rédaction", 2, 400),
              _b("Note de la rédaction", 3, 100), _b("Un paragraphe unique.", 1, 200)]
    found = find_furniture(blocks, 0, BODY, page_count=10)
    assert found == {0, 2}  # page 2 sits elsewhere and three pages of ten are not most
    assert find_furniture(blocks, 0, BODY, page_count=3) == {0, 1, 2}  # on most pages


def test_a_title_repeated_over_a_continuation_is_not_furniture():
    blocks = [_title("UN KIOSQUE POUR L'EMPLOI", 1, 300), _title("UN KIOSQUE POUR L'EMPLOI",
                                                                   3, 300)]
    assert find_furniture(blocks, 0, BODY, page_count=3) == set()


def test_closing_lines_naming_the_centre_stay_with_their_article():
    blocks = [_b(ADDRESS, 1, 95), _b("Contact : pole@exemple.fr, 01.34.05.17.17", 1, 300)]
    assert find_furniture(blocks, 1, BODY, page_count=1) == set()


def test_keys_and_contacts():
    assert running_key("Page 2 / 12") == running_key("page 3 / 12")
    assert contact_tokens(ADDRESS) == {"0134051717", "pole@exemple.fr"}


def test_an_e_mail_footer_repeating_the_masthead_address_is_not_article_text():
    source = SourceFile("lettre.html", SourceFormat.HTML, "0" * 64, 1)
    h = {"kind": BlockKind.HEADING, "bold": True}
    doc = ExtractedDocument(source=source, body_font_size=10, blocks=(
        Block("Résonances", heading_level=1, **h),
        Block("N° 58 | Octobre 2021"),
        Block(ADDRESS),
        Block("Agenda", heading_level=2, **h),
        Block("Une rencontre à Cergy", heading_level=3, **h),
        Block("Les conseils citoyens se retrouvent à Cergy pour une journée d'échanges."),
        Block(ADDRESS.replace(" – ", ", ")),
    ))
    issue, (article,) = segment(doc)
    assert (issue.number, issue.date) == (58, "2021-10")
    assert "Eaubonne" not in article.full_text and article.emails == ()
