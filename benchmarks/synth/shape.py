"""Shape knobs of a generated corpus: what share of claims carry a context, how alike the
names are, how many facts hold a discrepancy, how long the quotes are.

The default mix is the corpus the benchmarks always measured. The hostile mix is issue 20's
second generator: the shapes that make alias hints, reconciling and JSON output work
hardest (a context on 80% of claims, every city and company with a twin name one character
apart, a discrepancy in every fact two sources state, quotes of about 55 characters).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    name: str = "default"
    # Share of claims dated by a context (`as_of`). "numeric": numeric claims of dated
    # sources only (the default corpus); "all": any claim.
    context_share: float = 0.1
    context_on: str = "numeric"
    # Share of cities and companies given a twin whose name is one character apart.
    twin_share: float = 0.0
    # None: half the stories get one planted discrepancy; else the share of facts (stated
    # by at least two independent sources) that get one.
    discrepancy_share: float | None = None
    # Quotes padded with plain words to at least this many characters (0: as templated).
    quote_length: int = 0

    def describe(self) -> str:
        plant = ("one fact in half the stories" if self.discrepancy_share is None
                 else f"{self.discrepancy_share:.0%} of facts")
        return (f"context on {self.context_share:.0%} of {self.context_on} claims, "
                f"{self.twin_share:.0%} twin names, discrepancies in {plant}, quotes "
                + (f">= {self.quote_length} chars" if self.quote_length else "as templated"))


MIXES = {
    "default": Shape(),
    "hostile": Shape("hostile", context_share=0.8, context_on="all", twin_share=1.0,
                     discrepancy_share=1.0, quote_length=55),
}

# Padding for long quotes: no number, date, hedge, unit or capitalised word, so a padded
# quote states exactly what its template does.
PADDING = ("as planned", "as agreed", "in total", "for now", "as announced", "on paper",
           "as expected", "in writing")
