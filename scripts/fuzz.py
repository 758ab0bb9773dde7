#!/usr/bin/env python3
"""The long fuzz run: generated claims files fed to every command, checked as the test suite
checks them (tests/fuzzing.py), in parallel, with a per-command timeout against hangs.

    python scripts/fuzz.py --inputs 10000 --seed 1 --jobs 2

Input i is generated from the seed and i alone, so a failure is reproduced with
`--first I --inputs 1`. Prints inputs tried, failures found (each with its command and what
broke) and the slowest command. Exit code 1 if anything failed. The test suite runs a
smaller sample on every run (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import faulthandler
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

import fuzz_inputs  # noqa: E402  (after the path is set)
import fuzzing  # noqa: E402


def one(seed: int, index: int, timeout: float) -> tuple[int, str, list[str], float, str]:
    """Run input `index`: (index, its label, failures, slowest command's seconds, which)."""
    # A hang inside C code, where the SIGALRM timeout cannot interrupt: dump and exit.
    faulthandler.dump_traceback_later(timeout * 30, exit=True)
    chooser = fuzz_inputs.RandomChooser(f"{seed}-{index}")
    inp = fuzz_inputs.generate(chooser)
    try:
        with tempfile.TemporaryDirectory(prefix="mou-fuzz-") as folder:
            runs = fuzzing.run_input(inp, Path(folder), COMMANDS, chooser, timeout)
    except Exception as exc:  # the fuzzer's own bug: say so, and go on with the others
        return index, inp.label, [f"FUZZER ERROR (not the tool's): {exc!r}"], 0.0, ""
    finally:
        faulthandler.cancel_dump_traceback_later()
    failures = [f"{' '.join(r.args)} -> exit {r.exit_code}: {f}"
                for r in runs for f in r.failures]
    finished = [r for r in runs if r.exit_code != -1] or runs  # -1: stopped as hung
    slowest = max(finished, key=lambda r: r.seconds)
    args = slowest.args[:slowest.args.index("--claims")] if "--claims" in slowest.args else (
        slowest.args)
    return index, inp.label, failures, slowest.seconds, " ".join(args)


COMMANDS = fuzzing.registered_commands()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="index of the first input")
    parser.add_argument("--jobs", type=int, default=2, help="processes")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds one command may take before it counts as hung")
    args = parser.parse_args()

    start = time.monotonic()
    tried = failed = 0
    slowest = (0.0, "")
    indexes = range(args.first, args.first + args.inputs)
    print(f"fuzzing {len(COMMANDS)} commands ({', '.join(c.name for c in COMMANDS)}) with "
          f"{args.inputs} inputs, seed {args.seed}, {args.jobs} processes", flush=True)
    try:
        with ProcessPoolExecutor(args.jobs) as pool:
            chunks = pool.map(one, [args.seed] * len(indexes), indexes,
                              [args.timeout] * len(indexes), chunksize=20)
            for index, label, failures, seconds, which in chunks:
                tried += 1
                if seconds > slowest[0]:
                    slowest = (seconds, f"input {index} ({label}): {which}")
                if failures:
                    failed += 1
                    print(f"FAILED input {index} ({label}):", *failures, sep="\n  ",
                          flush=True)
                if tried % 500 == 0:
                    print(f"  {tried} inputs, {failed} failing, "
                          f"{time.monotonic() - start:.0f} s", flush=True)
    except BrokenProcessPool:
        print(f"a worker died (a hang in C code past {args.timeout * 30:g} s, or a crash) "
              f"after {tried} inputs", flush=True)
        failed += 1
    print(f"inputs tried: {tried}")
    print(f"inputs failing: {failed}")
    print(f"slowest command that finished: {slowest[0]:.2f} s, {slowest[1]}")
    print(f"time: {time.monotonic() - start:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
