"""Shortcuts in checking a claim against its quote (issue 8), against the full path.

`quote_parts` skips the elision split when the folded quote holds no `...`; the evidence
checks keep what recent quotes state in small caches. Neither may change a result.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile import problems as P
from mou_reconcile.check import evidence
from mou_reconcile.corpus.models import Claim
from mou_reconcile.text.fold import fold_text
from mou_reconcile.text.quotes import _ELISION, quote_parts

_quotes = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(["nine", "MoUs", " ", "  ", "\n", ".", "..", "...", "....", "…",
                              ". . .", "\u00a0", "Ａ", "ﬁ", "\u2024\u2024\u2024"]),
             max_size=10).map("".join))


@settings(max_examples=500, deadline=None)
@given(_quotes)
def test_quote_parts_without_elision_match_the_split(quote: str) -> None:
    assert quote_parts(quote) == [p for p in _ELISION.split(fold_text(quote)) if p]


def _claim(value: float | list[float], quote: str, bound: str | None = None) -> Claim:
    return Claim(source="s", subject="e", property="p", value=value, quote=quote,
                 bound=bound)


def test_a_cached_quote_is_checked_against_each_claim_on_its_own() -> None:
    quote = "about 300 people and 12 buses"
    evidence._quote_quantities.cache_clear()
    first = evidence.number_support(_claim(300, quote), quote)
    second = evidence.number_support(_claim(12, quote), quote)
    third = evidence.number_support(_claim(7, quote), quote)
    assert evidence._quote_quantities.cache_info().hits == 2
    assert [f.code for f in first] == [P.HEDGE_MISMATCH]
    assert second == []
    assert [f.message for f in third] == [
        "the quote does not state 7 (it has: 300, 12)"]


def test_a_cached_quote_gives_the_dates_it_gave_before() -> None:
    quote = "signed on 8 September 2025"
    evidence._quote_dates.cache_clear()
    assert evidence.date_support("2025-09-08", quote) == []
    assert evidence.date_support("2025-09", quote) == []
    assert len(evidence.date_support("2024", quote)) == 1
    assert evidence._quote_dates.cache_info().hits == 2
