"""`timeline`: a fact's values in date order, so a figure revised over time (a rising toll)
reads as a revision rather than a contradiction.

A claim's date is its `context.as_of` when it has one (the date the figure describes), else
its source's `published` date. Partial dates sort before the days they contain.
"""

from __future__ import annotations

from dataclasses import dataclass

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import claim_key, figure, show_value
from mou_reconcile.text import dates
from mou_reconcile.views.matrix import claims_by_fact

CHANGES = {
    "first": "the earliest dated figure",
    "unchanged": "the same value as the previous date",
    "up": "higher than the previous date's value",
    "down": "lower than the previous date's value",
    "changed": "another value than the previous date's",
    "same-date": "another value on the same date as the previous claim: a disagreement, "
                 "not a revision",
    "other-context": "another value in another context (another event, place...) than the "
                     "previous date's: perhaps not the same figure at all",
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


def claim_date(corpus: Corpus, entry: ClaimEntry) -> tuple[dates.PartialDate | None, str | None]:
    as_of = (entry.claim.context or {}).get("as_of")
    if isinstance(as_of, (str, int)) and not isinstance(as_of, bool):
        parsed = dates.parse(as_of)
        if parsed:
            return parsed, "as_of"
    published = corpus.source(entry.claim.source).published
    if published is not None:
        parsed = dates.parse(str(published))
        if parsed:
            return parsed, "published"
    return None, None


def timeline(corpus: Corpus, fact: str, entries: list[ClaimEntry]) -> Timeline:
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    prop = corpus.property(entries[0].claim.property)
    dated = [(claim_date(corpus, e), i, e) for i, e in enumerate(entries)]
    # Dated first, oldest first (file order breaks ties); then the undated in file order.
    dated.sort(key=lambda x: (x[0][0] is None, x[0][0] or (), x[1]))
    points: list[Point] = []
    previous: Point | None = None
    for (when, origin), _, entry in dated:
        change = "undated" if when is None else "first" if previous is None else \
            "also" if prop.multi else _change(previous, when, entry, prop.type)
        point = Point(entry, when, origin, show_value(entry.claim, prop.type, names), change)
        points.append(point)
        if when is not None:
            previous = point
    return Timeline(fact, prop.unit, points)


def _change(previous: Point, when: dates.PartialDate, entry: ClaimEntry, ptype: str) -> str:
    if claim_key(previous.entry.claim, ptype) == claim_key(entry.claim, ptype):
        return "unchanged"
    if _context(previous.entry) != _context(entry) and _context(previous.entry) and \
            _context(entry):
        return "other-context"
    if previous.date == when:
        return "same-date"
    if ptype in NUMERIC_TYPES:
        before, now = figure(previous.entry.claim.value), figure(entry.claim.value)
        if now != before:
            return "up" if now > before else "down"
    return "changed"


def _context(entry: ClaimEntry) -> dict[str, str]:
    """The claim's context apart from its date: what the figure is about."""
    return {k: str(v) for k, v in (entry.claim.context or {}).items() if k != "as_of"}


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
