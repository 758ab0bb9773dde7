"""The fast reader against the full one on generated claims-file-like YAML with the risky
shapes: comment lines at any indent inside multi-line plain scalars, block scalars with
every chomping and indentation indicator and trailing blank or spaces-only lines, no final
newline, null and empty keys, quoted scalars over several lines, nested collections.

Property: whenever the fast reader returns a document, its data and positions are the full
reader's; whenever the full reader refuses (no document, or problems), the fast reader
returns nothing. A long run: MOU_RECONCILE_DIFF_EXAMPLES=30000.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from conftest import node_paths
from mou_reconcile.corpus.yamlfast import read_fast
from mou_reconcile.corpus.yamlio import load_yaml

EXAMPLES = int(os.environ.get("MOU_RECONCILE_DIFF_EXAMPLES", "400"))

_WORDS = st.sampled_from(["word", "word", "two words", "more words here", "it's", "a-b",
                          "x.y", "12", "1e3", "true", "null", "~", "", "é ’", "a: b",
                          "a #b", "[x", "- x", "#x", "'q'", '"q"', "|", ">-"])
_KEYS = st.sampled_from(["id", "quote", "value", "note", "source", "as_of", "null", "~",
                         "NULL", "? ", "?", "''", '""', "'q k'", "true", "1", "k.1"])
_BLANK = st.sampled_from(["", " ", "  ", "   ", "     ", "# c", " # c", "  # c", "      # c"])
_INDICATOR = st.tuples(st.sampled_from("|>"), st.sampled_from(["", "-", "+"]),
                       st.sampled_from(["", "", "1", "2", "4"]), st.booleans()).map(
    lambda t: t[0] + (t[2] + t[1] if t[3] else t[1] + t[2]))


@st.composite
def _value(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """The lines of a value for a key at `indent`: the first is the rest of the key's line."""
    inner = " " * (indent + draw(st.sampled_from([1, 2, 2, 4])))
    kind = draw(st.sampled_from(["plain", "multi", "block", "block", "quoted", "flow",
                                 "empty", "map", "list"] if depth < 3 else
                                ["plain", "multi", "block", "quoted"]))
    if kind == "plain":
        return [draw(_WORDS)]
    if kind == "multi":  # a plain scalar over lines, maybe a comment or blank among them
        lines = [draw(_WORDS)]
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                lines.append(" " * draw(st.integers(0, indent + 4)) + draw(_BLANK))
            more = draw(st.sampled_from([2, 2, 2, 1, 4, 0, -1]))  # mostly valid
            lines.append(" " * max(0, indent + more) + draw(_WORDS))
        return lines
    if kind == "block":
        lines = [draw(_INDICATOR) + draw(st.sampled_from(["", " # c", "#c"]))]
        for _ in range(draw(st.integers(0, 4))):
            shape = draw(st.sampled_from(["text", "text", "more", "blank", "spaces"]))
            if shape in ("text", "more"):
                lines.append(inner + (" " if shape == "more" else "") + draw(_WORDS))
            elif shape == "spaces":  # spaces-only: fewer, as many or more than the text's
                lines.append(" " * draw(st.integers(0, len(inner) + 3)))
            else:
                lines.append(draw(_BLANK))
        return lines
    if kind == "quoted":
        q = draw(st.sampled_from(["'", '"']))
        parts = draw(st.lists(_WORDS.filter(lambda w: q not in w and "\\" not in w),
                              min_size=1, max_size=3))
        lines = [q + parts[0]]
        for part in parts[1:]:
            lines.append(" " * draw(st.integers(0, indent + 3)) + part)
        lines[-1] += q
        return lines
    if kind == "flow":
        return [draw(st.sampled_from(["[a, b]", "{a: 1, b: two}", "[]", "{null: 1}",
                                      "[a,", "{a: [1, 2]}"]))]
    if kind == "empty":
        return [draw(st.sampled_from(["", " # c", "~", "null"]))]
    if kind == "map":
        return ["", *draw(_mapping(len(inner), depth + 1))]
    return ["", *draw(_list(indent + draw(st.sampled_from([0, 2])), depth + 1))]


@st.composite
def _mapping(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(_KEYS)
        value = draw(_value(indent, depth))
        sep = "" if key in ("? ", "?") else ":"
        first = f"{' ' * indent}{key}{sep}"
        lines.append(first + (" " + value[0] if value[0] else ""))
        if key in ("? ", "?"):
            lines.append(f"{' ' * indent}:" + (" " + value[0] if value[0] else ""))
        lines.extend(value[1:])
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(_BLANK))
    return lines


@st.composite
def _list(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            item = draw(_mapping(indent + 2, depth + 1))
            lines.append(" " * indent + "- " + item[0].lstrip(" "))
            lines.extend(item[1:])
        else:
            value = draw(_value(indent, depth + 1))
            lines.append(" " * indent + "-" + (" " + value[0] if value[0] else ""))
            lines.extend(value[1:])
    return lines


@st.composite
def claims_files(draw: st.DrawFn) -> str:
    lines = ["version: 1"]
    if draw(st.booleans()):
        lines += ["meta:", *draw(_mapping(2, 1))]
    lines += ["claims:", *draw(_list(draw(st.sampled_from([0, 2])), 1))]
    if draw(st.booleans()):
        lines += draw(_mapping(0, 1))
    text = "\n".join(lines)
    return text + draw(st.sampled_from(["\n", "", "\n\n", "\n  \n", "\n# end"]))


def check(text: str) -> bool:
    """The property; True if the fast reader read `text`."""
    fast = read_fast(text, "f.yaml")
    full, problems = load_yaml(text, "f.yaml", fast=False)
    if full is None or problems:
        assert fast is None, f"the fast reader read what the full one refuses:\n{text!r}"
        return False
    if fast is None:
        return False
    assert repr(fast.data) == repr(full.data), text
    for path in node_paths(full.data):
        for key in (False, True):  # where the fast reader records one (see yamlfast)
            found = fast.position(path, key=key)
            assert found in (None, full.position(path, key=key)), (path, key, text)
    return True


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=claims_files())
def test_fast_reader_agrees_with_the_full_reader(text: str) -> None:
    check(text)


def test_the_generator_makes_files_both_readers_read() -> None:
    # Guards the property against a generator whose files the fast reader all declines.
    find(claims_files(), check, settings=settings(max_examples=2000, database=None))
    find(claims_files(), lambda text: not check(text),
         settings=settings(max_examples=2000, database=None))
