"""Target 1, start-up: the console script against bare imports of what it is built on.

Each command runs `repeat` times, interleaved with its baselines (and the order rotated
every round), so a noisy neighbour or a CPU-frequency change hits both sides alike; the
median of each is compared.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from bench.proc import median, run
from bench.table import Row, ratio, seconds

HEAVY = ("typer", "pydantic", "yaml", "rich", "rapidfuzz", "text_to_num")


@dataclass(frozen=True)
class Tool:
    exe: str  # the mou-reconcile console script
    python: str  # the interpreter it runs on (its shebang): baselines use the same one
    repo: Path  # a folder with data/claims.yaml: `check` there reads the sample corpus


def _commands(tool: Tool) -> dict[str, list[str]]:
    py = tool.python
    return {
        "python -c pass": [py, "-c", "pass"],
        "import typer": [py, "-c", "import typer"],
        "import typer, pydantic, yaml": [py, "-c", "import typer, pydantic, yaml"],
        "from pydantic import BaseModel": [py, "-c", "from pydantic import BaseModel"],
        "--help": [tool.exe, "--help"],
        "--version": [tool.exe, "--version"],
        "check (sample)": [tool.exe, "check"],
        # The same without the result cache: what a run after an edit costs.
        "check (sample) --no-cache": [tool.exe, "check", "--no-cache"],
    }


def measure(tool: Tool, repeat: int, env: dict[str, str]) -> dict[str, float]:
    commands = _commands(tool)
    names = list(commands)
    times: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(2):  # warm the page cache and .pyc files: not part of any figure
        for n in names:
            run(commands[n], env=env, cwd=tool.repo)
    for k in range(repeat):
        for n in names[k % len(names):] + names[:k % len(names)]:
            result = run(commands[n], env=env, cwd=tool.repo)
            if result.returncode != 0:
                raise RuntimeError(f"{n} exited {result.returncode}: {result.stderr[-500:]}")
            times[n].append(result.seconds)
    return {n: median(t) for n, t in times.items()}


def imported(tool: Tool, args: list[str], env: dict[str, str]) -> list[str]:
    """The heavy packages a command imports (-X importtime lists every import)."""
    env = dict(env, PYTHONPROFILEIMPORTTIME="1")
    err = run([tool.exe, *args], env=env, cwd=tool.repo).stderr
    names = set(re.findall(r"\|\s+([A-Za-z_][\w]*)", err))
    return [h for h in HEAVY if h in names]


def rows(tool: Tool, repeat: int, env: dict[str, str]) -> list[Row]:
    t = measure(tool, repeat, env)
    out = []
    for cmd in ("--help", "--version"):
        r = t[cmd] / t["import typer"]
        out.append(Row("1 start-up", f"mou-reconcile {cmd}", seconds(t[cmd]),
                       f"import typer {seconds(t['import typer'])}", ratio(r), "<= 1.30x",
                       r <= 1.3))
    base = t["import typer, pydantic, yaml"]
    r = t["check (sample)"] / base
    out.append(Row("1 start-up", "mou-reconcile check (sample corpus; cache warm)",
                   seconds(t["check (sample)"]), f"import typer, pydantic, yaml {seconds(base)}",
                   ratio(r), "<= 1.50x", r <= 1.5))
    # What CI pays: a fresh runner has no cache.
    cold = t["check (sample) --no-cache"]
    out.append(Row("1 start-up", "mou-reconcile check --no-cache (sample corpus; cold, as CI)",
                   seconds(cold), f"import typer, pydantic, yaml {seconds(base)}",
                   ratio(cold / base), "<= 1.30x", cold / base <= 1.3))
    for name in ("python -c pass", "from pydantic import BaseModel"):
        label = name if name.startswith("python") else f"python -c '{name}'"
        out.append(Row("1 start-up", f"context: {label}", seconds(t[name]),
                       f"import typer {seconds(t['import typer'])}",
                       ratio(t[name] / t["import typer"])))
    for args in (["--help"], ["--version"], ["check"], ["check", "--no-cache"],
                 ["report", "--format", "json"]):
        heavy = imported(tool, args, env)
        out.append(Row("1 start-up", f"imports of `{' '.join(args)}`",
                       " ".join(heavy) or "none of " + " ".join(HEAVY)))
    return out


def tool_from(exe: str) -> tuple[str, str]:
    """The console script's path and the interpreter in its shebang line."""
    import shutil

    path = shutil.which(exe) or exe
    if not os.path.exists(path):
        raise SystemExit(f"{exe}: not found; install the tool (pip install .) or pass --exe")
    with open(path, "rb") as handle:
        first = handle.readline().decode(errors="replace").strip()
    python = first[2:].strip().split()[0] if first.startswith("#!") else "python3"
    return path, python
