"""`suggest`: claims for a source's article, for the facts the story already tracks.

A fact (subject.property) claimed by other sources has words: the words its quotes write
next to the figure (weighted by how close they stand to it, and by how few facts use them),
its property's id, unit and description, its subject's names. Every quantity, entity and
date of the article is scored against each fact by the words around it (those nearest
weigh most), how close its value is to the values other sources give, and whether its
sentence names the subject. Each quantity goes to one fact at most, the best pair first;
what no fact takes is left for new facts (`extract`'s stubs).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from mou_reconcile.corpus.load import Corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES, Claim
from mou_reconcile.text import dates
from mou_reconcile.text.article import Article
from mou_reconcile.text.numbers import find_quantities, same_number
from mou_reconcile.text.words import near_words, spelled, tokens
from mou_reconcile.views.extract import Candidate, entities_in, extract

TOP = 3  # suggestions kept per fact
MIN_SCORE = 0.12  # below: not a suggestion
# Below: an alternative only, never a fact's first suggestion (nor a claim --write adds).
# On the tuning stories' first suggestions, 0.4 kept 65 of 67 right ones, 39 of 108 others.
FIRST_SCORE = 0.4
WORD_WEIGHT, VALUE_WEIGHT, SUBJECT_WEIGHT, SAME_WEIGHT = 1.0, 0.35, 0.1, 0.15
HEADLINE_PENALTY = 0.25


@dataclass
class Fact:
    """A fact other sources claim, with what the scoring needs."""

    subject: str
    prop: str  # the property id
    ptype: str
    multi: bool
    claims: list[Claim]  # other sources' claims
    words: dict[str, float] = field(default_factory=dict)
    subject_words: set[str] = field(default_factory=set)
    already: list[str] = field(default_factory=list)  # this source's own claim ids

    @property
    def id(self) -> str:
        return f"{self.subject}.{self.prop}"

    @property
    def several(self) -> bool:
        """Several values may each be a claim: a multi property, or a fact some source
        gives two values of (one per authority, say)."""
        if self.multi:
            return True
        per_source: dict[str, set[str]] = {}
        for c in self.claims:
            per_source.setdefault(c.source, set()).add(repr(c.value))
        return any(len(v) > 1 for v in per_source.values())

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims})


@dataclass(frozen=True)
class Suggestion:
    fact: str
    subject: str
    property: str
    ptype: str
    value: Any  # a number, [low, high], an entity id or a date
    bound: str | None
    quote: str
    line: int
    col: int
    sentence: str
    score: float
    words: tuple[str, ...]  # the fact's words found near it
    start: int  # where its text starts in the article
    attributed_to: str | None = None  # the one authority its sentence names, if any


@dataclass
class FactSuggestions:
    fact: Fact
    suggestions: list[Suggestion]  # the fact's own first (a multi fact: several), then others
    firsts: int  # how many lead: quantities no likelier fact took


@dataclass
class Suggestions:
    source_id: str
    article: Article
    file: str
    facts: list[FactSuggestions]  # most likely first
    skipped: list[Fact]  # facts this source already claims
    untyped: list[Fact]  # text facts: their values are a curator's words, not suggested
    new: list[Candidate]  # the article's other quantities, for new facts


def _claim_words(claim: Claim, ptype: str) -> dict[str, float]:
    quote = claim.quote
    if ptype in NUMERIC_TYPES:
        values = claim.value if isinstance(claim.value, list) else [claim.value]
        for q in find_quantities(quote):
            if any(same_number(q.value, float(v)) for v in values):
                return near_words(quote, q.start, q.end)
    return {w: 0.6 for w, _, _ in tokens(quote)}


def facts_of(corpus: Corpus, source_id: str) -> list[Fact]:
    """The facts other sources claim, with their words weighted (see the module doc)."""
    grouped: dict[str, Fact] = {}
    own: dict[str, list[str]] = {}
    for entry in corpus.claims:
        claim = entry.claim
        if claim.property not in corpus.properties or claim.subject not in corpus.entities:
            continue
        if claim.source == source_id:
            own.setdefault(claim.fact, []).append(entry.id)
            continue
        prop = corpus.property(claim.property)
        fact = grouped.setdefault(claim.fact, Fact(claim.subject, claim.property, prop.type,
                                                   prop.multi, []))
        fact.claims.append(claim)
    for fact in grouped.values():
        prop = corpus.property(fact.prop)
        per_claim = [_claim_words(c, fact.ptype) for c in fact.claims]
        words: dict[str, float] = {}
        for w in {w for pc in per_claim for w in pc}:
            seen = [pc.get(w, 0.0) for pc in per_claim]
            words[w] = 0.5 * sum(seen) / len(seen) + 0.5 * max(seen)
        own_words = " ".join(x for x in (prop.id.replace("_", " ").replace("-", " "),
                                         prop.unit, prop.description) if x)
        for w, _, _ in tokens(own_words):
            words[w] = max(words.get(w, 0.0), 0.7)
        fact.words = words
        entity = corpus.entity(fact.subject)
        fact.subject_words = {w for s in entity.spellings for w, _, _ in tokens(s)}
        fact.already = own.get(fact.id, [])
    _weigh_by_rarity(list(grouped.values()))
    return list(grouped.values())


def _weigh_by_rarity(facts: list[Fact]) -> None:
    """A word many facts use (the event's name, "said") tells them apart less."""
    df = Counter(w for f in facts for w, x in f.words.items() if x >= 0.2)
    n = len(facts)
    for f in facts:
        f.words = {w: x * (math.log((1 + n) / (1 + df[w])) + 0.2) for w, x in f.words.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    shared = [w for w in a if w in b]
    if not shared:
        return 0.0, ()
    dot = sum(a[w] * b[w] for w in shared)
    norm = math.sqrt(sum(x * x for x in a.values())) * math.sqrt(sum(x * x for x in b.values()))
    shared.sort(key=lambda w: -a[w] * b[w])
    return dot / norm if norm else 0.0, tuple(shared)


def _closeness(value: float, fact: Fact) -> tuple[float, bool]:
    """1 for a value another source gives, falling with the ratio between them; and
    whether some source gives exactly this value."""
    best, same = 0.0, False
    for claim in fact.claims:
        for v in (claim.value if isinstance(claim.value, list) else [claim.value]):
            v = float(v)
            if same_number(v, value):
                return 1.0, True
            if v > 0 and value > 0:
                best = max(best, math.exp(-1.5 * abs(math.log(value / v))))
    return best, same


def _fits(c: Candidate, fact: Fact) -> bool:
    value = c.quantity.value
    if fact.ptype == "count":
        return value >= 0 and float(value).is_integer() and c.quantity.kind != "year"
    return c.quantity.kind != "year"


@dataclass(frozen=True)
class _Pair:
    score: float
    fact: Fact
    suggestion: Suggestion
    key: tuple[str, int]  # what it takes: a quantity (or one end of a range), a name


def _readings(c: Candidate, fact: Fact) -> list[tuple[Any, str, int]]:
    """The values a quantity may give this fact: a range as a range for a fact others give
    ranges of, else each of its ends ("from 62 to 64": 62 for one fact, 64 for another)."""
    q = c.quantity
    if q.high is None:
        return [(c.value, q.bound, 0)]
    if any(cl.effective_bound == "range" for cl in fact.claims):
        return [(c.value, q.bound, 0)]
    return [(_plain(q.value), "exact", 1), (_plain(q.high), "exact", 2)]


def _plain(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def _headline_end(text: str) -> int:
    """Where the article's headline ends: a first line with no full stop, followed by a
    blank line (as `add` saves a page: its title, then the text); 0 if none."""
    first, _, rest = text.partition("\n")
    line = first.strip()
    if not line or not rest.startswith(("\n", "\r\n")) or re.search(r"[.!?][\"'’”)]*$", line):
        return 0
    return len(first)


def _numeric_pairs(facts: list[Fact], found: list[Candidate], article: Article) -> list[_Pair]:
    pairs = []
    text = article.text
    headline = _headline_end(text)
    for c in found:
        q = c.quantity
        s, e = article.sentence_around(q.start, q.end)
        around = near_words(text[s:e], q.start - s, q.end - s)
        written = spelled(text[s:e])
        sentence_words = set(written)
        for fact in facts:
            if fact.ptype not in NUMERIC_TYPES or not _fits(c, fact):
                continue
            words, shared = _cosine(around, fact.words)
            subject = bool(fact.subject_words & sentence_words)
            for value, bound, end in _readings(c, fact):
                close, same = _closeness(float(value if end else q.value), fact)
                if words <= 0 and not same:
                    continue
                # A headline repeats, rounded, what the text says: the text's words first.
                score = (WORD_WEIGHT * words + VALUE_WEIGHT * close + SUBJECT_WEIGHT * subject
                         + SAME_WEIGHT * same - HEADLINE_PENALTY * (q.start < headline))
                pairs.append(_Pair(score, fact, Suggestion(
                    fact.id, fact.subject, fact.prop, fact.ptype, value, bound, c.quote,
                    c.line, c.col, c.sentence, round(score, 3),
                    tuple(written.get(w, w) for w in shared[:5]), q.start),
                    ("q", q.start * 4 + end)))
    return pairs


def _window(text: str, start: int, end: int, s: int, e: int, words: int = 6) -> str:
    """Whole words around [start, end) within the sentence [s, e): a quote."""
    left = [m.start() for m in re.finditer(r"\S+", text[s:start])][-words:]
    right = [m.end() for m in re.finditer(r"\S+", text[end:e])][:words]
    a = s + left[0] if left else start
    b = end + right[-1] if right else end
    return " ".join(text[a:b].split()).strip(",;:")


def _named_pairs(facts: list[Fact], corpus: Corpus, article: Article) -> list[_Pair]:
    """Entities and dates: their sentence's words against the fact's."""
    wanted = [f for f in facts if f.ptype in ("entity", "date")]
    if not wanted:
        return []
    entities = [corpus.entity(eid) for eid in corpus.entities]
    text = article.text
    pairs = []
    pos = 0
    while pos < len(text):
        s, e = article.sentence_around(pos, pos + 1)
        e = max(e, pos + 1)
        sentence = text[s:e]
        pos = e
        spelling = spelled(sentence)
        bag = dict.fromkeys(spelling, 0.6)
        found: list[tuple[str, str, int, int]] = []
        if any(f.ptype == "entity" for f in wanted):
            for eid, written in entities_in(sentence, entities):
                at = max(sentence.find(written), 0)
                found.append(("entity", eid, at, at + len(written)))
        if any(f.ptype == "date" for f in wanted):
            for a, b in dates.spans(sentence):
                parsed = dates.mentions(sentence[a:b])
                if parsed and parsed[0][0]:
                    found.append(("date", dates.format_date(parsed[0]), a, b))
        for kind, value, a, b in found:
            for fact in wanted:
                if fact.ptype != kind:
                    continue
                words, shared = _cosine(bag, fact.words)
                same = any(str(c.value) == value for c in fact.claims)
                score = WORD_WEIGHT * words + (VALUE_WEIGHT + SAME_WEIGHT) * same
                if words <= 0:
                    continue
                line, col = article.line_col(s + a)
                quote = _window(text, s + a, s + b, s, e)
                pairs.append(_Pair(score, fact, Suggestion(
                    fact.id, fact.subject, fact.prop, fact.ptype, value, None, quote,
                    line, col, " ".join(sentence.split()), round(score, 3),
                    tuple(spelling.get(w, w) for w in shared[:5]),
                    s + a), ("n", s + a)))
    return pairs


def suggest(article: Article, corpus: Corpus, file: str | None = None) -> Suggestions:
    """Suggested claims for the article's source, from the facts other sources claim.

    Long because it is the whole pipeline in order: the facts, the pairs scored, one
    fact per quantity (the best pairs first), the ranking, the new quantities."""
    sid = article.source_id
    facts = facts_of(corpus, sid)
    skipped = [f for f in facts if f.already]
    open_facts = [f for f in facts if not f.already and f.ptype != "text"]
    untyped = [f for f in facts if not f.already and f.ptype == "text"]
    claimed = _claimed(article, corpus)
    found = [c for c in extract(article, corpus).candidates
             if not _inside(article, c.quantity.start, claimed)]
    pairs = _numeric_pairs(open_facts, found, article) + [
        p for p in _named_pairs(open_facts, corpus, article)
        if not _inside(article, p.suggestion.start, claimed)]
    pairs.sort(key=lambda p: (-p.score, p.suggestion.start, p.fact.id))
    # Greedy: the best pair first; a quantity taken as a fact's first suggestion is not
    # offered first to another fact (a fact with several values takes several).
    taken: set[tuple[str, int]] = set()
    firsts: dict[str, list[Suggestion]] = {}
    rest: dict[str, list[Suggestion]] = {}
    for p in pairs:
        if p.score < MIN_SCORE:
            continue
        mine = firsts.setdefault(p.fact.id, [])
        seen_values = [x.value for x in mine]
        if p.key not in taken and p.score >= FIRST_SCORE and (
                not mine or (p.fact.several and p.suggestion.value not in seen_values)):
            mine.append(p.suggestion)
            taken.add(p.key)
        else:
            rest.setdefault(p.fact.id, []).append(p.suggestion)
    credit = _crediting(corpus)
    out = []
    for fact in open_facts:
        first = [credit(s) for s in firsts.get(fact.id, [])]
        others = [s for s in rest.get(fact.id, [])
                  if s.value not in [x.value for x in first]]
        picked = first + _distinct(others, TOP - 1 if first else TOP)
        if picked:
            out.append(FactSuggestions(fact, picked, len(first)))
    out.sort(key=lambda fs: (not fs.firsts, -fs.suggestions[0].score, fs.fact.id))
    used = {s.start for fs in out for s in fs.suggestions[:1]}
    new = [c for c in found if c.quantity.start not in used]
    return Suggestions(sid, article, file or str(article.path), out, skipped, untyped, new)


def _crediting(corpus: Corpus) -> Callable[[Suggestion], Suggestion]:
    """A suggestion with `attributed_to` set when its sentence names exactly one of the
    authorities the story's claims credit ("the ministry said")."""
    ids = {e.claim.attributed_to for e in corpus.claims if e.claim.attributed_to}
    authorities = [corpus.entity(eid) for eid in sorted(ids) if eid in corpus.entities]

    def credit(s: Suggestion) -> Suggestion:
        named = [eid for eid, _ in entities_in(s.sentence, authorities) if eid != s.value]
        return replace(s, attributed_to=named[0]) if len(named) == 1 else s

    return credit


def _claimed(article: Article, corpus: Corpus) -> list[tuple[int, int]]:
    """Where the source's own claims and `not_curated` entries quote its article: what
    they hold is curated or set aside already, not suggested again."""
    from mou_reconcile.text.quotes import find_quote

    quotes = [e.claim.quote for e in corpus.claims if e.claim.source == article.source_id]
    quotes += [e.model.quote for e in corpus.not_curated
               if e.model.source == article.source_id]
    spans = []
    for quote in quotes:
        anchor = find_quote(article, quote)
        if anchor is not None:
            spans.append((anchor.start, anchor.end))
    return spans


def _inside(article: Article, start: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in spans)


def _distinct(suggestions: list[Suggestion], n: int) -> list[Suggestion]:
    out: list[Suggestion] = []
    for s in suggestions:
        if len(out) >= n:
            break
        if all(s.value != x.value or s.start != x.start for x in out):
            out.append(s)
    return out

