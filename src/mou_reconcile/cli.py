"""The command line: parse options, call the pipeline, map the result to an exit code.

Heavy modules (pydantic, yaml, rich) are imported inside commands, so `--help` and
`--version` stay fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, NoReturn

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


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


ClaimsOption = Annotated[
    str | None,
    typer.Option("--claims", "-c", metavar="PATH", show_default=False,
                 help="Claims file, or a folder holding claims.yaml."),
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

        Console(stderr=True, highlight=False).print(
            f"using the sample corpus shipped with mou-reconcile: {found.display}",
            style="dim")
    return found.path, found.display


@app.command(epilog="Example: mou-reconcile check --claims data/claims.yaml --format json")
def check(
    claims: ClaimsOption = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f",
                                                help="Output format.")] = CheckFormat.text,
) -> None:
    """Verify a claims file: references, types, and every quote in its article.

    Prints each problem as path:line:col: CODE severity: message, then a summary.
    Exit code 0: no errors (warnings allowed); 1: errors found; 2: unreadable input.
    """
    from mou_reconcile.check import check_file
    from mou_reconcile.load import UnreadableInput
    from mou_reconcile.reporters import get_reporter

    path, display = _locate(claims, format.value)
    try:
        result = check_file(path, display)  # type: ignore[arg-type]
    except UnreadableInput as exc:
        _fail_unreadable(exc.problem, format.value)
    get_reporter(format.value, sys.stdout).check(result)
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


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
