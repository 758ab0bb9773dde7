"""The console script's entry point. Ctrl-C while the commands are still being imported
(typer and pydantic take tens of milliseconds) ends as it does during a command: one line,
exit code 130, no traceback. This module imports nothing else until then."""

import sys


def main() -> None:
    try:
        from mou_reconcile.cli import main as run_command

        run_command()  # handles Ctrl-C itself once it has started
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
