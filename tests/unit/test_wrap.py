"""reporters/wrap.py: lines wrapped between words, hanging indents, long words cut in the
middle, widths in terminal cells."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from mou_reconcile.reporters.wrap import cut_middle, wrap_text


def plain(lines: list[Text]) -> list[str]:
    return [line.plain for line in lines]


def test_a_line_that_fits_is_left_as_it_is() -> None:
    text = Text("  short line")
    assert wrap_text(text, 80) == [text]


def test_lines_break_between_words_with_a_hanging_indent() -> None:
    text = Text("    why: " + "alpha beta gamma delta " * 4)
    lines = plain(wrap_text(text, 30))
    assert lines[0].startswith("    why: alpha")
    assert all(line.startswith("      ") and line[6] != " " for line in lines[1:])
    assert all(cell_len(line) <= 30 for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(text.plain.split())


def test_an_explicit_hang_and_styles_are_kept() -> None:
    text = Text("12 │ ", style="dim")
    text.append("word " * 20, style="bold")
    lines = wrap_text(text, 24, hang=5)
    assert all(line.plain.startswith("     ") for line in lines[1:])
    assert any(span.style == "bold" for span in lines[1].spans)


def test_wide_characters_count_as_two_cells() -> None:
    text = Text("漢字漢字 " * 10 + "🔥🔥 " * 10)
    lines = wrap_text(text, 21)
    assert all(cell_len(line.plain) <= 21 for line in lines)
    assert all(w in ("漢字漢字", "🔥🔥") for line in lines for w in line.plain.split())


def test_a_word_longer_than_a_line_is_cut_in_its_middle() -> None:
    long = "subject-" * 12 + ".property"
    lines = plain(wrap_text(Text(f"✗ {long}  conflict"), 40))
    assert all(cell_len(line) <= 40 for line in lines)
    assert lines[0].startswith("✗ subject-") and "…" in lines[0]
    assert lines[0].endswith(".property")
    assert "conflict" in lines[-1]


def test_cut_middle_keeps_both_ends_within_the_cells() -> None:
    cut = cut_middle(Text("abcdefghijklmnopqrstuvwxyz"), 9)
    assert cut.plain == "abcd…wxyz"
    cut = cut_middle(Text("漢字漢字漢字漢字"), 8)
    assert cell_len(cut.plain) <= 8 and cut.plain.startswith("漢") and cut.plain.endswith("字")
