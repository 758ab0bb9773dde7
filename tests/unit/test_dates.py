"""Partial dates (`dates.parse`, `contains`, `agree`) and dates mentioned in text (`mentions`).

Spec: a date value is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; "a partial date agrees with any
date it contains"; a quote supports a date when "a date appears in some common form".
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.text import dates


@pytest.mark.parametrize(("value", "parsed"), [
    ("2025", (2025,)),
    (2025, (2025,)),  # YAML 1.2 reads an unquoted 2025 as an int
    ("2025-09", (2025, 9)),
    ("2025-09-08", (2025, 9, 8)),
    ("2024-02-29", (2024, 2, 29)),  # leap day
    ("2025-12-31", (2025, 12, 31)),
])
def test_parse_valid(value: str | int, parsed: tuple[int, ...]) -> None:
    assert dates.parse(value) == parsed


@pytest.mark.parametrize("value", [
    "2025-02-30", "2023-02-29", "2025-04-31",  # no such day
    "2025-13", "2025-00", "2025-00-10", "2025-09-00", "2025-09-32",  # no such month/day
    "0000",  # no year zero
    "2025-9-8", "25-09-08", "2025/09/08", "08-09-2025", "2025-09-08T10:00",
    "", " 2025", "2025 ", "September 2025", "twenty25",
])
def test_parse_invalid(value: str) -> None:
    assert dates.parse(value) is None


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_round_trips_every_real_date(d: date) -> None:
    text = d.isoformat()
    assert dates.parse(text) == (d.year, d.month, d.day)
    assert dates.parse(text[:7]) == (d.year, d.month)
    assert dates.format_date((d.year, d.month, d.day)) == text


@pytest.mark.parametrize(("text", "found"), [
    ("signed on 2025-09-08", [(2025, 9, 8)]),
    ("as of 2025-09", [(2025, 9)]),
    ("8 September 2025", [(2025, 9, 8)]),
    ("on 8th of September", [(0, 9, 8)]),
    ("on 22 December", [(0, 12, 22)]),
    ("September 8, 2025", [(2025, 9, 8)]),
    ("Sept. 8", [(0, 9, 8)]),
    ("Sep 2025", [(2025, 9)]),
    ("September, 2025", [(2025, 9)]),
    ("in March 2025", [(2025, 3)]),
    ("May 5", [(0, 5, 5)]),
    ("in November", [(0, 11)]),
    ("in 2015", [(2015,)]),
    ("from 2024 to 2025", [(2024,), (2025,)]),
    ("December 22, 2025 and in 2026", [(2025, 12, 22), (2026,)]),
    # month names that are also verbs are dates only with a day or year
    ("they may sign", []),
    ("the troops march on", []),
    # numbers that merely look like years
    ("Rs 2,015 was paid", []),
    ("a 2015.5 reading", []),
    ("account 12025", []),
    ("nine MoUs", []),
])
def test_mentions(text: str, found: list[tuple[int, ...]]) -> None:
    assert sorted(dates.mentions(text)) == sorted(found)


def test_one_date_is_mentioned_once() -> None:
    # "8 September 2025" must not also yield "2025" or "September" on its own
    assert dates.mentions("the deal of 8 September 2025") == [(2025, 9, 8)]


@pytest.mark.parametrize(("outer", "inner", "expected"), [
    ((2025,), (2025,), True),
    ((2025,), (2025, 9), True),
    ((2025,), (2025, 9, 8), True),
    ((2025, 9), (2025, 9, 8), True),
    ((2025, 9, 8), (2025, 9, 8), True),
    ((2025, 9), (2025,), False),  # a year does not lie within one month
    ((2025, 9, 8), (2025, 9), False),
    ((2025,), (2024, 9), False),
    ((2025, 9), (2025, 10, 1), False),
    ((2025, 9, 8), (2025, 9, 9), False),
    # year 0 in the mention: the text gave no year
    ((2025, 9), (0, 9), True),
    ((2025, 9, 8), (0, 9, 8), True),
    ((2025, 9, 8), (0, 9, 9), False),
    ((2025, 10), (0, 9, 8), False),
])
def test_contains(outer: tuple[int, ...], inner: tuple[int, ...], expected: bool) -> None:
    assert dates.contains(outer, inner) is expected


@pytest.mark.parametrize(("a", "b", "expected"), [
    ((2025, 9), (2025, 9, 8), True),
    ((2025, 9, 8), (2025, 9), True),
    ((2025,), (2025, 12, 22), True),
    ((2025, 9), (2025, 10), False),
    ((2025,), (2024,), False),
    ((2025, 9, 8), (2025, 9, 9), False),
])
def test_agree(a: tuple[int, ...], b: tuple[int, ...], expected: bool) -> None:
    assert dates.agree(a, b) is expected
    assert dates.agree(b, a) is expected


_partial = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([(d.year,), (d.year, d.month), (d.year, d.month, d.day)]))


def _days(p: tuple[int, ...]) -> tuple[date, date]:
    """The first and last day of a partial date."""
    if len(p) == 3:
        return date(*p), date(*p)
    if len(p) == 2:
        nxt = date(p[0] + (p[1] == 12), p[1] % 12 + 1, 1)
        return date(p[0], p[1], 1), nxt - timedelta(days=1)
    return date(p[0], 1, 1), date(p[0], 12, 31)


@settings(max_examples=200, deadline=None)
@given(_partial, _partial)
def test_contains_matches_day_intervals(outer: tuple[int, ...], inner: tuple[int, ...]) -> None:
    (o1, o2), (i1, i2) = _days(outer), _days(inner)
    assert dates.contains(outer, inner) is (o1 <= i1 and i2 <= o2)
    # partial dates either nest or are disjoint, so agreeing is overlapping
    assert dates.agree(outer, inner) is (i1 <= o2 and o1 <= i2)


# --- regressions: bugs found while writing these tests (fixed since) -----------------------

# bare "june"/"july" were excluded by a len > 4 rule meant for abbreviations
@pytest.mark.parametrize(("text", "month"), [("signed in June", 6), ("signed in July", 7)])
def test_bare_june_and_july_are_months(text: str, month: int) -> None:
    assert dates.mentions(text) == [(0, month)]


# a decade was read as its first year: "1990s" -> 1990
@pytest.mark.parametrize("text", ["in the 1990s", "in the 1990's"])
def test_a_decade_is_not_a_year(text: str) -> None:
    assert (1990,) not in dates.mentions(text)


# DATE_PATTERN ended with `$`, which matches before a trailing newline
@pytest.mark.parametrize("value", ["2025\n", "2025-09-08\n"])
def test_parse_refuses_a_trailing_newline(value: str) -> None:
    assert dates.parse(value) is None


# year 0 (not given) was a wildcard even when the value is only a year, so "in September"
# supported the date 2025
def test_a_month_without_a_year_does_not_support_a_bare_year() -> None:
    assert not dates.contains((2025,), (0, 9))
    assert not dates.contains((2025,), (0, 9, 8))
