"""Writing an output file safely: all or nothing, never a truncated or half-written file.

The temporary file (`.NAME.xxxxxxxx.tmp` beside the target) is removed on failure, on
SIGTERM and on SIGINT; one left by a run that was killed outright (SIGKILL) is removed by
the next write to the same target."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Collection, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

# When this run began (near enough: the module is imported before any write). A temporary
# file for the same target older than this was left by a run that was killed.
STARTED = time.time()
_SLICE = 1 << 20  # characters encoded and written at a time
# mkstemp's names: prefix, 8 characters from this set, suffix.
_TEMP_CHARS = "[a-z0-9_]{8}"


class WouldOverwriteInput(OSError):
    """--output names a file the command reads: writing it would destroy the input."""


def atomic_write(path: Path, text: str, *, inputs: Collection[Path] = ()) -> None:
    """Write `text` to `path` through a temporary file in the same folder, fsync, rename.
    On any failure the previous file, if there was one, is left as it was.

    A symbolic link is written through (the file it names is replaced, the link stays);
    a device or a FIFO (`/dev/stdout`, `/dev/null`) is written directly, since renaming a
    file over it would replace the device itself. `inputs` are files the command read:
    refused, so that a slip such as `--output claims.yaml` loses nothing. So are a folder
    (or a path ending in a separator: `--output out/` never writes a file named `out`) and
    a read-only file (PermissionError; the file is left as it is)."""
    raw = os.fspath(path)
    if raw.endswith(("/", os.sep)) or (os.altsep and raw.endswith(os.altsep)):
        raise IsADirectoryError(errno.EISDIR, "names a folder (it ends with a separator); "
                                "give a file name")
    path = Path(raw)
    for source in inputs:
        try:
            same = path.exists() and path.samefile(source)
        except OSError:
            same = False
        if same:
            raise WouldOverwriteInput("it is read by this command (the claims file or an"
                                      " article)")
    with contextlib.suppress(OSError, RuntimeError):  # a loop or a missing folder: fails below
        path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name")
    if mode is not None and stat.S_ISREG(mode) and \
            (not mode & 0o222 or not os.access(path, os.W_OK)):
        # Renaming over it would succeed (the folder is writable): refuse as `>` would.
        raise PermissionError(errno.EACCES, "the file is read-only; make it writable or "
                              "choose another file")
    if mode is not None and not stat.S_ISREG(mode):
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    folder = path.parent
    remove_stale_temporaries(path)
    with _removed_on_signal() as made:
        _write_through_temporary(path, folder, text, mode, made)
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _write_through_temporary(path: Path, folder: Path, text: str, mode: int | None,
                             made: list[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    made.append(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            # In slices: a large report is never encoded whole (a second copy of it).
            for start in range(0, len(text), _SLICE):
                handle.write(text[start:start + _SLICE])
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600): give it the old file's mode, or the mode a
        # new file gets under the umask, as `>` in a shell would.
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    made.clear()  # renamed: nothing left to remove


def remove_stale_temporaries(path: Path, before: float | None = None) -> None:
    """Remove the temporary files of writes to `path` (its name pattern: `.NAME.xxxxxxxx.tmp`)
    last modified before `before` (STARTED: this run), left by runs that were killed. Only
    regular files; never anything else; any error is ignored."""
    before = STARTED if before is None else before
    pattern = re.compile(re.escape(f".{path.name}.") + _TEMP_CHARS + re.escape(".tmp"))
    with contextlib.suppress(OSError), os.scandir(path.parent) as found:
        for item in found:
            if not pattern.fullmatch(item.name):
                continue
            with contextlib.suppress(OSError):
                info = item.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < before:
                    os.unlink(item.path)


_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT")
                 if hasattr(signal, name))


@contextlib.contextmanager
def _removed_on_signal() -> Iterator[list[str]]:
    """While writing: SIGTERM or SIGINT removes the temporary files listed in the yielded
    list, then is handled as before (the previous handler runs; a default one kills the
    process as the signal would have). The previous handlers are restored afterwards. A
    signal ignored stays ignored; outside the main thread nothing is installed."""
    made: list[str] = []
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _SIGNALS:
            old = signal.getsignal(signum)
            if old is signal.SIG_IGN or old is None:  # ignored; or not set from Python
                continue

            def handler(signum: int, frame: FrameType | None, old: Any = old) -> None:
                for tmp in made:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
                made.clear()
                signal.signal(signum, old)
                if callable(old):
                    old(signum, frame)
                elif old == signal.SIG_DFL:
                    os.kill(os.getpid(), signum)  # die of it, as without this handler

            try:
                signal.signal(signum, handler)
            except (ValueError, OSError):
                continue
            previous[signum] = old
    try:
        yield made
    finally:
        for signum, old in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, old)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask
