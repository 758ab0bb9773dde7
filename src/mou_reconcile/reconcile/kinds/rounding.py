"""A round figure against a precise one that rounds to it (10,000 against 10,100; 5,000
against 4,960; 1.2 million against 1,272,000): not a disagreement, only a difference of
precision.

The rule: both figures exact; the round figure's significant digits, two at least ("10,000"
is read to the thousand), are what the precise figure gives rounded or cut to that place.
So 10,000 against 14,000 or 9 against 10 stays a disagreement.
"""

from __future__ import annotations

from collections import defaultdict

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import figure, fmt_number, rounded, roundings
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("rounding", Severity.INFO, __doc__)


def found(fact: FactClaims) -> bool:
    return "rounding" in fact.disagreements


def hints(entries: list[ClaimEntry], ptype: str) -> list[str]:
    """Each round figure with the precise one it rounds, in the order of the claims' pairs.
    Each figure's roundings (to every power of ten, up and down) are looked up among the
    others', as `disagreements._rounded_pair` does: thousands of figures on one fact cost
    their number, not their pairs."""
    if ptype not in NUMERIC_TYPES:
        return []
    first: dict[tuple[float, str], int] = {}  # a figure as one source gives it: where first
    for i, e in enumerate(entries):
        v = e.claim.value
        if e.claim.effective_bound == "exact" and isinstance(v, (int, float)) and v > 0:
            first.setdefault((float(v), e.claim.source), i)
    at: dict[float, list[int]] = defaultdict(list)
    for (v, _), i in first.items():
        at[_key(v)].append(i)
    pairs = set()
    for (v, _), i in first.items():
        for r in roundings(v):
            for j in at.get(_key(r), ()):
                if j != i and rounded(entries[i].claim, entries[j].claim):
                    pairs.add((min(i, j), max(i, j)))
    out = []
    for i, j in sorted(pairs):  # the order a pair-by-pair search finds them in
        a, b = entries[i], entries[j]
        coarse, fine = (a, b) if _places(a) < _places(b) else (b, a)
        out.append(f"{fmt_number(figure(coarse.claim.value))} ({coarse.claim.source})"
                   f" is {fmt_number(figure(fine.claim.value))} ({fine.claim.source})"
                   " rounded: a difference of precision, not of fact")
    return list(dict.fromkeys(out))


def _key(v: float) -> float:
    """A figure as an index key: 1.2000000000000002e6 (a rounding's float error) is 1.2e6."""
    return float(f"{v:.12g}")


def _places(e: ClaimEntry) -> int:
    """The significant digits of a claim's figure."""
    return len(str(e.claim.value).rstrip("0").replace(".", "").lstrip("0-"))
