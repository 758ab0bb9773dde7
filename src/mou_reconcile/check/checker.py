"""`check`: every curation problem in a claims file, as the format spec lists them.

The pipeline is load (load.py) -> check (here) -> reconcile -> report. Checking also anchors
every quote in its article, because later commands show the evidence where it stands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from mou_reconcile import problems as P
from mou_reconcile import progress
from mou_reconcile.check import aliases, evidence, references
from mou_reconcile.corpus import limits
from mou_reconcile.corpus.load import ClaimEntry, Corpus, load_corpus
from mou_reconcile.corpus.models import NUMERIC_TYPES, NotCurated, Property
from mou_reconcile.problems import Problem, Severity
from mou_reconcile.text import passages
from mou_reconcile.text.article import Article
from mou_reconcile.text.dates import parse_partial_date
from mou_reconcile.text.fold import fold_text
from mou_reconcile.text.numbers import find_quantities
from mou_reconcile.text.quotes import Anchor, find_quote, parts_found_elsewhere


@dataclass
class CheckResult:
    corpus: Corpus
    anchors: dict[str, Anchor] = field(default_factory=dict)
    # Claims reconciling cannot use: invalid, or naming what is not declared. A claim with
    # another error (a quote not found, a value not in its quote) is still reconciled.
    left_out: int = 0

    @property
    def problems(self) -> list[Problem]:
        return sorted(self.corpus.problems)

    @property
    def worst(self) -> Severity | None:
        return max((p.severity for p in self.corpus.problems), default=None)

    @property
    def errors(self) -> int:
        return sum(p.severity == Severity.ERROR for p in self.corpus.problems)


def check_file(path: Path, display: str | None = None) -> CheckResult:
    """Load and check a claims file. Raises load.UnreadableInput if it cannot be read."""
    return check_corpus(load_corpus(path, display))


def check_corpus(corpus: Corpus) -> CheckResult:
    result = CheckResult(corpus)
    if not corpus.all_entries:  # the file never got past its top level
        return result
    references.check_ids(corpus)
    references.check_alias_clashes(corpus)
    references.check_source_links(corpus)
    max_quote = limits.value(limits.QUOTE_CHARS)
    # A claim naming what is not declared, or whose value does not fit its property's type,
    # is reported and then left out, like one that fails validation: every command after
    # check can rely on its claims' references and types.
    given = len(corpus.claims) + len(corpus.broken_claims)
    corpus.claims = [e for e in progress.track(corpus.claims, "checking claims")
                     if _check_claim(result, e, max_quote)]
    result.left_out = given - len(corpus.claims)
    for index, raw in corpus.broken_claims:
        _check_broken_claim(corpus, index, raw)
    references.check_resolution_facts(corpus)
    for nc in corpus.not_curated:
        _check_not_curated(corpus, nc.index, nc.model, max_quote)
    progress.stage("checking aliases")
    aliases.check_alias_hints(corpus)
    return result


def _check_claim(result: CheckResult, entry: ClaimEntry, max_quote: int) -> bool:
    """Check one claim; False if a reference does not resolve or the value does not fit."""
    corpus, claim, base = result.corpus, entry.claim, ("claims", entry.index)
    # Matching, the closest-passage search and number reading cost time in proportion to
    # the quote: an over-long one is reported and not searched for.
    quote_ok = len(claim.quote) <= max_quote
    if not quote_ok:
        corpus.add(P.LIMIT, (*base, "quote"), f"the quote is {len(claim.quote):,} characters;"
                   f" the limit is {max_quote:,}", "quote only the words that state the value;"
                   " " + limits.raise_hint(limits.QUOTE_CHARS))
    # A declared reference is settled by one lookup here; `reference` (which also knows
    # the ids that failed validation) reports the others.
    sources, entities = corpus.sources, corpus.entities
    if claim.source not in sources:
        references.reference(corpus, "sources", claim.source, (*base, "source"), "source")
    if claim.subject not in entities:
        references.reference(corpus, "entities", claim.subject, (*base, "subject"), "subject")
    credited = claim.attributed_to is None or claim.attributed_to in entities or (
        references.reference(corpus, "entities", claim.attributed_to,
                             (*base, "attributed_to"), "attributed_to"))
    prop = corpus.properties.get(claim.property)
    if prop is None:  # undeclared (reported), or declared but invalid (left out)
        references.reference(corpus, "properties", claim.property, (*base, "property"),
                             "property")
    typed_ok = prop is not None and _type_rules(corpus, entry, prop.model)
    usable = typed_ok and credited and claim.source in sources and claim.subject in entities
    article = corpus.articles.get(claim.source) if quote_ok else None
    if article is not None:
        anchor = find_quote(article, claim.quote)
        if anchor is None:
            corpus.add(P.QUOTE_NOT_FOUND, (*base, "quote"), *_miss(article, claim.quote))
        elif usable:
            result.anchors[entry.id] = anchor
            if claim.attributed_to in corpus.entities:  # not one that failed validation
                _check_attribution(corpus, entry, article, anchor)
    if prop is not None and typed_ok and quote_ok:
        for f in _support(corpus, entry, prop.model):
            corpus.add(f.code, (*base, *f.field), f.message, f.hint)
    return usable


def _check_attribution(corpus: Corpus, entry: ClaimEntry, article: Article,
                       anchor: Anchor) -> None:
    """The credited entity must be named in the quote, its sentence or its paragraph."""
    entity = corpus.entity(entry.claim.attributed_to or "")
    sentence = article.sentence_around(anchor.start, anchor.end)
    paragraph = article.paragraph_around(anchor.start, anchor.end)
    folded = fold_text(" ".join([entry.claim.quote, *(article.text[a:b]
                                                       for a, b in (sentence, paragraph))]))
    if any(evidence.names_in(folded, spelling) for spelling in entity.spellings):
        return
    names = ", ".join(repr(s) for s in entity.spellings)
    corpus.add(P.ATTRIBUTION_NOT_FOUND, ("claims", entry.index, "attributed_to"),
               f"{entity.id!r} (as {names}) is not named in the quote, its sentence or its "
               f"paragraph (line {anchor.line} of {article.display})",
               "check who the article credits, or add its spelling to the entity's aliases")


def _check_broken_claim(corpus: Corpus, index: int, raw: dict[str, object]) -> None:
    # The claim failed validation (reported already); its references can still be checked,
    # so one round of fixes is enough.
    for name, section in (("source", "sources"), ("subject", "entities"),
                          ("property", "properties"), ("attributed_to", "entities")):
        value = raw.get(name)
        if isinstance(value, str):
            references.reference(corpus, section, value, ("claims", index, name), name)


def _check_not_curated(corpus: Corpus, index: int, entry: NotCurated, max_quote: int) -> None:
    base = ("not_curated", index)
    if not references.reference(corpus, "sources", entry.source, (*base, "source"), "source"):
        return
    article = corpus.articles.get(entry.source)
    if article is None:
        return
    if len(entry.quote) > max_quote:
        corpus.add(P.LIMIT, (*base, "quote"), f"the quote is {len(entry.quote):,} characters;"
                   f" the limit is {max_quote:,}", limits.raise_hint(limits.QUOTE_CHARS))
    elif find_quote(article, entry.quote) is None:
        corpus.add(P.QUOTE_NOT_FOUND, (*base, "quote"), *_miss(article, entry.quote))
    elif not find_quantities(entry.quote):
        corpus.add(P.VALUE_NOT_IN_QUOTE, (*base, "quote"), "the quote states no quantity, so"
                   " it sets none aside", "quote the words that hold the quantity")


def _miss(article: Article, quote: str) -> tuple[str, str | None]:
    if parts_found_elsewhere(article, quote):
        return (f"the parts of the quote occur in {article.display}, but not in order within"
                " one paragraph", "quote one paragraph at a time")
    found = passages.search(article, quote)
    passage = found.passage
    if found.exhausted:
        return (f"the quote is not in {article.display}; no closest passage: the search budget"
                f" ({passages.BUDGET:,} character pairs per quote) ran out before a similar"
                " passage was found", "copy the quote exactly from the article (a shorter"
                " quote lets the search cover more of a long article)")
    if passage is None or passage.similarity < 0.5:
        return f"the quote is not in {article.display} (nothing similar found)", None
    shown = passage.text if len(passage.text) <= 120 else passage.text[:117] + "..."
    return (f"the quote is not in {article.display}; closest passage at line {passage.line}"
            f" ({passage.similarity:.0%} similar): {shown!r}",
            "copy the quote exactly from the article")


def _type_rules(corpus: Corpus, entry: ClaimEntry, prop: Property) -> bool:
    """Value, bound, breakdown and items against the property's type; True if the value fits."""
    claim, base, t = entry.claim, ("claims", entry.index), prop.type
    if t not in NUMERIC_TYPES or claim.items is not None:  # else every field is allowed
        for name, allowed in (("bound", NUMERIC_TYPES), ("breakdown", NUMERIC_TYPES),
                              ("items", ("count",))):
            if getattr(claim, name) is not None and t not in allowed:
                corpus.add(P.FIELD_NOT_ALLOWED, (*base, name), f"`{name}` is not allowed on"
                           f" property {prop.id!r} of type {t}", key=True)
    problem = _value_problem(claim.value, t, claim.effective_bound)
    if problem:
        corpus.add(P.VALUE_TYPE, (*base, "value"), f"property {prop.id!r} is of type {t}:"
                   f" {problem}")
        return False
    if t == "entity" and isinstance(claim.value, str):
        return references.reference(corpus, "entities", claim.value, (*base, "value"),
                                    "entity value")
    return True


def _value_problem(value: object, t: str, bound: str) -> str | None:
    if t in NUMERIC_TYPES:
        if bound == "range":
            if not (isinstance(value, list) and len(value) == 2):
                return "with `bound: range` the value is a list [low, high]"
            numbers = value
        elif isinstance(value, list):
            return "a list value needs `bound: range`"
        else:
            numbers = [value]
        for v in numbers:
            if isinstance(v, str) and v.replace(",", "").replace(".", "", 1).isdigit():
                return f"{v!r} is a string; write the number unquoted, without separators"
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
                return f"{v!r} is not a number"
            if t == "count" and (not isinstance(v, int) or v < 0):
                return f"{v!r} is not a whole number >= 0"
        if bound == "range" and numbers[0] > numbers[1]:
            return f"range low {numbers[0]} is above high {numbers[1]}"
        return None
    if t == "date":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or parse_partial_date(value) is None:
            return f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        return None
    if not isinstance(value, str):
        return f"{value!r} is not {'an entity id' if t == 'entity' else 'a string'}"
    return None


def _support(corpus: Corpus, entry: ClaimEntry, prop: Property) -> list[evidence.Finding]:
    claim = entry.claim
    if prop.type in NUMERIC_TYPES:
        return evidence.number_support(claim, claim.quote)
    if prop.type == "entity" and isinstance(claim.value, str) and claim.value in corpus.entities:
        return evidence.entity_support(corpus.entity(claim.value), claim.quote)
    if prop.type == "date" and isinstance(claim.value, (str, int)):
        return evidence.date_support(claim.value, claim.quote)
    return []
