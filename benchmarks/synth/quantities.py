"""How news text writes a number or a date, and which claim (value, bound) it states.

Every function returns the words together with the value and bound a curator would record,
so a quote always supports its claim: `check` must find the generated corpus clean. The
forms are the ones the tool's reader promises to handle (digits with separators, South Asian
grouping, number words, scale words, hedges, ranges, currency), chosen at random so the
benchmark exercises all of them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]

# Hedges the tool maps to a bound. None of these words appear before a number anywhere else
# in the templates, or the reader would see a hedge the claim does not record.
HEDGES: dict[str, list[str]] = {
    "approx": ["about", "around", "nearly", "some", "roughly", "an estimated", "approximately"],
    "at_least": ["more than", "at least", "over", "upwards of"],
    "at_most": ["up to", "as many as", "no more than"],
}


@dataclass(frozen=True)
class Stated:
    """Words in an article and the claim they support."""

    text: str
    value: Any  # int | float | [low, high] | "YYYY[-MM[-DD]]"
    bound: str | None = None  # None: exact (left out of the YAML, as curators do)


def words(n: int) -> str:
    """English number words for 0 <= n < 10**9 ("forty-five thousand two hundred")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_UNITS[hundreds]} hundred" + (f" {words(rest)}" if rest else "")
    for size, name in ((10**6, "million"), (1000, "thousand")):
        if n >= size:
            head, rest = divmod(n, size)
            return f"{words(head)} {name}" + (f" {words(rest)}" if rest else "")
    raise ValueError(n)


def _scaled(n: float) -> str | None:
    """'1.5 million', '40 million', '2.5 billion': only where one decimal says it exactly."""
    for size, name in ((10**9, "billion"), (10**6, "million")):
        if n >= size and (n * 10) % size == 0:
            head = n / size
            return f"{head:g} {name}"
    return None


def number_forms(n: int | float, rng: random.Random) -> str:
    """One way of writing exactly `n`."""
    forms: list[str] = [f"{n:,}" if isinstance(n, int) else f"{n:,g}"]
    if isinstance(n, int):
        if 1000 <= n < 10_000:
            forms.append(str(n))  # many outlets drop the separator below 10,000
        if n < 100 or (n < 10**6 and n % 1000 == 0 and n // 1000 < 100) or (
                n < 10**6 and n % 100_000 == 0):
            forms += [words(n)] * 2
        if n >= 100_000 and n < 10**7 and n % 1000 == 0 and rng.random() < 0.2:
            lakhs, rest = divmod(n, 100_000)  # South Asian grouping: 1,50,000
            forms.append(f"{lakhs},{rest // 1000:02d},000" if lakhs < 100 else f"{n:,}")
    scaled = _scaled(n)
    if scaled:
        forms += [scaled] * 3
    return rng.choice(forms)


def money_forms(n: int, rng: random.Random) -> str:
    """A dollar amount: '$40 million', 'US$2.5 billion', '40 million dollars'."""
    scaled = _scaled(n)
    body = scaled if scaled and rng.random() < 0.85 else f"{n:,}"
    style = rng.random()
    if style < 0.55:
        return f"${body}"
    if style < 0.75:
        return f"US${body}"
    return f"{body} dollars"


def round_sig(x: float, digits: int, how: str = "nearest") -> float:
    if x == 0:
        return 0
    scale: float = 10.0 ** (math.floor(math.log10(abs(x))) - digits + 1)
    units = x / scale
    if how == "down":
        return math.floor(units) * scale
    if how == "up":
        return math.ceil(units) * scale
    return round(units) * scale


def as_int(x: float, like: int | float) -> int | float:
    return round(x) if isinstance(like, int) else round(x, 6)


def state_number(truth: int | float, rng: random.Random, *, money: bool = False,
                 exact: bool = False) -> Stated:
    """A statement whose interval (through its bound) contains `truth`, so any two
    statements of one truth are compatible, and none is 10x another (no magnitude)."""
    def write(v: int | float) -> str:
        return money_forms(int(v), rng) if money else number_forms(v, rng)

    roll = rng.random()
    if exact or roll < 0.55 or truth < 10:
        return Stated(write(truth), truth)
    if roll < 0.72:
        near = as_int(round_sig(truth, 2), truth)
        return Stated(f"{rng.choice(HEDGES['approx'])} {write(near)}", near, "approx")
    if roll < 0.84:
        low = as_int(round_sig(truth * 0.97, 1, "down"), truth)
        hedge = rng.choice(HEDGES["at_least"])
        return Stated(f"{hedge} {write(low)}", low, "at_least")
    if roll < 0.93:
        high = as_int(round_sig(truth * 1.03, 2, "up"), truth)
        return Stated(f"{rng.choice(HEDGES['at_most'])} {write(high)}", high, "at_most")
    if isinstance(truth, int) and not money:
        low = as_int(round_sig(truth * 0.95, 2, "down"), truth)
        high = as_int(round_sig(truth * 1.05, 2, "up"), truth)
        if low < truth < high:
            # Digits keep their separators ("9100-11,000" reads as the date 9100-11); words
            # only for small ends, joined by "to" (the reader runs "fifty-seven and
            # sixty-five" together, and "fifty-seven-sixty-five" is no one's English).
            if high < 100 and rng.random() < 0.4:
                a, b, joined = words(int(low)), words(int(high)), "{a} to {b}"
            else:
                a, b = f"{low:,}", f"{high:,}"
                joined = rng.choice(["{a} to {b}", "{a}-{b}", "between {a} and {b}"])
            return Stated(joined.format(a=a, b=b), [low, high], "range")
    return Stated(write(truth), truth)


def state_exact(value: int | float, rng: random.Random, *, money: bool = False) -> Stated:
    return state_number(value, rng, money=money, exact=True)


def state_ceiling(value: int, rng: random.Random, *, money: bool = False) -> Stated:
    """'up to 300,000': a ceiling, used to plant a magnitude discrepancy."""
    words_ = money_forms(value, rng) if money else number_forms(value, rng)
    return Stated(f"up to {words_}", value, "at_most")


def state_date(day: tuple[int, int, int], rng: random.Random, *, partial: bool = True) -> Stated:
    """A date in one of the forms the tool reads, with its preposition; sometimes only its
    month ("in March 2025")."""
    y, m, d = day
    month = _MONTHS[m - 1]
    if partial and rng.random() < 0.2:
        return Stated(f"in {month} {y}", f"{y}-{m:02d}")
    text = rng.choice([f"{d} {month} {y}", f"{month} {d}, {y}", f"{y}-{m:02d}-{d:02d}",
                       f"{month[:3]}. {d}, {y}" if m != 5 else f"{d} {month} {y}"])
    return Stated(f"on {text}", f"{y}-{m:02d}-{d:02d}")


def format_day(day: tuple[int, int, int]) -> str:
    y, m, d = day
    return f"{d} {_MONTHS[m - 1]} {y}"
