"""Every command's text output fits the terminal: at 80, 100 and 200 columns no line is wider
than the width (a CJK character or an emoji counting as two columns, as a terminal shows
them), and no word is broken in two: a line breaks between words, and a word too long for
any line is cut with an ellipsis (…), never split.

Run as a user runs it: the installed console script in a process of its own, with COLUMNS
set (and, once, in a pseudo-terminal of a given size with no COLUMNS), on the sample corpus
and on a story with very long ids, CJK and emoji (tests/cases/wide-text). The commands are
read from the typer app (tests/test_shipped.py), so a new command is covered here too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from conftest import CASES, REPO
from test_shipped import CI_VARIABLES, DROPPED, SCRIPT, WRITERS, Command, shipped_commands

WIDTHS = (80, 100, 200)
WIDE = 1000  # wide enough that nothing wraps: the words as they are
CORPORA = {"sample": REPO / "data" / "claims.yaml", "wide-text": CASES / "wide-text"}
TIMEOUT = 120
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def cells(line: str) -> int:
    """Columns a terminal gives `line`: East Asian wide and fullwidth characters (CJK,
    most emoji) two, combining marks and zero-width characters none."""
    width = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def too_wide(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if cells(line) > width]


def broken_words(text: str, reference: str) -> list[str]:
    """Words of `text` that are not words of `reference` (the same output unwrapped): a
    piece of a word broken in two. Allowed: a word cut with an ellipsis; words without
    letters (numbers, rules, marks); the matrix's column letters (A, B...); and a fact name
    broken after its subject's dot (`subject.` then `property`), as `diff` does."""
    words = set(reference.split())
    odd = []
    for word in set(text.split()):
        if word in words or "…" in word or not any(ch.isalpha() for ch in word):
            continue
        if re.fullmatch(r"[A-Z]{1,2}", word):
            continue
        if word.endswith(".") and any(w.startswith(word) for w in words):
            continue
        if any(w.endswith("." + word) for w in words):
            continue
        odd.append(word)
    return sorted(odd)


def environment(columns: int | None) -> dict[str, str]:
    from mou_reconcile.corpus.locate import CI_VARIABLES as tool_ci

    drop = CI_VARIABLES | set(tool_ci) | DROPPED
    env = {k: v for k, v in os.environ.items()
           if k not in drop and not k.startswith("MOU_RECONCILE_")}
    env.update({"MOU_RECONCILE_NO_CACHE": "1", "NO_COLOR": "1"})
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return env


@cache
def run(args: tuple[str, ...], columns: int) -> str:
    proc = subprocess.run([str(SCRIPT), *args], env=environment(columns), cwd=REPO,
                          capture_output=True, timeout=TIMEOUT, check=False)
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in stderr, stderr
    assert proc.returncode in (0, 1), f"mou-reconcile {' '.join(args)}: exit " \
                                      f"{proc.returncode}\n{stderr}"
    return proc.stdout.decode("utf-8")


@cache
def names(corpus: str) -> dict[str, str]:
    """A fact two sources disagree on, and those two sources, from the corpus's report."""
    report = json.loads(run(("report", "--claims", str(CORPORA[corpus]), "--format", "json"),
                            WIDE))
    disputed = next(d for d in report["discrepancies"] if len(d["values"]) > 1)
    a, b = (v["sources"][0] for v in disputed["values"][:2])
    return {"fact": disputed["fact"], "source_a": a, "source_b": b, "source": a}


def text_commands() -> list[Command]:
    """The commands that print text to read: those with a text format, and those without
    --format that do not print JSON (explain). init and add write files: not run here."""
    return [c for c in shipped_commands() if c.words not in WRITERS and c.claims
            and ("text" in c.formats or (not c.formats and not c.prints_json))]


def invocation(command: Command, corpus: str) -> tuple[str, ...]:
    values = names(corpus)
    args = [*command.words, *(values[a] for a in command.arguments),
            "--claims", str(CORPORA[corpus])]
    if "text" in command.formats:
        args += ["--format", "text"]
    if command.words == ("diff",):
        args.append("--quotes")  # the widest diff: each side's own words
    return tuple(args)


COMBINATIONS = [(c, corpus) for c in text_commands() for corpus in CORPORA]


def test_the_commands_that_print_text_are_found() -> None:
    found = {c.name for c in text_commands()}
    assert found >= {"check", "report", "explain", "diff", "sources", "matrix", "timeline",
                     "extract", "coverage"}, found


@pytest.mark.parametrize(("command", "corpus"), COMBINATIONS,
                         ids=[f"{c.name}-{corpus}" for c, corpus in COMBINATIONS])
def test_text_output_fits_the_width_without_breaking_words(command: Command,
                                                           corpus: str) -> None:
    args = invocation(command, corpus)
    reference = run(args, WIDE)
    assert reference.strip(), f"mou-reconcile {' '.join(args)} printed nothing"
    for width in WIDTHS:
        text = run(args, width)
        assert too_wide(text, width) == [], f"COLUMNS={width} mou-reconcile {' '.join(args)}"
        assert broken_words(text, reference) == [], \
            f"COLUMNS={width} mou-reconcile {' '.join(args)}\n{text}"


@pytest.mark.parametrize("words", sorted({c.words for c in shipped_commands()} | {()}),
                         ids=lambda w: "-".join(w) or "program")
def test_help_fits_the_width(words: tuple[str, ...]) -> None:
    for width in WIDTHS:
        text = run((*words, "--help"), width)
        assert text.startswith("Usage: mou-reconcile"), text
        assert too_wide(text, width) == [], f"COLUMNS={width} mou-reconcile {words} --help"


def test_the_wide_case_really_is_wide() -> None:
    """The case must keep what it tests: ids longer than a line, and wide characters."""
    report = run(("report", "--claims", str(CORPORA["wide-text"])), 80)
    assert "…" in report  # a long id was cut
    assert any(cells(line) > len(line) for line in report.splitlines())  # CJK or emoji
    assert max(cells(line) for line in report.splitlines()) > 70
    wide = run(("report", "--claims", str(CORPORA["wide-text"])), WIDE)
    assert max(cells(line) for line in wide.splitlines()) > 200


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize("width", WIDTHS)
def test_report_in_a_terminal_wraps_to_the_terminal_width(width: int) -> None:
    """No COLUMNS: the width is the terminal's own, read from the pseudo-terminal."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    env = environment(None)
    env["TERM"] = "xterm-256color"
    try:
        proc = subprocess.Popen([str(SCRIPT), "report", "--claims", str(CORPORA["sample"])],
                                stdin=slave, stdout=slave, stderr=slave, env=env, cwd=REPO)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed its end
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        os.close(master)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    lines = text.splitlines()
    assert len(lines) > 40, text
    assert too_wide(text, width) == [], text
    assert max(cells(line) for line in lines) > width - 12  # it used the room it had


def test_output_to_a_file_is_laid_out_at_100_columns(tmp_path: Path) -> None:
    """--output FILE: 100 columns whatever the terminal (a file is read elsewhere, later)."""
    out = tmp_path / "report.txt"
    run(("report", "--claims", str(CORPORA["sample"]), "--output", str(out)), 80)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert too_wide("\n".join(lines), 100) == []
    assert max(cells(line) for line in lines) > 90


def test_init_and_add_messages_fit_the_width(tmp_path: Path) -> None:
    """The commands that write a story (not run above) say what they did within the width."""
    folder = "stories/a-rather-long-story-folder-name-for-the-lantern-festival"
    title = "Huge crowds at the riverside 灯籠祭り lantern festival on a long and windy evening 🏮"
    texts = {}
    for columns in (*WIDTHS, WIDE):
        here = tmp_path / str(columns)
        here.mkdir()
        (here / "page.txt").write_text(f"{title}\n\nTOKYO - Some 40,000 people came.\n",
                                       encoding="utf-8")
        out = ""
        for args in (("init", folder), ("add", "page.txt", "--claims", folder)):
            proc = subprocess.run([str(SCRIPT), *args], env=environment(columns), cwd=here,
                                  capture_output=True, timeout=TIMEOUT, check=False)
            assert proc.returncode == 0, proc.stderr
            out += proc.stdout.decode("utf-8")
        texts[columns] = out
    assert max(cells(line) for line in texts[WIDE].splitlines()) > 120  # long enough to wrap
    for width in WIDTHS:
        assert too_wide(texts[width], width) == [], texts[width]
        assert broken_words(texts[width], texts[WIDE]) == [], texts[width]
        assert texts[width].split() == texts[WIDE].split()  # the same words, only wrapped
