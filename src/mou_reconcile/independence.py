"""Which sources are not independent of each other: declared copies and shared wording.

Agreement between a story and its copy is not corroboration (truth-discovery research on
source dependence: count a copy group once). Two sources join one group when one declares
`derived_from` the other, or when their texts share a large part of their word 5-grams.
Shingles are hashed and indexed, so only pairs that share a shingle are ever compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from mou_reconcile.load import Corpus

SHINGLE = 5
COPY_THRESHOLD = 0.3  # shared share of the shorter text; independent articles stay below 0.1
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    reason: str  # "declared: b derived_from a" or "text overlap 0.91"
    overlap: float | None = None
    sample: str | None = None  # a shared passage, for people to judge


def shingles(text: str) -> tuple[set[int], list[str]]:
    words = [m.group().casefold() for m in _WORD.finditer(text)]
    return {hash(tuple(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}, words


def _shared_sample(text_a: str, words_a: list[str], shared: set[int]) -> str:
    # The longest run of shared shingles in A, in A's own words: what the texts have in common.
    best, run_start, best_span = 0, -1, (0, 0)
    for i in range(len(words_a) - SHINGLE + 1):
        if hash(tuple(words_a[i:i + SHINGLE])) in shared:
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
    index: dict[int, list[str]] = defaultdict(list)
    sets: dict[str, set[int]] = {}
    words: dict[str, list[str]] = {}
    for sid, article in corpus.articles.items():
        sets[sid], words[sid] = shingles(article.text)
        for h in sets[sid]:
            index[h].append(sid)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for owners in index.values():
        if 1 < len(owners) <= 50:  # a shingle in very many texts is boilerplate, not copying
            for i, a in enumerate(owners):
                for b in owners[i + 1:]:
                    shared[(a, b) if a < b else (b, a)] += 1
    declared = {frozenset((x.a, x.b)) for x in links}
    for (a, b), n in sorted(shared.items()):
        overlap = n / max(1, min(len(sets[a]), len(sets[b])))
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
