"""Quantities in English news text: digits, number words, scales, ranges and hedges.

Our own tokenizer finds digits (with thousands separators and decimals), scale words
("1.5 million"), ranges ("10-12", "ten to twelve") and the hedge before a number ("up to",
"more than", "about"); runs of number words are converted by text2num ("three hundred
thousand" -> 300000). Digits glued to letters ("5G", "SKY47", "Sky4.7", "B2B") are codes,
not quantities. One module serves `check` (is the claimed value in the quote?) and
`extract`/`coverage` (which quantities does an article state?): `mentions` drops from
`find_quantities` what a curator would never record (days of dates, bare years unless
asked, "one" used as a pronoun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["cardinal", "ordinal", "multiplier", "year"]  # "year": mentions() only
Hedge = Literal["approx", "at_least", "at_most"]

SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "lakh": 100_000, "crore": 10_000_000}
_SUFFIXES = {"k": 1_000, "mn": 1_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000}

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
CARDINAL_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in
                                                        enumerate(_TENS)}
_ORD_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
              "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
              "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
ORDINAL_WORDS = {w: i for i, w in enumerate(_ORD_UNITS)} | {
    w[:-1] + "ieth": 20 + 10 * i for i, w in enumerate(_TENS)} | {
    "hundredth": 100, "thousandth": 1_000, "millionth": 1_000_000}
_MULTIPLIERS = {"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6,
                "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10,
                "hundredfold": 100, "thousandfold": 1000}

# Hedges, as they end the text just before a number ("train up to 300,000").
_HEDGES: list[tuple[Hedge, str]] = [
    ("at_most", r"up to|as many as|as much as|as high as|at most|no more than|not more than"
                r"|a maximum of|maximum of|fewer than|less than|under|below|as few as"),
    ("at_least", r"more than|over|at least|in excess of|upwards of|no fewer than|no less than"
                 r"|a minimum of|above|exceeding"),
    ("approx", r"about|around|nearly|almost|some|approximately|roughly|an estimated|estimated"
               r"|close to|circa|approx\.|c\.|an approximate|just over|just under"),
]
_CURRENCY = r"(?:US\$|\$|€|£|¥|Rs\.?|PKR|USD|RMB|CNY)?\s*"
# A hedge's words may be split by a line break in a hard-wrapped article ("more\nthan 40").
_HEDGE_RE = [(h, re.compile(r"(?:^|\b)(?:" + alts.replace(" ", r"\s+") + rf")\s+{_CURRENCY}$",
                            re.IGNORECASE)) for h, alts in _HEDGES]
_SCALE_ORDINALS = {"hundredth", "thousandth", "millionth"}

_DIGITS = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:(?P<suffix>k|mn|bn|tn)|(?P<fold>-?fold)|(?P<ord>st|nd|rd|th))?(?![\w]|[.,]\d)"
    r"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|lakh|crore)s?\b)?",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*$|^\s*(?:-|–|—|to)\s*", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d)")


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int
    end: int
    text: str
    kind: Kind = "cardinal"
    hedge: Hedge | None = None
    high: float | None = None  # the upper end of a range ("10-12": value 10, high 12)

    @property
    def bound(self) -> str:
        """The claims format's bound for this mention: range, the hedge's, else exact."""
        if self.high is not None:
            return "range"
        return self.hedge if self.hedge and self.kind == "cardinal" else "exact"


def hedge_span(text: str, start: int) -> tuple[Hedge, int] | None:
    """The hedge that ends the text just before `start`, and where it begins."""
    offset = max(0, start - 40)
    before = text[offset:start]
    # The longest hedge wins: "no fewer than" (at least) contains "fewer than" (at most).
    best: tuple[int, Hedge] | None = None
    for hedge, pattern in _HEDGE_RE:
        m = pattern.search(before)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), hedge)
    if best is None:
        return None
    lead = len(before[best[0]:]) - len(before[best[0]:].lstrip())
    return best[1], offset + best[0] + lead


def hedge_before(text: str, start: int) -> Hedge | None:
    """The hedge that ends the text just before `start`, if any."""
    found = hedge_span(text, start)
    return found[0] if found else None


def _words_value(words: list[str]) -> float | None:
    """A run of number words as a number, via text2num; None if it is not one number."""
    from text_to_num import text2num

    if words[0] == "a":
        words = ["one", *words[1:]]
    for k, w in enumerate(words):  # text2num knows no lakh or crore: "three lakh" = 3 * 1e5
        if w in ("lakh", "crore") and k > 0:
            head = _words_value(words[:k])
            tail = _words_value(words[k + 1:]) if k + 1 < len(words) else 0.0
            if head is None or tail is None:
                return None
            return head * SCALES[w] + tail
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _word_tokens(text: str) -> list[tuple[str, int, int]]:
    tokens = []
    for m in _WORD.finditer(text):
        # Glued to digits ("B2B", "5G"): part of a code, not a word.
        if (m.start() > 0 and text[m.start() - 1].isdigit()) or (
                m.end() < len(text) and text[m.end()].isdigit()):
            continue
        offset = m.start()
        for piece in m.group().split("-"):
            tokens.append((piece.lower(), offset, offset + len(piece)))
            offset += len(piece) + 1
    return tokens


def _is_number_word(w: str) -> bool:
    return w in CARDINAL_WORDS or w in SCALES


def _word_quantities(text: str) -> list[Quantity]:
    tokens = _word_tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        w, s, e = tokens[i]
        if w in ORDINAL_WORDS:
            found.append(Quantity(ORDINAL_WORDS[w], s, e, text[s:e], "ordinal"))
            i += 1
            continue
        if w in _MULTIPLIERS:
            found.append(Quantity(_MULTIPLIERS[w], s, e, text[s:e], "multiplier"))
            i += 1
            continue
        starts_run = w in CARDINAL_WORDS or (
            w == "a" and i + 1 < len(tokens) and tokens[i + 1][0] in SCALES
            and tokens[i + 1][1] - e <= 1)
        if not starts_run:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j][1] - tokens[j - 1][2] <= 1:
            nxt = tokens[j][0]
            if _is_number_word(nxt) or (nxt == "and" and j + 1 < len(tokens)
                                        and _is_number_word(tokens[j + 1][0])):
                j += 1
            else:
                break
        # compound ordinal: "twenty-first"
        if (j < len(tokens) and tokens[j][0] in ORDINAL_WORDS
                and tokens[j][1] - tokens[j - 1][2] <= 1):
            base = _words_value([t[0] for t in tokens[i:j]])
            if base is not None:
                s2, e2 = s, tokens[j][2]
                word = tokens[j][0]
                # "one hundredth" is 100 (a scale multiplies); "twenty-first" is 21.
                ordinal = base * ORDINAL_WORDS[word] if word in _SCALE_ORDINALS else (
                    base + ORDINAL_WORDS[word])
                found.append(Quantity(ordinal, s2, e2, text[s2:e2], "ordinal"))
                i = j + 1
                continue
        words = [t[0] for t in tokens[i:j]]
        value = _words_value(words)
        if value is None:  # not one number ("one two"): take the words one by one
            for w2, s2, e2 in tokens[i:j]:
                if w2 in CARDINAL_WORDS:
                    found.append(Quantity(CARDINAL_WORDS[w2], s2, e2, text[s2:e2]))
        else:
            e2 = tokens[j - 1][2]
            found.append(Quantity(value, s, e2, text[s:e2]))
        i = j
    return found


def _digit_quantities(text: str) -> list[Quantity]:
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
        if m.group("ord"):  # "21st", "8th"
            kind = "ordinal"
        found.append(Quantity(value, m.start(), m.end(), text[m.start():m.end()], kind))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with its hedge and ranges joined."""
    raw = sorted(_digit_quantities(text) + _word_quantities(text), key=lambda q: q.start)
    out: list[Quantity] = []
    for q in raw:
        if out and out[-1].kind == "cardinal" and q.kind == "cardinal":
            prev = out[-1]
            gap = text[prev.end:q.start]
            if re.fullmatch(r"\s*(?:-|–|—|to)\s*", gap, re.IGNORECASE) and prev.value <= q.value:
                low = prev.value
                scale = _scale_of(q.text)  # "10-12 million": the scale belongs to both ends
                if scale > 1 and not _scale_of(prev.text) > 1 and prev.value * scale <= q.value:
                    low = prev.value * scale
                out[-1] = Quantity(low, prev.start, q.end, text[prev.start:q.end], "cardinal",
                                   prev.hedge, q.value)
                continue
        out.append(Quantity(q.value, q.start, q.end, q.text, q.kind, hedge_before(text, q.start),
                            q.high))
    return out


def _scale_of(text: str) -> float:
    """The scale a quantity's text ends with: 'twelve million' -> 1e6, '5bn' -> 1e9."""
    last = text.lower().rstrip("s").split()[-1] if text.split() else ""
    if last in SCALES and last != "hundred":
        return float(SCALES[last])
    for suffix, factor in _SUFFIXES.items():
        digits = last[: -len(suffix)].replace(",", "").replace(".", "")
        if last.endswith(suffix) and digits.isdigit():
            return float(factor)
    return 1.0


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


# "one" is a pronoun, not a count, before these words ("one of the", "one to provide ...
# and another") and after these ("no one", "each one").
_PRONOUN_NEXT = {"of", "to", "another", "who", "whom", "which", "that", "is", "was", "has",
                 "had", "can", "could", "would", "will", "should", "must", "might", "may",
                 "does", "did", "else"}
_PRONOUN_BEFORE = {"no", "any", "every", "each", "this", "that", "which", "someone"}
# A bare four-digit number after these words, or closing its clause, is a year ("in 2015,");
# with a month it is part of a date (dates.spans).
_YEAR_CUES = {"in", "since", "by", "until", "till", "from", "of", "during", "through",
              "before", "after", "early", "late", "mid", "year", "years", "fy", "circa"}
_YEAR = re.compile(r"\d{4}")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s,]*$")
_WORD_AFTER = re.compile(r"^\s*([A-Za-z]+)")


def _is_year(text: str, q: Quantity) -> bool:
    low_text = re.split(r"\s*(?:-|–|—|to)\s*", q.text)[0]
    if q.kind != "cardinal" or q.hedge or not _YEAR.fullmatch(low_text):
        return False
    if not 1800 <= q.value <= 2199 or (q.high is not None and not 1800 <= q.high <= 2199):
        return False
    before = _WORD_BEFORE.search(text[max(0, q.start - 20):q.start])
    if before and before.group(1).lower() in _YEAR_CUES:
        return True
    after = text[q.end:q.end + 2].lstrip(" ")
    return not after or not after[0].isalnum()


def _is_pronoun_one(text: str, q: Quantity) -> bool:
    if q.text.lower() != "one" or q.hedge:
        return False
    after = _WORD_AFTER.match(text[q.end:q.end + 20])
    before = _WORD_BEFORE.search(text[max(0, q.start - 20):q.start])
    return bool((after and after.group(1).lower() in _PRONOUN_NEXT)
                or (before and before.group(1).lower() in _PRONOUN_BEFORE))


def mentions(text: str, *, years: bool = False) -> list[Quantity]:
    """The quantities a curator could record: `find_quantities` without the days of dates,
    pronoun "one" and, unless `years`, years (kept with kind "year" when asked for)."""
    from dataclasses import replace

    from mou_reconcile import dates

    in_dates = dates.spans(text)
    out: list[Quantity] = []
    for q in find_quantities(text):
        in_date = any(a <= q.start and q.end <= b for a, b in in_dates)
        if _is_year(text, q) or (in_date and _YEAR.fullmatch(q.text)):
            if years:
                out.append(replace(q, kind="year"))
        elif not in_date and not _is_pronoun_one(text, q):
            out.append(q)
    return out
