"""Quantities in English news text (`numbers.find_quantities`).

The expectations come from the claims-format spec ("Values", "What check verifies") and
NOTES.md ("Numbers in text"): digits with or without thousands separators, scale words,
English number words, hedges mapped to bounds, and numbers inside names and codes ("5G",
"SKY47", "Sky4.7") that are not numbers at all.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.text.numbers import Quantity, find_quantities

# (phrase, value, kind, hedge, high): the phrase holds exactly one quantity.
CASES: list[tuple[str, float, str, str | None, float | None]] = [
    # digits, with and without thousands separators, and decimals
    ("1,500", 1_500, "cardinal", None, None),
    ("1500", 1_500, "cardinal", None, None),
    ("300,000", 300_000, "cardinal", None, None),
    ("The ministry will train 300,000 people", 300_000, "cardinal", None, None),
    ("10,000,000", 10_000_000, "cardinal", None, None),
    ("they signed 24 MoUs", 24, "cardinal", None, None),
    ("1,500.75", 1_500.75, "cardinal", None, None),
    ("a 2.5 percent rise", 2.5, "cardinal", None, None),
    ("growth of 0.75 points", 0.75, "cardinal", None, None),
    # scale words and suffixes
    ("1.5 million", 1_500_000, "cardinal", None, None),
    ("$60 billion", 60_000_000_000, "cardinal", None, None),
    ("US$ 2.5 billion", 2_500_000_000, "cardinal", None, None),
    ("3 lakh", 300_000, "cardinal", None, None),
    ("2 crore", 20_000_000, "cardinal", None, None),
    ("Rs 2 crores", 20_000_000, "cardinal", None, None),
    ("5bn", 5_000_000_000, "cardinal", None, None),
    ("$1.5bn", 1_500_000_000, "cardinal", None, None),
    ("10k", 10_000, "cardinal", None, None),
    ("2mn", 2_000_000, "cardinal", None, None),
    ("7 trillion", 7_000_000_000_000, "cardinal", None, None),
    ("4 thousand", 4_000, "cardinal", None, None),
    # English number words
    ("nine", 9, "cardinal", None, None),
    ("signing nine Memoranda of Understanding (MoUs)", 9, "cardinal", None, None),
    ("sixteen", 16, "cardinal", None, None),
    ("twenty-four", 24, "cardinal", None, None),
    ("twenty four", 24, "cardinal", None, None),
    ("ninety-nine", 99, "cardinal", None, None),
    ("three hundred thousand", 300_000, "cardinal", None, None),
    ("one hundred and five", 105, "cardinal", None, None),
    ("nine hundred ninety-nine", 999, "cardinal", None, None),
    ("fifty-five thousand", 55_000, "cardinal", None, None),
    ("a hundred", 100, "cardinal", None, None),
    ("a million", 1_000_000, "cardinal", None, None),
    ("two million", 2_000_000, "cardinal", None, None),
    ("twelve hundred", 1_200, "cardinal", None, None),
    ("zero", 0, "cardinal", None, None),
    # ordinals
    ("second", 2, "ordinal", None, None),
    ("the eighth round", 8, "ordinal", None, None),
    ("twenty-first", 21, "ordinal", None, None),
    ("the first MoU", 1, "ordinal", None, None),
    ("the fortieth anniversary", 40, "ordinal", None, None),
    ("hundredth", 100, "ordinal", None, None),
    # multipliers
    ("tenfold", 10, "multiplier", None, None),
    ("a 10-fold increase", 10, "multiplier", None, None),
    ("threefold", 3, "multiplier", None, None),
    ("a 2.5-fold rise", 2.5, "multiplier", None, None),
    # ranges: value is the low end, high the upper end; a scale applies to both ends
    ("10-12", 10, "cardinal", None, 12),
    ("10 to 12", 10, "cardinal", None, 12),
    ("ten to twelve", 10, "cardinal", None, 12),
    ("10–12 million", 10_000_000, "cardinal", None, 12_000_000),
    ("5—7", 5, "cardinal", None, 7),
    ("1.5-2 million", 1_500_000, "cardinal", None, 2_000_000),
    ("3 to 4 lakh", 300_000, "cardinal", None, 400_000),
    ("500,000-1 million", 500_000, "cardinal", None, 1_000_000),
    ("up to 10-12 MoUs", 10, "cardinal", "at_most", 12),
    # "between X and Y" is the range "X to Y"; the scale applies to both ends
    ("between 10 and 12", 10, "cardinal", None, 12),
    ("between one and two million", 1_000_000, "cardinal", None, 2_000_000),
    ("between 1 and 2 million", 1_000_000, "cardinal", None, 2_000_000),
    ("between $1 billion and $2 billion", 1_000_000_000, "cardinal", None, 2_000_000_000),
    ("between one hundred and fifty and two hundred", 150, "cardinal", None, 200),
    ("Between 800,000 and a million", 800_000, "cardinal", None, 1_000_000),
    ("between half a million and 680,000", 500_000, "cardinal", None, 680_000),
    # hedges -> bounds (spec: approx "around/nearly/some", at_least "more than/at least/over",
    # at_most "up to/as high as")
    ("train up to 300,000 people", 300_000, "cardinal", "at_most", None),
    ("Up To 5", 5, "cardinal", "at_most", None),
    ("as many as 24", 24, "cardinal", "at_most", None),
    ("as high as $1.5bn", 1_500_000_000, "cardinal", "at_most", None),
    ("fewer than ten", 10, "cardinal", "at_most", None),
    ("more than 1,500", 1_500, "cardinal", "at_least", None),
    ("over 200", 200, "cardinal", "at_least", None),
    ("at least nine", 9, "cardinal", "at_least", None),
    ("in excess of 100", 100, "cardinal", "at_least", None),
    ("about 40", 40, "cardinal", "approx", None),
    ("around 3 lakh", 300_000, "cardinal", "approx", None),
    ("nearly 2 crore", 20_000_000, "cardinal", "approx", None),
    ("some 500 students", 500, "cardinal", "approx", None),
    ("approximately 7,000", 7_000, "cardinal", "approx", None),
    ("roughly 7.5 million", 7_500_000, "cardinal", "approx", None),
    ("almost twenty", 20, "cardinal", "approx", None),
    ("estimated at around $60 billion", 60_000_000_000, "cardinal", "approx", None),
    # forecasts give a ceiling; "nearly", "close to", "just under": a bit under, approx
    ("the toll could climb to 5,000", 5_000, "cardinal", "at_most", None),
    ("could rise to 600", 600, "cardinal", "at_most", None),
    ("the count may reach 400,000", 400_000, "cardinal", "at_most", None),
    ("could reach\n10,000", 10_000, "cardinal", "at_most", None),
    ("might reach 50", 50, "cardinal", "at_most", None),
    ("upwards of 200", 200, "cardinal", "at_least", None),
    ("no fewer than 12", 12, "cardinal", "at_least", None),
    ("well over 1,000", 1_000, "cardinal", "at_least", None),
    ("close to 1,000", 1_000, "cardinal", "approx", None),
    ("closer to 10,000", 10_000, "cardinal", "approx", None),
    ("just under 10,000", 10_000, "cardinal", "approx", None),
    ("an estimated 180", 180, "cardinal", "approx", None),
    ("estimated 7,000", 7_000, "cardinal", "approx", None),
    ("half a million", 500_000, "cardinal", None, None),
    ("more than half a million", 500_000, "cardinal", "at_least", None),
    # a forecast verb in the past tense is no hedge
    ("the toll rose to 600", 600, "cardinal", None, None),
    ("the count reached 10,000", 10_000, "cardinal", None, None),
    # a hedge must stand right before the number
    ("over the next two years", 2, "cardinal", None, None),
    ("Moreover, 5 firms joined", 5, "cardinal", None, None),
]

# Numbers inside names, codes and ISO dates are not quantities; nor are words that merely
# contain a number word.
NO_QUANTITY = [
    "5G", "6G", "5G/6G", "the 5G network", "SKY47", "Sky4.7", "B2B", "G2G",
    "B2B and G2G deals", "COVID19", "2025-09-08", "2025-09", "H2O MP3 A4",
    "someone often attends", "nonetheless",
]


def _check_single(phrase: str, value: float, kind: str, hedge: str | None,
                  high: float | None) -> Quantity:
    found = find_quantities(phrase)
    assert len(found) == 1, found
    q = found[0]
    assert q.value == pytest.approx(value)
    assert q.kind == kind
    assert q.hedge == hedge
    if high is None:
        assert q.high is None
    else:
        assert q.high == pytest.approx(high)
    assert q.text == phrase[q.start:q.end]
    return q


@pytest.mark.parametrize(("phrase", "value", "kind", "hedge", "high"), CASES,
                         ids=[c[0] for c in CASES])
def test_quantity_table(phrase: str, value: float, kind: str, hedge: str | None,
                        high: float | None) -> None:
    _check_single(phrase, value, kind, hedge, high)


@pytest.mark.parametrize("phrase", NO_QUANTITY)
def test_false_friends_are_not_quantities(phrase: str) -> None:
    assert find_quantities(phrase) == []


def test_several_quantities_in_order_with_spans() -> None:
    text = "On 2025-09-08 they signed 24 MoUs: 16 B2B, seven G2B and one G2G."
    found = find_quantities(text)
    assert [q.value for q in found] == [24, 16, 7, 1]
    assert [q.text for q in found] == ["24", "16", "seven", "one"]
    assert all(text[q.start:q.end] == q.text for q in found)


def test_descending_pair_is_not_a_range() -> None:
    found = find_quantities("scores went from 10 to 9")
    assert [(q.value, q.high) for q in found] == [(10, None), (9, None)]


def test_hedged_range_keeps_the_hedge_of_its_low_end() -> None:
    q = _check_single("nearly 10-12 million", 10_000_000, "cardinal", "approx", 12_000_000)
    assert q.text == "10-12 million"


# --- regressions: bugs found while writing these tests (fixed since) -----------------------

REGRESSIONS = [
    # the scale of a word range was applied to low * whole high end: 120,000,000
    pytest.param("ten to twelve million", 10_000_000, "cardinal", None, 12_000_000,
                 id="word-range-with-scale"),
    pytest.param("1 to 2 thousand", 1_000, "cardinal", None, 2_000, id="range-thousand"),
    # a compound ordinal added a scale ordinal instead of multiplying: 101, 1002
    pytest.param("one hundredth", 100, "ordinal", None, None, id="one-hundredth"),
    pytest.param("the two thousandth visitor", 2_000, "ordinal", None, None,
                 id="two-thousandth"),
    # at_most hedges were tried first, and "fewer than" matched inside "no fewer than"
    pytest.param("no fewer than 10", 10, "cardinal", "at_least", None, id="no-fewer-than"),
    pytest.param("no less than 10", 10, "cardinal", "at_least", None, id="no-less-than"),
    pytest.param("no more than 10", 10, "cardinal", "at_most", None, id="no-more-than"),
    # text2num knows no lakh/crore; the run fell back to single words: 3, 2
    pytest.param("three lakh people", 300_000, "cardinal", None, None, id="three-lakh"),
    pytest.param("two crore rupees", 20_000_000, "cardinal", None, None, id="two-crore"),
    pytest.param("a lakh", 100_000, "cardinal", None, None, id="a-lakh"),
    pytest.param("five lakh fifty thousand", 550_000, "cardinal", None, None,
                 id="lakh-and-thousands"),
    # South Asian digit grouping was read as its first group: 1
    pytest.param("Rs 1,50,000 was paid", 150_000, "cardinal", None, None, id="lakh-grouping"),
    pytest.param("12,34,56,789", 123_456_789, "cardinal", None, None, id="crore-grouping"),
]


@pytest.mark.parametrize(("phrase", "value", "kind", "hedge", "high"), REGRESSIONS)
def test_quantity_regressions(phrase: str, value: float, kind: str, hedge: str | None,
                              high: float | None) -> None:
    _check_single(phrase, value, kind, hedge, high)


# A decimal or separated number glued to letters used to backtrack to its leading digits:
# '5.5G' -> 5, '4.7GHz' -> 4, '1,500km' -> 1.
@pytest.mark.parametrize("phrase", ["5.5G", "4.7GHz", "1,500km", "the 2.5GW plant"])
def test_decimal_or_separated_number_glued_to_letters_is_not_a_quantity(phrase: str) -> None:
    assert find_quantities(phrase) == []


# --- properties --------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**15), separators=st.booleans())
def test_any_integer_is_found_with_or_without_separators(n: int, separators: bool) -> None:
    shown = f"{n:,}" if separators else str(n)
    found = find_quantities(f"They signed {shown} agreements.")
    assert [(q.value, q.text, q.kind, q.hedge) for q in found] == [(n, shown, "cardinal", None)]


# Suffixes that legitimately make a glued number a quantity ("5k", "5bn", "5fold") or could
# make it an ordinal ("21st"): excluded from the "glued is a code" property.
_UNIT_SUFFIXES = {"k", "mn", "bn", "tn", "fold", "st", "nd", "rd", "th"}
_letters = st.text(alphabet=string.ascii_letters, min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(prefix=_letters, n=st.integers(min_value=0, max_value=10**9),
       form=st.sampled_from(["plain", "separators", "decimal"]))
def test_number_glued_to_letters_before_is_never_found(prefix: str, n: int, form: str) -> None:
    shown = {"plain": str(n), "separators": f"{n:,}", "decimal": f"{n}.{n % 10}"}[form]
    assert find_quantities(f"the {prefix}{shown} network") == []


@settings(max_examples=150, deadline=None)
@given(suffix=_letters.filter(lambda s: s.lower() not in _UNIT_SUFFIXES),
       n=st.integers(min_value=0, max_value=10**9),
       form=st.sampled_from(["plain", "separators", "decimal"]))
def test_number_glued_to_letters_after_is_never_found(suffix: str, n: int, form: str) -> None:
    shown = {"plain": str(n), "separators": f"{n:,}", "decimal": f"{n}.{n % 10}"}[form]
    assert find_quantities(f"the {shown}{suffix} network") == []


@pytest.mark.parametrize(("phrase", "value"), [("the 21st century", 21), ("its 8th centre", 8),
                                                ("the 2nd conference", 2), ("the 3rd MoU", 3)])
def test_digit_ordinals_are_ordinals(phrase: str, value: int) -> None:
    (q,) = find_quantities(phrase)
    assert (q.value, q.kind) == (value, "ordinal")


def test_a_hedge_attaches_to_the_number_it_precedes_only() -> None:
    text = "the toll could rise to 600, with 300 missing and 12 dead"
    assert [(q.value, q.bound) for q in find_quantities(text)] == [
        (600, "at_most"), (300, "exact"), (12, "exact")]
    text = "reduced from more than 2,000 to around 1,300"  # falling: no range
    assert [(q.value, q.bound) for q in find_quantities(text)] == [
        (2_000, "at_least"), (1_300, "approx")]
    text = "could reach 10,000 after 1,000 were counted"
    assert [(q.value, q.bound) for q in find_quantities(text)] == [
        (10_000, "at_most"), (1_000, "exact")]


def test_and_makes_a_range_only_after_between() -> None:
    assert [(q.value, q.high) for q in find_quantities("10 and 12 shelters")] == [
        (10, None), (12, None)]
    assert [(q.value, q.high) for q in find_quantities("between 12 and 10")] == [
        (12, None), (10, None)]
    assert [(q.value, q.high) for q in find_quantities("one and two million")] == [
        (1, None), (2_000_000, None)]
    (q,) = find_quantities("Between 10 and 12 shelters are open")
    assert (q.text, q.bound) == ("10 and 12", "range")
