"""Golden output: the reporters' exact text, since output is the product. Width 100, no
colour. After an intended change, regenerate with UPDATE_GOLDEN=1 and read the diff."""

from __future__ import annotations

import os

import pytest

from conftest import REPO, TESTS

GOLDEN = TESTS / "golden"
RUNS = {
    "ferry-fire.report.txt": ["report", "--claims", "tests/cases/ferry-fire"],
    "ferry-fire.report.md": ["report", "--claims", "tests/cases/ferry-fire", "-f", "markdown"],
    "ferry-fire.explain.txt": ["explain", "lantern-fire.injured", "-c", "tests/cases/ferry-fire"],
    "sample.report-warnings.txt": ["report", "--claims", "data/claims.yaml",
                                   "--min-severity", "warning"],
    "value-not-in-quote.check.txt": ["check", "--claims", "tests/cases/value-not-in-quote"],
    "value-not-in-quote.check.md": ["check", "--claims", "tests/cases/value-not-in-quote",
                                    "-f", "markdown"],
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_golden_output(cli, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(REPO)  # paths in the output are relative to the working folder
    run = cli(*RUNS[name])
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(run.stdout)
    assert run.stdout == path.read_text()
