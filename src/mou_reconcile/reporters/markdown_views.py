"""Markdown for the editors' views that suit a pull-request comment or a wiki: diff, matrix."""

from __future__ import annotations

from collections.abc import Callable

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.reporters.escape import md_code, md_text
from mou_reconcile.views.diff import SourceDiff
from mou_reconcile.views.matrix import STATES, Matrix

MARK = {"differ": "❌", "compatible": "≈", "agree": "✅", "alone": "•", "absent": ""}
HEADINGS = {"differ": "Differ", "only_a": "Only in A", "only_b": "Only in B", "agree": "Agree"}

Emit = Callable[[str], None]


# Every text from the claims file, an article or a path goes through `cell` (Markdown
# text) or `code` (a code span in a table cell): reporters/escape.py.
cell = md_text


def code(text: str) -> str:
    return md_code(text, cell=True)


def _quote(rec: Reconciliation, entry: ClaimEntry) -> str:
    anchor = rec.check.anchors.get(entry.id)
    where = f" (line {anchor.line})" if anchor else ""
    return f"“{cell(entry.claim.quote)}”{where}"


def diff(emit: Emit, rec: Reconciliation, d: SourceDiff, quotes: bool) -> None:
    corpus = rec.corpus
    emit(f"## mou-reconcile diff: {code(d.a)} (A) and {code(d.b)} (B)")
    emit("")
    for label, sid in (("A", d.a), ("B", d.b)):
        model = corpus.source(sid)
        title = f" — {cell(model.title)}" if model.title else ""
        emit(f"- **{label}** {code(sid)}: {code(model.file)}{title}")
    if not d.independent:
        emit(f"- ⚠️ not independent: {cell(d.link_reason or 'one copy group')}")
    emit("")
    emit("| differ | only in A | only in B | agree |")
    emit("| ---: | ---: | ---: | ---: |")
    emit(f"| {d.count('differ')} | {d.count('only_a')} | {d.count('only_b')} "
         f"| {d.count('agree')} |")
    for status, heading in HEADINGS.items():
        rows = [r for r in d.rows if r.status == status]
        if not rows:
            continue
        emit("")
        emit(f"### {heading} ({len(rows)})")
        emit("")
        # As in the text view: a fact that only one side states gets only that side.
        side = {"only_a": "A", "only_b": "B"}.get(status)
        headers = ["fact", side] if side else ["fact", "A", "B"] + (
            ["how"] if status == "differ" else [])
        emit("| " + " | ".join(headers) + " |")
        emit("|" + " --- |" * len(headers))
        for r in rows:
            a, b = cell(r.a_said) or "—", cell(r.b_said) or "—"
            if quotes:
                a += "".join(f"<br>{_quote(rec, e)}" for e in r.a)
                b += "".join(f"<br>{_quote(rec, e)}" for e in r.b)
            values = {"A": [a], "B": [b]}.get(side or "", [a, b])
            how = [", ".join(r.kinds) + (f" ({cell(r.resolved)})" if r.resolved else "")] \
                if status == "differ" else []
            emit("| " + " | ".join([code(r.fact), *values, *how]) + " |")


def matrix(emit: Emit, rec: Reconciliation, m: Matrix) -> None:
    emit(f"## mou-reconcile matrix: {md_code(rec.corpus.display)}")
    emit("")
    emit("| fact | " + " | ".join(code(s) for s in m.sources) + " |")
    emit("| --- |" + " --- |" * len(m.sources))
    for row in m.rows:
        status = f" ({row.discrepancy.status})" if row.discrepancy and \
            not row.discrepancy.is_open else ""
        cells = [f"{MARK[c.state]} {cell(c.display)}".strip()
                 for c in (row.cells[s] for s in m.sources)]
        emit(f"| {code(row.fact)}{status} | " + " | ".join(cells) + " |")
    emit("")
    emit(" · ".join(f"{MARK[s]} {s}" for s in STATES if MARK[s]) + " · blank: not stated")
