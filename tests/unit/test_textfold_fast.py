"""The fast `textfold.fold` against the per-character implementation it replaced.

`_reference_fold` is that implementation, verbatim: the fast one (ASCII stretches folded
whole, the offset map kept as pieces) must give the same folded text and the same origin and
end for every folded character, so no match and no reported position can change.
"""

from __future__ import annotations

import re
import string
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.text.article import _BLANK_LINES, Article
from mou_reconcile.text.fold import (
    _DASHES,
    _DROP,
    _NON_ASCII,
    _QUOTES,
    _SPACE_RUN,
    _SWAP,
    Folded,
    fold,
    fold_text,
)

# --- the reference: textfold.fold as it was, a loop over characters ----------------------

_REF_TABLE = str.maketrans(_QUOTES | _DASHES)


def _ref_fold_cluster(cluster: str) -> str:
    return unicodedata.normalize("NFKC", cluster).casefold().translate(_REF_TABLE)


def _reference_fold(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """(folded text, origin with the len(text) sentinel, ends)."""
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    pending_space = -1
    while i < n:
        ch = text[i]
        if ch in _DROP:
            i += 1
            continue
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in _DROP):
            j += 1
        folded = _ref_fold_cluster("".join(c for c in text[i:j] if c not in _DROP))
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
    return "".join(out), tuple(origin), tuple(ends)


def _reference_span(origin: tuple[int, ...], ends: tuple[int, ...], start: int,
                    end: int) -> tuple[int, int]:
    if end <= start:
        return origin[start], origin[start]
    return origin[start], ends[end - 1]


def assert_same_as_reference(text: str) -> Folded:
    ref_text, ref_origin, ref_ends = _reference_fold(text)
    f = fold(text)
    assert f.text == ref_text
    assert fold_text(text) == ref_text
    assert f.length == len(text)
    assert [f.origin_at(i) for i in range(len(f.text) + 1)] == list(ref_origin)
    assert [f.end_at(i) for i in range(len(f.text))] == list(ref_ends)
    assert f.origin == ref_origin and f.ends == ref_ends
    # what article.paragraphs and extract._anchors_here used to bisect for
    for offset in range(-1, len(text) + 3):
        assert f.folded_index(offset) == bisect_left(ref_origin, offset)
        assert f.folded_index(offset) == bisect_right(ref_origin, offset - 1)
    return f


# --- random text over the characters that take each path ----------------------------------

_ASCII_VISIBLE = string.ascii_letters + string.digits + string.punctuation
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_UNICODE_SPACE = "".join(c for c in map(chr, range(128, sys.maxunicode + 1)) if c.isspace())  # all
_COMBINING = "\u0301\u0308\u0327"
_OTHER = ("\ufb01"  # ligature fi
          "ＡｂＣ０"  # full-width
          "ßİẞΣσς…éÉ"
          "😀👍\U0001f3fd"  # emoji, a skin-tone modifier (not a combining mark)
          "\x00\x07\x7f\x9f"  # control characters
          "\u00a8\u00b4\ufdfa"  # compatibility forms holding a space (U+FDFA: inside)
          "\u1100\u1161"  # Hangul jamo, which compose across clusters
          "北京")

_alphabet = st.sampled_from(
    [*_ASCII_VISIBLE, *_ASCII_SPACE, *_UNICODE_SPACE, *_QUOTES, *_DASHES, *_DROP,
     *_COMBINING, *_OTHER])
# Weighted towards the tricky parts: white space, invisible and combining characters.
_tricky = st.sampled_from([*_ASCII_SPACE, *_UNICODE_SPACE, *_DROP, *_COMBINING, "  ", "\n\n"])
_words = st.sampled_from(["Word", "MoU", "a", "x", "12", "`quoted`", "end."])
_mixed = st.lists(st.one_of(_alphabet, _tricky, _words), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_mixed)
def test_fold_matches_the_reference_on_mixed_text(text: str) -> None:
    assert_same_as_reference(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_fold_matches_the_reference_on_any_text(text: str) -> None:
    assert_same_as_reference(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_fold_matches_the_reference_on_ascii(text: str) -> None:
    assert_same_as_reference(text)


@settings(max_examples=500, deadline=None)
@given(_mixed, st.data())
def test_span_matches_the_reference(text: str, data: st.DataObject) -> None:
    ref_text, ref_origin, ref_ends = _reference_fold(text)
    f = fold(text)
    a = data.draw(st.integers(0, len(ref_text)))
    b = data.draw(st.integers(0, len(ref_text)))
    assert f.span(a, b) == _reference_span(ref_origin, ref_ends, a, b)


# --- examples -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", " ", "\n\t ", "a", " a ", "Pakistan CHINA", "  “Hi”\u00ad  there\n",
    "aﬁb", "ﬁ\u0301x",
    "e\u0301", "\u0301a", "a\u0301", "x\u200b\u0301", "cafe\u00ad\u0301 bar", " \u0301 b",
    "a\u00a0 \u3000b", "a \u2028\u00ad\u200b b", "a\x1c\x1d\x1e\x1fb", "a\x0b\x0c\rb",
    "it`s `quoted`", "İstanbul ẞtraße ΣΑΣ", "x…y", "a–b—c−d", "«quoted»",
    "\ufdfa\u0301 x", "a\ufdfa\u0301b", "\u00a8 \u00b4", "\ufeffBOM\u200d",
    "😀 \U0001f44d\U0001f3fd ok", "\x00\x07\x7f\x85\x9f", "\u1100\u1161\u11a8",
    "Para one.\n\nPara  two\r\n\r\n\r\nthree \t",
    # ASCII but for characters `fold` swaps first, some with marks or invisibles after them
    "It’s a “deal”—signed.\n\nNext\u00a0 para ‑ – ‘x’ «y»", "a—\u0301b", "“\u0308x”\u200b\u0301",
    "x\u00a0\u0301y", "\u00a0\u00a0a\u00a0", "´″ — “x”", "﹘\u0327﹣－", "‑\u00ad\u0301 e\u0301—",
])
def test_examples_match_the_reference(text: str) -> None:
    f = assert_same_as_reference(text)
    _, ref_origin, ref_ends = _reference_fold(text)
    for a in range(len(f.text) + 1):
        for b in range(len(f.text) + 1):
            assert f.span(a, b) == _reference_span(ref_origin, ref_ends, a, b)


def test_the_origins_can_go_back_and_folded_index_still_bisects_as_before() -> None:
    # U+FDFA folds to words with spaces; a space takes the cluster's first offset, after
    # letters given its last: the only way origins decrease.
    f = assert_same_as_reference("a\ufdfa\u0301b  c")
    assert list(f.origin) != sorted(f.origin)


def test_indexes_out_of_range_fail_as_the_tuples_did() -> None:
    f = fold("ab")
    assert f.origin_at(-1) == 2 and f.end_at(-1) == 2
    for bad in (lambda: f.origin_at(3), lambda: f.end_at(2), lambda: f.span(4, 5)):
        with pytest.raises(IndexError):
            bad()


def test_plain_text_maps_in_a_few_pieces() -> None:
    paragraph = "The ministry said nine MoUs were signed on Monday — a first. " * 40
    text = "\n\n".join([paragraph.strip()] * 50) + "\n"
    f = assert_same_as_reference(text)
    assert len(f._map) == 3 * 50  # one piece per paragraph: the blank lines break the map
    assert sys.getsizeof(f._map) < len(text) // 50


def test_article_paragraphs_are_as_before() -> None:
    text = "Title\n\n  First para\u00a0 line\nstill first.\n \t\nSecond — para.\n\n\n"
    a = Article("src", Path("a.txt"), "a.txt", text)
    ref_text, ref_origin, _ = _reference_fold(text)
    bounds, start = [], 0
    for m in _BLANK_LINES.finditer(text):  # as Article.paragraphs cuts the text
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    expected = []
    for s, e in bounds:
        fa, fb = bisect_right(ref_origin, s - 1), bisect_right(ref_origin, e - 1)
        if fb > fa:
            expected.append((fa, min(fb, len(ref_text))))
    assert a.paragraphs == expected
    assert [ref_text[x:y] for x, y in expected] == ["title", "first para line still first.",
                                                    "second - para."]


# --- what the fast paths rely on ------------------------------------------------------------

_MARKS = [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.combining(c)]


def test_swapped_characters_fold_as_their_ascii_stand_ins() -> None:
    # `fold` replaces them before anything else, which changes nothing when each starts a
    # cluster as its stand-in does and folds alike with any combining mark after it.
    assert {c for c, _ in _SWAP} == {
        c for c in [*_QUOTES, *_DASHES, "\u00a0"] if not c.isascii()} - {"\u00b4", "\u2033"}
    for c, f in _SWAP:
        assert f.isascii() and c not in _DROP and not unicodedata.combining(c)
        assert _ref_fold_cluster(c) == f
        for mark in _MARKS:
            assert _reference_fold(f"x{c}{mark}y") == _reference_fold(f"x{f}{mark}y")
    # ... and with several marks: neither is the first of a canonical composition's pair.
    firsts = {chr(int(d.split()[0], 16))
              for d in map(unicodedata.decomposition, map(chr, range(sys.maxunicode + 1)))
              if d and not d.startswith("<")}
    assert not firsts & {unicodedata.normalize("NFKC", c)[0] for c, _ in _SWAP}
    assert not firsts & {f for _, f in _SWAP}


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" a\n\u00e9\u2014\U0001f600", max_size=40), st.data())
def test_the_regular_expressions_match_as_their_plain_spellings(text: str,
                                                                data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for fast, plain in [(_SPACE_RUN, " {2,}"), (_NON_ASCII, r"[^\x00-\x7f]+")]:
        assert [m.span() for m in fast.finditer(text, pos, endpos)] == \
            [m.span() for m in re.compile(plain).finditer(text, pos, endpos)]
