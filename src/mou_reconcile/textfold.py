"""Folding text for matching, while remembering where each folded character came from.

Quotes are copied by hand from web pages, so a fair match ignores what copying changes:
Unicode compatibility forms (NFKC: ligatures, full-width letters, `…` -> `...`), case,
typographic quotes and dashes, and runs of white space. The offset map lets every match be
reported at its true line and column in the original article.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_QUOTES = dict.fromkeys("‘’‚‛′`´ʼ", "'") | dict.fromkeys("“”„‟″«»", '"')
_DASHES = dict.fromkeys("‐‑‒–—―−﹘﹣－", "-")
_DROP = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}  # invisible: soft hyphen, ZW*
_TABLE = str.maketrans(_QUOTES | _DASHES)


@dataclass(frozen=True)
class Folded:
    """Folded text; `origin[i]` is where folded character i starts in the original and
    `ends[i]` where the original characters it came from end (a base letter's accents
    included); `origin[len(text)]` is the original's length."""

    text: str
    origin: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded span [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.ends[end - 1]


def _fold_cluster(cluster: str) -> str:
    return unicodedata.normalize("NFKC", cluster).casefold().translate(_TABLE)


def fold(text: str) -> Folded:
    """Fold `text` as described in the module docstring; white space runs become one space."""
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    pending_space = -1  # index of the first white space of the current run, if any
    while i < n:
        ch = text[i]
        if ch in _DROP:
            i += 1
            continue
        j = i + 1
        # Keep a base letter and its accents together (invisible characters between them
        # are dropped first, so folding twice gives what folding once gave).
        while j < n and (unicodedata.combining(text[j]) or text[j] in _DROP):
            j += 1
        folded = _fold_cluster("".join(c for c in text[i:j] if c not in _DROP))
        for k, c in enumerate(folded):
            if c.isspace():
                if pending_space < 0:
                    pending_space = i
                continue
            if pending_space >= 0:
                if out:
                    out.append(" ")
                    origin.append(pending_space)
                    ends.append(pending_space + 1)
                pending_space = -1
            out.append(c)
            origin.append(i if k == 0 or j - i == 1 else j - 1)
            ends.append(j)
        i = j
    origin.append(n)
    return Folded("".join(out), tuple(origin), tuple(ends))


def fold_text(text: str) -> str:
    """Just the folded string (for comparing short texts such as names and values)."""
    return fold(text).text
