"""`report`: the discrepancies between sources, fact by fact, with their evidence.

A fact is a (subject, property) pair; all claims about it are compared. The kinds and their
severities are in kinds.py; cause hints (differing context, a breakdown's sum, a ratio, an
"up to" target, a later date) are in hints.py. General code: nothing here knows a story.
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from mou_reconcile import progress
from mou_reconcile.check.checker import CheckResult
from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES, Resolution
from mou_reconcile.corpus.values import (
    claim_key,
    compatible,
    figure,
    interval,
    show_value,
    value_key,
)
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile import hints, independence
from mou_reconcile.reconcile.kinds import severity_of
from mou_reconcile.reconcile.spellings import SpellingIndex


@dataclass
class Evidence:
    """One source's words for a value: a claim's quote where it stands, or a spelling."""

    source: str
    quote: str
    claim_id: str | None = None
    line: int | None = None
    col: int | None = None
    start: int | None = None
    end: int | None = None
    context: dict[str, Any] = field(default_factory=dict)
    yaml_line: int | None = None  # where the claim is in the claims file
    yaml_col: int | None = None


@dataclass
class ValueGroup:
    display: str
    value: Any
    bound: str | None
    evidence: list[Evidence]

    @builtins.property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.evidence))


@dataclass
class Discrepancy:
    fact: str
    subject: str
    property: str
    kinds: list[str]
    values: list[ValueGroup]
    message: str
    hints: list[str] = field(default_factory=list)
    status: str = "open"
    resolution: Resolution | None = None
    reopened_by: list[str] = field(default_factory=list)

    @builtins.property
    def severity(self) -> Severity:
        return severity_of(self.kinds)

    @builtins.property
    def is_open(self) -> bool:
        return self.status == "open"

    @builtins.property
    def location(self) -> tuple[int, int]:
        for group in self.values:
            for e in group.evidence:
                if e.yaml_line:
                    return e.yaml_line, e.yaml_col or 1
        return 1, 1


@dataclass
class Corroboration:
    fact: str
    display: str
    value: Any
    sources: list[str]
    independent_sources: int


@dataclass
class Reconciliation:
    check: CheckResult
    facts: int
    discrepancies: list[Discrepancy]
    corroborated: list[Corroboration]
    links: list[independence.Link]
    groups: dict[str, str]

    @builtins.property
    def corpus(self) -> Corpus:
        return self.check.corpus

    def open_counts(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for d in self.discrepancies:
            if d.is_open:
                counts[d.severity.label] += 1
        return counts


def reconcile(result: CheckResult) -> Reconciliation:
    corpus = result.corpus
    progress.stage("comparing sources")
    links = independence.find_links(corpus)
    groups = independence.groups(list(corpus.sources), links)
    by_fact: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in corpus.claims:  # check_corpus kept those whose references are declared
        by_fact[entry.claim.fact].append(entry)
    discrepancies: list[Discrepancy] = []
    corroborated: list[Corroboration] = []
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    for fact, entries in progress.track(by_fact.items(), "reconciling facts"):
        d, corr = _fact(result, fact, entries, groups, names)
        if d is not None:
            discrepancies.append(d)
        corroborated.extend(corr)
    discrepancies.extend(_naming(result, groups))
    resolutions = {r.fact: r for r in corpus.resolution_models()}
    for d in discrepancies:
        _resolve(d, resolutions.get(d.fact), corpus)
    discrepancies.sort(key=lambda d: (not d.is_open, -d.severity, d.fact))
    corroborated.sort(key=lambda c: c.fact)
    return Reconciliation(result, len(by_fact), discrepancies, corroborated, links, groups)


def _evidence(result: CheckResult, entry: ClaimEntry) -> Evidence:
    anchor = result.anchors.get(entry.id)
    line, col = result.corpus.where(("claims", entry.index))
    return Evidence(entry.claim.source, entry.claim.quote, entry.id,
                    anchor.line if anchor else None, anchor.col if anchor else None,
                    anchor.start if anchor else None, anchor.end if anchor else None,
                    dict(entry.claim.context or {}), line, col)


# A fact's claims, each with its `claim_key`: computed once, used for disagreements and groups.
Keyed = list[tuple[Any, ClaimEntry]]


def _with_keys(entries: list[ClaimEntry], ptype: str) -> Keyed:
    return [(claim_key(e.claim, ptype), e) for e in entries]


def _alike(claims: Keyed, ptype: str) -> list[list[ClaimEntry]]:
    """The claims grouped by value and bound, in the order the values are shown."""
    grouped: dict[Any, list[ClaimEntry]] = {}
    for key, entry in claims:
        grouped.setdefault(key, []).append(entry)
    out = list(grouped.values())
    if ptype in NUMERIC_TYPES:  # smallest first: "9 vs 10 vs 24", "1,500 vs up to 300,000"
        out.sort(key=lambda g: (_points_of(g[0].claim.value), g[0].claim.effective_bound))
    return out


def _value_group(result: CheckResult, alike: list[ClaimEntry], ptype: str,
                 names: dict[str, str]) -> ValueGroup:
    c = alike[0].claim
    return ValueGroup(show_value(c, ptype, names), c.value,
                      c.effective_bound if ptype in NUMERIC_TYPES else None,
                      [_evidence(result, entry) for entry in alike])


def differing_context(a: ClaimEntry, b: ClaimEntry) -> list[str]:
    """Context keys both claims have, with different values: a `scope`, not a `conflict`."""
    ca, cb = a.claim.context or {}, b.claim.context or {}
    return sorted(k for k in ca.keys() & cb.keys() if str(ca[k]) != str(cb[k]))


def _disagreements(claims: Keyed, ptype: str) -> list[str]:
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


def _fact(result: CheckResult, fact: str, entries: list[ClaimEntry], groups: dict[str, str],
          names: dict[str, str]) -> tuple[Discrepancy | None, list[Corroboration]]:
    corpus = result.corpus
    first = entries[0].claim
    prop = corpus.property(first.property)
    ptype = prop.type
    claims = _with_keys(entries, ptype)
    kinds: list[str] = []
    if not prop.multi:
        kinds.extend(_disagreements(claims, ptype))
        # One figure per claim (a range by its middle), so a wide range alone is no magnitude.
        numbers = [figure(e.claim.value) for e in entries] if ptype in NUMERIC_TYPES else []
        positive = [v for v in numbers if v > 0]
        if positive and max(positive) / min(positive) >= 10:
            kinds.append("magnitude")
    if ptype in NUMERIC_TYPES and any(hints.arithmetic(e.claim) for e in entries):
        kinds.append("arithmetic")
    if ptype == "count" and any(hints.enumeration(e.claim) for e in entries):
        kinds.append("enumeration")
    independent = {groups.get(e.claim.source, e.claim.source) for e in entries}
    if len(independent) == 1:
        kinds.append("uncorroborated")
    alike = _alike(claims, ptype)
    corroborations = _corroborations(fact, alike, ptype, groups, names)
    if not kinds:  # most facts: their evidence is not needed
        return None, corroborations
    values = [_value_group(result, group, ptype, names) for group in alike]
    order = ["conflict", "arithmetic", "scope", "magnitude", "enumeration", "uncorroborated"]
    kinds.sort(key=order.index)
    d = Discrepancy(fact, first.subject, first.property, kinds, values,
                    _message(values, prop.unit), hints.for_fact(corpus, entries, values, kinds))
    return d, corroborations


def _points_of(v: Any) -> list[float]:
    return [float(x) for x in v] if isinstance(v, list) else [float(v)]


def _message(values: list[ValueGroup], unit: str | None) -> str:
    text = " vs ".join(g.display for g in values)
    if len(values) == 1:
        text = f"{values[0].display}, from one source only" if len(
            values[0].sources) == 1 else f"{values[0].display}, one source group only"
    return f"{text} {unit}" if unit and len(values) > 1 else text


def _corroborations(fact: str, alike: list[list[ClaimEntry]], ptype: str,
                    groups: dict[str, str], names: dict[str, str]) -> list[Corroboration]:
    """Values stated alike (bound included: a ceiling does not confirm a count) by two or
    more independent sources."""
    out = []
    for same in alike:
        if len(same) < 2:  # one claim, one source
            continue
        sources = list(dict.fromkeys(e.claim.source for e in same))
        independent = len({groups.get(s, s) for s in sources})
        if independent >= 2:
            c = same[0].claim
            out.append(Corroboration(fact, show_value(c, ptype, names), c.value, sources,
                                     independent))
    return out


def _naming(result: CheckResult, groups: dict[str, str]) -> list[Discrepancy]:
    corpus = result.corpus
    out = []
    index = SpellingIndex(corpus)
    for eid in progress.track(corpus.entities, "comparing names"):
        used = index.spellings_by_source(corpus.entity(eid))
        spellings = {sp for found in used.values() for sp, _ in found}
        if len(used) < 2 or len(spellings) < 2:
            continue
        values: dict[str, ValueGroup] = {}
        for sid, found in used.items():
            for spelling, line in found:
                group = values.setdefault(spelling, ValueGroup(spelling, spelling, None, []))
                group.evidence.append(Evidence(sid, spelling, None, line))
        groups_list = sorted(values.values(), key=lambda g: (-len(g.sources), g.display))
        message = " vs ".join(repr(g.display) for g in groups_list)
        out.append(Discrepancy(f"{eid}.name", eid, "name", ["naming"], groups_list, message,
                               [f"canonical name: {corpus.entity(eid).name!r}"]))
    return out


def _covers(resolution: Resolution, value: Any, ptype: str | None) -> bool:
    key = value_key(value, ptype) if ptype else value
    return any((value_key(v, ptype) if ptype else v) == key for v in resolution.values
               if ptype is None or _same_shape(v, value))


def _same_shape(a: Any, b: Any) -> bool:
    return isinstance(a, list) == isinstance(b, list) and (
        isinstance(a, str) == isinstance(b, str))


def _resolve(d: Discrepancy, resolution: Resolution | None, corpus: Corpus) -> None:
    if resolution is None:
        return
    d.resolution = resolution
    ptype = corpus.property(d.property).type if d.property in corpus.properties else None
    d.reopened_by = [g.display for g in d.values if not _covers(resolution, g.value, ptype)]
    d.status = "open" if d.reopened_by or resolution.status == "open" else resolution.status
