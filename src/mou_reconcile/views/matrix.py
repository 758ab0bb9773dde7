"""Facts as rows, sources as columns: what each source says of each fact, and how the
other sources' values relate to it. The one table behind `matrix`, `diff` and `sources`.

Two claims relate as in `report`: the same value (bound included: "up to 300,000" is not a
count of 300,000), compatible (different, but their bounds overlap: 9 and "about 10"), or
contradicting (a single-valued fact whose intervals cannot both hold). Several values of a
`multi` fact never contradict each other.

Claims are related value by value, not pair by pair, and a cell's lists of other sources
are made only when asked for: a fact stated by thousands of sources costs its claims times
its distinct values, not its claims squared (a cell's state needs only counts).
"""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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


KINDS = ("same", "compatible", "contradicting")


class _Related:
    """One fact's claims by source, related value by value: the sources giving each value,
    and how two values relate (once per pair of distinct values, when first asked). Sources
    giving the same values share every answer: cost values squared plus claims."""

    def __init__(self, by_source: dict[str, list[ClaimEntry]], ptype: str, multi: bool) -> None:
        self.ptype, self.multi = ptype, multi
        self.order = {sid: i for i, sid in enumerate(by_source)}
        self.keys: dict[str, tuple[Any, ...]] = {}
        self.holders: dict[Any, list[str]] = {}
        self.first: dict[Any, ClaimEntry] = {}
        for sid, entries in by_source.items():
            keys = []
            for entry in entries:
                key = claim_key(entry.claim, ptype)
                self.first.setdefault(key, entry)
                keys.append(key)
            self.keys[sid] = tuple(dict.fromkeys(keys))
            for key in self.keys[sid]:
                self.holders.setdefault(key, []).append(sid)
        self.single = all(len(k) == 1 for k in self.keys.values())
        self._kind: dict[tuple[Any, Any], str] = {}
        self._matching: dict[tuple[tuple[Any, ...], str], list[Any]] = {}
        self._counts: dict[tuple[tuple[Any, ...], tuple[str, ...]], int] = {}
        self._others: dict[tuple[str, str], tuple[str, ...]] = {}
        self._states: dict[tuple[Any, ...], str] = {}

    def _relation(self, a: Any, b: Any) -> str:
        if (a, b) not in self._kind:
            self._kind[a, b] = relation(self.first[a], self.first[b], self.ptype, self.multi)
        return self._kind[a, b]

    def _keys_of(self, mine: tuple[Any, ...], kind: str) -> list[Any]:
        """The values related to one of `mine` as `kind`."""
        if (mine, kind) not in self._matching:
            self._matching[mine, kind] = [
                k for k in self.holders if any(self._relation(m, k) == kind for m in mine)]
        return self._matching[mine, kind]

    def others(self, sid: str, kind: str) -> tuple[str, ...]:
        """The other sources with a claim related to one of `sid`'s as `kind`, in order."""
        if (sid, kind) not in self._others:
            self._others[sid, kind] = self._find_others(sid, kind)
        return self._others[sid, kind]

    def _find_others(self, sid: str, kind: str) -> tuple[str, ...]:
        mine = self.keys[sid]
        # Only values someone else gives: a source's own many values cost nothing here.
        found = {o for k, holders in self.holders.items()
                 if (len(holders) > 1 or holders[0] != sid)
                 and any(self._relation(m, k) == kind for m in mine)
                 for o in holders if o != sid}
        return tuple(sorted(found, key=self.order.__getitem__))

    def state_of(self, sid: str, key: Any) -> str:
        """The state of one of `sid`'s values alone (a cell of several values marks each);
        costs the fact's distinct values times its sources, so asked only of such cells."""
        others: dict[str, set[str]] = {kind: set() for kind in KINDS}
        for k, holders in self.holders.items():
            if holders == [sid]:  # a value only `sid` gives: no other source to count
                continue
            kind = self._relation(key, k)
            if kind in others:
                others[kind].update(o for o in holders if o != sid)
        same, comp = others["same"], others["compatible"]
        return _state(len(same | comp), len(others["contradicting"]), len(same), len(comp))

    def cell_state(self, sid: str) -> str:
        """The state of `sid`'s cell. When every source gives one value, the sources giving
        the same value have the same state, worked out once per value in one pass over the
        values (the sources per value are then disjoint: counts add up)."""
        if not self.single:
            return _state(self.count(sid, ("same", "compatible")),
                          self.count(sid, ("contradicting",)), self.count(sid, ("same",)),
                          self.count(sid, ("compatible",)))
        mine = self.keys[sid]
        if mine not in self._states:
            n = dict.fromkeys(KINDS, 0)
            for k, holders in self.holders.items():
                kind = self._relation(mine[0], k)
                if kind in n:
                    n[kind] += len(holders)
            same = n["same"] - 1  # the source itself
            self._states[mine] = _state(same + n["compatible"], n["contradicting"], same,
                                        n["compatible"])
        return self._states[mine]

    def count(self, sid: str, kinds: tuple[str, ...]) -> int:
        """How many other sources relate to `sid` as any of `kinds`, without listing them
        when every source gives one value (the sources per value are then disjoint)."""
        if not self.single:
            return len({o for kind in kinds for o in self.others(sid, kind)})
        mine = self.keys[sid]
        if (mine, kinds) not in self._counts:
            keys = {k for kind in kinds for k in self._keys_of(mine, kind)}
            self._counts[mine, kinds] = sum(len(self.holders[k]) for k in keys)
        # A source is always "same" with its own single value: not one of the others.
        return self._counts[mine, kinds] - ("same" in kinds)


def _state(support: int, contradicting: int, same: int, compatible: int) -> str:
    """A cell's (or one value's) state from how many other sources relate to it how."""
    if contradicting >= max(1, support):
        return "differ"
    if same:
        return "agree"
    return "compatible" if compatible else "alone"


@dataclass(frozen=True)
class Cell:
    source: str
    claims: tuple[ClaimEntry, ...]
    display: str  # the value(s) as this source gives them; "" when absent
    short: str  # the same, compact: "≤300k", an entity's shortest spelling
    related: _Related | None = field(default=None, repr=False, compare=False)

    @builtins.property
    def same(self) -> tuple[str, ...]:
        """Other sources giving the same value."""
        return self.related.others(self.source, "same") if self.related else ()

    @builtins.property
    def compatible(self) -> tuple[str, ...]:
        """Other sources giving a different value this one's bounds allow."""
        return self.related.others(self.source, "compatible") if self.related else ()

    @builtins.property
    def contradicting(self) -> tuple[str, ...]:
        """Other sources giving a value that cannot also be true."""
        return self.related.others(self.source, "contradicting") if self.related else ()

    @builtins.property
    def state(self) -> str:
        """How the others relate to this cell. A cell that only the outlier contradicts,
        while more sources agree with it or allow it, is not marked: the outlier is."""
        if not self.claims or self.related is None:
            return "absent"
        return self.related.cell_state(self.source)


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


def build_matrix(rec: Reconciliation, facts: Iterable[str] | None = None, *,
                 every_source: bool = True, shown: bool = True) -> Matrix:
    """The matrix of `facts` (default: every fact). `every_source`: a cell for every source
    of the corpus in each row; else only for the sources that state the fact (absent cells
    left out: a row then costs its claims, not the corpus's sources). `shown` False: cells
    without `display` and `short`, for a view that says each value itself (value_marks)."""
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
        related = _Related(by_source, prop.type, prop.multi)
        cells = {sid: _cell(sid, by_source, prop.type, related, names, shortest, shown)
                 for sid in (sources if every_source else by_source)}
        rows.append(Row(fact, first.subject, first.property, prop.type, prop.multi, prop.unit,
                        cells, found.get(fact)))
    return Matrix(sources, rows)


def _cell(sid: str, by_source: dict[str, list[ClaimEntry]], ptype: str, related: _Related,
          names: dict[str, str], shortest: dict[str, str], shown: bool = True) -> Cell:
    mine = by_source.get(sid, [])
    if not mine:
        return Cell(sid, (), "", "")
    if not shown:
        return Cell(sid, tuple(mine), "", "", related)
    values = list(dict.fromkeys(show_value(e.claim, ptype, names) for e in mine))
    short = list(dict.fromkeys(short_value(e.claim, ptype, shortest) for e in mine))
    return Cell(sid, tuple(mine), "; ".join(values), ", ".join(short), related)


def value_marks(row: Row, source: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """Each value `source` gives for the row's fact, with its unit, and its own state: the
    cell's rule applied to that value alone, so a cell holding one agreeing and one
    contradicted value marks each (the cell's state is its most telling value's)."""
    cell = row.cells[source]
    if cell.related is None or not cell.claims:
        return []
    if len(cell.related.keys[source]) == 1:  # one value: the cell's own state
        return [(said(cell.claims[0].claim, row.ptype, names, row.unit), cell.state)]
    groups: dict[Any, list[ClaimEntry]] = {}
    for entry in cell.claims:
        groups.setdefault(claim_key(entry.claim, row.ptype), []).append(entry)
    return [(said(group[0].claim, row.ptype, names, row.unit),
             cell.related.state_of(source, key)) for key, group in groups.items()]
