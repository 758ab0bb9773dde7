"""Facts as rows, sources as columns: what each source says of each fact, and how the
other sources' values relate to it. The one table behind `matrix`, `diff` and `sources`.

Two claims relate as in `report`: the same value (bound included: "up to 300,000" is not a
count of 300,000), compatible (different, but their bounds overlap: 9 and "about 10"), or
contradicting (a single-valued fact whose intervals cannot both hold). Several values of a
`multi` fact never contradict each other.
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.units import said
from mou_reconcile.corpus.values import claim_key, compatible, short_value, show_value
from mou_reconcile.reconcile.result import Discrepancy, Reconciliation

# A cell's state, most telling first; the legend of every view that colours cells.
STATES: dict[str, str] = {
    "differ": "more of the other sources contradict this value than agree with it or allow "
              "it: the outlier, or no majority",
    "compatible": "another source gives a different value that its bounds allow",
    "agree": "another source gives the same value",
    "alone": "no other source states this fact",
    "absent": "this source does not state this fact",
}


@dataclass(frozen=True)
class Cell:
    source: str
    claims: tuple[ClaimEntry, ...]
    display: str  # the value(s) as this source gives them; "" when absent
    short: str  # the same, compact: "≤300k", an entity's shortest spelling
    same: tuple[str, ...] = ()  # other sources giving the same value
    compatible: tuple[str, ...] = ()  # ... a different value its bounds allow
    contradicting: tuple[str, ...] = ()  # ... a value that cannot also be true

    @property
    def state(self) -> str:
        """How the others relate to this cell. A cell that only the outlier contradicts,
        while more sources agree with it or allow it, is not marked: the outlier is."""
        if not self.claims:
            return "absent"
        support = len(set(self.same) | set(self.compatible))
        if len(self.contradicting) >= max(1, support):
            return "differ"
        if self.same:
            return "agree"
        return "compatible" if self.compatible else "alone"


@dataclass
class Row:
    fact: str
    subject: str
    property: str
    ptype: str
    multi: bool
    unit: str | None
    cells: dict[str, Cell]  # every source of the corpus, absent ones included
    discrepancy: Discrepancy | None

    @builtins.property
    def disputed(self) -> bool:
        return any(c.state in ("differ", "compatible") for c in self.cells.values())

    @builtins.property
    def stated_by(self) -> list[str]:
        return [s for s, c in self.cells.items() if c.claims]


@dataclass
class Matrix:
    sources: list[str]
    rows: list[Row]


def relation(a: ClaimEntry, b: ClaimEntry, ptype: str, multi: bool) -> str:
    """'same', 'compatible', 'contradicting', or 'other' (different values of a multi fact)."""
    if claim_key(a.claim, ptype) == claim_key(b.claim, ptype):
        return "same"
    if multi:
        return "other"
    return "compatible" if compatible(a.claim, b.claim, ptype) else "contradicting"


def claims_by_fact(corpus: Corpus) -> dict[str, dict[str, list[ClaimEntry]]]:
    """fact -> source -> its claims, in file order; claims with broken references left out."""
    out: dict[str, dict[str, list[ClaimEntry]]] = defaultdict(lambda: defaultdict(list))
    for entry in corpus.claims:
        c = entry.claim
        if c.source in corpus.sources and c.subject in corpus.entities and \
                c.property in corpus.properties:
            out[c.fact][c.source].append(entry)
    return out


def build_matrix(rec: Reconciliation, facts: Iterable[str] | None = None) -> Matrix:
    corpus = rec.corpus
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    shortest = {eid: min(corpus.entity(eid).spellings, key=len) for eid in corpus.entities}
    found = {d.fact: d for d in rec.discrepancies}
    table = claims_by_fact(corpus)
    wanted = sorted(table) if facts is None else [f for f in facts if f in table]
    sources = list(corpus.sources)
    rows = []
    for fact in wanted:
        by_source = table[fact]
        first = next(iter(by_source.values()))[0].claim
        prop = corpus.property(first.property)
        cells = {sid: _cell(sid, by_source, prop.type, prop.multi, names, shortest)
                 for sid in sources}
        rows.append(Row(fact, first.subject, first.property, prop.type, prop.multi, prop.unit,
                        cells, found.get(fact)))
    return Matrix(sources, rows)


def _cell(sid: str, by_source: dict[str, list[ClaimEntry]], ptype: str, multi: bool,
          names: dict[str, str], shortest: dict[str, str]) -> Cell:
    mine = by_source.get(sid, [])
    if not mine:
        return Cell(sid, (), "", "")
    related: dict[str, list[str]] = {"same": [], "compatible": [], "contradicting": []}
    for other, theirs in by_source.items():
        if other == sid:
            continue
        found = {relation(a, b, ptype, multi) for a in mine for b in theirs}
        for kind in related:
            if kind in found:
                related[kind].append(other)
    shown = list(dict.fromkeys(show_value(e.claim, ptype, names) for e in mine))
    short = list(dict.fromkeys(short_value(e.claim, ptype, shortest) for e in mine))
    return Cell(sid, tuple(mine), "; ".join(shown), ", ".join(short), tuple(related["same"]),
                tuple(related["compatible"]), tuple(related["contradicting"]))


def value_marks(row: Row, source: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """Each value `source` gives for the row's fact, with its unit, and its own state: the
    cell's rule applied to that value alone, so a cell holding one agreeing and one
    contradicted value marks each (the cell's state is its most telling value's)."""
    mine = row.cells[source].claims
    groups: dict[object, list[ClaimEntry]] = {}
    for entry in mine:
        groups.setdefault(claim_key(entry.claim, row.ptype), []).append(entry)
    out: list[tuple[str, str]] = []
    for group in groups.values():
        related: dict[str, list[str]] = {"same": [], "compatible": [], "contradicting": []}
        for other, cell in row.cells.items():
            if other == source or not cell.claims:
                continue
            found = {relation(a, b, row.ptype, row.multi) for a in group for b in cell.claims}
            for kind in related:
                if kind in found:
                    related[kind].append(other)
        state = Cell(source, tuple(group), "", "", tuple(related["same"]),
                     tuple(related["compatible"]), tuple(related["contradicting"])).state
        out.append((said(group[0].claim, row.ptype, names, row.unit), state))
    return out
