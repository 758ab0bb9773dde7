"""The typer app: its name, help and global options, and `main`, which runs the command in
sys.argv and returns its exit code. The commands register themselves on `app` from their
modules (report, editors, curators, publish), which mou_reconcile.cli imports.
"""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

import sys
from typing import Annotated

import typer

from mou_reconcile import __version__
from mou_reconcile.cli import params as cliparams
from mou_reconcile.cli import session

cliparams.install()  # unset options and exact choices skip typer's pydantic conversion

app = typer.Typer(
    name="mou-reconcile",
    help="Show where news sources disagree about the facts of a story, with each source's "
         "own words as evidence.\n\nThe claims file is --claims PATH, else "
         "$MOU_RECONCILE_CLAIMS, else ./claims.yaml (a story folder), else "
         "./data/claims.yaml, else (not for check, add or suggest, not for extract given "
         "an article's path, not in CI) "
         "the sample corpus shipped with the tool. check and report also take claims files "
         "and folders as arguments (mou-reconcile check stories/), several at once.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    session.reset()


export_app = typer.Typer(
    help="Publish verdicts in other formats.", no_args_is_help=True,
    epilog="Example: mou-reconcile export claimreview --base-url "
           "https://example.org/report.html --author 'Example Fact Desk'")
app.add_typer(export_app, name="export")


# The shell's convention for a process whose reader left: killed by SIGPIPE, 128 + 13.
EXIT_CLOSED_PIPE = 141


def closed_pipe() -> int:
    """`mou-reconcile report | head`: the reader left. Say nothing, as other tools do, and
    point stdout at /dev/null so no later flush finds the pipe."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_CLOSED_PIPE


def main() -> int:
    """Run the command in sys.argv and return its exit code (the console entry,
    `console.main`, handles Ctrl-C and ends the process)."""
    try:
        try:
            app(prog_name="mou-reconcile")
        except SystemExit as exc:  # typer's standalone mode always ends with one
            session.KEPT.append(exc)  # its traceback holds the command's frames: see session.KEPT
            code = exc.code
        else:
            code = 0
        # Typer (as click) turns a closed pipe into exit 1, the code for findings here, and
        # wraps the streams to silence it: that wrapper is how the closed pipe shows.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            return closed_pipe()
        sys.stdout.flush()  # a reader gone surfaces here, not as a warning at exit
    except BrokenPipeError:
        return closed_pipe()
    if code is None or isinstance(code, int):
        return code or 0
    sys.stderr.write(f"{code}\n")  # sys.exit("message"): print it, as the interpreter does
    return 1
