"""CI formats on check and report: GitHub workflow commands (escaping, automatic choice in
GitHub Actions, the summary beyond GitHub's 10 annotations) and SARIF 2.1.0, validated
against the official schema."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import CASES, REPO
from mou_reconcile.problems import Severity
from mou_reconcile.reporters.github_reporter import annotation, escape_data, escape_property

SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
FERRY = str(CASES / "ferry-fire")
SAMPLE = str(REPO / "data" / "claims.yaml")


# -- github ----------------------------------------------------------------------------------
def test_workflow_command_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = annotation(Severity.WARNING, "stories/a,b: c.yaml", 3, 7, "MR403 hedge, mismatch",
                      "says: up to 5%\nhint: x,y")
    assert line == ("::warning file=stories/a%2Cb%3A c.yaml,line=3,col=7,"
                    "title=MR403 hedge%2C mismatch::says: up to 5%25%0Ahint: x,y")


def test_github_check_annotates_each_problem_on_its_line(cli) -> None:
    run = cli("check", "-c", str(CASES / "quote-not-found"), "-f", "github")
    assert run.exit_code == 1
    first = run.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert "claims.yaml,line=25,col=12,title=MR401 quote-not-found::" in first
    assert "%0Ahint: copy the quote exactly from the article" in first


def test_github_is_chosen_inside_github_actions(cli, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    auto = cli("report", "-c", FERRY)
    assert auto.stdout.startswith("::error file=")
    assert cli("report", "-c", FERRY, "-f", "text").stdout.startswith("Discrepancies in")
    written = tmp_path / "report.txt"  # annotations act only on stdout
    cli("report", "-c", FERRY, "--output", str(written))
    assert written.read_text().startswith("Discrepancies in")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert cli("check", "-c", FERRY).stdout.startswith("✓ ")


def test_github_lists_everything_beyond_the_ten_annotations_per_level(cli) -> None:
    run = cli("report", "-c", SAMPLE, "-f", "github")
    lines = run.stdout.splitlines()
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) > 10
    group = lines[lines.index(next(x for x in lines if x.startswith("::group::"))):
                  lines.index("::endgroup::")]
    listed = [line for line in group if line.startswith("data/claims.yaml:")]
    assert len(listed) == len([x for x in lines if x.startswith(("::error ", "::warning ",
                                                                 "::notice "))])
    assert f"{len(notices)} notices are all listed in the group above" in run.stdout
    assert run.exit_code == 0


def test_github_report_fails_on_request_and_skips_resolved(cli) -> None:
    run = cli("report", "-c", SAMPLE, "-f", "github", "--fail-on", "error")
    assert run.exit_code == 1
    assert "huawei-skills-programme.trainees" not in run.stdout  # resolved: no annotation
    assert "1 resolved" in run.stdout


def test_unreadable_input_is_annotated_too(cli, tmp_path: Path) -> None:
    run = cli("check", "-c", str(tmp_path / "missing.yaml"), "-f", "github")
    assert run.exit_code == 2
    assert run.stdout.startswith("::error file=") and "title=MR100 file-unreadable" in run.stdout


# -- sarif -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    if not SARIF_SCHEMA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{SARIF_SCHEMA} is missing")
        pytest.skip("../shared/schemas is not beside this checkout")
    schema = json.loads(SARIF_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid_sarif(validator: Any, text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
    return document


@pytest.mark.parametrize("command,claims", [
    ("check", FERRY), ("check", str(CASES / "quote-not-found")),
    ("check", str(CASES / "yaml-syntax")), ("check", str(CASES / "unknown-reference")),
    ("report", FERRY), ("report", SAMPLE), ("report", str(CASES / "value-not-in-quote")),
])
def test_sarif_validates_against_the_official_schema(cli, sarif_validator, command: str,
                                                      claims: str) -> None:
    valid_sarif(sarif_validator, cli(command, "-c", claims, "-f", "sarif").stdout)


def test_sarif_for_unreadable_input_validates(cli, sarif_validator, tmp_path: Path) -> None:
    run = cli("check", "-c", str(tmp_path / "missing.yaml"), "-f", "sarif")
    assert run.exit_code == 2
    results = valid_sarif(sarif_validator, run.stdout)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["MR100"]


def test_sarif_check_results_are_the_problems(cli, sarif_validator) -> None:
    claims = str(CASES / "value-not-in-quote")
    problems = cli("check", "-c", claims, "-f", "json").json()["problems"]
    run = cli("check", "-c", claims, "-f", "sarif")
    sarif = valid_sarif(sarif_validator, run.stdout)["runs"][0]
    assert run.exit_code == 1
    got = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["message"]["text"].splitlines()[0]) for r in sarif["results"]]
    assert got == [(p["code"], p["severity"], p["line"], p["col"], p["message"])
                   for p in problems]
    rules = sarif["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["MR402"]
    assert all(sarif["results"][k]["ruleIndex"] == 0 for k in range(len(problems)))


def test_sarif_report_points_at_the_claim_and_the_quotes(cli, sarif_validator) -> None:
    anchors = cli("check", "-c", FERRY, "-f", "json").json()["anchors"]
    sarif = valid_sarif(sarif_validator, cli("report", "-c", FERRY, "-f", "sarif").stdout)
    results = {r["properties"]["fact"]: r for r in sarif["runs"][0]["results"]}
    injured = results["lantern-fire.injured"]
    assert injured["ruleId"] == "conflict" and injured["level"] == "error"
    where = injured["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].endswith("tests/cases/ferry-fire/claims.yaml")
    assert where["region"]["startLine"] > 1
    related = injured["relatedLocations"]
    assert len(related) == 3  # wire, post, authority
    for loc in related:
        region = loc["physicalLocation"]["region"]
        matching = [a for a in anchors.values()
                    if (a["line"], a["col"]) == (region["startLine"], region["startColumn"])]
        assert matching, region
        assert region["endLine"] == matching[0]["end_line"]
        assert region["endColumn"] == matching[0]["end_col"] + 1  # SARIF's end is exclusive
        assert "ferry-fire/articles/" in loc["physicalLocation"]["artifactLocation"]["uri"]
    naming = results["bayline.name"]
    assert naming["level"] == "note" and naming["ruleId"] == "naming"


def test_sarif_resolved_discrepancy_is_suppressed_with_its_verdict(cli, sarif_validator) -> None:
    sarif = valid_sarif(sarif_validator, cli("report", "-c", SAMPLE, "-f", "sarif").stdout)
    results = {r["properties"]["fact"]: r for r in sarif["runs"][0]["results"]}
    resolved = results["huawei-skills-programme.trainees"]
    assert resolved["suppressions"][0]["status"] == "accepted"
    assert resolved["suppressions"][0]["justification"].startswith("Not a contradiction")
    assert "suppressions" not in results["pk-cn-it-mous-2025.agreement_count"]  # still open


def test_sarif_min_severity_filters_discrepancies(cli, sarif_validator) -> None:
    sarif = valid_sarif(sarif_validator, cli("report", "-c", SAMPLE, "-f", "sarif",
                                             "--min-severity", "warning").stdout)
    assert {r["level"] for r in sarif["runs"][0]["results"]} == {"error", "warning"}


def test_html_is_a_report_format_only(cli) -> None:
    run = cli("check", "-c", FERRY, "-f", "html")
    assert run.exit_code == 2
    assert "'html' is not one of text, json, markdown, github, sarif" in run.stderr


def test_sarif_fingerprints_follow_a_fact_in_its_own_claims_file(cli, sarif_validator,
                                                               tmp_path: Path) -> None:
    import shutil

    for story in ("a", "b"):
        shutil.copytree(FERRY, tmp_path / story)

    def prints() -> dict[tuple[str, str], str]:
        sarif = valid_sarif(sarif_validator, cli("report", str(tmp_path / "a"),
                                                 str(tmp_path / "b"), "-f", "sarif").stdout)
        return {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("/")[-2],
                 r["properties"]["fact"]): r["partialFingerprints"]["mouReconcileFinding/v1"]
                for run in sarif["runs"] for r in run["results"] if "properties" in r}

    before = prints()
    assert ("a", "lantern-fire.injured") in before and ("b", "lantern-fire.injured") in before
    # Two stories naming a fact alike: two alerts, not one.
    assert before["a", "lantern-fire.injured"] != before["b", "lantern-fire.injured"]
    claims = tmp_path / "a" / "claims.yaml"
    claims.write_text("# a comment moves every line down\n\n" + claims.read_text())
    assert prints() == before  # lines moved: the same alerts
