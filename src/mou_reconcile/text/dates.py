"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and the dates a text mentions."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from datetime import date

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

PartialDate = tuple[int, ...]  # (year,), (year, month) or (year, month, day); year 0 = unknown

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
_MONTHS |= {m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# A bare month name is a date only when it cannot be a verb ("may", "march").
_FULL_MONTHS = ["january", "february", "april", "june", "july", "august", "september",
                "october", "november", "december"]  # not "may" or "march"
_MON_BARE = r"(?P<mon>" + "|".join(_FULL_MONTHS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?!\d)",   # 2025-09-08
    rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b,?\s*(?:{_YEAR})?",                     # 8 September 2025
    rf"\b{_MON}\s+{_DAY}\b(?:,?\s*{_YEAR})?",                               # Sep 8, 2025
    rf"\b{_MON}\s*,?\s*{_YEAR}\b",                                          # September 2025
    rf"\b{_MON_BARE}\b",                                                    # in November
    r"(?<!\d)(?<!\d[.,])(?P<year>(?:19|20)\d{2})(?!\d|[.,]\d|'?s\b)",                        # 2015
)]


def parse_partial_date(text: str) -> tuple[int, ...] | None:
    """'2025', '2025-09' or '2025-09-08' as (year[, month[, day]]); None if not a real date."""
    m = DATE_PATTERN.fullmatch(text)
    if not m:
        return None
    parts = tuple(int(g) for g in m.groups() if g is not None)
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return parts


def parse(value: str | int) -> PartialDate | None:
    return parse_partial_date(str(value))


def format_date(d: PartialDate) -> str:
    return "-".join(f"{x:04d}" if i == 0 else f"{x:02d}" for i, x in enumerate(d))


def mentions(text: str) -> list[PartialDate]:
    """Dates the text mentions; a month without a year gets year 0 (unknown)."""
    found: list[PartialDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            month = int(g["month"]) if g.get("month") else (
                _MONTHS[g["mon"].lower()] if g.get("mon") else None)
            year = int(g["year"]) if g.get("year") else 0
            day = int(g["day"]) if g.get("day") else None
            parts: PartialDate = (year,) if month is None else (
                (year, month) if day is None else (year, month, day))
            taken.append((m.start(), m.end()))
            found.append(parts)
    return found


def spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes a date with a day or a year ("14 March 2026", "Dec 22 2025",
    "September 2025", "2025-09-08"): the numbers inside are not quantities. "may 5" and
    "march 3" without a year are left alone (more often a verb than a month)."""
    found: list[tuple[int, int]] = []  # sorted and never overlapping, so one neighbour
    for pattern in _PATTERNS[:4]:     # tells whether a new span overlaps any
        for m in pattern.finditer(text):
            mon = m.groupdict().get("mon") or ""
            if mon.lower() in ("may", "march", "mar") and mon.islower() and not m.group("year"):
                continue
            k = bisect_left(found, (m.end(),))  # the spans starting before m ends: [:k]
            if k == 0 or found[k - 1][1] <= m.start():
                insort(found, m.span())
    return found


def contains(outer: PartialDate, inner: PartialDate) -> bool:
    """Whether every day of `inner` lies within `outer` (year 0 in `inner`: any year)."""
    if len(inner) < len(outer):
        return False
    # A month without a year ("in November") may stand for a month or day, not for a year.
    any_year = len(outer) > 1
    return all(o == i or (k == 0 and i == 0 and any_year)
               for k, (o, i) in enumerate(zip(outer, inner)))


def agree(a: PartialDate, b: PartialDate) -> bool:
    """A partial date agrees with any date it contains (2025-09 agrees with 2025-09-08)."""
    return contains(a, b) or contains(b, a)
