"""Pairs of claims about one fact whose values cannot both be true, and what their
difference is (`pair_kind`): a `rounding` when one exact figure is the other rounded, a
`dispute` when different authorities are credited, a `scope` when the contexts differ on a
key both give, a `misreport` when the same authority is credited, else a `conflict`."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import claim_key, compatible, interval, rounded, roundings
from mou_reconcile.text import dates

# A fact's claims, each with its `claim_key`: computed once, used for disagreements and groups.
Keyed = list[tuple[Any, ClaimEntry]]


def with_keys(entries: list[ClaimEntry], ptype: str) -> Keyed:
    return [(claim_key(e.claim, ptype), e) for e in entries]


def claim_date(corpus: Corpus, entry: ClaimEntry) -> tuple[dates.PartialDate | None, str | None]:
    """The date a claim's figure stands for, and where it comes from: its `context.as_of`,
    else its source's `published` date."""
    as_of = (entry.claim.context or {}).get("as_of")
    if isinstance(as_of, (str, int)) and not isinstance(as_of, bool):
        parsed = _parsed(str(as_of))
        if parsed:
            return parsed, "as_of"
    published = corpus.source(entry.claim.source).published
    if published is not None:
        parsed = _parsed(str(published))
        if parsed:
            return parsed, "published"
    return None, None


# Claims share a few dates (their sources' `published`), each read once: a date is a tuple.
_parsed = lru_cache(maxsize=4096)(dates.parse_partial_date)


# Each claim's date (claim id -> `claim_date`), where the caller knows the corpus.
Dates = dict[str, "dates.PartialDate | None"]


def differing_context(a: ClaimEntry, b: ClaimEntry) -> list[str]:
    """Context keys both claims have, with different values: a `scope`, not a `conflict`."""
    ca, cb = a.claim.context or {}, b.claim.context or {}
    return sorted(k for k in ca.keys() & cb.keys() if str(ca[k]) != str(cb[k]))


def _apart(a: ClaimEntry, b: ClaimEntry, when: Dates | None) -> bool:
    """Whether the two claims' figures stand for different dates."""
    da, db = (when.get(a.id), when.get(b.id)) if when else (None, None)
    return da is not None and db is not None and not dates.agree(da, db)


def pair_kind(a: ClaimEntry, b: ClaimEntry, ptype: str, when: Dates | None = None
              ) -> str | None:
    """What two claims' incompatible values are, or None if both can be true. `when`: the
    claims' dates: one authority's figures for different dates are a revision (`scope`),
    not a misreport."""
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
    if by_a is not None and by_a == by_b:
        return "scope" if _apart(a, b, when) else "misreport"
    return "conflict"


def disagreements(claims: Keyed, ptype: str, when: Dates | None = None) -> list[str]:
    """The `pair_kind`s the claims show, in the order found. Pairs are compared, so the
    search skips claims alike in value, bound, context and attribution, and stops once what
    is left to find cannot be there: a fact with thousands of claims stays fast."""
    alike: dict[Any, ClaimEntry] = {}
    for key, e in claims:
        by = e.claim.attributed_to
        dated = when.get(e.id) if when and by is not None else None  # a revision or not
        alike.setdefault((key, _context_key(e.claim.context), by, dated), e)
    distinct = list(alike.values())
    if len(distinct) < 2:  # most facts: one value, one context
        return []
    if ptype in NUMERIC_TYPES and len(distinct) > 2:
        # Intervals on a line overlap pairwise when the highest low end is not above the
        # lowest high end (else pairs are compared, with compatible()'s tolerance).
        spans = [interval(e.claim.value, e.claim.effective_bound) for e in distinct]
        if max(a for a, _ in spans) <= min(b for _, b in spans):
            return []
    possible = _possible([k[1:3] for k in alike], ptype)
    if when:  # one authority's figures on two dates: a revision, found as scope
        possible.add("scope")
    kinds: list[str] = []
    for i, a in enumerate(distinct):
        for b in distinct[i + 1:]:
            kind = pair_kind(a, b, ptype, when)
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
        for r in roundings(v):
            for other in exact.get(r, ()) if r != v else ():
                if any(rounded(e.claim, other.claim) and not differing_context(e, other)
                       for e in mine):
                    return True
    return False


def _possible(keys: list[tuple[Any, str | None]], ptype: str) -> set[str]:
    """The pair kinds the distinct claims (context key, attribution) could show, so that
    the search stops once it has found them all."""
    values: dict[str, list[str]] = defaultdict(list)
    for context, _ in keys:
        for k, v in context:
            values[k].append(v)
    credited = [by for _, by in keys if by is not None]
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
