"""Values said with their property's unit and the quote's scale word (`corpus/units.py`)."""

from __future__ import annotations

from typing import Any

import pytest

from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.units import said, said_together


def claim(value: Any, quote: str, bound: str | None = None) -> Claim:
    return Claim(source="a", subject="s", property="p", value=value, bound=bound, quote=quote)


@pytest.mark.parametrize(("value", "quote", "bound", "unit", "expected"), [
    (60_000_000_000, "estimated at around $60 billion", "approx", "USD", "about US$60 billion"),
    (1500, "will provide 1,500 young Pakistanis", None, "people", "1,500 people"),
    (300_000, "designed to train up to 300,000", "at_most", "people", "up to 300,000 people"),
    (5_000_000_000, "a 5bn deal", None, "EUR", "€5 billion"),
    (2_000_000, "CHF 2 million", None, "CHF", "CHF 2 million"),
    ([10_000_000, 12_000_000], "10-12 million people", "range", "people",
     "10–12 million people"),
    (300_000, "3 lakh youths", None, "people", "3 lakh people"),
    (1_200_000, "some 1.2 million voters", "approx", None, "about 1.2 million"),
    (500_000, "half a million people", None, "people", "500,000 people"),  # not 0.5 million
    (1_272_000, "1,272,000 people", None, "people", "1,272,000 people"),  # no scale word
    (1, "one university", None, "universities", "1 university"),
    (1, "one person", None, "people", "1 person"),
    (1, "at least one agreement", "at_least", "agreements", "at least 1 agreement"),
    (10, "tenfold", None, "times", "10 times"),
])
def test_a_value_is_said_with_its_unit_and_the_quotes_scale(
        value: Any, quote: str, bound: str | None, unit: str | None, expected: str) -> None:
    assert said(claim(value, quote, bound), "count", {}, unit) == expected


def test_the_scale_is_the_one_the_quote_gives_this_number() -> None:
    # The quote gives two numbers: only the claim's own carries its scale.
    c = claim(40, "40 trucks carried 2 million litres")
    assert said(c, "count", {}, "trucks") == "40 trucks"


def test_other_types_have_no_unit() -> None:
    assert said(claim("hw", "Huawei"), "entity", {"hw": "Huawei Technologies"},
                "people") == "Huawei Technologies"


def test_several_values_say_a_following_unit_once_and_a_currency_each_time() -> None:
    nine, ten = claim(9, "nine"), claim(10, "10 agreements")
    assert said_together([nine, ten], "count", {}, "agreements") == "9 vs 10 agreements"
    low, high = claim(5e9, "$5 billion"), claim(6e9, "$6bn", "approx")
    assert said_together([low, high], "number", {}, "USD") == \
        "US$5 billion vs about US$6 billion"
