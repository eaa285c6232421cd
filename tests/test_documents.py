"""EnrichedArticle → index document: facet labels."""

from __future__ import annotations

from indexer.documents import facet_values
from kb.models import CommuneRef, EnrichedArticle, Issue
from tests.webui_archive import make_article


def test_departement_labels_come_from_the_gazetteer_for_any_departement() -> None:
    issue = Issue("resonances-n1", "Résonances n°1", 1, "2020-01", ("corpus/n1.pdf",))
    enriched = EnrichedArticle(
        article=make_article(issue, 0, "Titre", "Texte."),
        communes=(CommuneRef("95585", "Sarcelles", "95"),),
        departements=("95", "75", "971"),
    )
    assert facet_values(enriched)["departement"] == {
        "95": "Val-d'Oise", "75": "Paris", "971": "Guadeloupe"}
