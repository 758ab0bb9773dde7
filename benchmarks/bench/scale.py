"""Target 2 (scale) and 4 (nothing quadratic): cold `check` and `report --format json` on
generated corpora of growing size and of each shape mix (synth/shape.py), against PyYAML's
C composer reading the same claims file.

The baseline is `yaml.compose(text, Loader=yaml.CSafeLoader)` with Python's garbage
collector off, as the tool runs: the least any tool that parses the file with PyYAML must
spend (with the collector on, most of compose's time is the collector's). A plain read of
the file is printed beside it. Both run in each round before the tool's commands, and each
figure is the median of its rounds, so drift hits both sides. A command whose predicted
time (a power law through the last two sizes) is over the timeout is not run: its figure is
that prediction, marked "est.". Per-stage costs come from bench/stages.py, once per size.

`check` and `report` each run cold (`--no-cache`): the work itself. Each round also runs
them as CI does, one after the other with the cache on in an empty folder: `check` stores
its checked corpus, `report` reads it back instead of checking again. That pair is the
"check + report" target; its report must print the same bytes as the cold one.
"""

from __future__ import annotations

import filecmp
import hashlib
import itertools
import json
import math
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import stages, verify
from bench.proc import Result, run
from bench.startup import Tool
from bench.table import Row, mib, ratio, seconds

COMPOSE = ("import gc, sys, yaml; gc.disable(); "
           "yaml.compose(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)")
READ = "import sys; open(sys.argv[1], encoding='utf-8').read()"
GIB = 1024.0  # MiB
COMMANDS = ("check", "report")
CHECK_LIMIT = 2.0  # x compose, at the target size
BOTH_LIMIT = 3.0  # check + report, x compose
PEAK_LIMIT = 1.0 * GIB
DOUBLING_LIMIT = 2.1
HTML_CLAIMS = 20_000  # the HTML report is measured at this size
HTML_BYTES = 10 * 10**6
HTML_SECONDS = 3.0


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
    mix: str = "default"
    read: float = 0.0
    runs: dict[str, Timing] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    html: tuple[float, int] | None = None  # (seconds, bytes) of report --format html
    ci: dict[str, Timing] = field(default_factory=dict)  # check, then report, cache shared
    ci_same: bool | None = None  # the report after check printed the cold report's bytes
    check: verify.CheckSummary | None = None
    report: verify.ReportSummary | None = None

    def total(self) -> Timing:
        """check + report, both cold: the work, for the per-doubling figures."""
        parts = [self.runs[c] for c in COMMANDS]
        return Timing(sum(p.seconds for p in parts), max(p.rss_mib for p in parts),
                      any(p.estimated for p in parts))

    def ci_total(self) -> Timing:
        """check then report as CI runs them (the report reusing the check); without that
        run (a tool with no cache, or a size too slow to run), both cold."""
        if set(self.ci) != set(COMMANDS):
            return self.total()
        parts = list(self.ci.values())
        return Timing(sum(p.seconds for p in parts), max(p.rss_mib for p in parts))


def fingerprint(bench_dir: Path) -> str:
    """The generator's code: a corpus made by other code is made again."""
    digest = hashlib.sha256()
    for path in sorted([bench_dir / "generate.py", *(bench_dir / "synth").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus(workdir: Path, n: int, seed: int, bench_dir: Path, mix: str = "default") -> Path:
    from generate import generate  # benchmarks/ is on sys.path (the runner's folder)
    from synth.shape import MIXES

    folder = workdir / (f"corpus-n{n}-seed{seed}" + ("" if mix == "default" else f"-{mix}"))
    stamp = folder / ".generator"
    want = fingerprint(bench_dir)
    if not (stamp.is_file() and stamp.read_text() == want):
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, folder, seed, MIXES[mix])
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
            repeat: int = 3, mix: str = "default") -> list[Size]:
    """Each size: `repeat` rounds of compose, check, report, interleaved so that a slow
    spell of the machine weighs on the baseline and the commands alike; medians. A single
    run at 5% noise made a per-doubling figure flip between 2.1x and 2.2x."""
    no_cache = {c: supports(tool, c, "--no-cache", env) for c in COMMANDS}
    history: dict[str, list[tuple[int, float]]] = {c: [] for c in COMMANDS}
    peaks: dict[str, list[tuple[int, float]]] = {c: [] for c in COMMANDS}
    out: list[Size] = []
    for n in sizes:
        folder = corpus(workdir, n, seed, bench_dir, mix)
        claims_file = folder / "claims.yaml"
        meta = json.loads((folder / "manifest.json").read_text())
        log(f"{mix} N={n:,}: {meta['claims']:,} claims, "
            f"{claims_file.stat().st_size / 2**20:.1f} MiB claims file")
        size = Size(n, meta["claims"], 0.0, mix)
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
        reads: list[float] = []
        results: dict[str, list[Result]] = {c: [] for c in COMMANDS}
        ci_runs: dict[str, list[Result]] = {c: [] for c in COMMANDS}
        for round_ in range(repeat):
            composes.append(run([tool.python, "-c", COMPOSE, str(claims_file)], env=env).seconds)
            reads.append(run([tool.python, "-c", READ, str(claims_file)], env=env).seconds)
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
            if all(no_cache.values()) and not any(c in size.runs for c in COMMANDS):
                same = _ci_round(tool, folder, workdir, n, env, timeout, ci_runs)
                size.ci_same = same if size.ci_same is None else size.ci_same and same
        for command, done in results.items():
            if command not in size.runs and done:
                seconds = statistics.median(r.seconds for r in done)
                size.runs[command] = Timing(seconds, max(r.max_rss_mib for r in done))
                history[command].append((n, seconds))
                peaks[command].append((n, size.runs[command].rss_mib))
        if all(ci_runs.values()):
            size.ci = {c: Timing(statistics.median(r.seconds for r in done),
                                 max(r.max_rss_mib for r in done))
                       for c, done in ci_runs.items()}
        size.compose = statistics.median(composes)
        size.read = statistics.median(reads)
        log(f"  compose baseline (collector off): {size.compose:.2f} s (median of "
            + ", ".join(f"{c:.2f}" for c in composes) + f"); read {size.read:.3f} s")
        if "report" in size.runs and size.runs["report"].estimated:
            pass  # too slow to run again stage by stage
        else:
            size.stages = stages.measure(tool.python, claims_file, env)
            log("  stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in size.stages.items()))
        if size.claims == HTML_CLAIMS:
            html_path = workdir / f"report-n{n}-{mix}.html"
            args = [tool.exe, "report", "--claims", str(folder), "--format", "html",
                    "--output", str(html_path)]
            args += ["--no-cache"] if no_cache["report"] else []
            html = run(args, env=env, timeout=timeout)
            size.html = (html.seconds if not html.timed_out else timeout,
                         html_path.stat().st_size if html_path.exists() else 0)
            log(f"  report --format html: {html.wall:.1f} s wall, {html.cpu:.1f} s cpu,"
                f" {size.html[1] / 1e6:.1f} MB")
        out.append(size)
    return out


def _ci_round(tool: Tool, folder: Path, workdir: Path, n: int, env: dict[str, str],
              timeout: float, into: dict[str, list[Result]]) -> bool:
    """`check` then `report --format json` with the cache on, in an emptied cache folder;
    whether the report printed what the cold one did."""
    cache = workdir / "ci-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    ci_env = {**env, "MOU_RECONCILE_CACHE_DIR": str(cache)}
    for command in COMMANDS:
        out = workdir / f"ci-{command}-n{n}.json"
        args = [tool.exe, command, "--claims", str(folder), "--format", "json"]
        result = run(args, env=ci_env, stdout=out, timeout=timeout)
        if result.timed_out or result.returncode not in (0, 1):
            return False
        into[command].append(result)
    return filecmp.cmp(workdir / f"ci-report-n{n}.json", workdir / f"report-n{n}.json",
                       shallow=False)


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def rows(sizes: list[Size], target_n: int = 10_000) -> list[Row]:
    out: list[Row] = []
    for s in sizes:
        total = s.total()
        at_target = s.n == target_n
        est = "est." if total.estimated else ""
        tag = f"{s.mix} N={_k(s.n)}"
        base = f"compose {seconds(s.compose)}"
        out.append(Row("2 scale", f"{tag} ({s.claims:,} claims): baselines",
                       f"compose (collector off) {seconds(s.compose)}",
                       f"read {seconds(s.read)}"))
        check = s.runs["check"]
        r = check.seconds / s.compose
        out.append(Row("2 scale", f"{tag}: check --format json", seconds(check.seconds), base,
                       ratio(r), f"<= {CHECK_LIMIT:.2f}x" if at_target else "",
                       r <= CHECK_LIMIT if at_target else None,
                       "est." if check.estimated else ""))
        t = s.runs["report"]
        out.append(Row("2 scale", f"{tag}: report --format json", seconds(t.seconds), base,
                       ratio(t.seconds / s.compose), note="est." if t.estimated else ""))
        r = total.seconds / s.compose
        judged = at_target and not s.ci  # else the pair as CI runs them is judged
        out.append(Row("2 scale", f"{tag}: check + report json, both cold",
                       seconds(total.seconds), base, ratio(r),
                       f"<= {BOTH_LIMIT:.2f}x" if judged else "",
                       r <= BOTH_LIMIT if judged else None, est))
        both = s.ci_total()
        if s.ci:
            r = both.seconds / s.compose
            ci = s.ci
            out.append(Row("2 scale", f"{tag}: check + report json as CI runs them",
                           f"{seconds(both.seconds)} (check {seconds(ci['check'].seconds)} "
                           f"storing, report {seconds(ci['report'].seconds)} reusing it)",
                           base, ratio(r), f"<= {BOTH_LIMIT:.2f}x" if at_target else "",
                           r <= BOTH_LIMIT if at_target else None))
            out.append(Row("2 scale", f"{tag}: report after check = cold report",
                           "same bytes" if s.ci_same else "DIFFERENT", limit="same",
                           ok=bool(s.ci_same)))
        peak = max([s.runs[c].rss_mib for c in COMMANDS] + [t.rss_mib for t in s.ci.values()])
        out.append(Row("2 scale", f"{tag}: peak memory (max of the two)", mib(peak),
                       limit="< 1 GiB" if at_target else "",
                       ok=(peak < PEAK_LIMIT) if at_target else None, note=est))
        if s.html is not None:
            secs, size = s.html
            out.append(Row("2 scale", f"{tag}: report --format html, size",
                           f"{size / 1e6:.1f} MB", limit="< 10 MB", ok=size < HTML_BYTES))
            out.append(Row("2 scale", f"{tag}: report --format html, time", seconds(secs),
                           limit="< 3 s", ok=secs < HTML_SECONDS))
        if s.check is not None:
            found = s.check
            out.append(Row("2 scale", f"{tag}: check finds the corpus clean",
                           f"{found.errors} errors, {found.warnings} warnings, {found.infos} "
                           f"info; {found.quotes_found:,}/{found.claims:,} quotes found",
                           limit="0 errors", ok=found.errors == 0))
        if s.report is not None:
            p = s.report
            out.append(Row("2 scale", f"{tag}: planted discrepancies found",
                           f"{p.found}/{p.planted}; {len(p.false_alarms)} false alarms",
                           limit="all, none false", ok=not p.missed and not p.false_alarms))
            out.append(Row("2 scale", f"{tag}: copies linked (independence)",
                           f"{p.copies_found}/{p.copies}; {p.unexpected_links} unexpected",
                           ok=None))
    out += doubling_rows(sizes)
    return out


def _per_doubling(a: float, b: float, steps: float) -> float:
    return float((b / a) ** (1 / steps)) if a > 0 else math.inf


def doubling_rows(sizes: list[Size]) -> list[Row]:
    """Cost of doubling N between consecutive sizes: (t2/t1) ** (1 / log2(n2/n1)), for
    each command and each stage."""
    out: list[Row] = []
    for a, b in itertools.pairwise(sizes):
        if a.mix != b.mix:
            continue
        steps = math.log2(b.n / a.n)
        tag = f"{a.mix} N={_k(a.n)} -> {_k(b.n)}"
        for label, ta, tb in (("check + report", a.total(), b.total()),
                              ("check", a.runs["check"], b.runs["check"]),
                              ("report", a.runs["report"], b.runs["report"])):
            per = _per_doubling(ta.seconds, tb.seconds, steps)
            out.append(Row("4 linear", f"{tag}: {label}, cost per doubling", ratio(per),
                           f"{seconds(ta.seconds)} -> {seconds(tb.seconds)}",
                           limit=f"<= {DOUBLING_LIMIT:.2f}x", ok=per <= DOUBLING_LIMIT,
                           note="est." if ta.estimated or tb.estimated else ""))
        for stage in stages.STAGES:
            if stage not in a.stages or stage not in b.stages:
                continue
            sa, sb = a.stages[stage], b.stages[stage]
            per = _per_doubling(sa, sb, steps)
            # A stage under 50 ms at the larger size is noise, not growth: shown, not judged.
            judged = sb >= 0.05
            out.append(Row("4 linear", f"{tag}: stage {stage}, cost per doubling", ratio(per),
                           f"{seconds(sa)} -> {seconds(sb)}",
                           limit=f"<= {DOUBLING_LIMIT:.2f}x" if judged else "",
                           ok=per <= DOUBLING_LIMIT if judged else None))
    return out
