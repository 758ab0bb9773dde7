"""The project keeps its promises: README commands are what CI runs, docs are current,
the sample data checks clean, and the installed command works from an empty folder."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, REPO
from mou_reconcile.problems import CODES, codes_markdown


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_has_an_install_and_run_command_and_a_test_command() -> None:
    install_run, install_test = readme_commands()
    assert "pip install ." in install_run and "mou-reconcile " in install_run
    assert "pip install '.[test]'" in install_test and install_test.endswith("pytest")


def test_ci_runs_the_readme_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    install_run, install_test = readme_commands()
    for command in (install_run, install_test):
        # CI makes its own fresh venv, then runs the rest of each command as written.
        after_venv = command.split(" && ", 2)[2]
        for part in after_venv.split(" && "):
            assert part in ci, f"{part!r} from the README is not in .ci/run"


def test_problem_code_docs_are_current() -> None:
    doc = (REPO / "docs" / "problem-codes.md").read_text()
    assert doc == codes_markdown(), (
        "regenerate: python -c 'from mou_reconcile.problems import codes_markdown; "
        "print(codes_markdown(), end=\"\")' > docs/problem-codes.md")


def test_readme_lists_every_problem_code() -> None:
    readme = (REPO / "README.md").read_text()
    for code in CODES.values():
        assert code.name in readme, f"{code.code} {code.name} is missing from the README"


def test_sample_data_checks_clean(cli) -> None:
    run = cli("check", "--claims", str(REPO / "data" / "claims.yaml"), "--format", "json")
    document = run.json()
    assert document["problems"] == []
    assert run.exit_code == 0
    summary = document["summary"]
    assert summary["sources"] == 5
    assert summary["quotes_found"] == summary["claims"] > 50


def test_sample_articles_are_the_seed_articles_byte_for_byte() -> None:
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    ours = {digest(p) for p in (REPO / "data" / "articles").glob("*.txt")}
    assert ours == {digest(p) for p in seeds.glob("*.txt")}


def test_check_never_modifies_the_claims_file_or_articles(cli) -> None:
    files = sorted(p for p in (CASES / "ferry-fire").rglob("*") if p.is_file())
    before = {p: p.read_bytes() for p in files}
    cli("check", "--claims", str(CASES / "ferry-fire"))
    cli("check", "--claims", str(CASES / "ferry-fire"), "--format", "json")
    assert {p: p.read_bytes() for p in files} == before


def test_symlink_leading_outside_the_folder_is_refused(cli, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("The council signed nine agreements.\n")
    story = tmp_path / "story"
    (story / "articles").mkdir(parents=True)
    (story / "articles" / "a.txt").symlink_to(outside)
    (story / "claims.yaml").write_text(
        "version: 1\nsources:\n  - id: a\n    file: articles/a.txt\nclaims: []\n")
    run = cli("check", "--claims", str(story), "--format", "json")
    assert [(p["code"], p["line"], p["col"]) for p in run.json()["problems"]] == [
        ("MR302", 4, 11)]
    assert run.exit_code == 1


def test_missing_claims_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    run = cli("check", "--claims", str(tmp_path / "nope.yaml"))
    assert run.exit_code == 2
    assert "nope.yaml:1:1: MR100 error: no such file" in run.stderr


def test_folder_without_claims_yaml_is_a_usage_error(cli, tmp_path: Path) -> None:
    run = cli("check", "--claims", str(tmp_path))
    assert run.exit_code == 2
    assert "MR100" in run.stderr and "claims.yaml" in run.stderr


def test_env_var_names_the_claims_file(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOU_RECONCILE_CLAIMS", str(CASES / "duplicate-key"))
    run = cli("check", "--format", "json")
    assert run.json()["claims_file"].endswith("duplicate-key/claims.yaml")
    assert run.exit_code == 1


def test_version_option(cli) -> None:
    from mou_reconcile import __version__

    run = cli("--version")
    assert run.exit_code == 0 and run.stdout.strip() == f"mou-reconcile {__version__}"


def test_every_command_has_help_with_an_example(cli) -> None:
    from typer.main import get_command

    from mou_reconcile.cli import app

    for name in get_command(app).commands:  # type: ignore[attr-defined]
        run = cli(name, "--help")
        assert run.exit_code == 0
        assert "Example: mou-reconcile " + name in run.stdout


INSTALLED = Path(sys.executable).parent / "mou-reconcile"


def _outside_ci() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k not in ("MOU_RECONCILE_CLAIMS", "CI", "GITHUB_ACTIONS", "TF_BUILD")}


@pytest.mark.skipif(not INSTALLED.exists(), reason="the console script is not installed")
def test_installed_command_uses_the_packaged_sample_from_an_empty_folder(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(INSTALLED), *args], cwd=tmp_path, env=_outside_ci(),
                              capture_output=True, text=True, timeout=60)

    report = run("report", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert "using the sample corpus" in report.stderr
    assert json.loads(report.stdout)["summary"]["sources"] == 5  # stdout is pure JSON
    assert list(tmp_path.iterdir()) == []  # nothing written where it ran


@pytest.mark.skipif(not INSTALLED.exists(), reason="the console script is not installed")
@pytest.mark.parametrize(("args", "ci"), [
    (["check"], {}),  # check never checks the sample: that would pass a misconfigured job
    (["check", "--format", "json"], {"CI": "true"}),
    (["report"], {"CI": "true"}),
    (["report", "--format", "github"], {"GITHUB_ACTIONS": "true"}),
    (["coverage"], {"CI": "1"}),
    (["matrix"], {"TF_BUILD": "True"}),
])
def test_no_claims_file_is_exit_2_naming_where_it_looked(tmp_path: Path, args: list[str],
                                                        ci: dict[str, str]) -> None:
    proc = subprocess.run([str(INSTALLED), *args], cwd=tmp_path, env={**_outside_ci(), **ci},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no claims file found" in proc.stderr
    assert str(tmp_path / "data" / "claims.yaml") in proc.stderr  # where it looked
    assert "--claims" in proc.stderr and "Traceback" not in proc.stderr
    assert "using the sample" not in proc.stderr


@pytest.mark.skipif(not INSTALLED.exists(), reason="the console script is not installed")
def test_ci_set_to_false_is_not_ci(tmp_path: Path) -> None:
    proc = subprocess.run([str(INSTALLED), "report"], cwd=tmp_path,
                          env={**_outside_ci(), "CI": "false"}, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "using the sample corpus" in proc.stderr
