"""kb.extract.hyphens: the one de-hyphenator the PDF, text (and OCR) readers share."""

from __future__ import annotations

from collections import Counter

from kb.extract.hyphens import join_cut, word_lexicon
from kb.extract.text import split_blocks


def test_a_compound_the_document_writes_keeps_its_hyphen_a_syllable_cut_does_not():
    lexicon = word_lexicon(["Le développement socio-économique et économique compte."])
    assert join_cut("le développement socio-", "économique", lexicon) == (
        "le développement socio-économique")
    assert join_cut("le dévelop-", "pement", lexicon) == "le développement"
    assert join_cut("à Mantes-la-", "Jolie", Counter()) == "à Mantes-la-Jolie"


def test_text_and_pdf_readers_mend_a_line_end_hyphen_alike():
    from kb.extract.pdf import _join

    text = ("Un projet socio-\néconomique pour le quartier, et un autre socio-économique,\n"
            "sans dévelop-\npement inutile.\n")
    lexicon = word_lexicon(text.split("\n"))
    [block] = split_blocks(text)
    assert "projet socio-économique pour" in block.text and "sans développement" in block.text
    assert _join("Un projet socio-", "économique pour", lexicon) == (
        "Un projet socio-économique pour")
