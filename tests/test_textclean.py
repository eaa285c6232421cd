"""kb.textclean: the small text helpers every stage shares."""

from __future__ import annotations

import pytest

from kb.textclean import is_reference_line


@pytest.mark.parametrize("line", [
    "Marion Tessier, Créaphis, 2149, 320 p., 28 €",
    "Cour des comptes, juillet 2150, 142 p.",
    "Éditions Amsterdam, 2151",
    "Un film de Karim Dahmani (2149, 1h24), en salle le 18 mars",
    "Une web-série de Claire Montmorency, 8 épisodes de 6 min, sur arte.tv",
    "Insee Analyses Île-de-France n° 212, février 2150, 4 p.",
])
def test_reference_and_credits_lines(line):
    assert is_reference_line(line)


@pytest.mark.parametrize("line", [
    "Nos mères, ces héroïnes",
    "Sarcelles, 10 ans après la rénovation",
    "Contrats de ville 2024-2030 : le bilan",
    "4 avril, Plaisir : forum de l'emploi des quartiers",
    "Le rapport 2149 de la fondation",
])
def test_titles_and_agenda_lines_are_no_references(line):
    assert not is_reference_line(line)
