"""Which spellings of an entity each source's text uses, as written (case kept).

A spelling occurs where its folded form stands in an article's folded text between
non-word characters. Every word of the spelling (a run of word characters) is then a whole
word of the text, so an article whose words lack one of them cannot hold it: each article's
words are indexed once (word -> the articles holding it), and a spelling is searched for
only in the articles that hold all its words. The cost follows the texts plus the
spellings, not their product.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from mou_reconcile.check.evidence import fold_name, name_spans
from mou_reconcile.corpus.load import Corpus
from mou_reconcile.corpus.models import Entity
from mou_reconcile.text.article import Article
from mou_reconcile.text.fold import fold_text

_WORDS = re.compile(r"\w+")  # words: runs of the word characters of `name_spans`
# In ASCII text the same words are what is left between the other characters: a translation
# and a split, at C speed, where the pattern's findall over every article took twice as long.
_ASCII_WORDS = str.maketrans({c: c if _WORDS.match(c) else " " for c in map(chr, range(128))})


def _words_of(text: str) -> list[str]:
    """_WORDS.findall(text)."""
    return text.translate(_ASCII_WORDS).split() if text.isascii() else _WORDS.findall(text)


class SpellingIndex:
    """Which articles hold each word (of those some entity's spellings use), indexed once
    for `spellings_by_source` on many entities."""

    def __init__(self, corpus: Corpus, entities: Iterable[Entity] | None = None) -> None:
        self._corpus = corpus
        if entities is None:
            entities = (corpus.entity(eid) for eid in corpus.entities)
        vocabulary = {w for e in entities for s in e.spellings
                      for w in _WORDS.findall(fold_name(s))}
        self._order = {sid: k for k, sid in enumerate(corpus.articles)}
        self._sources: dict[str, set[str]] = {w: set() for w in vocabulary}  # word -> holders
        for sid, article in corpus.articles.items():
            for w in vocabulary.intersection(_words_of(article.folded.text)):
                self._sources[w].add(sid)

    def sources_with(self, folded: str) -> Collection[str]:
        """The articles that have every word of `folded`, a folded spelling of an indexed
        entity (all articles if it has none), in no particular order."""
        words = set(_WORDS.findall(folded))
        if not words:
            return self._corpus.articles.keys()
        holders = sorted((self._sources[w] for w in words), key=len)
        return holders[0].intersection(*holders[1:])  # the rarest word's holders, narrowed

    def spellings_by_source(self, entity: Entity) -> dict[str, list[tuple[str, int]]]:
        """Source id -> [(spelling as the text writes it, first line)], longest matches
        only: 'Huawei' inside 'Huawei Technologies' is not a use of 'Huawei'."""
        candidates: dict[str, list[str]] = {}  # source id -> folded spellings to look for
        for folded in dict.fromkeys(fold_name(s) for s in entity.spellings):
            if folded:
                for sid in self.sources_with(folded):
                    candidates.setdefault(sid, []).append(folded)
        out: dict[str, list[tuple[str, int]]] = {}
        for sid in sorted(candidates, key=self._order.__getitem__):  # the corpus's order
            found = _found(self._corpus.articles[sid], candidates[sid], entity)
            if found:
                out[sid] = list(found.items())
        return out


def spellings_by_source(corpus: Corpus, entity: Entity) -> dict[str, list[tuple[str, int]]]:
    """Source id -> [(spelling as the text writes it, first line)], longest matches only:
    'Huawei' inside 'Huawei Technologies' is not a use of 'Huawei'. For many entities,
    build one SpellingIndex and ask it."""
    return SpellingIndex(corpus, [entity]).spellings_by_source(entity)


def _found(article: Article, names: list[str], entity: Entity) -> dict[str, int]:
    folded, text = article.folded, article.text  # looked up once: a name may occur often
    found: dict[str, int] = {}
    for a, b in _longest_matches(folded.text, names):
        start, end = folded.span(a, b)
        written = " ".join(text[start:end].split())
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
