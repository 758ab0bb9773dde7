"""The editors' views: diff, matrix, sources, timeline, on the sample story and on another
story (tests/cases/storm-toll: a rising death toll, a wire and the blog that copies it)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, TESTS

STORM = "tests/cases/storm-toll"
GOLDEN = TESTS / "golden" / "editors"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # claims paths below are relative to the repository


def facts_by_name(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in doc["facts"]:
        out.setdefault(f["fact"], []).append(f)
    return out


# -- diff ----------------------------------------------------------------------------------
def test_diff_sample_shows_the_partner_conflict_with_both_quotes(cli: Any) -> None:
    run = cli("diff", "huawei-statement", "spin-b2b", "--format", "json")
    assert run.exit_code == 0
    doc = run.json()
    partner = facts_by_name(doc)["sky47.data_centre_partner"][0]
    assert partner["status"] == "differ" and partner["kinds"] == ["conflict"]
    assert partner["severity"] == "error"
    assert partner["a"]["display"] == "Huawei Technologies"
    assert partner["b"]["display"] == "ZTE"
    assert "Huawei" in partner["a"]["claims"][0]["quote"]
    assert "ZTE" in partner["b"]["claims"][0]["quote"]
    # The summary counts the rows listed.
    assert sum(doc["summary"].values()) == len(doc["facts"])


def test_diff_says_values_with_their_units_and_keeps_json_display_bare(cli: Any) -> None:
    doc = cli("diff", "pm-beijing", "huawei-statement", "--format", "json").json()
    count = facts_by_name(doc)["pk-cn-it-mous-2025.agreement_count"][0]
    assert (count["a"]["display"], count["b"]["display"]) == ("10", "9")  # the contract
    assert (count["a"]["display_with_unit"], count["b"]["display_with_unit"]) == (
        "10 agreements", "9 agreements")
    partner = cli("diff", "huawei-statement", "spin-b2b", "--format", "json").json()
    named = facts_by_name(partner)["sky47.data_centre_partner"][0]
    assert named["a"]["display_with_unit"] == "Huawei Technologies"  # no unit: as it is
    text = cli("diff", "pm-beijing", "huawei-statement").stdout
    assert re.search(r"10 agreements +9 agreements +conflict", text)


def test_diff_names_sources_by_prefix_or_article_path(cli: Any) -> None:
    by_id = cli("diff", "pm-beijing", "jwg-dec22", "-f", "json").json()
    by_prefix = cli("diff", "pm", "jwg-d", "-f", "json").json()
    by_path = cli("diff", "data/articles/pm-beijing-10-agreements.txt",
                  "jwg-24-mous-dec22.txt", "-c", "data", "-f", "json").json()
    assert by_id == by_prefix
    assert by_path["a"]["id"] == "pm-beijing" and by_path["b"]["id"] == "jwg-dec22"


@pytest.mark.parametrize(("args", "says"), [
    (["huawei-statment", "spin-b2b"], "did you mean 'huawei-statement'?"),
    (["jwg", "spin-b2b"], "matches several sources: jwg-dec22, jwg-skills"),
    (["spin", "spin-b2b"], "A and B are both 'spin-b2b'"),
])
def test_diff_unknown_ambiguous_or_same_source_is_a_usage_error(cli: Any, args: list[str],
                                                                 says: str) -> None:
    run = cli("diff", *args)
    assert run.exit_code == 2
    assert says in run.stderr
    assert run.stdout == ""


def test_diff_compares_a_multi_valued_fact_value_by_value(cli: Any) -> None:
    doc = cli("diff", "met-service", "island-wire", "-c", STORM, "-f", "json").json()
    responders = {(f["status"], f["a"]["display"] or f["b"]["display"])
                  for f in facts_by_name(doc)["elna.responders"]}
    assert responders == {("agree", "Red Cross"), ("only_a", "Civil Defence Corps")}
    kinds = {f["fact"]: f["kinds"] for f in doc["facts"] if f["status"] == "differ"}
    assert kinds == {"elna.evacuated": ["conflict", "magnitude"],
                     "elna.landfall": ["conflict"],
                     "elna.deaths": ["scope"],  # as_of differs: perhaps a revision
                     "elna.shelters": ["compatible"]}


def test_diff_of_a_copy_says_agreement_is_not_corroboration(cli: Any) -> None:
    run = cli("diff", "island-wire", "coast-blog", "-c", STORM)
    assert "not independent: declared: coast-blog derived_from island-wire" in run.stdout
    doc = cli("diff", "island-wire", "coast-blog", "-c", STORM, "-f", "json").json()
    assert doc["independent"] is False
    assert doc["summary"] == {"differ": 0, "only_a": 3, "only_b": 0, "agree": 2}


@pytest.mark.parametrize(("pair", "level", "code"), [
    (("met-service", "island-wire"), "error", 1),     # landfall: a conflict
    # deaths: 4 against 5 on one date (a conflict, as `report` says) and 12 two days later
    (("met-service", "harbour-news"), "error", 1),
    (("met-service", "harbour-news"), "warning", 1),
    (("island-wire", "coast-blog"), "info", 0),       # a copy: nothing differs
])
def test_diff_fail_on(cli: Any, pair: tuple[str, str], level: str, code: int) -> None:
    run = cli("diff", *pair, "-c", STORM, "--fail-on", level)
    assert run.exit_code == code


def test_diff_quotes_are_shown_only_when_asked(cli: Any) -> None:
    plain = cli("diff", "met-service", "island-wire", "-c", STORM).stdout
    quoted = cli("diff", "met-service", "island-wire", "-c", STORM, "--quotes").stdout
    assert "made landfall near" not in plain and "came ashore at" not in plain
    assert '"made landfall near' in quoted and '"came ashore at' in quoted


# -- matrix --------------------------------------------------------------------------------
def test_matrix_cells_relate_each_value_to_the_others(cli: Any) -> None:
    doc = cli("matrix", "-c", STORM, "-f", "json").json()
    rows = {f["fact"]: f["cells"] for f in doc["facts"]}
    assert {s: c["state"] for s, c in rows["elna.shelters"].items()} == {
        "met-service": "compatible", "island-wire": "compatible"}
    assert rows["elna.responders"]["met-service"]["state"] == "agree"
    assert rows["elna.deaths"]["harbour-news"]["display"] == "5; 12"
    assert rows["elna.deaths"]["coast-blog"]["same"] == ["island-wire"]
    assert "harbour-news" not in rows["elna.landfall"]  # absent cells are left out
    assert doc["sources"] == ["met-service", "island-wire", "harbour-news", "coast-blog"]


def test_matrix_filters_by_fact_prefix_source_and_dispute(cli: Any) -> None:
    doc = cli("matrix", "elna.d", "elna.l", "-s", "met", "-s", "island", "-c", STORM,
              "-f", "json").json()
    assert [f["fact"] for f in doc["facts"]] == ["elna.deaths", "elna.landfall"]
    assert doc["sources"] == ["met-service", "island-wire"]
    disputed = cli("matrix", "--disputed", "-c", STORM, "-f", "json").json()
    assert "elna.responders" not in {f["fact"] for f in disputed["facts"]}
    assert all(f["disputed"] for f in disputed["facts"])


def test_matrix_unknown_fact_prefix_suggests_the_closest(cli: Any) -> None:
    run = cli("matrix", "elna.deahts", "-c", STORM)
    assert run.exit_code == 2
    assert "did you mean 'elna.deaths'?" in run.stderr


def _many_sources(tmp_path: Path, n: int) -> Path:
    """n sources that all state one count, alternating two values."""
    (tmp_path / "articles").mkdir()
    sources, claims = [], []
    for i in range(n):
        value = 100 + i % 2
        (tmp_path / "articles" / f"outlet-number-{i:02d}.txt").write_text(
            f"Officials said {value} boats were damaged.\n")
        sources.append(f"  - {{id: outlet-number-{i:02d}, "
                       f"file: articles/outlet-number-{i:02d}.txt}}")
        claims.append(f"  - {{source: outlet-number-{i:02d}, subject: harbour, "
                      f"property: boats_damaged, value: {value}, "
                      f"quote: \"{value} boats were damaged\"}}")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\nsources:\n" + "\n".join(sources) +
        "\nentities:\n  - {id: harbour, name: The harbour}\n"
        "properties:\n  - {id: boats_damaged, type: count}\nclaims:\n" + "\n".join(claims)
        + "\n")
    return tmp_path


@pytest.mark.parametrize("width", [80, 200])
def test_matrix_with_many_sources_pages_columns_and_never_overflows(
        cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    corpus = _many_sources(tmp_path, 14)
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli("matrix", "-c", str(corpus))
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    pages = [line for line in lines if line.startswith("Sources ")]
    if width == 80:
        assert len(pages) >= 2  # 14 columns do not fit in 80: split, never squeezed
        assert all(f"outlet-number-{i:02d}" in run.stdout for i in range(14))  # the key
    # Every value row shows a value in every column of its page.
    value_rows = [line for line in lines if line.startswith("  boats_damaged")]
    assert sum(line.count("✗ ") for line in value_rows) == 14


# -- sources -------------------------------------------------------------------------------
def test_sources_counts_and_copy_groups(cli: Any) -> None:
    doc = cli("sources", "-c", STORM, "-f", "json").json()
    by_id = {s["id"]: s for s in doc["sources"]}
    wire = by_id["island-wire"]
    assert wire["not_independent_of"] == ["coast-blog"]
    assert wire["links"][0]["reason"] == "declared: coast-blog derived_from island-wire"
    assert by_id["met-service"]["not_independent_of"] == []
    for s in doc["sources"]:
        parts = s["confirmed"] + s["echoed"] + s["contradicted"] + s["compatible"] + s["alone"]
        assert parts == s["facts"]
    # The blog's values are the wire's: echoed by its copy, which is not confirmation.
    assert by_id["coast-blog"]["confirmed"] == 0
    assert by_id["harbour-news"]["published"] == "2026-02-04"


def test_sources_shows_the_text_overlap_and_a_shared_passage(cli: Any,
                                                             tmp_path: Path) -> None:
    # The blog again, without its derived_from line: the shared wording must give it away.
    shutil.copytree(REPO / STORM, tmp_path / "story")
    claims = tmp_path / "story" / "claims.yaml"
    claims.write_text(claims.read_text().replace("    derived_from: [island-wire]\n", ""))
    run = cli("sources", "-c", str(claims))
    assert run.exit_code == 0
    assert re.search(r"island-wire: text overlap 0\.\d+", run.stdout)
    assert "The death toll from Storm Elna rose to nine" in run.stdout  # in its own words


def test_sources_on_the_sample_lists_every_source_with_its_metadata(cli: Any) -> None:
    doc = cli("sources", "-f", "json").json()
    assert [s["id"] for s in doc["sources"]] == [
        "huawei-statement", "spin-b2b", "jwg-skills", "jwg-dec22", "pm-beijing"]
    dec22 = doc["sources"][3]
    assert dec22["published"] == "2025-12-22" and dec22["title"].startswith("Pakistan, China")
    assert all(s["contradicted"] >= 1 for s in doc["sources"])  # everyone disagrees somewhere


# -- timeline ------------------------------------------------------------------------------
def test_timeline_orders_a_rising_toll_and_marks_revisions(cli: Any) -> None:
    doc = cli("timeline", "elna.deaths", "-c", STORM, "-f", "json").json()
    points = doc["facts"][0]["points"]
    assert [(p["date"], p["claim"]["source"], p["display"], p["change"]) for p in points] == [
        ("2026-02-02", "met-service", "4", "first"),
        ("2026-02-02", "harbour-news", "5", "same-date"),
        ("2026-02-03", "island-wire", "9", "up"),
        ("2026-02-03", "coast-blog", "9", "unchanged"),
        ("2026-02-04", "harbour-news", "12", "up"),
    ]
    assert {p["date_from"] for p in points} == {"as_of"}


def test_timeline_without_a_fact_lists_single_valued_facts_with_two_dates(cli: Any) -> None:
    doc = cli("timeline", "-c", STORM, "-f", "json").json()
    assert [f["fact"] for f in doc["facts"]] == [
        "elna.deaths", "elna.evacuated", "elna.landfall", "elna.shelters"]
    evacuated = doc["facts"][1]["points"]
    assert evacuated[-1]["change"] == "undated" and evacuated[-1]["date"] is None


def test_timeline_on_the_sample_sees_another_event_not_a_revision(cli: Any) -> None:
    # jwg-dec22's figure is about another event: the first of its own line, not a change
    # from pm-beijing's
    doc = cli("timeline", "pk-cn-it-mous-2025.agr", "-f", "json").json()
    changes = [(p["claim"]["source"], p["change"]) for p in doc["facts"][0]["points"]]
    assert changes[:2] == [("pm-beijing", "first"), ("jwg-dec22", "first")]


def test_timeline_compares_a_figure_with_its_own_origins_previous_one(cli: Any,
                                                                      tmp_path: Path) -> None:
    import shutil

    story = tmp_path / "quake"
    shutil.copytree("tests/cases/quake-toll", story)
    doc = cli("timeline", "quake.deaths", "-c", str(story), "-f", "json").json()
    changes = {(p["claim"]["source"], p["change"]) for p in doc["facts"][0]["points"]}
    # the IFRC's figure is its own first, not a rise on the ministry's; post's is another
    # figure of the ministry's for the same day: a disagreement, not a revision
    assert ("daily", "first") in changes and ("post", "same-date") in changes


def test_timeline_with_nothing_dated_says_where_dates_come_from(cli: Any) -> None:
    run = cli("timeline", "-c", "tests/cases/ferry-fire")  # one dated source only
    assert run.exit_code == 0
    assert run.stdout.startswith("No fact is stated on two or more dates.")
    assert "context.as_of" in run.stdout


# -- every command, as a new user: --help's example runs ----------------------------------
def test_every_help_example_runs_on_the_sample(cli: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.main import get_command

    from mou_reconcile.cli import app

    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()  # where examples write their --output
    monkeypatch.chdir(tmp_path)
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        help_text = " ".join(cli(name, "--help").stdout.split())
        example = re.search(r"Example: mou-reconcile (.+?)(?:$|\s{2})", help_text)
        assert example, name
        args = shlex.split(example.group(1))
        run = cli(*args)
        assert run.exit_code in (0, 1), (name, args, run.stderr)


# -- golden output at 80 and 200 columns ---------------------------------------------------
VIEWS = {
    "storm.diff-quotes": ["diff", "met-service", "island-wire", "--quotes", "-c", STORM],
    "storm.matrix": ["matrix", "-c", STORM],
    "storm.sources": ["sources", "-c", STORM],
    "storm.timeline": ["timeline", "-c", STORM],
    "sample.matrix": ["matrix"],
    "sample.diff": ["diff", "huawei-statement", "spin-b2b"],
}
MARKDOWN = {
    "storm.diff-quotes.md": ["diff", "met-service", "island-wire", "--quotes", "-c", STORM,
                             "-f", "markdown"],
    "sample.matrix.md": ["matrix", "-f", "markdown"],
}


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_golden_views(cli: Any, monkeypatch: pytest.MonkeyPatch, view: str,
                      width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli(*VIEWS[view])
    assert run.exit_code == 0
    _golden(f"{view}.{width}.txt", run.stdout)
    if view.endswith("matrix"):  # the grid is drawn to the width exactly
        assert max(len(line) for line in run.stdout.splitlines()) <= width


@pytest.mark.parametrize("view", sorted(MARKDOWN))
def test_golden_markdown_views(cli: Any, view: str) -> None:
    run = cli(*MARKDOWN[view])
    assert run.exit_code == 0
    _golden(view, run.stdout)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()


@pytest.mark.parametrize("command", [["matrix"], ["sources"], ["timeline"], ["diff", "a", "a"]])
def test_views_of_a_broken_claims_file_say_where_the_first_error_is(cli: Any,
                                                                     command: list[str]) -> None:
    run = cli(*command, "-c", "tests/cases/yaml-syntax")
    assert "tests/cases/yaml-syntax/claims.yaml:6:1: MR101 error:" in run.stderr
    assert "run `mou-reconcile check`" in run.stderr
    assert run.exit_code in (0, 2)
