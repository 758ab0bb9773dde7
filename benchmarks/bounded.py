#!/usr/bin/env python3
"""The worst hostile inputs of issue 21 against their budgets: bounded work, not a hang.

    python benchmarks/bounded.py [--exe PATH] [--workdir DIR] [--timeout 600] [--only NAME]

Makes each input in --workdir (default: a temporary folder) and runs the installed console
script on it (`pip install .` first), once, with the cache off, printing CPU time (user +
system of the command: what a shared machine changes least) against the input's target:

- a missed quote of 1,000 `a`s and a `b` against an article of 400 KB and of 4 MB of `a`s
  (`check`): the closest-passage search is capped per quote (README, "Limits"), so the
  claim gets MR401 saying the search budget ran out; the time left is reading and folding
  the article (about 1 s per MB);
- a missed quote with a typo against the sample's articles grown to 4 MB (`check`): the
  narrowed search still finds the passage;
- `extract` and `coverage` on the sample with one article grown to 1 MB and 4 MB (copies
  of the sample's articles, each copy's figures changed so they are all different):
  linear in the article.

Exit code 0 when every run finished within its target with the expected result, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench.proc import Result, run  # noqa: E402

HOSTILE_QUOTE = "a" * 1000 + "b"
TYPO_QUOTE = "Pakistan and China sgned three MoUs"  # the sample's words, one letter off
_CLAIMS = """version: 1
sources:
  - id: big
    file: articles/big.txt
entities:
  - id: council
    name: City Council
properties:
  - id: agreements
    type: count
claims:
  - source: big
    subject: council
    property: agreements
    value: 3
    quote: "{quote}"
"""


@dataclass(frozen=True)
class Case:
    name: str
    args: list[str]  # after the executable; {story} is the story's folder
    make: Callable[[Path], None]
    target: float  # CPU seconds
    expect: Callable[[str], bool]  # on stdout: the result is right
    expected: str  # what `expect` checks, for the table


def _letters(size: int) -> Callable[[Path], None]:
    def make(story: Path) -> None:
        (story / "articles").mkdir(parents=True)
        (story / "articles" / "big.txt").write_text("a" * size + "\n", encoding="utf-8")
        (story / "claims.yaml").write_text(_CLAIMS.format(quote=HOSTILE_QUOTE), "utf-8")
    return make


def _sample_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8")
                       for p in sorted((ROOT / "data" / "articles").glob("*.txt")))


def _grown(base: str, size: int) -> str:
    """`base`, then copies of the sample's articles up to `size` characters, each copy's
    figures moved by the copy's number (so no two copies state the same figures)."""
    pool, out, n, k = _sample_text(), [base], len(base), 0
    while n < size:
        k += 1
        copy = re.sub(r"\d+", lambda m, k=k: str(int(m.group()) + k), pool)
        out.append(copy)
        n += len(copy) + 2
    return "\n\n".join(out)[:size]


def _sample_typo(size: int) -> Callable[[Path], None]:
    def make(story: Path) -> None:
        (story / "articles").mkdir(parents=True)
        text = _grown("Pakistan and China signed three MoUs on Monday.\n\n", size)
        (story / "articles" / "big.txt").write_text(text, encoding="utf-8")
        (story / "claims.yaml").write_text(_CLAIMS.format(quote=TYPO_QUOTE), "utf-8")
    return make


def _sample_grown(size: int) -> Callable[[Path], None]:
    def make(story: Path) -> None:
        shutil.copytree(ROOT / "data", story)
        article = story / "articles" / "huawei-statement.txt"
        article.write_text(_grown(article.read_text(encoding="utf-8"), size), "utf-8")
    return make


def _mr401(needle: str) -> Callable[[str], bool]:
    def expect(stdout: str) -> bool:
        try:
            problems = json.loads(stdout)["problems"]
        except (ValueError, KeyError, TypeError):
            return False
        return any(p["code"] == "MR401" and needle in p["message"] for p in problems)
    return expect


def _has(needle: str) -> Callable[[str], bool]:
    return lambda stdout: needle in stdout


CASES = [
    Case("check: 1,000 a's + b vs 400 KB of a's", ["check", "--claims", "{story}",
         "--format", "json"], _letters(400_000), 3.0, _mr401("search budget"),
         "MR401: search budget ran out"),
    Case("check: 1,000 a's + b vs 4 MB of a's", ["check", "--claims", "{story}",
         "--format", "json"], _letters(4_000_000), 10.0, _mr401("search budget"),
         "MR401: search budget ran out"),
    Case("check: a typo vs 4 MB of news text", ["check", "--claims", "{story}",
         "--format", "json"], _sample_typo(4_000_000), 10.0,
         _mr401("closest passage at line 1"), "MR401: closest passage at line 1"),
    Case("extract: 1 MB article", ["extract", "huawei-statement", "--claims", "{story}"],
         _sample_grown(1_000_000), 10.0, _has("claims:"), "claim stubs"),
    Case("extract: 4 MB article", ["extract", "huawei-statement", "--claims", "{story}"],
         _sample_grown(4_000_000), 40.0, _has("claims:"), "claim stubs"),
    Case("coverage: 1 MB article", ["coverage", "--claims", "{story}", "--format", "json"],
         _sample_grown(1_000_000), 10.0, _has('"uncovered"'), "a coverage report"),
    Case("coverage: 4 MB article", ["coverage", "--claims", "{story}", "--format", "json"],
         _sample_grown(4_000_000), 40.0, _has('"uncovered"'), "a coverage report"),
]


def _default_exe() -> str:
    beside = Path(sys.executable).with_name("mou-reconcile")
    return str(beside) if beside.exists() else (shutil.which("mou-reconcile") or "mou-reconcile")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", default=_default_exe())
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mrbench-bounded-"))
    env = dict(os.environ, MOU_RECONCILE_NO_CACHE="1")
    ok = True
    print(f"{'input':42} {'cpu s':>8} {'target':>7}  result")
    for k, case in enumerate(CASES):
        if args.only and args.only not in case.name:
            continue
        story = work / f"case{k}"
        if not story.exists():
            case.make(story)
        out = work / f"case{k}.out"
        cmd = [args.exe, *(a.replace("{story}", str(story)) for a in case.args)]
        result: Result = run(cmd, env=env, stdout=out, timeout=args.timeout)
        right = not result.timed_out and case.expect(out.read_text("utf-8", "replace"))
        within = not result.timed_out and result.cpu <= case.target
        ok = ok and right and within
        shown = f">{args.timeout:.0f}" if result.timed_out else f"{result.cpu:.2f}"
        verdict = ("ok" if within else "OVER") + ", " + (case.expected if right else
                                                         f"NOT {case.expected}")
        print(f"{case.name:42} {shown:>8} {case.target:>7.0f}  {verdict}", flush=True)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
