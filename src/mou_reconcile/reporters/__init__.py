"""Output formats: reporters behind one interface, chosen by name from a registry.

Modules are imported only when their format is used, so `--format json` never pays for rich.
"""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from mou_reconcile.reporters.base import Reporter

REPORTERS: dict[str, str] = {
    "text": "mou_reconcile.reporters.text_reporter:TextReporter",
    "json": "mou_reconcile.reporters.json_reporter:JsonReporter",
    "markdown": "mou_reconcile.reporters.markdown_reporter:MarkdownReporter",
    "github": "mou_reconcile.reporters.github_reporter:GithubReporter",
    "sarif": "mou_reconcile.reporters.sarif_reporter:SarifReporter",
    "html": "mou_reconcile.reporters.html_reporter:HtmlReporter",
    "yaml": "mou_reconcile.reporters.yaml_reporter:YamlReporter",  # extract's claim stubs
}


def get_reporter(name: str, out: TextIO, *, color: bool | None = None,
                 width: int | None = None) -> Reporter:
    module, cls = REPORTERS[name].split(":")
    reporter: type[Reporter] = getattr(import_module(module), cls)
    return reporter(out, color=color, width=width)


__all__ = ["REPORTERS", "Reporter", "get_reporter"]
