"""Escaping for each output format: text from the claims file, an article or a path is
untrusted (claims files change by pull request), and each format's reader acts on some
characters: a terminal on escape sequences, a GitHub runner on `::` commands, a Markdown
renderer on tags, links and mentions, a browser on `</script>`.

One layer per format, so a reporter escapes in one place:

- terminal: control characters (C0 but tab and line feed, DEL, C1) and the bidirectional
  overrides and isolates are shown as `\\x1b`, `\\u202e`, never written (`visible`);
  ordinary Unicode text is left as it is. `CommandGuard` also keeps a text line from
  reading as a workflow command when the text lands in a CI log.
- GitHub workflow commands: `command_data` and `command_property` (GitHub's escaping), and
  `log_line` for a line that is not a command: no line breaks, no `::`, no `##[`.
- Markdown: `md_text` (inline text and table cells), `md_code` (a code span),
  `md_html` (text inside an HTML block such as `<details><summary>`): no tags, images,
  links, comments, autolinks, entities or @mentions come from the data.
- JSON-LD embedded in a page's `<script>`: `script_safe_json` (no `</`, no `<!--`), and
  `web_url` (only http and https URLs stay URLs).
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from mou_reconcile.text.urls import web_url

__all__ = ["web_url"]  # with the escaping functions below

# -- terminal ------------------------------------------------------------------------------

# C0 but tab and line feed, DEL, C1; the explicit directional formatting characters (the
# "Trojan Source" overrides and isolates) that make text read in another order than stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_BREAK = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029"
                              "\u2066-\u2069]")
# A command's data keeps CR too: GitHub's own escaping writes it %0D.
_UNSAFE_IN_COMMAND = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e"
                                "\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _show(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control and escape characters shown as `\\x1b`, `\\x9b`, `\\u202e`; tab and line
    feed kept (a terminal only moves on them). Idempotent: backslashes are left alone."""
    return _UNSAFE.sub(_show, text) if _UNSAFE.search(text) else text


def visible_line(text: str) -> str:
    """As `visible`, and line breaks (LF, CR, NEL, LS, PS, VT, FF) shown too: one line."""
    return _UNSAFE_OR_BREAK.sub(_show, text) if _UNSAFE_OR_BREAK.search(text) else text


def one_line(text: str) -> str:
    """Whitespace runs (line breaks included) as one space, then `visible`."""
    return visible(" ".join(text.split()))


# -- GitHub workflow commands --------------------------------------------------------------

_COMMAND_START = re.compile(r"^(\s*(?:\x1b\[[0-9;]*m)*\s*):(?=:)")
_COLONS = re.compile(r":(?=:)")


def command_data(text: str) -> str:
    """A command's message: GitHub's escaping (`%`, CR, LF), control characters shown."""
    text = _UNSAFE_IN_COMMAND.sub(_show, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    """A command's property value: as a message, and `:` and `,` escaped too."""
    return command_data(text).replace(":", "%3A").replace(",", "%2C")


def log_line(line: str) -> str:
    """A line of a GitHub log that must not act as a command: one line (line breaks shown
    as `\\n`), no `::` (written `:\\:`) and no `##[` (written `##\\[`) anywhere in it."""
    line = visible_line(line)
    if "::" in line:
        line = _COLONS.sub(":\\\\", line)
    return line.replace("##[", "##\\[")


def guard_line(line: str) -> str:
    """A line of text output that may land in a CI log: if, after leading whitespace (and
    colour codes), it starts with `::`, that start is written `:\\:`; `##[` anywhere is
    written `##\\[`. Anything else is left alone (`std::vector` mid-line is harmless)."""
    if "::" in line:
        line = _COMMAND_START.sub(lambda m: m.group(1) + ":\\", line, count=1)
    return line.replace("##[", "##\\[") if "##[" in line else line


def terminal_text(text: str) -> str:
    """Text for a terminal or a CI log written without rich (messages on stderr): control
    characters shown, and no line reading as a workflow command."""
    return "".join(guard_line(line) for line in visible(text).splitlines(keepends=True))


class CommandGuard:
    """A text stream that applies `guard_line` to every line written through it (writes
    may end mid-line: a line's start is remembered across them)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._blank = True  # nothing but whitespace (and colour codes) so far on this line

    def write(self, text: str) -> int:
        parts = text.splitlines(keepends=True)
        for i, part in enumerate(parts):
            if self._blank:
                parts[i] = guard_line(part)
            elif "##[" in part:
                parts[i] = part.replace("##[", "##\\[")
            if part.endswith(("\n", "\r")):
                self._blank = True
            else:
                self._blank = self._blank and not _SGR.sub("", part).strip()
        self.out.write("".join(parts))
        return len(text)

    def flush(self) -> None:
        self.out.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.out, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self.out.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.out, "encoding", None) or "utf-8"


_SGR = re.compile(r"\x1b\[[0-9;]*m")


# -- Markdown ------------------------------------------------------------------------------

# Backslash-escaped: what would format, link or start an image, and the cell separator.
_MD_PUNCT = re.compile(r"([\\`*_\[\]#|~])")
# An entity reference in the data would be decoded: its `&` is written as `&amp;`.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# A mention (@user, @org/team): a zero-width space after the `@` keeps GitHub from
# notifying anyone, as Renovate and Dependabot write mentions they quote.
_MENTION = re.compile(r"@(?=[0-9A-Za-z])")
_ZWSP = "&#8203;"
_SPACES = re.compile(r"\s+")


def md_text(text: str) -> str:
    """Markdown-inert inline text, safe in a table cell: one line (each run of whitespace
    one space); `<` and `>` as entities (no tags, comments, autolinks); brackets, emphasis,
    code, pipes escaped; mentions broken; control characters shown."""
    out = visible(_SPACES.sub(" ", text))
    out = _ENTITY.sub("&amp;", out)
    out = _MD_PUNCT.sub(r"\\\1", out)
    out = out.replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@" + _ZWSP, out)


def md_code(text: str, cell: bool = False) -> str:
    """A code span holding `text` as it is (one line, control characters shown): its fence
    is longer than any run of backticks inside. `cell`: inside a table cell, where a pipe
    must be escaped even in code."""
    out = one_line(text)
    if "##[" in out:  # a CI log would read a command in it, and code cannot escape it
        return f"<code>{md_text(out)}</code>"
    if cell:
        out = out.replace("|", "\\|")
    runs = [len(r) for r in re.findall("`+", out)]
    fence = "`" * (max(runs) + 1 if runs else 1)
    if out.startswith("`") or out.endswith("`") or (
            out.startswith(" ") and out.endswith(" ") and out.strip()):
        out = f" {out} "
    return f"{fence}{out}{fence}"


def md_html(text: str) -> str:
    """Text inside an HTML block (`<details><summary>...`), where Markdown is not parsed:
    HTML-escaped, one line, mentions broken, control characters shown."""
    out = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION.sub("@" + _ZWSP, out).replace("##[", "##&#91;")


# -- HTML ----------------------------------------------------------------------------------


# Whatever html_text changes; most texts (ids, numbers, names) hold none of it and are
# returned as they are, one search instead of five replacements and three more searches.
_HTML_SPECIAL = re.compile("[&<>\"'\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|::|##\\[")


def html_text(text: str) -> str:
    """Text or an attribute value in an HTML page: escaped (quotes too), control characters
    shown; and, as character references a browser shows the same, line feeds and what a
    CI log would read as a command (`::`, `##[`), in case the page is printed to one."""
    if not _HTML_SPECIAL.search(text):
        return text
    out = html.escape(visible(text), quote=True)
    if "\n" in out:
        out = out.replace("\n", "&#10;")
    if "::" in out:
        out = _COLONS.sub(":&#58;", out).replace("&#58;:", "&#58;&#58;")
    return out.replace("##[", "##&#91;") if "##[" in out else out


# -- JSON ----------------------------------------------------------------------------------

# What JSON may hold unescaped but a terminal (C1, DEL) or a page (LS, PS) acts on, and the
# directional overrides: written as \\u escapes, the same JSON value.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def json_text(text: str) -> str:
    """JSON text (as json.dumps writes it, C0 already escaped) with the characters above
    escaped too: safe to print to a terminal."""
    if not _JSON_UNSAFE.search(text):
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- JSON-LD in a page ---------------------------------------------------------------------


def script_safe_json(text: str) -> str:
    """JSON text that can stand inside `<script type="application/ld+json">`: every `<`
    written `\\u003c` (so no `</script>` and no `<!--`), and the line and paragraph
    separators escaped. The same JSON value."""
    return json_text(text.replace("<", "\\u003c"))
