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
from bisect import bisect_right
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

# Hedges, as they end the text just before a number ("train up to 300,000"). A forecast
# ("the toll could rise to 600", "could reach 10,000") gives a ceiling: at_most; the plain
# past ("rose to 600", "reached 10,000") is no hedge. "Nearly", "almost", "close to" and
# "just under" say a bit under the number, but not how far: approx, as the claims format
# has it ("nearly" is its example), not at_most (which would admit any smaller number).
_HEDGES: list[tuple[Hedge, str]] = [
    ("at_most", r"up to|as many as|as much as|as high as|at most|no more than|not more than"
                r"|a maximum of|maximum of|fewer than|less than|under|below|as few as"
                r"|could climb to|could rise to|could reach|may climb to|may rise to"
                r"|may reach|might climb to|might rise to|might reach"),
    ("at_least", r"more than|over|at least|in excess of|upwards of|no fewer than|no less than"
                 r"|a minimum of|above|exceeding"),
    ("approx", r"about|around|nearly|almost|some|approximately|roughly|an estimated|estimated"
               r"|close to|closer to|circa|approx\.|c\.|an approximate|just over|just under"),
]
_CURRENCY = r"(?:US\$|\$|€|£|¥|Rs\.?|PKR|USD|RMB|CNY)?\s*"
# A hedge's words may be split by a line break in a hard-wrapped article ("more\nthan 40").
# One pattern, one named group per hedge: a search finds the earliest start of any hedge
# (the longest: "no fewer than", at least, contains "fewer than", at most), and at one start
# the first group in _HEDGES order, as separate searches per hedge would.
_HEDGE_RE = re.compile(r"(?:^|\b)(?:" + "|".join(
    f"(?P<{h}>" + alts.replace(" ", r"\s+") + ")" for h, alts in _HEDGES)
    + rf")\s+{_CURRENCY}$", re.IGNORECASE)
_SCALE_ORDINALS = {"hundredth", "thousandth", "millionth"}

_DIGITS = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:(?P<suffix>k|mn|bn|tn)|(?P<fold>-?fold)|(?P<ord>st|nd|rd|th))?(?![\w]|[.,]\d)"
    r"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion|lakh|crore)s?\b)?",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LETTERS = re.compile(r"[A-Za-z]+")  # the pieces of _WORD's matches, and a few more
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to)\s*", re.IGNORECASE)
# "between 10 and 12", "between $1 billion and $2 billion": a range as "10 to 12" is.
_BETWEEN = re.compile(rf"\bbetween\s+{_CURRENCY}$", re.IGNORECASE)
_AND_GAP = re.compile(rf"\s+and\s+{_CURRENCY}", re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d)")


@dataclass(frozen=True, slots=True)  # many are made: one per number read
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
    m = _HEDGE_RE.search(before)
    if m is None:
        return None
    hedge: Hedge = m.lastgroup  # type: ignore[assignment]  # a group named after a Hedge
    lead = len(before[m.start():]) - len(before[m.start():].lstrip())
    return hedge, offset + m.start() + lead


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
    size = len(text)
    for m in _WORD.finditer(text):
        start, end = m.span()
        # Glued to digits ("B2B", "5G"): part of a code, not a word.
        if (start and text[start - 1].isdigit()) or (end < size and text[end].isdigit()):
            continue
        word = m.group().lower()  # ASCII letters and hyphens: lower() keeps the offsets
        if "-" not in word:
            tokens.append((word, start, end))
            continue
        for piece in word.split("-"):
            tokens.append((piece, start, start + len(piece)))
            start += len(piece) + 1
    return tokens


def _is_number_word(w: str) -> bool:
    return w in CARDINAL_WORDS or w in SCALES


# Every quantity in words has one of these as a token ("a hundred": the scale).
_NUMBER_WORDS = frozenset(CARDINAL_WORDS) | frozenset(ORDINAL_WORDS) | frozenset(
    _MULTIPLIERS) | frozenset(SCALES)


def _word_quantities(text: str) -> list[Quantity]:
    # Most text has no number word: one pass over its letter runs (a superset of the tokens)
    # settles that, without tokenizing.
    if _NUMBER_WORDS.isdisjoint(map(str.lower, _LETTERS.findall(text))):
        return []
    return _read_number_words(text)


def _read_number_words(text: str) -> list[Quantity]:
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
        half = _half_a_scale(tokens, i)
        if half is not None:  # "half a million": 500,000 (not "a million")
            e2 = tokens[i + 2][2]
            found.append(Quantity(half, s, e2, text[s:e2]))
            i += 3
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
        found.extend(_run_quantities(text, tokens[i:j]))
        i = j
    return found


def _half_a_scale(tokens: list[tuple[str, int, int]], i: int) -> float | None:
    """Half the scale if tokens[i:i+3] are "half a <scale>" ("half a million"), else None."""
    if tokens[i][0] != "half" or i + 2 >= len(tokens):
        return None
    (a, sa, ea), (scale, ss, _) = tokens[i + 1], tokens[i + 2]
    if a == "a" and scale in SCALES and sa - tokens[i][2] <= 1 and ss - ea <= 1:
        return SCALES[scale] / 2
    return None


def _run_quantities(text: str, run: list[tuple[str, int, int]]) -> list[Quantity]:
    """A run of number words as its quantities: one number ("one hundred and five"), else
    the longest readable pieces between its "and"s ("one and two million": 1, 2,000,000),
    else, for a piece no reader takes, its words one by one ("one two")."""
    value = _words_value([t[0] for t in run])
    if value is not None:
        return [Quantity(value, run[0][1], run[-1][2], text[run[0][1]:run[-1][2]])]
    ands = [k for k, t in enumerate(run) if t[0] == "and"]
    if not ands:
        return [Quantity(CARDINAL_WORDS[w], s, e, text[s:e]) for w, s, e in run
                if w in CARDINAL_WORDS]
    edges = [-1, *ands, len(run)]  # pieces: run[edges[n] + 1:edges[n + 1]]
    out: list[Quantity] = []
    n = 0
    whole = (0, len(edges) - 1)  # read above
    while n < len(edges) - 1:
        for m in range(len(edges) - 1, n, -1):  # the longest readable span of pieces first
            piece = run[edges[n] + 1:edges[m]]
            value = (_words_value([t[0] for t in piece]) if piece and (n, m) != whole
                     else None)
            if value is not None:
                s, e = piece[0][1], piece[-1][2]
                out.append(Quantity(value, s, e, text[s:e]))
                n = m
                break
        else:
            piece = run[edges[n] + 1:edges[n + 1]]
            out.extend(Quantity(CARDINAL_WORDS[w], s, e, text[s:e]) for w, s, e in piece
                       if w in CARDINAL_WORDS)
            n += 1
    return out


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _digit_quantities(text: str) -> list[Quantity]:
    if not _ANY_DIGIT.search(text):  # a quote without digits is common, and cheap to skip
        return []
    masked = _ISO_DATE.sub(_blank, text) if "-" in text else text  # ISO dates have hyphens
    found = []
    for m in _DIGITS.finditer(masked):
        whole, dec, suffix, fold, ordinal, scale = m.groups()
        value = float(whole.replace(",", "") + (dec or ""))
        kind: Kind = "cardinal"
        if suffix:
            value *= _SUFFIXES[suffix.lower()]
        if scale:
            value *= SCALES[scale.lower()]
        if fold:
            kind = "multiplier"
        if ordinal:  # "21st", "8th"
            kind = "ordinal"
        start, end = m.span()
        found.append(Quantity(value, start, end, text[start:end], kind))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with its hedge and ranges joined."""
    raw = sorted(_digit_quantities(text) + _word_quantities(text), key=_start)
    out: list[Quantity] = []
    for q in raw:
        if out and out[-1].kind == "cardinal" and q.kind == "cardinal":
            prev = out[-1]
            if prev.value <= q.value and (_RANGE_GAP.fullmatch(text, prev.end, q.start)
                                          or _is_between(text, prev, q)):
                low = prev.value
                scale = _scale_of(q.text)  # "10-12 million": the scale belongs to both ends
                if scale > 1 and not _scale_of(prev.text) > 1 and prev.value * scale <= q.value:
                    low = prev.value * scale
                out[-1] = Quantity(low, prev.start, q.end, text[prev.start:q.end], "cardinal",
                                   prev.hedge, q.value)
                continue
        hedge = hedge_before(text, q.start)
        # The readers leave hedge and high unset: only a hedged one needs a new Quantity.
        out.append(q if hedge is None else Quantity(q.value, q.start, q.end, q.text, q.kind,
                                                     hedge, q.high))
    return out


def _start(q: Quantity) -> int:
    return q.start


def _is_between(text: str, low: Quantity, high: Quantity) -> bool:
    """Whether the two stand as "between <low> and <high>" (low itself not a range)."""
    return (low.high is None and _AND_GAP.fullmatch(text, low.end, high.start) is not None
            and _BETWEEN.search(text, max(0, low.start - 20), low.start) is not None)


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
    low_text = re.split(r"\s*(?:-|–|—|\bto\b|\band\b)\s*", q.text)[0]  # a range's low end
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

    from mou_reconcile.text import dates

    in_dates = dates.spans(text)  # sorted, never overlapping
    starts = [a for a, _ in in_dates]
    out: list[Quantity] = []
    for q in find_quantities(text):
        k = bisect_right(starts, q.start) - 1  # the one date that can hold q
        in_date = k >= 0 and q.end <= in_dates[k][1]
        if _is_year(text, q) or (in_date and _YEAR.fullmatch(q.text)):
            if years:
                out.append(replace(q, kind="year"))
        elif not in_date and not _is_pronoun_one(text, q):
            out.append(q)
    return out
