"""A cache entry on disk: sealed by a digest of all of it, read only if a regular file; and
the state of the articles it lists, compared again at each lookup."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mou_reconcile.corpus import limits
from mou_reconcile.corpus.limits import read_head
from mou_reconcile.corpus.paths import Resolver, locate

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


def opened(path: Path, magic: bytes, key: str) -> tuple[dict[str, Any], memoryview] | None:
    """The entry at `path` (header, payload) if it is sealed with `magic`, made for `key`
    and whole; else None. A damaged entry is removed: of no use to anyone."""
    import json

    data = read_entry(path)
    if data is None:
        return None
    if not sealed(data, magic):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
        return None
    end = data.index(b"\n", len(magic))
    header: dict[str, Any] = json.loads(data[len(magic):end])
    payload = memoryview(data)[end + 1:len(data) - DIGEST_CHARS]
    if header["key"] != key or len(payload) != header["size"]:
        return None
    return header, payload


def article_state(root: str, root_resolved: str, raw: str, limit: int,
                  resolve: Callable[[str], str] = os.path.realpath,
                  keep: dict[str, bytes] | None = None) -> list[Any]:
    """What reading a source's article `raw` finds (paths.locate): the file it resolves to
    and a digest of its first limit + 1 bytes, or why it is not read. The same state means
    the same reading by load.py; any change (a new file, a link pointing elsewhere) changes
    the state. `keep`: the bytes read, by file (a stored check rebuilds articles from them)."""
    found = locate(root, root_resolved, raw, resolve)
    if found.state == "file":
        try:
            data = read_head(found.target, limit)
            if keep is not None:
                keep[found.target] = data
            return ["file", found.target, digest(data)]
        except FileNotFoundError:
            return ["missing", found.target]
        except OSError as exc:
            return ["unreadable", found.target, exc.errno, exc.strerror]
    if found.error is not None:
        return [found.state, found.target, found.error.errno, found.error.strerror]
    return [found.state, found.target]


def unchanged(header: dict[str, Any], keep: dict[str, bytes] | None = None) -> bool:
    """Whether the claims file's folder and every article an entry lists are as they were
    when it was stored (`keep`: the articles' bytes, read on the way)."""
    root, root_resolved = header["root"], header["root_resolved"]
    if str(Path(root).resolve()) != root_resolved:
        return False
    limit = limits.value(limits.ARTICLE_BYTES)
    resolve = Resolver()
    return all(article_state(root, root_resolved, raw, limit, resolve, keep) == state
               for raw, state in header["articles"])
