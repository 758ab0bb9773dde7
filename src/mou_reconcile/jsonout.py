"""JSON text exactly as `json.dumps(obj, indent=2, ensure_ascii=False)` writes it, faster.

With `indent`, the standard library encodes in pure Python, one generator step per token:
seconds for a 100,000-claim report. Here every list or mapping that holds only scalars (most
of them: spans, anchors' numbers, values) is encoded by the C encoder, whose item separator
can carry the newline and indentation; only the containers above them are walked in
Python. tests/unit/test_jsonout.py checks the output is byte for byte the standard one.
"""

from __future__ import annotations

import json
from typing import Any

_INDENT = 2
# How a mapping key is quoted: the C function json itself uses, when there is one.
_KEY = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
_encoders: dict[int, json.JSONEncoder] = {}


def _flat(depth: int) -> json.JSONEncoder:
    """An encoder for a scalar-only container at `depth`: items on their own lines."""
    encoder = _encoders.get(depth)
    if encoder is None:
        pad = "\n" + " " * (_INDENT * (depth + 1))
        encoder = json.JSONEncoder(ensure_ascii=False, separators=("," + pad, ": "))
        _encoders[depth] = encoder
    return encoder


def _key(key: Any) -> str:
    # The standard conversions of mapping keys (json.encoder's _iterencode_dict).
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, (int, float)):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


# Exact scalar types to their JSON text, as json writes them.
_SCALAR_TEXT: dict[type, Any] = {
    str: _KEY, int: int.__repr__, float: _float, bool: lambda v: "true" if v else "false",
    type(None): lambda v: "null"}


def _encode(obj: Any, depth: int, out: list[str]) -> None:
    kind = type(obj)
    scalar = _SCALAR_TEXT.get(kind)
    if scalar is not None:
        out.append(scalar(obj))
        return
    if kind is dict:
        opening, closing, values = "{", "}", obj.values()
    elif kind is list or kind is tuple:
        opening, closing, values = "[", "]", obj
    else:  # subclasses (an IntEnum, a str enum...) and anything else: as json would
        out.append(json.dumps(obj, indent=_INDENT, ensure_ascii=False).replace(
            "\n", "\n" + " " * (_INDENT * depth)))
        return
    if not obj:
        out.append(opening + closing)
        return
    pad = "\n" + " " * (_INDENT * (depth + 1))
    end = "\n" + " " * (_INDENT * depth) + closing
    if all(type(v) in _SCALAR_TEXT for v in values):
        text = _flat(depth).encode(obj if kind is dict else list(obj))
        out.append(opening + pad + text[1:-1] + end)
        return
    out.append(opening)
    first = True
    for item in (obj.items() if kind is dict else obj):
        out.append(pad if first else "," + pad)
        first = False
        if kind is dict:
            key, item = item
            out.append(_KEY(_key(key)) + ": ")
        _encode(item, depth + 1, out)
    out.append(end)


def dumps(obj: Any) -> str:
    """`json.dumps(obj, indent=2, ensure_ascii=False)`, the same text."""
    out: list[str] = []
    _encode(obj, 0, out)
    return "".join(out)
