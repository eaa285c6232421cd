"""Towns outside the territory and their support: a writer of the ouest francilien means
a place elsewhere in France only when the text says so (its département, a big town, not a
title, not a quartier of the territory named like it, not a namesake abroad).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kb.abroad import names_country, namesake_abroad, written_abroad
from kb.entity_words import after_work_noun, is_first_name
from kb.gazetteer import COVERED_DEPARTEMENTS
from kb.geo.areas import AreaReader
from kb.geo.index import BIG_TOWN, _tier
from kb.geo.tokens import COMMUNE, FUNCTION_WORDS, WORD, Token, _words, fold, key_word
from kb.models import Mention
from kb.textclean import strip_accents

# "les quartiers de X", "quartiers de X, de Y et de Z": the names of quartiers.
QUARTIER_BEFORE_RE = re.compile(
    r"(?<![\w-])quartiers?[ \u00a0]+(?:(?:de|du|des|d['’])[ \u00a0]*)?"
    r"(?:[^.;:!?\n]{0,60}?(?:,|[ \u00a0]et)[ \u00a0]+(?:(?:de|du|d['’])[ \u00a0]*)?)?$",
    re.IGNORECASE)
# "le quartier de Montreuil", "au quartier des Champeaux": one quartier, by its name.
ONE_QUARTIER_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:le|du|au|ce)[ \u00a0]+quartier[ \u00a0]+(?:de|du|des|d['’])[ \u00a0]*$",
    re.IGNORECASE)
# "la cité Beauregard", "la résidence des Tilleuls", "le lotissement du Moulin": a housing
# estate, named like a town elsewhere. Not after a bare "de" ("la cité de Carcassonne").
ESTATE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:la|le|les|une|un|du|de|à|au|aux|dans)[ \u00a0]+(?:l['’])?"
    r"(?:(?:cités?|résidences?)(?:[ \u00a0]+(?:des|du|de[ \u00a0]+la|de[ \u00a0]+l['’]))?"
    r"|(?:lotissements?|îlots?)(?:[ \u00a0]+(?:de|des|du|de[ \u00a0]+la|de[ \u00a0]+l['’]))?)"
    r"[ \u00a0]*$", re.IGNORECASE)


class FarTowns(AreaReader):
    """Which communes outside Île-de-France the text backs up."""

    def _short_forms(self, mentions: list[Mention]) -> list[Mention]:
        """'Saint-Ouen' in a text on Saint-Ouen-l'Aumône: the short form of a commune of
        the territory the text names in full, not the town elsewhere of that name."""
        full = [(fold(c.name), c.insee) for m in mentions if m.label == COMMUNE
                and (c := self.gazetteer.get(m.ref)) and c.departement in COVERED_DEPARTEMENTS]
        if not full:
            return mentions
        shortened = []
        for mention in mentions:
            commune = self.gazetteer.get(mention.ref) if mention.label == COMMUNE else None
            if commune is not None and commune.departement not in COVERED_DEPARTEMENTS:
                short = fold(mention.text)
                owners = {insee for name, insee in full if name.startswith(short + "-")}
                if len(owners) == 1:
                    mention = replace(mention, ref=owners.pop())
            shortened.append(mention)
        return shortened

    def _covered_earlier_in_sentence(self, text: str, mention: Mention,
                                     mentions: Sequence[Mention]) -> bool:
        """A commune of the territory named before `mention` in its sentence."""
        opening = max(text.rfind(mark, 0, mention.start) for mark in ".!?\n") + 1
        for other in mentions:
            commune = self.gazetteer.get(other.ref) if other.label == COMMUNE else None
            if commune is not None and commune.departement in COVERED_DEPARTEMENTS \
                    and opening <= other.start < mention.start:
                return True
        return False

    def _names_a_quartier(self, text: str, mention: Mention,
                          mentions: Sequence[Mention]) -> bool:
        """'le quartier de Montreuil', 'le quartier des Champeaux', 'la cité Beauregard':
        the name of one quartier or housing estate; 'les quartiers de Montreuil et de
        Saint-Louis, à Versailles': quartiers of the territory's commune, named like towns
        elsewhere ('les quartiers de Marseille' alone stays the town)."""
        before = text[max(0, mention.start - 80):mention.start]
        if ONE_QUARTIER_BEFORE_RE.search(before) or ESTATE_BEFORE_RE.search(before):
            return True
        return bool(QUARTIER_BEFORE_RE.search(before)) and \
            self._covered_earlier_in_sentence(text, mention, mentions)

    def _unsupported_far_communes(self, text: str, tokens: list[Token],
                                  mentions: list[Mention]) -> list[Mention]:
        """Communes outside Île-de-France the text does not back up. A writer of the
        ouest francilien means a place elsewhere in France only when it says so: the
        commune's département (name or code) in brackets after it or named in the text,
        or a town big enough to be meant on its own. Otherwise the name is an ordinary
        word, a quartier, or a piece of another name (a company's, say)."""
        plain = strip_accents(text)
        far = [m for m in mentions if m.label == COMMUNE and (c := self.gazetteer.get(m.ref))
               and c.departement not in COVERED_DEPARTEMENTS]
        # 'Saint-Louis du Sénégal', 'le quartier des Champeaux': once set abroad or read
        # as a quartier, the same name is so all along, where the text does not place it.
        set_elsewhere = [m for m in far if written_abroad(text, m.start, m.end)
                         or self._names_a_quartier(text, m, mentions)]
        elsewhere = {fold(m.text) for m in set_elsewhere}
        unsupported = []
        for mention in far:
            commune = self.gazetteer.get(mention.ref)
            if mention in set_elsewhere or _quoted_only(text, mention, mentions):
                unsupported.append(mention)
                continue
            placed = self._placed(text, tokens, mention, commune)
            if fold(mention.text) in elsewhere and not placed:
                unsupported.append(mention)
                continue
            if _tier(commune.departement) < 2:
                continue
            # 'Laval' beside 'Canada' in its paragraph, or bare while Laval in Québec is
            # eight times the French one: the text must place it in France.
            namesake = namesake_abroad(mention.text)
            if namesake and not placed and names_country(
                    _paragraph(text, mention.start), namesake.country):
                unsupported.append(mention)
                continue
            if (commune.population or 0) >= BIG_TOWN and not _named_like_a_person(commune) \
                    and not (namesake and namesake.dwarfs(commune.population or 0)):
                continue
            if placed or _departement_written(
                    plain, self.gazetteer.departements.get(commune.departement, "")):
                continue
            unsupported.append(mention)
        return unsupported


def _paragraph(text: str, offset: int) -> str:
    """The paragraph (between blank lines) holding `offset`."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 1 if start >= 0 else 0:end if end >= 0 else len(text)]


def _departement_written(plain: str, name: str) -> bool:
    """The département's own name in the text (accents off), capitalised as a name and
    standing alone, never after 'd'': 'Oise' in 'Val d'Oise', 'cher' in 'coûte cher' or
    'nord' in 'au nord' name nothing."""
    if not name:
        return False
    pattern = rf"(?<![\w-])(?<![dD]['’]){re.escape(strip_accents(name))}(?![\w-])"
    return re.search(pattern, plain) is not None


DATELINE_WORDS = 4  # words after 'Place,' that make a quoted line a headline, not a title


def _quoted_only(text: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """« Retour à Reims », « Paris, Texas »: inside the guillemets of a title, and named
    nowhere else in the text."""
    def opening(m: Mention) -> int | None:
        """Where the guillemets holding the mention open, if any."""
        start = text.rfind("«", 0, m.start)
        return start if start > text.rfind("»", 0, m.start) else None

    def quoted(m: Mention) -> bool:
        if (start := opening(m)) is None:
            return False
        if after_work_noun(text, start + 1):
            return True  # 'le spectacle « Nantes, quai de la Fosse »': a work's title
        # « À Sarcelles, les médiateurs… », « Roubaix, laboratoire de la démocratie
        # alimentaire »: a press headline opening on its place says where, as a dateline
        # does. A work's title is short (« Paris, Texas », « Roubaix, une lumière »).
        lead = text[start + 1:m.start]
        closing = text.find("»", m.end)
        rest = text[m.end:closing if closing >= 0 else m.end]
        return not (
            (re.fullmatch(r"[\s*_]*[Àà]\s+", lead) and rest[:1] == ",")
            or (re.fullmatch(r"[\s*_]*", lead) and re.match(r"[\s*_]*[,:]", rest)
                and len(WORD.findall(rest)) >= DATELINE_WORDS))
    titles = [strip_accents(t).lower() for t in re.findall(r"«\s*([^«»\n]{3,80}?)\s*»", text)]

    def a_title_again(m: Mention) -> bool:
        """'Sens dessus dessous, soutenu par…' after « Sens dessus dessous »: the work's
        title written again without its guillemets."""
        after = strip_accents(text[m.start:m.start + 80]).lower()
        return opening(m) is None and any(
            len(title) > len(m.text) + 3 and after.startswith(title) for title in titles)
    return all(quoted(m) or a_title_again(m) for m in mentions if m.ref == mention.ref)


def _named_like_a_person(commune) -> bool:
    """'Le François' (Martinique): one content word, a first name. A town of that size
    named alone is not meant without its département."""
    content = [w for w in _words(commune.name) if key_word(w) not in FUNCTION_WORDS]
    return len(content) == 1 and is_first_name(content[0])
