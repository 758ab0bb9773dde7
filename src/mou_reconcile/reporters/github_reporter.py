"""GitHub Actions workflow commands: one annotation per finding, on its line of the claims
file, then the full list and a summary (GitHub shows only 10 annotations per level per step).

Text from the claims file, an article or a path is untrusted: in a command it is escaped by
GitHub's rules (`annotation`), and every other line goes out through `emit`, which keeps it
one line that no runner reads as a command (reporters/escape.py).
"""

from __future__ import annotations

from mou_reconcile.check.checker import CheckResult
from mou_reconcile.problems import Problem, Severity
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.reporters import findings
from mou_reconcile.reporters.base import Reporter, plural
from mou_reconcile.reporters.escape import command_data, command_property, log_line
from mou_reconcile.reporters.findings import Finding

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN_PER_LEVEL = 10  # GitHub's limit per step; the rest appear only in the log


escape_data, escape_property = command_data, command_property


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
        """A line that is not a command: whatever data it holds, it stays one line and
        no runner reads a command in it."""
        self.out.write(log_line(line) + "\n")

    def command(self, line: str) -> None:
        """A workflow command, built with its data escaped (`annotation`)."""
        self.out.write(line + "\n")

    def check(self, result: CheckResult) -> None:
        corpus = result.corpus
        facts = (f"{plural(len(corpus.sources), 'source')}, "
                 f"{plural(len(corpus.claims), 'claim')}, "
                 f"{len(result.anchors)} of {len(corpus.claims)} quotes found")
        self._write(findings.of_check(result), corpus.display, f" ({facts})", "no problems")

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        corpus = rec.corpus
        resolved = sum(not d.is_open for d in rec.discrepancies if d.severity >= min_severity)
        problems = len(rec.check.problems)
        tail = f"; {resolved} resolved" + (
            f"; {plural(problems, 'claims-file problem')}" if problems else "")
        shown = [f for f in findings.of_report(rec, min_severity) if f.is_open]
        self._write(shown, corpus.display, tail, "no open discrepancies")

    def _write(self, found: list[Finding], where: str, tail: str, nothing: str) -> None:
        for f in found:
            self.command(annotation(f.severity, f.path, f.line, f.col, f.title,
                                 "\n".join([f.message, *f.details])))
        counts = {s: sum(f.severity == s for f in found) for s in Severity}
        if found:
            # Workflow commands are not echoed as written, so the log gets the plain list.
            self.command(f"::group::All {plural(len(found), 'finding')}")
            for f in found:
                rule = ", ".join(f.kinds) or f.rule
                what = f"{f.fact}: {f.message}" if f.fact else f.message
                self.emit(f"{f.path}:{f.line}:{f.col}: {rule} {f.severity.label}: {what}")
                for d in f.details:
                    self.emit(f"    {d}")
            self.command("::endgroup::")
        parts = [plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
        self.emit(f"{where}: {', '.join(parts) if parts else nothing}{tail}")
        hidden = [s for s in sorted(Severity, reverse=True) if counts[s] > SHOWN_PER_LEVEL]
        if hidden:
            what = ", ".join(f"{counts[s]} {COMMAND[s]}s" for s in hidden)
            self.emit(f"GitHub shows {SHOWN_PER_LEVEL} annotations per level per step; "
                      f"{what} are all listed in the group above.")
