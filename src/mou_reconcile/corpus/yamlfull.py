"""The full YAML reader: any YAML, safely, keeping every node's position.

PyYAML's own constructors are not used: they silently keep the last of duplicate keys,
resolve scalars the YAML 1.1 way (`NO` -> False, `1e3` -> '1e3', `0755` -> 493) and expand
aliases. Nor is PyYAML's composer: with libyaml it recurses in C and a deeply nested file crashes
the interpreter. Instead libyaml's event stream (a state machine, no recursion) is folded
into plain data here with an explicit stack: YAML 1.2 core-schema scalars, aliases, merge
keys and exotic tags refused, every duplicate key reported, nesting capped, and 1-based
positions recorded by path.

libyaml's scanner does work per open flow level for every token, so deep `[[[[...` input is
quadratic (100,000 levels: half a minute) if scanned to the end. It scans lazily, one event
at a time and at most a line (1,024 characters) ahead, so reading stops at 4 times the
depth limit: the cost is bounded whatever follows.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from mou_reconcile import problems as P
from mou_reconcile.corpus import limits
from mou_reconcile.corpus.yamldoc import INF, INT, NAN, PathKey, YamlDocument, resolve_plain
from mou_reconcile.problems import Problem

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

_STR = "tag:yaml.org,2002:str"
_EXPLICIT = {f"tag:yaml.org,2002:{t}": t for t in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}

_KEY = object()  # marks a mapping waiting for its next key
_DROP = object()  # a refused or duplicate key: its value is read and dropped (None is a key)


@dataclass
class _Frame:
    path: PathKey
    data: Any  # dict or list
    key: Any = _KEY  # for mappings: the key whose value comes next


class _Builder:
    """Folds parser events into data. `skip` > 0 while inside a subtree being dropped."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.doc = YamlDocument(None)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.skip = 0
        self.aliases = 0
        self.documents = 0
        self.done = False
        self.max_depth = limits.value(limits.DEPTH)
        self.deep = False  # reading stopped at 4 times the depth limit

    def problem(self, code: P.Code, pos: tuple[int, int], message: str,
                hint: str | None = None, path: PathKey | None = None) -> None:
        if path is not None:
            self.doc.refused.add(path)
        self.problems.append(Problem.of(code, self.display, pos[0], pos[1], message, hint))

    def feed(self, event: Any) -> None:
        if self.skip:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.skip += 1
                if len(self.stack) + self.skip > 4 * self.max_depth:
                    self.deep = self.done = True
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.skip -= 1
            return
        pos = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(P.YAML_SYNTAX, pos, "a claims file holds one YAML document, and"
                             " this is a second one", "remove the `---` and what follows")
                self.done = True
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.place(frame.data, frame.path)
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent,
                                yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.node(event, pos)

    def node(self, event: Any, pos: tuple[int, int]) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.data, dict) and parent.key is _KEY:
            self.key(event, pos, parent)
            return
        path = self.child_path(parent)
        self.doc.positions[path] = pos
        if isinstance(event, yaml.AliasEvent):
            # Report the first alias only: a "billion laughs" file has thousands.
            self.aliases += 1
            self.doc.refused.add(path)
            if self.aliases == 1:
                self.problem(P.YAML_ALIAS, pos, "YAML aliases are not allowed in a claims file",
                             "write the value out in full", path)
            self.place(None, path)
        elif isinstance(event, yaml.ScalarEvent):
            self.place(self.scalar(event, pos, path), path)
        else:
            if event.tag not in _COLLECTION_TAGS:
                self.problem(P.YAML_ALIAS, pos, f"tag {event.tag!r} is not allowed", path=path)
                self.skip = 1
                self.place(None, path)
            elif len(self.stack) >= self.max_depth:
                self.problem(P.LIMIT, pos, f"nesting deeper than {self.max_depth} levels",
                             limits.raise_hint(limits.DEPTH), path=path)
                self.skip = 1
                self.place(None, path)
            else:
                data: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                self.stack.append(_Frame(path, data))

    def child_path(self, parent: _Frame | None) -> PathKey:
        if parent is None:
            return ()
        if isinstance(parent.data, list):
            return (*parent.path, len(parent.data))
        return (*parent.path, parent.key)

    def place(self, value: Any, path: PathKey) -> None:
        """Put a finished value into its parent (or make it the document)."""
        if not self.stack:
            self.doc.data = value
            return
        parent = self.stack[-1]
        if isinstance(parent.data, list):
            parent.data.append(value)
        else:
            if parent.key is not _DROP:
                parent.data[parent.key] = value
            parent.key = _KEY

    def key(self, event: Any, pos: tuple[int, int], parent: _Frame) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(P.WRONG_TYPE, pos, "mapping keys must be plain names")
            parent.key = _DROP  # the value that follows is dropped
            if not isinstance(event, yaml.AliasEvent):
                self.skip = 1
            return
        if event.value == "<<" and event.implicit[0]:
            self.problem(P.YAML_ALIAS, pos, "merge keys (<<) are not allowed",
                         "write the fields out in full")
            parent.key = _DROP
            return
        plain = event.implicit[0] and event.tag is None  # `!` forces a string (as below)
        key = resolve_plain(event.value) if plain else event.value
        if key is None:
            # A null key (`null`, `~`, empty) means nothing in a claims file: kept as its text,
            # so validation names it as an unknown field at its own line, not the mapping's.
            key = event.value
        if key in parent.data or (parent.key is not _KEY):
            first = self.doc.key_positions.get((*parent.path, key), pos)
            self.problem(P.DUPLICATE_KEY, pos, f"duplicate key {key!r} (first at line"
                         f" {first[0]}); YAML would silently keep only this one",
                         "remove or rename one of the two")
            parent.key = _DROP
            return
        self.doc.key_positions[(*parent.path, key)] = pos
        parent.key = key

    def scalar(self, event: Any, pos: tuple[int, int], path: PathKey) -> Any:
        plain, tag = event.implicit[0], event.tag
        # The non-specific tag `!` makes a scalar a string (spec 6.28: `! 12` is "12"),
        # though libyaml marks it plain-implicit.
        if plain and tag is None:
            return self.in_range(resolve_plain(event.value), event.value, pos, path)
        if tag in (None, "!", _STR) or event.style:
            if tag not in (None, "!", _STR):
                self.problem(P.YAML_ALIAS, pos, f"tag {tag!r} is not allowed", path=path)
                return None
            return event.value
        want = _EXPLICIT.get(tag)
        if want is None:
            self.problem(P.YAML_ALIAS, pos, f"tag {tag!r} is not allowed",
                         "remove the tag; claims files hold plain values", path)
            return None
        value = self.in_range(resolve_plain(event.value), event.value, pos, path)
        if value is None and path in self.doc.refused:
            return None
        kinds: dict[str, Any] = {"int": int, "float": (int, float), "bool": bool,
                                 "null": type(None)}
        if not isinstance(value, kinds[want]) or (want == "int" and isinstance(value, bool)):
            self.problem(P.WRONG_TYPE, pos, f"{_shown(event.value)} is not a valid !!{want}",
                         path=path)
            return None
        return value

    def in_range(self, value: Any, text: str, pos: tuple[int, int], path: PathKey) -> Any:
        """The value, unless it is a number no comparison can use: one beyond what a float
        holds (MR110), or .inf and .nan (MR109), which no field of a claims file means and
        strict JSON cannot carry. Such a number is reported and read as null."""
        if isinstance(value, float) and (INF.match(text) or NAN.match(text)):
            self.problem(P.INVALID_VALUE, pos, f"{text} is not a finite number", path=path)
            return None
        if isinstance(value, str) and INT.match(value):  # left as text: too many digits
            self.problem(P.LIMIT, pos, f"{_shown(text)} has more than 4,300 digits", path=path)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        if abs(value) <= sys.float_info.max:  # False for 1e400 read as inf
            return value
        self.problem(P.LIMIT, pos, f"{_shown(text)} is too large a number (the largest is"
                     " about 1.8e308)", path=path)
        return None


def _shown(text: str) -> str:
    """A scalar quoted for a message, shortened if long."""
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}... ({len(text):,} characters)"


def read_full(text: str, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` (the contents of `display`) from libyaml's events. Returns None with
    problems if unusable."""
    builder = _Builder(display)
    try:
        _fold(builder, text)
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_TOO_DEEP in str(exc.problem):
            return None, _too_deep(exc, text, display)
        return None, [_syntax_problem(exc, text, display)]
    except yaml.YAMLError as exc:  # reader errors (control characters) and the like
        index = getattr(exc, "position", 0) or 0  # ReaderError: a character index
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return None, [Problem.of(P.YAML_SYNTAX, display, line, col, str(exc).splitlines()[0])]
    if builder.documents > 1:  # not one claims file: nothing further can be trusted
        return None, builder.problems[-1:]
    if builder.deep:  # read only in part
        return None, builder.problems
    return builder.doc, builder.problems


def _fold(builder: _Builder, text: str) -> None:
    """Feed `text`'s events to `builder` until it is done; libyaml's errors propagate."""
    parser = _Parser(text)
    try:
        while not builder.done and parser.check_event():
            builder.feed(parser.get_event())
    finally:
        parser.dispose()


# libyaml (as bundled since PyYAML 6.0.4) refuses nesting past its own level (1,000) while
# scanning, up to a line ahead of the events: often before the builder sees one too deep.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _too_deep(exc: yaml.MarkedYAMLError, text: str, display: str) -> list[Problem]:
    """MR110 for libyaml's own depth refusal, as an older libyaml reading on would give it:
    the text before the refused character read again (it nests no deeper than libyaml
    allows) finds the builder's own limit there; only a limit raised beyond libyaml's is
    reported at libyaml's mark."""
    mark = exc.problem_mark
    index = mark.index if mark is not None else len(text)  # a character index
    builder = _Builder(display)
    with contextlib.suppress(yaml.YAMLError):  # the prefix ends inside open collections
        _fold(builder, text[:index])
    if any(p.code == P.LIMIT.code for p in builder.problems):
        return builder.problems
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return [*builder.problems, Problem.of(
        P.LIMIT, display, line, col, "nesting deeper than the YAML parser (libyaml) reads",
        "nest fewer lists and mappings; this limit cannot be raised")]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
    lines = text.splitlines()
    bad_line = lines[line - 1] if line <= len(lines) else ""
    hint = "YAML indentation must use spaces, not tabs" if "\t" in bad_line[:col] else None
    return Problem.of(P.YAML_SYNTAX, display, line, col, what, hint)
