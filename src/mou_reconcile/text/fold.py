"""Folding text for matching, while remembering where each folded character came from.

Quotes are copied by hand from web pages, so a fair match ignores what copying changes:
Unicode compatibility forms (NFKC: ligatures, full-width letters, `…` -> `...`), case,
typographic quotes and dashes, and runs of white space. The offset map lets every match be
reported at its true line and column in the original article.

Folding runs once per article and for every short text compared (names, values, quotes), so
it must be cheap. Typographic quotes and dashes are first replaced by their ASCII stand-ins,
so that text ASCII but for them (most text) is ASCII. ASCII stretches fold with a few
whole-string calls (`str.translate`, a search for runs of spaces); only the characters of
non-ASCII clusters go through Unicode normalisation one cluster at a time. The offset map is
stored as pieces, not one pair of integers per character (which cost ~45 bytes per character
of an article).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

_QUOTES = dict.fromkeys("‘’‚‛′`´ʼ", "'") | dict.fromkeys("“”„‟″«»", '"')
_DASHES = dict.fromkeys("‐‑‒–—―−﹘﹣－", "-")
_DROP = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}  # invisible: soft hyphen, ZW*
_TABLE = str.maketrans(_QUOTES | _DASHES)


@lru_cache(maxsize=4096)  # the same few clusters (dashes, quotes, accents) come back often
def _fold_cluster(cluster: str) -> str:
    return unicodedata.normalize("NFKC", cluster).casefold().translate(_TABLE)


# No ASCII character is a combining mark or invisible, and each folds to one character, so
# an ASCII stretch (whose last character no combining mark follows) folds one to one in a
# single `translate`; white space becomes a space here, runs of spaces are collapsed after.
_ASCII_FOLD = {i: " " if chr(i).isspace() else _fold_cluster(chr(i)) for i in range(128)}
assert all(len(f) == 1 and (f == " ") == chr(i).isspace() for i, f in _ASCII_FOLD.items())
# What `str.lower` misses of the above (the backtick, a typographic quote): `fold_text`
# uses lower() + replace(), cheaper than translate() on a short string.
_ASCII_EXTRA = [(chr(i), f) for i, f in _ASCII_FOLD.items()
                if not chr(i).isspace() and f != chr(i).lower()]
# Spelled with a literal first character, which `re` searches for quickly: on an article 2
# to 6 times faster than the same patterns spelled " {2,}" and "[^\x00-\x7f]+".
_SPACE_RUN = re.compile("   *")
_NON_ASCII = re.compile("[^\x00-\x7f][^\x00-\x7f]*")
# Typographic quotes and dashes (and the no-break space) whose cluster folds to the ASCII
# character they stand for, with or without combining marks after them: replacing them first
# lets most articles and quotes (ASCII but for these) take the ASCII paths. The two left out
# fold to something else (U+00B4 to a space and a combining accent, U+2033 to two quotes).
_SWAP = [(c, f) for c, f in (_QUOTES | _DASHES | {"\u00a0": " "}).items()
         if not c.isascii() and _fold_cluster(c) == f]


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and where each folded character came from in the original: `origin_at(i)`
    is where folded character i starts, `end_at(i)` where the original characters it came
    from end (a base letter's accents included); `origin_at(len(text))` is the original's
    length.

    The map is a list of m pieces in folded order, in one array: [starts, origins, ends],
    m each. Piece k begins at folded index starts[k]. If ends[k] < 0 it maps one to one:
    its d-th character is original character origins[k] + d (a single space standing for a
    single white-space character is one to one too). Otherwise each of its characters came
    from original [origins[k], ends[k]) (a ligature's letters, a letter and its accents).
    Plain text is then a few pieces: one, plus one per run of two or more white spaces."""

    text: str
    length: int  # of the original
    _map: array[int]
    _monotone: bool  # origins never go back (see _Builder.clusters for when they do)

    def _piece(self, i: int) -> int:
        return bisect_right(self._map, i, 0, len(self._map) // 3) - 1

    def origin_at(self, i: int) -> int:
        """Where folded character i starts in the original (the original's length for
        i = len(text)); negative i counts from len(text) + 1, like a sequence."""
        size = len(self.text)
        if i < 0:
            i += size + 1
        if not 0 <= i <= size:
            raise IndexError("folded index out of range")
        if i == size:
            return self.length
        m = len(self._map) // 3
        k = self._piece(i)
        origin = self._map[m + k]
        return origin + i - self._map[k] if self._map[2 * m + k] < 0 else origin

    def end_at(self, i: int) -> int:
        """Where the original characters folded character i came from end."""
        size = len(self.text)
        if i < 0:
            i += size
        if not 0 <= i < size:
            raise IndexError("folded index out of range")
        m = len(self._map) // 3
        k = self._piece(i)
        end = self._map[2 * m + k]
        return self._map[m + k] + i - self._map[k] + 1 if end < 0 else end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded span [start, end)."""
        if 0 <= start < end <= len(self.text):
            # One bisect when one piece holds the span, as a quote in a paragraph mostly is.
            m = len(self._map) // 3
            k = bisect_right(self._map, start, 0, m) - 1
            if k + 1 == m or end <= self._map[k + 1]:
                origin, last = self._map[m + k], self._map[2 * m + k]
                if last < 0:
                    shift = origin - self._map[k]
                    return start + shift, end + shift
                return origin, last
        if end <= start:
            origin = self.origin_at(start)
            return origin, origin
        return self.origin_at(start), self.end_at(end - 1)

    def folded_index(self, offset: int) -> int:
        """The first folded index whose origin is at or after original `offset`, i.e.
        `bisect_left(origin, offset)` over the origins with the sentinel (so offsets past
        the original's end give len(text) + 1)."""
        size = len(self.text)
        if not self._monotone:  # bisect_left's own steps, so the answer is still its own
            lo, hi = 0, size + 1
            while lo < hi:
                mid = (lo + hi) // 2
                if self.origin_at(mid) < offset:
                    lo = mid + 1
                else:
                    hi = mid
            return lo
        if offset > self.length:
            return size + 1
        m = len(self._map) // 3
        k = bisect_left(self._map, offset, m, 2 * m) - m - 1  # last piece starting before
        if k < 0:
            return 0
        start = self._map[k]
        stop = self._map[k + 1] if k + 1 < m else size
        if self._map[2 * m + k] < 0:
            return start + min(stop - start, offset - self._map[m + k])
        return stop

    @property
    def origin(self) -> tuple[int, ...]:
        """`origin_at` of every folded index and the sentinel. Costs memory per character:
        for tests and debugging."""
        return tuple(self.origin_at(i) for i in range(len(self.text) + 1))

    @property
    def ends(self) -> tuple[int, ...]:
        """`end_at` of every folded index (for tests and debugging, like `origin`)."""
        return tuple(self.end_at(i) for i in range(len(self.text)))


class _Builder:
    """The folded text and its pieces, built left to right; ASCII stretches and non-ASCII
    clusters share the state (a white-space run may span both)."""

    __slots__ = ("ends", "last", "monotone", "origins", "parts", "pending", "size", "starts",
                 "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[str] = []
        self.size = 0  # folded characters so far
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.ends: list[int] = []
        self.pending = -1  # index of the first white space of the current run, if any
        self.last = -1  # origin of the last folded character
        self.monotone = True

    def _one_to_one(self, origin: int) -> None:
        """Let the next folded character come from `origin` alone, one to one."""
        if not (self.starts and self.ends[-1] < 0
                and self.origins[-1] + self.size - self.starts[-1] == origin):
            self.starts.append(self.size)
            self.origins.append(origin)
            self.ends.append(-1)

    def _char(self, c: str, origin: int, end: int) -> None:
        if origin < self.last:
            self.monotone = False
        self.last = origin
        if end == origin + 1:
            self._one_to_one(origin)
        elif not (self.starts and self.ends[-1] == end and self.origins[-1] == origin):
            self.starts.append(self.size)
            self.origins.append(origin)
            self.ends.append(end)
        self.parts.append(c)
        self.size += 1

    def _space(self) -> None:
        """Before a folded character: the pending white-space run becomes one space (none at
        the start)."""
        if self.pending >= 0:
            if self.size:
                self._char(" ", self.pending, self.pending + 1)
            self.pending = -1

    def ascii(self, a: int, low: str) -> None:
        """Fold text[a:a + len(low)] (ASCII, not empty, its last character not followed by a
        combining mark or an invisible character, which would join its cluster), given as
        `low`, its `translate(_ASCII_FOLD)`."""
        lead = len(low) - len(low.lstrip(" "))
        if lead and self.pending < 0:
            self.pending = a
        if lead == len(low):
            return
        stop = len(low.rstrip(" "))
        self._space()
        self._one_to_one(a + lead)
        pos = lead
        for m in _SPACE_RUN.finditer(low, lead, stop):
            s, e = m.span()
            self.parts.append(low[pos:s + 1])  # one space, from the run's first character
            self.size += s + 1 - pos
            self.starts.append(self.size)
            self.origins.append(a + e)
            self.ends.append(-1)
            pos = e
        self.parts.append(low[pos:stop])
        self.size += stop - pos
        self.last = a + stop - 1
        if stop < len(low):
            self.pending = a + stop

    def clusters(self, i: int, b: int) -> None:
        """Fold text[i:b] one cluster at a time (text[b], if any, is ASCII: no cluster
        goes on past b)."""
        text = self.text
        while i < b:
            ch = text[i]
            if ch in _DROP:
                i += 1
                continue
            j = i + 1
            # Keep a base letter and its accents together (invisible characters between
            # them are dropped first, so folding twice gives what folding once gave).
            while j < b and (unicodedata.combining(text[j]) or text[j] in _DROP):
                j += 1
            cluster = ch if j == i + 1 else "".join(c for c in text[i:j] if c not in _DROP)
            for k, c in enumerate(_fold_cluster(cluster)):
                if c.isspace():
                    if self.pending < 0:
                        self.pending = i
                    continue
                self._space()
                # A cluster's first character starts where it does, the others at its last
                # original character. A compatibility form with a space inside (U+FDFA) then
                # puts that space's origin before its neighbours': hence `monotone`.
                self._char(c, i if k == 0 or j - i == 1 else j - 1, j)
            i = j

    def result(self) -> Folded:
        pieces = array("q", self.starts)
        pieces.extend(self.origins)
        pieces.extend(self.ends)
        return Folded("".join(self.parts), len(self.text), pieces, self.monotone)


def _swap(text: str) -> str:
    """`text` (not ASCII) with the characters of `_SWAP` replaced one for one: `fold` gives
    the same offset map, one character standing for one."""
    for c, f in _SWAP:
        if c in text:  # a search is cheaper than a copy
            text = text.replace(c, f)
    return text


def fold(text: str) -> Folded:
    """Fold `text` as described in the module docstring; white space runs become one space."""
    n = len(text)
    if not text.isascii():
        text = _swap(text)
    if text.isascii():
        low = text.translate(_ASCII_FOLD)
        folded = low.strip(" ")
        if "  " not in folded:  # no run of white space to collapse: the map is one piece
            lead = n - len(low.lstrip(" "))
            return Folded(folded, n, array("q", (0, lead, -1) if folded else ()), True)
        out = _Builder(text)
        out.ascii(0, low)
        return out.result()
    out = _Builder(text)
    pos = 0
    for m in _NON_ASCII.finditer(text):
        s, e = m.span()
        if s > pos and (text[s] in _DROP or unicodedata.combining(text[s])):
            s -= 1  # the ASCII character before belongs to this cluster
        if s > pos:
            out.ascii(pos, text[pos:s].translate(_ASCII_FOLD))
        out.clusters(s, e)
        pos = e
    if pos < n:
        out.ascii(pos, text[pos:].translate(_ASCII_FOLD))
    return out.result()


def fold_text(text: str) -> str:
    """Just the folded string (for comparing short texts such as names and values)."""
    if not text.isascii():
        text = _swap(text)
        if not text.isascii():
            return fold(text).text
    folded = text.lower()
    for old, new in _ASCII_EXTRA:
        folded = folded.replace(old, new)
    return " ".join(folded.split())  # split() breaks at what isspace() calls space
