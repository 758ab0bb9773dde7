"""YAML claim stubs from `extract`: items a curator pastes under `claims:` and completes.

Written by hand rather than by a YAML library, because the comments (line, sentence,
entities, hints) are half the value and PyYAML cannot write comments. Every string goes out
double-quoted with escapes, so any article text gives valid YAML that the tool's own loader
reads back unchanged.
"""

from __future__ import annotations

import json
import re

from mou_reconcile.reporters.base import Reporter, plural
from mou_reconcile.reporters.escape import json_text, log_line
from mou_reconcile.views.extract import Candidate, Extraction

COMMENT_WIDTH = 110  # a sentence in a comment is cut to a window around the quantity
# What YAML does not allow unescaped (outside #x9 #xA #xD #x20-#x7E #x85 #xA0-#xD7FF
# #xE000-#xFFFD and above #xFFFF), and its line breaks beyond \n (NEL, LS, PS), which a
# double-quoted scalar would fold; JSON's escaping already covers what is below #x20.
_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
TODO = "TODO"


def scalar(text: str) -> str:
    """A double-quoted YAML string (YAML's double-quoted style is a superset of JSON's);
    directional overrides escaped, and `##[` written `##\\x5b` (no CI log reads a command
    in it), all read back as written in the article."""
    dumped = json_text(json.dumps(text, ensure_ascii=False)).replace("##[", "##\\x5b")
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def comment(text: str) -> str:
    """Text safe inside a one-line YAML comment: control characters shown as `\\x1b`, no
    `::` or `##[` that a CI log would read as a command (reporters/escape.py)."""
    return _NOT_PRINTABLE.sub("?", log_line(" ".join(text.split())))


def ident(text: str) -> str:
    """An id as written by hand, quoted where plain YAML would read it as something else
    (`null`, `2024`, `no`)."""
    plain = re.fullmatch(r"[a-z][a-z0-9._-]*", text) and text not in _NOT_PLAIN_STRINGS
    return text if plain else scalar(text)


_NOT_PLAIN_STRINGS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan",
                      "inf"}


def number(value: float | int) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def window(c: Candidate, width: int = COMMENT_WIDTH) -> str:
    s = c.sentence
    if len(s) <= width:
        return s
    lo = max(0, min(c.at - width // 3, len(s) - width))
    hi = lo + width
    if lo:  # whole words at both ends
        lo = s.find(" ", lo, c.at) + 1 or lo
    if hi < len(s):
        hi = s.rfind(" ", c.at, hi) if s.rfind(" ", c.at, hi) > c.at else hi
    return ("..." if lo else "") + s[lo:hi] + ("..." if hi < len(s) else "")


class YamlReporter(Reporter):
    name = "yaml"

    def emit(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def extract(self, ex: Extraction) -> None:
        self.emit(f"# Claim stubs from {comment(ex.article.display)} (source {ex.source_id}):"
                  f" {plural(len(ex.candidates), 'quantity')}.")
        self.emit("# Keep the stubs worth a claim and paste them under `claims:`; set each "
                  "subject (an entity")
        self.emit("# id) and property (a declared property), then run `mou-reconcile check`.")
        if ex.new:
            self.emit("# The article is not yet a source: paste this entry under `sources:` "
                      "too.")
            if ex.file.startswith("../"):
                self.emit("# Move the article into the claims file's folder first: sources "
                          "must be inside it.")
            self.emit("sources:")
            self.emit(f"  - id: {ident(ex.source_id)}")
            self.emit(f"    file: {scalar(ex.file)}")
        self.emit("claims:" if ex.candidates else "claims: []")
        kind = None
        order = [k for k in _KIND_NOTES]
        for c in sorted(ex.candidates, key=lambda c: order.index(c.quantity.kind)):
            if c.quantity.kind != kind and c.quantity.kind != "cardinal":
                self.emit(f"  # --- {c.quantity.kind}: {_KIND_NOTES[c.quantity.kind]}")
            kind = c.quantity.kind
            self._stub(ex, c)

    def _stub(self, ex: Extraction, c: Candidate) -> None:
        q = c.quantity
        self.emit(f"  # line {c.line}: {comment(window(c))}")
        if c.entities:
            names = ", ".join(eid if written.lower() == eid else f"{eid} ({comment(written)})"
                              for eid, written in c.entities)
            self.emit(f"  # entities: {names}")
        self.emit(f"  - source: {ident(ex.source_id)}")
        self.emit(f"    subject: {TODO}")
        hint = f"  # hint: {comment(c.hint)}" if c.hint else ""
        prop = ident(c.suggested_property) if c.suggested_property else TODO
        self.emit(f"    property: {prop}{hint}")
        value = c.value
        shown = (f"[{number(value[0])}, {number(value[1])}]" if isinstance(value, list)
                 else number(value))
        self.emit(f"    value: {shown}")
        if q.kind != "year":  # a date takes no bound
            self.emit(f"    bound: {q.bound}")
        self.emit(f"    quote: {scalar(c.quote)}")


_KIND_NOTES = {"cardinal": "",  # the order stubs are written in, as in the text view
               "multiplier": 'factors ("tenfold" -> 10)',
               "ordinal": 'positions in a series ("eighth" -> 8)',
               "year": "years, for date properties (value: YYYY or a fuller date)"}
