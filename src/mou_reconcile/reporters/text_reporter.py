"""Text for people at a terminal: rich, colour only on a terminal and never with NO_COLOR.

Text from the claims file, an article or a path is untrusted: the console
(reporters/text_console.py) shows every control and escape character in it visibly, never
writes it, and keeps any line from reading as a GitHub workflow command when the text lands
in a CI log (reporters/escape.py).

rich is imported where a view is rendered, not with this module: `check`'s few lines, where
they will show no styles (CI), are written without it (reporters/plain.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mou_reconcile.problems import Problem, Severity
from mou_reconcile.reporters import plain
from mou_reconcile.reporters.base import Reporter, left_out, plural, quote_highlights

if TYPE_CHECKING:  # types only: `check` must not import the other commands' modules
    from rich.console import Console
    from rich.text import Text

    from mou_reconcile.check.checker import CheckResult
    from mou_reconcile.reconcile.result import (
        Corroboration,
        Discrepancy,
        Evidence,
        Reconciliation,
        ValueGroup,
    )
    from mou_reconcile.views.coverage import Coverage
    from mou_reconcile.views.diff import SourceDiff
    from mou_reconcile.views.explain import Explanation
    from mou_reconcile.views.extract import Extraction
    from mou_reconcile.views.matrix import Matrix
    from mou_reconcile.views.sources import SourceProfile
    from mou_reconcile.views.timeline import Timeline

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow",
                  Severity.INFO: "cyan"}
SEVERITY_MARK = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}
HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
QUOTE_WIDTH = 160  # longer quotes are cut around the highlighted value


def _entity_name(rec: Reconciliation, eid: str) -> str:
    return rec.corpus.entity(eid).name if eid in rec.corpus.entities else eid


class TextReporter(Reporter):
    name = "text"

    def console(self) -> Console:
        from mou_reconcile.reporters.text_console import console

        return console(self.out, color=self.color, width=self.width)

    def check(self, result: CheckResult) -> None:
        lines = check_lines(result)
        if plain.write(self.out, ["".join(text for text, _ in line) for line in lines],
                       color=self.color, width=self.width):
            return
        from rich.text import Text

        console = self.console()
        for line in lines:
            # A line of one style has it as its base style, which a word cut short by
            # wrapping keeps on its ellipsis too (reporters/wrap.py).
            console.print(Text(*line[0]) if len(line) == 1 else Text.assemble(*line))

    # -- report ------------------------------------------------------------------------
    def report(self, rec: Reconciliation, min_severity: Severity = Severity.INFO) -> None:
        from rich.text import Text

        console = self.console()
        corpus = rec.corpus
        console.print(Text(f"Discrepancies in {corpus.display}: "
                           f"{plural(len(corpus.sources), 'source')}, "
                           f"{plural(len(corpus.claims), 'claim')}, "
                           f"{plural(rec.facts, 'fact')}", style="bold"))
        problems = rec.check.problems
        if problems:
            errors = sum(p.severity == Severity.ERROR for p in problems)
            console.print(Text(f"The claims file has {plural(len(problems), 'problem')}"
                               f" ({plural(errors, 'error')}); {left_out(rec.check.left_out)}. "
                               "Run `mou-reconcile check` for details.", style="yellow"))
        shown = [d for d in rec.discrepancies if d.severity >= min_severity]
        for severity in sorted(Severity, reverse=True):
            block = [d for d in shown if d.severity == severity and d.is_open]
            if not block:
                continue
            console.print()
            console.print(Text(f"{HEADINGS[severity]} ({len(block)})",
                               style=SEVERITY_STYLE[severity] + " underline"))
            for k, d in enumerate(block):
                if severity == Severity.INFO:
                    self._info_line(console, d)
                else:
                    if k:
                        console.print()
                    self._discrepancy(console, rec, d)
        resolved = [d for d in shown if not d.is_open]
        if resolved:
            console.print()
            console.print(Text(f"Resolved ({len(resolved)})", style="dim underline"))
            for k, d in enumerate(resolved):
                if k:
                    console.print()
                self._discrepancy(console, rec, d, dim=True)
        if rec.corroborated:
            console.print()
            console.print(Text(f"Corroborated ({len(rec.corroborated)})",
                               style="green underline"))
            for c in rec.corroborated:
                console.print(self._corroborated(rec, c))
        if rec.links:
            console.print()
            console.print(Text("Not independent", style="underline"))
            for link in rec.links:
                line = Text(f"  {link.a} ~ {link.b}: {link.reason}")
                if link.sample:
                    line.append(f'  "{link.sample}"', style="dim")
                console.print(line)
        console.print()
        console.print(self._summary(rec))

    def _corroborated(self, rec: Reconciliation, c: Corroboration) -> Text:
        from rich.text import Text

        line = Text("  ✓ ", style="green")
        line.append(c.fact, style="bold")
        line.append(f" = {c.shown}  ")
        line.append(f"{c.independent_sources} independent sources: "
                    f"{', '.join(c.sources)}", style="dim")
        if c.origins:
            names = ", ".join(_entity_name(rec, o) for o in c.origins)
            line.append(f"; {plural(len(c.origins), 'origin')}: {names}", style="dim")
        return line

    def _summary(self, rec: Reconciliation) -> Text:
        from rich.text import Text

        counts = rec.open_counts()
        open_total = sum(counts.values())
        parts = [plural(counts[s.label], s.label) for s in sorted(Severity, reverse=True)
                 if counts[s.label]]
        resolved = sum(not d.is_open for d in rec.discrepancies)
        text = Text()
        worst = next((s for s in sorted(Severity, reverse=True) if counts[s.label]), None)
        style = SEVERITY_STYLE[worst] if worst else "green"
        text.append(plural(open_total, "open discrepancy"), style=style)
        if parts:
            text.append(f" ({', '.join(parts)})")
        text.append(f"; {resolved} resolved; {plural(len(rec.corroborated), 'corroborated value')}")
        main = rec.main
        if main is not None:
            text.append(f"; main: {main.fact} ({', '.join(main.kinds)})")
        return text

    def _info_line(self, console: Console, d: Discrepancy) -> None:
        from rich.text import Text

        line = Text("  i ", style="cyan")
        line.append(d.fact, style="bold")
        line.append(f"  {', '.join(d.kinds)}: ", style="cyan")
        if d.kinds == ["naming"]:
            line.append("; ".join(f"{g.display!r} ({', '.join(g.sources)})" for g in d.values))
        else:
            line.append("; ".join(f"{g.shown} ({', '.join(g.sources)})" for g in d.values))
        console.print(line)

    def _discrepancy(self, console: Console, rec: Reconciliation, d: Discrepancy,
                     dim: bool = False) -> None:
        from rich.text import Text

        style = "dim" if dim else SEVERITY_STYLE[d.severity]
        head = Text(f"{SEVERITY_MARK[d.severity]} ", style=style)
        head.append(d.fact, style="dim" if dim else "bold")
        head.append(f"  {', '.join(d.kinds)}", style=style)
        console.print(head)
        console.print(Text(f"  {d.message}", style="dim" if dim else ""))
        for group in d.values:
            self._group(console, rec, d, group, dim)
        for hint in d.hints:
            console.print(Text(f"    why: {hint}", style="dim" if dim else "italic"))
        if d.resolution is not None:
            r = d.resolution
            what = "re-opened by " + ", ".join(d.reopened_by) if d.reopened_by else r.status
            verdict = Text(f"    verdict ({what}): ", style="dim" if dim else "magenta")
            verdict.append(r.verdict or "(no verdict text)")
            if r.rating:
                verdict.append(f" [rating: {r.rating}]")
            console.print(verdict)

    def _group(self, console: Console, rec: Reconciliation, d: Discrepancy,
               group: ValueGroup, dim: bool) -> None:
        from rich.text import Text

        console.print(Text(f"    {group.shown}", style="dim" if dim else "bold"))
        for e in group.evidence:
            line = Text("      ")
            where = f"{e.source}:{e.line}" if e.line else e.source
            line.append(where, style="dim" if dim else "cyan")
            line.append("  ")
            line.append_text(self._quote(rec, d, group, e, dim))
            if e.context:
                ctx = ", ".join(f"{k}={v}" for k, v in e.context.items())
                line.append(f"  [{ctx}]", style="dim")
            if e.attributed_to:
                line.append(f"  (credits {_entity_name(rec, e.attributed_to)})", style="dim")
            console.print(line)

    def _quote(self, rec: Reconciliation, d: Discrepancy, group: ValueGroup, e: Evidence,
               dim: bool) -> Text:
        from rich.text import Text

        quote = " ".join(e.quote.split())
        spans = quote_highlights(rec, d, group, quote)
        if d.kinds == ["naming"]:  # the quote is the spelling itself
            spans = [(0, len(quote))]
        # A long quote is cut to a window around the value, marked with ellipses.
        lo, hi = 0, len(quote)
        if hi > QUOTE_WIDTH:
            focus = spans[0][0] if spans else 0
            lo = max(0, min(focus - QUOTE_WIDTH // 3, hi - QUOTE_WIDTH))
            hi = lo + QUOTE_WIDTH
        opening = '"' + ("…" if lo else "")
        text = Text(opening + quote[lo:hi], style="dim" if dim else "")
        shift = len(opening) - lo
        for a, b in spans:
            if lo <= a and b <= hi:
                text.stylize("bold reverse" if not dim else "bold", a + shift, b + shift)
        text.append(("…" if hi < len(quote) else "") + '"')
        return text

    # -- explain -----------------------------------------------------------------------
    def explain(self, rec: Reconciliation, ex: Explanation) -> None:
        from rich.text import Text

        from mou_reconcile.check.evidence import value_spans
        from mou_reconcile.corpus.units import said
        from mou_reconcile.reporters.wrap import Hanging

        console = self.console()
        corpus = rec.corpus
        head = Text(ex.fact, style="bold")
        head.append(f"  ({ex.ptype}{', ' + ex.unit if ex.unit else ''})", style="dim")
        d = ex.discrepancy
        if d is not None:
            head.append(f"  {', '.join(d.kinds)}: ", style=SEVERITY_STYLE[d.severity])
            head.append(d.message)
        console.print(head)
        names = {eid: corpus.entity(eid).name for eid in corpus.entities}
        for item in ex.claims:
            claim = item.entry.claim
            console.print()
            line = Text(claim.source, style="bold cyan")
            where = f"{item.article_display}:{item.line}" if item.line else "quote not found"
            line.append(f"  {where}", style="dim")
            console.print(line)
            value = Text(f"  claim {item.entry.id}, value: ")
            value.append(said(claim, ex.ptype, names, ex.unit), style="bold")
            if claim.context:
                value.append("  [" + ", ".join(f"{k}={v}" for k, v in claim.context.items())
                             + "]", style="dim")
            console.print(value)
            if item.sentence is None:
                console.print(Text(f'  "{claim.quote}"', style="italic"))
                continue
            body = Text(f"  {item.line} │ ", style="dim")
            sentence = Text(item.sentence)
            for a, b in item.quote_spans:
                sentence.stylize("underline", a, b)
                entity = corpus.entities.get(str(claim.value))
                for x, y in value_spans(item.sentence[a:b], claim.value, ex.ptype,
                                        entity.model if entity else None):
                    sentence.stylize("bold reverse", a + x, a + y)
            body.append_text(sentence)
            console.print(Hanging(body, len(body.plain) - len(sentence.plain)))
        if d is not None:
            console.print()
            for hint in d.hints:
                console.print(Text(f"why: {hint}", style="italic"))
            if d.resolution is not None:
                r = d.resolution
                what = "re-opened by " + ", ".join(d.reopened_by) if d.reopened_by else r.status
                console.print(Text(f"verdict ({what}): {r.verdict or ''}", style="magenta"))

    # -- editors' views (rendered in text_views) ---------------------------------------
    def diff(self, rec: Reconciliation, diff: SourceDiff, quotes: bool) -> None:
        from mou_reconcile.reporters import text_views

        text_views.render_diff(self.console(), rec, diff, quotes)

    def matrix(self, rec: Reconciliation, matrix: Matrix) -> None:
        from mou_reconcile.reporters import text_views

        text_views.render_matrix(self.console(), rec, matrix)

    def sources(self, rec: Reconciliation, profiles: list[SourceProfile]) -> None:
        from mou_reconcile.reporters import text_views

        text_views.render_sources(self.console(), rec, profiles)

    def timeline(self, rec: Reconciliation, timelines: list[Timeline]) -> None:
        from mou_reconcile.reporters import text_views

        text_views.render_timeline(self.console(), rec, timelines)

    # -- curators' views (rendered in curation_text) -----------------------------------
    def extract(self, extraction: Extraction) -> None:
        from mou_reconcile.reporters import curation_text

        curation_text.render_extract(self.console(), extraction)

    def coverage(self, coverage: Coverage) -> None:
        from mou_reconcile.reporters import curation_text

        curation_text.render_coverage(self.console(), coverage)


Line = list[tuple[str, str]]  # a line of text as (text, style) parts


def problem_line(p: Problem) -> Line:
    return [(f"{p.path}:{p.line}:{p.col}:", "bold"), (" ", ""),
            (f"{p.code} {p.severity.label}:", SEVERITY_STYLE[p.severity]), (f" {p.message}", "")]


def check_lines(result: CheckResult) -> list[Line]:
    """`check`'s output: each problem (and its hint), then the summary line."""
    problems = result.problems
    lines: list[Line] = []
    for p in problems:
        lines.append(problem_line(p))
        if p.hint:
            lines.append([(f"    hint: {p.hint}", "dim")])
    corpus = result.corpus
    counts = {s: sum(p.severity == s for p in problems) for s in Severity}
    facts = (f"{plural(len(corpus.sources), 'source')}, "
             f"{plural(len(corpus.claims), 'claim')}, "
             f"{len(result.anchors)} of {len(corpus.claims)} quotes found")
    if not problems:
        return [*lines, [(f"✓ {corpus.display}: no problems ({facts})", "green")]]
    parts = [plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
    style = SEVERITY_STYLE[max(counts, key=lambda s: (counts[s] > 0, s))]
    mark = "✗" if counts[Severity.ERROR] else "!"
    return [*lines, [(f"{mark} {corpus.display}: {', '.join(parts)} ({facts})", style)]]
