"""Plain-text extraction: encodings, blocks, list items, emphasis, page-break mending."""

from __future__ import annotations

import pytest

from kb.errors import ExtractionError
from kb.extract import extract
from kb.extract.text import decode, extract_text, split_blocks
from kb.models import BlockKind, SourceFile, SourceFormat


def source(name: str = "lettre.txt") -> SourceFile:
    return SourceFile(path=name, format=SourceFormat.TEXT, sha256="0" * 64, size=1)


@pytest.mark.parametrize("encoded", [
    "Été à Persan : réunion des élu·e·s".encode(),
    "\ufeffÉté à Persan : réunion des élu·e·s".encode(),
    "Été à Persan : réunion des élu·e·s".encode("cp1252"),
    "Été à Persan : réunion des élu·e·s".encode("utf-16"),
])
def test_decodes_utf8_with_or_without_bom_cp1252_and_utf16(encoded):
    assert decode(encoded, "x.txt") == "Été à Persan : réunion des élu·e·s"


def test_undecodable_cp1252_falls_back_on_detection():
    # 0x81 and 0x9d are undefined in cp1252: the bytes are Latin-1/ISO-8859-15 text.
    data = "Cœur de quartier, été ".encode("iso-8859-15") * 20 + b"\x81\x9d"
    text = decode(data, "x.txt")
    assert "quartier" in text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_told_by_its_nul_bytes(codec):
    assert decode("Été à Persan : réunion".encode(codec), "x.txt") == "Été à Persan : réunion"


def test_invalid_utf16_after_a_byte_order_mark_is_refused_not_replaced():
    broken = "\ufeffÉté".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    with pytest.raises(ExtractionError) as raised:
        decode(broken, "x.txt")
    assert "utf-16" in raised.value.reason and "\ufffd" not in raised.value.reason


def test_binary_bytes_are_refused_with_a_reason():
    with pytest.raises(ExtractionError) as raised:
        extract_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\xff", source())
    assert "binaire" in raised.value.reason


def test_double_encoded_utf8_is_mended():
    mangled = "Développement de l’emploi à Éragny".encode().decode("cp1252").encode()
    assert decode(mangled, "x.txt") == "Développement de l’emploi à Éragny"


def test_bytes_without_a_character_are_dropped_and_reported():
    data = "Réunion des élus à Persan, été 2021.\n".encode("cp1252") * 30 + b"fin\x81.\n"
    document = extract_text(data, source())
    text = " ".join(block.text for block in document.blocks)
    assert "élus" in text and "fin." in text and "\x81" not in text
    assert document.warnings == ("1 octet sans caractère en cp1252 ignoré",)


def test_blank_lines_separate_blocks_and_lone_lines_stand_alone():
    blocks = split_blocks(
        "L'actu du Pôle ressources\n\n< Publication >\nUN TITRE EN CAPITALES\n"
        "Un premier paragraphe.\n\n<https://pole.fr/x>\nExtrait 4ème de couv\n"
    )
    assert [b.text for b in blocks] == [
        "L'actu du Pôle ressources", "< Publication >", "UN TITRE EN CAPITALES",
        "Un premier paragraphe.", "<https://pole.fr/x>", "Extrait 4ème de couv",
    ]


def test_bullets_make_list_items_with_continuation_lines():
    blocks = split_blocks(
        "Mouvements\n\n- **Lydia Hugues**, déléguée du Préfet\n• Carl Garcia, Nanterre\n\n"
        "- « *Un titre* », Le Monde, 12 mars\n<https://lemonde.fr/a>\n"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Mouvements"),
        (BlockKind.LIST_ITEM, "Lydia Hugues, déléguée du Préfet"),
        (BlockKind.LIST_ITEM, "Carl Garcia, Nanterre"),
        (BlockKind.LIST_ITEM, "« Un titre », Le Monde, 12 mars <https://lemonde.fr/a>"),
    ]


def test_emphasis_markers_are_removed_and_a_wholly_bold_block_is_bold():
    bold, mixed = split_blocks("**Un intertitre en gras**\n\n*In fine*, ce **cycle** continue.\n")
    assert (bold.text, bold.bold) == ("Un intertitre en gras", True)
    assert (mixed.text, mixed.bold) == ("In fine, ce cycle continue.", False)


def test_markdown_headings_carry_their_level():
    (block,) = split_blocks("## Fiche expérience\n")
    assert (block.kind, block.heading_level) == (BlockKind.HEADING, 2)
    assert block.text == "Fiche expérience"


def test_paragraphs_cut_by_a_page_break_are_mended():
    blocks = split_blocks(
        "Les EPS donnaient jusqu'alors lieu à des\n\n\fétudes de situation et à des "
        "préconisations.\n\nLes villes ont un rôle central\n\nà jouer dans cette promotion.\n\n"
        "Une phrase finie.\n\nune suite qui reste à part\n"
    )
    assert [b.text for b in blocks] == [
        "Les EPS donnaient jusqu'alors lieu à des études de situation et à des préconisations.",
        "Les villes ont un rôle central à jouer dans cette promotion.",
        "Une phrase finie.",
        "une suite qui reste à part",
    ]
    assert [b.page for b in blocks] == [1, 2, 2, 2]


def test_titles_and_urls_are_not_mended_with_what_follows():
    blocks = split_blocks("UN TITRE\n\nsuite en minuscules.\n\nwww.site.fr\n\nencore.\n")
    assert len(blocks) == 4


def test_hard_wrapped_paragraphs_are_joined_and_hyphenation_mended():
    (block,) = split_blocks(
        "Un texte assez long pour être coupé à la ligne comme\n"
        "un courriel, avec un mot dévelop-\npement et Mantes-la-\nJolie.\n"
    )
    assert block.text == ("Un texte assez long pour être coupé à la ligne comme un courriel, "
                          "avec un mot développement et Mantes-la-Jolie.")


def test_short_lines_of_a_masthead_stay_separate():
    blocks = split_blocks("39 rue des Bussys\n95600 Eaubonne\n01.34.05.17.17\n")
    assert [b.text for b in blocks] == ["39 rue des Bussys", "95600 Eaubonne", "01.34.05.17.17"]


def test_form_feeds_count_pages():
    document = extract_text(b"Page un.\fPage deux.\fPage trois.", source())
    assert [b.page for b in document.blocks] == [1, 2, 3]
    assert document.page_count == 3


def test_whitespace_only_text_is_an_extraction_error():
    with pytest.raises(ExtractionError) as raised:
        extract_text(b" \n\n\t\n", source("vide.txt"))
    assert raised.value.path == "vide.txt"


def test_the_seed_issue_reads_into_blocks(seed_files):
    document = extract(seed_files[0])
    texts = [b.text for b in document.blocks]
    assert texts[0] == "Résonances"
    assert "< Séminaire des élu.e.s, 11 mai, 17h-19h, visioconférence >" in texts
    assert sum(b.kind is BlockKind.LIST_ITEM for b in document.blocks) == 9
    assert not any("**" in t or t.startswith("- ") for t in texts)
    assert any(t.startswith("Les EPS donnaient jusqu'alors lieu à des études de situation")
               for t in texts)


def test_two_lines_of_two_fields_are_a_title_and_its_credits_not_a_list():
    blocks = split_blocks("Nos mères, ces héroïnes\nUn film de Karim Dahmani (2023, 1h24), "
                          "en salle le 18 mars\n")
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    records = split_blocks("Corinne VASSEUR, déléguée du préfet, Sarcelles\n"
                           "Jérôme ABITBOL, directeur, Cergy-Pontoise\n")
    assert [b.kind for b in records] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_a_line_too_long_to_be_wrapped_ends_its_paragraph_at_a_sentence_end():
    long_line = "Le réalisateur a filmé sa mère et cinq de ses voisines. " * 4
    blocks = split_blocks(f"{long_line.strip()}\nÀ la radio : une émission\n")
    assert [b.text for b in blocks] == [long_line.strip(), "À la radio : une émission"]
    wrapped = split_blocks(f"{long_line.strip()} Elles\nracontent l'exil.\n")
    assert len(wrapped) == 1
