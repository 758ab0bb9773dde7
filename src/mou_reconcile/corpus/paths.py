"""Where a source's `file` leads: the one rule the loader and the cache both follow.

Kept free of heavy imports: the cache checks every article with it before a run that it
answers imports the loader (pydantic).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from typing import NamedTuple


class Resolver:
    """os.path.realpath, resolving each folder once: a corpus's articles share a few, and
    realpath looks at every component of every path."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if not folder or name in ("", os.curdir, os.pardir):
            return os.path.realpath(path)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder)
        joined = os.path.join(real, name)
        try:
            if stat.S_ISLNK(os.lstat(joined).st_mode):
                return os.path.realpath(path)
        except OSError:  # as realpath does: a name that cannot be looked at stays as it is
            pass
        return joined


class Located(NamedTuple):
    """`state`: "file" (a regular file, to be read), "nul" (a NUL in the name), "loop" (a
    symbolic-link loop), "outside" (not in the claims file's folder), "hidden" (in the
    folder, but a component of the resolved path below it starts with "."; `hidden` names
    it), "folder", "not a regular file", "missing" or "unreadable" (`error` says why)."""

    state: str
    target: str = ""
    error: OSError | None = None
    hidden: str = ""


def hidden_component(target: str, root_resolved: str) -> str:
    """The first component of `target` below `root_resolved` (both resolved) that starts
    with "." (a hidden file or folder: .git, .env, .ssh), or ""."""
    prefix = root_resolved.rstrip(os.sep) + os.sep
    below = target[len(prefix):] if target.startswith(prefix) else ""
    return next((part for part in below.split(os.sep) if part.startswith(".")), "")


def locate(root: str, root_resolved: str, raw: str,
           resolve: Callable[[str], str] = os.path.realpath) -> Located:
    """Follow a source's `file` (relative to `root`, the claims file's folder, which
    resolves to `root_resolved`) without opening it."""
    try:
        target = resolve(os.path.join(root, raw))
        mode = os.stat(target).st_mode
        error = None
    except ValueError:
        return Located("nul")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Located("loop", target)
        mode, error = 0, exc
    inside = target == root_resolved or target.startswith(root_resolved.rstrip(os.sep) + os.sep)
    if os.path.isabs(raw) or not inside:
        return Located("outside", target)
    # Hidden files and folders (.git/config, .env) hold credentials, not articles: refused
    # before anything else is said of them, so not even their existence shows.
    hidden = hidden_component(target, root_resolved)
    if hidden:
        return Located("hidden", target, hidden=hidden)
    if isinstance(error, FileNotFoundError):
        return Located("missing", target)
    if error is not None:
        return Located("unreadable", target, error)
    if stat.S_ISDIR(mode):
        return Located("folder", target)
    if not stat.S_ISREG(mode):  # a FIFO would block whoever opens it
        return Located("not a regular file", target)
    return Located("file", target)
