"""Segmentation of issues set the way other newsletters set them, in every format.

The house style (titles in capitals, "< Publication >" markers, known section names) is
what the segmenter first met; real issues vary. Each variant below renders the code-built
issues (`tools.issuegen.sample_issues`: known and unknown section names, articles with
neither marker nor theme line, pictures and captions, pull quotes, a boxed sidebar,
titles that wrap) with another typography: titles in mixed case set only in a bigger
bold type, section banners on a coloured bar smaller than the titles, no rubric
markers, page numbers and footers elsewhere, e-mail titles as <h2>/<h3>/<strong> in
table cells, web pages whose titles are <h2> like their sections. Per variant we measure
the share of articles found whole with their titles (`tools.issuegen.measure`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from kb.extract import extract
from kb.models import Block, BlockKind, ExtractedDocument, SourceFile, SourceFormat
from kb.segment import jump_line, segment
from tools.issuegen.measure import measure
from tools.issuegen.render_html import render_email_html, render_web_html
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.render_text import render_text
from tools.issuegen.sample_issues import ISSUES, with_jumps
from tools.issuegen.spec import IssueSpec

THRESHOLD = 0.95
SITE = "www.poleressources95.org"

Writer = Callable[[IssueSpec, Path], None]


def _pdf(**options) -> Writer:
    return lambda spec, path: render_pdf(spec, path, **options)


def _jumping_pdf(**options) -> Writer:
    """Every article of two paragraphs or more stops on "(suite p. N)" and resumes in the
    next section under its title repeated (or shortened); still one article to find."""
    return lambda spec, path: render_pdf(with_jumps(spec), path, **options)


def _bytes(render: Callable[..., bytes], **options) -> Writer:
    return lambda spec, path: path.write_bytes(render(spec, **options))


def _text(**options) -> Writer:
    return lambda spec, path: path.write_text(render_text(spec, **options), encoding="utf-8")


MIXED = {"title_case": "as_written"}

VARIANTS: dict[str, tuple[str, Writer]] = {
    "text-house": ("txt", _text()),
    "text-mixed-nomarkers": ("txt", _text(markers=False, **MIXED)),
    "pdf-house-2col": ("pdf", _pdf()),
    "pdf-mixed-2col": ("pdf", _pdf(**MIXED)),
    "pdf-mixed-1col-banner": ("pdf", _pdf(columns=1, section_style="banner", **MIXED,
                                         page_numbers="bottom-outer", footer_url=SITE)),
    "pdf-mixed-2col-banner-nomarkers": ("pdf", _pdf(section_style="banner", markers=False,
                                                   **MIXED)),
    "pdf-mixed-3col-topnumbers": ("pdf", _pdf(columns=3, page_numbers="top-outer",
                                             footer_url=SITE, **MIXED)),
    "pdf-upper-3col-banner": ("pdf", _pdf(columns=3, section_style="banner")),
    "pdf-house-1col-jumps": ("pdf", _jumping_pdf(columns=1)),
    "pdf-house-2col-jumps": ("pdf", _jumping_pdf()),
    "pdf-mixed-3col-banner-jumps": ("pdf", _jumping_pdf(columns=3, section_style="banner",
                                                       **MIXED)),
    "email-house": ("html", _bytes(render_email_html)),
    "email-p-mixed": ("html", _bytes(render_email_html, title_tag="p", **MIXED)),
    "email-h2-mixed-nomarkers": ("html", _bytes(render_email_html, title_tag="h2",
                                                markers=False, **MIXED)),
    "email-h3-mixed": ("html", _bytes(render_email_html, title_tag="h3", **MIXED)),
    "email-strong-mixed": ("html", _bytes(render_email_html, title_tag="strong", **MIXED)),
    "email-strong-upper": ("html", _bytes(render_email_html, title_tag="strong")),
    "web-house": ("html", _bytes(render_web_html)),
    "web-h3-mixed": ("html", _bytes(render_web_html, **MIXED)),
    "web-h2-mixed-nomarkers": ("html", _bytes(render_web_html, title_tag="h2", markers=False,
                                              **MIXED)),
    "web-h2-mixed-entry-content": ("html", _bytes(render_web_html, title_tag="h2",
                                                  layout="entry-content", **MIXED)),
}


def measure_variant(name: str, folder: Path) -> tuple[int, int, list[str]]:
    suffix, write = VARIANTS[name]
    whole = total = 0
    failures: list[str] = []
    for key, build in ISSUES.items():
        spec = build()
        path = folder / f"{spec.slug}-{name}.{suffix}"
        write(spec, path)
        issue, articles = segment(extract(path))
        assert issue.id == f"resonances-n{spec.number}", (name, key)
        found, problems = measure(spec, articles)
        whole += found
        total += len(spec.articles())
        failures += [f"[{key}] {problem}" for problem in problems]
    return whole, total, failures


# Known limits, measured all the same (strict: the day they pass, the mark must go).
KNOWN_LIMITS = {
    "text-mixed-nomarkers": "texte brut sans typographie : un titre en minuscules de plus de "
                            "14 mots, ou une rubrique inconnue au-dessus d'un tel titre, ne se "
                            "distinguent pas d'un paragraphe",
}


def _cases():
    for name in VARIANTS:
        reason = KNOWN_LIMITS.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize("variant", list(_cases()))
def test_articles_found_whole_with_their_titles(variant, tmp_path, capsys):
    whole, total, failures = measure_variant(variant, tmp_path)
    ratio = whole / total
    with capsys.disabled():
        print(f"\n{variant}: {whole}/{total} articles trouvés entiers ({ratio:.1%})")
        for failure in failures:
            print(f"   {failure}")
    assert ratio >= THRESHOLD, failures


def test_every_format_family_is_measured():
    families = {name.split("-")[0] for name in VARIANTS}
    assert families == {"text", "pdf", "email", "web"}


@pytest.mark.parametrize("option", [
    partial(render_pdf, title_case="lower"),
    partial(render_pdf, section_style="boxed"),
    partial(render_pdf, page_numbers="left"),
])
def test_pdf_renderer_refuses_unknown_options(option, tmp_path):
    with pytest.raises(ValueError):
        option(ISSUES["a"](), tmp_path / "x.pdf")


def test_html_renderers_refuse_unknown_title_tags():
    with pytest.raises(ValueError):
        render_email_html(ISSUES["a"](), title_tag="h5")
    with pytest.raises(ValueError):
        render_web_html(ISSUES["a"](), title_tag="p")


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_jump_lines_name_the_pages_where_the_parts_are(columns, tmp_path):
    """"(suite p. N)" names the page where the rest is, "(suite de la p. M)" the page the
    article left; the rests come in the order of their jumps."""
    for build in ISSUES.values():
        spec = with_jumps(build())
        jumping = sum(1 for _, article in spec.articles() if article.continued_after)
        path = tmp_path / f"{spec.slug}.pdf"
        render_pdf(spec, path, columns=columns)
        found = [(jump, block.page) for block in extract(path).blocks
                 if (jump := jump_line(block.text)) is not None]
        outs = [(jump.page, page) for jump, page in found if jump.direction == "out"]
        ins = [(jump.page, page) for jump, page in found if jump.direction == "in"]
        assert len(outs) == len(ins) == jumping > 0
        for (named_in, out_page), (named_out, in_page) in zip(outs, ins, strict=True):
            assert (named_in, named_out) == (in_page, out_page)


def test_jumped_articles_lose_their_jump_lines_and_span_both_pages(tmp_path):
    spec = with_jumps(ISSUES["a"]())
    path = tmp_path / "jumps.pdf"
    render_pdf(spec, path, columns=1)
    _, articles = segment(extract(path))
    assert len(articles) == len(spec.articles())
    assert all(jump_line(line) is None for a in articles
               for line in f"{a.lead}\n{a.text}".splitlines())
    jump_words = re.compile(r"suite (?:de la )?(?:p\.|page)", re.IGNORECASE)
    assert not any(jump_words.search(a.full_text) for a in articles)
    assert any(len(a.pages) > 1 for a in articles)


def _boxed_issue(groups: list[int]) -> ExtractedDocument:
    """Two articles whose titles and intertitle share one type, each block in the group
    given (the order: title, paragraph, intertitle, paragraph, title, paragraph)."""
    heading = {"kind": BlockKind.HEADING, "bold": True, "font_size": 11.25}
    body = {"font_size": 10.5}
    texts = [
        ("Résonances n°60 – mars 2022", {"kind": BlockKind.HEADING, "font_size": 20.0}),
        ("L'actu du Pôle ressources", {"kind": BlockKind.HEADING, "font_size": 16.5}),
        ("Un diagnostic en marchant", heading),
        ("Le service de gestion urbaine de proximité a organisé une marche.", body),
        ("Une démarche construite avec les bailleurs", heading),
        ("Les bailleurs sociaux et les associations y ont pris part.", body),
        ("Une maison du projet aux Lochères", heading),
        ("La ville et l'agglomération ouvrent une maison du projet.", body),
    ]
    blocks = [Block(text=text, group=group, **style)
              for (text, style), group in zip(texts, [0, 0, *groups], strict=True)]
    source = SourceFile("lettre.html", SourceFormat.HTML, "0" * 64, 1)
    return ExtractedDocument(source=source, blocks=tuple(blocks), body_font_size=10.5)


@pytest.mark.parametrize(("groups", "titles"), [
    # One cell per article: the heading inside the first article's cell is an intertitle.
    ([1, 1, 1, 1, 2, 2], ["Un diagnostic en marchant", "Une maison du projet aux Lochères"]),
    # No cells (PDF, text) or one layout table around everything: every heading in the
    # titles' type is a title, as before.
    ([0, 0, 0, 0, 0, 0], ["Un diagnostic en marchant", "Une démarche construite avec les "
                          "bailleurs", "Une maison du projet aux Lochères"]),
    ([1, 1, 1, 1, 1, 1], ["Un diagnostic en marchant", "Une démarche construite avec les "
                          "bailleurs", "Une maison du projet aux Lochères"]),
])
def test_headings_in_the_titles_type_inside_an_article_cell_are_intertitles(groups, titles):
    _, articles = segment(_boxed_issue(groups))
    assert [article.title for article in articles] == titles
    if len(titles) == 2:
        assert articles[0].subheadings == ("Une démarche construite avec les bailleurs",)
        assert "Les bailleurs sociaux" in articles[0].text
