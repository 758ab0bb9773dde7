"""The official yaml-test-suite (shared/yaml-test-suite/cases.json, beside the repository)
read by `load_yaml`, both with the fast reader first (as the tool reads) and the full way.

Every valid case gives exactly the suite's data, unless listed below: a deliberate refusal
of the claims-file format (each asserted to be refused with its problem), or a known
libyaml deviation (each asserted to still deviate, so a fixed one must leave the list).
Every invalid case is refused, except the few invalid inputs libyaml accepts (listed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from mou_reconcile.corpus.yamldoc import resolve_plain
from mou_reconcile.corpus.yamlfast import read_fast
from mou_reconcile.corpus.yamlio import load_yaml
from mou_reconcile.problems import Problem

SUITE = Path(__file__).resolve().parents[2] / ".." / "shared" / "yaml-test-suite"
CASES_FILE = SUITE / "cases.json"


def _cases() -> list[dict[str, Any]]:
    if not CASES_FILE.is_file():
        return []
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


CASES = {case["id"]: case for case in _cases()}
needs_suite = pytest.mark.skipif(not CASES, reason=f"no yaml-test-suite at {SUITE.resolve()}"
                                 " (shared/ is cloned beside the repository)")

# --- deliberate refusals: (problem code, words of its message) proving the refusal ------------
REFUSED: dict[str, tuple[tuple[str, str], list[str]]] = {
    # A claims file is one document: MR101 at the second one.
    "multiple documents": (("MR101", "one YAML document"), [
        "35KP", "5TYM", "6WLZ", "6XDY", "6ZKB", "9DXL", "9KAX", "9WXW", "JHB9", "KSS4",
        "L383", "PUW8", "RZT7", "U9NS"]),
    # Aliases: MR103 (anchors alone are harmless and read).
    "aliases": (("MR103", "aliases"), [
        "3GZX", "6KGN", "7BUB", "CUP7", "E76Z", "HMQ5", "JS2J", "LE5A", "V55R"]),
    # An alias as a mapping key: MR105.
    "alias keys": (("MR105", "mapping keys"), ["26DV"]),
    # Tags beyond the core schema (!!set, !!omap, !!binary, local and custom tags): MR103.
    "tags": (("MR103", "tag "), [
        "2XXW", "565N", "6CK3", "7FWL", "C4HZ", "CC74", "J7PZ", "M5C3", "P76L", "UGM3",
        "Z67P", "Z9M4"]),
    # Collections as mapping keys: MR105 (the suite has no JSON for most of them).
    "collection keys": (("MR105", "mapping keys"), [
        "4FJ6", "6BFJ", "6PBE", "9MMW", "KK5P", "LX3P", "M2N8-01", "M5DY", "Q9WF", "RZP5",
        "SBG9", "V9D5", "X38W", "XW4D"]),
}

# --- known libyaml deviations ------------------------------------------------------------------
# Valid YAML libyaml refuses (a syntax error, so MR101).
LIBYAML_REFUSES: dict[str, list[str]] = {
    "tabs as separation or in indentation": [
        "6BCT", "6CA3", "96NN-00", "96NN-01", "A2M4", "DK95-00", "DK95-03", "DK95-04", "Q5MG",
        "R4YG", "Y79Y-01", "Y79Y-10"],
    "empty (implicit) keys": [
        "2JQS", "6M2F", "CFD4", "FRK4", "M2N8-00", "NHX8", "NKF9", "S3PD", "SM9W-01",
        "UKK6-00"],
    "flow: multi-line keys, ':' adjacent to a value, plain scalars starting with ':'": [
        "4ABK", "4MUZ-00", "4MUZ-01", "4MUZ-02", "58MP", "5MUD", "5T43", "9SA2", "DBG4",
        "HM87-00", "K3WX", "NJ66", "UT92", "VJP3-01"],
    "directives (unknown, %YAML 1.3, a '%' line inside a scalar)": [
        "2LFX", "6LVF", "BEC7", "MUS6-05", "MUS6-06", "W4TN"],
    "document markers and bare documents": ["7Z25", "DK3J", "FP8R", "HWV9", "M7A3", "QT73"],
    "anchor names with ':' or non-ASCII characters": ["2SXE", "8XYN", "W5VH"],
}
# Valid YAML libyaml reads otherwise than the suite.
LIBYAML_MISREADS: dict[str, list[str]] = {
    "'?' starting a plain scalar in flow, read as an explicit key": ["652Z", "HM87-01"],
    "a spaces-only last line without a line break, lost": ["JEF9-02", "L24T-01"],
    "an anchor name ending at ':'": ["Y2GN"],
}
# Invalid YAML libyaml accepts: the tool reads it as libyaml does.
LIBYAML_ACCEPTS: dict[str, list[str]] = {
    "a comment without a space before '#'": ["9JBA", "CVW2", "SU5Z", "X4QW"],
    "'-' alone as a plain scalar in flow": ["G5U8", "YJV2"],
    "continuation lines indented too little (flow, quoted)": ["9C9N", "QB6E"],
    "tabs in indentation": ["DK95-01", "Y79Y-03"],
    "a block scalar's leading spaces-only line longer than its first text line": ["S98Z"],
    "'#' right after a %YAML directive's version": ["MUS6-00"],
}


def _ids(groups: dict[str, Any]) -> dict[str, str]:
    """case id -> the reason of its group."""
    out: dict[str, str] = {}
    for reason, members in groups.items():
        for case_id in (members[1] if isinstance(members, tuple) else members):
            assert case_id not in out, case_id
            out[case_id] = reason
    return out


REFUSED_IDS = _ids(REFUSED)
REFUSES_IDS = _ids(LIBYAML_REFUSES)
MISREADS_IDS = _ids(LIBYAML_MISREADS)
ACCEPTS_IDS = _ids(LIBYAML_ACCEPTS)
LISTED = {**REFUSED_IDS, **REFUSES_IDS, **MISREADS_IDS, **ACCEPTS_IDS}


def read(text: str, fast: bool) -> tuple[Any, list[Problem], bool]:
    doc, problems = load_yaml(text, "f.yaml", fast=fast)
    return (None if doc is None else doc.data), problems, doc is not None


def documents(json_text: str) -> list[Any]:
    """The suite's JSON: one value per YAML document."""
    decoder, out, at, json_text = json.JSONDecoder(), [], 0, json_text.strip()
    while at < len(json_text):
        value, at = decoder.raw_decode(json_text, at)
        out.append(value)
        while at < len(json_text) and json_text[at].isspace():
            at += 1
    return out


def same(ours: Any, expected: Any) -> bool:
    """Equal with equal types (True is not 1, 1.0 is not 1); mapping order aside."""
    if type(ours) is not type(expected):
        return False
    if isinstance(ours, dict):
        return ours.keys() == expected.keys() and all(same(ours[k], expected[k]) for k in ours)
    if isinstance(ours, list):
        return len(ours) == len(expected) and all(map(same, ours, expected))
    return bool(ours == expected)


def as_json(data: Any) -> Any:
    """Our data as JSON holds it (keys become strings)."""
    return json.loads(json.dumps(data, allow_nan=False))


def libyaml_reads(text: str) -> Any:
    """What libyaml reads: its events folded here (not by the tool's builder; PyYAML's
    composer refuses a redefined anchor, which YAML allows), scalars by the core schema."""
    stack: list[list[Any]] = [[]]  # each open collection's items (a mapping's: k, v, k...)
    kinds: list[type] = []
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([])
            kinds.append(list if isinstance(event, yaml.SequenceStartEvent) else dict)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            items, kind = stack.pop(), kinds.pop()
            stack[-1].append(items if kind is list else dict(zip(items[::2], items[1::2])))
        elif isinstance(event, yaml.ScalarEvent):
            if event.implicit[0] and event.tag is None:
                stack[-1].append(resolve_plain(event.value))
            else:
                null = event.tag == "tag:yaml.org,2002:null"
                stack[-1].append(None if null else event.value)
    return stack[0][0] if stack[0] else None


def libyaml_refuses(text: str) -> bool:
    try:
        for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
            pass
    except yaml.YAMLError:
        return True
    return False


@needs_suite
def test_the_suite_is_all_there() -> None:
    assert len(CASES) == 402
    assert set(LISTED) <= set(CASES)
    # Each list holds what it says: refusals and misreads valid cases, accepts invalid ones.
    assert not any(CASES[i]["fail"] for i in {**REFUSED_IDS, **REFUSES_IDS, **MISREADS_IDS})
    assert all(CASES[i]["fail"] for i in ACCEPTS_IDS)


@needs_suite
@pytest.mark.parametrize("fast", [True, False], ids=["fast-first", "full"])
@pytest.mark.parametrize("case_id", sorted(CASES))
def test_case(case_id: str, fast: bool) -> None:
    case = CASES[case_id]
    text = case["yaml"]
    data, problems, has_doc = read(text, fast)
    quick = read_fast(text, "f.yaml")
    if quick is not None:  # the fast reader's own answer is the full reader's, exactly
        full, full_problems, _ = read(text, False)
        assert full_problems == [] and repr(quick.data) == repr(full)

    if case_id in REFUSED_IDS:
        (code, words), _ = REFUSED[REFUSED_IDS[case_id]]
        assert any(p.code == code and words in p.message for p in problems), problems
    elif case_id in REFUSES_IDS:
        assert libyaml_refuses(text)  # else the case has been fixed: take it off the list
        assert not has_doc and [p.code for p in problems] == ["MR101"]
    elif case_id in MISREADS_IDS:
        assert problems == [] and has_doc
        assert same(data, libyaml_reads(text))
        assert not same(as_json(data), documents(case["json"])[0])  # still a deviation
    elif case_id in ACCEPTS_IDS:
        assert not libyaml_refuses(text)  # else fixed: take it off the list
        assert problems == [] and same(data, libyaml_reads(text))
    elif case["fail"]:
        assert problems, f"invalid YAML read as {data!r}"
    elif case["json"] is None:
        # Valid, but no JSON in the suite: null keys (kept as their text, see yamlio) or
        # a bare tag. Read exactly as libyaml reads it, null keys aside.
        assert problems == [] and has_doc
        reference = libyaml_reads(text)
        assert as_json(data) == as_json(_null_keys_as_text(reference, text))
    else:
        expected = documents(case["json"])
        assert problems == [], problems
        assert len(expected) <= 1  # more documents: listed as refusals
        assert same(as_json(data), expected[0] if expected else None), (data, expected)


def _null_keys_as_text(value: Any, text: str) -> Any:
    # The reference's None keys, as the tool keeps them: the empty text in these cases.
    if isinstance(value, dict):
        return {("" if k is None else k): _null_keys_as_text(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_null_keys_as_text(v, text) for v in value]
    return value


@needs_suite
def test_the_lists_are_all_the_exceptions() -> None:
    # Counts for the record (and a nudge to keep them small): a change is deliberate.
    assert {reason: len(ids) for reason, (_, ids) in REFUSED.items()} == {
        "multiple documents": 14, "aliases": 9, "alias keys": 1, "tags": 12,
        "collection keys": 14}
    assert sum(map(len, LIBYAML_REFUSES.values())) == 51
    assert sum(map(len, LIBYAML_MISREADS.values())) == 5
    assert sum(map(len, LIBYAML_ACCEPTS.values())) == 12
