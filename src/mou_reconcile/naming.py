"""Which spellings of an entity each source's text uses, as written (case kept).

A spelling occurs where its folded form stands in an article's folded text between
non-word characters. Every word of the spelling (a run of word characters) is then a whole
word of the text, so an article whose words lack one of them cannot hold it: each article's
words are indexed once, and a spelling is searched for only in the articles that have its
rarest word. The cost follows the texts plus the spellings, not their product.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mou_reconcile.evidence import fold_name, name_spans
from mou_reconcile.load import Corpus
from mou_reconcile.models import Entity
from mou_reconcile.textfold import fold_text

_WORDS = re.compile(r"\w+")  # words: runs of the word characters of `name_spans`


class SpellingIndex:
    """The words of every article (those that some entity's spellings use), indexed once
    for `spellings_by_source` on many entities."""

    def __init__(self, corpus: Corpus, entities: Iterable[Entity] | None = None) -> None:
        self._corpus = corpus
        if entities is None:
            entities = (corpus.entity(eid) for eid in corpus.entities)
        vocabulary = {w for e in entities for s in e.spellings
                      for w in _WORDS.findall(fold_name(s))}
        self._order = {sid: k for k, sid in enumerate(corpus.articles)}
        self._words: dict[str, set[str]] = {}  # source id -> its words in the vocabulary
        self._postings: dict[str, list[str]] = {w: [] for w in vocabulary}
        for sid, article in corpus.articles.items():
            words = vocabulary.intersection(_WORDS.findall(article.folded.text))
            self._words[sid] = words
            for w in words:
                self._postings[w].append(sid)

    def _sources_with(self, folded: str) -> list[str]:
        """The articles that have every word of `folded` (all articles if it has none)."""
        words = set(_WORDS.findall(folded))
        if not words:
            return list(self._corpus.articles)
        postings = [self._postings.get(w, []) for w in words]
        rarest = min(postings, key=len)
        return [sid for sid in rarest if words <= self._words[sid]]

    def spellings_by_source(self, entity: Entity) -> dict[str, list[tuple[str, int]]]:
        """Source id -> [(spelling as the text writes it, first line)], longest matches
        only: 'Huawei' inside 'Huawei Technologies' is not a use of 'Huawei'."""
        candidates: dict[str, list[str]] = {}  # source id -> folded spellings to look for
        for folded in dict.fromkeys(fold_name(s) for s in entity.spellings):
            if folded:
                for sid in self._sources_with(folded):
                    candidates.setdefault(sid, []).append(folded)
        out: dict[str, list[tuple[str, int]]] = {}
        for sid in sorted(candidates, key=self._order.__getitem__):  # the corpus's order
            found = _found(self._corpus, sid, candidates[sid], entity)
            if found:
                out[sid] = list(found.items())
        return out


def spellings_by_source(corpus: Corpus, entity: Entity) -> dict[str, list[tuple[str, int]]]:
    """Source id -> [(spelling as the text writes it, first line)], longest matches only:
    'Huawei' inside 'Huawei Technologies' is not a use of 'Huawei'. For many entities,
    build one SpellingIndex and ask it."""
    return SpellingIndex(corpus, [entity]).spellings_by_source(entity)


def _found(corpus: Corpus, sid: str, names: list[str], entity: Entity) -> dict[str, int]:
    article = corpus.articles[sid]
    found: dict[str, int] = {}
    for a, b in _longest_matches(article.folded.text, names):
        start, end = article.folded.span(a, b)
        written = " ".join(article.text[start:end].split())
        if written.isupper() and len(written) > 1 and not _is_acronym(written, entity):
            # Capitals for style (a dateline, a headline): the same spelling as the
            # entity's own form, not another one.
            written = _styled_as(written, entity)
        if written not in found:
            found[written] = article.line_col(start)[0]
    return found


def _longest_matches(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Where the names stand in the folded text, left to right, without those inside (or
    overlapping) a longer or earlier match."""
    if len(names) == 1:  # name_spans's matches already are
        return list(name_spans(text, names[0]))
    spans = sorted({span for name in names for span in name_spans(text, name)},
                   key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for a, b in spans:
        if not kept or a >= kept[-1][1]:
            kept.append((a, b))
    return kept


def _is_acronym(written: str, entity: Entity) -> bool:
    return written in entity.spellings


def _styled_as(written: str, entity: Entity) -> str:
    key = fold_text(written)
    return next((s for s in entity.spellings if fold_name(s) == key), written)
