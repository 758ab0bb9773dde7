"""The program as it ships: every command, with every `--format` it offers and with
`--output`, run as a user runs it: the installed console script (and `python -m
mou_reconcile`) in a process of its own, in a clean environment, from an empty folder.

The commands, their formats, arguments and options are read from the typer app, so a new
command or format is covered without editing this file; the arguments are names taken from
the sample corpus's own report. What must hold for every run: the documented exit code,
something on stdout where the command has something to say (JSON that parses, SARIF that
validates), no traceback, `--output FILE` holding exactly the bytes stdout gives and
nothing else created beside it.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, REPO

SCRIPT = Path(sys.executable).parent / "mou-reconcile"
if not SCRIPT.is_file():
    pytest.skip(f"the console script is not installed beside {sys.executable}: these tests "
                "run the program as it ships (pip install the project, then pytest)",
                allow_module_level=True)

SAMPLE = REPO / "data" / "claims.yaml"
SAMPLE_ARTICLE = REPO / "data" / "articles" / "huawei-statement.txt"  # for `add`
BROKEN = CASES / "duplicate-id"  # a claims file with an error-level problem (MR202)
NOT_UTF8 = CASES / "not-utf8"  # a claims file that cannot be read at all
SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
JSON_FORMATS = {"json", "sarif"}  # stdout is one JSON document
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2  # README, "Exit codes"
TIMEOUT = 120


# --- the commands, from the typer app -----------------------------------------------------


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]  # as typed: ("export", "claimreview")
    formats: tuple[str, ...]  # the --format choices; () without --format
    default_format: str | None  # its declared default (None: decided at run time)
    arguments: tuple[str, ...]  # required positional parameters, by name
    claims: bool  # takes --claims
    output: bool  # takes --output
    options: frozenset[str]  # every option name it takes
    choices: tuple[tuple[str, tuple[str, ...]], ...]  # (option, its choices) for each choice
    prints_json: bool  # without --format, and its help says it prints JSON (schema, export)

    @property
    def name(self) -> str:
        return " ".join(self.words)

    def choices_of(self, option: str) -> tuple[str, ...]:
        return dict(self.choices)[option]


def _choices(param: Any) -> tuple[str, ...] | None:
    """A parameter's choices (click's Choice where typer builds one, else its enum's
    values), or None."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return tuple(str(getattr(c, "value", c)) for c in choices)
    descriptor = getattr(param, "type_descriptor", None)  # typer 0.2x keeps the annotation
    annotation = getattr(descriptor, "annotation", None)
    members = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    kind = members[0]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return tuple(str(m.value) for m in kind)
    return None


@cache
def shipped_commands() -> tuple[Command, ...]:
    from typer.main import get_command

    from mou_reconcile.cli import app

    found: list[Command] = []

    def walk(group: Any, words: tuple[str, ...]) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):  # a sub-typer: `export`
                walk(command, (*words, name))
                continue
            options = [p for p in command.params if p.param_type_name == "option"]
            names = frozenset(o for p in options for o in p.opts)
            fmt = next((p for p in options if "--format" in p.opts), None)
            default = None if fmt is None or fmt.default is None else \
                str(getattr(fmt.default, "value", fmt.default))
            choices = tuple((p.opts[0], c) for p in options
                            if (c := _choices(p)) is not None)
            found.append(Command(
                (*words, name), dict(choices).get("--format", ()), default,
                tuple(p.name for p in command.params
                      if p.param_type_name == "argument" and p.required),
                "--claims" in names, "--output" in names, names, choices,
                fmt is None and "JSON" in (command.help or "")))

    walk(get_command(app), ())
    return tuple(found)


COMMANDS = shipped_commands()
# Commands that write into a story folder: never run on the sample or in the working folder,
# but each on a folder of its own (test_init_and_add_write_a_story_that_checks).
WRITERS = {("init",), ("add",)}
READERS = tuple(c for c in COMMANDS if c.words not in WRITERS)
COMBINATIONS = [(c, f) for c in READERS for f in (c.formats or (None,))]


def command_named(*words: str) -> Command:
    return next(c for c in COMMANDS if c.words == words)


def combo_id(command: Command, fmt: str | None) -> str:
    return command.name.replace(" ", "-") + (f"-{fmt}" if fmt else "")


# --- running a process --------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.text)

    def __str__(self) -> str:  # for assertion messages
        return (f"mou-reconcile {' '.join(self.args)} -> exit {self.code}\n"
                f"stderr: {self.stderr[-2000:]}\nstdout: {self.text[:500]}")


# Set by CI services: the tool then never falls back to the sample and defaults to GitHub's
# format, so none of them may leak in from wherever the suite runs.
CI_VARIABLES = {"CI", "GITHUB_ACTIONS", "TF_BUILD"}
# What changes colour, width or the imported code; set below, or dropped.
DROPPED = {"PYTHONPATH", "FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
           "LINES", "COLUMNS", "NO_COLOR", "TERM"}


class Shipped:
    """Runs the installed program from an empty folder; a run without --output is kept
    and reused (the same arguments always give the same answer)."""

    def __init__(self, cwd: Path, cache_home: Path) -> None:
        from mou_reconcile.corpus.locate import CI_VARIABLES as tool_ci

        drop = CI_VARIABLES | set(tool_ci) | DROPPED
        self.cwd = cwd
        self.env = {k: v for k, v in os.environ.items()
                    if k not in drop and not k.startswith("MOU_RECONCILE_")}
        self.env.update({"MOU_RECONCILE_NO_CACHE": "1", "XDG_CACHE_HOME": str(cache_home),
                         "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
        self.kept: dict[tuple[str, tuple[str, ...]], Result] = {}

    def __call__(self, *args: str, module: bool = False) -> Result:
        key = ("-m" if module else "script", args)
        if key in self.kept:
            return self.kept[key]
        program = [sys.executable, "-m", "mou_reconcile"] if module else [str(SCRIPT)]
        proc = subprocess.run([*program, *args], cwd=self.cwd, env=self.env,
                              capture_output=True, timeout=TIMEOUT, check=False)
        result = Result(args, proc.returncode, proc.stdout,
                        proc.stderr.decode("utf-8", errors="replace"))
        assert "Traceback" not in result.stderr, str(result)
        assert "Traceback (most recent call last)" not in result.text, str(result)
        assert sorted(self.cwd.iterdir()) == [], f"{result}\nwrote into its working folder"
        if "--output" not in args and "-o" not in args:
            self.kept[key] = result
        return result


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shipped]:
    cache_home = tmp_path_factory.mktemp("xdg-cache")
    runner = Shipped(tmp_path_factory.mktemp("cwd"), cache_home)
    yield runner
    assert list(cache_home.iterdir()) == [], "MOU_RECONCILE_NO_CACHE=1 still wrote a cache"


# --- the sample corpus's names ------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    report: dict[str, Any]
    fact: str  # a fact the sources disagree on, with an error-level discrepancy
    source_a: str  # two sources that give it different values
    source_b: str

    def values(self) -> dict[str, str]:
        """A value for each argument a command requires, by parameter name."""
        return {"fact": self.fact, "source_a": self.source_a, "source_b": self.source_b,
                "source": self.source_a, "pages": str(SAMPLE_ARTICLE)}


@pytest.fixture(scope="module")
def sample(shipped: Shipped) -> Sample:
    run = shipped("report", "--claims", str(SAMPLE), "--format", "json")
    assert run.code == EXIT_OK, str(run)
    report = run.json()
    disputed = [d for d in report["discrepancies"]
                if d["status"] == "open" and d["severity"] == "error" and len(d["values"]) > 1]
    assert disputed, "the sample corpus has no open error-level discrepancy to work with"
    first = disputed[0]
    sources = [v["sources"][0] for v in first["values"]]
    assert sources[0] != sources[1]
    return Sample(report, first["fact"], sources[0], sources[1])


def invocation(command: Command, sample: Sample, claims: Path | None = SAMPLE,
               fmt: str | None = None) -> list[str]:
    """The command with its required arguments, --claims and --format."""
    values = sample.values()
    missing = [a for a in command.arguments if a not in values]
    if missing:
        pytest.fail(f"`{command.name}` requires {missing}: give Sample.values a name from the "
                    "sample corpus for it, so that the new command is run")
    args = [*command.words, *(values[a] for a in command.arguments)]
    if command.claims and claims is not None:
        args += ["--claims", str(claims)]
    if fmt is not None:
        args += ["--format", fmt]
    return args


def sample_check_code(sample: Sample) -> int:
    errors = [p for p in sample.report["problems"] if p["severity"] == "error"]
    return EXIT_FINDINGS if errors else EXIT_OK


def expected_code(command: Command, fmt: str | None, sample: Sample) -> int:
    """On the sample, without --fail-on: 0, but for check with errors. Every format a
    command's help offers works: none is offered only to be refused."""
    if command.words == ("check",):
        return sample_check_code(sample)
    return EXIT_OK


@cache
def sarif_validator() -> Any:
    import jsonschema

    if not SARIF_SCHEMA.is_file():
        return None
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def assert_says_something(run: Result, fmt: str | None, command: Command | None = None
                          ) -> None:
    """stdout is not empty, and a JSON format's stdout is one valid document."""
    assert run.text.strip(), f"{run}\nprinted nothing"
    if fmt in JSON_FORMATS or (command is not None and command.prints_json):
        document = run.json()
        assert document, str(run)
    if fmt == "sarif":
        validator = sarif_validator()
        if validator is not None:
            errors = [f"{list(e.absolute_path)}: {e.message}"
                      for e in validator.iter_errors(run.json())]
            assert errors == [], str(run)


# --- the commands are the ones documented, with their formats ----------------------------


def test_the_app_declares_the_documented_commands_and_formats() -> None:
    names = {c.name for c in COMMANDS}
    # A lower bound, so that a broken discovery cannot pass by finding nothing.
    assert names >= {"check", "report", "explain", "diff", "sources", "matrix", "timeline",
                     "extract", "coverage", "schema", "export claimreview"}
    by_name = {c.name: c for c in COMMANDS}
    assert set(by_name["report"].formats) >= {"text", "json", "markdown", "github", "sarif",
                                              "html"}
    assert len(COMBINATIONS) >= 25
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`mou-reconcile {name}" in readme, f"{name} is not in the README's table"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name.replace(" ", "-"))
def test_help_exits_0_with_an_example_and_lists_the_declared_formats(
        shipped: Shipped, command: Command) -> None:
    run = shipped(*command.words, "--help")
    assert run.code == EXIT_OK, str(run)
    assert run.text.startswith(f"Usage: mou-reconcile {command.name} "), str(run)
    assert f"Example: mou-reconcile {command.name}" in run.text, str(run)
    listed = re.search(r"--format \[([\w|]+)\]", run.text)
    assert (listed.group(1).split("|") if listed else []) == list(command.formats), str(run)
    assert ("--output FILE" in run.text) == command.output


def test_help_of_the_program_and_its_groups_lists_every_command(shipped: Shipped) -> None:
    groups: dict[tuple[str, ...], set[str]] = {}
    for command in COMMANDS:
        for depth in range(len(command.words)):
            groups.setdefault(command.words[:depth], set()).add(command.words[depth])
    assert () in groups and len(groups) >= 2  # the program and `export`
    for words, children in groups.items():
        run = shipped(*words, "--help")
        assert run.code == EXIT_OK, str(run)
        listed = set(re.findall(r"(?m)^  (\w[\w-]*)  ", run.text.split("Commands:", 1)[1]))
        assert listed == children, str(run)
        if words:
            assert f"Example: mou-reconcile {' '.join(words)} " in run.text, str(run)


@pytest.mark.parametrize("module", [False, True], ids=["script", "python-m"])
def test_version_prints_the_package_version(shipped: Shipped, module: bool) -> None:
    from mou_reconcile import __version__

    run = shipped("--version", module=module)
    assert run.code == EXIT_OK, str(run)
    assert run.text == f"mou-reconcile {__version__}\n"
    assert run.stderr == ""


# --- every command with every format: stdout, then --output -------------------------------


@pytest.mark.parametrize(("command", "fmt"), COMBINATIONS,
                         ids=[combo_id(c, f) for c, f in COMBINATIONS])
def test_every_format_to_stdout(shipped: Shipped, sample: Sample, command: Command,
                                fmt: str | None) -> None:
    run = shipped(*invocation(command, sample, fmt=fmt))
    code = expected_code(command, fmt, sample)
    assert run.code == code, str(run)
    assert_says_something(run, fmt, command)
    assert run.stderr == "", str(run)  # the sample is clean: nothing to note


@pytest.mark.parametrize(("command", "fmt"), [(c, f) for c, f in COMBINATIONS if c.output],
                         ids=[combo_id(c, f) for c, f in COMBINATIONS if c.output])
def test_every_format_to_output_writes_what_stdout_shows(
        shipped: Shipped, sample: Sample, command: Command, fmt: str | None,
        tmp_path: Path) -> None:
    args = invocation(command, sample, fmt=fmt)
    printed = shipped(*args)
    out = tmp_path / f"out.{fmt or 'txt'}"
    run = shipped(*args, "--output", str(out))
    assert run.code == printed.code, str(run)
    assert run.stdout == b"", str(run)  # the file instead of stdout, nothing mixed in
    assert run.stderr == printed.stderr, str(run)
    if run.code == EXIT_USAGE:
        assert list(tmp_path.iterdir()) == [], "a refused run created a file"
        return
    # With --output the text reporter renders without colour at width 100 (cli._emit); the
    # stdout runs have NO_COLOR=1, COLUMNS=100 and TERM=dumb, so the bytes must be the same.
    assert out.read_bytes() == printed.stdout, f"{run}\n--output differs from stdout"
    assert [p.name for p in tmp_path.iterdir()] == [out.name], "more than FILE was created"


@pytest.mark.parametrize("command", READERS, ids=lambda c: c.name.replace(" ", "-"))
def test_python_m_runs_each_command_in_its_default_format_as_the_script(
        shipped: Shipped, sample: Sample, command: Command) -> None:
    # No --format: the declared default, or text outside GitHub Actions where it is decided
    # at run time (check, report).
    default = command.default_format or ("text" if command.formats else None)
    run = shipped(*invocation(command, sample), module=True)
    script = shipped(*invocation(command, sample, fmt=default))
    assert (run.code, run.stdout, run.stderr) == (script.code, script.stdout, script.stderr)
    assert run.code == expected_code(command, default, sample), str(run)
    assert_says_something(run, default, command)


def test_python_m_writes_the_output_file_as_the_script(shipped: Shipped, sample: Sample,
                                                      tmp_path: Path) -> None:
    report = next(c for c in COMMANDS if c.words == ("report",))
    for fmt in report.formats:
        out = tmp_path / f"report.{fmt}"
        run = shipped(*invocation(report, sample, fmt=fmt), "-o", str(out), module=True)
        assert run.code == EXIT_OK and run.stdout == b"", str(run)
        assert out.read_bytes() == shipped(*invocation(report, sample, fmt=fmt)).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"report.{f}" for f in report.formats)


# --- export claimreview: a real array, not nothing ----------------------------------------


def rated_resolutions(sample: Sample) -> list[str]:
    return [d["fact"] for d in sample.report["discrepancies"]
            if d["status"] != "open" and (d.get("resolution") or {}).get("rating")]


def test_export_claimreview_prints_a_review_for_each_rated_resolution(
        shipped: Shipped, sample: Sample, tmp_path: Path) -> None:
    facts = rated_resolutions(sample)
    assert facts, "the sample corpus has no rated resolution"
    args = ["export", "claimreview", "--claims", str(SAMPLE)]
    run = shipped(*args)
    assert run.code == EXIT_OK, str(run)
    reviews = run.json()
    assert isinstance(reviews, list) and len(reviews) == len(facts), str(run)
    assert all(r["@type"] == "ClaimReview" for r in reviews)
    assert sorted(r["url"] for r in reviews) == sorted(f"#{f}" for f in facts)
    out = tmp_path / "reviews.json"
    written = shipped(*args, "-o", str(out))
    assert written.code == EXIT_OK and written.stdout == b"", str(written)
    assert out.read_bytes() == run.stdout
    assert list(tmp_path.iterdir()) == [out]


# --- exit code 1: findings ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", command_named("check").formats)
def test_check_with_an_error_exits_1_in_every_format(shipped: Shipped, sample: Sample,
                                                    fmt: str, tmp_path: Path) -> None:
    check = command_named("check")
    run = shipped(*invocation(check, sample, claims=BROKEN, fmt=fmt))
    assert run.code == EXIT_FINDINGS, str(run)
    assert_says_something(run, fmt)
    code = (BROKEN / "expected.txt").read_text(encoding="utf-8").split("\n")[1].split()[0]
    assert code in run.text, f"{run}\ndoes not name {code}"
    out = tmp_path / "problems"
    written = shipped(*invocation(check, sample, claims=BROKEN, fmt=fmt), "-o", str(out))
    assert written.code == EXIT_FINDINGS and written.stdout == b"", str(written)
    assert out.read_bytes() == run.stdout
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("level", command_named("report").choices_of("--fail-on"))
def test_report_fail_on_exits_1_on_an_open_discrepancy_at_or_above_the_level(
        shipped: Shipped, sample: Sample, level: str) -> None:
    order = ["info", "warning", "error"]
    at_or_above = order[order.index(level):]
    open_counts = sample.report["summary"]["open"]
    failing = any(open_counts.get(s, 0) for s in at_or_above) or any(
        p["severity"] in at_or_above for p in sample.report["problems"])
    run = shipped("report", "--claims", str(SAMPLE), "--fail-on", level, "--format", "json")
    assert run.code == (EXIT_FINDINGS if failing else EXIT_OK), str(run)
    assert run.json() == sample.report  # --fail-on changes the exit code, not the report


def test_report_fail_on_error_counts_claims_file_errors(shipped: Shipped) -> None:
    run = shipped("report", "--claims", str(BROKEN), "--fail-on", "error", "--format", "json")
    assert run.code == EXIT_FINDINGS, str(run)
    assert any(p["severity"] == "error" for p in run.json()["problems"])


def test_diff_fail_on_exits_1_on_an_unresolved_difference(shipped: Shipped,
                                                         sample: Sample) -> None:
    args = ["diff", sample.source_a, sample.source_b, "--claims", str(SAMPLE)]
    rows = shipped(*args, "--format", "json").json()["facts"]
    assert any(r["fact"] == sample.fact and r["severity"] == "error" for r in rows)
    run = shipped(*args, "--fail-on", "error")
    assert run.code == EXIT_FINDINGS, str(run)
    assert run.stdout == shipped(*args).stdout


def test_coverage_fail_under_exits_1_under_the_threshold(shipped: Shipped) -> None:
    base = ["coverage", "--claims", str(BROKEN)]
    percent = shipped(*base, "--format", "json").json()["summary"]["coverage"]
    assert 0 < percent < 99
    under = shipped(*base, "--fail-under", str(math.ceil(percent) + 1))
    assert under.code == EXIT_FINDINGS, str(under)
    assert "under --fail-under" in under.stderr
    met = shipped(*base, "--fail-under", str(math.floor(percent)))
    assert met.code == EXIT_OK, str(met)
    assert under.stdout == met.stdout != b""


# --- exit code 2: input that cannot be read, usage errors ---------------------------------


MISSING_FILE_RUNS = [(c, f) for c in COMMANDS if c.claims
                     for f in [x for x in c.formats if x in JSON_FORMATS] or [None]]


@pytest.mark.parametrize(("command", "fmt"), MISSING_FILE_RUNS,
                         ids=[combo_id(c, f) for c, f in MISSING_FILE_RUNS])
def test_a_missing_claims_file_exits_2_in_every_machine_format(
        shipped: Shipped, sample: Sample, command: Command, fmt: str | None,
        tmp_path: Path) -> None:
    missing = tmp_path / "no-such" / "claims.yaml"
    run = shipped(*invocation(command, sample, claims=missing, fmt=fmt))
    assert run.code == EXIT_USAGE, str(run)
    assert "MR100" in run.stderr and str(missing) in run.stderr, str(run)
    if run.stdout:  # what a JSON format prints about it is JSON
        assert fmt in JSON_FORMATS or command.prints_json, str(run)
        assert_says_something(run, fmt, command)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("words", [c.words for c in COMMANDS if c.claims],
                         ids=lambda w: "-".join(w))
def test_a_claims_file_that_is_not_utf8_exits_2(shipped: Shipped, sample: Sample,
                                               words: tuple[str, ...]) -> None:
    run = shipped(*invocation(command_named(*words), sample, claims=NOT_UTF8))
    assert run.code == EXIT_USAGE, str(run)
    assert "MR100" in run.stderr, str(run)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.formats],
                         ids=lambda c: c.name.replace(" ", "-"))
def test_an_unknown_format_is_a_usage_error(shipped: Shipped, sample: Sample,
                                            command: Command) -> None:
    run = shipped(*invocation(command, sample, fmt="no-such-format"))
    assert run.code == EXIT_USAGE, str(run)
    assert run.stdout == b"" and "Usage: mou-reconcile" in run.stderr, str(run)
    # What was given and what is allowed (exactly the formats the help offers), in words.
    assert f"'no-such-format' is not one of {', '.join(command.formats)}" in run.stderr, \
        str(run)
    assert "Value error" not in run.stderr and "Input should" not in run.stderr, str(run)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.arguments],
                         ids=lambda c: c.name.replace(" ", "-"))
def test_a_missing_argument_or_an_unknown_name_is_a_usage_error(
        shipped: Shipped, sample: Sample, command: Command) -> None:
    bare = shipped(*command.words, "--claims", str(SAMPLE))
    assert bare.code == EXIT_USAGE and "Missing argument" in bare.stderr, str(bare)
    args = invocation(command, sample)
    wrong = [a if a not in sample.values().values() else "zz-no-such-name" for a in args]
    unknown = shipped(*wrong)
    assert unknown.code == EXIT_USAGE and unknown.stdout == b"", str(unknown)
    assert "zz-no-such-name" in unknown.stderr, str(unknown)


def test_output_into_a_missing_folder_exits_2_and_creates_nothing(
        shipped: Shipped, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "report.json"
    run = shipped("report", "--claims", str(SAMPLE), "--format", "json", "--output", str(out))
    assert run.code == EXIT_USAGE and run.stdout == b"", str(run)
    assert "cannot write" in run.stderr, str(run)
    assert list(tmp_path.iterdir()) == []


# --- the commands that write: a story of their own ----------------------------------------


def test_init_and_add_write_a_story_that_checks(shipped: Shipped, tmp_path: Path) -> None:
    assert {c.words for c in COMMANDS} >= WRITERS
    story = tmp_path / "story"
    run = shipped("init", str(story))
    assert run.code == EXIT_OK and "created" in run.text, str(run)
    assert sorted(p.name for p in story.iterdir()) == ["articles", "claims.yaml"]
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Ferry fire | Coastal Post</title>"
                    '<meta property="og:site_name" content="Coastal Post">'
                    '<meta property="article:published_time" content="2026-03-14T09:00:00Z">'
                    "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                    "<article><h1>Ferry fire</h1><p>Eleven people were hurt when fire swept "
                    "through the Lantern, a ferry run by Bay Line, on Saturday morning.</p>"
                    "<p>The vessel was carrying some 250 passengers, the operator said in a "
                    "statement on Saturday evening.</p></article>"
                    "<footer>All rights reserved.</footer></body></html>", encoding="utf-8")
    added = shipped("add", str(page), "--claims", str(story))
    assert added.code == EXIT_OK and "added coastal-post" in added.text, str(added)
    article = (story / "articles" / "coastal-post.txt").read_text(encoding="utf-8")
    assert "Eleven people were hurt" in article and "Home" not in article
    again = shipped("add", str(page), "--claims", str(story), module=True)
    assert again.code == EXIT_OK and "already in the story" in again.text, str(again)
    check = shipped("check", "--claims", str(story))
    assert check.code == EXIT_OK, str(check)
    refused = shipped("init", str(story), module=True)  # (the same args: a new run)
    assert refused.code == EXIT_USAGE and "already exists" in refused.stderr, str(refused)
