"""Only one independent source states the fact (a source and its copies count once).

Sources are one group when one is `derived_from` the other or their texts share 30% or more
of their word 5-grams (reconcile/independence.py).
"""

from __future__ import annotations

from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("uncorroborated", Severity.INFO, __doc__)


def found(fact: FactClaims) -> bool:
    return len({fact.groups.get(e.claim.source, e.claim.source) for e in fact.entries}) == 1
