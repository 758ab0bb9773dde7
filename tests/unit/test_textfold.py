"""Folding text for quote matching (`textfold.fold`) and its map back to the original."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.text.fold import fold, fold_text


@pytest.mark.parametrize(("text", "folded"), [
    # case
    ("Pakistan CHINA", "pakistan china"),
    ("Straße", "strasse"),  # casefold, not lower()
    # NFKC compatibility forms
    ("ﬁnance", "finance"),  # ligature
    ("ＡＢＣ１２", "abc12"),  # full-width
    ("x…y", "x...y"),  # ellipsis
    ("e\u0301", "é"),  # decomposed accent composes
    # typographic quotes and dashes
    ("“landmark” deal", '"landmark" deal'),
    ("Minister’s ‘word’", "minister's 'word'"),
    ("«quoted»", '"quoted"'),
    ("a–b—c−d", "a-b-c-d"),
    # white space runs -> one space; ends trimmed
    ("a  \t b", "a b"),
    ("a\r\n\r\nb", "a b"),
    ("a\u00a0\u00a0b", "a b"),  # no-break spaces
    ("  lead\t\ttrail \n", "lead trail"),
    # invisible characters dropped
    ("soft\u00adhyphen", "softhyphen"),
    ("zero\u200bwidth", "zerowidth"),
    ("\ufeffBOM", "bom"),
    ("join\u200d\u2060ed", "joined"),
    ("", ""),
    (" \n\t ", ""),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text).text == folded
    assert fold_text(text) == folded


def test_origin_points_at_the_source_characters() -> None:
    text = "  “Hi”\u00ad  there\n"
    f = fold(text)
    assert f.text == '"hi" there'
    # '"' <- '“' at 2, 'h' at 3, 'i' at 4, '"' <- '”' at 5, (soft hyphen at 6 dropped),
    # ' ' <- first space of the run at 7, 't' at 9 ...; then the sentinel: len(text)
    assert f.origin == (2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 15)


def test_expanded_character_maps_every_output_to_its_source() -> None:
    f = fold("aﬁb")
    assert f.text == "afib"
    assert f.origin == (0, 1, 1, 2, 3)
    assert f.span(1, 3) == (1, 2)  # "fi" is the one ligature character


def test_span_maps_folded_spans_back() -> None:
    text = "Nine  MoUs\nwere signed"
    f = fold(text)
    a = f.text.index("mous were")
    start, end = f.span(a, a + len("mous were"))
    assert text[start:end] == "MoUs\nwere"
    # an empty span is an empty span at the folded position
    assert f.span(a, a) == (start, start)


# --- properties --------------------------------------------------------------------------

_texts = st.text(max_size=80)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_origin_is_a_monotone_map_with_a_sentinel(text: str) -> None:
    f = fold(text)
    assert len(f.origin) == len(f.text) + 1
    assert f.origin[-1] == len(text)
    assert all(a <= b for a, b in zip(f.origin, f.origin[1:]))
    assert all(0 <= o < len(text) for o in f.origin[:-1])
    # every folded character comes from a non-empty stretch of the original
    for i in range(len(f.text)):
        start, end = f.span(i, i + 1)
        assert 0 <= start < end <= len(text)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text).text
    assert fold(once).text == once


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_folded_text_has_no_edge_space_and_no_space_runs(text: str) -> None:
    folded = fold(text).text
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(not c.isspace() or c == " " for c in folded)
    assert not any(c in folded for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff“”‘’–—")


_ascii = st.text(alphabet=string.ascii_letters + string.digits + " \t\r\n.,;'\"-", max_size=80)


@settings(max_examples=200, deadline=None)
@given(_ascii)
def test_ascii_folds_to_lowercase_with_single_spaces(text: str) -> None:
    f = fold(text)
    assert f.text == " ".join(text.lower().split())
    for i, c in enumerate(f.text):
        if c == " ":
            assert text[f.origin[i]].isspace()
        else:
            assert text[f.origin[i]].lower() == c


@settings(max_examples=200, deadline=None)
@given(_ascii, st.data())
def test_ascii_spans_map_back_to_text_that_folds_the_same(text: str, data: st.DataObject) -> None:
    f = fold(text)
    a = data.draw(st.integers(0, len(f.text)))
    b = data.draw(st.integers(a, len(f.text)))
    start, end = f.span(a, b)
    assert 0 <= start <= end <= len(text)
    assert fold(text[start:end]).text == f.text[a:b].strip(" ")


# Regression: an invisible character between a letter and its combining accent was dropped
# only after clusters were formed, so a second fold composed what the first left apart.
@pytest.mark.parametrize("text", ["cafe\u200b\u0301", "cafe\u00ad\u0301", "cafe\u0301\u200b"])
def test_fold_is_idempotent_when_an_invisible_character_splits_an_accent(text: str) -> None:
    once = fold(text).text
    assert fold(once).text == once == "café"
