"""`timeline`: a fact's values in date order, so a figure revised over time (a rising toll)
reads as a revision rather than a contradiction.

A claim's date is its `context.as_of` when it has one (the date the figure describes), else
its source's `published` date. Partial dates sort before the days they contain. Each value
is compared with the previous value of its own line (`hints.revision_line`): the same
origin (`attributed_to`, or none credited) in the same context (another event or place is
another figure), never merely with the row above.
"""

from __future__ import annotations

from dataclasses import dataclass

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import claim_key, figure, show_value
from mou_reconcile.reconcile.disagreements import claim_date
from mou_reconcile.reconcile.hints import revision_line
from mou_reconcile.text import dates
from mou_reconcile.views.matrix import claims_by_fact

CHANGES = {
    "first": "the earliest dated figure of its origin (or, uncredited, of its context)",
    "unchanged": "the same value as the same origin's previous date",
    "up": "higher than the same origin's previous value",
    "down": "lower than the same origin's previous value",
    "changed": "another value than the same origin's previous one",
    "same-date": "another value from the same origin on the same date: a disagreement, "
                 "not a revision",
    "also": "another of several values that can all be right (a multi-valued fact)",
    "undated": "no date: neither context.as_of nor the source's published date",
}


@dataclass
class Point:
    entry: ClaimEntry
    date: dates.PartialDate | None
    date_from: str | None  # "as_of" or "published"
    display: str
    change: str  # a key of CHANGES


@dataclass
class Timeline:
    fact: str
    unit: str | None
    points: list[Point]

    @property
    def dated(self) -> list[Point]:
        return [p for p in self.points if p.date is not None]


def timeline(corpus: Corpus, fact: str, entries: list[ClaimEntry]) -> Timeline:
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    prop = corpus.property(entries[0].claim.property)
    dated = [(claim_date(corpus, e), i, e) for i, e in enumerate(entries)]
    # Dated first, oldest first (file order breaks ties); then the undated in file order.
    dated.sort(key=lambda x: (x[0][0] is None, x[0][0] or (), x[1]))
    points: list[Point] = []
    previous: dict[object, Point] = {}  # each line's last dated point
    for (when, origin), _, entry in dated:
        line = revision_line(entry)
        last = previous.get(line)
        change = "undated" if when is None else "first" if last is None else \
            "also" if prop.multi else _change(last, when, entry, prop.type)
        point = Point(entry, when, origin, show_value(entry.claim, prop.type, names), change)
        points.append(point)
        if when is not None:
            previous[line] = point
    return Timeline(fact, prop.unit, points)





def _change(previous: Point, when: dates.PartialDate, entry: ClaimEntry, ptype: str) -> str:
    if claim_key(previous.entry.claim, ptype) == claim_key(entry.claim, ptype):
        return "unchanged"
    if previous.date == when:
        return "same-date"
    if ptype in NUMERIC_TYPES:
        before, now = figure(previous.entry.claim.value), figure(entry.claim.value)
        if now != before:
            return "up" if now > before else "down"
    return "changed"


def timelines(corpus: Corpus, fact: str | None = None) -> list[Timeline]:
    """The given fact's timeline, or every single-valued fact stated on two or more dates."""
    table = claims_by_fact(corpus)
    out = []
    for name in sorted(table) if fact is None else [fact]:
        entries = [e for claims in table.get(name, {}).values() for e in claims]
        entries.sort(key=lambda e: e.index)
        if not entries:
            continue
        t = timeline(corpus, name, entries)
        multi = corpus.property(entries[0].claim.property).multi
        if fact is not None or (not multi and len({p.date for p in t.dated}) >= 2):
            out.append(t)
    return out
