"""Issue 21: SIGTERM or SIGINT during an --output write leaves no temporary file behind, and a
run killed outright (SIGKILL) leaves one that the next write to the same target removes.
Through real processes, each bounded by a timeout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO

# Writes argv[1] through atomic_write, stopping inside the write (the temporary file made,
# not yet renamed) until a signal comes.
_WRITER = """
import os, sys, time
from pathlib import Path
from mou_reconcile.cli import output
def fsync(fd):
    print("writing", flush=True)
    time.sleep(60)
output.os.fsync = fsync
output.atomic_write(Path(sys.argv[1]), "new\\n")
"""


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def start(target: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline() == "writing\n", proc.communicate(timeout=10)
    except BaseException:
        proc.kill()
        proc.communicate()
        raise
    return proc


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_signal_during_the_write(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n")
    proc = start(target)
    try:
        assert len(temporaries(tmp_path)) == 1
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert target.read_text() == "old\n"
    if signum == signal.SIGTERM:
        assert proc.returncode == -signal.SIGTERM  # still dies of it, as before
    elif signum == signal.SIGINT:
        assert proc.returncode != 0 and "KeyboardInterrupt" in err
    if signum == signal.SIGKILL:
        assert len(temporaries(tmp_path)) == 1  # nothing can clean up after SIGKILL...
        old = time.time() - 5
        for name in temporaries(tmp_path):
            os.utime(tmp_path / name, (old, old))
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        "from mou_reconcile.cli.output import atomic_write; "
                        "atomic_write(Path(sys.argv[1]), 'next\\n')", str(target)],
                       env=env, check=True, timeout=30)
        assert target.read_text() == "next\n"  # ...but the next write to it does
    assert temporaries(tmp_path) == []


def test_the_cli_refuses_a_read_only_file_a_folder_and_a_trailing_slash(
        tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MOU_RECONCILE_NO_CACHE": "1",
           "NO_COLOR": "1"}
    readonly = tmp_path / "ro.md"
    readonly.write_text("keep\n")
    readonly.chmod(0o444)
    (tmp_path / "folder").mkdir()
    for target, says in ((str(readonly), "read-only"), (str(tmp_path / "folder"), "folder"),
                         (str(tmp_path / "new") + "/", "folder")):
        run = subprocess.run([sys.executable, "-m", "mou_reconcile", "report", "--claims",
                              str(REPO / "data"), "--output", target], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 2, run.stderr
        assert says in run.stderr
    assert readonly.read_text() == "keep\n"
    assert not (tmp_path / "new").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "ro.md"]
