"""Does a quote support its claim's value? Numbers, entity names and dates in the quote."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mou_reconcile import problems as P
from mou_reconcile.corpus.models import Claim, Entity
from mou_reconcile.corpus.values import fmt_number
from mou_reconcile.text import dates
from mou_reconcile.text.fold import fold_text
from mou_reconcile.text.numbers import Quantity, find_quantities, same_number

_HEDGE_WORDS = {"approx": "approximate", "at_least": "at least", "at_most": "at most"}


@dataclass(frozen=True)
class Finding:
    """A problem about one field of the claim (the checker adds the position)."""

    code: P.Code
    field: tuple[str, ...]  # path below the claim: ("value",), ("breakdown", "g2g")
    message: str
    hint: str | None = None


def _matches(q: Quantity, v: float) -> bool:
    return same_number(q.value, v) or (q.high is not None and same_number(q.high, v))


# Copies of one story (syndication, wire copy) give several sources the same quote, and
# stories repeat figures: caches of what each quote states skip reading it again (what a
# quote states depends on its text alone). Large enough for the distinct quotes of 100,000
# claims (35,000 numeric ones in the benchmark's corpus), so that a big corpus does not
# evict what recurs far apart. Quantities and dates are immutable: the tuples are shared.
@lru_cache(maxsize=1 << 16)
def _quote_quantities(quote: str) -> tuple[Quantity, ...]:
    return tuple(find_quantities(quote))


@lru_cache(maxsize=1 << 16)
def _quote_dates(quote: str) -> tuple[dates.PartialDate, ...]:
    return tuple(dates.mentions(quote))


def number_support(claim: Claim, quote: str) -> list[Finding]:
    found = _quote_quantities(quote)
    value = claim.value
    if not isinstance(value, list) and not claim.breakdown:
        # Most claims: one number, no breakdown. The first quantity stating it, if any,
        # settles the hedge; a miss is worded below.
        v = float(value)
        for q in found:
            if _matches(q, v):
                return _hedge(claim, q)
    wanted = [float(x) for x in value] if isinstance(value, list) else [float(value)]
    out: list[Finding] = []
    hits: list[Quantity] = []
    for v in wanted:
        hit = next((q for q in found if _matches(q, v)), None)
        if hit is None:
            shown = ", ".join(dict.fromkeys(q.text for q in found)) or "no number"
            out.append(Finding(P.VALUE_NOT_IN_QUOTE, ("value",), f"the quote does not state"
                               f" {fmt_number(v)} (it has: {shown})",
                               "quote the words that give the number, or correct the value"))
        else:
            hits.append(hit)
    if len(hits) == 1 and not isinstance(value, list):
        out.extend(_hedge(claim, hits[0]))
    for part, v in (claim.breakdown or {}).items():
        if not any(_matches(q, float(v)) for q in found):
            out.append(Finding(P.BREAKDOWN_NOT_IN_QUOTE, ("breakdown", part), f"breakdown part"
                               f" {part}: the quote does not state {fmt_number(v)}",
                               "extend the quote (join passages with ...) to include it"))
    return out


def _hedge(claim: Claim, q: Quantity) -> list[Finding]:
    bound = claim.effective_bound
    if bound == "range" or q.kind != "cardinal":
        return []
    where = ("bound",) if claim.bound else ("value",)
    if q.hedge and bound == "exact":
        return [Finding(P.HEDGE_MISMATCH, where, f"the quote hedges {q.text!r}"
                        f" ({_HEDGE_WORDS[q.hedge]}) but the bound is exact",
                        f"add `bound: {q.hedge}`")]
    if q.hedge is None and bound != "exact":
        return [Finding(P.HEDGE_MISMATCH, where, f"bound is {bound} but the quote states"
                        f" {q.text!r} plainly", "use `bound: exact` or quote the hedge")]
    if q.hedge and q.hedge != bound:
        return [Finding(P.HEDGE_MISMATCH, where, f"bound is {bound} but the quote's hedge"
                        f" before {q.text!r} means {q.hedge}", f"use `bound: {q.hedge}`")]
    return []


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=65536)
def fold_name(spelling: str) -> str:
    """`fold_text` of a spelling: names are folded again and again, once each is enough."""
    return fold_text(spelling)


def name_spans(text_folded: str, name_folded: str) -> Iterator[tuple[int, int]]:
    r"""Where a folded spelling stands in folded text as a whole word or phrase (no word
    character just before or after it), left to right and not overlapping: what the
    regular expression `(?<!\w)NAME(?!\w)` finds, without compiling one per name."""
    if not name_folded:
        return
    size = len(name_folded)
    at = text_folded.find(name_folded)
    while at >= 0:
        end = at + size
        if (at == 0 or not _WORD_CHAR.match(text_folded, at - 1)) and not _WORD_CHAR.match(
                text_folded, end):
            yield at, end
            at = text_folded.find(name_folded, end)
        else:
            at = text_folded.find(name_folded, at + 1)


def names_in(text_folded: str, spelling: str) -> bool:
    """Whether `spelling` occurs in already-folded text as a whole word or phrase."""
    return next(name_spans(text_folded, fold_name(spelling)), None) is not None


def entity_support(entity: Entity, quote: str) -> list[Finding]:
    folded = fold_text(quote)
    if any(names_in(folded, s) for s in entity.spellings):
        return []
    names = ", ".join(repr(s) for s in entity.spellings)
    return [Finding(P.VALUE_NOT_IN_QUOTE, ("value",), f"the quote does not name {entity.id!r}"
                    f" (as {names})", "add the spelling the source uses to the entity's aliases")]


def date_support(value: str | int, quote: str) -> list[Finding]:
    wanted = dates.parse(value)
    if wanted is None:
        return []  # reported as a type problem
    if any(dates.contains(wanted, m) for m in _quote_dates(quote)):
        return []
    return [Finding(P.VALUE_NOT_IN_QUOTE, ("value",), f"the quote does not give the date"
                    f" {value} in any common form", "quote the words that give the date")]


def value_spans(text: str, value: object, ptype: str,
                entity: Entity | None = None) -> list[tuple[int, int]]:
    """Where `value` stands in `text` (a quote or a sentence), for highlighting."""
    if ptype in ("count", "number"):
        wanted = [float(v) for v in value] if isinstance(value, list) else [float(value)]  # type: ignore[arg-type]
        return [(q.start, q.end) for q in find_quantities(text)
                if any(_matches(q, v) for v in wanted)]
    if ptype == "entity" and entity is not None:
        from mou_reconcile.text.fold import fold

        folded = fold(text)
        spans = []
        for spelling in entity.spellings:
            for a, b in name_spans(folded.text, fold_name(spelling)):
                spans.append(folded.span(a, b))
        return sorted(set(spans))
    return []
