"""Two claims credit different authorities with figures that cannot both be true: the
authorities disagree (the UN says 11,300, the ministry 8,000).

Only claims with `attributed_to` take part: the report shows who says what, each value with
the authority and the outlets that quote it. A difference of context never turns a dispute
into a `scope`.
"""

from __future__ import annotations

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.values import show_value
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("dispute", Severity.ERROR, __doc__)


def found(fact: FactClaims) -> bool:
    return "dispute" in fact.disagreements


def hints(corpus: Corpus, entries: list[ClaimEntry], ptype: str) -> list[str]:
    """Who says what: each credited authority, its figures and the outlets quoting them."""
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    said: dict[str, dict[str, list[str]]] = {}
    for e in entries:
        who = e.claim.attributed_to
        if who is not None:
            shown = show_value(e.claim, ptype, names)
            sources = said.setdefault(who, {}).setdefault(shown, [])
            if e.claim.source not in sources:
                sources.append(e.claim.source)
    parts = [names.get(who, who) + " " + ", ".join(f"{shown} ({', '.join(sources)})"
                                                   for shown, sources in figures.items())
             for who, figures in said.items()]
    return ["who says what: " + "; ".join(parts)] if len(said) > 1 else []
