"""docs/ci.md's GitHub Actions workflow, as a newsroom copies it: its YAML parses, its
structure is what GitHub needs (triggers, permissions, current action versions, a pinned
install, one annotating step), and its `run:` lines, run here with the installed console
script against a sample repository of two stories, annotate each finding once and write a
job summary and a comment under GitHub's limits. Then the size budget itself on a generated
corpus: the cut report stays under its budget and keeps the report's first findings.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CASES, REPO
from mou_reconcile import __version__

SCRIPT = Path(sys.executable).parent / "mou-reconcile"
CI_MD = REPO / "docs" / "ci.md"
SUMMARY_CAP = 1024 * 1024  # GitHub: a step's job summary, bytes
COMMENT_CAP = 65_536  # GitHub: a comment's body, characters
# The actions the workflow uses, at their current major versions (December 2026).
ACTIONS = {"actions/checkout": "v6", "actions/setup-python": "v6",
           "actions/upload-artifact": "v7", "github/codeql-action/upload-sarif": "v4"}
ANNOTATION = re.compile(r"^::(error|warning|notice) ")

if not SCRIPT.is_file():
    pytest.skip(f"the console script is not installed beside {sys.executable}",
                allow_module_level=True)


def workflow() -> dict[str, Any]:
    text = CI_MD.read_text(encoding="utf-8")
    section = text[text.index("## The workflow"):]
    block = re.search(r"```yaml\n(.*?)\n```", section, re.S)
    assert block is not None, "docs/ci.md has no ```yaml block under '## The workflow'"
    doc = yaml.safe_load(block.group(1))
    assert isinstance(doc, dict)
    return doc


def steps() -> list[dict[str, Any]]:
    [job] = workflow()["jobs"].values()
    return list(job["steps"])


def test_the_workflow_parses_and_has_what_github_needs() -> None:
    doc = workflow()
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 (PyYAML) reads `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert doc["permissions"] == {}  # nothing by default: the job asks for what it uses
    [job] = doc["jobs"].values()
    assert job["permissions"] == {"contents": "read", "security-events": "write",
                                  "pull-requests": "write"}
    assert job["runs-on"] == "ubuntu-latest"
    used = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in job["steps"]
            if "uses" in s}
    assert used == ACTIONS
    for step in job["steps"]:
        assert ("uses" in step) != ("run" in step), step
        assert "${{" not in step.get("run", ""), "expressions go through env:, not run:"


def test_the_install_is_pinned_to_this_release() -> None:
    [install] = [s for s in steps() if s.get("name") == "Install mou-reconcile"]
    assert re.fullmatch(
        rf'python -m pip install "mou-reconcile @ git\+https://github\.com/[\w.-]+/'
        rf'mou-reconcile@v{re.escape(__version__)}"', install["run"].strip()), install["run"]


def test_one_step_annotates_and_later_steps_run_after_it_fails() -> None:
    runs = [s for s in steps() if "run" in s and s.get("name") != "Install mou-reconcile"]
    commands = [line.strip() for s in runs for line in s["run"].splitlines()
                if line.strip().startswith("mou-reconcile")]
    # In GitHub Actions a command without --format prints annotations: every one names it.
    assert all("--format " in c for c in commands), commands
    annotating = [s for s in runs if "--format github" in s["run"]]
    assert len(annotating) == 1
    after = steps()[steps().index(annotating[0]):]
    assert all(str(s.get("if", "")).startswith("${{ !cancelled()") for s in after), after
    budgets = [int(m) for c in commands for m in re.findall(r"--max-bytes (\d+)", c)]
    assert sorted(budgets) == [60_000, 1_000_000]
    assert all(b <= SUMMARY_CAP for b in budgets) and min(budgets) < COMMENT_CAP


def sample_repository(root: Path) -> Path:
    """A newsroom's repository: two stories, one claims file each, under stories/."""
    stories = root / "stories"
    shutil.copytree(REPO / "data", stories / "pk-cn-it")
    shutil.copytree(CASES / "ferry-fire", stories / "ferry-fire",
                    ignore=shutil.ignore_patterns("expected.txt"))
    return root


def run_steps(repo: Path, tmp_path: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each `run:` step (the install aside: the tool is installed here), as GitHub runs it:
    bash -eo pipefail, the job's and step's env, GitHub's variables; `gh` a stub that
    records its arguments and the comment's body."""
    [job] = workflow()["jobs"].values()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_ARGS"\n'
                  'while [ $# -gt 0 ]; do\n'
                  '  [ "$1" = --body-file ] && cp "$2" "$GH_BODY"; shift\n'
                  'done\n')
    gh.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))}
    env.update({
        "PATH": f"{bin_dir}{os.pathsep}{SCRIPT.parent}{os.pathsep}{env.get('PATH', '')}",
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "newsroom/claims", "GITHUB_RUN_ID": "4242",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "step_summary.md"),
        "GH_ARGS": str(tmp_path / "gh-args"), "GH_BODY": str(tmp_path / "gh-body.md"),
        "MOU_RECONCILE_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1",
    })
    env.update({k: str(v) for k, v in job.get("env", {}).items()})
    expressions = {"${{ github.token }}": "test-token",
                   "${{ github.event.pull_request.number }}": "17"}
    done = {}
    for step in job["steps"]:
        if "run" not in step or step.get("name") == "Install mou-reconcile":
            continue
        step_env = {k: expressions.get(str(v), str(v)) for k, v in step.get("env", {}).items()}
        done[step["name"]] = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=repo, env={**env, **step_env}, capture_output=True, text=True, timeout=300)
    return done


def test_the_workflows_commands_run_against_a_repository_of_claims_files(tmp_path: Path) -> None:
    repo = sample_repository(tmp_path / "repo")
    done = run_steps(repo, tmp_path)
    assert list(done) == ["Write the reports", "Check and annotate", "Comment on the pull request"]
    written, annotate, comment = done.values()
    assert written.returncode == 0, written.stderr
    assert annotate.returncode == 1, annotate.stderr  # the sample story has errors
    assert comment.returncode == 0, comment.stderr
    # Annotations: only the annotating step prints them, each finding once.
    expected = json.loads(subprocess.run(
        [str(SCRIPT), "report", "stories/", "--format", "json"], cwd=repo, capture_output=True,
        text=True, env={**os.environ, "GITHUB_ACTIONS": "", "CI": ""}).stdout)
    findings = sum(len(doc["problems"]) + sum(d["status"] == "open"
                                              for d in doc["discrepancies"])
                   for doc in expected)
    for name, run in done.items():
        found = [line for line in run.stdout.splitlines() if ANNOTATION.match(line)]
        assert found == [] if name != "Check and annotate" else len(found) == findings, name
    found = [line for line in annotate.stdout.splitlines() if ANNOTATION.match(line)]
    assert len(set(found)) == len(found) and findings > 0
    assert {m.group(1) for m in map(re.compile(r"file=([^,]+)").search, found) if m} == {
        "stories/ferry-fire/claims.yaml", "stories/pk-cn-it/claims.yaml"}
    # The job summary: both stories' reports, under GitHub's cap.
    summary = (tmp_path / "step_summary.md").read_bytes()
    assert 0 < len(summary) < SUMMARY_CAP
    assert b"stories/pk-cn-it/claims.yaml" in summary and b"stories/ferry-fire" in summary
    # The comment: edited in place, its body under GitHub's cap.
    args = (tmp_path / "gh-args").read_text().split("\n")[:-1]
    assert args == ["pr", "comment", "17", "--edit-last", "--create-if-none", "--body-file",
                    "mou-reconcile/comment.md"]
    body = (tmp_path / "gh-body.md").read_text(encoding="utf-8")
    assert 0 < len(body) < COMMENT_CAP and "## mou-reconcile report" in body
    # The artifact's and code scanning's files.
    sarif = json.loads((repo / "mou-reconcile" / "report.sarif").read_text())
    assert len(sarif["runs"]) == 1 and sarif["runs"][0]["results"]
    assert (repo / "mou-reconcile" / "report.md").read_text().count("## mou-reconcile") == 2


# -- the size budget ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-claim corpus from the benchmarks' generator (its full Markdown report ~45 KB)."""
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "100", str(out)],
                   check=True, capture_output=True)
    return out


def markdown(claims: Path, *options: str) -> str:
    run = subprocess.run([str(SCRIPT), "report", str(claims), "--format", "markdown",
                          *options], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "GITHUB_ACTIONS": "", "CI": ""})
    assert run.returncode == 0, run.stderr
    return run.stdout


def rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("| ❌", "| ⚠️", "| ℹ️"))]


@pytest.mark.parametrize("budget", [4_000, 12_000, 30_000])
def test_a_report_over_its_budget_keeps_the_most_important_findings(generated: Path,
                                                                    budget: int) -> None:
    full = markdown(generated)
    assert len(full.encode()) > budget
    cut = markdown(generated, "--max-bytes", str(budget), "--full-report", "the artifact")
    assert len(cut.encode()) <= budget
    kept = rows(cut)
    assert kept and kept == rows(full)[:len(kept)]  # a prefix of the report's own order
    [note] = [line for line in cut.splitlines() if line.startswith("> ✂️")]
    # Every discrepancy is shown (a row, or a line of the info list) or counted as left out.
    info = re.search(r"<summary>Info: (?:(\d+) of )?(\d+) facts", cut)
    listed = 0 if info is None else int(info.group(1) or info.group(2))
    total_info = re.search(r"<summary>Info: (\d+) facts", full)
    total = len(rows(full)) + (int(total_info.group(1)) if total_info else 0)
    left = re.search(r"left out (?:all ([\d,]+)|([\d,]+) of ([\d,]+)) discrepancies", note)
    gone = 0 if left is None else int((left.group(1) or left.group(2)).replace(",", ""))
    assert gone + len(kept) + listed == total, note
    assert note.endswith("Full report: the artifact.")
    # The first discrepancy keeps its quotes.
    first = re.search(r"`([^`]+)`", kept[0])
    assert first is not None and f"<code>{first.group(1)}</code>" in cut


def test_a_report_within_its_budget_is_unchanged(generated: Path) -> None:
    full = markdown(generated)
    assert markdown(generated, "--max-bytes", str(len(full.encode()))) == full


def test_several_claims_files_share_the_budget(tmp_path: Path, generated: Path) -> None:
    stories = tmp_path / "stories"
    stories.mkdir()
    for name in ("a", "b"):
        shutil.copytree(generated, stories / name)
    cut = markdown(stories, "--max-bytes", "20000")
    assert len(cut.encode()) <= 20_000 and cut.count("## mou-reconcile report") == 2


def test_the_budget_is_for_markdown_only(tmp_path: Path) -> None:
    run = subprocess.run([str(SCRIPT), "report", str(CASES / "ferry-fire"), "--format", "json",
                          "--max-bytes", "5000"], capture_output=True, text=True)
    assert run.returncode == 2
    assert "--max-bytes applies to --format markdown, not json" in run.stderr
    assert "Traceback" not in run.stderr


def test_every_budget_is_kept_and_cuts_only_from_the_end(cli) -> None:
    # The sample story (3 discrepancies with quotes, 18 info, 25 corroborated) under every
    # budget from the smallest allowed to its full size: never over, always a prefix.
    sample = str(REPO / "data" / "claims.yaml")
    full = cli("report", "--claims", sample, "--format", "markdown").stdout
    for budget in range(1_000, len(full.encode()) + 1, 97):
        cut = cli("report", "--claims", sample, "--format", "markdown",
                  "--max-bytes", str(budget)).stdout
        assert len(cut.encode()) <= budget, budget
        kept = rows(cut)
        assert kept == rows(full)[:len(kept)], budget
        items = [line for line in cut.splitlines() if line.startswith("- `")]
        assert items == [line for line in full.splitlines() if line.startswith("- `")][
            :len(items)], budget
