"""How much a discrepancy matters: the order of discrepancies within a severity, so that a
story's main dispute comes first. The rule, most telling first:

1. reports: how many independent reports state the fact (a copy group counts once);
2. origins: how many authorities the claims credit (`attributed_to`);
3. prominence: whether a value stands in a source's title or in its article's headline and
   first paragraph (what readers see);
4. spread: how far apart the figures are (the largest over the smallest; 1 for other types).

Ties keep the facts' alphabetical order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mou_reconcile.corpus.load import Corpus
from mou_reconcile.corpus.values import figure, same_value
from mou_reconcile.reconcile.result import Discrepancy
from mou_reconcile.text.numbers import find_quantities


@dataclass(frozen=True, order=True)
class Weight:
    reports: int = 0
    origins: int = 0
    prominent: bool = False
    spread: float = 1.0


def weigh(corpus: Corpus, d: Discrepancy, groups: dict[str, str]) -> Weight:
    evidence = [e for g in d.values for e in g.evidence]
    reports = len({groups.get(e.source, e.source) for e in evidence})
    origins = len({e.attributed_to for e in evidence if e.attributed_to is not None})
    numeric = [g for g in d.values if g.bound is not None]
    prominent = any(_up_front(corpus, e.source, e.start) for e in evidence) or any(
        _in_title(corpus, e.source, g.value) for g in numeric for e in g.evidence)
    positive = [f for f in (figure(g.value) for g in numeric) if f > 0]
    spread = max(positive) / min(positive) if positive else 1.0
    return Weight(reports, origins, prominent, spread)


def order_key(d: Discrepancy) -> tuple[object, ...]:
    """Open first, most severe first, then the heaviest, then by fact."""
    w = d.weight
    return (not d.is_open, -d.severity, -w.reports, -w.origins, not w.prominent, -w.spread,
            d.fact)


def _up_front(corpus: Corpus, source: str, start: int | None) -> bool:
    article = corpus.articles.get(source)
    return start is not None and article is not None and start < article.lede_end


def _in_title(corpus: Corpus, source: str, value: object) -> bool:
    title = corpus.source(source).title if source in corpus.sources else None
    if not title or not isinstance(value, (int, float)):
        return False
    return any(same_value(v, value) for v in _title_figures(title))


@lru_cache(maxsize=4096)
def _title_figures(title: str) -> tuple[float, ...]:
    """The numbers a title states (a source's title is asked once per value it gives)."""
    return tuple(q.value for q in find_quantities(title))
