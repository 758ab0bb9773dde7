"""Sources spell one entity differently; reported under the fact `<entity>.name`, with the
spelling each source's text uses.

A spelling is the entity's name or one of its aliases, found in an article's text between
non-word characters (reconcile/spellings.py). Only variants are reported: two spellings
that differ in case, accents, spacing or punctuation ("GuoDong" and "Guodong", "SKY47" and
"Sky4.7"), or by a letter or two as a typo or a transliteration does ("Gaddafi" and
"Qaddafi": at most one letter in eight). Declared aliases that are another form of the name
(an acronym, "Full Name (ACRONYM)", a shorter or longer name) are not, nor a capital that
only starts a sentence, nor a plural, nor an acronym against the same letters in lower case
("WHO" and the word "who"). Two or more sources must use the variants between
them. Hint: the canonical name.
"""

from __future__ import annotations

from collections.abc import Iterator

from mou_reconcile import progress
from mou_reconcile.check.evidence import fold_name
from mou_reconcile.corpus.load import Corpus
from mou_reconcile.corpus.models import Entity
from mou_reconcile.problems import Severity
from mou_reconcile.reconcile.kinds.base import Kind
from mou_reconcile.reconcile.spellings import SpellingIndex

KIND = Kind.of("naming", Severity.INFO, __doc__)

# Per source, each spelling it uses with its line.
Used = dict[str, list[tuple[str, int]]]


def find(corpus: Corpus) -> Iterator[tuple[str, Entity, Used]]:
    """Each entity (id, model, spellings) spelled more than one way across two or more
    sources."""
    index = SpellingIndex(corpus)
    for eid in progress.track(corpus.entities, "comparing names"):
        entity = corpus.entity(eid)
        used = index.spellings_by_source(entity)
        spellings = {sp for found in used.values() for sp, _ in found}
        if len(used) < 2 or len(spellings) < 2:
            continue
        kept = {a for a in spellings for b in spellings if variants(a, b)}
        used = {sid: [f for f in found if f[0] in kept] for sid, found in used.items()}
        used = {sid: found for sid, found in used.items() if found}
        if len(used) >= 2:
            yield eid, entity, used


def variants(a: str, b: str) -> bool:
    """Two spellings of one name that look like a slip or a variant, not another form: not
    a capital that only starts a sentence ("police", "Police"), not a plural."""
    if a == b or (a[1:] == b[1:] and a[:1].lower() == b[:1].lower()):
        return False
    if (a.isupper() and b.islower()) or (b.isupper() and a.islower()):
        return False  # an acronym and a common word: "WHO" and "who"
    fa, fb = fold_name(a), fold_name(b)
    short, long = sorted((fa, fb), key=len)
    if long in (short + "s", short + "es"):
        return False
    if fa == fb or _squeezed(fa) == _squeezed(fb):
        return True
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(fa, fb) <= max(1, min(len(fa), len(fb)) // 8)


def _squeezed(folded: str) -> str:
    return "".join(c for c in folded if c.isalnum())


def hint(entity: Entity) -> str:
    return f"canonical name: {entity.name!r}"
