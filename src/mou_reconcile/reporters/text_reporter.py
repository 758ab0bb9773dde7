"""Text for people at a terminal: rich, colour only on a terminal and never with NO_COLOR."""

from __future__ import annotations

import os

from rich.console import Console
from rich.text import Text

from mou_reconcile.check import CheckResult
from mou_reconcile.problems import Problem, Severity
from mou_reconcile.reporters.base import Reporter

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow",
                  Severity.INFO: "cyan"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TextReporter(Reporter):
    name = "text"

    def console(self) -> Console:
        no_color = bool(os.environ.get("NO_COLOR")) or self.color is False
        return Console(file=self.out, width=self.width, no_color=no_color,
                       force_terminal=True if self.color else None, highlight=False,
                       soft_wrap=True, emoji=False)

    def problem_line(self, p: Problem) -> Text:
        line = Text()
        line.append(f"{p.path}:{p.line}:{p.col}:", style="bold")
        line.append(" ")
        line.append(f"{p.code} {p.severity.label}:", style=SEVERITY_STYLE[p.severity])
        line.append(f" {p.message}")
        return line

    def check(self, result: CheckResult) -> None:
        console = self.console()
        problems = result.problems
        for p in problems:
            console.print(self.problem_line(p))
            if p.hint:
                console.print(Text(f"    hint: {p.hint}", style="dim"))
        corpus = result.corpus
        counts = {s: sum(p.severity == s for p in problems) for s in Severity}
        facts = (f"{plural(len(corpus.sources), 'source')}, "
                 f"{plural(len(corpus.claims), 'claim')}, "
                 f"{len(result.anchors)} of {len(corpus.claims)} quotes found")
        if not problems:
            console.print(Text(f"✓ {corpus.display}: no problems ({facts})", style="green"))
            return
        parts = [plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
        style = SEVERITY_STYLE[max(counts, key=lambda s: (counts[s] > 0, s))]
        mark = "✗" if counts[Severity.ERROR] else "!"
        console.print(Text(f"{mark} {corpus.display}: {', '.join(parts)} ({facts})", style=style))
