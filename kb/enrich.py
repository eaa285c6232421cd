"""Articles → EnrichedArticles: communes, quartiers, départements, organisations,
people and themes, each under one canonical name, with the mentions they came from.

One `Enricher` holds what is costly to build (spaCy model, place linker,
vocabularies); `enrich_all` builds one per call and the spaCy model itself is cached
per process (kb.nlp.load_nlp). Per article:

1. clean text = title, heading, lead, body; masked (URLs, e-mails, phones, inclusive
   suffixes, lines in capitals) without moving any offset;
2. NER once per article, all articles batched through `nlp.pipe`;
3. themes (needed to accept ambiguous acronyms such as ML or PE);
4. places by the PlaceLinker, with spaCy LOC spans as extra evidence;
5. organisations (known names may contain a place: "Val d'Oise Habitat" drops the
   département mention inside it), then people, excluding spans already explained;
6. the documentalist's overrides, last, so they always win.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kb.authority import load_vocabulary
from kb.entity_words import ACRONYM_WORDS
from kb.geo import PlaceLinker
from kb.models import (
    Article,
    CommuneRef,
    EnrichedArticle,
    Mention,
    OrganisationRef,
    PersonRef,
    ThemeRef,
)
from kb.nlp import Entity, MaskedText, entities, fold, mask
from kb.organisations import (
    GENERIC_WORDS,
    clean_name,
    find_organisations,
    lookup_structure,
)
from kb.overrides import Overrides, load_overrides
from kb.people import find_people
from kb.themes import load_themes

PLACE_LABELS = ("COMMUNE", "QUARTIER", "DEPARTEMENT")


PART_SEPARATOR = "\n\n"


def article_text(article: Article) -> str:
    """What enrichment reads. The rubric's detail comes last ("< Journée d'étude, 12 juin,
    Nanterre >" says where the event is), after the parts whose offsets it keeps."""
    parts = (article.title, article.heading, article.lead, article.text, article.kind_detail)
    return PART_SEPARATOR.join(part for part in parts if part)


def heading_span(article: Article) -> tuple[int, int] | None:
    """Where the heading (the theme or commune line above the title) stands in
    article_text, which puts it right after the title."""
    if not article.heading:
        return None
    start = len(article.title) + len(PART_SEPARATOR) if article.title else 0
    return start, start + len(article.heading)


def _overlaps(a: Mention | tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    start, end = (a.start, a.end) if isinstance(a, Mention) else a
    return any(start < s_end and s_start < end for s_start, s_end in spans)


@cache
def shared_place_linker() -> PlaceLinker:
    """Built once per process (~0.3 s): every Enricher reads the same immutable tables."""
    from kb.gazetteer import load_gazetteer

    return PlaceLinker(load_gazetteer())


@dataclass
class Enricher:
    overrides: Overrides

    def __post_init__(self) -> None:
        self.linker = shared_place_linker()
        self.gazetteer = self.linker.gazetteer
        self.organisations = load_vocabulary()
        self.themes = load_themes()
        self.theme_phrases = self.themes.folded_phrases()
        # Kept in capitals when a line in capitals is set in sentence case, except those
        # that are words too: "DIX ANS", "FACE À LA CRISE" are years and a preposition.
        self.keep_acronyms = frozenset(
            a for a in [*(a for k in self.organisations.known for a in k.acronyms),
                        *self.organisations.non_organisation_acronyms]
            if fold(a) not in ACRONYM_WORDS)

    @classmethod
    def create(cls, overrides: str | None = None) -> Enricher:
        return cls(load_overrides(overrides))

    def prepare(self, article: Article) -> MaskedText:
        return mask(article_text(article), self.keep_acronyms, titled=True)

    def enrich(self, articles: Sequence[Article], *, n_process: int = 1) -> list[EnrichedArticle]:
        prepared = [self.prepare(article) for article in articles]
        found = entities([m.text for m in prepared], n_process=n_process)
        return [self.enrich_one(a, m, e) for a, m, e in zip(articles, prepared, found, strict=True)]

    def link_places(self, text: str, loc_spans: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        return list(self.linker.link(text, loc_spans))

    def enrich_one(
        self, article: Article, masked: MaskedText, ner: Sequence[Entity]
    ) -> EnrichedArticle:
        body = "\n\n".join(p for p in (article.lead, article.text) if p)
        themes = self.apply_theme_overrides(
            self.themes.themes_of(heading=article.heading, title=article.title, body=body),
            masked.original,
        )

        loc_spans = [(e.start, e.end) for e in ner if e.label == "LOC"]
        places = [m for m in self.link_places(masked.with_capitals(), loc_spans)
                  if m.label in PLACE_LABELS and not masked.touches_mask(m.start, m.end)]
        places = self.apply_place_overrides(places, masked.original)

        orgs = find_organisations(
            masked, ner, self.organisations,
            themes=[t.id for t in themes], theme_phrases=self.theme_phrases,
            excluded_spans=[(m.start, m.end) for m in places],
        )
        # A theme or commune line above the title names a theme or places, no body
        # ("Économie Sociale et Solidaire"), unless the body is a known one.
        if (line := heading_span(article)) is not None:
            orgs = [o for o in orgs if o.source == "known" or any(
                not (line[0] <= m.start and m.end <= line[1]) for m in o.mentions)]
        named_org_spans = [(m.start, m.end) for o in orgs if o.source != "ner"
                           for m in o.mentions]
        # A place inside an organisation's name is the organisation's ("Presses
        # universitaires de Rennes", "centre hospitalier de Chambly", "la Mission locale de
        # Sarcelles"): the commune is named where the text says the place itself.
        places = [m for m in places if not _overlaps(m, named_org_spans)]
        org_spans = [(m.start, m.end) for o in orgs for m in o.mentions]

        people = find_people(
            masked, ner, self.organisations, self.link_places,
            contacts=article.contacts, names_a_place=self.linker.names_a_place,
            # A list rubric ("Mouvements", "Ils et elles changent de poste"): its items
            # are records "Name, role, place".
            is_list=bool(article.items) or fold(article.kind or article.title) == "mouvements",
            excluded_spans=[(m.start, m.end) for m in places] + org_spans,
        )

        # A place inside a person's name is the person's ("Guillaume de SAINT-AUBIN").
        person_spans = [(m.start, m.end) for p in people for m in p.mentions]
        places = [m for m in places if not any(
            start <= m.start and m.end <= end and (start, end) != (m.start, m.end)
            for start, end in person_spans)]

        org_refs = [o.ref for o in orgs] + self.organisations_of_people(people, orgs)
        organisations = self.apply_name_overrides(
            "organisation", org_refs, masked.original,
            lambda name: OrganisationRef(name))
        persons = self.apply_name_overrides(
            "person", [p.ref for p in people], masked.original, lambda name: PersonRef(name))

        communes = self.communes_of(places)
        departements = sorted(
            {c.departement for c in communes}
            | {m.ref for m in places if m.label == "DEPARTEMENT"}
        )
        quartiers = tuple(dict.fromkeys(m.ref for m in places if m.label == "QUARTIER"))
        mentions = sorted(
            [*places, *(m for o in orgs for m in o.mentions),
             *(m for p in people for m in p.mentions)],
            key=lambda m: (m.start, m.end),
        )
        return EnrichedArticle(
            article=article,
            communes=tuple(communes),
            departements=tuple(departements),
            quartiers=quartiers,
            organisations=tuple(organisations),
            people=tuple(persons),
            themes=tuple(themes),
            mentions=tuple(mentions),
        )

    def organisations_of_people(self, people, orgs) -> list[OrganisationRef]:
        """'Sophie Tran, directrice, Hauts-de-Seine Habitat': the organisation of a
        Mouvements line is one of the article's organisations, unless a body already
        found is named inside it ('DIRECCTE Île-de-France' is the DIRECCTE)."""
        found: list[OrganisationRef] = []
        known = [fold(part) for o in orgs for part in (o.ref.name, o.ref.acronym) if part]
        for person in people:
            piece = person.ref.organisation
            if not piece or not piece[:1].isupper() or any(c.isdigit() for c in piece):
                continue
            folded = fold(piece)
            if any(k in folded for k in known) or fold(piece.split()[0]) in GENERIC_WORDS:
                continue
            entry = lookup_structure(self.organisations, piece)
            ref = OrganisationRef(entry.name, entry.acronym) if entry else OrganisationRef(
                clean_name(piece))
            if ref not in found:
                found.append(ref)
                known.append(fold(ref.name))
        return found

    def communes_of(self, places: Sequence[Mention]) -> list[CommuneRef]:
        seen: dict[str, CommuneRef] = {}
        for mention in places:
            if mention.label == "COMMUNE" and mention.ref not in seen:
                seen[mention.ref] = self.gazetteer.ref(mention.ref)
        return list(seen.values())

    # -- documentalist overrides ------------------------------------------------------

    def apply_place_overrides(self, places: list[Mention], text: str) -> list[Mention]:
        kept = [m for m in places if not (
            m.label == "COMMUNE"
            and (self.overrides.ignored("commune", m.text)
                 or self.overrides.ignored("commune", m.ref))
        )]
        for rule, start, end in self.overrides.aliases_in("commune", text):
            if self.gazetteer.get(rule.target) and not _overlaps((start, end),
                                                                 [(m.start, m.end) for m in kept]):
                kept.append(Mention("COMMUNE", text[start:end], start, end, rule.target))
        return sorted(kept, key=lambda m: (m.start, m.end))

    def apply_name_overrides(self, kind, refs, text, make):
        result: dict[str, object] = {}
        for ref in refs:
            if self.overrides.ignored(kind, ref.name) or (
                    getattr(ref, "acronym", None) and self.overrides.ignored(kind, ref.acronym)):
                continue
            name = self.overrides.canonical(kind, ref.name)
            renamed = ref if name == ref.name else type(ref)(name, *_rest(ref))
            result.setdefault(name, renamed)
        for rule, _start, _end in self.overrides.aliases_in(kind, text):
            result.setdefault(rule.target, make(rule.target))
        return list(result.values())

    def apply_theme_overrides(self, themes: list[ThemeRef], text: str) -> list[ThemeRef]:
        kept = [t for t in themes if not (self.overrides.ignored("theme", t.id)
                                          or self.overrides.ignored("theme", t.label))]
        present = {t.id for t in kept}
        for rule, _start, _end in self.overrides.aliases_in("theme", text):
            theme = self.themes.themes.get(rule.target)
            if theme and theme.id not in present:
                kept.append(ThemeRef(theme.id, theme.label, f"correction : {rule.text}"))
                present.add(theme.id)
        return kept


def _rest(ref: OrganisationRef | PersonRef) -> tuple:
    if isinstance(ref, OrganisationRef):
        return (ref.acronym,)
    return (ref.role, ref.communes, ref.organisation, ref.email)


def enrich_all(
    articles: Sequence[Article], *, n_process: int = 1, overrides: str | None = None,
    warm_up: bool = False,
) -> list[EnrichedArticle]:
    """Enrich a batch of articles (spaCy loaded once per process). `warm_up` builds what
    every call shares (model, place linker, vocabularies) even for no article: `kb
    reindex` does so before forking its sandboxes, which then share them."""
    if not articles and not warm_up:
        return []
    return Enricher.create(overrides).enrich(articles, n_process=n_process)
