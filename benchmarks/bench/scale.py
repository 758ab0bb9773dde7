"""Target 2 (scale) and 4 (nothing quadratic): cold `check` and `report --format json` on
generated corpora of growing size, against PyYAML's C composer reading the same claims file.

The baseline is `yaml.compose(text, Loader=yaml.CSafeLoader)`: the least any tool that
parses the file with PyYAML must spend. It runs in each round before the tool's commands,
and each figure is the median of its rounds, so drift hits both sides. A command whose predicted
time (a power law through the last two sizes) is over the timeout is not run: its figure is
that prediction, marked "est.".
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import verify
from bench.proc import Result, run
from bench.startup import Tool
from bench.table import Row, mib, ratio, seconds

COMPOSE = ("import sys, yaml; "
           "yaml.compose(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)")
GIB = 1024.0  # MiB
COMMANDS = ("check", "report")


@dataclass
class Timing:
    seconds: float
    rss_mib: float = 0.0
    estimated: bool = False


@dataclass
class Size:
    n: int
    claims: int
    compose: float
    runs: dict[str, Timing] = field(default_factory=dict)
    check: verify.CheckSummary | None = None
    report: verify.ReportSummary | None = None

    def total(self) -> Timing:
        parts = [self.runs[c] for c in COMMANDS]
        return Timing(sum(p.seconds for p in parts), max(p.rss_mib for p in parts),
                      any(p.estimated for p in parts))


def fingerprint(bench_dir: Path) -> str:
    """The generator's code: a corpus made by other code is made again."""
    digest = hashlib.sha256()
    for path in sorted([bench_dir / "generate.py", *(bench_dir / "synth").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus(workdir: Path, n: int, seed: int, bench_dir: Path) -> Path:
    from generate import generate  # benchmarks/ is on sys.path (the runner's folder)

    folder = workdir / f"corpus-n{n}-seed{seed}"
    stamp = folder / ".generator"
    want = fingerprint(bench_dir)
    if not (stamp.is_file() and stamp.read_text() == want):
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, folder, seed)
        stamp.write_text(want)
    return folder


def supports(tool: Tool, command: str, option: str, env: dict[str, str]) -> bool:
    """Whether `mou-reconcile COMMAND --help` lists an option (e.g. --no-cache)."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".txt") as out:
        run([tool.exe, command, "--help"], env=env, stdout=Path(out.name))
        return option in Path(out.name).read_text(encoding="utf-8", errors="replace")


def _predict(history: list[tuple[int, float]], n: int) -> float | None:
    """A power law through the last two (size, seconds) points, else linear from one."""
    if not history:
        return None
    if len(history) == 1:
        n1, t1 = history[0]
        return t1 * n / n1
    (n1, t1), (n2, t2) = history[-2:]
    k = max(1.0, math.log(t2 / t1) / math.log(n2 / n1))
    return float(t2 * (n / n2) ** k)


def measure(tool: Tool, sizes: list[int], seed: int, workdir: Path, bench_dir: Path,
            env: dict[str, str], timeout: float, log: Callable[[str], None],
            repeat: int = 3) -> list[Size]:
    """Each size: `repeat` rounds of compose, check, report, interleaved so that a slow
    spell of the machine weighs on the baseline and the commands alike; medians. A single
    run at 5% noise made a per-doubling figure flip between 2.1x and 2.2x."""
    no_cache = {c: supports(tool, c, "--no-cache", env) for c in COMMANDS}
    history: dict[str, list[tuple[int, float]]] = {c: [] for c in COMMANDS}
    peaks: dict[str, list[tuple[int, float]]] = {c: [] for c in COMMANDS}
    out: list[Size] = []
    for n in sizes:
        folder = corpus(workdir, n, seed, bench_dir)
        claims_file = folder / "claims.yaml"
        meta = json.loads((folder / "manifest.json").read_text())
        log(f"N={n:,}: {meta['claims']:,} claims, {claims_file.stat().st_size / 2**20:.1f} MiB"
            " claims file")
        size = Size(n, meta["claims"], 0.0)
        for command in COMMANDS:
            predicted = _predict(history[command], n)
            if predicted is not None and predicted > timeout:
                # Memory grows linearly here (one article, one claim at a time): scale the
                # last measured peak by the size.
                rss = peaks[command][-1][1] * n / peaks[command][-1][0]
                log(f"  {command}: predicted {predicted:,.0f} s > timeout {timeout:,.0f} s:"
                    f" not run, extrapolated (memory ~{rss:,.0f} MiB)")
                size.runs[command] = Timing(predicted, rss, True)
        composes: list[float] = []
        results: dict[str, list[Result]] = {c: [] for c in COMMANDS}
        for round_ in range(repeat):
            composes.append(run([tool.python, "-c", COMPOSE, str(claims_file)], env=env).seconds)
            for command in COMMANDS:
                if command in size.runs:  # extrapolated, or timed out in an earlier round
                    continue
                result_path = workdir / f"{command}-n{n}.json"
                args = [tool.exe, command, "--claims", str(folder), "--format", "json"]
                args += ["--no-cache"] if no_cache[command] else []
                result: Result = run(args, env=env, stdout=result_path, timeout=timeout)
                log(f"  {command} ({round_ + 1}/{repeat}): {result.wall:.1f} s wall,"
                    f" {result.cpu:.1f} s cpu, peak {result.max_rss_mib:,.0f} MiB, exit"
                    f" {result.returncode}{' (timed out)' if result.timed_out else ''}")
                if result.timed_out:
                    size.runs[command] = Timing(_predict(history[command], n) or timeout,
                                                0.0, True)
                    continue
                if result.returncode not in (0, 1):
                    raise RuntimeError(f"{command} at N={n} exited {result.returncode}:\n"
                                       f"{result.stderr[-2000:]}")
                results[command].append(result)
                if round_ == 0:  # every round writes the same answer
                    if command == "check":
                        size.check = verify.check_summary(result_path)
                    else:
                        size.report = verify.report_summary(result_path,
                                                            folder / "manifest.json")
        for command, done in results.items():
            if command not in size.runs and done:
                seconds = statistics.median(r.seconds for r in done)
                size.runs[command] = Timing(seconds, max(r.max_rss_mib for r in done))
                history[command].append((n, seconds))
                peaks[command].append((n, size.runs[command].rss_mib))
        size.compose = statistics.median(composes)
        log(f"  compose baseline: {size.compose:.2f} s (median of "
            + ", ".join(f"{c:.2f}" for c in composes) + ")")
        out.append(size)
    return out


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def rows(sizes: list[Size], target_n: int = 10_000) -> list[Row]:
    out: list[Row] = []
    for s in sizes:
        total = s.total()
        at_target = s.n == target_n
        r = total.seconds / s.compose
        est = "est." if total.estimated else ""
        out.append(Row("2 scale", f"N={_k(s.n)} ({s.claims:,} claims): check + report json",
                       seconds(total.seconds), f"CSafeLoader compose {seconds(s.compose)}",
                       ratio(r), "<= 1.50x" if at_target else "", r <= 1.5 if at_target
                       else None, est))
        for c in COMMANDS:
            t = s.runs[c]
            out.append(Row("2 scale", f"N={_k(s.n)}: {c}" + (" --format json"),
                           seconds(t.seconds), f"compose {seconds(s.compose)}",
                           ratio(t.seconds / s.compose), note="est." if t.estimated else ""))
        peak = max(s.runs[c].rss_mib for c in COMMANDS)
        out.append(Row("2 scale", f"N={_k(s.n)}: peak memory (max of the two)", mib(peak),
                       limit="< 2 GiB" if at_target else "",
                       ok=(peak < 2 * GIB) if at_target else None,
                       note="est." if total.estimated else ""))
        if s.check is not None:
            found = s.check
            out.append(Row("2 scale", f"N={_k(s.n)}: check finds the corpus clean",
                           f"{found.errors} errors, {found.warnings} warnings, {found.infos} "
                           f"info; {found.quotes_found:,}/{found.claims:,} quotes found",
                           limit="0 errors", ok=found.errors == 0))
        if s.report is not None:
            p = s.report
            out.append(Row("2 scale", f"N={_k(s.n)}: planted discrepancies found",
                           f"{p.found}/{p.planted}; {len(p.false_alarms)} false alarms",
                           limit="all, none false", ok=not p.missed and not p.false_alarms))
            out.append(Row("2 scale", f"N={_k(s.n)}: copies linked (independence)",
                           f"{p.copies_found}/{p.copies}; {p.unexpected_links} unexpected",
                           ok=None))
    out += doubling_rows(sizes)
    return out


def doubling_rows(sizes: list[Size]) -> list[Row]:
    """Cost of doubling N between consecutive sizes: (t2/t1) ** (1 / log2(n2/n1))."""
    out: list[Row] = []
    for a, b in itertools.pairwise(sizes):
        steps = math.log2(b.n / a.n)
        for label, ta, tb in (("check + report", a.total(), b.total()),
                              ("check", a.runs["check"], b.runs["check"]),
                              ("report", a.runs["report"], b.runs["report"])):
            per = (tb.seconds / ta.seconds) ** (1 / steps)
            target = "2 scale" if label == "check + report" else "4 linear"
            out.append(Row(target, f"N={_k(a.n)} -> {_k(b.n)}: {label}, cost per doubling",
                           ratio(per), f"{seconds(ta.seconds)} -> {seconds(tb.seconds)}",
                           limit="<= 2.20x", ok=per <= 2.2,
                           note="est." if ta.estimated or tb.estimated else ""))
    return out
