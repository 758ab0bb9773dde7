"""A fast reader for the plain block YAML that claims files are written in.

libyaml emits a Python event object (with two marks) for every scalar, so reading a
100,000-claim file that way costs more than everything else `check` does. Most claims files
use a small part of YAML: block mappings and sequences, one-line scalars (plain, 'single'
or "double" quoted) and one-line flow lists and mappings of scalars. This module reads that
part line by line. A value beyond it (a block scalar, a multi-line or tagged one, nested
flow) is read the full way on its own lines; and anything that could be a problem (tabs,
CR line ends, control characters, duplicate keys, aliases, odd indentation, nesting past the
limit, an unreadable value) makes it give up (None): `yamlio.load_yaml` then reads the
whole file the full way (yamlfull.py), which also reports every problem. So this reader
never has to be right about broken input, only about the input it accepts: there it must
give the same data as the full reader (tests/unit/test_yamlfast.py checks that against
libyaml, tests/unit/test_yaml_differential.py against the full reader).

Positions are recorded for the top-level keys and each item of a top-level list (the
places every command points at). A deeper position, wanted only for a problem inside an
item, comes from reading that item's own lines the full way.
"""

from __future__ import annotations

import re
from typing import Any

from mou_reconcile.corpus import limits
from mou_reconcile.corpus.yamldoc import PathKey, YamlDocument
from mou_reconcile.corpus.yamlscalars import NOT_KEYS, Unsupported, read_plain, read_value

# Characters that send a file to the full reader: tab, CR and other line breaks, BOM,
# control and non-characters libyaml refuses or treats specially. A pattern string, compiled
# (and cached by `re`) the first time a file is not all ASCII: most are.
_ODD_CHARS = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
_ASCII_FINE = bytes(range(0x20, 0x7F)) + b"\n"  # the ASCII characters not in _ODD_CHARS
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*):(?: +|$)")
# The commonest line of a claims file in one match: an indented `key: value` whose value is
# a "double-quoted" string without escapes, plain ASCII words or plain digits (which
# `read_plain` reads without declining). Anything else (comments, other quotes, flow, ':' or '#'
# in a plain value, signs, non-ASCII plain text) fails to match and goes the general way.
_SIMPLE = re.compile(r'( +)([A-Za-z_][A-Za-z0-9_.-]*): +("([^"\\]*)"'
                     r"|([A-Za-z][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*|[0-9]{1,299})) *\Z")
_MAX_DEPTH = 16  # deeper files are left to the full reader


def _hard(lines: list[str], number: int, start: int, indent: int,
          display: str) -> tuple[Any, int]:
    """A value this reader does not read itself (a block scalar, a multi-line or tagged
    one...), read the full way: its line from column `start` (the key, or the `-` of a list
    item) and every line up to the next one that starts something else (text, not a
    comment, indented no further than `indent`) or the end of the file. Returns the
    one-entry mapping or list read, and the last line used.

    The part is the file's own text there, every line whole: comment lines at any indent
    (between the lines of a plain scalar they make the file invalid), trailing blank and
    spaces-only lines (a `|+` scalar keeps them, a more-indented one is content) and the
    end of the file as it is (no final newline: none in the value either)."""
    from mou_reconcile.corpus.yamlfull import read_full

    end = number + 1
    while end < len(lines):
        text = lines[end]
        stripped = text.lstrip(" ")
        if stripped and stripped[0] != "#" and len(text) - len(stripped) <= indent:
            break
        end += 1
    part = "\n".join([" " * start + lines[number][start:], *lines[number + 1:end]])
    if end < len(lines):
        part += "\n"  # the file's line break before the line that ends the part
    doc, problems = read_full(part, display)
    if doc is None or problems or not isinstance(doc.data, (dict, list)) or len(doc.data) != 1:
        raise Unsupported
    return doc.data, end - 1


def _fits(value: Any, held: int, limit: int) -> Any:
    """`value`, unless with the `held` collections around it it nests deeper than `limit`
    (the full reader reports that)."""
    if isinstance(value, (list, dict)) and held + _depth(value) > limit:
        raise Unsupported
    return value


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


class _Frame:
    __slots__ = ("data", "indent", "path")

    def __init__(self, indent: int, data: Any, path: PathKey) -> None:
        self.indent, self.data, self.path = indent, data, path


class FastDocument(YamlDocument):
    """A document read by this module: exact positions for the top-level keys and the
    items of top-level lists; deeper ones by reading the item's lines the full way."""

    def __init__(self, data: Any, lines: list[str], display: str) -> None:
        super().__init__(data)
        self._lines = lines
        self._display = display
        self._spans: dict[PathKey, tuple[int, int]] = {}  # item -> (first line, end line)
        self._items: dict[PathKey, YamlDocument | None] = {}
        self._block: set[Any] = set()  # top-level keys holding block collections
        self._flow: set[Any] = set()  # and those holding others (flow, multi-line)

    def _item(self, path: PathKey) -> tuple[PathKey, YamlDocument | None, int]:
        """The document to ask for `path` (None: this one), the path in it, its first line.
        A path inside a top-level list item is asked of the item's lines read alone."""
        if len(path) < 2 or (len(path) == 2 and (path[0] in self._block or path[0] not in
                                                     self._flow)):
            return path, None, 0
        head = path[:2]
        span = self._spans.get(head)
        if span is None:  # inside a flow or nested collection (a wrongly shaped file)
            if path[0] not in self._flow:
                return path, None, 0
            span, head = (0, len(self._lines)), ()
        if head not in self._items:
            from mou_reconcile.corpus.yamlfull import read_full

            snippet = "\n".join(self._lines[span[0]:span[1]]) + "\n"
            self._items[head], _ = read_full(snippet, self._display)
        if self._items[head] is None:
            return path, None, 0
        inner = path if head == () else (0, *path[2:])
        return inner, self._items[head], span[0]

    def position(self, path: PathKey, *, key: bool = False) -> tuple[int, int] | None:
        inner, doc, first = self._item(path)
        if doc is None:
            return super().position(path, key=key)
        found = doc.position(inner, key=key)
        return None if found is None else (found[0] + first, found[1])


def read_fast(text: str, display: str) -> FastDocument | None:
    """The document, or None when `text` uses YAML beyond this reader (see the module)."""
    if _odd_chars(text):
        return None
    lines = text.split("\n")
    try:
        return _read(lines, display)
    except (Unsupported, RecursionError):
        return None


def _odd_chars(text: str) -> bool:
    """Whether `text` holds one of _ODD_CHARS."""
    if text.isascii():
        # The bytes left once the fine ones are deleted: C speed, where the regex tests
        # each character against its class (a tenth of the reading time).
        return bool(text.encode("ascii").translate(None, _ASCII_FINE))
    return re.search(_ODD_CHARS, text) is not None


def _read(lines: list[str], display: str) -> FastDocument:
    """Read every line once, keeping a stack of the open collections. Long because it is
    the hot loop of reading a claims file (one pass over 2 million lines at 100,000
    claims), where a function call per line would cost a tenth of the reading time."""
    root: dict[str, Any] = {}
    doc = FastDocument(root, lines, display)
    positions, key_positions, spans = doc.positions, doc.key_positions, doc._spans
    stack: list[_Frame] = []
    # A key whose value is on the following lines: (mapping frame, key, the key's indent).
    pending: tuple[_Frame, str, int] | None = None
    open_item: PathKey | None = None  # the top-level list item being read
    item_start = 0  # and its first line
    # The last scalar read from its line: (line, column, indent, container, key or index).
    last: tuple[int, int, int, Any, Any] | None = None
    depth_at = 0  # and how many collections held it
    limit = min(_MAX_DEPTH, limits.value(limits.DEPTH))
    done = -1  # the last line a multi-line value used
    for number, line in enumerate(lines):
        if number <= done:
            continue
        simple = _SIMPLE.match(line)
        if simple is not None and pending is None and stack:
            # A key of the mapping being read (same indent, no pop): the general path below
            # would do just this, only with more steps.
            top = stack[-1]
            data = top.data
            name = simple.group(2)
            indent = simple.end(1)
            if (top.indent == indent and type(data) is dict and name not in data
                    and name not in NOT_KEYS):
                if len(top.path) < 2:
                    path = (*top.path, name)
                    key_positions[path] = (number + 1, indent + 1)
                    positions[path] = (number + 1, simple.start(3) + 1)
                quoted = simple.group(4)
                data[name] = quoted if quoted is not None else read_plain(simple.group(5))
                last = (number, indent, indent, data, name)
                depth_at = len(stack)
                continue
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        dash = stripped[0] == "-" and (len(stripped) == 1 or stripped[1] == " ")
        if indent == 0:
            if stripped.startswith(("---", "...", "%")):
                raise Unsupported
            if not stack:  # the first line: the document is a mapping
                if dash:
                    raise Unsupported
                stack.append(_Frame(0, root, ()))
                positions[()] = (number + 1, 1)
            if open_item is not None and not dash:
                spans[open_item] = (item_start, number)
                open_item = None
        elif not stack:
            raise Unsupported
        if pending is not None:
            holder, name, at = pending
            pending = None
            data = None
            if dash and indent >= at:
                data = []
            elif indent > at and not dash:
                data = {}
            if data is not None:
                holder.data[name] = data
                path = (*holder.path, name)
                if len(path) <= 2:
                    positions[path] = (number + 1, indent + 1)
                if len(path) == 1:
                    doc._block.add(name)
                if len(stack) >= limit:
                    raise Unsupported
                stack.append(_Frame(indent, data, path))
        top = stack[-1]
        while top.indent > indent or (top.indent == indent and not dash
                                      and type(top.data) is list):
            stack.pop()
            if not stack:
                raise Unsupported
            top = stack[-1]
        if top.indent != indent:
            if last is None or indent <= last[2]:
                raise Unsupported
            # The line goes on the scalar above (a multi-line plain scalar): read it again.
            at, start, key_indent, holder, slot = last
            value, done = _hard(lines, at, start, key_indent, display)
            holder[slot] = _fits(value[0 if type(value) is list else slot], depth_at, limit)
            last = None
            continue
        last = None
        if dash:
            if type(top.data) is not list:
                raise Unsupported
            rest = stripped[2:].lstrip(" ")
            if not rest or rest[0] == "#":
                raise Unsupported  # an item on the following lines
            col = indent + len(stripped) - len(rest)
            index = len(top.data)
            if not top.path[1:]:  # an item of a top-level list
                item_path = (*top.path, index)
                if open_item is not None:
                    spans[open_item] = (item_start, number)
                open_item, item_start = item_path, number
                positions[item_path] = (number + 1, col + 1)
            key = _KEY.match(rest)
            if key is None:
                if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                    raise Unsupported
                try:
                    top.data.append(_fits(read_value(rest), len(stack), limit))
                    last = (number, indent, indent, top.data, index)
                    depth_at = len(stack)
                except Unsupported:
                    value, done = _hard(lines, number, indent, indent, display)
                    top.data.append(_fits(value[0], len(stack), limit))
                continue
            mapping: dict[str, Any] = {}
            top.data.append(mapping)
            if len(stack) >= limit:
                raise Unsupported
            top = _Frame(col, mapping, (*top.path, index))
            stack.append(top)
            stripped, indent = rest, col
        elif type(top.data) is not dict:
            raise Unsupported
        else:
            key = _KEY.match(stripped)
            if key is None:
                raise Unsupported
        name = key.group(1)
        data = top.data
        if name in data or name in NOT_KEYS:
            raise Unsupported
        rest = stripped[key.end():]
        shallow = len(top.path) < 2  # positions are kept for depth <= 2 only
        if shallow:
            key_positions[(*top.path, name)] = (number + 1, indent + 1)
        if not rest or rest[0] == "#":
            data[name] = None  # unless lines follow: see `pending`
            pending = (top, name, indent)
            if shallow:  # an empty value stands right after its colon
                positions[(*top.path, name)] = (number + 1, indent + len(name) + 2)
            continue
        if shallow:
            positions[(*top.path, name)] = (number + 1, indent + key.end() + 1)
        try:
            value = read_value(rest)
            last = (number, indent, indent, data, name)
            depth_at = len(stack)
        except Unsupported:
            value, done = _hard(lines, number, indent, indent, display)
            value = value[name]
        if type(value) is list or type(value) is dict:
            _fits(value, len(stack), limit)
            if not top.path:
                doc._flow.add(name)
        data[name] = value
    if not stack:
        raise Unsupported  # no content at all: the full reader says so
    if open_item is not None:
        spans[open_item] = (item_start, len(lines))
    return doc
