"""The newsletter PDF renderer: deterministic, hyphenating, nothing overflowing."""

from __future__ import annotations

import pdfplumber
import pytest

from tools.issuegen.render_pdf import french_break_points, french_hyphenator, render_pdf
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec


def small_issue() -> IssueSpec:
    return IssueSpec(
        number=12,
        date="2019-03-01",
        sections=[SectionSpec(name="National / Régional", articles=[
            ArticleSpec(
                title="Un article",
                kind="Publication",
                paragraphs=["Le développement de l'accompagnement social. " * 30],
                links=["https://poleressources95.org/veille/un-lien-tres-long-qui-ne-tient-pas-"
                       "sur-une-seule-ligne-de-colonne-etroite/"],
                contact="Nadia Ferhat, n.ferhat@poleressources95.org",
            ),
        ])],
    )


def split(word: str) -> str:
    points = french_break_points(word)
    return "-".join(word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True))


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("développement", "dé-ve-lop-pe-ment"),
        ("accompagnement", "ac-com-pa-gne-ment"),
        ("ministre", "mi-nis-tre"),
        ("cadre", "ca-dre"),
        ("habitants", "ha-bi-tants"),
    ],
)
def test_french_break_points(word, syllables):
    assert split(word) == syllables


def test_hyphenator_leaves_capitals_and_non_words_alone():
    assert list(french_hyphenator("DÉVELOPPEMENT")) == []
    assert list(french_hyphenator("l'accompagnement")) == []
    pairs = list(french_hyphenator("développement"))
    assert pairs[0] == ("dévelop", "pement") or pairs[0][0].startswith("dévelop")
    assert all(head + tail == "développement" for head, tail in pairs)


def test_render_is_deterministic(tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_pdf(small_issue(), first)
    render_pdf(small_issue(), second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_layout_stays_on_the_page_and_carries_metadata(columns, tmp_path):
    path = tmp_path / "issue.pdf"
    render_pdf(small_issue(), path, columns=columns)
    with pdfplumber.open(path) as pdf:
        assert pdf.metadata["Title"] == "Résonances n°12 – mars 2019"
        for page in pdf.pages:
            # Long URLs are broken, never left running into the next column or off the page.
            assert max(char["x1"] for char in page.chars) <= page.width - 40
            assert page.hyperlinks
        text = pdf.pages[0].extract_text()
    assert "Résonances n°12 – mars 2019" in text
    assert "< Publication >" in text


def test_bad_column_count_is_refused(tmp_path):
    with pytest.raises(ValueError, match="columns"):
        render_pdf(small_issue(), tmp_path / "x.pdf", columns=4)
