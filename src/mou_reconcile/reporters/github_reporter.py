"""GitHub Actions workflow commands: one annotation per finding, on its line of the claims
file, then the full list and a summary (GitHub shows only 10 annotations per level per step).
"""

from __future__ import annotations

from mou_reconcile.check.checker import CheckResult
from mou_reconcile.problems import Problem, Severity
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.reporters import findings
from mou_reconcile.reporters.base import Reporter, plural
from mou_reconcile.reporters.findings import Finding

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN_PER_LEVEL = 10  # GitHub's limit per step; the rest appear only in the log


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(severity: Severity, path: str, line: int, col: int, title: str,
               message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in
                     (("file", path), ("line", line), ("col", col), ("title", title)))
    return f"::{COMMAND[severity]} {props}::{escape_data(message)}"


def problem_annotation(p: Problem) -> str:
    f = findings.of_problem(p)
    return annotation(f.severity, f.path, f.line, f.col, f.title,
                      "\n".join([f.message, *f.details]))


class GithubReporter(Reporter):
    name = "github"

    def emit(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def check(self, result: CheckResult) -> None:
        corpus = result.corpus
        facts = (f"{plural(len(corpus.sources), 'source')}, "
                 f"{plural(len(corpus.claims), 'claim')}, "
                 f"{len(result.anchors)} of {len(corpus.claims)} quotes found")
        self._write(findings.of_check(result), f"{corpus.display}: {{}} ({facts})",
                    "no problems")

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        corpus = rec.corpus
        resolved = sum(not d.is_open for d in rec.discrepancies if d.severity >= min_severity)
        problems = len(rec.check.problems)
        tail = f"; {resolved} resolved" + (
            f"; {plural(problems, 'claims-file problem')}" if problems else "")
        shown = [f for f in findings.of_report(rec, min_severity) if f.is_open]
        self._write(shown, f"{corpus.display}: {{}}{tail}", "no open discrepancies")

    def _write(self, found: list[Finding], summary: str, nothing: str) -> None:
        for f in found:
            self.emit(annotation(f.severity, f.path, f.line, f.col, f.title,
                                 "\n".join([f.message, *f.details])))
        counts = {s: sum(f.severity == s for f in found) for s in Severity}
        if found:
            # Workflow commands are not echoed as written, so the log gets the plain list.
            self.emit(f"::group::All {plural(len(found), 'finding')}")
            for f in found:
                rule = ", ".join(f.kinds) or f.rule
                what = f"{f.fact}: {f.message}" if f.fact else f.message
                self.emit(f"{f.path}:{f.line}:{f.col}: {rule} {f.severity.label}: {what}")
                for d in f.details:
                    self.emit(f"    {d}")
            self.emit("::endgroup::")
        parts = [plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
        self.emit(summary.format(", ".join(parts) if parts else nothing))
        hidden = [s for s in sorted(Severity, reverse=True) if counts[s] > SHOWN_PER_LEVEL]
        if hidden:
            what = ", ".join(f"{counts[s]} {COMMAND[s]}s" for s in hidden)
            self.emit(f"GitHub shows {SHOWN_PER_LEVEL} annotations per level per step; "
                      f"{what} are all listed in the group above.")
