"""The numbers of one fact differ by a factor of 10 or more, even where bounds make them
compatible (1,500 against up to 300,000).

Each claim counts with one figure (a range by its middle, so a wide range alone is no
magnitude); zero and negative figures are left out. Single-valued facts only. Hint: "A is Nx
B".
"""

from __future__ import annotations

from typing import Any

from mou_reconcile.corpus.values import figure
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("magnitude", Severity.WARNING, __doc__)
FACTOR = 10


def found(fact: FactClaims) -> bool:
    if fact.prop.multi or not fact.numeric:
        return False
    positive = [v for v in map(figure, fact.values()) if v > 0]
    return bool(positive) and max(positive) / min(positive) >= FACTOR


def hints(values: list[tuple[Any, str]], kinds: list[str]) -> list[str]:
    """`values`: each value of the fact with how it is shown."""
    if "magnitude" not in kinds:
        return []
    points = [(figure(value), shown) for value, shown in values if figure(value) > 0]
    low, high = min(points), max(points)
    return [f"{high[1]} is {high[0] / low[0]:,.0f}x {low[1]}"]
