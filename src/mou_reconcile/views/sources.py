"""`sources`: each source with its metadata, how the others treat its values, and the
sources it is not independent of (declared, or by shared wording, with a sample)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from mou_reconcile.reconcile.independence import Link
from mou_reconcile.reconcile.result import Reconciliation
from mou_reconcile.views.matrix import Cell, Matrix


@dataclass
class SourceProfile:
    id: str
    file: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    claims: int
    facts: int
    confirmed: int  # facts where a source outside its copy group gives the same value
    echoed: int  # ... where only its own copies give the same value (not corroboration)
    contradicted: int  # facts where another source's value contradicts its own
    compatible: int  # ... where another gives a different value its bounds allow
    alone: int  # facts no other source states
    group: list[str]  # the other sources of its copy group
    links: list[Link]  # the evidence for the group, as found


def profile_sources(rec: Reconciliation, matrix: Matrix) -> list[SourceProfile]:
    """Each source's profile. Linear in the matrix's cells and the claims: each source
    visits only the cells it fills (the matrix may leave absent ones out)."""
    corpus = rec.corpus
    groups = rec.groups
    filled: dict[str, list[Cell]] = defaultdict(list)
    for row in matrix.rows:
        for sid, cell in row.cells.items():
            if cell.claims:
                filled[sid].append(cell)
    claim_counts = Counter(e.claim.source for e in corpus.claims)
    links_of: dict[str, list[Link]] = defaultdict(list)
    for lk in rec.links:
        links_of[lk.a].append(lk)
        if lk.b != lk.a:
            links_of[lk.b].append(lk)
    members: dict[str, list[str]] = defaultdict(list)
    for sid in matrix.sources:
        members[groups.get(sid, sid)].append(sid)
    out = []
    for sid in matrix.sources:
        model = corpus.source(sid)
        mine = groups.get(sid, sid)
        counts = {"confirmed": 0, "echoed": 0, "contradicted": 0, "compatible": 0, "alone": 0}
        facts = 0
        for cell in filled[sid]:
            facts += 1
            if cell.contradicting:
                counts["contradicted"] += 1
            elif any(groups.get(o, o) != mine for o in cell.same):
                counts["confirmed"] += 1
            elif cell.same:
                counts["echoed"] += 1
            elif cell.compatible:
                counts["compatible"] += 1
            else:
                counts["alone"] += 1
        claims = claim_counts[sid]
        group = [o for o in members[mine] if o != sid]
        links = links_of[sid]
        out.append(SourceProfile(
            sid, model.file, model.title, model.outlet,
            str(model.published) if model.published is not None else None, model.url,
            claims, facts, group=group, links=links, **counts))
    return out
