"""Fact-checkers' commands: check, report, explain."""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

import sys
from typing import Annotated, Any

import typer

from mou_reconcile.cli import complete, session
from mou_reconcile.cli import paths as paths_mod
from mou_reconcile.cli.app import app
from mou_reconcile.cli.helptext import Command, choices
from mou_reconcile.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    CheckFormatOption,
    ClaimsOption,
    Color,
    ColorOption,
    Format,
    FormatOption,
    JobsOption,
    Level,
    NoCacheOption,
    OutputOption,
    PathsArgument,
)


@app.command(
    cls=Command, epilog="Example: mou-reconcile check data/claims.yaml --format json")
def check(
    paths: PathsArgument = None,
    claims: ClaimsOption = None,
    format: CheckFormatOption = None,
    output: OutputOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Verify claims files: references, types, and every quote in its article.

    Prints each problem as path:line:col: CODE severity: message, then a summary per
    file (and, for several files, a last line counting them; JSON: a list, one document
    per file). Exit code 0: no errors (warnings allowed); 1: errors found; 2: unreadable
    input; with several files, the worst of theirs.
    """
    session.set_color(color)
    fmt = session.resolve_format(Format(format.value) if format else None, "check", output)
    claims = paths_mod.dispatch("check", claims, paths, fmt, output, jobs, no_cache, [])
    with session.running("check", claims, fmt.value, output, no_cache):
        result = session.checked(claims, fmt, sample=False)  # no false green on the sample
        session.emit(fmt, output, lambda r: r.check(result))
        raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-bytes", metavar="N", min=1000, show_default=False,
    help="markdown: keep the report under N bytes (UTF-8), the most important findings "
         "first, and say what was left out (GitHub caps a comment at 65,536 characters, "
         "a job summary at 1 MiB). Several claims files share N equally.")]
FullReportOption = Annotated[str | None, typer.Option(
    "--full-report", metavar="TEXT", show_default=False,
    help="With --max-bytes: where the whole report is (a link, an artifact's name), "
         "named when something is left out.")]


def _budget(format: Format, max_bytes: int | None, full_report: str | None) -> list[str]:
    """The size budget's options, for the runs of several claims files; refused with a
    format other than markdown."""
    if (max_bytes is not None or full_report is not None) and format != Format.markdown:
        given = "--max-bytes" if max_bytes is not None else "--full-report"
        raise typer.BadParameter(f"{given} applies to --format markdown, not {format.value}",
                                 param_hint=f"'{given}'")
    return [*(["--max-bytes", str(max_bytes)] if max_bytes is not None else []),
            *(["--full-report", full_report] if full_report is not None else [])]


@app.command(
    cls=Command, epilog="Example: mou-reconcile report --fail-on error --format markdown "
                    "--output report.md")
def report(
    paths: PathsArgument = None,
    claims: ClaimsOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    fail_on: Annotated[Level | None, typer.Option(
        "--fail-on", metavar=choices(Level),
        help="Exit 1 if an open discrepancy (or a claims-file problem) is at or above this "
             "level.")] = None,
    min_severity: Annotated[Level, typer.Option(
        "--min-severity", metavar=choices(Level),
        help="Show only discrepancies at or above this level.")
    ] = Level.info,
    max_bytes: MaxBytesOption = None,
    full_report: FullReportOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """Every discrepancy between the sources, most severe first, with the evidence.

    Each discrepancy lists every value, the sources behind it and their own words,
    its kinds (conflict, scope, magnitude, arithmetic, enumeration, naming,
    uncorroborated) and likely causes; then corroborated facts and a summary.
    Several claims files: each report in turn (JSON: a list, one document per file).
    Exit code 0 unless --fail-on finds something (1); 2: unreadable input; with several
    files, the worst of theirs.
    """
    session.set_color(color)
    format = session.resolve_format(format, "report", output)
    budget = _budget(format, max_bytes, full_report)
    claims = paths_mod.dispatch(
        "report", claims, paths, format, output, jobs, no_cache,
        ["--min-severity", min_severity.value, *(["--fail-on", fail_on.value] if fail_on else []),
         *budget])
    with session.running("report", claims, format.value, output, no_cache,
                  fail_on=fail_on and fail_on.value, min_severity=min_severity.value,
                  max_bytes=max_bytes, full_report=full_report):
        from mou_reconcile.problems import Severity

        rec = session.reconciled(claims, format, note=False)
        shown = Severity.parse(min_severity.value)

        def render(r: Any) -> None:
            r.budget, r.full_report = max_bytes, full_report  # markdown's only
            r.report(rec, shown)

        session.emit(format, output, render)
        if fail_on is not None:
            level = Severity.parse(fail_on.value)
            failing = any(d.is_open and d.severity >= level for d in rec.discrepancies) or \
                any(p.severity >= level for p in rec.check.problems)
            raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command(
    cls=Command, epilog="Example: mou-reconcile explain sky47.data_centre_partner")
def explain(
    fact: Annotated[str, typer.Argument(
        metavar="FACT", help="subject.property, or a unique prefix of it.",
        autocompletion=complete.facts)],
    claims: ClaimsOption = None,
    no_cache: NoCacheOption = False,
    color: ColorOption = Color.auto,
) -> None:
    """One fact: every claim, its quote shown in the source's own sentence.

    The quote is underlined and the value highlighted, with the article's line
    number; then the discrepancy's likely causes and the verdict, if any.
    """
    session.set_color(color)
    with session.running("explain", claims, "text", None, no_cache, fact=fact):
        from mou_reconcile import progress
        from mou_reconcile.reporters.text_reporter import TextReporter
        from mou_reconcile.views.explain import explain

        rec = session.reconciled(claims, Format.text)
        name = session.find(rec, "fact", fact)
        found = explain(rec, name)
        progress.stage("writing")
        TextReporter(sys.stdout, **session.style()).explain(rec, found)
