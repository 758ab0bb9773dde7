"""`extract` and `coverage` from the command line, on the sample data and on other stories,
including the new curator's path: extract a new article, paste the stubs, fill them in,
and `check` passes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, REPO, TESTS
from mou_reconcile.corpus.yamlio import load_yaml

GOLDEN = TESTS / "golden" / "curation"
SAMPLE = str(REPO / "data" / "claims.yaml")
FERRY = str(CASES / "ferry-fire")


def stubs(text: str) -> dict[str, Any]:
    """The YAML output, read by the tool's own loader (it refuses what the format forbids)."""
    doc, problems = load_yaml(text, "stubs.yaml")
    assert problems == [] and doc is not None, problems
    data: dict[str, Any] = doc.data
    return data


# --- extract ----------------------------------------------------------------------------

def test_extract_writes_stubs_the_loader_reads(cli: Any) -> None:
    run = cli("extract", "jwg-skills", "--claims", SAMPLE)
    assert run.exit_code == 0, run.stderr
    claims = stubs(run.stdout)["claims"]
    assert [(c["value"], c["bound"]) for c in claims] == [
        (24, "exact"), (1, "exact"), (7, "exact"), (16, "exact"), (300000, "at_most"),
        (100000, "exact"), (8, "exact")]  # the ordinal ("eighth") comes last, apart
    assert {(c["source"], c["subject"]) for c in claims} == {("jwg-skills", "TODO")}
    assert claims[4]["quote"] == "to train up to 300,000 Pakistani youths"
    assert "# entities: zte, zte-training-centre (global training centre), pakistan" in run.stdout
    assert "# --- ordinal:" in run.stdout


@pytest.mark.parametrize("query", ["jwg-sk", "data/articles/jwg-24-mous-skills.txt",
                                   str(REPO / "data" / "articles" / "jwg-24-mous-skills.txt")])
def test_extract_finds_a_source_by_prefix_or_article_path(cli: Any, monkeypatch: Any,
                                                          query: str) -> None:
    monkeypatch.chdir(REPO)
    run = cli("extract", query, "--claims", SAMPLE)
    assert run.exit_code == 0, run.stderr
    assert "(source jwg-skills)" in run.stdout and "sources:" not in run.stdout


@pytest.mark.parametrize(("query", "message"), [
    ("jwg", "'jwg' matches several sources: jwg-dec22, jwg-skills"),
    ("huawei-statment", "did you mean 'huawei-statement'?"),
])
def test_extract_unknown_or_ambiguous_source_is_a_usage_error(cli: Any, query: str,
                                                              message: str) -> None:
    run = cli("extract", query, "--claims", SAMPLE)
    assert run.exit_code == 2
    assert message in run.stderr and "Traceback" not in run.stderr + run.stdout


def test_extract_a_source_whose_article_is_missing_says_where(cli: Any) -> None:
    run = cli("extract", "a", "--claims", str(CASES / "source-missing"))
    assert run.exit_code == 2
    assert re.search(r"claims\.yaml:\d+:\d+: MR301 error: source 'a'", run.stderr), run.stderr


def test_extract_an_article_that_is_not_utf8(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("They signed nine agreements in Bogot\xe1.\n".encode("latin-1"))
    run = cli("extract", str(bad), "--claims", FERRY)
    assert run.exit_code == 2
    assert f"{bad}:1:37: MR303 error: is not UTF-8 (byte 0xe1)" in run.stderr


def test_extract_text_lists_ordinals_and_multipliers_apart(cli: Any) -> None:
    run = cli("extract", "pm-beijing", "--claims", SAMPLE, "--format", "text")
    assert run.exit_code == 0
    out = run.stdout
    assert out.index("Quantities (4)") < out.index("Multipliers (1)") < out.index("Ordinals")
    assert "5:225  10 (tenfold)  B2B export market" in out
    assert "Years" not in out  # the date line's 2025: only with --years


def test_extract_years_only_when_asked(cli: Any) -> None:
    plain = stubs(cli("extract", "jwg-dec22", "--claims", SAMPLE).stdout)["claims"]
    years = stubs(cli("extract", "jwg-dec22", "--claims", SAMPLE, "--years").stdout)["claims"]
    assert 2015 not in [c["value"] for c in plain]
    added = [c for c in years if c not in plain]
    assert [(c["value"], c["property"], "bound" in c) for c in added] == [
        (2025, "TODO", False), (2015, "launched", False)]  # dates take no bound


STORY = """Council signs nine deals with Acme

RIVERTON, June 3 - The Riverton city council signed nine agreements with Acme Corp on
Monday, and up to 1,200 residents will be trained under them. Acme said it would hire more
than 40 engineers in 2026. It was the council's third such deal; the 5G rollout is separate.
"""
CLAIMS = """version: 1
sources:
entities:
  - {id: council, name: Riverton city council}
  - {id: acme, name: Acme Corp, aliases: [Acme]}
properties:
  - {id: agreement_count, type: count, unit: agreements}
  - {id: trainees, type: count, unit: residents}
  - {id: hires, type: count, unit: engineers}
  - {id: ordinal, type: count}
claims:
"""


def _paste(claims_file: Path, output: str) -> None:
    """What a curator does: the items under `sources:` and `claims:` go under the same keys."""
    blocks: dict[str, list[str]] = {"sources:": [], "claims:": []}
    current = None
    for line in output.splitlines():
        if line in blocks:
            current = line
        elif current and line.startswith("  "):
            blocks[current].append(line)
    text = claims_file.read_text()
    for key, lines in blocks.items():
        text = text.replace(f"\n{key}\n", f"\n{key}\n" + "".join(f"{x}\n" for x in lines))
    claims_file.write_text(text)


def test_a_new_curator_extracts_pastes_fills_and_check_passes(cli: Any, monkeypatch: Any,
                                                              tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "council-deal.txt").write_text(STORY)
    claims_file = tmp_path / "claims.yaml"
    claims_file.write_text(CLAIMS)
    monkeypatch.chdir(tmp_path)

    run = cli("extract", "articles/council-deal.txt", "--claims", ".")
    assert run.exit_code == 0, run.stderr
    out = stubs(run.stdout)
    assert out["sources"] == [{"id": "council-deal", "file": "articles/council-deal.txt"}]
    assert [(c["value"], c["bound"], c["property"]) for c in out["claims"]] == [
        (9, "exact", "TODO"), (9, "exact", "agreement_count"), (1200, "at_most", "trainees"),
        (40, "at_least", "hires"), (3, "exact", "TODO")]  # no 5G, no 2026

    _paste(claims_file, run.stdout)
    before = cli("check", "-c", ".", "--format", "json")  # as pasted: only the TODOs fail
    assert before.exit_code == 1
    assert {(p["code"], p["message"].split(" is ")[0]) for p in before.json()["problems"]} == {
        ("MR201", "subject 'TODO'"), ("MR201", "property 'TODO'")}

    fills = iter([("council", "agreement_count"), ("council", None), ("council", None),
                  ("acme", None), ("council", "ordinal")])
    lines = []
    for line in claims_file.read_text().splitlines():
        if line == "    subject: TODO":
            subject, prop = next(fills)
            line = f"    subject: {subject}"
        elif line.startswith("    property: TODO"):
            line = f"    property: {prop}"
        lines.append(line)
    claims_file.write_text("\n".join(lines) + "\n")

    after = cli("check", "-c", ".", "--format", "json")
    assert after.json()["problems"] == [] and after.exit_code == 0
    assert after.json()["summary"]["quotes_found"] == 5
    covered = cli("coverage", "-c", ".", "--format", "json", "--fail-under", "100")
    assert covered.exit_code == 0 and covered.json()["summary"]["curated"] == 5


def test_stubs_for_a_declared_source_paste_into_its_claims_file(cli: Any,
                                                               tmp_path: Path) -> None:
    story = tmp_path / "ferry"
    shutil.copytree(CASES / "ferry-fire", story)
    run = cli("extract", "authority", "--claims", str(story))
    claims_file = story / "claims.yaml"
    items = run.stdout.split("\nclaims:\n", 1)[1]
    # The ferry file's claims section is its last: stubs go at its end, filled in.
    filled = items.replace("subject: TODO", "subject: lantern-fire").replace(
        "property: TODO", "property: injured")
    claims_file.write_text(claims_file.read_text() + filled)
    after = cli("check", "--claims", str(story), "--format", "json")
    assert after.exit_code == 0 and after.json()["problems"] == []
    assert after.json()["summary"]["claims"] == 13 + 4


# --- coverage ---------------------------------------------------------------------------

def test_sample_coverage_is_complete_with_every_remainder_explained(cli: Any) -> None:
    run = cli("coverage", "--claims", SAMPLE, "--format", "json", "--fail-under", "100")
    assert run.exit_code == 0, run.stderr
    doc = run.json()
    assert doc["summary"] == {"quantities": 32, "curated": 26, "explained": 6, "uncovered": 0,
                              "coverage": 100.0}
    assert doc["uncovered"] == []
    assert all(item["reason"] for item in doc["explained"])
    assert {s["source"]: s["quantities"] for s in doc["sources"]} == {
        "huawei-statement": 8, "spin-b2b": 1, "jwg-skills": 7, "jwg-dec22": 10,
        "pm-beijing": 6}


def test_coverage_of_another_story_lists_what_no_claim_records(cli: Any) -> None:
    run = cli("coverage", "--claims", FERRY, "--format", "json")
    assert run.exit_code == 0
    doc = run.json()
    assert [(i["source"], i["line"], i["text"], i["bound"]) for i in doc["uncovered"]] == [
        ("authority", 7, "nine", "exact"), ("authority", 7, "twenty", "exact"),
        ("wire", 1, "Eleven", "exact"), ("post", 1, "Eleven", "exact"),
        ("post", 3, "250", "approx")]
    assert doc["summary"]["coverage"] == 50.0


@pytest.mark.parametrize(("threshold", "code"), [("50", 0), ("50.1", 1), ("0", 0), ("100", 1)])
def test_fail_under_fails_only_below_the_threshold(cli: Any, threshold: str, code: int) -> None:
    run = cli("coverage", "--claims", FERRY, "--fail-under", threshold)
    assert run.exit_code == code
    assert ("is under --fail-under" in run.stderr) == bool(code)


def test_fail_under_outside_0_to_100_is_a_usage_error(cli: Any) -> None:
    assert cli("coverage", "--claims", FERRY, "--fail-under", "101").exit_code == 2


def test_a_quote_passing_over_a_figure_does_not_curate_it(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Acme signed the first of two deals with the council.\n")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\nsources:\n  - {id: a, file: a.txt}\nentities:\n"
        "  - {id: acme, name: Acme}\n  - {id: council, name: council}\n"
        "properties:\n  - {id: partner, type: entity}\n  - {id: deals, type: count}\n"
        "claims:\n  - {source: a, subject: acme, property: partner, value: council,\n"
        "     quote: 'Acme signed the first of two deals with the council'}\n"
        "not_curated:\n  - {source: a, quote: the first, reason: 'an order, not a count'}\n")
    doc = cli("coverage", "--claims", str(tmp_path), "--format", "json").json()
    assert [i["text"] for i in doc["uncovered"]] == ["two"]
    assert [(i["text"], i["reason"]) for i in doc["explained"]] == [
        ("first", "an order, not a count")]


def test_coverage_on_a_broken_claims_file_says_so(cli: Any) -> None:
    run = cli("coverage", "--claims", str(CASES / "value-not-in-quote"))
    assert run.exit_code == 0
    assert "The claims file has 4 errors" in run.stdout
    doc = cli("coverage", "--claims", str(CASES / "value-not-in-quote"), "-f", "json").json()
    assert doc["claims_file_errors"] == 4


def test_output_files_are_written(cli: Any, tmp_path: Path) -> None:
    stub_file, report_file = tmp_path / "stubs.yaml", tmp_path / "coverage.json"
    assert cli("extract", "wire", "-c", FERRY, "-o", str(stub_file)).exit_code == 0
    assert [c["value"] for c in stubs(stub_file.read_text())["claims"]] == [11, 11, 250]
    assert cli("coverage", "-c", FERRY, "-f", "json", "-o", str(report_file)).exit_code == 0
    assert json.loads(report_file.read_text())["summary"]["uncovered"] == 5


# --- golden text output, at two widths ----------------------------------------------------

RUNS = {
    "extract.huawei-statement": ["extract", "huawei-statement", "-c", "data/claims.yaml",
                                 "-f", "text"],
    "extract.authority": ["extract", "authority", "-c", "tests/cases/ferry-fire", "-f", "text"],
    "coverage.sample": ["coverage", "-c", "data/claims.yaml"],
    "coverage.ferry-fire": ["coverage", "-c", "tests/cases/ferry-fire"],
}


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("name", sorted(RUNS))
def test_golden_text(cli: Any, monkeypatch: Any, name: str, width: int) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli(*RUNS[name])
    assert run.exit_code == 0, run.stderr
    assert max(len(line) for line in run.stdout.splitlines()) <= width
    _golden(f"{name}.{width}.txt", run.stdout)


def test_golden_yaml_stubs(cli: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(REPO)
    run = cli("extract", "authority", "-c", "tests/cases/ferry-fire")
    _golden("extract.authority.yaml", run.stdout)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert text == path.read_text()


def test_json_coverage_is_pure_json_on_stdout(cli: Any) -> None:
    run = cli("coverage", "--claims", SAMPLE, "--format", "json")
    assert json.loads(run.stdout)["version"] == 1
