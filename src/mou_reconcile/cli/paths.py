"""`check [PATH]...` and `report [PATH]...`: several claims files in one run, as yamllint or
ruff take paths.

A PATH is a claims file (checked whatever its name), a folder holding `claims.yaml` (that
file, as --claims reads it), or any other folder: every claims file under it, by the naming
rule of the pre-commit hook (cli/precommit.py: claims.yaml, claims.yml, NAME.claims.yaml,
NAME-claims.yaml), hidden folders (.git, .venv) and folder links left out, in the order of
their paths. --claims counts as one more path, first, read as it always is (never
searched). A file named twice is checked once.

One claims file named, and no folder searched: the command runs exactly as with --claims.
Otherwise each file is its own single-file run (cli/parallel.py), and the pieces are put
together in the order of the arguments, whatever order the runs end in:

- text, markdown, github: each file's output in turn (text and markdown: a blank line
  between files; text: a last line counting the files); what each run says on stderr
  follows its output.
- json: a list holding each file's document, exactly the one a run on that file alone
  prints (report: docs/report.schema.json); unreadable input is its usual document.
- sarif: one log with one run holding every file's results (code scanning refuses a log
  with several runs of one tool), the rules merged.
- html: one page per claims file, so refused with several.

The exit code is the worst of the files' (2 over 1 over 0).
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from mou_reconcile.cli import session
from mou_reconcile.cli.options import EXIT_USAGE, REPORT_ONLY_FORMATS, Format

if TYPE_CHECKING:
    from mou_reconcile.cli.parallel import Outcome
    from mou_reconcile.problems import Problem

DEFAULT_NAME = "claims.yaml"  # corpus/locate.py: a folder holding it means that file
NAMES = "claims.yaml, claims.yml, NAME.claims.yaml or NAME-claims.yaml"


@dataclass(frozen=True)
class Selection:
    files: list[tuple[str, Problem | None]]  # each file's --claims value, or why none
    many: bool  # several files named, or a folder searched: the output is per file


def select(claims: str | None, paths: list[str]) -> Selection:
    files: list[tuple[str, Problem | None]] = [(claims, None)] if claims else []
    searched = False
    for path in paths:
        found, walked = _expand(path)
        files += found
        searched = searched or walked
    return Selection(_unique(files), many=len(files) > 1 or searched)


def _expand(path: str) -> tuple[list[tuple[str, Problem | None]], bool]:
    """(the claims files `path` names, whether it was a folder to search)."""
    try:
        folder = Path(path).expanduser()
        if not os.path.lexists(folder):
            return [(path, _missing(folder, "no such file or folder", "check the path"))], False
        search = folder.is_dir() and not (folder / DEFAULT_NAME).is_file()
    except (OSError, RuntimeError):  # the single-file run says what is wrong with it
        return [(path, None)], False
    if not search:
        return [(path, None)], False
    found = claims_files_under(folder)
    if found:
        return [(f, None) for f in found], True
    return [(path, _missing(folder, "folder holds no claims file",
                            f"claims files are named {NAMES}"))], True


def _missing(path: Path, message: str, hint: str) -> Problem:
    from mou_reconcile import problems as P
    from mou_reconcile.corpus.locate import display_path
    from mou_reconcile.problems import Problem

    shown = display_path(path) if path.is_absolute() else str(path)
    return Problem.of(P.FILE_UNREADABLE, shown, 1, 1, message, hint)


def claims_files_under(folder: Path) -> list[str]:
    from mou_reconcile.cli.precommit import CLAIMS_FILE  # the hook's naming rule

    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, n) for n in names
                  if CLAIMS_FILE.search(n) and os.path.isfile(os.path.join(root, n))]
    return sorted(found, key=lambda f: Path(f).parts)


def _unique(files: list[tuple[str, Problem | None]]) -> list[tuple[str, Problem | None]]:
    seen: set[str] = set()
    out = []
    for path, problem in files:
        try:
            target = Path(path).expanduser()
            if target.is_dir():
                target = target / DEFAULT_NAME
            key = os.path.realpath(target)
        except (OSError, RuntimeError):
            key = path
        if problem is None and key in seen:
            continue
        seen.add(key)
        out.append((path, problem))
    return out


def dispatch(command: str, claims: str | None, paths: list[str] | None, fmt: Format,
             output: Path | None, jobs: int | None, no_cache: bool,
             options: list[str]) -> str | None:
    """With PATH arguments naming several files, run and end the command (typer.Exit);
    else the claims file to read as --claims (None: found as ever, corpus/locate.py)."""
    if not paths:
        return claims
    selection = select(claims, paths)
    if not selection.many:
        path, problem = selection.files[0]
        if problem is not None:
            session.fail_unreadable(problem, fmt.value)
        return path
    run_many(command, selection, fmt, output, jobs, [*options, *(["--no-cache"] * no_cache)])


def run_many(command: str, selection: Selection, fmt: Format, output: Path | None,
             jobs: int | None, options: list[str]) -> NoReturn:
    from mou_reconcile.cli.parallel import Job, default_jobs, run_all
    from mou_reconcile.corpus.limits import BadLimit, check_environment

    if fmt in REPORT_ONLY_FORMATS:
        raise typer.BadParameter(
            f"{fmt.value} writes one page per claims file: name one claims file",
            param_hint="'--format'")
    try:
        check_environment()
    except BadLimit as exc:
        typer.echo(f"mou-reconcile: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    style = tuple(_style(fmt, output).items())
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    errors = getattr(sys.stdout, "errors", None) or "strict"
    options = _share_budget(options, len(selection.files))
    work = [Job((command, f"--claims={path}", f"--format={fmt.value}", *options), problem,
                fmt.value, style, encoding, errors)
            for path, problem in selection.files]
    # Closed on any exception here too (a closed pipe, Ctrl-C while writing): the pool's
    # workers end with it, never left behind when the console entry ends the process.
    with closing(run_all(work, jobs or default_jobs())) as outcomes:
        if fmt in (Format.json, Format.sarif):
            done = list(outcomes)
            for o in done:
                _stderr(o.stderr)
            text = merge_json(done) if fmt == Format.json else merge_sarif(done)
        else:
            text, done = _concatenate(command, fmt, outcomes, streaming=output is None,
                                      fail_on=_fail_on(options))
    if output is not None:
        session.write_output(output, text, [Path(p) for o in done for p in o.inputs])
    elif text:
        sys.stdout.write(text)
    raise typer.Exit(max(o.code for o in done))


def _share_budget(options: list[str], files: int) -> list[str]:
    """--max-bytes N over several files: each file's report gets an equal share of N, less
    the blank line between files, so the whole output stays under N."""
    if "--max-bytes" not in options:
        return options
    at = options.index("--max-bytes") + 1
    share = max(1000, (int(options[at]) - (files - 1)) // files)
    return [*options[:at], str(share), *options[at + 1:]]


def _style(fmt: Format, output: Path | None) -> dict[str, Any]:
    """The colour and width a single run's text reporter would find for its stdout."""
    if fmt != Format.text:
        return {}
    if output is not None:
        return {"color": False, "width": 100}  # as session.emit writes a file
    from rich.console import Console

    console = Console(file=sys.stdout)
    # --color always|never; auto: colour for a terminal, unless NO_COLOR is set.
    terminal = console.is_terminal and not os.environ.get("NO_COLOR")
    color = session.COLOR.get("color", True if terminal else None)
    return {"color": color, "width": console.width}


def _stderr(text: str) -> None:
    if text:
        sys.stderr.write(text)
        sys.stderr.flush()


def _fail_on(options: list[str]) -> str | None:
    return options[options.index("--fail-on") + 1] if "--fail-on" in options else None


def _concatenate(command: str, fmt: Format, outcomes: Any, *, streaming: bool,
                 fail_on: str | None) -> tuple[str, list[Outcome]]:
    """Each file's output in turn, written as each arrives when `streaming` (stdout), with
    its stderr after it. Returns what is left to write, and the outcomes."""
    kept: list[str] = []
    done: list[Outcome] = []
    written = False
    for o in outcomes:
        piece = ("\n" if written and o.stdout and fmt != Format.github else "") + o.stdout
        written = written or bool(o.stdout)
        if streaming:
            sys.stdout.write(piece)
            sys.stdout.flush()
        else:
            kept.append(piece)
        _stderr(o.stderr)
        done.append(o)
    if fmt == Format.text:
        kept.append("\n" + total_line(command, [o.code for o in done], fail_on) + "\n")
    return "".join(kept), done


def total_line(command: str, codes: list[int], fail_on: str | None) -> str:
    """The text format's last line: how many files, and how many failed and why."""
    failing = "with errors" if command == "check" else f"at or above --fail-on {fail_on}"
    parts = [f"{n} {what}" for n, what in ((codes.count(1), failing),
                                           (codes.count(2), "unreadable")) if n]
    if command == "check" and not parts:
        parts = ["no errors"]
    mark = "✗" if any(codes) else "✓"
    head = f"{mark} {len(codes)} claims files"
    return f"{head}: {', '.join(parts)}" if parts else f"{head} reported"


def _documents(outcomes: list[Outcome]) -> list[Any]:
    import json

    out = []
    for o in outcomes:
        try:
            out.append(json.loads(o.stdout))
        except ValueError:  # a run that printed no document (a usage error): said on stderr
            out.append(None)
    return out


def merge_json(outcomes: list[Outcome]) -> str:
    from mou_reconcile.reporters import jsonout

    return jsonout.dumps(_documents(outcomes)) + "\n"


def merge_sarif(outcomes: list[Outcome]) -> str:
    """One run holding every file's results, in order, with one table of rules (as the
    sarif reporter builds it for one file: each rule where it first appears)."""
    from mou_reconcile.reporters import jsonout

    logs = [d for d in _documents(outcomes) if d]
    if not logs:
        return ""
    rules: list[Any] = []
    index: dict[str, int] = {}
    results: list[Any] = []
    for log in logs:
        run = log["runs"][0]
        local = run["tool"]["driver"]["rules"]
        for result in run["results"]:
            rule = local[result["ruleIndex"]]
            if rule["id"] not in index:
                index[rule["id"]] = len(rules)
                rules.append(rule)
            result["ruleIndex"] = index[rule["id"]]
            results.append(result)
    merged = logs[0]
    merged["runs"][0]["tool"]["driver"]["rules"] = rules
    merged["runs"][0]["results"] = results
    return jsonout.dumps(merged) + "\n"
