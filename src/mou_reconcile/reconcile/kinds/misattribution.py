"""The same figure is credited to different authorities (the UN's 25,000 injured is the Red
Cross's in another outlet): one of the outlets may have credited the wrong one.

Figures are the same when their values are equal, whatever their bounds.
"""

from __future__ import annotations

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.values import show_value, value_key
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("misattribution", Severity.WARNING, __doc__)


def credits(entries: list[ClaimEntry], ptype: str) -> dict[object, dict[str, list[ClaimEntry]]]:
    """Each value credited to two or more authorities: authority -> its claims, in order."""
    by_value: dict[object, dict[str, list[ClaimEntry]]] = {}
    for e in entries:
        who = e.claim.attributed_to
        if who is not None:
            by_value.setdefault(value_key(e.claim.value, ptype), {}).setdefault(who, []).append(e)
    return {v: by_who for v, by_who in by_value.items() if len(by_who) > 1}


def found(fact: FactClaims) -> bool:
    return bool(credits(fact.entries, fact.ptype))


def hints(corpus: Corpus, entries: list[ClaimEntry], ptype: str) -> list[str]:
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    out = []
    for by_who in credits(entries, ptype).values():
        shown = show_value(next(iter(by_who.values()))[0].claim, ptype, names)
        whom = " and to ".join(
            f"{names.get(who, who)} ({', '.join(dict.fromkeys(e.claim.source for e in claims))})"
            for who, claims in by_who.items())
        out.append(f"{shown} is credited to {whom}")
    return out
