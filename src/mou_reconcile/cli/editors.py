"""Editors' commands: diff, sources, matrix, timeline."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

from typing import Annotated

import typer

from mou_reconcile.cli import complete, session
from mou_reconcile.cli.app import app
from mou_reconcile.cli.helptext import Command, choices
from mou_reconcile.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    ClaimsOption,
    Color,
    ColorOption,
    DataFormat,
    DataFormatOption,
    Format,
    Level,
    NoCacheOption,
    OutputOption,
    ViewFormat,
    ViewFormatOption,
)


@app.command(
    cls=Command, epilog="Example: mou-reconcile diff pm-beijing jwg-dec22 --quotes")
def diff(
    source_a: Annotated[str, typer.Argument(
        metavar="A", help="A source id, its article's path, or a unique prefix.",
        autocompletion=complete.sources)],
    source_b: Annotated[str, typer.Argument(metavar="B", help="Another source, likewise.",
                                             autocompletion=complete.sources)],
    claims: ClaimsOption = None,
    quotes: Annotated[bool, typer.Option(
        "--quotes", "-q", help="Show each side's own words beneath its value.")] = False,
    format: ViewFormatOption = ViewFormat.text,
    output: OutputOption = None,
    fail_on: Annotated[Level | None, typer.Option(
        "--fail-on", metavar=choices(Level),
        help="Exit 1 if an unresolved difference is at or above this level (conflict: error; "
             "scope, magnitude: warning; compatible: info).")
    ] = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Two sources side by side, fact by fact: differ (and how), only in A, only in B, agree.

    Values of a multi-valued fact are compared one by one. Exit code 0 unless --fail-on
    finds something (1); 2: unreadable input or an unknown source.
    """
    session.set_color(color)
    with session.running("diff", claims, format.value, output, no_cache, a=source_a, b=source_b,
                  quotes=quotes, fail_on=fail_on and fail_on.value):
        from mou_reconcile.problems import Severity
        from mou_reconcile.views.diff import diff_sources

        rec = session.reconciled(claims, Format(format.value))
        a, b = session.find(rec, "source", source_a), session.find(rec, "source", source_b)
        if a == b:
            session.say(f"A and B are both {a!r}: name two different sources")
            raise typer.Exit(EXIT_USAGE)
        result = diff_sources(rec, a, b)
        session.emit(Format(format.value), output, lambda r: r.diff(rec, result, quotes))
        if fail_on is not None:
            level = Severity.parse(fail_on.value)
            failing = any(r.severity is not None and r.severity >= level and not r.resolved
                          for r in result.rows)
            raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command(
    cls=Command, epilog="Example: mou-reconcile sources --format json")
def sources(
    claims: ClaimsOption = None,
    format: DataFormatOption = DataFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Each source: title, date, claim count, how many of its values others confirm or
    contradict, and the sources it is not independent of, with the reason.

    Exit code 0; 2: unreadable input.
    """
    session.set_color(color)
    with session.running("sources", claims, format.value, output, no_cache):
        from mou_reconcile.views.matrix import build_matrix
        from mou_reconcile.views.sources import profile_sources

        rec = session.reconciled(claims, Format(format.value))
        profiles = profile_sources(rec, build_matrix(rec, every_source=False))
        session.emit(Format(format.value), output, lambda r: r.sources(rec, profiles))


@app.command(
    cls=Command, epilog="Example: mou-reconcile matrix --disputed -s pm-beijing -s jwg-dec22")
def matrix(
    facts: Annotated[list[str] | None, typer.Argument(
        metavar="[FACT]...", show_default=False,
        help="Show only facts starting with these (a subject, or subject.property).",
        autocompletion=complete.facts)] = None,
    claims: ClaimsOption = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", metavar="SOURCE", show_default=False,
        help="Only this source's column (id, path or unique prefix); repeatable.",
        autocompletion=complete.sources)] = None,
    disputed: Annotated[bool, typer.Option(
        "--disputed", help="Only facts whose sources give different values.")] = False,
    format: ViewFormatOption = ViewFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Facts as rows, sources as columns: each cell the value that source gives, marked
    and coloured by how the other sources' values relate to it.

    ✓ agree, ✗ differ, ≈ compatible (different, but the bounds allow both), • only this
    source. Too many sources for the terminal's width are split into pages of columns.
    Exit code 0; 2: unreadable input, or an unknown fact or source.
    """
    session.set_color(color)
    with session.running("matrix", claims, format.value, output, no_cache, facts=facts,
                  source=source, disputed=disputed):
        from mou_reconcile.views.matrix import build_matrix, claims_by_fact

        rec = session.reconciled(claims, Format(format.value))
        wanted = None
        if facts:
            known = sorted(claims_by_fact(rec.corpus))
            wanted = [f for f in known if any(f.startswith(q) for q in facts)]
            for q in facts:
                if not any(f.startswith(q) for f in known):
                    session.find(rec, "fact", q)  # no match: says so, with the closest name
        table = build_matrix(rec, wanted)
        if source:
            table.sources = list(dict.fromkeys(session.find(rec, "source", s) for s in source))
        if disputed:
            table.rows = [r for r in table.rows if r.disputed]
        table.rows = [r for r in table.rows if any(r.cells[s].claims for s in table.sources)]
        session.emit(Format(format.value), output, lambda r: r.matrix(rec, table))


@app.command(
    cls=Command, epilog="Example: mou-reconcile timeline pk-cn-it-mous-2025.agreement_count")
def timeline(
    fact: Annotated[str | None, typer.Argument(
        metavar="[FACT]", show_default=False,
        help="One fact (subject.property, or a unique prefix); default: every fact "
             "stated on two or more dates.", autocompletion=complete.facts)] = None,
    claims: ClaimsOption = None,
    format: DataFormatOption = DataFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """A fact's values in date order, so a revised figure reads as a revision, not a
    contradiction.

    A claim's date is its context.as_of, else its source's published date. Each value is
    marked first, up, down, changed, unchanged, or same date (two values for one date: a
    real disagreement). Exit code 0; 2: unreadable input or an unknown fact.
    """
    session.set_color(color)
    with session.running("timeline", claims, format.value, output, no_cache, fact=fact):
        from mou_reconcile.views.timeline import timelines

        rec = session.reconciled(claims, Format(format.value))
        name = session.find(rec, "fact", fact) if fact is not None else None
        found = timelines(rec.corpus, name)
        session.emit(Format(format.value), output, lambda r: r.timeline(rec, found))
