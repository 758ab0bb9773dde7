"""Golden output: the reporters' exact text, since output is the product. Width 100, no
colour. After an intended change, regenerate with UPDATE_GOLDEN=1 and read the diff."""

from __future__ import annotations

import os

import pytest

from conftest import REPO, TESTS
from mou_reconcile import __version__

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
    # CI and publishing formats
    "value-not-in-quote.check.github.txt": ["check", "-c", "tests/cases/value-not-in-quote",
                                            "-f", "github"],
    "value-not-in-quote.check.sarif": ["check", "-c", "tests/cases/value-not-in-quote",
                                       "-f", "sarif"],
    "ferry-fire.report.github.txt": ["report", "-c", "tests/cases/ferry-fire", "-f", "github"],
    "ferry-fire.report.sarif": ["report", "-c", "tests/cases/ferry-fire", "-f", "sarif"],
    "ferry-fire.report.html": ["report", "-c", "tests/cases/ferry-fire", "-f", "html"],
    "sample.report.github.txt": ["report", "-c", "data/claims.yaml", "-f", "github"],
    "sample.report.md": ["report", "-c", "data/claims.yaml", "-f", "markdown"],
    "sample.claimreview.json": ["export", "claimreview", "-c", "data/claims.yaml",
                                "--base-url", "https://factcheck.example/pk-cn-mous.html",
                                "--author", "Example Fact Desk"],
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_golden_output(cli, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(REPO)  # paths in the output are relative to the working folder
    run = cli(*RUNS[name])
    # Formats that name the tool's version (SARIF, HTML) stay golden across releases.
    stdout = run.stdout.replace(__version__, "{VERSION}")
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(stdout)
    assert stdout == path.read_text()
