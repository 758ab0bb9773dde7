"""Publishing: the claims file's JSON Schema (current, draft-07, and what editors see through
the modeline) and ClaimReview JSON-LD export."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import CASES, REPO
from mou_reconcile.corpus.yamlio import load_yaml

SCHEMA_FILE = REPO / "docs" / "claims.schema.json"
SAMPLE = REPO / "data" / "claims.yaml"
FERRY = CASES / "ferry-fire"


# -- schema ----------------------------------------------------------------------------------
def load(path: Path) -> Any:
    doc, problems = load_yaml(path.read_text(), str(path))  # YAML 1.2, as the tool reads it
    assert doc is not None and problems == []
    return doc.data


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_committed_schema_is_current(cli) -> None:
    run = cli("schema")
    assert run.exit_code == 0
    assert run.stdout == SCHEMA_FILE.read_text(), (
        "regenerate: mou-reconcile schema --output docs/claims.schema.json")


def test_schema_uses_draft07_constructs_only() -> None:
    text = SCHEMA_FILE.read_text()
    for later in ("$schema", "$defs", "prefixItems", "unevaluated", "dependentRequired",
                  "$dynamicRef"):
        assert later not in text
    refs = re.findall(r'"\$ref": "([^"]+)"', text)
    assert refs and all(r.startswith("#/definitions/") for r in refs)


@pytest.mark.parametrize("path", [SAMPLE, FERRY / "claims.yaml"], ids=["sample", "ferry-fire"])
def test_clean_claims_files_validate(validator, path: Path) -> None:
    assert [e.message for e in validator.iter_errors(load(path))] == []


@pytest.mark.parametrize("edit,expected", [
    (lambda d: d["claims"][0].update(qoute="x"), "Additional properties"),
    (lambda d: d.update(version=2), "1 was expected"),
    (lambda d: d["claims"][0].update(bound="roughly"), "is not valid"),
    (lambda d: d["sources"][0].update(published="Sept 2025"), "is not valid"),
    (lambda d: d["claims"][0].pop("quote"), "'quote' is a required property"),
])
def test_schema_catches_what_check_refuses(validator, edit: Any, expected: str) -> None:
    data = load(FERRY / "claims.yaml")
    edit(data)
    messages = [e.message for e in validator.iter_errors(data)]
    assert any(expected in m for m in messages), messages


def test_schema_accepts_an_unquoted_year_as_check_does(validator) -> None:
    data = load(FERRY / "claims.yaml")
    data["sources"][0]["published"] = 2025
    assert list(validator.iter_errors(data)) == []


def test_sample_claims_file_names_the_schema_for_editors() -> None:
    first = SAMPLE.read_text().splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, first
    assert (SAMPLE.parent / m.group(1)).resolve() == SCHEMA_FILE.resolve()
    readme = (REPO / "README.md").read_text()
    assert "# yaml-language-server: $schema=" in readme


def test_schema_output_option_writes_the_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "claims.schema.json"
    assert cli("schema", "--output", str(target)).exit_code == 0
    assert target.read_text() == cli("schema").stdout


# -- ClaimReview -------------------------------------------------------------------------------
BASE = "https://factcheck.example/pk-cn-mous.html"


def export(cli: Any, *args: str) -> tuple[list[dict[str, Any]], str]:
    run = cli("export", "claimreview", *args)
    assert run.exit_code == 0, run.stderr
    return run.json(), run.stderr


def test_claimreview_has_the_required_and_recommended_fields(cli) -> None:
    reviews, _ = export(cli, "-c", str(SAMPLE), "--base-url", BASE, "--author", "Fact Desk")
    assert len(reviews) == 1  # the sample's one resolved discrepancy with a rating
    r = reviews[0]
    assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
    # required
    assert r["claimReviewed"].endswith("1,500 vs up to 300,000 people")
    assert r["reviewRating"]["@type"] == "Rating"
    assert r["reviewRating"]["alternateName"] == "Missing context"
    assert r["url"] == BASE + "#huawei-skills-programme.trainees"
    # recommended
    assert r["author"] == {"@type": "Organization", "name": "Fact Desk"}
    assert r["datePublished"] == "2026-11-23"
    claim = r["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert [a["identifier"] for a in claim["appearance"]] == ["huawei-statement", "jwg-skills"]
    assert all(a["@type"] == "CreativeWork" and a["text"] for a in claim["appearance"])
    assert claim["appearance"][0]["headline"].startswith("Pakistan, China ink landmark")


def test_claimreview_url_anchors_match_the_html_report(cli, tmp_path: Path) -> None:
    reviews, _ = export(cli, "-c", str(SAMPLE))
    assert reviews[0]["url"] == "#huawei-skills-programme.trainees"  # no --base-url
    assert "author" not in reviews[0]
    page = tmp_path / "report.html"
    cli("report", "-c", str(SAMPLE), "-f", "html", "-o", str(page))
    assert f'id="{reviews[0]["url"][1:]}"' in page.read_text()


def test_claimreview_appearances_carry_the_sources_metadata(cli, tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil_copy(FERRY, story)
    text = (story / "claims.yaml").read_text()
    text = re.sub(r"resolutions:.*", "", text, flags=re.S) + RESOLVED
    (story / "claims.yaml").write_text(text)
    reviews, stderr = export(cli, "-c", str(story), "--base-url", "https://x.example/r#old")
    assert [r["url"] for r in reviews] == ["https://x.example/r#lantern-fire.injured"]
    claim = reviews[0]["itemReviewed"]
    dated = [a for a in claim["appearance"] if "datePublished" in a]
    assert dated, claim
    assert claim["datePublished"] == min(a["datePublished"] for a in dated)
    assert claim["firstAppearance"]["datePublished"] == claim["datePublished"]
    assert any("publisher" in a for a in claim["appearance"])
    assert "bayline.crossings" in stderr  # rated, but still open: no review, and it says so


RESOLVED = """resolutions:
  - fact: lantern-fire.injured
    status: explained
    values: [11, 12]
    verdict: The authority counted crew members; the wire did not.
    rating: Half true
    reviewed: 2026-11-22
  - fact: bayline.crossings
    status: open
    values: [suspended, resumed]
    rating: Unproven
"""


def shutil_copy(src: Path, dst: Path) -> None:
    import shutil

    shutil.copytree(src, dst)


def test_claimreview_without_ratings_is_an_empty_list_with_a_note(cli, tmp_path: Path) -> None:
    reviews, stderr = export(cli, "-c", str(CASES / "value-not-in-quote"))
    assert reviews == []
    assert "no resolved discrepancy has a rating" in stderr
    assert "problems" in stderr  # the claims file has errors: say so


def test_claimreview_output_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "reviews.jsonld"
    run = cli("export", "claimreview", "-c", str(SAMPLE), "--output", str(target))
    assert run.exit_code == 0 and run.stdout == ""
    assert json.loads(target.read_text())[0]["@type"] == "ClaimReview"
