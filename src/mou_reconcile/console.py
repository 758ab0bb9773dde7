"""The console script's entry point (also `python -m mou_reconcile`): the one place where
process-wide shortcuts live, so every command passes through them the same way.

- Ctrl-C ends a run with one line, `interrupted`, and exit code 130 from the start: the
  handler is set before the commands are imported (typer and pydantic take tens of
  milliseconds), so this module imports nothing heavy.
- No cyclic garbage collection: a command makes millions of long-lived objects and next to
  no reference cycles, and the full collections their growing number sets off cost a
  quarter of `check` at 100,000 claims, for ~5% less memory (benchmarks/run).
- The process ends with `os._exit` once the command has returned and its output is flushed:
  everything it built would otherwise be freed one object at a time, 1.5 to 2 seconds at
  100,000 claims, for memory the OS reclaims at once. This runs after the command, never
  inside it, so no command can lose output to it.
"""

import contextlib
import gc
import os
import signal
import sys


class Interrupted(BaseException):
    """Ctrl-C. Typer turns a KeyboardInterrupt into a silent exit 130 (older versions: into
    "Aborted!" and exit 1), so SIGINT raises this instead, which typer lets through."""


def _on_sigint(signum: int, frame: object) -> None:
    raise Interrupted


def _flush() -> int | None:
    """Flush both streams; a closed pipe on stdout gives its exit code (else None)."""
    code = None
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from mou_reconcile.cli.app import closed_pipe

        code = closed_pipe()
    with contextlib.suppress(OSError):  # stderr gone too: nothing left to tell
        sys.stderr.flush()
    return code


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored (nohup)
        signal.signal(signal.SIGINT, _on_sigint)
    gc.disable()
    try:
        from mou_reconcile.cli import main as run_command

        code = run_command()
    except (Interrupted, KeyboardInterrupt):
        sys.stderr.write("interrupted\n")
        code = 130
    pipe = _flush()
    os._exit(code if pipe is None else pipe)
