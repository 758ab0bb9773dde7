"""Anchoring a claim's quote in its article (the closest passage on a miss: `passages`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import starmap

from mou_reconcile.text.article import WORD, Article
from mou_reconcile.text.fold import fold_text

_ELISION = re.compile(r"\s*\.{3,}\s*")  # `…` folds to `...` (NFKC)
# Places anchors_first_at tries before the figure's own, at most; past that the plain
# search (a scan of the text before it, in C) is cheaper.
_MAX_TRIED = 256


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
    quadratic). A word inside the quote, with non-word characters on both sides, is a
    whole word wherever the quote occurs, so the article's word index lists every place
    the quote could stand; those of its rarest such word are tried in order."""
    parts = quote_parts(quote)
    folded = article.folded
    target = folded.folded_index(start)
    inner = [(m.group(), m.start()) for m in WORD.finditer(parts[0])
             if m.start() > 0 and m.end() < len(parts[0])] if len(parts) == 1 else []
    index = article.word_offsets
    if not inner or any(w not in index for w, _ in inner):
        anchor = find_quote(article, quote)  # an elided quote, or one of a word or two
        return anchor is not None and folded.folded_index(anchor.start) == target
    needle, text = parts[0], folded.text
    word, offset = min(inner, key=lambda wo: len(index[wo[0]]))
    places = index[word]
    first = bisect_left(places, offset)  # places too early to hold the quote's start
    if bisect_left(places, target + offset) - first > _MAX_TRIED:
        anchor = find_quote(article, quote)  # a common word: the plain search is faster
        return anchor is not None and folded.folded_index(anchor.start) == target
    for place in places[first:]:
        pos = place - offset
        if pos > target:
            break  # the first place it anchors is after `start`
        para = article.paragraph_at(pos)
        if para is not None and pos + len(needle) <= para[1] and text.startswith(needle, pos):
            return folded.folded_index(folded.span(pos, pos + len(needle))[0]) == target
    return False


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
