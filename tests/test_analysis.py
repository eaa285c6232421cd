"""The French analyzer: what a practitioner types meets what the newsletter wrote."""

from __future__ import annotations

import pytest

from indexer.analysis import analyze, fold, iter_terms, light_stem


def same_terms(a: str, b: str) -> bool:
    return analyze(a, mode="index") == analyze(b, mode="index")


@pytest.mark.parametrize(("typed", "written"), [
    ("equipement", "équipement"),
    ("EQUIPEMENTS", "Équipements"),
    ("habitants", "habitant.e.s"),
    ("habitants", "habitant·e·s"),
    ("habitantes", "habitant-e-s"),
    ("habitants", "habitant(e)s"),
    ("acteurs", "acteur.rice.s"),
    ("actrices", "acteur·rice·s"),
    ("élus", "élu-e-s"),
    ("elues", "élu.e.s"),
    ("professionnels", "professionnel/le/s"),
    ("chacun", "chacun.e"),
    ("franciliens", "francilien·ne·s"),
    ("equipement", "l'équipement"),
    ("equipement", "d’équipement"),
    ("quartier", "quartiers"),
    ("nationaux", "nationale"),
])
def test_forms_meet(typed: str, written: str) -> None:
    assert same_terms(typed, written)


def test_stemming_keeps_unrelated_words_apart() -> None:
    assert analyze("France") != analyze("franc")
    assert analyze("communication") != analyze("commune")
    assert analyze("jeunesse") != analyze("jeunes")


def test_place_names_with_le_are_not_inclusive_forms() -> None:
    assert analyze("Villiers-le-Bel") == ["villier", "bel"]
    assert analyze("Mesnil-le-Roi") == ["mesnil", "roi"]


def test_rep_plus_is_kept_and_also_found_by_rep() -> None:
    assert analyze("REP+", mode="query") == ["repplus"]
    assert analyze("REP plus", mode="query") == ["repplus"]
    assert analyze("REPplus", mode="query") == ["repplus"]
    assert set(analyze("les écoles en REP+", mode="index")) >= {"repplus", "rep", "ecole"}
    assert "repplus" not in analyze("REP", mode="index")


def test_stop_words_and_elisions_dropped() -> None:
    assert analyze("le la les des qu'il jusqu'au") == []
    assert analyze("aujourd'hui") == ["aujourdhui"]


def test_positions_and_offsets_point_at_the_original_text() -> None:
    text = "Les habitant·e·s de l'Équipement"
    terms = list(iter_terms(text))
    assert [t[0] for t in terms] == ["habitant", "equipement"]
    assert [text[s:e] for _, _, s, e in terms] == ["habitant·e·s", "Équipement"]
    assert [p for _, p, _, _ in terms] == [0, 1]


def test_unstemmed_variant() -> None:
    assert analyze("Rénovations", stem=False) == ["renovations"]
    assert fold("Œuvre Élu") == "oeuvre elu"
    assert light_stem("bureaux") == "bureau"
