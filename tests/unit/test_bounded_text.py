"""Text indexes that keep work bounded (issue 21): the closest-passage search's budget and
narrowing (`passages.search`), sentence and paragraph bounds found once per article
(`Article.sentence_around`, `paragraph_around`), and a stub's quote anchored without
rescanning the article (`quotes.anchors_first_at`). Each is checked against the plain
scan it replaces."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mou_reconcile.corpus.load import load_corpus
from mou_reconcile.text.article import _BLANK_LINES, _SENTENCE_END, Article
from mou_reconcile.text.passages import BUDGET, search
from mou_reconcile.text.quotes import anchors_first_at, find_quote

REPO = Path(__file__).resolve().parents[2]


def article(text: str) -> Article:
    return Article("src", Path("a.txt"), "a.txt", text)


def sample_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8")
                       for p in sorted((REPO / "data" / "articles").glob("*.txt")))


# --- closest passage within a budget ------------------------------------------------------

def test_a_quote_sharing_no_word_with_a_long_article_exhausts_the_budget() -> None:
    found = search(article("a" * 400_000), "a" * 1000 + "b")
    assert found.exhausted and found.passage is None


def test_a_short_article_is_aligned_whole_as_before() -> None:
    # The same input, small enough to align whole: the exact answer, no budget note.
    found = search(article("a" * 5_000), "a" * 1000 + "b")
    assert not found.exhausted
    assert found.passage is not None and found.passage.similarity > 0.99


def test_a_typo_in_a_long_article_is_found_by_narrowing() -> None:
    text = "Intro.\n\nThe council signed three agreements on Monday.\n\n" + sample_text() * 100
    a = article(text)
    quote = "The council sgned three agreements"
    assert len(a.folded.text) * len(quote) > BUDGET  # too long to align whole
    found = search(a, quote)
    assert not found.exhausted and found.passage is not None
    assert found.passage.line == 3 and found.passage.similarity > 0.9
    assert found.passage.text.startswith("The council signed three agreements")


def test_nothing_similar_within_the_budget_is_not_exhaustion() -> None:
    # One word of the quote is in the article: every window it points to is aligned
    # within the budget, so the answer is the best of them (or none), never "ran out".
    a = article(sample_text() * 100)
    quote = "zebra quagga Huawei okapi wildebeest gazelle springbok"
    assert len(a.folded.text) * len(quote) > BUDGET
    found = search(a, quote)
    assert not found.exhausted
    assert found.passage is None or found.passage.similarity < 0.6


def perturbed_sample_quotes() -> list[tuple[Article, str, int]]:
    """Every sample claim's quote with one letter changed in its longest word, with the
    line the quote stands at."""
    corpus = load_corpus(REPO / "data" / "claims.yaml")
    out = []
    for entry in corpus.claims:
        a = corpus.articles[entry.claim.source]
        anchor = find_quote(a, entry.claim.quote)
        if anchor is None:
            continue
        words = entry.claim.quote.split(" ")
        k = max(range(len(words)), key=lambda i: len(words[i]))
        w = words[k]
        words[k] = w[:len(w) // 2] + ("q" if w[len(w) // 2] != "q" else "z") + w[len(w) // 2 + 1:]
        out.append((a, " ".join(words), anchor.line))
    return out


def test_narrowing_finds_what_a_whole_scan_finds_on_the_sample() -> None:
    cases = perturbed_sample_quotes()
    assert len(cases) > 10
    for a, quote, line in cases:
        whole, narrowed = search(a, quote), search(a, quote, whole=False)
        assert whole.passage is not None and narrowed.passage is not None, quote
        assert narrowed.passage.line == whole.passage.line == line, quote
        assert abs(narrowed.passage.similarity - whole.passage.similarity) < 0.05, quote


def test_a_window_edge_never_makes_a_perfect_match_of_a_sliver() -> None:
    # A window cut inside a paragraph once left a few letters that matched part of the
    # quote perfectly ("100% similar: 'ISLAMABAD'").
    a = article(sample_text() * 100)
    found = search(a, "the Chinese tech giant Huawei will trian up to 300,000 Pakistani youths")
    assert found.passage is not None
    assert 0.5 < found.passage.similarity < 0.9
    assert "Huawei" in found.passage.text


# --- sentence and paragraph bounds --------------------------------------------------------

def scan_paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    s = 0
    for m in _BLANK_LINES.finditer(text, 0, start):
        s = m.end()
    after = _BLANK_LINES.search(text, end)
    return s, after.start() if after else len(text)


def scan_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        s = m.end()
    while s < start and text[s].isspace():
        s += 1
    after = _SENTENCE_END.search(text, max(end - 1, s))
    return s, after.end() if after else len(text)


_PIECES = st.sampled_from([".", "!", "?", "'", '"', "’", "”", ")", "]", " ", "\n", "\t",
                           "\u00a0", "a", "b1", "\n\n", " \n \n", "word ", "x. ", "...", "—"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.data())
def test_bounds_are_those_of_a_scan_from_the_start(text: str, data: st.DataObject) -> None:
    a = article(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert a.sentence_around(start, end) == scan_sentence(text, start, end)
    assert a.paragraph_around(start, end) == scan_paragraph(text, start, end)


# --- a stub's quote anchored at its own place ---------------------------------------------

def first_at(a: Article, quote: str, start: int) -> bool:
    anchor = find_quote(a, quote)
    folded = a.folded
    return anchor is not None and folded.folded_index(anchor.start) == folded.folded_index(start)


@pytest.mark.parametrize("seed", range(4))
def test_anchors_first_at_agrees_with_the_plain_search(seed: int) -> None:
    rng = random.Random(seed)
    words = ["the", "council", "signed", "9", "12", "agreements", "on", "Monday,", "—",
             "…", "“nine”", "ﬁve", "Café", "(MoUs)", "\n\n", "\n", "x.", "12,000"]
    text = " ".join(rng.choice(words) for _ in range(400))
    a = article(text)
    spans = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", text)]
    for _ in range(300):
        i = rng.randrange(len(spans))
        j = min(len(spans) - 1, i + rng.randrange(4))
        quote = " ".join(text[spans[i][0]:spans[j][1]].split())
        assert anchors_first_at(a, quote, spans[i][0]) == first_at(a, quote, spans[i][0]), \
            (quote, spans[i][0])
