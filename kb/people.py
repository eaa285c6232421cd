"""People named by an article, with role, communes, organisation and e-mail when given.

Three readings, most structured first:
1. *Mouvements* lines — "**Carl Garcia**, délégué du Préfet, Nanterre": name, then the
   role, then pieces that are communes (linked by the place linker) or an organisation;
2. contacts — "Lisa Mouawad, gup@ville-persan.fr" (Article.contacts, or a
   "Contact :" line left in the text);
3. spaCy PER spans that look like a person: 2 to 4 capitalised words, not a
   company or organisation we know (Bpifrance, Clef Job), not a place the linker
   found (Villiers-le-Bel, Val-Fourré), not an inclusive-writing word, not a heading
   in capitals, not starting with a role or generic word ("Mission Jeunesse").

Canonical name: "Firstname Lastname", with a surname printed in capitals
("LAURENT Marie", "Marie LAURENT") turned into "Marie Laurent".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from kb.authority import OrganisationVocabulary
from kb.entity_words import (
    DEDICATION_NOUNS,
    NAME_PART,
    PARTICLES,
    TITLE_WORDS,
    first_name_before,
    is_french_word,
    looks_like_person,
    opens_on_first_name,
    person_after_leading_word,
)
from kb.models import Mention, PersonRef
from kb.nlp import EMAIL_RE, Entity, MaskedText, fold
from kb.org_names import BOOK_LINE_RE

PlaceLinkFn = Callable[[str], Sequence[Mention]]
# Particles written in lower case inside a name ("Inês Ferreira da Silva"); the others
# take a capital ("Nour El Haddad", "Farid Ben Salah").
LOWER_PARTICLES = frozenset({"de", "du", "des", "d'", "da", "do", "dos", "das", "del", "di",
                             "van", "von", "der", "den", "ter"})

# "Mme Inès Boudjemaa", "M. Ousmane Keita": the title says person, the name follows it.
HONORIFIC_RE = re.compile(r"^(?:M\.|Mme|Mlle|Madame|Monsieur|Mr\.?)\s+")
MOUVEMENT_RE = re.compile(
    r"^\s*[-–•*]?\s*\*\*(?P<name>[^*]+?)\*\*\s*[,:–-]\s*(?P<rest>.+?)\s*$"
)
PLAIN_MOUVEMENT_RE = re.compile(r"^\s*[-–•]\s*(?P<name>[^,]{3,60}?)\s*,\s*(?P<rest>.+?)\s*$")
BARE_MOUVEMENT_RE = re.compile(r"^\s*(?P<name>[^,]{3,60}?)\s*,\s*(?P<rest>.+?)\s*$")
# "- Déléguée du préfet, Gennevilliers : **TRAORÉ Mariam**": the post first, the name last.
NAME_LAST_MOUVEMENT_RE = re.compile(
    r"^\s*[-–•*]?\s*(?P<rest>[^:*]+?)\s*:\s*(?:\*\*(?P<name>[^*]{3,60}?)\*\*"
    r"|(?P<plain>[^,:*]{3,60}?))\s*\.?\s*$")
# "avenue Pasteur", "lycée Jean-Jaurès": the words before a name.
DEDICATED_BEFORE_RE = re.compile(
    r"(?P<noun>[^\W\d_][\w-]*)\s+(?:(?:du|de\s+la|de|des|d['’])\s*)?$")
# "la ministre déléguée chargée de la Ville, Prénom Nom", "le maire de X, Prénom Nom",
# "la députée Prénom Nom": a title, at most a short complement, then the name.
WORD_RE = re.compile(r"(?<![\w-])[^\W\d_][\w-]*")
TITLED_NAME_RE = re.compile(
    r"(?P<complement>[^.;:!?\n«»()]{0,70}?)(?:,[ \t\u00a0]*|[ \t\u00a0]+)"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]+(?:[ \t\u00a0]+(?:de[ \t\u00a0]+|d['’]|le[ \t\u00a0]+"
    r"|la[ \t\u00a0]+)?[A-ZÀ-Ý][\w'’-]+){1,2})(?![\w'’-])")  # one line: no name runs over
CONTACT_LINE_RE = re.compile(r"(?im)^\s*contacts?\s*:\s*(?P<rest>.+)$")
_PARTICLE_WORDS = "|".join(sorted((p for p in PARTICLES if p.isalpha()), key=len, reverse=True))
# A known first name, then a surname (with its particle): "Édith Lambert-Moreau",
# "Nadège LEFEBVRE", "Farid Ben Salah". Lengths bounded: linear on any input.
FIRST_NAME_LED_RE = re.compile(
    rf"(?<![\w'’-])(?P<first>{NAME_PART}(?:-{NAME_PART})?)\s+"
    rf"(?P<last>(?:(?i:{_PARTICLE_WORDS})\s+|d['’])?"
    rf"(?:{NAME_PART}(?:-{NAME_PART}){{0,2}}|[A-ZÀ-Ý]{{2,30}}(?:-[A-ZÀ-Ý]{{2,30}})?))"
    rf"(?![\w'’-])")


@dataclass(frozen=True, slots=True)
class FoundPerson:
    ref: PersonRef
    mentions: tuple[Mention, ...]


def _cap(word: str) -> str:
    """'LAMBERT-MOREAU' → 'Lambert-Moreau', "D'ARVILLE" → "D'Arville"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[:1].upper() + m.group()[1:].lower(), word)


def canonical_person_name(text: str) -> str:
    words = [w for w in re.split(r"\s+", text.strip(" ,.;:*«»\"")) if w]
    if not words:
        return ""
    # "d'ARCY-KABORÉ" → "d'Arcy-Kaboré": the elided particle keeps its case.
    words = [w[:2] + _cap(w[2:]) if re.match(r"d['’]", w) and w[2:].isupper() else w
             for w in words]
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if upper and len(upper) < len(words) and words[0].isupper():
        # "LAURENT Marie": surname first in capitals → "Marie Laurent".
        surname = [w for w in words if w.isupper()]
        given = [w for w in words if not w.isupper()]
        words = given + surname
    # A particle set in capitals with the surname takes the case it has in running text
    # ("FERREIRA DA SILVA" → "Ferreira da Silva", "EL HADDAD" → "El Haddad").
    return " ".join(_cased(w) for w in words)


def _cased(word: str) -> str:
    """One word of a name as running text writes it: a name in capitals capitalised
    ("LAMBERT-MOREAU" → "Lambert-Moreau"), a particle in capitals in its own case ("DA" →
    "da", "EL" → "El"), a particle or a word already in mixed case as written."""
    if not word.isupper():
        return word
    if word.lower() in PARTICLES and word.lower() in LOWER_PARTICLES:
        return word.lower()
    return _cap(word)


def _known_body(vocabulary: OrganisationVocabulary | None) -> Callable[[str], object] | None:
    return vocabulary.lookup if vocabulary else None


def parse_mouvement(
    line: str, link_places: PlaceLinkFn, vocabulary: OrganisationVocabulary | None = None,
    *, in_list: bool = False,
) -> PersonRef | None:
    """'**Carl Garcia**, délégué du Préfet, Nanterre' → PersonRef with role and communes.

    Outside a *Mouvements* list (`in_list`), the name must be in bold or the line a
    list item: "Arnaud Alessandrin, Johanna Dagorn, MSHA éditions" is not a role.
    """
    bold_match = MOUVEMENT_RE.match(line)
    match = bold_match or PLAIN_MOUVEMENT_RE.match(line) or (
        BARE_MOUVEMENT_RE.match(line) if in_list else None)
    bold = bold_match is not None
    name = HONORIFIC_RE.sub("", match.group("name").strip()) if match else ""  # "Mme X"
    # The post first, the name last, when the line's first piece is no name.
    last = NAME_LAST_MOUVEMENT_RE.match(line)
    if last and (last.group("name") or in_list) \
            and not (match and looks_like_person(name, structured=True)):
        match, bold = last, last.group("name") is not None
        name = HONORIFIC_RE.sub("", (last.group("name") or last.group("plain")).strip())
    if not match:
        return None
    if name.isupper() and opens_on_first_name(name.split()[0]):
        # "JULIETTE ANDILLY, directrice": a whole name set in capitals, as appointment
        # lists often print it, is a person when it opens on a first name.
        name = canonical_person_name(name)
    if not looks_like_person(name, _known_body(vocabulary), structured=in_list or bold):
        return None
    pieces = [p.strip(" .;") for p in match.group("rest").split(",") if p.strip(" .;")]
    role = pieces[0] if pieces else None
    communes: list[str] = []
    organisation: str | None = None
    for piece in pieces[1:]:
        # After the role, a lone name is read as a place first: "Les Mureaux, Ecquevilly"
        # lists the communes of the post, even those that are also surnames.
        mentions = [m for m in link_places(piece) or link_places(f"à {piece}")
                    if m.label == "COMMUNE"]
        if mentions:
            communes.extend(m.ref for m in mentions if m.ref not in communes)
        elif organisation is None:
            organisation = piece
    return PersonRef(canonical_person_name(name), role, tuple(communes), organisation)


def parse_contact(
    contact: str, vocabulary: OrganisationVocabulary | None = None
) -> PersonRef | None:
    """'Lisa Mouawad, gup@ville-persan.fr' → PersonRef(name, email)."""
    email_match = EMAIL_RE.search(contact)
    email = email_match.group().rstrip(".") if email_match else None
    head = contact[:email_match.start()] if email_match else contact
    for piece in re.split(r"[,;–(]| - ", head):
        candidate = piece.strip(" .:")
        if looks_like_person(candidate, _known_body(vocabulary)):
            return PersonRef(canonical_person_name(candidate), email=email)
    return None


def _dedicated(text: str, start: int) -> bool:
    """A name right after 'lycée', 'avenue du', 'rue de la'… names a place, not a person."""
    match = DEDICATED_BEFORE_RE.search(text, max(0, start - 30), start)
    return bool(match) and fold(match.group("noun")) in DEDICATION_NOUNS


def _without_leading_word(name: str, start: int) -> tuple[str, int]:
    """The name and its start without a word before the person's own (the sentence's
    verb, a title, a work: "Scénario d'Anaïs Boyer")."""
    skip = person_after_leading_word(name)
    return name[skip:], start + skip


def _with_first_name_before(text: str, name: str, start: int) -> tuple[str, int]:
    """'Fatima Zahra El Ouazzani' when spaCy read 'Zahra El Ouazzani': a first name right
    before a name that opens on a first name is the first of two ('Anne Marie Dubois')."""
    before = first_name_before(text, start)
    if before and opens_on_first_name(name.split()[0]):
        return f"{before[0]} {name}", before[1]
    return name, start


def _written_span(line: str, name: str) -> tuple[int, int] | None:
    """Where a record's line writes the name, whatever its case, its surname first or
    last ("TRAORÉ Mariam" for "Mariam Traoré"); None if it is not there."""
    words = name.split()
    for turn in range(len(words)):
        order = words[turn:] + words[:turn]
        pattern = r"\s+".join(re.escape(word) for word in order)
        found = re.search(rf"(?<![\w'’-]){pattern}(?![\w'’-])", line, re.IGNORECASE)
        if found:
            return found.span()
    return None


# A name word opening a clause (after a comma, a semicolon, "et", "à"…) right before `start`.
_CLAUSE_NAME_BEFORE_RE = re.compile(
    rf"(?:^|[,;:(]\s*|\s(?:et|à|avec|par)\s+)({NAME_PART})[ \u00a0]$", re.MULTILINE)


def _with_family_name_before(text: str, name: str, start: int,
                             names_a_place: Callable[[str], bool] | None) -> tuple[str, int]:
    """"Lê Thu Hà", "Koffi Amani N'Dri", "Zoubeida Said Ali": a name word that opens
    its clause right before a first name and a surname is the person's too (a family
    name written first, a first name the list lacks), when it is no word of the language
    nor a place's name."""
    words = name.split()
    match = _CLAUSE_NAME_BEFORE_RE.search(text, max(0, start - 40), start)
    if len(words) != 2 or not opens_on_first_name(words[0]) or match is None:
        return name, start
    word = match.group(1)
    elided = re.match(r"\w['’](\w)", word)  # "L'historienne" is a noun, "N'Guessan" a name
    if len(word) < 3 or (elided and elided.group(1).islower()) or is_french_word(word) \
            or HONORIFIC_RE.match(f"{word} ") \
            or opens_on_first_name(word) \
            or (names_a_place is not None and names_a_place(word)):
        return name, start
    return f"{word} {name}", match.start(1)


def _merge(old: PersonRef, new: PersonRef) -> PersonRef:
    return replace(
        old,
        role=old.role or new.role,
        communes=old.communes or new.communes,
        organisation=old.organisation or new.organisation,
        email=old.email or new.email,
    )


def find_people(
    masked: MaskedText,
    ner: Iterable[Entity],
    vocabulary: OrganisationVocabulary,
    link_places: PlaceLinkFn,
    *,
    contacts: Sequence[str] = (),
    excluded_spans: Sequence[tuple[int, int]] = (),
    is_list: bool = False,
    names_a_place: Callable[[str], bool] | None = None,
) -> list[FoundPerson]:
    """People of one article; `excluded_spans` are places and organisations already found;
    `names_a_place` tells a place's name ('Cholet', whatever it stands for)."""
    def place_led(text: str) -> bool:
        """'Cholet Basket', 'Beauregard Services': a place's name where a first name
        should be is a body named after the place (a first name that is also a
        commune's, 'Marie', still leads a person)."""
        first = text.split()[0]
        return names_a_place is not None and not opens_on_first_name(first) \
            and names_a_place(first)

    people: dict[str, PersonRef] = {}
    mentions: dict[str, list[Mention]] = {}

    def taken(start: int, end: int) -> bool:
        """The span overlaps a place or an organisation already found."""
        return any(start < e_end and e_start < end for e_start, e_end in excluded_spans)

    def named_already(start: int, end: int) -> bool:
        """The span is part of a person's name already read ("Thi Hoa" in "Thi Hoa
        NGUYEN")."""
        return any(start < m.end and m.start < end for found in mentions.values()
                   for m in found)

    def add(ref: PersonRef, start: int = -1, end: int = -1) -> None:
        people[ref.name] = _merge(people[ref.name], ref) if ref.name in people else ref
        bucket = mentions.setdefault(ref.name, [])
        if start >= 0:
            bucket.append(Mention("PERSON", masked.original[start:end], start, end, ref.name))

    offset = 0
    for line in masked.original.split("\n"):
        ref = parse_mouvement(line, link_places, vocabulary, in_list=is_list) \
            if "," in line else None
        if ref:
            span = _written_span(line, ref.name)
            add(ref, *((offset + span[0], offset + span[1]) if span else (-1, -1)))
        offset += len(line) + 1

    for contact in (*contacts, *(m.group("rest") for m in CONTACT_LINE_RE.finditer(
            masked.original))):
        ref = parse_contact(contact, vocabulary)
        if ref and not place_led(ref.name):
            add(ref)

    # "Odile Verchère, Éditions de l'Atelier, 2025, 180 p.": the authors of a book line.
    for line in BOOK_LINE_RE.finditer(masked.text):
        for piece in re.finditer(r"[^,]+", line.group("rest")):
            for author in re.finditer(r"[^\s,](?:(?!\s+et\s).)*", piece.group()):
                text = author.group().strip()
                start = line.start("rest") + piece.start() + author.start()
                text, start = _without_leading_word(text, start)  # "Scénario d'Anaïs Boyer"
                if looks_like_person(text, _known_body(vocabulary)) \
                        and not taken(start, start + len(text)):
                    add(PersonRef(canonical_person_name(text)), start, start + len(text))

    for entity in ner:
        if entity.label != "PER":
            continue
        if taken(entity.start, entity.end) or named_already(entity.start, entity.end):
            continue  # a list's record read the whole name already ("Inês FERREIRA DA SILVA")
        if masked.touches_mask(entity.start, entity.end) or masked.in_caps_line(
                entity.start, entity.end):
            continue
        original = masked.original[entity.start:entity.end]
        # A blanked inclusive-writing suffix inside, or a span running over a line break.
        if original != entity.text or "\n" in original:
            continue
        text = " ".join(entity.text.split())
        honorific = HONORIFIC_RE.match(text)
        start = entity.start
        if honorific:
            start += len(honorific.group())
            text = text[honorific.end():]
        text, start = _without_leading_word(text, start)
        text, start = _with_first_name_before(masked.text, text, start)
        text, start = _with_family_name_before(masked.text, text, start, names_a_place)
        if _dedicated(masked.text, start) or place_led(text):
            continue
        if looks_like_person(text, _known_body(vocabulary)):
            add(PersonRef(canonical_person_name(text)), start, entity.end)

    # A known first name before a surname: people the model missed ("Édith Lambert-Moreau").
    for match in FIRST_NAME_LED_RE.finditer(masked.text):
        if not opens_on_first_name(match.group("first")):
            continue
        start, end = match.span()
        name = match.group()
        if masked.in_caps_line(start, end) or masked.touches_mask(start, end) \
                or taken(start, end) or named_already(start, end):
            continue
        if "\n" not in name and looks_like_person(name, _known_body(vocabulary)) \
                and not _dedicated(masked.text, start) \
                and canonical_person_name(name) not in people:
            add(PersonRef(canonical_person_name(name)), start, end)

    titles = (w for w in WORD_RE.finditer(masked.text) if fold(w.group()) in TITLE_WORDS)
    for title in titles:
        match = TITLED_NAME_RE.match(masked.text, title.end())
        if match is None:
            continue
        start, end = match.span("name")
        if masked.in_caps_line(start, end) or taken(start, end) or named_already(start, end):
            continue
        # The complement may not hold a capitalised name of its own ("maire de Sarcelles,
        # X" is fine: that is a place; "directeur, Emmaüs Habitat" is the caller's job).
        name, start = _without_leading_word(match.group("name"), start)
        if looks_like_person(name, _known_body(vocabulary)) and not _dedicated(
                masked.text, start) and canonical_person_name(name) not in people:
            add(PersonRef(canonical_person_name(name)), start, end)

    return [FoundPerson(ref, tuple(mentions.get(name, ()))) for name, ref in people.items()]
