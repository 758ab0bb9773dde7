"""What a claim's value means: intervals for numbers, keys for equality, words for people."""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from mou_reconcile.corpus.models import NUMERIC_TYPES, Claim
from mou_reconcile.text import dates
from mou_reconcile.text.fold import fold_text
from mou_reconcile.text.numbers import same_number

Interval = tuple[float, float]
INF = math.inf


def interval(value: Any, bound: str) -> Interval:
    """The spec's intervals: exact [v, v]; approx [0.9v, 1.1v]; at_least [v, inf);
    at_most [0, v]; range [low, high]."""
    if bound == "range":
        return float(value[0]), float(value[1])
    v = float(value)
    if bound == "approx":
        a, b = 0.9 * v, 1.1 * v
        return (min(a, b), max(a, b))
    if bound == "at_least":
        return v, INF
    if bound == "at_most":
        return (min(0.0, v), v)
    return v, v


def overlaps(a: Interval, b: Interval) -> bool:
    # A hair of tolerance so 0.9 * 250,000 and 225,000 meet despite floating point; far
    # below one unit even at 10^12, and the same whichever interval comes first.
    finite = [abs(x) for x in (*a, *b) if x not in (INF, -INF)]
    eps = 1e-12 * max([1.0, *finite])
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def value_key(value: Any, ptype: str) -> Any:
    """Equal keys are the same value: numbers by magnitude, texts folded, entities by id."""
    if ptype in NUMERIC_TYPES:
        if isinstance(value, list):
            return tuple(float(v) for v in value)
        return float(value)
    if ptype == "text":
        return fold_text(str(value))
    return str(value)


def claim_key(claim: Claim, ptype: str) -> Any:
    """A claim's value with its bound: '300,000' and 'up to 300,000' are different claims."""
    key = value_key(claim.value, ptype)
    return (key, claim.effective_bound) if ptype in NUMERIC_TYPES else key


def compatible(a: Claim, b: Claim, ptype: str) -> bool:
    if ptype in NUMERIC_TYPES:
        return overlaps(interval(a.value, a.effective_bound), interval(b.value, b.effective_bound))
    if ptype == "date":
        da, db = dates.parse(a.value), dates.parse(b.value)  # type: ignore[arg-type]
        return da is not None and db is not None and dates.agree(da, db)
    same: bool = value_key(a.value, ptype) == value_key(b.value, ptype)
    return same


def rounded(a: Claim, b: Claim) -> bool:
    """Whether one exact figure is the other rounded: the round figure's significant digits
    (two at least: "10,000" is read to the thousand) are what the precise figure gives when
    rounded or cut to that place (10,100 -> 10,000; 4,960 -> 5,000; 1,272,000 -> 1.2 million).
    Never for bounds other than exact, ranges, or equal figures."""
    if a.effective_bound != "exact" or b.effective_bound != "exact":
        return False
    x, y = a.value, b.value
    if not (isinstance(x, (int, float)) and isinstance(y, (int, float))) or x == y:
        return False
    return _rounds_to(y, x) or _rounds_to(x, y)


def roundings(v: float) -> set[float]:
    """`v` rounded half up and cut to every power of ten up to itself: the round figures
    `rounded` could pair it with (a round figure's place is never above the precise one),
    for looking them up rather than comparing every pair."""
    out: set[float] = set()
    for k in range(-12, 20):
        place = 10.0 ** k
        if place > v:
            break
        if v / place > 2 ** 53:  # past a float's whole numbers (or infinite): no rounding
            continue
        out |= {math.floor(v / place + 0.5) * place, math.floor(v / place) * place}
    return out


def _rounds_to(precise: float, round_figure: float) -> bool:
    r = Decimal(repr(float(round_figure))).normalize()
    p = Decimal(repr(float(precise))).normalize()
    if r <= 0 or p <= 0:
        return False
    # A figure rounds only to one within its place (never above the round figure itself):
    # far apart, no more to ask, and p / place could exceed Decimal's 28 digits (it raised
    # DivisionImpossible for 12,345,678,901,234,567 against 0.001).
    if p * 2 < r or p >= r * 2:
        return False
    _, digits, exponent = r.as_tuple()
    assert isinstance(exponent, int)  # finite: values are checked finite
    place = Decimal(1).scaleb(exponent - max(0, 2 - len(digits)))
    if p % place == 0:  # as round as the round figure: not a more precise one
        return False
    return (p / place).to_integral_value(ROUND_HALF_UP) * place == r or \
        (p / place).to_integral_value(ROUND_FLOOR) * place == r


def figure(value: Any) -> float:
    """One number for a numeric value: itself, or a range's middle."""
    if isinstance(value, list):
        return (float(value[0]) + float(value[1])) / 2
    return float(value)


def fmt_number(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.6g}" if abs(v) >= 1000 else f"{v:g}"


_BOUND_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "up to "}


def show_value(claim: Claim, ptype: str, names: dict[str, str]) -> str:
    """The value as a person would say it: 'up to 300,000', 'Huawei Technologies'."""
    if ptype in NUMERIC_TYPES:
        if claim.effective_bound == "range" and isinstance(claim.value, list):
            return f"{fmt_number(claim.value[0])}–{fmt_number(claim.value[1])}"
        return _BOUND_WORDS.get(claim.effective_bound, "") + fmt_number(claim.value)  # type: ignore[arg-type]
    if ptype == "entity":
        return names.get(str(claim.value), str(claim.value))
    return str(claim.value)


_BOUND_MARKS = {"approx": "~", "at_least": "≥", "at_most": "≤"}
_SCALES = ((1e3, "k"), (1e6, "M"), (1e9, "bn"), (1e12, "tn"))


def short_number(v: float) -> str:
    """A number in about five characters, for narrow cells: 300k, 60bn, 1.5M (1,500 stays)."""
    if abs(v) < 1e4:
        return fmt_number(v)
    for scale, suffix in _SCALES:
        text = f"{v / scale:.3g}"  # 999,999 rounds to 1e+03 thousand: take the next scale
        if "e" not in text and abs(float(text)) < 1000:
            return text + suffix
    return f"{v / 1e12:,.0f}tn"


def short_value(claim: Claim, ptype: str, spellings: dict[str, str]) -> str:
    """The value as compactly as it can be told apart: '≤300k', '~60bn', 'NTC'."""
    if ptype in NUMERIC_TYPES:
        if claim.effective_bound == "range" and isinstance(claim.value, list):
            return f"{short_number(claim.value[0])}–{short_number(claim.value[1])}"
        mark = _BOUND_MARKS.get(claim.effective_bound, "")
        return mark + short_number(claim.value)  # type: ignore[arg-type]
    if ptype == "entity":
        return spellings.get(str(claim.value), str(claim.value))
    return str(claim.value)


def json_value(value: Any) -> Any:
    """Numbers as ints where whole, so JSON says 9 rather than 9.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [json_value(v) for v in value]
    return value


def json_interval(iv: Interval) -> list[Any]:
    return [json_value(x) if x != INF else None for x in iv]


def same_value(a: Any, b: Any) -> bool:
    """Equal values; numbers compared by magnitude (9 == 9.0), anything else by equality."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return same_number(a, b)
    equal: bool = a == b
    return equal
