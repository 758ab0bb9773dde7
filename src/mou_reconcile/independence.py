"""Which sources are not independent of each other: declared copies and shared wording.

Agreement between a story and its copy is not corroboration (truth-discovery research on
source dependence: count a copy group once). Two sources join one group when one declares
`derived_from` the other, or when their texts share a large part of their word 5-grams.
Shingles are hashed and indexed, and a text is compared only with the texts that have one
of its rarest few shingles (`_overlaps`): never all pairs of texts.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from mou_reconcile.load import Corpus

SHINGLE = 5
COPY_THRESHOLD = 0.3  # shared share of the shorter text; independent articles stay below 0.1
MAX_OWNERS = 50  # a shingle in more texts is boilerplate, not copying: it is not counted
_WORD = re.compile(r"\w+")


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
    if text.isascii():  # case folding never moves a word boundary here: fold it whole
        return _WORD.findall(text.casefold())
    # Elsewhere it can ('ǰ' folds to 'j' and a combining mark), so the words are found
    # first. Folding maps each character on its own, so they can be folded all at once,
    # joined by a space that no word holds and no character folds to.
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
    sets = {sid: shingles(article.text) for sid, article in corpus.articles.items()}
    size = {sid: max(1, len(found)) for sid, found in sets.items()}
    declared = {frozenset((x.a, x.b)) for x in links}
    for (a, b), n in sorted(_overlaps(sets, size).items()):
        overlap = n / min(size[a], size[b])
        if overlap >= COPY_THRESHOLD and frozenset((a, b)) not in declared:
            sample = _shared_sample(corpus.articles[a].text, sets[a] & sets[b])
            links.append(Link(a, b, f"text overlap {overlap:.2f}", round(overlap, 2), sample))
    return links


def _overlaps(sets: dict[str, set[int]], size: dict[str, int]) -> dict[tuple[str, str], int]:
    """(a, b) with a < b -> the telling shingles the two texts share, for every pair that
    may reach COPY_THRESHOLD of its shorter text's shingles (and a few that do not).

    A text A shares at least `need` of its telling shingles with B only if B has one of
    any len - need + 1 of them (B misses at most need - 1). Taking A's rarest ones leaves
    few texts to compare with A; each shingle has at most MAX_OWNERS texts.
    """
    counts = Counter(chain.from_iterable(sets.values()))
    # A shingle of one text tells nothing; one in very many is boilerplate, not copying.
    telling = {h for h, n in counts.items() if 1 < n <= MAX_OWNERS}
    mine: dict[str, set[int]] = {}  # a text's telling shingles, if it can be a shorter text
    probes: dict[str, list[int]] = {}
    for a, found in sets.items():
        # A pair's overlap is over its shorter text, so that text's side alone picks it.
        # Sharing fewer than `need` makes less than COPY_THRESHOLD of A (- 1: a margin).
        need = max(1, math.ceil(COPY_THRESHOLD * size[a] - 1))
        have = found & telling
        if len(have) >= need:
            mine[a] = have
            probes[a] = sorted(have, key=counts.__getitem__)[:len(have) - need + 1]
    probed = set(chain.from_iterable(probes.values()))
    owners: dict[int, list[str]] = defaultdict(list)
    for sid, found in sets.items():
        for h in found & probed:
            owners[h].append(sid)
    shared: dict[tuple[str, str], int] = {}
    for a, probe in probes.items():
        for b in set(chain.from_iterable(owners[h] for h in probe)):
            if b != a and size[a] <= size[b]:
                shared[(a, b) if a < b else (b, a)] = len(mine[a] & sets[b])
    return shared


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
