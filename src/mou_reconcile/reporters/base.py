"""The interface every output format implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TextIO

if TYPE_CHECKING:
    from mou_reconcile.check.checker import CheckResult
    from mou_reconcile.problems import Severity
    from mou_reconcile.reconcile.result import Discrepancy, Reconciliation, ValueGroup
    from mou_reconcile.views.coverage import Coverage
    from mou_reconcile.views.diff import SourceDiff
    from mou_reconcile.views.extract import Extraction
    from mou_reconcile.views.matrix import Matrix
    from mou_reconcile.views.sources import SourceProfile
    from mou_reconcile.views.timeline import Timeline


def plural(n: int, word: str) -> str:
    """'1 claim', '2 claims', '3 discrepancies', '2 info'."""
    if n == 1 or word == "info":
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def quote_highlights(rec: Reconciliation, d: Discrepancy, group: ValueGroup,
                     quote: str) -> list[tuple[int, int]]:
    """Where the group's value stands in `quote`, for reporters to emphasise."""
    from mou_reconcile.check.evidence import value_spans

    corpus = rec.corpus
    if d.property not in corpus.properties:
        return []
    entity = corpus.entities.get(str(group.value))
    return value_spans(quote, group.value, corpus.property(d.property).type,
                       entity.model if entity is not None else None)


class Reporter:
    """Renders results to `out`. `color` None means: colour only on a terminal, never with
    NO_COLOR set; `width` None means the terminal's width (machine formats ignore both)."""

    name: ClassVar[str]

    def __init__(self, out: TextIO, *, color: bool | None = None,
                 width: int | None = None) -> None:
        self.out = out
        self.color = color
        self.width = width

    # Each command's view; a format implements those it suits (the CLI offers no others).
    def check(self, result: CheckResult) -> None:
        raise NotImplementedError(f"the {self.name} format does not support check")

    def report(self, rec: Reconciliation, min_severity: Severity) -> None:
        raise NotImplementedError(f"the {self.name} format does not support report")

    def diff(self, rec: Reconciliation, diff: SourceDiff, quotes: bool) -> None:
        raise NotImplementedError(f"the {self.name} format does not support diff")

    def matrix(self, rec: Reconciliation, matrix: Matrix) -> None:
        raise NotImplementedError(f"the {self.name} format does not support matrix")

    def sources(self, rec: Reconciliation, profiles: list[SourceProfile]) -> None:
        raise NotImplementedError(f"the {self.name} format does not support sources")

    def timeline(self, rec: Reconciliation, timelines: list[Timeline]) -> None:
        raise NotImplementedError(f"the {self.name} format does not support timeline")

    def extract(self, extraction: Extraction) -> None:
        raise NotImplementedError(f"the {self.name} format does not support extract")

    def coverage(self, coverage: Coverage) -> None:
        raise NotImplementedError(f"the {self.name} format does not support coverage")


def left_out(count: int) -> str:
    """What a report with errors in its claims file reconciled, said where it is headed."""
    if not count:
        return "every claim is reconciled, those with errors too"
    if count == 1:
        return "1 claim that fails validation or names what is not declared is left out"
    return f"{count:,} claims that fail validation or name what is not declared are left out"
