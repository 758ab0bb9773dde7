"""Shared helpers: run the CLI in-process with a fixed console so output is stable."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mou_reconcile.cli import app

TESTS = Path(__file__).parent

# No test reads or writes the user's result cache: it is off unless a test turns it on
# (test_cache.py), and points at a folder of this session's own. Set in the environment so
# that the commands the tests start as processes inherit it too.
_CACHE = tempfile.mkdtemp(prefix="mou-reconcile-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ["MOU_RECONCILE_CACHE_DIR"] = _CACHE
os.environ["MOU_RECONCILE_NO_CACHE"] = "1"
CASES = TESTS / "cases"
REPO = TESTS.parent


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Call `cli("check", "--claims", path)`: exit code, stdout and stderr, never raising."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("MOU_RECONCILE_CLAIMS", raising=False)
    # The tests run in CI too, where the tool refuses the sample fallback: each test that
    # wants CI's behaviour sets it itself (tests/test_project.py).
    for name in ("GITHUB_ACTIONS", "CI", "TF_BUILD"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> Run:
        result = CliRunner().invoke(app, list(args), prog_name="mou-reconcile")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback would have reached the user: fail loudly
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def node_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node's path in plain YAML data (mappings and lists), the root's first."""
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += node_paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += node_paths(v, (*path, i))
    return out


# -- the cache tests' fixtures (test_cache.py, test_checkcache.py) ---------------------------


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The cache on, in a folder of the test's own (the session's is off: see above)."""
    folder = tmp_path / "cache"
    monkeypatch.delenv("MOU_RECONCILE_NO_CACHE", raising=False)
    monkeypatch.setenv("MOU_RECONCILE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The claims files the pipeline loaded and checked (not read from a stored check)."""
    from mou_reconcile.check import checker

    calls: list[str] = []
    real = checker.check_file

    def counted(path: Path, display: str | None = None) -> Any:
        calls.append(str(path))
        return real(path, display)

    monkeypatch.setattr(checker, "check_file", counted)
    return calls


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the sample corpus (five articles), to edit."""
    folder = tmp_path / "story"
    shutil.copytree(REPO / "data", folder)
    return folder


def same(a: Run, b: Run) -> None:
    """Two runs printed and exited alike."""
    assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr)
