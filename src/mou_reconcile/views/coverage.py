"""`coverage`: per source, which of the quantities an article states no claim records.

A quantity is curated when a claim's quote (as anchored by `check`) holds it and the claim
records that number: its value, either end of a range, or a breakdown part. A quote that
merely passes over a figure ("the first agreement was signed between ...", quoted for the
partner) does not curate it. A `not_curated` entry whose quote holds the quantity explains
it instead. Coverage is (curated + explained) / quantities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from mou_reconcile.check.checker import CheckResult
from mou_reconcile.corpus.models import NUMERIC_TYPES, Claim
from mou_reconcile.text import dates
from mou_reconcile.text.numbers import same_number
from mou_reconcile.text.quotes import find_quote
from mou_reconcile.views.extract import Candidate, extract

FORMAT_VERSION = 1

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Item:
    candidate: Candidate
    by: str | None = None  # the claim id that records it, or the reason it is not curated


@dataclass
class SourceCoverage:
    source: str
    file: str
    curated: list[Item] = field(default_factory=list)
    explained: list[Item] = field(default_factory=list)
    uncovered: list[Item] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.curated) + len(self.explained) + len(self.uncovered)

    @property
    def percent(self) -> float:
        return percent(len(self.curated) + len(self.explained), self.total)


@dataclass
class Coverage:
    claims_file: str
    sources: list[SourceCoverage]
    problems: int  # error-level problems in the claims file (their claims cover nothing)

    def count(self, what: str) -> int:
        return sum(len(getattr(s, what)) for s in self.sources)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sources)

    @property
    def percent(self) -> float:
        return percent(self.count("curated") + self.count("explained"), self.total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "claims_file": self.claims_file,
            "claims_file_errors": self.problems,  # claims with errors cover nothing
            "summary": _counts(self.total, self.count("curated"), self.count("explained"),
                               self.count("uncovered"), self.percent),
            "sources": [{"source": s.source, "file": s.file,
                         **_counts(s.total, len(s.curated), len(s.explained), len(s.uncovered),
                                   s.percent)} for s in self.sources],
            "uncovered": [_item(s, i) for s in self.sources for i in s.uncovered],
            "explained": [_item(s, i, "reason") for s in self.sources for i in s.explained],
        }


def percent(part: int, whole: int) -> float:
    return 100.0 if whole == 0 else 100.0 * part / whole


def shown_percent(value: float) -> str:
    """Rounded down, so 99.6% never reads as 100%."""
    return f"{math.floor(value + 1e-9)}%"


def _counts(total: int, curated: int, explained: int, uncovered: int,
            pct: float) -> dict[str, Any]:
    return {"quantities": total, "curated": curated, "explained": explained,
            "uncovered": uncovered, "coverage": round(pct, 2)}


def _item(s: SourceCoverage, item: Item, by: str | None = None) -> dict[str, Any]:
    c = item.candidate
    out = {"source": s.source, "file": s.file, "line": c.line, "col": c.col,
           "text": c.quantity.text, "kind": c.quantity.kind, "value": c.value,
           "bound": c.quantity.bound, "quote": c.quote, "hint": c.hint}
    if by:
        out[by] = item.by
    return out


def coverage(result: CheckResult, *, years: bool = False) -> Coverage:
    corpus = result.corpus
    out = []
    for sid, article in corpus.articles.items():
        recorded = [(entry.id, result.anchors[entry.id].spans, _numbers(corpus, entry.claim))
                    for entry in corpus.claims
                    if entry.claim.source == sid and entry.id in result.anchors]
        set_aside = []
        for nc in corpus.not_curated:
            anchor = find_quote(article, nc.model.quote) if nc.model.source == sid else None
            if anchor is not None:
                set_aside.append((nc.model.reason, anchor.spans))
        sc = SourceCoverage(sid, article.display)
        for c in extract(article, corpus, years=years).candidates:
            q = c.quantity
            claim = next((cid for cid, spans, numbers in recorded if _inside(q.start, q.end, spans)
                          and any(same_number(q.value, n) for n in numbers)), None)
            reason = next((r for r, spans in set_aside if _inside(q.start, q.end, spans)), None)
            if claim is not None:
                sc.curated.append(Item(c, claim))
            elif reason is not None:
                sc.explained.append(Item(c, reason))
            else:
                sc.uncovered.append(Item(c))
        out.append(sc)
    return Coverage(corpus.display, out, result.errors)


def _inside(start: int, end: int, spans: Spans) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _numbers(corpus: Any, claim: Claim) -> list[float]:
    """The numbers a claim records: value (both ends of a range), breakdown parts; for a
    date, its year."""
    entry = corpus.properties.get(claim.property)
    if entry is None:
        return []
    ptype = entry.model.type
    value = claim.value
    if ptype in NUMERIC_TYPES:
        values = value if isinstance(value, list) else [value]
        parts = list((claim.breakdown or {}).values())
        return [float(v) for v in [*values, *parts] if isinstance(v, (int, float))]
    if ptype == "date" and isinstance(value, (str, int)):
        parsed = dates.parse(value)
        return [float(parsed[0])] if parsed else []
    return []
