"""What a Markdown report cut to a size budget keeps (`report --max-bytes`).

GitHub caps a pull-request comment at 65,536 characters and a job summary at 1 MiB; the
Markdown report of a 20,000-claim corpus is 0.9 MB. The report's order is already its
importance (reconcile/importance.py: errors, then warnings, each the one that matters most
first), so the cut keeps prefixes of it: the table's rows (errors, warnings, resolved)
within half the room, so that many findings are named at a glance; the quotes of its first
rows in the room left; then rows with their quotes, and rows alone, while they fit; then
the info list and the corroborated values, each only once everything before it is kept. A
note says what was left out and where the whole report is; its room is set aside first.
Sizes are UTF-8 bytes, never fewer than characters, so a byte budget holds a character cap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Parts:
    """The report's pieces, each a list of lines, in the report's order."""

    head: list[str]  # heading, summary line, problems note: always kept
    rows: list[str]  # one table row per discrepancy not listed as info
    details: list[list[str]]  # each such discrepancy's quotes, hints and verdict
    info: list[str]  # one line per open info discrepancy
    corroborated: list[str]  # one line per corroborated value
    table: list[str]  # the table's heading lines (with the blank line before)
    info_wrapper: int  # bytes around the info lines, at most
    corroborated_wrapper: int  # bytes around the corroborated lines, at most


@dataclass(frozen=True)
class Kept:
    rows: int
    details: int
    info: int
    corroborated: int
    note: str = ""  # what was left out; empty when nothing was


def size(lines: list[str]) -> int:
    """The bytes `lines` take written one per line."""
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def fit(parts: Parts, budget: int | None, note_for: Callable[[Kept], str]) -> Kept:
    """The longest prefix of the report, by importance, that fits `budget` bytes with the
    note; everything when it all fits (or no budget). A budget too small for the heading
    and the note keeps only those."""
    everything = Kept(len(parts.rows), len(parts.details), len(parts.info),
                      len(parts.corroborated))
    if budget is None or _total(parts, everything) <= budget:
        return everything
    # The note's room: its form with nothing kept, plus what a longer one can add: the
    # quotes part, and "N of" where "all" stood (for discrepancies and corroborated values).
    most = max(len(parts.rows) + len(parts.info), len(parts.corroborated))
    reserve = size(["", note_for(Kept(0, 0, 0, 0))]) + len(
        f", the quotes of {len(parts.rows):,} more") + 2 * len(f"{most:,} of ")
    room = budget - size(parts.head) - reserve
    # The table first, within half the room: many findings named at a glance; then the
    # quotes of its first rows; then, the room left, rows with quotes, then rows alone.
    rows, room = _prefix(parts.rows, size(parts.table), room // 2, room)
    details = 0
    for block in parts.details[:rows]:
        if size(block) > room:
            break
        room -= size(block)
        details += 1
    with_details = details == rows
    for row, block in zip(parts.rows[rows:], parts.details[rows:], strict=True):
        cost = size([row]) + (size(parts.table) if rows == 0 else 0)
        if with_details and cost + size(block) <= room:
            room -= cost + size(block)
            rows, details = rows + 1, details + 1
        elif cost <= room:
            with_details = False
            room -= cost
            rows += 1
        else:
            break
    info = corroborated = 0
    if rows == len(parts.rows):
        info, room = _prefix(parts.info, parts.info_wrapper, room, room)
    if info == len(parts.info):
        corroborated, room = _prefix(parts.corroborated, parts.corroborated_wrapper, room,
                                     room)
    kept = Kept(rows, details, info, corroborated)
    return replace(kept, note=note_for(kept))


def _prefix(lines: list[str], wrapper: int, limit: int, room: int) -> tuple[int, int]:
    """How many of `lines` fit in `limit` bytes (of `room`) with their wrapper, and the room
    left."""
    n = used = 0
    for line in lines:
        cost = size([line]) + (wrapper if n == 0 else 0)
        if used + cost > limit:
            break
        used += cost
        n += 1
    return n, room - used


def _total(parts: Parts, kept: Kept) -> int:
    """At most the bytes of the report keeping `kept` (wrappers counted at their most)."""
    total = size(parts.head) + sum(size(b) for b in parts.details[:kept.details])
    if kept.rows:
        total += size(parts.table) + size(parts.rows[:kept.rows])
    if kept.info:
        total += parts.info_wrapper + size(parts.info[:kept.info])
    if kept.corroborated:
        total += parts.corroborated_wrapper + size(parts.corroborated[:kept.corroborated])
    return total
