"""The command line: parse options, call the pipeline, map the result to an exit code.

Heavy modules (pydantic, yaml, rich) are imported inside commands, so `--help` and
`--version` stay fast.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from mou_reconcile import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="mou-reconcile",
    help="Show where news sources disagree about the facts of a story, with each source's "
         "own words as evidence.\n\nThe claims file is --claims PATH, else "
         "$MOU_RECONCILE_CLAIMS, else ./data/claims.yaml, else the sample corpus shipped "
         "with the tool.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


ClaimsOption = Annotated[
    str | None,
    typer.Option("--claims", "-c", metavar="PATH", show_default=False,
                 help="Claims file, or a folder holding claims.yaml."),
]


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                 help="Write to FILE (atomically) instead of stdout."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mou-reconcile {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Show where news sources disagree about the facts of a story."""


def _fail_unreadable(problem: object, fmt: str) -> NoReturn:
    from mou_reconcile.problems import Problem

    assert isinstance(problem, Problem)
    if fmt == "json":
        import json

        json.dump({"version": 1, "claims_file": problem.path, "summary": None,
                   "problems": [problem.to_dict()]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    hint = f" ({problem.hint})" if problem.hint else ""
    typer.echo(f"{problem.path}:{problem.line}:{problem.col}: {problem.code} error: "
               f"{problem.message}{hint}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _locate(claims: str | None, fmt: str) -> tuple[object, str]:
    from mou_reconcile.load import UnreadableInput
    from mou_reconcile.locate import locate

    try:
        found = locate(claims)
    except UnreadableInput as exc:
        _fail_unreadable(exc.problem, fmt)
    if found.origin == "sample":
        from rich.console import Console

        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"using the sample corpus shipped with mou-reconcile: {found.display}",
            style="dim")
    return found.path, found.display


def _emit(fmt: Format, output: Path | None, render: Callable[[Any], None]) -> None:
    """Render with the format's reporter to stdout, or atomically to --output."""
    from mou_reconcile.reporters import get_reporter

    if output is None:
        render(get_reporter(fmt.value, sys.stdout))
        return
    from mou_reconcile.output import atomic_write

    buffer = io.StringIO()
    render(get_reporter(fmt.value, buffer, color=False, width=100))
    try:
        atomic_write(output, buffer.getvalue())
    except OSError as exc:
        typer.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _checked(claims: str | None, fmt: Format) -> Any:
    from mou_reconcile.check import check_file
    from mou_reconcile.load import UnreadableInput

    path, display = _locate(claims, fmt.value)
    try:
        return check_file(path, display)  # type: ignore[arg-type]
    except UnreadableInput as exc:
        _fail_unreadable(exc.problem, fmt.value)


@app.command(epilog="Example: mou-reconcile check --claims data/claims.yaml --format json")
def check(
    claims: ClaimsOption = None,
    format: FormatOption = Format.text,
    output: OutputOption = None,
) -> None:
    """Verify a claims file: references, types, and every quote in its article.

    Prints each problem as path:line:col: CODE severity: message, then a summary.
    Exit code 0: no errors (warnings allowed); 1: errors found; 2: unreadable input.
    """
    result = _checked(claims, format)
    _emit(format, output, lambda r: r.check(result))
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@app.command(epilog="Example: mou-reconcile report --fail-on error --format markdown "
                    "--output report.md")
def report(
    claims: ClaimsOption = None,
    format: FormatOption = Format.text,
    output: OutputOption = None,
    fail_on: Annotated[Level | None, typer.Option(
        "--fail-on", help="Exit 1 if an open discrepancy (or a claims-file problem) is at "
                          "or above this level.")] = None,
    min_severity: Annotated[Level, typer.Option(
        "--min-severity", help="Show only discrepancies at or above this level.")
    ] = Level.info,
) -> None:
    """Every discrepancy between the sources, most severe first, with the evidence.

    Each discrepancy lists every value, the sources behind it and their own words,
    its kinds (conflict, scope, magnitude, arithmetic, enumeration, naming,
    uncorroborated) and likely causes; then corroborated facts and a summary.
    Exit code 0 unless --fail-on finds something (1); 2: unreadable input.
    """
    from mou_reconcile.problems import Severity
    from mou_reconcile.reconcile import reconcile

    rec = reconcile(_checked(claims, format))
    shown = Severity.parse(min_severity.value)
    _emit(format, output, lambda r: r.report(rec, shown))
    if fail_on is not None:
        level = Severity.parse(fail_on.value)
        failing = any(d.is_open and d.severity >= level for d in rec.discrepancies) or any(
            p.severity >= level for p in rec.check.problems)
        raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command(epilog="Example: mou-reconcile explain sky47.data_centre_partner")
def explain(
    fact: Annotated[str, typer.Argument(help="subject.property, or a unique prefix of it.")],
    claims: ClaimsOption = None,
) -> None:
    """One fact: every claim, its quote shown in the source's own sentence.

    The quote is underlined and the value highlighted, with the article's line
    number; then the discrepancy's likely causes and the verdict, if any.
    """
    from mou_reconcile.explain import UnknownFact, explain, resolve_fact
    from mou_reconcile.reconcile import reconcile
    from mou_reconcile.reporters.text_reporter import TextReporter

    rec = reconcile(_checked(claims, Format.text))
    try:
        name = resolve_fact(rec, fact)
    except UnknownFact as exc:
        if exc.matches:
            typer.echo(f"{fact!r} matches several facts: {', '.join(exc.matches[:10])}",
                       err=True)
        else:
            tip = f"; did you mean {exc.suggestion!r}?" if exc.suggestion else ""
            typer.echo(f"no fact {fact!r} in {rec.corpus.display}{tip}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    TextReporter(sys.stdout).explain(rec, explain(rec, name))



# --- Editors: diff, sources, matrix, timeline -------------------------------------------


# --- Curators: extract, coverage ----------------------------------------------------------


# --- Publishing: schema, export -----------------------------------------------------------


def main() -> None:
    """Console-script entry point: Ctrl-C and closed pipes end quietly."""
    try:
        app(prog_name="mou-reconcile")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # `mou-reconcile report | head`: the reader left; say nothing, as other tools do.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
