#!/usr/bin/env python3
"""Profile a command at two sizes and show how each function's cost grows.

    python benchmarks/profile.py report 1000 2000 [--exe PATH] [--top 30] [--py-spy]

Runs `mou-reconcile COMMAND --claims <corpus> --format json` under cProfile at both sizes
(corpora from benchmarks/generate.py, shared with benchmarks/run's --workdir), then lists the
functions by cumulative time at the larger size with: calls, own and cumulative seconds at
each size, share of the total, and the growth exponent k of cum ~ N^k (1: linear, 2:
quadratic). Functions with k > 1.3 and more than 2% of the time are marked. Call counts
are exact; times are wall time, so profile on a quiet machine (another job on a 2-core
machine moves k by +-0.3). cProfile's own overhead inflates functions of many small calls
(fold's per-character loop) about twofold. --py-spy samples instead (py-spy in the tool's
environment or on PATH): no call counts, but true shares, per function and per source line.
"""

from __future__ import annotations

import argparse
import math
import pstats
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench import scale, startup  # noqa: E402

_RUNNER = """
import cProfile, sys
from mou_reconcile.cli import main
sys.argv = ["mou-reconcile", *sys.argv[2:]]
profiler = cProfile.Profile()
try:
    profiler.runcall(main)
except SystemExit:
    pass
finally:
    profiler.dump_stats(OUT)
"""

Key = tuple[str, int, str]


def profile(python: str, command: str, corpus: Path, out: Path, env: dict[str, str]) -> None:
    code = _RUNNER.replace("OUT", repr(str(out)))
    args = [python, "-c", code, "x", command, "--claims", str(corpus), "--format", "json",
            "--output", str(out.with_suffix(".json"))]
    subprocess.run(args, env=env, check=True)


SPY_RATE = 200  # samples per second


def spy(python: str, command: str, corpus: Path, out: Path, env: dict[str, str]) -> None:
    exe = Path(python).parent / "py-spy"
    args = [str(exe) if exe.exists() else "py-spy", "record", "-r", str(SPY_RATE), "-f", "raw",
            "-o", str(out), "--", python, "-m", "mou_reconcile", command, "--claims",
            str(corpus), "--format", "json", "--output", str(out.with_suffix(".json"))]
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)


def spy_counts(path: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int], int]:
    """Inclusive and own samples per function, own samples per source line, and the total,
    from py-spy's collapsed stacks ("frame;frame;... count", a frame "name (file:line)")."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    lines: dict[str, int] = {}
    total = 0
    for row in path.read_text(encoding="utf-8").splitlines():
        stack, _, count_text = row.rpartition(" ")
        count = int(count_text)
        total += count
        frames = stack.split(";")
        names = [f.rsplit(":", 1)[0] + ")" if ":" in f else f for f in frames]
        for name in set(names):
            inclusive[name] = inclusive.get(name, 0) + count
        own[names[-1]] = own.get(names[-1], 0) + count
        lines[frames[-1]] = lines.get(frames[-1], 0) + count
    return inclusive, own, lines, total


def spy_table(small: Path, big: Path, n1: int, n2: int, top: int) -> list[str]:
    inc1, _, _, _ = spy_counts(small)
    inc2, own2, lines2, total = spy_counts(big)
    out = [f"{'function (file)':<72} {'cum s':>7} {'own s':>7} {'cum@'+str(n1):>9} "
           f"{'share':>6} {'k':>5}"]
    keys = sorted((k for k in inc2 if "mou_reconcile" in k or "yaml" in k or "json" in k),
                  key=lambda k: inc2[k], reverse=True)
    for k in keys[:top]:
        c2, c1 = inc2[k], inc1.get(k, 0)
        growth = math.log(c2 / c1) / math.log(n2 / n1) if c1 else math.nan
        flag = " <-- non-linear" if growth > 1.3 and c2 / total > 0.02 else ""
        out.append(f"{k[:72]:<72} {c2 / SPY_RATE:>7.2f} {own2.get(k, 0) / SPY_RATE:>7.2f} "
                   f"{c1 / SPY_RATE:>9.2f} {c2 / total:>6.1%} {growth:>5.2f}{flag}")
    out.append(f"\nhottest source lines at N={n2} (own samples)")
    for line, count in sorted(lines2.items(), key=lambda x: x[1], reverse=True)[:top // 2]:
        out.append(f"{line[:90]:<90} {count / SPY_RATE:>7.2f} {count / total:>6.1%}")
    return out


def _short(key: Key) -> str:
    file, line, name = key
    if "mou_reconcile" in file:
        file = "mou_reconcile/" + file.split("mou_reconcile/", 1)[1]
    elif "site-packages" in file:
        file = file.split("site-packages/", 1)[1]
    elif file.startswith("~") or file.startswith("<"):
        return name
    else:
        file = Path(file).name
    return f"{file}:{line}({name})"


def table(small: pstats.Stats, big: pstats.Stats, n1: int, n2: int, top: int,
          own_code_only: bool) -> list[str]:
    """Own code by cumulative time (where the time goes, top-down); everything by own time
    (which leaf functions burn it: folding, regexes, the YAML parser)."""
    s1, s2 = small.stats, big.stats  # type: ignore[attr-defined]
    total = max(v[3] for v in s2.values())
    keys = [k for k in s2 if not own_code_only or "mou_reconcile" in k[0]]
    column = 3 if own_code_only else 2
    keys.sort(key=lambda k: s2[k][column], reverse=True)
    lines = [f"{'function':<60} {'calls@'+str(n1):>11} {'calls@'+str(n2):>11} {'own s':>7} "
             f"{'cum s':>7} {'cum@'+str(n1):>9} {'share':>6} {'k':>5}"]
    for k in keys[:top]:
        _, nc2, tt2, ct2, _ = s2[k]
        nc1, ct1 = (s1[k][1], s1[k][3]) if k in s1 else (0, 0.0)
        growth = math.log(ct2 / ct1) / math.log(n2 / n1) if ct1 > 0 and ct2 > 0 else math.nan
        flag = " <-- non-linear" if growth > 1.3 and ct2 / total > 0.02 else ""
        lines.append(f"{_short(k)[:60]:<60} {nc1:>11,} {nc2:>11,} {tt2:>7.2f} {ct2:>7.2f} "
                     f"{ct1:>9.2f} {ct2 / total:>6.1%} {growth:>5.2f}{flag}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "report"])
    parser.add_argument("small", type=int)
    parser.add_argument("big", type=int)
    parser.add_argument("--exe", default=str(Path(sys.executable).parent / "mou-reconcile"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mou-reconcile-bench"))
    parser.add_argument("--py-spy", action="store_true", help="sample with py-spy instead")
    args = parser.parse_args()
    _, python = startup.tool_from(args.exe)
    env = {"MOU_RECONCILE_MAX_CLAIMS_BYTES": str(2**30), "PATH": "/usr/bin:/bin"}
    if args.py_spy:
        paths = []
        for n in (args.small, args.big):
            corpus = scale.corpus(args.workdir, n, args.seed, BENCH)
            out = args.workdir / f"spy-{args.command}-n{n}.txt"
            spy(python, args.command, corpus, out, env)
            paths.append(out)
        print(f"{args.command}: py-spy samples at {SPY_RATE}/s, by inclusive time at "
              f"N={args.big}")
        print("\n".join(spy_table(paths[0], paths[1], args.small, args.big, args.top)))
        return 0
    stats = []
    for n in (args.small, args.big):
        corpus = scale.corpus(args.workdir, n, args.seed, BENCH)
        out = args.workdir / f"profile-{args.command}-n{n}.prof"
        profile(python, args.command, corpus, out, env)
        stats.append(pstats.Stats(str(out)))
        print(f"profile written: {out}", file=sys.stderr)
    for own in (True, False):
        print(f"\n{args.command}: " + (f"mou_reconcile functions by cumulative time at "
              f"N={args.big}" if own else f"all functions by own time at N={args.big}"))
        print("\n".join(table(stats[0], stats[1], args.small, args.big, args.top, own)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
