"""JSON documents for the editors' views (diff, matrix, sources, timeline).

Each carries `version` and `claims_file` like the report; fields may be added, none removed
or renamed without raising `version`.
"""

from __future__ import annotations

from typing import Any

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.corpus.models import NUMERIC_TYPES
from mou_reconcile.corpus.values import json_value
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.text.dates import format_date
from mou_reconcile.views.diff import SourceDiff
from mou_reconcile.views.matrix import STATES, Matrix
from mou_reconcile.views.sources import SourceProfile
from mou_reconcile.views.timeline import CHANGES, Timeline

VERSION = 1


def _claim(rec: Reconciliation, entry: ClaimEntry) -> dict[str, Any]:
    c = entry.claim
    ptype = rec.corpus.property(c.property).type
    anchor = rec.check.anchors.get(entry.id)
    return {"id": entry.id, "source": c.source, "value": json_value(c.value),
            "bound": c.effective_bound if ptype in NUMERIC_TYPES else None,
            "quote": c.quote, "line": anchor.line if anchor else None,
            "context": dict(c.context or {})}


def _source(rec: Reconciliation, sid: str) -> dict[str, Any]:
    model = rec.corpus.source(sid)
    return {"id": sid, "file": model.file, "title": model.title}


def diff_document(rec: Reconciliation, d: SourceDiff) -> dict[str, Any]:
    return {
        "version": VERSION,
        "claims_file": rec.corpus.display,
        "a": _source(rec, d.a),
        "b": _source(rec, d.b),
        "independent": d.independent,
        "link": d.link_reason,
        "summary": {s: d.count(s) for s in ("differ", "only_a", "only_b", "agree")},
        "facts": [{
            "fact": r.fact, "status": r.status, "kinds": r.kinds,
            "severity": r.severity.label if r.severity is not None else None,
            "resolved": r.resolved,
            "a": {"display": r.a_display or None, "display_with_unit": r.a_said or None,
                  "claims": [_claim(rec, e) for e in r.a]},
            "b": {"display": r.b_display or None, "display_with_unit": r.b_said or None,
                  "claims": [_claim(rec, e) for e in r.b]},
        } for r in d.rows],
    }


def matrix_document(rec: Reconciliation, m: Matrix) -> dict[str, Any]:
    return {
        "version": VERSION,
        "claims_file": rec.corpus.display,
        "sources": m.sources,
        "states": STATES,
        "facts": [{
            "fact": row.fact, "subject": row.subject, "property": row.property,
            "disputed": row.disputed,
            "status": row.discrepancy.status if row.discrepancy else None,
            # Only the sources that state the fact: a missing source is "absent".
            "cells": {sid: {"display": c.display, "state": c.state, "same": list(c.same),
                            "compatible": list(c.compatible),
                            "contradicting": list(c.contradicting),
                            "claims": [e.id for e in c.claims]}
                      for sid in m.sources if (c := row.cells[sid]).claims},
        } for row in m.rows],
    }


def sources_document(rec: Reconciliation, profiles: list[SourceProfile]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "claims_file": rec.corpus.display,
        "sources": [{
            "id": p.id, "file": p.file, "title": p.title, "outlet": p.outlet,
            "published": p.published, "url": p.url, "claims": p.claims, "facts": p.facts,
            "confirmed": p.confirmed, "echoed": p.echoed, "contradicted": p.contradicted,
            "compatible": p.compatible, "alone": p.alone, "not_independent_of": p.group,
            "links": [{"with": lk.b if lk.a == p.id else lk.a, "reason": lk.reason,
                       "overlap": lk.overlap, "sample": lk.sample} for lk in p.links],
        } for p in profiles],
    }


def timeline_document(rec: Reconciliation, timelines: list[Timeline]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "claims_file": rec.corpus.display,
        "changes": CHANGES,
        "facts": [{
            "fact": t.fact, "unit": t.unit,
            "points": [{"date": format_date(p.date) if p.date else None,
                        "date_from": p.date_from, "display": p.display, "change": p.change,
                        "claim": _claim(rec, p.entry)} for p in t.points],
        } for t in timelines],
    }
