"""The editors' views as terminal text: diff, matrix, sources, timeline.

Everything here must stay readable from 80 columns up: lines wrap between words (the
console's `print`, reporters/wrap.py), tables wrap inside their cells (a word too long for
its cell cut with …), and a matrix with more sources than fit is split into pages of columns
(the fact column repeats).
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mou_reconcile.check.evidence import value_spans
from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.reporters.base import plural
from mou_reconcile.reporters.wrap import Cell, Hanging, cut_middle
from mou_reconcile.text.dates import format_date
from mou_reconcile.views.diff import DiffRow, SourceDiff
from mou_reconcile.views.matrix import STATES, Matrix, Row
from mou_reconcile.views.sources import SourceProfile
from mou_reconcile.views.timeline import Timeline

STATE_MARK = {"differ": "✗", "compatible": "≈", "agree": "✓", "alone": "•", "absent": ""}
STATE_STYLE = {"differ": "bold red", "compatible": "yellow", "agree": "green", "alone": "",
               "absent": "dim"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow",
                  Severity.INFO: "cyan"}
DIFF_HEADINGS = {"differ": "Differ", "only_a": "Only in A", "only_b": "Only in B",
                 "agree": "Agree"}
DIFF_COUNTS = {"differ": "differ", "only_a": "only in A", "only_b": "only in B",
               "agree": "agree"}
CHANGE_MARK = {"first": "first", "unchanged": "= unchanged", "up": "↑ up", "down": "↓ down",
               "changed": "≠ changed", "same-date": "✗ same date", "also": "+ also",
               "undated": "? undated"}
CHANGE_STYLE = {"up": "yellow", "down": "yellow", "changed": "yellow", "same-date": "bold red",
                "undated": "dim"}
QUOTE_WIDTH = 160  # longer quotes are cut to a window around the value
SIDE_QUOTE_WIDTH = 90  # ... narrower where two quotes stand side by side
MIN_CELL = 10  # a matrix column narrower than this would garble values: page instead
MAX_CELL = 30  # wider columns only spread the grid out
FACT_WIDTH = (14, 24)  # the matrix's fact column: at least, at most (plus 8 when wide)


def windowed_quote(quote: str, spans: list[tuple[int, int]], style: str = "",
                   width: int = QUOTE_WIDTH) -> Text:
    """The quote in quotation marks, cut around its first highlighted span when long."""
    quote = " ".join(quote.split())
    lo, hi = 0, len(quote)
    if hi > width:
        focus = spans[0][0] if spans else 0
        lo = max(0, min(focus - width // 3, hi - width))
        hi = lo + width
        # Cut between words, never through one (nor through the value itself).
        if lo and " " in quote[lo:focus]:
            lo = quote.index(" ", lo, focus) + 1
        end = spans[0][1] if spans else lo
        if hi < len(quote) and " " in quote[end:hi]:
            hi = quote.rindex(" ", end, hi)
    opening = '"' + ("…" if lo else "")
    text = Text(opening + quote[lo:hi], style=style)
    shift = len(opening) - lo
    for a, b in spans:
        if lo <= a and b <= hi:
            text.stylize("bold reverse", a + shift, b + shift)
    text.append(("…" if hi < len(quote) else "") + '"')
    return text


def claim_quote(rec: Reconciliation, entry: ClaimEntry, width: int = QUOTE_WIDTH) -> Text:
    """A claim's quote with its value highlighted, and the article line it stands on."""
    corpus = rec.corpus
    c = entry.claim
    quote = " ".join(c.quote.split())
    entity = corpus.entities.get(str(c.value))
    spans = value_spans(quote, c.value, corpus.property(c.property).type,
                        entity.model if entity else None)
    text = windowed_quote(quote, spans, style="italic", width=width)
    anchor = rec.check.anchors.get(entry.id)
    text.append(f" (line {anchor.line})" if anchor else " (quote not found)", style="dim")
    return text


def _table(console: Console, *headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                  header_style="bold")
    for h in headers:
        table.add_column(h, overflow="ellipsis")  # a word too long: cut, never split
    return table


# -- diff ----------------------------------------------------------------------------------
def render_diff(console: Console, rec: Reconciliation, d: SourceDiff, quotes: bool) -> None:
    corpus = rec.corpus
    console.print(Text(f"Diff of {d.a} (A) and {d.b} (B) in {corpus.display}", style="bold"))
    for label, sid in (("A", d.a), ("B", d.b)):
        model = corpus.source(sid)
        line = Text(f"  {label}  {sid}: {model.file}")
        if model.title:
            line.append(f"  {model.title}", style="dim")
        console.print(line)
    counts = [f"{d.count(s)} {DIFF_COUNTS[s]}" for s in DIFF_COUNTS]
    console.print(Text("  " + " · ".join(counts)))
    if not d.independent:
        console.print(Text(f"  not independent: {d.link_reason or 'one copy group'} "
                           "(agreement between them is not corroboration)", style="yellow"))
    fact_w = max(24, console.width * 2 // 5)
    for status in DIFF_COUNTS:
        rows = [r for r in d.rows if r.status == status]
        if not rows:
            continue
        console.print()
        console.print(Text(f"{DIFF_HEADINGS[status]} ({len(rows)})", style="underline"))
        # Facts both state get both sides; a fact one side alone states gets its value.
        headers = {"differ": ("fact", "A", "B", "how"), "agree": ("fact", "A", "B"),
                   "only_a": ("fact", "A"), "only_b": ("fact", "B")}[status]
        table = _table(console, *headers)
        # Fact names are laid out to fact_w by fact_text: rich squeezes the other columns.
        table.columns[0].no_wrap = True
        for r in rows:
            _diff_row(table, rec, r, quotes, status, fact_text(r.fact, fact_w))
        console.print(table)


def fact_text(fact: str, width: int) -> Text:
    """A fact name, broken after its subject when it would not fit, never mid-word; a part
    still too long cut in its middle (…), so both its ends show."""
    subject, _, prop = fact.rpartition(".")
    if cell_len(fact) <= width or not subject:
        return cut_middle(Text(fact, style="bold"), width) if cell_len(fact) > width else \
            Text(fact, style="bold")
    text = Text(style="bold")
    text.append_text(_cut(subject + ".", width))
    text.append("\n  ")
    text.append_text(_cut(prop, width - 2))
    return text


def _cut(word: str, width: int) -> Text:
    return Text(word) if cell_len(word) <= width else cut_middle(Text(word), width)


def _diff_row(table: Table, rec: Reconciliation, r: DiffRow, quotes: bool, status: str,
              fact: Text) -> None:
    sides = {"only_a": [(r.a_said, r.a)], "only_b": [(r.b_said, r.b)]}.get(
        status, [(r.a_said, r.a), (r.b_said, r.b)])
    cells: list[Text | Cell] = [fact]
    for shown, entries in sides:
        cell = Text(shown or "—")
        if quotes:
            for entry in entries:
                cell.append("\n")
                cell.append_text(claim_quote(rec, entry, SIDE_QUOTE_WIDTH))
        cells.append(Cell(cell))
    if status == "differ":
        how = Text(", ".join(r.kinds), style=SEVERITY_STYLE[r.severity or Severity.INFO])
        if r.resolved:
            how = Text(f"{', '.join(r.kinds)} ({r.resolved})", style="dim")
        cells.append(Cell(how))
    table.add_row(*cells)


# -- matrix --------------------------------------------------------------------------------
def render_matrix(console: Console, rec: Reconciliation, m: Matrix) -> None:
    """Drawn by hand, one line per fact: cells are cut to fit (with …), never wrapped, so the
    grid stays a grid at any width; sources that do not fit go to further pages."""
    if not m.rows:
        console.print("No facts to show.")
        return
    width = max(console.width, 40)
    longest = max(len(r.property) + 2 for r in m.rows)
    fact_w = max(FACT_WIDTH[0], min(FACT_WIDTH[1] + (width >= 160) * 8, longest))
    fit = max(1, (width - fact_w) // (MIN_CELL + 1))
    pages_n = -(-len(m.sources) // fit)
    per_page = -(-len(m.sources) // pages_n)  # balanced pages: 4 + 3, not 5 + 2
    cell_w = min(MAX_CELL, (width - fact_w) // per_page - 1)
    use_ids = max(len(s) for s in m.sources) <= cell_w
    labels = {s: s if use_ids else _letter(i) for i, s in enumerate(m.sources)}
    title = (f"Matrix of {plural(len(m.rows), 'fact')} × {plural(len(m.sources), 'source')} "
             f"in {rec.corpus.display}")
    console.print(Text(title, style="bold"))
    cut = False
    for n in range(pages_n):
        page = m.sources[n * per_page:(n + 1) * per_page]
        console.print()
        if pages_n > 1:
            console.print(Text(f"Sources {n * per_page + 1}-{n * per_page + len(page)} "
                               f"of {len(m.sources)}", style="dim"))
        head = _fit(Text("fact", style="bold"), fact_w)
        for s in page:
            head.append(" ")
            head.append_text(_fit(Text(labels[s], style="bold"), cell_w))
        console.print(head)
        console.print(Text("─" * (fact_w + (cell_w + 1) * len(page)), style="dim"))
        subject = None
        for row in m.rows:
            if row.subject != subject:
                subject = row.subject
                console.print(_fit(Text(subject, style="bold"), width, pad=False))
            line = _fit(_fact_label(row), fact_w)
            for s in page:
                cell = _cell(row, s)
                cut = cut or cell.cell_len > cell_w
                line.append(" ")
                line.append_text(_fit(cell, cell_w))
            console.print(line)
    console.print()
    legend = Text("  ".join(f"{STATE_MARK[s]} {s}" for s in STATES if STATE_MARK[s]))
    legend.append("  (blank: not stated)", style="dim")
    console.print(legend)
    if not use_ids:
        console.print(Hanging(Text("  ".join(f"{labels[s]} {s}" for s in m.sources),
                                   style="dim"), 0))
    if cut:
        console.print(Hanging(Text("Values cut to fit (…): widen the terminal, pick columns "
                                   "with --source, or see one fact whole with `explain "
                                   "FACT`.", style="dim"), 0))


def _fit(text: Text, width: int, pad: bool = True) -> Text:
    text = text.copy()
    text.truncate(width, overflow="ellipsis", pad=pad)
    return text


def _letter(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[i] if i < 26 else f"{letters[i // 26 - 1]}{letters[i % 26]}"


def _fact_label(row: Row) -> Text:
    text = Text(f"  {row.property}")
    d = row.discrepancy
    if d is not None and not d.is_open:
        text.append(f" ({d.status})", style="dim")
    return text


def _cell(row: Row, source: str) -> Text:
    cell = row.cells[source]
    if not cell.claims:
        return Text("")
    state = cell.state
    resolved = row.discrepancy is not None and not row.discrepancy.is_open
    style = "dim" if resolved and state in ("differ", "compatible") else STATE_STYLE[state]
    return Text(f"{STATE_MARK[state]} {cell.short}", style=style)


# -- sources -------------------------------------------------------------------------------
def render_sources(console: Console, rec: Reconciliation,
                   profiles: list[SourceProfile]) -> None:
    console.print(Text(f"Sources in {rec.corpus.display}: "
                       f"{plural(len(profiles), 'source')}", style="bold"))
    for p in profiles:
        console.print()
        head = Text(p.id, style="bold cyan")
        if p.title:
            head.append(f"  {p.title}")
        console.print(head)
        meta = [p.file, f"outlet: {p.outlet or '—'}", f"published: {p.published or '—'}"]
        if p.url:
            meta.append(p.url)
        console.print(Text("  " + " · ".join(meta), style="dim"))
        line = Text(f"  {plural(p.claims, 'claim')} on {plural(p.facts, 'fact')}")
        for n, words, style in ((p.confirmed, "confirmed", "green"),
                                (p.echoed, "echoed", "yellow"),
                                (p.contradicted, "contradicted", "bold red"),
                                (p.compatible, "compatible", "yellow"),
                                (p.alone, "alone", "")):
            if n:
                line.append(" · ")
                line.append(f"{n} {words}", style=style)
        console.print(line)
        if not p.group:
            console.print(Text("  independent of every other source", style="green"))
            continue
        console.print(Text(f"  not independent of: {', '.join(p.group)}", style="yellow"))
        for link in p.links:
            other = link.b if link.a == p.id else link.a
            reason = Text(f"    {other}: {link.reason}")
            if link.sample:
                reason.append(f'  shared: "{link.sample}"', style="dim")
            console.print(reason)
    console.print()
    console.print(Hanging(Text("Facts: confirmed = a source outside its copy group gives the "
                               "same value; echoed = only its copies do; contradicted = "
                               "another source's value cannot also be true; compatible = "
                               "another value its bounds allow; alone = no other source "
                               "states it.", style="dim"), 0))


# -- timeline ------------------------------------------------------------------------------
def render_timeline(console: Console, rec: Reconciliation, timelines: list[Timeline]) -> None:
    if not timelines:
        console.print("No fact is stated on two or more dates. A claim's date is its "
                      "context.as_of, else its source's published date.")
        return
    for k, t in enumerate(timelines):
        if k:
            console.print()
        head = Text(t.fact, style="bold")
        if t.unit:
            head.append(f"  ({t.unit})", style="dim")
        console.print(head)
        table = _table(console, "date", "source", "value", "change")
        for p in t.points:
            when = Text(format_date(p.date) if p.date else "—")
            if p.date_from:
                when.append(" as of" if p.date_from == "as_of" else " published", style="dim")
            value = Text(p.display, style="bold")
            context = {k: v for k, v in (p.entry.claim.context or {}).items() if k != "as_of"}
            if context:
                value.append("\n" + ", ".join(f"{k}={v}" for k, v in context.items()),
                             style="dim")
            table.add_row(Cell(when), Cell(Text(p.entry.claim.source)), Cell(value),
                          Cell(Text(CHANGE_MARK[p.change],
                                    style=CHANGE_STYLE.get(p.change, ""))))
        console.print(table)
    revised = sum(p.change in ("up", "down", "changed") for t in timelines for p in t.points)
    clash = sum(p.change == "same-date" for t in timelines for p in t.points)
    console.print()
    console.print(Text(f"{plural(len(timelines), 'fact')}; {plural(revised, 'revision')}; "
                       f"{plural(clash, 'same-date disagreement')}", style="dim"))
