"""An article's text, indexed once: folded form, line starts and paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, count
from operator import add
from pathlib import Path

from mou_reconcile.text.fold import Folded, fold

# A paragraph is a block of lines between blank lines; one-line-per-paragraph articles
# (the common web-copy shape) and hard-wrapped ones both fit this rule.
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?]['\"’”)\]]*(?=\s+|$)|\n\s*\n")
WORD = re.compile(r"\w+")  # a word, as the closest-passage index splits text
_WORD3 = re.compile(r"(?<!\w)(\w{3})\w*")  # a word of three letters or more


@dataclass
class Article:
    source_id: str
    path: Path
    display: str  # the path as shown to users
    text: str

    @cached_property
    def _line_starts(self) -> list[int]:
        # Line k+1 starts after the k lines before it and their k newlines (C-level loops).
        lengths = accumulate(map(len, self.text.split("\n")[:-1]))
        return [0, *map(add, lengths, count(1))]

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Paragraph spans in the folded text, in order."""
        bounds: list[tuple[int, int]] = []
        start = 0
        for m in _BLANK_LINES.finditer(self.text):
            bounds.append((start, m.start()))
            start = m.end()
        bounds.append((start, len(self.text)))
        folded = self.folded
        spans = []
        for a, b in bounds:
            fa, fb = folded.folded_index(a), folded.folded_index(b)
            if fb > fa:
                spans.append((fa, min(fb, len(self.folded.text))))
        return spans

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph_at(self, folded_index: int) -> tuple[int, int] | None:
        paras = self.paragraphs
        k = bisect_right(self._paragraph_starts, folded_index) - 1
        if k >= 0 and paras[k][0] <= folded_index < paras[k][1]:
            return paras[k]
        return None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset in the original text."""
        k = bisect_right(self._line_starts, offset) - 1
        return k + 1, offset - self._line_starts[k] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @cached_property
    def lede_end(self) -> int:
        """Where a plain-text article's headline and first paragraph end: the end of its
        second paragraph (the first, if it has only one)."""
        breaks = _BLANK_LINES.finditer(self.text)
        for k, m in enumerate(breaks):
            if k == 1:
                return m.start()
        return len(self.text)

    @cached_property
    def _paragraph_breaks(self) -> _Breaks:
        return _Breaks(_BLANK_LINES, self.text, str.isspace)

    @cached_property
    def _sentence_ends(self) -> _Breaks:
        return _Breaks(_SENTENCE_END, self.text, _in_sentence_end)

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the paragraph(s) holding [start, end) in the original text."""
        breaks = self._paragraph_breaks
        after = breaks.first_from(end)
        return breaks.last_end_before(start), after[0] if after else len(self.text)

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) holding [start, end) in the original text."""
        s = self._sentence_ends.last_end_before(start)
        while s < start and self.text[s].isspace():
            s += 1
        after = self._sentence_ends.first_from(max(end - 1, s))
        return s, after[1] if after else len(self.text)

    @cached_property
    def word_offsets(self) -> dict[str, list[int]]:
        """Where each word of the folded text starts, in order: the index the closest-passage
        search narrows a long article with."""
        index: dict[str, list[int]] = {}
        for m in WORD.finditer(self.folded.text):
            index.setdefault(m.group(), []).append(m.start())
        return index

    @cached_property
    def word_prefix_offsets(self) -> dict[str, list[int]]:
        """Where each word of three letters or more starts, by its first three letters: for
        a quote's last word, which may be the start of a longer word in the article."""
        index: dict[str, list[int]] = {}
        for m in _WORD3.finditer(self.folded.text):
            index.setdefault(m.group(1), []).append(m.start())
        return index

    def paragraph_index(self, folded_index: int) -> int:
        """The index in `paragraphs` of the paragraph holding folded_index, else of the first
        one after it."""
        k = bisect_right(self._paragraph_starts, folded_index) - 1
        if k >= 0 and folded_index < self.paragraphs[k][1]:
            return k
        return k + 1


def _in_sentence_end(c: str) -> bool:
    return c.isspace() or c in ".!?'\"’”)]"


class _Breaks:
    """A pattern's matches in a text, found once, answering in time independent of the
    position what a scan from the start up to it (`finditer(text, 0, start)`) or a search
    from it (`search(text, pos)`) would: rescanning the article from the start for every
    figure made `extract` quadratic. `in_match(c)`: whether c can be part of a match (or
    of its lookahead); no match spans a character that cannot."""

    def __init__(self, pattern: re.Pattern[str], text: str,
                 in_match: Callable[[str], bool]) -> None:
        self.pattern, self.text, self.in_match = pattern, text, in_match
        self.spans = [m.span() for m in pattern.finditer(text)]
        self._starts = [a for a, _ in self.spans]

    def last_end_before(self, start: int) -> int:
        """Where the last match of a scan of text[:start] ends (0: none). Only a match in
        the run of match characters just before `start` can differ from a whole-text scan
        (the pattern's `$` holds at `start`), so that run alone is scanned again."""
        lo, text = start, self.text
        while lo > 0 and self.in_match(text[lo - 1]):
            lo -= 1
        tail = 0
        for m in self.pattern.finditer(text, lo, start):
            tail = m.end()
        if tail:
            return tail
        k = bisect_left(self._starts, lo) - 1
        return self.spans[k][1] if k >= 0 else 0

    def first_from(self, pos: int) -> tuple[int, int] | None:
        """The span `search(text, pos)` finds. A whole-text scan tried every position but
        those inside its own matches: from inside one, a search may match within it."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self.spans[k][1]:
            if self.spans[k][0] == pos:
                return self.spans[k]
            for p in range(pos, self.spans[k][1]):
                m = self.pattern.match(self.text, p)
                if m:
                    return m.span()
        return self.spans[k + 1] if k + 1 < len(self.spans) else None
