"""Around each command: finding and checking the claims file, the result cache, the
progress bar, writing the output (to stdout, or atomically to --output), and the state one
run keeps (what it read, what it wrote, what it built).

Heavy modules (pydantic, yaml, rich) are imported inside functions, so `--help` and
`--version` stay fast.
"""

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer

from mou_reconcile.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    REPORT_ONLY_FORMATS,
    Format,
)

# The claims file and articles the running command read: --output never overwrites them.
INPUTS: list[Path] = []
# For the cache: the corpus the running command checked, and the text it wrote to --output.
LOADED: list[Any] = []
WRITTEN: list[str] = []
# The running command's cache key (cache.Pending), if it is cached; and its CheckResult if
# it checked the claims file itself (not read from the cache): stored when it is done.
PENDING: list[Any] = []
CHECKED: list[Any] = []
# What the running command built (its checked corpus, its reconciliation), held until the
# process ends: the console entry then ends it without freeing them one object at a time.
KEPT: list[Any] = []
# How text for stdout is laid out when stdout is not where it ends up: a claims file run
# among several (cli/parallel.py) renders for the terminal the merged output goes to.
# Reporter keywords (color, width); empty: decided from stdout itself. Not reset per run.
STYLE: dict[str, Any] = {}
# --color always|never for the running command (empty: auto, as STYLE or stdout decide).
COLOR: dict[str, bool] = {}


def say(message: str) -> None:
    """A message on stderr. It may quote the claims file, an article or a path: control
    characters are shown, never written, and no line reads as a workflow command."""
    from mou_reconcile.reporters.escape import terminal_text

    typer.echo(terminal_text(message), err=True)


def reset() -> None:
    """Before every command: nothing from an earlier in-process run."""
    INPUTS.clear()
    LOADED.clear()
    WRITTEN.clear()
    PENDING.clear()
    CHECKED.clear()
    KEPT.clear()
    COLOR.clear()


def set_color(when: StrEnum) -> None:
    """--color: always or never overrides NO_COLOR, FORCE_COLOR and the terminal; auto
    leaves the decision to them (rich: NO_COLOR set and not empty, no colour; else
    FORCE_COLOR set and not empty, colour; else colour only on a terminal)."""
    COLOR.clear()
    if when.value != "auto":
        COLOR["color"] = when.value == "always"


def style() -> dict[str, Any]:
    """The text reporter's colour and width for stdout: --color over STYLE."""
    return {**STYLE, **COLOR}


def fail_unreadable(problem: object, fmt: str) -> NoReturn:
    from mou_reconcile.problems import Problem

    assert isinstance(problem, Problem)
    if fmt == "json":
        import json

        json.dump({"version": 1, "claims_file": problem.path, "summary": None,
                   "problems": [problem.to_dict()]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif fmt == "sarif":
        import json

        from mou_reconcile.reporters.sarif_reporter import problems_document

        json.dump(problems_document([problem]), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif fmt == "github":
        from mou_reconcile.reporters.github_reporter import problem_annotation

        typer.echo(problem_annotation(problem))
    hint = f" ({problem.hint})" if problem.hint else ""
    say(f"{problem.path}:{problem.line}:{problem.col}: {problem.code} error: "
        f"{problem.message}{hint}")
    raise typer.Exit(EXIT_USAGE)


def locate_claims(claims: str | None, fmt: str, sample: bool) -> tuple[object, str]:
    from mou_reconcile.corpus.load import UnreadableInput
    from mou_reconcile.corpus.locate import locate

    try:
        found = locate(claims, sample=sample)
    except UnreadableInput as exc:
        fail_unreadable(exc.problem, fmt)
    if found.origin == "sample":
        from rich.console import Console

        color = COLOR.get("color")
        Console(stderr=True, highlight=False, soft_wrap=True, force_terminal=color,
                no_color=None if color is None else not color).print(
            f"using the sample corpus shipped with mou-reconcile: {found.display}",
            style="dim")
    return found.path, found.display


def resolve_format(fmt: Format | None, command: str, output: Path | None) -> Format:
    """No --format: GitHub annotations inside GitHub Actions (they act only on stdout),
    text elsewhere."""
    import os

    if fmt is None:
        actions = os.environ.get("GITHUB_ACTIONS") == "true" and output is None
        return Format.github if actions else Format.text
    if fmt in REPORT_ONLY_FORMATS and command != "report":
        raise typer.BadParameter(f"{fmt.value} is a report format; use it with "
                                 f"`mou-reconcile report --format {fmt.value}`",
                                 param_hint="'--format'")
    return fmt


def emit(fmt: StrEnum, output: Path | None, render: Callable[[Any], None]) -> None:
    """Render with the format's reporter to stdout, or atomically to --output."""
    from mou_reconcile import progress
    from mou_reconcile.reporters import get_reporter

    progress.stage("writing")
    if output is None:
        render(get_reporter(fmt.value, sys.stdout, **style()))
        return
    buffer = io.StringIO()
    render(get_reporter(fmt.value, buffer, color=False, width=100))
    text = buffer.getvalue()  # once, and the buffer freed: a large report is held once
    buffer.close()
    WRITTEN[:] = [text]
    write_output(output, text, INPUTS)


def write_output(output: Path, text: str, inputs: list[Path]) -> None:
    from mou_reconcile.cli.output import atomic_write

    try:
        atomic_write(output, text, inputs=inputs)
    except OSError as exc:
        say(f"{output}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None


@contextmanager
def running(command: str, claims: str | None, fmt: str, output: Path | None,
             no_cache: bool | None, **options: Any) -> Iterator[None]:
    """Around a command's work: the progress bar on a terminal; and, unless `no_cache`
    (None: a command never cached), the cache: an unchanged run's stored answer is printed
    and the work skipped; a new answer (exit code 0 or 1) is stored. `options`: every
    option besides --claims, --output and `fmt` that changes what is printed."""
    from mou_reconcile import progress

    LOADED.clear()
    WRITTEN.clear()
    PENDING.clear()
    CHECKED.clear()
    pending = None
    if no_cache is False:
        from mou_reconcile.cli import cache

        if not cache.disabled():
            keyed = dict(options, format=fmt, **({"style": style()} if style() else {}))
            pending = cache.prepare(command, claims, options=keyed,
                                    output=output is not None,
                                    terminal=fmt == "text" and output is None)
        if pending is not None:
            hit = pending.lookup()
            if hit is not None:
                replay(hit, output)
            PENDING[:] = [pending]
    progress.begin()
    recorder = None
    if pending is not None:
        recorder = cache.Recorder()
        recorder.start()
    code: int | None = None
    try:
        yield
        code = EXIT_OK
    except typer.Exit as exc:
        code = exc.exit_code
        raise
    finally:
        if recorder is not None:
            recorder.stop()
        progress.end()
        if pending is not None and recorder is not None and LOADED and \
                code in (EXIT_OK, EXIT_FINDINGS):
            if CHECKED:  # first: the command's answer is the most recently used entry
                from mou_reconcile.cli import checkcache

                checkcache.store(pending, CHECKED[0])
            pending.store(recorder, LOADED[0], code, WRITTEN[0] if WRITTEN else None,
                          INPUTS)


def replay(hit: Any, output: Path | None) -> NoReturn:
    """Print a cached answer as the run that stored it did, then exit with its code."""
    for fd, text in hit.chunks:
        stream = sys.stdout if fd == 1 else sys.stderr
        stream.write(text)
        stream.flush()
    if output is not None and hit.output is not None:
        write_output(output, hit.output, [Path(p) for p in hit.inputs])
    raise typer.Exit(hit.exit_code)


def checked(claims: str | None, fmt: Format, *, note: bool = False, sample: bool = True
             ) -> Any:
    """Load and check the claims file. `note`: for commands that do not print problems
    themselves, say on stderr where the first error is, since its claims are left out.
    `sample`: with no claims file found, the bundled sample may stand in (not in CI)."""
    from mou_reconcile import progress
    from mou_reconcile.check.checker import check_file
    from mou_reconcile.corpus.limits import BadLimit, check_environment
    from mou_reconcile.corpus.load import UnreadableInput

    try:
        check_environment()
    except BadLimit as exc:
        say(f"mou-reconcile: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    path, display = locate_claims(claims, fmt.value, sample)
    result = _stored_check(path, display)
    if result is None:
        progress.stage("reading the claims file")
        try:
            result = check_file(path, display)  # type: ignore[arg-type]
        except UnreadableInput as exc:
            fail_unreadable(exc.problem, fmt.value)
        if PENDING:
            CHECKED[:] = [result]
    INPUTS[:] = [result.corpus.path, *(a.path for a in result.corpus.articles.values())]
    LOADED[:] = [result.corpus]
    KEPT.append(result)
    errors = [p for p in result.problems if p.severity.label == "error"]
    if note and errors:
        p = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        from mou_reconcile.reporters.base import left_out

        say(f"{p.path}:{p.line}:{p.col}: {p.code} error: {p.message}{more}; "
            f"{left_out(result.left_out)}: run `mou-reconcile check`")
    return result


def _stored_check(path: object, display: str) -> Any:
    """The check of these inputs a cached command stored earlier (cli/checkcache.py), if
    this command is cached too; else None."""
    if not PENDING or PENDING[0].claims != path or PENDING[0].display != display:
        return None
    from mou_reconcile import progress
    from mou_reconcile.cli import checkcache

    progress.stage("reading the stored check")
    return checkcache.lookup(PENDING[0])


def reconciled(claims: str | None, fmt: Format, *, note: bool = True) -> Any:
    from mou_reconcile.reconcile.reconciler import reconcile

    rec = reconcile(checked(claims, fmt, note=note))
    KEPT.append(rec)
    return rec


def find(rec: Any, kind: str, query: str) -> str:
    """A source or fact by name or unique prefix; else one line with the closest name."""
    from mou_reconcile.corpus.lookup import Unknown, resolve_fact, resolve_source

    try:
        return (resolve_source if kind == "source" else resolve_fact)(rec.corpus, query)
    except Unknown as exc:
        say(exc.message(rec.corpus.display))
        raise typer.Exit(EXIT_USAGE) from None


def publish(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_output(output, text, INPUTS)
