"""What reading YAML gives, whichever reader read it: the data with each node's position,
and plain scalars resolved as YAML 1.2's core schema reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

PathKey = tuple[str | int, ...]

NULL = {"", "~", "null", "Null", "NULL"}
TRUE = {"true", "True", "TRUE"}
FALSE = {"false", "False", "FALSE"}
INT = re.compile(r"[-+]?[0-9]+\Z")
OCT = re.compile(r"0o[0-7]+\Z")
HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
NAN = re.compile(r"\.(nan|NaN|NAN)\Z")


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar as YAML 1.2's core schema reads it."""
    if text in NULL:
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    if INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (4,300): too large anyway
            return text
    if OCT.match(text):
        return int(text[2:], 8)
    if HEX.match(text):
        return int(text[2:], 16)
    if FLOAT.match(text):
        return float(text)
    if INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if NAN.match(text):
        return float("nan")
    return text


@dataclass
class YamlDocument:
    """Plain Python data plus where each value (and each mapping key) stands."""

    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    refused: set[PathKey] = field(default_factory=set)  # nodes dropped with a problem

    def position(self, path: PathKey, *, key: bool = False) -> tuple[int, int] | None:
        """Where the value at `path` (or its key) stands; None if there is no such node."""
        return (self.key_positions if key else self.positions).get(path)

    def where(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), else of its nearest ancestor."""
        found = self.position(path, key=key)
        while found is None and path:
            path = path[:-1]
            found = self.position(path)
        return found or (1, 1)
