"""The progress bar: on stderr, on a terminal only, after a delay, gone when the run ends."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import REPO
from mou_reconcile import progress

MARKS = ("━", "\x1b[?25l")  # a bar; the cursor hidden while it shows


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


Terminal = Callable[[], tuple[FakeTerminal, io.StringIO]]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Terminal]:
    """Call it to make sys.stderr a terminal and sys.stdout a plain buffer (in the test's
    body: pytest puts its own capture back between a fixture and the test). Tracking is
    ended afterwards."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")

    def install() -> tuple[FakeTerminal, io.StringIO]:
        err, out = FakeTerminal(), io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdout", out)
        return err, out

    yield install
    progress.end()


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_off_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    progress.begin(delay=0)
    assert not progress.active()
    items = [1, 2, 3]
    assert progress.track(items, "x") is items  # no wrapper, no cost
    progress.stage("y")
    progress.end()


@pytest.mark.parametrize("env", [{"CI": "true"}, {"TERM": "dumb"}])
def test_off_in_ci_and_on_a_dumb_terminal(terminal: Terminal,
                                          monkeypatch: pytest.MonkeyPatch,
                                          env: dict[str, str]) -> None:
    terminal()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    progress.begin(delay=0)
    assert not progress.active()


def test_the_bar_shows_on_stderr_and_goes(terminal: Terminal) -> None:
    err, out = terminal()
    progress.begin(delay=0)
    assert progress.active()
    for _ in progress.track(range(1000), "checking claims"):
        pass
    progress.stage("reconciling facts", 10)
    progress.advance(4)
    wait_for(lambda: "reconciling facts 4/10" in err.getvalue())
    progress.end()
    shown = err.getvalue()
    assert all(mark in shown for mark in MARKS)
    assert "40%" in shown
    assert shown.endswith("\x1b[2K")  # transient: the last line is erased
    assert "\x1b[?25h" in shown  # the cursor shown again
    assert out.getvalue() == ""
    assert sys.stderr is err  # the streams are given back


def test_not_before_the_delay(terminal: Terminal) -> None:
    err, _ = terminal()
    progress.begin(delay=30)
    progress.stage("checking claims", 10)
    time.sleep(0.3)
    progress.end()
    assert err.getvalue() == ""


def test_a_write_to_the_terminal_takes_the_bar_away(terminal: Terminal) -> None:
    err, _ = terminal()
    progress.begin(delay=0)
    progress.stage("checking claims", 10)
    wait_for(lambda: "━" in err.getvalue())
    sys.stderr.write("a note\n")
    before = err.getvalue().split("a note\n")[0]
    assert before.endswith("\x1b[2K")  # erased before the note was written
    progress.end()


def test_tracking_from_another_thread_is_safe(terminal: Terminal) -> None:
    err, _ = terminal()
    progress.begin(delay=0)
    done = threading.Event()

    def work() -> None:
        for i in range(200):
            progress.stage(f"stage {i % 3}", 50)
            for _ in progress.track(range(50), f"stage {i % 3}"):
                pass
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(20)
    assert done.is_set()
    progress.end()
    assert err.getvalue().endswith("\x1b[2K")


def _on_pty(args: list[str], env: dict[str, str], stdout: Path) -> tuple[int, str]:
    """Run the tool with stderr on a pseudo-terminal: its exit code and what it drew."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
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
        with stdout.open("wb") as out:
            code = subprocess.run([sys.executable, "-m", "mou_reconcile", *args], env=env,
                                  stdout=out, stderr=slave, stdin=subprocess.DEVNULL,
                                  timeout=120, check=False).returncode
    finally:
        os.close(slave)
        reader.join(timeout=5)
        os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_real_terminal_gets_the_bar_and_stdout_is_unchanged(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color",
               MOU_RECONCILE_PROGRESS_DELAY="0")
    args = ["report", "--claims", str(REPO / "data"), "--format", "json"]
    code, drawn = _on_pty(args, env, tmp_path / "tty.json")
    assert code == 0
    assert any(mark in drawn for mark in MARKS), drawn
    piped = subprocess.run([sys.executable, "-m", "mou_reconcile", *args], env=env,
                           capture_output=True, timeout=120, check=False)
    assert piped.returncode == 0
    assert piped.stderr == b""  # not a terminal: no bar
    assert (tmp_path / "tty.json").read_bytes() == piped.stdout
    # A run shorter than the delay never shows a bar; nor does one in CI.
    for extra in ({"MOU_RECONCILE_PROGRESS_DELAY": "60"}, {"CI": "true"}):
        code, drawn = _on_pty(args, {**env, **extra}, tmp_path / "quiet.json")
        assert code == 0 and drawn == ""


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_cache_never_stores_the_bar(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "NO_COLOR", "MOU_RECONCILE_NO_CACHE")}
    env.update(PYTHONPATH=str(REPO / "src"), TERM="xterm-256color",
               MOU_RECONCILE_PROGRESS_DELAY="0", MOU_RECONCILE_CACHE_DIR=str(tmp_path / "c"))
    args = ["report", "--claims", str(REPO / "data"), "--format", "json"]
    code, drawn = _on_pty(args, env, tmp_path / "cold.json")
    assert code == 0 and "━" in drawn
    assert list((tmp_path / "c").glob("*.entry"))
    code, drawn = _on_pty(args, env, tmp_path / "warm.json")  # a hit: no bar, nothing else
    assert code == 0 and drawn == ""
    assert (tmp_path / "warm.json").read_bytes() == (tmp_path / "cold.json").read_bytes()
