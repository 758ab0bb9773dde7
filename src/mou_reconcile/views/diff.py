"""`diff A B`: two sources fact by fact: agree, differ (and how), only in A, only in B.

A `multi` fact (several values can all be right) is compared value by value, so a partner
that only A names is "only in A", not a disagreement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.units import said
from mou_reconcile.corpus.values import claim_key, figure, show_value
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.disagreements import pair_kind
from mou_reconcile.reconcile.kinds import KINDS, severity_of
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.views.matrix import claims_by_fact, relation

STATUSES = ("differ", "only_a", "only_b", "agree")  # the order rows are listed in

# Kinds of a difference between two claims: the report's kinds where they apply, plus
# "compatible": different values that their bounds allow ("9" and "about 10").
COMPATIBLE_SEVERITY = Severity.INFO


@dataclass
class DiffRow:
    fact: str
    status: str  # one of STATUSES
    a: list[ClaimEntry]
    b: list[ClaimEntry]
    a_display: str
    b_display: str
    kinds: list[str] = field(default_factory=list)
    resolved: str | None = None  # the verdict's status when a resolution closes the fact
    # The values with their property's unit, as a reader says them ("10 agreements"): text
    # and Markdown show these; JSON's display stays the bare value (its contract).
    a_said: str = ""
    b_said: str = ""

    @property
    def severity(self) -> Severity | None:
        if self.status != "differ":
            return None
        known = [k for k in self.kinds if k != "compatible"]
        return severity_of(known) if known else COMPATIBLE_SEVERITY


@dataclass
class SourceDiff:
    a: str
    b: str
    rows: list[DiffRow]
    independent: bool  # False when the two are one copy group
    link_reason: str | None

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def diff_sources(rec: Reconciliation, a: str, b: str) -> SourceDiff:
    corpus = rec.corpus
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    closed = {d.fact: d.status for d in rec.discrepancies if not d.is_open}
    rows: list[DiffRow] = []
    for fact, by_source in sorted(claims_by_fact(corpus).items()):
        mine, theirs = by_source.get(a, []), by_source.get(b, [])
        if not mine and not theirs:
            continue
        first = (mine or theirs)[0].claim
        prop = corpus.property(first.property)

        def show(entries: list[ClaimEntry], ptype: str = prop.type) -> str:
            return "; ".join(dict.fromkeys(_shown(e, ptype, names) for e in entries))

        def say(entries: list[ClaimEntry], ptype: str = prop.type,
                unit: str | None = prop.unit) -> str:
            return "; ".join(dict.fromkeys(_shown(e, ptype, names, unit) for e in entries))

        if prop.multi and mine and theirs:
            rows.extend(_multi_rows(fact, mine, theirs, prop.type, show, say))
            continue
        row = DiffRow(fact, "only_a" if not theirs else "only_b" if not mine else "agree",
                      mine, theirs, show(mine), show(theirs), a_said=say(mine),
                      b_said=say(theirs))
        if mine and theirs:
            row.kinds = _kinds(mine, theirs, prop.type)
            row.status = "differ" if row.kinds else "agree"
            if row.kinds:
                row.resolved = closed.get(fact)
        rows.append(row)
    rows.sort(key=lambda r: (STATUSES.index(r.status), -(r.severity or 0), r.fact))
    group = rec.groups
    link = next((lk.reason for lk in rec.links if {lk.a, lk.b} == {a, b}), None)
    return SourceDiff(a, b, rows, group.get(a, a) != group.get(b, b), link)


def _shown(e: ClaimEntry, ptype: str, names: dict[str, str], unit: str | None = None) -> str:
    """The value, with the authority the source credits for it: "11,300 (Health Ministry)";
    with `unit`, as a reader says it: "11,300 people (Health Ministry)"."""
    value = show_value(e.claim, ptype, names) if unit is None else \
        said(e.claim, ptype, names, unit)
    by = e.claim.attributed_to
    return f"{value} ({names.get(by, by)})" if by is not None else value


def _kinds(mine: list[ClaimEntry], theirs: list[ClaimEntry], ptype: str) -> list[str]:
    found = {relation(x, y, ptype, False) for x in mine for y in theirs}
    if found == {"same"}:
        return []
    kinds: list[str] = []
    if "contradicting" in found:
        pairs = {pair_kind(x, y, ptype) for x in mine for y in theirs}
        kinds += [k for k in KINDS if k in pairs]  # conflict, misreport, dispute, scope...
    else:
        kinds.append("compatible")
    figures = [figure(e.claim.value) for e in mine + theirs] if ptype in NUMERIC_TYPES else []
    positive = [v for v in figures if v > 0]
    if positive and max(positive) / min(positive) >= 10:
        kinds.append("magnitude")
    return kinds


def _multi_rows(fact: str, mine: list[ClaimEntry], theirs: list[ClaimEntry], ptype: str,
                show: Callable[[list[ClaimEntry]], str],
                say: Callable[[list[ClaimEntry]], str]) -> list[DiffRow]:
    keys_a = {claim_key(e.claim, ptype): e for e in mine}
    keys_b = {claim_key(e.claim, ptype): e for e in theirs}
    rows = []
    for key in dict.fromkeys([*keys_a, *keys_b]):
        ea, eb = keys_a.get(key), keys_b.get(key)
        status = "agree" if ea and eb else "only_a" if ea else "only_b"
        la, lb = [ea] if ea else [], [eb] if eb else []
        rows.append(DiffRow(fact, status, la, lb, show(la), show(lb), a_said=say(la),
                            b_said=say(lb)))
    return rows
