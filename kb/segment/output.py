"""Drafts → Articles: ids, links, e-mails and pages gathered from each article's blocks."""

from __future__ import annotations

from collections import Counter

from kb.models import Article, ExtractedDocument, Issue
from kb.segment.draft import Draft
from kb.segment.issue import article_id
from kb.textclean import find_emails, find_urls, fold, unique, unique_urls


def list_items(draft: Draft) -> list[str]:
    """A list rubric's every line (its items, whatever the format made of them), or the
    bullets read inside an ordinary article."""
    if not draft.is_list:
        return draft.items
    lines = [line.strip() for part in (draft.lead, *draft.parts) for line in part.split("\n")]
    return [line for line in lines if line]


def articles_of(drafts: list[Draft], issue: Issue, document: ExtractedDocument) -> list[Article]:
    articles: list[Article] = []
    occurrences: Counter[str] = Counter()
    source = document.source
    for draft in drafts:
        if not draft.title or (draft.empty and not draft.is_list):
            continue
        if draft.is_list and not draft.parts and not draft.lead:
            continue
        key = fold(draft.title)
        occurrence = occurrences[key]
        occurrences[key] += 1
        all_text = "\n".join(b.text for b in draft.blocks)
        urls = find_urls(all_text)
        emails = find_emails(all_text)
        for block in draft.blocks:
            for href in block.links:
                if href.lower().startswith("mailto:"):
                    emails.append(href[len("mailto:"):].split("?")[0])
                else:
                    urls.extend(find_urls(href) or [href])
        articles.append(Article(
            id=article_id(issue.id, draft.title, occurrence),
            issue=issue,
            position=len(articles),
            section=draft.section,
            kind=draft.kind,
            kind_detail=draft.kind_detail,
            heading=draft.heading,
            title=draft.title,
            lead=draft.lead,
            text="\n\n".join(draft.parts),
            links=tuple(unique_urls(urls)),
            emails=tuple(unique([e for e in emails if e])),
            contacts=tuple(draft.contacts),
            pages=tuple(sorted({b.page for b in draft.blocks})),
            source=source.path,
            format=source.format,
            subheadings=tuple(draft.subheadings),
            items=tuple(list_items(draft)),
        ))
    return articles
