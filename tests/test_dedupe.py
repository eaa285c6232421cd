"""Copies of one issue merged article by article on their bodies (`kb.dedupe`).

Fixtures are Article values built here: the same article as a PDF and an e-mail would
give it, with the titles the segmenter gets wrong on real issues (a kicker glued to the
title, a reworded title), bodies that differ by a paragraph, and different articles on
one topic.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kb.dedupe import (
    SAME_ARTICLE,
    Copy,
    containment,
    merge_copies,
    preferred_title,
    shingles,
    similarity,
)
from kb.models import Article, Issue, SourceFormat

PDF = "archive/resonances-058.pdf"
EMAIL = "archive/newsletter-octobre.html"

# Two articles on one topic (shared gardens in a priority neighbourhood): same words,
# different sentences.
GARDENS_A = (
    "Au pied des tours du quartier Beauregard, une association d'habitant·e·s a obtenu du "
    "bailleur une parcelle de quatre cents mètres carrés pour y installer des jardins "
    "partagés. Une trentaine de familles cultivent désormais des légumes et des herbes "
    "aromatiques, accompagnées chaque mercredi par une animatrice du centre social. Le "
    "projet, financé par le contrat de ville, prévoit aussi un composteur collectif et des "
    "ateliers de cuisine avec les enfants de l'école voisine pendant les vacances scolaires."
)
GARDENS_B = (
    "Les jardins partagés se multiplient dans les quartiers prioritaires de l'ouest "
    "francilien : une étude menée auprès de douze communes montre que ces espaces créent "
    "du lien entre voisins, mais que leur pérennité dépend de l'engagement des bailleurs "
    "et d'un accompagnement professionnel durable. Les auteurs recommandent d'associer les "
    "habitants dès la conception, de prévoir un point d'eau et un local, et de réserver "
    "des parcelles aux écoles et aux centres sociaux pour toucher d'autres publics."
)
EMPLOYMENT = (
    "La deuxième vague de labellisation des cités de l'emploi concerne trois nouveaux "
    "territoires du Val-d'Oise. Le dispositif réunit l'État, les collectivités et le "
    "service public de l'emploi autour d'une cohorte de demandeurs d'emploi résidant en "
    "quartier prioritaire, avec un accompagnement renforcé et des actions de mobilité. "
    "Un premier bilan sera présenté aux élu·e·s lors du séminaire du printemps prochain, "
    "en présence des délégués du préfet et des missions locales du département."
)
SEMINAR = (
    "Le séminaire des élu·e·s consacré à la tranquillité publique a réuni une quarantaine "
    "de participants en visioconférence. Les échanges ont porté sur le rôle des maires "
    "dans les conseils locaux de sécurité et de prévention de la délinquance, sur la "
    "coordination avec la police nationale et sur la place de la médiation sociale. Une "
    "synthèse des débats sera publiée en décembre et diffusée aux communes du réseau, "
    "accompagnée de fiches pratiques sur les outils juridiques disponibles."
)
EXTRA = (
    "Une réunion publique de présentation aura lieu en janvier à la maison de quartier, "
    "ouverte à toutes et tous, avec une visite des parcelles et un goûter offert."
)


def issue(number: int | None = 58, date: str | None = "2021-10", stem: str = "n58") -> Issue:
    if number is not None:
        issue_id = f"resonances-n{number}"
    elif date is not None:
        issue_id = f"resonances-{date}"
    else:
        issue_id = stem
    return Issue(issue_id, "Résonances", number, date)


def article(title: str, body: str, *, path: str = PDF, position: int = 0,
            of: Issue | None = None, heading: str | None = None,
            pages: tuple[int, ...] | None = None) -> Article:
    of = of or issue()
    pdf = path.endswith(".pdf")
    lead, _, text = body.partition(". ")
    return Article(
        id=f"{of.id}-{abs(hash(title)) % 10**10:010d}", issue=of, position=position,
        section="Ouest francilien", kind=None, kind_detail=None, heading=heading,
        title=title, lead=lead + ".", text=text, links=(), emails=(), contacts=(),
        pages=pages if pages is not None else ((2,) if pdf else (1,)), source=path,
        format=SourceFormat.PDF if pdf else SourceFormat.HTML,
    )


def copy(*articles: Article, path: str | None = None, of: Issue | None = None) -> Copy:
    path = path or articles[0].source
    of = of or articles[0].issue
    placed = tuple(replace(a, position=i, source=path, issue=of) for i, a in enumerate(articles))
    fmt = SourceFormat.PDF if path.endswith(".pdf") else SourceFormat.HTML
    return Copy(path, of, fmt, placed)


def merged_articles(*copies: Copy) -> list:
    (only,) = merge_copies(copies)
    return list(only.articles)


def overlapping(body: str, share: float) -> str:
    """A body whose first `share` of words is `body`'s, the rest other words."""
    words = body.split()
    keep = round(len(words) * share)
    return " ".join(words[:keep] + EMPLOYMENT.split()[: len(words) - keep])


def test_identical_bodies_with_different_titles_merge() -> None:
    pdf = copy(article("BEAUREGARD : DES JARDINS PARTAGÉS EN PIED D'IMMEUBLE", GARDENS_A))
    email = copy(article("Des jardins au pied des tours à Poissy", GARDENS_A, path=EMAIL))
    (only,) = merged_articles(pdf, email)
    assert set(only.sources) == {PDF, EMAIL}


@pytest.mark.parametrize("glued_in", [PDF, EMAIL])
def test_kicker_glued_title_merges_and_the_clean_title_wins(glued_in: str) -> None:
    clean = "BEAUREGARD : DES JARDINS PARTAGÉS EN PIED D'IMMEUBLE"
    versions = {
        glued_in: article(f"Cadre de vie {clean}", GARDENS_A, path=glued_in),
    }
    other = EMAIL if glued_in == PDF else PDF
    versions[other] = article(clean, GARDENS_A, path=other, heading="Cadre de vie")
    (only,) = merged_articles(copy(versions[PDF]), copy(versions[EMAIL]))
    assert only.article.title == clean
    assert only.article.heading == "Cadre de vie"
    assert only.article.id == versions[other].id


def test_a_title_cut_at_a_line_wrap_loses_to_the_whole_title() -> None:
    whole = "UN CONSEIL LOCAL DE SANTÉ MENTALE POUR MIEUX ACCOMPAGNER LES HABITANTS"
    cut = article("UN CONSEIL LOCAL DE SANTÉ MENTALE", SEMINAR, path=EMAIL)
    assert preferred_title([article(whole, SEMINAR), cut]).title == whole


def test_a_section_heading_read_as_a_title_loses() -> None:
    real = article("UN GUIDE PRATIQUE DE L'ABATTEMENT DE TFPB", SEMINAR)
    wrong = replace(article("Ouest francilien", SEMINAR, path=EMAIL))
    assert preferred_title([wrong, real]).title == real.title


def test_bodies_overlapping_at_85_percent_merge() -> None:
    other_body = overlapping(GARDENS_A, 0.85)
    score = similarity(article("A", GARDENS_A), article("B", other_body))
    assert 0.75 <= score <= 0.9  # what "85 % overlapping" gives in 5-word shingles
    pdf = copy(article("JARDINS PARTAGÉS", GARDENS_A))
    email = copy(article("Beauregard cultive ses jardins", other_body, path=EMAIL))
    assert len(merged_articles(pdf, email)) == 1


def test_two_articles_on_the_same_topic_do_not_merge() -> None:
    score = similarity(article("A", GARDENS_A), article("B", GARDENS_B))
    assert score < SAME_ARTICLE / 2
    pdf = copy(article("JARDINS PARTAGÉS", GARDENS_A))
    email = copy(article("JARDINS PARTAGÉS", GARDENS_B, path=EMAIL))
    found = merged_articles(pdf, email)
    assert len(found) == 2
    # Same title, same issue: one id for two articles; neither replaces the other.
    assert len({item.article.id for item in found}) == 2


def test_matching_is_one_to_one_best_pair_first() -> None:
    near = overlapping(GARDENS_A, 0.8)
    pdf = copy(article("JARDINS", GARDENS_A))
    email = copy(article("Jardins (annonce)", near, path=EMAIL),
                 article("Jardins partagés", GARDENS_A, path=EMAIL, position=1))
    found = merged_articles(pdf, email)
    assert len(found) == 2
    both = [item for item in found if len(item.sources) == 2]
    assert len(both) == 1
    assert both[0].versions[1].title == "Jardins partagés"  # the exact copy, not the near one
    # The e-mail's other article stays, once, in its reading order.
    assert [item.article.position for item in found] == [0, 1]


def test_the_longer_body_wins_and_the_pdf_stays_the_cited_source() -> None:
    pdf = copy(article("JARDINS PARTAGÉS", GARDENS_A, pages=(3, 4)))
    email = copy(article("JARDINS PARTAGÉS", f"{GARDENS_A} {EXTRA}", path=EMAIL))
    (only,) = merged_articles(pdf, email)
    assert "réunion publique" in only.article.text
    assert only.article.source == PDF and only.article.pages == (3, 4)
    assert only.article.format == SourceFormat.PDF


def test_a_body_that_swallowed_the_next_article_is_not_the_one_kept() -> None:
    # The PDF's segmenter ran two articles together; the e-mail has them apart.
    pdf = copy(article("SÉMINAIRE", f"{SEMINAR} {EMPLOYMENT}"), article("JARDINS", GARDENS_A))
    email = copy(article("Séminaire", SEMINAR, path=EMAIL),
                 article("Cités de l'emploi", EMPLOYMENT, path=EMAIL),
                 article("Jardins", GARDENS_A, path=EMAIL))
    found = merged_articles(pdf, email)
    assert [f.article.title for f in found] == ["Séminaire", "Cités de l'emploi", "Jardins"]
    assert "cités de l'emploi" not in found[0].article.text.lower()
    assert found[0].sources == (PDF, EMAIL) and found[1].sources == (EMAIL,)


def test_sources_of_both_copies_are_kept() -> None:
    pdf = copy(article("CITÉS DE L'EMPLOI", EMPLOYMENT, pages=(2,)),
               article("SÉMINAIRE", SEMINAR, pages=(1,)))
    email = copy(article("SÉMINAIRE DES ÉLU·E·S", SEMINAR, path=EMAIL),
                 article("Cités de l'emploi", EMPLOYMENT, path=EMAIL))
    (merged,) = merge_copies([email, pdf])
    assert merged.paths == (PDF, EMAIL)
    assert merged.issue.sources == tuple(sorted((PDF, EMAIL)))
    for item in merged.articles:
        assert item.sources == (PDF, EMAIL)
        assert [v.source for v in item.versions] == [PDF, EMAIL]
        assert item.versions[0].pages != ()
    assert merged.article_ids(PDF) == merged.article_ids(EMAIL) == [
        item.article.id for item in merged.articles]


def test_articles_only_one_copy_has_are_kept_in_reading_order() -> None:
    pdf = copy(article("SÉMINAIRE", SEMINAR), article("JARDINS", GARDENS_A))
    email = copy(article("Séminaire", SEMINAR, path=EMAIL),
                 article("Cités de l'emploi", EMPLOYMENT, path=EMAIL),
                 article("Jardins", GARDENS_A, path=EMAIL))
    found = merged_articles(pdf, email)
    assert [f.article.title for f in found] == ["Séminaire", "Cités de l'emploi", "Jardins"]
    assert [f.sources for f in found] == [(PDF, EMAIL), (EMAIL,), (PDF, EMAIL)]


# ---------------------------------------------------------------------------
# Which copies are one issue

BODIES = (GARDENS_A, GARDENS_B, EMPLOYMENT, SEMINAR)


def issue_copy(path: str, of: Issue, bodies: tuple[str, ...] = BODIES) -> Copy:
    return copy(*(article(f"Article {i} de {path}", body, path=path, of=of)
                  for i, body in enumerate(bodies)), path=path, of=of)


@pytest.mark.parametrize("unread", [
    issue(None, "2021-10"),  # the number not found, the same month
    issue(None, None, stem="newsletter-octobre"),  # neither number nor date found
])
def test_a_copy_without_its_number_merges_by_content(unread: Issue) -> None:
    pdf = issue_copy(PDF, issue(58, "2021-10"))
    email = issue_copy(EMAIL, unread)
    (merged,) = merge_copies([pdf, email])
    assert merged.issue.id == "resonances-n58" and merged.issue.number == 58
    assert len(merged.articles) == len(BODIES)
    assert all(item.article.issue.id == "resonances-n58" for item in merged.articles)
    assert all(item.sources == (PDF, EMAIL) for item in merged.articles)


@pytest.mark.parametrize(("first", "second"), [
    (issue(58, "2021-10"), issue(None, "2021-11")),  # months differ
    (issue(None, "2021-10"), issue(None, "2022-10")),  # one month, another year
    (issue(58, "2021-10"), issue(59, None)),  # numbers differ
    (issue(58, None), issue(59, None)),
])
def test_two_different_issues_never_merge_even_with_the_same_articles(
    first: Issue, second: Issue
) -> None:
    merged = merge_copies([issue_copy(PDF, first), issue_copy(EMAIL, second)])
    assert len(merged) == 2
    assert all(len(m.articles) == len(BODIES) for m in merged)
    assert all(len(item.sources) == 1 for m in merged for item in m.articles)


def test_a_copy_sharing_few_articles_stays_another_issue() -> None:
    pdf = issue_copy(PDF, issue(58, "2021-10"))
    # An undated file sharing one article of four (a reprint): not the same issue.
    email = issue_copy(EMAIL, issue(None, None, stem="lettre"),
                       bodies=(GARDENS_A, "Autre texte. " + EXTRA, overlapping(SEMINAR, 0.3),
                               overlapping(EMPLOYMENT, 0.2)))
    assert len(merge_copies([pdf, email])) == 2


def test_an_undated_copy_joins_the_issue_it_matches_best() -> None:
    n58 = issue_copy(PDF, issue(58, "2021-10"), bodies=BODIES)
    n59 = issue_copy("archive/resonances-059.pdf", issue(59, "2021-12"),
                     bodies=(EXTRA + " " + GARDENS_B, EMPLOYMENT))
    loose = issue_copy(EMAIL, issue(None, None, stem="lettre"), bodies=BODIES)
    merged = {m.issue.id: m for m in merge_copies([n59, loose, n58])}
    assert set(merged) == {"resonances-n58", "resonances-n59"}
    assert EMAIL in merged["resonances-n58"].paths
    assert merged["resonances-n59"].paths == ("archive/resonances-059.pdf",)


def test_same_issue_id_still_merges_as_before() -> None:
    pdf = copy(article("SÉMINAIRE", SEMINAR))
    email = copy(article("Cités de l'emploi", EMPLOYMENT, path=EMAIL))
    (merged,) = merge_copies([pdf, email])
    assert len(merged.articles) == 2


def test_shingles_fold_case_accents_and_inclusive_writing() -> None:
    a = shingles("Les Élu.e.s du Val-d'Oise se réunissent à Cergy")
    b = shingles("les élues du val d’oise se reunissent a cergy")
    assert a == b and containment(a, b) == 1.0
