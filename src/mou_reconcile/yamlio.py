"""Safe YAML reading that keeps every node's position.

PyYAML's own constructors are not used: they silently keep the last of duplicate keys,
resolve scalars the YAML 1.1 way (`NO` -> False, `1e3` -> '1e3', `0755` -> 493) and expand
aliases. Instead the document is composed by libyaml (fast, shared nodes, no construction)
and walked once here, which gives YAML 1.2 core-schema scalars, refuses aliases, merge keys
and exotic tags, reports every duplicate key, and records 1-based positions by path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from mou_reconcile import problems as P
from mou_reconcile.problems import Problem

PathKey = tuple[str | int, ...]

MAX_DEPTH = 64  # claims files are four levels deep; far deeper input is a mistake or an attack

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ComposeOnly(_Base):  # type: ignore[misc]
    """libyaml composer with no implicit resolvers: every plain scalar arrives tagged str,
    so any other tag on a scalar was written explicitly by the author."""

    yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALAR_TAGS = {_STR, *(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))}

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar as YAML 1.2's core schema reads it."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


@dataclass
class YamlDocument:
    """Plain Python data plus where each value (and each mapping key) stands."""

    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    refused: set[PathKey] = field(default_factory=set)  # nodes dropped with a problem

    def where(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), else of its nearest ancestor."""
        table = self.key_positions if key else self.positions
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.positions:
                return self.positions[path]
        return (1, 1)


class _Walker:
    def __init__(self, display: str) -> None:
        self.display = display
        self.doc = YamlDocument(None)
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliases = 0

    def problem(self, code: P.Code, pos: tuple[int, int], message: str,
                hint: str | None = None, path: PathKey | None = None) -> None:
        if path is not None:
            self.doc.refused.add(path)
        self.problems.append(Problem.of(code, self.display, pos[0], pos[1], message, hint))

    def walk(self, node: yaml.Node, path: PathKey, depth: int, at: tuple[int, int]) -> Any:
        pos = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self.seen:
            # libyaml hands an alias back as the very node it names: a second visit is one.
            # Report the first only: a "billion laughs" file has thousands.
            self.aliases += 1
            if self.aliases == 1:
                self.problem(P.YAML_ALIAS, at, "YAML aliases are not allowed in a claims file",
                             "write the value out in full", path)
            else:
                self.doc.refused.add(path)
            return None
        self.seen.add(id(node))
        self.doc.positions[path] = pos
        if depth > MAX_DEPTH:
            self.problem(P.LIMIT, pos, f"nesting deeper than {MAX_DEPTH} levels", path=path)
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pos, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(P.YAML_ALIAS, pos, f"tag {node.tag!r} is not allowed", path=path)
                return None
            return [self.walk(item, (*path, i), depth + 1, pos)
                    for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, path, depth, pos)

    def scalar(self, node: yaml.ScalarNode, pos: tuple[int, int], path: PathKey) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.problem(P.YAML_ALIAS, pos, f"tag {node.tag!r} is not allowed",
                         "remove the tag; claims files hold plain values", path)
            return None
        if node.style:  # quoted or block scalar: always a string, as in every YAML version
            value: Any = node.value
        else:
            value = resolve_plain(node.value)
        if node.tag != _STR:  # an explicit !!int, !!float, !!bool or !!null
            want = node.tag.rsplit(":", 1)[1]
            kinds: dict[str, Any] = {"int": int, "float": (int, float), "bool": bool,
                                     "null": type(None)}
            if not isinstance(value, kinds[want]) or (want == "int" and isinstance(value, bool)):
                self.problem(P.WRONG_TYPE, pos, f"{node.value!r} is not a valid !!{want}",
                             path=path)
                return None
        return value

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int,
                pos: tuple[int, int]) -> Any:
        if node.tag != _MAP:
            self.problem(P.YAML_ALIAS, pos, f"tag {node.tag!r} is not allowed", path=path)
            return None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(P.WRONG_TYPE, kpos, "mapping keys must be plain names")
                continue
            if key_node.value == "<<" and not key_node.style:
                self.problem(P.YAML_ALIAS, kpos, "merge keys (<<) are not allowed",
                             "write the fields out in full")
                continue
            key = key_node.value if key_node.style else resolve_plain(key_node.value)
            if key in result:
                first = self.doc.key_positions.get((*path, key), kpos)
                self.problem(P.DUPLICATE_KEY, kpos,
                             f"duplicate key {key!r} (first at line {first[0]});"
                             " YAML would silently keep only this one",
                             "remove or rename one of the two")
                continue
            self.doc.key_positions[(*path, key)] = kpos
            result[key] = self.walk(value_node, (*path, key), depth + 1, kpos)
        return result


def load_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` (the contents of `display`). Returns None with problems if unusable."""
    try:
        loader = _ComposeOnly(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        lines = text.splitlines()
        bad_line = lines[line - 1] if line <= len(lines) else ""
        hint = ("YAML indentation must use spaces, not tabs"
                if "\t" in bad_line[:col] else None)
        return None, [Problem.of(P.YAML_SYNTAX, display, line, col, what, hint)]
    except yaml.YAMLError as exc:  # reader errors (control characters) and the like
        index = getattr(exc, "position", 0) or 0  # ReaderError: a character index
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return None, [Problem.of(P.YAML_SYNTAX, display, line, col, str(exc).splitlines()[0])]
    except RecursionError:
        return None, [Problem.of(P.LIMIT, display, 1, 1, "the document is nested too deeply")]
    if root is None:
        return YamlDocument(None), []
    walker = _Walker(display)
    walker.doc.data = walker.walk(root, (), 0, (1, 1))
    return walker.doc, walker.problems
