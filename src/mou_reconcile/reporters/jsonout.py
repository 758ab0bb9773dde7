"""JSON text exactly as `json.dumps(obj, indent=2, ensure_ascii=False)` writes it, faster.

With `indent`, the standard library encodes in pure Python, one generator step per token:
seconds for a 100,000-claim report. Here each container is one loop that writes its scalar
items (most items: spans, anchors' numbers, values) with one C call each (the string quoting
json itself uses, int and float repr) and recurses only into containers: about half the
time of handing each all-scalar container to a C encoder, whose set-up per call outweighs
its speed on the short containers reports are made of. tests/unit/test_jsonout.py checks
the output is byte for byte the standard one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_INDENT = 2
# How a mapping key is quoted: the C function json itself uses, when there is one.
_KEY = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


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
        opening, closing = "{", "}"
    elif kind is list or kind is tuple:
        opening, closing = "[", "]"
    else:  # subclasses (an IntEnum, a str enum...) and anything else: as json would
        out.append(json.dumps(obj, indent=_INDENT, ensure_ascii=False).replace(
            "\n", "\n" + " " * (_INDENT * depth)))
        return
    if not obj:
        out.append(opening + closing)
        return
    pad = "\n" + " " * (_INDENT * (depth + 1))
    separator, comma = opening + pad, "," + pad  # before the first item, before the others
    text_of = _SCALAR_TEXT.get
    # Scalars are written here, without a call per item; only containers recurse.
    if kind is dict:
        for key, item in obj.items():
            head = separator + _KEY(key if type(key) is str else _key(key)) + ": "
            separator = comma
            scalar = text_of(type(item))
            if scalar is not None:
                out.append(head + scalar(item))
            else:
                out.append(head)
                _encode(item, depth + 1, out)
    else:
        for item in obj:
            scalar = text_of(type(item))
            if scalar is not None:
                out.append(separator + scalar(item))
            else:
                out.append(separator)
                _encode(item, depth + 1, out)
            separator = comma
    out.append("\n" + " " * (_INDENT * depth) + closing)


def dump(obj: Any, write: Callable[[str], Any], levels: int = 3) -> None:
    """The text of `dumps(obj)`, handed to `write` in pieces as it is made, so that a large
    document (a 100,000-claim report: 69 MB of text) is never held whole, nor as the
    millions of small strings it is joined from. The containers of the first `levels`
    levels are written item by item; each item below them at once."""
    out: list[str] = []
    _stream(obj, 0, out, levels, write)
    write("".join(out))


_FLUSH = 8192  # strings gathered before they are joined and written


def _stream(obj: Any, depth: int, out: list[str], levels: int,
            write: Callable[[str], Any]) -> None:
    kind = type(obj)
    if levels == 0 or not obj or (kind is not dict and kind is not list and kind is not tuple):
        _encode(obj, depth, out)
        return
    pad = "\n" + " " * (_INDENT * (depth + 1))
    separator, comma = ("{" if kind is dict else "[") + pad, "," + pad
    if kind is dict:
        for key, item in obj.items():
            out.append(separator + _KEY(key if type(key) is str else _key(key)) + ": ")
            separator = comma
            _stream(item, depth + 1, out, levels - 1, write)
            if len(out) >= _FLUSH:
                write("".join(out))
                out.clear()
    else:
        for item in obj:
            out.append(separator)
            separator = comma
            _stream(item, depth + 1, out, levels - 1, write)
            if len(out) >= _FLUSH:
                write("".join(out))
                out.clear()
    out.append("\n" + " " * (_INDENT * depth) + ("}" if kind is dict else "]"))


def dumps(obj: Any) -> str:
    """`json.dumps(obj, indent=2, ensure_ascii=False)`, the same text."""
    out: list[str] = []
    _encode(obj, 0, out)
    return "".join(out)
