"""Copy detection (independence.find_links) compares a text only with the texts that have one
of its rarest shingles, and folds a text's words all at once: both must find what the plain
definitions find."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile import independence
from mou_reconcile.independence import COPY_THRESHOLD, MAX_OWNERS


def _every_pair(sets: dict[str, set[int]]) -> dict[tuple[str, str], int]:
    """The definition: every pair of texts, the telling shingles both have, kept when they
    reach COPY_THRESHOLD of the shorter text's shingles."""
    counts = Counter(h for found in sets.values() for h in found)
    telling = {h for h, n in counts.items() if 1 < n <= MAX_OWNERS}
    size = {sid: max(1, len(found)) for sid, found in sets.items()}
    out = {}
    for a, b in combinations(sorted(sets), 2):
        n = len(sets[a] & sets[b] & telling)
        if n / min(size[a], size[b]) >= COPY_THRESHOLD:
            out[(a, b)] = n
    return out


def _copies(sets: dict[str, set[int]]) -> dict[tuple[str, str], int]:
    size = {sid: max(1, len(found)) for sid, found in sets.items()}
    return {pair: n for pair, n in independence._overlaps(sets, size).items()
            if n / min(size[pair[0]], size[pair[1]]) >= COPY_THRESHOLD}


# Few shingle values, so that texts share many of them; sometimes more than MAX_OWNERS texts.
_SETS = st.lists(st.sets(st.integers(0, 60), max_size=40), max_size=MAX_OWNERS + 8)


@settings(max_examples=200, deadline=None)
@given(texts=_SETS)
def test_copies_are_the_pairs_that_every_pair_compared_finds(texts: list[set[int]]) -> None:
    sets = {f"s{k:02d}": found for k, found in enumerate(texts)}
    assert _copies(sets) == _every_pair(sets)


def test_a_shingle_in_more_than_max_owners_texts_is_not_shared() -> None:
    sets = {f"s{k:02d}": {0, 1, 2, k + 100} for k in range(MAX_OWNERS + 1)}
    assert _copies(sets) == _every_pair(sets) == {}
    sets = {f"s{k:02d}": {0, 1, 2, k + 100} for k in range(MAX_OWNERS)}
    assert _copies(sets) == _every_pair(sets) != {}


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="aZ ,.-'_1ßǰŉİΣσς\u0301\u00e9ﬁ\n", max_size=40))
def test_words_are_folded_as_if_one_by_one(text: str) -> None:
    # 'ǰ' and 'İ' fold to a letter and a combining mark: folding first would split them.
    assert independence._words(text) == [w.casefold() for w in re.findall(r"\w+", text)]
