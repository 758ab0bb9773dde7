"""JSON: the stable machine-readable contract (version 1) that CI scripts read."""

from __future__ import annotations

import json
from typing import Any

from mou_reconcile.check import CheckResult
from mou_reconcile.problems import count_by_severity
from mou_reconcile.reporters.base import Reporter

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
        json.dump(document, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")

    def check(self, result: CheckResult) -> None:
        self.write(check_document(result))
