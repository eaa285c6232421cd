"""Dev measurement for `kb.dedupe`: PDF and e-mail copies of the demo issues, matched.

    .venv/bin/python -m tools.measure_dedupe [--out DIR]

Every spec of tools/demo_issues/ is rendered as PDF in several designs and as e-mail in
several styles, each file read back through the real pipeline (extract + segment). Each
article read is labelled with the spec article whose text holds most of its body (the
gold). Then, over every (PDF, e-mail) pair of one spec:

- containment of true pairs (same gold article) and of false pairs (two different
  articles of one issue; and of two different issues), to place `SAME_ARTICLE`;
- the same with the failure classes seen on real issues simulated on the PDF's reading
  (a kicker glued to the title, a reworded title, a lost last paragraph);
- duplicates left (one gold article, two index documents) and false merges (two gold
  articles, one document) with the old merge on equal titles and with `merge_copies`,
  over a threshold sweep;
- which body is the better one (closer to the spec) when the two copies differ;
- the share of articles matched between copies of one issue and of different issues,
  to place `SAME_ISSUE`.

This is the dev set: tune on it freely. It says nothing about issues laid out by others.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import kb.dedupe as dedupe
from kb.dedupe import Copy, _Version, body_text, merge_copies, shingles, version_similarity
from kb.models import Article
from kb.pipeline import read_file
from kb.textclean import fold
from tools.issuegen.render_html import render_email_html
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.spec import IssueSpec, load_issue

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "tools" / "demo_issues").glob("*.toml"))

Writer = Callable[[IssueSpec, Path], None]
PDFS: dict[str, Writer] = {
    "pdf-house-3col": lambda s, p: render_pdf(s, p, columns=3),
    "pdf-mixed-2col": lambda s, p: render_pdf(s, p, columns=2, title_case="as_written"),
    "pdf-banner-1col": lambda s, p: render_pdf(s, p, columns=1, section_style="banner",
                                               title_case="as_written"),
}
EMAILS: dict[str, Writer] = {
    "email-house": lambda s, p: p.write_bytes(render_email_html(s)),
    "email-h2-nomarkers": lambda s, p: p.write_bytes(render_email_html(
        s, title_tag="h2", markers=False, title_case="as_written")),
    "email-strong": lambda s, p: p.write_bytes(render_email_html(
        s, title_tag="strong", title_case="as_written")),
}
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


_VERSIONS: dict[int, tuple[Article, _Version]] = {}


def similarity(a: Article, b: Article) -> float:
    """`kb.dedupe.similarity`, with each article's shingles computed once."""
    def version(article: Article) -> _Version:
        cached = _VERSIONS.get(id(article))
        if cached is None or cached[0] is not article:
            cached = _VERSIONS[id(article)] = (article, _Version.of(article))
        return cached[1]
    return version_similarity(version(a), version(b))


def spec_bodies(spec: IssueSpec) -> list[frozenset[str]]:
    out = []
    for _, article in spec.articles():
        pieces = article.items if article.is_list else [
            p[3:] if p.startswith("## ") else p for p in article.paragraphs]
        out.append(shingles("\n".join(pieces)))
    if spec.editorial:  # read as an article of its own ("Édito")
        out.append(shingles(spec.editorial))
    return out


def gold_label(article: Article, gold: list[frozenset[str]]) -> int | None:
    """The spec article holding most of this body's shingles (None: under half)."""
    body = shingles(body_text(article))
    if not body:
        return None
    scores = [len(body & g) / len(body) for g in gold]
    best = max(range(len(gold)), key=scores.__getitem__)
    return best if scores[best] >= 0.5 else None


def f1(article: Article, gold: frozenset[str]) -> float:
    body = shingles(body_text(article))
    shared = len(body & gold)
    return 2 * shared / (len(body) + len(gold)) if body and gold else 0.0


# Failure classes of real issues, applied to one copy's reading.
# A changed title changes the id the segmenter derives from it (issue id + folded title).
def retitle(article: Article, title: str, **changes: object) -> Article:
    digest = hashlib.sha1(f"{article.issue.id}\x1f{fold(title)}".encode()).hexdigest()[:10]
    return replace(article, title=title, id=f"{article.issue.id}-{digest}", **changes)


def glue_kicker(article: Article) -> Article:
    kicker = article.heading or article.kind or article.section or "Actualité"
    return retitle(article, f"{kicker} {article.title}", heading=None, kind=None)


def reword_title(article: Article) -> Article:
    words = article.title.split()
    return retitle(article, " ".join(words[: max(1, len(words) * 2 // 3)]) + " (suite)")


def drop_last_paragraph(article: Article) -> Article:
    paragraphs = article.text.split("\n\n")
    return replace(article, text="\n\n".join(paragraphs[:-1])) if len(paragraphs) > 1 \
        else article


def word_noise(rate: float) -> Callable[[Article], Article]:
    """OCR-like: each word of the body replaced by a garbled one with probability `rate`
    (seeded by the article id: deterministic); the title reworded too."""
    def change(article: Article) -> Article:
        rng = random.Random(article.id)

        def garble(text: str) -> str:
            return " ".join(w[::-1] + "x" if rng.random() < rate else w for w in text.split())

        return reword_title(replace(article, lead=garble(article.lead),
                                    text=garble(article.text)))
    return change


PERTURBATIONS: dict[str, Callable[[Article], Article]] = {
    "none": lambda a: a,
    "kicker-glued": glue_kicker,
    "reworded-title": reword_title,
    "lost-paragraph": drop_last_paragraph,
    "reworded+5%-words": word_noise(0.05),
    "reworded+10%-words": word_noise(0.10),
    "reworded+15%-words": word_noise(0.15),
}


def title_merge(copies: list[Copy]) -> list[list[Article]]:
    """What reindex did before: one article per id (issue id + folded title)."""
    by_id: dict[str, list[Article]] = {}
    for copy in copies:
        for article in copy.articles:
            by_id.setdefault(article.id, []).append(article)
    return list(by_id.values())


def count(groups: list[list[Article]], labels: dict[int, int | None]) -> tuple[int, int, int]:
    """(documents, duplicate pairs, false merges): a duplicate pair is two documents of
    one gold article; a false merge, one document holding two gold articles."""
    seen: dict[int, int] = {}
    false = 0
    for versions in groups:
        golds = {labels[id(v)] for v in versions} - {None}
        false += len(golds) > 1
        for gold in golds:
            seen[gold] = seen.get(gold, 0) + 1
    duplicates = sum(n * (n - 1) // 2 for n in seen.values())
    return len(groups), duplicates, false


def read(folder: Path) -> dict[str, tuple[IssueSpec, dict[str, Copy]]]:
    out = {}
    for spec_path in SPECS:
        spec = load_issue(spec_path)
        copies = {}
        for name, write in {**PDFS, **EMAILS}.items():
            suffix = ".pdf" if name.startswith("pdf") else ".html"
            path = folder / f"{spec.slug}-{name}{suffix}"
            write(spec, path)
            item = read_file(str(path))
            copies[name] = Copy(str(path), item.issue, item.document.source.format,
                                item.articles)
        out[spec_path.stem] = (spec, copies)
    return out


def describe(values: list[float]) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (f"n={len(values)} min={ordered[0]:.3f} p1={pick(0.01):.3f} p5={pick(0.05):.3f} "
            f"median={statistics.median(ordered):.3f} max={ordered[-1]:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the rendered files here")
    parser.add_argument("--shingle", type=int, default=dedupe.SHINGLE_WORDS,
                        help="words per shingle (default: kb.dedupe's)")
    args = parser.parse_args(argv)
    dedupe.SHINGLE_WORDS = args.shingle
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        issues = read(folder)

    labels: dict[int, int | None] = {}
    golds = {}
    for key, (spec, copies) in issues.items():
        golds[key] = spec_bodies(spec)
        for copy in copies.values():
            for article in copy.articles:
                labels[id(article)] = gold_label(article, golds[key])
    unlabelled = sum(v is None for v in labels.values())
    print(f"{len(labels)} articles lus, {unlabelled} sans article de référence")

    for perturbation, change in PERTURBATIONS.items():
        true, false_same, false_other = [], [], []
        share_same, share_other = [], []
        old = {t: [0, 0, 0] for t in ("titles",)}
        new: dict[float, list[int]] = {t: [0, 0, 0] for t in THRESHOLDS}
        body_longer_better = body_pdf_better = body_pairs = 0
        for key, (_spec, copies) in issues.items():
            for pdf_name in PDFS:
                pdf = copies[pdf_name]
                pdf = replace(pdf, articles=tuple(change(a) for a in pdf.articles))
                for a, b in zip(copies[pdf_name].articles, pdf.articles, strict=True):
                    labels[id(b)] = labels[id(a)]
                for email_name in EMAILS:
                    email = copies[email_name]
                    for a in pdf.articles:
                        for b in email.articles:
                            score = similarity(a, b)
                            la, lb = labels[id(a)], labels[id(b)]
                            if la is not None and la == lb:
                                true.append(score)
                                fa, fb = f1(a, golds[key][la]), f1(b, golds[key][lb])
                                na = len(fold(body_text(a)).split())
                                nb = len(fold(body_text(b)).split())
                                if abs(fa - fb) > 1e-9 and na != nb:
                                    body_pairs += 1
                                    longer = a if na > nb else b
                                    best = a if fa > fb else b
                                    body_longer_better += longer is best
                                    body_pdf_better += best is a
                            else:
                                false_same.append(score)
                    for other_key, (_, other_copies) in issues.items():
                        if other_key == key:
                            continue
                        for b in other_copies[email_name].articles:
                            false_other.extend(similarity(a, b) for a in pdf.articles)
                    dedupe.SAME_ARTICLE = DEFAULT_THRESHOLD
                    share_same.append(dedupe.issue_overlap(pdf.articles, email.articles))
                    share_other += [dedupe.issue_overlap(pdf.articles, c[email_name].articles)
                                    for k, (_, c) in issues.items() if k != key]
                    pair = [pdf, email]
                    for i, value in enumerate(count(title_merge(pair), labels)):
                        old["titles"][i] += value
                    for threshold in THRESHOLDS:
                        dedupe.SAME_ARTICLE = threshold
                        groups = [[*m.versions] for issue in merge_copies(pair)
                                  for m in issue.articles]
                        for i, value in enumerate(count(groups, labels)):
                            new[threshold][i] += value
        dedupe.SAME_ARTICLE = DEFAULT_THRESHOLD
        print(f"\n== {perturbation} (sur la lecture PDF)")
        print(f"  paires vraies   : {describe(true)}")
        print(f"  fausses, même n°: {describe(false_same)}")
        print(f"  fausses, autre n° : {describe(false_other)}")
        docs, dup, false = old["titles"]
        print(f"  fusion par titre       : {docs} documents, {dup} paires en double, "
              f"{false} fusions fausses")
        for threshold in THRESHOLDS:
            docs, dup, false = new[threshold]
            print(f"  fusion par corps ≥{threshold:.2f} : {docs} documents, {dup} paires en "
                  f"double, {false} fusions fausses")
        print(f"  part d'articles appariés (seuil {DEFAULT_THRESHOLD}), même numéro : "
              f"{describe(share_same)}")
        print(f"  part d'articles appariés, autre numéro : {describe(share_other)}")
        if body_pairs:
            print(f"  corps de longueurs différentes : {body_pairs} paires ; le plus long est "
                  f"le plus proche de la source dans {body_longer_better / body_pairs:.0%}, "
                  f"celui du PDF dans {body_pdf_better / body_pairs:.0%}")

    return 0


DEFAULT_THRESHOLD = dedupe.SAME_ARTICLE

if __name__ == "__main__":
    sys.exit(main())
