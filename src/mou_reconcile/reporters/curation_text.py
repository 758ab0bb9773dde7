"""The curators' views as terminal text: `extract` (the quantities an article states) and
`coverage` (which of them no claim records). Sentences wrap at the terminal's width."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mou_reconcile.corpus.values import fmt_number
from mou_reconcile.reporters.base import plural
from mou_reconcile.reporters.wrap import Cell, Hanging
from mou_reconcile.views.coverage import Coverage, Item, SourceCoverage, shown_percent
from mou_reconcile.views.extract import Candidate, Extraction

SENTENCE_WIDTH = 160  # longer sentences are cut to a window around the quantity
_BOUND_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "up to "}
SECTIONS = (("cardinal", "Quantities"), ("multiplier", "Multipliers"),
            ("ordinal", "Ordinals (positions in a series)"), ("year", "Years"))


def describe(c: Candidate) -> str:
    """The stub's value as a person would say it: 'up to 300,000', '10–12', '2025'."""
    q = c.quantity
    if q.kind == "year":
        return str(c.value)
    if q.high is not None:
        return f"{fmt_number(q.value)}–{fmt_number(q.high)}"
    return _BOUND_WORDS.get(q.bound, "") + fmt_number(q.value)


def sentence_text(c: Candidate, width: int = SENTENCE_WIDTH) -> Text:
    """The sentence, cut to a window around the quantity; the quote underlined and the
    quantity highlighted."""
    sentence = c.sentence
    q_start, q_end = c.at, c.at + len(" ".join(c.quantity.text.split()))
    quote_at = _quote_at(sentence, c.quote, q_start)
    lo, hi = 0, len(sentence)
    if hi > width:
        lo = max(0, min(q_start - width // 3, hi - width))
        hi = lo + width
        if lo:
            lo = sentence.find(" ", lo, q_start) + 1 or lo  # start and end on whole words
        if hi < len(sentence):
            hi = sentence.rfind(" ", q_end, hi) if sentence.rfind(" ", q_end, hi) > 0 else hi
    opening = "…" if lo else ""
    text = Text(opening + sentence[lo:hi])
    shift = len(opening) - lo
    if quote_at >= 0:
        text.stylize("underline", max(lo, quote_at) + shift,
                     min(hi, quote_at + len(c.quote)) + shift)
    text.stylize("bold reverse", q_start + shift, min(hi, q_end) + shift)
    if hi < len(sentence):
        text.append("…")
    return text


def _indented(console: Console, text: Text, indent: int, hang: int | None = None) -> None:
    """Indented by `indent` and wrapped to the console's width, continuation lines
    indented by `hang` (default: as the first line, a block)."""
    console.print(Hanging(Text(" " * indent).append_text(text),
                          indent if hang is None else hang))


def _quote_at(sentence: str, quote: str, q_start: int) -> int:
    at = sentence.find(quote)
    while at >= 0 and not at <= q_start < at + len(quote):
        at = sentence.find(quote, at + 1)
    return at


def render_extract(console: Console, ex: Extraction) -> None:
    kinds = {kind: [c for c in ex.candidates if c.quantity.kind == kind] for kind, _ in SECTIONS}
    head = Text(f"{ex.article.display} (source {ex.source_id}"
                f"{', not yet in the claims file' if ex.new else ''}): ", style="bold")
    head.append(plural(len(ex.candidates), "quantity"))
    extra = [plural(len(kinds[k]), label.split()[0].lower().rstrip("s"))
             for k, label in SECTIONS[1:] if kinds[k]]
    if extra:
        head.append(f", of which {', '.join(extra)}")
    _indented(console, head, 0, 2)
    for kind, label in SECTIONS:
        if not kinds[kind]:
            continue
        console.print()
        console.print(Text(f"{label} ({len(kinds[kind])})", style="underline"))
        for c in kinds[kind]:
            _candidate(console, c)
    console.print()
    named = ex.article.display if ex.new else ex.source_id
    console.print(Text(f"Claim stubs to paste: mou-reconcile extract {named} --format yaml",
                       style="dim"))


def _candidate(console: Console, c: Candidate, prefix: str = "") -> None:
    line = Text(f"{prefix}{c.line}:{c.col}  ", style="cyan")
    shown = describe(c)
    line.append(shown, style="bold")
    written = " ".join(c.quantity.text.split())
    if written != shown.split()[-1] and c.quantity.kind != "year":
        line.append(f" ({written})", style="dim")
    if c.hint:
        line.append(f"  {c.hint}")
    if c.suggested_property:
        line.append(f"  → property {c.suggested_property}", style="green")
    _indented(console, line, 2, 4)
    _indented(console, sentence_text(c), 4)
    if c.entities:
        _indented(console, Text("entities: " + ", ".join(eid for eid, _ in c.entities),
                                style="dim"), 4)


def render_coverage(console: Console, cov: Coverage) -> None:
    curated, explained = cov.count("curated"), cov.count("explained")
    uncovered = cov.count("uncovered")
    head = Text(f"Coverage of {cov.claims_file}: ", style="bold")
    head.append(f"{curated + explained} of {plural(cov.total, 'quantity')} curated or "
                f"explained ({shown_percent(cov.percent)})")
    _indented(console, head, 0, 2)
    if cov.problems:
        console.print(Text(f"The claims file has {plural(cov.problems, 'error')}; claims with "
                           "errors cover nothing. Run `mou-reconcile check`.", style="yellow"))
    console.print()
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("source", overflow="ellipsis")
    for name in ("quantities", "curated", "explained", "not covered", "coverage"):
        table.add_column(name, justify="right", no_wrap=True)
    for s in cov.sources:
        table.add_row(Cell(Text(s.source)), str(s.total), str(len(s.curated)),
                      str(len(s.explained)),
                      Text(str(len(s.uncovered)), style="yellow" if s.uncovered else ""),
                      shown_percent(s.percent))
    console.print(table)
    _items(console, "Not covered", [(s, i) for s in cov.sources for i in s.uncovered],
           "yellow")
    _items(console, "Explained, not curated", [(s, i) for s in cov.sources
                                                for i in s.explained], "dim")
    console.print()
    summary = Text(f"{plural(uncovered, 'quantity')} not covered", style="yellow" if uncovered
                   else "green")
    summary.append(f"; {curated} curated, {explained} explained")
    console.print(summary)


def _items(console: Console, title: str, items: list[tuple[SourceCoverage, Item]],
           style: str) -> None:
    if not items:
        return
    console.print()
    console.print(Text(f"{title} ({len(items)})", style=f"{style} underline"))
    for s, item in items:
        if item.by:  # explained: where, what, and why; the sentence is in the claims file
            line = Text(f"{s.file}:{item.candidate.line}:{item.candidate.col}  ", style="cyan")
            line.append(f'"{item.candidate.quote}"')
            _indented(console, line, 2, 4)
        else:
            _candidate(console, item.candidate, prefix=f"{s.file}:")
        if item.by:
            _indented(console, Text(f"why not: {item.by}", style="italic"), 4)
