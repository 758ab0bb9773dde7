"""Invented, pronounceable names that no two of which look alike.

The tool hints (MR204) at names one or two letters from a known spelling, and an archive of
thousands of entities must not trip that by accident: every root name is kept at a
Levenshtein distance of more than 2 from every other one. Checking that pairwise would be
quadratic, so each accepted root indexes its "deletion neighbourhood" (every string left
after deleting up to two letters); two words within distance 2 always share one.
"""

from __future__ import annotations

import random
from itertools import combinations

_ONSETS = ["b", "br", "c", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "k", "kl", "l", "m",
           "n", "p", "pr", "r", "s", "sk", "st", "t", "tr", "v", "w", "z", "th", "sh", "qu"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "ei", "y"]
_CODAS = ["", "", "n", "r", "l", "s", "th", "nd", "rk", "st", "m", "x", "ll", "rn"]
# Invented words that happen to be English would read oddly in a headline.
_AVOID = {"there", "three", "these", "those", "trust", "stand", "most", "roll", "told",
          "sure", "moth", "bath", "math", "lean", "mean", "sand", "band", "land"}


def _deletions(word: str, depth: int = 2) -> set[str]:
    out = {word}
    for k in range(1, depth + 1):
        for cut in combinations(range(len(word)), k):
            out.add("".join(c for i, c in enumerate(word) if i not in cut))
    return out


class NamePool:
    """Distinct roots, each far (edit distance > 2) from every other root."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._neighbourhood: set[str] = set()

    def reserve(self, words: set[str]) -> None:
        """Keep roots away from the template's own words too ("Officials", "March"), which
        start sentences and so look like names to the hint check."""
        for word in words:
            if len(word) >= 4:
                self._neighbourhood |= _deletions(word.lower(), 1)

    def _candidate(self, syllables: int) -> str:
        parts = [self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(syllables)]
        return ("".join(parts) + self.rng.choice(_CODAS)).capitalize()

    def take(self, min_syllables: int = 2, max_syllables: int = 3) -> str:
        for _ in range(10_000):
            word = self._candidate(self.rng.randint(min_syllables, max_syllables))
            key = word.lower()
            if not 5 <= len(key) <= 11 or key in _AVOID:
                continue
            variants = _deletions(key)
            if variants.isdisjoint(self._neighbourhood):
                self._neighbourhood |= variants
                return word
        raise RuntimeError("name space exhausted: allow longer names")


    def twin(self, word: str) -> str | None:
        """A name one letter from `word` ("Tarrow" -> "Tarrew"): the near-identical names
        the tool's alias hints must tell apart. Kept clear of every other root."""
        key = word.lower()
        for _ in range(100):
            i = self.rng.randrange(1, len(key))
            letters = "aeiou" if key[i] in "aeiouy" else "bdfgklmnprstvz"
            twin = key[:i] + self.rng.choice(letters) + key[i + 1:]
            if twin == key or twin in _AVOID:
                continue
            variants = _deletions(twin) - _deletions(key)
            if variants.isdisjoint(self._neighbourhood):
                self._neighbourhood |= variants
                return twin.capitalize()
        return None


def slug(text: str) -> str:
    """An id fragment: lower case, letters and digits, words joined by '-'."""
    keep = "".join(c.lower() if c.isalnum() else " " for c in text)
    return "-".join(keep.split())
