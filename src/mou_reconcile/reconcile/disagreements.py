"""Pairs of claims about one fact whose values cannot both be true, and what their
difference is (`pair_kind`): a `rounding` when one exact figure is the other rounded, a
`dispute` when different authorities are credited, a `scope` when the contexts differ on a
key both give, a `misreport` when the same authority is credited, else a `conflict`."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import claim_key, compatible, interval, rounded

# A fact's claims, each with its `claim_key`: computed once, used for disagreements and groups.
Keyed = list[tuple[Any, ClaimEntry]]


def with_keys(entries: list[ClaimEntry], ptype: str) -> Keyed:
    return [(claim_key(e.claim, ptype), e) for e in entries]


def differing_context(a: ClaimEntry, b: ClaimEntry) -> list[str]:
    """Context keys both claims have, with different values: a `scope`, not a `conflict`."""
    ca, cb = a.claim.context or {}, b.claim.context or {}
    return sorted(k for k in ca.keys() & cb.keys() if str(ca[k]) != str(cb[k]))


def pair_kind(a: ClaimEntry, b: ClaimEntry, ptype: str) -> str | None:
    """What two claims' incompatible values are, or None if both can be true."""
    if compatible(a.claim, b.claim, ptype):
        return None
    scoped = bool(differing_context(a, b))  # another date or event: a revision, not rounding
    if not scoped and ptype in NUMERIC_TYPES and rounded(a.claim, b.claim):
        return "rounding"
    by_a, by_b = a.claim.attributed_to, b.claim.attributed_to
    if by_a is not None and by_b is not None and by_a != by_b:
        return "dispute"
    if scoped:
        return "scope"
    return "misreport" if by_a is not None and by_a == by_b else "conflict"


def disagreements(claims: Keyed, ptype: str) -> list[str]:
    """The `pair_kind`s the claims show, in the order found. Pairs are compared, so the
    search skips claims alike in value, bound, context and attribution, and stops once what
    is left to find cannot be there: a fact with thousands of claims stays fast."""
    alike: dict[Any, ClaimEntry] = {}
    for key, e in claims:
        alike.setdefault((key, _context_key(e.claim.context), e.claim.attributed_to), e)
    distinct = list(alike.values())
    if len(distinct) < 2:  # most facts: one value, one context
        return []
    if ptype in NUMERIC_TYPES and len(distinct) > 2:
        # Intervals on a line overlap pairwise when the highest low end is not above the
        # lowest high end (else pairs are compared, with compatible()'s tolerance).
        spans = [interval(e.claim.value, e.claim.effective_bound) for e in distinct]
        if max(a for a, _ in spans) <= min(b for _, b in spans):
            return []
    possible = _possible(list(alike), ptype)
    kinds: list[str] = []
    for i, a in enumerate(distinct):
        for b in distinct[i + 1:]:
            kind = pair_kind(a, b, ptype)
            if kind is not None and kind not in kinds:
                kinds.append(kind)
                if possible <= set(kinds):
                    break
        else:
            continue
        break
    if ptype in NUMERIC_TYPES and "rounding" not in kinds and _rounded_pair(distinct):
        kinds.append("rounding")  # looked up, not searched pair by pair
    return kinds


def _rounded_pair(claims: list[ClaimEntry]) -> bool:
    """Whether two claims are one exact figure and the other rounded, in the same context:
    each figure's roundings (to every power of ten, up and down) looked up among the
    others', so the cost follows the claims, not their pairs."""
    exact: dict[float, list[ClaimEntry]] = defaultdict(list)
    for e in claims:
        v = e.claim.value
        if e.claim.effective_bound == "exact" and isinstance(v, (int, float)) and v > 0:
            exact[float(v)].append(e)
    for v, mine in exact.items():
        for place in (10.0 ** k for k in range(-3, 16)):
            if place > v:
                break
            for r in {math.floor(v / place + 0.5) * place, math.floor(v / place) * place}:
                for other in exact.get(r, ()) if r != v else ():
                    if any(rounded(e.claim, other.claim) and not differing_context(e, other)
                           for e in mine):
                        return True
    return False


def _possible(keys: list[tuple[Any, Any, str | None]], ptype: str) -> set[str]:
    """The pair kinds the distinct claims (value key, context key, attribution) could show,
    so that the search stops once it has found them all."""
    values: dict[str, list[str]] = defaultdict(list)
    for _, context, _ in keys:
        for k, v in context:
            values[k].append(v)
    credited = [by for _, _, by in keys if by is not None]
    out = set()
    if any(len(set(v)) > 1 for v in values.values()):
        out.add("scope")
    # A key every claim gives, each a different value (as_of): every pair differs in scope.
    if not any(len(v) == len(set(v)) == len(keys) for v in values.values()):
        if len(credited) < len(keys):
            out.add("conflict")  # a pair with an uncredited claim
        if len(credited) > len(set(credited)):
            out.add("misreport")  # a pair crediting one authority
    if len(set(credited)) > 1:
        out.add("dispute")
    return out


def _context_key(context: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, str(v)) for k, v in context.items())) if context else ()
