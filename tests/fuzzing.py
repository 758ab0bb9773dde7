"""Fuzzing every command with bad input: how an input is run, and what must hold.

Shared by tests/test_fuzz.py (a few hundred inputs on every test run) and scripts/fuzz.py
(the long run); the inputs come from tests/fuzz_inputs.py. Each registered command runs
in-process, as the `cli` test fixture runs it, under a timeout.

What must hold for every input and every command (`check_run`): no traceback, exit code 0,
1 or 2, done within the timeout, every problem printed as `file:line:col: CODE severity:`
with the claims file's name and a line inside it, JSON that is strict JSON, a message on
stderr for exit 2, an --output file complete or untouched, and no input file changed (but
by `init` and `add` when they succeed: what they wrote must read as YAML).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import stat
import time
import traceback
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from fuzz_inputs import Chooser, FuzzInput

# --- the commands -------------------------------------------------------------------------

# Arguments each command needs besides --claims, --format and --output (which are found
# from its signature): one list per variant worth running. {fact}, {subject}, {source},
# {source2} and {file} are names from the input's claims file (as it was before mutation);
# {story} and {out} are folders (`placeholders`).
# The first variant must succeed (exit 0 or 1) on every valid case folder. A registered
# command missing from this table fails test_fuzz.py::test_every_command_is_in_the_table:
# add it, so that no command escapes the suite.
COMMAND_ARGS: dict[str, list[list[str]]] = {
    "check": [[]],
    "report": [[], ["--fail-on", "info", "--min-severity", "warning"]],
    "explain": [["{fact}"], ["{subject}"], ["no-such.fact"]],
    "diff": [["{source}", "{source2}", "--quotes"], ["{source2}", "{source}", "--fail-on",
                                                     "info"], ["{source}", "no-such-source"]],
    "sources": [[]],
    "matrix": [[], ["--disputed", "{subject}"], ["--source", "{source}", "no-such"]],
    "timeline": [[], ["{fact}"]],
    "extract": [["{source}"], ["{file}", "--years"], ["no-such"]],
    "suggest": [["{source}"], ["{source2}", "--write"], ["no-such"]],
    "coverage": [[], ["--fail-under", "90", "--years"]],
    "schema": [[]],
    "export claimreview": [[], ["--base-url", "https://example.org/r.html", "--author", "Desk"]],
    # They write: {story} is the story's folder, {out} a folder whose changes are allowed.
    # Re-adding a story's own article changes nothing; a new story goes under {out}.
    "init": [["{out}/new-story"], ["{story}"]],
    "add": [["{story}/{file}"], ["no-such-page.html"], ["{story}"]],
}


# Commands that change the story when they succeed (a new claims file, a new source): what
# they wrote must still read as YAML.
WRITERS = {"init", "add", "suggest"}


def _check_written(root: Path, changed: list[str], bad: Callable[[str], None]) -> None:
    from mou_reconcile.corpus.yamlio import load_yaml

    for rel in changed:
        path = root / rel
        if path.name == "claims.yaml" and path.is_file() and not path.is_symlink():
            doc, problems = load_yaml(path.read_text(encoding="utf-8-sig"), rel)
            if doc is None or problems:
                bad(f"{rel} no longer reads as YAML after a successful run")


def placeholders(names: dict[str, str], story: Path) -> dict[str, str]:
    """The names for COMMAND_ARGS: the input's, the story's folder, and the out folder
    beside it."""
    return {**names, "story": str(story), "out": str(story.parent / "out")}


@dataclass(frozen=True)
class Command:
    name: str  # as typed: "check", "export claimreview"
    claims: bool  # takes --claims
    formats: tuple[str, ...]  # the --format choices; () without --format
    output: bool  # takes --output


def _options(callback: Callable[..., Any]) -> dict[str, tuple[type, list[str]]]:
    """Each parameter's base type and its option names (`--claims`, `-c`)."""
    import typer.models

    found: dict[str, tuple[type, list[str]]] = {}
    hints = typing.get_type_hints(callback, include_extras=True)
    for name, hint in hints.items():
        if name == "return":
            continue
        decls: list[str] = []
        base: Any = hint
        if typing.get_origin(hint) is typing.Annotated:
            base, *meta = typing.get_args(hint)
            for m in meta:
                if isinstance(m, typer.models.OptionInfo):
                    # With Annotated, typer reads a first "--name" given as default as a name.
                    first = [m.default] if str(m.default).startswith("-") else []
                    decls = [*first, *(m.param_decls or [])] or ["--" + name.replace("_", "-")]
        members = [a for a in typing.get_args(base) if a is not type(None)] or [base]
        found[name] = (members[0], decls)
    return found


def registered_commands() -> list[Command]:
    """Every command of the app, sub-commands of sub-typers included."""
    from typer.main import get_command_name

    from mou_reconcile.cli import app

    out: list[Command] = []

    def walk(typer_app: Any, prefix: str) -> None:
        for info in typer_app.registered_commands:
            name = info.name or get_command_name(info.callback.__name__)
            opts = _options(info.callback)
            formats: tuple[str, ...] = ()
            for kind, decls in opts.values():
                if "--format" in decls and isinstance(kind, type) and issubclass(kind, Enum):
                    formats = tuple(str(m.value) for m in kind)
            out.append(Command(
                prefix + name,
                any("--claims" in d for _, d in opts.values()),
                formats,
                any("--output" in d for _, d in opts.values())))
        for group in typer_app.registered_groups:
            walk(group.typer_instance, f"{prefix}{group.name} ")

    walk(app, "")
    return out


# --- running ------------------------------------------------------------------------------


class Hang(BaseException):
    """A command ran past the timeout (BaseException: no `except Exception` swallows it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under root: a file's checksum, a link's target, or its kind."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = str(path.relative_to(root))
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                out[rel] = "-> " + os.readlink(path)
            elif stat.S_ISREG(mode):
                if path.stat().st_size > 1024 * 1024:  # the 50 MB file: size and time
                    out[rel] = f"{path.stat().st_size} {path.stat().st_mtime_ns}"
                else:
                    out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = stat.filemode(mode)
    return out


@dataclass
class Run:
    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    failures: list[str]


_LOCATED = re.compile(r"(?m)^(?P<path>[^\n]*?):(?P<line>\d+):(?P<col>\d+): "
                      r"(?P<code>MR\d{3}) (?:error|warning|info): \S")
_ANY_CODE = re.compile(r"\bMR\d{3} (?:error|warning|info):")
_GITHUB = re.compile(r"(?m)^::\w+ file=(?P<path>[^,\n]*),line=(?P<line>\d+),col=(?P<col>\d+),"
                     r"[^:\n]*title=(?P<code>MR\d{3})")


def _strict_json(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _line_count(data: bytes | None) -> int:
    if data is None:
        return 1
    # libyaml counts CR, NEL, LS and PS as line breaks too: allow the largest count
    return len(data.decode("utf-8", errors="replace").splitlines()) + 1


def check_run(inp: FuzzInput, root: Path, run: Run, fmt: str | None, output: Path | None,
              before: dict[str, str], after: dict[str, str], previous: bytes | None,
              writes: bool = False) -> None:
    """Add to run.failures what breaks the promises in the module docstring. `writes`: a
    command whose work is to change the story (WRITERS) may, when it succeeds."""
    bad = run.failures.append
    if run.exit_code not in (0, 1, 2):
        bad(f"exit code {run.exit_code}")
    both = run.stdout + run.stderr
    if "Traceback (most recent call last)" in both:
        bad("a traceback in the output")
    lines = _line_count(inp.claims)
    # Text goes to stderr always, to stdout in the text format (other formats place the
    # position in their own syntax: checked below for JSON, SARIF and GitHub's).
    plain = run.stderr + (run.stdout if fmt in (None, "text", "github") else "")
    located = list(_LOCATED.finditer(plain))
    if len(located) != len(_ANY_CODE.findall(plain)):
        bad("a problem printed without file:line:col")
    if fmt == "github":
        located += _GITHUB.finditer(run.stdout)
    for m in located:
        if not m["path"].endswith("claims.yaml"):  # else an article given to `extract`
            if not Path(m["path"]).resolve().is_relative_to(root.resolve()):
                bad(f"a problem names {m['path']!r}, not an input file")
        elif not (1 <= int(m["line"]) <= lines and int(m["col"]) >= 1):
            bad(f"{m['code']} at line {m['line']}, col {m['col']}: the file has {lines} lines")
    if run.exit_code == 2 and not run.stderr.strip():
        bad("exit code 2 without a message on stderr")
    text = run.stdout if output is None else (
        output.read_text(encoding="utf-8") if output.is_file() else "")
    if fmt in ("json", "sarif") and text.strip() and run.exit_code in (0, 1):
        try:
            document = _strict_json(text)
        except ValueError as exc:
            bad(f"--format {fmt} printed invalid JSON: {exc}")
        else:
            problems = document.get("problems") if isinstance(document, dict) else None
            for p in problems or []:
                if not (isinstance(p.get("line"), int) and 1 <= p["line"] <= lines):
                    bad(f"JSON problem {p.get('code')} at line {p.get('line')!r}")
    changed = sorted(k for k in before.keys() | after.keys()
                     if before.get(k) != after.get(k) and not k.startswith("out/"))
    if changed and writes and run.exit_code == 0:
        _check_written(root, changed, bad)
    elif changed:
        bad(f"input files changed: {changed[:5]}")
    if output is not None:
        strays = [k for k in after if k.startswith("out/") and k.endswith(".tmp")]
        if strays:
            bad(f"temporary files left: {strays}")
        now = output.read_bytes() if output.is_file() else None
        if run.exit_code == 2 and now != previous:
            bad("--output changed although the command failed")


def invoke(args: list[str], env: dict[str, str | None], timeout: float) -> Run:
    """Run the app in-process like the test fixture does, with a time limit."""
    from typer.testing import CliRunner

    from mou_reconcile.cli import app

    start = time.perf_counter()
    failures: list[str] = []
    try:
        with time_limit(timeout):
            result = CliRunner().invoke(app, args, prog_name="mou-reconcile", env=env)
    except Hang as exc:
        return Run(args, -1, "", "", time.perf_counter() - start, [f"hang: {exc}"])
    seconds = time.perf_counter() - start
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        tb = "".join(traceback.format_exception(exc)).strip().splitlines()
        failures.append(f"traceback: {type(exc).__name__}: {exc}"[:300] + "\n      "
                        + "\n      ".join(tb[-6:]))
    return Run(args, result.exit_code, result.stdout, result.stderr, seconds, failures)


# A fixed console, and no setting from the caller's environment (limits included).
BASE_ENV: dict[str, str | None] = {
    "NO_COLOR": "1", "COLUMNS": "100", "GITHUB_ACTIONS": None, "MOU_RECONCILE_CLAIMS": None,
    **{k: None for k in os.environ if k.startswith("MOU_RECONCILE_MAX_")}}


def run_input(inp: FuzzInput, root: Path, commands: Sequence[Command], ch: Chooser,
              timeout: float) -> list[Run]:
    """Write the input under root and run every command on it once (variant, format and
    --output chosen by `ch`)."""
    story = inp.write(root)
    out_dir = root / "out"
    out_dir.mkdir()
    env = {**BASE_ENV, **inp.env}
    runs = []
    for command in commands:
        variant = ch.choice(COMMAND_ARGS[command.name])
        # A real argv cannot hold a NUL (a name from a claims file can): drop it.
        args = [*command.name.split(), *(a.format(**placeholders(inp.names, story))
                                         .replace("\0", "") for a in variant)]
        if command.claims:
            args += ["--claims", str(story / inp.claims_arg)]
        fmt = ch.choice(command.formats) if command.formats else None
        if fmt is not None:
            args += ["--format", fmt]
        output, previous = None, None
        if command.output and ch.integer(0, 2) == 0:
            output = out_dir / ch.choice(["new.out", "existing.out"])
            if output.name == "existing.out" and not output.exists():
                output.write_bytes(b"the previous output\n")
            previous = output.read_bytes() if output.exists() else None
            args += ["--output", str(output)]
        before = snapshot(root)
        run = invoke(args, env, timeout)
        check_run(inp, root, run, fmt, output, before, snapshot(root), previous,
                  writes=command.name in WRITERS)
        runs.append(run)
    return runs
