"""`--output FILE` is all or nothing: atomic_write never truncates or half-writes a file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from mou_reconcile.cli import output
from mou_reconcile.cli.output import WouldOverwriteInput, atomic_write


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_mode_not_a_private_one(tmp_path: Path) -> None:
    # mkstemp makes 0600 files: a report written for a team must not be unreadable to it.
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "report.json", "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"),
                                     KeyboardInterrupt()])
@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failure_leaves_the_old_file_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException,
        step: str) -> None:
    target = tmp_path / "report.md"
    target.write_text("the previous report\n")

    def fail(*args: object) -> None:
        raise failure

    monkeypatch.setattr(output.os, step, fail)
    with pytest.raises(type(failure)):
        atomic_write(target, "x" * 100_000)
    monkeypatch.undo()
    assert target.read_text() == "the previous report\n"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no" / "report.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    atomic_write(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    # Renaming over /dev/null or /dev/stdout would replace the device itself (as root).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    atomic_write(fifo, "through the pipe\n")
    reader.join(10)
    assert got == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("version: 1\n")
    alias = tmp_path / "same.yaml"
    alias.symlink_to(claims.name)
    for target in (claims, alias, tmp_path / "." / "claims.yaml"):
        with pytest.raises(WouldOverwriteInput):
            atomic_write(target, "oops\n", inputs=[claims])
    assert claims.read_text() == "version: 1\n"
    atomic_write(tmp_path / "other.yaml", "fine\n", inputs=[claims])
    assert (tmp_path / "other.yaml").read_text() == "fine\n"


# -- issue 21: refused targets, stale temporary files, signals ------------------------------

def test_a_read_only_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me\n")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        atomic_write(target, "new\n")
    assert target.read_text() == "keep me\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["out/", "out"])
def test_a_folder_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "out"
    if name == "out":
        folder.mkdir()
    with pytest.raises(IsADirectoryError):
        atomic_write(str(tmp_path) + "/" + name, "x")  # type: ignore[arg-type]  # as typed
    assert not folder.is_file()
    assert leftovers(tmp_path) == []


def test_stale_temporary_files_of_the_same_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    stale = tmp_path / ".report.md.k3j_x9a0.tmp"
    fresh = tmp_path / ".report.md.abcdefgh.tmp"  # a run writing it now
    other = tmp_path / ".other.md.k3j_x9a0.tmp"
    odd = tmp_path / ".report.md.not-mkstemp.tmp"
    for path in (stale, fresh, other, odd):
        path.write_text("half")
    for path in (stale, other, odd):
        os.utime(path, (output.STARTED - 60, output.STARTED - 60))
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert not stale.exists()
    assert fresh.exists() and other.exists() and odd.exists()


def test_the_signal_handlers_are_restored(tmp_path: Path) -> None:
    import signal

    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    atomic_write(tmp_path / "a.md", "x")
    assert {s: signal.getsignal(s) for s in before} == before


def test_a_previous_handler_runs_after_the_temporary_file_is_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    seen: list[list[str]] = []

    class Stop(Exception):
        pass

    def previous(signum: int, frame: object) -> None:
        seen.append(leftovers(tmp_path))
        raise Stop

    old = signal.signal(signal.SIGTERM, previous)
    try:
        def fsync(fd: int) -> None:
            assert len(leftovers(tmp_path)) == 1
            os.kill(os.getpid(), signal.SIGTERM)

        monkeypatch.setattr(output.os, "fsync", fsync)
        with pytest.raises(Stop):
            atomic_write(tmp_path / "a.md", "x")
        assert signal.getsignal(signal.SIGTERM) is previous
    finally:
        signal.signal(signal.SIGTERM, old)
    assert seen == [[]]
    assert leftovers(tmp_path) == []
