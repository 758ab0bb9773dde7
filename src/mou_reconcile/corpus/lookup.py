"""Finding a source or a fact from what a user typed: exact name, unique prefix, or a
suggestion of the closest name. Every command that takes a name uses this, so they all
behave alike."""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from mou_reconcile.corpus.load import Corpus


class Unknown(LookupError):
    """No single match: `matches` are the ambiguous candidates, `suggestion` the closest name."""

    def __init__(self, what: str, query: str, suggestion: str | None,
                 matches: list[str]) -> None:
        super().__init__(query)
        self.what, self.query, self.suggestion, self.matches = what, query, suggestion, matches

    def message(self, where: str) -> str:
        if self.matches:
            shown = ", ".join(self.matches[:10]) + (", ..." if len(self.matches) > 10 else "")
            return f"{self.query!r} matches several {self.what}s: {shown}; type more of the name"
        tip = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        return f"no {self.what} {self.query!r} in {where}{tip}"


def resolve(query: str, names: Iterable[str], what: str) -> str:
    """The name equal to `query`, else the only name starting with it (case-insensitively)."""
    choices = sorted(set(names))
    if query in choices:
        return query
    folded = query.casefold()
    matches = [n for n in choices if n.casefold().startswith(folded)]
    if len(matches) == 1:
        return matches[0]
    close = difflib.get_close_matches(query, choices, n=1, cutoff=0.5)
    raise Unknown(what, query, close[0] if close else None, matches)


def resolve_fact(corpus: Corpus, query: str) -> str:
    return resolve(query, (e.claim.fact for e in corpus.claims), "fact")


def resolve_source(corpus: Corpus, query: str) -> str:
    """A source id, or its article named by path (as in the claims file, or from here)."""
    by_path: dict[str, str] = {}
    for sid, entry in corpus.sources.items():
        by_path[os.path.normpath(entry.model.file)] = sid
        with contextlib.suppress(ValueError):  # a NUL in the path: it names no file
            by_path[os.path.realpath(corpus.root / entry.model.file)] = sid
    if query not in corpus.sources and (os.sep in query or "." in Path(query).name):
        # os.path.realpath, unlike Path.resolve, does not raise on a symbolic-link loop
        for key in (os.path.normpath(query), os.path.realpath(query)):
            if key in by_path:
                return by_path[key]
        # A bare file name, when only one source's article has it.
        named = {sid for key, sid in by_path.items() if Path(key).name == query}
        if len(named) == 1:
            return named.pop()
    return resolve(query, corpus.sources, "source")
