"""What reconciling finds: each discrepancy with its values and their evidence, the values
corroborated, and the copy links between sources. Plain data for the views and reporters."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Any

from mou_reconcile.check.checker import CheckResult
from mou_reconcile.corpus.load import Corpus
from mou_reconcile.corpus.models import Resolution
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile import independence
from mou_reconcile.reconcile.kinds import severity_of


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
    attributed_to: str | None = None  # the entity the source credits with the value


@dataclass
class ValueGroup:
    display: str  # the value alone, as the JSON report's `display` has always given it
    value: Any
    bound: str | None
    evidence: list[Evidence]
    shown: str = ""  # with its unit and the quote's scale: "about US$60 billion"

    def __post_init__(self) -> None:
        self.shown = self.shown or self.display

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
    weight: Any = None  # importance.Weight: how much it matters, for the order

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
    independent_sources: int  # reports: a copy group, or claims in the same words, count once
    origins: list[str] = field(default_factory=list)  # the entities credited, in order
    shown: str = ""  # with its unit, as ValueGroup.shown

    def __post_init__(self) -> None:
        self.shown = self.shown or self.display


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

    @builtins.property
    def main(self) -> Discrepancy | None:
        """The story's main open discrepancy: the first in the report's order, if it is a
        disagreement (error or warning), not a note."""
        first = self.discrepancies[0] if self.discrepancies else None
        if first is None or not first.is_open or first.severity < Severity.WARNING:
            return None
        return first

    def open_counts(self) -> dict[str, int]:
        counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for d in self.discrepancies:
            if d.is_open:
                counts[d.severity.label] += 1
        return counts
