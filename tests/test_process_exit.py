"""The console entry ends its process once the command has returned and its output is
flushed (os._exit, skipping the teardown of everything the command built). Nothing may be
lost by that: a real process must print and exit exactly as the same command run
in-process, where the app returns normally."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, REPO
from test_signals import env

SAMPLE = REPO / "data" / "claims.yaml"


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mou_reconcile", *args], env=env(),
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("args", [
    ["report", "--claims", str(SAMPLE), "--format", "json"],
    ["report", "--claims", str(SAMPLE)],
    ["check", "--claims", str(SAMPLE), "--format", "json"],
    # Exit code 1 and problems on stdout.
    ["check", "--claims", str(CASES / "duplicate-id" / "claims.yaml"), "--format", "json"],
    ["report", "--claims", str(SAMPLE), "--fail-on", "info", "--format", "markdown"],
    # A message on stderr for the claims with errors it leaves out.
    ["matrix", "--claims", str(CASES / "duplicate-id" / "claims.yaml")],
])
def test_a_process_prints_and_exits_as_the_command_in_process(cli, args: list[str]) -> None:
    expected = cli(*args)
    proc = run_process(*args)
    assert proc.returncode == expected.exit_code
    assert proc.stdout == expected.stdout
    assert proc.stderr == expected.stderr
    assert "Traceback" not in proc.stderr


def test_a_process_writes_the_whole_output_file(cli, tmp_path: Path) -> None:
    expected = cli("report", "--claims", str(SAMPLE), "--format", "json")
    out = tmp_path / "report.json"
    proc = run_process("report", "--claims", str(SAMPLE), "--format", "json", "--output",
                       str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == expected.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temp file left


def test_the_process_ends_without_teardown_once_the_command_is_done() -> None:
    # An exit handler runs at a normal interpreter exit; os._exit skips it. (The in-process
    # runs above return normally: there the app must not end the test session.)
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('teardown ran', file=sys.stderr))\n"
            "from mou_reconcile.console import main\n"
            f"sys.argv = ['mou-reconcile', 'check', '--claims', {str(SAMPLE)!r}]\n"
            "main()\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env(), capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "teardown ran" not in proc.stderr
    assert proc.stdout  # the command itself ran and printed
