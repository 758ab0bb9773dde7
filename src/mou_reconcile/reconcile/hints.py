"""Likely causes of a discrepancy, where the data shows them. Each hint is one sentence."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import fmt_number, same_value
from mou_reconcile.reconcile.disagreements import Dates, claim_date
from mou_reconcile.reconcile.kinds import (
    arithmetic,
    dispute,
    enumeration,
    magnitude,
    misattribution,
    misreport,
    rounding,
)
from mou_reconcile.text import dates

if TYPE_CHECKING:
    from mou_reconcile.reconcile.result import ValueGroup


def for_fact(corpus: Corpus, entries: list[ClaimEntry], values: list[ValueGroup],
             kinds: list[str], groups: dict[str, str], when: Dates | None = None) -> list[str]:
    ptype = corpus.property(entries[0].claim.property).type
    out = []
    if "dispute" in kinds:
        out += dispute.hints(corpus, entries, ptype)
    if "misreport" in kinds:
        out += misreport.hints(corpus, entries, ptype, groups, when)
    if "misattribution" in kinds:
        out += misattribution.hints(corpus, entries, ptype)
    if "rounding" in kinds:
        out += rounding.hints(entries, ptype)
    out += _contexts(entries)
    if ptype in NUMERIC_TYPES:
        out += [h for e in entries if (h := arithmetic.hint(e.claim))]
        out += [h for e in entries if ptype == "count" and (h := enumeration.hint(e.claim))]
        out += _breakdown_sums(entries)
        out += magnitude.hints([(g.value, g.display) for g in values], kinds)
        out += _ceiling(values)
    if ptype != "text":  # a wording is not revised by a date
        out += _dated(corpus, entries, values)
    return out


def _contexts(entries: list[ClaimEntry]) -> list[str]:
    seen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        for key, value in (e.claim.context or {}).items():
            sources = seen[key][str(value)]
            if e.claim.source not in sources:
                sources.append(e.claim.source)
    out = []
    for key, by_value in sorted(seen.items()):
        if len(by_value) > 1:
            parts = [f"{v} ({', '.join(s)})" for v, s in by_value.items()]
            out.append(f"context differs: {key} = " + " vs ".join(parts))
    return out


def _breakdown_sums(entries: list[ClaimEntry]) -> list[str]:
    out = []
    for b in entries:
        parts = b.claim.breakdown
        if not parts:
            continue
        total = sum(parts.values())
        for a in entries:
            v = a.claim.value
            if a.claim.source == b.claim.source or not isinstance(v, (int, float)):
                continue
            if same_value(v, total) and not same_value(v, b.claim.value):
                out.append(f"{fmt_number(v)} ({a.claim.source}) is the sum of the breakdown"
                           f" {b.claim.source} gives")
            for name, part in parts.items():
                if same_value(v, part):
                    out.append(f"{fmt_number(v)} ({a.claim.source}) equals the {name!r} part"
                               f" of {b.claim.source}'s breakdown")
    return list(dict.fromkeys(out))


def _ceiling(values: list[ValueGroup]) -> list[str]:
    ceilings = [g for g in values if g.bound == "at_most"]
    exact = [g for g in values if g.bound == "exact"]
    if ceilings and exact:
        return [f"{ceilings[0].display!r} is a ceiling or target; {exact[0].display} is a count"
                " of what was stated as done"]
    return []


def revision_line(entry: ClaimEntry) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """Which earlier figures a claim's value may revise: those of the same origin (the same
    `attributed_to`, or none credited) in the same context apart from its date (`as_of`)."""
    context = entry.claim.context or {}
    return entry.claim.attributed_to, tuple(sorted((k, str(v)) for k, v in context.items()
                                                   if k != "as_of"))


def _dated(corpus: Corpus, entries: list[ClaimEntry], values: list[ValueGroup]) -> list[str]:
    """A later figure may revise an earlier one of its `revision_line`: figures from
    different authorities, or about another event, never supersede each other."""
    if len(values) < 2:
        return []
    Line = tuple[str | None, tuple[tuple[str, str], ...]]
    by_line: dict[Line, list[tuple[tuple[int, ...], ClaimEntry]]] = {}
    for e in entries:
        parsed, _ = claim_date(corpus, e)
        if parsed:
            by_line.setdefault(revision_line(e), []).append((parsed, e))
    out = []
    for (origin, _), dated in by_line.items():
        if len({d for d, _ in dated}) < 2:
            continue
        dated.sort(key=lambda x: x[0])
        (d0, e0), (d1, e1) = dated[0], dated[-1]
        if same_value(e0.claim.value, e1.claim.value):
            continue
        whose = f"{corpus.entity(origin).name}'s " if origin in corpus.entities else ""
        out.append(f"the later figure {whose}{_shown(e1)} ({dates.format_date(d1)},"
                   f" {e1.claim.source}) may supersede {_shown(e0)}"
                   f" ({dates.format_date(d0)}, {e0.claim.source})")
    return out


def _shown(e: ClaimEntry) -> str:
    v = e.claim.value
    return fmt_number(v) if isinstance(v, (int, float)) else str(v)
