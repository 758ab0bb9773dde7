"""Copy detection (independence.find_links) compares a text only with the texts that hold
enough of its rarest shingles, and finds the words of mostly-ASCII texts by an ASCII table:
both must find what the plain definitions find."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.reconcile import independence
from mou_reconcile.reconcile.independence import COPY_THRESHOLD, MAX_OWNERS


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
    return independence._overlaps(sets, {sid: max(1, len(found)) for sid, found in sets.items()})


# Few shingle values, so that texts share many of them; sometimes more than MAX_OWNERS texts.
_SETS = st.lists(st.sets(st.integers(0, 60), max_size=40), max_size=MAX_OWNERS + 8)


@settings(max_examples=300, deadline=None)
@given(texts=_SETS, extra=st.integers(0, 6))
def test_copies_are_the_pairs_that_every_pair_compared_finds(texts: list[set[int]],
                                                             extra: int) -> None:
    # Whatever the number of extra probes: they only drop pairs that cannot be copies.
    sets = {f"s{k:02d}": found for k, found in enumerate(texts)}
    with patch.object(independence, "EXTRA_PROBES", extra):
        assert _copies(sets) == _every_pair(sets)


def test_a_shingle_in_more_than_max_owners_texts_is_not_shared() -> None:
    sets = {f"s{k:02d}": {0, 1, 2, k + 100} for k in range(MAX_OWNERS + 1)}
    assert _copies(sets) == _every_pair(sets) == {}
    sets = {f"s{k:02d}": {0, 1, 2, k + 100} for k in range(MAX_OWNERS)}
    assert _copies(sets) == _every_pair(sets) != {}


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.sets(st.integers(0, 30), max_size=20), min_size=2, max_size=60),
       k=st.integers(1, 20))
def test_the_rarest_shingles_are_those_sorting_by_count_puts_first(texts: list[set[int]],
                                                                   k: int) -> None:
    counts = Counter(h for found in texts for h in found)
    by_count = independence._telling_by_count(counts)
    mine = {h for h in texts[0] if 1 < counts[h] <= MAX_OWNERS}
    rarest = independence._rarest(mine, k, by_count)
    in_order = sorted(mine, key=counts.__getitem__)[:k]
    # Ties at the last count may be broken either way: the counts must be the same.
    assert sorted(map(counts.__getitem__, rarest)) == list(map(counts.__getitem__, in_order))
    assert len(set(rarest)) == len(rarest) and set(rarest) <= mine


_FOLDS_APART = "aZ ,.-'_1ßǰŉİΣσς\u0301\u00e9ﬁ\n"  # letters whose folding moves word bounds
_NOT_WORD = "—’“”\u00a0\u2028•€\u0345"  # no word holds these ('\u0345' folds to one that can)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=_FOLDS_APART + _NOT_WORD, max_size=40))
def test_words_are_folded_as_if_one_by_one(text: str) -> None:
    # 'ǰ' and 'İ' fold to a letter and a combining mark: folding first would split them.
    assert independence._words(text) == [w.casefold() for w in re.findall(r"\w+", text)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=0x7f) | st.sampled_from(_NOT_WORD),
                    max_size=60))
def test_ascii_words_among_other_characters_take_the_ascii_table(text: str) -> None:
    with patch.object(independence, "_folded_words", side_effect=AssertionError):
        fast = independence._words(text)
    assert fast == independence._folded_words(text)
