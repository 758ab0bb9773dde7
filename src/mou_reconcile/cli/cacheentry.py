"""A cache entry on disk: sealed by a digest of all of it, read only if a regular file."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

MAX_BYTES = 256 * 2**20  # no entry written is larger (cache.MAX_BYTES)


def digest(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


DIGEST_CHARS = 40  # digest()'s hex length: the entry's last bytes


def sealed(data: bytes, magic: bytes) -> bool:
    """The entry starts with magic and ends with the digest of everything before it."""
    return len(data) > len(magic) + DIGEST_CHARS and data.startswith(magic) and \
        data[-DIGEST_CHARS:] == digest(data[:-DIGEST_CHARS]).encode("ascii")


def read_entry(path: Path) -> bytes | None:
    """The entry's bytes; None if it is not a regular file (a FIFO, a device, a folder, a
    symbolic link) or is larger than any entry written. Never waits."""
    from mou_reconcile.corpus.limits import open_nonblocking

    try:
        fd = open_nonblocking(path, getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        data = handle.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else None
