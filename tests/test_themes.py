"""Themes: from the heading line, from keywords with a reason, parents added."""

from __future__ import annotations

from kb.themes import ThemeVocabulary, load_themes, parse_themes


def ids(refs):
    return [t.id for t in refs]


def test_heading_names_the_theme_child_first():
    vocabulary = load_themes()
    assert vocabulary.heading_theme("Développement économique").id == "developpement-economique"
    assert vocabulary.heading_theme("Crise sanitaire").id == "crise-sanitaire"
    assert vocabulary.heading_theme("Économie Sociale et Solidaire").id == "ess"
    assert vocabulary.heading_theme("Persan") is None


def test_heading_reason_and_parent():
    refs = load_themes().themes_of(heading="Développement économique", title="Lancement",
                                   body="Un programme.")
    by_id = {t.id: t.reason for t in refs}
    assert by_id["developpement-economique"] == "rubrique : Développement économique"
    assert by_id["emploi-economie"].startswith("thème parent de Développement économique")


def test_keywords_need_two_hits_and_give_a_reason():
    vocabulary = load_themes()
    body = ("Ce séminaire, dédié à la santé mentale, abordera la santé mentale des "
            "habitant.e.s et le rôle de la psychiatrie de secteur et du CCOMS.")
    refs = vocabulary.themes_of(heading=None, title="Un séminaire", body=body)
    reason = {t.id: t.reason for t in refs}["sante-mentale"]
    assert reason == "mots-clés : santé mentale ×2, CCOMS, psychiatrie"
    single = vocabulary.themes_of(heading=None, title="Un séminaire",
                                  body="Une seule mention de la psychiatrie.")
    assert "sante-mentale" not in ids(single)


def test_a_title_hit_is_enough_and_plurals_fold():
    refs = load_themes().themes_of(heading=None, title="CONTRE LA GENTRIFICATION",
                                   body="Un livre.")
    assert "gentrification-mixite" in ids(refs)
    plural = load_themes().themes_of(heading=None, title="Les épiceries sociales",
                                     body="Rien d'autre.")
    assert "alimentation" in ids(plural)


def test_background_phrases_alone_support_nothing():
    body = ("La politique de la ville dans les quartiers prioritaires et les quartiers "
            "populaires : la politique de la ville encore.")
    refs = load_themes().themes_of(heading=None, title="Un titre", body=body)
    assert "pilotage-politique-ville" not in ids(refs)


def test_documentalist_vocabulary_is_read_from_tsv():
    vocabulary = ThemeVocabulary(parse_themes(
        "id\tlabel\tparent\tkeywords\tacronyms\n"
        "velo\tVélo\t\tvélo;piste cyclable\tFUB\n"
    ))
    refs = vocabulary.themes_of(heading=None, title="Une piste cyclable", body="")
    assert [(t.id, t.reason) for t in refs] == [("velo", "mots-clés : piste cyclable")]


def test_deterministic_order():
    body = "Le confinement et la continuité pédagogique ; le confinement encore ; l'école."
    first = load_themes().themes_of(heading=None, title="T", body=body)
    assert first == load_themes().themes_of(heading=None, title="T", body=body)
