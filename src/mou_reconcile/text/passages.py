"""The closest passage to a quote that was not found, within a fixed budget per claim.

Aligning a quote against text (rapidfuzz's partial alignment) costs time in proportion to
the quote's length times the text's length, and more again for long quotes: a quote of
1,001 characters against a 400 KB article took 10 s. So each search may compare at most
BUDGET character pairs (quote characters x article characters aligned against them):

- an article that fits in the budget is aligned whole, paragraph by paragraph (the exact
  answer: short quotes against news-sized articles, nearly every real miss);
- a longer one is narrowed first. Its words are indexed once per article; the quote's words,
  rarest first (at most MAX_POSTINGS occurrences looked at), vote for where the quote would
  start; the windows with the most words in place (a typo, a dropped or changed word only
  costs that word's vote) are aligned, best first, until the budget is spent.

A search that runs out of budget before it finds a similar passage says so (`exhausted`)
rather than keep going: a quote that shares no word with a long article (a run of one
letter), or whose windows are too many and too unlike it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mou_reconcile.text.article import WORD, Article
from mou_reconcile.text.quotes import quote_parts

# Character pairs compared per search: 20 million is about 0.1 s for a 200-character quote
# and 0.5 s for one of 2,000 (the longest allowed by default); it aligns a 200-character
# quote against a whole 100,000-character article.
BUDGET = 20_000_000
# Word occurrences the narrowing looks at: the quote's rarest words come first, and one
# common enough to pass this is no help in telling windows apart.
MAX_POSTINGS = 200_000
# A passage is widened to whole words, by at most this many characters each side.
_WIDEN = 40


@dataclass(frozen=True)
class Passage:
    """The closest passage to a quote that was not found."""

    line: int
    col: int
    similarity: float  # 0..1
    text: str


@dataclass(frozen=True)
class Search:
    """What a closest-passage search found: the passage (None: nothing), and whether the
    budget ran out before a passage at least `good` similar was found."""

    passage: Passage | None
    exhausted: bool


def search(article: Article, quote: str, *, budget: int = BUDGET, good: float = 0.5,
           whole: bool = True) -> Search:
    """The passage of the article most like the quote, within `budget` character pairs.
    `good`: the similarity below which a passage found before the budget ran out is no
    answer, so the search reports itself exhausted. `whole=False` narrows even an article
    that fits in the budget (to compare the two ways)."""
    needle = " ".join(quote_parts(quote))  # folded, `...` elisions as spaces
    if not needle:
        return Search(None, False)
    text = article.folded.text
    if whole and len(text) * len(needle) <= budget:
        return Search(_passage(article, _align(needle, text, article.paragraphs)), False)
    best: tuple[float, int, int] | None = None
    spent, exhausted = 0, False
    for window in _windows(article, needle):
        pieces = _in_paragraphs(article, window, window[1] - window[0])
        cost = sum(b - a for a, b in pieces) * len(needle)
        if spent + cost > budget:
            exhausted = True
            break
        spent += cost
        hit = _align(needle, text, pieces)
        if hit is not None and (best is None or (-hit[0], hit[1]) < (-best[0], best[1])):
            best = hit  # the highest score; on a tie the earliest, as a whole scan finds
        if best is not None and best[0] >= 100:
            break
    else:
        if best is None:  # no window at all: no word of the quote to place it by
            exhausted = True
    passage = _passage(article, best)
    if passage is not None and passage.similarity >= good:
        exhausted = False
    return Search(passage, exhausted)


def _align(needle: str, text: str,
           spans: list[tuple[int, int]]) -> tuple[float, int, int] | None:
    """The best partial alignment of the needle in any of the spans (the first on a tie)."""
    from rapidfuzz import fuzz  # only needed on a miss

    best: tuple[float, int, int] | None = None
    for a, b in spans:
        hit = fuzz.partial_ratio_alignment(needle, text[a:b])
        if hit is not None and (best is None or hit.score > best[0]):
            best = (hit.score, a + hit.dest_start, a + hit.dest_end)
    return best


def _passage(article: Article, best: tuple[float, int, int] | None) -> Passage | None:
    if best is None:
        return None
    score, fa, fb = best
    start, end = article.folded.span(fa, fb)
    text = article.text  # widen to whole words, so a typo's word shows in full
    floor, ceiling = max(0, start - _WIDEN), min(len(text), end + _WIDEN)
    while start > floor and text[start - 1].isalnum():
        start -= 1
    while end < ceiling and text[end].isalnum():
        end += 1
    line, col = article.line_col(start)
    return Passage(line, col, score / 100.0, " ".join(text[start:end].split()))


def _windows(article: Article, needle: str) -> list[tuple[int, int]]:
    """Spans of the folded text where the quote may stand, most likely first.

    Each occurrence in the article of a word of the quote votes for the quote starting
    where that word would put it, in bands of `band` characters (a dropped or added word
    shifts the words after it by less than a band). A window covers three bands of starts
    and the quote's length after them, and half the quote's length more each side: at a
    window's edge the alignment may take a part of the quote, scoring it higher than the
    whole article's paragraph would."""
    index = article.word_offsets
    m = len(needle)
    at: dict[str, list[int]] = {}  # each word of the quote -> its offsets in the quote
    for match in WORD.finditer(needle):
        at.setdefault(match.group(), []).append(match.start())
    band = max(16, m // 8)
    votes: dict[int, int] = {}
    counted: set[tuple[int, int]] = set()
    looked = 0
    for word in sorted((w for w in at if w in index), key=lambda w: len(index[w])):
        offsets, places = at[word], index[word]
        looked += len(places) * len(offsets)
        if looked > MAX_POSTINGS:
            break
        for p in places:
            for o in offsets:
                key = (p - o) // band
                if (key, o) not in counted:  # each word of the quote votes once per band
                    counted.add((key, o))
                    votes[key] = votes.get(key, 0) + len(word) + 1
    ranked = sorted(votes, key=lambda k: (-(votes.get(k - 1, 0) + votes[k]
                                            + votes.get(k + 1, 0)), k))
    taken: set[int] = set()
    out = []
    end = len(article.folded.text)
    for k in ranked:
        if taken & {k - 2, k - 1, k, k + 1, k + 2}:
            continue  # overlaps a window already taken
        taken.add(k)
        out.append((max(0, (k - 1) * band - m // 2), min(end, (k + 2) * band + m + m // 2)))
    return out


def _in_paragraphs(article: Article, window: tuple[int, int],
                   need: int) -> list[tuple[int, int]]:
    """The window's parts within paragraphs (a quote never spans two, `...` included),
    each grown within its paragraph to `need` characters where the paragraph allows: a
    sliver cut off by the window's edge would match a bit of the quote perfectly."""
    a, b = window
    out = []
    para = article.paragraph_index(a)
    paras = article.paragraphs
    while para < len(paras) and paras[para][0] < b:
        pa, pb = paras[para]
        x, y = max(a, pa), min(b, pb)
        if x < y:
            if y - x < need:
                x = max(pa, min(x, y - need))
                y = min(pb, x + need)
            out.append((x, y))
        para += 1
    return out


def closest_passage(article: Article, quote: str, *, budget: int = BUDGET) -> Passage | None:
    """The passage of the article most like the quote, by partial similarity (None: none
    found within the budget)."""
    return search(article, quote, budget=budget).passage
