"""A number as a reader says it, with its property's unit: "US$60 billion", "1,500 people",
"up to 300,000 people".

The unit is the property's declared one (`unit: people`, `unit: USD`); a currency is written
before the number, any other unit after it. The scale word is the one the claim's own quote
uses ("$60 billion" is 60 billion, "3 lakh" 3 lakh), so a figure reads as its source wrote
it; without one the number is written out with separators (1,272,000).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from mou_reconcile.corpus.models import NUMERIC_TYPES, Claim
from mou_reconcile.corpus.values import fmt_number, show_value
from mou_reconcile.text.numbers import SCALES, find_quantities, same_number

# Currencies written before the number, as news text does ("US$60 billion", "€5 million").
# Keys are folded to lower case; any other three-capital ISO code (CHF) is a prefix too.
CURRENCY_PREFIXES = {
    "usd": "US$", "us$": "US$", "$": "$", "eur": "€", "€": "€", "gbp": "£", "£": "£",
    "jpy": "¥", "¥": "¥", "cny": "CN¥", "rmb": "CN¥", "inr": "₹", "₹": "₹",
    "cad": "CA$", "aud": "A$",
}
_ISO_CODE = re.compile(r"[A-Z]{3}")
_BOUND_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "up to "}
# Scale words a quote may give a number in; "hundred" is left out ("3 hundred" reads oddly).
_SCALE_WORDS = {w: float(f) for w, f in SCALES.items() if w != "hundred"}
_SUFFIX_WORDS = {"mn": "million", "bn": "billion", "tn": "trillion"}
_HAS_SCALE = re.compile(r"(?i)thousand|million|billion|trillion|lakh|crore|\d(?:mn|bn|tn)\b")
# The scale a quantity's words end with: "$60 billion", "3 lakhs", "5bn".
_SCALE_END = re.compile(r"(?i)(?:\b(thousand|million|billion|trillion|lakh|crore)s?|\d(mn|bn|tn))"
                        r"\W*$")


def prefix_of(unit: str | None) -> str | None:
    """The symbol written before the number for a currency unit, else None."""
    if not unit:
        return None
    known = CURRENCY_PREFIXES.get(unit.strip().lower())
    if known is not None:
        return known
    return unit.strip() + " " if _ISO_CODE.fullmatch(unit.strip()) else None


def _singular(unit: str) -> str:
    """'people' -> 'person', 'universities' -> 'university', 'agreements' -> 'agreement'."""
    if unit == "people":
        return "person"
    if unit.endswith("ies") and len(unit) > 4:
        return unit[:-3] + "y"
    if unit.endswith("s") and not unit.endswith("ss") and len(unit) > 1:
        return unit[:-1]
    return unit


@lru_cache(maxsize=1024)
def _quote_scales(quote: str) -> tuple[tuple[float, float | None, str], ...]:
    """(value, high, scale word) for each quantity the quote gives with a scale word."""
    if not _HAS_SCALE.search(quote):  # most quotes: no scale word, nothing to read
        return ()
    out = []
    for q in find_quantities(quote):
        m = _SCALE_END.search(q.text)
        if m is not None:
            word = (m.group(1) or _SUFFIX_WORDS[m.group(2).lower()]).lower()
            out.append((q.value, q.high, word))
    return tuple(out)


def scale_in_quote(quote: str, numbers: Sequence[float]) -> tuple[str, float] | None:
    """The scale word the quote gives the claim's number in ("billion", 1e9), if any."""
    for value, high, word in _quote_scales(quote):
        if any(same_number(value, v) or (high is not None and same_number(high, v))
               for v in numbers):
            return word, _SCALE_WORDS[word]
    return None


def _numbers(value: Any) -> list[float]:
    return [float(v) for v in value] if isinstance(value, list) else [float(value)]


def number_said(claim: Claim, ptype: str, names: dict[str, str]) -> str:
    """The value with its bound and the quote's scale, without the unit: 'about 60 billion'."""
    if ptype not in NUMERIC_TYPES:
        return show_value(claim, ptype, names)
    return _BOUND_WORDS.get(claim.effective_bound, "") + _scaled(claim)


def _scaled(claim: Claim) -> str:
    numbers = _numbers(claim.value)
    scale = scale_in_quote(claim.quote, numbers)
    if scale is None:
        return "–".join(fmt_number(v) for v in numbers)
    word, factor = scale
    if min(abs(v) for v in numbers) < factor:  # "half a million": 500,000, not 0.5 million
        return "–".join(fmt_number(v) for v in numbers)
    return "–".join(fmt_number(round(v / factor, 6)) for v in numbers) + " " + word


def said(claim: Claim, ptype: str, names: dict[str, str], unit: str | None) -> str:
    """The value as a reader says it: 'about US$60 billion', 'up to 300,000 people',
    '1 agreement'; values of other types as show_value gives them."""
    if ptype not in NUMERIC_TYPES or not unit:
        return number_said(claim, ptype, names)
    words = _BOUND_WORDS.get(claim.effective_bound, "")
    number = _scaled(claim)
    prefix = prefix_of(unit)
    if prefix is not None:
        return f"{words}{prefix}{number}"
    one = not isinstance(claim.value, list) and claim.value == 1
    return f"{words}{number} {_singular(unit) if one else unit}"


def said_together(claims: Sequence[Claim], ptype: str, names: dict[str, str],
                  unit: str | None) -> str:
    """Several values of one fact, the unit said once where it follows the numbers ('9 vs
    10 vs 24 agreements', '1,500 vs up to 300,000 people'); a currency stays with each
    number ('US$5 billion vs US$6 billion')."""
    if ptype in NUMERIC_TYPES and unit and prefix_of(unit) is None:
        return " vs ".join(number_said(c, ptype, names) for c in claims) + " " + unit
    return " vs ".join(said(c, ptype, names, unit) for c in claims)
