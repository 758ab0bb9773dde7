"""Problems: the one finding type every check produces, and the registry of stable codes.

A problem is a small sortable value (path, line, column, code, message) so that every output
format prints the same facts in the same order. Codes never change meaning once released;
`docs/problem-codes.md` is generated from the descriptions below (a test keeps it current).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `max()` gives the worst; names are what users type and read."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str


CODES: dict[str, Code] = {}


def _code(code: str, name: str, severity: Severity, summary: str, doc: str) -> Code:
    entry = Code(code, name, severity, summary, " ".join(doc.split()))
    CODES[code] = entry
    return entry


E, W = Severity.ERROR, Severity.WARNING

# -- reading the claims file -------------------------------------------------------------
FILE_UNREADABLE = _code("MR100", "file-unreadable", E, "the claims file cannot be read", """
    The claims file does not exist, is a folder without a claims.yaml, cannot be opened, or is
    not UTF-8 text. Nothing else can be checked; the command exits with code 2.""")
YAML_SYNTAX = _code("MR101", "yaml-syntax", E, "not valid YAML", """
    The claims file is not valid YAML. The position is where the parser gave up; the mistake
    is often just before it (an unclosed quote or bracket, a tab used for indentation).""")
DUPLICATE_KEY = _code("MR102", "duplicate-key", E, "a key appears twice in one mapping", """
    YAML loaders silently keep the last of two equal keys, so a claim edited twice loses one
    edit without a word. Here it is an error at the second occurrence.""")
YAML_ALIAS = _code("MR103", "yaml-alias", E, "YAML anchors, aliases, merge keys and tags", """
    Aliases (`*name`), merge keys (`<<`) and tags other than the standard `!!str`, `!!int`,
    `!!float`, `!!bool` and `!!null` are refused: a claims file is plain data, and aliases can
    expand a small file into billions of values ("billion laughs").""")
UNKNOWN_FIELD = _code("MR104", "unknown-field", E, "a field the format does not define", """
    The mapping has a key that format version 1 does not define, usually a typo of a real
    field (the message suggests the closest one).""")
WRONG_TYPE = _code("MR105", "wrong-type", E, "a value of the wrong type", """
    A field holds the wrong kind of value: a string where a number is needed, a list where a
    mapping is needed. YAML values keep their type: a quoted "9" is a string, not a number.""")
MISSING_FIELD = _code("MR106", "missing-field", E, "a required field is missing", """
    A required field (such as a claim's `quote` or a source's `file`) is absent. The position
    is the mapping that lacks it.""")
VERSION = _code("MR107", "version", E, "missing or unsupported format version", """
    The file must start with `version: 1`. Any other version is refused rather than guessed
    at, because later versions may change what fields mean.""")
BAD_ID = _code("MR108", "bad-id", E, "an id that is not of the form [a-z0-9][a-z0-9._-]*", """
    Ids are lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit, so
    they read the same in every output format and in `subject.property` fact names.""")
INVALID_VALUE = _code("MR109", "invalid-value", E, "a value outside what the field allows", """
    The value has the right type but is not allowed: an unknown `bound`, `type`, `kind` or
    `status`, a date that is not YYYY, YYYY-MM or YYYY-MM-DD, an empty quote, a number that
    is not finite (`.inf`, `.nan`).""")
LIMIT = _code("MR110", "limit", E, "the input exceeds a safety limit", """
    The claims file is larger or nested more deeply than the tool accepts, an article is
    larger, a quote longer, or a number beyond what a float holds. The message names the
    limit and, where there is one, the environment variable that raises it ("Limits" in
    claims-format.md); a claims file over the size limit cannot be read at all (exit 2).""")

# -- references ----------------------------------------------------------------------------
UNKNOWN_REFERENCE = _code("MR201", "unknown-reference", E,
                          "a reference to an id not declared", """
    A claim's `source`, `subject`, `property` or entity `value`, a source's `derived_from`, or
    a resolution's `fact` names something not declared in the file. The message suggests the
    closest declared id.""")
DUPLICATE_ID = _code("MR202", "duplicate-id", E, "two entries of one section share an id", """
    Ids must be unique within their section (sources, entities, properties, claims); the
    second one is reported. Claims without an explicit id get `<source>:<subject>.<property>`
    (with `#2`, `#3` on repeats), which never collides.""")
ALIAS_CLASH = _code("MR203", "alias-clash", W, "one spelling names two entities", """
    Two entities share a name or alias, so a quote containing that spelling cannot tell them
    apart. Entities stay distinct (aliases never make two ids equal), but the curator should
    check which one is meant.""")
ALIAS_HINT = _code("MR204", "alias-hint", Severity.INFO,
                   "a source spells a name almost like an entity", """
    A source writes a name that differs from an entity's name and aliases only in the case
    inside a word ("Guodong" for "GuoDong"), in spacing or punctuation ("Sky 4.7" for
    "Sky4.7"), or by one letter in one word ("Shahbaz" for "Shehbaz"; two in words of nine
    letters or more). If it names that entity, list it under `aliases`, so quotes and naming
    reports match it as written; if it names something else, leave it. Capitals for style
    (an all-caps dateline) and derived words ("Pakistani", "Huawei's") are not reported.""")

# -- source files --------------------------------------------------------------------------
SOURCE_MISSING = _code("MR301", "source-missing", E, "a source's file does not exist", """
    The `file` of a source does not exist. Paths are relative to the folder that holds the
    claims file.""")
SOURCE_OUTSIDE = _code("MR302", "source-outside", E, "a source's file is outside the folder", """
    A source's `file` is absolute or leads (through `..` or a symbolic link) outside the folder
    that holds the claims file, or it is hidden: a part of its path below that folder, once
    symbolic links are followed, starts with `.` (`.env`, `.git/config`). Keeping articles
    beside the claims file makes a corpus portable and stops a claims file from reading
    arbitrary files or credentials; such a file is not read at all.""")
SOURCE_ENCODING = _code("MR303", "source-encoding", E, "a source's file is not UTF-8 text", """
    The article is not valid UTF-8; the message gives the line and column of the first bad
    byte in the article. Convert the file to UTF-8 (for example with `iconv`).""")
SOURCE_UNREADABLE = _code("MR304", "source-unreadable", E, "a source's file cannot be read", """
    The `file` exists but cannot be read: it is a folder, or permission is denied.""")

# -- evidence ------------------------------------------------------------------------------
QUOTE_NOT_FOUND = _code("MR401", "quote-not-found", E, "the quote is not in its source", """
    The quote does not occur in its article. Matching folds Unicode compatibility forms,
    typographic quotes and dashes, case and runs of white space, and `...` stands for omitted
    words within one paragraph. The message shows the closest passage with its line number
    and similarity, which is usually the passage meant, with a typo on one side. The search
    for it compares at most 20,000,000 character pairs per quote (quote length times
    article characters aligned); when that runs out before a similar passage is found, the
    message says "no closest passage: the search budget ... ran out" instead.""")
VALUE_NOT_IN_QUOTE = _code("MR402", "value-not-in-quote", E,
                           "the quote does not state the value", """
    The quote is found but does not support the claim's value: a count or number must appear
    as digits (with or without thousands separators) or English words; an entity by its name
    or an alias; a date in some common form. Numbers inside names and codes ("5G", "SKY47")
    are not numbers.""")
HEDGE_MISMATCH = _code("MR403", "hedge-mismatch", W, "the quote's hedge and the bound differ", """
    The quote hedges the number ("up to", "more than", "about") but the claim's bound is
    `exact`, or the bound is not `exact` while the quote states the number plainly, or the
    two hedges point different ways. Bounds decide whether two figures conflict, so they
    should say what the source says.""")
BREAKDOWN_NOT_IN_QUOTE = _code("MR404", "breakdown-not-in-quote", W,
                               "a breakdown part is not in the quote", """
    A `breakdown` part's number does not appear in the quote. Quote the passage that gives the
    parts too (use `...` to join it to the total within one paragraph).""")
ATTRIBUTION_NOT_FOUND = _code("MR405", "attribution-not-found", W,
                              "the credited entity is not named near the quote", """
    A claim's `attributed_to` entity is named neither in the quote nor in the sentence or
    paragraph that holds it, under its name or any alias. The article may credit someone
    else, or use a spelling the entity does not list: check who the article says the figure
    comes from, or add the spelling to the entity's aliases.""")

# -- type rules ----------------------------------------------------------------------------
VALUE_TYPE = _code("MR501", "value-type", E, "the value does not fit the property's type", """
    A claim's value does not fit its property's type: counts are whole numbers >= 0, numbers
    are numbers, entities are entity ids, texts are strings, dates are YYYY, YYYY-MM or
    YYYY-MM-DD; a list `[low, high]` only with `bound: range`, and low <= high.""")
FIELD_NOT_ALLOWED = _code("MR502", "field-not-allowed", E,
                          "a field the property's type cannot have", """
    `bound` and `breakdown` apply only to count and number properties, `items` only to count
    properties.""")


# Control characters, line separators and bidirectional overrides quoted from a claims file
# would split the one-line-per-problem output that CI parses, or restyle the terminal.
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def printable(text: str) -> str:
    """`text` with its unprintable characters escaped as in Python (\\x1b, \\n, \\u2028)."""
    if text.isascii() and text.isprintable():
        return text  # nothing to escape (most text): no regex compiled at start-up for it
    return re.sub(_UNPRINTABLE, lambda m: m.group().encode("unicode_escape").decode(), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about the input, 1-based line and column; sorts by place, then code."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = field(compare=False)
    hint: str | None = field(default=None, compare=False)

    @classmethod
    def of(cls, code: Code, path: str, line: int, col: int, message: str,
           hint: str | None = None) -> Problem:
        return cls(printable(path), line, col, code.code, printable(message), code.severity,
                   None if hint is None else printable(hint))

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
        }


def count_by_severity(problems: list[Problem]) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for p in problems:
        counts[p.severity.label] += 1
    return counts


def codes_markdown() -> str:
    """The problem-code reference (docs/problem-codes.md), generated so it never drifts."""
    lines = ["# Problem codes", "",
             "Every problem `mou-reconcile check` reports has a stable code. Codes never change",
             "meaning; new ones may be added. Errors make `check` exit with 1 (MR100: 2);",
             "warnings and info do not.", "",
             "| code | name | severity | what it means |", "| --- | --- | --- | --- |"]
    lines += [f"| {c.code} | `{c.name}` | {c.severity.label} | {c.summary} |"
              for c in CODES.values()]
    for c in CODES.values():
        lines += ["", f"## {c.code} `{c.name}` ({c.severity.label})", "", c.doc]
    return "\n".join(lines) + "\n"
