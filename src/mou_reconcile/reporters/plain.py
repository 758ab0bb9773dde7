"""Text output written without rich, where rich would write the very same bytes.

To what is not a terminal (a pipe, a file, a CI log), or with `--color never`, rich writes
no styles: only the text, which the text reporter wraps itself (reporters/wrap.py). Lines
wrapped by the same layout and written through the same `CommandGuard` are then rich's
output byte for byte, without importing rich, a tenth of a cold `check` (as CI runs it);
lines short enough not to need wrapping do without even rich's cell widths.

`write` declines (returns False, having written nothing) wherever rich could write
otherwise: a terminal or what rich may take for one (FORCE_COLOR, TTY_COMPATIBLE), Jupyter
and IDLE, Windows (a legacy console narrows the width), a width under one column (rich
writes nothing), and text rich changes (control characters, which it strips and the
reporter shows; tabs, which it expands; line breaks). tests/unit/test_plain.py compares
both ways in each of those cases.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import TextIO

from mou_reconcile.reporters.escape import CommandGuard, visible


def write(out: TextIO, lines: list[str], *, color: bool | None, width: int | None) -> bool:
    """Write each of `lines` to `out` wrapped as the text reporter's console would, if that
    is exactly what it would write (see the module); else write nothing and return False.
    `color` and `width` as the reporter's (None: decided from `out` and the environment)."""
    if not _unstyled(out, color) or not all(_plain(line) for line in lines):
        return False
    columns = _width(width)
    if columns < 1:
        return False
    guard = CommandGuard(out)
    for line in lines:
        # No character takes more cells than its UTF-8 bytes: a line that short fits as it
        # is, and needs neither the layout nor its cell widths (rich.cells).
        if len(line.encode("utf-8", "surrogatepass")) > columns:
            from mou_reconcile.reporters.wrap import wrap_plain

            line = "\n".join(wrap_plain(line, columns))
        guard.write(line + "\n")
        guard.flush()  # as rich does after each line
    return True


def _plain(line: str) -> bool:
    return "\t" not in line and "\n" not in line and visible(line) == line


def _unstyled(out: TextIO, color: bool | None) -> bool:
    """Whether rich would surely write no styles to `out` (rich's Console.is_terminal
    False), and size its lines as `_width` does."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return False
    if color is not None:
        return not color  # --color never: not a terminal to rich; always: colour
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return False
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    try:
        return not out.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _width(width: int | None) -> int:
    """The width rich's Console gives the reporter's output when it is not a terminal: the
    reporter's own, else COLUMNS, else the first of stdin, stdout and stderr that has a
    terminal size (its width, 0 read as 80), else 80."""
    if width is not None:
        return width
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    found = None
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            fd = stream.fileno()  # type: ignore[union-attr]
        except Exception:  # None, closed, no file: rich takes the default too
            fd = default
        try:
            found = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return found or 80
