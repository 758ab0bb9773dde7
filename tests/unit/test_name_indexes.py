"""The indexes that keep name matching linear: what each one encodes must not change what is
found. Spellings are found at word boundaries only (evidence.name_spans, naming.SpellingIndex);
alias hints (MR204) find a name one word off at any word position and one-word names one
letter off, the closest first, however many names share their other words
(alias_words.Near); copies are found through shared shingles, not counting boilerplate that
very many texts share (independence.find_links).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from mou_reconcile.check import alias_words, aliases
from mou_reconcile.check.evidence import name_spans, names_in
from mou_reconcile.corpus.load import Corpus, load_corpus
from mou_reconcile.corpus.models import Entity
from mou_reconcile.reconcile import independence
from mou_reconcile.reconcile.spellings import SpellingIndex, spellings_by_source
from mou_reconcile.text.fold import fold_text

Spellings = dict[str, list[str]]  # entity id -> [name, *aliases]


def corpus_of(root: Path, entities: Spellings, texts: dict[str, str]) -> Corpus:
    """A corpus of these entities and one article per source, without claims."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for sid, text in texts.items():
        (root / "articles" / f"{sid}.txt").write_text(text, encoding="utf-8")
    doc = {
        "version": 1,
        "sources": [{"id": sid, "file": f"articles/{sid}.txt"} for sid in texts],
        "entities": [{"id": eid, "name": names[0], "aliases": names[1:]}
                     for eid, names in entities.items()],
        "properties": [{"id": "count", "type": "count"}],
        "claims": [],
    }
    path = root / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.problems == [], [str(p) for p in corpus.problems]
    return corpus


_HINT = re.compile(r"writes '(.*)' \(.*\), close to '(.*)' of entity '(.*)' but not")


def hints(corpus: Corpus) -> list[tuple[str, str, str]]:
    """(written, close to spelling, entity id) of each alias hint, in the order reported."""
    aliases.check_alias_hints(corpus)
    out = []
    for p in corpus.problems:
        assert p.code == "MR204", str(p)
        m = _HINT.search(p.message)
        assert m is not None, p.message
        out.append((m[1], m[2], m[3]))
    return out


# -- spellings at word boundaries ---------------------------------------------------------
def _regex_spans(text: str, name: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]


def test_a_name_stands_between_non_word_characters() -> None:
    text = fold_text("Huawei's phones; ZHuawei and Huaweis, (Huawei) Huawei")
    k, n = text.index("(huawei)") + 1, len(text)
    assert list(name_spans(text, "huawei")) == [(0, 6), (k, k + 6), (n - 6, n)]
    assert list(name_spans(text, "")) == []
    assert names_in(text, "HUAWEI") and not names_in(text, "Huaw")
    # A name ending in a non-word character needs none after it: "4.7" then "."
    assert list(name_spans("sky 4.7. sky 4.78", "sky 4.7")) == [(0, 7)]
    # Matches do not overlap, as a regular expression's do not.
    assert list(name_spans("a-a-a a-a", "a-a")) == [(0, 3), (6, 9)]


_TEXT = st.text(alphabet="ab _-.'é\u0301ßI1", max_size=16)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, name=st.text(alphabet="ab _-.'é\u0301ßI1", min_size=1, max_size=4))
def test_name_spans_finds_what_the_word_boundary_regex_finds(text: str, name: str) -> None:
    assert list(name_spans(text, name)) == _regex_spans(text, name)


def test_spellings_are_found_at_word_boundaries_only(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, {"huawei": ["Huawei", "Huawei Technologies"]}, {
        "a": "Huaweis and ZHuawei phones, HuaweiTechnologies.\n",  # no whole word
        "b": "Both Huawei and Technologies are words here, apart.\n",  # not the phrase
        "c": "Officials of\nHuawei's office and (Huawei Technologies) said.\n",
        "d": "HUAWEI TECHNOLOGIES, May 2 - Huawei Technologies said.\n",
    })
    entity = corpus.entity("huawei")
    found = SpellingIndex(corpus).spellings_by_source(entity)
    assert found == {"b": [("Huawei", 1)],
                     "c": [("Huawei", 2), ("Huawei Technologies", 2)],
                     "d": [("Huawei Technologies", 1)]}
    assert list(found) == ["b", "c", "d"]  # the corpus's order of sources
    assert spellings_by_source(corpus, entity) == found


def _brute_force(corpus: Corpus, entity: Entity) -> dict[str, list[tuple[str, int]]]:
    """Every spelling searched for in every article: what the index must find, faster."""
    out = {}
    for sid, article in corpus.articles.items():
        text = article.folded.text
        spans = sorted({s for sp in entity.spellings if fold_text(sp)
                        for s in _regex_spans(text, fold_text(sp))},
                       key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for a, b in spans:
            if not kept or a >= kept[-1][1]:
                kept.append((a, b))
        found: dict[str, int] = {}
        for a, b in kept:
            start, end = article.folded.span(a, b)
            written = " ".join(article.text[start:end].split())
            if written.isupper() and len(written) > 1 and written not in entity.spellings:
                key = fold_text(written)
                written = next((s for s in entity.spellings if fold_text(s) == key), written)
            found.setdefault(written, article.line_col(start)[0])
        if found:
            out[sid] = list(found.items())
    return out


_WORDS = ["Bay", "BAY", "Ferry", "ferry", "Co.", "Co", "&", "-", "4.7", "Élan", "Elan", "(", "'s"]
_PHRASE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spellings=st.lists(st.lists(_PHRASE, min_size=1, max_size=3), min_size=1, max_size=3),
       texts=st.lists(st.lists(st.sampled_from([*_WORDS, "x", ",", "\n"]), max_size=25)
                      .map(" ".join), min_size=1, max_size=3))
def test_the_spelling_index_finds_what_searching_every_article_finds(
        spellings: list[list[str]], texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_of(Path(tmp), {f"e{k}": names for k, names in enumerate(spellings)},
                           {f"s{k}": text + "\n" for k, text in enumerate(texts)})
        index = SpellingIndex(corpus)
        for eid in corpus.entities:
            entity = corpus.entity(eid)
            found = index.spellings_by_source(entity)
            want = _brute_force(corpus, entity)
            assert found == want and list(found) == list(want)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spellings=st.lists(_PHRASE, min_size=1, max_size=4),
       texts=st.lists(st.lists(st.sampled_from([*_WORDS, "x"]), max_size=12).map(" ".join),
                      min_size=1, max_size=4))
def test_the_spelling_index_gives_the_articles_holding_every_word(
        spellings: list[str], texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_of(Path(tmp), {"e": spellings},
                           {f"s{k}": text + "\n" for k, text in enumerate(texts)})
        index = SpellingIndex(corpus)
        for spelling in spellings:
            words = set(re.findall(r"\w+", fold_text(spelling)))
            want = {sid for sid, article in corpus.articles.items()
                    if words <= set(re.findall(r"\w+", article.folded.text))}
            assert set(index.sources_with(fold_text(spelling))) == want
        assert set(index.sources_with("-")) == set(corpus.articles)  # no word: every article


# -- alias hints: one word off ------------------------------------------------------------
FERRY = {"ferry": ["Northgate Harbour Ferry Company"]}


@pytest.mark.parametrize(("written", "position"), [
    ("Nortgate Harbour Ferry Company", 0), ("Northgate Harbor Ferry Company", 1),
    ("Northgate Harbour Fery Company", 2), ("Northgate Harbour Ferry Compamy", 3)])
def test_a_name_one_word_off_is_hinted_at_each_position(
        tmp_path: Path, written: str, position: int) -> None:
    corpus = corpus_of(tmp_path, FERRY, {"wire": f"Officials of the {written} said.\n"})
    assert hints(corpus) == [(written, "Northgate Harbour Ferry Company", "ferry")]
    index = aliases._index(corpus)
    found = aliases._candidates(index, aliases._Text(corpus.articles["wire"].text, index))
    assert found[(3, 7)] == [("ferry", "Northgate Harbour Ferry Company", position)]


@pytest.mark.parametrize("written", [
    "Nortgate Harbor Ferry Company",  # two words off
    "Northgate Harbour Ferry. Company",  # across a clause end
    "Northgate harbor Ferry Company",  # the word off is not name-like
    "Northgate Harbour Ferry Companies",  # a derived word, not a misspelling
    "NORTHGATE HARBOR FERRY COMPANY"])  # capitals for style
def test_what_is_not_one_word_off(tmp_path: Path, written: str) -> None:
    corpus = corpus_of(tmp_path, FERRY, {"wire": f"Officials of the {written} said.\n"})
    assert hints(corpus) == []


PLACES = ["Laikloda", "Quacun", "Fokeam", "Daflei", "Shaipral", "Lepreas", "Waiprunys",
          "Cribeam", "Drakos", "Gaisopound", "Quuquudrill", "Seahaiquir", "Leiheark"]


def test_one_word_off_among_many_names_sharing_the_other_words(tmp_path: Path) -> None:
    # Thirteen names share "Water Board": the text's names are found through the deletions
    # of the word left out (alias_words.Near's index of every word of the names), as comparing
    # each would find them.
    entities = {p.lower(): [f"{p} Water Board"] for p in PLACES}
    listed = " ".join(f"The {p} Water Board met." for p in PLACES)
    text = (f"{listed}\nThe Laikoda Water Board, the Gaisapoond Water Board and the Quicen"
            " Water Board met.\n")
    corpus = corpus_of(tmp_path, entities, {"wire": text})
    index = aliases._index(corpus)
    assert len(index.near[(3, 0, ("water", "board"))]) > alias_words.Near.LINEAR
    assert len(index.phrase_words.words) > alias_words.Near.LINEAR
    # One letter off "Laikloda"; two off "Gaisopound" (long words allow two); "Quicen" is
    # two off the short "Quacun": no hint.
    assert hints(corpus) == [
        ("Laikoda Water Board", "Laikloda Water Board", "laikloda"),
        ("Gaisapoond Water Board", "Gaisopound Water Board", "gaisopound")]


def test_a_one_word_name_one_letter_off_is_hinted_closest_first(tmp_path: Path) -> None:
    # Long words may be two letters off: "Gaisapound" is two from "Gaisapoont", listed
    # first, and one from "Gaisopound", listed later; the closest is the hint.
    names = ["Gaisapoont", *PLACES]
    assert Levenshtein.distance("gaisapound", "gaisapoont") == 2
    entities = {p.lower(): [p] for p in names}
    text = " ".join(f"{p} met." for p in names) + "\nGaisapound and Lepraas met.\n"
    corpus = corpus_of(tmp_path, entities, {"wire": text})
    assert hints(corpus) == [("Gaisapound", "Gaisopound", "gaisopound"),
                             ("Lepraas", "Lepreas", "lepreas")]


@st.composite
def _near_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A word and one up to three edits from it (lengths around `_Near.LONG` included)."""
    long = alias_words.Near.LONG
    a = draw(st.text(alphabet="abcde", min_size=2, max_size=12)
             | st.text(alphabet="abcde", min_size=long - 3, max_size=long + 3))
    b = a
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(b)))
        letter = draw(st.sampled_from("abcdef"))
        b = draw(st.sampled_from([b[:k] + letter + b[k + 1:], b[:k] + letter + b[k:],
                                  b[:k] + b[k + 1:]])) or b
    return a, b


@settings(max_examples=300, deadline=None)
@given(pair=_near_pairs())
def test_words_one_letter_off_are_found_near(pair: tuple[str, str]) -> None:
    a, b = pair
    near = alias_words.Near()
    others = ["zzzz", "yyyyyyy", "xxxxxxxxxx", "wwwww", "vvvvvv", "uuuuuuuuu", "t" * 40]
    for word in [*others, b]:
        near.add(word)
    for k in range(alias_words.Near.LINEAR):  # asked often enough to be indexed
        near.near(f"q{k}qqq")
    assert (b in near.near(a)) == alias_words.one_letter_off(a, b)
    assert len(near.near(a)) == len(set(near.near(a)))


# -- copies -------------------------------------------------------------------------------
def test_boilerplate_in_very_many_texts_is_not_copying(tmp_path: Path) -> None:
    boilerplate = ("Subscribe to our newsletter for the latest news from the region and beyond,"
                   " delivered to your inbox every morning before breakfast.")
    story = ("The harbour authority said on Friday that the northern pier will reopen to"
             " ferries next month after repairs costing far more than first planned.")
    texts = {f"s{k:02d}": f"Item {k} about topic number {k * 7919 % 1000} here.\n\n{boilerplate}\n"
             for k in range(independence.MAX_OWNERS + 2)}
    texts["s00"] += f"\n{story}\n"
    texts["s01"] += f"\n{story} The mayor agreed.\n"
    corpus = corpus_of(tmp_path, {}, texts)
    links = independence.find_links(corpus)
    assert [(x.a, x.b) for x in links] == [("s00", "s01")]
    assert links[0].sample is not None and "The harbour authority said" in links[0].sample
