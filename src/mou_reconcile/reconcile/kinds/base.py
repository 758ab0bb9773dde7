"""What every kind of discrepancy has (a name, a severity, its documentation) and what a
fact-level kind's rule looks at (`FactClaims`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES, Property
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.disagreements import Dates, Keyed, disagreements


@dataclass(frozen=True)
class Kind:
    name: str
    severity: Severity
    doc: str  # the first paragraph of the kind module's docstring, on one line

    @classmethod
    def of(cls, name: str, severity: Severity, docstring: str | None) -> Kind:
        first = (docstring or "").strip().split("\n\n")[0]
        return cls(name, severity, " ".join(first.split()))


@dataclass
class FactClaims:
    """One fact's claims, as the fact-level rules see them."""

    prop: Property
    entries: list[ClaimEntry]
    keyed: Keyed  # each claim with its value key (corpus.values.claim_key)
    groups: dict[str, str]  # source -> its independence group
    when: Dates | None = None  # each claim's date, where a claim credits an authority

    @property
    def ptype(self) -> str:
        return self.prop.type

    @property
    def numeric(self) -> bool:
        return self.ptype in NUMERIC_TYPES

    @cached_property
    def disagreements(self) -> list[str]:
        """"conflict" and "scope" as found among the claims (single-valued facts only):
        one pass for both kinds."""
        return [] if self.prop.multi else disagreements(self.keyed, self.ptype, self.when)

    def values(self) -> list[Any]:
        return [e.claim.value for e in self.entries]
