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
from dataclasses import dataclass, field
from functools import lru_cache

from mou_reconcile import problems as P
from mou_reconcile.load import Corpus
from mou_reconcile.textfold import fold_text

_TOKEN = re.compile(r"\S+")
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


@dataclass(frozen=True)
class _Token:
    written: str  # as in the text, edges and a possessive 's stripped
    key: str  # folded
    squeezed: str  # letters and digits of the key
    start: int
    end: int
    ends_clause: bool
    name_like: bool  # starts with a capital or a digit, as names do


def _plain(text: str) -> str:
    """Case kept; compatibility forms, typographic quotes and dashes, spaces normalised."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC).split())


def _squeeze(text: str) -> str:
    return "".join(ch for ch in fold_text(text) if ch.isalnum())


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> tuple[str, str, bool]:
    """Folded, letters and digits only, name-like; words repeat, so each is done once."""
    key = fold_text(word)
    return key, "".join(c for c in key if c.isalnum()), _name_like(word)


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip(_EDGES))
        word = _POSSESSIVE.sub("", raw.strip(_EDGES))
        if word:
            start = m.start() + lead
            key, squeezed, name_like = _fold_word(word)
            out.append(_Token(word, key, squeezed, start, start + len(word),
                              raw[-1] in _CLAUSE_MARKS and bool(_CLAUSE_END.search(raw)),
                              name_like))
    return out


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


Spelling = tuple[str, str, tuple[str, ...]]  # (entity id, spelling, its folded tokens)
Candidate = tuple[str, str, int]  # (entity id, spelling, differing token or -1)


@dataclass
class _Index:
    """Every spelling, indexed so that each article token costs a few dictionary lookups."""

    exact: set[str] = field(default_factory=set)  # as written (_plain)
    folded: set[str] = field(default_factory=set)
    squeezed: dict[str, tuple[str, str]] = field(default_factory=dict)  # letters and digits
    prefixes: set[str] = field(default_factory=set)  # of the squeezed forms
    by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    by_token: dict[str, list[tuple[Spelling, int]]] = field(default_factory=dict)  # 2+ words
    single: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # one-word names
    typos: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # word -> near names


def _index(corpus: Corpus) -> _Index:
    index = _Index()
    for eid in corpus.entities:
        for spelling in corpus.entity(eid).spellings:
            index.exact.add(_plain(spelling))
            index.folded.add(fold_text(spelling))
            squeezed = _squeeze(spelling)
            if len(squeezed) > MAX_LETTERS:
                continue
            if len(squeezed) >= MIN_LETTERS:
                index.squeezed.setdefault(squeezed, (eid, spelling))
                index.prefixes.update(squeezed[:n] for n in range(1, len(squeezed) + 1))
            keys = tuple(t.key for t in _tokens(spelling))
            if not keys:
                continue
            index.by_first.setdefault(keys[0], []).append(keys)
            if len(keys) == 1:
                index.single.setdefault(keys[0], []).append((eid, spelling))
            # One word off leaves the first or the second one as written: anchor on those.
            for k, key in enumerate(keys[:2] if len(keys) > 1 else ()):
                index.by_token.setdefault(key, []).append(((eid, spelling, keys), k))
    return index


def _inside_known(index: _Index, tokens: list[_Token]) -> set[tuple[int, int]]:
    """Token windows strictly inside a listed spelling as the text writes it: "Bayline" in
    "Bayline Ferries" is part of a listed name, not a spelling of its own."""
    inside: set[tuple[int, int]] = set()
    keys = [t.key for t in tokens]
    for a, token in enumerate(tokens):
        for phrase in index.by_first.get(token.key, []):
            size = len(phrase)
            if size > 1 and tuple(keys[a:a + size]) == phrase:
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
        for eid, spelling in _single_typos(index, first.key):
            found.setdefault((i, i + 1), []).append((eid, spelling, 0))
    for at, token in enumerate(tokens):  # one word off in a longer name: anchor on another
        for (eid, spelling, keys), k in index.by_token.get(token.key, []):
            i, j = at - k, at - k + len(keys)
            if i < 0 or j > len(tokens) or not tokens[i].name_like or any(
                    t.ends_clause for t in tokens[i:j - 1]):
                continue
            off = [m for m in range(len(keys)) if tokens[i + m].key != keys[m]]
            if len(off) == 1 and tokens[i + off[0]].name_like and _one_letter_off(
                    tokens[i + off[0]].key, keys[off[0]]):
                hits = found.setdefault((i, j), [])
                if (eid, spelling, off[0]) not in hits:
                    hits.append((eid, spelling, off[0]))
    return found


def _single_typos(index: _Index, key: str) -> list[tuple[str, str]]:
    """One-word spellings one letter from `key` (computed once per distinct word)."""
    if key not in index.typos:
        near: list[tuple[str, str]] = []
        if len(key) >= MIN_LETTERS and index.single:
            from rapidfuzz import process
            from rapidfuzz.distance import Levenshtein

            for name, _, _ in process.extract(key, list(index.single),
                                              scorer=Levenshtein.distance, score_cutoff=2,
                                              limit=None):
                if _one_letter_off(key, name):
                    near += index.single[name]
        index.typos[key] = near
    return index.typos[key]


def _close_to(index: _Index, written: str,
              candidates: list[Candidate]) -> tuple[str, str] | None:
    """The (entity id, spelling) that `written` is a near miss of, if any."""
    if written in index.exact:
        return None
    for eid, spelling, k in candidates:
        if k < 0:  # same letters and digits: a case, spacing or punctuation variant
            if fold_text(written) != fold_text(spelling) or not _style_only(
                    written, _plain(spelling)):
                return eid, spelling
        elif fold_text(written) not in index.folded and not written.isupper():
            return eid, spelling
    return None


def check_alias_hints(corpus: Corpus) -> None:
    """Report each (entity, unlisted spelling) once, at the entity, with where it was seen."""
    if not corpus.entities:
        return
    index = _index(corpus)
    seen: set[tuple[str, str]] = set()
    for sid, article in corpus.articles.items():
        tokens = _tokens(article.text)
        inside = _inside_known(index, tokens)
        for (i, j), candidates in sorted(_candidates(index, tokens).items()):
            if (i, j) in inside:
                continue
            written = _plain(article.text[tokens[i].start:tokens[j - 1].end])
            found = _close_to(index, written, candidates)
            if found is not None and (found[0], written) not in seen:
                seen.add((found[0], written))
                _report(corpus, sid, article.display, article.line_col(tokens[i].start),
                        written, *found)


def _report(corpus: Corpus, sid: str, display: str, where: tuple[int, int], written: str,
            eid: str, spelling: str) -> None:
    line, col = where
    corpus.add(P.ALIAS_HINT, ("entities", corpus.entities[eid].index),
               f"source {sid!r} writes {written!r} ({display}:{line}:{col}), close to"
               f" {spelling!r} of entity {eid!r} but not among its spellings",
               f"if it names {eid!r}, add {written!r} to its aliases")
