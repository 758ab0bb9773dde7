"""Which sources are not independent of each other: declared copies and shared wording.

Agreement between a story and its copy is not corroboration (truth-discovery research on
source dependence: count a copy group once). Two sources join one group when one declares
`derived_from` the other, or when their texts share a large part of their word 5-grams.
Shingles are hashed and indexed, so only pairs that share a shingle are ever compared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
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


def shingles(text: str) -> tuple[set[int], list[str]]:
    # Case folding never moves a word boundary in ASCII text: fold it whole, then split.
    words = _WORD.findall(text.casefold()) if text.isascii() else [
        w.casefold() for w in _WORD.findall(text)]
    # The hashes of the word 5-grams (tuples of consecutive words).
    return set(map(hash, zip(*(words[k:] for k in range(SHINGLE))))), words


def _shared_sample(text_a: str, words_a: list[str], shared: set[int]) -> str:
    # The longest run of shared shingles in A, in A's own words: what the texts have in common.
    best, run_start, best_span = 0, -1, (0, 0)
    for i, h in enumerate(map(hash, zip(*(words_a[k:] for k in range(SHINGLE))))):
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
    sets: dict[str, set[int]] = {}
    words: dict[str, list[str]] = {}
    counts: Counter[int] = Counter()
    for sid, article in corpus.articles.items():
        sets[sid], words[sid] = shingles(article.text)
        counts.update(sets[sid])
    # A shingle of one text tells nothing; one in very many is boilerplate, not copying.
    telling = {h for h, n in counts.items() if 1 < n <= MAX_OWNERS}
    owners: dict[int, list[str]] = defaultdict(list)
    mine: dict[str, set[int]] = {}
    for sid, found in sets.items():
        mine[sid] = found & telling
        for h in mine[sid]:
            owners[h].append(sid)
    # Each text counts the telling shingles it shares with each other text (at most
    # MAX_OWNERS per shingle: never all pairs of texts). A pair's overlap is over its
    # shorter text, so that text's side alone can pick the pair.
    size = {sid: max(1, len(found)) for sid, found in sets.items()}
    shared: dict[tuple[str, str], int] = {}
    for a, found in mine.items():
        least = COPY_THRESHOLD * size[a] - 1  # below, n / size[a] < COPY_THRESHOLD surely
        for b, n in Counter(chain.from_iterable(owners[h] for h in found)).most_common():
            if n < least:
                break
            if b != a and size[a] <= size[b]:
                shared[(a, b) if a < b else (b, a)] = n
    declared = {frozenset((x.a, x.b)) for x in links}
    for (a, b), n in sorted(shared.items()):
        overlap = n / min(size[a], size[b])
        if overlap >= COPY_THRESHOLD and frozenset((a, b)) not in declared:
            sample = _shared_sample(corpus.articles[a].text, words[a], sets[a] & sets[b])
            links.append(Link(a, b, f"text overlap {overlap:.2f}", round(overlap, 2), sample))
    return links


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
