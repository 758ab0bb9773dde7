"""The console script's entry point (also `python -m mou_reconcile`). Ctrl-C ends a run with
one line, `interrupted`, and exit code 130 from the start: the handler is set before the
commands are imported (typer and pydantic take tens of milliseconds), so this module
imports nothing heavy."""

import signal
import sys


class Interrupted(BaseException):
    """Ctrl-C. Typer turns a KeyboardInterrupt into a silent exit 130 (older versions: into
    "Aborted!" and exit 1), so SIGINT raises this instead, which typer lets through."""


def _on_sigint(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored (nohup)
        signal.signal(signal.SIGINT, _on_sigint)
    try:
        from mou_reconcile.cli import main as run_command

        run_command()
    except (Interrupted, KeyboardInterrupt):
        sys.stderr.write("interrupted\n")
        sys.exit(130)
