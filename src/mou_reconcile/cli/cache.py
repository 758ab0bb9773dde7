"""A content-addressed cache of command results: an unchanged re-run answers at once.

An entry holds what a command printed (stdout and stderr, in the order written), the text
it wrote to --output and its exit code: replaying it costs no parsing and no rendering.

Its key hashes everything the answer depends on that is known before the run: the claims
file's bytes, path and display name; the command and every option; the tool (its version,
and the names, sizes and modification times of the package's own files, so an edited
checkout never answers from an older one) and the files of its dependencies; the Python
version; the working folder; the environment variables the run reads; whether stdout and
stderr are terminals and their encodings; and, for text printed by rich, the terminal's size.
The articles are known only once the claims file is parsed: the entry lists each source's
article file (as named, and resolved) with a digest of the bytes the run reads of it, or why
it is not read (missing, a folder, outside the claims file's folder...). A lookup re-resolves
and re-hashes each; any difference is a miss, and the command runs and replaces the entry.
Modification times alone are never trusted.

Entries live in cache_dir(), one file per key, written to a temporary file and renamed. An
entry is MAGIC, a JSON header line, the payload, then a digest of all that (header
included: a flipped byte anywhere is a miss, never a wrong exit code). Only a regular file
is read, opened without following links or waiting (a FIFO planted as an entry is ignored).
An unreadable, corrupt or truncated entry is a miss (and removed); a folder that cannot be
written means no caching, never a failure. Writing keeps the MAX_ENTRIES most recently used
entries of each kind and at most MAX_BYTES in all. Deleting the folder is always safe.

A second kind of entry (CHECKED_SUFFIX, checkcache.py) holds a checked corpus under a key of
the inputs alone (Pending.checked_key): `report` after `check` skips checking.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mou_reconcile import __version__
from mou_reconcile.cli.cacheentry import article_state, digest, opened, unchanged
from mou_reconcile.cli.recorder import Recorder as Recorder
from mou_reconcile.corpus.limits import read_head as _read_head
from mou_reconcile.corpus.paths import Resolver
from mou_reconcile.progress import isatty as _isatty

FORMAT = 2  # of the entries: a change makes every older entry a miss
MAGIC = b"mou-reconcile cache %d\n" % FORMAT
SUFFIX = ".entry"
CHECKED_SUFFIX = ".checked"  # a checked corpus (checkcache.py)
DIR_ENV = "MOU_RECONCILE_CACHE_DIR"
OFF_ENV = "MOU_RECONCILE_NO_CACHE"
MAX_ENTRIES = 32
MAX_BYTES = 256 * 2**20
# An article that was not read as text (too large, not UTF-8) and changed less than this
# before the run began may have changed during it: such a run is not stored.
RACY_NS = 2 * 10**9
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a run that was killed

# What the output may depend on besides the files. Every MOU_RECONCILE_* variable is keyed
# too (the limits, the claims file's location) except these, which change no answer.
NOT_KEYED = (DIR_ENV, OFF_ENV, "MOU_RECONCILE_PROGRESS_DELAY")
ENVIRONMENT = ("GITHUB_ACTIONS",  # the default format; with CI and TF_BUILD: the sample or not
               "CI", "TF_BUILD",
               # rich: colour, terminal detection, width (text, and notes on stderr)
               "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "TERM",
               "COLORTERM", "COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES",
               "DATABRICKS_RUNTIME_VERSION")
DEPENDENCIES = ("typer", "rich", "pydantic", "pydantic_core", "yaml", "text_to_num",
                "rapidfuzz")


def cache_dir() -> Path:
    """$MOU_RECONCILE_CACHE_DIR, else $XDG_CACHE_HOME/mou-reconcile, else the platform's
    user cache folder."""
    explicit = os.environ.get(DIR_ENV, "")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # a relative one is to be ignored (the XDG spec)
        return Path(xdg) / "mou-reconcile"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "mou-reconcile" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "mou-reconcile"
    return Path.home() / ".cache" / "mou-reconcile"


def disabled() -> bool:
    """$MOU_RECONCILE_NO_CACHE set (to anything but 0, false or no)."""
    return os.environ.get(OFF_ENV, "").strip().lower() not in ("", "0", "false", "no")


_digest = digest


def _package_files() -> list[Any]:
    """Names, sizes and modification times of the package's files (not its bytecode)."""
    root = Path(__file__).resolve().parents[1]  # the package, every stage
    out: list[Any] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            info = os.stat(path)
            out.append([os.path.relpath(path, root), info.st_size, info.st_mtime_ns])
    return out


def _dependencies() -> list[Any]:
    """Where each dependency's package is, with its size and time: an upgrade rewrites it."""
    import importlib.util

    out: list[Any] = []
    for name in DEPENDENCIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        out.append([name, origin, info and info.st_size, info and info.st_mtime_ns])
    return out


def _terminal_size() -> list[int] | None:
    """The size rich finds: the first of stdin, stdout and stderr that is a terminal."""
    for fd in (0, 1, 2):
        try:
            size = os.get_terminal_size(fd)
        except (AttributeError, ValueError, OSError):
            continue
        return [size.columns, size.lines]
    return None


def write_entry(key: str, data: bytes, suffix: str = SUFFIX) -> None:
    """Seal `data` (digest of all of it) and write it as the entry for `key`, atomically;
    then prune."""
    data += _digest(data).encode("ascii")
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / f"{key}{suffix}")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    prune(folder)


def touch(path: Path) -> None:
    """Mark an entry most recently used (pruning keeps those)."""
    with contextlib.suppress(OSError, NotImplementedError):
        os.utime(path, follow_symlinks=False)


def _utf8(stream: Any) -> bool:
    encoding = str(getattr(stream, "encoding", "") or "").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8")


@dataclass
class Hit:
    chunks: list[tuple[int, str]]  # (1: stdout, 2: stderr; the text), in order
    output: str | None  # what --output received
    exit_code: int
    inputs: list[str]  # the files the run read: --output never overwrites them


class Pending:
    """A cacheable run: its key, found before the run; then a lookup, or a store after it."""

    def __init__(self, key: str, claims: Path, display: str, claims_digest: str,
                 claims_limit: int, checked_key: str = "") -> None:
        self.key = key
        self.checked_key = checked_key  # of the checked corpus (checkcache.py)
        self.claims = claims
        self.display = display
        self.claims_digest = claims_digest
        self.claims_limit = claims_limit
        self.started_ns = time.time_ns()
        self._verified: dict[int, tuple[str, str, dict[str, list[Any]]] | None] = {}

    def file(self) -> Path:
        return cache_dir() / f"{self.key}{SUFFIX}"

    # -- lookup ----------------------------------------------------------------------------
    def lookup(self) -> Hit | None:
        """The entry, if there is one and every file it lists is as it was; else None."""
        try:
            return self._lookup()
        except Exception:  # unreadable, corrupt, truncated, unexpected: a miss
            return None

    def _lookup(self) -> Hit | None:
        path = self.file()
        entry = opened(path, MAGIC, self.key)
        if entry is None:
            return None
        header, payload = entry
        if not unchanged(header):
            return None
        chunks: list[tuple[int, str]] = []
        at = 0
        for fd, size in header["chunks"]:
            if fd not in (1, 2):
                return None
            chunks.append((fd, bytes(payload[at:at + size]).decode("utf-8", "surrogatepass")))
            at += size
        output = None
        if header["output"] is not None:
            output = bytes(payload[at:at + header["output"]]).decode("utf-8", "surrogatepass")
        touch(path)
        return Hit(chunks, output, int(header["exit"]), [str(p) for p in header["inputs"]])

    # -- store -----------------------------------------------------------------------------
    def store(self, recorder: Recorder, corpus: Any, exit_code: int, output: str | None,
              inputs: Sequence[Path]) -> None:
        """Keep the run's answer, if every file it read is still as the run read it."""
        # A read-only or full disk, a file gone, anything unexpected: no caching, silently.
        with contextlib.suppress(Exception):
            self._store(recorder, corpus, exit_code, output, inputs)

    def _store(self, recorder: Recorder, corpus: Any, exit_code: int, output: str | None,
               inputs: Sequence[Path]) -> None:
        verified = self.verified(corpus)
        if verified is not None:
            self._write(recorder.text(), output, exit_code, *verified, inputs)

    def verified(self, corpus: Any) -> tuple[str, str, dict[str, list[Any]]] | None:
        """The claims file's folder (as given and resolved) and the state of each source's
        article, if the claims file and every article are still as the run read them; else
        None (nothing is stored). Found once per corpus (both entries a run stores)."""
        if id(corpus) not in self._verified:
            self._verified[id(corpus)] = self._verify(corpus)
        return self._verified[id(corpus)]

    def _verify(self, corpus: Any) -> tuple[str, str, dict[str, list[Any]]] | None:
        from mou_reconcile.corpus import limits

        if Path(corpus.path) != self.claims or corpus.display != self.display:
            return None
        if _digest(_read_head(self.claims, self.claims_limit)) != self.claims_digest:
            return None  # the claims file changed during the run
        root, root_resolved = str(corpus.root), str(Path(corpus.root).resolve())
        limit = limits.value(limits.ARTICLE_BYTES)
        states: dict[str, list[Any]] = {}
        resolve = Resolver()
        for entry in corpus.sources.values():
            raw = entry.model.file
            if raw not in states:
                states[raw] = article_state(root, root_resolved, raw, limit, resolve)
        # Each article the run read must be there now as it was read (not edited meanwhile).
        read: set[str] = set()
        for sid, article in corpus.articles.items():
            entry = corpus.sources.get(sid)
            state = states.get(entry.model.file) if entry is not None else None
            if state is None or state[:2] != ["file", str(article.path)] or \
                    state[2] != _digest(article.text.encode("utf-8", "surrogatepass")):
                return None
            read.add(state[1])
        # A file the run refused (too large, not UTF-8) says nothing of its bytes: it must
        # not have changed since shortly before the run began.
        for state in states.values():
            if state[0] == "file" and state[1] not in read:
                info = os.stat(state[1])
                if max(info.st_mtime_ns, info.st_ctime_ns) >= self.started_ns - RACY_NS:
                    return None
        return root, root_resolved, states

    def _write(self, chunks: list[tuple[int, str]], output: str | None, exit_code: int,
               root: str, root_resolved: str, states: dict[str, list[Any]],
               inputs: Sequence[Path]) -> None:
        parts = [text.encode("utf-8", "surrogatepass") for _, text in chunks]
        written = output.encode("utf-8", "surrogatepass") if output is not None else None
        payload = b"".join(parts) + (written or b"")
        if len(payload) > MAX_BYTES // 2:
            return
        header = {"key": self.key, "exit": exit_code, "root": root,
                  "root_resolved": root_resolved,
                  "articles": sorted([raw, state] for raw, state in states.items()),
                  "inputs": [str(p) for p in inputs],
                  "chunks": [[fd, len(part)] for (fd, _), part in zip(chunks, parts,
                                                                        strict=True)],
                  "output": len(written) if written is not None else None,
                  "size": len(payload)}
        write_entry(self.key, MAGIC + json.dumps(header).encode("ascii") + b"\n" + payload)


def prune(folder: Path, keep: int | None = None, max_bytes: int | None = None) -> None:
    """Keep the `keep` (MAX_ENTRIES) most recently used entries of each kind (results,
    checked corpora), and no more than `max_bytes` (MAX_BYTES) of them in all; remove
    temporary files left by killed runs."""
    keep = MAX_ENTRIES if keep is None else keep
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    entries: list[tuple[int, int, str]] = []
    now = time.time()
    with os.scandir(folder) as found:
        for item in found:
            try:
                info = item.stat(follow_symlinks=False)
                if item.name.startswith(".tmp-"):
                    if now - info.st_mtime > STALE_TEMP_SECONDS:
                        os.unlink(item.path)
                elif item.name.endswith((SUFFIX, CHECKED_SUFFIX)) and \
                        stat.S_ISREG(info.st_mode):
                    entries.append((info.st_mtime_ns, info.st_size, item.path))
            except OSError:
                continue
    entries.sort(reverse=True)
    total = 0
    kept = {SUFFIX: 0, CHECKED_SUFFIX: 0}
    for index, (_, size, path) in enumerate(entries):
        total += size
        kind = SUFFIX if path.endswith(SUFFIX) else CHECKED_SUFFIX
        kept[kind] += 1
        if kept[kind] > keep or (index > 0 and total > max_bytes):
            with contextlib.suppress(OSError):
                os.unlink(path)


def prepare(command: str, claims: str | None, *, options: dict[str, Any], output: bool,
            terminal: bool) -> Pending | None:
    """The run's key, or None when it cannot be cached: the claims file cannot be read (the
    run reports why), is not a regular file, or is over its limit; a limit in the
    environment is malformed; the output is not UTF-8; text for a Windows console."""
    try:
        return _prepare(command, claims, options=options, output=output, terminal=terminal)
    except Exception:  # the run itself reports any problem with its input
        return None


def _prepare(command: str, claims: str | None, *, options: dict[str, Any], output: bool,
             terminal: bool) -> Pending | None:
    from mou_reconcile.corpus import limits
    from mou_reconcile.corpus.locate import locate

    limits.check_environment()
    found = locate(claims, sample=command != "check")
    if not stat.S_ISREG(os.stat(found.path).st_mode):  # a FIFO, a device: never cached
        return None
    if not (_utf8(sys.stdout) and _utf8(sys.stderr)):
        return None
    ttys = [_isatty(sys.stdout), _isatty(sys.stderr)]
    if sys.platform == "win32" and terminal and any(ttys):
        return None  # rich's legacy Windows console rendering depends on more than this
    limit = limits.value(limits.CLAIMS_BYTES)
    data = _read_head(found.path, limit)
    if len(data) > limit:
        return None
    env: dict[str, str | None] = {k: v for k, v in os.environ.items()
                                  if k.startswith(limits.PREFIX) and k not in NOT_KEYED}
    env.update({k: os.environ.get(k) for k in ENVIRONMENT})
    material = {
        "format": FORMAT, "version": __version__, "package": _package_files(),
        "dependencies": _dependencies(), "python": sys.version, "platform": sys.platform,
        "command": command, "options": options, "output": output,
        "claims": [str(found.path), os.path.abspath(found.path), found.display,
                   found.origin, _digest(data)],
        "cwd": os.getcwd(), "env": env, "ttys": ttys,
        "encodings": [getattr(s, "errors", None) for s in (sys.stdout, sys.stderr)],
        "terminal": _terminal_size() if terminal else None,
    }
    text = json.dumps(material, sort_keys=True, default=str)
    key = _digest(text.encode("utf-8", "surrogatepass"))
    # The checked corpus depends on the inputs, not on the command, its options or where
    # and how the output goes: `check` stores it, `report` on the same inputs reads it.
    for name in ("command", "options", "output", "ttys", "encodings", "terminal"):
        del material[name]
    material["env"] = {k: v for k, v in env.items() if k not in ENVIRONMENT}  # output's
    material["kind"] = "checked"
    text = json.dumps(material, sort_keys=True, default=str)
    checked_key = _digest(text.encode("utf-8", "surrogatepass"))
    return Pending(key, found.path, found.display, _digest(data), limit, checked_key)
