"""An article's text, indexed once: folded form, line starts and paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_right
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

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the paragraph(s) holding [start, end) in the original text."""
        s = 0
        for m in _BLANK_LINES.finditer(self.text, 0, start):
            s = m.end()
        after = _BLANK_LINES.search(self.text, end)
        return s, after.start() if after else len(self.text)

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) holding [start, end) in the original text."""
        s = 0
        for m in _SENTENCE_END.finditer(self.text, 0, start):
            s = m.end()
        while s < start and self.text[s].isspace():
            s += 1
        after = _SENTENCE_END.search(self.text, max(end - 1, s))
        e = after.end() if after else len(self.text)
        return s, e
