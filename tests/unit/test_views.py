"""The pieces behind the editors' views: name lookup, compact numbers, cell relations and
timeline order (the CLI tests in test_editor_views.py cover them end to end)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.lookup import Unknown, resolve
from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.values import short_number
from mou_reconcile.views.matrix import relation

NAMES = ["jwg-dec22", "jwg-skills", "pm-beijing", "pm", "Spin-B2B"]


@pytest.mark.parametrize(("query", "found"), [
    ("pm", "pm"),                 # an exact name wins over being a prefix of another
    ("pm-", "pm-beijing"),
    ("jwg-d", "jwg-dec22"),
    ("spin", "Spin-B2B"),         # prefixes match regardless of case
])
def test_resolve_exact_or_unique_prefix(query: str, found: str) -> None:
    assert resolve(query, NAMES, "source") == found


def test_resolve_ambiguous_prefix_lists_the_candidates() -> None:
    with pytest.raises(Unknown) as info:
        resolve("jwg", NAMES, "source")
    assert info.value.matches == ["jwg-dec22", "jwg-skills"]
    assert "matches several sources: jwg-dec22, jwg-skills" in info.value.message("x.yaml")


def test_resolve_miss_suggests_the_closest_name() -> None:
    with pytest.raises(Unknown) as info:
        resolve("pm-bejing", NAMES, "source")
    assert info.value.message("x.yaml") == (
        "no source 'pm-bejing' in x.yaml; did you mean 'pm-beijing'?")


def test_resolve_miss_without_anything_close_says_so_plainly() -> None:
    with pytest.raises(Unknown) as info:
        resolve("zzzz", NAMES, "fact")
    assert info.value.message("x.yaml") == "no fact 'zzzz' in x.yaml"


@pytest.mark.parametrize(("value", "shown"), [
    (9, "9"), (1500, "1,500"), (9999, "9,999"), (10_000, "10k"), (12_345, "12.3k"),
    (300_000, "300k"), (999_999, "1M"), (1_500_000, "1.5M"), (60e9, "60bn"),
    (2.5e12, "2.5tn"), (-20_000, "-20k"), (0.5, "0.5"),
])
def test_short_number(value: float, shown: str) -> None:
    assert short_number(value) == shown


@given(st.floats(min_value=1e4, max_value=1e15), st.booleans())
def test_short_number_is_short_and_keeps_sign_and_scale(v: float, negative: bool) -> None:
    v = -v if negative else v
    text = short_number(v)
    assert text.startswith("-") == negative
    body = text.lstrip("-")
    suffix = body.lstrip("0123456789.,")
    assert suffix in ("k", "M", "bn", "tn")
    assert len(body) <= 6 or suffix == "tn"  # beyond 999tn the figure itself grows
    scale = {"k": 1e3, "M": 1e6, "bn": 1e9, "tn": 1e12}[suffix]
    shown = float(body[: -len(suffix)].replace(",", ""))
    assert shown * scale == pytest.approx(abs(v), rel=0.006)  # three significant digits


def entry(value: Any, bound: str | None = None, i: int = 0) -> ClaimEntry:
    return ClaimEntry(i, f"c{i}", Claim(source="s", subject="x", property="p", value=value,
                                       bound=bound, quote="q"))


@pytest.mark.parametrize(("a", "b", "multi", "expected"), [
    (entry(9), entry(9.0), False, "same"),
    (entry(9), entry(10, "approx"), False, "compatible"),
    (entry(1500), entry(300_000, "at_most"), False, "compatible"),
    (entry(300_000), entry(300_000, "at_most"), False, "compatible"),  # a ceiling is no count
    (entry(9), entry(24), False, "contradicting"),
    (entry(9), entry(24), True, "other"),  # several values of a multi fact can all be right
])
def test_relation_of_two_claims(a: ClaimEntry, b: ClaimEntry, multi: bool,
                                expected: str) -> None:
    assert relation(a, b, "count", multi) == expected
    assert relation(b, a, "count", multi) == expected  # symmetric


def _pairwise(by_source: dict[str, list[ClaimEntry]], sid: str, multi: bool
              ) -> dict[str, tuple[str, ...]]:
    """A cell's related sources as the matrix defines them: every pair of claims."""
    out: dict[str, list[str]] = {"same": [], "compatible": [], "contradicting": []}
    for other, theirs in by_source.items():
        if other != sid:
            found = {relation(a, b, "count", multi) for a in by_source[sid] for b in theirs}
            for kind, sources in out.items():
                if kind in found:
                    sources.append(other)
    return {k: tuple(v) for k, v in out.items()}


@given(st.lists(st.lists(st.tuples(st.sampled_from([9, 10, 11, 24, 300]),
                                   st.sampled_from([None, "approx", "at_most"])),
                         min_size=1, max_size=3), min_size=1, max_size=8), st.booleans())
def test_cells_relate_value_by_value_as_pair_by_pair(sources: list[list[tuple[int, str | None]]],
                                                     multi: bool) -> None:
    """The matrix relates a fact's claims once per pair of distinct values (a fact with
    thousands of sources stays near-linear); the answer is the pairwise one, and the
    state is the one the lists give."""
    from mou_reconcile.views.matrix import _cell, _Related

    by_source = {f"s{i}": [entry(v, b, i * 10 + j) for j, (v, b) in enumerate(claims)]
                 for i, claims in enumerate(sources)}
    related = _Related(by_source, "count", multi)
    for sid in by_source:
        cell = _cell(sid, by_source, "count", related, {}, {})
        want = _pairwise(by_source, sid, multi)
        assert (cell.same, cell.compatible, cell.contradicting) == (
            want["same"], want["compatible"], want["contradicting"])
        support = len(set(want["same"]) | set(want["compatible"]))
        state = ("differ" if len(want["contradicting"]) >= max(1, support) else "agree"
                 if want["same"] else "compatible" if want["compatible"] else "alone")
        assert cell.state == state


def test_html_matrix_tables_hold_whole_subjects_and_only_their_sources() -> None:
    """The HTML matrix grows with the findings: a table per run of subjects whose stating
    sources fit MATRIX_COLUMNS, each with only those sources, in corpus order."""
    from mou_reconcile.reporters.html_reporter import MATRIX_COLUMNS, _blocks
    from mou_reconcile.views.matrix import Cell, Matrix, Row

    def row(subject: str, prop: str, sources: list[str]) -> Row:
        cells = {s: Cell(s, (entry(1),), "1", "1") for s in sources}
        return Row(f"{subject}.{prop}", subject, prop, "count", False, None, cells, None)

    everyone = [f"s{i:02d}" for i in range(40)]
    rows = [row("a", "x", ["s03", "s01"]), row("a", "y", ["s02"]),
            row("b", "x", everyone[10:10 + MATRIX_COLUMNS]),  # a full table alone
            row("c", "x", ["s39"]), row("d", "x", ["s38", "s01"])]
    blocks = _blocks(Matrix(everyone, rows))
    assert [([r.fact for r in rs], cols) for cols, rs in blocks] == [
        (["a.x", "a.y"], ["s01", "s02", "s03"]),
        (["b.x"], everyone[10:10 + MATRIX_COLUMNS]),
        (["c.x", "d.x"], ["s01", "s38", "s39"]),
    ]
