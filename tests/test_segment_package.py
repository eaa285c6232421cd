"""The segmenter as a package: its vocabulary read from data, its modules kept small."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

import kb.segment
from kb.segment.vocabulary import (
    KNOWN_SECTIONS,
    LIST_RUBRICS,
    NEWSLETTER,
    is_list_rubric,
    match_section,
    parse_vocabulary,
)

HEADER = "kind\tlabel\tmode"


def test_the_vocabulary_comes_from_the_data_file_with_its_source_header():
    text = resources.files("kb").joinpath("data", "sections.tsv").read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("seed" in line for line in comments)
    assert NEWSLETTER == "Résonances"
    assert ("National / Régional", "detail") in KNOWN_SECTIONS
    # a longer name is tried before its first words
    labels = [label for label, _ in KNOWN_SECTIONS]
    assert labels.index("National / Régional") < labels.index("National")
    assert labels.index("À lire / à voir") < labels.index("À lire")
    assert is_list_rubric("MOUVEMENTS") and is_list_rubric("En bref")
    assert not is_list_rubric("Agenda")
    assert frozenset({"mouvements", "en bref", "breves"}) == LIST_RUBRICS


def test_a_section_added_to_the_data_is_matched():
    vocabulary = parse_vocabulary([
        "# a comment", HEADER, "newsletter\tLa Lettre\texact", "section\tVie des quartiers\tkeep",
        "list\tNominations\texact",
    ])
    assert vocabulary.newsletter_key == "la lettre" and vocabulary.id_prefix == "la-lettre"
    assert vocabulary.sections == (("Vie des quartiers", "keep"), ("Nominations", "exact"))
    assert vocabulary.list_rubrics == frozenset({"nominations"})


@pytest.mark.parametrize("lines", [
    ["kind\tlabel", "section\tAgenda"],
    [HEADER, "section\tAgenda\tsometimes", "newsletter\tX\texact"],
    [HEADER, "rubric\tAgenda\texact", "newsletter\tX\texact"],
    [HEADER, "section\tAgenda\texact"],  # no newsletter name
])
def test_a_malformed_vocabulary_is_refused(lines):
    with pytest.raises(ValueError):
        parse_vocabulary(lines)


def test_match_section_reads_the_data_file_names():
    assert match_section("DANS LA PRESSE - disponible au Pôle ressources") == (
        "Dans la presse", "disponible au Pôle ressources")


def test_the_public_names_are_still_importable_from_kb_segment():
    for name in kb.segment.__all__:
        assert hasattr(kb.segment, name), name


def test_every_module_of_the_package_stays_small():
    folder = Path(kb.segment.__file__).parent
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines())
             for path in folder.glob("*.py")}
    assert len(sizes) >= 6
    assert all(lines <= 400 for lines in sizes.values()), sizes
