"""A cold `check` (no cache, as CI runs it) imports only what checking needs: what a clean
run does not use stays unimported, so start-up is not paid for it (benchmarks/run measures
the time). Each run is a fresh process, so the modules listed are exactly those the command
imported; a top-level import of any of them somewhere on the way fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO
from test_signals import env

# Runs the command as the console entry does, then lists every module imported.
_RUN = """
import sys
sys.argv = ["mou-reconcile", *sys.argv[1:]]
from mou_reconcile.cli import main
code = main()
sys.stdout.flush()
sys.stderr.write("\\n".join(["MODULES", *sorted(sys.modules)]) + "\\n")
sys.exit(code)
"""

# Never needed by a clean check: rich and wrapping (its few short lines, not on a terminal,
# are written as they are), reconciling, the other commands' views and formats, the cache it
# was told not to use, the JSON Schema.
NEVER = ["rich", "mou_reconcile.reporters.text_console", "mou_reconcile.reporters.wrap",
         "mou_reconcile.reconcile", "mou_reconcile.views", "mou_reconcile.corpus.units",
         "mou_reconcile.corpus.schema", "mou_reconcile.cli.cache",
         "mou_reconcile.reporters.json_reporter", "mou_reconcile.reporters.markdown_reporter"]


def imported(folder: Path, expect: int = 0) -> tuple[str, set[str]]:
    """`check --no-cache` run in `folder`: its output, and the modules it imported."""
    proc = subprocess.run([sys.executable, "-c", _RUN, "check", "--no-cache"],
                          cwd=folder, env=env(), capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == expect, proc.stdout + proc.stderr[-2000:]
    return proc.stdout, set(proc.stderr.split("MODULES\n", 1)[1].split())


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_a_clean_check_of_the_sample_imports_only_what_checking_needs() -> None:
    out, modules = imported(REPO / "data")
    assert out.startswith("✓ claims.yaml: no problems")
    assert "mou_reconcile.check.checker" in modules and "pydantic" in modules  # it ran
    assert [name for name in NEVER if loaded(modules, name)] == []


STORY = """\
version: 1
sources:
  - id: wire
    file: articles/wire.txt
entities:
  - id: acme
    name: Acme
properties:
  - id: staff
    type: count
claims:
"""
CLAIM = """\
  - source: wire
    subject: acme
    property: staff
    value: 150
    quote: "{}"
"""


def story(folder: Path, article: str, *quotes: str) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "wire.txt").write_text(article + "\n", encoding="utf-8")
    text = STORY + "".join(CLAIM.format(quote) for quote in quotes)
    (folder / "claims.yaml").write_text(text, encoding="utf-8")
    return folder


def test_fuzzy_matching_and_number_words_are_imported_only_when_needed(
        tmp_path: Path) -> None:
    # Every quote found, no entity name in the article to compare, no number in words.
    out, modules = imported(story(tmp_path / "plain", "It has 150 men.", "150 men"))
    assert out.startswith("✓ claims.yaml: no problems")
    assert [name for name in ("rapidfuzz", "text_to_num", *NEVER)
            if loaded(modules, name)] == []
    # A quote not in its article is aligned with rapidfuzz; a figure in words is read
    # with text_to_num: the same run imports both.
    out, modules = imported(story(tmp_path / "both", "It has 150 men, one hundred and fifty.",
                                  "one hundred and fifty", "150 mne"), expect=1)
    assert "MR401" in out
    assert loaded(modules, "rapidfuzz") and loaded(modules, "text_to_num")
