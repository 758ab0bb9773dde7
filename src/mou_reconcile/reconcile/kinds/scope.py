"""As a conflict, but the two claims' context differs on a key both have (another event,
another date): perhaps not the same fact at all.

Only keys that both claims give count: a claim with no `as_of` does not differ from one with
it.
"""

from __future__ import annotations

from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("scope", Severity.WARNING, __doc__)


def found(fact: FactClaims) -> bool:
    return "scope" in fact.disagreements
