"""Render every spec of a folder through every available toolchain.

OUT_DIR/<toolchain>/<spec-stem>.<ext>, plus OUT_DIR/manifest.json recording each
file's look (the Variant), so a person reading a score can see what the file was
made with. A toolchain whose program is missing is skipped with one line; one that
fails on a file is reported and the others go on.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tools.issuegen.spec import load_issue
from tools.toolchains.base import Job, RenderError, Toolchain
from tools.toolchains.chromium import CHROMIUM_COLUMNS
from tools.toolchains.content import variant_for
from tools.toolchains.legacy_html import LEGACY_HTML
from tools.toolchains.mjml import MJML
from tools.toolchains.odt import LIBREOFFICE, WORD_DOCX
from tools.toolchains.ours import OURS_HTML, OURS_PDF, TEXT
from tools.toolchains.scanned import SCANNED

TOOLCHAINS: tuple[Toolchain, ...] = (
    OURS_PDF, OURS_HTML, LEGACY_HTML, LIBREOFFICE, WORD_DOCX, CHROMIUM_COLUMNS, MJML, TEXT,
    SCANNED,
)
BY_NAME = {toolchain.name: toolchain for toolchain in TOOLCHAINS}
MANIFEST = "manifest.json"


@dataclass
class RenderReport:
    """What happened, for the command's output and for tests."""

    written: dict[str, list[Path]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # toolchain -> why
    failed: dict[str, str] = field(default_factory=dict)  # "toolchain/stem" -> why

    def lines(self) -> list[str]:
        out = [f"{name}: {len(paths)} file(s)" for name, paths in self.written.items()]
        out += [f"{name}: skipped ({why})" for name, why in self.skipped.items()]
        out += [f"{key}: FAILED ({why})" for key, why in self.failed.items()]
        return out


def spec_paths(spec_dir: Path) -> list[Path]:
    return sorted(spec_dir.glob("*.toml"))


def select(names: Iterable[str] | None) -> list[Toolchain]:
    if not names:
        return list(TOOLCHAINS)
    unknown = [name for name in names if name not in BY_NAME]
    if unknown:
        raise ValueError(f"unknown toolchain(s) {', '.join(unknown)}; "
                         f"known: {', '.join(BY_NAME)}")
    return [BY_NAME[name] for name in names]


def render_all(spec_dir: Path, out_dir: Path, only: Iterable[str] | None = None) -> RenderReport:
    """Render each *.toml of `spec_dir` through the selected toolchains."""
    toolchains = select(only)
    specs = [(path.stem, load_issue(path)) for path in spec_paths(spec_dir)]
    report = RenderReport()
    manifest_path = out_dir / MANIFEST
    manifest: dict[str, dict[str, object]] = {}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for toolchain in toolchains:
        why = toolchain.available()
        if why:
            report.skipped[toolchain.name] = why
            continue
        target = out_dir / toolchain.name
        target.mkdir(parents=True, exist_ok=True)
        jobs = [
            Job(spec, stem, variant_for(spec, toolchain.name, columns=toolchain.columns),
                target / f"{stem}{toolchain.ext}")
            for stem, spec in specs
        ]
        with tempfile.TemporaryDirectory(prefix=f"toolchain-{toolchain.name}-") as tmp:
            try:
                failures = toolchain.render(jobs, Path(tmp))
            except RenderError as error:
                failures = {job.stem: str(error) for job in jobs}
        for stem, why in failures.items():
            report.failed[f"{toolchain.name}/{stem}"] = why
        report.written[toolchain.name] = [job.out for job in jobs if job.stem not in failures]
        manifest[toolchain.name] = {
            "description": toolchain.description,
            "files": {job.stem: {"file": job.out.name, **_look(toolchain, job)}
                      for job in jobs if job.stem not in failures},
        }
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return report


def _look(toolchain: Toolchain, job: Job) -> dict[str, object]:
    if toolchain.look is not None:
        return toolchain.look(job)
    look = job.variant.as_dict()
    if toolchain.look_fields is None:
        return look
    return {key: look[key] for key in toolchain.look_fields}
