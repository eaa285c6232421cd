"""Filter values as people type them → the codes the index stores.

`--commune Sarcelles` (accents and case optional, or the INSEE code 95585),
`--departement "Val-d'Oise"` (or 95), `--theme "santé mentale"` (label, id or acronym),
`--tri pertinence`. Nothing that fits gives a French UsageError naming the close matches,
never a silent "0 article".
"""

from __future__ import annotations

import re

from kb.gazetteer import COVERED_DEPARTEMENTS, Commune, load_gazetteer
from kb.textclean import fold
from kbcli.french import UsageError, close_matches

_INSEE_RE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)
_LABEL_CODE_RE = re.compile(r"^(.*?)\s*\((\w{2,3})\)\s*$")  # "Sarcelles (95)", as labels read
_ARTICLES = ("le ", "la ", "les ", "l ")
SORTS = {"pertinence": "relevance", "date": "date", "relevance": "relevance"}


def _key(text: str) -> str:
    folded = fold(text)
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article):]
    return folded


def _suggest(wanted: str, names: dict[str, str], what: str, listing: str) -> UsageError:
    """names: folded key → shown form."""
    found = close_matches(_key(wanted), names)
    if not found:  # a prefix ("Sarcel") is a likelier slip than a distant spelling
        found = [key for key in names if key.startswith(_key(wanted))][:5]
    hint = f" ; vouliez-vous dire : {', '.join(names[k] for k in found)} ?" if found else ""
    return UsageError(f"{what} : « {wanted} »{hint} (liste : {listing})")


def _commune_label(commune: Commune) -> str:
    return f"{commune.name} ({commune.insee})"


def resolve_commune(text: str) -> list[str]:
    """INSEE codes for a name or code. Homonyms outside 78/92/95 count only when no
    commune of the three départements has the name."""
    gazetteer = load_gazetteer()
    wanted = text.strip()
    if _INSEE_RE.match(wanted):
        if gazetteer.get(wanted.upper()) is None:
            raise UsageError(f"code INSEE inconnu : « {wanted} » (liste : kb communes)")
        return [wanted.upper()]
    departement = None
    if match := _LABEL_CODE_RE.match(wanted):
        wanted, departement = match.group(1), match.group(2)
    key = _key(wanted)
    matches = [c for c in gazetteer.communes.values()
               if key in {_key(c.name), *(_key(a) for a in c.aliases)}
               and (departement is None or c.departement == departement)]
    covered = [c for c in matches if c.departement in COVERED_DEPARTEMENTS]
    chosen = covered or matches
    if chosen:
        return sorted(c.insee for c in chosen)
    ours = {_key(c.name): _commune_label(c) for code in COVERED_DEPARTEMENTS
            for c in gazetteer.in_departement(code)}
    raise _suggest(text, ours, "commune inconnue", "kb communes --recherche TEXTE")


def resolve_departement(text: str) -> str:
    gazetteer = load_gazetteer()
    wanted = text.strip()
    if wanted.upper() in gazetteer.departements:
        return wanted.upper()
    names = {_key(name): code for code, name in gazetteer.departements.items()}
    if (code := names.get(_key(wanted))) is not None:
        return code
    shown = {_key(name): f"{name} ({code})" for code, name in gazetteer.departements.items()}
    raise _suggest(text, shown, "département inconnu", "codes 78, 92, 95…")


def resolve_theme(text: str, vocabulary=None) -> str:
    if vocabulary is None:
        from kb.themes import load_themes

        vocabulary = load_themes()
    key = _key(text)
    for theme in vocabulary.themes.values():
        if key in {_key(theme.id), _key(theme.label), *(_key(a) for a in theme.acronyms)}:
            return theme.id
    shown = {_key(t.label): f"{t.label} [{t.id}]" for t in vocabulary.themes.values()}
    shown |= {_key(t.id): f"{t.label} [{t.id}]" for t in vocabulary.themes.values()}
    raise _suggest(text, shown, "thème inconnu", "kb themes")


def resolve_year(text: str) -> str:
    wanted = text.strip()
    if re.fullmatch(r"(?:19|20)\d\d", wanted):
        return wanted
    raise UsageError(f"année invalide : « {text} » (quatre chiffres, par exemple 2021)")


def resolve_sort(text: str) -> str:
    try:
        return SORTS[fold(text)]
    except KeyError:
        raise _suggest(text, {"pertinence": "pertinence", "date": "date"}, "tri inconnu",
                       "pertinence ou date") from None
