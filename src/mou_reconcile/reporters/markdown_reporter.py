"""Markdown fit for a pull-request comment: a summary table, details collapsed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mou_reconcile.problems import Severity
from mou_reconcile.reporters.base import Reporter, plural, quote_highlights
from mou_reconcile.reporters.escape import md_code, md_html, md_text

if TYPE_CHECKING:  # types only: `check` must not import the other commands' modules
    from mou_reconcile.check.checker import CheckResult
    from mou_reconcile.reconcile.result import Discrepancy, Reconciliation, ValueGroup
    from mou_reconcile.views.diff import SourceDiff
    from mou_reconcile.views.matrix import Matrix

ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}


# Every text from the claims file, an article or a path goes through one of these
# (reporters/escape.py): `cell` and `inline` for Markdown text, `code` for a code span,
# `html` inside an HTML block (a `<details><summary>` line, where Markdown is not parsed).
cell = inline = md_text
code = md_code
html = md_html


class MarkdownReporter(Reporter):
    name = "markdown"

    # -- editors' views (rendered in markdown_views) -----------------------------------
    def diff(self, rec: Reconciliation, diff: SourceDiff, quotes: bool) -> None:
        from mou_reconcile.reporters import markdown_views

        markdown_views.diff(self.emit, rec, diff, quotes)

    def matrix(self, rec: Reconciliation, matrix: Matrix) -> None:
        from mou_reconcile.reporters import markdown_views

        markdown_views.matrix(self.emit, rec, matrix)

    def emit(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def check(self, result: CheckResult) -> None:
        problems = result.problems
        self.emit(f"## mou-reconcile check: {code(result.corpus.display)}")
        self.emit()
        if not problems:
            self.emit(f"✅ No problems ({len(result.corpus.claims)} claims, "
                      f"{len(result.anchors)} quotes found).")
            return
        counts = {s: sum(p.severity == s for p in problems) for s in Severity}
        parts = [plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
        self.emit(f"**{ICON[max(p.severity for p in problems)]} {', '.join(parts)}** · "
                  f"{plural(len(result.corpus.claims), 'claim')}, {len(result.anchors)} "
                  "quotes found")
        self.emit()
        self.emit("| | location | code | message |")
        self.emit("| --- | --- | --- | --- |")
        for p in problems:
            self.emit(f"| {ICON[p.severity]} | {code(f'{p.path}:{p.line}:{p.col}', cell=True)}"
                      f" | {p.code} | {cell(p.message)} |")
        hinted = [p for p in problems if p.hint]
        if hinted:  # how to fix, collapsed so the table stays the comment's first screen
            self.emit()
            self.emit(f"<details><summary>How to fix: {plural(len(hinted), 'hint')}"
                      "</summary>")
            self.emit()
            for p in hinted:
                self.emit(f"- {code(f'{p.path}:{p.line}:{p.col}')} {p.code}: "
                          f"{inline(p.hint or '')}")
            self.emit()
            self.emit("</details>")

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        corpus = rec.corpus
        counts = rec.open_counts()
        shown = [d for d in rec.discrepancies if d.severity >= min_severity]
        self.emit(f"## mou-reconcile report: {code(corpus.display)}")
        self.emit()
        summary = ", ".join(plural(n, label) for label, n in counts.items() if n) or "none"
        resolved = sum(not d.is_open for d in rec.discrepancies)
        self.emit(f"**Open discrepancies: {summary}** · {resolved} resolved · "
                  f"{plural(len(rec.corroborated), 'corroborated value')} · "
                  f"{plural(len(corpus.sources), 'source')}, {plural(len(corpus.claims), 'claim')},"
                  f" {plural(rec.facts, 'fact')}")
        if rec.check.problems:
            self.emit()
            self.emit(f"> The claims file has {len(rec.check.problems)} problems: run "
                      "`mou-reconcile check`.")
        main = [d for d in shown if d.severity > Severity.INFO or not d.is_open]
        if main:
            self.emit()
            self.emit("| | fact | kinds | values | status |")
            self.emit("| --- | --- | --- | --- | --- |")
            for d in main:
                self.emit(f"| {ICON[d.severity]} | {code(d.fact, cell=True)} | "
                          f"{', '.join(d.kinds)} | {cell(d.message)} | {cell(d.status)} |")
            for d in main:
                self._details(rec, d)
        info = [d for d in shown if d.severity == Severity.INFO and d.is_open]
        if info:
            self.emit()
            kinds = ", ".join(sorted({k for d in info for k in d.kinds}))
            self.emit(f"<details><summary>Info: {plural(len(info), 'fact')} ({kinds})"
                      "</summary>")
            self.emit()
            for d in info:
                values = "; ".join(f"{inline(g.shown)} ({inline(', '.join(g.sources))})"
                                   for g in d.values)
                self.emit(f"- {code(d.fact)} {', '.join(d.kinds)}: {values}")
            self.emit()
            self.emit("</details>")
        if rec.corroborated:
            self.emit()
            self.emit(f"<details><summary>Corroborated: "
                      f"{plural(len(rec.corroborated), 'value')}</summary>")
            self.emit()
            for c in rec.corroborated:
                self.emit(f"- {code(c.fact)} = {inline(c.shown)}: {c.independent_sources}"
                          f" independent sources ({inline(', '.join(c.sources))})")
            self.emit()
            self.emit("</details>")

    def _details(self, rec: Reconciliation, d: Discrepancy) -> None:
        self.emit()
        self.emit(f"<details><summary>{ICON[d.severity]} <code>{html(d.fact)}</code>: "
                  f"{html(d.message)}</summary>")
        self.emit()
        for g in d.values:
            for e in g.evidence:
                where = inline(f"{e.source}, line {e.line}" if e.line else e.source)
                credits = (f", credits {inline(_name(rec, e.attributed_to))}"
                           if e.attributed_to else "")
                self.emit(f"- **{inline(g.shown)}** ({where}{credits}): "
                          f"“{self._quote(rec, d, g, e.quote)}”")
        for hint in d.hints:
            self.emit(f"- _why:_ {inline(hint)}")
        if d.resolution is not None:
            r = d.resolution
            what = "re-opened by " + ", ".join(d.reopened_by) if d.reopened_by else r.status
            rating = f", rating: {inline(r.rating)}" if r.rating else ""
            self.emit(f"- **Verdict ({inline(what)}{rating}):** {inline(r.verdict or '')}")
        self.emit()
        self.emit("</details>")

    def _quote(self, rec: Reconciliation, d: Discrepancy, g: ValueGroup, quote: str) -> str:
        quote = " ".join(quote.split())
        spans = quote_highlights(rec, d, g, quote)
        out, pos = [], 0
        for a, b in spans:
            if a >= pos:
                out += [inline(quote[pos:a]), "**", inline(quote[a:b]), "**"]
                pos = b
        out.append(inline(quote[pos:]))
        return "".join(out)


def _name(rec: Reconciliation, eid: str) -> str:
    """An entity's canonical name (the id when it is not declared)."""
    return rec.corpus.entity(eid).name if eid in rec.corpus.entities else eid
