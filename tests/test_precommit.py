"""The pre-commit hooks, for real: `pre-commit try-repo` with this checkout's
.pre-commit-hooks.yaml, against a temporary git repository holding a clean and a broken
claims file.

The checkout is first copied into a committed temporary repository, so the test runs the
working tree as it is whatever its git state. try-repo builds the hooks' environment anew
on every run (about 8 s each, pip's cache helping), so the runs are few.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

ARTICLE = "The council signed nine agreements with three companies on Monday.\n"
CLAIMS = """\
version: 1
sources:
  - {{id: a, file: a.txt}}
entities:
  - {{id: council, name: The council}}
properties:
  - {{id: agreements, type: count}}
claims:
  - source: a
    subject: council
    property: agreements
    value: 9
    quote: "{quote}"
"""
GOOD_QUOTE = "signed nine agreements"
BAD_QUOTE = "signed nine accords"  # not in the article: MR401 at line 13, column 12


def _git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "MOU_RECONCILE_CLAIMS", "GITHUB_ACTIONS")}
    env.update(GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.invalid",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_HOME=str(home / "pre-commit-home"), NO_COLOR="1")
    return env


def _git(env: dict[str, str], cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_the_hook_manifest_declares_two_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mou-reconcile-check", "mou-reconcile-check-all"}
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
    assert hooks["mou-reconcile-check-all"]["always_run"] is True
    assert hooks["mou-reconcile-check-all"]["pass_filenames"] is False


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the hook repository, a story repository, the environment to run them in)."""
    if importlib.util.find_spec("pre_commit") is None:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is not installed (it is in the `test` extra)")
        pytest.skip("pre-commit is not installed")
    tmp = tmp_path_factory.mktemp("pre-commit")
    env = _git_env(tmp)
    hooks = tmp / "hooks"
    shutil.copytree(REPO, hooks, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache",
        ".hypothesis", "node_modules"))
    _git(env, hooks, "init", "-q")
    _git(env, hooks, "add", "-A")
    _git(env, hooks, "commit", "-q", "--no-verify", "-m", "hooks under test")
    repo = tmp / "story"
    for name, quote in (("clean", GOOD_QUOTE), ("broken", BAD_QUOTE)):
        (repo / name).mkdir(parents=True)
        (repo / name / "a.txt").write_text(ARTICLE)
        (repo / name / "claims.yaml").write_text(CLAIMS.format(quote=quote))
    _git(env, repo, "init", "-q")
    _git(env, repo, "add", "-A")
    return hooks, repo, env


def try_repo(story: tuple[Path, Path, dict[str, str]], hook: str | None,
             *files: str) -> subprocess.CompletedProcess[str]:
    """Run one hook (None: every hook in the manifest) on the files named."""
    hooks, repo, env = story
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), *([hook] if hook else []),
         "--verbose", "--color", "never", "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def status(run: subprocess.CompletedProcess[str], name: str) -> str:
    """What pre-commit says of one hook: Passed, Failed or Skipped."""
    lines = [line for line in run.stdout.splitlines() if line.startswith(name + ".")]
    assert len(lines) == 1, run.stdout
    return lines[0].rsplit(".", 1)[1].split(")")[-1].strip()


def test_hook_passes_on_a_clean_claims_file(story) -> None:
    run = try_repo(story, "mou-reconcile-check", "clean/claims.yaml")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "clean/claims.yaml: no problems" in run.stdout
    assert status(run, "mou-reconcile check (changed claims files)") == "Passed"


def test_hook_fails_on_a_broken_claims_file(story) -> None:
    run = try_repo(story, "mou-reconcile-check", "broken/claims.yaml")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "broken/claims.yaml:13:12: MR401 error: the quote is not in" in run.stdout
    assert status(run, "mou-reconcile check (changed claims files)") == "Failed"


def test_an_edited_article_is_caught_by_the_always_run_hook(story) -> None:
    run = try_repo(story, None, "clean/a.txt")  # only an article changed
    assert status(run, "mou-reconcile check (changed claims files)") == "Skipped"
    # The always-run hook checks every tracked claims file, the unchanged broken one too.
    assert status(run, "mou-reconcile check (all claims files)") == "Failed"
    assert run.returncode == 1, run.stdout + run.stderr
    assert "clean/claims.yaml: no problems" in run.stdout
    assert "broken/claims.yaml:13:12: MR401" in run.stdout
