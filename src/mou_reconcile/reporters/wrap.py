"""Lines of terminal text wrapped to a width: between words, never through one; each line
after the first indented (a hanging indent: the line's own indentation and two more, or as
asked). A word too long for any line (an id, a fact name) is cut in its middle with an
ellipsis, so that both its ends show: `asakusa-lantern-fes…ole_evening_programme`. Widths
are counted in terminal cells: a CJK character or an emoji counts as two.

One layout (`_layout`) for rich's styled `Text` (`wrap_text`) and for plain strings
(`wrap_plain`, output written without rich: reporters/plain.py). rich.text and
rich.console are imported only where a styled line is made: importing them is a tenth of
a cold `check`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

HANG = 2  # continuation lines: the first line's indentation and this many more columns
MIN_WIDTH = 20  # narrower than this, lines are left to the terminal
MIN_CUT = 24  # a word cut anyway stays on its line if this much room is left there
_WORD = re.compile(r"\S+")


class Hanging:
    """A line to print wrapped with its continuation lines indented by `hang` columns (a
    plain `Text` gets its own indentation and two more)."""

    def __init__(self, text: Text, hang: int) -> None:
        self.text, self.hang = text, hang


class Cell:
    """A table cell's text, wrapped by `wrap_text` to the width its column gets (rich's own
    wrapping would cut a wide character's word as `灯籠祭 …` and fold ids mid-word)."""

    def __init__(self, text: Text, hang: int = 0) -> None:
        self.text, self.hang = text, hang

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        lines = self.text.plain.split("\n")
        longest = max(cell_len(line) for line in lines)
        word = max((cell_len(w) for w in _WORD.findall(self.text.plain)), default=1)
        return Measurement(min(word, MIN_CUT, longest), longest).clamp(
            max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from wrap_text(self.text, options.max_width, self.hang, minimum=1)


def wrap_text(text: Text, width: int, hang: int | None = None,
              minimum: int = MIN_WIDTH) -> list[Text]:
    """`text` as lines at most `width` cells wide, styles kept. A line break in `text`
    starts a new line (each wrapped on its own, with its own indentation). Under `minimum`
    columns, lines are left as they are."""
    from rich.text import Text

    if "\n" in text.plain:
        out: list[Text] = []
        for part in text.split("\n", allow_blank=True):
            out += wrap_text(part, width, hang, minimum)
        return out
    layout = _layout(text.plain, width, hang, minimum)
    if layout is None:
        return [text]
    indent, lines = layout
    offsets = sorted({x for line in lines for a, b, _ in line for x in (a, b)})
    pieces = text.divide(offsets)
    at = {offset: k + 1 for k, offset in enumerate(offsets)}  # the piece starting there
    out = []
    for k, line in enumerate(lines):
        shown = Text(" " * (indent if k else 0), end=text.end)
        for a, b, cut in line:
            if a < b:
                shown.append_text(pieces[at[a]] if cut is None else
                                  cut_middle(pieces[at[a]], cut))
        out.append(shown)
    return out


def wrap_plain(text: str, width: int, hang: int | None = None,
               minimum: int = MIN_WIDTH) -> list[str]:
    """As `wrap_text`, for a string: the same lines, without styles."""
    if "\n" in text:
        return [line for part in text.split("\n") for line in
                wrap_plain(part, width, hang, minimum)]
    layout = _layout(text, width, hang, minimum)
    if layout is None:
        return [text]
    indent, lines = layout
    return [" " * (indent if k else 0) + "".join(
        text[a:b] if cut is None else _cut_plain(text[a:b], cut)
        for a, b, cut in line if a < b) for k, line in enumerate(lines)]


def _layout(plain: str, width: int, hang: int | None,
            minimum: int) -> tuple[int, list[list[tuple[int, int, int | None]]]] | None:
    """Where one line of text (no line breaks) breaks: the continuation lines' indent, and
    each line as (start, end, cells to cut to or None) parts of `plain`; None when the line
    is left as it is (it fits, no words, or under `minimum` columns)."""
    if width < minimum or cell_len(plain) <= width:
        return None
    words = [m.span() for m in _WORD.finditer(plain)]
    if not words:
        return None
    indent = cell_len(plain[:words[0][0]]) + HANG if hang is None else hang
    indent = min(indent, width // 2)  # a deep indent still leaves room for words
    lines: list[list[tuple[int, int, int | None]]] = [[]]
    used = 0  # cells on the line
    start = 0  # where the part of `plain` not yet on a line begins
    for n, (a, b) in enumerate(words):
        gap_at = words[n - 1][1] if n else 0  # the spaces before the word go with it
        gap, size = cell_len(plain[gap_at:a]), cell_len(plain[a:b])
        if n and used + gap + size > width and (
                size <= width - indent or width - used - gap < MIN_CUT):
            lines[-1].append((start, gap_at, None))
            lines.append([])
            used, start, gap = indent, a, 0
        room = width - used - gap
        if size > room:  # too long for any line: cut in its middle
            lines[-1] += [(start, a, None), (a, b, room)]
            start, size = b, room
        used += gap + size
    lines[-1].append((start, words[-1][1], None))
    return indent, lines


def cut_middle(word: Text, cells: int) -> Text:
    """`word` in at most `cells` cells: its start, an ellipsis, its end."""
    from rich.text import Text

    if cells < 3:
        return Text("…"[:max(cells, 0)], style=word.style)
    head, tail = _cut_at(word.plain, cells)
    out = word[:head]
    out.append("…")
    out.append_text(word[tail:])
    return out


def _cut_plain(word: str, cells: int) -> str:
    if cells < 3:
        return "…"[:max(cells, 0)]
    head, tail = _cut_at(word, cells)
    return word[:head] + "…" + word[tail:]


def _cut_at(plain: str, cells: int) -> tuple[int, int]:
    """Where `cut_middle` cuts `plain` to fit `cells` (3 or more): the head ends at the
    first index, the tail starts at the second."""
    head_cells = cells // 2  # the ellipsis takes one cell: the head gets any odd one
    tail_cells = cells - 1 - head_cells
    head = used = 0
    while head < len(plain) and used + cell_len(plain[head]) <= head_cells:
        used += cell_len(plain[head])
        head += 1
    tail = len(plain)
    used = 0
    while tail > head and used + cell_len(plain[tail - 1]) <= tail_cells:
        used += cell_len(plain[tail - 1])
        tail -= 1
    return head, tail
