"""The quick conversion of command-line values (cli/params.py) gives what typer gives."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer

from mou_reconcile.cli import app
from mou_reconcile.cli import params as cliparams


def _params() -> list[tuple[str, Any]]:
    command = typer.main.get_command(app)
    out = []
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        for param in sub.params:
            out.append((f"{name} {param.name}", param))
    return out


def _samples(param: Any) -> list[Any]:
    from enum import Enum

    annotation = param.type_descriptor.annotation
    values: list[Any] = [None, "x", "JSON", "Text", " json", b"json", (), ("a", "b/"),
                         ["a"], ("a", b"b")]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values += [m.value for m in annotation] + list(annotation)
    return values


# typer 0.29 converts values through a runtime parameter that cliparams puts the quick path
# in front of; older releases (down to the lowest supported) convert with click's own types,
# which need no help: there install() patches nothing.
RUNTIME_PARAMS = hasattr(typer.core, "_TyperParameter")


@pytest.mark.skipif(RUNTIME_PARAMS, reason="typer converts through runtime parameters")
def test_older_typer_is_left_alone() -> None:
    assert cliparams.install() is False


@pytest.mark.skipif(not RUNTIME_PARAMS, reason="typer < 0.29 has no runtime parameters")
@pytest.mark.parametrize(("label", "param"), _params(), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_same_value_or_left_to_typer(label: str, param: Any) -> None:
    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    assert cliparams.install()
    checked: list[Any] = []
    for value in _samples(param):
        quick = cliparams.quick_value(param, value, ctx)
        if quick is cliparams._MISS:
            continue
        build = typer.core._TyperParameter.get_runtime_param.build  # type: ignore[attr-defined]
        real = build(param).coerce(value, param=param, ctx=ctx)
        assert quick == real and type(quick) is type(real), (label, value)
        checked.append(value)
    assert None in checked or param.multiple or param.nargs != 1


def test_a_wrong_choice_says_what_was_given_and_what_is_allowed(cli: Any) -> None:
    result = cli("check", "--format", "jsn")
    assert result.exit_code == 2
    assert "Invalid value for '--format' / '-f': 'jsn' is not one of text, json, markdown, " \
           "github, sarif (did you mean json?)" in result.stderr
    assert "Value error" not in result.stderr


def test_a_check_answered_from_the_cache_does_not_import_pydantic(tmp_path: Any) -> None:
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k != "MOU_RECONCILE_NO_CACHE"}
    env["MOU_RECONCILE_CACHE_DIR"] = str(tmp_path / "cache")
    # The console entry ends its process with os._exit once output is flushed: the imports
    # are reported there.
    code = ("import os, sys; sys.argv = ['mou-reconcile', 'check', '--claims', sys.argv[1]]\n"
            "def report():\n"
            "    sys.stderr.write('pydantic: %s' % ('pydantic.main' in sys.modules))\n"
            "    sys.stderr.flush()\n"
            "end = os._exit\n"
            "os._exit = lambda code: (report(), end(code))\n"
            "from mou_reconcile.console import main\n"
            "main()\n")
    claims = str(root / "data" / "claims.yaml")
    runs = [subprocess.run([sys.executable, "-c", code, claims], capture_output=True,
                           text=True, env=env, check=False) for _ in range(2)]
    assert runs[0].stderr.endswith("pydantic: True")  # the first run reads the claims
    assert runs[1].stderr.endswith("pydantic: False"), runs[1].stderr  # the second: cache
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode


def _commands() -> list[tuple[list[str], Any]]:
    root = typer.main.get_command(app)
    out = []
    for name, sub in root.commands.items():  # type: ignore[attr-defined]
        if hasattr(sub, "commands"):  # a group: export
            out += [([name, inner], cmd) for inner, cmd in sub.commands.items()]
        else:
            out.append(([name], sub))
    return out


@pytest.mark.parametrize(("words", "command"), _commands(),
                         ids=[" ".join(w) for w, _ in _commands()])
def test_help_is_laid_out_by_the_project_not_by_typers_version(cli, words: list[str],
                                                                command: Any) -> None:
    # typer 0.29 writes `{fact}`, `[[FACT]]` and `<list[str]>`; 0.16 drops the arguments'
    # help and prints `\[default: ...]`. helptext.Command lays it out the same on both.
    from mou_reconcile.cli.helptext import Command

    assert isinstance(command, Command)
    for param in command.params:
        takes_value = param.param_type_name == "argument" or not param.is_flag
        assert not takes_value or param.metavar, f"{words} {param.name}: no metavar"
    run = cli(*words, "--help")
    assert run.exit_code == 0
    usage = run.stdout.splitlines()[0]
    arguments = [p.metavar for p in command.params if p.param_type_name == "argument"]
    assert usage == " ".join(["Usage: mou-reconcile", *words, "[OPTIONS]", *arguments])
    for marker in ("{", "<str>", "<list", "[[", "\\["):
        assert marker not in run.stdout, (marker, run.stdout)
    flat = "".join(run.stdout.split())  # wrapping may break a line at a space or a hyphen
    for param in command.params:
        if param.help:
            assert "".join(param.help.split()) in flat  # every argument's help too
