"""Which sources are not independent of each other: declared copies and shared wording.

Agreement between a story and its copy is not corroboration (truth-discovery research on
source dependence: count a copy group once). Two sources join one group when one declares
`derived_from` the other, when both carry one wire agency's copy (`carries`), or when their
texts share a large part of their word 5-grams.
Shingles are hashed and indexed, and a text is compared only with the texts that have enough
of its rarest few shingles (`_overlaps`): never all pairs of texts.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from types import ModuleType

from mou_reconcile.corpus.load import Corpus

SHINGLE = 5
COPY_THRESHOLD = 0.3  # shared share of the shorter text; independent articles stay below 0.1
MAX_OWNERS = 50  # a shingle in more texts is boilerplate, not copying: it is not counted
EXTRA_PROBES = 2  # probes beyond the fewest: texts that share one by chance are not compared
_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# ASCII word characters folded, every other ASCII character a space: the words are what
# str.split then finds (a regex's search took a third of copy detection's time).
_ASCII_FOLD = str.maketrans({c: c.casefold() if _WORD.match(c) else " "
                             for c in map(chr, range(128))})


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    reason: str  # "declared: b derived_from a" or "text overlap 0.91"
    overlap: float | None = None
    sample: str | None = None  # a shared passage, for people to judge


def shingles(text: str) -> set[int]:
    """The hashes of the text's word 5-grams."""
    return set(_hashes(_words(text)))


def _hashes(words: list[str]) -> Iterator[int]:
    """The hashes of the word 5-grams (tuples of consecutive words), in order."""
    return map(hash, zip(*(words[k:] for k in range(SHINGLE))))


def _words(text: str) -> list[str]:
    """The text's words, case-folded one by one."""
    if not text.isascii():
        odd = set(_NON_ASCII.findall(text))
        if any(map(_WORD.match, odd)):
            return _folded_words(text)
        # Non-word characters only part words, as a space does: with spaces the text is ASCII.
        for char in odd:
            text = text.replace(char, " ")
    # In ASCII, case folding never moves a word boundary: fold the text whole.
    return text.translate(_ASCII_FOLD).split()


def _folded_words(text: str) -> list[str]:
    """The general path: folding can move a word boundary ('ǰ' folds to 'j' and a combining
    mark), so the words are found first. Folding maps each character on its own, so they can
    be folded all at once, joined by a space that no word holds and no character folds to."""
    words = _WORD.findall(text)
    return " ".join(words).casefold().split(" ") if words else []


def _shared_sample(text_a: str, shared: set[int]) -> str:
    # The longest run of shared shingles in A, in A's own words: what the texts have in common.
    best, run_start, best_span = 0, -1, (0, 0)
    for i, h in enumerate(_hashes(_words(text_a))):
        if h in shared:
            if run_start < 0:
                run_start = i
            if i - run_start + 1 > best:
                best, best_span = i - run_start + 1, (run_start, i + SHINGLE)
        else:
            run_start = -1
    a, b = best_span
    b = min(b, a + 30)  # enough to judge by
    spans = [m.span() for k, m in enumerate(_WORD.finditer(text_a)) if a <= k < b]
    return " ".join(text_a[spans[0][0]:spans[-1][1]].split()) if spans else ""


def find_links(corpus: Corpus) -> list[Link]:
    links: list[Link] = []
    for sid in corpus.sources:
        for other in corpus.source(sid).derived_from:
            if other in corpus.sources:
                links.append(Link(other, sid, f"declared: {sid} derived_from {other}"))
    links += _wire_links(corpus)
    sets = {sid: shingles(article.text) for sid, article in corpus.articles.items()}
    size = {sid: max(1, len(found)) for sid, found in sets.items()}
    declared = {frozenset((x.a, x.b)) for x in links}
    for (a, b), n in sorted(_overlaps(sets, size).items()):
        if frozenset((a, b)) not in declared:
            overlap = n / min(size[a], size[b])
            sample = _shared_sample(corpus.articles[a].text, sets[a] & sets[b])
            links.append(Link(a, b, f"text overlap {overlap:.2f}", round(overlap, 2), sample))
    return links


def _overlaps(sets: dict[str, set[int]], size: dict[str, int]) -> dict[tuple[str, str], int]:
    """(a, b) with a < b -> the telling shingles the two texts share, for every pair that
    shares at least COPY_THRESHOLD of its shorter text's shingles.

    A text A shares at least `need` of its telling shingles with B only if B misses at most
    len - need of them, so holds at least p - (len - need) of any p of them. Probing A's
    rarest ones leaves few texts to compare with A (each shingle has at most MAX_OWNERS).
    """
    # A shingle of one text tells nothing; one in very many is boilerplate, not copying.
    # (The counts of all shingles are let go at once: they are the largest table here.)
    by_count = _telling_by_count(Counter(chain.from_iterable(sets.values())))
    telling = set().union(*by_count)
    have = {sid: found & telling for sid, found in sets.items()}
    probes = _probes(have, size, by_count)
    owners = _owners(have, set(chain.from_iterable(probe for probe, _ in probes.values())))
    shared: dict[tuple[str, str], int] = {}
    for a, (probe, enough) in probes.items():
        for b, hits in Counter(chain.from_iterable(map(owners.__getitem__, probe))).items():
            if hits >= enough and b != a and size[a] <= size[b]:
                n = len(have[a] & have[b])
                if n / size[a] >= COPY_THRESHOLD:
                    shared[(a, b) if a < b else (b, a)] = n
    return shared


def _probes(have: dict[str, set[int]], size: dict[str, int],
            by_count: list[set[int]]) -> dict[str, tuple[list[int], int]]:
    """Each text that can be a copy's shorter side -> its rarest telling shingles, and how
    many of them another text must hold to share COPY_THRESHOLD of it."""
    probes: dict[str, tuple[list[int], int]] = {}
    for a, mine in have.items():
        # A pair's overlap is over its shorter text, so that text's side alone picks it.
        # Sharing fewer than `need` makes less than COPY_THRESHOLD of A (- 1: a margin).
        need = max(1, math.ceil(COPY_THRESHOLD * size[a] - 1))
        if len(mine) >= need:
            probe = _rarest(mine, len(mine) - need + 1 + EXTRA_PROBES, by_count)
            probes[a] = probe, len(probe) - (len(mine) - need)
    return probes


def _telling_by_count(counts: Counter[int]) -> list[set[int]]:
    """The shingles in 2 texts, in 3, ... in MAX_OWNERS: the telling ones, rarest first."""
    by_count: list[set[int]] = [set() for _ in range(MAX_OWNERS + 1)]
    for h, n in counts.items():
        if 1 < n <= MAX_OWNERS:
            by_count[n].add(h)
    return by_count[2:]


def _rarest(mine: set[int], k: int, by_count: list[set[int]]) -> list[int]:
    """k of the text's telling shingles (all if fewer), none in more texts than one left out.
    Which of equally rare ones are taken does not matter: any k of them serve as probes."""
    rarest: list[int] = []
    for same in by_count:
        rarest += mine & same
        if len(rarest) >= k:
            break
    return rarest[:k]


def _owners(have: dict[str, set[int]], probed: set[int]) -> dict[int, list[str]]:
    """The texts that have each probed shingle (telling, so in their `have`)."""
    owners: dict[int, list[str]] = defaultdict(list)
    for sid, mine in have.items():
        for h in mine & probed:
            owners[h].append(sid)
    return owners


def _wire_links(corpus: Corpus) -> list[Link]:
    """Sources that carry one agency's copy, linked to the first source that carries it
    (agency names compared with case and spacing folded)."""
    first: dict[str, tuple[str, str]] = {}  # agency folded -> (first source, as it wrote it)
    out = []
    for sid in corpus.sources:
        for agency in corpus.source(sid).carries:
            other, named = first.setdefault(" ".join(agency.casefold().split()), (sid, agency))
            if other != sid:
                out.append(Link(other, sid, f"declared: both carry {named} copy"))
    return out


# Claims in the same words: sentences of at least this many words, this similar (rapidfuzz's
# normalized Indel similarity, 0-100, on the folded words). Wire rewrites keep a sentence
# whole while the rest of the article changes (under 30% of shared 5-grams).
SAME_SENTENCE_WORDS = 8
SAME_SENTENCE_SIMILARITY = 90


def sentence_of(corpus: Corpus, source: str, start: int, end: int) -> str:
    """The sentence of `source`'s article holding [start, end)."""
    article = corpus.articles[source]
    a, b = article.sentence_around(start, end)
    return article.text[a:b]


def wording(text: str) -> str:
    """A text's words, folded and joined by single spaces: what `similar` compares."""
    return " ".join(_words(text))


def similar(a: str, b: str) -> bool:
    """Whether two `wording`s are nearly the same words."""
    if a == b:  # a copy's words (ratio 100, two empty texts too)
        return True
    # With the cut-off, rapidfuzz stops as soon as the threshold is out of reach (0).
    return bool(_fuzz().ratio(a, b, score_cutoff=SAME_SENTENCE_SIMILARITY))


@lru_cache(maxsize=1)
def _fuzz() -> ModuleType:
    """rapidfuzz.fuzz, imported on first use (not at start-up) and once: an import statement
    in `similar` cost a call into importlib per pair of claims."""
    from rapidfuzz import fuzz

    return fuzz


def same_words(a: str, b: str) -> bool:
    """Whether two sentences are one sentence in nearly the same words (a copy)."""
    wa, wb = wording(a), wording(b)
    if min(wa.count(" "), wb.count(" ")) + 1 < SAME_SENTENCE_WORDS:
        return False
    return similar(wa, wb)


def groups(source_ids: list[str], links: list[Link]) -> dict[str, str]:
    """Each source's group representative (union-find over the links)."""
    parent = {s: s for s in source_ids}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for link in links:
        if link.a in parent and link.b in parent:
            ra, rb = root(link.a), root(link.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {s: root(s) for s in source_ids}
