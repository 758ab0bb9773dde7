#!/usr/bin/env python3
"""How well `suggest` proposes a curator's claims: leave one source's claims out.

    python benchmarks/suggest.py [CLAIMS...] [--detail]

For each curated corpus (default: the sample, data/claims.yaml, and the real stories under
tests/stories/) and each of its sources in turn, `suggest` runs on that source's article
with every claim (and `not_curated` entry) of that source taken out of the corpus
(in-process), and its suggestions
are compared with the claims the curator made. Text claims are not suggested and not
counted. Columns:

- trackable: claims of a fact some other source claims too (suggest can only propose
  those; the others are new facts, left to `extract`'s stubs). Percentages are of these.
- recall@1: claims whose fact's first suggestion has the claimed value and a quote
  overlapping the curated quote in the article. A fact's first suggestion is the best one
  scoring 0.4 or more (what --write adds as a claim); a fact with only weaker ones has
  none. A source claiming several values of one fact (one per authority) can have only one
  of them first, so recall@1 per claim cannot reach 100% there.
- recall@n: the claim is among its fact's first n suggestions, alternatives included, n
  being how many values of that fact the source claims.
- written: the claim is among the claims `suggest --write` adds (several for a fact some
  source gives several values of).
- facts@1: per (source, fact) pair rather than per claim: the first suggestion is one of
  the source's claims of that fact, value and quote.
- wrong first: of the facts the source claims, those whose first suggestion has a value
  the source does not claim for it; extra: first suggestions for facts the source does not
  claim (some are figures the article gives that the curator left out).

Numeric claims (count, number) are reported apart: the aim is 80% recall@1 for them. The
Morocco story is a hold-out: measured, never tuned to. Prints a table; exit code 0.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from mou_reconcile.check.checker import check_file  # noqa: E402
from mou_reconcile.corpus.models import NUMERIC_TYPES, Claim  # noqa: E402
from mou_reconcile.corpus.values import value_key  # noqa: E402
from mou_reconcile.text.quotes import find_quote  # noqa: E402
from mou_reconcile.views.suggest import Suggestion, suggest  # noqa: E402

DEFAULT = [REPO / "data" / "claims.yaml",
           *sorted((REPO / "tests" / "stories").glob("*/claims.yaml"))]
HOLD_OUT = {"morocco-earthquake-2023"}


@dataclass
class Tally:
    claims: int = 0
    trackable: int = 0
    at1: int = 0
    atn: int = 0
    written: int = 0  # found among the claims --write adds (a fact's first suggestions)
    wrong: int = 0
    extra: int = 0
    facts: int = 0  # facts the sources claim that others track (first suggestions judged)
    facts_at1: int = 0  # of those, whose first suggestion is one of the source's claims
    misses: list[str] = field(default_factory=list)

    def pct(self, part: int, whole: int) -> str:
        return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "   -"


def _same(s: Suggestion, claim: Claim, ptype: str) -> bool:
    if ptype in NUMERIC_TYPES:
        a, b = s.value, claim.value
        return value_key(a, ptype) == value_key(b, ptype)
    return value_key(s.value, ptype) == value_key(claim.value, ptype)


def _overlap(article, s: Suggestion, claim: Claim) -> bool:
    mine, theirs = find_quote(article, s.quote), find_quote(article, claim.quote)
    if mine is None or theirs is None:
        return False
    return mine.start < theirs.end and theirs.start < mine.end


def measure(path: Path) -> dict[str, Tally]:
    """Long because it is the whole measure for one corpus: per source, run suggest, then
    judge each left-out claim and each first suggestion, numeric and others apart."""
    result = check_file(path, str(path))
    corpus = result.corpus
    tallies = {"numeric": Tally(), "other": Tally()}
    for sid in corpus.sources:
        if sid not in corpus.articles:
            continue
        article = corpus.articles[sid]
        by_fact = _left_out(corpus, sid)
        tracked = {e.claim.fact for e in corpus.claims if e.claim.source != sid}
        mine = [e.claim for e in corpus.claims if e.claim.source == sid
                and e.claim.property in corpus.properties]
        values: dict[str, list[Claim]] = {}
        for claim in mine:
            values.setdefault(claim.fact, []).append(claim)
        for claim in mine:
            ptype = corpus.property(claim.property).type
            if ptype == "text":
                continue
            t = tallies["numeric" if ptype in NUMERIC_TYPES else "other"]
            t.claims += 1
            if claim.fact not in tracked:
                continue
            t.trackable += 1
            ranked, alternatives = by_fact.get(claim.fact, ([], []))
            n = len(values[claim.fact])
            ok = [_same(s, claim, ptype) and _overlap(article, s, claim)
                  for s in (ranked + alternatives)[:n]]
            first = bool(ranked) and ok[0]
            t.at1 += first
            t.atn += any(ok)
            t.written += any(_same(s, claim, ptype) and _overlap(article, s, claim)
                             for s in ranked)
            if not first:
                first = (f"{ranked[0].value!r} {ranked[0].quote!r}" if ranked
                         else "no suggestion")
                t.misses.append(f"{path.parent.name}/{sid} {claim.fact}={claim.value!r}: "
                                f"first {first}")
        for fact in sorted(tracked):
            claims = values.get(fact, [])
            if not claims:
                continue
            ptype = corpus.property(claims[0].property).type
            if ptype == "text":
                continue
            t = tallies["numeric" if ptype in NUMERIC_TYPES else "other"]
            ranked = by_fact.get(fact, ([], []))[0]
            t.facts += 1
            if ranked and not any(_same(ranked[0], c, ptype) for c in claims):
                t.wrong += 1
            t.facts_at1 += bool(ranked) and any(
                _same(ranked[0], c, ptype) and _overlap(article, ranked[0], c) for c in claims)
        for fact_id, (ranked, _) in by_fact.items():
            if fact_id in values or not ranked:
                continue
            ptype = ranked[0].ptype
            t = tallies["numeric" if ptype in NUMERIC_TYPES else "other"]
            t.extra += 1
    return tallies


def _left_out(corpus, sid: str) -> dict[str, tuple[list[Suggestion], list[Suggestion]]]:
    """Each fact's first suggestions and alternatives for source `sid`, its own claims taken
    out of the corpus."""
    kept, set_aside = corpus.claims, corpus.not_curated
    corpus.claims = [e for e in kept if e.claim.source != sid]
    corpus.not_curated = [e for e in set_aside if e.model.source != sid]
    try:
        got = suggest(corpus.articles[sid], corpus)
    finally:
        corpus.claims, corpus.not_curated = kept, set_aside
    return {fs.fact.id: (fs.suggestions[:fs.firsts], fs.suggestions[fs.firsts:])
            for fs in got.facts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("claims", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--detail", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    header = (f"{'corpus':<34} {'kind':<8} {'claims':>6} {'trackable':>9}  "
              f"{'recall@1':<17} {'recall@n':<17} {'written':<17} {'facts@1':<17} "
              f"{'wrong first':<15} "
              f"{'extra':>5}")
    print(header)
    print("-" * len(header))
    for path in args.claims:
        name = path.parent.name if path.name == "claims.yaml" else path.stem
        name = "sample (data)" if path.parent == REPO / "data" else name
        if path.parent.name in HOLD_OUT:
            name += " (hold-out)"
        tallies = measure(path)
        for kind, t in tallies.items():
            if not t.claims:
                continue
            print(f"{name:<34} {kind:<8} {t.claims:>6} {t.trackable:>9}  "
                  f"{t.pct(t.at1, t.trackable):<17} {t.pct(t.atn, t.trackable):<17} "
                  f"{t.pct(t.written, t.trackable):<17} {t.pct(t.facts_at1, t.facts):<17} "
                  f"{t.pct(t.wrong, t.facts):<15} {t.extra:>5}")
            if args.detail:
                for miss in t.misses:
                    print(f"    miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
