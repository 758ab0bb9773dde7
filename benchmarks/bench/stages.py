"""Target 4 per stage: each stage of `report --format json` timed alone, in one process.

The tool's own functions are wrapped with a CPU-time clock (the installed package, run by
its own interpreter, collector off as the CLI runs): load (YAML, validation, articles),
check (the rest of `check`), alias hints, copy detection (independence), naming,
reconcile (the rest of `report`'s comparing) and output (the JSON document). A stage's
figure excludes the stages it calls.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

STAGES = ("load", "check", "alias hints", "copy detection", "naming", "reconcile", "output")

_HARNESS = r"""
import gc, io, json, sys, time
gc.disable()
from pathlib import Path
from mou_reconcile.check import aliases, checker
from mou_reconcile.reconcile import independence, reconciler
from mou_reconcile.problems import Severity
from mou_reconcile.reporters import get_reporter

spent = {}
stack = []

def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        stack.append(0.0)
        try:
            return fn(*args, **kwargs)
        finally:
            inner = stack.pop()
            total = time.process_time() - start
            spent[name] = spent.get(name, 0.0) + total - inner
            if stack:
                stack[-1] += total
    return wrapper

checker.load_corpus = timed("load", checker.load_corpus)
aliases.check_alias_hints = timed("alias hints", aliases.check_alias_hints)
checker.check_corpus = timed("check", checker.check_corpus)
independence.find_links = timed("copy detection", independence.find_links)
reconciler._naming = timed("naming", reconciler._naming)
reconcile = timed("reconcile", reconciler.reconcile)
result = checker.check_file(Path(sys.argv[1]))
rec = reconcile(result)
out = io.StringIO()
timed("output", lambda: get_reporter("json", out).report(rec, Severity.parse("info")))()
print(json.dumps(spent))
"""


def measure(python: str, claims_file: Path, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run([python, "-c", _HARNESS, str(claims_file)], env=env, check=True,
                          capture_output=True, text=True)
    spent: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return {s: spent.get(s, 0.0) for s in STAGES}
