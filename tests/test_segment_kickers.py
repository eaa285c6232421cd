"""Kickers: a short line set just above a title in a smaller type or another style, or
naming a known theme or place, is the article's rubric or territory (`heading`), never
glued to the title, never an article or a section of its own."""

from __future__ import annotations

import pytest

from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from kb.segment import segment
from kb.segment.cues import join_broken_markers, join_split_quotations

BODY = "Les employeurs qui recrutent un habitant d'un quartier prioritaire reçoivent une aide."
SECOND = "Les collectivités achèvent leurs études et préparent les conventions pluriannuelles."


def _doc(*blocks: Block, fmt: SourceFormat = SourceFormat.PDF) -> ExtractedDocument:
    return ExtractedDocument(source=SourceFile("lettre.pdf", fmt, "0" * 64, 1),
                             blocks=blocks, body_font_size=9.5)


def _b(text: str, size: float = 9.5, *, bold: bool = False, heading: bool = False,
       level: int = 0) -> Block:
    kind = BlockKind.HEADING if heading else BlockKind.PARAGRAPH
    return Block(text, kind=kind, font_size=size, bold=bold, heading_level=level)


MASTHEAD = (_b("Résonances", 30, bold=True, heading=True), _b("Résonances n°58 – octobre 2021"))


@pytest.mark.parametrize("kicker", [
    _b("EMPLOI", 7.5),  # small capitals in a smaller type
    _b("EMPLOI", 7.5, bold=True, heading=True),  # a coloured band, read as a small heading
    _b("Emploi", 10, bold=False),  # body-like line, a known theme, above a bold title
])
def test_a_kicker_above_a_title_is_its_rubric(kicker):
    _, articles = segment(_doc(
        *MASTHEAD,
        _b("National / Régional", 16, bold=True, heading=True),
        kicker,
        _b("Les emplois francs expérimentés dans le Val-d'Oise", 13, bold=True, heading=True),
        _b(BODY),
        _b("RÉNOVATION URBAINE", 7.5),
        _b("NPNRU : des protocoles aux conventions", 13, bold=True, heading=True),
        _b(SECOND),
    ))
    assert [(a.section, a.heading, a.title) for a in articles] == [
        ("National / Régional", "Emploi", "Les emplois francs expérimentés dans le Val-d'Oise"),
        ("National / Régional", "Rénovation urbaine", "NPNRU : des protocoles aux conventions"),
    ]


def test_a_commune_kicker_in_capitals_keeps_the_commune_s_spelling():
    _, (article,) = segment(_doc(
        *MASTHEAD,
        _b("Ouest francilien", 16, bold=True, heading=True),
        _b("SAINT-OUEN-L'AUMÔNE", 7.5),
        _b("Chennevières : une recyclerie solidaire", 13, bold=True, heading=True),
        _b(BODY),
    ))
    assert (article.heading, article.title) == (
        "Saint-Ouen-l'Aumône", "Chennevières : une recyclerie solidaire")


def test_a_known_place_in_the_titles_type_and_style_opening_text_is_a_title():
    _, articles = segment(_doc(
        *MASTHEAD,
        _b("Ouest francilien", 16, bold=True, heading=True),
        _b("Persan", 13, bold=True, heading=True),
        _b(BODY),
        _b("Un second article", 13, bold=True, heading=True),
        _b(SECOND),
    ))
    assert [(a.heading, a.title) for a in articles] == [(None, "Persan"),
                                                       (None, "Un second article")]


def test_a_section_heading_above_a_title_stays_a_section():
    _, (article,) = segment(_doc(
        *MASTHEAD,
        _b("Agenda", 7.5, bold=True, heading=True),
        _b("Une rencontre régionale à Cergy", 13, bold=True, heading=True),
        _b(BODY),
    ))
    assert (article.section, article.heading, article.title) == (
        "Agenda", None, "Une rencontre régionale à Cergy")


def test_a_link_button_label_is_a_closing_line_not_the_next_kicker():
    h = {"kind": BlockKind.HEADING, "bold": True}
    doc = ExtractedDocument(
        source=SourceFile("lettre.html", SourceFormat.HTML, "0" * 64, 1), body_font_size=10.5,
        blocks=(
            Block("Résonances", heading_level=1, font_size=30, **h),
            Block("Résonances n°58 – octobre 2021", font_size=10.5),
            Block("L'actu du Pôle ressources", heading_level=2, font_size=15, **h),
            Block("Un premier article", font_size=13.5, **h),
            Block(BODY, font_size=10.5),
            Block("En savoir plus", font_size=9.75, links=("https://pole.fr/a",)),
            Block("Un second article", font_size=13.5, **h),
            Block(SECOND, font_size=10.5),
        ))
    _, articles = segment(doc)
    assert [(a.heading, a.title) for a in articles] == [(None, "Un premier article"),
                                                       (None, "Un second article")]
    assert articles[0].links == ("https://pole.fr/a",)
    assert "En savoir plus" not in articles[0].full_text


def test_a_marker_broken_over_two_lines_is_one_marker():
    blocks = join_broken_markers([_b("< CYCLE DE QUALIFICATION, 5 AVRIL,", 5.2),
                                  _b("9H30-16H30, EAUBONNE >", 7.5), _b("Titre", 13)])
    assert [b.text for b in blocks] == ["< CYCLE DE QUALIFICATION, 5 AVRIL, 9H30-16H30, "
                                        "EAUBONNE >", "Titre"]
    _, (article,) = segment(_doc(
        *MASTHEAD, _b("L'actu du Pôle ressources", 16, bold=True, heading=True),
        *blocks[:1], _b("Gestion urbaine et sociale de proximité", 13, bold=True, heading=True),
        _b(BODY)))
    assert (article.kind, article.kind_detail) == (
        "Cycle de qualification", "5 AVRIL, 9H30-16H30, EAUBONNE")


def test_a_pull_quote_cut_by_a_columns_foot_stays_in_its_article():
    """A quotation set large, cut in two at the foot of a column, is one pull quote of
    the article, not a title and a section heading."""
    quote = ("« On commence par un mot de passe oublié,", "on termine par une dette. »")
    blocks = join_split_quotations([_b(quote[0], 12, bold=True, heading=True),
                                    _b(quote[1], 12, bold=True, heading=True)])
    assert [b.text for b in blocks] == [" ".join(quote)]
    _, articles = segment(_doc(
        *MASTHEAD, _b("Grand format", 16, bold=True, heading=True),
        _b("Une journée à la France services", 13, bold=True, heading=True),
        _b(BODY),
        _b(quote[0], 12, bold=True, heading=True), _b(quote[1], 12, bold=True, heading=True),
        _b(SECOND)))
    assert [(a.section, a.title) for a in articles] == [
        ("Grand format", "Une journée à la France services")]
    assert SECOND in articles[0].text


def test_slashes_between_communes_are_no_words_of_a_kicker_line():
    from kb.segment.cues import short_line

    assert short_line("Chanteloup-les-Vignes / Carrières-sous-Poissy / Vernouillet / Andrésy", 4)
    assert not short_line("Un atelier pour les habitants des quartiers", 4)
