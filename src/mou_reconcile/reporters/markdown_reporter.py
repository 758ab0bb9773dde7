"""Markdown fit for a pull-request comment: a summary table, details collapsed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mou_reconcile.problems import Severity
from mou_reconcile.reporters.base import Reporter, plural, quote_highlights
from mou_reconcile.reporters.escape import md_code, md_html, md_text

if TYPE_CHECKING:  # types only: `check` must not import the other commands' modules
    from mou_reconcile.check.checker import CheckResult
    from mou_reconcile.reconcile.result import (
        Corroboration,
        Discrepancy,
        Reconciliation,
        ValueGroup,
    )
    from mou_reconcile.reporters.markdown_budget import Kept, Parts
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

    # A size budget (`report --max-bytes`): GitHub caps a comment at 65,536 characters and a
    # job summary at 1 MiB. Set by the command before `report`; None: everything.
    budget: int | None = None
    full_report: str | None = None  # where the whole report is, said when some is left out

    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        from mou_reconcile.reporters.markdown_budget import Kept, Parts, fit, size

        shown = [d for d in rec.discrepancies if d.severity >= min_severity]
        main = [d for d in shown if d.severity > Severity.INFO or not d.is_open]
        info = [d for d in shown if d.severity == Severity.INFO and d.is_open]
        kinds = ", ".join(sorted({k for d in info for k in d.kinds}))
        n_corr = len(rec.corroborated)
        parts = Parts(
            self._head(rec), [self._row(d) for d in main], [self._details(rec, d) for d in main],
            [self._info_item(d) for d in info],
            [self._corroborated_item(c) for c in rec.corroborated], TABLE,
            size(_wrapper(f"Info: {len(info)} of {plural(len(info), 'fact')} ({kinds})")),
            size(_wrapper(f"Corroborated: {n_corr} of {plural(n_corr, 'value')}")))
        lines = self._assemble(parts, Kept(len(main), len(main), len(info), n_corr), info,
                               n_corr)
        if self.budget is not None and size(lines) > self.budget:
            kept = fit(parts, self.budget, lambda k: self._note(k, main, info, rec))
            lines = self._assemble(parts, kept, info, n_corr)
        self.out.write("".join(line + "\n" for line in lines))

    @staticmethod
    def _assemble(parts: Parts, kept: Kept, info: list[Discrepancy], n_corr: int) -> list[str]:
        lines = list(parts.head)
        if kept.note:
            lines += ["", kept.note]
        if kept.rows:
            lines += [*parts.table, *parts.rows[:kept.rows]]
            for block in parts.details[:kept.details]:
                lines += block
        if kept.info:
            kinds = ", ".join(sorted({k for d in info[:kept.info] for k in d.kinds}))
            count = plural(len(info), "fact") if kept.info == len(info) else \
                f"{kept.info} of {plural(len(info), 'fact')}"
            lines += _wrapper(f"Info: {count} ({kinds})", parts.info[:kept.info])
        if kept.corroborated:
            count = plural(n_corr, "value") if kept.corroborated == n_corr else \
                f"{kept.corroborated} of {plural(n_corr, 'value')}"
            lines += _wrapper(f"Corroborated: {count}", parts.corroborated[:kept.corroborated])
        return lines

    def _head(self, rec: Reconciliation) -> list[str]:
        corpus = rec.corpus
        counts = rec.open_counts()
        summary = ", ".join(plural(n, label) for label, n in counts.items() if n) or "none"
        resolved = sum(not d.is_open for d in rec.discrepancies)
        out = [f"## mou-reconcile report: {code(corpus.display)}", "",
               f"**Open discrepancies: {summary}** · {resolved} resolved · "
               f"{plural(len(rec.corroborated), 'corroborated value')} · "
               f"{plural(len(corpus.sources), 'source')}, {plural(len(corpus.claims), 'claim')},"
               f" {plural(rec.facts, 'fact')}"]
        if rec.check.problems:
            out += ["", f"> The claims file has {len(rec.check.problems)} problems: run "
                        "`mou-reconcile check`."]
        return out

    @staticmethod
    def _row(d: Discrepancy) -> str:
        return (f"| {ICON[d.severity]} | {code(d.fact, cell=True)} | "
                f"{', '.join(d.kinds)} | {cell(d.message)} | {cell(d.status)} |")

    @staticmethod
    def _info_item(d: Discrepancy) -> str:
        values = "; ".join(f"{inline(g.shown)} ({inline(', '.join(g.sources))})"
                           for g in d.values)
        return f"- {code(d.fact)} {', '.join(d.kinds)}: {values}"

    @staticmethod
    def _corroborated_item(c: Corroboration) -> str:
        return (f"- {code(c.fact)} = {inline(c.shown)}: {c.independent_sources}"
                f" independent sources ({inline(', '.join(c.sources))})")

    def _note(self, left: Kept, main: list[Discrepancy], info: list[Discrepancy],
              rec: Reconciliation) -> str:
        """What a report cut to its budget left out, and where the whole of it is."""
        gone = main[left.rows:] + info[left.info:]
        by_level = {s.label: 0 for s in sorted(Severity, reverse=True)}
        resolved = 0
        for d in gone:
            if d.is_open:
                by_level[d.severity.label] += 1
            else:
                resolved += 1
        what = [plural(n, label) for label, n in by_level.items() if n]
        what += [f"{resolved} resolved"] if resolved else []
        said = []
        total = len(main) + len(info)
        if gone:
            said.append(f"{_count(len(gone), total, 'discrepancies')} ({', '.join(what)})")
        if left.rows > left.details:
            said.append(f"the quotes of {left.rows - left.details:,} more")
        corr = len(rec.corroborated) - left.corroborated
        if corr:
            said.append(_count(corr, len(rec.corroborated), "corroborated values"))
        where = inline(self.full_report) if self.full_report else (
            "run `mou-reconcile report` without `--max-bytes`")
        return (f"> ✂️ **Shortened to fit {self.budget:,} bytes:** left out "
                f"{_and(said)}, the least important first. Full report: {where}.")

    def _details(self, rec: Reconciliation, d: Discrepancy) -> list[str]:
        out = ["", f"<details><summary>{ICON[d.severity]} <code>{html(d.fact)}</code>: "
                   f"{html(d.message)}</summary>", ""]
        for g in d.values:
            for e in g.evidence:
                where = inline(f"{e.source}, line {e.line}" if e.line else e.source)
                credits = (f", credits {inline(_name(rec, e.attributed_to))}"
                           if e.attributed_to else "")
                out.append(f"- **{inline(g.shown)}** ({where}{credits}): "
                           f"“{self._quote(rec, d, g, e.quote)}”")
        for hint in d.hints:
            out.append(f"- _why:_ {inline(hint)}")
        if d.resolution is not None:
            r = d.resolution
            what = "re-opened by " + ", ".join(d.reopened_by) if d.reopened_by else r.status
            rating = f", rating: {inline(r.rating)}" if r.rating else ""
            out.append(f"- **Verdict ({inline(what)}{rating}):** {inline(r.verdict or '')}")
        return [*out, "", "</details>"]

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


TABLE = ["", "| | fact | kinds | values | status |", "| --- | --- | --- | --- | --- |"]


def _wrapper(summary: str, lines: list[str] | None = None) -> list[str]:
    """A collapsed list: its summary line, then `lines`."""
    return ["", f"<details><summary>{summary}</summary>", "", *(lines or []), "", "</details>"]


def _count(n: int, total: int, things: str) -> str:
    """'337 of 423 discrepancies', 'all 4,726 corroborated values'."""
    return f"all {total:,} {things}" if n == total else f"{n:,} of {total:,} {things}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _name(rec: Reconciliation, eid: str) -> str:
    """An entity's canonical name (the id when it is not declared)."""
    return rec.corpus.entity(eid).name if eid in rec.corpus.entities else eid
