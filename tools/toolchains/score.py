"""Score rendered files against their specs: kb.extract + kb.segment, then `metric`.

Each file is read under a neutral name (`issue.<ext>` in a temporary folder): the
segmenter falls back to the file name for the number and date, and our file names
carry the spec's stem ("resonances-058"), which would hand it the answer. The
scorer knows nothing of toolchains beyond the folder a file sits in.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import ExtractionError
from kb.extract import extract, supported
from kb.segment import segment
from tools.issuegen.spec import IssueSpec, load_issue
from tools.toolchains.metric import ArticleScore, GoldArticle, gold_articles, score_articles
from tools.toolchains.render import MANIFEST


@dataclass
class FileScore:
    toolchain: str
    stem: str
    path: Path
    error: str | None = None
    number: int | None = None
    date: str | None = None
    number_from: str | None = None  # where the segmenter read them, when it says
    date_from: str | None = None
    number_ok: bool = False
    date_ok: bool = False
    articles: ArticleScore | None = None
    look: dict[str, object] | None = None
    gold: list[GoldArticle] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return self.articles.f1 if self.articles else 0.0

    @property
    def exact_titles(self) -> float:
        return self.articles.exact_title_share if self.articles else 0.0

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "toolchain": self.toolchain, "spec": self.stem, "file": str(self.path),
            "error": self.error, "number": self.number, "date": self.date,
            "number_from": self.number_from, "date_from": self.date_from,
            "number_ok": self.number_ok, "date_ok": self.date_ok, "look": self.look,
        }
        if self.articles:
            a = self.articles
            data |= {
                "gold": a.gold, "output": a.output, "found": a.found,
                "precision": round(a.precision, 4), "recall": round(a.recall, 4),
                "f1": round(a.f1, 4), "exact_titles": round(a.exact_title_share, 4),
                "section_titles": a.section_titles,
                "missed": [{"gold_title": gold.title, "best_output_title": m.output_title,
                            "coverage": m.coverage, "foreign": m.foreign}
                           for m, gold in zip(a.matches, self.gold, strict=True)
                           if not m.found],
            }
        return data


def score_file(path: Path, spec: IssueSpec, toolchain: str) -> FileScore:
    """Extract and segment one rendered file and compare it with its spec."""
    result = FileScore(toolchain, path.stem, path, gold=gold_articles(spec))
    with tempfile.TemporaryDirectory(prefix="toolchain-score-") as tmp:
        neutral = Path(tmp) / f"issue{path.suffix.lower()}"
        shutil.copyfile(path, neutral)
        try:
            issue, articles = segment(extract(neutral))
        except ExtractionError as error:
            result.error = error.reason
            return result
    result.number, result.date = issue.number, issue.date
    result.number_from = getattr(issue, "number_from", None)
    result.date_from = getattr(issue, "date_from", None)
    result.number_ok = issue.number == spec.number
    result.date_ok = bool(issue.date) and issue.date[:7] == spec.date[:7]
    result.articles = score_articles(result.gold, articles, [s.name for s in spec.sections])
    return result


def score_dir(spec_dir: Path, out_dir: Path) -> list[FileScore]:
    """Every OUT_DIR/<toolchain>/<stem>.<ext> whose stem names a spec of SPEC_DIR."""
    specs = {path.stem: path for path in sorted(spec_dir.glob("*.toml"))}
    looks: dict[str, dict] = {}
    if (out_dir / MANIFEST).exists():
        looks = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    scores = []
    for folder in sorted(p for p in out_dir.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.stem not in specs or not path.is_file() or not supported(path):
                continue
            score = score_file(path, load_issue(specs[path.stem]), folder.name)
            score.look = looks.get(folder.name, {}).get("files", {}).get(path.stem)
            scores.append(score)
    return scores


# ---------------------------------------------------------------------------
# Summaries


def summarise(scores: list[FileScore]) -> dict[str, object]:
    """Medians over files, and totals: the pooled counts' precision, recall, F1."""
    read = [s.articles for s in scores if s.articles]
    gold = sum(len(s.gold) for s in scores)  # an unreadable file still owes its articles
    found = sum(a.found for a in read)
    output = sum(a.output for a in read)
    precision = found / output if output else 0.0
    recall = found / gold if gold else 0.0
    return {
        "files": len(scores),
        "unreadable": sum(1 for s in scores if s.error),
        "f1_median": round(statistics.median(s.f1 for s in scores), 4) if scores else 0.0,
        "exact_titles_median": round(statistics.median(s.exact_titles for s in scores), 4)
        if scores else 0.0,
        "gold": gold, "output": output, "found": found,
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall else 0.0,
        "exact_titles": round(sum(a.exact_titles for a in read) / gold, 4) if gold else 0.0,
        "number_ok": sum(s.number_ok for s in scores),
        "date_ok": sum(s.date_ok for s in scores),
        "section_titles": sum(len(a.section_titles) for a in read),
    }


def report(scores: list[FileScore]) -> dict[str, object]:
    toolchains = sorted({s.toolchain for s in scores})
    return {
        "toolchains": {name: summarise([s for s in scores if s.toolchain == name])
                       for name in toolchains},
        "all": summarise(scores),
        "files": [s.as_dict() for s in scores],
    }


def table(data: dict[str, object], *, files: list[FileScore] | None = None) -> str:
    """The human table: one row per toolchain, then ALL; per-file rows first on request."""
    lines: list[str] = []
    if files:
        lines.append(f"{'toolchain':<17} {'spec':<22} {'F1':>5} {'P':>5} {'R':>5} "
                     f"{'titles':>6} {'no.':>4} {'date':>4}  note")
        for s in files:
            if s.articles is None:
                lines.append(f"{s.toolchain:<17} {s.stem:<22} {'-':>5} {'-':>5} {'-':>5} "
                             f"{'-':>6} {'-':>4} {'-':>4}  unreadable: {s.error}")
                continue
            a = s.articles
            note = f"{a.found}/{a.gold} found, {a.output} out"
            if a.section_titles:
                note += f", section as title: {', '.join(a.section_titles)}"
            lines.append(f"{s.toolchain:<17} {s.stem:<22} {a.f1:5.2f} {a.precision:5.2f} "
                         f"{a.recall:5.2f} {a.exact_title_share:6.2f} "
                         f"{'ok' if s.number_ok else 'NO':>4} {'ok' if s.date_ok else 'NO':>4}"
                         f"  {note}")
        lines.append("")
    header = (f"{'toolchain':<17} {'files':>5} {'F1 med':>6} {'F1 tot':>6} {'P tot':>6} "
              f"{'R tot':>6} {'titles med':>10} {'titles tot':>10} {'number ok':>9} "
              f"{'date ok':>8} {'sect=title':>10}")
    lines += [header, "-" * len(header)]
    rows = dict(data["toolchains"])  # type: ignore[arg-type]
    rows["ALL"] = data["all"]
    for name, row in rows.items():
        if name == "ALL":
            lines.append("-" * len(header))
        files_cell = f"{row['files']}" + (f"({row['unreadable']}!)" if row["unreadable"] else "")
        lines.append(
            f"{name:<17} {files_cell:>5} {row['f1_median']:6.2f} {row['f1']:6.2f} "
            f"{row['precision']:6.2f} {row['recall']:6.2f} {row['exact_titles_median']:10.2f} "
            f"{row['exact_titles']:10.2f} {row['number_ok']:>4}/{row['files']:<4} "
            f"{row['date_ok']:>3}/{row['files']:<4} {row['section_titles']:>10}"
        )
    return "\n".join(lines)
