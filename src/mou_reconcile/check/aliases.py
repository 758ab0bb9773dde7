"""Alias hints (MR204): names an article writes almost as an entity is spelled, but that the
entity does not list.

Quote matching folds case, so an unlisted "Guodong Group" still matches "GuoDong Group";
but the naming report and every reader see two spellings, and a one-letter typo
("Nusiness") or a space ("Sky 4.7") matches nothing at all. Precision matters more than
recall here (hints run on every `check`), so only three close kinds are reported: case
inside a word, spacing or punctuation, and one letter in one word (two in long words).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count, repeat
from operator import and_

from mou_reconcile import problems as P
from mou_reconcile.check.alias_words import (
    KEY,
    MAX_LETTERS,
    MIN_LETTERS,
    NAME_LIKE,
    RAW,
    Near,
    Token,
    plain,
    style_only,
    token_of,
    tokenize,
)
from mou_reconcile.check.evidence import fold_name
from mou_reconcile.corpus.load import Corpus
from mou_reconcile.text.fold import fold_text

Spelling = tuple[int, str, str, tuple[str, ...]]  # (order, entity id, spelling, folded tokens)
Candidate = tuple[str, str, int]  # (entity id, spelling, differing token or -1)


@dataclass
class _Index:
    """Every spelling, indexed so that each article token costs a few dictionary lookups."""

    exact: set[str] = field(default_factory=set)  # as written (plain)
    folded: set[str] = field(default_factory=set)
    squeezed: dict[str, tuple[str, str]] = field(default_factory=dict)  # letters and digits
    prefixes: set[str] = field(default_factory=set)  # of the squeezed forms
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # names of 2+ words
    phrase_sizes: dict[str, list[int]] = field(default_factory=dict)  # first word -> sizes
    # Names of 2+ words by (size, the word position left out, the other words): a window
    # of the text one word off a name has the same key at that position.
    near: dict[tuple[int, int, tuple[str, ...]], dict[str, list[Spelling]]] = field(
        default_factory=dict)  # ... -> the word left out -> the names
    # Every word of those names: a word is near the same words whichever name and position
    # it is looked up for, so each distinct word is looked up once.
    phrase_words: Near = field(default_factory=Near)
    firsts: dict[int, set[str]] = field(default_factory=dict)  # size -> first words
    longest: int = 0  # the most words of a name
    seconds: dict[int, set[str]] = field(default_factory=dict)  # size -> second words
    single: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # one-word names
    single_words: Near = field(default_factory=Near)
    typos: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # word -> near names
    # The tokens from a window's first word to the longest name's size or the clause end
    # -> (size, the names that many words are one word off) for each size.
    windows: dict[tuple[str, ...], list[tuple[int, list[Candidate]]]] = field(
        default_factory=dict)
    # (a window's first words' keys, which of them are name-like) -> `_window_hits`: windows
    # that differ only in the words after a name's size share these.
    hits: dict[tuple[tuple[str, ...], tuple[bool, ...]], list[Candidate]] = field(
        default_factory=dict)
    roles: _Roles = field(init=False)  # word as written -> what it may start (_role)

    def __post_init__(self) -> None:
        self.roles = _Roles(self)


# What a word may start, so that only those few words of a text are looked at (`_role`).
_CHAIN = 1  # a name however spaced: "Sky 4.7" (`_candidates`)
_TYPO = 2  # a one-word name one letter off
_OPENS = 4  # a name-like first word of a name (`_one_word_off`)
_SECOND = 8  # a second word of a name: the word before it may open a window
_PHRASE = 16  # a first word of a name (`_inside_known`)


class _Roles(dict[str, int]):
    """The role of each token of the texts, worked out once when first seen."""

    def __init__(self, index: _Index) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, raw: str) -> int:
        word = token_of(raw)
        role = self[raw] = 0 if word is None else _role(self.index, word)
        return role


def _role(index: _Index, word: Token) -> int:
    """The `_CHAIN` ... `_PHRASE` bits of a word: where the loops below may start at it. A
    word with none of them starts nothing, whatever its neighbours."""
    key, squeezed, name_like = word.key, word.squeezed, word.name_like
    role = _PHRASE if key in index.phrase_sizes else 0  # the first words, all sizes
    if any(key in words for words in index.seconds.values()):
        role |= _SECOND
    if name_like:
        if squeezed in index.prefixes:
            role |= _CHAIN
        if _single_typos(index, key):
            role |= _TYPO
        if role & _PHRASE:
            role |= _OPENS
    return role


def _index(corpus: Corpus) -> _Index:
    index = _Index()
    order = 0
    for eid in corpus.entities:
        for spelling in corpus.entity(eid).spellings:
            index.exact.add(plain(spelling))
            folded = fold_name(spelling)
            index.folded.add(folded)
            squeezed = "".join(ch for ch in folded if ch.isalnum())
            if len(squeezed) > MAX_LETTERS:
                continue
            if len(squeezed) >= MIN_LETTERS:
                index.squeezed.setdefault(squeezed, (eid, spelling))
                index.prefixes.update(squeezed[:n] for n in range(1, len(squeezed) + 1))
            keys = tuple(t.key for t in tokenize(spelling)[0])
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
            index.longest = max(index.longest, len(keys))
            index.seconds.setdefault(len(keys), set()).add(keys[1])
            for m in range(len(keys)):
                at = (len(keys), m, keys[:m] + keys[m + 1:])
                names = index.near.setdefault(at, {})
                names.setdefault(keys[m], []).append((order, eid, spelling, keys))
                index.phrase_words.add(keys[m])
            order += 1
    return index


class _Text:
    """An article's words (the `tokens`), the tokens they were read from, and what each may
    start (`_role`). Where each starts in the text is worked out only if asked: most
    windows are read off their words."""

    def __init__(self, text: str, index: _Index) -> None:
        self.text = text
        self.raw = text.split()  # str.split and `SPACED` split at the same white space
        found = list(map(token_of, self.raw))
        self.tokens: list[Token] = list(filter(None, found))
        self.roles = list(map(index.roles.__getitem__, self.raw))
        self.gaps = len(self.tokens) < len(found)  # tokens of edge characters only, left out
        if self.gaps:
            self.raw = list(compress(self.raw, found))
            self.roles = list(compress(self.roles, found))

    def having(self, role: int) -> Iterator[int]:
        """The positions of the words with `role`, found without a Python loop."""
        return compress(count(), map(and_, self.roles, repeat(role)))

    @cached_property
    def starts(self) -> list[int]:
        return tokenize(self.text)[1]

    def spelled(self, i: int, j: int) -> str:
        """Words [i, j) as the text writes them (`plain`), from the first word's start to
        the last one's end."""
        first, last = self.tokens[i], self.tokens[j - 1]
        if i == j - 1:
            return plain(first.written)
        if not self.gaps:
            # Joined by single spaces: what `plain` makes of ASCII words, whatever white
            # space stood between them (the NFKC form of white space is white space).
            words = [first.raw[first.lead:], *map(RAW, self.tokens[i + 1:j - 1]),
                     last.raw[:last.lead + len(last.written)]]
            joined = " ".join(words)
            if joined.isascii():
                return joined
        return plain(self.text[self.starts[i]:self.starts[j - 1] + len(last.written)])


def _inside_known(index: _Index, text: _Text) -> set[tuple[int, int]]:
    """Token windows strictly inside a listed spelling as the text writes it: "Bayline" in
    "Bayline Ferries" is part of a listed name, not a spelling of its own."""
    inside: set[tuple[int, int]] = set()
    keys = list(map(KEY, text.tokens))
    for a in text.having(_PHRASE):
        for size in index.phrase_sizes[keys[a]]:
            if a + size <= len(keys) and tuple(keys[a:a + size]) in index.phrases:
                inside |= {(i, j) for i in range(a, a + size)
                           for j in range(i + 1, a + size + 1) if j - i < size}
    return inside


def _candidates(index: _Index, text: _Text) -> dict[tuple[int, int], list[Candidate]]:
    """Token windows [i, j) close to a spelling, by cheap lookups; `_close_to` decides. Only
    the words with a role are visited: most words start nothing."""
    found: dict[tuple[int, int], list[Candidate]] = {}
    tokens, roles = text.tokens, text.roles
    opened = -1  # the last window start looked at
    for k in text.having(_CHAIN | _TYPO | _OPENS | _SECOND):
        role = roles[k]
        if role & _CHAIN:
            _spaced(index, tokens, k, found)
        if role & _TYPO:  # after any spacing variant at the same word
            for eid, spelling in _single_typos(index, tokens[k].key):
                found.setdefault((k, k + 1), []).append((eid, spelling, 0))
        # A window of a name's size opens where its first or second word is as in a name.
        if role & _SECOND and k - 1 > opened and tokens[k - 1].name_like:
            _one_word_off(index, text, k - 1, found)
        if role & _OPENS:
            _one_word_off(index, text, k, found)
            opened = k
    return found


def _spaced(index: _Index, tokens: list[Token], i: int,
            found: dict[tuple[int, int], list[Candidate]]) -> None:
    """Windows from word i with the same letters and digits as a name, however spaced or
    cased ("Sky 4.7"), not crossing a clause end."""
    joined = ""
    for j in range(i, len(tokens)):
        joined += tokens[j].squeezed
        if joined not in index.prefixes:
            break
        if joined in index.squeezed:
            found.setdefault((i, j + 1), []).append((*index.squeezed[joined], -1))
        if tokens[j].ends_clause:
            break


def _one_word_off(index: _Index, text: _Text, i: int,
                  found: dict[tuple[int, int], list[Candidate]]) -> None:
    """Windows of 2+ words from name-like word i, not crossing a clause end, with exactly
    one name-like word one letter off (two in long words) a name's word at the same
    position: looked up by the window with that position left out."""
    tokens = text.tokens
    end = i + 1  # the window's words: up to the longest name's size, before the last no
    last = min(len(tokens), i + index.longest)  # clause ends
    while end < last and not tokens[end - 1].ends_clause:
        end += 1
    window = tuple(text.raw[i:end])
    sizes = index.windows.get(window)
    if sizes is None:  # names recur: each window is looked up once
        sizes = index.windows[window] = _window_sizes(index, tokens[i:end])
    for size, hits in sizes:
        found.setdefault((i, i + size), []).extend(hits)


def _window_sizes(index: _Index, tokens: list[Token]) -> list[tuple[int, list[Candidate]]]:
    """For each size of name, from the shortest, the names the first that many `tokens` are
    one word off, if any."""
    keys, name_like = tuple(map(KEY, tokens)), tuple(map(NAME_LIKE, tokens))
    out = []
    for size in sorted(index.firsts):
        if size > len(keys):
            break
        if keys[0] in index.firsts[size] or keys[1] in index.seconds[size]:
            at = (keys[:size], name_like[:size])
            hits = index.hits.get(at)
            if hits is None:
                hits = index.hits[at] = _window_hits(index, *at)
            if hits:
                out.append((size, hits))
    return out


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
        names = index.near.get((size, m, keys[:m] + keys[m + 1:]))
        if names:
            for word in index.phrase_words.near(keys[m]):
                for order, eid, spelling, _ in names.get(word, ()):
                    hits.append((m == 0, order, eid, spelling, m))
    if not hits:
        return []
    hits.sort()
    return list(dict.fromkeys((eid, spelling, m) for _, _, eid, spelling, m in hits))


def _single_typos(index: _Index, key: str) -> list[tuple[str, str]]:
    """One-word spellings one letter from `key` (computed once per distinct word), the
    closest first, then in the order listed."""
    if key not in index.typos:
        near: list[tuple[str, str]] = []
        words = index.single_words
        found = words.near(key)
        if found:  # rapidfuzz is imported only when there is something to rank
            from rapidfuzz.distance import Levenshtein

            for name in sorted(found, key=lambda w: (Levenshtein.distance(key, w),
                                                     words.words[w])):
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
            if key != fold_name(spelling) or not style_only(written, plain(spelling)):
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
        text = _Text(article.text, index)
        inside: set[tuple[int, int]] | None = None  # asked only for the rare near miss
        for (i, j), candidates in sorted(_candidates(index, text).items()):
            written = text.spelled(i, j)
            near = _close_to(index, written, candidates)
            if near is None:
                continue
            if inside is None:
                inside = _inside_known(index, text)
            if (i, j) not in inside and (near[0], written) not in seen:
                seen.add((near[0], written))
                _report(corpus, sid, article.display, article.line_col(text.starts[i]),
                        written, *near)


def _report(corpus: Corpus, sid: str, display: str, where: tuple[int, int], written: str,
            eid: str, spelling: str) -> None:
    line, col = where
    corpus.add(P.ALIAS_HINT, ("entities", corpus.entities[eid].index),
               f"source {sid!r} writes {written!r} ({display}:{line}:{col}), close to"
               f" {spelling!r} of entity {eid!r} but not among its spellings",
               f"if it names {eid!r}, add {written!r} to its aliases")
