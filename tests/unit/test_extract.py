"""`extract`'s candidates: each stub's quote anchors at its own quantity and states its value
and bound the way `check` reads them; noun phrases and entities around the quantity."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CASES, REPO
from mou_reconcile.check.evidence import number_support
from mou_reconcile.corpus.load import load_corpus
from mou_reconcile.corpus.models import Claim
from mou_reconcile.corpus.yamlio import load_yaml
from mou_reconcile.reporters.yaml_reporter import ident, number, scalar
from mou_reconcile.text.article import Article
from mou_reconcile.text.quotes import find_quote
from mou_reconcile.views.extract import extract

CORPORA = [REPO / "data" / "claims.yaml", CASES / "ferry-fire" / "claims.yaml",
           CASES / "storm-toll" / "claims.yaml"]


def _candidates(path: Path, years: bool = True) -> list[tuple[Article, object]]:
    corpus = load_corpus(path)
    return [(article, c) for article in corpus.articles.values()
            for c in extract(article, corpus, years=years).candidates]


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.parent.name)
def test_every_stub_quote_anchors_at_its_quantity_and_supports_its_value(path: Path) -> None:
    found = _candidates(path)
    assert found
    for article, c in found:
        q = c.quantity  # type: ignore[attr-defined]
        anchor = find_quote(article, c.quote)  # type: ignore[attr-defined]
        assert anchor is not None, c
        assert any(a <= q.start and q.end <= b for a, b in anchor.spans), c
        if q.kind == "year":
            continue  # a date's quote is checked by date rules, with no bound
        claim = Claim(source=article.source_id, subject="s", property="p",
                      value=c.value, bound=q.bound, quote=c.quote)  # type: ignore[attr-defined]
        assert number_support(claim, claim.quote) == [], c


def _one(text: str, entities: str = "") -> object:
    corpus = load_corpus(_write(text, entities))
    (article,) = corpus.articles.values()
    (c,) = extract(article, corpus).candidates
    return c


def _write(text: str, entities: str) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "claims.yaml").write_text(
        "version: 1\nsources:\n  - {id: a, file: a.txt}\n" + entities +
        "properties:\n  - {id: agreement_count, type: count}\n"
        "  - {id: trainees, type: count, unit: people}\n  - {id: partner, type: entity}\n"
        "claims: []\n", encoding="utf-8")
    return folder / "claims.yaml"


@pytest.mark.parametrize(("text", "quote", "hint"), [
    ("Pakistan and China signed 24 memoranda of understanding (MoUs) in Beijing.",
     "China signed 24 memoranda of understanding (MoUs)", "memoranda of understanding (MoUs)"),
    ("The ministry plans to train up to 300,000 Pakistani youths in digital skills.",
     "to train up to 300,000 Pakistani youths", "Pakistani youths"),
    ("Investments are estimated at around $60 billion.", "estimated at around $60 billion",
     "Investments"),
    ("The Lantern had a crew of nine.", "crew of nine", "crew"),
    ("NORTHGATE, March 14 (Coastal Wire) - Eleven people were hurt.", "Eleven people",
     "people"),
])
def test_quote_is_a_short_fragment_with_hedge_and_noun_phrase(text: str, quote: str,
                                                              hint: str) -> None:
    c = _one(text)
    assert (c.quote, c.hint) == (quote, hint)  # type: ignore[attr-defined]


def test_a_repeated_fragment_grows_until_it_anchors_at_its_own_place() -> None:
    text = "They signed 24 MoUs. Officials said that they signed 24 MoUs on Monday."
    corpus = load_corpus(_write(text, ""))
    (article,) = corpus.articles.values()
    first, second = extract(article, corpus).candidates
    assert first.quote == "They signed 24 MoUs"
    assert second.quote == "that they signed 24 MoUs"


def test_property_hint_names_a_declared_numeric_property_by_id_or_unit() -> None:
    assert _one("They signed 9 agreements.").suggested_property == "agreement_count"  # type: ignore[attr-defined]
    assert _one("It will train 500 people.").suggested_property == "trainees"  # type: ignore[attr-defined]
    # "partner" is an entity property: never suggested for a number
    assert _one("It has 3 partners.").suggested_property is None  # type: ignore[attr-defined]


def test_entities_of_the_sentence_longest_name_wins() -> None:
    entities = ("entities:\n  - {id: pakistan, name: Pakistan}\n"
                "  - {id: pseb, name: Pakistan Software Export Board, aliases: [PSEB]}\n")
    c = _one("The Pakistan Software Export Board (PSEB) signed 2 MoUs.", entities)
    assert c.entities == (("pseb", "Pakistan Software Export Board"),)  # type: ignore[attr-defined]


# --- YAML values written by the stub reporter read back unchanged -------------------------

def _read_back(yaml_value: str) -> object:
    doc, problems = load_yaml(f"value: {yaml_value}\n", "stub.yaml")
    assert problems == [] and doc is not None
    return doc.data["value"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=1, max_size=60))
def test_any_quote_text_round_trips_through_the_stub_scalar(text: str) -> None:
    assert _read_back(scalar(text)) == text


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.integers(min_value=0, max_value=10**15),
                       st.floats(min_value=0.001, max_value=1e15, allow_nan=False)))
def test_numbers_round_trip_through_the_stub_writer(value: float) -> None:
    back = _read_back(number(value))
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("name", ["null", "yes", "no", "2024", "1e3", "on", "true"])
def test_ids_that_plain_yaml_would_misread_are_quoted(name: str) -> None:
    assert _read_back(ident(name)) == name
