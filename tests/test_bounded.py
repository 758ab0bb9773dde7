"""Bounded work on hostile input (issue 21): each runs the installed program in a process
with a generous timeout, a guard against a hang only (speed is measured by
benchmarks/bounded.py), and checks the result: a missed quote's closest-passage search
stops at its budget and says so; `extract` and `coverage` read a megabyte article right."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SCRIPT = Path(sys.executable).parent / "mou-reconcile"
if not SCRIPT.is_file():
    pytest.skip(f"the console script is not installed beside {sys.executable}",
                allow_module_level=True)

HANG_GUARD = 60  # seconds: minutes before the fix, about a second after it
CLAIMS = """version: 1
sources:
  - id: big
    file: articles/big.txt
entities:
  - id: council
    name: City Council
properties:
  - id: agreements
    type: count
claims:
  - source: big
    subject: council
    property: agreements
    value: 3
    quote: "{quote}"
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MOU_RECONCILE_NO_CACHE="1", NO_COLOR="1", COLUMNS="100")
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          timeout=HANG_GUARD, check=False)


def story(tmp_path: Path, article: str, quote: str) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "big.txt").write_text(article, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS.format(quote=quote), encoding="utf-8")
    return tmp_path


def mr401(proc: subprocess.CompletedProcess[str]) -> str:
    [problem] = [p for p in json.loads(proc.stdout)["problems"] if p["code"] == "MR401"]
    return str(problem["message"])


@pytest.mark.parametrize("size", [400_000, 4_000_000])
def test_a_run_of_one_letter_exhausts_the_search_budget(tmp_path: Path, size: int) -> None:
    # The input: 1,000 a's and a b against an article of a's (10 s at 400 KB,
    # minutes at 4 MB): no word of the quote is in the article to narrow the search by.
    folder = story(tmp_path, "a" * size + "\n", "a" * 1000 + "b")
    proc = run("check", "--claims", str(folder), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    message = mr401(proc)
    assert "no closest passage: the search budget (20,000,000 character pairs" in message
    assert "ran out" in message


def test_a_typo_in_a_long_article_still_finds_its_passage(tmp_path: Path) -> None:
    # 4 MB: too long to align whole, so the search narrows by the quote's words.
    filler = "\n\n".join(p.read_text(encoding="utf-8")
                         for p in sorted((REPO / "data" / "articles").glob("*.txt")))
    text = "Intro.\n\nThe council signed three agreements on Monday.\n\n"
    text += "\n\n".join([filler] * (4_000_000 // len(filler)))
    folder = story(tmp_path, text[:4_000_000], "The council sgned three agreements")
    proc = run("check", "--claims", str(folder), "--format", "json")
    message = mr401(proc)
    assert "closest passage at line 3" in message, message
    assert "'The council signed three agreements" in message


def grown_sample(tmp_path: Path, copies: int) -> Path:
    """The sample with one article repeated: every figure stated again and again, the
    hardest case for a stub's quote (widened until it anchors at its own place)."""
    folder = tmp_path / "story"
    shutil.copytree(REPO / "data", folder)
    article = folder / "articles" / "huawei-statement.txt"
    base = article.read_text(encoding="utf-8").strip("\n")
    article.write_text("\n\n".join([base] * (copies + 1)) + "\n", encoding="utf-8")
    return folder


STUB = re.compile(r"^  (\d+):\d+  (\S+)", re.M)  # `extract --format text`: line:col value


def test_extract_and_coverage_read_a_megabyte_article(tmp_path: Path) -> None:
    base = (REPO / "data" / "articles" / "huawei-statement.txt").read_text(encoding="utf-8")
    base = base.strip("\n")
    copies = 1_000_000 // len(base)
    folder = grown_sample(tmp_path, copies)
    one = run("extract", "huawei-statement", "--claims", str(REPO / "data"),
              "--format", "text")
    many = run("extract", "huawei-statement", "--claims", str(folder), "--format", "text")
    assert one.returncode == 0 and many.returncode == 0, many.stderr
    # Each copy's figures, at each copy's lines.
    stubs = STUB.findall(one.stdout)
    assert stubs
    step = base.count("\n") + 2
    expected = sorted((int(line) + k * step, value) for k in range(copies + 1)
                      for line, value in stubs)
    assert sorted((int(line), value) for line, value in STUB.findall(many.stdout)) == expected

    coverage = run("coverage", "--claims", str(folder), "--format", "json")
    [grown] = [s for s in json.loads(coverage.stdout)["sources"]
               if s["source"] == "huawei-statement"]
    plain = run("coverage", "--claims", str(REPO / "data"), "--format", "json")
    [original] = [s for s in json.loads(plain.stdout)["sources"]
                  if s["source"] == "huawei-statement"]
    # The claims anchor in the first copy: they curate its figures and no copy's.
    assert grown["curated"] == original["curated"] > 0
    assert grown["quantities"] == original["quantities"] * (copies + 1)
