"""Ids and references: duplicates, unknown references (with a suggestion), shared spellings."""

from __future__ import annotations

from mou_reconcile import problems as P
from mou_reconcile.corpus.load import SINGULAR, Corpus, did_you_mean
from mou_reconcile.text.fold import fold_text


def check_ids(corpus: Corpus) -> None:
    for section in ("sources", "entities", "properties", "claims"):
        first: dict[str, int] = {}
        for index, ident in corpus.all_entries.get(section, []):
            path = (section, index, "id")
            if ident in first:
                line = corpus.where((section, first[ident], "id"))[0]
                corpus.add(P.DUPLICATE_ID, path, f"duplicate {SINGULAR[section]} id {ident!r}"
                           f" (first at line {line})", "give each entry its own id")
            else:
                first[ident] = index


def check_alias_clashes(corpus: Corpus) -> None:
    owner: dict[str, str] = {}
    for eid, entry in corpus.entities.items():
        for spelling in corpus.entity(eid).spellings:
            key = fold_text(spelling)
            other = owner.setdefault(key, eid)
            if other != eid:
                corpus.add(P.ALIAS_CLASH, ("entities", entry.index),
                           f"entity {eid!r} and entity {other!r} are both spelled {spelling!r}",
                           "keep each spelling on the entity it names")


def _exists(corpus: Corpus, section: str, ident: str) -> bool:
    table = getattr(corpus, section)
    return ident in table or ident in corpus.broken_ids.get(section, set())


def reference(corpus: Corpus, section: str, ident: str, path: tuple[str | int, ...],
              role: str) -> bool:
    """Report `ident` if it is not declared in `section`; True when it resolves."""
    if _exists(corpus, section, ident):
        return True
    known = set(getattr(corpus, section))
    corpus.add(P.UNKNOWN_REFERENCE, path, f"{role} {ident!r} is not a declared"
               f" {SINGULAR[section]}" + did_you_mean(ident, known),
               f"declare it under `{section}:` or correct the spelling")
    return False


def check_source_links(corpus: Corpus) -> None:
    for sid, entry in corpus.sources.items():
        for k, other in enumerate(corpus.source(sid).derived_from):
            path = ("sources", entry.index, "derived_from", k)
            if other == sid:
                corpus.add(P.INVALID_VALUE, path, f"source {sid!r} cannot derive from itself")
            else:
                reference(corpus, "sources", other, path, "derived_from")


def check_resolution_facts(corpus: Corpus) -> None:
    facts = {c.claim.fact for c in corpus.claims}
    for entry in corpus.resolutions:
        fact: str = entry.model.fact
        path = ("resolutions", entry.index, "fact")
        subject, dot, prop = fact.rpartition(".")
        if not dot or not subject:
            corpus.add(P.INVALID_VALUE, path, f"fact {fact!r} is not of the form"
                       " <subject>.<property>")
            continue
        ok = reference(corpus, "entities", subject, path, "fact subject")
        if prop == "name":  # a naming discrepancy: `<entity>.name`
            continue
        ok = reference(corpus, "properties", prop, path, "fact property") and ok
        if ok and fact not in facts:
            corpus.add(P.UNKNOWN_REFERENCE, path, f"no claim is about the fact {fact!r}"
                       + did_you_mean(fact, facts))
