"""`kb reindex` over a folder of good and bad files (tools/issuegen/bad_corpus.py).

Every file is either indexed or reported with its path and a reason; the good issues are
all searchable; the exit status says there were failures; memory stays bounded, measured
as the peak RSS of the reindex process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.api import Query
from indexer.search import SearchService
from indexer.writer import Manifest, current_generation
from kb.extract import ocr
from tools.issuegen.bad_corpus import Case, build

ROOT = Path(__file__).resolve().parents[1]
FAST_BIG_PAGES = 20

# The reindex runs in a child of a small parent that reports the child's peak RSS:
# RUSAGE_CHILDREN of the test process would also count every earlier child.
MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"status": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""
# `kb` with the enrichment replaced by a pass-through, so the fast suite does not load
# spaCy; what is measured is reading, segmenting and indexing.
KB_WITHOUT_NLP = """
import sys
import kb.enrich
from kb.models import EnrichedArticle
kb.enrich.enrich_all = lambda articles, **options: [EnrichedArticle(article=a) for a in articles]
from kbcli import main
sys.exit(main(sys.argv[1:]))
"""
KB = "from kbcli import main; import sys; sys.exit(main(sys.argv[1:]))"


def run_measured(kb_program: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-c", kb_program, *args],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=True,
    )
    return json.loads(done.stdout)


def reported(stderr: str) -> dict[str, str]:
    """path -> reason, from the 'erreur : PATH : REASON' lines of a batch report."""
    failures = {}
    for line in stderr.splitlines():
        if line.startswith("erreur : "):
            path, reason = line.removeprefix("erreur : ").split(" : ", 1)
            failures[path] = reason
    return failures


def check_outcomes(folder: Path, cases: list[Case], index: Path, result: dict) -> None:
    with_ocr = ocr.unavailable_reason() is None
    failures = reported(result["stderr"])
    manifest = Manifest.load(current_generation(index))
    indexed = set(manifest.files)
    expected_failures = {str(folder / c.name): c.expected(with_ocr) for c in cases
                         if c.expected(with_ocr) is not None}
    expected_indexed = {str(folder / c.name) for c in cases if c.expected(with_ocr) is None}

    assert set(failures) == set(expected_failures), result["stderr"]
    for path, fragment in expected_failures.items():
        assert fragment in failures[path], (path, failures[path])
    assert indexed == expected_indexed
    # Every file on disk was accounted for, once.
    on_disk = {str(p) for p in folder.iterdir()}
    assert indexed | set(failures) == on_disk and not indexed & set(failures)
    assert result["status"] == 1  # failures → exit status 1
    assert f"{len(expected_failures)} erreurs" in result["stderr"]


def check_searchable(index: Path) -> None:
    service = SearchService(index)
    try:
        numbers = {issue.number for issue in service.issues()}
        # 60 twice (PDF + e-mail), 72, 48 (accented name), 81 (accented name), 73 (wrong
        # charset), 99 (the long one), 41 (the scan) only where OCR runs.
        assert {60, 72, 48, 81, 73, 99} <= numbers
        assert (41 in numbers) == (ocr.unavailable_reason() is None)
        duplicate = next(i for i in service.issues() if i.number == 60)
        assert len(duplicate.sources) == 2  # one issue, two files, articles once
        once = service.search(Query('"conseils citoyens, dix ans après"', per_page=50))
        assert [h.issue_number for h in once.hits].count(60) == 1
        for query, number in [
            ("contrats de ville avec les habitants", 72),
            ("Écrire les contrats de ville", 73),
        ]:
            hits = service.search(Query(query, filters={}, per_page=50)).hits
            assert number in {hit.issue_number for hit in hits}, query
        # Wrong-charset file: accents came back right, no mojibake.
        wrong_charset = service.search(
            Query("", filters={"issue": ("resonances-n73",)}, per_page=50)).hits
        assert wrong_charset and any("É" in h.title for h in wrong_charset)
        assert not any("Ã" in h.title for h in wrong_charset)
    finally:
        service.close()


@pytest.fixture(scope="module")
def small_bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    folder = tmp_path_factory.mktemp("bad") / "arrivées"
    return folder, build(folder, big_pages=FAST_BIG_PAGES)


def test_every_file_is_indexed_or_reported(small_bad_corpus, tmp_path: Path) -> None:
    folder, cases = small_bad_corpus
    index = tmp_path / "index"
    result = run_measured(KB_WITHOUT_NLP, "reindex", str(folder), "--index", str(index))
    check_outcomes(folder, cases, index, result)
    check_searchable(index)
    # Reading a 20-page PDF and a scan must stay far from the machine's memory.
    assert result["peak_rss_kb"] < 400_000, f"peak RSS {result['peak_rss_kb']} kB"
    print(f"\nfast bad corpus: {len(cases)} files, peak RSS {result['peak_rss_kb'] // 1024} MiB")


def test_rerun_reports_the_same_failures_and_keeps_the_archive(small_bad_corpus,
                                                               tmp_path: Path) -> None:
    folder, cases = small_bad_corpus
    index = tmp_path / "index"
    first = run_measured(KB_WITHOUT_NLP, "reindex", str(folder), "--index", str(index))
    again = run_measured(KB_WITHOUT_NLP, "reindex", "--index", str(index))
    assert reported(again["stderr"]) == reported(first["stderr"])
    assert again["status"] == 1
    check_outcomes(folder, cases, index, again)
    check_searchable(index)


@pytest.mark.slow
def test_300_page_pdf_with_real_enrichment_keeps_memory_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "arrivées"
    cases = build(folder, big_pages=300)
    index = tmp_path / "index"
    result = run_measured(KB, "reindex", str(folder), "--index", str(index))
    check_outcomes(folder, cases, index, result)
    check_searchable(index)
    # Measured here: ~320 MiB (spaCy's model included) for ~780 articles in 288 pages.
    assert result["peak_rss_kb"] < 1_000_000, f"peak RSS {result['peak_rss_kb']} kB"
    print(f"\n300-page bad corpus: peak RSS {result['peak_rss_kb'] // 1024} MiB")
