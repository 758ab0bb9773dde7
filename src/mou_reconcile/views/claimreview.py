"""schema.org ClaimReview (JSON-LD) for each resolved discrepancy with a rating, the open
standard fact-checkers publish their verdicts in.

The reviewed claim is the disagreement itself ("<subject>, <property>: 9 vs 10 vs 24
agreements"); each source that states one of its values is an appearance of the claim.

The JSON-LD is made to be embedded in a page (`<script type="application/ld+json">`): only
http and https URLs are kept as URLs, and the command writes no `</` or `<!--`
(reporters/escape.py: script_safe_json).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mou_reconcile.corpus.load import Corpus
from mou_reconcile.reconcile.result import Discrepancy, Reconciliation
from mou_reconcile.text.urls import web_url


@dataclass
class Export:
    reviews: list[dict[str, Any]]
    skipped: list[str]  # facts with a rating whose discrepancy is still open or absent


def review_url(base_url: str | None, fact: str) -> str:
    """One URL per fact: the base URL with the fact as fragment (the HTML report uses the
    fact as each discrepancy's anchor), or just the fragment, which resolves against the
    page that embeds the markup."""
    base = (base_url or "").split("#", 1)[0]
    return f"{base}#{fact}"


def _appearance(corpus: Corpus, sid: str, quote: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": sid}
    if sid in corpus.sources:
        s = corpus.source(sid)
        if s.title:
            work["headline"] = s.title
        url = web_url(s.url)
        if url:  # an http or https URL: anything else (javascript:, data:) is left out
            work["url"] = url
        if s.published:
            work["datePublished"] = s.published
        if s.outlet:
            work["publisher"] = {"@type": "Organization", "name": s.outlet}
    work["text"] = quote  # the source's own words for the claim
    return work


def _authors(corpus: Corpus, d: Discrepancy) -> list[dict[str, str]]:
    credited = dict.fromkeys(e.attributed_to for g in d.values for e in g.evidence
                             if e.attributed_to is not None and e.attributed_to in corpus.entities)
    out = []
    for eid in credited:
        entity = corpus.entity(eid)
        kind = "Person" if entity.kind == "person" else "Organization"
        out.append({"@type": kind, "name": entity.name})
    return out


def _claim_text(corpus: Corpus, d: Discrepancy) -> str:
    subject = corpus.entity(d.subject).name if d.subject in corpus.entities else d.subject
    prop = d.property.replace("_", " ")
    return f"{subject}, {prop}: {d.message}"


def claim_review(rec: Reconciliation, d: Discrepancy, base_url: str | None,
                 author: str | None) -> dict[str, Any]:
    corpus = rec.corpus
    r = d.resolution
    assert r is not None and r.rating
    first: dict[str, str] = {}  # each source once, with its first quote
    for g in d.values:
        for e in g.evidence:
            first.setdefault(e.source, " ".join(e.quote.split()))
    appearances = [_appearance(corpus, sid, quote) for sid, quote in first.items()]
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    authors = _authors(corpus, d)
    if authors:  # who the sources credit with the claim (attributed_to)
        claim["author"] = authors[0] if len(authors) == 1 else authors
    dated = sorted((a for a in appearances if "datePublished" in a),
                   key=lambda a: str(a["datePublished"]))
    if dated:
        claim["datePublished"] = dated[0]["datePublished"]
        claim["firstAppearance"] = dated[0]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": r.rating}
    if r.verdict:
        rating["ratingExplanation"] = " ".join(r.verdict.split())
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(base_url, d.fact),
        "claimReviewed": _claim_text(corpus, d),
        "itemReviewed": claim,
        "reviewRating": rating,
    }
    if author:
        review["author"] = {"@type": "Organization", "name": author}
    if r.reviewed:
        review["datePublished"] = r.reviewed
    return review


def export(rec: Reconciliation, base_url: str | None = None,
           author: str | None = None) -> Export:
    reviews = [claim_review(rec, d, base_url, author) for d in rec.discrepancies
               if d.resolution is not None and d.resolution.rating and not d.is_open]
    done = {d.fact for d in rec.discrepancies if d.resolution is not None and not d.is_open}
    skipped = [r.fact for r in rec.corpus.resolution_models()
               if r.rating and r.fact not in done]
    return Export(reviews, skipped)
