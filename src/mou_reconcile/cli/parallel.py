"""Running one claims file's `check` or `report` per task, in worker processes or here.

Each task is the single-file command itself (`check --claims PATH ...`), run in-process
through the typer app with stdout and stderr captured: so a file checked among many prints
exactly what it prints alone, cache and all, and the parent only puts the pieces together
(cli/paths.py). The same function runs the tasks with --jobs 1 (here, one after the other)
and in a process pool, so both give the same bytes.

- Workers are forked on Linux (the parent has imported the commands already and has no
  other thread when the pool starts them, so the fork is safe), elsewhere started as the
  platform does by default.
- A worker ignores Ctrl-C: the parent alone is interrupted, ends the workers and exits 130
  as any command does (console.py). The parent ends with os._exit, which skips the pool's
  own clean-up at exit: the pool is always shut down here, before the command returns.
- What one run keeps (cli/session.py) is reset by the command's own callback before each
  task; the colours and width the parent's stdout wants are handed over in session.STYLE.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Job:
    argv: tuple[str, ...]  # the single-file command, as typed: ("check", "--claims", ...)
    problem: Any  # or a Problem to report as unreadable input instead (an empty folder)
    fmt: str
    style: tuple[tuple[str, Any], ...]  # session.STYLE for the run: colour, width
    encoding: str  # of the parent's stdout and stderr, for what the run checks of them
    errors: str


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    inputs: tuple[str, ...]  # the claims file and articles read: --output never overwrites


class _Capture(io.StringIO):
    """Stands in for stdout or stderr: not a terminal, with the real stream's encoding."""

    def __init__(self, encoding: str, errors: str) -> None:
        super().__init__()
        self._encoding, self._errors = encoding, errors

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    @property
    def errors(self) -> str:  # type: ignore[override]
        return self._errors

    def isatty(self) -> bool:
        return False


def run_one(job: Job) -> Outcome:
    """One claims file's command, its output captured."""
    import typer

    from mou_reconcile.cli import app, session

    out, err = _Capture(job.encoding, job.errors), _Capture(job.encoding, job.errors)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    session.STYLE.update(job.style)
    try:
        if job.problem is not None:
            session.reset()
            try:
                session.fail_unreadable(job.problem, job.fmt)
            except typer.Exit as end:
                code = end.exit_code
        else:
            code = _invoke(app, list(job.argv))
        inputs = tuple(str(p) for p in session.INPUTS)
    finally:
        sys.stdout, sys.stderr = saved
        session.STYLE.clear()
    return Outcome(code, out.getvalue(), err.getvalue(), inputs)


def _invoke(app: Any, argv: list[str]) -> int:
    # Standalone mode, as from a shell: usage errors are printed and every end is an exit.
    try:
        app(argv, prog_name="mou-reconcile")
    except SystemExit as end:
        if end.code is None or isinstance(end.code, int):
            return end.code or 0
        sys.stderr.write(f"{end.code}\n")
        return 1
    return 0


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker(parent: int) -> None:
    """Ctrl-C is the parent's to handle; and the worker ends with the parent, however that
    ends (killed too), rather than waiting for work that never comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        import ctypes

        with contextlib.suppress(Exception):  # PR_SET_PDEATHSIG: SIGTERM when it ends
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    if os.getppid() != parent:  # it ended before this worker began
        os._exit(1)


def run_all(jobs: list[Job], workers: int) -> Generator[Outcome, None, None]:
    """Each job's outcome, in the jobs' order; with more than one worker, in that many
    processes. The first job runs here either way: the workers, forked after it, start
    with everything it imported and built on first use (pydantic's validators, rich),
    which would otherwise cost each worker what it cost this process."""
    workers = min(workers, len(jobs) - 1)
    if workers <= 1:
        yield from map(run_one, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    yield run_one(jobs[0])
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is copied into a worker
        stream.flush()
    # Ctrl-C is held back while the workers start and the jobs are queued: every worker is
    # then one the pool knows of, and ends (_end_workers) if the run is interrupted.
    pool = None
    try:
        with _interrupts_held():
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                       initargs=(os.getpid(),))
            results = pool.map(run_one, jobs[1:])
        yield from results
    except BaseException:  # Ctrl-C, a worker killed, a bug: no worker outlives the parent
        if pool is not None:
            _end_workers(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _interrupts_held() -> Generator[None, None, None]:
    mask = getattr(signal, "pthread_sigmask", None)  # not on Windows
    if mask is None:
        yield
        return
    mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _end_workers(pool: Any) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
