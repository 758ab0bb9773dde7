"""A single-valued fact for which two claims give values that cannot both be true: number
intervals (through their bounds) that do not overlap, different entities, texts or dates,
and no differing context to explain it.

Numbers are compared as intervals: "about 10" and "9" overlap, "up to 300,000" and "1,500"
do too (that is `magnitude`), "9" and "24" do not.
"""

from __future__ import annotations

from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("conflict", Severity.ERROR, __doc__)


def found(fact: FactClaims) -> bool:
    return "conflict" in fact.disagreements
