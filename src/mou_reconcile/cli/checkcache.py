"""The checked corpus in the result cache: a command that checks a claims file (`check`,
`report`, `explain`, the editors' views) after another checked the same inputs skips
loading and checking (at 100,000 claims, most of `report`'s time).

The entry's key (cache.Pending.checked_key) hashes what checking depends on: the claims
file's bytes, path and display name, the tool and its dependencies, the Python version,
the working folder and the MOU_RECONCILE_* limits; not the command, its options, or where
and how the output goes. Like a result entry, it lists each source's article with a digest
of its bytes, compared again at each lookup; the articles' text is rebuilt from the bytes
read for that comparison, so no article is stored twice or read twice.

The entry is MAGIC, a JSON header line, the payload (JSON: never code, read by json.loads
and nothing that executes what it finds), then a digest of all that. The payload holds
what the commands after `check` use: every problem, each valid entry's fields with its
index and position in the claims file, each claim's id and anchor, the articles' names.
Models are rebuilt by their own pydantic validators (at 100,000 claims about 0.3 s,
faster than model_construct's Python loop): a damaged or foreign entry cannot make a model
the claims file could not. Not kept: the parsed YAML (each entry's position stands in for
it) and the entries that failed validation, which only `check` itself looks at before it
is done. Any entry that is not sealed, not of this format, or does not rebuild is a miss.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from mou_reconcile.check.checker import CheckResult
from mou_reconcile.cli import cache
from mou_reconcile.cli.cacheentry import opened, unchanged
from mou_reconcile.corpus.load import ClaimEntry, Corpus, Entry
from mou_reconcile.corpus.models import SECTIONS
from mou_reconcile.corpus.yamldoc import YamlDocument
from mou_reconcile.problems import CODES, Problem, Severity
from mou_reconcile.text.article import Article
from mou_reconcile.text.quotes import Anchor

FORMAT = 1  # of the payload: a change makes every older entry a miss
MAGIC = b"mou-reconcile checked %d.%d\n" % (cache.FORMAT, FORMAT)
TABLES = ("sources", "entities", "properties")  # dicts by id
LISTS = ("resolutions", "not_curated")


def lookup(pending: cache.Pending) -> CheckResult | None:
    """The stored check of these inputs, if there is one and every article it lists is as
    it was; else None."""
    try:
        return _lookup(pending)
    except Exception:  # unreadable, corrupt, truncated, foreign: a miss
        return None


def _lookup(pending: cache.Pending) -> CheckResult | None:
    path = cache.cache_dir() / f"{pending.checked_key}{cache.CHECKED_SUFFIX}"
    entry = opened(path, MAGIC, pending.checked_key)
    if entry is None:
        return None
    header, payload = entry
    read: dict[str, bytes] = {}
    if not unchanged(header, read):
        return None
    result = restore(json.loads(bytes(payload)), read, pending.claims, pending.display)
    cache.touch(path)
    return result


def store(pending: cache.Pending, result: CheckResult) -> None:
    """Keep the checked corpus, if the claims file and every article are as it read them."""
    with contextlib.suppress(Exception):  # no caching, silently (cache.Pending.store)
        verified = pending.verified(result.corpus)
        if verified is None:
            return
        root, root_resolved, states = verified
        payload = json.dumps(dump(result), separators=(",", ":"),
                             check_circular=False).encode("ascii")
        if len(payload) > cache.MAX_BYTES // 2:
            return
        header = {"key": pending.checked_key, "root": root, "root_resolved": root_resolved,
                  "articles": sorted([raw, state] for raw, state in states.items()),
                  "size": len(payload)}
        cache.write_entry(pending.checked_key,
                          MAGIC + json.dumps(header).encode("ascii") + b"\n" + payload,
                          cache.CHECKED_SUFFIX)


def _fields(model: Any) -> dict[str, Any]:
    """The fields the claims file gave (a default stays unset, as validating it leaves it)."""
    values = model.__dict__
    return {name: values[name] for name in model.model_fields_set}


def dump(result: CheckResult) -> dict[str, Any]:
    """The check as plain JSON data (restore() reads it back)."""
    corpus = result.corpus
    where = corpus.where

    def entry(section: str, e: Entry) -> list[Any]:
        return [e.index, *where((section, e.index)), _fields(e.model)]

    out: dict[str, Any] = {"left_out": result.left_out}
    out["problems"] = [[p.path, p.line, p.col, p.code, p.message, int(p.severity), p.hint]
                       for p in corpus.problems]
    for name in TABLES:
        out[name] = [entry(name, e) for e in getattr(corpus, name).values()]
    for name in LISTS:
        out[name] = [entry(name, e) for e in getattr(corpus, name)]
    anchors = result.anchors
    claims = []
    for c in corpus.claims:
        a = anchors.get(c.id)
        claims.append([c.index, *where(("claims", c.index)), c.id, _fields(c.claim),
                       None if a is None else [a.start, a.end, a.line, a.col, a.end_line,
                                               a.end_col, a.spans]])
    out["claims"] = claims
    out["articles"] = [[sid, str(a.path), a.display] for sid, a in corpus.articles.items()]
    return out


def restore(data: dict[str, Any], read: dict[str, bytes], path: Path,
            display: str) -> CheckResult:
    """The CheckResult dump() was made from; `read`: the articles' bytes, by file. Raises
    on anything that does not fit (a miss)."""
    corpus = Corpus(path=path, display=display, doc=YamlDocument(None))
    positions = corpus.doc.positions  # type: ignore[union-attr]
    codes, severities = CODES, {int(s): s for s in Severity}
    corpus.problems = [Problem(str(p), int(line), int(col), code, str(m), severities[s],
                               None if h is None else str(h))
                       for p, line, col, code, m, s, h in data["problems"] if code in codes]
    if len(corpus.problems) != len(data["problems"]):
        raise ValueError("unknown problem code")
    for name in (*TABLES, *LISTS):
        validate = SECTIONS[name].__pydantic_validator__.validate_python
        entries = []
        for index, line, col, fields in data[name]:
            positions[(name, index)] = (line, col)
            entries.append(Entry(index, validate(fields)))
        if name in TABLES:
            setattr(corpus, name, {e.model.id: e for e in entries})
        else:
            setattr(corpus, name, entries)
    validate = SECTIONS["claims"].__pydantic_validator__.validate_python
    anchors: dict[str, Anchor] = {}
    claims: list[ClaimEntry] = []
    for index, line, col, cid, fields, a in data["claims"]:
        positions[("claims", index)] = (line, col)
        claims.append(ClaimEntry(index, str(cid), validate(fields)))
        if a is not None:
            start, end, at_line, at_col, end_line, end_col, spans = a
            anchors[cid] = Anchor(int(start), int(end), int(at_line), int(at_col),
                                  int(end_line), int(end_col),
                                  tuple((int(s), int(e)) for s, e in spans))
    corpus.claims = claims
    for sid, target, shown in data["articles"]:
        corpus.articles[sid] = Article(sid, Path(target), shown, read[target].decode("utf-8"))
    return CheckResult(corpus, anchors, int(data["left_out"]))
