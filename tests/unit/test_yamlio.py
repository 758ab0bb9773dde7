"""Safe YAML reading with positions (`yamlio.load_yaml`).

Spec and NOTES.md (PyYAML): YAML 1.2 core-schema scalars (not PyYAML's 1.1 `NO` -> False),
duplicate keys are errors (MR102) at the second key, aliases / merge keys / explicit tags are
refused (MR103), syntax errors are MR101; every position is 1-based.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from mou_reconcile.corpus.yamldoc import YamlDocument, resolve_plain
from mou_reconcile.corpus.yamlio import load_yaml
from mou_reconcile.problems import Problem


def load(text: str) -> tuple[YamlDocument | None, list[Problem]]:
    return load_yaml(textwrap.dedent(text), "f.yaml")


def value_of(scalar: str) -> Any:
    doc, problems = load_yaml(f"v: {scalar}\n", "f.yaml")
    assert problems == []
    assert doc is not None
    return doc.data["v"]


def codes(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.col) for p in problems]


# --- scalars: YAML 1.2 core schema ----------------------------------------------------------

@pytest.mark.parametrize(("scalar", "expected"), [
    # YAML 1.1 booleans stay strings
    ("NO", "NO"), ("no", "no"), ("yes", "yes"), ("Yes", "Yes"), ("on", "on"), ("off", "off"),
    ("y", "y"),
    # 1.2 booleans and nulls
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False),
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    # integers: 0755 is decimal in 1.2, octal needs 0o
    ("9", 9), ("-3", -3), ("+12", 12), ("0755", 755), ("0o17", 15), ("0x1F", 31),
    ("0x1f", 31),
    # floats: 1e3 is a float in 1.2 (a string in PyYAML's 1.1)
    ("1e3", 1000.0), ("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("6.02E+23", 6.02e23),
    # strings: quoted scalars, dates, sexagesimals, separators, near misses
    ("'9'", "9"), ('"9"', "9"), ("'true'", "true"), ("'~'", "~"), ("'0x1F'", "0x1F"),
    ("2025-09-08", "2025-09-08"), ("2025-09", "2025-09"), ("1:30:00", "1:30:00"),
    ("1_000", "1_000"), ("1,500", "1,500"), ("0o8", "0o8"), ("tRUE", "tRUE"),
    ("nine", "nine"),
])
def test_plain_and_quoted_scalars(scalar: str, expected: Any) -> None:
    got = value_of(scalar)
    assert got == expected
    assert type(got) is type(expected)


def test_core_schema_reads_infinity_and_nan() -> None:
    assert resolve_plain(".inf") == math.inf and resolve_plain("-.inf") == -math.inf
    assert math.isnan(resolve_plain(".nan"))


# No field means infinity or NaN, and strict JSON output cannot carry them; a number no
# float holds cannot be compared (and int() refuses more than 4,300 digits: a traceback).
@pytest.mark.parametrize(("scalar", "code"), [
    (".inf", "MR109"), ("-.Inf", "MR109"), (".nan", "MR109"), ("!!float .nan", "MR109"),
    ("1e400", "MR110"), ("-1" + "0" * 400, "MR110"), ("9" * 5000, "MR110"),
    ("!!int " + "9" * 5000, "MR110"), ("0x" + "f" * 300, "MR110"),
])
def test_numbers_no_comparison_can_use_are_refused(scalar: str, code: str) -> None:
    doc, problems = load_yaml(f"v: [1, {scalar}]\n", "f.yaml")
    assert codes(problems) == [(code, 1, 8)]
    assert len(problems[0].message) < 100
    assert doc is not None and doc.data == {"v": [1, None]}


def test_the_largest_numbers_are_numbers() -> None:
    doc, problems = load_yaml(f"v: [1.7976931348623157e308, -{2**1000}]\n", "f.yaml")
    assert problems == []
    assert doc is not None and doc.data == {"v": [1.7976931348623157e308, -(2**1000)]}


def test_year_is_an_int_and_block_scalar_is_a_string() -> None:
    doc, problems = load("""\
        published: 2025
        quote: |
          9
        """)
    assert problems == []
    assert doc is not None
    assert doc.data == {"published": 2025, "quote": "9\n"}


def test_explicit_standard_tags() -> None:
    doc, problems = load("""\
        a: !!int 5
        b: !!bool true
        c: !!null null
        d: !!int five
        """)
    assert doc is not None
    assert doc.data["a"] == 5 and doc.data["b"] is True and doc.data["c"] is None
    assert codes(problems) == [("MR105", 4, 4)]


# Regression: the composer tagged every plain scalar str, so an explicit !!str was
# indistinguishable and '!!str 9' was resolved to the int 9.
@pytest.mark.parametrize(("scalar", "expected"), [
    ("!!str 9", "9"), ("!!str true", "true"), ("!!str ~", "~"), ("!!str 2025", "2025"),
])
def test_explicit_str_tag_keeps_a_string(scalar: str, expected: str) -> None:
    assert value_of(scalar) == expected


# Regression: libyaml marks `! 12` plain-implicit, so it was resolved as 12; the
# non-specific tag `!` makes a string (YAML 1.2 spec example 6.28, yaml-test-suite S4JQ).
@pytest.mark.parametrize("text", ["v: ! 12\n", "v: ! true\n", "! 12: x\nv: ! 12\n"])
def test_the_non_specific_tag_makes_a_string(text: str) -> None:
    doc, problems = load_yaml(text, "f.yaml")
    assert problems == [] and doc is not None
    assert all(type(k) is str for k in doc.data)
    assert doc.data["v"] in ("12", "true")


# --- duplicate keys -----------------------------------------------------------------------

def test_duplicate_key_is_reported_at_the_second_key() -> None:
    doc, problems = load("""\
        version: 1
        sources: []
        version: 2
        """)
    assert codes(problems) == [("MR102", 3, 1)]
    assert "first at line 1" in problems[0].message
    assert "'version'" in problems[0].message
    assert doc is not None and doc.data["version"] == 1  # not silently the last one


def test_duplicate_key_in_a_nested_mapping() -> None:
    _doc, problems = load("""\
        claims:
          - id: a
            value: 9
            quote: nine
            value: 10
        """)
    assert codes(problems) == [("MR102", 5, 5)]
    assert "first at line 3" in problems[0].message


def test_every_repeat_is_reported_and_quoting_does_not_hide_one() -> None:
    _, problems = load("""\
        a: 1
        'a': 2
        "a": 3
        """)
    assert codes(problems) == [("MR102", 2, 1), ("MR102", 3, 1)]
    assert all("first at line 1" in p.message for p in problems)


def test_duplicate_key_in_a_flow_mapping() -> None:
    doc, problems = load("a: [1, {b: 2, b: 3}, 4]\nc: 5\n")
    assert codes(problems) == [("MR102", 1, 15)]
    assert doc is not None and doc.data == {"a": [1, {"b": 2}, 4], "c": 5}


def test_duplicates_inside_a_dropped_duplicate_are_reported_too() -> None:
    doc, problems = load("""\
        a: 1
        a:
          b: 1
          b: 2
        c: 3
        """)
    assert codes(problems) == [("MR102", 2, 1), ("MR102", 4, 3)]
    assert doc is not None and doc.data == {"a": 1, "c": 3}


def test_equal_keys_in_different_mappings_are_fine() -> None:
    _, problems = load("""\
        claims:
          - id: a
          - id: b
        """)
    assert problems == []


# --- aliases, merge keys, tags ----------------------------------------------------------------

def test_alias_is_refused() -> None:
    doc, problems = load("""\
        a: &x 1
        b: *x
        """)
    assert codes(problems) == [("MR103", 2, 4)]  # at the alias
    assert doc is not None and doc.data["b"] is None  # not a copy of a


def test_billion_laughs_returns_quickly_with_few_problems() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\n"  # 9 ** 10 leaves if expanded
    t0 = time.perf_counter()
    doc, problems = load_yaml(text, "f.yaml")
    assert time.perf_counter() - t0 < 1.0
    assert 1 <= len(problems) <= 3
    assert {p.code for p in problems} == {"MR103"}
    assert doc is not None and doc.data["j"] == [None] * 9


@pytest.mark.parametrize("text", [
    "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n",
    "item:\n  y: 2\n  <<: {x: 1}\n",
])
def test_merge_key_is_refused(text: str) -> None:
    doc, problems = load_yaml(text, "f.yaml")
    merge_line = next(i for i, line in enumerate(text.splitlines(), 1) if "<<" in line)
    assert ("MR103", merge_line, 3) in codes(problems)
    assert doc is not None and doc.data["item"] == {"y": 2}  # nothing merged in


def test_standard_collection_tags_are_allowed() -> None:
    doc, problems = load("a: !!map {x: 1}\nb: !!seq [1]\n")
    assert problems == []
    assert doc is not None and doc.data == {"a": {"x": 1}, "b": [1]}


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    doc, problems = load("'<<': 1\n")
    assert problems == [] and doc is not None and doc.data == {"<<": 1}


@pytest.mark.parametrize("tagged", [
    "!!python/object:os.system echo",
    "!!python/object/apply:os.system [echo]",
    "!!python/name:os.system",
    "!custom 1",
    "!!set {x}",
    "!!binary aGVsbG8=",
])
def test_explicit_exotic_tags_are_refused(tagged: str) -> None:
    doc, problems = load_yaml(f"version: 1\nv: {tagged}\n", "f.yaml")
    assert codes(problems) == [("MR103", 2, 4)]
    assert doc is not None and doc.data == {"version": 1, "v": None}


# --- syntax errors and limits -------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: b: c\n", 1, 5),  # the second ':' (0-based column 4)
    ("version: 1\nclaims:\n  - id: x\n   bad: 1\n", 4, 4),
    ("a: [1, 2\nb: 3\n", 2, 2),  # gave up after the unclosed '['
    ("a: 1\n---\nb: 2\n", 2, 1),  # two documents
    ("a: 'unterminated\n", 2, 1),
    ("a: 1\nb: \x07\n", 2, 4),  # a control character
])
def test_syntax_error_is_mr101_with_a_one_based_position(text: str, line: int, col: int) -> None:
    doc, problems = load_yaml(text, "f.yaml")
    assert doc is None
    assert codes(problems) == [("MR101", line, col)]
    assert problems[0].path == "f.yaml"


def test_tab_indentation_gets_a_hint() -> None:
    doc, problems = load_yaml("a:\n\tb: 1\n", "f.yaml")
    assert doc is None
    assert codes(problems) == [("MR101", 2, 1)]
    assert problems[0].hint is not None and "tab" in problems[0].hint


def test_empty_document() -> None:
    doc, problems = load_yaml("", "f.yaml")
    assert problems == []
    assert doc is not None and doc.data is None


def test_non_scalar_key_is_a_type_error() -> None:
    doc, problems = load("? [a, b]\n: 1\nc: 2\n")
    assert codes(problems) == [("MR105", 1, 3)]
    assert doc is not None and doc.data == {"c": 2}


# Regression: a null key (`null`, `~`, or empty) was taken for the builder's "drop this
# value" mark, so `null: x` in a claim vanished where any other stray field is MR104. It is
# kept as its text, for validation to name it at its own line.
@pytest.mark.parametrize(("text", "key", "at"), [
    ("a: 1\nnull: 5\n", "null", (2, 1)),
    ("a: 1\n~: 6\n", "~", (2, 1)),
    ("a: 1\nNULL: 6\n", "NULL", (2, 1)),
    ("a: 1\n?\n: 7\n", "", (2, 2)),
    ("a: 1\n? ''\n: 7\n", "", (2, 3)),
    ("a: {null: 8, x: 1}\n", "null", (1, 5)),
])
@pytest.mark.parametrize("fast", [True, False], ids=["fast-reader", "full-reader"])
def test_a_null_key_is_kept_as_its_text(text: str, key: str, at: tuple[int, int],
                                        fast: bool) -> None:
    doc, problems = load_yaml(text, "f.yaml", fast=fast)
    assert problems == []
    assert doc is not None
    inner = doc.data["a"] if isinstance(doc.data["a"], dict) else doc.data
    assert key in inner and None not in inner
    path = ("a", key) if isinstance(doc.data["a"], dict) else (key,)
    assert doc.position(path, key=True) == at


def test_a_null_key_and_a_quoted_null_are_the_same_key() -> None:
    # Both read as the text 'null': reported, never one silently replacing the other.
    doc, problems = load('null: 1\n"null": 2\n')
    assert codes(problems) == [("MR102", 2, 1)]
    assert doc is not None and doc.data == {"null": 1}


def test_a_null_key_in_a_claim_is_an_unknown_field(cli, tmp_path: Path) -> None:
    from conftest import CASES

    story = tmp_path / "story"
    shutil.copytree(CASES / "ferry-fire", story)
    lines = (story / "claims.yaml").read_text().splitlines(keepends=True)
    at = lines.index("claims:\n") + 2  # after the first claim's first line
    assert lines[at - 1].startswith("  - id: ")
    lines.insert(at, "    null: x\n")
    (story / "claims.yaml").write_text("".join(lines))
    run = cli("check", "--claims", str(story), "--format", "json")
    assert run.exit_code == 1
    assert [(p["code"], p["line"], p["col"], p["message"]) for p in run.json()["problems"]] == [
        ("MR104", at + 1, 5, "unknown field 'null' in claim")]


def test_deep_nesting_hits_the_limit() -> None:
    n = 200
    _doc, problems = load_yaml("x: " + "[" * n + "]" * n + "\n", "f.yaml")
    assert [p.code for p in problems] == ["MR110"]


def _limit_stack() -> None:
    """A typical 8 MiB main-thread stack, whatever the machine's default."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    soft = 8 * 1024 * 1024 if hard == resource.RLIM_INFINITY else min(8 * 1024 * 1024, hard)
    resource.setrlimit(resource.RLIMIT_STACK, (soft, hard))


# Regression: libyaml's composer recursed in C before the depth limit applied, so a 200 KB
# file of '[' crashed the interpreter (SIGSEGV) instead of giving MR110. Run in a subprocess
# so that a crash fails this test instead of killing the test run; the timeout catches
# libyaml's quadratic time on deep flow nesting (100,000 levels: half a minute).
@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_very_deep_nesting_is_a_limit_problem_not_a_crash(opening: str) -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    code = ("from mou_reconcile.corpus.yamlio import load_yaml\n"
            "n = 100_000\n"
            f"doc, problems = load_yaml('x: ' + {opening!r} * n, 'f.yaml')\n"
            "print(sorted({p.code for p in problems}))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=20, env={**os.environ, "PYTHONPATH": str(src)},
                          preexec_fn=_limit_stack,
                          check=False)
    assert proc.returncode == 0, proc.returncode
    assert proc.stdout.strip() == "['MR110']"


# PyYAML 6.0.4's libyaml refuses nesting past 1,000 levels while scanning, up to a line ahead
# of the events (a syntax error). Regression: that was MR101; it is the depth limit (MR110),
# at the same place as with an older libyaml that reads on.
@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: " + "[" * 1_000, 1, 67),
    ("a: 1\nb: " + "[" * 5_000, 2, 67),
    ("a:\n" + "".join(" " * i + "-\n" for i in range(1, 1_200)), 65, 65),
    ("[\n" * 1_200, 65, 1),
    ("- " * 1_200 + "x\n", 1, 129),
])
def test_libyamls_own_depth_refusal_is_the_limit_at_the_limit(text: str, line: int,
                                                               col: int) -> None:
    doc, problems = load_yaml(text, "f.yaml")
    assert doc is None
    assert codes(problems) == [("MR110", line, col)]


def test_libyamls_depth_refusal_with_the_limit_raised_past_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Raised beyond libyaml's own 1,000 levels: an older libyaml gives the builder's MR110,
    # 6.0.4's refusal gives MR110 at its own mark (that limit cannot be raised).
    monkeypatch.setenv("MOU_RECONCILE_MAX_DEPTH", "2000")
    doc, problems = load_yaml("a: " + "[" * 100_000, "f.yaml")
    assert doc is None
    assert [(p.code, p.line) for p in problems] == [("MR110", 1)]
    assert problems[0].col in (1003, 2003)


# 300 strings that each open a bracket they never close ("[note", "{name"): valid YAML,
# nested two levels deep, whatever the scalar style. Regression: a bracket pre-count over
# the raw text counted the brackets inside plain and block scalars: a false MR110.
@pytest.mark.parametrize("item", [
    pytest.param('"see [note {i} and {{name"', id="double-quoted"),
    pytest.param('"say \\"[x {i}"', id="double-quoted-escape"),
    pytest.param("'it''s [note {i} and {{name'", id="single-quoted"),
    pytest.param('1  # [[[ {i}', id="comment"),
    pytest.param("see [note {i} and {{name", id="plain"),
    pytest.param("it's [note {i}", id="plain-apostrophe"),
    pytest.param("|\n    [note {i}", id="block"),
])
def test_brackets_inside_strings_are_not_nesting(item: str) -> None:
    items = "".join("  - " + item.format(i=i) + "\n" for i in range(300))
    doc, problems = load_yaml("quotes:\n" + items, "f.yaml")
    assert problems == []
    assert doc is not None and len(doc.data["quotes"]) == 300


# --- positions ----------------------------------------------------------------------------

CLAIMS = """\
version: 1
claims:
  - id: hs-mou-count
    value: 9
    breakdown: {g2g: 1, b2b: 16}
    quote: "signing nine MoUs"
  - id: jwg
    value: [10, 12]
"""


@pytest.mark.parametrize("fast", [True, False], ids=["fast-reader", "full-reader"])
def test_positions_by_path(fast: bool) -> None:
    doc, problems = load_yaml(CLAIMS, "f.yaml", fast=fast)
    assert problems == []
    assert doc is not None
    assert (type(doc).__name__ == "FastDocument") is fast
    assert doc.position(()) == (1, 1)
    assert doc.position(("version",)) == (1, 10)
    assert doc.position(("claims",)) == (3, 3)  # the block sequence starts at its first '-'
    assert doc.position(("claims", 0)) == (3, 5)
    assert doc.position(("claims", 0, "value")) == (4, 12)
    assert doc.position(("claims", 0, "breakdown", "b2b")) == (5, 30)
    assert doc.position(("claims", 0, "quote")) == (6, 12)
    assert doc.position(("claims", 1, "value", 1)) == (8, 17)
    assert doc.position(("version",), key=True) == (1, 1)
    assert doc.position(("claims", 0, "value"), key=True) == (4, 5)
    assert doc.position(("claims", 0, "breakdown", "b2b"), key=True) == (5, 25)
    assert doc.position(("claims", 1, "id"), key=True) == (7, 5)
    # every recorded position points at the text of its value
    lines = CLAIMS.splitlines()
    line, col = doc.where(("claims", 0, "quote"))
    assert lines[line - 1][col - 1:].startswith('"signing')


@pytest.mark.parametrize("fast", [True, False], ids=["fast-reader", "full-reader"])
def test_where_falls_back_to_the_nearest_ancestor(fast: bool) -> None:
    doc, _ = load_yaml(CLAIMS, "f.yaml", fast=fast)
    assert doc is not None
    assert doc.where(("claims", 0, "value")) == (4, 12)
    assert doc.where(("claims", 0, "value"), key=True) == (4, 5)
    assert doc.where(("claims", 0, "bound")) == (3, 5)  # missing field: its mapping
    assert doc.where(("claims", 0, "bound"), key=True) == (3, 5)
    assert doc.where(("claims", 7, "value")) == (3, 3)  # no such claim: the list
    assert doc.where(("sources", 0)) == (1, 1)  # the document
    assert doc.where(()) == (1, 1)


def test_positions_of_a_crlf_file() -> None:
    doc, problems = load_yaml(CLAIMS.replace("\n", "\r\n"), "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.position(("claims", 0, "value")) == (4, 12)
    assert doc.position(("claims", 1, "value", 1)) == (8, 17)
