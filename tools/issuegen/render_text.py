"""Plain text in the shape of `shared/seeds/*.txt`: an issue as extracted text."""

from __future__ import annotations

from tools.issuegen.spec import ArticleSpec, IssueSpec


def article_lines(
    article: ArticleSpec, *, title_case: str = "upper", markers: bool = True
) -> list[str]:
    lines: list[str] = []
    if article.marker and markers:
        lines += [f"< {article.marker} >", ""]
    if article.heading:
        lines += [article.heading, ""]
    if article.is_list:
        lines += [article.title, ""]
        for item in article.items:
            lines += [f"- {item}", ""]
        lines += [*article.links, ""] if article.links else []
        return lines
    lines += [article.title.upper() if title_case == "upper" else article.title, ""]
    for paragraph in article.paragraphs:
        lines += [paragraph.removeprefix("## "), ""]
        if article.pull_quote and paragraph is article.paragraphs[0]:
            lines += [f"« {article.pull_quote} »", ""]
    for item in article.items:  # an ordinary article's list, after its paragraphs
        lines += [f"- {item}", ""]
    for link in article.links:
        lines += [link, ""]
    if article.more:
        lines += [f"En savoir plus : {article.more}", ""]
    if article.contact:
        lines += [f"Contact : {article.contact}", ""]
    return lines


def render_text(issue: IssueSpec, *, title_case: str = "upper", markers: bool = True) -> str:
    """`title_case` "upper" sets titles in capitals, as the seed issue does; "as_written"
    keeps them as the spec writes them. `markers=False` leaves out the rubric markers."""
    lines = ["", "", issue.title, "", issue.publisher, issue.tagline, "", issue.masthead, ""]
    lines += [*issue.address, ""]
    if issue.editorial:
        lines += ["Édito", "", issue.editorial, ""]
    for section in issue.sections:
        lines += [section.name, ""]
        for article in section.articles:
            lines += article_lines(article, title_case=title_case, markers=markers)
            lines.append("")
    if issue.sidebar is not None:
        lines += article_lines(issue.sidebar, title_case=title_case, markers=markers)
    return "\n".join(lines).rstrip() + "\n"
