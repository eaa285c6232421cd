"""The demo archive in corpus/: in sync with its specs, and readable by the pipeline.

corpus/ is what a new user's `make run` indexes, so it is committed; its sources are
tools/demo_issues/*.toml. These tests fail when someone edits a spec or a renderer
without running `make corpus`, and measure how well the pipeline reads the shipped
files back: every spec title found, issue number and date recovered, one issue id for
the number received twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.models import Failure
from kb.pipeline import ReadIssue, read_paths
from kb.textclean import fold
from tools.build_corpus import CORPUS_DIR, RENDITIONS, Rendition, build, load_spec

TITLE_RECALL_THRESHOLD = 0.95
MAX_CORPUS_BYTES = 2 * 1024 * 1024
NOT_AN_ISSUE = {"README.md"}

RENDITION_IDS = [rendition.file_name(load_spec(rendition)) for rendition in RENDITIONS]


def shipped_path(rendition: Rendition) -> Path:
    return CORPUS_DIR / rendition.file_name(load_spec(rendition))


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("corpus")
    return {path.name: path for path in build(out)}


@pytest.fixture(scope="module")
def read_back() -> dict[str, ReadIssue | Failure]:
    """Each shipped file read once through the real pipeline, keyed by file name."""
    results: dict[str, ReadIssue | Failure] = {}
    for rendition in RENDITIONS:
        path = shipped_path(rendition)
        (item,) = list(read_paths([path]))
        results[path.name] = item
    return results


def title_recall(rendition: Rendition, item: ReadIssue) -> tuple[float, list[str]]:
    """Share of the spec's article titles found among the segmented articles, and the
    titles missed. Titles compare folded (case, accents, apostrophes, inclusive writing),
    each segmented article matching at most one expected one."""
    spec = load_spec(rendition)
    available = [fold(article.title) for article in item.articles]
    missed: list[str] = []
    expected = spec.articles()
    for _, article in expected:
        key = fold(article.title)
        if key in available:
            available.remove(key)
        else:
            missed.append(article.title)
    return (len(expected) - len(missed)) / len(expected), missed


@pytest.mark.parametrize("rendition", RENDITIONS, ids=RENDITION_IDS)
def test_shipped_file_is_the_rendering_of_its_spec(rendition, fresh_build):
    shipped = shipped_path(rendition)
    assert shipped.is_file(), f"{shipped.name} manque : lancer `make corpus`"
    assert shipped.read_bytes() == fresh_build[shipped.name].read_bytes(), (
        f"{shipped.name} n'est plus à jour de tools/demo_issues/{rendition.spec} : "
        "lancer `make corpus` et committer le résultat"
    )


def test_rendering_twice_gives_identical_bytes(tmp_path, fresh_build):
    again = {path.name: path.read_bytes() for path in build(tmp_path)}
    assert again == {name: path.read_bytes() for name, path in fresh_build.items()}


def test_corpus_holds_exactly_the_generated_files():
    shipped = {path.name for path in CORPUS_DIR.iterdir() if not path.name.startswith(".")}
    assert shipped - NOT_AN_ISSUE == set(RENDITION_IDS)


def test_corpus_is_small_enough_to_commit():
    total = sum(path.stat().st_size for path in CORPUS_DIR.iterdir() if path.is_file())
    assert total < MAX_CORPUS_BYTES


def test_every_format_and_layout_is_represented():
    suffixes = [rendition.suffix for rendition in RENDITIONS]
    assert {".pdf", ".txt", "-email.html", "-web.html"} <= set(suffixes)
    years = {load_spec(rendition).date[:4] for rendition in RENDITIONS}
    assert len(years) >= 5


def test_web_page_is_windows_1252_without_declared_charset():
    (rendition,) = [r for r in RENDITIONS if r.suffix == "-web.html"]
    data = shipped_path(rendition).read_bytes()
    assert b"charset" not in data.lower()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "é".encode("cp1252") in data


@pytest.mark.parametrize("rendition", RENDITIONS, ids=RENDITION_IDS)
def test_spec_titles_are_found_in_the_shipped_file(rendition, read_back):
    item = read_back[shipped_path(rendition).name]
    assert isinstance(item, ReadIssue), f"illisible : {item}"
    recall, missed = title_recall(rendition, item)
    assert recall >= TITLE_RECALL_THRESHOLD, f"titres trouvés {recall:.0%}, manquants : {missed}"


@pytest.mark.parametrize("rendition", RENDITIONS, ids=RENDITION_IDS)
def test_no_spurious_article_in_the_shipped_file(rendition, read_back):
    """A wrapped rubric marker or an intertitle read as a title shows up in `make run`
    as an article of its own; the editorial is the one article the spec lists apart."""
    spec = load_spec(rendition)
    item = read_back[shipped_path(rendition).name]
    assert isinstance(item, ReadIssue), f"illisible : {item}"
    expected = {fold(article.title) for _, article in spec.articles()}
    if spec.editorial:
        expected.add(fold("Édito"))
    spurious = [a.title for a in item.articles if fold(a.title) not in expected]
    precision = 1 - len(spurious) / len(item.articles)
    assert precision >= TITLE_RECALL_THRESHOLD, f"articles en trop : {spurious}"


@pytest.mark.parametrize("rendition", RENDITIONS, ids=RENDITION_IDS)
def test_issue_number_and_date_are_recovered(rendition, read_back):
    spec = load_spec(rendition)
    item = read_back[shipped_path(rendition).name]
    assert isinstance(item, ReadIssue), f"illisible : {item}"
    assert item.issue.number == spec.number
    assert item.issue.id == f"resonances-n{spec.number}"
    # The masthead gives the month only ("n°58 – octobre 2021").
    assert item.issue.date in (spec.date[:7], spec.date)


def test_the_number_received_twice_is_one_issue_with_one_id_per_article(read_back):
    by_number: dict[int, list[ReadIssue]] = {}
    for item in read_back.values():
        assert isinstance(item, ReadIssue), f"illisible : {item}"
        by_number.setdefault(item.issue.number, []).append(item)
    twice = {number: items for number, items in by_number.items() if len(items) == 2}
    assert twice, "aucun numéro livré dans deux formats"
    specs = {load_spec(r).number: load_spec(r) for r in RENDITIONS}
    for number, (first, second) in twice.items():
        assert first.issue.id == second.issue.id
        ids_first = {fold(a.title): a.id for a in first.articles}
        ids_second = {fold(a.title): a.id for a in second.articles}
        expected = {fold(article.title) for _, article in specs[number].articles()}
        shared = ids_first.keys() & ids_second.keys() & expected
        assert len(shared) >= TITLE_RECALL_THRESHOLD * len(expected)
        assert all(ids_first[title] == ids_second[title] for title in shared)


def test_scanning_the_corpus_folder_reads_only_the_issues():
    """`make run` scans the folder: its README must not show up as an issue."""
    read = list(read_paths([CORPUS_DIR]))
    assert not [item for item in read if isinstance(item, Failure)]
    sources = {Path(item.document.source.path).name for item in read}
    assert sources == set(RENDITION_IDS)
