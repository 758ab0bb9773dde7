"""The kinds of discrepancy `report` finds: stable names, severities and their meaning."""

from __future__ import annotations

from dataclasses import dataclass

from mou_reconcile.problems import Severity


@dataclass(frozen=True)
class Kind:
    name: str
    severity: Severity
    doc: str


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("conflict", Severity.ERROR,
         "A single-valued fact for which two claims give values that cannot both be true: "
         "number intervals (through their bounds) that do not overlap, different entities, "
         "texts or dates, and no differing context to explain it."),
    Kind("arithmetic", Severity.ERROR,
         "A claim's breakdown does not add up to its own value (1 + 7 + 16 is not 25)."),
    Kind("scope", Severity.WARNING,
         "As a conflict, but the two claims' context differs on a key both have (another "
         "event, another date): perhaps not the same fact at all."),
    Kind("magnitude", Severity.WARNING,
         "The numbers of one fact differ by a factor of 10 or more, even where bounds make "
         "them compatible (1,500 against up to 300,000)."),
    Kind("enumeration", Severity.WARNING,
         "A count claim names fewer or more items than its value (states 9, names 7)."),
    Kind("naming", Severity.INFO,
         "Sources spell one entity differently; reported under the fact `<entity>.name`, with "
         "the spelling each source's text uses."),
    Kind("uncorroborated", Severity.INFO,
         "Only one independent source states the fact (a source and its copies count once)."),
)}


def severity_of(kinds: list[str]) -> Severity:
    return max(KINDS[k].severity for k in kinds)
