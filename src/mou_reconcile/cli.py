"""The command line: parse options, call the pipeline, map the result to an exit code.

Heavy modules (pydantic, yaml, rich) are imported inside commands, so `--help` and
`--version` stay fast.
"""

# No `from __future__ import annotations`: typer would eval every annotation string at start-up.

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from mou_reconcile import __version__, cliparams
from mou_reconcile.helptext import Command, choices

cliparams.install()  # unset options and exact choices skip typer's pydantic conversion

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="mou-reconcile",
    help="Show where news sources disagree about the facts of a story, with each source's "
         "own words as evidence.\n\nThe claims file is --claims PATH, else "
         "$MOU_RECONCILE_CLAIMS, else ./data/claims.yaml, else (not for check, not in CI) "
         "the sample corpus shipped with the tool.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
    html = "html"


REPORT_ONLY_FORMATS = {Format.html}


class Level(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


ClaimsOption = Annotated[
    str | None,
    typer.Option("--claims", "-c", metavar="PATH", show_default=False,
                 help="Claims file, or a folder holding claims.yaml."),
]


FormatOption = Annotated[Format | None, typer.Option(
    "--format", "-f", metavar=choices(Format), show_default=False,
    help="Output format (html: report only) [default: github when GITHUB_ACTIONS=true, "
         "else text].")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                 help="Write to FILE (atomically) instead of stdout."),
]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Neither use nor store a cached result (also: "
                       "MOU_RECONCILE_NO_CACHE=1). Otherwise an unchanged re-run (same claims "
                       "file, articles, options and tool) prints the stored answer at once.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mou-reconcile {__version__}")
        raise typer.Exit()


# The claims file and articles the running command read: --output never overwrites them.
_INPUTS: list[Path] = []
# For the cache: the corpus the running command checked, and the text it wrote to --output.
_LOADED: list[Any] = []
_WRITTEN: list[str] = []
# What the running command built (its checked corpus, its reconciliation), held until the
# process ends: the console entry then ends it without freeing them one object at a time.
_KEPT: list[Any] = []


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Show where news sources disagree about the facts of a story."""
    _INPUTS.clear()  # runs before every command: nothing from an earlier in-process run
    _LOADED.clear()
    _WRITTEN.clear()
    _KEPT.clear()


def _fail_unreadable(problem: object, fmt: str) -> NoReturn:
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
    typer.echo(f"{problem.path}:{problem.line}:{problem.col}: {problem.code} error: "
               f"{problem.message}{hint}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _locate(claims: str | None, fmt: str, sample: bool) -> tuple[object, str]:
    from mou_reconcile.load import UnreadableInput
    from mou_reconcile.locate import locate

    try:
        found = locate(claims, sample=sample)
    except UnreadableInput as exc:
        _fail_unreadable(exc.problem, fmt)
    if found.origin == "sample":
        from rich.console import Console

        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"using the sample corpus shipped with mou-reconcile: {found.display}",
            style="dim")
    return found.path, found.display


def _resolve_format(fmt: Format | None, command: str, output: Path | None) -> Format:
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


def _emit(fmt: StrEnum, output: Path | None, render: Callable[[Any], None]) -> None:
    """Render with the format's reporter to stdout, or atomically to --output."""
    from mou_reconcile import progress
    from mou_reconcile.reporters import get_reporter

    progress.stage("writing")
    if output is None:
        render(get_reporter(fmt.value, sys.stdout))
        return
    buffer = io.StringIO()
    render(get_reporter(fmt.value, buffer, color=False, width=100))
    _WRITTEN[:] = [buffer.getvalue()]
    _write_output(output, buffer.getvalue(), _INPUTS)


def _write_output(output: Path, text: str, inputs: list[Path]) -> None:
    from mou_reconcile.output import atomic_write

    try:
        atomic_write(output, text, inputs=inputs)
    except OSError as exc:
        typer.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


@contextmanager
def _session(command: str, claims: str | None, fmt: str, output: Path | None,
             no_cache: bool | None, **options: Any) -> Iterator[None]:
    """Around a command's work: the progress bar on a terminal; and, unless `no_cache`
    (None: a command never cached), the cache: an unchanged run's stored answer is printed
    and the work skipped; a new answer (exit code 0 or 1) is stored. `options`: every
    option besides --claims, --output and `fmt` that changes what is printed."""
    from mou_reconcile import progress

    _LOADED.clear()
    _WRITTEN.clear()
    pending = None
    if no_cache is False:
        from mou_reconcile import cache

        if not cache.disabled():
            pending = cache.prepare(command, claims, options=dict(options, format=fmt),
                                    output=output is not None,
                                    terminal=fmt == "text" and output is None)
        if pending is not None:
            hit = pending.lookup()
            if hit is not None:
                _replay(hit, output)
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
        if pending is not None and recorder is not None and _LOADED and \
                code in (EXIT_OK, EXIT_FINDINGS):
            pending.store(recorder, _LOADED[0], code, _WRITTEN[0] if _WRITTEN else None,
                          _INPUTS)


def _replay(hit: Any, output: Path | None) -> NoReturn:
    """Print a cached answer as the run that stored it did, then exit with its code."""
    for fd, text in hit.chunks:
        stream = sys.stdout if fd == 1 else sys.stderr
        stream.write(text)
        stream.flush()
    if output is not None and hit.output is not None:
        _write_output(output, hit.output, [Path(p) for p in hit.inputs])
    raise typer.Exit(hit.exit_code)


def _checked(claims: str | None, fmt: Format, *, note: bool = False, sample: bool = True
             ) -> Any:
    """Load and check the claims file. `note`: for commands that do not print problems
    themselves, say on stderr where the first error is, since its claims are left out.
    `sample`: with no claims file found, the bundled sample may stand in (not in CI)."""
    from mou_reconcile import progress
    from mou_reconcile.check import check_file
    from mou_reconcile.limits import BadLimit, check_environment
    from mou_reconcile.load import UnreadableInput

    try:
        check_environment()
    except BadLimit as exc:
        typer.echo(f"mou-reconcile: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    path, display = _locate(claims, fmt.value, sample)
    progress.stage("reading the claims file")
    try:
        result = check_file(path, display)  # type: ignore[arg-type]
    except UnreadableInput as exc:
        _fail_unreadable(exc.problem, fmt.value)
    _INPUTS[:] = [result.corpus.path, *(a.path for a in result.corpus.articles.values())]
    _LOADED[:] = [result.corpus]
    _KEPT.append(result)
    errors = [p for p in result.problems if p.severity.label == "error"]
    if note and errors:
        p = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        typer.echo(f"{p.path}:{p.line}:{p.col}: {p.code} error: {p.message}{more}; claims "
                   "with errors are left out: run `mou-reconcile check`", err=True)
    return result


def _reconciled(claims: str | None, fmt: Format, *, note: bool = True) -> Any:
    from mou_reconcile.reconcile import reconcile

    rec = reconcile(_checked(claims, fmt, note=note))
    _KEPT.append(rec)
    return rec


def _find(rec: Any, kind: str, query: str) -> str:
    """A source or fact by name or unique prefix; else one line with the closest name."""
    from mou_reconcile.lookup import Unknown, resolve_fact, resolve_source

    try:
        return (resolve_source if kind == "source" else resolve_fact)(rec.corpus, query)
    except Unknown as exc:
        typer.echo(exc.message(rec.corpus.display), err=True)
        raise typer.Exit(EXIT_USAGE) from None


@app.command(
    cls=Command, epilog="Example: mou-reconcile check --claims data/claims.yaml --format json")
def check(
    claims: ClaimsOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Verify a claims file: references, types, and every quote in its article.

    Prints each problem as path:line:col: CODE severity: message, then a summary.
    Exit code 0: no errors (warnings allowed); 1: errors found; 2: unreadable input.
    """
    format = _resolve_format(format, "check", output)
    with _session("check", claims, format.value, output, no_cache):
        result = _checked(claims, format, sample=False)  # no false green on the sample
        _emit(format, output, lambda r: r.check(result))
        raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@app.command(
    cls=Command, epilog="Example: mou-reconcile report --fail-on error --format markdown "
                    "--output report.md")
def report(
    claims: ClaimsOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    fail_on: Annotated[Level | None, typer.Option(
        "--fail-on", metavar=choices(Level),
        help="Exit 1 if an open discrepancy (or a claims-file problem) is at or above this "
             "level.")] = None,
    min_severity: Annotated[Level, typer.Option(
        "--min-severity", metavar=choices(Level),
        help="Show only discrepancies at or above this level.")
    ] = Level.info,
    no_cache: NoCacheOption = False,
) -> None:
    """Every discrepancy between the sources, most severe first, with the evidence.

    Each discrepancy lists every value, the sources behind it and their own words,
    its kinds (conflict, scope, magnitude, arithmetic, enumeration, naming,
    uncorroborated) and likely causes; then corroborated facts and a summary.
    Exit code 0 unless --fail-on finds something (1); 2: unreadable input.
    """
    format = _resolve_format(format, "report", output)
    with _session("report", claims, format.value, output, no_cache,
                  fail_on=fail_on and fail_on.value, min_severity=min_severity.value):
        from mou_reconcile.problems import Severity

        rec = _reconciled(claims, format, note=False)
        shown = Severity.parse(min_severity.value)
        _emit(format, output, lambda r: r.report(rec, shown))
        if fail_on is not None:
            level = Severity.parse(fail_on.value)
            failing = any(d.is_open and d.severity >= level for d in rec.discrepancies) or \
                any(p.severity >= level for p in rec.check.problems)
            raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command(
    cls=Command, epilog="Example: mou-reconcile explain sky47.data_centre_partner")
def explain(
    fact: Annotated[str, typer.Argument(
        metavar="FACT", help="subject.property, or a unique prefix of it.")],
    claims: ClaimsOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """One fact: every claim, its quote shown in the source's own sentence.

    The quote is underlined and the value highlighted, with the article's line
    number; then the discrepancy's likely causes and the verdict, if any.
    """
    with _session("explain", claims, "text", None, no_cache, fact=fact):
        from mou_reconcile import progress
        from mou_reconcile.explain import explain
        from mou_reconcile.reporters.text_reporter import TextReporter

        rec = _reconciled(claims, Format.text)
        name = _find(rec, "fact", fact)
        found = explain(rec, name)
        progress.stage("writing")
        TextReporter(sys.stdout).explain(rec, found)



# --- Editors: diff, sources, matrix, timeline -------------------------------------------


class ViewFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


ViewFormatOption = Annotated[ViewFormat, typer.Option(
    "--format", "-f", metavar=choices(ViewFormat))]


class DataFormat(StrEnum):
    text = "text"
    json = "json"


DataFormatOption = Annotated[DataFormat, typer.Option(
    "--format", "-f", metavar=choices(DataFormat))]


@app.command(
    cls=Command, epilog="Example: mou-reconcile diff pm-beijing jwg-dec22 --quotes")
def diff(
    source_a: Annotated[str, typer.Argument(
        metavar="A", help="A source id, its article's path, or a unique prefix.")],
    source_b: Annotated[str, typer.Argument(metavar="B", help="Another source, likewise.")],
    claims: ClaimsOption = None,
    quotes: Annotated[bool, typer.Option(
        "--quotes", "-q", help="Show each side's own words beneath its value.")] = False,
    format: ViewFormatOption = ViewFormat.text,
    output: OutputOption = None,
    fail_on: Annotated[Level | None, typer.Option(
        "--fail-on", metavar=choices(Level),
        help="Exit 1 if an unresolved difference is at or above this level (conflict: error; "
             "scope, magnitude: warning; compatible: info).")
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Two sources side by side, fact by fact: differ (and how), only in A, only in B, agree.

    Values of a multi-valued fact are compared one by one. Exit code 0 unless --fail-on
    finds something (1); 2: unreadable input or an unknown source.
    """
    with _session("diff", claims, format.value, output, no_cache, a=source_a, b=source_b,
                  quotes=quotes, fail_on=fail_on and fail_on.value):
        from mou_reconcile.diff import diff_sources
        from mou_reconcile.problems import Severity

        rec = _reconciled(claims, Format(format.value))
        a, b = _find(rec, "source", source_a), _find(rec, "source", source_b)
        if a == b:
            typer.echo(f"A and B are both {a!r}: name two different sources", err=True)
            raise typer.Exit(EXIT_USAGE)
        result = diff_sources(rec, a, b)
        _emit(Format(format.value), output, lambda r: r.diff(rec, result, quotes))
        if fail_on is not None:
            level = Severity.parse(fail_on.value)
            failing = any(r.severity is not None and r.severity >= level and not r.resolved
                          for r in result.rows)
            raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command(
    cls=Command, epilog="Example: mou-reconcile sources --format json")
def sources(
    claims: ClaimsOption = None,
    format: DataFormatOption = DataFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Each source: title, date, claim count, how many of its values others confirm or
    contradict, and the sources it is not independent of, with the reason.

    Exit code 0; 2: unreadable input.
    """
    with _session("sources", claims, format.value, output, no_cache):
        from mou_reconcile.matrix import build_matrix
        from mou_reconcile.sources import profile_sources

        rec = _reconciled(claims, Format(format.value))
        profiles = profile_sources(rec, build_matrix(rec))
        _emit(Format(format.value), output, lambda r: r.sources(rec, profiles))


@app.command(
    cls=Command, epilog="Example: mou-reconcile matrix --disputed -s pm-beijing -s jwg-dec22")
def matrix(
    facts: Annotated[list[str] | None, typer.Argument(
        metavar="[FACT]...", show_default=False,
        help="Show only facts starting with these (a subject, or subject.property).")] = None,
    claims: ClaimsOption = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", metavar="SOURCE", show_default=False,
        help="Only this source's column (id, path or unique prefix); repeatable.")] = None,
    disputed: Annotated[bool, typer.Option(
        "--disputed", help="Only facts whose sources give different values.")] = False,
    format: ViewFormatOption = ViewFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Facts as rows, sources as columns: each cell the value that source gives, marked
    and coloured by how the other sources' values relate to it.

    ✓ agree, ✗ differ, ≈ compatible (different, but the bounds allow both), • only this
    source. Too many sources for the terminal's width are split into pages of columns.
    Exit code 0; 2: unreadable input, or an unknown fact or source.
    """
    with _session("matrix", claims, format.value, output, no_cache, facts=facts,
                  source=source, disputed=disputed):
        from mou_reconcile.matrix import build_matrix, claims_by_fact

        rec = _reconciled(claims, Format(format.value))
        wanted = None
        if facts:
            known = sorted(claims_by_fact(rec.corpus))
            wanted = [f for f in known if any(f.startswith(q) for q in facts)]
            for q in facts:
                if not any(f.startswith(q) for f in known):
                    _find(rec, "fact", q)  # no match: says so, with the closest name
        table = build_matrix(rec, wanted)
        if source:
            table.sources = list(dict.fromkeys(_find(rec, "source", s) for s in source))
        if disputed:
            table.rows = [r for r in table.rows if r.disputed]
        table.rows = [r for r in table.rows if any(r.cells[s].claims for s in table.sources)]
        _emit(Format(format.value), output, lambda r: r.matrix(rec, table))


@app.command(
    cls=Command, epilog="Example: mou-reconcile timeline pk-cn-it-mous-2025.agreement_count")
def timeline(
    fact: Annotated[str | None, typer.Argument(
        metavar="[FACT]", show_default=False,
        help="One fact (subject.property, or a unique prefix); default: every fact "
             "stated on two or more dates.")] = None,
    claims: ClaimsOption = None,
    format: DataFormatOption = DataFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A fact's values in date order, so a revised figure reads as a revision, not a
    contradiction.

    A claim's date is its context.as_of, else its source's published date. Each value is
    marked first, up, down, changed, unchanged, or same date (two values for one date: a
    real disagreement). Exit code 0; 2: unreadable input or an unknown fact.
    """
    with _session("timeline", claims, format.value, output, no_cache, fact=fact):
        from mou_reconcile.timeline import timelines

        rec = _reconciled(claims, Format(format.value))
        name = _find(rec, "fact", fact) if fact is not None else None
        found = timelines(rec.corpus, name)
        _emit(Format(format.value), output, lambda r: r.timeline(rec, found))


# --- Curators: extract, coverage ----------------------------------------------------------


class StubFormat(StrEnum):
    yaml = "yaml"
    text = "text"


class CoverageFormat(StrEnum):
    text = "text"
    json = "json"


CoverageFormatOption = Annotated[CoverageFormat, typer.Option(
    "--format", "-f", metavar=choices(CoverageFormat))]


YearsOption = Annotated[bool, typer.Option(
    "--years", help='Also list bare years ("launched in 2015"), for date properties.')]


def _article_for(corpus: Any, query: str) -> tuple[Any, bool, str | None]:
    """A declared source's article, else an article file not yet in the claims file."""
    from mou_reconcile.extract import read_new_article
    from mou_reconcile.load import UnreadableInput
    from mou_reconcile.lookup import Unknown, resolve_source

    try:
        sid = resolve_source(corpus, query)
    except Unknown as exc:
        if not Path(query).is_file():
            errors = sum(p.severity.label == "error" for p in corpus.problems)
            note = (f" (it has {errors} error{'s' * (errors != 1)}: run `mou-reconcile "
                    "check`)") if errors else ""
            typer.echo(exc.message(corpus.display) + note + "; or give the path of an "
                       "article file", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        try:
            article, file = read_new_article(Path(query), corpus)
        except UnreadableInput as unreadable:
            _fail_unreadable(unreadable.problem, "text")
        return article, True, file
    if sid not in corpus.articles:  # missing, unreadable, not UTF-8: check said why
        why = [p for p in corpus.problems if f"source {sid!r}" in p.message]
        if why:
            _fail_unreadable(why[0], "text")
        typer.echo(f"source {sid!r}: its article cannot be read; run `mou-reconcile check`",
                   err=True)
        raise typer.Exit(EXIT_USAGE)
    return corpus.articles[sid], False, corpus.source(sid).file


@app.command(
    cls=Command, epilog="Example: mou-reconcile extract jwg-skills --format text")
def extract(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", help="A source id, its article's path, or a unique prefix; or the "
                               "path of an article not yet in the claims file.")],
    claims: ClaimsOption = None,
    format: Annotated[StubFormat, typer.Option(
        "--format", "-f", metavar=choices(StubFormat),
        help="yaml: claim stubs to paste; text: to read.")] = StubFormat.yaml,
    years: YearsOption = False,
    output: OutputOption = None,
) -> None:
    """Every quantity an article states, as claim stubs for a curator to complete.

    Digits, number words, scale words, ranges and hedges (as the bound); ordinals and
    multipliers apart; codes such as 5G or SKY47 never; years only with --years. Each with
    its line, sentence, a property hint and the known entities of its sentence. Paste the
    YAML stubs under `claims:`, set subject and property, and `check` passes.

    Exit code 0; 2: unreadable input, an unknown source, or an unreadable article.
    """
    from mou_reconcile.extract import extract as find_candidates

    with _session("extract", claims, format.value, output, None):
        corpus = _checked(claims, Format.text, note=True).corpus
        article, new, file = _article_for(corpus, source)
        found = find_candidates(article, corpus, years=years, new=new, file=file)
        _emit(format, output, lambda r: r.extract(found))


@app.command(
    cls=Command, epilog="Example: mou-reconcile coverage --fail-under 90 --format json")
def coverage(
    claims: ClaimsOption = None,
    format: CoverageFormatOption = CoverageFormat.text,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", metavar="PCT", min=0, max=100, show_default=False,
        help="Exit 1 if under PCT percent of the quantities are curated or explained.")
    ] = None,
    years: YearsOption = False,
    output: OutputOption = None,
) -> None:
    """Per source, the quantities its article states that no claim records.

    Curated: a claim's quote holds the quantity and the claim records that number.
    Explained: a `not_curated` entry's quote holds it (with the reason). The rest are
    listed with a quote to start a claim from.

    Exit code 0; 1: coverage under --fail-under; 2: unreadable input.
    """
    from mou_reconcile.coverage import coverage as measure

    with _session("coverage", claims, format.value, output, None):
        result = measure(_checked(claims, Format(format.value), note=True), years=years)
        _emit(format, output, lambda r: r.coverage(result))
        if fail_under is not None and result.percent < fail_under:
            typer.echo(f"coverage {result.percent:.2f}% is under --fail-under "
                       f"{fail_under:g}%", err=True)
            raise typer.Exit(EXIT_FINDINGS)


# --- Publishing: schema, export -----------------------------------------------------------


def _publish(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    _write_output(output, text, _INPUTS)


@app.command(
    cls=Command, epilog="Example: mou-reconcile schema --output docs/claims.schema.json")
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of the claims file, generated from the models.

    Draft-07 constructs and no $schema key, so YAML language servers use it for
    completion and validation: put `# yaml-language-server: $schema=PATH` (PATH relative
    to the claims file) on the claims file's first line.
    """
    from mou_reconcile.schema import schema_text

    _publish(schema_text(), output)


export_app = typer.Typer(
    help="Publish verdicts in other formats.", no_args_is_help=True,
    epilog="Example: mou-reconcile export claimreview --base-url "
           "https://example.org/report.html --author 'Example Fact Desk'")
app.add_typer(export_app, name="export")


@export_app.command("claimreview", cls=Command, epilog="Example: mou-reconcile export claimreview "
                    "--base-url https://example.org/report.html --author 'Example Fact Desk'")
def export_claimreview(
    claims: ClaimsOption = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", metavar="URL", show_default=False,
        help="Page the reviews are published on; each review's url is URL#<fact>.")] = None,
    author: Annotated[str | None, typer.Option(
        "--author", metavar="NAME", show_default=False,
        help="The fact-checking organisation publishing the reviews.")] = None,
    output: OutputOption = None,
) -> None:
    """schema.org ClaimReview JSON-LD for each resolved discrepancy with a rating.

    A JSON array of ClaimReview objects, one per resolution in the claims file that
    has a `rating` and closes its discrepancy; each source stating a value is an
    appearance of the reviewed claim. Without --base-url each url is the fragment
    #<fact>, which resolves against the page embedding the markup.
    """
    import json

    from mou_reconcile.claimreview import export

    with _session("export", claims, "json", output, None):
        rec = _reconciled(claims, Format.text, note=False)
        result = export(rec, base_url, author)
    if rec.check.problems:
        typer.echo(f"note: the claims file has {len(rec.check.problems)} problems; run "
                   "`mou-reconcile check`", err=True)
    for fact in result.skipped:
        typer.echo(f"note: no ClaimReview for {fact}: it has a rating but its discrepancy "
                   "is not resolved", err=True)
    if not result.reviews:
        typer.echo("note: no resolved discrepancy has a rating; add `rating:` to a "
                   "resolution", err=True)
    _publish(json.dumps(result.reviews, indent=2, ensure_ascii=False) + "\n", output)


def main() -> int:
    """Run the command in sys.argv and return its exit code (the console entry,
    `console.main`, handles Ctrl-C and ends the process)."""
    from mou_reconcile.console import closed_pipe

    try:
        try:
            app(prog_name="mou-reconcile")
        except SystemExit as exc:  # typer's standalone mode always ends with one
            _KEPT.append(exc)  # its traceback holds the command's frames: see _KEPT
            code = exc.code
        else:
            code = 0
        # Typer (as click) turns a closed pipe into exit 1, the code for findings here, and
        # wraps the streams to silence it: that wrapper is how the closed pipe shows.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            return closed_pipe()
        sys.stdout.flush()  # a reader gone surfaces here, not as a warning at exit
    except BrokenPipeError:
        return closed_pipe()
    if code is None or isinstance(code, int):
        return code or 0
    sys.stderr.write(f"{code}\n")  # sys.exit("message"): print it, as the interpreter does
    return 1
