"""Anchoring a claim's quote in its article (the closest passage on a miss: `passages`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import starmap

from mou_reconcile.text.article import WORD, Article
from mou_reconcile.text.fold import fold_text

_ELISION = re.compile(r"\s*\.{3,}\s*")  # `…` folds to `...` (NFKC)
# Places anchors_first_at tries, at most; past that the plain search (a scan of the text
# before the figure, in C) is cheaper.
_MAX_TRIED = 256
_PREFIX = 3  # letters of Article.word_prefix_offsets's keys


# Many are made, one per claim; not frozen: a frozen class's __init__ sets each field
# through object.__setattr__, four times the cost.
@dataclass(slots=True)
class Anchor:
    """Where a quote stands in its article: original character offsets, 1-based positions,
    and one span per part of an elided quote."""

    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    spans: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "line": self.line, "col": self.col,
                "end_line": self.end_line, "end_col": self.end_col,
                "spans": list(map(list, self.spans))}


def quote_parts(quote: str) -> list[str]:
    """The folded parts of a quote, split at `...` elisions."""
    folded = fold_text(quote)
    if "..." not in folded:  # most quotes: no elision to split at
        return [folded] if folded else []
    return [p for p in _ELISION.split(folded) if p]


def find_quote(article: Article, quote: str) -> Anchor | None:
    parts = quote_parts(quote)
    if not parts:
        return None
    text = article.folded.text
    first = parts[0]
    pos = text.find(first)
    while pos >= 0:
        para = article.paragraph_at(pos)
        if para is None:
            pos = text.find(first, pos + 1)
            continue
        spans = _rest_in_order(text, parts, pos, para[1])
        if spans is not None:
            return _anchor(article, spans)
        # A later start in the same paragraph leaves less room for the rest, so it cannot
        # fit either: go on from the next paragraph (trying every start is quadratic).
        pos = text.find(first, para[1])
    return None


def anchors_first_at(article: Article, quote: str, start: int) -> bool:
    """Whether find_quote anchors the quote where the article's original offset `start`
    is, found without scanning the article before it (`extract` asks this for every
    figure, widening its quote until it does: a scan from the start each time made it
    quadratic). A word of the quote after a non-word character starts a word wherever the
    quote occurs, and is that whole word if a non-word character follows it too; so the
    article's index of words (or of their first three letters) lists every place the quote
    could stand. Those of the quote's rarest such word are tried in order."""
    parts = quote_parts(quote)
    folded = article.folded
    target = folded.folded_index(start)
    places, offset = _places(article, parts[0]) if len(parts) == 1 else (None, 0)
    if places is not None:
        needle, text = parts[0], folded.text
        first = bisect_left(places, offset)  # from the places that leave room before
        for place in places[first:first + _MAX_TRIED]:
            pos = place - offset
            if pos > target:
                return False  # the first place it anchors is after `start`
            if not text.startswith(needle, pos):
                continue
            para = article.paragraph_at(pos)
            if para is not None and pos + len(needle) <= para[1]:
                return folded.folded_index(folded.span(pos, pos + len(needle))[0]) == target
        if len(places) <= first + _MAX_TRIED:
            return False  # it anchors nowhere
    # An elided quote, a single word, or one whose places keep failing: the plain search.
    anchor = find_quote(article, quote)
    return anchor is not None and folded.folded_index(anchor.start) == target


def _places(article: Article, needle: str) -> tuple[list[int] | None, int]:
    """Where the article's words start that every occurrence of the needle must have at
    `offset` from its start, the fewest such list; None: no word of the needle fits."""
    words = [(m.group(), m.start(), m.end() < len(needle)) for m in WORD.finditer(needle)
             if m.start() > 0]
    whole = article.word_offsets
    if any(w not in whole for w, _, inner in words if inner):
        return [], 0  # a whole word the article does not have: the quote is nowhere
    found = [(whole[w], o) for w, o, inner in words if inner]
    if words and not words[-1][2] and len(words[-1][0]) >= _PREFIX:
        w, o, _ = words[-1]  # the last word: where the article's words start with it
        found.append((article.word_prefix_offsets.get(w[:_PREFIX], []), o))
    return min(found, key=lambda po: len(po[0])) if found else (None, 0)


def _rest_in_order(text: str, parts: list[str], pos: int,
                   limit: int) -> list[tuple[int, int]] | None:
    # Greedy earliest placement is optimal: if any placement of the parts in order exists
    # within the paragraph, the earliest one does.
    spans = [(pos, pos + len(parts[0]))]
    if spans[0][1] > limit:
        return None
    for part in parts[1:]:
        nxt = text.find(part, spans[-1][1], limit)
        if nxt < 0:
            return None
        spans.append((nxt, nxt + len(part)))
    return spans


def _anchor(article: Article, spans: list[tuple[int, int]]) -> Anchor:
    folded = article.folded
    orig = tuple(starmap(folded.span, spans))
    start, end = orig[0][0], orig[-1][1]
    line, col = article.line_col(start)
    end_line, end_col = article.line_col(max(end - 1, start))
    return Anchor(start, end, line, col, end_line, end_col, orig)


def parts_found_elsewhere(article: Article, quote: str) -> bool:
    """True when every part of an elided quote occurs, but not in order in one paragraph."""
    parts = quote_parts(quote)
    return len(parts) > 1 and all(p in article.folded.text for p in parts)
