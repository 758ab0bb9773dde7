"""The faster number reader against the code it replaced (issue 8).

The `_reference_*` functions are the former implementations, verbatim: one search per hedge
kind, a token loop without the number-word pre-test, the digit reader without its pre-tests,
and `find_quantities` building every Quantity afresh. On texts made of the pieces the reader
cares about (number words, digits with separators and suffixes, hedges, currencies, dashes,
codes, odd Unicode letters and digits), the new code must give exactly the same result.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.text import numbers
from mou_reconcile.text.numbers import (
    _CURRENCY,
    _DIGITS,
    _HEDGES,
    _ISO_DATE,
    _SUFFIXES,
    _WORD,
    SCALES,
    Hedge,
    Kind,
    Quantity,
)

# --- the references: the code as it was ---------------------------------------------------

_REF_HEDGE_RE = [(h, re.compile(r"(?:^|\b)(?:" + alts.replace(" ", r"\s+")
                                + rf")\s+{_CURRENCY}$", re.IGNORECASE))
                 for h, alts in _HEDGES]


def _reference_hedge_span(text: str, start: int) -> tuple[Hedge, int] | None:
    offset = max(0, start - 40)
    before = text[offset:start]
    best: tuple[int, Hedge] | None = None
    for hedge, pattern in _REF_HEDGE_RE:
        m = pattern.search(before)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), hedge)
    if best is None:
        return None
    lead = len(before[best[0]:]) - len(before[best[0]:].lstrip())
    return best[1], offset + best[0] + lead


def _reference_word_tokens(text: str) -> list[tuple[str, int, int]]:
    tokens = []
    for m in _WORD.finditer(text):
        if (m.start() > 0 and text[m.start() - 1].isdigit()) or (
                m.end() < len(text) and text[m.end()].isdigit()):
            continue
        offset = m.start()
        for piece in m.group().split("-"):
            tokens.append((piece.lower(), offset, offset + len(piece)))
            offset += len(piece) + 1
    return tokens


def _reference_digit_quantities(text: str) -> list[Quantity]:
    masked = _ISO_DATE.sub(lambda m: " " * len(m.group()), text)
    found = []
    for m in _DIGITS.finditer(masked):
        value = float(m.group("int").replace(",", "") + (m.group("dec") or ""))
        kind: Kind = "cardinal"
        if m.group("suffix"):
            value *= _SUFFIXES[m.group("suffix").lower()]
        if m.group("scale"):
            value *= SCALES[m.group("scale").lower()]
        if m.group("fold"):
            kind = "multiplier"
        if m.group("ord"):
            kind = "ordinal"
        found.append(Quantity(value, m.start(), m.end(), text[m.start():m.end()], kind))
    return found


def _reference_find_quantities(text: str) -> list[Quantity]:
    raw = sorted(_reference_digit_quantities(text) + numbers._read_number_words(text),
                 key=lambda q: q.start)
    out: list[Quantity] = []
    for q in raw:
        if out and out[-1].kind == "cardinal" and q.kind == "cardinal":
            prev = out[-1]
            gap = text[prev.end:q.start]
            if re.fullmatch(r"\s*(?:-|–|—|to)\s*", gap, re.IGNORECASE) and prev.value <= q.value:
                low = prev.value
                scale = numbers._scale_of(q.text)
                if scale > 1 and not numbers._scale_of(prev.text) > 1 and (
                        prev.value * scale <= q.value):
                    low = prev.value * scale
                out[-1] = Quantity(low, prev.start, q.end, text[prev.start:q.end], "cardinal",
                                   prev.hedge, q.value)
                continue
        hedge = _reference_hedge_span(text, q.start)
        out.append(Quantity(q.value, q.start, q.end, q.text, q.kind,
                            hedge[0] if hedge else None, q.high))
    return out


# --- texts made of what the reader looks at ------------------------------------------------

_PIECES = [
    *numbers.CARDINAL_WORDS, *numbers.ORDINAL_WORDS, *numbers._MULTIPLIERS, *SCALES,
    *(alt for _, alts in _HEDGES for alt in alts.split("|")),
    "a", "an", "and", "to", "or", "people", "MoUs", "some", "one", "no", "B2B", "5G",
    "SKY47", "Sky4.7", "1,500", "300,000", "1,00,000", "2.5", "10", "12", "2025-09-08",
    "2025-09", "21st", "8th", "10-fold", "5bn", "10k", "2mn", "US$", "$", "€", "Rs.", "Rs",
    "PKR", "USD", "-", "–", "—", "%", ",", ".", "...", "(", ")", "'", "TWENTY", "Nine",
    "ſome", "\u212aten", "cırca", "²", "٣", "3²", "ten²", "½",
]
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "-", "\n", "  ", "\u00a0", "\t"])
_texts = st.lists(st.tuples(st.sampled_from(_PIECES), _SEPARATORS), max_size=14).map(
    lambda pairs: "".join(p + s for p, s in pairs))
_any_texts = st.one_of(_texts, st.text(max_size=40),
                       st.text(alphabet="ab1-, .$tonewhrd", max_size=30))


@settings(max_examples=600, deadline=None)
@given(_any_texts)
def test_find_quantities_is_unchanged(text: str) -> None:
    assert numbers.find_quantities(text) == _reference_find_quantities(text)


@settings(max_examples=600, deadline=None)
@given(_any_texts)
def test_the_number_word_pre_test_never_drops_a_quantity(text: str) -> None:
    assert numbers._word_quantities(text) == numbers._read_number_words(text)


@settings(max_examples=600, deadline=None)
@given(_any_texts)
def test_word_tokens_are_unchanged(text: str) -> None:
    assert numbers._word_tokens(text) == _reference_word_tokens(text)


@settings(max_examples=600, deadline=None)
@given(_any_texts)
def test_digit_quantities_are_unchanged(text: str) -> None:
    assert numbers._digit_quantities(text) == _reference_digit_quantities(text)


@settings(max_examples=400, deadline=None)
@given(_texts)
def test_one_hedge_search_finds_what_one_search_per_kind_found(text: str) -> None:
    for start in range(len(text) + 1):
        assert numbers.hedge_span(text, start) == _reference_hedge_span(text, start)


def test_the_longest_hedge_wins_in_one_search() -> None:
    # "no fewer than" (at least) contains "fewer than" (at most); "just over" (approx)
    # contains "over" (at least).
    assert numbers.hedge_span("no fewer than 5", 14) == ("at_least", 0)
    assert numbers.hedge_span("just over 5", 10) == ("approx", 0)
    assert numbers.hedge_span("about US$ 5", 10) == ("approx", 0)
    assert numbers.hedge_span("more\nthan 40", 10) == ("at_least", 0)
