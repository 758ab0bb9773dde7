"""JSON: the stable machine-readable contract (version 1) that CI scripts read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mou_reconcile.corpus.values import interval, json_interval, json_value
from mou_reconcile.problems import Severity, count_by_severity
from mou_reconcile.reporters import jsonout
from mou_reconcile.reporters.base import Reporter
from mou_reconcile.reporters.escape import json_text

if TYPE_CHECKING:  # types only: `check` must not import the other commands' modules
    from mou_reconcile.check.checker import CheckResult
    from mou_reconcile.reconcile.result import Reconciliation
    from mou_reconcile.views.coverage import Coverage
    from mou_reconcile.views.diff import SourceDiff
    from mou_reconcile.views.matrix import Matrix
    from mou_reconcile.views.sources import SourceProfile
    from mou_reconcile.views.timeline import Timeline

FORMAT_VERSION = 1


def check_document(result: CheckResult) -> dict[str, Any]:
    corpus = result.corpus
    problems = result.problems
    return {
        "version": FORMAT_VERSION,
        "claims_file": corpus.display,
        "summary": {
            "sources": len(corpus.sources),
            "claims": len(corpus.claims),
            "quotes_found": len(result.anchors),
            "problems": count_by_severity(problems),
        },
        "problems": [p.to_dict() for p in problems],
        "anchors": {cid: a.to_dict() for cid, a in sorted(result.anchors.items())},
    }


class JsonReporter(Reporter):
    name = "json"

    def write(self, document: dict[str, Any]) -> None:
        # Written as it is encoded, never held whole; json_text escapes character by
        # character, so each piece alone (reporters/escape.py).
        jsonout.dump(document, lambda text: self.out.write(json_text(text)))
        self.out.write("\n")

    def check(self, result: CheckResult) -> None:
        self.write(check_document(result))

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        self.write(report_document(rec, min_severity))

    # -- editors' views (documents built in json_views) --------------------------------
    def diff(self, rec: Reconciliation, diff: SourceDiff, quotes: bool) -> None:
        from mou_reconcile.reporters import json_views

        self.write(json_views.diff_document(rec, diff))  # quotes are always included

    def matrix(self, rec: Reconciliation, matrix: Matrix) -> None:
        from mou_reconcile.reporters import json_views

        self.write(json_views.matrix_document(rec, matrix))

    def sources(self, rec: Reconciliation, profiles: list[SourceProfile]) -> None:
        from mou_reconcile.reporters import json_views

        self.write(json_views.sources_document(rec, profiles))

    def timeline(self, rec: Reconciliation, timelines: list[Timeline]) -> None:
        from mou_reconcile.reporters import json_views

        self.write(json_views.timeline_document(rec, timelines))

    def coverage(self, coverage: Coverage) -> None:
        self.write(coverage.to_dict())


def _evidence(e: Any) -> dict[str, Any]:
    return {"id": e.claim_id, "source": e.source, "quote": e.quote, "line": e.line,
            "col": e.col, "context": e.context, "attributed_to": e.attributed_to}


def _resolution(r: Any) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"status": r.status, "values": [json_value(v) for v in r.values],
            "verdict": r.verdict, "rating": r.rating, "reviewed": r.reviewed}


def _value(group: Any) -> dict[str, Any]:
    bound = group.bound
    numeric = bound is not None
    return {
        "value": json_value(group.value),
        "display": group.display,
        "display_with_unit": group.shown,
        "bound": bound,
        "interval": json_interval(interval(group.value, bound)) if numeric else None,
        "sources": group.sources,
        "claims": [_evidence(e) for e in group.evidence],
    }


def discrepancy_dict(d: Any) -> dict[str, Any]:
    return {
        "fact": d.fact, "subject": d.subject, "property": d.property,
        "kinds": d.kinds, "severity": d.severity.label, "status": d.status,
        "resolution": _resolution(d.resolution),
        "values": [_value(g) for g in d.values],
        "message": d.message,
        "hints": d.hints,
        "reopened_by": d.reopened_by,
    }


def report_document(rec: Reconciliation, min_severity: Severity = Severity.INFO) -> dict[str, Any]:
    corpus = rec.corpus
    problems = rec.check.problems
    return {
        "version": FORMAT_VERSION,
        "claims_file": corpus.display,
        "summary": {
            "sources": len(corpus.sources),
            "claims": len(corpus.claims),
            "facts": rec.facts,
            "discrepancies": len(rec.discrepancies),
            "open": rec.open_counts(),
            "resolved": sum(not d.is_open for d in rec.discrepancies),
            "problems": count_by_severity(problems),
            "main": rec.main.fact if rec.main is not None else None,
        },
        "discrepancies": [discrepancy_dict(d) for d in rec.discrepancies
                          if d.severity >= min_severity],
        "corroborated": [{"fact": c.fact, "value": json_value(c.value), "display": c.display,
                          "display_with_unit": c.shown,
                          "independent_sources": c.independent_sources, "sources": c.sources,
                          "origins": c.origins}
                         for c in rec.corroborated],
        "independence": [{"sources": [link.a, link.b], "reason": link.reason,
                          "overlap": link.overlap, "sample": link.sample}
                         for link in rec.links],
        "problems": [p.to_dict() for p in problems],
    }
