"""Checking the tool's JSON output against what the generator planted."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# The kinds a planted discrepancy is made of; any of these on an honest fact is a false alarm.
PLANTABLE = {"conflict", "scope", "magnitude", "arithmetic", "enumeration"}


@dataclass(frozen=True)
class CheckSummary:
    errors: int
    warnings: int
    infos: int
    quotes_found: int
    claims: int


@dataclass(frozen=True)
class ReportSummary:
    planted: int
    found: int
    missed: list[str]
    false_alarms: list[str]
    copies: int
    copies_found: int
    unexpected_links: int


def check_summary(path: Path) -> CheckSummary:
    doc = json.loads(path.read_text(encoding="utf-8"))
    counts = doc["summary"]["problems"]
    return CheckSummary(counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0),
                        doc["summary"]["quotes_found"], doc["summary"]["claims"])


def report_summary(report: Path, manifest: Path) -> ReportSummary:
    doc = json.loads(report.read_text(encoding="utf-8"))
    meta = json.loads(manifest.read_text(encoding="utf-8"))
    kinds = {d["fact"]: set(d["kinds"]) for d in doc["discrepancies"]}
    planted = {fact: set(p["kinds"]) for fact, p in meta["planted"].items()}
    missed = sorted(f for f, want in planted.items() if not want <= kinds.get(f, set()))
    false_alarms = sorted(f for f, got in kinds.items()
                          if got & PLANTABLE and got & PLANTABLE != planted.get(f, set()))
    # A copy links to its original; two copies of one original link to each other too.
    family = {c["copy"]: c["original"] for c in meta["copies"]}
    links = {frozenset(link["sources"]) for link in doc["independence"]}
    expected = {frozenset((c["original"], c["copy"])) for c in meta["copies"]}
    unexpected = [pair for pair in links - expected
                  if len({family.get(s, s) for s in pair}) > 1]
    return ReportSummary(len(planted), len(planted) - len(missed), missed, false_alarms,
                         len(expected), len(expected & links), len(unexpected))
