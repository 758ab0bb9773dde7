"""reporters/plain.py: `check`'s text written without rich is rich's output byte for byte,
and where it could differ (a terminal, odd characters, odd widths) plain.write declines."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.text import Text

from mou_reconcile.check.checker import check_file
from mou_reconcile.corpus.load import UnreadableInput
from mou_reconcile.reporters import plain
from mou_reconcile.reporters.text_console import console
from mou_reconcile.reporters.text_reporter import TextReporter

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    "✓ claims.yaml: no problems (5 sources, 87 claims, 87 of 87 quotes found)",
    "claims.yaml:12:5: MR203 error: " + "the quote is not in the article " * 6,
    "    hint: " + "run `mou-reconcile explain` on the fact to see every claim " * 3,
    "claims.yaml:3:1: MR101 error: unknown source "
    + "'asakusa-lantern-festival-2025-sole-evening-programme-and-more-words'",
    "::error file=x::not a command; and ##[group] neither " + "word " * 30,
    "  ::warning::indented " + "x" * 150,
    "漢字漢字 " * 30 + "🔥🔥 " * 20,
    "",
    "   ",
    "a" * 300,
    "#\ufe0f keycap, e\u0301 combining, 👩\u200d💻 joined, 🇵🇰 flag " * 3,
    "\u0301\u0301\u0301 marks alone " + "ﾊﾝｶｸ half-width " * 5,
    "✓ " + "x" * 76,  # 78 characters in 80 bytes: the longest line written unmeasured at 80
]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def with_rich(lines: list[str], color: bool | None, width: int | None) -> str:
    out = io.StringIO()
    made = console(out, color=color, width=width)
    for line in lines:
        made.print(Text(line))
    return out.getvalue()


def without_rich(lines: list[str], color: bool | None, width: int | None) -> str:
    out = io.StringIO()
    assert plain.write(out, lines, color=color, width=width)
    return out.getvalue()


@pytest.mark.parametrize("width", [1, 2, 5, 19, 20, 21, 24, 33, 40, 80, 100, 300])
@pytest.mark.parametrize("color", [None, False])
def test_the_same_bytes_as_rich_at_every_width(width: int, color: bool | None) -> None:
    for line in LINES:
        assert without_rich([line], color, width) == with_rich([line], color, width), line


@pytest.mark.parametrize("columns", ["37", "120", "0", "", "abc", None])
def test_the_width_from_the_environment_as_rich_reads_it(
        monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("LINES", "7")
    if columns is not None:
        monkeypatch.setenv("COLUMNS", columns)
    if columns == "0":  # rich writes nothing at a width of 0: the plain way declines
        assert not plain.write(io.StringIO(), LINES, color=None, width=None)
        return
    assert without_rich(LINES, None, None) == with_rich(LINES, None, None)


@pytest.mark.parametrize("line", ["tab\there", "two\nlines", "bell\x07", "cr\r", "esc \x1b[31m",
                                  "c1 \x9b", "bidi \u202e", "del \x7f"])
def test_text_rich_would_change_is_left_to_rich(line: str) -> None:
    out = io.StringIO()
    assert not plain.write(out, ["fine", line], color=False, width=80)
    assert out.getvalue() == ""


def test_a_terminal_or_colour_is_left_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not plain.write(Tty(), ["x"], color=None, width=80)
    assert not plain.write(io.StringIO(), ["x"], color=True, width=80)
    assert plain.write(Tty(), ["x"], color=False, width=80)  # --color never on a terminal
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        with monkeypatch.context() as env:
            env.setenv(name, "0")
            assert not plain.write(io.StringIO(), ["x"], color=None, width=80)


CORPORA = [ROOT / "data" / "claims.yaml",
           *sorted((ROOT / "tests" / "cases").glob("*/claims.yaml")),
           *sorted((ROOT / "tests" / "nasty").glob("*.yaml"))]


@pytest.mark.parametrize("claims", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_output_is_the_same_either_way(monkeypatch: pytest.MonkeyPatch,
                                             claims: Path) -> None:
    try:
        result = check_file(claims)
    except UnreadableInput:
        pytest.skip("unreadable claims file: no check output")
    written = plain.write
    taken = []

    def spy(*args: object, **kwargs: object) -> bool:
        taken.append(written(*args, **kwargs))  # type: ignore[arg-type]
        return taken[-1]

    for width in (None, 40, 100):
        fast = io.StringIO()
        with monkeypatch.context() as m:
            m.setattr(plain, "write", spy)
            TextReporter(fast, width=width).check(result)
            m.setattr(plain, "write", lambda *a, **k: False)
            slow = io.StringIO()
            TextReporter(slow, width=width).check(result)
        assert fast.getvalue() == slow.getvalue()
        assert fast.getvalue().endswith("\n")
    if claims.parent.name == "data":
        assert all(taken)  # the sample corpus: written without rich


def test_in_colour_a_summary_cut_short_keeps_its_colour_on_the_ellipsis() -> None:
    # One style for the whole line: a word cut in its middle stays coloured throughout.
    result = check_file(ROOT / "data" / "claims.yaml",
                        "stories/a-folder-name-long-enough-to-be-cut-in-its-middle/claims.yaml")
    out = io.StringIO()
    TextReporter(out, color=True, width=40).check(result)
    assert "…" in out.getvalue()
    assert re.search("\x1b\\[32m[^\x1b]*…", out.getvalue()), out.getvalue()
