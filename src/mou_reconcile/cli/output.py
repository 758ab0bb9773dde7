"""Writing an output file safely: all or nothing, never a truncated or half-written file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Collection
from pathlib import Path


class WouldOverwriteInput(OSError):
    """--output names a file the command reads: writing it would destroy the input."""


def atomic_write(path: Path, text: str, *, inputs: Collection[Path] = ()) -> None:
    """Write `text` to `path` through a temporary file in the same folder, fsync, rename.
    On any failure the previous file, if there was one, is left as it was.

    A symbolic link is written through (the file it names is replaced, the link stays);
    a device or a FIFO (`/dev/stdout`, `/dev/null`) is written directly, since renaming a
    file over it would replace the device itself. `inputs` are files the command read:
    refused, so that a slip such as `--output claims.yaml` loses nothing."""
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
    if mode is not None and not stat.S_ISREG(mode):
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
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
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask
