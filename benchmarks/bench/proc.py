"""Running one command and measuring it: wall time, peak memory, exit code.

Peak memory comes from os.wait4, which returns the resource usage of exactly the child it
reaped (ru_maxrss, in KiB on Linux): RUSAGE_CHILDREN would give the maximum over every child
so far. The child gets its own session so a timeout ends it and anything it started, and
nothing else.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CLOCK = ["wall"]  # "wall" or "cpu", for every figure of one run


def set_clock(clock: str) -> None:
    CLOCK[0] = clock


@dataclass(frozen=True)
class Result:
    wall: float
    cpu: float  # user + system time of the child: what other processes on the machine
    # barely change, where wall time grows with every CPU-bound neighbour
    max_rss_kib: int
    returncode: int
    stderr: str
    timed_out: bool = False

    @property
    def seconds(self) -> float:
        """The clock the figures use (set_clock): wall by default."""
        return self.cpu if CLOCK[0] == "cpu" else self.wall

    @property
    def max_rss_mib(self) -> float:
        return self.max_rss_kib / 1024


def run(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        stdout: Path | None = None, timeout: float | None = None,
        stderr_fd: int | None = None) -> Result:
    """Run `cmd`; stdout to the file `stdout` (else discarded), stderr captured unless
    `stderr_fd` (a terminal, for the progress-bar check) is given."""
    out = open(stdout, "wb") if stdout else open(os.devnull, "wb")  # noqa: SIM115
    err_path = None
    if stderr_fd is None:
        import tempfile

        handle, err_path = tempfile.mkstemp(prefix="mrbench-err-")
        err_target: int = handle
    else:
        err_target = stderr_fd
    timed_out = threading.Event()
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err_target, stdin=subprocess.DEVNULL,
                                env=env, cwd=cwd, start_new_session=True)

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    finally:
        out.close()
        if err_path is not None:
            os.close(err_target)
    stderr = ""
    if err_path is not None:
        stderr = Path(err_path).read_text(encoding="utf-8", errors="replace")
        os.unlink(err_path)
    cpu = usage.ru_utime + usage.ru_stime
    return Result(seconds, cpu, usage.ru_maxrss, proc.returncode, stderr, timed_out.is_set())


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
