"""Numbers as intervals (`values.interval`, `overlaps`, `compatible`).

The expectations come from the claims-format spec, "Values": exact v is [v, v]; approx v is
[0.9v, 1.1v]; at_least v is [v, inf); at_most v is [0, v]; range is [low, high]. Two numeric
claims are compatible when their intervals overlap, whatever order they are compared in.
"""

from __future__ import annotations

import math
from itertools import combinations_with_replacement
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.values import compatible, interval, overlaps

INF = math.inf
BOUNDS = ("exact", "approx", "at_least", "at_most", "range")


def claim(value: Any, bound: str) -> Claim:
    return Claim(source="a", subject="s", property="p", value=value, bound=bound, quote="q")


# -- interval -----------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "bound", "expected"), [
    (9, "exact", (9, 9)),
    (0, "exact", (0, 0)),
    (250_000, "approx", (225_000, 275_000)),
    (10, "approx", (9, 11)),
    (12.5, "approx", (11.25, 13.75)),
    (200_000, "at_least", (200_000, INF)),
    (300_000, "at_most", (0, 300_000)),
    ([10, 12], "range", (10, 12)),
    ([7, 7], "range", (7, 7)),
])
def test_interval_of_each_bound(value: Any, bound: str, expected: tuple[float, float]) -> None:
    assert interval(value, bound) == pytest.approx(expected)


def test_claim_without_bound_is_exact() -> None:
    c = Claim(source="a", subject="s", property="p", value=9, quote="q")
    assert c.effective_bound == "exact"
    assert interval(c.value, c.effective_bound) == (9, 9)


# -- overlaps -----------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b", "expected"), [
    ((1, 5), (3, 8), True),        # partly
    ((1, 10), (3, 4), True),       # one inside the other
    ((1, 5), (5, 8), True),        # touching ends
    ((9, 9), (9, 9), True),        # equal points
    ((1, 5), (6, 8), False),       # apart
    ((9, 9), (10, 10), False),     # different points
    ((12, INF), (0, 11), False),   # "at least 12" and "up to 11"
    ((12, INF), (1_000_000, INF), True),
    ((0, 300_000), (1_500, 1_500), True),
    # floating point: 0.9 * 250,000 meets an exact 225,000
    ((0.9 * 250_000, 1.1 * 250_000), (225_000, 225_000), True),
])
def test_overlaps(a: tuple[float, float], b: tuple[float, float], expected: bool) -> None:
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


# -- compatible, for every pair of bounds ---------------------------------------------------
# (value a, bound a, value b, bound b, compatible?) for each unordered pair of bounds; each
# row is checked in both orders, so all 25 ordered pairs are covered. Two pairs can never be
# apart: two "at least" intervals share their top, two "at most" intervals share 0.
PAIRS: list[tuple[Any, str, Any, str, bool]] = [
    (9, "exact", 9, "exact", True),
    (9, "exact", 10, "exact", False),
    (225_000, "exact", 250_000, "approx", True),      # 0.9 x 250,000, the lower end
    (275_000, "exact", 250_000, "approx", True),      # 1.1 x 250,000, the upper end
    (224_999, "exact", 250_000, "approx", False),
    (275_001, "exact", 250_000, "approx", False),
    (12, "exact", 12, "at_least", True),
    (11, "exact", 12, "at_least", False),
    (300_000, "exact", 300_000, "at_most", True),
    (0, "exact", 300_000, "at_most", True),
    (300_001, "exact", 300_000, "at_most", False),
    (11, "exact", [10, 12], "range", True),
    (13, "exact", [10, 12], "range", False),
    (9, "exact", [10, 12], "range", False),
    (250_000, "approx", 300_000, "approx", True),     # [225k, 275k] and [270k, 330k]
    (100, "approx", 150, "approx", False),            # [90, 110] and [135, 165]
    (250_000, "approx", 200_000, "at_least", True),   # "some 250,000" vs "more than 200,000"
    (100, "approx", 111, "at_least", False),
    (100, "approx", 90, "at_most", True),
    (100, "approx", 89, "at_most", False),
    (100, "approx", [110, 120], "range", True),
    (100, "approx", [111, 120], "range", False),
    (12, "at_least", 1_000_000, "at_least", True),
    (10, "at_least", 10, "at_most", True),
    (11, "at_least", 10, "at_most", False),
    (12, "at_least", [10, 12], "range", True),
    (13, "at_least", [10, 12], "range", False),
    (5, "at_most", 5_000_000, "at_most", True),
    (10, "at_most", [10, 12], "range", True),
    (9, "at_most", [10, 12], "range", False),
    ([10, 12], "range", [12, 15], "range", True),
    ([10, 12], "range", [13, 15], "range", False),
]
ALWAYS_OVERLAP = {("at_least", "at_least"), ("at_most", "at_most")}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if BOUNDS.index(a) <= BOUNDS.index(b) else (b, a)


def test_table_covers_every_pair_of_bounds_both_ways() -> None:
    outcomes: dict[tuple[str, str], set[bool]] = {}
    for _, ba, _, bb, expected in PAIRS:
        outcomes.setdefault(_pair(ba, bb), set()).add(expected)
    for pair in combinations_with_replacement(BOUNDS, 2):
        wanted = {True} if pair in ALWAYS_OVERLAP else {True, False}
        assert outcomes.get(pair) == wanted, pair


@pytest.mark.parametrize("ptype", ["count", "number"])
@pytest.mark.parametrize("order", ["a-b", "b-a"])
@pytest.mark.parametrize(("va", "ba", "vb", "bb", "expected"), PAIRS,
                         ids=[f"{r[1]}-{r[3]}-{'ok' if r[4] else 'apart'}-{i}"
                              for i, r in enumerate(PAIRS)])
def test_compatible_for_every_pair_of_bounds(va: Any, ba: str, vb: Any, bb: str,
                                             expected: bool, order: str, ptype: str) -> None:
    a, b = claim(va, ba), claim(vb, bb)
    if order == "b-a":
        a, b = b, a
    assert compatible(a, b, ptype) is expected


# -- symmetry -----------------------------------------------------------------------------
# Counts of realistic size, and numbers with two decimals (amounts, percentages).
NUMBERS = st.integers(0, 10**6) | st.floats(0, 1e5).map(lambda x: round(x, 2))


@st.composite
def numeric_claims(draw: st.DrawFn, numbers: st.SearchStrategy[Any] = NUMBERS) -> Claim:
    bound = draw(st.sampled_from(BOUNDS))
    if bound == "range":
        low, high = sorted((draw(numbers), draw(numbers)))
        return claim([low, high], bound)
    return claim(draw(numbers), bound)


@settings(max_examples=150, deadline=None)
@given(numeric_claims(), numeric_claims())
def test_compatible_is_symmetric(a: Claim, b: Claim) -> None:
    assert compatible(a, b, "number") == compatible(b, a, "number")


@settings(max_examples=150, deadline=None)
@given(numeric_claims(), numeric_claims())
def test_compatible_means_intervals_share_a_point(a: Claim, b: Claim) -> None:
    (la, ha), (lb, hb) = interval(a.value, a.effective_bound), interval(b.value, b.effective_bound)
    if compatible(a, b, "number"):
        assert max(la, lb) <= min(ha, hb) + 1e-6 * max(1.0, la, lb)
    else:
        assert max(la, lb) > min(ha, hb)


# Once asymmetric: the float tolerance came from the first interval only (1e-9 of it).
@settings(max_examples=100, deadline=None)
@given(numeric_claims(st.integers(0, 10**12)), numeric_claims(st.integers(0, 10**12)))
@example(claim(10, "at_most"), claim([11, 10_000_000_000], "range"))
@example(claim(10, "exact"), claim([11, 10_000_000_000], "range"))
def test_compatible_is_symmetric_for_large_counts(a: Claim, b: Claim) -> None:
    assert compatible(a, b, "count") == compatible(b, a, "count")


# Once taken as the same: the float tolerance was 1e-9 of the magnitude (1 at a billion).
@pytest.mark.parametrize(("a", "b"), [
    (1_000_000_000, 1_000_000_001),
    (60_000_000_000, 60_000_000_050),
])
def test_different_exact_counts_are_never_compatible(a: int, b: int) -> None:
    assert not compatible(claim(a, "exact"), claim(b, "exact"), "count")
