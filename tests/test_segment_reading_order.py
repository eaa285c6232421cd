"""Reading order of PDFs laid out by word processors and browsers: sections whose columns
are balanced under a heading that cuts the page across (LibreOffice sections, CSS
`column-span: all`), and a masthead in body type crossing the gutter."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kb.extract import extract
from kb.segment import segment

WIDTH, HEIGHT = A4
LEFT, GUTTER_X = 50, 306

SENTENCE = ("les habitants du quartier ont participé à des ateliers avec les services de la "
            "ville et les associations pour préparer le projet")
WORDS = SENTENCE.split(" ")


def _column_lines(tag: str, count: int) -> list[str]:
    lines = []
    for number in range(count):
        words = WORDS[number % 5:] + WORDS[:number % 5]
        lines.append(" ".join(words)[:50] + ("." if number == count - 1 else ""))
    lines[0] = f"{tag} " + lines[0]
    return lines


def _balanced_section(canvas: Canvas, y: float, heading: str, title: str, tag: str) -> float:
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, y, heading)
    y -= 28
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, y, title)
    y -= 18
    canvas.setFont("Helvetica", 9.5)
    left, right = _column_lines(f"{tag}1", 12), _column_lines(f"{tag}2", 12)
    for row, (first, second) in enumerate(zip(left, right, strict=True)):
        canvas.drawString(LEFT, y - 12 * row, first)
        canvas.drawString(GUTTER_X, y - 12 * row, second)
    return y - 12 * len(left) - 30


def _balanced_issue(path: Path) -> None:
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawCentredString(WIDTH / 2, HEIGHT - 60, "Résonances")
    canvas.setFont("Helvetica", 9.5)  # the masthead in body type, across the gutter
    canvas.drawCentredString(WIDTH / 2, HEIGHT - 80,
                             "Pôle ressources ville et développement social")
    canvas.drawCentredString(WIDTH / 2, HEIGHT - 92, "Lettre n°66 – janvier 2024")
    y = _balanced_section(canvas, HEIGHT - 130, "Agenda", "UNE RENCONTRE RÉGIONALE", "AAA")
    _balanced_section(canvas, y, "Ressources", "UN GUIDE PRATIQUE", "BBB")
    canvas.showPage()
    canvas.save()


def test_balanced_sections_are_read_section_by_section(tmp_path):
    path = tmp_path / "lettre.pdf"
    _balanced_issue(path)
    texts = [block.text for block in extract(path).blocks]
    order = [next(i for i, t in enumerate(texts) if t.startswith(key))
             for key in ("Agenda", "UNE RENCONTRE", "AAA1", "AAA2", "Ressources", "UN GUIDE",
                         "BBB1", "BBB2")]
    assert order == sorted(order), texts
    issue, articles = segment(extract(path))
    assert issue.number == 66
    assert [(a.section, a.title) for a in articles] == [
        ("Agenda", "UNE RENCONTRE RÉGIONALE"), ("Ressources", "UN GUIDE PRATIQUE")]
    assert "BBB" not in articles[0].full_text and "AAA" not in articles[1].full_text


def test_a_paragraph_across_the_page_above_the_columns_hides_no_gutter(tmp_path):
    """An editorial set across the page, then two columns: its lines cross the gutter,
    yet the columns below are read one after the other."""
    path = tmp_path / "edito.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 60, "Édito")
    canvas.setFont("Helvetica", 9.5)
    wide = " ".join(WORDS)
    for row in range(14):  # more lines across than the columns hold below
        canvas.drawString(LEFT, HEIGHT - 80 - 12 * row, wide[:98])
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 320, "Agenda")
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 345, "UNE RENCONTRE RÉGIONALE")
    canvas.setFont("Helvetica", 9.5)
    for row, (first, second) in enumerate(zip(_column_lines("CCC1", 10), _column_lines(
            "CCC2", 10), strict=True)):
        canvas.drawString(LEFT, HEIGHT - 365 - 12 * row, first)
        canvas.drawString(GUTTER_X, HEIGHT - 365 - 12 * row, second)
    canvas.showPage()
    canvas.save()
    texts = [block.text for block in extract(path).blocks]
    first = next(i for i, t in enumerate(texts) if t.startswith("CCC1"))
    second = next(i for i, t in enumerate(texts) if t.startswith("CCC2"))
    assert first < second and "CCC2" not in texts[first], texts


def test_a_label_line_in_small_type_above_a_title_in_legacy_markup_stays_apart(tmp_path):
    """`<font size=1>Label</font><br><font size=4>Title</font>`: one <br> between two
    sizes is two lines as the browser shows them, not one paragraph."""
    path = tmp_path / "lettre.html"
    path.write_text(
        "<html><head><title>Résonances n°58 – octobre 2021</title></head><body><table><tr>"
        "<td><font size=4><b>National / Régional</b></font></td></tr><tr><td>"
        "<font size=1><b>Emploi</b></font><br>"
        "<font size=4><b>Cités de l'emploi : une deuxième vague</b></font><br><br>"
        "<font size=2>Après une première vague de territoires pilotes, le ministère étend "
        "le programme des cités de l'emploi à de nouveaux territoires.</font></td></tr>"
        "</table></body></html>", encoding="utf-8")
    issue, (article,) = segment(extract(path))
    assert issue.number == 58
    assert (article.section, article.heading, article.title) == (
        "National / Régional", "Emploi", "Cités de l'emploi : une deuxième vague")


def test_sections_balanced_in_the_flow_are_read_section_by_section(tmp_path):
    """Word's continuous section breaks: each section balanced over two columns, its
    heading inside the left column's flow, the right column's text starting again at the
    heading's height (the end of the section's first article, carried over)."""
    path = tmp_path / "sections.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    y = HEIGHT - 60
    for heading, tag in (("Agenda", "DDD"), ("Ressources", "EEE")):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(LEFT, y, heading)
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(LEFT, y - 24, f"UN ARTICLE {tag}")
        canvas.setFont("Helvetica", 9.5)
        left = _column_lines(f"{tag}1", 10)
        right = _column_lines(f"{tag}2", 12)
        for row, line in enumerate(left):
            canvas.drawString(LEFT, y - 44 - 12 * row, line)
        for row, line in enumerate(right):  # starts level with the heading
            canvas.drawString(GUTTER_X, y - 12 * row, line)
        y -= 44 + 12 * len(left) + 30
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "Agenda", "DDD1", "DDD2", "Ressources", "EEE1", "EEE2")


def test_letter_spaced_capitals_are_read_as_words():
    from kb.extract.pdf import _row_text, _Word

    def word(text: str, x0: float) -> _Word:
        return _Word(text, x0, x0 + 4.5 * len(text), 10, 17.5, 7.5, True)

    pieces, x, row = ("P", "OL", "I", "T", "IQ", "U", "E", " ", "DE", " ", "LA"), 50.0, []
    for piece in pieces:
        if piece == " ":
            x += 3.0  # a word space on top of the tracking
            continue
        row.append(word(piece, x))
        x = row[-1].x1 + 1.2  # tracking between letters
    assert _row_text(row) == "POLITIQUE DE LA"
    normal = [word("à", 50), word("la", 57.5), word("une", 69.5)]
    assert _row_text(normal) == "à la une"


def test_word_symbol_font_bullets_make_list_items():
    from kb.extract.pdf import _is_bullet

    assert _is_bullet("\uf0b7 Publication de la liste des quartiers prioritaires")
    assert _is_bullet("\uf0a7 Un second point")
    assert not _is_bullet("Publication de la liste")


def test_bullets_drawn_as_shapes_make_list_items(tmp_path):
    """A browser prints a list's bullets as small discs, not as text: each disc opens an
    item, and an item cut by the column break goes on at the items' indent."""
    path = tmp_path / "liste.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 60, "Dans la presse")
    canvas.setFont("Helvetica", 9.5)
    items = [("« Les quartiers au cœur de la rentrée », Le Parisien, 4 septembre",),
             ("« Trois questions sur la géographie », La Gazette des communes,",
              "12 octobre")]
    y = HEIGHT - 84
    for item in items:
        canvas.circle(LEFT + 4, y + 3, 1.6, stroke=0, fill=1)
        for row, line in enumerate(item):
            canvas.drawString(LEFT + 12, y - 12 * row, line)
        y -= 12 * len(item) + 6
    canvas.showPage()
    canvas.save()
    blocks = [b for b in extract(path).blocks if b.text != "Dans la presse"]
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("list_item", items[0][0]), ("list_item", " ".join(items[1]))]
    _, (article,) = segment(extract(path))
    assert article.items == (items[0][0], " ".join(items[1]))


@pytest.mark.parametrize("right_rows", [50, 46])
def test_a_section_heading_last_on_its_page_is_read_after_the_columns(tmp_path, right_rows):
    """A heading across the columns that falls at the foot of a page (CSS column-span),
    under two columns ending level or a few lines apart (a paragraph that would not
    split): read after them, never inside the first one."""
    path = tmp_path / "bas.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 60, "Agenda")
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 84, "UNE RENCONTRE RÉGIONALE")
    canvas.setFont("Helvetica", 9.5)
    _two_columns(canvas, HEIGHT - 104, _column_lines("FFF1", 50),
                 _column_lines("FFF2", right_rows))
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 104 - 12 * 50 - 14, "Ressources")
    canvas.showPage()
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 60, "UN GUIDE PRATIQUE")
    canvas.setFont("Helvetica", 9.5)
    canvas.drawString(LEFT, HEIGHT - 80, "Le guide paraît en juin et sera envoyé aux communes.")
    canvas.showPage()
    canvas.save()
    _, articles = segment(extract(path))
    assert [(a.section, a.title) for a in articles] == [
        ("Agenda", "UNE RENCONTRE RÉGIONALE"), ("Ressources", "UN GUIDE PRATIQUE")]
    assert "FFF2" in articles[0].text


def _assert_read_in_order(path: Path, *keys: str) -> None:
    """Each key's first block comes after the previous key's."""
    texts = [block.text for block in extract(path).blocks]
    order = [next(i for i, t in enumerate(texts) if key in t) for key in keys]
    assert order == sorted(order), texts


def _two_columns(canvas: Canvas, y: float, left: list[str], right: list[str]) -> None:
    canvas.setFont("Helvetica", 9.5)
    for row, line in enumerate(left):
        canvas.drawString(LEFT, y - 12 * row, line)
    for row, line in enumerate(right):
        canvas.drawString(GUTTER_X, y - 12 * row, line)


def _article_then_short_section(canvas: Canvas, top: float, rows: int, tags: tuple[str, str],
                                short_rows: int, short_tag: str) -> float:
    """A titled article in two balanced columns of `rows` lines, then a section heading
    ("Ressources") and a short article ("UN GUIDE PRATIQUE") filling the left column only.
    Returns the height under the short article."""
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, top, "UNE RENCONTRE RÉGIONALE")
    body = top - 20
    _two_columns(canvas, body, _column_lines(tags[0], rows), _column_lines(tags[1], rows))
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, body - 12 * rows - 14, "Ressources")
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, body - 12 * rows - 40, "UN GUIDE PRATIQUE")
    short = body - 12 * rows - 58
    _two_columns(canvas, short, _column_lines(short_tag, short_rows), [])
    return short - 12 * short_rows


@pytest.mark.parametrize("short_rows", [5, 52])
def test_a_short_section_under_balanced_columns_is_read_after_them(tmp_path, short_rows):
    """A word processor's balanced section ends level in both columns; the next section
    fills only the left column: its heading cuts the page, the right column's end of
    the article above is read before it. With 52 rows its column runs to the foot while
    the right one is empty: the section's name over a smaller title still cuts the page
    (a title at the head of its own text would be one flow, as below)."""
    path = tmp_path / "court.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _article_then_short_section(canvas, HEIGHT - 60, 6, ("GGG1", "GGG2"), short_rows, "HHH1")
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "GGG1", "GGG2", "Ressources", "UN GUIDE", "HHH1")


def test_a_column_running_to_the_foot_of_the_page_is_one_flow(tmp_path):
    """The same shapes, but the left column runs on to the foot of the page: one
    section's flow (the right column ends early on the last page), read column by column."""
    path = tmp_path / "flux.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 60, "UNE RENCONTRE RÉGIONALE")
    _two_columns(canvas, HEIGHT - 80, _column_lines("JJJ1", 6), _column_lines("JJJ2", 6))
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 80 - 12 * 6 - 14, "UN GUIDE PRATIQUE")
    _two_columns(canvas, HEIGHT - 80 - 12 * 6 - 32, _column_lines("KKK1", 52), [])
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "JJJ1", "UN GUIDE", "KKK1", "JJJ2")


def test_a_title_line_reaching_into_a_wide_gutter_stays_in_its_column(tmp_path):
    """Short left-column lines make the gutter look wide; a title line ending inside it
    does not cross the columns, so the right column's lines beside it stay apart."""
    path = tmp_path / "gouttiere.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(LEFT, HEIGHT - 60, "Conseils citoyens : mode")
    canvas.drawString(LEFT, HEIGHT - 78, "d'emploi ? Retour sur une année")
    canvas.drawString(LEFT, HEIGHT - 96, "d'expérimentations")
    canvas.setFont("Helvetica", 9.5)
    canvas.drawString(LEFT, HEIGHT - 116, "Collectif, Éditions du Square, 96 p.")
    right = [line[:40] for line in _column_lines("LLL2", 8)]
    _two_columns(canvas, HEIGHT - 60, [], right)
    canvas.showPage()
    canvas.save()
    texts = [block.text for block in extract(path).blocks]
    title = next(t for t in texts if t.startswith("Conseils"))
    assert "expérimentations" in title and "LLL2" not in title, texts


def test_short_columns_under_text_across_the_page_are_read_column_by_column(tmp_path):
    """An editorial and an agenda set across the page cover the gutter of the two short
    columns under them: the gutter is found again under the text across."""
    path = tmp_path / "pied.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 9.5)
    across = (SENTENCE + " " + SENTENCE)[:105]
    for row in range(40):
        canvas.drawString(LEFT, HEIGHT - 60 - 12 * row, across)
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 560, "UNE RENCONTRE RÉGIONALE")
    _two_columns(canvas, HEIGHT - 580, _column_lines("MMM1", 7), _column_lines("MMM2", 7))
    canvas.showPage()
    canvas.save()
    texts = [block.text for block in extract(path).blocks]
    first = next(i for i, t in enumerate(texts) if "MMM1" in t)
    second = next(i for i, t in enumerate(texts) if "MMM2" in t)
    assert first < second and "MMM2" not in texts[first], texts


def test_columns_starting_level_under_a_heading_start_a_section_down_to_the_foot(tmp_path):
    """Three balanced columns end level, a section heading follows in the first one, and
    two of the columns start again level right under it (the third stays empty): a new
    section, even though its first column runs to the foot of the page."""
    path = tmp_path / "niveau.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    columns = (LEFT, 220, 390)

    def lines(tag, count):
        return [line[:30] for line in _column_lines(tag, count)]

    def draw(top, blocks):
        canvas.setFont("Helvetica", 9.5)
        for x, column in zip(columns, blocks, strict=False):
            for row, line in enumerate(column):
                canvas.drawString(x, top - 12 * row, line)

    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 60, "UNE RENCONTRE")
    draw(HEIGHT - 80, [lines("NNN1", 6), lines("NNN2", 6), lines("NNN3", 6)])
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 80 - 12 * 6 - 14, "Quartiers")
    draw(HEIGHT - 80 - 12 * 6 - 40, [lines("PPP1", 52), lines("PPP2", 20)])
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "NNN1", "NNN2", "NNN3", "Quartiers", "PPP1", "PPP2")


def test_a_short_section_low_on_a_page_is_no_flow_when_other_pages_run_further(tmp_path):
    """The short section's column ends low on its page, yet well above where the issue's
    text runs down to on the page before: it stops short of the foot, so its heading cuts
    the page and the right column's end of the section above is read before it."""
    path = tmp_path / "pied-bas.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _two_columns(canvas, HEIGHT - 60, _column_lines("QQQ1", 60), _column_lines("QQQ2", 60))
    canvas.showPage()
    _article_then_short_section(canvas, HEIGHT - 60, 30, ("RRR1", "RRR2"), 17, "SSS1")
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "RRR1", "RRR2", "Ressources", "UN GUIDE", "SSS1")


def test_a_last_page_under_its_colophon_keeps_a_column_holding_only_a_title(tmp_path):
    """The issue's last, short section: its title alone in the first of three columns, its
    body in the other two, and a colophon in small type filling more of the page than the
    body. The page is still read against the issue's body type, and the title's column
    is found although no body line marks it: the title stays whole, the body apart."""
    path = tmp_path / "dernier.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _two_columns(canvas, HEIGHT - 60, _column_lines("TTT1", 55), _column_lines("TTT2", 55))
    canvas.showPage()
    canvas.setFont("Helvetica-Bold", 14)
    for row, line in enumerate(("Quartiers populaires :", "le temps long des", "transformations")):
        canvas.drawString(LEFT, HEIGHT - 80 - 16 * row, line)
    canvas.setFont("Helvetica", 9.5)
    for x, tag in ((220, "UUU1"), (390, "UUU2")):
        for row, line in enumerate(_column_lines(tag, 4)):
            canvas.drawString(x, HEIGHT - 80 - 12 * row, line[:32])
    canvas.setFont("Helvetica", 7.5)
    colophon = ("Résonances, lettre du centre de ressources, 12 rue des Lilas, 95000 Ville, "
                "contact@exemple.fr, directrice de la publication : la présidente. ")
    for row in range(4):
        canvas.drawString(LEFT, HEIGHT - 160 - 10 * row, colophon[:125])
    canvas.showPage()
    canvas.save()
    texts = [block.text for block in extract(path).blocks]
    title = next(t for t in texts if t.startswith("Quartiers"))
    assert "transformations" in title and "UUU" not in title, texts
    _assert_read_in_order(path, "Quartiers", "UUU1", "UUU2")


def test_a_pull_quote_in_the_flow_opens_no_section(tmp_path):
    """A pull quote set large in the first column, a picture beside it leaving the next
    column empty, and both columns going on level under it: the quote belongs to its
    article's flow, so the first column is read down to its foot before the next one."""
    path = tmp_path / "exergue.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 60, "UNE RENCONTRE RÉGIONALE")
    _two_columns(canvas, HEIGHT - 80, _column_lines("VVV1", 20), _column_lines("VVV2", 12))
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(LEFT + 8, HEIGHT - 80 - 12 * 20 - 14, "« Nous voulons être écoutés,")
    canvas.drawString(LEFT + 8, HEIGHT - 80 - 12 * 20 - 30, "pas seulement consultés »")
    _two_columns(canvas, HEIGHT - 80 - 12 * 20 - 54, _column_lines("WWW1", 10),
                 _column_lines("WWW2", 10))
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "VVV1", "Nous voulons", "WWW1", "VVV2", "WWW2")


def test_a_colophons_short_last_line_starts_no_column(tmp_path):
    """A short last section under balanced columns, then the colophon in small type: its
    first line runs across the page, its last one stops in the second column. That line
    is the colophon's, so the second column holds nothing below the heading and the
    heading still cuts the page."""
    path = tmp_path / "colophon.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    under = _article_then_short_section(canvas, HEIGHT - 60, 6, ("XXX1", "XXX2"), 3, "YYY1")
    canvas.setFont("Helvetica", 7.5)
    colophon = ("Résonances, lettre du centre de ressources, 12 rue des Lilas, 95000 Ville, "
                "contact@exemple.fr, directrice de la publication : la présidente du centre.")
    canvas.drawString(LEFT, under - 16, colophon[:128])
    canvas.drawString(LEFT, under - 25, colophon[:95])
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "XXX1", "XXX2", "Ressources", "UN GUIDE", "YYY1")


def test_a_short_section_closed_by_a_heading_across_is_read_before_it(tmp_path):
    """CSS columns: a section's heading at the left, its short text balanced over two of
    three columns (the third empty), then the next section's heading across the page.
    The section is read whole before the next one; the article above ends first."""
    path = tmp_path / "bande.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    xs = (LEFT, 220, 390)

    def three(y: float, tags: tuple[str | None, ...], rows: tuple[int, ...]) -> None:
        canvas.setFont("Helvetica", 9.5)
        for x, tag, count in zip(xs, tags, rows, strict=True):
            if tag:
                for row, line in enumerate(_column_lines(tag, count)):
                    canvas.drawString(x, y - 12 * row, line[:30])
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 50, "UNE RENCONTRE")
    three(HEIGHT - 70, ("PPP1", "PPP2", "PPP3"), (30, 30, 1))
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 440, "Publications")
    three(HEIGHT - 465, ("QQQ1", "QQQ2", None), (8, 8, 0))
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 590,
                      "Ouest francilien (Yvelines / Val-d'Oise / Hauts-de-Seine)")
    three(HEIGHT - 615, ("RRR1", "RRR2", "RRR3"), (6, 6, 6))
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "PPP1", "PPP2", "PPP3", "Publications", "QQQ1", "QQQ2",
                          "Ouest francilien", "RRR1", "RRR2", "RRR3")


def test_a_picture_frame_carries_its_column_s_flow_past_a_heading(tmp_path):
    """One flow in two columns, a section heading in the left one; the right column's
    picture frame ends at the heading's height and its caption starts there: no section
    restarts, the columns are read one after the other."""
    path = tmp_path / "image.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 60, "Mémoires")
    _two_columns(canvas, HEIGHT - 84, _column_lines("SSS1", 14), _column_lines("SSS2", 8))
    heading = HEIGHT - 84 - 12 * 14 - 16
    canvas.setFillGray(0.8)
    canvas.rect(GUTTER_X, heading + 10, 230, (HEIGHT - 84 - 12 * 8) - heading - 16, fill=1)
    canvas.setFillGray(0)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, heading, "Ouest francilien")
    canvas.setFont("Helvetica", 9.5)
    canvas.drawString(GUTTER_X, heading, "UUU2 légende de la photographie.")
    _two_columns(canvas, heading - 24, _column_lines("TTT1", 10), _column_lines("VVV2", 9))
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "SSS1", "Ouest francilien", "TTT1", "SSS2", "UUU2", "VVV2")


def test_a_pull_quote_ending_a_column_does_not_hide_the_next_sections_cut(tmp_path):
    """Word's balanced sections: the left column of the first one ends on a pull quote
    set large; the next section's heading still cuts the page."""
    path = tmp_path / "exergue.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, HEIGHT - 60, "Agenda")
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 84, "UN ARTICLE WWW")
    _two_columns(canvas, HEIGHT - 104, _column_lines("WWW1", 8), _column_lines("WWW2", 12))
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT + 8, HEIGHT - 104 - 12 * 8 - 8, "« Personne ne nous a")
    canvas.drawString(LEFT + 8, HEIGHT - 104 - 12 * 8 - 24, "demandé notre avis. »")
    y = HEIGHT - 104 - 12 * 12 - 20
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, y, "Ressources")
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, y - 24, "UN ARTICLE XXX")
    _two_columns(canvas, y - 44, _column_lines("XXX1", 10), [])
    _two_columns(canvas, y, [], _column_lines("XXX2", 12))
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "Agenda", "WWW1", "Personne", "WWW2", "Ressources", "XXX1",
                          "XXX2")


def test_a_title_under_its_sections_name_is_inside_the_flow_that_name_opened(tmp_path):
    """Word's balanced sections: a short last section opens under level columns, its
    title under its name in the left column, its text going on in the right one: the
    title is no second cut, the right column's text is read after the left one's."""
    path = tmp_path / "alire.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, HEIGHT - 60, "UNE RENCONTRE RÉGIONALE")
    _two_columns(canvas, HEIGHT - 80, _column_lines("YYY1", 8), _column_lines("YYY2", 8))
    y = HEIGHT - 80 - 12 * 8 - 14
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(LEFT, y, "À lire")
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(LEFT, y - 20, "< OUVRAGE >")
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(LEFT, y - 36, "Grands ensembles, petites")
    canvas.drawString(LEFT, y - 50, "histoires")
    _two_columns(canvas, y - 68, _column_lines("ZZZ1", 2), [])
    _two_columns(canvas, y - 2, [], _column_lines("ZZZ2", 2))
    canvas.showPage()
    canvas.save()
    _assert_read_in_order(path, "YYY1", "YYY2", "À lire", "Grands ensembles", "ZZZ1", "ZZZ2")


@pytest.mark.parametrize("render", ["pdf", "html"])
def test_a_box_of_paragraphs_is_an_article_of_its_own(render, tmp_path):
    from dataclasses import replace

    from tools.issuegen.render_html import render_web_html
    from tools.issuegen.render_pdf import render_pdf
    from tools.issuegen.sample_issues import issue_e
    from tools.issuegen.spec import ArticleSpec

    spec = replace(issue_e(), sidebar=ArticleSpec(title="À noter", paragraphs=[
        "Le centre de documentation sera fermé du 26 juillet au 20 août.",
        "Les permanences téléphoniques sont maintenues le mardi et le jeudi."]))
    path = tmp_path / f"numero.{render}"
    if render == "pdf":
        render_pdf(spec, path, columns=2)
    else:
        path.write_bytes(render_web_html(spec))
    articles = segment(extract(path))[1]
    box = next(article for article in articles if article.title == "À noter")
    assert "fermé du 26 juillet" in box.lead + box.text
    assert all("fermé du 26 juillet" not in article.text
               for article in articles if article is not box)
