"""Help, option errors, --color and shell completion, through the installed console script.

- An option given a value it does not take says what was given and what is allowed, in
  words (`'jsn' is not one of text, json, ... (did you mean json?)`), never a validator's
  own prefix (`Value error, ...`, `Input should be ...`).
- `--color always|never` beats NO_COLOR, FORCE_COLOR and the terminal; `auto` leaves it to
  them.
- Completion of fact names and source ids from the claims file, through the environment
  variables the installed completion scripts set (typer's: `_MOU_RECONCILE_COMPLETE=
  complete_bash`, COMP_WORDS, COMP_CWORD); a missing or broken claims file completes
  nothing, with no error and no traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, REPO
from test_shipped import (
    CI_VARIABLES,
    DROPPED,
    SCRIPT,
    WRITERS,
    Command,
    shipped_commands,
)

SAMPLE = REPO / "data" / "claims.yaml"
FERRY = CASES / "ferry-fire"
STORM = CASES / "storm-toll"  # has a timeline
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TIMEOUT = 120


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO
        ) -> subprocess.CompletedProcess[str]:
    from mou_reconcile.corpus.locate import CI_VARIABLES as tool_ci

    drop = CI_VARIABLES | set(tool_ci) | DROPPED
    base = {k: v for k, v in os.environ.items()
            if k not in drop and not k.startswith("MOU_RECONCILE_")}
    base.update({"MOU_RECONCILE_NO_CACHE": "1", "COLUMNS": "100"})
    base.update(env or {})
    proc = subprocess.run([str(SCRIPT), *args], env=base, cwd=cwd, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


# --- option errors ------------------------------------------------------------------------


def _choice_options() -> list[tuple[Command, str, tuple[str, ...]]]:
    return [(c, option, values) for c in shipped_commands() for option, values in c.choices
            if c.words not in WRITERS]


@pytest.mark.parametrize(("command", "option", "values"), _choice_options(),
                         ids=[f"{c.name}{o}" for c, o, _ in _choice_options()])
def test_a_wrong_choice_names_the_value_and_the_choices(command: Command, option: str,
                                                        values: tuple[str, ...]) -> None:
    proc = run(*command.words, *(["x"] * len(command.arguments)), option, "bogus")
    assert proc.returncode == 2, proc.stderr
    assert f"Invalid value for '{option}'" in proc.stderr, proc.stderr
    assert f"'bogus' is not one of {', '.join(values)}" in proc.stderr, proc.stderr
    assert "Value error" not in proc.stderr, proc.stderr


def test_a_near_miss_gets_a_suggestion() -> None:
    proc = run("report", "--format", "jsno")
    assert "(did you mean json?)" in proc.stderr, proc.stderr


@pytest.mark.parametrize(("args", "said"), [
    (("check", "--jobs", "0"), "'0': give a whole number of 1 or more"),
    (("report", "--jobs", "many"), "'many': give a whole number of 1 or more"),
    (("coverage", "--fail-under", "101"), "'101': give a number from 0 to 100"),
    (("coverage", "--fail-under", "half"), "'half': give a number from 0 to 100"),
])
def test_a_wrong_number_says_what_is_allowed(args: tuple[str, ...], said: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert said in proc.stderr, proc.stderr
    assert "Input should" not in proc.stderr, proc.stderr


def test_check_offers_no_format_it_refuses() -> None:
    helped = run("check", "--help").stdout
    assert "--format [text|json|markdown|github|sarif]" in helped
    assert "html" not in helped
    assert "[text|json|markdown|github|sarif|html]" in run("report", "--help").stdout


# --- --color ------------------------------------------------------------------------------


def _colored() -> list[tuple[str, ...]]:
    """Each command taking --color, with its arguments, in its text format."""
    values = {"fact": "elna.deaths", "source_a": "met-service", "source_b": "island-wire",
              "source": "met-service"}
    out = []
    for c in shipped_commands():
        if "--color" in c.options:
            fmt = ("--format", "text") if "text" in c.formats else ()
            out.append((*c.words, *(values[a] for a in c.arguments), "--claims", str(STORM),
                        *fmt))
    return out


def test_every_command_printing_text_takes_color() -> None:
    names = {c.name for c in shipped_commands() if "--color" in c.options}
    assert names >= {"check", "report", "explain", "diff", "sources", "matrix", "timeline",
                     "extract", "coverage"}, names


@pytest.mark.parametrize("args", _colored(), ids=lambda a: a[0])
def test_color_always_and_never_beat_the_environment(args: tuple[str, ...]) -> None:
    always = run(*args, "--color", "always", env={"NO_COLOR": "1"})
    assert always.returncode in (0, 1), always.stderr
    assert ANSI.search(always.stdout), "--color always, piped, with NO_COLOR: no colour"
    never = run(*args, "--color", "never", env={"FORCE_COLOR": "1"})
    assert not ANSI.search(never.stdout), "--color never with FORCE_COLOR: colour"
    assert ANSI.sub("", always.stdout) == never.stdout  # the same text, coloured or not


def test_color_auto_follows_force_color_and_no_color() -> None:
    args = ("report", "--claims", str(FERRY))
    assert not ANSI.search(run(*args).stdout)  # piped: plain
    assert ANSI.search(run(*args, env={"FORCE_COLOR": "1"}).stdout)
    assert ANSI.search(run(*args, "--color", "auto", env={"FORCE_COLOR": "1"}).stdout)
    assert "\x1b[3" not in run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_color_reaches_several_claims_files() -> None:
    proc = run("check", str(FERRY), str(SAMPLE), "--color", "always", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert ANSI.search(proc.stdout)


# --- shell completion ---------------------------------------------------------------------


def complete(*words: str, cwd: Path = REPO, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    """What bash gets when the cursor is after the last word ("" for a new word)."""
    line = ["mou-reconcile", *words]
    return run(env={"_MOU_RECONCILE_COMPLETE": "complete_bash",
                    "COMP_WORDS": " ".join(line), "COMP_CWORD": str(len(line) - 1),
                    **(env or {})}, cwd=cwd)


def offered(proc: subprocess.CompletedProcess[str]) -> list[str]:
    assert proc.returncode == 0, proc.stderr
    return [w for w in proc.stdout.split() if w]


def test_facts_complete_for_every_fact_argument() -> None:
    facts = offered(complete("explain", "--claims", str(FERRY), "lantern-fire.i"))
    assert facts == ["lantern-fire.injured"]
    every = offered(complete("timeline", "--claims", str(FERRY), "lan"))
    assert "lantern.passengers" in every and "lantern-fire.injured" in every
    assert all(f.startswith("lan") for f in every)
    assert offered(complete("matrix", "--claims", str(FERRY), "bay")) == ["bayline.crossings"]


def test_sources_complete_for_every_source_argument_and_option() -> None:
    assert offered(complete("diff", "--claims", str(FERRY), "a")) == ["authority"]
    assert set(offered(complete("diff", "--claims", str(FERRY), "authority", ""))) == \
        {"authority", "wire", "post"}
    assert offered(complete("extract", "--claims", str(FERRY), "w")) == ["wire"]
    assert offered(complete("matrix", "--claims", str(FERRY), "--source", "p")) == ["post"]


def test_names_come_from_the_claims_file_the_command_would_read(tmp_path: Path) -> None:
    # No --claims: $MOU_RECONCILE_CLAIMS, then ./data/claims.yaml.
    by_env = offered(complete("diff", "pm", env={"MOU_RECONCILE_CLAIMS": str(FERRY)}))
    assert by_env == []  # the ferry story has no source pm-...
    assert offered(complete("diff", "pm")) == ["pm-beijing"]  # ./data/claims.yaml


@pytest.mark.parametrize(("claims", "readable"), [
    ("no-such-file.yaml", False), ("yaml-syntax", False), ("not-utf8", False),
    (".", False),  # a folder without claims.yaml
    ("duplicate-key", True), ("wrong-type", True)])  # YAML, but not a valid claims file
def test_a_missing_or_broken_claims_file_never_fails_completion(
        claims: str, readable: bool, tmp_path: Path) -> None:
    path = CASES / claims if claims != "." and (CASES / claims).exists() else tmp_path / claims
    for words in (("explain", "--claims", str(path), ""),
                  ("diff", "--claims", str(path), ""),
                  ("matrix", "--claims", str(path), "--source", "")):
        proc = complete(*words, cwd=tmp_path)
        assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
        if not readable:
            assert proc.stdout.strip() == "", proc.stdout


def test_garbage_claims_file_completes_nothing(tmp_path: Path) -> None:
    for name, data in (("binary.yaml", bytes(range(256)) * 4), ("list.yaml", b"- 1\n- 2\n"),
                       ("deep.yaml", b"[" * 5000 + b"]" * 5000), ("odd.yaml",
                       b"sources: 3\nclaims: {a: 1}\n")):
        (tmp_path / name).write_bytes(data)
        proc = complete("explain", "--claims", str(tmp_path / name), "", cwd=tmp_path)
        assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (0, "", ""), name


def test_every_fact_or_source_parameter_completes() -> None:
    """A new FACT or SOURCE argument or option gets completion too."""
    from typer.main import get_command

    from mou_reconcile.cli import app

    names = {"FACT", "[FACT]", "[FACT]...", "SOURCE", "A", "B"}
    found: list[Any] = []

    def walk(group: Any) -> None:
        for command in group.commands.values():
            if hasattr(command, "commands"):
                walk(command)
                continue
            for param in command.params:
                if param.metavar in names:
                    found.append((command.name, param.name, param))

    walk(get_command(app))
    assert len(found) >= 7
    for command, name, param in found:
        assert getattr(param, "_custom_shell_complete", None) is not None, (command, name)
