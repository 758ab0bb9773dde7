"""The command line: the typer app and its commands, the session around a command (cache,
progress, output), and the pre-commit entry. Only this stage knows about typer.

Importing this package registers every command on `app`.
"""

from mou_reconcile.cli import (  # noqa: F401 (registers)
    curators,
    editors,
    publish,
    report,
    story,
    suggesting,
)
from mou_reconcile.cli.app import app, main

__all__ = ["app", "main"]
