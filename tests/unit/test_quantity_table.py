"""The quantities `extract` and `coverage` see (`numbers.mentions`), phrase by phrase.

One table, each phrase with the value and bound a curator would record (as the claims
format defines bounds: "up to" at_most, "more than" at_least, "about" approx, "10-12"
range), and one table of false friends that must yield nothing: codes glued to letters,
dates, bare years, "one" as a pronoun. `check` reads quotes with the same module, so
these expectations hold for it too (tests/unit/test_numbers.py covers find_quantities).
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.corpus.values import fmt_number
from mou_reconcile.text.numbers import mentions

Value = float | tuple[float, float]

# (phrase, value (low, high for a range), bound, kind): the phrase holds one quantity.
TABLE: list[tuple[str, Value, str, str]] = [
    # digits: separators (western and South Asian), decimals
    ("1,500", 1_500, "exact", "cardinal"),
    ("1500", 1_500, "exact", "cardinal"),
    ("they signed 24 MoUs", 24, "exact", "cardinal"),
    ("300,000", 300_000, "exact", "cardinal"),
    ("10,000,000", 10_000_000, "exact", "cardinal"),
    ("1,500.75", 1_500.75, "exact", "cardinal"),
    ("a 2.5 percent rise", 2.5, "exact", "cardinal"),
    ("growth of 0.75 points", 0.75, "exact", "cardinal"),
    ("Rs 1,50,000 was paid", 150_000, "exact", "cardinal"),
    ("12,34,56,789", 123_456_789, "exact", "cardinal"),
    ("signed 2000 agreements", 2_000, "exact", "cardinal"),  # a count, not a year
    ("1999 people attended", 1_999, "exact", "cardinal"),
    # scale words and suffixes
    ("1.5 million", 1_500_000, "exact", "cardinal"),
    ("$60 billion", 60_000_000_000, "exact", "cardinal"),
    ("US$ 2.5 billion", 2_500_000_000, "exact", "cardinal"),
    ("3 lakh", 300_000, "exact", "cardinal"),
    ("2 crore", 20_000_000, "exact", "cardinal"),
    ("Rs 2 crores", 20_000_000, "exact", "cardinal"),
    ("5bn", 5_000_000_000, "exact", "cardinal"),
    ("$1.5bn", 1_500_000_000, "exact", "cardinal"),
    ("10k", 10_000, "exact", "cardinal"),
    ("2mn", 2_000_000, "exact", "cardinal"),
    ("7 trillion", 7_000_000_000_000, "exact", "cardinal"),
    ("4 thousand", 4_000, "exact", "cardinal"),
    # English number words
    ("nine", 9, "exact", "cardinal"),
    ("signing nine Memoranda of Understanding (MoUs)", 9, "exact", "cardinal"),
    ("sixteen", 16, "exact", "cardinal"),
    ("Eleven people were hurt", 11, "exact", "cardinal"),
    ("a crew of nine.", 9, "exact", "cardinal"),
    ("twenty-four", 24, "exact", "cardinal"),
    ("ninety-nine", 99, "exact", "cardinal"),
    ("three hundred thousand", 300_000, "exact", "cardinal"),
    ("one hundred and five", 105, "exact", "cardinal"),
    ("fifty-five thousand", 55_000, "exact", "cardinal"),
    ("a hundred", 100, "exact", "cardinal"),
    ("a million", 1_000_000, "exact", "cardinal"),
    ("two million", 2_000_000, "exact", "cardinal"),
    ("twelve hundred", 1_200, "exact", "cardinal"),
    ("three lakh people", 300_000, "exact", "cardinal"),
    ("five lakh fifty thousand", 550_000, "exact", "cardinal"),
    ("include one government-to-government agreement", 1, "exact", "cardinal"),
    ("signed one agreement", 1, "exact", "cardinal"),
    ("One person was hurt", 1, "exact", "cardinal"),
    # ranges: both ends; a scale word applies to both ends
    ("10-12", (10, 12), "range", "cardinal"),
    ("10 to 12", (10, 12), "range", "cardinal"),
    ("ten to twelve", (10, 12), "range", "cardinal"),
    ("10–12 million", (10_000_000, 12_000_000), "range", "cardinal"),
    ("1.5-2 million", (1_500_000, 2_000_000), "range", "cardinal"),
    ("3 to 4 lakh", (300_000, 400_000), "range", "cardinal"),
    ("500,000-1 million", (500_000, 1_000_000), "range", "cardinal"),
    ("ten to twelve million", (10_000_000, 12_000_000), "range", "cardinal"),
    ("up to 10-12 MoUs", (10, 12), "range", "cardinal"),  # a range's bound is range
    ("between 10 and 12 shelters", (10, 12), "range", "cardinal"),
    ("between one and two million", (1_000_000, 2_000_000), "range", "cardinal"),
    ("between 1 and 2 million", (1_000_000, 2_000_000), "range", "cardinal"),
    ("half a million", 500_000, "exact", "cardinal"),
    ("the toll could rise to 600", 600, "at_most", "cardinal"),
    ("officials said it may reach 1,000", 1_000, "at_most", "cardinal"),
    ("the toll rose to 600", 600, "exact", "cardinal"),
    # hedges and the bound they mean
    ("train up to 300,000 people", 300_000, "at_most", "cardinal"),
    ("Up To 5", 5, "at_most", "cardinal"),
    ("as many as 24", 24, "at_most", "cardinal"),
    ("as high as $1.5bn", 1_500_000_000, "at_most", "cardinal"),
    ("fewer than ten", 10, "at_most", "cardinal"),
    ("no more than 10", 10, "at_most", "cardinal"),
    ("more than 1,500", 1_500, "at_least", "cardinal"),
    ("over 200", 200, "at_least", "cardinal"),
    ("at least nine", 9, "at_least", "cardinal"),
    ("At least 12 passengers were injured", 12, "at_least", "cardinal"),
    ("hire more\nthan 40 engineers", 40, "at_least", "cardinal"),  # a hard-wrapped hedge
    ("in excess of 100", 100, "at_least", "cardinal"),
    ("no fewer than 10", 10, "at_least", "cardinal"),
    ("about 40", 40, "approx", "cardinal"),
    ("around 3 lakh", 300_000, "approx", "cardinal"),
    ("nearly 2 crore", 20_000_000, "approx", "cardinal"),
    ("some 500 students", 500, "approx", "cardinal"),
    ("approximately 7,000", 7_000, "approx", "cardinal"),
    ("roughly 7.5 million", 7_500_000, "approx", "cardinal"),
    ("almost twenty", 20, "approx", "cardinal"),
    ("estimated at around $60 billion", 60_000_000_000, "approx", "cardinal"),
    ("over the next two years", 2, "exact", "cardinal"),  # "over" is not its hedge here
    ("Moreover, 5 firms joined", 5, "exact", "cardinal"),
    # ordinals, kept apart (kind), always exact
    ("second", 2, "exact", "ordinal"),
    ("the eighth round", 8, "exact", "ordinal"),
    ("establish ZTE's eighth global training centre", 8, "exact", "ordinal"),
    ("twenty-first", 21, "exact", "ordinal"),
    ("the 21st century", 21, "exact", "ordinal"),
    ("its 8th centre", 8, "exact", "ordinal"),
    ("the two thousandth visitor", 2_000, "exact", "ordinal"),
    ("hundredth", 100, "exact", "ordinal"),
    # multipliers
    ("tenfold", 10, "exact", "multiplier"),
    ("increase the market tenfold", 10, "exact", "multiplier"),
    ("a 10-fold increase", 10, "exact", "multiplier"),
    ("a 2.5-fold rise", 2.5, "exact", "multiplier"),
    ("threefold", 3, "exact", "multiplier"),
]

# Phrases with nothing a curator would record.
FALSE_FRIENDS = [
    # codes: digits glued to letters
    "5G", "6G", "5G/6G", "joint ventures in 5G/6G networks", "SKY47", "Sky4.7",
    "an agreement with Sky4.7", "B2B", "G2G", "the B2B conference", "COVID19", "H2O MP3 A4",
    "5.5G", "4.7GHz", "1,500km", "the 2.5GW plant",
    # dates: the day and the year of a date are not quantities
    "2025-09-08", " date 2025-09-08 Prime Minister", "Mon Dec 22 2025", "on 14 March 2026",
    "NORTHGATE, March 14 (Coastal Wire)", "Published 15 March 2026", "Sep 8, 2025",
    "in September 2025",
    # bare years
    "Launched in 2015, CPEC is a programme", "since 1999", "By 2030, the plan", "in 2015",
    # "one" as a pronoun
    "One of the notable developments", "agreements, one to provide training and another",
    "no one came", "each one",
    # words that merely contain a number word
    "someone often attends", "nonetheless", "the tone was frosty",
]


def _value(q: object) -> Value:
    high = getattr(q, "high")  # noqa: B009 - one spelling for both kinds of value
    value = getattr(q, "value")  # noqa: B009
    return value if high is None else (value, high)


def test_the_table_has_at_least_80_phrases_with_false_friends() -> None:
    assert len(TABLE) >= 80 and len(FALSE_FRIENDS) >= 30
    assert {bound for _, _, bound, _ in TABLE} == {"exact", "approx", "at_least", "at_most",
                                                    "range"}


@pytest.mark.parametrize(("phrase", "value", "bound", "kind"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_phrase_value_and_bound(phrase: str, value: Value, bound: str, kind: str) -> None:
    found = mentions(phrase)
    assert len(found) == 1, [q.text for q in found]
    (q,) = found
    assert _value(q) == pytest.approx(value)
    assert (q.bound, q.kind) == (bound, kind)
    assert q.text == phrase[q.start:q.end]


@pytest.mark.parametrize("phrase", FALSE_FRIENDS)
def test_false_friends_are_not_quantities(phrase: str) -> None:
    assert mentions(phrase) == []


@pytest.mark.parametrize(("phrase", "years"), [
    ("Launched in 2015, CPEC is a programme", [2015]), ("Mon Dec 22 2025", [2025]),
    ("on 14 March 2026", [2026]), ("from 2015 to 2020.", [2015]),
    ("between 2015 and 2020.", [2015]),
])
def test_years_are_kept_apart_when_asked_for(phrase: str, years: list[int]) -> None:
    found = mentions(phrase, years=True)
    assert [(q.value, q.kind) for q in found] == [(y, "year") for y in years]


def test_a_sentence_with_everything() -> None:
    text = ("On 2025-09-08 they signed 24 MoUs (16 B2B, seven G2B and one G2G) in 5G, up to "
            "300,000 trainees and one of them the eighth; exports grow tenfold by 2030.")
    found = mentions(text)
    assert [(q.text, q.bound, q.kind) for q in found] == [
        ("24", "exact", "cardinal"), ("16", "exact", "cardinal"),
        ("seven", "exact", "cardinal"), ("one", "exact", "cardinal"),
        ("300,000", "at_most", "cardinal"), ("eighth", "exact", "ordinal"),
        ("tenfold", "exact", "multiplier")]


# --- round trips of digit formatting -------------------------------------------------------

def south_asian(n: int) -> str:
    """12,34,56,789: the last three digits, then groups of two."""
    digits = str(n)
    head, tail = digits[:-3], digits[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join(([head] if head else []) + groups + [tail])


_counts = st.integers(min_value=0, max_value=10**15)


@settings(max_examples=200, deadline=None)
@given(n=_counts, style=st.sampled_from(["plain", "western", "south-asian", "fmt_number"]))
def test_integers_round_trip_through_every_digit_style(n: int, style: str) -> None:
    shown = {"plain": str(n), "western": f"{n:,}", "south-asian": south_asian(n),
             "fmt_number": fmt_number(n)}[style]
    found = mentions(f"The ministry will train {shown} people.")
    assert [(q.value, q.text, q.bound) for q in found] == [(n, shown, "exact")]


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(min_value=0, max_value=10**9), places=st.integers(1, 4),
       fraction=st.integers(min_value=0, max_value=9999), separators=st.booleans())
def test_decimals_round_trip(whole: int, places: int, fraction: int, separators: bool) -> None:
    digits = f"{fraction % 10**places:0{places}d}"
    shown = f"{whole:,}.{digits}" if separators else f"{whole}.{digits}"
    (q,) = mentions(f"Exports rose {shown} percent.")
    assert q.value == pytest.approx(float(f"{whole}.{digits}"))
    assert q.text == shown


@settings(max_examples=200, deadline=None)
@given(amount=st.decimals(min_value=1, max_value=999, places=2),
       scale=st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9),
                              ("lakh", 1e5), ("crore", 1e7)]),
       hedge=st.sampled_from([("", "exact"), ("up to ", "at_most"), ("about ", "approx"),
                              ("more than ", "at_least")]))
def test_scaled_amounts_round_trip_with_their_hedge(amount: object, scale: tuple[str, float],
                                                    hedge: tuple[str, str]) -> None:
    text = f"{amount:f}".rstrip("0").rstrip(".")
    (q,) = mentions(f"The plan costs {hedge[0]}${text} {scale[0]} in all.")
    assert q.value == pytest.approx(float(text) * scale[1])
    assert q.bound == hedge[1]


@settings(max_examples=150, deadline=None)
@given(low=st.integers(0, 10**6), gap=st.integers(0, 10**6), dash=st.sampled_from(
    ["-", "–", "—", " to ", " - "]))
def test_ranges_round_trip(low: int, gap: int, dash: str) -> None:
    high = low + gap
    found = mentions(f"They expect {low:,}{dash}{high:,} visitors.")
    assert [(_value(q), q.bound) for q in found] == [((low, high), "range")]


@settings(max_examples=150, deadline=None)
@given(prefix=st.text(alphabet=string.ascii_letters, min_size=1, max_size=3),
       n=st.integers(0, 10**6))
def test_codes_never_round_trip_into_numbers(prefix: str, n: int) -> None:
    assert mentions(f"the {prefix}{n} network and the {n}{prefix.upper()}x network") == []
