"""One-line YAML scalars and flow collections, read as the full reader reads them, for the
fast reader (yamlfast.py): plain scalars, 'single' and "double" quoted ones, and one-line
flow lists and mappings of scalars. Anything else raises Unsupported, and the fast reader
leaves the value (or the file) to the full reader."""

from __future__ import annotations

import re
import sys
from typing import Any

from mou_reconcile.corpus.yamldoc import FALSE, INF, INT, NAN, NULL, TRUE, resolve_plain

_DOUBLE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'")
_DOUBLE_ALONE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"(?: +#.*| *)\Z')
_FLOW_PLAIN = re.compile(r"[^,\[\]{}#:\"']+")
_FLOW_KEY = re.compile(r" *([A-Za-z_][A-Za-z0-9_.-]*): +")
_END = re.compile(r"(?: +#.*| *)\Z")  # what may follow a quoted scalar or a flow list
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_PLAIN_START_BAD = frozenset("[]{}#&*!|>'\"%@`,")
NOT_KEYS = NULL | TRUE | FALSE


class Unsupported(Exception):
    """The text uses YAML this reader leaves to the full one."""


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 1:
        if code not in _ESCAPES:
            raise Unsupported
        return _ESCAPES[code]
    point = int(code[1:], 16)
    if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
        raise Unsupported
    return chr(point)


def read_plain(text: str) -> Any:
    """A one-line plain scalar (comment already cut), as the full reader resolves it."""
    first = text[0]
    if ("a" <= first <= "z" or "A" <= first <= "Z") and text not in NOT_KEYS:
        # A word: never a number, null or boolean (saves resolve_plain's patterns).
        if ": " in text or text[-1] == ":":
            raise Unsupported
        return text
    if text.isdigit() and text.isascii() and len(text) < 300:  # below float range
        return int(text)
    if (text[0] in _PLAIN_START_BAD or (text[0] in "-?:" and (len(text) == 1 or text[1] == " "))
            or ": " in text or text.endswith(":")):
        raise Unsupported
    value = resolve_plain(text)
    # Numbers the full reader refuses with a problem (inf, nan, too large, too long).
    if isinstance(value, str):
        if INT.match(value):
            raise Unsupported
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and (
            INF.match(text) or NAN.match(text) or not abs(value) <= sys.float_info.max):
        raise Unsupported
    return value


def read_value(text: str) -> Any:
    """A scalar or flow list standing alone on the rest of a line (non-empty, no comment
    line)."""
    first = text[0]
    if first == '"':
        m = _DOUBLE_ALONE.match(text)
        if m is None:
            raise Unsupported
        body = m.group(1)
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body
    if first == "'":
        m = _SINGLE.match(text)
        if m is None or not _END.match(text, m.end()):
            raise Unsupported
        return m.group(1).replace("''", "'")
    if first in "[{":
        value, end = read_flow(text)
        if not _END.match(text, end):
            raise Unsupported
        return value
    cut = text.find(" #")
    if cut >= 0:
        text = text[:cut]
    return read_plain(text.rstrip(" "))


def read_flow(text: str) -> tuple[Any, int]:
    """A one-line flow list or mapping of scalars (no nesting), and where it ends."""
    closing = "]" if text[0] == "[" else "}"
    items: Any = [] if closing == "]" else {}
    pos, n = 1, len(text)
    while True:
        while pos < n and text[pos] == " ":
            pos += 1
        if pos < n and text[pos] == closing and not items:
            return items, pos + 1
        name = None
        if closing == "}":
            key = _FLOW_KEY.match(text, pos)
            if key is None or key.group(1) in items or key.group(1) in NOT_KEYS:
                raise Unsupported
            name, pos = key.group(1), key.end()
        if pos >= n:
            raise Unsupported
        quoted = _DOUBLE.match(text, pos) if text[pos] == '"' else (
            _SINGLE.match(text, pos) if text[pos] == "'" else None)
        if quoted is not None:
            value, pos = read_value(quoted.group(0)), quoted.end()
        else:
            plain = _FLOW_PLAIN.match(text, pos)
            if plain is None or not plain.group(0).strip():
                raise Unsupported
            value, pos = read_plain(plain.group(0).strip(" ")), plain.end()
        if name is None:
            items.append(value)
        else:
            items[name] = value
        while pos < n and text[pos] == " ":
            pos += 1
        if pos >= n:
            raise Unsupported  # continues on the next line
        if text[pos] == closing:
            return items, pos + 1
        if text[pos] != ",":
            raise Unsupported
        pos += 1
