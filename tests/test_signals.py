"""Ctrl-C and closed pipes, through a real process (`python -m mou_reconcile`): Ctrl-C prints
one line and exits 130, a reader that goes away (`report | head -1`) gets silence, never a
traceback or an "Exception ignored" warning."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CASES, REPO

FERRY = CASES / "ferry-fire"
SAMPLE = REPO / "data" / "claims.yaml"


def env() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("MOU_RECONCILE_")
            or k in ("MOU_RECONCILE_CACHE_DIR", "MOU_RECONCILE_NO_CACHE")}
    return {**keep, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1", "COLUMNS": "100"}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mou_reconcile", *args]


def held_fifo(fifo: Path) -> int:
    """Make a FIFO and hold it open for writing (O_RDWR does not wait for a reader): a FIFO
    with no writer is refused at once, one with a writer is read (and the read waits)."""
    os.mkfifo(fifo)
    return os.open(fifo, os.O_RDWR | os.O_NONBLOCK)


def wait_for_reader(fifo: Path, proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Wait until the process has opened the FIFO, and is blocked reading it where the
    kernel tells (/proc/PID/wchan). (A signal that lands just before the read starts is
    only handled once the read returns: that race is not under test.)"""
    deadline = time.monotonic() + timeout
    fds = Path(f"/proc/{proc.pid}/fd")
    while fds.is_dir():
        opened = False
        for link in list(fds.iterdir()):
            try:
                opened = opened or os.readlink(link) == str(fifo)
            except OSError:
                continue
        if opened:
            break
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the command never opened the claims file"
        time.sleep(0.02)
    else:
        time.sleep(2)  # no /proc: give it time to get there
    wchan = Path(f"/proc/{proc.pid}/wchan")
    while wchan.exists() and wchan.read_text() not in ("", "0") and \
            "pipe" not in wchan.read_text():
        assert time.monotonic() < deadline, "the command never read the claims file"
        time.sleep(0.02)
    time.sleep(0.1)


@pytest.mark.parametrize("args", [["check"], ["report", "--format", "json"]])
def test_ctrl_c_prints_one_line_and_exits_130(tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "claims.yaml"
    writer = held_fifo(fifo)  # the command blocks reading it until we interrupt
    # As from a terminal, whatever this test runs under: a job started in the background
    # by a shell without job control (some CI runners) inherits SIGINT ignored.
    proc = subprocess.Popen(command(*args, "--claims", str(fifo)), env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    wait_for_reader(fifo, proc)
    try:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        os.close(writer)
        if proc.poll() is None:  # do not leave it behind if it failed to stop
            proc.kill()
            proc.communicate()
    assert (proc.returncode, out, err) == (130, b"", b"interrupted\n")


def test_ctrl_c_ignored_by_the_shell_stays_ignored(tmp_path: Path) -> None:
    # `mou-reconcile check &` in a script: SIGINT is ignored, and must stay ignored.
    fifo = tmp_path / "claims.yaml"
    writer = held_fifo(fifo)
    proc = subprocess.Popen(command("check", "--claims", str(fifo)), env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    wait_for_reader(fifo, proc)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.2)
    os.write(writer, (FERRY / "claims.yaml").read_bytes())
    os.close(writer)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 1, err  # it read the claims: the articles are not beside it
    assert b"interrupted" not in err and b"Traceback" not in err


@pytest.mark.parametrize("args", [
    ["report", "--claims", str(SAMPLE)],
    ["report", "--claims", str(SAMPLE), "--format", "json"],
    ["check", "--claims", str(FERRY), "--format", "markdown"],
    ["--help"],
])
def test_a_closed_pipe_is_silent(args: list[str]) -> None:
    # The reader is gone before the first write: every write fails with EPIPE.
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(command(*args), env=env(), stdout=write, stderr=subprocess.PIPE,
                              timeout=60, check=False)
    finally:
        os.close(write)
    assert proc.stderr == b""
    assert proc.returncode == 141  # the shell's convention: 128 + SIGPIPE, not "findings"


@pytest.mark.skipif(shutil.which("head") is None, reason="no head(1)")
def test_report_piped_into_head_is_silent(tmp_path: Path) -> None:
    err = tmp_path / "stderr"
    script = (f"{' '.join(command('report', '--claims', str(SAMPLE)))} 2>{err} | head -1;"
              " echo \"status=${PIPESTATUS[0]}\"")
    proc = subprocess.run(["bash", "-c", script], env=env(), capture_output=True, text=True,
                          timeout=60, check=False)
    first, status = proc.stdout.splitlines()
    assert first.startswith("Discrepancies in ")
    assert err.read_text() == ""
    # 141 (128 + SIGPIPE) when head left before the report ended; never 1, "findings"
    assert status in ("status=0", "status=141")


# Sends the process SIGINT from inside the import of one module, as a Ctrl-C typed while
# the commands are still loading (typer alone takes tens of milliseconds) would land.
_INTERRUPTED_IMPORT = """
import os, signal, sys
module = sys.argv[1]
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == module:
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
from mou_reconcile.console import main
sys.argv = ["mou-reconcile", "--version"]
sys.exit(main())
"""


@pytest.mark.parametrize("module", ["mou_reconcile.cli", "typer", "typer.main"])
def test_ctrl_c_while_the_commands_load_prints_one_line_and_exits_130(module: str) -> None:
    proc = subprocess.run([sys.executable, "-c", _INTERRUPTED_IMPORT, module], env=env(),
                          capture_output=True, timeout=60, check=False,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert (proc.returncode, proc.stdout, proc.stderr) == (130, b"", b"interrupted\n")


def test_the_console_script_and_python_m_enter_through_the_same_guard() -> None:
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["mou-reconcile"] == "mou_reconcile.console:main"
    main_module = (REPO / "src" / "mou_reconcile" / "__main__.py").read_text()
    assert "from mou_reconcile.console import main" in main_module
