"""PDF extraction against newsletters rendered from specs in 1, 2 and 3 columns."""

from __future__ import annotations

import random
import re
import time
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from kb.errors import ExtractionError
from kb.extract import extract, ocr, pdf, read_source
from kb.extract.pdf import extract_pdf
from kb.models import BlockKind, ExtractedDocument
from tools.issuegen.bad_pdfs import (
    write_encrypted_pdf,
    write_garbage_pdf,
    write_image_only_pdf,
    write_mixed_text_and_image_pdf,
    write_truncated_pdf,
    write_zero_page_pdf,
)
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.sample_issues import issue_e
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec, load_issue

COMPOUND_SENTENCE = (
    "À Mantes-la-Jolie, la co-construction du projet avec les habitants du Val-d'Oise "
    "et de Montigny-lès-Cormeilles a-t-elle porté ses fruits ? "
)
FILLERS = ("", "Ainsi, ", "Par ailleurs, ", "En outre, ", "De plus, ", "Enfin, ", "Là aussi, ")


def sample_issue() -> IssueSpec:
    """Two sections, five articles: one crossing a page, a list rubric, long words."""
    long_words = (
        "Le développement économique des quartiers prioritaires suppose un accompagnement "
        "renouvelé des porteurs de projets, une professionnalisation des structures "
        "associatives et une coordination interinstitutionnelle exigeante. "
    )
    compounds = " ".join(f"{filler}{COMPOUND_SENTENCE}" for filler in FILLERS * 2)
    rng = random.Random(57)
    vocabulary = [
        "habitants", "quartier", "rénovation", "urbaine", "associations", "accompagnement",
        "insertion", "professionnelle", "jeunesse", "éducation", "santé", "participation",
        "citoyenne", "développement", "territoire", "politique", "ville", "contrat", "médiation",
        "sociale", "emploi", "formation", "logement", "collectivités", "partenaires",
        "dispositif", "expérimentation", "évaluation",
    ]

    def prose(sentences: int) -> str:
        out = []
        for _ in range(sentences):
            words = [rng.choice(vocabulary) for _ in range(rng.randint(9, 18))]
            out.append(" ".join(words).capitalize() + ".")
        return " ".join(out)

    return IssueSpec(
        number=57,
        date="2021-05-01",
        sections=[
            SectionSpec(
                name="L'actu du Pôle ressources",
                articles=[
                    ArticleSpec(
                        kind="Publication",
                        title="La transition, un levier de développement pour les quartiers",
                        paragraphs=[long_words * 3, compounds],
                        links=["https://poleressources95.org/la-transition-un-levier-de-developpement/"],
                    ),
                    ArticleSpec(
                        kind="Séminaire des élu.e.s",
                        kind_detail="11 mai, 17h-19h, visioconférence",
                        title="La santé mentale : un enjeu individuel et collectif",
                        paragraphs=[prose(5), "## Un cycle de séminaires", prose(4)],
                        more="https://poleressources95.org/actions/sante-mentale/",
                        contact="Lisa Mouawad, gup@ville-persan.fr",
                    ),
                    ArticleSpec(
                        title="Mouvements",
                        is_list=True,
                        items=[
                            "Nadia Benali, nouvelle cheffe de projet politique de la ville "
                            "à Persan",
                            "Marc Dupuis, délégué du préfet à Mantes-la-Jolie, "
                            "rejoint la préfecture des Yvelines",
                            "Sophie Martin, coordinatrice du contrat de ville à Gennevilliers",
                        ],
                    ),
                ],
            ),
            SectionSpec(
                name="Ouest francilien (78, 92, 95)",
                articles=[
                    ArticleSpec(
                        heading="Mantes-la-Jolie",
                        title="Un jardin partagé au Val Fourré",
                        paragraphs=[prose(rng.randint(6, 9)) for _ in range(9)],
                        contact="Service politique de la ville, pdv@manteslajolie.fr",
                    ),
                    ArticleSpec(
                        heading="Développement économique",
                        title="Lancement du programme « Quartiers productifs »",
                        paragraphs=[prose(6), long_words * 2],
                        links=["https://agence-cohesion-territoires.gouv.fr/quartiers-productifs"],
                    ),
                ],
            ),
        ],
    )


def big_issue(sections: int = 5) -> IssueSpec:
    """About twenty pages in two columns, for the speed measure."""
    rng = random.Random(2021)
    words = sample_issue().sections[1].articles[0].paragraphs[0].lower().replace(".", "").split()
    articles_per_section = 5

    def paragraph() -> str:
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(10, 20))).capitalize() + "."
            for _ in range(rng.randint(4, 8))
        ]
        return " ".join(sentences)

    return IssueSpec(
        number=99,
        date="2022-10-01",
        sections=[
            SectionSpec(
                name=f"Rubrique {index + 1}",
                articles=[
                    ArticleSpec(
                        kind="Publication",
                        title=f"Article {index + 1}.{position + 1} sur le renouvellement urbain",
                        paragraphs=[paragraph() for _ in range(5)],
                    )
                    for position in range(articles_per_section)
                ],
            )
            for index in range(sections)
        ],
    )


# ---------------------------------------------------------------------------
# Helpers


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def expected_units(issue: IssueSpec) -> list[str]:
    """Every text unit the spec puts in the body, in reading order (as render_text)."""
    units: list[str] = []
    for _, article in issue.articles():
        if article.is_list:
            units += article.items + article.links
            continue
        units += [paragraph.removeprefix("## ") for paragraph in article.paragraphs]
        units += article.links
        if article.more:
            units.append(f"En savoir plus : {article.more}")
        if article.contact:
            units.append(f"Contact : {article.contact}")
    # The specs' `**bold**` and `*italic*` are typography, not text.
    return [norm(re.sub(r"\*\*?(.+?)\*\*?", r"\1", unit)) for unit in units]


def recovered_in_order(issue: IssueSpec, document: ExtractedDocument) -> float:
    """Share of the spec's paragraphs found as one whole block, in the spec's order."""
    texts = [norm(block.text) for block in document.blocks]
    units = expected_units(issue)
    cursor = found = 0
    for unit in units:
        try:
            position = texts.index(unit, cursor)
        except ValueError:
            continue
        found += 1
        cursor = position + 1
    return found / len(units)


def expected_titles(issue: IssueSpec) -> list[str]:
    return [
        norm(article.title if article.is_list else article.title.upper())
        for _, article in issue.articles()
    ]


def raw_page_lines(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        # reportlab writes frames in reading order, so the content stream order is the truth.
        return [(page.extract_text(use_text_flow=True) or "").splitlines() for page in pdf.pages]


def extracted(path: Path) -> ExtractedDocument:
    data, source = read_source(path)
    return extract_pdf(data, source)


@pytest.fixture(scope="module")
def issue() -> IssueSpec:
    return sample_issue()


@pytest.fixture(scope="module", params=[1, 2, 3], ids=["1col", "2col", "3col"])
def rendered(request, issue, tmp_path_factory) -> tuple[int, Path, ExtractedDocument]:
    columns = request.param
    path = tmp_path_factory.mktemp(f"pdf{columns}") / f"resonances-57-{columns}col.pdf"
    render_pdf(issue, path, columns=columns)
    return columns, path, extracted(path)


# ---------------------------------------------------------------------------
# Layout and reading order


def test_paragraphs_recovered_whole_and_in_order(rendered, issue):
    columns, _, document = rendered
    ratio = recovered_in_order(issue, document)
    print(f"\n{columns} column(s): {ratio:.1%} of spec paragraphs recovered whole and in order")
    assert ratio >= 0.95


def test_titles_are_headings_in_spec_order(rendered, issue):
    _, _, document = rendered
    wanted = expected_titles(issue)
    headings = [norm(block.text) for block in document.blocks if block.kind is BlockKind.HEADING]
    assert [text for text in headings if text in wanted] == wanted


def test_section_names_and_markers_are_headings(rendered, issue):
    _, _, document = rendered
    headings = {norm(block.text) for block in document.blocks if block.kind is BlockKind.HEADING}
    assert {section.name for section in issue.sections} <= headings
    assert "< Publication >" in headings
    assert "Mantes-la-Jolie" in headings  # the commune line above a title


def test_headings_are_bigger_than_body(rendered, issue):
    _, _, document = rendered
    titles = set(expected_titles(issue))
    body = [block for block in document.blocks if block.kind is BlockKind.PARAGRAPH]
    assert document.body_font_size is not None
    assert {block.font_size for block in body if len(block.text) > 200} == {document.body_font_size}
    title_blocks = [block for block in document.blocks if norm(block.text) in titles]
    assert title_blocks
    assert all(block.font_size > document.body_font_size for block in title_blocks)
    assert all(block.bold for block in title_blocks)
    section = next(b for b in document.blocks if b.text == issue.sections[0].name)
    assert section.font_size > title_blocks[0].font_size
    assert section.heading_level < title_blocks[0].heading_level


def test_running_header_and_page_numbers_dropped(rendered, issue):
    _, path, document = rendered
    assert document.page_count == len(raw_page_lines(path)) >= 3
    masthead = [block for block in document.blocks if issue.masthead in block.text]
    # Only the masthead on page 1 says it; the header line of every page is gone.
    assert [(block.page, block.text) for block in masthead] == [(1, issue.masthead)]
    publisher = [block for block in document.blocks if issue.publisher in block.text]
    assert [block.page for block in publisher] == [1]
    page_number = re.compile(r"^[-–\s]*\d+[-–\s]*$")
    assert not [block.text for block in document.blocks if page_number.match(block.text)]
    assert not [block.text for block in document.blocks if re.search(r"– \d+ –", block.text)]


def test_columns_detected(rendered):
    columns, _, document = rendered
    body = [block for block in document.blocks if block.page == 2]
    assert {block.column for block in body} == set(range(columns))


def test_pages_are_right(rendered, issue):
    _, path, document = rendered
    pages = raw_page_lines(path)
    squeezed = ["".join("".join(lines).split()) for lines in pages]
    for block in document.blocks:
        # Compared without spaces: the raw text keeps URLs cut at line ends.
        head = "".join(block.text.split())[:25]
        if block.kind is not BlockKind.LIST_ITEM:
            assert head in squeezed[block.page - 1], block.text[:60]


def test_list_items(rendered, issue):
    _, _, document = rendered
    items = [norm(block.text) for block in document.blocks if block.kind is BlockKind.LIST_ITEM]
    assert items == [norm(item) for item in issue.sections[0].articles[2].items]


def test_links_are_attached_and_urls_whole(rendered, issue):
    _, _, document = rendered
    url = issue.sections[0].articles[0].links[0]
    block = next(block for block in document.blocks if url in block.links)
    assert block.text == url
    contact = next(block for block in document.blocks if block.text.startswith("Contact : Lisa"))
    assert contact.links == ("mailto:gup@ville-persan.fr",)


# ---------------------------------------------------------------------------
# Hyphenation


def test_hyphenated_words_mended(rendered):
    _, path, document = rendered
    raw = [line for page in raw_page_lines(path) for line in page]
    cut = [line for line in raw if re.search(r"[a-zé]-$", line)]
    assert cut, "the renderer should have hyphenated some words at line ends"
    text = "\n".join(block.text for block in document.blocks)
    assert "développement" in text
    assert "accompagnement" in text
    assert not re.search(r"dévelop-\s?pement|accompa-\s?gnement", text)
    # No syllable pieces left: every lowercase "x- y" or "x-y" split is a known word.
    leftovers = set(re.findall(r"\b[a-zéèà]+- [a-zéèà]+", text))
    assert not leftovers


def test_real_compounds_survive_line_ends(issue, tmp_path):
    compounds = ("Mantes-la-Jolie", "co-construction", "Val-d'Oise", "Montigny-lès-Cormeilles",
                 "a-t-elle")
    broken_somewhere = 0
    for columns in (1, 2, 3):
        path = tmp_path / f"c{columns}.pdf"
        render_pdf(issue, path, columns=columns)
        raw = [line for page in raw_page_lines(path) for line in page]
        compound_cut = re.compile(r"(Mantes-|Mantes-la-|co-|Val-|Montigny-|lès-|a-|a-t-)$")
        broken_somewhere += sum(1 for line in raw if compound_cut.search(line))
        text = " ".join(block.text for block in extracted(path).blocks)
        headings = [a.heading or "" for _, a in issue.articles()] + expected_titles(issue)
        spec_text = " ".join(expected_units(issue) + headings)
        for compound in compounds:
            assert text.count(compound) == spec_text.count(compound), (columns, compound)
    assert broken_somewhere >= 3, "the layouts should break some compounds at line ends"


def test_paragraph_crossing_a_page_is_one_block(rendered, issue):
    _, path, document = rendered
    pages = [" ".join(lines) for lines in raw_page_lines(path)]
    crossing = []
    for unit in expected_units(issue):
        words = unit.split()
        first, last = " ".join(words[:4]), " ".join(words[-3:])
        for number in range(len(pages) - 1):
            if first in pages[number] and last in pages[number + 1] and last not in pages[number]:
                crossing.append((unit, number + 1))
    assert crossing, "the long article should cross a page"
    texts = {norm(block.text): block for block in document.blocks}
    for unit, page in crossing:
        assert unit in texts
        assert texts[unit].page == page


def test_hyphenation_off_gives_no_cut_words(issue, tmp_path):
    path = tmp_path / "plain.pdf"
    render_pdf(issue, path, columns=2, hyphenate=False, running_header=False)
    document = extracted(path)
    assert recovered_in_order(issue, document) >= 0.95


# ---------------------------------------------------------------------------
# End to end, speed


def test_end_to_end_through_extract(issue, tmp_path):
    path = tmp_path / "resonances-57.pdf"
    render_pdf(issue, path, columns=2)
    document = extract(path)
    assert document.source.format == "pdf"
    assert document.source.path == str(path)
    assert document.title == issue.masthead
    assert document.blocks[0].text == "Résonances"
    assert document.blocks[0].kind is BlockKind.HEADING
    assert recovered_in_order(issue, document) >= 0.95


def test_extraction_speed_on_twenty_pages(tmp_path):
    issue = big_issue()
    path = tmp_path / "big.pdf"
    render_pdf(issue, path, columns=2)
    start = time.perf_counter()
    document = extract(path)
    elapsed = time.perf_counter() - start
    speed = document.page_count / elapsed
    print(f"\n{document.page_count} pages in {elapsed:.2f}s: {speed:.1f} pages/s")
    assert document.page_count >= 15
    assert recovered_in_order(issue, document) >= 0.95


# ---------------------------------------------------------------------------
# Unreadable PDFs


@pytest.mark.parametrize(
    ("writer", "reason"),
    [
        (write_encrypted_pdf, "PDF chiffré (protégé par mot de passe)"),
        (write_truncated_pdf, "PDF corrompu ou tronqué ("),
        (write_garbage_pdf, "PDF corrompu ou tronqué ("),
        (write_zero_page_pdf, "PDF sans aucune page"),
        # Grey bars, no letters: refused without OCR, and read as nothing with it.
        (write_image_only_pdf, "PDF numérisé : l'OCR n'y a reconnu aucun texte"
         if ocr.unavailable_reason() is None
         else "PDF sans texte (image numérisée) : OCR nécessaire"),
    ],
    ids=["password", "truncated", "garbage", "zero_pages", "scan"],
)
def test_unreadable_pdfs_raise_with_reason(writer, reason, tmp_path):
    path = writer(tmp_path / f"{writer.__name__}.pdf")
    with pytest.raises(ExtractionError) as caught:
        extract(path)
    assert caught.value.reason.startswith(reason)
    assert caught.value.path == str(path)
    if writer is not write_image_only_pdf and writer is not write_zero_page_pdf:
        assert caught.value.__cause__ is not None


def test_scanned_page_among_text_pages_is_skipped(tmp_path):
    path = write_mixed_text_and_image_pdf(tmp_path / "mixed.pdf")
    document = extract(path)
    assert document.page_count == 2
    assert {block.page for block in document.blocks} == {1}
    assert any("Mantes-la-Jolie" in block.text for block in document.blocks)


def test_scanned_page_skipped_without_ocr_is_reported(tmp_path, monkeypatch):
    from kb.extract import ocr

    monkeypatch.setattr(ocr, "unavailable_reason", lambda: "tesseract non installé")
    document = extract(write_mixed_text_and_image_pdf(tmp_path / "mixed.pdf"))
    assert {block.page for block in document.blocks} == {1}
    assert document.warnings == (
        "pages numérisées non lues (p. 2) : OCR nécessaire (tesseract non installé)",
    )


DEMO_DIR = Path(__file__).resolve().parent.parent / "tools" / "demo_issues"
DEMO_SPECS = sorted(DEMO_DIR.glob("*.toml"))


@pytest.mark.skipif(not DEMO_SPECS, reason="no demo issue specs in tools/demo_issues/")
@pytest.mark.parametrize("index", range(len(DEMO_SPECS)), ids=[p.stem for p in DEMO_SPECS])
def test_demo_issues_recovered(index, tmp_path):
    """The demo archive's issues, each in one of the three layouts."""
    issue = load_issue(DEMO_SPECS[index])
    columns = 1 + index % 3
    path = tmp_path / f"{DEMO_SPECS[index].stem}.pdf"
    render_pdf(issue, path, columns=columns)
    document = extract(path)
    ratio = recovered_in_order(issue, document)
    print(f"\n{DEMO_SPECS[index].stem}, {columns} column(s): {ratio:.1%}")
    assert ratio >= 0.95
    headings = [norm(block.text) for block in document.blocks if block.kind is BlockKind.HEADING]
    wanted = expected_titles(issue)
    assert [text for text in headings if text in wanted] == wanted


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_a_boxed_sidebar_is_read_after_the_flow_and_a_banner_stays_in_it(columns, tmp_path):
    spec = issue_e()
    path = tmp_path / "boxed.pdf"
    render_pdf(spec, path, columns=columns, section_style="banner", title_case="as_written")
    blocks = extract(path).blocks
    texts = [block.text for block in blocks]
    box = spec.sidebar
    assert texts[-len(box.items) - 1:] == [box.title, *box.items]
    # Section banners (one line on a coloured bar) keep their place among the articles.
    order = [texts.index(section.name) for section in spec.sections]
    assert order == sorted(order) and order[-1] < len(texts) - len(box.items) - 1
    for _, article in spec.articles():
        for paragraph in article.paragraphs:
            assert paragraph in texts


def _column_page(number: int, rows: int, *, across: bool = False) -> pdf._Page:
    """Words of a page in two columns (50–284 and 306–540), body type 9.5; `across`
    adds body lines running over the gutter."""
    words = []
    for row in range(rows):
        top = 60 + 12 * row
        for x0 in (50, 306):
            start = x0
            while start < x0 + 200:  # words of varied lengths, one space apart
                width = 18 + (7 * row + start) % 31
                words.append(pdf._Word("mot", start, start + width, top, top + 9.5, 9.5,
                                       False))
                start += width + 2.5
            words[-1].x1 = x0 + 234
        if across and row % 2:
            words.append(pdf._Word("travers", 200, 400, top + 400, top + 409.5, 9.5, False))
    return pdf._Page(number, 595, 842, words, [])


def test_the_issues_gutters_are_those_most_pages_agree_on_and_fit_a_page_without_crossings():
    pages = [_column_page(1, 30), _column_page(2, 30), _column_page(3, 4)]
    measures = pdf._measure_document(pages)
    assert len(measures.gutters) == 1
    start, end = measures.gutters[0]
    assert 284 <= start < end <= 306
    assert pdf._fits_the_gutters(pages[2].words, measures.gutters, 9.5)
    crossed = _column_page(4, 6, across=True)
    assert not pdf._fits_the_gutters(crossed.words, measures.gutters, 9.5)


def test_a_running_footer_read_with_different_punctuation_is_still_dropped():
    """A scan reads the footer's dash as a colon on one page only: the footer still
    repeats, and is dropped on every page."""
    footers = ("39 rue des Bussys - 95600 Eaubonne : 01.34.05.17.17",
               "39 rue des Bussys : 95600 Eaubonne : 01.34.05.17.17",
               "39 rue des Bussys - 95600 Eaubonne 01.34.05.17.17")
    pages = []
    for number, footer in enumerate(footers, start=1):
        words = [pdf._Word(text, 100 + 40 * i, 136 + 40 * i, 820, 828, 7, False)
                 for i, text in enumerate(footer.split())]
        words.append(pdf._Word(f"corps{number}", 100, 140, 400, 409.5, 9.5, False))
        pages.append(pdf._Page(number, 595, 842, words, []))
    pdf._drop_running_words(pages)
    assert [[w.text for w in page.words] for page in pages] == [
        ["corps1"], ["corps2"], ["corps3"]]


def test_a_hyphen_closer_than_a_word_space_binds_tracked_capitals():
    row = [pdf._Word("CHANTELOUP-LES", 51.1, 136.9, 557, 564.5, 7.5, False),
           pdf._Word("-VIGNES", 138.1, 176.7, 557, 564.5, 7.5, False),
           pdf._Word("/", 180.8, 183.3, 557, 564.5, 7.5, False),
           pdf._Word("POISSY", 187.4, 220.0, 557, 564.5, 7.5, False)]
    assert pdf._row_text(row) == "CHANTELOUP-LES-VIGNES / POISSY"


def test_pages_agree_on_a_gutter_whose_ragged_left_edge_moves():
    # The next column starts flush at the same place; the longest line before it varies.
    assert pdf._same_layout(((298.0, 304.0),), ((290.0, 306.0),))
    assert not pdf._same_layout(((298.0, 304.0),), ((310.0, 320.0),))


def test_a_boxed_sidebar_is_numbered_apart_from_the_flow(tmp_path):
    spec = issue_e()
    path = tmp_path / "boxed.pdf"
    render_pdf(spec, path, columns=2)
    blocks = extract(path).blocks
    boxed = [block for block in blocks if block.box]
    assert [block.text for block in boxed] == [spec.sidebar.title, *spec.sidebar.items]
    assert {block.box for block in boxed} == {1}


def _w(text: str, x0: float, x1: float, top: float, size: float = 9.5) -> pdf._Word:
    return pdf._Word(text, x0, x1, top, top + size, size, False)


def test_a_short_last_page_finds_its_gutter_beside_a_wider_right_margin():
    words = [_w("Photographies et récits", 51, 204, 120),
             _w("quartier des Touleuses.", 221, 302, 81),
             _w("Résonances n°724, Pôle ressources, 39 rue des Bussys, 95600 Eaubonne", 51, 498,
                149, 7.5)]
    assert pdf._find_gutters(words, 595, 9.5) == [(204.0, 221.0)]


def test_small_print_across_the_page_does_not_set_the_pages_type():
    colophon = [_w("Résonances n°724, Pôle ressources ville et développement social, 39 rue des "
                   "Bussys, 95600 Eaubonne, directrice de la publication", 51, 544, 150 + 9 * i,
                   7.5) for i in range(3)]
    body = [_w("Photographies et récits d'habitants", 51, 204, 120),
            _w("< EXPOSITION, JUSQU'AU 30 AVRIL >", 51, 183, 81, 7.5)]
    assert pdf._page_body_size(colophon + body, 9.5) == 9.5


def test_a_title_in_capitals_with_short_words_keeps_its_spaces():
    row, x = [], 51.0
    for word in ("UN", "MINISTÈRE", "DÉLÉGUÉ", "À", "LA", "VILLE"):
        row.append(_w(word, x, x + 7 * len(word), 100, 12))
        x += 7 * len(word) + 2.0
    assert pdf._row_text(row) == "UN MINISTÈRE DÉLÉGUÉ À LA VILLE"


def test_a_sections_name_in_a_column_of_its_own_beside_the_title_and_the_body():
    words = [_w("À", 51, 62, 53, 16), _w("lire", 66, 100, 53, 16),
             *(_w("Titre", 221, 339, 53 + 18 * i, 15) for i in range(3)),
             *(_w("corps", 391, 540, 53 + 12 * i) for i in range(6))]
    gutters = pdf._find_gutters(words, 595, 9.5)
    assert len(gutters) == 2 and gutters[0][0] >= 100 and gutters[0][1] <= 221 \
        and gutters[1] == (339.0, 391.0)


def test_word_spaces_of_a_few_justified_lines_lining_up_are_no_gutter():
    """A first column holding a few lines of body type (short articles of a Word section,
    the rest of each in the next columns): where their word spaces meet, a strip a word
    crosses, narrower than any gutter; the page's real gutters are empty and wider."""
    coverage = [3] * 600
    coverage[107:114] = [1] * 7  # crossed by one word
    coverage[205:221] = [0] * 16
    coverage[375:391] = [0] * 16
    words = [_w("mot", x, x + 30, 100 + 11 * i) for x in (114, 221, 391) for i in range(3)]
    gutters = pdf._gutters_below(1.5, coverage, words, 51, 544, narrow=False, body_size=9.5)
    assert gutters == [(205.0, 221.0), (375.0, 391.0)]
    coverage[100:114] = [1] * 14  # as wide as a gutter: a line or two across one
    gutters = pdf._gutters_below(1.5, coverage, words, 51, 544, narrow=False, body_size=9.5)
    assert gutters[0] == (100.0, 114.0)


def test_a_heading_inside_balanced_sections_cuts_although_the_section_before_ends_unevenly():
    """Word's continuous section breaks: the short articles of a section end its columns
    far apart; the next section's heading and the other columns' text start again at one
    height."""
    gutters = [(205.0, 221.0), (375.0, 391.0)]
    words = [*(_w("ligne", 51, 205, 300 + 11 * i) for i in range(12)),
             *(_w("ligne", 221, 375, 300 + 11 * i) for i in range(5)),
             *(_w("ligne", 391, 544, 300 + 11 * i) for i in range(8)),
             _w("Santé", 51, 102, 442.8, 16.0),
             *(_w("ligne", 221, 375, 443.1 + 11 * i) for i in range(6)),
             *(_w("ligne", 391, 544, 443.1 + 11 * i) for i in range(4)),
             *(_w("ligne", 51, 205, 480 + 11 * i) for i in range(3))]
    breaks = pdf._section_breaks(words, gutters, 9.5)
    assert any(abs(top - 441.8) < 0.5 for top, _ in breaks)


def test_a_masthead_centred_over_the_middle_column_is_a_band_read_first():
    gutters = [(198.0, 203.0), (393.0, 398.0)]
    words = [_w("Résonances", 203, 393, 68, 40), _w("Pôle ressources", 210, 380, 110, 9),
             *(_w("ligne", 40, 198, 150 + 11 * i) for i in range(20)),
             *(_w("ligne", 203, 393, 150 + 11 * i) for i in range(20)),
             *(_w("ligne", 398, 556, 150 + 11 * i) for i in range(20))]
    assert pdf._top_band(words, gutters, 9.5) == [(68, 119)]
    # A big title in the flow, with text of the other columns beside it, is no band.
    words.append(_w("ligne", 40, 198, 60))
    assert pdf._top_band(words, gutters, 9.5) == []
