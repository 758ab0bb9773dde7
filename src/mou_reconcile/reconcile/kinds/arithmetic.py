"""A claim's breakdown does not add up to its own value (1 + 7 + 16 is not 25).

The sum must fall within the value's interval (its bound included: "at least 20" takes 24).
Numeric properties only. Hint: "SOURCE: its breakdown 1 + 7 + 16 = 24, not 25".
"""

from __future__ import annotations

from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.values import fmt_number, interval
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("arithmetic", Severity.ERROR, __doc__)


def found(fact: FactClaims) -> bool:
    return fact.numeric and any(hint(e.claim) for e in fact.entries)


def hint(claim: Claim) -> str | None:
    """Why the claim's breakdown does not add up to its value, or None if it does."""
    if not claim.breakdown or isinstance(claim.value, list):
        return None
    total = sum(claim.breakdown.values())
    low, high = interval(claim.value, claim.effective_bound)
    if low - 1e-9 <= total <= high + 1e-9:
        return None
    parts = " + ".join(fmt_number(v) for v in claim.breakdown.values())
    value = claim.value if isinstance(claim.value, (int, float)) else 0.0
    return (f"{claim.source}: its breakdown {parts} = {fmt_number(total)}, not"
            f" {fmt_number(float(value))}")
