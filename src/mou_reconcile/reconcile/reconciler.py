"""`report`: the discrepancies between sources, fact by fact, with their evidence.

A fact is a (subject, property) pair; all claims about it are compared. Each kind of
discrepancy (its rule, severity and wording) is a module of kinds/; cause hints (differing
context, a breakdown's sum, an "up to" target, a later date) are in hints.py; the results'
types in result.py. General code: nothing here knows a story.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mou_reconcile import progress
from mou_reconcile.check.checker import CheckResult
from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES, Resolution
from mou_reconcile.corpus.units import said, said_together
from mou_reconcile.corpus.values import show_value, value_key
from mou_reconcile.reconcile import hints, importance, independence
from mou_reconcile.reconcile.disagreements import Keyed, claim_date, with_keys
from mou_reconcile.reconcile.kinds import FactClaims, kinds_of, naming
from mou_reconcile.reconcile.result import (
    Corroboration,
    Discrepancy,
    Evidence,
    Reconciliation,
    ValueGroup,
)


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
    copies: list[independence.Link] = []  # claims in the same words, found fact by fact
    for fact, entries in progress.track(by_fact.items(), "reconciling facts"):
        d, corr = _fact(result, fact, entries, groups, names, copies)
        if d is not None:
            discrepancies.append(d)
        corroborated.extend(corr)
    discrepancies.extend(_naming(corpus))
    resolutions = {r.fact: r for r in corpus.resolution_models()}
    for d in discrepancies:
        _resolve(d, resolutions.get(d.fact), corpus)
    for d in discrepancies:
        d.weight = importance.weigh(corpus, d, groups)
    discrepancies.sort(key=importance.order_key)
    corroborated.sort(key=lambda c: c.fact)
    linked = {frozenset((x.a, x.b)) for x in links}
    for copy in copies:  # one line per pair of sources: the first fact found says why
        if frozenset((copy.a, copy.b)) not in linked:
            linked.add(frozenset((copy.a, copy.b)))
            links.append(copy)
    return Reconciliation(result, len(by_fact), discrepancies, corroborated, links, groups)


def _evidence(result: CheckResult, entry: ClaimEntry) -> Evidence:
    anchor = result.anchors.get(entry.id)
    line, col = result.corpus.where(("claims", entry.index))
    return Evidence(entry.claim.source, entry.claim.quote, entry.id,
                    anchor.line if anchor else None, anchor.col if anchor else None,
                    anchor.start if anchor else None, anchor.end if anchor else None,
                    dict(entry.claim.context or {}), line, col, entry.claim.attributed_to)


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
                 names: dict[str, str], unit: str | None) -> ValueGroup:
    c = alike[0].claim
    return ValueGroup(show_value(c, ptype, names), c.value,
                      c.effective_bound if ptype in NUMERIC_TYPES else None,
                      [_evidence(result, entry) for entry in alike],
                      said(c, ptype, names, unit))


def _fact(result: CheckResult, fact: str, entries: list[ClaimEntry], groups: dict[str, str],
          names: dict[str, str], copies: list[independence.Link]
          ) -> tuple[Discrepancy | None, list[Corroboration]]:
    corpus = result.corpus
    first = entries[0].claim
    prop = corpus.property(first.property)
    ptype = prop.type
    claims = with_keys(entries, ptype)
    when = {e.id: claim_date(corpus, e)[0] for e in entries} if any(
        e.claim.attributed_to for e in entries) else None
    kinds = kinds_of(FactClaims(prop, entries, claims, groups, when))
    alike = _alike(claims, ptype)
    corroborations = _corroborations(result, fact, alike, ptype, prop.unit, groups, names,
                                     copies)
    if not kinds:  # most facts: their evidence is not needed
        return None, corroborations
    values = [_value_group(result, group, ptype, names, prop.unit) for group in alike]
    together = said_together([group[0].claim for group in alike], ptype, names, prop.unit)
    d = Discrepancy(fact, first.subject, first.property, kinds, values,
                    _message(values, together, kinds),
                    hints.for_fact(corpus, entries, values, kinds, groups, when))
    return d, corroborations


def _points_of(v: Any) -> list[float]:
    return [float(x) for x in v] if isinstance(v, list) else [float(v)]


def _message(values: list[ValueGroup], together: str, kinds: list[str]) -> str:
    """'9 vs 10 vs 24 agreements'; one value: 'about US$60 billion, from one source only'."""
    if len(values) == 1 and "uncorroborated" in kinds:
        return f"{values[0].shown}, from one source only" if len(
            values[0].sources) == 1 else f"{values[0].shown}, one source group only"
    return together


def _corroborations(result: CheckResult, fact: str, alike: list[list[ClaimEntry]],
                    ptype: str, unit: str | None, groups: dict[str, str], names: dict[str, str],
                    copies: list[independence.Link]) -> list[Corroboration]:
    """Values stated alike by two or more independent reports. An approximate figure and the
    same exact one confirm each other ("some 40,000", "40,000"); a ceiling does not confirm
    a count. Sources in one copy group, or claims in the same sentence in nearly the same
    words, are one report (each such pair is added to `copies`)."""
    out = []
    for same in _confirming(alike, ptype):
        if len(same) < 2:  # one claim, one source
            continue
        sources = list(dict.fromkeys(e.claim.source for e in same))
        if len({groups.get(s, s) for s in sources}) < 2:
            continue
        reports = _reports(result, fact, same, groups, copies)
        if reports >= 2:
            c = next((e.claim for e in same if e.claim.effective_bound == "exact"),
                     same[0].claim)
            origins = list(dict.fromkeys(e.claim.attributed_to for e in same
                                         if e.claim.attributed_to is not None))
            out.append(Corroboration(fact, show_value(c, ptype, names), c.value, sources,
                                     reports, origins, said(c, ptype, names, unit)))
    return out


def _confirming(alike: list[list[ClaimEntry]], ptype: str) -> list[list[ClaimEntry]]:
    """The value groups, with an approximate figure joined to the same exact one."""
    if ptype not in NUMERIC_TYPES:
        return alike
    merged: dict[Any, list[ClaimEntry]] = {}
    for group in alike:
        claim = group[0].claim
        bound = "exact" if claim.effective_bound == "approx" else claim.effective_bound
        merged.setdefault((value_key(claim.value, ptype), bound), []).extend(group)
    return list(merged.values())


def _reports(result: CheckResult, fact: str, same: list[ClaimEntry], groups: dict[str, str],
             copies: list[independence.Link]) -> int:
    """How many independent reports state the value: copy groups, with claims whose quotes
    stand in the same sentence in nearly the same words joined."""
    # Union-find over the copy groups (a merge costs no pass over every source), and each
    # distinct pair of quotes or sentences compared once: many sources quoting one value in
    # one wording cost pairs of dictionary look-ups, not pairs of fuzzy comparisons.
    parent = {e.claim.source: groups.get(e.claim.source, e.claim.source) for e in same}
    for r in list(parent.values()):
        parent.setdefault(r, r)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sentences: dict[str, str | None] = {}
    quotes = {e.id: independence.wording(e.claim.quote) for e in same}
    alike: dict[tuple[str, str], bool] = {}
    copied: dict[tuple[str, str], bool] = {}

    def sentence(e: ClaimEntry) -> str | None:
        if e.id not in sentences:
            anchor = result.anchors.get(e.id)
            sentences[e.id] = None if anchor is None else independence.sentence_of(
                result.corpus, e.claim.source, anchor.start, anchor.end)
        return sentences[e.id]

    reports = len({find(e.claim.source) for e in same})
    for i, a in enumerate(same):
        if reports == 1:  # all one report already: no pair left to join
            break
        for b in same[i + 1:]:
            ra, rb = find(a.claim.source), find(b.claim.source)
            if ra == rb:
                continue
            pair = (quotes[a.id], quotes[b.id])
            if pair not in alike:
                alike[pair] = independence.similar(*pair)
            # Copied claims quote the same words: the sentences are read only then.
            if not alike[pair]:
                continue
            sa, sb = sentence(a), sentence(b)
            if sa is None or sb is None:
                continue
            if (sa, sb) not in copied:
                copied[sa, sb] = independence.same_words(sa, sb)
            if copied[sa, sb]:
                parent[rb] = ra
                reports -= 1
                copies.append(independence.Link(
                    a.claim.source, b.claim.source,
                    f"claims in the same words: {fact} ({a.id}, {b.id})"))
    return reports


def _naming(corpus: Corpus) -> list[Discrepancy]:
    """One `naming` discrepancy per entity spelled more than one way."""
    out = []
    for eid, entity, used in naming.find(corpus):
        values: dict[str, ValueGroup] = {}
        for sid, found in used.items():
            for spelling, line in found:
                group = values.setdefault(spelling, ValueGroup(spelling, spelling, None, []))
                group.evidence.append(Evidence(sid, spelling, None, line))
        shown = sorted(values.values(), key=lambda g: (-len(g.sources), g.display))
        message = " vs ".join(repr(g.display) for g in shown)
        out.append(Discrepancy(f"{eid}.name", eid, "name", ["naming"], shown, message,
                               [naming.hint(entity)]))
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
