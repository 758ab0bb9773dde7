"""Alias hints (MR204): names an article writes almost as an entity is spelled, but that the
entity does not list.

Quote matching folds case, so an unlisted "Guodong Group" still matches "GuoDong Group";
but the naming report and every reader see two spellings, and a one-letter typo
("Nusiness") or a space ("Sky 4.7") matches nothing at all. Precision matters more than
recall here (hints run on every `check`), so only three close kinds are reported: case
inside a word, spacing or punctuation, and one letter in one word (two in long words).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple, cast

from mou_reconcile import problems as P
from mou_reconcile.evidence import fold_name
from mou_reconcile.load import Corpus
from mou_reconcile.textfold import fold_text

_SPACED = re.compile(r"(\S+)")
_EDGES = "\"'“”‘’()[]{},.;:!?*•"
_POSSESSIVE = re.compile(r"['’]s$")
_CLAUSE_END = re.compile(r"[.,;:!?]['\"’”)]*$")
_CLAUSE_MARKS = set(".,;:!?'\"’”)")  # a token can only end a clause if it ends in one
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                              "‐": "-", "‑": "-"})
MIN_LETTERS = 4  # shorter names ("IT", "NTC") are too alike to hint at
# Longer "names" are not names, and indexing one costs time quadratic in its length (its
# prefixes; the article windows that could spell it): a 100,000-letter alias took minutes.
MAX_LETTERS = 200


class _Token(NamedTuple):
    """A white-space-delimited token of a text, as a word; the same for every occurrence of
    the same token, so each distinct one is read once (`_word`)."""

    written: str  # as in the text, edges and a possessive 's stripped
    key: str  # folded
    squeezed: str  # letters and digits of the key
    lead: int  # edge characters stripped before the word
    ends_clause: bool
    name_like: bool  # starts with a capital or a digit, as names do


def _plain(text: str) -> str:
    """Case kept; compatibility forms, typographic quotes and dashes, spaces normalised."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC).split())


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> tuple[str, str, bool]:
    """Folded, letters and digits only, name-like; words repeat, so each is done once."""
    key = fold_text(word)
    return key, "".join(c for c in key if c.isalnum()), _name_like(word)


@lru_cache(maxsize=1 << 17)
def _word(raw: str) -> _Token | None:
    lead = len(raw) - len(raw.lstrip(_EDGES))
    word = _POSSESSIVE.sub("", raw.strip(_EDGES))
    if not word:
        return None
    key, squeezed, name_like = _fold_word(word)
    return _Token(word, key, squeezed, lead,
                  raw[-1] in _CLAUSE_MARKS and bool(_CLAUSE_END.search(raw)), name_like)


def _tokens(text: str) -> tuple[list[_Token], list[int]]:
    """The words of `text` and where each starts (it ends `len(written)` later)."""
    parts = _SPACED.split(text)  # white space, token, white space, token ..., white space
    found = list(map(_word, parts[1::2]))
    starts = list(accumulate(map(len, parts), initial=0))[1:-1:2]
    if None in found:  # a token of edge characters only: no word
        kept = [k for k, t in enumerate(found) if t is not None]
        found, starts = [found[k] for k in kept], [starts[k] for k in kept]
    tokens = cast(list[_Token], found)
    return tokens, [start + t.lead for start, t in zip(starts, tokens)]


def _name_like(written: str) -> bool:
    return written[:1].isupper() or written[:1].isdigit()


def _style_only(written: str, spelling: str) -> bool:
    """Differs from `spelling` only in capitals for style: word-initial letters, all caps,
    or any capitals where the spelling has none (its curator did not mind case)."""
    if (written.isupper() and not spelling.isupper()) or spelling.islower():
        return True
    if len(written) != len(spelling):
        return True  # a case fold that changed length (ß -> ss): not a plain case variant
    return all(a == b or k == 0 or not written[k - 1].isalnum()
               for k, (a, b) in enumerate(zip(written, spelling)))


@lru_cache(maxsize=4096)
def _one_letter_off(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein

    shortest = min(len(a), len(b))
    if a == b or shortest < MIN_LETTERS or a.startswith(b) or b.startswith(a):
        return False  # derived words ("Pakistani", "Huaweis") are not misspellings
    allowed = 2 if shortest >= 9 else 1
    distance: int = Levenshtein.distance(a, b, score_cutoff=allowed)
    return distance <= allowed


def _reach(word: str) -> int:
    return 2 if len(word) >= 9 else 1  # the letters `_one_letter_off` allows, at most


@lru_cache(maxsize=1 << 16)
def _deletions(word: str) -> frozenset[str]:
    """`word` with up to `_reach(word)` letters left out. Two words `_one_letter_off` each
    other share one of these: each substitution or extra letter is a letter left out of
    one word or both, and a long pair (two allowed) is long on both sides."""
    out = frontier = {word}
    for _ in range(_reach(word)):
        frontier = {w[:k] + w[k + 1:] for w in frontier for k in range(len(w))}
        out = out | frontier
    return frozenset(out)


class _Near:
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
        """The words `query` is `_one_letter_off`, in no particular order."""
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
                    candidates += dict.fromkeys(w for d in _deletions(query)
                                                for w in self._deletions().get(d, ()))
            found = self._asked[query] = [w for w in candidates if _one_letter_off(query, w)]
        return found

    def _deletions(self) -> dict[str, list[str]]:
        if self._by_deletion is None:
            self._by_deletion = {}
            for w in self.words:
                if MIN_LETTERS <= len(w) <= self.LONG:
                    for d in _deletions(w):
                        self._by_deletion.setdefault(d, []).append(w)
        return self._by_deletion


Spelling = tuple[int, str, str, tuple[str, ...]]  # (order, entity id, spelling, folded tokens)
Candidate = tuple[str, str, int]  # (entity id, spelling, differing token or -1)


@dataclass
class _Index:
    """Every spelling, indexed so that each article token costs a few dictionary lookups."""

    exact: set[str] = field(default_factory=set)  # as written (_plain)
    folded: set[str] = field(default_factory=set)
    squeezed: dict[str, tuple[str, str]] = field(default_factory=dict)  # letters and digits
    prefixes: set[str] = field(default_factory=set)  # of the squeezed forms
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # names of 2+ words
    phrase_sizes: dict[str, list[int]] = field(default_factory=dict)  # first word -> sizes
    # Names of 2+ words by (size, the word position left out, the other words): a window
    # of the text one word off a name has the same key at that position.
    near: dict[tuple[int, int, tuple[str, ...]], dict[str, list[Spelling]]] = field(
        default_factory=dict)  # ... -> the word left out -> the names
    near_words: dict[tuple[int, int, tuple[str, ...]], _Near] = field(default_factory=dict)
    firsts: dict[int, set[str]] = field(default_factory=dict)  # size -> first words
    seconds: dict[int, set[str]] = field(default_factory=dict)  # size -> second words
    single: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # one-word names
    single_words: _Near = field(default_factory=_Near)
    typos: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # word -> near names
    windows: dict[tuple[tuple[str, ...], tuple[bool, ...]], list[Candidate]] = field(
        default_factory=dict)  # (words, name-like) of 2+ words -> names one word off


def _index(corpus: Corpus) -> _Index:
    index = _Index()
    order = 0
    for eid in corpus.entities:
        for spelling in corpus.entity(eid).spellings:
            index.exact.add(_plain(spelling))
            folded = fold_name(spelling)
            index.folded.add(folded)
            squeezed = "".join(ch for ch in folded if ch.isalnum())
            if len(squeezed) > MAX_LETTERS:
                continue
            if len(squeezed) >= MIN_LETTERS:
                index.squeezed.setdefault(squeezed, (eid, spelling))
                index.prefixes.update(squeezed[:n] for n in range(1, len(squeezed) + 1))
            keys = tuple(t.key for t in _tokens(spelling)[0])
            if not keys:
                continue
            if len(keys) == 1:
                index.single.setdefault(keys[0], []).append((eid, spelling))
                index.single_words.add(keys[0])
                continue
            index.phrases.add(keys)
            sizes = index.phrase_sizes.setdefault(keys[0], [])
            if len(keys) not in sizes:
                sizes.append(len(keys))
                sizes.sort()
            index.firsts.setdefault(len(keys), set()).add(keys[0])
            index.seconds.setdefault(len(keys), set()).add(keys[1])
            for m in range(len(keys)):
                at = (len(keys), m, keys[:m] + keys[m + 1:])
                if at not in index.near:
                    index.near[at], index.near_words[at] = {}, _Near()
                index.near[at].setdefault(keys[m], []).append((order, eid, spelling, keys))
                index.near_words[at].add(keys[m])
            order += 1
    return index


def _inside_known(index: _Index, tokens: list[_Token]) -> set[tuple[int, int]]:
    """Token windows strictly inside a listed spelling as the text writes it: "Bayline" in
    "Bayline Ferries" is part of a listed name, not a spelling of its own."""
    inside: set[tuple[int, int]] = set()
    keys = [t.key for t in tokens]
    for a, key in enumerate(keys):
        for size in index.phrase_sizes.get(key, ()):
            if a + size <= len(keys) and tuple(keys[a:a + size]) in index.phrases:
                inside |= {(i, j) for i in range(a, a + size)
                           for j in range(i + 1, a + size + 1) if j - i < size}
    return inside


def _candidates(index: _Index, tokens: list[_Token]) -> dict[tuple[int, int], list[Candidate]]:
    """Token windows [i, j) close to a spelling, by cheap lookups; `_close_to` decides."""
    found: dict[tuple[int, int], list[Candidate]] = {}
    for i, first in enumerate(tokens):
        if not first.name_like:
            continue
        joined = ""  # same letters and digits, however spaced or cased: "Sky 4.7"
        for j in range(i, len(tokens)):
            joined += tokens[j].squeezed
            if joined not in index.prefixes:
                break
            if joined in index.squeezed:
                found.setdefault((i, j + 1), []).append((*index.squeezed[joined], -1))
            if tokens[j].ends_clause:
                break
        typos = index.typos.get(first.key)
        if typos is None:
            typos = _single_typos(index, first.key)
        for eid, spelling in typos:
            found.setdefault((i, i + 1), []).append((eid, spelling, 0))
    if index.near:
        _one_word_off(index, tokens, found)
    return found


def _one_word_off(index: _Index, tokens: list[_Token],
                  found: dict[tuple[int, int], list[Candidate]]) -> None:
    """Windows of 2+ words, starting with a name-like word and not crossing a clause end,
    with exactly one name-like word one letter off (two in long words) a name's word at the
    same position: looked up by the window with that position left out."""
    n = len(tokens)
    keys = [t.key for t in tokens]
    sizes = sorted(index.firsts)
    clause_end = n  # the first token at or after i that ends a clause (n: none)
    for i in range(n - 1, -1, -1):
        if tokens[i].ends_clause:
            clause_end = i
        if not tokens[i].name_like:
            continue
        limit = min(n, clause_end + 1)  # the words before the window's last end no clause
        for size in sizes:
            j = i + size
            if j > limit:
                break
            first_same = keys[i] in index.firsts[size]  # the first word as in some name
            second_same = keys[i + 1] in index.seconds[size]
            if not (first_same or second_same):
                continue
            window = (tuple(keys[i:j]), tuple(t.name_like for t in tokens[i:j]))
            hits = index.windows.get(window)
            if hits is None:  # names recur: each window is looked up once
                hits = index.windows[window] = _window_hits(index, *window)
            if hits:
                found.setdefault((i, j), []).extend(hits)


def _window_hits(index: _Index, keys: tuple[str, ...],
                 name_like: tuple[bool, ...]) -> list[Candidate]:
    """The names of len(keys) words that the window `keys` is one word off, in the order an
    anchor on the first word, then the second, finds them; each once."""
    size = len(keys)
    first_same, second_same = keys[0] in index.firsts[size], keys[1] in index.seconds[size]
    hits: list[tuple[bool, int, str, str, int]] = []
    for m in range(size):
        # The word off is name-like; the first word is as in the name, else the second.
        if not name_like[m] or not (second_same if m == 0 else first_same):
            continue
        at = (size, m, keys[:m] + keys[m + 1:])
        if at in index.near:
            names = index.near[at]
            for word in index.near_words[at].near(keys[m]):
                for order, eid, spelling, _ in names[word]:
                    hits.append((m == 0, order, eid, spelling, m))
    hits.sort()
    return list(dict.fromkeys((eid, spelling, m) for _, _, eid, spelling, m in hits))


def _single_typos(index: _Index, key: str) -> list[tuple[str, str]]:
    """One-word spellings one letter from `key` (computed once per distinct word), the
    closest first, then in the order listed."""
    if key not in index.typos:
        from rapidfuzz.distance import Levenshtein

        near: list[tuple[str, str]] = []
        words = index.single_words
        for name in sorted(words.near(key),
                           key=lambda w: (Levenshtein.distance(key, w), words.words[w])):
            near += index.single[name]
        index.typos[key] = near
    return index.typos[key]


def _close_to(index: _Index, written: str,
              candidates: list[Candidate]) -> tuple[str, str] | None:
    """The (entity id, spelling) that `written` is a near miss of, if any."""
    if written in index.exact:
        return None
    key = fold_text(written)
    for eid, spelling, k in candidates:
        if k < 0:  # same letters and digits: a case, spacing or punctuation variant
            if key != fold_name(spelling) or not _style_only(written, _plain(spelling)):
                return eid, spelling
        elif key not in index.folded and not written.isupper():
            return eid, spelling
    return None


def check_alias_hints(corpus: Corpus) -> None:
    """Report each (entity, unlisted spelling) once, at the entity, with where it was seen."""
    if not corpus.entities:
        return
    index = _index(corpus)
    seen: set[tuple[str, str]] = set()
    for sid, article in corpus.articles.items():
        tokens, starts = _tokens(article.text)
        inside = _inside_known(index, tokens)
        for (i, j), candidates in sorted(_candidates(index, tokens).items()):
            if (i, j) in inside:
                continue
            end = starts[j - 1] + len(tokens[j - 1].written)
            written = _plain(article.text[starts[i]:end])
            found = _close_to(index, written, candidates)
            if found is not None and (found[0], written) not in seen:
                seen.add((found[0], written))
                _report(corpus, sid, article.display, article.line_col(starts[i]),
                        written, *found)


def _report(corpus: Corpus, sid: str, display: str, where: tuple[int, int], written: str,
            eid: str, spelling: str) -> None:
    line, col = where
    corpus.add(P.ALIAS_HINT, ("entities", corpus.entities[eid].index),
               f"source {sid!r} writes {written!r} ({display}:{line}:{col}), close to"
               f" {spelling!r} of entity {eid!r} but not among its spellings",
               f"if it names {eid!r}, add {written!r} to its aliases")
