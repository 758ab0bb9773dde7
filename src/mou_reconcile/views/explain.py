"""`explain FACT`: every claim about one fact, its quote shown in the source's own sentence."""

from __future__ import annotations

from dataclasses import dataclass

from mou_reconcile.corpus.load import ClaimEntry
from mou_reconcile.reconcile.result import Discrepancy, Reconciliation


@dataclass
class ClaimInContext:
    entry: ClaimEntry
    article_display: str | None
    line: int | None
    sentence: str | None  # the sentence(s) around the quote, white space folded
    quote_spans: list[tuple[int, int]]  # the quoted parts, within `sentence`


@dataclass
class Explanation:
    fact: str
    ptype: str
    unit: str | None
    claims: list[ClaimInContext]
    discrepancy: Discrepancy | None


def explain(rec: Reconciliation, fact: str) -> Explanation:
    corpus = rec.corpus
    entries = [e for e in corpus.claims if e.claim.fact == fact]
    prop = corpus.property(entries[0].claim.property)
    out = []
    for entry in entries:
        anchor = rec.check.anchors.get(entry.id)
        article = corpus.articles.get(entry.claim.source)
        if anchor is None or article is None:
            out.append(ClaimInContext(entry, article.display if article else None, None, None, []))
            continue
        s, e = article.sentence_around(anchor.start, anchor.end)
        raw = article.text[s:e]
        # Fold white space in the sentence and map the quote's spans into it.
        sentence, mapping = _squash(raw)
        spans = [(mapping[a - s], mapping[b - s]) for a, b in anchor.spans]
        out.append(ClaimInContext(entry, article.display, anchor.line, sentence, spans))
    found = next((d for d in rec.discrepancies if d.fact == fact), None)
    return Explanation(fact, prop.type, prop.unit, out, found)


def _squash(raw: str) -> tuple[str, list[int]]:
    out: list[str] = []
    mapping: list[int] = []
    space = False
    for ch in raw:
        mapping.append(len(out))
        if ch.isspace():
            if out and not space:
                out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
    mapping.append(len(out))
    return "".join(out).rstrip(), mapping
