"""The fast reader of plain block YAML (`yamlfast.read_fast`) against the full one.

Its contract: for any text, either it declines (None) or it gives exactly what the full
reader (libyaml events, `load_yaml(fast=False)`) gives for a file without problems: the same
data, of the same types, and the same position for every node and key. These tests check
that on every claims file in the repository, on documents PyYAML's own dumper writes in many
styles, and on those documents broken at random.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import node_paths
from mou_reconcile.corpus import yamlfast
from mou_reconcile.corpus.yamldoc import YamlDocument
from mou_reconcile.corpus.yamlfast import FastDocument, read_fast
from mou_reconcile.corpus.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
# More generated documents for a long run: MOU_RECONCILE_FUZZ_EXAMPLES=5000 (as tests/fuzzing.py).
EXAMPLES = max(300, int(os.environ.get("MOU_RECONCILE_FUZZ_EXAMPLES", "0")))


def agrees(text: str) -> bool:
    """True if the fast reader read `text` (and then it agreed with the full reader in
    everything); False if it declined. Fails the test on any disagreement."""
    fast = read_fast(text, "f.yaml")
    if fast is None:
        return False
    full, problems = load_yaml(text, "f.yaml", fast=False)
    assert problems == [], f"the fast reader accepted a file with problems:\n{text}"
    assert full is not None
    assert repr(fast.data) == repr(full.data), text
    for path in node_paths(full.data):
        for key in (False, True):
            assert fast.position(path, key=key) == full.position(path, key=key), (path, key)
            assert fast.where(path, key=key) == full.where(path, key=key), (path, key)
    assert fast.where(("nosuch", 3, "x")) == full.where(("nosuch", 3, "x"))
    return True


def claims_files() -> list[Path]:
    files = [ROOT / "data" / "claims.yaml", *sorted((ROOT / "tests").rglob("*.yaml"))]
    return [f for f in files if f.is_file()]


@pytest.mark.parametrize("path", claims_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository(path: Path) -> None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the loader refuses it before any YAML reading")
    agrees(text)


def test_the_sample_is_read_fast() -> None:
    # The sample uses flow mappings, block scalars and comments: all within the fast reader.
    text = (ROOT / "data" / "claims.yaml").read_text(encoding="utf-8")
    assert agrees(text)


SUPPORTED = {
    "indentless and indented lists": """\
        version: 1
        sources:
        - id: a
          file: a.txt
        claims:
          - source: a
            value: [140, 160]
            context: {as_of: 2025-09, event: "x, y"}
        """,
    "comments everywhere": """\
        # header
        version: 1 # trailing
        sources:   # a comment after an empty value
          # inside
          - id: a   # c
            title: 'it''s # not a comment'
            note: "tab\\there \\u00e9 \\x41 \\"q\\" \\\\"
        """,
    "empty values": """\
        version: 1
        sources:
        entities:
        claims:
          - source: a
            note:
            bound: ~
        """,
    "block and multi-line scalars": """\
        version: 1
        claims:
          - note: >-
              folded
              text

              kept
            quote: |
              line one
                indented
            title: a plain scalar
              that goes on
            other: "a quoted one
              that goes on"
          - >
            a folded item
        """,
    "scalars of every kind": """\
        v: [1, -2, +3, 0o17, 0x1F, 1.5, .5, 1e3, -1.5E-3, true, False, NULL, ~, yes, no, on]
        w: {a: 1, b: two words, c: 'q', d: "d"}
        x: 2025-09-08
        y: -
        """,
}


@pytest.mark.parametrize("name", SUPPORTED)
def test_supported_shapes_are_read_fast(name: str) -> None:
    text = textwrap.dedent(SUPPORTED[name])
    if name == "scalars of every kind":  # `y: -` is a syntax error: declined
        assert not agrees(text)
        assert agrees(text.replace("y: -\n", ""))
    else:
        assert agrees(text)


DECLINED = [
    "- a\n- b\n",  # not a mapping
    "a: 1\na: 2\n",  # duplicate key
    "a: &x 1\nb: *x\n",  # alias
    "a:\n\tb: 1\n",  # tab
    "a: 1\r\nb: 2\r\n",  # CR line ends
    "---\na: 1\n",  # document marker
    "a: 1\n---\nb: 2\n",
    "a: 'unclosed\n",
    "a: b: c\n",
    "a: .inf\n",
    "a: 1e400\n",
    "true: 1\n",
    "? a\n: 1\n",
    "a:\n  - - 1\n",
    "a:\n  -\n    b: 1\n",
    "'a': 1\n",
    "",
    "# only a comment\n",
    "a: 1\n b: 2\n",
    "a: \"\\q\"\n",
    "a: \"\\ud800\"\n",
    "s: !!python/object:os.system x\n",
]


@pytest.mark.parametrize("text", DECLINED)
def test_declined_shapes(text: str) -> None:
    assert not agrees(text)


# Regression: a comment line at or left of the key's indent ended the lines read again for
# a multi-line plain scalar, so the fast reader read `word1` and dropped `word2` (invalid
# YAML: a comment ends a plain scalar). In a claims file, a quote lost its last line.
@pytest.mark.parametrize("text", [
    "key: word1\n#  note\n  word2\n",
    "key: word1\n  # note\n  word2\n",
    "a: 1\nb:\n  key: word1\n  # note\n    word2\n",
    "version: 1\nclaims:\n  - quote: the first line\n  # note\n      the last line\n",
    "version: 1\nclaims:\n  - the first line\n# note\n    the last line\n",
])
def test_a_comment_inside_a_plain_scalar_is_not_read_past(text: str) -> None:
    assert read_fast(text, "f.yaml") is None
    doc, problems = load_yaml(text, "f.yaml")
    assert doc is None and [p.code for p in problems] == ["MR101"]
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(text)


# Regression: the lines read again for a block scalar stopped at the last line with text
# and always ended with a line break: keep-chomping's trailing blank lines, a more-indented
# spaces-only last line (content) were dropped, and a value at the end of a file without a
# final newline gained one.
@pytest.mark.parametrize(("text", "value"), [
    ("e: |+\n\n", "\n"),
    ("e: |+\n\n\n", "\n\n"),
    ("e: >+\n  a\n\n", "a\n\n"),
    ("e: |+\n  a\n\n# c\n\nz: 1\n", "a\n\n"),
    ("e: |\n  a\n   \n", "a\n \n"),
    ("e: >\n  a\n    \nz: 1\n", "a\n  \n"),
    ("e: |\n  a", "a"),
    ("e: >\n  a", "a"),
    ("e: |+\n  a", "a"),
    ("e: \"a\n  b\"", "a b"),
    ("l:\n- |+\n  x\n\n", "x\n\n"),
])
def test_block_scalars_keep_their_trailing_lines_exactly(text: str, value: str) -> None:
    assert agrees(text)
    fast = read_fast(text, "f.yaml")
    assert fast is not None
    read = fast.data["e"] if "e" in fast.data else fast.data["l"][0]
    assert read == value
    expected = yaml.safe_load(text)
    assert read == (expected["e"] if "e" in expected else expected["l"][0])


def test_positions_deep_inside_items_come_from_the_items_own_lines() -> None:
    text = textwrap.dedent("""\
        version: 1
        claims:
          - source: a
            value: [10,   12]
            breakdown: {lead: 1, local: 16}
          - source: b
            quote: >-
              two
              lines
        """)
    fast = read_fast(text, "f.yaml")
    assert isinstance(fast, FastDocument)
    assert fast.where(("claims", 0, "value", 1)) == (4, 19)
    assert fast.where(("claims", 0, "breakdown", "local"), key=True) == (5, 26)
    assert fast.where(("claims", 1, "quote")) == (7, 12)
    assert fast.where(("claims", 1, "missing")) == (6, 5)


# --- generated documents -------------------------------------------------------------------

_CHARS = st.sampled_from([*"abcXYZ019 .,:;#'\"\\-_[]{}&*!|>%@`?/é’“\u00a0\u2028\t\n", " #", ": "])
_TEXT = st.lists(_CHARS, max_size=12).map("".join)
_SCALAR = st.one_of(_TEXT, st.integers(-10**6, 10**20), st.floats(allow_nan=False),
                    st.booleans(), st.none(), st.sampled_from(["yes", "No", "0o7", "1e3", "~",
                                                               "2025-09", "- a", "a: b"]))
_KEYS = st.sampled_from(["id", "source", "value", "quote", "note", "as_of", "x-y", "k.1"])
_LEAF = st.one_of(_SCALAR, st.lists(_SCALAR, max_size=3),
                  st.dictionaries(_KEYS, _SCALAR, max_size=3))
_ITEM = st.one_of(st.dictionaries(_KEYS, _LEAF, min_size=1, max_size=5), _SCALAR)
_DOC = st.fixed_dictionaries({"version": st.just(1)}, optional={
    "sources": st.lists(_ITEM, max_size=4), "claims": st.lists(_ITEM, max_size=4),
    "entities": st.one_of(st.none(), st.lists(_ITEM, max_size=2))})
_STYLE = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, None]),
    "width": st.sampled_from([20, 60, 4096]), "indent": st.sampled_from([2, 4]),
    "allow_unicode": st.booleans(), "default_style": st.sampled_from([None, None, "'", '"'])})


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=_DOC, style=_STYLE)
def test_documents_pyyaml_writes(doc: dict[str, Any], style: dict[str, Any]) -> None:
    text = yaml.safe_dump(doc, sort_keys=False, **style)
    agrees(text)


_EDITS = st.sampled_from([": ", " #", "- ", "  ", "\t", "&a ", "*a", "!!str ", "|", ">-", "'",
                          '"', "[", "]", "{", "}", ",", "\n", "\n  ", "\n- ", "---", "...",
                          "\\", "~", "x", "é", "\r"])


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=_DOC, style=_STYLE, edits=st.lists(st.tuples(st.floats(0, 1), _EDITS,
                                                         st.booleans()), min_size=1, max_size=3))
def test_broken_documents(doc: dict[str, Any], style: dict[str, Any],
                          edits: list[tuple[float, str, bool]]) -> None:
    text = yaml.safe_dump(doc, sort_keys=False, **style)
    for where, snippet, replace in edits:
        i = int(where * len(text))
        text = text[:i] + snippet + text[i + (1 if replace else 0):]
    agrees(text)


def test_documents_written_by_hand_in_block_style_are_mostly_read_fast() -> None:
    # A guard against the fast reader quietly declining everything (which `agrees` would
    # accept): the dumper's plain block style is what it exists for.
    docs = [{"version": 1, "sources": [{"id": f"s{i}", "file": f"a/{i}.txt", "title": "A b"}
                                       for i in range(5)],
             "claims": [{"source": "s1", "value": [1, 2], "quote": "it's \"x\" # 1"}]}]
    for doc in docs:
        assert agrees(yaml.safe_dump(doc, sort_keys=False))
        assert agrees(yaml.safe_dump(doc, sort_keys=False, indent=4, width=30))


def test_slow_reader_documents_are_not_fast_documents() -> None:
    doc, problems = load_yaml("a: &x 1\nb: *x\n", "f.yaml")
    assert [p.code for p in problems] == ["MR103"]
    assert isinstance(doc, YamlDocument) and not isinstance(doc, FastDocument)


# --- the one-match path for simple `key: value` lines (`_SIMPLE`) ----------------------------


def same_both_ways(text: str) -> bool:
    """`agrees`, and: the reader with its one-match path for simple lines gives exactly what
    it gives without (every line the general way), attribute by attribute."""
    fast = read_fast(text, "f.yaml")
    with mock.patch.object(yamlfast, "_SIMPLE", re.compile(r"(?!)")):  # never matches
        general = read_fast(text, "f.yaml")
    assert repr(None if fast is None else vars(fast)) == \
        repr(None if general is None else vars(general)), text
    return agrees(text)


def _placed(value: str, *, shallow: bool = True) -> str:
    # In a list item, and in a mapping under a top-level key (where positions are recorded).
    item = f"version: 1\nclaims:\n  - source: a\n    k: {value}\n    after: x\n"
    return item.replace("claims:", f"meta:\n  k: {value}\n  after: x\nclaims:") if shallow else item


# Values the one match reads, with what they read as. PyYAML (YAML 1.1) reads the same,
# except booleans like `yes` and octal `012`: YAML 1.2, as the general path reads them.
YAML_1_1_DIFFERS = {"yes", "No", "on", "012"}
TAKEN: dict[str, Any] = {
    '"q"': "q", '""': "", '"a # b"': "a # b", '"a: b"': "a: b", "\"it's\"": "it's",
    '"  padded  "': "  padded  ", '"é ’ 日本 \u00a0"': "é ’ 日本 \u00a0", '"[a, {b}]"': "[a, {b}]",
    "word": "word", "two words": "two words", "a-b_c.d/e": "a-b_c.d/e", "a - b": "a - b",
    "x.": "x.", "yes": "yes", "No": "No", "on": "on", "none": "none", "nullx": "nullx",
    "true": True, "False": False, "TRUE": True, "null": None, "Null": None, "NULL": None,
    "0": 0, "12": 12, "012": 12, "9" * 299: int("9" * 299),
}
# Values left to the general path: quotes with escapes or a comment after them, single
# quotes, comments, ':' or '#' in a plain value, signs, floats, other numbers, dates,
# non-ASCII plain text, indicators, flow, block scalars, doubled spaces.
GENERAL = [
    '"a\\"b"', '"tab\\t"', '"x" # c', '"x"#c', "'single'", "'it''s'", "'a' # c", "a #b", "a#b",
    "a:b", "a: b", "x:", "-1", "+1", "1.5", "1e3", ".5", "0x1F", "0o17", "~", "2025-09-08",
    "2025-09", "1:30:00", "é", "café", "naïve word", ".inf", ".nan", "1e400", "9" * 300,
    "[a, b]", "{a: 1}", "&a x", "*a", "!!str x", "|", ">-", "- x", "%x", "@x", "`x", "? x",
    ":x", "a,b", "a]", "two  spaces", '"unclosed', 'x"y"', "_x", "1a", "a\tb",
]


@pytest.mark.parametrize("value", list(TAKEN), ids=lambda v: v[:20])
@pytest.mark.parametrize("trailing", ["", "   "])
def test_simple_lines_are_read_in_one_match(value: str, trailing: str) -> None:
    assert yamlfast._SIMPLE.match(f"    k: {value}{trailing}")
    text = _placed(value + trailing)
    assert same_both_ways(text)
    fast = read_fast(text, "f.yaml")
    assert fast is not None
    for read in (fast.data["meta"]["k"], fast.data["claims"][0]["k"]):
        assert type(read) is type(TAKEN[value]) and read == TAKEN[value]
    if value not in YAML_1_1_DIFFERS:
        assert yaml.safe_load(text)["meta"]["k"] == TAKEN[value]
    assert fast.where(("meta", "k")) == (3, 6)
    assert fast.where(("meta", "k"), key=True) == (3, 3)


@pytest.mark.parametrize("value", GENERAL, ids=lambda v: v[:20])
@pytest.mark.parametrize("trailing", ["", "  ", " # c"])
def test_other_lines_take_the_general_path(value: str, trailing: str) -> None:
    assert not yamlfast._SIMPLE.match(f"    k: {value}{trailing}")
    same_both_ways(_placed(value + trailing, shallow=False))
    # Flow only in a list item: inside a collection under a top-level mapping (a wrongly
    # shaped claims file) the fast reader keeps no positions at all, one path or the other.
    if value[0] not in "[{":
        same_both_ways(_placed(value + trailing))


@pytest.mark.parametrize("text", [
    "version: 1\nmeta:\n  true: x\n",  # a key YAML reads as a boolean
    "version: 1\nmeta:\n  k: 1\n  k: 2\n",  # a duplicate key
    "version: 1\nmeta:\n  k: a\n   b: c\n",  # more indented than its mapping
    "version: 1\nmeta:\n  k: a\n    goes on\n",  # a plain scalar on two lines
    "version: 1\nmeta:\n  k:\n  j: 1\n",  # after an empty value
    "version: 1\nclaims:\n  - k:\n      j: 1\n      i: 2\n    h: 3\n",
    "version: 1\nmeta:\n  - a\n  k: 1\n",  # a key beside list items
    "version: 1\nk: 1\n",  # a top-level key (never the one-match path)
    "  k: 1\n",  # indented first line
    'version: 1\nmeta:\n  k: "a\tb"\n',  # a tab, even quoted, declines the whole file
])
def test_simple_lines_in_odd_places(text: str) -> None:
    same_both_ways(text)


_LINE_CHARS = st.sampled_from([*"aZ09 #:\"'\\-./_,[]{}&*!|>%@`?~é’日\u00a0\t", "  ", ": ", " #",
                               "true", "null", "yes", "1e3", "0x"])


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(key=st.sampled_from(["k", "a.b-c_d", "_k", "K1", "true", "null", "1k"]),
       value=st.lists(_LINE_CHARS, min_size=1, max_size=8).map("".join))
def test_generated_simple_lines(key: str, value: str) -> None:
    flow = value.lstrip(" ")[:1] in ("[", "{")  # see test_other_lines_take_the_general_path
    for shallow in (False, True) if not flow else (False,):
        same_both_ways(_placed(value, shallow=shallow).replace(" k: ", f" {key}: "))


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.text(st.one_of(st.sampled_from("a \n\t\r\x00\x1f\x7f\x80\x85\x9f\xa0é"
                                               "\u2028\u2029\ufeff\ufffe\uffff"),
                              st.characters())))
def test_the_ascii_check_for_odd_characters_equals_the_regex(text: str) -> None:
    assert yamlfast._odd_chars(text) == (re.search(yamlfast._ODD_CHARS, text) is not None)
