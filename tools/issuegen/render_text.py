"""Plain text in the shape of `shared/seeds/*.txt`: an issue as extracted text."""

from __future__ import annotations

from tools.issuegen.spec import ArticleSpec, IssueSpec


def article_lines(article: ArticleSpec) -> list[str]:
    lines: list[str] = []
    if article.marker:
        lines += [f"< {article.marker} >", ""]
    if article.heading:
        lines += [article.heading, ""]
    if article.is_list:
        lines += [article.title, ""]
        for item in article.items:
            lines += [f"- {item}", ""]
        lines += [*article.links, ""] if article.links else []
        return lines
    lines += [article.title.upper(), ""]
    for paragraph in article.paragraphs:
        lines += [paragraph.removeprefix("## "), ""]
    for link in article.links:
        lines += [link, ""]
    if article.more:
        lines += [f"En savoir plus : {article.more}", ""]
    if article.contact:
        lines += [f"Contact : {article.contact}", ""]
    return lines


def render_text(issue: IssueSpec) -> str:
    lines = ["", "", issue.title, "", issue.publisher, issue.tagline, "", issue.masthead, ""]
    lines += [*issue.address, ""]
    if issue.editorial:
        lines += ["Édito", "", issue.editorial, ""]
    for section in issue.sections:
        lines += [section.name, ""]
        for article in section.articles:
            lines += article_lines(article)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
