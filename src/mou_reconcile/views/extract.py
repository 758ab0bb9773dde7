"""`extract`: every quantity an article states, as claim stubs for a curator to complete.

Quantities come from `numbers.mentions`, the module `check` reads quotes with, so a stub's
value and bound are what `check` will find in its quote. Around each quantity: its
sentence, the shortest fragment of it that anchors at this place in the article (the
stub's quote), the nearest noun phrase (a hint for the property) and the known entities
the sentence names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mou_reconcile.corpus.load import Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES, Entity, Property
from mou_reconcile.text.article import Article
from mou_reconcile.text.fold import fold_text
from mou_reconcile.text.numbers import Quantity, find_quantities, hedge_span, mentions, same_number

_WORD = re.compile(r"\(?[A-Za-z][\w’'&/.-]*\)?|\S+")
# Words that end a noun phrase: verbs that often follow a figure, prepositions, conjunctions.
_STOP = {"a", "an", "the", "and", "or", "but", "to", "in", "on", "at", "by", "for", "from",
         "with", "within", "into", "under", "over", "across", "as", "than", "that", "which",
         "who", "is", "are", "was", "were", "be", "been", "will", "would", "has", "have",
         "had", "this", "these", "those", "its", "their", "during", "between", "including",
         "while", "after", "before", "about", "through", "estimated", "some", "nearly"}
_TRAIL = ",.;:!?\"”’"  # punctuation that ends a word's phrase
HINT_WORDS = 4
CONTEXT_WORDS = 2  # words kept before the figure, so the quote reads as a statement


@dataclass(frozen=True)
class Candidate:
    """One quantity in an article, with what a curator needs to make it a claim."""

    quantity: Quantity
    line: int
    col: int
    sentence: str  # white space folded
    at: int  # where the quantity's text starts in `sentence`
    quote: str  # exact words of the article (white space folded) holding the quantity
    hint: str  # the nearest noun phrase
    entities: tuple[tuple[str, str], ...]  # (entity id, spelling as the sentence writes it)
    suggested_property: str | None  # a declared property the hint names

    @property
    def value(self) -> int | float | list[int | float]:
        q = self.quantity
        if q.high is not None:
            return [_number(q.value), _number(q.high)]
        return _number(q.value)


@dataclass
class Extraction:
    source_id: str
    article: Article
    file: str  # the article's path as a source's `file:` (relative to the claims file)
    new: bool  # the article is not yet a source of the claims file
    candidates: list[Candidate]


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def extract(article: Article, corpus: Corpus, *, years: bool = False, new: bool = False,
            file: str | None = None) -> Extraction:
    entities = [corpus.entity(eid) for eid in corpus.entities]
    properties = [corpus.property(pid) for pid in corpus.properties]
    out = []
    named: dict[tuple[int, int], tuple[tuple[str, str], ...]] = {}  # a sentence's figures
    for q in mentions(article.text, years=years):
        s, e = article.sentence_around(q.start, q.end)
        hint = noun_phrase(article.text, q, s, e)[0]
        line, col = article.line_col(q.start)
        if (s, e) not in named:
            named[s, e] = entities_in(article.text[s:e], entities)
        out.append(Candidate(q, line, col, " ".join(article.text[s:e].split()),
                             len(re.sub(r"\s+", " ", article.text[s:q.start])),
                             quote_for(article, q, s, e), hint, named[s, e],
                             property_for(hint, properties, q.kind)))
    return Extraction(article.source_id, article, file or str(article.path), new, out)


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text, start, end)]


def _is_word(token: str) -> bool:
    return token[:1].isalpha() or (token[:1] == "(" and token[-1:] == ")")


def noun_phrase(text: str, q: Quantity, s: int, e: int) -> tuple[str, int]:
    """The words naming what the figure counts, and where they end if they follow it:
    after it ("24 memoranda of understanding"), else before it ("investments estimated at
    around $60 billion"; end -1)."""
    after = _phrase(_words(text, q.end, e), text)
    if after:
        return " ".join(text[a:b].rstrip(_TRAIL) for a, b in after), after[-1][1]
    hedged = hedge_span(text, q.start)
    before = _words(text, s, hedged[1] if hedged else q.start)[::-1]
    while before and text[slice(*before[0])].lower() in _STOP | {"of"}:
        before = before[1:]  # "crew of nine", "investments estimated at around"
    taken = _phrase(before, text, limit=3, backwards=True)
    return " ".join(text[a:b].rstrip(_TRAIL) for a, b in reversed(taken)), -1


def _phrase(words: list[tuple[int, int]], text: str, limit: int = HINT_WORDS,
            backwards: bool = False) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for a, b in words:
        token = text[a:b]
        clean = token.rstrip(_TRAIL)
        if taken:
            gap = text[b:taken[-1][0]] if backwards else text[taken[-1][1]:a]
            if gap.strip() or (backwards and clean != token):
                break  # punctuation between words ends the phrase
        if not _is_word(token) or clean.lower() in _STOP or len(taken) >= limit:
            break
        if clean.lower() == "of" and (backwards or len(taken) + 1 >= limit):
            break
        taken.append((a, b))
        if clean != token and not backwards:
            break  # "young Pakistanis," ends here
    while taken and text[slice(*taken[-1])].lower() == "of":
        taken.pop()
    return taken


def property_for(hint: str, properties: list[Property], kind: str) -> str | None:
    """A declared property of a fitting type whose id (first) or unit names the hint's
    head noun: "15 universities" -> university_count."""
    types = ("date",) if kind == "year" else NUMERIC_TYPES
    properties = [p for p in properties if p.type in types]
    words = hint.split()
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    words = [w for w in words if not w.startswith("(")]
    if not words:
        return None
    head = _singular(words[-1])
    for by_unit in (False, True):
        for prop in properties:
            named = (prop.unit or "") if by_unit else prop.id
            if head in {_singular(w) for w in re.split(r"[_\W]+", named) if w}:
                return prop.id
    return None


def _singular(word: str) -> str:
    w = word.lower().strip("’'")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=16)
def _names_pattern(names: tuple[tuple[str, tuple[str, ...]], ...]
                   ) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every known name (folded, longest first) and the entity each
    stands for (the first listed): built once per claims file, where folding each
    spelling and searching for it in every sentence of a long article took minutes."""
    owner: dict[str, str] = {}
    for eid, spellings in names:
        for spelling in spellings:
            key = fold_text(spelling)
            if key:
                owner.setdefault(key, eid)
    if not owner:
        return None, owner
    keys = sorted(owner, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)"), owner


def entities_in(sentence: str, entities: list[Entity]) -> tuple[tuple[str, str], ...]:
    """Known entities the sentence names; a name inside a longer one does not count
    ('Pakistan' in 'Pakistan Software Export Board'): at each place the longest name."""
    from mou_reconcile.text.fold import fold

    pattern, owner = _names_pattern(tuple((e.id, tuple(e.spellings)) for e in entities))
    if pattern is None:
        return ()
    folded = fold(sentence)
    out: dict[str, str] = {}
    for m in pattern.finditer(folded.text):
        start, end = folded.span(m.start(), m.end())
        out.setdefault(owner[m.group()], " ".join(sentence[start:end].split()))
    return tuple(out.items())


def quote_for(article: Article, q: Quantity, s: int, e: int) -> str:
    """The shortest run of whole words that holds the figure with its hedge and the noun
    phrase after it, anchors at this place (not at an earlier repeat), and states the
    figure as `q` does."""
    text = article.text
    words = _words(text, s, e)
    hedged = hedge_span(text, q.start)
    first = next(k for k, (a, b) in enumerate(words) if b > (hedged[1] if hedged else q.start))
    last = next(k for k, (a, b) in enumerate(words) if b >= q.end)
    phrase_end = noun_phrase(text, q, s, e)[1]
    if phrase_end > 0:
        last = next(k for k, (a, b) in enumerate(words) if b >= phrase_end)
    lo, hi = max(0, first - CONTEXT_WORDS), last
    for k in range(lo, first):
        token = text[slice(*words[k])]
        if token[-1:] in ",;:.)" or not any(c.isalnum() for c in token):
            lo = k + 1  # a clause break or a dash before the figure: start after it
    while True:
        quote = _squash(text, words[lo][0], words[hi][1])
        if _anchors_here(article, quote, words[lo][0]) and _states(quote, q):
            return quote
        if lo == 0 and hi == len(words) - 1:
            return quote
        lo, hi = (lo - 1, hi) if lo > 0 else (lo, hi + 1)


def _squash(text: str, a: int, b: int) -> str:
    return " ".join(text[a:b].split()).rstrip(",;:.")


def _anchors_here(article: Article, quote: str, start: int) -> bool:
    from mou_reconcile.text.quotes import anchors_first_at

    return anchors_first_at(article, quote, start)


def _states(quote: str, q: Quantity) -> bool:
    """`check` takes the first number in the quote equal to the value: it must be this one,
    with the same kind, hedge and range."""
    hit = next((x for x in find_quantities(quote) if same_number(x.value, q.value)), None)
    kind = "cardinal" if q.kind == "year" else q.kind
    if hit is None or hit.kind != kind or hit.hedge != q.hedge:
        return False
    if hit.high is None or q.high is None:
        return hit.high is None and q.high is None
    return same_number(hit.high, q.high)


def relative_file(article_path: Path, claims_path: Path) -> str:
    """The article's path as a source's `file:` (relative to the claims file's folder)."""
    import os

    return Path(os.path.relpath(article_path.resolve(), claims_path.resolve().parent)).as_posix()


def read_new_article(path: Path, corpus: Corpus) -> tuple[Article, str]:
    """An article that is not yet a source: read as check reads sources, with a new source
    id from its file name. Raises load.UnreadableInput with the problem that stops it."""
    from mou_reconcile import problems as P
    from mou_reconcile.corpus import limits
    from mou_reconcile.corpus.load import UnreadableInput, line_col_of_byte
    from mou_reconcile.problems import Problem

    shown = str(path)
    try:
        size = path.stat().st_size
        limit = limits.value(limits.ARTICLE_BYTES)
        if size > limit:
            raise UnreadableInput(Problem.of(P.LIMIT, shown, 1, 1, f"the article is {size:,}"
                                             f" bytes; the limit is {limit:,}",
                                             limits.raise_hint(limits.ARTICLE_BYTES)))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(Problem.of(P.SOURCE_UNREADABLE, shown, 1, 1,
                                         f"cannot be read: {exc.strerror or exc}")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col_of_byte(data, exc.start)
        raise UnreadableInput(Problem.of(
            P.SOURCE_ENCODING, shown, line, col, f"is not UTF-8 (byte 0x{data[exc.start]:02x})",
            "convert the article to UTF-8")) from None
    base = re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-._") or "article"
    sid, n = base, 1
    while sid in corpus.sources:
        n += 1
        sid = f"{base}-{n}"
    return Article(sid, path, shown, text), relative_file(path, corpus.path)
