"""Conflict, scope, rounding, dispute and misreport between a fact's claims: the fast search
finds what comparing every pair finds, in the same order, and thousands of claims take well
under a second."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import Claim
from mou_reconcile.reconcile import disagreements as pairs
from mou_reconcile.reconcile.disagreements import with_keys


def entry(i: int, value: Any, bound: str | None = None,
          context: dict[str, Any] | None = None, by: str | None = None) -> ClaimEntry:
    claim = Claim(source="a", subject="s", property="p", value=value, bound=bound,
                  context=context, attributed_to=by, quote="q")
    return ClaimEntry(i, f"c{i}", claim)


def disagreements(entries: list[ClaimEntry], ptype: str) -> list[str]:
    return pairs.disagreements(with_keys(entries, ptype), ptype)


def every_pair(entries: list[ClaimEntry], ptype: str) -> list[str]:
    """The definition: every pair of claims, in file order (rounding, looked up apart, may
    come last)."""
    kinds: list[str] = []
    for i, a in enumerate(entries):
        for b in entries[i + 1:]:
            kind = pairs.pair_kind(a, b, ptype)
            if kind is not None and kind not in kinds:
                kinds.append(kind)
    return kinds


numbers = st.sampled_from([0, 1, 9, 10, 11, 12, 250, 1500, 300_000, 2.5, 10_000, 10_100,
                           1_200_000, 1_272_000])
authorities = st.sampled_from([None, None, "un", "ministry"])
contexts = st.none() | st.dictionaries(st.sampled_from(["event", "as_of"]),
                                       st.sampled_from(["x", "y", "2026"]), max_size=2)


@st.composite
def numeric_claims(draw: st.DrawFn) -> list[ClaimEntry]:
    out = []
    for i in range(draw(st.integers(0, 8))):
        bound = draw(st.sampled_from([None, "approx", "at_least", "at_most", "range"]))
        value: Any = sorted([draw(numbers), draw(numbers)]) if bound == "range" else draw(numbers)
        out.append(entry(i, value, bound, draw(contexts), draw(authorities)))
    return out


@settings(max_examples=300, deadline=None)
@given(numeric_claims(), st.sampled_from(["count", "number"]))
def test_numbers_as_every_pair_finds(entries: list[ClaimEntry], ptype: str) -> None:
    found, want = disagreements(entries, ptype), every_pair(entries, ptype)
    assert sorted(found) == sorted(want)
    assert [k for k in found if k != "rounding"] == [k for k in want if k != "rounding"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "A", "b", "c"]), contexts), max_size=8),
       st.sampled_from(["text", "entity"]))
def test_texts_as_every_pair_finds(items: list[tuple[str, Any]], ptype: str) -> None:
    entries = [entry(i, v, None, ctx) for i, (v, ctx) in enumerate(items)]
    assert disagreements(entries, ptype) == every_pair(entries, ptype)


def test_thousands_of_claims_on_one_fact_are_fast() -> None:
    # Regression: comparing every pair took 13 s per command for 3,000 claims of one fact
    # (a claims file within the size limit could hold 45,000: hours).
    cases = [
        [entry(i, i) for i in range(3000)],  # all differ: conflict
        [entry(i, i, context={"as_of": str(i)}) for i in range(3000)],  # a series: scope
        [entry(i, i, "at_least") for i in range(3000)],  # all compatible
        [entry(i, 7, context={"n": str(i % 2)}) for i in range(3000)],  # the same figure
    ]
    start = time.perf_counter()
    kinds = [disagreements(c, "count") for c in cases]
    # 0..2999 all differ; some pairs are one figure rounded (100 and 101)
    assert kinds == [["conflict", "rounding"], ["scope"], [], []]
    assert time.perf_counter() - start < 2.0
    # Attributed: one authority quoted 3,000 ways, then two authorities' series.
    start = time.perf_counter()
    credited = [[entry(i, i * 7, by="un") for i in range(1, 3000)],
                [entry(i, i * 7, by="un" if i % 2 else "mod") for i in range(1, 3000)]]
    assert [disagreements(c, "count") for c in credited] == [
        ["misreport", "rounding"], ["dispute", "misreport", "rounding"]]  # 707 is 700 rounded
    assert time.perf_counter() - start < 2.0
    assert time.perf_counter() - start < 2.0


def rounding_every_pair(entries: list[ClaimEntry]) -> list[str]:
    """The rounding hints' definition: every pair, in file order, each message once."""
    from mou_reconcile.corpus.values import fmt_number, rounded
    from mou_reconcile.reconcile.kinds.rounding import _places

    out = []
    for i, a in enumerate(entries):
        for b in entries[i + 1:]:
            if rounded(a.claim, b.claim):
                coarse, fine = (a, b) if _places(a) < _places(b) else (b, a)
                out.append(f"{fmt_number(coarse.claim.value)} ({coarse.claim.source}) is "
                           f"{fmt_number(fine.claim.value)} ({fine.claim.source}) rounded: "
                           "a difference of precision, not of fact")
    return list(dict.fromkeys(out))


roundish = st.sampled_from([5, 10, 12, 100, 120, 1000, 1200, 10_000, 1.2e6, 1_272_000, 4960,
                            5000, 10_100, 707, 700, 0.5, 0.48, 2.5, 2.46, 1e-6, 1.2e-6,
                            12_345_678_901_234_567])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(roundish | st.integers(1, 20_000) | st.floats(0.001, 1e7),
                          st.sampled_from(["a", "b", "c"]),
                          st.sampled_from([None, None, "approx"])), max_size=10))
def test_rounding_hints_as_every_pair_finds(items: list[tuple[Any, str, Any]]) -> None:
    from mou_reconcile.reconcile.kinds.rounding import hints

    entries = []
    for i, (value, source, bound) in enumerate(items):
        claim = Claim(source=source, subject="s", property="p", value=value, bound=bound,
                      quote="q")
        entries.append(ClaimEntry(i, f"c{i}", claim))
    assert hints(entries, "number") == rounding_every_pair(entries)


def test_rounding_hints_of_a_thousand_figures_look_up_not_compare() -> None:
    from mou_reconcile.reconcile.kinds import rounding

    entries = [ClaimEntry(i, f"c{i}", Claim(source="a", subject="s", property="p", value=v,
                                            quote="q")) for i, v in enumerate(range(1, 1001))]
    calls = 0
    real = rounding.rounded

    def counted(a: Claim, b: Claim) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    rounding.rounded = counted
    try:
        found = rounding.hints(entries, "count")
    finally:
        rounding.rounded = real
    assert found == rounding_every_pair(entries)
    assert calls < 20 * len(entries)  # pair by pair: 499,500


def test_figures_past_a_floats_whole_numbers_are_no_rounding_and_no_crash() -> None:
    # Regression (found by the fuzzer): 1e308 / 0.001 is infinite, and math.floor raised
    # OverflowError in both the rounding lookup and the rounding hints.
    from mou_reconcile.reconcile.kinds.rounding import hints

    entries = [entry(0, 1e308), entry(1, 0.0010000000000000002), entry(2, 12_345_678_901_234_567)]
    assert hints(entries, "number") == rounding_every_pair(entries) == []
    assert disagreements(entries, "number") == every_pair(entries, "number") == ["conflict"]
