"""Wrapped titles: consecutive lines in the titles' type and style, no further apart than
the title's own line spacing, are one title; a title never swallows the next article's."""

from __future__ import annotations

from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from kb.segment import segment

BODY = "Les habitants du quartier ont participé à trois ateliers avec les services de la ville."
OTHER = "La ville ouvre une maison du projet au pied des tours, avec une permanence le mardi."


def _pdf(*blocks: Block) -> ExtractedDocument:
    return ExtractedDocument(source=SourceFile("lettre.pdf", SourceFormat.PDF, "0" * 64, 1),
                             blocks=blocks, body_font_size=9.5)


def _line(text: str, top: float, size: float = 13, *, bold: bool = True, page: int = 1,
          kind: BlockKind = BlockKind.HEADING) -> Block:
    return Block(text, page=page, kind=kind, bbox=(50, top, 280, top + size), font_size=size,
                 bold=bold)


def _body(text: str, top: float) -> Block:
    return _line(text, top, 9.5, bold=False, kind=BlockKind.PARAGRAPH)


HEAD = (_line("Résonances", 20, 30), _line("Résonances n°60 – mars 2022", 60, 9.5, bold=False,
                                            kind=BlockKind.PARAGRAPH),
        _line("Vie des quartiers", 90, 17))


def test_a_title_wrapped_over_three_lines_is_one_title():
    _, articles = segment(_pdf(
        *HEAD,
        _line("À Trappes, les habitants", 120),
        _line("Dessinent Le Futur Parc", 136),  # capitals, no small word: only the gap says
        _line("Des Merisiers", 152),
        _body(BODY, 172),
        _line("Une maison du projet aux Lochères", 220),
        _body(OTHER, 240),
    ))
    assert [a.title for a in articles] == [
        "À Trappes, les habitants Dessinent Le Futur Parc Des Merisiers",
        "Une maison du projet aux Lochères"]
    assert articles[0].lead == BODY


def test_two_titles_a_line_apart_are_two_articles_even_without_text_between():
    _, articles = segment(_pdf(
        *HEAD,
        _line("Un premier titre sans texte", 120),
        _line("Un second article", 160),  # a blank line's gap: another title
        _body(OTHER, 180),
    ))
    assert [a.title for a in articles][-1] == "Un second article"
    assert all("premier" not in a.title for a in articles[-1:])


def test_a_wrapped_title_in_another_style_below_is_not_merged():
    _, articles = segment(_pdf(
        *HEAD,
        _line("Une épicerie solidaire", 120),
        _line("Un sous-titre en maigre", 136, bold=False),
        _body(OTHER, 156),
    ))
    assert not any("épicerie" in a.title and "sous-titre" in a.title for a in articles)


def test_hand_broken_heading_lines_of_an_e_mail_are_one_title():
    h = {"kind": BlockKind.HEADING, "bold": True, "font_size": 13.5}
    doc = ExtractedDocument(
        source=SourceFile("lettre.html", SourceFormat.HTML, "0" * 64, 1), body_font_size=10.5,
        blocks=(
            Block("Résonances", kind=BlockKind.HEADING, bold=True, font_size=30),
            Block("Résonances n°60 – mars 2022", font_size=10.5),
            Block("Vie des quartiers", kind=BlockKind.HEADING, bold=True, font_size=16),
            Block("Le service jeunesse de Nanterre installe", **h),
            Block("des permanences au Petit-Nanterre", **h),
            Block(BODY, font_size=10.5),
            Block("Budget participatif :", **h),
            Block("Gennevilliers mise sur les jeunes", **h),
            Block(OTHER, font_size=10.5),
        ))
    _, articles = segment(doc)
    assert [a.title for a in articles] == [
        "Le service jeunesse de Nanterre installe des permanences au Petit-Nanterre",
        "Budget participatif : Gennevilliers mise sur les jeunes"]


def test_a_title_s_line_end_hyphen_is_a_compound_s():
    from collections import Counter

    from kb.extract.pdf import _join

    assert _join("l'égalité filles-", "garçons", Counter(), heading=True) == \
        "l'égalité filles-garçons"
    assert _join("la commu-", "nication", Counter({"communication": 2}), heading=True) == \
        "la communication"  # the document writes the word solid elsewhere
    assert _join("la commu-", "nication", Counter()) == "la communication"  # body text


def test_an_intertitle_after_a_contact_line_goes_on_with_the_article():
    """'Contact :' closes an article, but a line set in the type of its own intertitles
    right after it is one more intertitle, not a new article."""
    _, articles = segment(_pdf(
        *HEAD,
        _line("Une maison du projet aux Lochères", 120),
        _body(BODY, 140),
        _line("Des ateliers chaque mois", 170, 10.5),
        _body(OTHER, 186),
        _body("Contact : centre social, 01 39 00 00 00", 210),
        _line("Des limites reconnues", 230, 10.5),
        _body("Les partenaires jugent la durée trop courte pour les plus éloignés.", 246),
        _line("À Trappes, un parc dessiné avec les habitants", 280),
        _body(BODY, 300),
    ))
    assert [a.title for a in articles] == [
        "Une maison du projet aux Lochères", "À Trappes, un parc dessiné avec les habitants"]
    assert "Des limites reconnues" in articles[0].text


def test_a_paragraph_cut_by_a_section_heading_goes_back_to_its_article():
    """A PDF read column by column puts a section heading set at the foot of one column
    before the end of the paragraph at the top of the next: the lower-case rest goes back
    to the article that stopped mid-sentence, never into an untitled article."""
    _, articles = segment(_pdf(
        *HEAD,
        _line("Une maison du projet aux Lochères", 120),
        _body("La ville ouvre une maison du projet au pied des tours, avec", 140),
        _line("Ressources", 170, 17),
        _body("une permanence le mardi et des ateliers pour les habitants.", 200),
        _line("Un guide pour les conseils citoyens", 230),
        _body(BODY, 250),
    ))
    assert [(a.section, a.title) for a in articles] == [
        ("Vie des quartiers", "Une maison du projet aux Lochères"),
        ("Ressources", "Un guide pour les conseils citoyens")]
    assert "une permanence le mardi" in articles[0].lead
