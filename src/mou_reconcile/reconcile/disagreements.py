"""Pairs of claims about one fact whose values cannot both be true: a `conflict` when their
contexts agree, a `scope` when they differ on a key both give."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import claim_key, compatible, interval

# A fact's claims, each with its `claim_key`: computed once, used for disagreements and groups.
Keyed = list[tuple[Any, ClaimEntry]]


def with_keys(entries: list[ClaimEntry], ptype: str) -> Keyed:
    return [(claim_key(e.claim, ptype), e) for e in entries]


def differing_context(a: ClaimEntry, b: ClaimEntry) -> list[str]:
    """Context keys both claims have, with different values: a `scope`, not a `conflict`."""
    ca, cb = a.claim.context or {}, b.claim.context or {}
    return sorted(k for k in ca.keys() & cb.keys() if str(ca[k]) != str(cb[k]))


def disagreements(claims: Keyed, ptype: str) -> list[str]:
    """"conflict" and "scope", in the order found: two claims whose values cannot both be
    true, with the same context or a differing one. Pairs are compared, so the search skips
    claims alike in value, bound and context, and stops once what is left to find cannot
    be there: a fact with thousands of claims stays fast."""
    alike: dict[Any, ClaimEntry] = {}
    for key, e in claims:
        alike.setdefault((key, _context_key(e.claim.context)), e)
    distinct = list(alike.values())
    if len(distinct) < 2:  # most facts: one value, one context
        return []
    if ptype in NUMERIC_TYPES and len(distinct) > 2:
        # Intervals on a line overlap pairwise when the highest low end is not above the
        # lowest high end (else pairs are compared, with compatible()'s tolerance).
        spans = [interval(e.claim.value, e.claim.effective_bound) for e in distinct]
        if max(a for a, _ in spans) <= min(b for _, b in spans):
            return []
    values: dict[str, list[str]] = defaultdict(list)
    for _, context in alike:
        for k, v in context:
            values[k].append(v)
    scope_possible = any(len(set(v)) > 1 for v in values.values())
    # A key every claim gives, each a different value (as_of): every pair differs.
    conflict_possible = not any(len(v) == len(set(v)) == len(distinct) for v in values.values())
    kinds: list[str] = []
    for i, a in enumerate(distinct):
        for b in distinct[i + 1:]:
            if compatible(a.claim, b.claim, ptype):
                continue
            kind = "scope" if differing_context(a, b) else "conflict"
            if kind not in kinds:
                kinds.append(kind)
                if ("conflict" in kinds or not conflict_possible) and (
                        "scope" in kinds or not scope_possible):
                    return kinds
    return kinds


def _context_key(context: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, str(v)) for k, v in context.items())) if context else ()
