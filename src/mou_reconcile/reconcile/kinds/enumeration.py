"""A count claim names fewer or more items than its value (states 9, names 7).

The number of `items` must fall within the value's interval (its bound included). Count
properties only. Hint: "SOURCE states 9 but names 7".
"""

from __future__ import annotations

from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.values import fmt_number, interval
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("enumeration", Severity.WARNING, __doc__)


def found(fact: FactClaims) -> bool:
    return fact.ptype == "count" and any(hint(e.claim) for e in fact.entries)


def hint(claim: Claim) -> str | None:
    """Why the claim's items do not match its count, or None if they do."""
    if claim.items is None or isinstance(claim.value, list):
        return None
    low, high = interval(claim.value, claim.effective_bound)
    if low <= len(claim.items) <= high:
        return None
    value = claim.value if isinstance(claim.value, (int, float)) else 0.0
    return f"{claim.source} states {fmt_number(float(value))} but names {len(claim.items)}"
