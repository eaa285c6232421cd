"""An issue of the newsletter as data: sections holding articles, in reading order."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kb.citation import MONTHS_FR


@dataclass
class ArticleSpec:
    title: str
    paragraphs: list[str] = field(default_factory=list)  # "## Intertitre" starts a sub-heading
    kind: str | None = None  # rubric marker, rendered "< Publication >"
    kind_detail: str | None = None  # "11 mai, 17h-19h, visioconférence"
    heading: str | None = None  # theme or commune line above the title
    links: list[str] = field(default_factory=list)
    contact: str | None = None  # "Lisa Mouawad, gup@ville-persan.fr"
    more: str | None = None  # "En savoir plus : …" target
    items: list[str] = field(default_factory=list)  # list rubrics: Mouvements, En bref, presse
    is_list: bool = False  # the title is the rubric's own name ("Mouvements")
    picture: str | None = None  # caption of a picture set after the first paragraph
    pull_quote: str | None = None  # a sentence of the article, set large between paragraphs
    # A jump (PDF only): the first `continued_after` paragraphs end on "(suite p. N)", the
    # rest is set later in the issue under the title repeated (or `continued_title`, a
    # shortened one) and "(suite de la p. M)". Still one article: `IssueSpec.articles()`.
    continued_after: int | None = None
    continued_title: str | None = None

    @property
    def marker(self) -> str | None:
        if not self.kind:
            return None
        return f"{self.kind}, {self.kind_detail}" if self.kind_detail else self.kind


@dataclass
class SectionSpec:
    name: str
    articles: list[ArticleSpec] = field(default_factory=list)


@dataclass
class IssueSpec:
    number: int
    date: str  # YYYY-MM-DD
    sections: list[SectionSpec]
    title: str = "Résonances"
    publisher: str = "Pôle ressources ville et développement social"
    tagline: str = "Centre de Ressources Politique de la Ville ouest francilien"
    address: tuple[str, ...] = ("39 rue des Bussys", "95600 Eaubonne", "01.34.05.17.17")
    editorial: str | None = None
    # A boxed list ("Agenda", "À noter") set apart from the flow; its title is its rubric.
    sidebar: ArticleSpec | None = None

    @property
    def month_label(self) -> str:
        year, month, _ = self.date.split("-")
        return f"{MONTHS_FR[int(month) - 1]} {year}"

    @property
    def masthead(self) -> str:
        return f"{self.title} n°{self.number} – {self.month_label}"

    @property
    def slug(self) -> str:
        return f"resonances-{self.number:03d}-{self.date[:7]}"

    def articles(self) -> list[tuple[SectionSpec, ArticleSpec]]:
        found = [(section, article) for section in self.sections for article in section.articles]
        if self.sidebar is not None:
            found.append((SectionSpec(self.sidebar.title, [self.sidebar]), self.sidebar))
        return found


def load_issue(path: str | Path) -> IssueSpec:
    """Read an issue spec written in TOML (see tools/demo_issues/)."""
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    sections = [
        SectionSpec(
            name=section["name"],
            articles=[ArticleSpec(**article) for article in section.get("articles", [])],
        )
        for section in raw.pop("sections")
    ]
    if "sidebar" in raw:
        raw["sidebar"] = ArticleSpec(**raw["sidebar"])
    if "address" in raw:
        raw["address"] = tuple(raw["address"])
    return IssueSpec(sections=sections, **raw)
