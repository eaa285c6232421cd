"""The sealed entity test set, end to end from raw files: floors at its first run.

tests/sealed/entities/ holds 12 issues (114 articles) written and labelled on 2026-12-04
by a helper who had not read the code, committed before the code was scored on them.
They were scored once, at commit f7ac126 (tests/sealed/entities/first_run.json, made by
`python -m tools.eval_entities tests/sealed/entities --json`):

| entity        | enrichment P / R / F1 | raw fr_core_news_sm F1 |
|---------------|-----------------------|------------------------|
| communes      | 0.98 / 0.89 / 0.93    | 0.85                   |
| organisations | 0.91 / 0.84 / 0.87    | 0.41                   |
| people        | 0.96 / 0.82 / 0.89    | 0.65                   |

9 of the 114 articles were not found by the segmenter (no output title starts with the
label's title): their entities count as missed. On the 105 articles found, the same run
gives communes 0.98, organisations 0.91, people 0.90.

The floors below are those first-run figures, rounded down. Never read this set's errors to
write a rule (`tools.eval_entities --errors` is for the dev sets tests/data_eval and
tests/data_dev); a rule fitted to a sealed text voids the measure.

The second set, tests/sealed/entities_v2/:

tests/sealed/entities_v2/ holds 12 issues (120 articles) written and labelled on 2026-12-04
by a helper who had not read the code, committed (36a3eb3) before the code was scored on
them. They were scored once, at commit 3d661ee (first_run.json there, made by
`python -m tools.eval_entities tests/sealed/entities_v2 --json`):

| entity        | enrichment P / R / F1 | raw fr_core_news_sm F1 |
|---------------|-----------------------|------------------------|
| communes      | 0.96 / 0.99 / 0.97    | 0.91                   |
| organisations | 0.94 / 0.91 / 0.92    | 0.41                   |
| people        | 1.00 / 0.97 / 0.98    | 0.64                   |

No article was lost by the segmenter. Of the 58 communes outside 78/92/95 found, 4 are not
in the labels; a verifier who writes no rule read them and found none supported by the
text (no names were passed on, so no rule could be fitted to them).

The third set, tests/sealed/entities_v3/:

tests/sealed/entities_v3/ holds 12 issues (120 articles) written and labelled on 2026-12-04
by a helper who had not read the code, committed (910eaa4) before the code was scored on
them, scored once at that commit (first_run.json there):

| entity        | enrichment P / R / F1 | raw fr_core_news_sm F1 |
|---------------|-----------------------|------------------------|
| communes      | 0.97 / 0.94 / 0.954   | 0.87                   |
| organisations | 0.92 / 0.88 / 0.901   | 0.47                   |
| people        | 0.97 / 0.96 / 0.967   | 0.67                   |

2 of the 120 articles were not found by the segmenter (their entities count as missed).
Of the 65 communes outside 78/92/95 found, 3 are neither labelled nor optional. Communes
are below the issue's bar (0.97): the entities issue stays open.

The fourth set, tests/sealed/entities_v4/ (12 issues, 120 articles, committed at 590aa4b
before the code was scored on them, scored once at that commit): communes 0.98 / 0.98 /
0.980, organisations 0.93 / 0.90 / 0.915, people 0.98 / 0.98 / 0.981 (P / R / F1); raw
fr_core_news_sm 0.905 / 0.462 / 0.652. No article lost. Of the 75 communes outside 78/92/95
found, 5 are not in the labels; a verifier found none supported by the text (4 inside the
name of a body, a company or a school; 1 the wrong homonym where the text says which).

The fifth set, tests/sealed/entities_v5/ (12 issues, 120 articles, committed at efda854
unscored, scored once at 4cb1992, first_run.json there): communes 0.982 / 0.987 / 0.984,
organisations 0.923 / 0.912 / 0.918, people 0.974 / 0.987 / 0.980 (P / R / F1); raw
fr_core_news_sm 0.890 / 0.486 / 0.702. No article lost. Of the 57 communes outside 78/92/95
found, 4 are not in the labels; a verifier (outside_verification.txt, counts and classes
only) found none supported by the text (3 a town inside an organisation's name with a type
noun, 1 the wrong homonym for a short form of the article's own commune). Every F1 clears
the issue's bar; the outside communes keep the entities issue open.

The sixth set, tests/sealed/entities_v6/ (12 issues, 120 articles, committed unscored,
scored once at 6c25b12, first_run.json there): communes 0.962 / 0.966 / 0.964,
organisations 0.936 / 0.931 / 0.934, people 0.983 / 0.950 / 0.966; raw fr_core_news_sm
F1 0.853 / 0.447 / 0.748. One article lost by the segmenter. Of the 29 communes outside
78/92/95 found, 5 are not in the labels, none supported per the verifier (2 inside an
agreement's name, 1 an event's, 1 an idiom, 1 a product's name). Communes (0.964) are
below the bar (0.97).

The seventh set, tests/sealed/entities_v7/ (12 issues, 120 articles, committed unscored,
scored once at 228d62d): communes 0.957 / 0.937 / 0.947, organisations 0.919 / 0.863 /
0.891, people 0.953 / 0.976 / 0.964 (raw fr_core_news_sm F1 0.876 / 0.414 / 0.718). People
as first printed were 0.635 (first_run.json): the scorer then compared names
case-sensitively and this set's labels keep surnames in capitals as written ("Marie
DURAND"), which the system writes "Marie Durand"; names are now compared case- and
accent-folded (first_run_people_casefolded.json, same run, same code). No article lost.
Communes and organisations are below the issue's bars.

The eighth set, tests/sealed/entities_v8/ (12 issues, 120 articles, committed at 620c103
unscored, scored once at dd0de82): communes 0.961 / 0.931 / 0.946, organisations 0.918 /
0.827 / 0.870, people 0.987 / 0.968 / 0.978 (raw fr_core_news_sm F1 0.855 / 0.394 / 0.483).
No article lost. Communes and organisations are below the issue's bars.

The ninth set, tests/sealed/entities_v9/ (12 issues, 120 articles, committed at 1cdb82a
unscored, scored once at 6870e41): communes 0.961 / 0.913 / 0.936, organisations 0.898 /
0.871 / 0.884, people 0.975 / 0.975 / 0.975 (raw fr_core_news_sm F1 0.845 / 0.425 / 0.611).
One article lost by the segmenter. Communes and organisations are below the issue's bars.

The tenth set, tests/sealed/entities_v10/ (12 issues, 120 articles, committed at a98bd0b
unscored, scored once at 3158acd): communes 0.971 / 0.921 / 0.946, organisations 0.817 /
0.784 / 0.800, people 0.975 / 0.805 / 0.882 (raw fr_core_news_sm F1 0.833 / 0.313 / 0.612).
Ten articles whose title the segmenter did not give back (their entities all count as
missed). Of 64 communes outside 78/92/95 found, 3 are not in the labels; a verifier found
none supported (quartiers named like a commune elsewhere, an airport's name). All three
entity types are below the issue's bars.

The eleventh set, tests/sealed/entities_v11/ (12 issues, 154 articles, 552 organisation
labels, committed at 74f4efd unscored, scored once at 29ec829): communes 0.952 / 0.921 /
0.936, organisations 0.852 / 0.866 / 0.859, people 0.974 / 0.918 / 0.945 (raw
fr_core_news_sm F1 0.815 / 0.374 / 0.667). Three articles whose title the segmenter did not
give back. Five communes outside 78/92/95 found that the labels do not hold; a verifier
found none supported. Compared once on the same texts (the issue asks for it; neither is
shipped): the NER fine-tuned on the dev sets 0.940 / 0.862 / 0.949, fr_core_news_md 0.938 /
0.855 / 0.958. Below the issue's bars (0.97, 0.90, 0.95).

The twelfth set, tests/sealed/entities_v12/ (12 issues, 137 articles, 418 organisation
labels, committed at 4b6d169 unscored, scored once there): communes 0.978 / 0.991 / 0.984,
organisations 0.910 / 0.921 / 0.916, people 0.976 / 0.957 / 0.966 (raw fr_core_news_sm F1
0.875 / 0.330 / 0.671). No article lost by the segmenter. Four communes outside 78/92/95
found that the labels do not hold; a verifier found none supported: the F1 bars are met,
the bar on outside communes is not.

The thirteenth set, tests/sealed/entities_v13/ (10 issues, 101 articles, 327 organisation
labels, committed at c5eb4d8 unscored, scored once at 695e05b after a comment-only review):
communes 0.976 / 0.976 / 0.976, organisations 0.912 / 0.853 / 0.882, people 1.000 / 0.884 /
0.939 (raw fr_core_news_sm F1 0.885 / 0.331 / 0.545). Four articles whose title the
segmenter did not give back. Three communes outside 78/92/95 found that the labels do not
hold; a verifier (verdicts only) found none supported. Organisations and people are under
their bars on this set, the communes over theirs.

The fourteenth set, tests/sealed/entities_v14/ (12 issues, 134 articles, 366 organisation
labels, committed at c587b4c unscored, scored once at c5d111f): communes 0.966 / 1.000 /
0.983, organisations 0.916 / 0.891 / 0.903, people 0.983 / 0.971 / 0.977 (raw
fr_core_news_sm F1 0.824 / 0.346 / 0.589). No article lost by the segmenter. Two communes
outside 78/92/95 found that the labels do not hold; a verifier (verdicts only) found none
supported. The three F1 bars are met; the bar on outside communes is not.

The fifteenth set, tests/sealed/entities_v15/ (12 issues, 134 articles, 484 organisation
labels, committed at 84e9c28 unscored, scored once at 2da34cf): communes 0.969 / 0.977 /
0.973, organisations 0.938 / 0.901 / 0.919, people 0.981 / 0.927 / 0.953 (raw
fr_core_news_sm F1 0.833 / 0.340 / 0.428). No article lost by the segmenter. Two communes
outside 78/92/95 found that the labels do not hold; a verifier (verdicts only) found one
not supported (a housing estate's name) and one ambiguous (an event named after the town
it took place in). The three F1 bars are met; the bar on outside communes is not.

The sixteenth set, tests/sealed/entities_v16/ (10 issues, 118 articles, 499 organisation
labels, committed at 3c93aa3 unscored, scored once there): communes 0.939 / 0.919 / 0.929,
organisations 0.925 / 0.914 / 0.919, people 0.963 / 0.951 / 0.957 (raw fr_core_news_sm F1
0.836 / 0.403 / 0.547). Five articles lost by the segmenter (short reviews printed after a
book review, read as part of it): their entities count as missed, or as found in the
wrong article. Two communes outside 78/92/95 found that the labels do not hold; a verifier
(verdicts only) found both supported places of the next article, cut off by the same
boundary. The outside-commune bar is met; the communes bar (0.97) is not.

The seventeenth set, tests/sealed/entities_v17/ (10 issues, 119 articles, 499 organisation
labels, 163 people, 239 communes; written 05:14-05:33 UTC on 2026-12-06 by a helper who had
read no code, kept outside the repository unread, scored once at 293e3c6 and committed
right after): communes 0.967 / 0.979 / 0.973, organisations 0.922 / 0.896 / 0.909, people
0.987 / 0.933 / 0.959 (raw fr_core_news_sm F1 0.870 / 0.374 / 0.606). No article lost by
the segmenter. No commune outside 78/92/95 found that the labels do not hold
(outside_verification.txt). Every bar of the entities issue is met on this one set. The
evaluator compared people's names word order aside from that session on (a list's "NOM
Prénom" is the finder's "Prénom Nom").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.eval_entities import enrichment_found, evaluate, labelled_articles

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent / "sealed"
FLOORS = {  # folder: F1 floors, first runs rounded down
    "entities": {"communes": 0.93, "organisations": 0.87, "people": 0.88},
    "entities_v2": {"communes": 0.97, "organisations": 0.92, "people": 0.98},
    "entities_v3": {"communes": 0.95, "organisations": 0.90, "people": 0.96},
    "entities_v4": {"communes": 0.98, "organisations": 0.91, "people": 0.98},
    "entities_v5": {"communes": 0.98, "organisations": 0.91, "people": 0.98},
    "entities_v6": {"communes": 0.96, "organisations": 0.93, "people": 0.96},
    "entities_v7": {"communes": 0.94, "organisations": 0.89, "people": 0.96},
    "entities_v8": {"communes": 0.94, "organisations": 0.86, "people": 0.97},
    "entities_v9": {"communes": 0.93, "organisations": 0.88, "people": 0.97},
    "entities_v10": {"communes": 0.94, "organisations": 0.79, "people": 0.88},
    "entities_v11": {"communes": 0.93, "organisations": 0.85, "people": 0.94},
    "entities_v12": {"communes": 0.98, "organisations": 0.91, "people": 0.96},
    "entities_v13": {"communes": 0.97, "organisations": 0.88, "people": 0.93},
    "entities_v14": {"communes": 0.98, "organisations": 0.90, "people": 0.97},
    "entities_v15": {"communes": 0.97, "organisations": 0.91, "people": 0.95},
    "entities_v16": {"communes": 0.92, "organisations": 0.91, "people": 0.95},
    "entities_v17": {"communes": 0.97, "organisations": 0.90, "people": 0.95},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_sealed_entity_floors(enricher, name):
    measured, _ = evaluate(enrichment_found(labelled_articles(HERE / name), enricher))
    report = ", ".join(f"{k} F1={f:.3f}" for k, (_, _, f) in measured.items())
    print(f"\nsealed {name}: {report}")  # figures only: the errors stay unread
    for kind, floor in FLOORS[name].items():
        assert measured[kind][2] >= floor, report
