"""The sealed segmentation set, rendered by toolchains we do not control: first-run floors.

tests/sealed/segmentation/ holds 8 issues (95 articles, 13 lists, 45 kickers) written as
TOML specs on 2026-12-04 by a helper who had not read the code. Rendered by
`python -m tools.toolchains render` (LibreOffice Writer, a Word round trip, Chromium CSS
columns, MJML, a legacy table/<font> page, our own renderers, plain text) and scored once,
at commit 4453163 (`python -m tools.toolchains score tests/sealed/segmentation OUT`; table
and JSON in tests/sealed/segmentation/first_run.*). Pooled article F1 / exact titles:

| toolchain        | F1   | exact titles |
|------------------|------|--------------|
| chromium-columns | 0.965 | 0.980       |
| legacy-html      | 0.935 | 0.949       |
| libreoffice      | 0.945 | 0.959       |
| mjml             | 0.990 | 1.000       |
| ours-html        | 1.000 | 1.000       |
| ours-pdf         | 0.965 | 0.959       |
| text             | 1.000 | 1.000       |
| word-docx        | 0.975 | 0.969       |

Number and date right in 64/64 files; one section heading came out as a title
(libreoffice). Scanned (the same specs printed, scanned with flaws, read by tesseract;
`--only scanned`, scored once at commit a07b02f, tests/sealed/segmentation/
first_run_scanned.txt): F1 0.93, exact titles 0.92, number and date 8/8. Not rendered
here: OCR of 8 issues takes minutes. The floors below are these figures rounded down;
a toolchain whose program is missing here is skipped. Never read this set's misses to write a rule.

The second set, tests/sealed/segmentation_v2/:

tests/sealed/segmentation_v2/ holds 8 issues (91 articles) written as TOML specs on
2026-12-04 by a helper who had not read the code, committed (7633f2e) before any run.
Rendered by `python -m tools.toolchains render` and scored once, at commit 3d661ee
(`python -m tools.toolchains score tests/sealed/segmentation_v2 OUT`; table and JSON in
first_run.* there). Pooled article F1 / exact titles:

| toolchain        | F1    | exact titles |
|------------------|-------|--------------|
| chromium-columns | 0.973 | 0.978        |
| legacy-html      | 1.000 | 1.000        |
| libreoffice      | 0.984 | 0.989        |
| mjml             | 1.000 | 1.000        |
| ours-html        | 1.000 | 1.000        |
| ours-pdf         | 1.000 | 1.000        |
| text             | 0.983 | 0.978        |
| word-docx        | 0.924 | 0.934        |
| scanned (OCR)    | 0.951 | 0.901        |

Number and date right in 72/72 files; no section heading came out as a title. Scanned
issues are not rendered here (OCR of 8 issues takes minutes). The floors are these figures
rounded down; a toolchain whose program is missing is skipped. Never read this set's misses
to write a rule.

The third set, tests/sealed/segmentation_v3/:

tests/sealed/segmentation_v3/ holds 8 issues (93 articles) written as TOML specs on
2026-12-04 by a helper who had not read the code, committed (b077bee) before the code was
scored on them. Rendered and scored once, at commit 21c0b00 (first_run.* there):

| toolchain        | F1    | exact titles |
|------------------|-------|--------------|
| chromium-columns | 0.959 | 0.969        |
| legacy-html      | 1.000 | 1.000        |
| libreoffice      | 0.939 | 0.907        |
| mjml             | 1.000 | 1.000        |
| ours-html        | 1.000 | 1.000        |
| ours-pdf         | 0.980 | 0.969        |
| text             | 0.958 | 0.948        |
| word-docx        | 0.995 | 0.979        |
| scanned (OCR)    | 0.893 | 0.856        |

Number and date right in 72/72 files; three section headings came out as titles (two in
LibreOffice's rendering, one in the Word round trip). LibreOffice is below the issue's bar
(F1 0.95), so the splitting issue stays open.

The fourth set, tests/sealed/segmentation_v4/:

8 issues (92 articles), written by a helper who had not read the code, committed (9e5ff2d)
before the code was scored on them; scored once at commit 2730ca1 (the splitting code as at
7f3d856; first_run.* there): F1 / exact titles Chromium 0.980 / 0.990, legacy HTML
0.995 / 1.000, LibreOffice 0.924 / 0.938, MJML 0.990 / 1.000, ours-html 0.995 / 1.000,
ours-pdf 0.985 / 0.990, text 0.995 / 0.990, Word round trip 0.959 / 0.969, scanned
0.934 / 0.887. Number and date right in 72/72 files; seven output titles equal a section
heading (two Chromium, one each in five other toolchains). LibreOffice and the section
headings keep the issue open.

The fifth set, tests/sealed/segmentation_v5/ (8 issues, 90 articles, committed at 27ab729
unscored, scored once at 4a3851c with the metric that counts an article's contact lines):
F1 / exact titles Chromium 1.000 / 1.000, legacy HTML 0.984 / 0.957, LibreOffice
0.952 / 0.957, MJML 1 / 1, ours-html 1 / 1, ours-pdf 0.984 / 0.989, text 0.972 / 0.935,
Word round trip 0.984 / 0.989, scanned 0.952 / 0.925; no section heading as a title;
number and date right in 72/72. Under the former metric LibreOffice is 0.931. The same code
still scores LibreOffice 0.939 on v3 and 0.924 on v4: the issue stays open.

The sixth set, tests/sealed/segmentation_v6/ (8 issues, 90 articles, committed at 6578c38
unscored, scored once at a12ec27, first_run.* there): F1 / exact titles Chromium
0.979 / 0.989, legacy HTML 1 / 1, LibreOffice 1 / 1, MJML 1 / 1, ours-html 0.995 / 0.989,
ours-pdf 0.995 / 0.989, text 0.989 / 0.978, Word round trip 1 / 1, scanned 0.978 / 0.849;
number and date right in 72/72; one section heading came out as a title (Chromium). The
same code scores LibreOffice 0.94 on v3 and 0.92 on v4 today: the issue stays open.

The seventh set, tests/sealed/segmentation_v7/ (8 issues, 91 articles and 4 editorials,
committed at 1a998e5 unscored, scored once at 893a839, first_run.* there): F1 / exact
titles Chromium 1 / 1, legacy HTML 1 / 1, LibreOffice 0.947 / 0.937, MJML 1 / 1, ours-html
0.984 / 0.979, ours-pdf 0.974 / 0.958, text 0.990 / 0.990, Word round trip 0.963 / 0.937,
scanned 0.921 / 0.821; number and date right in 72/72; no section heading as a title.
LibreOffice is below the issue's 0.95: the issue stays open.

The eighth set, tests/sealed/segmentation_v8/ (8 issues, 98 articles and 6 editorials,
committed at 690c61b unscored, scored once at dd0de82 with lists and boxes rendered by every
toolchain, first_run.* there): F1 / exact titles Chromium 0.962 / 0.962, legacy HTML
0.990 / 0.981, LibreOffice 0.990 / 0.981, MJML 0.986 / 0.981, ours-html 0.990 / 0.981,
ours-pdf 0.962 / 0.971, text 0.986 / 0.962, Word round trip 0.933 / 0.904, scanned
0.925 / 0.865; number and date right in 72/72; a section heading came out as a title once
in each toolchain (3 times in Word). Word is below the issue's 0.95: the issue stays open.

The ninth set, tests/sealed/segmentation_v9/ (8 issues, 94 articles and 5 editorials,
committed at 16c759a unscored, scored once at 6870e41, first_run.* there): F1 / exact
titles Chromium 0.940 / 0.939, legacy HTML 0.995 / 0.990, LibreOffice 0.9495 / 0.9495,
MJML 1 / 1, ours-html 1 / 1, ours-pdf 0.990 / 0.970, text 0.942 / 0.909, Word round trip
0.985 / 0.980, scanned 0.970 / 0.879; number and date right in 72/72; no section heading as
a title. Chromium, LibreOffice and text are below the issue's 0.95: the issue stays open.

The tenth set, tests/sealed/segmentation_v10/ (8 issues, 132 articles with 6 sidebars,
committed at b7469b9 unscored, scored once at 3158acd, first_run.* there): F1 / exact
titles Chromium 0.985 / 0.978, legacy HTML 1 / 1, LibreOffice 0.985 / 0.985, MJML 1 / 1,
ours-html 1 / 1, ours-pdf 1 / 1, text 0.996 / 0.993, Word round trip 0.971 / 0.971, scanned
0.978 / 0.891; number and date right in 72/72; no section heading as a title. Every
toolchain is over the issue's bars (scanned: F1 over 0.85).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.toolchains.render import render_all
from tools.toolchains.score import report, score_dir

pytestmark = [pytest.mark.slow]

HERE = Path(__file__).parent / "sealed"
SETS = {  # folder: {toolchain: (article F1, exact titles)}, first runs rounded down
    "segmentation": {
        "chromium-columns": (0.96, 0.97), "legacy-html": (0.93, 0.94),
        "libreoffice": (0.94, 0.95), "mjml": (0.98, 1.0), "ours-html": (1.0, 1.0),
        "ours-pdf": (0.96, 0.95), "text": (1.0, 1.0), "word-docx": (0.97, 0.96),
    },
    "segmentation_v2": {
        "chromium-columns": (0.97, 0.97), "legacy-html": (1.0, 1.0),
        "libreoffice": (0.98, 0.98), "mjml": (1.0, 1.0), "ours-html": (1.0, 1.0),
        "ours-pdf": (1.0, 1.0), "text": (0.98, 0.97), "word-docx": (0.92, 0.93),
    },
    "segmentation_v3": {
        "chromium-columns": (0.95, 0.96), "legacy-html": (1.0, 1.0),
        "libreoffice": (0.93, 0.90), "mjml": (1.0, 1.0), "ours-html": (1.0, 1.0),
        "ours-pdf": (0.97, 0.96), "text": (0.95, 0.94), "word-docx": (0.99, 0.97),
    },
    "segmentation_v4": {
        "chromium-columns": (0.97, 0.98), "legacy-html": (0.99, 1.0),
        "libreoffice": (0.92, 0.93), "mjml": (0.98, 1.0), "ours-html": (0.99, 1.0),
        "ours-pdf": (0.98, 0.98), "text": (0.99, 0.98), "word-docx": (0.95, 0.96),
    },
    "segmentation_v5": {
        "chromium-columns": (1.0, 1.0), "legacy-html": (0.98, 0.95),
        "libreoffice": (0.95, 0.95), "mjml": (1.0, 1.0), "ours-html": (1.0, 1.0),
        "ours-pdf": (0.98, 0.98), "text": (0.97, 0.93), "word-docx": (0.98, 0.98),
    },
    "segmentation_v6": {
        "chromium-columns": (0.97, 0.98), "legacy-html": (1.0, 1.0),
        "libreoffice": (1.0, 1.0), "mjml": (1.0, 1.0), "ours-html": (0.99, 0.98),
        "ours-pdf": (0.99, 0.98), "text": (0.98, 0.97), "word-docx": (1.0, 1.0),
    },
    "segmentation_v7": {
        "chromium-columns": (1.0, 1.0), "legacy-html": (1.0, 1.0),
        "libreoffice": (0.94, 0.93), "mjml": (1.0, 1.0), "ours-html": (0.98, 0.97),
        "ours-pdf": (0.97, 0.95), "text": (0.98, 0.98), "word-docx": (0.96, 0.93),
    },
    "segmentation_v8": {
        "chromium-columns": (0.96, 0.96), "legacy-html": (0.99, 0.98),
        "libreoffice": (0.99, 0.98), "mjml": (0.98, 0.98), "ours-html": (0.99, 0.98),
        "ours-pdf": (0.96, 0.97), "text": (0.98, 0.96), "word-docx": (0.93, 0.90),
    },
    "segmentation_v9": {
        "chromium-columns": (0.94, 0.93), "legacy-html": (0.99, 0.98),
        "libreoffice": (0.94, 0.94), "mjml": (1.0, 1.0), "ours-html": (1.0, 1.0),
        "ours-pdf": (0.98, 0.96), "text": (0.94, 0.90), "word-docx": (0.98, 0.97),
    },
    "segmentation_v10": {
        "chromium-columns": (0.98, 0.97), "legacy-html": (1.0, 1.0),
        "libreoffice": (0.98, 0.98), "mjml": (1.0, 1.0), "ours-html": (1.0, 1.0),
        "ours-pdf": (1.0, 1.0), "text": (0.99, 0.99), "word-docx": (0.97, 0.97),
    },
}
# Sets whose first run returned no section heading as a title: none may appear there.
NO_SECTION_TITLES = {"segmentation_v2", "segmentation_v5", "segmentation_v7", "segmentation_v9",
                     "segmentation_v10"}


@pytest.fixture(scope="module")
def sealed_scores(tmp_path_factory) -> dict:
    """Each set rendered and scored once per module, on first use."""
    cache: dict[str, dict] = {}

    def scores(name: str) -> dict:
        if name not in cache:
            out = tmp_path_factory.mktemp(f"sealed-{name}")
            rendered = render_all(HERE / name, out, only=list(SETS[name]))
            assert not rendered.failed, rendered.failed
            cache[name] = report(score_dir(HERE / name, out))["toolchains"]
        return cache[name]

    return scores


@pytest.mark.parametrize(("name", "toolchain"),
                         [(name, toolchain) for name, floors in SETS.items()
                          for toolchain in sorted(floors)])
def test_sealed_segmentation_floors(sealed_scores, name, toolchain):
    scores_of_set = sealed_scores(name)
    if toolchain not in scores_of_set:
        pytest.skip(f"{toolchain}: its program is not installed here")
    scores = scores_of_set[toolchain]
    f1_floor, titles_floor = SETS[name][toolchain]
    figures = f"{name} {toolchain}: F1 {scores['f1']:.3f}, titles {scores['exact_titles']:.3f}"
    print(figures)  # figures only: the misses stay unread
    assert scores["f1"] >= f1_floor and scores["exact_titles"] >= titles_floor, figures
    assert scores["number_ok"] == scores["files"] and scores["date_ok"] == scores["files"]
    if name in NO_SECTION_TITLES:
        assert not scores["section_titles"], figures
