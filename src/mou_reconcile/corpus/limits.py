"""Safety limits: bad or hostile input fails fast with MR110 instead of hanging the tool.

CI runs the tool unattended on hand-edited files, so every cost that grows with the input
is capped. Each limit has a default that real stories stay far below and can be raised
with an environment variable (`MOU_RECONCILE_MAX_CLAIMS_BYTES=67108864`). YAML aliases and
merge keys are not a limit but refused outright (MR103): their expansion limit is zero.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

PREFIX = "MOU_RECONCILE_"


@dataclass(frozen=True)
class Limit:
    name: str  # the environment variable, without PREFIX
    default: int
    doc: str

    @property
    def env(self) -> str:
        return PREFIX + self.name


class BadLimit(ValueError):
    """An override in the environment is not a whole number from 1 to MAXIMUM."""


# The largest override taken: 2 GiB - 1 bytes is more than any claims file or article, and a
# larger number would overflow a read's size.
MAXIMUM = 2**31 - 1


# Defaults: a 100,000-claim archive is 16 to 19 MB, so the size limit leaves it room four
# times over (bombs are stopped by the depth and alias rules, not by size); news articles are
# tens of kilobytes (folding costs about 1 s per megabyte); quotes are a sentence or three
# (the closest-passage search on a miss costs time in proportion to quote x article).
CLAIMS_BYTES = Limit("MAX_CLAIMS_BYTES", 64 * 1024 * 1024, "size of the claims file, in bytes")
ARTICLE_BYTES = Limit("MAX_ARTICLE_BYTES", 4 * 1024 * 1024, "size of each article, in bytes")
DEPTH = Limit("MAX_DEPTH", 64, "nesting of mappings and lists in the claims file (a valid "
              "file needs 5); reading stops at 4 times this depth")
QUOTE_CHARS = Limit("MAX_QUOTE_CHARS", 2000, "length of a claim's quote, in characters")
# A saved or downloaded web page for `add`: news pages are a few hundred kilobytes with their
# markup and scripts; past this one is not an article page (a video, an archive).
PAGE_BYTES = Limit("MAX_PAGE_BYTES", 5 * 1024 * 1024, "size of a page `add` reads or "
                   "downloads, in bytes")

LIMITS = (CLAIMS_BYTES, ARTICLE_BYTES, DEPTH, QUOTE_CHARS, PAGE_BYTES)


def value(limit: Limit) -> int:
    """The limit in force: the environment's override, else the default."""
    raw = os.environ.get(limit.env, "").strip()
    if not raw:
        return limit.default
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if not 1 <= number <= MAXIMUM:
        raise BadLimit(f"${limit.env} is {raw[:40]!r}, not a whole number from 1 to {MAXIMUM}"
                       f" (the {limit.doc}; default {limit.default}); fix or unset it")
    return number


def check_environment() -> None:
    """Raise BadLimit for the first malformed override, before any work is done."""
    for limit in LIMITS:
        value(limit)


def raise_hint(limit: Limit) -> str:
    return (f"if the input is right, raise the limit: {limit.env}={limit.default * 4} "
            "mou-reconcile ...")


class NoWriter(OSError):
    """A named pipe (FIFO) that nothing is writing to: reading it would wait for ever."""


def open_nonblocking(path: str | os.PathLike[str], flags: int = 0) -> int:
    """Open for reading without waiting: opening a FIFO that has no writer blocks until one
    comes, which may be never. O_NONBLOCK is cleared again for anything but a FIFO."""
    fd = os.open(path, os.O_RDONLY | flags | getattr(os, "O_NONBLOCK", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        if hasattr(os, "O_NONBLOCK") and not stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _pipe_start(fd: int, want: int) -> bytes:
    """The first bytes of a FIFO opened without blocking. Nothing there and no writer (the
    read finds the end at once): NoWriter. A writer that has not written yet (`--claims
    <(slow-command)`): waited for, as any pipe is."""
    try:
        first = os.read(fd, want)
    except BlockingIOError:  # a writer, no data yet
        first = None
    if first == b"":
        raise NoWriter(errno.ENXIO, "a named pipe (FIFO) with nothing writing to it; give a "
                                    "regular file")
    os.set_blocking(fd, True)
    return first or b""


def _read_regular(fd: int, want: int, limit: int) -> bytes:
    """`want` bytes of a regular file (fewer at its end), then, if it has grown past its
    size, on to limit + 1; closes `fd`."""
    try:
        data = os.read(fd, want)
        while len(data) < want:  # a read may stop short; an empty one is the end
            more = os.read(fd, want - len(data))
            if not more:
                return data
            data += more
        while len(data) <= limit:
            more = os.read(fd, limit + 1 - len(data))
            if not more:
                break
            data += more
        return data
    finally:
        os.close(fd)


def read_head(path: str | os.PathLike[str], limit: int) -> bytes:
    """The file's first limit + 1 bytes at most: enough to tell it is over `limit`, and a
    pipe or a device that never ends (/dev/zero) cannot exhaust memory. A regular file's
    size is known, so a small one does not cost a `limit`-sized allocation; whatever the
    size said (the file may grow), reading goes on to limit + 1. Opening never waits: a
    FIFO with no writer raises NoWriter instead of hanging."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        regular = stat.S_ISREG(info.st_mode)
        if not regular and hasattr(os, "O_NONBLOCK") and not stat.S_ISFIFO(info.st_mode):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    if regular:
        # The common case, read with plain reads: O_NONBLOCK does not change how a regular
        # file reads, and a buffered file object (with its own fstat) costs more than the
        # read of a short article.
        return _read_regular(fd, min(info.st_size, limit) + 1, limit)
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(fd)
        if stat.S_ISFIFO(info.st_mode):
            data = _pipe_start(fd, min(limit + 1, 65536))
            while len(data) <= limit:
                more = handle.read(limit + 1 - len(data))
                if not more:
                    break
                data += more
            return data
        want = min(info.st_size, limit) + 1
        data = handle.read(want)
        if len(data) == want <= limit:
            data += handle.read(limit + 1 - want)
        return data
