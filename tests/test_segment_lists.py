"""Lists stay lists: list rubrics and bullets keep their lines as Article.items."""

from __future__ import annotations

from pathlib import Path

from indexer.api import ArticleRecord
from kb.extract import extract
from kb.segment import segment
from kb.serialize import article_record
from webui.views.articles import body_blocks

ISSUE = """Résonances

Lettre d'information n°64 - mars 2023

National / Régional

Mouvements

Nadia Berrada, déléguée du préfet, Argenteuil et Bezons
Olivier Marchal, chef de projet politique de la ville, Trappes
Inès Carvalho, directrice du centre social, Les Mureaux

Ouest francilien (Hauts-de-Seine / Val d'Oise / Yvelines)

Emploi

UN FORUM POUR L'EMPLOI DES JEUNES

Le forum a réuni quarante entreprises et deux cents jeunes du quartier.
"""


def test_a_list_rubric_keeps_one_item_per_line(tmp_path: Path):
    path = tmp_path / "numero.txt"
    path.write_text(ISSUE, encoding="utf-8")
    articles = segment(extract(str(path)))[1]
    mouvements = next(a for a in articles if a.title == "Mouvements")
    assert mouvements.items == (
        "Nadia Berrada, déléguée du préfet, Argenteuil et Bezons",
        "Olivier Marchal, chef de projet politique de la ville, Trappes",
        "Inès Carvalho, directrice du centre social, Les Mureaux",
    )
    assert article_record(mouvements)["items"] == list(mouvements.items)
    forum = next(a for a in articles if a.title.startswith("UN FORUM"))
    assert forum.items == ()


def test_article_page_blocks_render_list_lines_as_a_list():
    record = ArticleRecord(
        id="n57-mouvements", title="Mouvements",
        lead="Nadia Berrada, déléguée du préfet, Argenteuil",
        text="Olivier Marchal, chef de projet, Trappes\nInès Carvalho, directrice\n\n"
             "Une phrase ordinaire.",
        items=("Nadia Berrada, déléguée du préfet, Argenteuil",
               "Olivier Marchal, chef de projet, Trappes", "Inès Carvalho, directrice"))
    assert body_blocks(record) == [
        ("list", ["Nadia Berrada, déléguée du préfet, Argenteuil",
                  "Olivier Marchal, chef de projet, Trappes", "Inès Carvalho, directrice"]),
        ("paragraph", "Une phrase ordinaire."),
    ]


def test_a_title_repeated_across_pages_is_content_not_a_running_line():
    from kb.models import Block
    from kb.segment.furniture import repeated_across_pages

    blocks = [Block("Résonances n°60 – mars 2022", page=p, bbox=(50, 20, 300, 30))
              for p in (1, 2)]
    blocks += [Block(text, page=p, bbox=(50, 60, 300, 700))
               for text, p in (("Un premier texte.", 1), ("Une autre page suit.", 2))]
    # The same title (numbers folded) mid-page on two pages: two articles, not furniture.
    blocks += [Block(f"Bilan des actions, volet {n}", page=p, bbox=(50, 300, 300, 312))
               for n, p in ((1, 1), (2, 2))]
    assert repeated_across_pages(blocks, 10.0, 2) == {0, 1}
