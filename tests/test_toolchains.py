"""tools/toolchains: the metric on hand-built articles (fast), what each renderer
writes (fast), and one demo issue through every toolchain present here (slow)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from kb.extract import extract
from kb.models import Article, Issue, SourceFormat
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec, load_issue
from tools.toolchains.chromium import render_print_html
from tools.toolchains.content import variant_for
from tools.toolchains.legacy_html import render_legacy_html
from tools.toolchains.metric import (
    gold_article,
    gold_articles,
    output_body,
    overlap,
    score_articles,
    words,
)
from tools.toolchains.mjml import render_mjml
from tools.toolchains.odt import render_fodt
from tools.toolchains.render import BY_NAME, TOOLCHAINS, render_all
from tools.toolchains.score import report, score_dir, table

ROOT = Path(__file__).resolve().parent.parent
DEMO_SPEC = ROOT / "tools" / "demo_issues" / "resonances-058.toml"

# ---------------------------------------------------------------------------
# Fixtures built in code

BODY_A = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
          "omicron pi rho sigma tau upsilon")  # 20 distinct words
BODY_B = ("pomme poire prune cerise fraise framboise mure myrtille groseille cassis "
          "abricot peche figue raisin melon pasteque citron orange mandarine kiwi")
WORDS_A, WORDS_B = BODY_A.split(), BODY_B.split()

ISSUE = Issue(id="resonances-n1", title="Résonances n°1", number=1, date="2024-01")


def out(title: str, lead: str, text: str = "") -> Article:
    return Article(
        id=title, issue=ISSUE, position=0, section=None, kind=None, kind_detail=None,
        heading=None, title=title, lead=lead, text=text, links=(), emails=(), contacts=(),
        pages=(1,), source="issue.txt", format=SourceFormat.TEXT,
    )


def spec_ab() -> IssueSpec:
    return IssueSpec(number=1, date="2024-01-10", sections=[
        SectionSpec("Ressources", [
            ArticleSpec(title="Premier article", paragraphs=[BODY_A],
                        links=["https://exemple.fr/premier/"], contact="Lou, lou@exemple.fr"),
            ArticleSpec(title="Second article", heading="Pontoise",
                        paragraphs=["## Un intertitre", BODY_B]),
        ]),
    ])


# ---------------------------------------------------------------------------
# The metric


def test_exact_output_is_found_with_its_title_folded() -> None:
    gold = gold_articles(spec_ab())
    score = score_articles(gold, [out("PREMIER ARTICLE", BODY_A), out("Second Article", BODY_B)])
    assert (score.found, score.precision, score.recall, score.f1) == (2, 1.0, 1.0, 1.0)
    assert score.exact_title_share == 1.0


def test_a_merge_of_two_articles_counts_neither() -> None:
    gold = gold_articles(spec_ab())
    score = score_articles(gold, [out("Premier article", BODY_A, BODY_B)])
    assert score.found == 0
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert score.matches[0].coverage == 1.0 and score.matches[0].foreign == 0.5


def test_an_85_percent_body_counts_and_a_75_percent_one_does_not() -> None:
    gold = gold_articles(spec_ab())
    # 17 of 20 words (85 %) found; the lost words are not replaced by foreign text.
    assert score_articles(gold[:1], [out("Premier article", " ".join(WORDS_A[:17]))]).found == 1
    assert score_articles(gold[:1], [out("Premier article", " ".join(WORDS_A[:15]))]).found == 0


def test_a_contact_paragraph_counts_where_the_article_keeps_it() -> None:
    """The model keeps 'Contact :' lines apart from the text: they still belong to the
    article that holds them."""
    short = " ".join(WORDS_A[:6])
    gold = [gold_article(SectionSpec("Ressources", []), ArticleSpec(
        title="Premier article", paragraphs=[short, "Contact : service habitat, 01 00 00 00"]))]
    kept = replace(out("Premier article", short), contacts=("service habitat, 01 00 00 00",))
    assert score_articles(gold, [kept]).found == 1
    assert score_articles(gold, [out("Premier article", short)]).found == 0
    assert output_body(kept)["habitat"] == 1


def test_foreign_text_is_allowed_up_to_20_percent_of_the_output() -> None:
    gold = gold_articles(spec_ab())[:1]
    three = " ".join(WORDS_B[:3])  # 3 of 23 words foreign: 13 %
    assert score_articles(gold, [out("Premier article", BODY_A, three)]).found == 1
    seven = " ".join(WORDS_B[:7])  # 7 of 27: 26 %
    assert score_articles(gold, [out("Premier article", BODY_A, seven)]).found == 0


def test_the_articles_own_lines_are_never_foreign() -> None:
    """Kicker, theme line, intertitles, links and closing lines glued into the body
    are the article's own text, and so are the renderers' label words."""
    gold = gold_articles(spec_ab())
    first = out("x", BODY_A, "Lien : https://exemple.fr/premier/ Contact : Lou, lou@exemple.fr")
    second = out("y", f"Pontoise Un intertitre {BODY_B} Lire la suite")
    assert overlap(gold[0], first.title, output_body(first)).foreign == 0.0
    assert overlap(gold[1], second.title, output_body(second)).foreign == 0.0
    assert score_articles(gold, [first, second]).found == 2


def test_one_output_article_is_matched_once() -> None:
    twin = ArticleSpec(title="Jumeau", paragraphs=[BODY_A])
    spec = IssueSpec(number=2, date="2024-02-01",
                     sections=[SectionSpec("S", [ArticleSpec(title="Un", paragraphs=[BODY_A]),
                                                 twin])])
    score = score_articles(gold_articles(spec), [out("Un", BODY_A)])
    assert score.found == 1 and score.recall == 0.5 and score.precision == 1.0


def test_false_positives_lower_precision_only() -> None:
    gold = gold_articles(spec_ab())
    outputs = [out("Premier article", BODY_A), out("Second article", BODY_B),
               out("Résonances", "39 rue des Bussys 95600 Eaubonne")]
    score = score_articles(gold, outputs)
    assert (score.found, score.recall, round(score.precision, 3)) == (2, 1.0, 0.667)


def test_a_wrong_title_is_found_but_not_exact() -> None:
    gold = gold_articles(spec_ab())
    score = score_articles(gold, [out("Pontoise", BODY_B)])
    assert score.found == 1 and score.exact_titles == 0


def test_list_rubrics_are_scored_on_their_items_and_section_titles_are_flagged() -> None:
    brief = ArticleSpec(title="En bref", is_list=True, items=[BODY_A[:60], BODY_B[:60]])
    spec = IssueSpec(number=3, date="2024-03-01", sections=[SectionSpec("Actualités", [brief])])
    gold = gold_articles(spec)
    outputs = [out("En bref", BODY_A[:60], BODY_B[:60]), out("Actualités", "")]
    score = score_articles(gold, outputs, [s.name for s in spec.sections])
    assert score.found == 1 and score.section_titles == ["Actualités"]


def test_a_bodiless_article_is_found_by_its_title_and_the_editorial_is_gold() -> None:
    spec = IssueSpec(number=4, date="2024-04-01", editorial=BODY_B, sections=[
        SectionSpec("Liens", [ArticleSpec(title="Le site du réseau", links=["https://r.fr/"])])])
    gold = gold_articles(spec)
    assert [g.title for g in gold] == ["Édito", "Le site du réseau"]
    assert overlap(gold[1], "LE SITE DU RÉSEAU", words("https://r.fr/")).found
    assert not overlap(gold[1], "Autre chose", Counter()).found
    assert gold_article(spec.sections[0], spec.sections[0].articles[0]).body == Counter()


# ---------------------------------------------------------------------------
# What the renderers write (no external program)


def test_variants_are_deterministic_and_vary_across_specs() -> None:
    specs = [IssueSpec(number=n, date="2024-01-01", sections=[]) for n in range(40, 70)]
    looks = [variant_for(spec, "libreoffice", columns=(1, 2, 3)) for spec in specs]
    assert looks == [variant_for(spec, "libreoffice", columns=(1, 2, 3)) for spec in specs]
    assert {look.columns for look in looks} == {1, 2, 3}
    assert {look.kicker for look in looks} == {"caps", "band"}
    assert {look.masthead_number for look in looks} >= {"n°", "none"}


def test_every_source_holds_markers_sections_and_items() -> None:
    spec = load_issue(DEMO_SPEC)
    variant = variant_for(spec, "test")
    sources = {
        "fodt": render_fodt(spec, variant),
        "legacy": render_legacy_html(spec, variant),
        "chromium": render_print_html(spec, variant),
        "mjml": render_mjml(spec, variant),
    }
    ET.fromstring(sources["fodt"].encode("utf-8"))  # well-formed Flat ODT
    ET.fromstring(sources["mjml"].encode("utf-8"))  # the MJML source is XML too
    assert not re.search(r"<h[1-6]\b", sources["legacy"], re.IGNORECASE)
    for name, source in sources.items():
        assert "&lt; Séminaire des élu.e.s, 18 novembre, 17h-19h, Cergy &gt;" in source \
            or "&lt; SÉMINAIRE DES ÉLU.E.S, 18 NOVEMBRE, 17H-19H, CERGY &gt;" in source, name
        assert "Fiche expérience" in source, name
        assert "DDETS du Val-d'Oise" in source or "DDETS du Val-d&#x27;Oise" in source, name
    assert sources["fodt"].count("<text:list-item>") == 3 + 4 + 3
    assert 'fo:column-count="2"' in sources["fodt"]


def test_a_missing_program_skips_its_toolchain_in_one_line(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    absent = replace(BY_NAME["libreoffice"], available=lambda: "soffice not found on PATH")
    monkeypatch.setitem(BY_NAME, "libreoffice", absent)
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(DEMO_SPEC, specs / DEMO_SPEC.name)
    rendered = render_all(specs, tmp_path / "out", only=["libreoffice", "text"])
    assert rendered.skipped == {"libreoffice": "soffice not found on PATH"}
    assert "libreoffice: skipped (soffice not found on PATH)" in rendered.lines()
    assert (tmp_path / "out" / "text" / "resonances-058.txt").exists()
    assert not (tmp_path / "out" / "libreoffice").exists()


# ---------------------------------------------------------------------------
# One demo issue through every toolchain present on this machine


@pytest.mark.slow
@pytest.mark.parametrize("name", [toolchain.name for toolchain in TOOLCHAINS])
def test_demo_issue_through_each_toolchain(name: str, tmp_path: Path) -> None:
    toolchain = BY_NAME[name]
    why = toolchain.available()
    if why:
        pytest.skip(f"{name} cannot run here: {why}")
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(DEMO_SPEC, specs / DEMO_SPEC.name)
    rendered = render_all(specs, tmp_path / "out", only=[name])
    assert not rendered.failed, rendered.failed
    [path] = rendered.written[name]
    assert path == tmp_path / "out" / name / f"resonances-058{toolchain.ext}"
    assert extract(path).blocks, f"{path.name} extracts to no block"
    scores = score_dir(specs, tmp_path / "out")
    assert [score.toolchain for score in scores] == [name]
    [score] = scores
    assert score.error is None and score.articles is not None
    for value in (score.f1, score.exact_titles, score.articles.precision, score.articles.recall):
        assert 0.0 <= value <= 1.0
    summary = report(scores)
    assert 0.0 <= summary["all"]["f1"] <= 1.0  # type: ignore[index]
    assert name in table(summary, files=scores)


def test_an_ordinary_articles_list_is_rendered_everywhere_and_counted_in_its_gold() -> None:
    only_a_list = ArticleSpec(title="Les dates du cycle", items=["premier atelier le 3 mai",
                                                                 "second atelier le 7 juin"])
    boxed = ArticleSpec(title="À noter", paragraphs=["Le centre ferme en août."],
                        items=["réouverture le 1er septembre"])
    spec = IssueSpec(number=5, date="2024-05-01", sidebar=boxed,
                     sections=[SectionSpec("Agenda", [only_a_list])])
    gold = gold_articles(spec)
    assert gold_article(spec.sections[0], only_a_list).body == words(
        "premier atelier le 3 mai second atelier le 7 juin")
    assert words("réouverture le 1er septembre") <= gold[-1].body
    variant = variant_for(spec, "test")
    for name, source in {"fodt": render_fodt(spec, variant),
                         "legacy": render_legacy_html(spec, variant),
                         "chromium": render_print_html(spec, variant),
                         "mjml": render_mjml(spec, variant)}.items():
        for text in ("second atelier le 7 juin", "Le centre ferme en août.",
                     "réouverture le 1er septembre"):
            assert text in source, (name, text)
