"""A story's claims file as text, for the commands that write it: the file `init` starts a
story with, and new `sources:` entries added by `add` without disturbing anything else.

Adding is line-based: the entries go after the last line of the `sources:` section (or
replace `sources: []`), in the list's own indentation and line endings, so comments, blank
lines, key order and quoting stay as the curator wrote them. The result is read again with
the project's own YAML reader and must give the same data with the new entries at the end
of `sources`; else nothing is written (CannotEdit).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mou_reconcile.corpus.yamlio import load_yaml

SCHEMA_NAME = "claims.schema.json"

HEADER = """\
# yaml-language-server: $schema={schema}
# The claims about one story, read by mou-reconcile (format version 1: claims-format.md).
# Run `mou-reconcile check` on this folder after each change.
#
# sources: one entry per article, its text saved under articles/ (a path from this folder).
#   `mou-reconcile add PAGE` adds a saved web page, a URL or a .txt file for you.
# entities: everything a claim names (people, organisations, places, events),
#   with each spelling the articles use listed under `aliases`.
# properties: what the claims state about an entity, each with its type:
#   count, number, entity, text or date.
# claims: one source's value for one `subject.property`, with the article's own words as
#   `quote`; `mou-reconcile extract SOURCE` lists an article's figures as claim stubs.
version: 1

sources: []

entities: []

properties: []

claims: []
"""

STOPWORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "as", "and", "or", "for", "with",
             "by", "from", "is", "are", "was", "were", "be", "after", "over", "into"}
ID_WORDS = 5
ID_CHARS = 40
# Plain (unquoted) ids that YAML would read as something else than a string.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 .&'-]*[A-Za-z0-9.]")
_NOT_PLAIN = re.compile(r"(?i)(true|false|null|yes|no|on|off|y|n|~)\Z|[0-9._-]*\Z")


class CannotEdit(Exception):
    """The claims file cannot be changed safely; the message says why."""


def installed_schema() -> Path | None:
    """The JSON Schema shipped with the package (a source checkout: its docs/ folder)."""
    from mou_reconcile.corpus.locate import shipped_file

    return shipped_file(f"docs/{SCHEMA_NAME}", f"docs/{SCHEMA_NAME}")


def schema_reference(folder: Path) -> str:
    """The installed schema as the modeline names it: relative to the claims file's folder,
    as README "Editor completion" says (absolute where no relative path exists)."""
    schema = installed_schema()
    if schema is None:  # write it with `mou-reconcile schema --output claims.schema.json`
        return SCHEMA_NAME
    try:
        return Path(os.path.relpath(schema, folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return schema.as_uri()


def new_claims_text(schema: str) -> str:
    return HEADER.format(schema=" ".join(schema.split()))


# --- ids ----------------------------------------------------------------------------------


def _ascii_words(text: str | None) -> list[str]:
    if not text:
        return []
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain.replace("'", ""))


def _cut(words: list[str]) -> str:
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > ID_CHARS:
            break
        out = joined
    return out or (words[0][:ID_CHARS] if words else "")


def _host_name(host: str | None) -> str:
    labels = [label for label in (host or "").lower().split(".") if label]
    while len(labels) > 2 and labels[0] in ("www", "m", "amp", "edition", "news"):
        labels = labels[1:]
    return labels[0] if len(labels) > 1 else ""


def make_id(site: str | None, title: str | None, host: str | None, taken: set[str]) -> str:
    """An id from the site's name (else its host), then the title's first words, made
    unique against `taken`: `coastal-post`, `coastal-post-eleven-hurt-fire-hits`, `...-2`."""
    base = _cut(_ascii_words(site)) or _cut(_ascii_words(_host_name(host)))
    words = _cut([w for w in _ascii_words(title) if w not in STOPWORDS][:ID_WORDS])
    candidates = [c for c in (base, f"{base}-{words}" if base and words else words) if c]
    for candidate in candidates or ["article"]:
        if candidate not in taken:
            return candidate
    last = (candidates or ["article"])[-1]
    number = 2
    while f"{last}-{number}" in taken:
        number += 1
    return f"{last}-{number}"


# --- the entries --------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSource:
    id: str
    file: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        fields = {"id": self.id, "file": self.file, "title": self.title,
                  "outlet": self.outlet, "published": self.published, "url": self.url}
        return {k: v for k, v in fields.items() if v is not None}

    def lines(self, indent: str) -> list[str]:
        out = []
        for n, (key, value) in enumerate(self.as_dict().items()):
            if key == "published" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                shown = value  # as the format's examples write dates
            elif _plain_ok(value) if key in ("id", "file") else key == "outlet" and \
                    _NAME.fullmatch(value) is not None and _NOT_PLAIN.match(value) is None:
                shown = value
            else:
                shown = quoted(value)
            out.append(f"{indent}{'- ' if n == 0 else '  '}{key}: {shown}")
        return out


def _plain_ok(value: str) -> bool:
    return re.fullmatch(r"[a-z0-9][a-z0-9._/-]*", value) is not None and \
        _NOT_PLAIN.match(value) is None


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: readable text, escapes for what is not printable."""
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() or char == " ":
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


# --- editing ------------------------------------------------------------------------------

def _key(section: str) -> re.Pattern[str]:
    return re.compile(section + r"[ \t]*:(?=[ \t\r\n]|\Z)")


_SOURCES_KEY = _key("sources")
_EMPTY_VALUE = re.compile(r"[ \t]*(\[[ \t]*\]|null|~)?[ \t]*(#.*)?\Z")
_ITEM = re.compile(r"([ \t]*)-(?:[ \t]|\Z)")


def _newline(text: str) -> str:
    first = re.search(r"\r\n|\n|\r", text)
    return first.group(0) if first else "\n"


def _section_end(lines: list[str], start: int) -> int:
    """The index of the last line of the section whose key is lines[start]: indented lines
    and a list at column 0 belong to it; a comment at column 0 only if content follows."""
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and line[0] not in " \t"):
            continue
        if line[0] in " \t" or _ITEM.match(line):
            last = index
            continue
        break
    return last


def with_sources(text: str, entries: list[NewSource]) -> str:
    """`text` with `entries` at the end of its `sources:` list. Raises CannotEdit."""
    return with_items(text, "sources", lambda indent: _entries(entries, indent),
                      [e.as_dict() for e in entries])


def with_items(text: str, section: str, make: Callable[[str], list[str]],
               expected: list[dict[str, Any]]) -> str:
    """`text` with the lines `make(indent)` gives at the end of the top-level list
    `section`, which must then read as the old list plus `expected`. Raises CannotEdit."""
    doc, problems = load_yaml(text, "claims file")
    if doc is None or problems or not isinstance(doc.data, dict):
        raise CannotEdit("it does not read as a YAML mapping")
    newline = _newline(text)
    lines = text.splitlines(keepends=True)
    at = doc.position((section,), key=True)
    if at is None:
        lines = _add_section(lines, section, newline)
        lines += [line + newline for line in make("  ")]
    else:
        lines = _add_to_section(lines, section, at, make, newline)
    new = "".join(lines)
    _verify(doc.data, new, section, expected)
    return new


def _entries(entries: list[NewSource], indent: str) -> list[str]:
    return [line for entry in entries for line in entry.lines(indent)]


def _add_section(lines: list[str], section: str, newline: str) -> list[str]:
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    return [*lines, newline, f"{section}:" + newline]


def _add_to_section(lines: list[str], section: str, at: tuple[int, int],
                    make: Callable[[str], list[str]], newline: str) -> list[str]:
    row, col = at
    start = row - 1
    key = _key(section)
    if col != 1 or start >= len(lines) or not key.match(lines[start]):
        raise CannotEdit(f"its `{section}:` key is not at the start of a line")
    key_line = lines[start]
    body = key_line.rstrip("\r\n")
    ending = key_line[len(body):]
    rest = body[key.match(body).end():]  # type: ignore[union-attr]
    empty = _EMPTY_VALUE.fullmatch(rest)
    if empty is None:
        raise CannotEdit(f"its `{section}:` value is on the key's line (a list written as "
                         f"[...]?); write it as a block list: `{section}:`, then one "
                         "`  - ...` entry a line")
    indent = "  "
    if empty.group(1):  # `sources: []`: an empty list becomes a block list
        comment = f"  {empty.group(2)}" if empty.group(2) else ""
        lines[start] = f"{section}:" + comment + (ending or newline)
        end = start
    else:
        end = _section_end(lines, start)
        items = (_ITEM.match(line) for line in lines[start + 1:end + 1])
        indent = next((m.group(1) for m in items if m), indent)
        if not lines[end].endswith(("\n", "\r")):
            lines[end] += newline
    new = [line + newline for line in make(indent)]
    return lines[:end + 1] + new + lines[end + 1:]


def _verify(before: dict[str, Any], text: str, section: str,
            expected_items: list[dict[str, Any]]) -> None:
    doc, problems = load_yaml(text, "claims file")
    if doc is None or problems or not isinstance(doc.data, dict):
        raise CannotEdit("the edited file would not read as YAML")
    after = doc.data
    expected = dict(before)
    expected[section] = [*(before.get(section) or []), *expected_items]
    if repr(after) != repr(expected):  # repr: 1 is not 1.0 or True, and nan is nan
        raise CannotEdit(f"the edited file would not read as the old one plus the new "
                         f"{section}")
