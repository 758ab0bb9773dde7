"""Anchoring a claim's quote in its article, and finding the closest passage on a miss."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import starmap

from mou_reconcile.text.article import Article
from mou_reconcile.text.fold import fold_text

_ELISION = re.compile(r"\s*\.{3,}\s*")  # `…` folds to `...` (NFKC)


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


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found."""

    line: int
    col: int
    similarity: float  # 0..1
    text: str


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


def closest_passage(article: Article, quote: str) -> Passage | None:
    """The passage of the article most like the quote, by partial similarity."""
    from rapidfuzz import fuzz  # only needed on a miss

    needle = " ".join(quote_parts(quote))
    if not needle:
        return None
    text = article.folded.text
    best: tuple[float, int, int] | None = None
    for a, b in article.paragraphs:
        hit = fuzz.partial_ratio_alignment(needle, text[a:b])
        if hit is not None and (best is None or hit.score > best[0]):
            best = (hit.score, a + hit.dest_start, a + hit.dest_end)
    if best is None:
        return None
    score, fa, fb = best
    start, end = article.folded.span(fa, fb)
    text_ = article.text  # widen to whole words, so a typo's word shows in full
    while start > 0 and text_[start - 1].isalnum():
        start -= 1
    while end < len(text_) and text_[end].isalnum():
        end += 1
    line, col = article.line_col(start)
    return Passage(line, col, score / 100.0, " ".join(article.text[start:end].split()))


def parts_found_elsewhere(article: Article, quote: str) -> bool:
    """True when every part of an elided quote occurs, but not in order in one paragraph."""
    parts = quote_parts(quote)
    return len(parts) > 1 and all(p in article.folded.text for p in parts)
