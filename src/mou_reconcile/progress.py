"""A progress bar on stderr for long runs, on a terminal only.

The pipeline reports its stages through this module's functions (`stage`, `track`), which
do nothing unless the CLI called `begin` and stderr is a terminal (and neither CI=true nor
TERM=dumb). Then a thread waits DELAY seconds, so a fast run never flashes a bar, and only
then imports rich and draws on the terminal the CLI found at `begin`: never on stdout, and
transient, so stderr ends clean. The main thread only stores numbers; the thread reads them
ten times a second. Anything the command itself writes to a terminal first hides the bar,
so a note or a report printed mid-run is never mixed with it.

    progress.stage("reading the claims file")
    for item in progress.track(items, "checking claims"):  # the items themselves when off
        ...
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sized
from typing import Any, TextIO, TypeVar, cast

T = TypeVar("T")

DELAY = 0.8  # seconds after the command starts: about 1 s after the process did
DELAY_ENV = "MOU_RECONCILE_PROGRESS_DELAY"
REFRESH = 0.1  # seconds between two drawings
QUIET = 0.5  # after the command writes to the terminal, the bar waits this long

_current: _Tracker | None = None


def wanted(stream: TextIO) -> bool:
    """Whether a bar may be shown on `stream`: a terminal, not CI, not a dumb terminal."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if os.environ.get("TERM", "").strip().lower() in ("dumb", "unknown"):
        return False
    return isatty(stream)


def begin(*, delay: float | None = None) -> None:
    """Start tracking a command; the bar appears after `delay` seconds (default DELAY, or
    $MOU_RECONCILE_PROGRESS_DELAY: for tests) if it is still running."""
    end()
    if not wanted(sys.stderr):
        return
    if delay is None:
        try:
            delay = float(os.environ.get(DELAY_ENV, DELAY))
        except ValueError:
            delay = DELAY
        if not 0.0 <= delay <= 3600.0:  # nan, inf (a timer overflows), negative, absurd
            delay = DELAY if delay != delay or delay > 3600.0 else 0.0
    global _current
    _current = _Tracker(sys.stderr, delay)
    sys.stderr = cast(TextIO, _Guard(sys.stderr, _current))
    if isatty(sys.stdout):
        sys.stdout = cast(TextIO, _Guard(sys.stdout, _current))


def end() -> None:
    """Remove the bar (if shown) and stop tracking."""
    global _current
    tracker, _current = _current, None
    if tracker is None:
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, _Guard) and stream.tracker is tracker:
            setattr(sys, name, stream.wrapped)
    tracker.close()


def active() -> bool:
    return _current is not None


def stage(label: str, total: int | None = None) -> None:
    """A new stage: `label`, with `total` steps if known."""
    tracker = _current
    if tracker is not None:
        tracker.label, tracker.total, tracker.done = label, total, 0


def advance(done: int) -> None:
    """Steps done so far in the current stage (one with a `total`)."""
    tracker = _current
    if tracker is not None:
        tracker.done = done


def track(items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]:
    """The items, counted as the stage `label`: the iterable itself when no bar can show."""
    tracker = _current
    if tracker is None:
        return items
    if total is None and isinstance(items, Sized):
        total = len(items)
    return _counted(tracker, items, label, total)


def _counted(tracker: _Tracker, items: Iterable[T], label: str,
             total: int | None) -> Iterator[T]:
    tracker.label, tracker.total, tracker.done = label, total, 0
    for n, item in enumerate(items, 1):
        yield item
        tracker.done = n  # one store per item: the thread reads it


def isatty(stream: Any) -> bool:
    """Whether `stream` is a terminal; False for a closed or fake stream."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class _Tracker:
    """The state the pipeline updates, and the thread that draws it."""

    def __init__(self, stream: TextIO, delay: float) -> None:
        self.stream = stream  # the terminal, as found at begin(): never a recording of it
        self.label = "starting"
        self.total: int | None = None
        self.done = 0
        self.quiet_until = 0.0
        self.bar: Any = None  # a rich Progress while shown
        self.task: Any = None  # its one task: the stage shown
        self.shown: tuple[str, int | None] | None = None
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(delay,), daemon=True,
                                       name="mou-reconcile progress")
        self.thread.start()

    def _run(self, delay: float) -> None:
        if self.stopped.wait(delay):
            return
        while True:
            with self.lock:
                if self.stopped.is_set():
                    return
                if time.monotonic() >= self.quiet_until:
                    try:
                        self._draw()
                    except Exception:  # a broken terminal: no bar, and the run goes on
                        self.stopped.set()
                        return
            if self.stopped.wait(REFRESH):
                return

    def _draw(self) -> None:
        label, total, done = self.label, self.total or None, self.done
        if self.bar is None:
            self.bar = _new_bar(self.stream)
            self.bar.start()
        if self.task is None or self.shown != (label, total):  # a new stage: a new task
            if self.task is not None:
                self.bar.remove_task(self.task)
            self.task = self.bar.add_task(label, total=total, elapsed="")
            self.shown = (label, total)
        seconds = int(time.monotonic() - self.started)
        self.bar.update(self.task, completed=min(done, total) if total else 0,
                        description=f"{label} {done:,}/{total:,}" if total else label,
                        elapsed=f"{seconds // 60}:{seconds % 60:02d}")
        self.bar.refresh()

    def hide(self) -> None:
        """The command is about to write to the terminal: take the bar away for a while."""
        self.quiet_until = time.monotonic() + QUIET
        if self.bar is not None:
            with self.lock:
                self._remove()

    def _remove(self) -> None:
        bar, self.bar, self.task = self.bar, None, None
        if bar is not None:
            with contextlib.suppress(Exception):  # the terminal went away: nothing to clean
                bar.stop()

    def close(self) -> None:
        self.stopped.set()
        with self.lock:
            self._remove()
        self.thread.join(timeout=2)


def _new_bar(stream: TextIO) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    console = Console(file=stream, highlight=False, emoji=False)
    return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                    TextColumn("{task.fields[elapsed]}", style="progress.elapsed"),
                    console=console, transient=True, auto_refresh=False,
                    redirect_stdout=False, redirect_stderr=False)


class _Guard:
    """stdout or stderr while a bar may show: each write first hides the bar."""

    def __init__(self, wrapped: TextIO, tracker: _Tracker) -> None:
        self.wrapped = wrapped
        self.tracker = tracker

    def write(self, text: str) -> int:
        if text:
            self.tracker.hide()
        return self.wrapped.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
