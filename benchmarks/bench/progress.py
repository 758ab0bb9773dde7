"""Target 5: a progress bar on stderr for long runs, on a terminal only.

The command runs twice: once with stderr on a pseudo-terminal (what a person at a terminal
sees), once with stderr on a file (what CI and pipes see). A rich progress bar draws bar
characters or a percentage and hides the cursor while it runs.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import termios
import threading
from pathlib import Path

from bench.proc import run
from bench.startup import Tool
from bench.table import Row, seconds

_MARKS = ("━", "%", "\x1b[?25l")  # bar, percentage, cursor hidden (rich Live)


def _on_terminal(cmd: list[str], env: dict[str, str]) -> tuple[str, float]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    chunks: list[bytes] = []

    def drain() -> None:  # read while it runs, or a full pty buffer would block the child
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        result = run(cmd, env=dict(env, TERM="xterm-256color"), stderr_fd=slave)
    finally:
        os.close(slave)
        reader.join(timeout=5)
        os.close(master)
    return b"".join(chunks).decode("utf-8", errors="replace"), result.seconds


def rows(tool: Tool, folder: Path | None, n: int, env: dict[str, str]) -> list[Row]:
    if folder is None:
        return [Row("5 progress", "progress bar", "no corpus ran", ok=False)]
    cmd = [tool.exe, "report", "--claims", str(folder), "--format", "json"]
    env = {k: v for k, v in env.items() if k not in ("NO_COLOR", "CI")}
    tty_err, took = _on_terminal(cmd, env)
    shown = any(mark in tty_err for mark in _MARKS)
    piped = run(cmd, env=env)
    quiet = not any(mark in piped.stderr for mark in _MARKS)
    return [
        Row("5 progress", f"N={n:,} report ({seconds(took)}): bar on a terminal's stderr",
            "shown" if shown else "none", limit="shown", ok=shown),
        Row("5 progress", f"N={n:,} report: stderr not a terminal",
            "no bar" if quiet else "BAR in piped stderr", limit="no bar", ok=quiet),
    ]
