"""Which spellings of an entity each source's text uses, as written (case kept)."""

from __future__ import annotations

import re

from mou_reconcile.load import Corpus
from mou_reconcile.models import Entity
from mou_reconcile.textfold import fold_text


def spellings_by_source(corpus: Corpus, entity: Entity) -> dict[str, list[tuple[str, int]]]:
    """Source id -> [(spelling as the text writes it, first line)], longest matches only:
    'Huawei' inside 'Huawei Technologies' is not a use of 'Huawei'."""
    patterns = []
    for spelling in entity.spellings:
        folded = fold_text(spelling)
        if folded:
            patterns.append(re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)"))
    out: dict[str, list[tuple[str, int]]] = {}
    for sid, article in corpus.articles.items():
        text = article.folded.text
        spans = sorted({m.span() for p in patterns for m in p.finditer(text)},
                       key=lambda s: (s[0], -s[1]))
        kept: list[tuple[int, int]] = []
        for a, b in spans:
            if kept and a < kept[-1][1]:  # inside (or overlapping) a longer match
                continue
            kept.append((a, b))
        found: dict[str, int] = {}
        for a, b in kept:
            start, end = article.folded.span(a, b)
            written = " ".join(article.text[start:end].split())
            if written.isupper() and len(written) > 1 and not _is_acronym(written, entity):
                # Capitals for style (a dateline, a headline): the same spelling as the
                # entity's own form, not another one.
                written = _styled_as(written, entity)
            found.setdefault(written, article.line_col(start)[0])
        if found:
            out[sid] = list(found.items())
    return out


def _is_acronym(written: str, entity: Entity) -> bool:
    return written in entity.spellings


def _styled_as(written: str, entity: Entity) -> str:
    key = fold_text(written)
    return next((s for s in entity.spellings if fold_text(s) == key), written)
