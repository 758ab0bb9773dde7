"""The words alias hints read (MR204): an article's tokens as written, folded and plain, and
which words are one letter apart, found by deletions (the symmetric-delete method) rather
than by comparing every pair.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple, cast

from mou_reconcile.text.fold import fold_text

SPACED = re.compile(r"(\S+)")
_EDGES = "\"'“”‘’()[]{},.;:!?*•"
_POSSESSIVE = re.compile(r"['’]s$")
_CLAUSE_END = re.compile(r"[.,;:!?]['\"’”)]*$")
_CLAUSE_MARKS = set(".,;:!?'\"’”)")  # a token can only end a clause if it ends in one
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                              "‐": "-", "‑": "-"})
MIN_LETTERS = 4  # shorter names ("IT", "NTC") are too alike to hint at
# Longer "names" are not names, and indexing one costs time quadratic in its length (its
# prefixes; the article windows that could spell it): a 100,000-letter alias took minutes.
MAX_LETTERS = 200


class Token(NamedTuple):
    """A white-space-delimited token of a text, as a word; the same for every occurrence of
    the same token, so each distinct one is read once (`word`)."""

    written: str  # as in the text, edges and a possessive 's stripped
    key: str  # folded
    squeezed: str  # letters and digits of the key
    lead: int  # edge characters stripped before the word
    ends_clause: bool
    name_like: bool  # starts with a capital or a digit, as names do
    raw: str  # the whole token, as in the text


KEY, RAW, NAME_LIKE = attrgetter("key"), attrgetter("raw"), attrgetter("name_like")


def plain(text: str) -> str:
    """Case kept; compatibility forms, typographic quotes and dashes, spaces normalised."""
    if text.isascii():  # NFKC and the typographic table leave ASCII as it is
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFKC", text).translate(TYPOGRAPHIC).split())


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> tuple[str, str, bool]:
    """Folded, letters and digits only, name-like; words repeat, so each is done once."""
    key = fold_text(word)
    return key, "".join(c for c in key if c.isalnum()), name_like(word)


def _read_word(raw: str) -> Token | None:
    lead = len(raw) - len(raw.lstrip(_EDGES))
    word = _POSSESSIVE.sub("", raw.strip(_EDGES))
    if not word:
        return None
    key, squeezed, name_like = _fold_word(word)
    return Token(word, key, squeezed, lead,
                  raw[-1] in _CLAUSE_MARKS and bool(_CLAUSE_END.search(raw)), name_like, raw)


class _WordCache(dict[str, "Token | None"]):
    """Each distinct token read once; a hit is one dictionary lookup, cheaper than an
    lru_cache call on every token of every text. Emptied when full, to bound memory."""

    LIMIT = 1 << 17

    def __missing__(self, raw: str) -> Token | None:
        if len(self) >= self.LIMIT:
            self.clear()
        token = self[raw] = _read_word(raw)
        return token


token_of = _WordCache().__getitem__


def tokenize(text: str) -> tuple[list[Token], list[int]]:
    """The words of `text` and where each starts (it ends `len(written)` later)."""
    parts = SPACED.split(text)  # white space, token, white space, token ..., white space
    found = list(map(token_of, parts[1::2]))
    starts = list(accumulate(map(len, parts), initial=0))[1:-1:2]
    if None in found:  # a token of edge characters only: no word
        kept = [k for k, t in enumerate(found) if t is not None]
        found, starts = [found[k] for k in kept], [starts[k] for k in kept]
    tokens = cast(list[Token], found)
    return tokens, [start + t.lead for start, t in zip(starts, tokens)]


def name_like(written: str) -> bool:
    return written[:1].isupper() or written[:1].isdigit()


def style_only(written: str, spelling: str) -> bool:
    """Differs from `spelling` only in capitals for style: word-initial letters, all caps,
    or any capitals where the spelling has none (its curator did not mind case)."""
    if (written.isupper() and not spelling.isupper()) or spelling.islower():
        return True
    if len(written) != len(spelling):
        return True  # a case fold that changed length (ß -> ss): not a plain case variant
    return all(a == b or k == 0 or not written[k - 1].isalnum()
               for k, (a, b) in enumerate(zip(written, spelling)))


@lru_cache(maxsize=4096)
def one_letter_off(a: str, b: str) -> bool:
    shortest = min(len(a), len(b))
    if a == b or shortest < MIN_LETTERS or a.startswith(b) or b.startswith(a):
        return False  # derived words ("Pakistani", "Huaweis") are not misspellings
    from rapidfuzz.distance import Levenshtein  # here: most calls end above, or never come

    allowed = 2 if shortest >= 9 else 1
    distance: int = Levenshtein.distance(a, b, score_cutoff=allowed)
    return distance <= allowed


def _reach(word: str) -> int:
    return 2 if len(word) >= 9 else 1  # the letters `one_letter_off` allows, at most


@lru_cache(maxsize=1 << 16)
def _deletions(word: str) -> frozenset[str]:
    """`word` with up to `_reach(word)` letters left out. Two words `one_letter_off` each
    other share one of these: each substitution or extra letter is a letter left out of
    one word or both, and a long pair (two allowed) is long on both sides."""
    out = frontier = {word}
    for _ in range(_reach(word)):
        frontier = {w[:k] + w[k + 1:] for w in frontier for k in range(len(w))}
        out = out | frontier
    return frozenset(out)


class Near:
    """Words, found by a word one letter off them (two in long words) through their shared
    deletions rather than by comparing it with each; indexed once asked often enough.
    Words longer than LONG (their deletions are many) are found by their length."""

    LINEAR = 8  # fewer words than this, or fewer words asked about, are compared one by one
    LONG = 32

    def __init__(self) -> None:
        self.words: dict[str, int] = {}  # word -> its position
        self.longest = 0
        self._by_deletion: dict[str, list[str]] | None = None  # of the words up to LONG
        self._by_length: dict[int, list[str]] = {}
        self._asked: dict[str, list[str]] = {}  # the same names recur in many articles

    def add(self, word: str) -> None:
        if word not in self.words:
            self.words[word] = len(self.words)
            self.longest = max(self.longest, len(word))
            self._by_length.setdefault(len(word), []).append(word)
            self._by_deletion = None
            self._asked.clear()

    def near(self, query: str) -> list[str]:
        """The words `query` is `one_letter_off`, in no particular order."""
        size = len(query)
        if size < MIN_LETTERS or size > self.longest + 2:
            return []  # too short to hint at, or more than two letters longer than any word
        found = self._asked.get(query)
        if found is None:
            candidates: Iterable[str]
            if len(self.words) < self.LINEAR or len(self._asked) < self.LINEAR:
                candidates = self.words
            else:
                # At most two letters off: at most two letters longer or shorter.
                candidates = [w for n in range(size - 2, size + 3)
                              if n > self.LONG or size > self.LONG
                              for w in self._by_length.get(n, ())]
                if size <= self.LONG:
                    by_deletion = self._deletions()
                    shared = by_deletion.keys() & _deletions(query)  # in C: most share none
                    candidates += dict.fromkeys(w for d in shared for w in by_deletion[d])
            found = self._asked[query] = [w for w in candidates if one_letter_off(query, w)]
        return found

    def _deletions(self) -> dict[str, list[str]]:
        if self._by_deletion is None:
            self._by_deletion = {}
            for w in self.words:
                if MIN_LETTERS <= len(w) <= self.LONG:
                    for d in _deletions(w):
                        self._by_deletion.setdefault(d, []).append(w)
        return self._by_deletion
