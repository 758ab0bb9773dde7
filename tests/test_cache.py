"""The result cache: a warm run prints what the cold one did, and never a stale answer.

conftest.py turns the cache off for the rest of the suite (and points it at a folder of the
session's own); its `cache` fixture turns it on, in a folder of the test's own. A hit is
told from a miss by counting the pipeline's calls: a hit never loads the claims file.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, REPO, Run, same
from mou_reconcile.cli import cache as cache_module
from mou_reconcile.cli import checkcache
from mou_reconcile.corpus import paths

Cli = Callable[..., Run]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch, checks: list[str]) -> list[str]:
    """The claims files the pipeline checked or read the stored check of: one per run whose
    answer the cache did not replay."""
    real = checkcache.lookup

    def counted(pending: cache_module.Pending) -> Any:
        found = real(pending)
        if found is not None:
            checks.append(str(pending.claims))
        return found

    monkeypatch.setattr(checkcache, "lookup", counted)
    return checks


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.entry")) if folder.is_dir() else []


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_a_warm_run_prints_what_the_cold_run_did(cli: Cli, cache: Path, loads: list[str],
                                                 story: Path, command: str, fmt: str) -> None:
    args = [command, "--claims", str(story), "--format", fmt]
    cold = cli(*args, "--no-cache")
    first = cli(*args)
    warm = cli(*args)
    assert len(loads) == 2  # --no-cache and the first run; the third is a hit
    same(cold, first)
    same(cold, warm)
    assert len(entries(cache)) == 1


@pytest.mark.parametrize("args", [
    ["explain", "pk-cn-it-mous-2025.agreement_count"],
    ["diff", "pm-beijing", "jwg-dec22", "--quotes"],
    ["sources", "--format", "json"],
    ["matrix", "--disputed"],
    ["timeline"],
], ids=lambda a: a[0])
def test_the_read_only_views_are_cached_too(cli: Cli, cache: Path, loads: list[str],
                                           story: Path, args: list[str]) -> None:
    cold = cli(*args, "--claims", str(story), "--no-cache")
    cli(*args, "--claims", str(story))
    warm = cli(*args, "--claims", str(story))
    assert cold.exit_code == 0, cold.stderr
    same(cold, warm)
    assert len(loads) == 2


def test_exit_code_and_stderr_are_replayed(cli: Cli, cache: Path, loads: list[str],
                                           tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(CASES / "quote-not-found", folder)
    cold = cli("check", "--claims", str(folder), "--no-cache")
    assert cold.exit_code == 1
    cli("check", "--claims", str(folder))
    same(cold, cli("check", "--claims", str(folder)))
    # a note on stderr (the first error), with output on stdout
    cold = cli("sources", "--claims", str(folder), "--no-cache")
    assert cold.stderr and cold.stdout
    cli("sources", "--claims", str(folder))
    same(cold, cli("sources", "--claims", str(folder)))
    assert len(loads) == 4


def test_the_sample_corpus_note_is_replayed(cli: Cli, cache: Path, loads: list[str],
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no data/claims.yaml here: the shipped sample is used
    cold = cli("report", "--format", "json", "--no-cache")
    assert "sample corpus" in cold.stderr
    cli("report", "--format", "json")
    same(cold, cli("report", "--format", "json"))
    assert len(loads) == 2


def test_output_file_gets_the_same_content(cli: Cli, cache: Path, loads: list[str],
                                           story: Path, tmp_path: Path) -> None:
    cold_file, warm_file = tmp_path / "cold.md", tmp_path / "warm.md"
    cold = cli("report", "--claims", str(story), "--format", "markdown", "--output",
               str(cold_file), "--no-cache")
    cli("report", "--claims", str(story), "--format", "markdown", "--output", str(warm_file))
    warm_file.unlink()
    warm = cli("report", "--claims", str(story), "--format", "markdown", "--output",
               str(warm_file))
    same(cold, warm)
    assert len(loads) == 2
    assert warm_file.read_bytes() == cold_file.read_bytes()
    # The refusal to overwrite an input holds on a hit too, with the same message.
    article = story / "articles" / "huawei-statement.txt"
    original = article.read_bytes()
    refused = cli("report", "--claims", str(story), "--format", "markdown", "--output",
                  str(article))
    assert len(loads) == 2  # answered from the cache
    assert refused.exit_code == 2 and "cannot write" in refused.stderr
    same(refused, cli("report", "--claims", str(story), "--format", "markdown", "--output",
                      str(article), "--no-cache"))
    assert article.read_bytes() == original


def _fresh(cli: Cli, args: list[str], loads: list[str], change: Callable[[], None]) -> Run:
    """Fill the cache, change something, and check the next run is computed anew and equals
    a --no-cache run; returns it."""
    cli(*args)
    cli(*args)
    before = len(loads)
    change()
    warm = cli(*args)
    assert len(loads) == before + 1, "answered from the cache after a change"
    same(warm, cli(*args, "--no-cache"))
    again = cli(*args)
    assert len(loads) == before + 2  # the new answer was stored, and is used
    same(warm, again)
    return warm


def test_an_edited_article_is_read_again(cli: Cli, cache: Path, loads: list[str],
                                         story: Path) -> None:
    args = ["report", "--claims", str(story), "--format", "json"]
    old = cli(*args)
    article = next((story / "articles").glob("*.txt"))
    text = article.read_bytes()
    new = _fresh(cli, args, loads,
                 lambda: article.write_bytes(text.split(b"\n", 1)[0] + b"\n"))
    assert new.stdout != old.stdout
    # and back: the entry was replaced, so the old answer is computed again too
    _fresh(cli, args, loads, lambda: article.write_bytes(text))


def test_an_edited_claims_file_is_read_again(cli: Cli, cache: Path, loads: list[str],
                                             story: Path) -> None:
    args = ["check", "--claims", str(story / "claims.yaml"), "--format", "json"]
    claims = story / "claims.yaml"
    old = cli(*args)
    new = _fresh(cli, args, loads, lambda: claims.write_text(
        claims.read_text(encoding="utf-8").replace('quote: "', 'quote: "not ', 1),
        encoding="utf-8"))
    assert new.stdout != old.stdout


def test_a_deleted_article_and_a_new_one(cli: Cli, cache: Path, loads: list[str],
                                         story: Path) -> None:
    args = ["check", "--claims", str(story), "--format", "json"]
    article = next((story / "articles").glob("*.txt"))
    text = article.read_bytes()
    gone = _fresh(cli, args, loads, article.unlink)
    assert "MR" in gone.stdout and gone.exit_code == 1
    back = _fresh(cli, args, loads, lambda: article.write_bytes(text))  # was missing
    assert back.exit_code == 0


def test_an_article_replaced_by_a_folder_or_a_link(cli: Cli, cache: Path, loads: list[str],
                                                   story: Path) -> None:
    args = ["check", "--claims", str(story), "--format", "json"]
    article = next((story / "articles").glob("*.txt"))
    text = article.read_bytes()
    moved = story / "elsewhere.txt"

    def to_folder() -> None:
        article.unlink()
        article.mkdir()

    def to_link() -> None:  # same bytes, through a symbolic link: a different file
        article.rmdir()
        moved.write_bytes(text)
        article.symlink_to(moved)

    _fresh(cli, args, loads, to_folder)
    _fresh(cli, args, loads, to_link)


def test_a_changed_limit_or_option_gives_a_fresh_answer(cli: Cli, cache: Path,
                                                        loads: list[str], story: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["report", "--claims", str(story), "--format", "json"]
    _fresh(cli, args, loads, lambda: monkeypatch.setenv("MOU_RECONCILE_MAX_QUOTE_CHARS", "20"))
    cli(*args, "--min-severity", "error")
    assert len(loads) == 4
    cli(*args, "--fail-on", "error")
    assert len(loads) == 5
    cli("report", "--claims", str(story), "--format", "markdown")
    assert len(loads) == 6
    monkeypatch.setenv("COLUMNS", "60")  # text is laid out to the width
    cli("report", "--claims", str(story))
    cli("report", "--claims", str(story))
    monkeypatch.setenv("COLUMNS", "120")
    wide = cli("report", "--claims", str(story))
    assert len(loads) == 8
    same(wide, cli("report", "--claims", str(story), "--no-cache"))


def test_no_cache_neither_reads_nor_writes(cli: Cli, cache: Path, loads: list[str],
                                           story: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["report", "--claims", str(story), "--format", "json"]
    cli(*args, "--no-cache")
    assert not cache.exists()
    cli(*args)
    assert len(entries(cache)) == 1
    stamp = entries(cache)[0].stat().st_mtime_ns
    os.utime(entries(cache)[0], ns=(stamp - 10**9, stamp - 10**9))
    cli(*args, "--no-cache")
    monkeypatch.setenv("MOU_RECONCILE_NO_CACHE", "1")
    cli(*args)
    assert len(loads) == 4
    assert entries(cache)[0].stat().st_mtime_ns == stamp - 10**9  # not even touched


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip-payload", "empty"])
def test_a_damaged_entry_is_a_miss(cli: Cli, cache: Path, loads: list[str], story: Path,
                                   damage: str) -> None:
    args = ["report", "--claims", str(story), "--format", "json"]
    cold = cli(*args)
    (entry,) = entries(cache)
    data = entry.read_bytes()
    entry.write_bytes({"truncate": data[:len(data) // 2], "garbage": os.urandom(300),
                       "flip-payload": data[:-3] + bytes([data[-3] ^ 1]) + data[-2:],
                       "empty": b""}[damage])
    same(cold, cli(*args))
    assert len(loads) == 2
    assert entry.read_bytes() == data  # replaced by a good one
    same(cold, cli(*args))
    assert len(loads) == 2


def test_an_unwritable_cache_folder_means_no_caching(cli: Cli, loads: list[str], story: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOU_RECONCILE_NO_CACHE", raising=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for folder in (blocker, blocker / "cache"):  # (a read-only folder: root writes anyway)
        monkeypatch.setenv("MOU_RECONCILE_CACHE_DIR", str(folder))
        args = ["report", "--claims", str(story), "--format", "json"]
        cold = cli(*args, "--no-cache")
        same(cold, cli(*args))
        same(cold, cli(*args))
    assert len(loads) == 6
    assert blocker.read_text() == "not a folder"


def test_unreadable_input_is_not_cached(cli: Cli, cache: Path, story: Path) -> None:
    assert cli("check", "--claims", str(story / "nope.yaml")).exit_code == 2
    assert cli("explain", "no-such-fact", "--claims", str(story)).exit_code == 2
    assert cli("diff", "pm-beijing", "pm-beijing", "--claims", str(story)).exit_code == 2
    assert entries(cache) == []


def test_the_folder_is_bounded(cli: Cli, cache: Path, story: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    for width in range(60, 66):
        monkeypatch.setenv("COLUMNS", str(width))
        cli("report", "--claims", str(story))
    assert len(entries(cache)) == 3
    assert len(list(cache.glob("*.checked"))) == 1  # counted apart: one per input
    sizes = [p.stat().st_size for p in cache.iterdir()]
    cache_module.prune(cache, keep=10, max_bytes=sum(sizes) - 1)  # the newest always stays
    assert len(list(cache.iterdir())) == 3
    (cache / ".tmp-left-by-a-killed-run.entry").write_text("x")
    os.utime(cache / ".tmp-left-by-a-killed-run.entry", (0, 0))
    cache_module.prune(cache)
    assert not (cache / ".tmp-left-by-a-killed-run.entry").exists()


def test_the_entry_is_json_headed_and_names_its_inputs(cli: Cli, cache: Path,
                                                       story: Path) -> None:
    cli("check", "--claims", str(story), "--format", "json")
    (entry,) = entries(cache)
    data = entry.read_bytes()
    assert data.startswith(cache_module.MAGIC)
    header = json.loads(data[len(cache_module.MAGIC):data.index(b"\n", len(cache_module.MAGIC))])
    states = dict((raw, state) for raw, state in header["articles"])
    assert len(states) == 5 and all(s[0] == "file" for s in states.values())


def test_the_key_covers_the_tool_itself(monkeypatch: pytest.MonkeyPatch, story: Path) -> None:
    def key() -> str:
        pending = cache_module.prepare("check", str(story), options={}, output=False,
                                       terminal=False)
        assert pending is not None
        return pending.key

    first = key()
    assert key() == first
    files = cache_module._package_files()
    monkeypatch.setattr(cache_module, "_package_files", lambda: [*files, ["new.py", 1, 1]])
    assert key() != first
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    assert key() != first


def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MOU_RECONCILE_CACHE_DIR", str(tmp_path / "x"))
    assert cache_module.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("MOU_RECONCILE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.cache_dir() == tmp_path / "xdg" / "mou-reconcile"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = {"darwin": Path("Library/Caches/mou-reconcile"),
                "win32": Path("AppData/Local/mou-reconcile/Cache")}
    if os.name == "posix":
        rel = expected.get(cache_module.sys.platform, Path(".cache/mou-reconcile"))
        assert cache_module.cache_dir() == tmp_path / "home" / rel


@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 50])
def test_files_are_hashed_as_the_loader_reads_them(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(os.urandom(size))
    with path.open("rb") as handle:
        assert cache_module._read_head(path, 10) == handle.read(11)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_the_resolver_agrees_with_realpath(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("x")
    (tmp_path / "a" / "link").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "a" / "flink.txt").symlink_to(tmp_path / "a" / "b" / "f.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a" / "loop")
    (tmp_path / "a" / "up").symlink_to("..")
    resolve = paths.Resolver()
    names = ["b/f.txt", "link/f.txt", "flink.txt", "loop", "loop/f.txt", "missing/f.txt",
             "b/../b/f.txt", "up/a/b/f.txt", "b/f.txt/x", "..", ".", "b/", "link/../f.txt"]
    for _ in range(2):  # the second time from the resolver's folder cache
        for name in names:
            path = os.path.join(str(tmp_path / "a"), name)
            assert resolve(path) == os.path.realpath(path), name


# -- issue 21: the whole entry is sealed; only regular files are read ------------------------

def test_a_flipped_header_byte_never_replays_a_wrong_exit_code(
        cli: Cli, cache: Path, loads: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(CASES / "quote-not-found", folder)
    args = ["check", "--claims", str(folder), "--format", "json"]
    cold = cli(*args)
    assert cold.exit_code == 1
    (entry,) = entries(cache)
    data = entry.read_bytes()
    assert b'"exit": 1' in data
    entry.write_bytes(data.replace(b'"exit": 1', b'"exit": 0'))  # the digest is not updated
    same(cold, cli(*args))
    assert len(loads) == 2  # a miss: the run was done again
    assert entry.read_bytes() == data


def test_a_damaged_entry_is_removed(cache: Path, story: Path) -> None:
    pending = cache_module.prepare("check", str(story), options={}, output=False,
                                   terminal=False)
    assert pending is not None
    cache.mkdir()
    pending.file().write_bytes(cache_module.MAGIC + b'{"key": "x"}\n' + b"0" * 40)
    assert pending.lookup() is None
    assert not pending.file().exists()


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_an_entry_that_is_not_a_regular_file_is_ignored(cache: Path, story: Path,
                                                        tmp_path: Path, kind: str) -> None:
    import subprocess
    import sys

    args = ["check", "--claims", str(story), "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MOU_RECONCILE_CACHE_DIR": str(cache)}
    env.pop("MOU_RECONCILE_NO_CACHE", None)

    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "mou_reconcile", *args], env=env,
                              capture_output=True, timeout=60, check=False)

    cold = run()
    (entry,) = entries(cache)
    good = entry.read_bytes()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "symlink":
        real = tmp_path / "elsewhere.entry"
        real.write_bytes(good)
        entry.symlink_to(real)
    else:
        entry.mkdir()
    warm = run()  # bounded: a FIFO read would hang here
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)


def test_a_claims_fifo_without_a_writer_is_refused_not_waited_for(tmp_path: Path) -> None:
    import subprocess
    import sys

    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for cached in ("1", "0"):
        env["MOU_RECONCILE_NO_CACHE"] = cached
        env["MOU_RECONCILE_CACHE_DIR"] = str(tmp_path / "cache")
        run = subprocess.run([sys.executable, "-m", "mou_reconcile", "check", "--claims",
                              str(fifo)], env=env, capture_output=True, text=True, timeout=30,
                             check=False)
        assert run.returncode == 2
        assert "named pipe (FIFO) with nothing writing to it" in run.stderr


@pytest.mark.parametrize("where", ["a-file", "a-file/below", "read-only", "dangling"])
def test_a_bad_cache_folder_never_crashes(cli: Cli, loads: list[str], story: Path,
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          where: str) -> None:
    monkeypatch.delenv("MOU_RECONCILE_NO_CACHE", raising=False)
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "read-only").mkdir(mode=0o500)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere" / "at-all")
    monkeypatch.setenv("MOU_RECONCILE_CACHE_DIR", str(tmp_path / where))
    args = ["report", "--claims", str(story), "--format", "json"]
    cold = cli(*args, "--no-cache")
    same(cold, cli(*args))
    same(cold, cli(*args))
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_a_pipe_with_a_writer_is_still_read(tmp_path: Path) -> None:
    # `--claims <(command)`: the shell passes a pipe whose writer is there; it is read.
    import subprocess
    import sys

    read, write = os.pipe()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MOU_RECONCILE_NO_CACHE": "1"}
    try:
        proc = subprocess.Popen([sys.executable, "-m", "mou_reconcile", "check", "--claims",
                                 f"/dev/fd/{read}"], env=env, pass_fds=(read,),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        os.close(read)
        time.sleep(0.5)  # the command waits for the data
        os.write(write, (CASES / "ferry-fire" / "claims.yaml").read_bytes())
    finally:
        os.close(write)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 1, err  # read: the articles are not beside it
    assert "FIFO" not in err
