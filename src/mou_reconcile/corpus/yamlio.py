"""Reading a claims file's YAML: the fast reader (yamlfast.py) for the plain block YAML claims
files are written in, else the full reader (yamlfull.py), which reads anything and reports
every problem. Both give the same YamlDocument (yamldoc.py): data and positions."""

from __future__ import annotations

from mou_reconcile.corpus.yamldoc import YamlDocument
from mou_reconcile.problems import Problem


def load_yaml(text: str, display: str, *,
              fast: bool = True) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` (the contents of `display`). Returns None with problems if unusable.
    `fast`: first try the reader of plain block YAML, many times faster."""
    if fast:
        from mou_reconcile.corpus.yamlfast import read_fast

        doc = read_fast(text, display)
        if doc is not None:
            return doc, []
    from mou_reconcile.corpus.yamlfull import read_full

    return read_full(text, display)
