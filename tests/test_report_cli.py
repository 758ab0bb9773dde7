"""`report` and `explain` through the command line (the `cli` fixture runs it in-process).

The expectations come from docs/cli.md: the JSON report contract (version 1), the exit codes
of `--fail-on`, `--min-severity`, `--output`, and `explain FACT` with a unique prefix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import CASES, REPO

SCHEMA = REPO / "docs" / "report.schema.json"
FERRY = str(CASES / "ferry-fire")
SAMPLE = str(REPO / "data" / "claims.yaml")
CORPORA = pytest.mark.parametrize("claims", [FERRY, SAMPLE], ids=["ferry-fire", "sample"])

# A corpus whose only discrepancy is a warning: 1,500 against "up to 300,000" (magnitude).
WARNING_ONLY = """\
version: 1
sources:
  - {id: a, file: a.txt}
  - {id: b, file: b.txt}
entities:
  - {id: skills, name: Skills programme}
properties:
  - {id: trainees, type: count, unit: people}
claims:
  - {source: a, subject: skills, property: trainees, value: 1500,
     quote: "will provide 1,500 young people with certificates"}
  - {source: b, subject: skills, property: trainees, value: 300000, bound: at_most,
     quote: "designed to train up to 300,000 youths"}
"""
EXPLAINED = """\
resolutions:
  - {fact: skills.trainees, status: explained, values: [1500, 300000], verdict: a target}
"""


def report_json(cli: Any, claims: str, *args: str) -> dict[str, Any]:
    run = cli("report", "--claims", claims, "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    return run.json()  # type: ignore[no-any-return]


def by_fact(doc: dict[str, Any], fact: str) -> dict[str, Any]:
    found = [d for d in doc["discrepancies"] if d["fact"] == fact]
    assert len(found) == 1, [d["fact"] for d in doc["discrepancies"]]
    return found[0]


@pytest.fixture
def warning_only(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("The initiative will provide 1,500 young people with "
                                    "certificates in cloud computing.\n")
    (tmp_path / "b.txt").write_text("The programme is designed to train up to 300,000 youths "
                                    "over five years, the ministry said.\n")
    path = tmp_path / "claims.yaml"
    path.write_text(WARNING_ONLY)
    return path


# -- the JSON contract --------------------------------------------------------------------
@CORPORA
def test_json_report_validates_against_the_schema(cli: Any, claims: str) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema, jsonschema.Draft202012Validator)
    validator.check_schema(schema)
    validator(schema).validate(report_json(cli, claims))


@CORPORA
def test_json_report_has_the_contract_fields(cli: Any, claims: str) -> None:
    doc = report_json(cli, claims)
    assert doc["version"] == 1
    assert doc["claims_file"].endswith("claims.yaml")
    summary = doc["summary"]
    assert {"sources", "claims", "facts", "discrepancies", "open"} <= summary.keys()
    assert set(summary["open"]) == {"error", "warning", "info"}
    assert summary["discrepancies"] == len(doc["discrepancies"])
    open_ = [d for d in doc["discrepancies"] if d["status"] == "open"]
    for level in ("error", "warning", "info"):
        assert summary["open"][level] == sum(d["severity"] == level for d in open_)
    assert doc["discrepancies"], "both corpora have discrepancies"
    for d in doc["discrepancies"]:
        assert {"fact", "subject", "property", "kinds", "severity", "status", "resolution",
                "values", "message"} <= d.keys()
        assert d["fact"] == f"{d['subject']}.{d['property']}"
        for v in d["values"]:
            assert {"value", "bound", "interval", "sources", "claims"} <= v.keys()
            for claim in v["claims"]:
                assert {"id", "source", "quote", "line", "context"} <= claim.keys()
                assert claim["source"] in v["sources"]
    for c in doc["corroborated"]:
        assert {"fact", "value", "independent_sources", "sources"} <= c.keys()
        assert c["independent_sources"] >= 2
    for link in doc["independence"]:
        assert {"sources", "reason"} <= link.keys()
    assert doc["problems"] == []


def test_json_report_on_the_ferry_story(cli: Any) -> None:
    doc = report_json(cli, FERRY)
    assert doc["summary"]["sources"] == 3
    injured = by_fact(doc, "lantern-fire.injured")
    assert injured["kinds"] == ["conflict"] and injured["severity"] == "error"
    assert [(v["value"], v["bound"], v["interval"], v["sources"]) for v in injured["values"]] == [
        (11, "exact", [11, 11], ["wire", "post"]),
        (12, "at_least", [12, None], ["authority"]),
    ]
    assert [(link["sources"], link["reason"]) for link in doc["independence"]] == [
        (["wire", "post"], "declared: post derived_from wire")]
    # wire and post agree on 11, but post copies wire: not corroboration
    assert all(c["fact"] != "lantern-fire.injured" for c in doc["corroborated"])


def test_json_report_on_the_sample_data(cli: Any) -> None:
    doc = report_json(cli, SAMPLE)
    count = by_fact(doc, "pk-cn-it-mous-2025.agreement_count")
    assert {"conflict", "scope"} <= set(count["kinds"])
    assert count["severity"] == "error"
    assert [v["value"] for v in count["values"]] == [9, 10, 24]
    partner = by_fact(doc, "sky47.data_centre_partner")
    assert "conflict" in partner["kinds"] and partner["severity"] == "error"
    assert sorted(v["value"] for v in partner["values"]) == ["huawei", "zte"]
    trainees = by_fact(doc, "huawei-skills-programme.trainees")
    assert "magnitude" in trainees["kinds"]


# -- exit codes ---------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "code"), [
    ((), 0),
    (("--fail-on", "error"), 0),
    (("--fail-on", "warning"), 1),
    (("--fail-on", "info"), 1),
])
def test_fail_on_counts_open_discrepancies_at_or_above_the_level(
        cli: Any, warning_only: Path, args: tuple[str, ...], code: int) -> None:
    doc = report_json(cli, str(warning_only))
    assert doc["problems"] == []
    assert [(d["kinds"], d["severity"]) for d in doc["discrepancies"]] == [
        (["magnitude"], "warning")]
    assert cli("report", "--claims", str(warning_only), *args).exit_code == code


@pytest.mark.parametrize("level", ["error", "warning", "info"])
def test_fail_on_ignores_resolved_discrepancies(cli: Any, warning_only: Path,
                                                level: str) -> None:
    warning_only.write_text(WARNING_ONLY + EXPLAINED)
    doc = report_json(cli, str(warning_only))
    assert [d["status"] for d in doc["discrepancies"]] == ["explained"]
    assert cli("report", "--claims", str(warning_only), "--fail-on", level).exit_code == 0


@pytest.mark.parametrize(("claims", "level", "code"), [
    (FERRY, "error", 1),       # two open conflicts
    (SAMPLE, "error", 1),
    (SAMPLE, "warning", 1),
])
def test_fail_on_with_open_errors(cli: Any, claims: str, level: str, code: int) -> None:
    assert cli("report", "--claims", claims, "--fail-on", level).exit_code == code


# -- options ------------------------------------------------------------------------------
def test_min_severity_warning_hides_info_discrepancies(cli: Any) -> None:
    everything = report_json(cli, SAMPLE)
    assert any(d["severity"] == "info" for d in everything["discrepancies"])
    shown = report_json(cli, SAMPLE, "--min-severity", "warning")
    assert shown["discrepancies"] == [d for d in everything["discrepancies"]
                                      if d["severity"] != "info"]
    assert shown["discrepancies"]


def test_output_file_holds_the_same_json_and_stdout_stays_empty(cli: Any,
                                                                tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run = cli("report", "--claims", SAMPLE, "--format", "json", "--output", str(target))
    assert run.exit_code == 0
    assert run.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == report_json(cli, SAMPLE)


# -- text ---------------------------------------------------------------------------------
def _block(text: str, fact: str) -> str:
    """The text report's block for one discrepancy: its heading up to the blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[1:2] == [fact])
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[start:end])


@CORPORA
def test_text_report_shows_every_value_and_source_of_a_conflict(cli: Any, claims: str) -> None:
    conflicts = [d for d in report_json(cli, claims)["discrepancies"]
                 if "conflict" in d["kinds"]]
    assert conflicts
    run = cli("report", "--claims", claims)
    assert run.exit_code == 0
    for d in conflicts:
        block = _block(run.stdout, d["fact"])
        for v in d["values"]:
            assert v["display"] in block
            for source in v["sources"]:
                assert source in block, (d["fact"], source)


# -- explain ------------------------------------------------------------------------------
def test_explain_a_fact_prefix_shows_each_source_and_the_article_line(cli: Any) -> None:
    run = cli("explain", "lantern-fire.inj", "--claims", FERRY)
    assert run.exit_code == 0
    out = run.stdout
    assert out.startswith("lantern-fire.injured")
    for source, where, sentence in [
        ("authority", "harbour-authority.txt:5", "5 │ At least 12 passengers were injured"),
        ("wire", "coastal-wire.txt:3", "3 │ NORTHGATE, March 14 (Coastal Wire) - Eleven"),
        ("post", "evening-post.txt:3", "3 │ NORTHGATE, March 14 - Eleven people were hurt"),
    ]:
        assert f"{source}  " in out
        assert where in out
        assert sentence in out


def test_explain_an_unknown_fact_suggests_the_closest(cli: Any) -> None:
    run = cli("explain", "lantern-fire.injurd", "--claims", FERRY)
    assert run.exit_code == 2
    assert "did you mean 'lantern-fire.injured'" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


# -- values with their units (issue 19) ---------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "github", "sarif"])
def test_every_format_says_a_value_with_its_unit_and_the_quotes_scale(cli: Any,
                                                                      fmt: str) -> None:
    # The sample's committed investment: unit USD, quoted as "around $60 billion".
    run = cli("report", "--claims", SAMPLE, "--format", fmt)
    assert "about US$60 billion" in run.stdout
    assert "60,000,000,000" not in run.stdout
    assert "up to 300,000 people" in run.stdout


def test_json_adds_the_value_with_its_unit_and_keeps_display(cli: Any) -> None:
    doc = report_json(cli, SAMPLE)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    [cpec] = [d for d in doc["discrepancies"] if d["fact"] == "cpec.committed_investment"]
    [value] = cpec["values"]
    assert (value["display"], value["display_with_unit"]) == (
        "about 60,000,000,000", "about US$60 billion")
    [mous] = [c for c in doc["corroborated"] if c["fact"] == "pk-cn-it-mous-2025.g2g_count"]
    assert (mous["display"], mous["display_with_unit"]) == ("1", "1 agreement")


@pytest.mark.parametrize(("case", "said", "claims_reconciled"), [
    # A quote not found or a value not in its quote: an error, and the claim still counts.
    ("quote-not-found", "every claim is reconciled, those with errors too", None),
    ("value-not-in-quote", "every claim is reconciled, those with errors too", None),
    # A claim naming what is not declared cannot be reconciled: said so, and counted.
    ("unknown-reference", "1 claim that fails validation or names what is not declared is "
                          "left out", -1),
])
def test_report_says_which_claims_with_errors_it_leaves_out(cli: Any, case: str, said: str,
                                                            claims_reconciled: int | None
                                                            ) -> None:
    import yaml

    claims = CASES / case / "claims.yaml"
    text = cli("report", "-c", str(claims))
    assert said in " ".join(text.stdout.split())  # however the width wraps it
    html = cli("report", "-c", str(claims), "-f", "html")
    assert said in html.stdout
    given = len(yaml.safe_load(claims.read_text())["claims"])
    reconciled = cli("report", "-c", str(claims), "-f", "json").json()["summary"]["claims"]
    assert reconciled == given + (claims_reconciled or 0)
