"""Sources spell one entity differently; reported under the fact `<entity>.name`, with the
spelling each source's text uses.

A spelling is the entity's name or one of its aliases, found in an article's text between
non-word characters (reconcile/spellings.py); an entity is reported when two or more sources
name it and two or more spellings are used between them. Hint: the canonical name.
"""

from __future__ import annotations

from collections.abc import Iterator

from mou_reconcile import progress
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
        if len(used) >= 2 and len(spellings) >= 2:
            yield eid, entity, used


def hint(entity: Entity) -> str:
    return f"canonical name: {entity.name!r}"
