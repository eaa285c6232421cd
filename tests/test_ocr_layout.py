"""OCR typography: type sizes from word boxes, bold from strokes, blocks laid out by columns.

The fast tests check the measuring pieces on values and pictures built here. The slow
ones print a small issue with our renderer, scan it (rasterised, turned, blurred, saved
as JPEG pictures by the `scanned` toolchain's scanner) and read it back with tesseract,
comparing what was measured with what the printed PDF states.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pdfplumber
import pytest

from kb.extract import extract, ocr
from kb.extract.ocr import OcrLine, OcrPage, OcrWord
from kb.models import BlockKind
from kb.textclean import fold
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec
from tools.toolchains.scanned import Flaws, scan

needs_tesseract = pytest.mark.skipif(
    ocr.unavailable_reason() is not None,
    reason=f"OCR not available here: {ocr.unavailable_reason()} "
           "(apt-get install tesseract-ocr tesseract-ocr-fra)",
)


# ---------------------------------------------------------------------------
# Measuring pieces, without tesseract


def line(size: float, top: float, *, left: float = 100, right: float = 900,
         text: str = "des mots ordinaires", bold: bool = False) -> OcrLine:
    words = []
    x = left
    for token in text.split():
        width = (right - left) / len(text.split())
        words.append(OcrWord(token, x, top, x + width * 0.9, top + size * 3, 90.0, bold=bold))
        x += width
    return OcrLine(words=words, size=size, baseline=top + size * 3)


def test_sizes_gather_into_the_issue_tiers() -> None:
    body = [line(size, 100 + 50 * i) for i, size in enumerate([9.3, 9.5, 9.6, 9.4, 9.8, 9.5])]
    titles = [line(size, 600 + 80 * i) for i, size in enumerate([12.8, 13.3, 13.1])]
    section = line(18.2, 1000)
    tiers = ocr.size_tiers([*body, *titles, section])
    assert {tiers[id(item)] for item in body} == {9.5}
    assert {tiers[id(item)] for item in titles} == {13.0}
    assert tiers[id(section)] == 18.0


def test_a_title_wrapped_over_lines_takes_one_size() -> None:
    """Lines set close under one another in one weight, measured 14.1 and 15.6 (letters
    reaching different heights), are one type; the body under them stays apart."""
    first = line(14.1, 100, text="UN TITRE SUR DEUX", bold=True)
    second = line(15.6, 100 + 14.1 * 4.3, text="LIGNES ÉTROITES", bold=True)
    body = line(9.5, 100 + 14.1 * 9, text="le texte courant de l'article")
    page = OcrPage(number=1, width=595, height=842, scale=72 / 300, lines=[first, second, body])
    ocr._harmonise(page)
    assert first.size == second.size
    assert 14.1 <= first.size <= 15.6
    assert body.size == 9.5


def test_what_letters_reach_sets_the_share_of_the_em() -> None:
    assert ocr.reach("ressources").top() == ocr.X_HEIGHT
    assert ocr.reach("Mantes").top() == ocr.CAP_HEIGHT
    assert ocr.reach("étude").top() == ocr.X_HEIGHT + ocr.ACCENT  # accent fused beside a t
    assert ocr.reach("mai").marked  # the dot stands apart above small letters
    assert ocr.reach("mai").top() == ocr.X_HEIGHT
    assert ocr.reach("mai").top(marks=True) == ocr.CAP_HEIGHT  # when taken in
    assert ocr.reach("ÉGALITÉ").top(marks=True) == pytest.approx(
        ocr.CAP_HEIGHT + ocr.CAP_ACCENT)


@pytest.mark.parametrize(("read", "meant"), [
    ("habitant-e:s", "habitant·e·s"),
    ("HABITANT:E.S", "HABITANT·E·S"),
    ("médiateur-rice-:s,", "médiateur·rice·s,"),
    ("demandeur-:-euse.s", "demandeur·euse·s"),
    ("sociaux:ales", "sociaux·ales"),
    ("élu.e.s", "élu.e.s"),  # as the author may have set it
    ("Villiers-le-Bel", "Villiers-le-Bel"),
    ("dis-le", "dis-le"),
    ("Mantes-la-Jolie", "Mantes-la-Jolie"),
])
def test_inclusive_writing_gets_its_middle_dots_back(read: str, meant: str) -> None:
    assert ocr.inclusive(read) == meant


def text_lines_image(angle: float):
    """A page of dark bars set like lines of text, turned by `angle` degrees."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1800, 2400), 245)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        top = 200 + row * 60
        for word in range(8):
            left = 150 + word * 190
            draw.rectangle((left, top, left + 150, top + 28), fill=20)
    return image.rotate(angle, fillcolor=245)


@pytest.mark.parametrize("angle", [0.0, 0.35, -0.45])
def test_the_skew_of_a_page_is_found(angle: float) -> None:
    assert ocr.skew_angle(text_lines_image(angle)) == pytest.approx(angle, abs=0.06)


def test_rules_are_erased_and_letters_kept() -> None:
    pixels = np.full((400, 800), 240, dtype=np.uint8)
    pixels[100:102, 20:600] = 0  # a rule under a heading
    pixels[20:380, 700:701] = 205  # a light grey column rule
    pixels[40:90, 50:60] = 0  # a letter's stem
    pixels[120:170, 100:400] = 90  # a band of colour
    out = ocr.erase_rules(pixels)
    assert (out[100:102, 20:600] == 240).all()
    assert (out[20:380, 700] == 240).all()
    assert (out[40:90, 50:60] == 0).all()
    assert (out[120:170, 100:400] == 90).all()


def test_dots_read_as_a_line_of_their_own_are_dropped() -> None:
    title = line(18.0, 500, text="discriminations dans")
    dots = line(4.0, 490, text="e e L] e")
    page = OcrPage(number=1, width=595, height=842, scale=72 / 300, lines=[dots, title])
    assert ocr._marks_read_as_line(dots, page)
    assert not ocr._marks_read_as_line(title, page)


def test_strokes_of_bold_type_are_thicker() -> None:
    """Two words drawn in the same size, stems 3 and 6 pixels wide."""
    def word(stem: int):
        grey = np.full((40, 200), 240, dtype=np.uint8)
        for left in range(5, 190, 18):
            grey[5:35, left:left + stem] = 20
        return grey, grey < 128

    regular = ocr._stem(*word(3), em=50)
    bold = ocr._stem(*word(6), em=50)
    assert regular == pytest.approx(3, abs=0.5)
    assert bold / regular >= ocr.BOLD_STEM_RATIO


# ---------------------------------------------------------------------------
# A small issue printed, scanned and read back


LONG_TITLE = ("Une maison du projet ouverte aux habitants pendant toute la durée du "
              "renouvellement urbain")
BODY = (
    "Les habitants du quartier ont été associés au projet dès le diagnostic, avec le "
    "conseil citoyen, les bailleurs sociaux et les associations de locataires. Chaque "
    "mercredi après-midi, la maison du projet accueille le public pour présenter les "
    "transformations programmées, recueillir les remarques et organiser des visites de "
    "chantier. Les professionnels de la gestion urbaine de proximité y tiennent une "
    "permanence mensuelle consacrée à la propreté, à l'éclairage et au stationnement."
)
SECOND = (
    "Les établissements scolaires du secteur participent à un programme d'éducation "
    "artistique : ateliers d'écriture, résidences de photographes et expositions dans les "
    "halls d'immeubles. Les familles sont invitées aux restitutions organisées en fin "
    "d'année avec la médiathèque municipale et le conservatoire intercommunal."
)


def small_issue() -> IssueSpec:
    return IssueSpec(number=44, date="2017-03-01", sections=[
        SectionSpec("L'actu du Pôle ressources", [
            ArticleSpec(kind="Publication", title="Les conseils citoyens en question",
                        paragraphs=[SECOND, BODY]),
        ]),
        SectionSpec("Ouest francilien", [
            ArticleSpec(heading="Renouvellement urbain", title=LONG_TITLE,
                        paragraphs=[BODY, SECOND]),
            ArticleSpec(heading="Culture", title="Des résidences d'artistes au collège",
                        paragraphs=[SECOND, BODY]),
            ArticleSpec(title="Mouvements", is_list=True, items=[
                "**Claire Vasseur**, cheffe de projet Politique de la ville, Gennevilliers",
                "**Youssef Amrani**, délégué du Préfet, Argenteuil, Bezons",
            ]),
        ]),
    ])


@pytest.fixture(scope="module")
def scanned_issue(tmp_path_factory: pytest.TempPathFactory):
    """(the printed PDF, the extracted scan): two columns, hyphenated, a little askew."""
    folder = tmp_path_factory.mktemp("ocr-layout")
    printed = folder / "printed.pdf"
    render_pdf(small_issue(), printed, columns=2, running_header=True, hyphenate=True)
    scanned = folder / "scan.pdf"
    scan(printed.read_bytes(), scanned, Flaws(source="ours-pdf", dpi=240, rotation=0.3,
                                              blur=0.4, jpeg_quality=70, paper=244))
    return printed, extract(scanned)


def printed_sizes(path: Path) -> dict[str, float]:
    """Folded line text → type size, as the printed PDF states them."""
    sizes: dict[str, float] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for text_line in page.extract_text_lines(extra_attrs=["size"]):
                sizes[fold(text_line["text"])] = float(text_line["chars"][0]["size"])
    return sizes


def words(text: str) -> set[str]:
    return set(fold(unicodedata.normalize("NFC", text)).split())


def block_for(document, text: str):
    """The block whose words best cover `text` (OCR misreads a letter here and there)."""
    wanted = words(text)
    return max(document.blocks, key=lambda block: len(wanted & words(block.text))
               - 0.1 * len(words(block.text) - wanted))


@pytest.mark.slow
@needs_tesseract
def test_type_sizes_are_measured_within_a_tenth(scanned_issue) -> None:
    printed, document = scanned_issue
    sizes = printed_sizes(printed)
    body = Counter(sizes.values()).most_common(1)[0][0]
    assert document.body_font_size == pytest.approx(body, rel=0.08)
    title_size = next(size for text, size in sizes.items() if "conseils citoyens" in text)
    section_size = sizes[fold("L'actu du Pôle ressources")]
    for title in ("Les conseils citoyens en question", "Des résidences d'artistes au collège",
                  LONG_TITLE):
        assert block_for(document, title).font_size == pytest.approx(title_size, rel=0.12)
    for section in ("L'actu du Pôle ressources", "Ouest francilien"):
        block = block_for(document, section)
        assert block.font_size == pytest.approx(section_size, rel=0.12)
        assert block.font_size > block_for(document, LONG_TITLE).font_size


@pytest.mark.slow
@needs_tesseract
def test_blocks_keep_titles_whole_bold_and_in_column_order(scanned_issue) -> None:
    _, document = scanned_issue
    titles = ["Les conseils citoyens en question", LONG_TITLE,
              "Des résidences d'artistes au collège"]
    found = [block_for(document, title) for title in titles]
    for title, block in zip(titles, found, strict=True):
        # One block holds the whole title (the long one wraps over lines), nothing else.
        assert words(block.text) >= words(title) - {"d'artistes"}, block.text
        assert len(words(block.text) - words(title)) <= 1, block.text
        assert block.kind is BlockKind.HEADING and block.bold
    order = [document.blocks.index(block) for block in found]
    assert order == sorted(order)
    # Body text is plain paragraphs in regular weight.
    lead = block_for(document, SECOND)
    assert lead.kind is BlockKind.PARAGRAPH and not lead.bold
    assert lead.font_size == document.body_font_size
    # Columns from x-positions: a page in two columns, read left column first.
    page_one = [block for block in document.blocks if block.page == 1 and block.bbox]
    middle = 595 / 2
    assert {block.column for block in page_one if block.bbox[0] > middle + 10} == {1}
    assert {block.column for block in page_one if block.bbox[2] < middle - 10} <= {0}
    columns = [block.column for block in page_one if block.bbox[1] > 200]
    assert columns == sorted(columns)


@pytest.mark.slow
@needs_tesseract
def test_markers_lists_and_words_cut_at_line_ends_come_back(scanned_issue) -> None:
    printed, document = scanned_issue
    texts = [block.text for block in document.blocks]
    assert "< Publication >" in texts
    items = [block for block in document.blocks if block.kind is BlockKind.LIST_ITEM]
    assert [fold(block.text).split()[:2] for block in items] == [
        ["claire", "vasseur"], ["youssef", "amrani"]]
    # The printer cut words at line ends ("transfor-" / "mations"): read back whole.
    cut = []
    with pdfplumber.open(printed) as pdf:
        for page in pdf.pages:
            half = float(page.width) / 2
            for column in (page.crop((0, 0, half, page.height)),
                           page.crop((half, 0, page.width, page.height))):
                lines = [text_line["text"] for text_line in column.extract_text_lines()]
                cut += _joined_at_line_ends(lines)
    assert cut, "the printed issue should hyphenate some words"
    read = set().union(*(words(text) for text in texts))
    assert sum(fold(word) in read for word in cut) >= 0.8 * len(cut), cut


def _joined_at_line_ends(lines: list[str]) -> list[str]:
    """Words the printer cut at a line end ("transfor-" / "mations"), joined."""
    joined = []
    for current, following in itertools.pairwise(lines):
        head = re.search(r"([^\W\d_]{2,})-$", current)
        tail = re.match(r"([a-zà-ÿ]{2,})", following)
        if head and tail:
            joined.append(head.group(1) + tail.group(1))
    return joined
