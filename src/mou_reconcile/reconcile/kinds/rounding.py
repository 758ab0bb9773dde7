"""A round figure against a precise one that rounds to it (10,000 against 10,100; 5,000
against 4,960; 1.2 million against 1,272,000): not a disagreement, only a difference of
precision.

The rule: both figures exact; the round figure's significant digits, two at least ("10,000"
is read to the thousand), are what the precise figure gives rounded or cut to that place.
So 10,000 against 14,000 or 9 against 10 stays a disagreement.
"""

from __future__ import annotations

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import figure, fmt_number, rounded
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("rounding", Severity.INFO, __doc__)


def found(fact: FactClaims) -> bool:
    return "rounding" in fact.disagreements


def hints(entries: list[ClaimEntry], ptype: str) -> list[str]:
    """Each round figure with the precise one it rounds."""
    if ptype not in NUMERIC_TYPES:
        return []
    out = []
    for i, a in enumerate(entries):
        for b in entries[i + 1:]:
            if rounded(a.claim, b.claim):
                coarse, fine = (a, b) if _places(a) < _places(b) else (b, a)
                out.append(f"{fmt_number(figure(coarse.claim.value))} ({coarse.claim.source})"
                           f" is {fmt_number(figure(fine.claim.value))} ({fine.claim.source})"
                           " rounded: a difference of precision, not of fact")
    return list(dict.fromkeys(out))


def _places(e: ClaimEntry) -> int:
    """The significant digits of a claim's figure."""
    return len(str(e.claim.value).rstrip("0").replace(".", "").lstrip("0-"))
