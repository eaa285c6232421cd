"""Copies of one issue (its PDF, its e-mail, its web page) merged into one set of articles.

An issue often arrives twice: the PDF and the e-mailing. Each copy is segmented on its
own, and the two segmentations need not agree on titles: a kicker glued to a title in
one copy ("Cadre de vie LE TITRE"), a title reworded or cut at a line wrap, a section
heading read as a title. So articles are matched on their *bodies*, not their titles:

- a body is its lead and text, folded (`kb.textclean.fold`) and cut into overlapping
  runs of `SHINGLE_WORDS` words (shingles);
- two articles are the same when the *containment* of the smaller shingle set in the
  larger (shared / smaller) reaches `SAME_ARTICLE`. Containment rather than Jaccard: a
  copy whose article lost a paragraph, or absorbed its neighbour, still matches;
- matching is one-to-one, best pairs first.

The thresholds come from a dev measurement (`python -m tools.measure_dedupe`): the demo
issues rendered as PDF and as e-mail in several styles, each read back through the real
pipeline, with the failure classes of real issues simulated on one copy. See
`SAME_ARTICLE` and `SAME_ISSUE` for the figures. Exact shingle sets, not MinHash: an
issue has a few dozen articles, and the exact sets cost milliseconds (MinHash would
only pay when comparing thousands of undated copies with each other).

Which copies are the same issue: copies with the same issue id (the number, else the
date, read by the segmenter) as before; and, as a second signal, an issue whose number
was not read in one copy merges with another of the same month (or of unknown date)
when most of its articles match (`SAME_ISSUE`). Two copies carrying different numbers,
or dates of different months, are never merged, whatever their overlap.

Pure and small: no index, no file access. `kbcli.reindex` calls `merge_copies`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from kb.models import Article, Issue, SourceFormat
from kb.textclean import fold

# Bumped when the rules below change what gets merged: an index built by other rules is
# rebuilt whole (see kbcli.reindex).
DEDUPE_VERSION = "1"

# Containment of the smaller body's shingles in the larger one's at or above which two
# articles of two copies are one article. Dev measurement (`python -m tools.measure_dedupe`:
# 6 demo issues × 3 PDF designs × 3 e-mail styles, 936 true pairs, 96,408 false pairs):
# - true pairs as read: containment 0.915 at worst (hyphenation, page breaks), median 1;
# - false pairs: 0.121 at most within one issue, 0.152 across issues (5-word shingles;
#   3-word shingles: 0.150 / 0.188);
# - with OCR-like noise on one copy (5 % / 10 % of words garbled), true pairs fall to a
#   median of 0.78 / 0.60: at 0.5, 97 % / 81 % of them still merge (0.6: 93 % / 51 %;
#   0.8: 44 % / 5 %).
# 0.5 keeps over 3× the worst false pair (unseen articles on one topic will come
# closer than our own renders do) and merges every born-digital pair and most noisy ones.
# No threshold from 0.3 to 0.9 made a false merge on the dev set.
SHINGLE_WORDS = 5
SAME_ARTICLE = 0.5
# Below this many shingles in the smaller body, containment is too easily reached by a
# shared sentence: such pairs merge only on equal folded bodies (or equal titles when
# both bodies are empty).
MIN_SHINGLES = 3
# Share of the smaller copy's articles matched in the other for two copies whose issue
# ids differ (one lacks the number) to be one issue; and at least this many articles.
# Dev: copies of one issue share 1.0 of their articles (0.94 / 0.63 at worst with 5 % /
# 10 % of words garbled), copies of two issues 0.0 in all 270 pairs.
SAME_ISSUE = 0.6
MIN_ISSUE_MATCHES = 2

# Where an article is cited from: the copy with pages (page numbers make citations).
PAGE_PREFERENCE = {SourceFormat.PDF: 0, SourceFormat.HTML: 1, SourceFormat.TEXT: 2}
# Whose title is kept when the titles disagree and neither explains the other: markup
# marks titles explicitly, a PDF's titles are inferred from type sizes (where kickers and
# wrapped lines get glued), plain text has neither.
TITLE_PREFERENCE = {SourceFormat.HTML: 0, SourceFormat.PDF: 1, SourceFormat.TEXT: 2}


@dataclass(frozen=True, slots=True)
class Copy:
    """One file of an issue, segmented: what `kb.pipeline.read_file` gives."""

    path: str
    issue: Issue
    format: SourceFormat
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class MergedArticle:
    """One article of the index: the version kept, and every file it was read from."""

    article: Article
    sources: tuple[str, ...]  # file paths, as given, in page preference order
    versions: tuple[Article, ...]  # each copy's own reading (its source, its pages)


@dataclass(frozen=True, slots=True)
class MergedIssue:
    issue: Issue
    paths: tuple[str, ...]  # every file of the issue
    articles: tuple[MergedArticle, ...]

    def article_ids(self, path: str) -> list[str]:
        """Ids of the merged articles read (also) from `path`."""
        return [item.article.id for item in self.articles if path in item.sources]


# ---------------------------------------------------------------------------
# Similarity of two bodies


def body_text(article: Article) -> str:
    return f"{article.lead}\n\n{article.text}".strip()


def shingles(text: str, size: int | None = None) -> frozenset[str]:
    """Runs of `size` (default `SHINGLE_WORDS`) consecutive folded words (one run for a
    shorter text)."""
    return _shingles(fold(text).split(), size or SHINGLE_WORDS)


def _shingles(words: list[str], size: int) -> frozenset[str]:
    if len(words) <= size:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@dataclass(frozen=True, slots=True)
class _Version:
    article: Article
    shingles: frozenset[str]
    folded: str  # the folded body, for the short ones
    words: int

    @classmethod
    def of(cls, article: Article) -> _Version:
        words = fold(body_text(article)).split()
        return cls(article, _shingles(words, SHINGLE_WORDS), " ".join(words), len(words))


def version_similarity(a: _Version, b: _Version) -> float:
    if min(len(a.shingles), len(b.shingles)) < MIN_SHINGLES:
        if a.folded or b.folded:
            return 1.0 if a.folded == b.folded else 0.0
        return 1.0 if fold(a.article.title) == fold(b.article.title) else 0.0
    return containment(a.shingles, b.shingles)


def similarity(a: Article, b: Article) -> float:
    """How much of the smaller body the larger one holds (see the module's docstring)."""
    return version_similarity(_Version.of(a), _Version.of(b))


# ---------------------------------------------------------------------------
# Matching the articles of two copies


@dataclass
class _Entry:
    """One article being merged: the versions found so far, one per copy."""

    versions: list[_Version] = field(default_factory=list)

    def similarity(self, other: _Entry) -> float:
        return max(version_similarity(a, b) for a in self.versions for b in other.versions)

    def same_title(self, other: _Entry) -> bool:
        titles = {fold(v.article.title) for v in self.versions}
        return any(fold(v.article.title) in titles for v in other.versions)


def _match(left: Sequence[_Entry], right: Sequence[_Entry]) -> dict[int, int]:
    """left index -> right index, one-to-one, best pairs first.

    Ties (a body repeated in one copy) go to the pair with equal titles, then to the pair
    nearest in reading order."""
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            score = a.similarity(b)
            if score >= SAME_ARTICLE:
                distance = abs(i / max(len(left), 1) - j / max(len(right), 1))
                pairs.append((-score, not a.same_title(b), distance, i, j))
    pairs.sort()
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, _, i, j in pairs:
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


def match_articles(left: Sequence[Article], right: Sequence[Article]) -> list[tuple[int, int]]:
    """Pairs (index in left, index in right) of the same article in two copies."""
    matched = _match([_Entry([_Version.of(a)]) for a in left],
                     [_Entry([_Version.of(b)]) for b in right])
    return sorted(matched.items())


def _merge_lists(primary: list[_Entry], other: list[_Entry]) -> list[_Entry]:
    """`other`'s articles merged into `primary`'s; the ones only `other` has are put
    after the article that precedes them in `other`."""
    matched = _match(primary, other)
    for i, j in matched.items():
        primary[i].versions.extend(other[j].versions)
    by_other = {j: i for i, j in matched.items()}
    after: dict[int, list[_Entry]] = {}  # primary index (-1: before all) -> insertions
    anchor = -1
    for j, entry in enumerate(other):
        if j in by_other:
            anchor = by_other[j]
        else:
            after.setdefault(anchor, []).append(entry)
    merged = list(after.get(-1, []))
    for i, entry in enumerate(primary):
        merged.append(entry)
        merged.extend(after.get(i, []))
    return merged


# ---------------------------------------------------------------------------
# Which copies are one issue


def _month(date: str | None) -> str | None:
    return date[:7] if date else None


@dataclass
class _Group:
    copies: list[Copy]
    entries: list[_Entry]

    @property
    def numbers(self) -> set[int]:
        return {c.issue.number for c in self.copies if c.issue.number is not None}

    @property
    def months(self) -> set[str]:
        return {m for c in self.copies if (m := _month(c.issue.date))}


def may_be_same_issue(a: Issue, b: Issue) -> bool:
    """Could two copies be one issue by their metadata alone? Same id: yes. Different
    numbers, or dates in different months: never. Otherwise (a number or a date missing
    on one side) only their content can tell."""
    if a.id == b.id:
        return True
    if a.number is not None and b.number is not None:
        return False  # the id comes from the number: two numbers, two issues
    months = {m for m in (_month(a.date), _month(b.date)) if m}
    return len(months) <= 1


def _compatible(a: _Group, b: _Group) -> bool:
    return not (a.numbers and b.numbers) and len(a.months | b.months) <= 1


# Two copies of one issue hold each article at about the same length (a neighbour the
# segmenter ran into it at most doubles it); a file that only quotes or repeats another
# issue's articles at several times their length is another issue.
COPY_LENGTH_RATIO = 2.5


def issue_overlap(a: Sequence[Article], b: Sequence[Article]) -> float:
    """Share of the smaller copy's articles that the other copy also holds, at a length
    a copy would have."""
    if not a or not b:
        return 0.0
    sizes_a = [max(1, len(body_text(x).split())) for x in a]
    sizes_b = [max(1, len(body_text(x).split())) for x in b]
    matched = [(i, j) for i, j in match_articles(a, b)
               if max(sizes_a[i], sizes_b[j]) <= COPY_LENGTH_RATIO * min(sizes_a[i], sizes_b[j])]
    return len(matched) / min(len(a), len(b))


def _page_key(copy: Copy) -> tuple[int, str]:
    return PAGE_PREFERENCE.get(copy.format, 9), copy.path


def _group(copies: Sequence[Copy]) -> list[_Group]:
    by_id: dict[str, list[Copy]] = {}
    for copy in sorted(copies, key=_page_key):
        by_id.setdefault(copy.issue.id, []).append(copy)
    groups = []
    for members in by_id.values():
        entries = [_Entry([_Version.of(a)]) for a in members[0].articles]
        for copy in members[1:]:
            entries = _merge_lists(entries, [_Entry([_Version.of(a)]) for a in copy.articles])
        groups.append(_Group(members, entries))

    # Second signal: issues that differ by id but not by metadata, and share most articles.
    candidates = []
    for i, j in combinations(range(len(groups)), 2):
        a, b = groups[i], groups[j]
        if not _compatible(a, b):
            continue
        matched = len(_match(a.entries, b.entries))
        share = matched / max(min(len(a.entries), len(b.entries)), 1)
        if share >= SAME_ISSUE and matched >= min(MIN_ISSUE_MATCHES, len(a.entries),
                                                  len(b.entries)):
            candidates.append((-share, i, j))
    alive: dict[int, _Group] = dict(enumerate(groups))
    owner = list(range(len(groups)))
    for _, i, j in sorted(candidates):
        i, j = owner[i], owner[j]
        if i == j or not _compatible(alive[i], alive[j]):
            continue
        first, second = sorted((i, j), key=lambda k: _page_key(alive[k].copies[0]))
        kept, gone = alive[first], alive.pop(second)
        kept.entries = _merge_lists(kept.entries, gone.entries)
        kept.copies = sorted(kept.copies + gone.copies, key=_page_key)
        owner = [first if o == second else o for o in owner]
    return list(alive.values())


# ---------------------------------------------------------------------------
# The version kept


def _issue_key(copy: Copy) -> tuple[bool, bool, int, int, str]:
    issue = copy.issue
    return (issue.number is None, issue.date is None, -len(issue.date or ""),
            *_page_key(copy))


def _words(title: str) -> list[str]:
    return fold(title).split()


def _better_title(current: Article, other: Article) -> Article:
    """The title to keep between two versions of one article.

    A kicker (rubric, theme or commune line) sits *above* a title: glued, it comes
    first, so a title that ends another (`other` = kicker + title) is the clean one and
    the shorter wins. A title cut at a line wrap is the *start* of the whole one, so a
    title that another one continues loses to the longer. A title equal to either
    version's section name is a section heading read as a title and loses. Otherwise
    `current` (the earlier in `TITLE_PREFERENCE`) stays."""
    mine, theirs = _words(current.title), _words(other.title)
    if mine == theirs or not theirs:
        return current
    if not mine:
        return other
    sections = {fold(s) for s in (current.section, other.section) if s}
    if " ".join(mine) in sections and " ".join(theirs) not in sections:
        return other
    if " ".join(theirs) in sections:
        return current
    if len(theirs) < len(mine) and mine[-len(theirs):] == theirs:
        return other  # mine = kicker + theirs
    if len(mine) < len(theirs) and theirs[:len(mine)] == mine:
        return other  # mine lost the end of a wrapped title
    return current


def preferred_title(versions: Sequence[Article]) -> Article:
    ordered = sorted(versions, key=lambda a: (TITLE_PREFERENCE.get(a.format, 9), a.source))
    chosen = ordered[0]
    for other in ordered[1:]:
        chosen = _better_title(chosen, other)
    return chosen


def preferred_body(versions: Sequence[Article],
                   words: Callable[[Article], int] | None = None) -> Article:
    """The body to keep: the longest (in words). Two versions of one article differ by
    what segmentation lost: a paragraph left to a neighbour or to the next page, a list
    cut short; the longer one has lost less (on the dev set, the longer body was the one
    closer to the source in every pair whose bodies differed). Ties go to the page
    preference. A version that swallowed a neighbouring article is set aside before
    (see `_swallowed`)."""
    count = words or (lambda a: len(fold(body_text(a)).split()))
    return min(versions, key=lambda a: (-count(a), PAGE_PREFERENCE.get(a.format, 9), a.source))


def _swallowed(version: _Version, entry: _Entry, entries: Sequence[_Entry]) -> bool:
    """Does this version's surplus over the entry's other versions hold another article
    of the issue? (A copy whose segmenter ran two articles together: its longer body is
    not the better one.)"""
    others = [v.shingles for v in entry.versions if v is not version]
    if not others:
        return False
    surplus = version.shingles.difference(*others)
    if len(surplus) < MIN_SHINGLES:
        return False
    return any(len(surplus & v.shingles) / len(v.shingles) >= SAME_ARTICLE
               for other in entries if other is not entry for v in other.versions
               if len(v.shingles) >= MIN_SHINGLES)


def merge_versions(versions: Sequence[Article], issue: Issue,
                   also: Sequence[Article] = (),
                   words: Callable[[Article], int] | None = None) -> Article:
    """One article from its versions (at least one); `also` lists versions whose body
    is not to be kept (it swallowed another article) but whose title and place count.

    - where it is cited from (`source`, `format`, `pages`): the version of the copy with
      pages, i.e. the PDF (`PAGE_PREFERENCE`), so citations and page links stay right;
    - its title, with the lines set about it (`heading`, `kind`, `kind_detail`,
      `section`) and its id: `preferred_title` (a kicker glued to a title loses to the
      clean title; a title cut at a wrap loses to the whole one);
    - its body (`lead`, `text`, `subheadings`, and the `links`, `emails`, `contacts`
      read with it): `preferred_body`, the longest;
    - a field empty in the chosen version is filled from the others, in page preference
      order.
    """
    every = list(dict.fromkeys([*versions, *also]))
    cited = min(every, key=lambda a: (PAGE_PREFERENCE.get(a.format, 9), a.source))
    titled = preferred_title(every)
    body = preferred_body(versions, words)
    others = sorted(every, key=lambda a: (PAGE_PREFERENCE.get(a.format, 9), a.source))

    def first(chosen: Article, name: str) -> object:
        value = getattr(chosen, name)
        if value:
            return value
        return next((v for a in others if (v := getattr(a, name))), value)

    return replace(
        cited,
        id=titled.id,
        issue=issue,
        title=titled.title,
        heading=first(titled, "heading"),
        kind=first(titled, "kind"),
        kind_detail=first(titled, "kind_detail"),
        section=first(titled, "section"),
        lead=body.lead,
        text=body.text,
        subheadings=body.subheadings,
        items=body.items,
        links=first(body, "links"),
        emails=first(body, "emails"),
        contacts=first(body, "contacts"),
    )


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Two merged articles may carry one id (same title, bodies too far apart to match):
    the later one gets a numbered id, so neither replaces the other in the index."""
    seen: set[str] = set()
    out = []
    for article in articles:
        new_id, n = article.id, 1
        while new_id in seen:
            n += 1
            new_id = f"{article.id}-{n}"
        seen.add(new_id)
        out.append(article if new_id == article.id else replace(article, id=new_id))
    return out


def merge_copies(copies: Iterable[Copy]) -> list[MergedIssue]:
    """Copies (files) → issues, each article once with every file it was read from.

    The issue kept for a group of copies is the most precise one read (a number, then
    the longest date, then page preference); every article of the group is filed under
    it, and its `sources` lists every file of the group.
    """
    result = []
    for group in _group(list(copies)):
        paths = tuple(c.path for c in group.copies)
        issue = min(group.copies, key=_issue_key).issue
        issue = replace(issue, sources=tuple(sorted(paths)))
        merged = []
        for entry in group.entries:
            kept = [v for v in entry.versions if not _swallowed(v, entry, group.entries)]
            lengths = {id(v.article): v.words for v in entry.versions}
            merged.append(merge_versions([v.article for v in kept or entry.versions], issue,
                                         also=[v.article for v in entry.versions],
                                         words=lambda a, n=lengths: n[id(a)]))
        merged = [replace(a, position=i) for i, a in enumerate(_unique_ids(merged))]
        items = []
        for article, entry in zip(merged, group.entries, strict=True):
            versions = sorted((v.article for v in entry.versions),
                              key=lambda a: (PAGE_PREFERENCE.get(a.format, 9), a.source))
            sources = tuple(dict.fromkeys(a.source for a in versions))
            items.append(MergedArticle(article, sources, tuple(versions)))
        result.append(MergedIssue(issue, paths, tuple(items)))
    return sorted(result, key=lambda m: m.issue.id)
