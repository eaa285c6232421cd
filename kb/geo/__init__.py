"""Find communes, quartiers prioritaires and départements named in French text.

Works on its own (no spaCy): names are matched as sequences of normalised word tokens,
so hyphen, space and apostrophe variants (`Val-d'Oise`, `Val d’Oise`), missing accents,
`St`/`Ste` and contracted articles (`au Pecq`, `aux Mureaux`) all meet the same key.
The caller may pass spaCy LOC spans as extra evidence and organisation spans to skip.

What needs what (the rules a documentalist can check):
- one commune per name: 78/92/95 first, then the rest of Île-de-France, then population;
- an initial capital in running text; text in capitals only for names of two words or
  more, or a name of Île-de-France that is not a common word;
- more evidence (a LOC span, or `à`, `de`, `d'`, `en`, `sur`… just before) for a one-word
  name outside Île-de-France, and for names that are common words or first names
  (kb/data/common_names.tsv) unless a capital in mid-sentence already says "name";
- a name glued by a hyphen to a bigger word is part of that word (`Cergy-Pontoise`,
  `Paris-Saclay`, the `Yvelines` of `Saint-Quentin-en-Yvelines`): no commune;
- a name inside a run of capitalised words (`École Lumen Bordeaux`, `Marie Beauchamp`) is
  part of another name, unless a LOC span says otherwise;
- a commune outside Île-de-France right after `université de`, `CHU de`… names the
  institution, not the place;
- intercommunalités (Plaine Commune, Est Ensemble, Grand Paris Sud…) and the region are
  organisations or areas, never communes; `Cergy-Pontoise` is read as the agglomeration;
- a quartier needs its commune named in the same text unless its name is distinctive
  (le Val Fourré); a quartier found alone adds its commune.

The package, one job per module (each imports only those above it):

- `tokens`: word tokens, their keys (`fold`, `key_word`) and the span helpers;
- `index`: the gazetteer index of names (`PlaceIndex`, `Entry`, common-word names);
- `context`: the rules that tell a commune from a word, a person, a body, a work or a
  street named after it;
- `areas`: départements and regions named near a name ('(Vienne)', 'dans la Drôme');
- `far`: towns outside the territory and the support the text gives them;
- `matching`: the longest match over the tokens and the choice among homonyms;
- `linker`: `PlaceLinker`, which puts them together.

Every name kb.geo offered as one module is still importable from here.
"""

from __future__ import annotations

# Every name of the former kb/geo.py: the public ones in __all__, the private ones
# (`_common_names`, which kb.organisations imports, and the rest) re-exported as they were.
from kb.geo.areas import (
    AREA_CUES,
    AREA_WINDOW,
    BRACKET_AFTER,
)
from kb.geo.context import (
    BODY_HEADS,
    CAPITALISED_HEADS,
    DEDICATING_HEADS,
    DETERMINERS_BEFORE_TOWN,
    EVENT_YEAR,
    FAR_NAMED_AFTER_HEADS,
    INDEFINITE,
    INSTITUTION_NOUNS,
    NAME_GAP,
    NAME_REACH,
    NAMED_AFTER_HEADS,
    PLACE_LIKE_HEADS,
    SENTENCE_END,
    STREET_NOUNS,
)
from kb.geo.context import _accents_agree as _accents_agree
from kb.geo.context import _acronym_after as _acronym_after
from kb.geo.context import _after_dedication_noun as _after_dedication_noun
from kb.geo.context import _after_first_name as _after_first_name
from kb.geo.context import _capitalised_before as _capitalised_before
from kb.geo.context import _capitalised_name_word as _capitalised_name_word
from kb.geo.context import _dateline as _dateline
from kb.geo.context import _determiner_before as _determiner_before
from kb.geo.context import _first_name_before as _first_name_before
from kb.geo.context import _heads_a_name as _heads_a_name
from kb.geo.context import _inside_proper_name as _inside_proper_name
from kb.geo.context import _names_a_body_of as _names_a_body_of
from kb.geo.context import _names_an_event as _names_an_event
from kb.geo.context import _opens_line as _opens_line
from kb.geo.context import _preposition_before as _preposition_before
from kb.geo.context import _sentence_initial as _sentence_initial
from kb.geo.context import _street_named_after as _street_named_after
from kb.geo.far import (
    DATELINE_WORDS,
    ESTATE_BEFORE_RE,
    ONE_QUARTIER_BEFORE_RE,
    QUARTIER_BEFORE_RE,
)
from kb.geo.far import _departement_written as _departement_written
from kb.geo.far import _named_like_a_person as _named_like_a_person
from kb.geo.far import _paragraph as _paragraph
from kb.geo.far import _quoted_only as _quoted_only
from kb.geo.index import (
    BIG_TOWN,
    CITY,
    Entry,
    area_names,
)
from kb.geo.index import _common_names as _common_names
from kb.geo.index import _Hit as _Hit
from kb.geo.index import _tier as _tier
from kb.geo.linker import (
    DEPARTEMENT_CODES,
    PlaceLinker,
)
from kb.geo.matching import (
    APPOSITION_WORDS,
    LIST_SEPARATOR,
    NUMBER_WORDS,
)
from kb.geo.tokens import (
    ARTICLES,
    BLOCK,
    COMMUNE,
    CONTRACTIONS,
    DEPARTEMENT,
    FUNCTION_WORDS,
    HYPHENS,
    JOINER,
    MASKED,
    PREPOSITIONS,
    QUARTIER,
    WORD,
    Token,
    fold,
    key_word,
)
from kb.geo.tokens import _glued as _glued
from kb.geo.tokens import _hyphen_before as _hyphen_before
from kb.geo.tokens import _inside as _inside
from kb.geo.tokens import _joined as _joined
from kb.geo.tokens import _overlaps as _overlaps
from kb.geo.tokens import _overlaps_exactly as _overlaps_exactly
from kb.geo.tokens import _words as _words

__all__ = [
    "APPOSITION_WORDS",
    "AREA_CUES",
    "AREA_WINDOW",
    "ARTICLES",
    "BIG_TOWN",
    "BLOCK",
    "BODY_HEADS",
    "BRACKET_AFTER",
    "CAPITALISED_HEADS",
    "CITY",
    "COMMUNE",
    "CONTRACTIONS",
    "DATELINE_WORDS",
    "DEDICATING_HEADS",
    "DEPARTEMENT",
    "DEPARTEMENT_CODES",
    "DETERMINERS_BEFORE_TOWN",
    "ESTATE_BEFORE_RE",
    "EVENT_YEAR",
    "FAR_NAMED_AFTER_HEADS",
    "FUNCTION_WORDS",
    "HYPHENS",
    "INDEFINITE",
    "INSTITUTION_NOUNS",
    "JOINER",
    "LIST_SEPARATOR",
    "MASKED",
    "NAMED_AFTER_HEADS",
    "NAME_GAP",
    "NAME_REACH",
    "NUMBER_WORDS",
    "ONE_QUARTIER_BEFORE_RE",
    "PLACE_LIKE_HEADS",
    "PREPOSITIONS",
    "QUARTIER",
    "QUARTIER_BEFORE_RE",
    "SENTENCE_END",
    "STREET_NOUNS",
    "WORD",
    "Entry",
    "PlaceLinker",
    "Token",
    "area_names",
    "fold",
    "key_word",
]
