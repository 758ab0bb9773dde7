"""CLI acceptance tests over case folders: tests/cases/<name>/ holds a claims file, its
articles and expected.txt (the exit code, then one `CODE line:col` per expected problem)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES

CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "expected.txt").is_file())


def expected(case: Path) -> tuple[int, list[str]]:
    lines = (case / "expected.txt").read_text().splitlines()
    exit_code = int(lines[0].removeprefix("exit "))
    return exit_code, sorted(line.strip() for line in lines[1:] if line.strip())


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_problems_and_exit_code(cli, case: Path) -> None:
    want_exit, want = expected(case)
    run = cli("check", "--claims", str(case), "--format", "json")
    got = sorted(f"{p['code']} {p['line']}:{p['col']}" for p in run.json()["problems"])
    assert got == want
    assert run.exit_code == want_exit


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_text_output_names_file_line_col(cli, case: Path) -> None:
    want_exit, want = expected(case)
    run = cli("check", "--claims", str(case))
    assert run.exit_code == want_exit
    output = run.stdout + run.stderr
    for item in want:
        code, pos = item.split()
        assert f"claims.yaml:{pos}: {code} " in output
    assert "Traceback" not in output


def test_every_problem_code_has_a_case() -> None:
    from mou_reconcile.problems import CODES

    covered = {line.split()[0] for case in CASE_DIRS for line in expected(case)[1]}
    assert set(CODES) <= covered, f"codes without a case: {sorted(set(CODES) - covered)}"
