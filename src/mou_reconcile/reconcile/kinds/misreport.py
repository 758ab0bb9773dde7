"""Two claims credit the same authority with figures that cannot both be true, in the same
context: the outlets disagree about what that authority said.

Where one outlet stands against several that quote the authority another way, the hint
names it as the outlier ("post gives the ministry's figure as 150,000, where 3 outlets
quote it as 87,000"). A figure from the same authority for another date (`as_of`, else the
source's `published` date) is a revision (`scope`), not a misreport.
"""

from __future__ import annotations

from mou_reconcile.corpus.load import ClaimEntry, Corpus
from mou_reconcile.corpus.values import compatible, show_value
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.disagreements import Dates, pair_kind
from mou_reconcile.reconcile.kinds.base import FactClaims, Kind

KIND = Kind.of("misreport", Severity.ERROR, __doc__)


def found(fact: FactClaims) -> bool:
    return "misreport" in fact.disagreements


def hints(corpus: Corpus, entries: list[ClaimEntry], ptype: str, groups: dict[str, str],
          when: Dates | None = None) -> list[str]:
    """For each authority the outlets quote differently: the outlier, a figure no other
    quote of that authority for the same date allows, given by one report where two or more
    reports agree with each other; else each figure with its outlets. Figures for other
    dates are revisions, compared with nothing."""
    names = {eid: corpus.entity(eid).name for eid in corpus.entities}
    credited: dict[str, list[ClaimEntry]] = {}
    for e in entries:
        if e.claim.attributed_to is not None:
            credited.setdefault(e.claim.attributed_to, []).append(e)
    out = []
    for who, claims in credited.items():
        misquoted = {id(a) for a in claims for b in claims
                     if pair_kind(a, b, ptype, when) == "misreport"}
        if not misquoted:
            continue  # the outlets agree on what this authority said (at each date)
        claims = [e for e in claims if id(e) in misquoted]
        name = names.get(who, who)
        shown = {id(e): show_value(e.claim, ptype, names) for e in claims}
        alone = [e for e in claims if all(not compatible(e.claim, d.claim, ptype)
                                          for d in claims if d is not e)]
        rest = [e for e in claims if e not in alone]
        agreed = all(compatible(a.claim, b.claim, ptype) for a in rest for b in rest)
        reports = len({groups.get(e.claim.source, e.claim.source) for e in rest})
        if alone and agreed and reports >= 2:
            figures = " or ".join(dict.fromkeys(shown[id(e)] for e in rest))
            sources = ", ".join(dict.fromkeys(e.claim.source for e in rest))
            for e in alone:
                out.append(f"{e.claim.source} gives {name}'s figure as {shown[id(e)]}, where"
                           f" {reports} reports quote it as {figures} ({sources}): the outlier")
        else:  # the outlets disagree, with no single outlier
            by_figure: dict[str, list[str]] = {}
            for e in claims:
                by_figure.setdefault(shown[id(e)], []).append(e.claim.source)
            out.append(f"outlets quote {name} differently: " + "; ".join(
                f"{figure} ({', '.join(dict.fromkeys(sources))})"
                for figure, sources in by_figure.items()))
    return out
