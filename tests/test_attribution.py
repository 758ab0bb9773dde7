"""Who says so: attribution (`attributed_to`), wire copy (`carries`), rounding, and the main
dispute first. Each rule on a made-up earthquake (tests/cases/quake-toll) or a story built
here for the one rule."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, REPO
from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.values import rounded

QUAKE = CASES / "quake-toll"


@pytest.fixture
def quake(cli) -> dict[str, Any]:
    run = cli("report", "--claims", str(QUAKE), "--format", "json")
    assert run.exit_code == 0, run.stderr
    doc: dict[str, Any] = run.json()
    return doc


def _fact(doc: dict[str, Any], fact: str) -> dict[str, Any]:
    found = [d for d in doc["discrepancies"] if d["fact"] == fact]
    assert len(found) == 1, [d["fact"] for d in doc["discrepancies"]]
    return found[0]


def _story(tmp_path: Path, articles: dict[str, str], claims: str,
           sources: str | None = None) -> Path:
    (tmp_path / "articles").mkdir()
    for name, text in articles.items():
        (tmp_path / "articles" / f"{name}.txt").write_text(textwrap.dedent(text))
    declared = sources or "".join(f"  - id: {name}\n    file: articles/{name}.txt\n"
                                  for name in articles)
    (tmp_path / "claims.yaml").write_text(
        "version: 1\nsources:\n" + declared + textwrap.dedent(claims))
    return tmp_path


def test_the_quake_checks_clean(cli) -> None:
    run = cli("check", "--claims", str(QUAKE), "--format", "json")
    assert run.exit_code == 0 and run.json()["problems"] == []


def test_authorities_disagreeing_is_a_dispute_shown_as_who_says_what(quake) -> None:
    d = _fact(quake, "quake.deaths")
    assert "dispute" in d["kinds"] and "scope" not in d["kinds"]
    assert d["severity"] == "error"
    who = [h for h in d["hints"] if h.startswith("who says what: ")]
    assert len(who) == 1
    assert "Health Ministry 11,300 (wire-a, wire-b)" in who[0]
    assert "International Federation of Red Cross and Red Crescent Societies at least 20,000" \
        " (daily)" in who[0]


def test_one_outlet_misquoting_an_authority_is_a_misreport_naming_the_outlier(quake) -> None:
    d = _fact(quake, "quake.deaths")
    assert "misreport" in d["kinds"]
    outlier = [h for h in d["hints"] if h.endswith("the outlier")]
    # wire-a and wire-b carry one AP copy: with times, 2 reports against post's one
    assert outlier == ["post gives Health Ministry's figure as 13,000, where 2 reports quote it"
                       " as 11,300 or about 11,000 (wire-a, wire-b, times): the outlier"]


def test_one_figure_credited_to_two_authorities_is_a_misattribution(quake) -> None:
    d = _fact(quake, "quake.injured")
    assert d["kinds"] == ["misattribution"] and d["severity"] == "warning"
    assert any("is credited to" in h and "(wire-a)" in h and "(post)" in h for h in d["hints"])
    # each claim carries its attribution in the JSON report
    credited = {c["source"]: c["attributed_to"] for v in d["values"] for c in v["claims"]}
    assert credited == {"wire-a": "ifrc", "post": "ocha"}


def test_a_round_figure_against_the_precise_one_is_rounding_not_a_conflict(quake) -> None:
    d = _fact(quake, "quake.missing")
    assert d["kinds"] == ["rounding"] and d["severity"] == "info"
    assert d["hints"][0] == ("10,000 (daily) is 10,100 (wire-a) rounded: a difference of"
                             " precision, not of fact")


@pytest.mark.parametrize(("a", "b", "expected"), [
    (10_000, 10_100, True), (5_000, 4_960, True), (1_200_000, 1_272_000, True),
    (11_000, 11_300, True),
    (10_000, 14_000, False),  # 10,000 is read to the thousand: 14,000 is another figure
    (9, 10, False), (20, 24, False), (87_000, 150_000, False), (10_000, 10_000, False),
])
def test_the_rounding_rule(a: int, b: int, expected: bool) -> None:
    def claim(v: int, bound: str | None = None) -> Claim:
        return Claim(source="s", subject="x", property="p", value=v, bound=bound, quote="q")

    assert rounded(claim(a), claim(b)) is expected
    assert rounded(claim(b), claim(a)) is expected
    assert rounded(claim(a, "approx"), claim(b)) is False  # exact figures only


def test_wire_copies_do_not_corroborate_each_other(quake) -> None:
    facts = {c["fact"]: c for c in quake["corroborated"]}
    assert "quake.deaths" not in facts  # 11,300: two outlets, one AP report
    links = {tuple(x["sources"]): x["reason"] for x in quake["independence"]}
    assert links[("wire-a", "wire-b")] == "declared: both carry AP copy"


def test_corroboration_counts_origins(quake) -> None:
    injured = next(c for c in quake["corroborated"] if c["fact"] == "quake.injured")
    assert injured["independent_sources"] == 2
    assert injured["origins"] == ["ifrc", "ocha"]


def test_claims_in_the_same_words_are_one_report(cli, tmp_path: Path) -> None:
    sentence = ("Rescue workers said on Tuesday that 412 people had been pulled alive from"
                " the flooded districts")
    story = _story(tmp_path, {
        "a": f"River towns count the cost\n\n{sentence}, officials confirmed.\n\nMore rain"
             " is forecast for the weekend across the whole basin, and forecasters expect the"
             " river to crest again on Friday near the old stone bridge at Alder Ford. Farmers"
             " in the lower valley moved cattle to higher pastures overnight while volunteers"
             " filled sandbags outside the grain store and the church hall.\n",
        "b": f"Night of the flood\n\nThe water rose without warning. {sentence}.\n\nSchools"
             " stay shut until Monday, the mayor's office said, as engineers inspect three"
             " bridges and a damaged pumping station on the eastern bank. Insurers have opened"
             " a hotline for shopkeepers whose stock was ruined, and the regional council has"
             " promised emergency grants for families that lost their homes.\n",
        "c": "Flood: the numbers\n\nIn all, 412 people were rescued, according to the"
             " regional fire service.\n",
    }, """
        entities: [{id: flood, name: the flood}]
        properties: [{id: rescued, type: count}]
        claims:
          - {source: a, subject: flood, property: rescued, value: 412, quote: "412 people had been pulled alive"}
          - {source: b, subject: flood, property: rescued, value: 412, quote: "412 people had been pulled alive"}
          - {source: c, subject: flood, property: rescued, value: 412, quote: "412 people were rescued"}
        """)
    doc = cli("report", "--claims", str(story), "--format", "json").json()
    assert doc["problems"] == []
    rescued = next(c for c in doc["corroborated"] if c["fact"] == "flood.rescued")
    assert rescued["sources"] == ["a", "b", "c"]
    assert rescued["independent_sources"] == 2  # a and b wrote one sentence
    reasons = {tuple(x["sources"]): x["reason"] for x in doc["independence"]}
    assert reasons[("a", "b")].startswith("claims in the same words: flood.rescued")


def test_an_approximate_figure_confirms_the_same_exact_one_a_ceiling_does_not(
        cli, tmp_path: Path) -> None:
    story = _story(tmp_path, {
        "a": "Rally\n\nSome 40,000 people marched on Saturday.\n",
        "b": "Rally\n\nOrganisers counted 40,000 marchers.\n",
        "c": "Rally\n\nUp to 40,000 people were expected to attend.\n",
    }, """
        entities: [{id: rally, name: the rally}]
        properties: [{id: crowd, type: count}]
        claims:
          - {source: a, subject: rally, property: crowd, value: 40000, bound: approx, quote: "Some 40,000 people marched"}
          - {source: b, subject: rally, property: crowd, value: 40000, quote: "counted 40,000 marchers"}
          - {source: c, subject: rally, property: crowd, value: 40000, bound: at_most, quote: "Up to 40,000 people"}
        """)
    doc = cli("report", "--claims", str(story), "--format", "json").json()
    assert doc["problems"] == []
    [crowd] = [c for c in doc["corroborated"] if c["fact"] == "rally.crowd"]
    assert crowd["sources"] == ["a", "b"] and crowd["display"] == "40,000"


def _toll_story(tmp_path: Path, second_by: str, ptype: str = "count") -> Path:
    first, second = ("9,000", "12,000") if ptype == "count" else ("north", "south")
    v1, v2 = (9000, 12000) if ptype == "count" else ('"north"', '"south"')
    return _story(tmp_path, {
        "a": f"Toll\n\nThe ministry said {first} people had died.\n",
        "b": f"Toll\n\nThe agency said {second} people had died.\n",
    }, f"""
        entities:
          - {{id: quake, name: the quake}}
          - {{id: ministry, name: ministry}}
          - {{id: agency, name: agency}}
        properties: [{{id: deaths, type: {ptype}}}]
        claims:
          - {{source: a, subject: quake, property: deaths, value: {v1}, attributed_to: ministry, quote: "{first} people had died"}}
          - {{source: b, subject: quake, property: deaths, value: {v2}, attributed_to: {second_by}, quote: "{second} people had died"}}
        """, sources="""\
  - {id: a, file: articles/a.txt, published: 2026-05-01}
  - {id: b, file: articles/b.txt, published: 2026-05-03}
""")


@pytest.mark.parametrize(("second_by", "ptype", "supersedes"), [
    ("ministry", "count", True),  # the same origin revises its figure
    ("agency", "count", False),   # another authority does not supersede the ministry
    ("ministry", "text", False),  # a wording is not revised by a date
])
def test_a_later_figure_may_supersede_only_from_the_same_origin(
        cli, tmp_path: Path, second_by: str, ptype: str, supersedes: bool) -> None:
    doc = cli("report", "--claims", str(_toll_story(tmp_path, second_by, ptype)),
              "--format", "json").json()
    [d] = [d for d in doc["discrepancies"] if d["fact"] == "quake.deaths"]
    assert any("may supersede" in h for h in d["hints"]) is supersedes


def test_the_main_dispute_comes_first_and_the_summary_names_it(cli, quake) -> None:
    assert quake["discrepancies"][0]["fact"] == "quake.deaths"
    assert quake["summary"]["main"] == "quake.deaths"
    text = cli("report", "--claims", str(QUAKE)).stdout
    # The summary line, however the terminal's width wraps it.
    assert " ".join(text.split()).endswith("main: quake.deaths (misreport, dispute)")


def test_within_a_severity_more_reports_come_first(cli) -> None:
    # ferry-fire: the injured toll (3 sources, figures in the lede) before the crossings
    doc = cli("report", "--claims", str(CASES / "ferry-fire"), "--format", "json").json()
    errors = [d["fact"] for d in doc["discrepancies"] if d["severity"] == "error"]
    assert errors == ["lantern-fire.injured", "bayline.crossings"]


@pytest.mark.parametrize(("a", "b", "flagged"), [
    ("GuoDong Group", "Guodong Group", True),   # case inside a word
    ("SKY47", "Sky4.7", True),                  # spacing and punctuation
    ("Mélenchon", "Melenchon", True),           # accents
    ("Gaddafi", "Qaddafi", True),               # a transliteration, a letter apart
    ("IFRC", "International Federation of Red Cross and Red Crescent Societies", False),
    ("Huawei", "Huawei Technologies", False),   # a shorter form
    ("police", "Police", False),                # a capital starting a sentence
    ("police source", "police sources", False),  # a plural
    ("WHO", "who", False),                      # an acronym and the pronoun
])
def test_naming_flags_variants_not_other_forms(a: str, b: str, flagged: bool) -> None:
    from mou_reconcile.reconcile.kinds.naming import variants

    assert variants(a, b) is flagged and variants(b, a) is flagged


def test_declared_acronyms_make_no_naming_finding(quake) -> None:
    assert not [d for d in quake["discrepancies"] if "naming" in d["kinds"]]


def test_claimreview_names_the_credited_authority_as_the_claims_author(
        cli, tmp_path: Path) -> None:
    story = _toll_story(tmp_path, "agency")
    with (story / "claims.yaml").open("a") as f:
        f.write(textwrap.dedent("""\
            resolutions:
              - {fact: quake.deaths, status: explained, values: [9000, 12000],
                 verdict: "Two counts at two dates.", rating: Mixed}
            """))
    run = cli("export", "claimreview", "--claims", str(story))
    [review] = json.loads(run.stdout)
    assert review["itemReviewed"]["author"] == [
        {"@type": "Organization", "name": "ministry"}, {"@type": "Organization", "name": "agency"}]


def test_the_docs_describe_the_new_fields_and_rules() -> None:
    doc = (REPO / "docs" / "claims-format.md").read_text(encoding="utf-8")
    for term in ("attributed_to", "carries", "rounding", "main dispute"):
        assert term in doc, term


def test_the_matrix_marks_the_outlier_not_every_cell(cli, tmp_path: Path) -> None:
    said = {"a": "87,000", "b": "87,000", "c": "87,000", "d": "150,000"}
    story = _story(tmp_path, {
        sid: f"March\n\nPolice said {n} people marched in the capital.\n"
        for sid, n in said.items()},
        "entities: [{id: march, name: the march}, {id: police, name: Police}]\n"
        "properties: [{id: crowd, type: count}]\n"
        "claims:\n" + "".join(
            f"  - {{source: {sid}, subject: march, property: crowd, value: "
            f"{n.replace(',', '')}, attributed_to: police, quote: \"{n} people marched\"}}\n"
            for sid, n in said.items()))
    doc = cli("matrix", "--claims", str(story), "--format", "json").json()
    [row] = doc["facts"]
    states = {sid: cell["state"] for sid, cell in row["cells"].items()}
    assert states == {"a": "agree", "b": "agree", "c": "agree", "d": "differ"}


def test_diff_shows_who_each_side_credits_and_names_the_misreport(cli) -> None:
    doc = cli("diff", "wire-a", "post", "--claims", str(QUAKE), "--format", "json").json()
    [deaths] = [r for r in doc["facts"] if r["fact"] == "quake.deaths"]
    assert deaths["kinds"] == ["misreport"]
    assert (deaths["a"]["display"], deaths["b"]["display"]) == (
        "11,300 (Health Ministry)", "13,000 (Health Ministry)")


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_the_reports_show_who_each_claim_credits(cli, fmt: str) -> None:
    out = cli("report", "--claims", str(QUAKE), "--format", fmt).stdout
    if fmt == "text":  # however the terminal's width wraps the lines
        out = " ".join(out.split())
    assert out.count("credits Health Ministry") == 4  # wire-a, wire-b, times, post
    assert "credits UN Office for the Coordination of Humanitarian Affairs" in out


def test_crediting_an_entity_that_fails_validation_is_no_traceback(cli, tmp_path: Path) -> None:
    # Found by the fuzzer: `attributed_to` naming an entity whose entry is broken (a number
    # for a name) resolved as a reference but had no model: KeyError in check.
    import shutil

    story = tmp_path / "quake"
    shutil.copytree(QUAKE, story)
    text = (story / "claims.yaml").read_text()
    (story / "claims.yaml").write_text(text.replace("name: Health Ministry", "name: 42"))
    for args in (["check"], ["report"], ["extract", "wire-a"], ["coverage"]):
        run = cli(*args, "--claims", str(story))  # the runner re-raises any exception
        assert run.exit_code in (0, 1, 2)
