"""Loading a claims file and its articles into a Corpus, collecting every problem on the way.

Each entry is validated on its own, so one broken claim never hides the problems of the
others; entries that fail are reported and left out, and their ids are remembered so that
references to them do not cascade into a second, misleading error.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from mou_reconcile import problems as P
from mou_reconcile import progress
from mou_reconcile.corpus import limits, paths
from mou_reconcile.corpus.models import SECTIONS, Claim, Entity, Property, Resolution, Source
from mou_reconcile.corpus.yamldoc import PathKey, YamlDocument
from mou_reconcile.corpus.yamlio import load_yaml
from mou_reconcile.problems import Problem
from mou_reconcile.text.article import Article

SINGULAR = {"sources": "source", "entities": "entity", "properties": "property",
            "claims": "claim", "resolutions": "resolution",
            "not_curated": "not_curated entry"}
REQUIRED_SECTIONS = ("sources", "claims")

# Each model's validator, called directly: TypeAdapter.validate_python would add a layer of
# Python calls per entry.
_VALIDATE = {name: TypeAdapter(model).validator.validate_python
             for name, model in SECTIONS.items()}


class UnreadableInput(Exception):
    """The claims file cannot be read at all (exit code 2)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Entry:
    """A valid entry of a section with its index in the file (for positions)."""

    index: int
    model: Any


@dataclass
class ClaimEntry:
    index: int
    id: str
    claim: Claim


@dataclass
class Corpus:
    path: Path
    display: str
    doc: YamlDocument | None = None
    sources: dict[str, Entry] = field(default_factory=dict)
    entities: dict[str, Entry] = field(default_factory=dict)
    properties: dict[str, Entry] = field(default_factory=dict)
    claims: list[ClaimEntry] = field(default_factory=list)
    resolutions: list[Entry] = field(default_factory=list)
    not_curated: list[Entry] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    all_entries: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)
    broken_claims: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent

    def where(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        return self.doc.where(path, key=key) if self.doc else (1, 1)

    def add(self, code: P.Code, path: PathKey, message: str, hint: str | None = None,
            *, key: bool = False) -> None:
        line, col = self.where(path, key=key)
        self.problems.append(Problem.of(code, self.display, line, col, message, hint))

    def source(self, sid: str) -> Source:
        return self.sources[sid].model  # type: ignore[no-any-return]

    def entity(self, eid: str) -> Entity:
        return self.entities[eid].model  # type: ignore[no-any-return]

    def property(self, pid: str) -> Property:
        return self.properties[pid].model  # type: ignore[no-any-return]

    def resolution_models(self) -> list[Resolution]:
        return [e.model for e in self.resolutions]


def did_you_mean(name: str, choices: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, col


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes | None:
    """The file's bytes, or None if it holds more than `limit` (limits.read_head)."""
    data = limits.read_head(path, limit)
    return data if len(data) <= limit else None


def read_claims_text(path: Path, display: str) -> str:
    def fail(message: str, hint: str | None = None, line: int = 1, col: int = 1,
             code: P.Code = P.FILE_UNREADABLE) -> Exception:
        return UnreadableInput(Problem.of(code, display, line, col, message, hint))

    limit = limits.value(limits.CLAIMS_BYTES)
    try:
        data = read_limited(path, limit)
        if data is None:
            raise fail(f"the claims file is larger than the limit of {limit:,} bytes",
                       limits.raise_hint(limits.CLAIMS_BYTES), code=P.LIMIT)
    except FileNotFoundError:
        raise fail("no such file", "check the path given to --claims") from None
    except IsADirectoryError:
        raise fail("is a folder without a claims.yaml", "name the claims file itself") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = line_col_of_byte(data, exc.start)
        raise fail(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}, "
                   f"column {col})", "save the file as UTF-8", line, col) from None


def load_corpus(path: Path, display: str | None = None) -> Corpus:
    """Read, parse and validate a claims file and its articles. Raises UnreadableInput only
    when the file itself cannot be read; everything else becomes problems on the corpus."""
    corpus = Corpus(path=path, display=display or str(path))
    text = read_claims_text(path, corpus.display)
    doc, problems = load_yaml(text, corpus.display)
    corpus.doc = doc
    corpus.problems.extend(problems)
    if doc is None:
        return corpus
    if _check_top(corpus, doc.data):
        for name in SECTIONS:
            _load_section(corpus, name, doc.data.get(name))
        _name_claims(corpus)
        _read_articles(corpus)
    # The models hold what is needed of it: the plain data goes (78 MB at 100,000 claims),
    # the positions stay for the problems' file:line:col.
    doc.data = None
    return corpus


def _check_top(corpus: Corpus, data: Any) -> bool:
    """Top-level shape and version; False when nothing further can be interpreted."""
    if data is None:
        corpus.add(P.MISSING_FIELD, (), "the claims file is empty",
                   "start it with `version: 1`, then `sources:` and `claims:`")
        return False
    if not isinstance(data, dict):
        corpus.add(P.WRONG_TYPE, (), "the claims file must be a mapping with version, sources,"
                   " entities, properties, claims and resolutions")
        return False
    if "version" not in data:
        corpus.add(P.VERSION, (), "missing `version`", "add `version: 1` as the first line")
        return False
    version = data["version"]
    if version != 1 or isinstance(version, bool):
        corpus.add(P.VERSION, ("version",), f"unsupported format version {version!r}; this"
                   " tool reads version 1", "use `version: 1` (an unquoted number)")
        return False
    known = {"version", *SECTIONS}
    for key in data:
        if key not in known:
            corpus.add(P.UNKNOWN_FIELD, (key,), f"unknown top-level field {key!r}"
                       + did_you_mean(str(key), known), key=True)
    for name in REQUIRED_SECTIONS:
        if name not in data:
            corpus.add(P.MISSING_FIELD, (), f"missing section `{name}`",
                       f"add `{name}:` with a list of {name}")
    return True


def _load_section(corpus: Corpus, name: str, items: Any) -> None:
    corpus.broken_ids[name] = set()
    corpus.all_entries[name] = []
    if items is None:
        return
    if not isinstance(items, list):
        corpus.add(P.WRONG_TYPE, (name,), f"`{name}` must be a list of {name}")
        return
    validate = _VALIDATE[name]
    listed, broken = corpus.all_entries[name], corpus.broken_ids[name]
    for index, raw in enumerate(progress.track(items, f"reading the {name}")):
        ident = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(ident, str):
            listed.append((index, ident))
        try:
            model = validate(raw)
        except ValidationError as exc:
            _report_validation(corpus, name, (name, index), exc)
            if isinstance(ident, str):
                broken.add(ident)
            if name == "claims" and isinstance(raw, dict):
                corpus.broken_claims.append((index, raw))
            continue
        if isinstance(model, Claim):
            corpus.claims.append(ClaimEntry(index, "", model))
        elif name in ("resolutions", "not_curated"):
            getattr(corpus, name).append(Entry(index, model))
        else:
            table: dict[str, Entry] = getattr(corpus, name)
            table.setdefault(model.id, Entry(index, model))  # duplicates: reported by check


def _describe(value: Any) -> str:
    kind = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list",
            dict: "mapping", type(None): "null"}.get(type(value), type(value).__name__)
    if isinstance(value, (list, dict)):
        return f"a {kind}"
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return f"{kind} {shown}"


def _node_path(corpus: Corpus, base: PathKey, loc: tuple[Any, ...]) -> PathKey:
    # pydantic's loc may hold union member names ("int", "list[...]"): keep only the
    # segments that are real keys of the YAML node tree.
    path = base
    doc = corpus.doc
    for seg in loc:
        if doc is not None and (doc.position((*path, seg)) is not None
                                or doc.position((*path, seg), key=True) is not None):
            path = (*path, seg)
    return path


def _refused(corpus: Corpus, path: PathKey, kind: str) -> bool:
    """Whether the error only echoes a YAML node already refused (an alias, a tag, too deep):
    the node itself, something inside it, or a type error on the value that holds it."""
    refused = corpus.doc.refused if corpus.doc else set()
    for r in refused:
        if path[:len(r)] == r:
            return True
        if r[:len(path)] == path and kind not in ("missing", "extra_forbidden"):
            return True
    return False


def _report_validation(corpus: Corpus, section: str, base: PathKey,
                       exc: ValidationError) -> None:
    what = SINGULAR[section]
    model = SECTIONS[section]
    seen: set[PathKey] = set()
    for err in exc.errors():
        kind, loc = err["type"], err["loc"]
        path = _node_path(corpus, base, loc)
        # A union reports once per member: one message per place is enough.
        if _refused(corpus, path, kind) or path in seen:
            continue
        seen.add(path)
        fieldname = ".".join(str(s) for s in path[len(base):]) or what
        if kind == "extra_forbidden":
            corpus.add(P.UNKNOWN_FIELD, path, f"unknown field {loc[-1]!r} in {what}"
                       + did_you_mean(str(loc[-1]), set(model.model_fields)), key=True)
        elif kind == "missing":
            corpus.add(P.MISSING_FIELD, path, f"{what} is missing required field {loc[-1]!r}")
        elif kind == "string_pattern_mismatch" and loc[-1] == "id":
            corpus.add(P.BAD_ID, path, f"{what} id {err['input']!r} is not of the form"
                       " [a-z0-9][a-z0-9._-]*", "use lower-case letters, digits, '.', '_', '-'")
        elif kind == "literal_error":
            allowed = err.get("ctx", {}).get("expected", "")
            corpus.add(P.INVALID_VALUE, path, f"{fieldname}: {err['input']!r} is not one of"
                       f" {allowed}" + did_you_mean(str(err["input"]), _literal_options(allowed)))
        elif kind in ("value_error", "string_too_short", "string_pattern_mismatch"):
            message = err["msg"].removeprefix("Value error, ")
            if kind == "string_too_short":
                message = "must not be empty"
            corpus.add(P.INVALID_VALUE, path, f"{fieldname}: {message}")
        elif kind in ("model_type", "model_attributes_type") and len(loc) == 0:
            corpus.add(P.WRONG_TYPE, path, f"each {what} must be a mapping of fields,"
                       f" got {_describe(err['input'])}")
        else:
            hint = None
            if isinstance(err["input"], str) and err["input"].replace(",", "").isdigit():
                hint = "write numbers unquoted and without thousands separators"
            corpus.add(P.WRONG_TYPE, path, f"{fieldname}: {_expected(kind, err['msg'])},"
                       f" got {_describe(err['input'])}", hint)


def _literal_options(expected: str) -> list[str]:
    return [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",") if o.strip()]


def _expected(kind: str, msg: str) -> str:
    named = {"int_type": "expected a whole number", "float_type": "expected a number",
             "string_type": "expected a string", "bool_type": "expected true or false",
             "list_type": "expected a list", "dict_type": "expected a mapping",
             "int_from_float": "expected a whole number"}
    return named.get(kind, "expected " + msg.removeprefix("Input should be ").rstrip("."))


def _name_claims(corpus: Corpus) -> None:
    """Give claims without an id the default `<source>:<subject>.<property>` (#2, #3 ...)."""
    counts: dict[str, int] = {}
    for entry in corpus.claims:
        c = entry.claim
        if c.id is not None:
            entry.id = c.id
            continue
        base = f"{c.source}:{c.subject}.{c.property}"
        counts[base] = counts.get(base, 0) + 1
        entry.id = base if counts[base] == 1 else f"{base}#{counts[base]}"


def _read_articles(corpus: Corpus) -> None:
    root = str(corpus.root)
    root_resolved = os.path.realpath(root)
    shown_in = str(Path(corpus.display).parent)
    resolve = paths.Resolver()
    limit = limits.value(limits.ARTICLE_BYTES)
    for sid, entry in progress.track(corpus.sources.items(), "reading articles"):
        src: Source = entry.model
        at: PathKey = ("sources", entry.index, "file")
        found = paths.locate(root, root_resolved, src.file, resolve)
        if _refused_path(corpus, sid, src.file, at, found):
            continue
        shown = _shown(shown_in, src.file)
        if found.state == "file":
            try:
                data = read_limited(found.target, limit)
            except FileNotFoundError:  # deleted since
                found = paths.Located("missing", found.target)
            except OSError as exc:
                found = paths.Located("unreadable", found.target, exc)
        if found.state == "missing":
            corpus.add(P.SOURCE_MISSING, at, f"source {sid!r}: {shown} does not exist",
                       "paths are relative to the folder holding the claims file")
            continue
        if found.state == "unreadable":
            reason: object = (found.error and found.error.strerror) or found.error
            corpus.add(P.SOURCE_UNREADABLE, at, f"source {sid!r}: {shown} cannot be read: {reason}")
            continue
        if found.state == "folder":
            corpus.add(P.SOURCE_UNREADABLE, at, f"source {sid!r}: {shown} is a folder")
            continue
        if found.state != "file":
            corpus.add(P.SOURCE_UNREADABLE, at, f"source {sid!r}: {shown} is not a"
                       " regular file")
            continue
        if data is None:
            corpus.add(P.LIMIT, at, f"source {sid!r}: {shown} is larger than the limit"
                       f" of {limit:,} bytes", limits.raise_hint(limits.ARTICLE_BYTES))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = line_col_of_byte(data, exc.start)
            corpus.add(P.SOURCE_ENCODING, at, f"source {sid!r}: {shown} is not UTF-8 (byte"
                       f" 0x{data[exc.start]:02x} at {shown}:{line}:{col})",
                       "convert the article to UTF-8")
            continue
        corpus.articles[sid] = Article(sid, Path(found.target), shown, text)


def _refused_path(corpus: Corpus, sid: str, raw: str, at: PathKey,
                  found: paths.Located) -> bool:
    """Report a `file` that is not to be opened at all (a NUL, a loop, outside the folder,
    hidden); True if it was one."""
    if found.state in ("nul", "loop"):
        why = "a NUL character" if found.state == "nul" else "a symbolic link loop"
        corpus.add(P.SOURCE_UNREADABLE, at, f"source {sid!r}: {raw!r} cannot be"
                   f" opened: its path holds {why}")
    elif found.state == "outside":
        corpus.add(P.SOURCE_OUTSIDE, at, f"source {sid!r}: {raw!r} is outside the"
                   " claims file's folder", "keep articles in the claims file's folder")
    elif found.state == "hidden":
        kind = ("a hidden file" if os.path.basename(found.target) == found.hidden
                else "a file in the hidden folder")
        leads = "is" if found.hidden in raw.split("/") else "leads to"
        corpus.add(P.SOURCE_OUTSIDE, at, f"source {sid!r}: {raw!r} {leads} {kind}"
                   f" {found.hidden!r}, which is not read",
                   "an article must be a regular file whose path has no part starting"
                   " with '.'; rename it or move it out of the hidden folder")
    else:
        return False
    return True


def _shown(folder: str, raw: str) -> str:
    """`raw` in the claims file's `folder` as users see it: str(Path(folder) / raw), without
    pathlib's cost for the common plain relative path ("articles/a.txt")."""
    if os.sep != "/" or raw.startswith("/") or any(part in ("", ".") for part in raw.split("/")):
        return str(Path(folder) / raw)
    return raw if folder == "." else f"{folder.rstrip('/')}/{raw}"
