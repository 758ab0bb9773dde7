"""Anchoring quotes in articles (`quotes.find_quote`, `closest_passage`).

Spec ("What check verifies"): matching folds Unicode compatibility forms, typographic quotes
and dashes, case and runs of white space; `...` or `…` stands for omitted words, and the
parts must occur in order within one paragraph (a block of lines between blank lines).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mou_reconcile.text.article import Article
from mou_reconcile.text.fold import fold_text
from mou_reconcile.text.passages import closest_passage
from mou_reconcile.text.quotes import (
    find_quote,
    parts_found_elsewhere,
    quote_parts,
)


def article(text: str) -> Article:
    return Article("src", Path("a.txt"), "a.txt", text)


TEXT = (
    "Pakistan, China ink landmark IT MoUs\n"
    "\n"
    "ISLAMABAD: Pakistan and China signed nine Memoranda of Understanding (MoUs) on\n"
    "Monday, officials said. The Minister’s “landmark” deal covers 5G and cloud.\n"
    "\n"
    "Huawei will train up to 300,000 people — a first for the region.\n"
)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Independent 1-based line and column of an offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- plain matches and folding -----------------------------------------------------------

@pytest.mark.parametrize("quote", [
    "signed nine Memoranda of Understanding (MoUs)",
    "SIGNED NINE memoranda",  # case
    "The Minister's \"landmark\" deal",  # straight quotes for typographic ones
    "the minister’s “landmark” deal",
    "signed   nine\n Memoranda",  # extra and different white space
    "MoUs) on Monday, officials said",  # across a line break inside a paragraph
    "300,000 people - a first",  # a hyphen for an em dash
    "ﬁrst for the region",  # a ligature in the quote
])
def test_quote_is_found_despite_copying_differences(quote: str) -> None:
    a = article(TEXT)
    anchor = find_quote(a, quote)
    assert anchor is not None
    assert fold_text(TEXT[anchor.start:anchor.end]) == fold_text(quote)


@pytest.mark.parametrize("quote", [
    "signed 9 Memoranda",  # a different word is not folded away
    "Pakistan and China signed ten",
    "",
    "   ",
    "...",
])
def test_quote_not_in_article_is_not_found(quote: str) -> None:
    assert find_quote(article(TEXT), quote) is None


def test_anchor_positions_are_one_based() -> None:
    anchor = find_quote(article(TEXT), "nine Memoranda")
    assert anchor is not None
    assert TEXT[anchor.start:anchor.end] == "nine Memoranda"
    assert (anchor.line, anchor.col) == (3, 38)
    # the end position is that of the quote's last character
    assert (anchor.end_line, anchor.end_col) == (3, 51)
    assert anchor.spans == ((anchor.start, anchor.end),)


def test_anchor_across_lines_with_crlf() -> None:
    text = TEXT.replace("\n", "\r\n")
    a = article(text)
    anchor = find_quote(a, "(MoUs) on Monday")
    assert anchor is not None
    assert text[anchor.start:anchor.end] == "(MoUs) on\r\nMonday"
    assert (anchor.line, anchor.col) == (3, 70)
    assert (anchor.end_line, anchor.end_col) == (4, 6)
    assert a.line_text(4).startswith("Monday, officials said.")
    assert not a.line_text(3).endswith("\r")


def test_anchor_on_the_first_and_last_lines() -> None:
    a = article(TEXT)
    first = find_quote(a, "Pakistan, China")
    assert first is not None and (first.line, first.col) == (1, 1)
    last = find_quote(a, "the region.")
    assert last is not None and (last.end_line, last.end_col) == (6, 64)


def test_ligature_and_eszett_in_the_article() -> None:
    text = "The ﬁrm in Straße 5 signed."
    anchor = find_quote(article(text), "firm in strasse 5")
    assert anchor is not None
    assert text[anchor.start:anchor.end] == "ﬁrm in Straße 5"


def test_anchor_skips_leading_and_trailing_space_of_the_quote() -> None:
    anchor = find_quote(article(TEXT), "   nine Memoranda \n")
    assert anchor is not None
    assert TEXT[anchor.start:anchor.end] == "nine Memoranda"


# --- elision ------------------------------------------------------------------------------

@pytest.mark.parametrize("quote", [
    "Pakistan and China signed ... officials said",
    "Pakistan and China signed…officials said",
    "Pakistan and China signed … MoUs … cloud",
    "... nine Memoranda ...",
])
def test_elided_parts_in_order_in_one_paragraph(quote: str) -> None:
    a = article(TEXT)
    anchor = find_quote(a, quote)
    assert anchor is not None
    parts = quote_parts(quote)
    assert len(anchor.spans) == len(parts)
    for (s, e), part in zip(anchor.spans, parts):
        assert fold_text(TEXT[s:e]) == part
    assert anchor.start == anchor.spans[0][0] and anchor.end == anchor.spans[-1][1]
    assert all(a_[1] <= b_[0] for a_, b_ in zip(anchor.spans, anchor.spans[1:]))


def test_elided_parts_out_of_order_do_not_match() -> None:
    a = article(TEXT)
    quote = "officials said ... Pakistan and China signed"
    assert find_quote(a, quote) is None
    assert parts_found_elsewhere(a, quote)


def test_elided_parts_in_different_paragraphs_do_not_match() -> None:
    a = article(TEXT)
    quote = "officials said ... train up to 300,000"
    assert find_quote(a, quote) is None
    assert parts_found_elsewhere(a, quote)
    # the same with CRLF blank lines and with a blank line holding spaces
    for text in (TEXT.replace("\n", "\r\n"), TEXT.replace("\n\nHuawei", "\n  \t\nHuawei")):
        assert find_quote(article(text), quote) is None


def test_elision_uses_a_later_occurrence_when_the_first_cannot_complete() -> None:
    text = "Nine MoUs were planned.\n\nNine MoUs were signed on Monday.\n"
    anchor = find_quote(article(text), "Nine MoUs ... Monday")
    assert anchor is not None
    assert (anchor.line, anchor.col) == (3, 1)


def test_quote_parts() -> None:
    assert quote_parts("A ... B…C .... D") == ["a", "b", "c", "d"]
    assert quote_parts("...") == []


# --- closest passage ----------------------------------------------------------------------

def test_closest_passage_finds_a_one_character_typo() -> None:
    a = article(TEXT)
    quote = "Huawei will train up to 300,000 peeple"
    assert find_quote(a, quote) is None
    passage = closest_passage(a, quote)
    assert passage is not None
    assert passage.line == 6
    assert passage.col == 1
    assert passage.similarity > 0.8
    assert "Huawei will train up to 300,000" in passage.text


def test_closest_passage_on_a_later_line_of_a_paragraph() -> None:
    a = article(TEXT)
    passage = closest_passage(a, "officials sad")
    assert passage is not None
    assert passage.line == 4
    assert passage.similarity > 0.8


def test_closest_passage_of_an_empty_quote() -> None:
    assert closest_passage(article(TEXT), " ... ") is None


# --- properties ---------------------------------------------------------------------------

# Characters that fold one-to-one (no `.`/`…`: they are elision marks; no ligatures or ß:
# a match may then start or end inside a character's expansion).
_WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éÉ’‘“”'\",;:()–—-Ａｂ"
_word = st.text(alphabet=_WORD_CHARS, min_size=1, max_size=8)
_invisible = st.sampled_from(["", "", "", "\u00ad", "\u200b"])
_sep = st.sampled_from([" ", " ", "  ", "\t", "\u00a0"])


@st.composite
def _line(draw: st.DrawFn) -> str:
    words = draw(st.lists(_word, min_size=1, max_size=6))
    out = words[0]
    for w in words[1:]:
        out += draw(_sep) + draw(_invisible) + w
    return out


@st.composite
def _article_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """An article and the [start, end) of each paragraph in it."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    paragraphs = draw(st.lists(st.lists(_line(), min_size=1, max_size=3), min_size=1,
                               max_size=4))
    text, bounds = "", []
    for k, lines in enumerate(paragraphs):
        if k:
            text += nl + nl
        start = len(text)
        text += nl.join(lines)
        bounds.append((start, len(text)))
    return text, bounds


@settings(max_examples=100, deadline=None)
@given(_article_text(), st.data())
def test_any_substring_of_a_paragraph_is_found(
        generated: tuple[str, list[tuple[int, int]]], data: st.DataObject) -> None:
    text, bounds = generated
    p_start, p_end = data.draw(st.sampled_from(bounds))
    i = data.draw(st.integers(p_start, p_end - 1))
    j = data.draw(st.integers(i + 1, p_end))
    quote = text[i:j]
    assume(fold_text(quote) != "")
    anchor = find_quote(article(text), quote)
    assert anchor is not None
    assert fold_text(text[anchor.start:anchor.end]) == fold_text(quote)
    assert (anchor.line, anchor.col) == line_col(text, anchor.start)
    assert (anchor.end_line, anchor.end_col) == line_col(text, anchor.end - 1)
    assert not text[anchor.start].isspace() and not text[anchor.end - 1].isspace()


@settings(max_examples=100, deadline=None)
@given(_article_text(), st.data())
def test_copying_differences_do_not_break_a_match(
        generated: tuple[str, list[tuple[int, int]]], data: st.DataObject) -> None:
    text, bounds = generated
    p_start, p_end = data.draw(st.sampled_from(bounds))
    i = data.draw(st.integers(p_start, p_end - 1))
    j = data.draw(st.integers(i + 1, p_end))
    quote = text[i:j]
    assume(fold_text(quote) != "")
    if data.draw(st.booleans()):
        quote = quote.upper()
    if data.draw(st.booleans()):
        quote = quote.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"',
                                               "–": "-", "—": "-"}))
    else:
        quote = quote.translate(str.maketrans({"'": "’", '"': "”", "-": "—"}))
    quote = quote.replace(" ", data.draw(st.sampled_from([" ", "   ", "\n", " \r\n\t"])))
    anchor = find_quote(article(text), quote)
    assert anchor is not None
    assert fold_text(text[anchor.start:anchor.end]) == fold_text(text[i:j])


@settings(max_examples=100, deadline=None)
@given(_article_text(), st.data())
def test_two_ordered_parts_of_one_paragraph_match_with_elision(
        generated: tuple[str, list[tuple[int, int]]], data: st.DataObject) -> None:
    text, bounds = generated
    p_start, p_end = data.draw(st.sampled_from(bounds))
    assume(p_end - p_start >= 3)
    cuts = sorted(data.draw(st.lists(st.integers(p_start, p_end), min_size=4, max_size=4,
                                     unique=True)))
    first, second = text[cuts[0]:cuts[1]], text[cuts[2]:cuts[3]]
    assume(fold_text(first) != "" and fold_text(second) != "")
    ellipsis = data.draw(st.sampled_from([" ... ", "...", "…", " … "]))
    anchor = find_quote(article(text), first + ellipsis + second)
    assert anchor is not None
    assert len(anchor.spans) == 2
    (s1, e1), (s2, e2) = anchor.spans
    assert e1 <= s2
    assert fold_text(text[s1:e1]) == fold_text(first)
    assert fold_text(text[s2:e2]) == fold_text(second)


# Regression: Folded.span ended a match at its last folded character's origin + 1, which cut
# off combining marks that composed into that character.
def test_anchor_span_includes_a_trailing_combining_mark() -> None:
    text = "Visit the cafe\u0301 today"
    anchor = find_quote(article(text), "the café")
    assert anchor is not None
    assert text[anchor.start:anchor.end] == "the cafe\u0301"
