"""The entity evaluation finds the article a labeller meant by its title line, whichever
convention the labeller used for a list without a title of its own."""

from __future__ import annotations

from kb.models import Article, Issue, SourceFormat
from tools.eval_entities import _holds_title


def _article(title: str, kind: str | None = None, text: str = "") -> Article:
    issue = Issue("resonances-n1", "Résonances", 1, "2021-05")
    return Article(id=title, issue=issue, position=0, section=None, kind=kind,
                   kind_detail=None, heading=None, title=title, lead="", text=text,
                   links=(), emails=(), contacts=(), pages=(1,), source="x.txt",
                   format=SourceFormat.TEXT)


def test_a_title_line_a_rubric_marker_or_a_first_item_names_the_article():
    moves = _article("Mouvements", kind="Mouvements", text="Lina Haddad, cheffe de projet")
    press = _article("Dans la presse", kind="Dans la presse",
                     text="« Rapport annuel », Le Parisien, 2 mars\n« Autre », Le Monde")
    titled = _article("UN FORUM POUR L'EMPLOI À CERGY")
    assert _holds_title(titled, "Un forum pour l'emploi")
    assert _holds_title(moves, "< Mouvements >")
    assert _holds_title(press, "< DANS LA PRESSE - DISPONIBLE AU PÔLE RESSOURCES >")
    assert _holds_title(press, "- « Rapport annuel », Le Parisien, 2 mars")
    assert not _holds_title(moves, "< À LIRE / À VOIR >")
    assert not _holds_title(press, "- « Autre », Le Monde")
    # The labeller's raw line keeps Markdown's emphasis, which the extractor drops.
    assert _holds_title(press, "- « *Rapport annuel* », Le Parisien, 2 mars")


def test_an_optional_form_does_not_hide_a_labelled_person_it_folds_to():
    from tools.eval_entities import Found, evaluate

    gold = {"communes": ["95280"], "organisations": [], "people": ["Nadia Hammoudi"],
            "optional": ["NADIA HAMMOUDI", "N. H.", "95203"]}
    found = Found(frozenset({"95280", "95203"}), (), frozenset({"Nadia Hammoudi"}))
    scores, errors = evaluate([("x", gold, found)])
    assert scores["people"] == (1.0, 1.0, 1.0) and scores["communes"] == (1.0, 1.0, 1.0)
    assert errors == []


def test_a_prefix_of_a_rubric_markers_line_names_the_list():
    press = _article("Dans la presse", kind="Dans la presse", text="« Rapport », Le Monde")
    assert _holds_title(press, "< DANS LA PRESSE")


def test_a_persons_name_compares_whatever_its_case_and_word_order():
    from tools.eval_entities import person_form

    assert person_form("KOWALCZYK Agnieszka") == person_form("Agnieszka Kowalczyk")
    assert person_form("Marie DURAND") == person_form("Marie Durand")
    assert person_form("Marie Durand") != person_form("Marie Dupont")
