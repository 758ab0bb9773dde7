"""Target 3, warm runs: an unchanged re-run answered from the content-addressed cache.

Works once `report` has `--no-cache` (found in its --help); until then the rows say "not
implemented". The cache lives in the user's cache folder, so the runner points
XDG_CACHE_HOME at a fresh folder of its own: the figures never depend on an earlier run, and
no user's cache is touched. Beyond speed, it checks what a cache must never do: answer
differently from a cold run, or keep answering after an article changed under it. And, as
CI runs them, `check` then `report`: the report reads the check `check` stored.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from bench.proc import run
from bench.scale import supports
from bench.startup import Tool
from bench.table import Row, ratio, seconds


def rows(tool: Tool, folder: Path | None, n: int, workdir: Path,
         env: dict[str, str], log: Callable[[str], None]) -> list[Row]:
    label = f"N={n:,}" if folder else "no size finished"
    if not supports(tool, "report", "--no-cache", env) or folder is None:
        why = "not implemented (report has no --no-cache)" if folder else "no corpus ran"
        return [Row("3 cache", f"{label}: warm re-run vs cold (--no-cache)", why,
                    limit=">= 10x faster", ok=False),
                Row("3 cache", f"{label}: never stale (warm = cold; edited article re-read)",
                    why, limit="both", ok=False)]
    cache_home = workdir / "xdg-cache"
    shutil.rmtree(cache_home, ignore_errors=True)
    cache_home.mkdir(parents=True)
    env = dict(env, XDG_CACHE_HOME=str(cache_home))
    base = [tool.exe, "report", "--claims", str(folder), "--format", "json"]
    outs = {k: workdir / f"cache-{k}.json" for k in ("cold", "first", "warm", "edited",
                                                       "edited-cold")}
    cold = run([*base, "--no-cache"], env=env, stdout=outs["cold"])
    check = run([tool.exe, "check", "--claims", str(folder), "--format", "json"], env=env,
                stdout=workdir / "cache-check.json")  # stores the checked corpus
    first = run(base, env=env, stdout=outs["first"])  # reads it; fills the cache
    warm = run(base, env=env, stdout=outs["warm"])
    log(f"cache: cold {cold.seconds:.1f} s, check {check.seconds:.1f} s, report after it "
        f"{first.seconds:.1f} s, warm {warm.seconds:.2f} s")
    speedup = cold.seconds / warm.seconds
    same = outs["warm"].read_bytes() == outs["cold"].read_bytes()
    reused = outs["first"].read_bytes() == outs["cold"].read_bytes()
    stored = sum(p.stat().st_size for p in cache_home.rglob("*") if p.is_file())
    # Cut one article to its headline: its quotes are gone, so the report must change.
    article = next((folder / "articles").rglob("*.txt"))
    original = article.read_bytes()
    try:
        article.write_bytes(original.split(b"\n", 1)[0] + b"\n")
        run(base, env=env, stdout=outs["edited"])
        run([*base, "--no-cache"], env=env, stdout=outs["edited-cold"])
    finally:
        article.write_bytes(original)
    fresh = outs["edited"].read_bytes() == outs["edited-cold"].read_bytes()
    return [
        Row("3 cache", f"{label}: warm re-run vs cold (--no-cache)", seconds(warm.seconds),
            f"cold {seconds(cold.seconds)}", ratio(speedup) + " faster", ">= 10x faster",
            speedup >= 10),
        Row("3 cache", f"{label}: report after check (reads its stored check) vs cold",
            seconds(first.seconds), f"cold {seconds(cold.seconds)}",
            ratio(cold.seconds / first.seconds) + " faster", "faster, same bytes",
            reused and first.seconds < cold.seconds),
        Row("3 cache", f"{label}: never stale (warm = cold; edited article re-read)",
            f"warm {'identical' if same else 'DIFFERENT'}; edited: "
            f"{'fresh' if fresh else 'STALE'}", limit="both", ok=same and fresh),
        Row("3 cache", f"{label}: cache written under $XDG_CACHE_HOME",
            f"{stored / 2**20:.1f} MiB" if stored else "nothing written", ok=None),
    ]
