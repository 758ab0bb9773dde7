"""Problems and discrepancies as one finding type, for the CI formats (github, sarif).

A finding has a rule (a problem's code, or a discrepancy's most severe kind), a severity, a
place in the claims file, a one-line message, further detail lines, and the articles'
quote spans as evidence, so every CI format prints the same facts in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mou_reconcile.check.checker import CheckResult
from mou_reconcile.problems import CODES, Problem, Severity
from mou_reconcile.reconcile.kinds import KINDS
from mou_reconcile.reconcile.result import Discrepancy, Reconciliation


@dataclass(frozen=True)
class Span:
    """One source's words in its article: 1-based, end column exclusive where known."""

    source: str
    path: str  # the article as users see it
    value: str
    quote: str
    line: int | None
    col: int | None = None
    end_line: int | None = None
    end_col: int | None = None


@dataclass(frozen=True)
class Finding:
    rule: str  # MR401, conflict, ...
    rule_name: str  # quote-not-found, conflict, ...
    severity: Severity
    path: str
    line: int
    col: int
    title: str
    message: str
    details: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    fact: str | None = None
    kinds: list[str] = field(default_factory=list)
    is_open: bool = True
    verdict: str | None = None


def rule_doc(rule: str) -> tuple[str, str, str, Severity]:
    """(id, name, full description, default severity) of a problem code or a kind."""
    if rule in CODES:
        c = CODES[rule]
        return c.code, c.name, c.doc, c.severity
    k = KINDS[rule]
    return k.name, k.name, k.doc, k.severity


def of_problem(p: Problem) -> Finding:
    return Finding(p.code, p.name, p.severity, p.path, p.line, p.col, f"{p.code} {p.name}",
                   p.message, [f"hint: {p.hint}"] if p.hint else [])


def of_check(result: CheckResult) -> list[Finding]:
    return [of_problem(p) for p in result.problems]


def of_report(rec: Reconciliation, min_severity: Severity) -> list[Finding]:
    """Claims-file problems first (they make the report incomplete), then discrepancies in
    the report's order (open first, most severe first)."""
    out = [of_problem(p) for p in rec.check.problems]
    out += [of_discrepancy(rec, d) for d in rec.discrepancies if d.severity >= min_severity]
    return out


def discrepancy_place(rec: Reconciliation, d: Discrepancy) -> tuple[int, int]:
    """Where a discrepancy is in the claims file: its first claim, or for a naming
    discrepancy (which no claim states) the entity's entry."""
    if any(e.yaml_line for g in d.values for e in g.evidence):
        return d.location
    corpus = rec.corpus
    if d.subject in corpus.entities:
        return corpus.where(("entities", corpus.entities[d.subject].index))
    return 1, 1


def of_discrepancy(rec: Reconciliation, d: Discrepancy) -> Finding:
    corpus = rec.corpus
    line, col = discrepancy_place(rec, d)
    details: list[str] = []
    spans: list[Span] = []
    for g in d.values:
        for e in g.evidence:
            article = corpus.articles.get(e.source)
            path = article.display if article is not None else e.source
            anchor = rec.check.anchors.get(e.claim_id) if e.claim_id else None
            quote = " ".join(e.quote.split())
            if anchor is not None:
                spans.append(Span(e.source, path, g.shown, quote, anchor.line, anchor.col,
                                  anchor.end_line, anchor.end_col))
            else:
                spans.append(Span(e.source, path, g.shown, quote, e.line, e.col))
            where = f"{e.source}:{e.line}" if e.line else e.source
            # A naming discrepancy's evidence is the spelling itself: no need to repeat it.
            details.append(f"{g.shown}: {where}" + (f' "{quote}"' if quote != g.display
                                                       else ""))
    details += [f"why: {h}" for h in d.hints]
    verdict = None
    if d.resolution is not None:
        r = d.resolution
        what = "re-opened by " + ", ".join(d.reopened_by) if d.reopened_by else r.status
        verdict = r.verdict or ""
        details.append(f"verdict ({what}): {verdict}" + (f" [rating: {r.rating}]"
                                                          if r.rating else ""))
    return Finding(d.kinds[0], d.kinds[0], d.severity, corpus.display, line, col,
                   f"{d.fact} ({', '.join(d.kinds)})", d.message, details, spans, d.fact,
                   list(d.kinds), d.is_open, verdict)
