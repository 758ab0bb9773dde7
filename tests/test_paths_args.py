"""`check [PATH]...` and `report [PATH]...` (issue 19): claims files and folders as arguments,
one exit code for all (the worst), each file's output in the order of the arguments whether
the files run one after the other (--jobs 1) or in worker processes, JSON as a list of the
single-file documents, SARIF as one run, and the installed program doing the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import CASES, REPO

FERRY = CASES / "ferry-fire"  # clean: check exits 0; report has open error discrepancies
BROKEN = CASES / "duplicate-id"  # MR202: check exits 1
STORIES = ("ferry-fire", "duplicate-id", "quake-toll", "storm-toll")
SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def copy_case(name: str, to: Path, claims_name: str = "claims.yaml") -> Path:
    shutil.copytree(CASES / name, to, ignore=shutil.ignore_patterns("expected.txt"))
    if claims_name != "claims.yaml":
        (to / "claims.yaml").rename(to / claims_name)
    return to / claims_name


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """20 small stories, one folder each, from four of the test cases (5 of them broken)."""
    root = tmp_path / "stories"
    for k in range(20):
        copy_case(STORIES[k % 4], root / f"story-{k + 1:02d}")
    return root


@pytest.fixture
def inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so paths are short and relative as users type them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- which files: folders, the naming rule, --claims -------------------------------------


def test_a_file_and_a_folder_are_both_checked_with_one_exit_code(cli, inside: Path) -> None:
    copy_case("ferry-fire", inside / "a")
    copy_case("duplicate-id", inside / "b" / "broken")
    run = cli("check", "a/claims.yaml", "b/")
    assert run.exit_code == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == ("✓ a/claims.yaml: no problems (3 sources, 13 claims, 13 of 13 quotes "
                        "found)")
    assert lines[1] == ""  # each file's block apart
    assert lines[2].startswith("b/broken/claims.yaml:8:9: MR202 error: duplicate entity id")
    assert lines[-1] == "✗ 2 claims files: 1 with errors"


def test_one_path_runs_exactly_as_claims_does(cli, inside: Path) -> None:
    copy_case("duplicate-id", inside / "one")
    for fmt in ("text", "json", "sarif", "github", "markdown"):
        with_path = cli("check", "one", "-f", fmt)
        with_option = cli("check", "--claims", "one", "-f", fmt)
        assert (with_path.exit_code, with_path.stdout, with_path.stderr) == \
            (with_option.exit_code, with_option.stdout, with_option.stderr), fmt
        assert with_path.exit_code == 1
    report = cli("report", "one/claims.yaml", "-f", "json")
    assert report.stdout == cli("report", "-c", "one/claims.yaml", "-f", "json").stdout
    assert isinstance(report.json(), dict)  # the JSON report contract v1, unchanged


def test_a_folder_is_searched_by_the_hooks_naming_rule(cli, inside: Path) -> None:
    from mou_reconcile.cli.paths import select

    root = inside / "desk"
    copy_case("ferry-fire", root / "ferry", "ferry.claims.yaml")
    copy_case("ferry-fire", root / "quake", "quake-claims.yml")
    copy_case("ferry-fire", root / "deep" / "er")
    copy_case("ferry-fire", root / ".hidden")  # hidden folders are left out
    (root / "notes.yaml").write_text("not a claims file\n")
    (root / "claims.yaml.bak").write_text("nor this\n")
    found = [path for path, _ in select(None, ["desk"]).files]
    assert found == ["desk/deep/er/claims.yaml", "desk/ferry/ferry.claims.yaml",
                     "desk/quake/quake-claims.yml"]
    assert select(None, ["desk"]).many  # a folder searched: per-file output, even for one
    # A folder holding claims.yaml directly is that file, as with --claims.
    assert select(None, ["desk/deep/er"]).files == [("desk/deep/er", None)]
    assert not select(None, ["desk/deep/er"]).many
    # --claims counts as one more path, first; a file named twice is checked once.
    both = select("desk/deep/er", ["desk/deep/er/claims.yaml", "desk/ferry/ferry.claims.yaml"])
    assert [p for p, _ in both.files] == ["desk/deep/er", "desk/ferry/ferry.claims.yaml"]
    assert both.many


def test_a_folder_without_claims_files_and_a_missing_path_exit_2(cli, inside: Path) -> None:
    (inside / "empty").mkdir()
    copy_case("ferry-fire", inside / "ok")
    run = cli("check", "ok", "empty", "missing.yaml")
    assert run.exit_code == 2
    assert "empty:1:1: MR100 error: folder holds no claims file" in run.stderr
    assert "missing.yaml:1:1: MR100 error: no such file or folder" in run.stderr
    assert run.stdout.splitlines()[-1] == "✗ 3 claims files: 2 unreadable"
    documents = cli("check", "ok", "empty", "missing.yaml", "-f", "json").json()
    assert [d["claims_file"] for d in documents] == ["ok/claims.yaml", "empty", "missing.yaml"]
    assert [d["summary"] is None for d in documents] == [False, True, True]
    alone = cli("check", "missing.yaml", "-f", "json")
    assert alone.exit_code == 2 and alone.json()["problems"][0]["code"] == "MR100"


def test_no_path_reads_claims_as_before(cli, inside: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    copy_case("ferry-fire", inside / "data")
    run = cli("check")  # ./data/claims.yaml
    assert run.exit_code == 0 and run.stdout.startswith("✓ data/claims.yaml: no problems")
    monkeypatch.setenv("CI", "true")
    monkeypatch.chdir(inside / "data")
    story = cli("check")  # a story folder: ./claims.yaml, as `add` and `suggest` find it
    assert story.exit_code == 0 and story.stdout.startswith("✓ claims.yaml: no problems")
    (inside / "empty").mkdir()
    monkeypatch.chdir(inside / "empty")
    refused = cli("report")  # nothing found, in CI: no sample, exit 2
    assert refused.exit_code == 2 and "no claims file found" in refused.stderr


# --- exit codes: the worst ---------------------------------------------------------------


@pytest.mark.parametrize(("cases", "code"), [
    (("ferry-fire", "quake-toll"), 0),
    (("ferry-fire", "duplicate-id"), 1),
    (("duplicate-id", "not-utf8"), 2),
    (("not-utf8", "ferry-fire"), 2),
])
def test_check_exits_with_the_worst_code(cli, cases: tuple[str, ...], code: int) -> None:
    for jobs in ("1", "2"):
        run = cli("check", *(str(CASES / c) for c in cases), "--jobs", jobs)
        assert run.exit_code == code, (jobs, run.stdout, run.stderr)


def test_report_fail_on_counts_every_file(cli) -> None:
    clean, broken = str(CASES / "alias-hint"), str(BROKEN)  # no error-level discrepancy
    assert cli("report", clean, str(FERRY)).exit_code == 0  # no --fail-on: 0
    run = cli("report", clean, broken, "--fail-on", "error")
    assert run.exit_code == 1
    assert run.stdout.splitlines()[-1] == "✗ 2 claims files: 1 at or above --fail-on error"
    assert cli("report", clean, broken, "--fail-on", "error", "-f", "json").exit_code == 1


# --- in parallel, as one after the other -------------------------------------------------


def test_a_twenty_story_folder_gives_the_same_output_in_parallel(cli, newsroom: Path,
                                                                 inside: Path) -> None:
    for command, fmt in (("check", "text"), ("report", "json"), ("report", "markdown")):
        alone = cli(command, "stories", "--jobs", "1", "-f", fmt)
        together = cli(command, "stories", "--jobs", "4", "-f", fmt)
        default = cli(command, "stories", "-f", fmt)
        assert (together.exit_code, together.stdout, together.stderr) == \
            (alone.exit_code, alone.stdout, alone.stderr) == \
            (default.exit_code, default.stdout, default.stderr), (command, fmt)
    checked = cli("check", "stories", "-f", "json")
    assert checked.exit_code == 1  # five stories are broken
    names = [d["claims_file"] for d in checked.json()]
    assert names == [f"stories/story-{k:02d}/claims.yaml" for k in range(1, 21)]


def _pid(job: Any) -> Any:
    from mou_reconcile.cli.parallel import Outcome

    time.sleep(0.05)  # long enough for every worker to take some
    return Outcome(0, str(os.getpid()), "", ())


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_the_files_run_in_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from mou_reconcile.cli import parallel

    monkeypatch.setattr(parallel, "run_one", _pid)
    jobs = [parallel.Job(("check",), None, "text", (), "utf-8", "strict")] * 9
    pids = [o.stdout for o in parallel.run_all(jobs, 3)]
    assert pids[0] == str(os.getpid())  # the first here, warming up what the workers share
    assert len(set(pids[1:])) == 3 and str(os.getpid()) not in pids[1:]
    assert [o.stdout for o in parallel.run_all(jobs, 1)] == [str(os.getpid())] * 9


# --- the formats with several files ------------------------------------------------------


def test_json_is_a_list_of_each_files_own_document(cli) -> None:
    paths = [str(FERRY), str(BROKEN)]
    for command in ("check", "report"):
        run = cli(command, *paths, "-f", "json")
        documents = run.json()
        assert isinstance(documents, list) and len(documents) == 2
        for path, document in zip(paths, documents, strict=True):
            assert document == cli(command, "-c", path, "-f", "json").json()
            assert document["version"] == 1


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SARIF_SCHEMA} is missing")
        pytest.skip("../shared/schemas is not beside this checkout")
    schema = json.loads(SARIF_SCHEMA.read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_one_run_with_every_files_results(cli, sarif_validator,
                                                   tmp_path: Path) -> None:
    paths = [str(CASES / "quote-not-found"), str(FERRY), str(BROKEN), str(tmp_path / "no")]
    run = cli("report", *paths, "-f", "sarif")
    assert run.exit_code == 2  # the missing one
    log = json.loads(run.stdout)
    assert [e.message for e in sarif_validator.iter_errors(log)] == []
    assert len(log["runs"]) == 1  # code scanning refuses several runs of one tool
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    expected = []
    for path in paths:
        alone = json.loads(cli("report", "-c", path, "-f", "sarif").stdout)["runs"][0]
        expected += [(r["ruleId"], r["locations"]) for r in alone["results"]]
    assert [(r["ruleId"], r["locations"]) for r in results] == expected
    assert [rules[r["ruleIndex"]]["id"] for r in results] == [r["ruleId"] for r in results]
    assert len({r["id"] for r in rules}) == len(rules)


def test_github_annotates_every_file(cli) -> None:
    run = cli("check", str(CASES / "quote-not-found"), str(BROKEN), "-f", "github")
    assert run.exit_code == 1
    files = [line.split("file=", 1)[1].split(",", 1)[0] for line in run.stdout.splitlines()
             if line.startswith("::error ")]
    assert [f.split("cases/")[-1] for f in files] == ["quote-not-found/claims.yaml",
                                                       "duplicate-id/claims.yaml"]
    assert "::group::" in run.stdout.split("quote-not-found/claims.yaml: 1 error")[0]


def test_report_prints_each_files_report_in_turn(cli) -> None:
    run = cli("report", str(FERRY), str(CASES / "quake-toll"), "--min-severity", "error")
    heads = [k for k, line in enumerate(run.stdout.splitlines())
             if line.startswith("Discrepancies in ")]
    assert len(heads) == 2 and run.stdout.splitlines()[heads[1] - 1] == ""
    first = cli("report", "-c", str(FERRY), "--min-severity", "error").stdout
    assert run.stdout.startswith(first + "\n")
    assert run.stdout.endswith("\n✓ 2 claims files reported\n")


def test_html_is_one_page_per_file(cli) -> None:
    run = cli("report", str(FERRY), str(BROKEN), "-f", "html")
    assert run.exit_code == 2 and run.stdout == ""
    assert "name one claims file" in run.stderr


def test_output_holds_what_stdout_shows_and_never_replaces_an_input(cli, tmp_path: Path) -> None:
    paths = [str(FERRY), str(BROKEN)]
    for fmt in ("text", "json", "sarif"):
        out = tmp_path / f"out.{fmt}"
        written = cli("check", *paths, "-f", fmt, "-o", str(out))
        assert written.exit_code == 1 and written.stdout == ""
        printed = cli("check", *paths, "-f", fmt)
        assert out.read_text(encoding="utf-8") == printed.stdout
    copy = tmp_path / "copy"
    claims = copy_case("ferry-fire", copy)
    before = claims.read_bytes()
    refused = cli("check", str(FERRY), str(copy), "-o", str(claims))
    assert refused.exit_code == 2 and "cannot write" in refused.stderr
    assert claims.read_bytes() == before


# --- the program as it ships --------------------------------------------------------------


SCRIPT = Path(sys.executable).parent / "mou-reconcile"


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed")
def test_the_installed_program_checks_many_paths_in_parallel(newsroom: Path,
                                                            tmp_path: Path) -> None:
    # A clean environment, as tests/test_shipped.py builds it.
    drop = {"CI", "GITHUB_ACTIONS", "TF_BUILD", "PYTHONPATH", "FORCE_COLOR", "CLICOLOR_FORCE",
            "TTY_COMPATIBLE", "TTY_INTERACTIVE", "LINES", "COLUMNS", "NO_COLOR", "TERM"}
    env = {k: v for k, v in os.environ.items()
           if k not in drop and not k.startswith("MOU_RECONCILE_")}
    env.update({"MOU_RECONCILE_NO_CACHE": "1", "COLUMNS": "100", "NO_COLOR": "1",
                "TERM": "dumb"})
    missing = str(tmp_path / "missing" / "claims.yaml")

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(SCRIPT), *args], cwd=tmp_path, env=env,
                              capture_output=True, timeout=300, check=False)

    for fmt in ("text", "json"):
        serial = run("check", "stories", str(FERRY), missing, "--jobs", "1", "-f", fmt)
        parallel = run("check", "stories", str(FERRY), missing, "-j", "3", "-f", fmt)
        assert serial.returncode == parallel.returncode == 2, parallel.stderr
        assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
        assert b"Traceback" not in parallel.stderr
    documents = json.loads(parallel.stdout)
    assert len(documents) == 22 and documents[-1]["summary"] is None
    assert run("check", "stories", "-j", "2").returncode == 1
    ok = run("report", str(FERRY), str(CASES / "quake-toll"), "-f", "json")
    assert ok.returncode == 0 and len(json.loads(ok.stdout)) == 2


@pytest.mark.skipif(not SCRIPT.is_file() or sys.platform != "linux",
                    reason="the console script, and /proc to find the workers")
def test_ctrl_c_ends_the_workers_too(tmp_path: Path) -> None:
    import signal

    root = tmp_path / "stories"
    for k in range(200):
        copy_case(STORIES[k % 4], root / f"story-{k:03d}")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env["MOU_RECONCILE_NO_CACHE"] = "1"
    for to_group in (True, False):  # Ctrl-C at a terminal; `kill -INT` to the parent alone
        proc = subprocess.Popen([str(SCRIPT), "report", str(root), "-j", "2"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        deadline = time.monotonic() + 60
        while len(_session_members(proc.pid)) < 3 and proc.poll() is None and \
                time.monotonic() < deadline:  # until both workers run
            time.sleep(0.02)
        (os.killpg if to_group else os.kill)(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130 and err == b"interrupted\n", err
        time.sleep(0.3)
        assert _session_members(proc.pid) == [], "a worker outlived the command"


def _session_members(sid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text() if entry.isdigit() else ""
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split() if stat else []
        if fields and fields[0] != "Z" and int(fields[3]) == sid:  # a zombie has ended
            found.append(int(entry))
    return found
