"""The kinds of discrepancy `report` finds: one module each, with its rule, its severity, its
hint wording and its documentation (the module's docstring, whose first paragraph is the
kind's description in the README, docs/discrepancy-kinds.md and SARIF rules).

A fact-level kind's module has `KIND` and `found(fact) -> bool`; `naming` works on entities
and has `find(corpus)`. Registered here: a discrepancy's kinds are listed in this order.
"""

from __future__ import annotations

from types import ModuleType

from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds import (
    arithmetic,
    conflict,
    dispute,
    enumeration,
    magnitude,
    misattribution,
    misreport,
    naming,
    rounding,
    scope,
    uncorroborated,
)
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

MODULES: tuple[ModuleType, ...] = (conflict, misreport, dispute, arithmetic, scope,
                                   misattribution, magnitude, enumeration, rounding, naming,
                                   uncorroborated)
FACT_KINDS: tuple[ModuleType, ...] = tuple(m for m in MODULES if m is not naming)
KINDS: dict[str, Kind] = {m.KIND.name: m.KIND for m in MODULES}


def kinds_of(fact: FactClaims) -> list[str]:
    """The fact-level kinds the fact's claims show, in the registry's order."""
    return [m.KIND.name for m in FACT_KINDS if m.found(fact)]


def severity_of(kinds: list[str]) -> Severity:
    return max(KINDS[k].severity for k in kinds)


def kinds_markdown() -> str:
    """docs/discrepancy-kinds.md, from the kinds' own docstrings."""
    out = ["# Discrepancy kinds", "",
           "Generated from `src/mou_reconcile/reconcile/kinds/` (each kind's module "
           "docstring); tests check this file is current.", ""]
    for module in MODULES:
        kind: Kind = module.KIND
        paragraphs = [" ".join(p.split()) for p in (module.__doc__ or "").strip().split("\n\n")]
        out += [f"## {kind.name}", "", f"Severity: {kind.severity.label}.", ""]
        for paragraph in paragraphs:
            out += [paragraph, ""]
    return "\n".join(out)


def kinds_table() -> str:
    """The README's table of kinds: name, severity, description."""
    rows = ["| kind | severity | when |", "| --- | --- | --- |"]
    rows += [f"| {k.name} | {k.severity.label} | {k.doc} |" for k in KINDS.values()]
    return "\n".join(rows) + "\n"


__all__ = ["FACT_KINDS", "KINDS", "MODULES", "FactClaims", "Kind", "kinds_of", "severity_of"]
