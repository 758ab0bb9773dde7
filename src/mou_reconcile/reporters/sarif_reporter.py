"""SARIF 2.1.0 for code-scanning tools: each problem or discrepancy is a result at its place in
the claims file, with the articles' quote spans as related locations.

A resolved discrepancy stays a result, suppressed with the verdict as its justification, so
code scanning shows it as dismissed rather than fixed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mou_reconcile import __version__
from mou_reconcile.check.checker import CheckResult
from mou_reconcile.problems import Problem, Severity
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.reporters import findings, jsonout
from mou_reconcile.reporters.base import Reporter
from mou_reconcile.reporters.escape import json_text
from mou_reconcile.reporters.findings import Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _region(line: int, col: int | None = None, end_line: int | None = None,
            end_col: int | None = None, snippet: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": line}
    if col:
        region["startColumn"] = col
    if end_line and end_col:
        region["endLine"] = end_line
        region["endColumn"] = end_col + 1  # SARIF's end column is exclusive
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _location(uri: str, region: dict[str, Any], message: str | None = None,
              ident: int | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri},
                                                "region": region}}
    if ident is not None:
        loc["id"] = ident
    if message:
        loc["message"] = {"text": message}
    return loc


def _uri(path: str) -> str:
    # Relative paths with forward slashes resolve against the repository root in code
    # scanning; spaces and the like are percent-encoded as URI references require.
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:@-._~!$&'()*+,;=")


def _result(f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    text = "\n".join([f"{f.title}: {f.message}" if f.fact else f.message, *f.details])
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_location(_uri(f.path), _region(f.line, f.col))],
    }
    if f.spans:
        result["relatedLocations"] = [
            _location(_uri(s.path), _region(s.line or 1, s.col, s.end_line, s.end_col, s.quote),
                      f"{s.source}: {s.value}", k)
            for k, s in enumerate(f.spans)]
    # Stable across edits that move lines, so code scanning tracks one alert per fact; the
    # claims file is part of it, since two stories may well name a fact alike.
    key = f"{f.rule}|{f.path}|{f.fact}" if f.fact else f"{f.rule}|{f.path}|{f.message}"
    result["partialFingerprints"] = {
        "mouReconcileFinding/v1": hashlib.sha256(key.encode()).hexdigest()[:32]}
    props: dict[str, Any] = {}
    if f.fact:
        props = {"fact": f.fact, "kinds": f.kinds}
    if props:
        result["properties"] = props
    if not f.is_open:
        result["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                   "justification": f.verdict or "resolved in the claims file"}]
    return result


def sarif_document(found: list[Finding]) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    for f in found:
        if f.rule in rule_index:
            continue
        ident, name, doc, severity = findings.rule_doc(f.rule)
        rule_index[f.rule] = len(rules)
        rules.append({"id": ident, "name": name,
                      "shortDescription": {"text": name.replace("-", " ")},
                      "fullDescription": {"text": doc},
                      "defaultConfiguration": {"level": LEVEL[severity]}})
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mou-reconcile", "version": __version__,
                                "semanticVersion": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",  # columns count characters, as Python does
            "results": [_result(f, rule_index) for f in found],
        }],
    }


def problems_document(problems: list[Problem]) -> dict[str, Any]:
    """For input that cannot be read at all: the problem alone, so an upload still works."""
    return sarif_document([findings.of_problem(p) for p in problems])


class SarifReporter(Reporter):
    name = "sarif"

    def write(self, document: dict[str, Any]) -> None:
        self.out.write(json_text(jsonout.dumps(document)))  # reporters/escape.py
        self.out.write("\n")

    def check(self, result: CheckResult) -> None:
        self.write(sarif_document(findings.of_check(result)))

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        self.write(sarif_document(findings.of_report(rec, min_severity)))
