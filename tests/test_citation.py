import pytest

from kb.citation import citation, issue_label, month_year, pages_label


@pytest.mark.parametrize(("date", "expected"), [
    ("2021-05-11", "mai 2021"),
    ("2021-05", "mai 2021"),
    ("2020-02", "février 2020"),
    ("2019-12-01", "décembre 2019"),
    ("2021", "2021"),
    ("2021-13", "2021"),  # no such month: the year is all we know
    ("2021-xx", "2021"),
    ("", ""),
    (None, ""),
])
def test_month_year(date, expected):
    assert month_year(date) == expected


@pytest.mark.parametrize(("pages", "expected"), [
    ((3,), "p. 3"),
    ((3, 4), "p. 3-4"),
    ((3, 5), "p. 3, 5"),
    ((4, 3, 4), "p. 3-4"),
    ((2, 3, 4, 7), "p. 2-4, 7"),
    ((), ""),
])
def test_pages_label(pages, expected):
    assert pages_label(pages) == expected


def test_issue_label_house_form_and_unknowns():
    assert issue_label(57, "2021-05-03") == "Résonances n°57, mai 2021"
    assert issue_label(57, None) == "Résonances n°57"
    assert issue_label(None, "2021-05") == "Résonances, mai 2021"
    assert issue_label(None, None) == "Résonances"
    # An unnumbered issue (a special issue) is named by its own title.
    assert issue_label(None, "2020-07", "Numéro spécial été") == "Numéro spécial été, juillet 2020"
    assert issue_label(12, "2019-03", "ignored title") == "Résonances n°12, mars 2019"


def test_citation_house_form_and_unknowns():
    assert citation(57, "2021-05-11", (3,)) == "Résonances n°57, mai 2021, p. 3"
    assert citation(57, "2021-05", (3, 4)) == "Résonances n°57, mai 2021, p. 3-4"
    assert citation(57, "2021-05", (3, 5)) == "Résonances n°57, mai 2021, p. 3, 5"
    assert citation(57, "2021-05", ()) == "Résonances n°57, mai 2021"
    assert citation(None, None, (2,)) == "Résonances, p. 2"
    assert citation(None, "2021", ()) == "Résonances, 2021"
