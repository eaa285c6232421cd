"""The place linker: one pass over a text gives its communes, quartiers and départements."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kb.gazetteer import ILE_DE_FRANCE
from kb.geo.context import _names_an_event
from kb.geo.far import FarTowns
from kb.geo.index import Entry, _Hit
from kb.geo.matching import Matcher
from kb.geo.tokens import (
    COMMUNE,
    DEPARTEMENT,
    FUNCTION_WORDS,
    MASKED,
    QUARTIER,
    WORD,
    Token,
    _glued,
    _inside,
    _overlaps,
    key_word,
)
from kb.models import Mention, quartier_parts

DEPARTEMENT_CODES = re.compile(r"\(\s*(\d{2}(?:\s*[,;/]\s*\d{2})*)\s*\)")


class PlaceLinker(Matcher, FarTowns):
    """Communes, quartiers and départements named in a text (the rules: see kb.geo)."""

    # -- public -------------------------------------------------------------------------

    def link(
        self,
        text: str,
        loc_spans: Sequence[tuple[int, int]] = (),
        exclude_spans: Sequence[tuple[int, int]] = (),
    ) -> list[Mention]:
        masked = [m.span() for m in MASKED.finditer(text)]
        tokens = [
            Token(m.start(), m.end(), m.group(), key_word(m.group()))
            for m in WORD.finditer(text)
            if not _inside(m.start(), m.end(), masked)
        ]
        hits = self._scan(text, tokens, loc_spans)
        mentions: list[Mention] = []
        pending_quartiers: list[tuple[_Hit, list[Entry]]] = []
        for hit, candidates, chosen in hits:
            quartiers = [e for e in candidates if e.kind == QUARTIER]
            if chosen is not None:
                mentions.append(self._mention(text, tokens, hit.first, hit.last, chosen))
            elif quartiers:
                pending_quartiers.append((hit, quartiers))
        mentions.extend(self._gentile_mentions(text, tokens, hits))
        mentions.extend(self._code_mentions(text, masked))
        present = {m.ref for m in mentions if m.label == COMMUNE}
        for hit, quartiers in pending_quartiers:
            mentions.extend(self._quartier_mentions(text, tokens, hit, quartiers, present))
        kept = [m for m in mentions if not _overlaps(m.start, m.end, exclude_spans)
                and not (m.label == COMMUNE and _names_an_event(text, m.end))]
        kept = self._short_forms(kept)
        unsupported = self._unsupported_far_communes(text, tokens, kept)
        return sorted((m for m in kept if m not in unsupported), key=lambda m: (m.start, m.label))

    def _mention(self, text, tokens, first, last, entry: Entry) -> Mention:
        start, end = tokens[first].start, tokens[last - 1].end
        return Mention(label=entry.kind, text=text[start:end], start=start, end=end,
                       ref=entry.ref)

    def _quartier_mentions(self, text, tokens, hit, quartiers, present) -> list[Mention]:
        span = tokens[hit.first:hit.last]
        start, end = span[0].start, span[-1].end
        if _glued(text, start, end):
            return []
        content = [t for t in span if t.key not in FUNCTION_WORDS]
        if not content or not (content[0].capitalised):
            return []
        if all(t.all_caps for t in content) and len(content) < 2:
            return []
        with_commune = [q for q in quartiers if quartier_parts(q.ref)[0] in present]
        if with_commune:
            chosen = with_commune[0]
        else:
            distinctive = {quartier_parts(q.ref)[0] for q in quartiers if q.population}
            if len(distinctive) != 1:
                return []
            chosen = next(q for q in quartiers if q.population)
        mention = Mention(QUARTIER, text[start:end], start, end, chosen.ref)
        insee = quartier_parts(chosen.ref)[0]
        if insee in present:
            return [mention]
        present.add(insee)
        return [mention, Mention(COMMUNE, text[start:end], start, end, insee)]

    def _gentile_mentions(self, text, tokens, hits) -> Iterable[Mention]:
        taken = {i for hit, _, _ in hits for i in range(hit.first, hit.last)}
        for index, token in enumerate(tokens):
            if index in taken or not token.capitalised or len(token.key) < 6:
                continue
            for stem, insee in self._gentiles:
                if token.key.startswith(stem) and token.key[len(stem):] in (
                    "", "e", "es", "s", "ne", "nes", "nne", "nnes"
                ):
                    yield Mention(COMMUNE, token.raw, token.start, token.end, insee)
                    break

    def _code_mentions(self, text, masked) -> Iterable[Mention]:
        """'(95)', '(77, 91, 94)': département codes of Île-de-France in brackets."""
        for match in DEPARTEMENT_CODES.finditer(text):
            if _inside(match.start(), match.end(), masked):
                continue
            codes = list(re.finditer(r"\d{2}", match.group(1)))
            if not all(c.group() in ILE_DE_FRANCE for c in codes):
                continue
            for code in codes:
                start = match.start(1) + code.start()
                yield Mention(DEPARTEMENT, code.group(), start, start + 2, code.group())
