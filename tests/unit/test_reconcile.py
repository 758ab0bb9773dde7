"""The reconciler (`reconcile.reconcile`): discrepancy kinds, independence, resolutions, hints.

The expectations come from the claims-format spec, "Values" and "What report finds". Each
test builds a small corpus in tmp_path with `reconciled(...)`: one article per source whose
text holds every quote of that source, after a paragraph of filler words of its own (so
that two sources share no wording unless a test asks for it). Every corpus must check clean.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from mou_reconcile.check.checker import check_file
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.reconciler import reconcile
from mou_reconcile.reconcile.result import Discrepancy, Reconciliation

_LOREM_TEXT = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt "
    "labore dolore magna aliqua enim minim veniam quis nostrud exercitation ullamco laboris "
    "nisi aliquip commodo consequat duis aute irure reprehenderit voluptate velit esse cillum "
    "fugiat nulla pariatur excepteur sint occaecat cupidatat proident sunt culpa officia "
    "deserunt mollit anim laborum")
LOREM = _LOREM_TEXT.split()


def filler(source: str) -> str:
    """Forty words of lorem ipsum, the same for the same source id, different otherwise."""
    rng = random.Random(source)
    return " ".join(rng.choice(LOREM) for _ in range(40)).capitalize() + "."


def c(source: str, fact: str, value: Any, quote: str, **fields: Any) -> dict[str, Any]:
    """A claim: `c("a", "fire.injured", 11, "11 people were hurt", bound="at_least")`."""
    subject, prop = fact.split(".")
    return {"source": source, "subject": subject, "property": prop, "value": value,
            **fields, "quote": quote}


def build(tmp_path: Path, claims: list[dict[str, Any]], *, properties: dict[str, Any],
          entities: Sequence[dict[str, Any]] = (), sources: dict[str, dict[str, Any]] | None = None,
          texts: dict[str, str] | None = None,
          resolutions: Sequence[dict[str, Any]] = ()) -> Path:
    """Write claims.yaml and articles/<source>.txt; return the claims file's path.

    properties: id -> type, or id -> {type, multi, unit}. Subjects not in `entities` are
    declared with their id as name. sources: extra fields per source (derived_from ...).
    texts: a paragraph put before a source's quotes (instead of its filler)."""
    sources, texts = sources or {}, texts or {}
    (tmp_path / "articles").mkdir(exist_ok=True)
    order = list(dict.fromkeys([*sources, *(cl["source"] for cl in claims)]))
    for sid in order:
        paragraphs = [texts.get(sid, filler(sid))]
        paragraphs += [cl["quote"] for cl in claims if cl["source"] == sid]
        (tmp_path / "articles" / f"{sid}.txt").write_text("\n\n".join(paragraphs) + "\n",
                                                          encoding="utf-8")
    declared = {e["id"]: e for e in entities}
    for cl in claims:
        declared.setdefault(cl["subject"], {"id": cl["subject"], "name": cl["subject"]})
    doc = {
        "version": 1,
        "sources": [{"id": s, "file": f"articles/{s}.txt", **sources.get(s, {})} for s in order],
        "entities": list(declared.values()),
        "properties": [{"id": p, **({"type": t} if isinstance(t, str) else t)}
                       for p, t in properties.items()],
        "claims": claims,
        "resolutions": list(resolutions),
    }
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def reconciled(tmp_path: Path, claims: list[dict[str, Any]], **kw: Any) -> Reconciliation:
    result = check_file(build(tmp_path, claims, **kw))
    # Alias hints (MR204, info) are what naming tests provoke on purpose: "Guodong" unlisted.
    problems = [p for p in result.problems if p.code != "MR204"]
    assert problems == [], [str(p) for p in problems]
    return reconcile(result)


def find(rec: Reconciliation, fact: str) -> Discrepancy | None:
    found = [d for d in rec.discrepancies if d.fact == fact]
    assert len(found) <= 1
    return found[0] if found else None


def get(rec: Reconciliation, fact: str) -> Discrepancy:
    d = find(rec, fact)
    assert d is not None, f"no discrepancy for {fact}: {[x.fact for x in rec.discrepancies]}"
    return d


def corroborated(rec: Reconciliation, fact: str) -> list[tuple[Any, list[str], int]]:
    return [(x.value, x.sources, x.independent_sources) for x in rec.corroborated
            if x.fact == fact]


COUNT = {"injured": "count"}
ORGS = [{"id": "coast-guard", "name": "Coast Guard"},
        {"id": "fire-brigade", "name": "Northgate Fire Brigade"}]


def test_claims_naming_what_is_not_declared_are_left_out(tmp_path: Path) -> None:
    # reconcile groups the claims check kept without looking their references up again:
    # check reports a claim whose source, subject or property is not declared, and drops it.
    path = build(tmp_path, [
        c("a", "fire.injured", 11, "Eleven people were hurt"),
        c("b", "fire.injured", 12, "12 people were hurt"),
        *(c("a", "fire.injured", n, f"{n} people were hurt") for n in (40, 41, 42)),
    ], properties=COUNT)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for claim, (field, ident) in zip(doc["claims"][2:], [
            ("source", "nowhere"), ("subject", "nobody"), ("property", "killed")], strict=True):
        claim[field] = ident
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    result = check_file(path)
    assert [p.code for p in result.problems] == ["MR201"] * 3
    rec = reconcile(result)
    assert rec.facts == 1
    assert [g.display for g in get(rec, "fire.injured").values] == ["11", "12"]


# -- conflict -----------------------------------------------------------------------------
def test_numbers_whose_intervals_do_not_overlap_conflict(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("wire", "fire.injured", 11, "Eleven people were hurt"),
        c("authority", "fire.injured", 12, "At least 12 passengers were injured",
          bound="at_least"),
    ], properties={"injured": {"type": "count", "unit": "people"}})
    d = get(rec, "fire.injured")
    assert d.kinds == ["conflict"]
    assert d.severity == Severity.ERROR and d.severity.label == "error"
    assert d.status == "open" and d.is_open
    assert [(g.display, g.sources) for g in d.values] == [("11", ["wire"]),
                                                          ("at least 12", ["authority"])]
    assert d.message == "11 vs at least 12 people"


def test_approximate_value_against_a_lower_bound_is_not_a_conflict(tmp_path: Path) -> None:
    # The case: "some 250,000" against "more than 200,000".
    rec = reconciled(tmp_path, [
        c("a", "rally.crowd", 250_000, "some 250,000 people marched", bound="approx"),
        c("b", "rally.crowd", 200_000, "more than 200,000 protesters", bound="at_least"),
    ], properties={"crowd": "count"})
    assert find(rec, "rally.crowd") is None


def test_different_entities_conflict(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.lead_agency", "coast-guard", "the Coast Guard led the rescue"),
        c("b", "fire.lead_agency", "fire-brigade", "led by the Northgate Fire Brigade"),
    ], properties={"lead_agency": "entity"}, entities=ORGS)
    d = get(rec, "fire.lead_agency")
    assert d.kinds == ["conflict"] and d.severity == Severity.ERROR
    assert {g.display for g in d.values} == {"Coast Guard", "Northgate Fire Brigade"}


def test_one_entity_under_two_spellings_is_the_same_value(tmp_path: Path) -> None:
    bayline = {"id": "bayline", "name": "Bayline Ferries", "aliases": ["Bay Line"]}
    rec = reconciled(tmp_path, [
        c("a", "lantern.operator", "bayline", "operated by Bayline Ferries"),
        c("b", "lantern.operator", "bayline", "a ferry run by Bay Line"),
    ], properties={"operator": "entity"}, entities=[bayline])
    assert find(rec, "lantern.operator") is None
    assert corroborated(rec, "lantern.operator") == [("bayline", ["a", "b"], 2)]


def test_different_texts_conflict(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "bayline.crossings", "suspended", "has suspended all Bayline crossings"),
        c("b", "bayline.crossings", "resumed", "Crossings resumed the next morning."),
    ], properties={"crossings": "text"})
    d = get(rec, "bayline.crossings")
    assert d.kinds == ["conflict"] and d.severity == Severity.ERROR


@pytest.mark.parametrize(("one", "other"), [
    ("It's  Done", "it’s done"),              # case, a run of spaces, a typographic quote
    ("“Safe” harbour", '"safe" HARBOUR'),
    ("well-known route", "well–known route"),  # en dash
])
def test_texts_are_compared_with_case_spacing_and_quotes_folded(tmp_path: Path, one: str,
                                                                 other: str) -> None:
    rec = reconciled(tmp_path, [
        c("a", "ferry.status", one, f"The operator said: {one}"),
        c("b", "ferry.status", other, f"{other}, a spokesman confirmed"),
    ], properties={"status": "text"})
    assert find(rec, "ferry.status") is None
    assert [(s, n) for _, s, n in corroborated(rec, "ferry.status")] == [(["a", "b"], 2)]


@pytest.mark.parametrize(("one", "q1", "other", "q2"), [
    ("2025-09", "in September 2025", "2025-09-08", "on 8 September 2025"),
    ("2025", "earlier in 2025", "2025-09-08", "on 8 September 2025"),
    ("2025-09-08", "on September 8, 2025", "2025-09-08", "on 8 September 2025"),
])
def test_dates_that_agree_do_not_conflict(tmp_path: Path, one: str, q1: str, other: str,
                                          q2: str) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.date", one, f"The fire broke out {q1}"),
        c("b", "fire.date", other, f"A blaze started {q2}"),
    ], properties={"date": "date"})
    assert find(rec, "fire.date") is None


@pytest.mark.parametrize(("one", "q1", "other", "q2"), [
    ("2025-09", "in September 2025", "2025-10-08", "on 8 October 2025"),
    ("2025-09-08", "on 8 September 2025", "2025-09-09", "on 9 September 2025"),
    ("2024", "late in 2024", "2025-09-08", "on 8 September 2025"),
])
def test_dates_that_do_not_agree_conflict(tmp_path: Path, one: str, q1: str, other: str,
                                          q2: str) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.date", one, f"The fire broke out {q1}"),
        c("b", "fire.date", other, f"A blaze started {q2}"),
    ], properties={"date": "date"})
    d = get(rec, "fire.date")
    assert d.kinds == ["conflict"] and d.severity == Severity.ERROR


def test_several_values_of_a_multi_property_are_not_a_conflict(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.responders", "coast-guard", "Rescuers from the Coast Guard arrived"),
        c("b", "fire.responders", "fire-brigade", "the Northgate Fire Brigade reached it"),
    ], properties={"responders": {"type": "entity", "multi": True}}, entities=ORGS)
    assert find(rec, "fire.responders") is None


def test_a_copy_that_disagrees_with_its_original_still_conflicts(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("wire", "fire.injured", 11, "Eleven people were hurt"),
        c("post", "fire.injured", 14, "14 people were hurt"),
    ], properties=COUNT, sources={"post": {"derived_from": ["wire"]}})
    assert "conflict" in get(rec, "fire.injured").kinds


# -- scope --------------------------------------------------------------------------------
def test_differing_context_on_a_shared_key_is_scope_not_conflict(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 9, "signing nine MoUs at the conference",
          context={"event": "b2b-conference"}),
        c("b", "mous.count", 24, "the signing of 24 MoUs in Beijing",
          context={"event": "jwg-signing"}),
    ], properties={"count": "count"})
    d = get(rec, "mous.count")
    assert d.kinds == ["scope"]
    assert d.severity == Severity.WARNING
    assert "context differs: event = b2b-conference (a) vs jwg-signing (b)" in d.hints


def test_a_context_key_only_one_claim_has_does_not_make_scope(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 9, "signing nine MoUs at the conference",
          context={"event": "b2b-conference"}),
        c("b", "mous.count", 24, "the signing of 24 MoUs in Beijing",
          context={"as_of": "2025-12"}),
    ], properties={"count": "count"})
    d = get(rec, "mous.count")
    assert d.kinds == ["conflict"] and d.severity == Severity.ERROR


def test_conflict_and_scope_together_are_an_error(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 9, "signing nine MoUs at the conference", context={"event": "conf"}),
        c("b", "mous.count", 10, "finalized 10 agreements", context={"event": "conf"}),
        c("d", "mous.count", 24, "the signing of 24 MoUs in Beijing", context={"event": "jwg"}),
    ], properties={"count": "count"})
    d = get(rec, "mous.count")
    assert d.kinds == ["conflict", "scope"]
    assert d.severity == Severity.ERROR
    assert [g.value for g in d.values] == [9, 10, 24]
    assert "context differs: event = conf (a, b) vs jwg (d)" in d.hints


# -- magnitude ----------------------------------------------------------------------------
def test_values_ten_times_apart_are_magnitude_even_when_bounds_overlap(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "skills.trainees", 1_500, "will provide 1,500 young people with certificates"),
        c("b", "skills.trainees", 300_000, "designed to train up to 300,000 youths",
          bound="at_most"),
    ], properties={"trainees": "count"})
    d = get(rec, "skills.trainees")
    assert d.kinds == ["magnitude"]
    assert d.severity == Severity.WARNING
    assert "up to 300,000 is 200x 1,500" in d.hints
    assert ("'up to 300,000' is a ceiling or target; 1,500 is a count of what was stated as"
            " done") in d.hints


@pytest.mark.parametrize(("high", "flagged"), [(9_000, False), (9_999, False), (10_000, True)])
def test_magnitude_starts_at_a_factor_of_ten(tmp_path: Path, high: int, flagged: bool) -> None:
    rec = reconciled(tmp_path, [
        c("a", "skills.trainees", 1_000, "will provide 1,000 young people with certificates"),
        c("b", "skills.trainees", high, f"designed to train up to {high:,} youths",
          bound="at_most"),
    ], properties={"trainees": "count"})
    d = find(rec, "skills.trainees")
    assert (d is not None and "magnitude" in d.kinds) is flagged


def test_conflicting_values_ten_times_apart_are_conflict_and_magnitude(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.injured", 12, "12 people were hurt"),
        c("b", "fire.injured", 120, "120 people were hurt, police said"),
    ], properties=COUNT)
    d = get(rec, "fire.injured")
    assert d.kinds == ["conflict", "magnitude"]
    assert d.severity == Severity.ERROR
    assert "120 is 10x 12" in d.hints


# Once a crash: a range's two ends counted as two values (magnitude), then hints._ratio
# took min() of no numbers (ValueError).
def test_one_wide_range_alone_is_neither_magnitude_nor_a_crash(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.injured", [5, 60], "between 5 and 60 people were hurt", bound="range"),
        c("b", "fire.injured", [5, 60], "5-60 injured, officials said", bound="range"),
    ], properties=COUNT)
    assert find(rec, "fire.injured") is None


# Once reported as magnitude with the hint '30 is 1x 30' (a range's ends taken apart).
def test_a_value_inside_a_wide_range_is_not_magnitude(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "fire.injured", [5, 60], "between 5 and 60 people were hurt", bound="range"),
        c("b", "fire.injured", 30, "30 injured, officials said"),
    ], properties=COUNT)
    assert find(rec, "fire.injured") is None


# -- arithmetic ---------------------------------------------------------------------------
def test_a_breakdown_that_does_not_add_up_is_arithmetic(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 25, "25 MoUs: 1 G2G, 7 G2B and 16 B2B",
          breakdown={"g2g": 1, "g2b": 7, "b2b": 16}),
        c("b", "mous.count", 25, "the signing of 25 MoUs in Beijing"),
    ], properties={"count": "count"})
    d = get(rec, "mous.count")
    assert d.kinds == ["arithmetic"]
    assert d.severity == Severity.ERROR
    assert "a: its breakdown 1 + 7 + 16 = 24, not 25" in d.hints


def test_a_breakdown_that_adds_up_is_fine(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 24, "24 MoUs: 1 G2G, 7 G2B and 16 B2B",
          breakdown={"g2g": 1, "g2b": 7, "b2b": 16}),
        c("b", "mous.count", 24, "the signing of 24 MoUs in Beijing"),
    ], properties={"count": "count"})
    assert find(rec, "mous.count") is None
    assert corroborated(rec, "mous.count") == [(24, ["a", "b"], 2)]


def test_hint_names_a_value_that_is_the_sum_of_another_sources_breakdown(
        tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 25, "25 MoUs: 1 G2G, 7 G2B and 16 B2B",
          breakdown={"g2g": 1, "g2b": 7, "b2b": 16}),
        c("b", "mous.count", 24, "the signing of 24 MoUs in Beijing"),
    ], properties={"count": "count"})
    d = get(rec, "mous.count")
    assert d.kinds == ["conflict", "arithmetic"]
    assert "24 (b) is the sum of the breakdown a gives" in d.hints


# -- enumeration --------------------------------------------------------------------------
@pytest.mark.parametrize(("stated", "words", "items"), [
    (9, "nine", ["huawei", "alibaba", "zte", "sky47", "ntc", "pseb", "cscc"]),  # names fewer
    (2, "two", ["huawei", "alibaba", "zte"]),                                    # names more
])
def test_items_fewer_or_more_than_an_exact_count_is_enumeration(
        tmp_path: Path, stated: int, words: str, items: list[str]) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", stated, f"signing {words} MoUs at the conference", items=items),
        c("b", "mous.count", stated, f"{stated} agreements were signed"),
    ], properties={"count": "count"})
    d = get(rec, "mous.count")
    assert d.kinds == ["enumeration"]
    assert d.severity == Severity.WARNING
    assert f"a states {stated} but names {len(items)}" in d.hints


def test_items_matching_the_count_are_fine(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "mous.count", 2, "signing two MoUs", items=["huawei", "zte"]),
        c("b", "mous.count", 2, "2 agreements were signed"),
    ], properties={"count": "count"})
    assert find(rec, "mous.count") is None


# -- naming -------------------------------------------------------------------------------
GUODONG = [{"id": "guodong", "name": "GuoDong Group"}]


def test_sources_spelling_an_entity_differently_is_naming(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "guodong.city", "Lahore", "GuoDong Group, based in Lahore"),
        c("b", "guodong.city", "Lahore", "Guodong Group of Lahore signed"),
    ], properties={"city": "text"}, entities=GUODONG)
    d = get(rec, "guodong.name")
    assert d.kinds == ["naming"]
    assert d.severity == Severity.INFO
    assert (d.subject, d.property) == ("guodong", "name")
    assert sorted((g.display, g.sources) for g in d.values) == [
        ("GuoDong Group", ["a"]), ("Guodong Group", ["b"])]


def test_sources_using_the_same_spelling_is_not_naming(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "guodong.city", "Lahore", "GuoDong Group, based in Lahore"),
        c("b", "guodong.city", "Lahore", "GuoDong Group of Lahore signed"),
    ], properties={"city": "text"}, entities=GUODONG)
    assert find(rec, "guodong.name") is None


# -- uncorroborated and independence ------------------------------------------------------
def test_a_fact_only_one_source_states_is_uncorroborated(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [c("a", "fire.injured", 11, "Eleven people were hurt")],
                     properties=COUNT)
    d = get(rec, "fire.injured")
    assert d.kinds == ["uncorroborated"]
    assert d.severity == Severity.INFO
    assert rec.corroborated == []


def test_two_independent_sources_with_one_value_are_corroborated(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("wire", "fire.injured", 11, "Eleven people were hurt"),
        c("authority", "fire.injured", 11, "11 passengers were injured, none critically"),
    ], properties=COUNT)
    assert rec.links == []
    assert find(rec, "fire.injured") is None
    assert corroborated(rec, "fire.injured") == [(11, ["wire", "authority"], 2)]


@pytest.mark.parametrize("how", ["derived_from", "text overlap"])
def test_a_source_and_its_copy_do_not_corroborate_each_other(tmp_path: Path, how: str) -> None:
    if how == "derived_from":
        kw: dict[str, Any] = {"sources": {"post": {"derived_from": ["wire"]}}}
    else:  # the post reprints the wire's story word for word, without saying so
        kw = {"texts": {"post": filler("wire")}}
    rec = reconciled(tmp_path, [
        c("wire", "fire.injured", 11, "Eleven people were hurt when fire swept the ferry"),
        c("post", "fire.injured", 11, "Eleven people were hurt when fire swept the ferry"),
    ], properties=COUNT, **kw)
    d = get(rec, "fire.injured")
    assert d.kinds == ["uncorroborated"]
    assert d.severity == Severity.INFO
    assert rec.corroborated == []
    assert len(rec.links) == 1
    link = rec.links[0]
    assert {link.a, link.b} == {"wire", "post"}
    assert link.reason.startswith("declared" if how == "derived_from" else "text overlap")
    assert rec.groups["wire"] == rec.groups["post"]


def test_a_copy_counts_once_among_independent_sources(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("wire", "fire.injured", 11, "Eleven people were hurt"),
        c("post", "fire.injured", 11, "Eleven people were hurt"),
        c("authority", "fire.injured", 11, "11 passengers were injured, none critically"),
    ], properties=COUNT, sources={"post": {"derived_from": ["wire"]}})
    assert find(rec, "fire.injured") is None
    assert corroborated(rec, "fire.injured") == [(11, ["wire", "post", "authority"], 2)]



def test_a_ceiling_does_not_corroborate_an_exact_figure(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "skills.trainees", 300_000, "will train 300,000 young people"),
        c("b", "skills.trainees", 300_000, "designed to train up to 300,000 youths",
          bound="at_most"),
    ], properties={"trainees": "count"})
    assert corroborated(rec, "skills.trainees") == []

# -- resolutions --------------------------------------------------------------------------
TWO_COUNTS = [
    c("a", "fire.injured", 11, "11 people were hurt"),
    c("b", "fire.injured", 14, "14 injured, officials said"),
]


@pytest.mark.parametrize("status", ["explained", "confirmed", "refuted"])
def test_a_resolution_covering_every_value_closes_the_discrepancy(tmp_path: Path,
                                                                  status: str) -> None:
    rec = reconciled(tmp_path, TWO_COUNTS, properties=COUNT, resolutions=[
        {"fact": "fire.injured", "status": status, "values": [11, 14], "verdict": "why"}])
    d = get(rec, "fire.injured")  # still listed: resolved discrepancies are never hidden
    assert d.status == status and not d.is_open
    assert d.kinds == ["conflict"]
    assert d.resolution is not None and d.resolution.verdict == "why"
    assert d.reopened_by == []
    assert rec.open_counts() == {"error": 0, "warning": 0, "info": 0}


def test_a_resolution_with_status_open_keeps_it_open(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, TWO_COUNTS, properties=COUNT, resolutions=[
        {"fact": "fire.injured", "status": "open", "values": [11, 14], "verdict": "partial"}])
    d = get(rec, "fire.injured")
    assert d.status == "open" and d.is_open
    assert d.resolution is not None and d.resolution.status == "open"
    assert rec.open_counts()["error"] == 1


def test_a_new_value_reopens_a_resolved_discrepancy(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [*TWO_COUNTS, c("d", "fire.injured", 20, "twenty were hurt")],
                     properties=COUNT, resolutions=[
                         {"fact": "fire.injured", "status": "explained", "values": [11, 14]}])
    d = get(rec, "fire.injured")
    assert d.status == "open" and d.is_open
    assert d.reopened_by == ["20"]
    assert d.resolution is not None and d.resolution.status == "explained"


def test_a_resolution_covers_values_as_they_compare(tmp_path: Path) -> None:
    # "up to 300,000" is covered by 300000; a text by its folded form.
    rec = reconciled(tmp_path, [
        c("a", "skills.trainees", 1_500, "will provide 1,500 young people with certificates"),
        c("b", "skills.trainees", 300_000, "designed to train up to 300,000 youths",
          bound="at_most"),
        c("a", "ferry.status", "Done", "The operator said: Done"),
        c("b", "ferry.status", "it’s over", "it’s over, a spokesman confirmed"),
    ], properties={"trainees": "count", "status": "text"}, resolutions=[
        {"fact": "skills.trainees", "status": "explained", "values": [1500, 300000]},
        {"fact": "ferry.status", "status": "refuted", "values": ["done", "It's over"]},
    ])
    assert get(rec, "skills.trainees").status == "explained"
    assert get(rec, "ferry.status").status == "refuted"



def test_a_naming_discrepancy_can_be_resolved(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        c("a", "guodong.city", "Lahore", "GuoDong Group, based in Lahore"),
        c("b", "guodong.city", "Lahore", "Guodong Group of Lahore signed"),
    ], properties={"city": "text"}, entities=GUODONG, resolutions=[
        {"fact": "guodong.name", "status": "explained",
         "values": ["GuoDong Group", "Guodong Group"], "verdict": "one company"}])
    assert get(rec, "guodong.name").status == "explained"

def test_resolved_discrepancies_sort_after_open_ones_most_severe_first(tmp_path: Path) -> None:
    rec = reconciled(tmp_path, [
        *TWO_COUNTS,                                                  # conflict, resolved
        c("a", "ship.crew", 9, "a crew of 9 sailors"),                # uncorroborated
        c("a", "skills.trainees", 1_500, "will provide 1,500 young people with certificates"),
        c("b", "skills.trainees", 300_000, "designed to train up to 300,000 youths",
          bound="at_most"),                                           # magnitude
        c("a", "ferry.passengers", 230, "was carrying 230 passengers"),
        c("b", "ferry.passengers", 300, "300 passengers were aboard"),  # conflict
    ], properties={**COUNT, "crew": "count", "trainees": "count", "passengers": "count"},
        resolutions=[{"fact": "fire.injured", "status": "explained", "values": [11, 14]}])
    order = [(d.fact, d.is_open, d.severity.label) for d in rec.discrepancies]
    assert order == [
        ("ferry.passengers", True, "error"),
        ("skills.trainees", True, "warning"),
        ("ship.crew", True, "info"),
        ("fire.injured", False, "error"),
    ]
