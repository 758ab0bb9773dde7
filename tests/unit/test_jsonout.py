"""`jsonout.dumps` writes exactly what `json.dumps(indent=2, ensure_ascii=False)` writes."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.reporters.jsonout import dumps

_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                    st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
_KEY = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.booleans(), st.none(),
                 st.floats(allow_nan=False))
_JSON = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(_KEY, inner, max_size=4)), max_leaves=30)


@settings(max_examples=500)
@given(_JSON)
def test_same_text_as_the_standard_library(obj: Any) -> None:
    assert dumps(obj) == json.dumps(obj, indent=2, ensure_ascii=False)


class Level(StrEnum):
    error = "error"


class Count(IntEnum):
    one = 1


def test_enum_members_and_nested_shapes() -> None:
    obj = {"a": [Level.error, {"b": Count.one, "c": []}], "d": {}, "e": [[1, 2], [], {}],
           "f": "é \" \\ \n \u2028", 1: 2.5, None: float("nan")}
    assert dumps(obj) == json.dumps(obj, indent=2, ensure_ascii=False)
    assert dumps([]) == "[]" and dumps("x") == '"x"'


@settings(max_examples=300)
@given(_JSON, st.integers(0, 4), st.sampled_from([1, 3, 8192]))
def test_dump_writes_the_same_text_in_pieces(obj: Any, levels: int, flush: int) -> None:
    from mou_reconcile.reporters import jsonout

    pieces: list[str] = []
    saved, jsonout._FLUSH = jsonout._FLUSH, flush  # flushing after every item, too
    try:
        jsonout.dump(obj, pieces.append, levels)
    finally:
        jsonout._FLUSH = saved
    assert "".join(pieces) == json.dumps(obj, indent=2, ensure_ascii=False)
    if flush == 1 and levels and isinstance(obj, (list, dict)) and len(obj) > 1:
        assert len(pieces) > 1  # written as it went, not at the end
