"""The shortcuts that keep alias hints (MR204) fast must find what the plain way finds:
the words of a text without where they start (`aliases._Text`), windows read off their
words rather than sliced from the text (`_Text.spelled`), and candidates looked for only at
the words whose role says they may start one (`aliases._role`) rather than at every word.
"""

from __future__ import annotations

import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_name_indexes import corpus_of

from mou_reconcile.check import alias_words, aliases

_SPACES = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]


def test_white_space_is_the_same_for_str_split_and_the_token_regex() -> None:
    # `_Text` splits with str.split, `_tokens` with a regular expression: the same tokens.
    assert all(re.fullmatch(r"\s", c) for c in _SPACES)
    assert not any(re.fullmatch(r"\s", c) for c in map(chr, range(sys.maxunicode + 1))
                   if not c.isspace())
    # `_Text.spelled` joins ASCII words by one space whatever white space stood between.
    for c in _SPACES:
        assert unicodedata.normalize("NFKC", c).isspace(), hex(ord(c))
        assert alias_words.plain(f"a{c}b") == "a b"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aB \t\n.,'-é’\u00a0\u2028\u0301Å", max_size=30))
def test_plain_of_ascii_is_its_words(text: str) -> None:
    slow = " ".join(unicodedata.normalize("NFKC", text).translate(alias_words.TYPOGRAPHIC).split())
    assert alias_words.plain(text) == slow


_WORDS = ["Bay", "Ferry", "Ferr", "Fery", "Co.", "Co", "&", "-", "4.7", "4", ".7", "Élan",
          "Elan", "(", "•", "'s", "Bay's", "BAY", "said,", "Hill", "Northgate", "Nortgate",
          "Harbour", "Harbor", "of"]
_GAPS = st.sampled_from([" ", "  ", "\n", "\u00a0", "\t \n", "\u2028"])
_TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), _GAPS), max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts))
_NAMES = ["Bay Ferry Co.", "Élan", "Sky 4.7", "Northgate Harbour Ferry", "Bay of Hill",
          "Ferry", "Harbour Hill"]


def _every_word(index: aliases._Index,
                text: aliases._Text) -> dict[tuple[int, int], list[aliases.Candidate]]:
    """`_candidates` as it was: every word visited, however unlikely to start a name."""
    found: dict[tuple[int, int], list[aliases.Candidate]] = {}
    tokens = text.tokens
    for i, first in enumerate(tokens):
        if first.name_like:
            aliases._spaced(index, tokens, i, found)
            for eid, spelling in aliases._single_typos(index, first.key):
                found.setdefault((i, i + 1), []).append((eid, spelling, 0))
    for i, first in enumerate(tokens):
        if first.name_like and index.near:
            aliases._one_word_off(index, text, i, found)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, min_size=1, max_size=3))
def test_the_fast_paths_find_what_visiting_every_word_finds(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_of(Path(tmp), {f"e{k}": [name] for k, name in enumerate(_NAMES)},
                           {f"s{k}": text + "\n" for k, text in enumerate(texts)})
        index = aliases._index(corpus)
        for article in corpus.articles.values():
            text = aliases._Text(article.text, index)
            tokens, starts = alias_words.tokenize(article.text)
            assert text.tokens == tokens and text.starts == starts
            found = aliases._candidates(index, text)
            want = _every_word(index, text)
            assert {k: found.get(k) for k in want} == want and found.keys() == want.keys()
            for i in range(len(tokens)):
                for j in range(i + 1, min(len(tokens), i + 6) + 1):
                    end = starts[j - 1] + len(tokens[j - 1].written)
                    assert text.spelled(i, j) == alias_words.plain(article.text[starts[i]:end])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, min_size=2, max_size=4))
def test_cached_windows_find_what_a_fresh_index_finds(texts: list[str]) -> None:
    # The index caches what each window (`windows`) and each window's first words (`hits`)
    # are one word off, across articles: warm from the other articles, an article's
    # candidates are those an index made for it alone finds.
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_of(Path(tmp), {f"e{k}": [name] for k, name in enumerate(_NAMES)},
                           {f"s{k}": text + "\n" for k, text in enumerate(texts)})
        shared = aliases._index(corpus)
        for article in [*corpus.articles.values(), *corpus.articles.values()]:
            fresh = aliases._index(corpus)
            assert (aliases._candidates(shared, aliases._Text(article.text, shared))
                    == aliases._candidates(fresh, aliases._Text(article.text, fresh)))
        for (keys, name_like), hits in shared.hits.items():
            assert hits == aliases._window_hits(aliases._index(corpus), keys, name_like)
