"""What the organisation finder's passes share while reading one article.

kb.organisations runs its passes (kb.org_passes) most trusted first; each one claims the
spans it reads, so a later, less trusted pass never reads the same words again. This
state holds those claims, the organisations found so far (one per name, or per acronym)
and the three steps every pass uses: `overlaps`, `resolve`, `add`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.authority import OrganisationVocabulary
from kb.entity_words import GENERIC_WORDS, NON_ORG_HEADS
from kb.models import Mention, OrganisationRef
from kb.nlp import MaskedText, fold
from kb.org_names import NameCandidate
from kb.org_patterns import DEPARTEMENT_NUMBER_AFTER_RE, NOT_BODIES
from kb.org_spans import _first_key, clean_name, lookup_structure


@dataclass(frozen=True, slots=True)
class FoundOrganisation:
    ref: OrganisationRef
    mentions: tuple[Mention, ...]
    source: str  # "known", "phrase", "ner"


@dataclass(slots=True)
class Finding:
    """One article's reading in progress; `excluded_spans` are places already linked."""

    masked: MaskedText
    vocabulary: OrganisationVocabulary
    theme_phrases: frozenset[str]
    excluded_spans: Sequence[tuple[int, int]]
    claimed: list[tuple[int, int]] = field(default_factory=list)
    found: dict[str, list[Mention]] = field(default_factory=dict)
    refs: dict[str, OrganisationRef] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    # Acronyms the text defines ("… (ADEME)"), with the body each one names.
    defined: dict[str, OrganisationRef] = field(default_factory=dict)

    def overlaps(self, start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in self.claimed)

    def add(self, ref: OrganisationRef | None, start: int, end: int, source: str) -> None:
        masked, found, refs, sources = self.masked, self.found, self.refs, self.sources
        if ref is None or fold(ref.name) in NOT_BODIES or "|" in ref.name:
            return  # a table's cells are no one name
        number = DEPARTEMENT_NUMBER_AFTER_RE.match(masked.text, end)
        if number and not ref.acronym and not ref.name.endswith(number.group().strip()):
            end = number.end()
            ref = OrganisationRef(f"{ref.name} {number.group().strip()}")
        key = ref.acronym if ref.acronym and ref.acronym in refs else ref.name
        if ref.acronym:
            # One organisation per acronym, whichever reading met it first.
            for name, known_ref in refs.items():
                if known_ref.acronym == ref.acronym:
                    key = name
        found.setdefault(key, []).append(
            Mention("ORG", masked.original[start:end], start, end, key))
        refs.setdefault(key, ref)
        sources.setdefault(key, source)
        self.claimed.append((start, end))

    def resolve(self, name: str, acronym: str | None = None) -> OrganisationRef | None:
        vocabulary = self.vocabulary
        entry = (vocabulary.by_acronym.get(acronym) if acronym else None) or vocabulary.lookup(
            name) or lookup_structure(vocabulary, clean_name(name))
        if entry and entry.ambiguous and not acronym and clean_name(name) == entry.acronym:
            return None  # a bare ambiguous acronym: the known-names pass has decided
        if entry:
            return OrganisationRef(entry.name, entry.acronym)
        return OrganisationRef(clean_name(name), acronym)

    def acceptable(self, candidate: NameCandidate) -> bool:
        name = clean_name(candidate.name)
        if not name or fold(name) in self.theme_phrases or fold(name) in GENERIC_WORDS:
            return False
        if _first_key(name) in NON_ORG_HEADS or fold(name) in (
                self.vocabulary.non_organisation_names):
            return False
        return not self.masked.touches_mask(candidate.start, candidate.end)

    def results(self) -> list[FoundOrganisation]:
        return [FoundOrganisation(self.refs[name], tuple(mentions), self.sources[name])
                for name, mentions in self.found.items()]
