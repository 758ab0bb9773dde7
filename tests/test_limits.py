"""Safety limits (corpus/limits.py): each fails fast with MR110 at the right place, each can be
raised or lowered by its environment variable, and a malformed override is one clear line
and exit 2. Also what the limits guard against: endless files, FIFOs, slow quote search."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import CASES, REPO
from mou_reconcile.corpus import limits
from mou_reconcile.problems import Problem
from mou_reconcile.text.article import Article
from mou_reconcile.text.quotes import find_quote

FERRY = CASES / "ferry-fire"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    shutil.copytree(FERRY, tmp_path / "story")
    return tmp_path / "story"


def problems(run) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(p["code"], p["line"], p["col"]) for p in run.json()["problems"]]


def position(text: str, needle: str) -> tuple[int, int]:
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def test_defaults_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [limit.env for limit in limits.LIMITS] == [
        "MOU_RECONCILE_MAX_CLAIMS_BYTES", "MOU_RECONCILE_MAX_ARTICLE_BYTES",
        "MOU_RECONCILE_MAX_DEPTH", "MOU_RECONCILE_MAX_QUOTE_CHARS",
        "MOU_RECONCILE_MAX_PAGE_BYTES"]
    for limit in limits.LIMITS:
        monkeypatch.delenv(limit.env, raising=False)
        assert limits.value(limit) == limit.default
        monkeypatch.setenv(limit.env, " 1_000 ")
        assert limits.value(limit) == 1000


@pytest.mark.parametrize("bad", ["abc", "0", "-5", "1e3", "12.5", "9" * 5000, "2147483648"])
def test_a_malformed_override_is_one_line_and_exit_2(cli, monkeypatch: pytest.MonkeyPatch,
                                                     bad: str) -> None:
    monkeypatch.setenv("MOU_RECONCILE_MAX_DEPTH", bad)
    run = cli("check", "--claims", str(FERRY), "--format", "json")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "$MOU_RECONCILE_MAX_DEPTH" in run.stderr
    assert "not a whole number from 1 to 2147483647" in run.stderr


def test_quote_length(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FERRY / "claims.yaml").read_text()
    monkeypatch.setenv("MOU_RECONCILE_MAX_QUOTE_CHARS", "30")
    run = cli("check", "--claims", str(FERRY), "--format", "json")
    long_quotes = [position(text, f'"{q}"') for q in (
        "The Coast Guard and the Northgate Fire Brigade reached the vessel",
        "Rescuers from the Coast Guard reached the ferry",
        "has suspended all Bayline crossings ... pending an inspection",
        "At least 12 passengers were injured",
        "Crossings resumed the next morning.",
        "NORTHGATE, March 14 (Coastal Wire)")]
    assert sorted(problems(run)) == sorted(("MR110", *p) for p in long_quotes)
    assert run.exit_code == 1
    monkeypatch.setenv("MOU_RECONCILE_MAX_QUOTE_CHARS", "2000")
    assert problems(cli("check", "--claims", str(FERRY), "--format", "json")) == []


def test_article_size(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FERRY / "claims.yaml").read_text()
    size = (FERRY / "articles" / "evening-post.txt").stat().st_size
    monkeypatch.setenv("MOU_RECONCILE_MAX_ARTICLE_BYTES", str(size))
    run = cli("check", "--claims", str(FERRY), "--format", "json")
    bigger = [f for f in ("harbour-authority.txt", "coastal-wire.txt")
              if (FERRY / "articles" / f).stat().st_size > size]
    assert bigger  # else this test proves nothing
    assert [p for p in problems(run) if p[0] == "MR110"] == [
        ("MR110", *position(text, f"articles/{f}")) for f in bigger]


def test_nesting_depth(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # document > sources > a source > derived_from: four levels
    text = (FERRY / "claims.yaml").read_text()
    monkeypatch.setenv("MOU_RECONCILE_MAX_DEPTH", "3")
    run = cli("check", "--claims", str(FERRY), "--format", "json")
    assert [p for p in problems(run) if p[0] == "MR110"] == [  # sources > source > its list
        ("MR110", *position(text, lists)) for lists in ("[wire]", "[Lantern]", "[Bay Line")]
    monkeypatch.setenv("MOU_RECONCILE_MAX_DEPTH", "4")
    assert problems(cli("check", "--claims", str(FERRY), "--format", "json")) == []


def test_claims_file_size_is_exit_2(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOU_RECONCILE_MAX_CLAIMS_BYTES", "100")
    run = cli("check", "--claims", str(FERRY))
    assert run.exit_code == 2
    assert ("ferry-fire/claims.yaml:1:1: MR110 error: the claims file is larger than the"
            " limit of 100 bytes") in run.stderr
    assert "MOU_RECONCILE_MAX_CLAIMS_BYTES" in run.stderr


def test_a_claims_file_that_never_ends_fails_fast(cli, tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").symlink_to("/dev/zero")
    start = time.perf_counter()
    run = cli("check", "--claims", str(tmp_path / "claims.yaml"))
    assert run.exit_code == 2 and "MR110" in run.stderr
    assert time.perf_counter() - start < 10


def test_an_article_that_is_a_fifo_is_refused_not_waited_for(cli, story: Path) -> None:
    target = story / "articles" / "coastal-wire.txt"
    target.unlink()
    os.mkfifo(target)
    text = (story / "claims.yaml").read_text()
    run = cli("check", "--claims", str(story), "--format", "json")
    assert ("MR304", *position(text, "articles/coastal-wire.txt")) in problems(run)


def test_deep_nesting_beyond_four_times_the_limit_stops_reading() -> None:
    from mou_reconcile.corpus.yamlio import load_yaml

    start = time.perf_counter()
    doc, found = load_yaml("a: " + "[" * 1_000_000, "f.yaml")
    assert doc is None and [p.code for p in found] == ["MR110"]
    assert time.perf_counter() - start < 5


# -- what the limits do not need to guard: linear quote search, one-line messages ----------

def test_an_elided_quote_is_tried_once_per_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression: the rest of an elided quote was sought from every start of its first part
    # to the end of the paragraph: "a ... b" in a 4 MB paragraph of "a a a ..." took hours.
    from mou_reconcile.text import quotes

    article = Article("a", Path("a.txt"), "a.txt", "a " * 5000 + "\n\nb a\n\n" + "a " * 5000)
    tried: list[int] = []
    real = quotes._rest_in_order

    def spy(*args):  # type: ignore[no-untyped-def]
        tried.append(args[2])
        return real(*args)

    monkeypatch.setattr(quotes, "_rest_in_order", spy)
    assert find_quote(article, "a ... b") is None
    assert len(tried) == 3  # the first start in each paragraph
    anchor = find_quote(article, "b ... a")
    assert anchor is not None and anchor.line == 3


def test_a_huge_alias_is_not_indexed_for_hints(cli, story: Path) -> None:
    # Regression: every prefix of every spelling was indexed (quadratic): an alias of
    # 100,000 letters kept `check` busy for minutes.
    claims = story / "claims.yaml"
    claims.write_text(claims.read_text().replace("aliases: [Lantern]",
                                                 f"aliases: [Lantern, {'xy' * 20_000}]"))
    (story / "articles" / "evening-post.txt").write_text("xy " * 20_000 + "\n")
    start = time.perf_counter()
    run = cli("check", "--claims", str(story), "--format", "json")
    assert run.exit_code == 1  # the post's quotes are gone
    assert time.perf_counter() - start < 5


def test_problem_messages_are_one_printable_line() -> None:
    from mou_reconcile import problems as P

    p = Problem.of(P.SOURCE_MISSING, "c\nlaims.yaml", 3, 4, "source 'a': x\x1b[2J\ny\u2028z"
                   " \u202eevil does not exist", "tab\there")
    assert p.path == "c\\nlaims.yaml"
    assert p.message == "source 'a': x\\x1b[2J\\ny\\u2028z \\u202eevil does not exist"
    assert p.hint == "tab\\there"
    assert Problem.of(P.SOURCE_MISSING, "é.yaml", 1, 1, "ünïcödé ✓ «ok»").message == (
        "ünïcödé ✓ «ok»")


def test_limits_are_documented() -> None:
    docs = (REPO / "docs" / "claims-format.md").read_text() + (REPO / "README.md").read_text()
    for limit in limits.LIMITS:
        assert limit.env in docs, f"{limit.env} is not in the docs"


@pytest.mark.parametrize("args", [["check"], ["report"], ["diff", "a", "b"], ["sources"],
                                  ["matrix"], ["timeline"], ["coverage"]])
def test_json_output_is_strict_json(cli, args: list[str]) -> None:
    # Regression: `.nan` in a context came out as NaN, which JSON parsers refuse.
    import json

    def refuse(name: str) -> None:
        raise ValueError(name)

    run = cli(*args, "--claims", str(CASES / "huge-number"), "--format", "json")
    assert run.exit_code in (0, 1, 2)
    if run.exit_code != 2:
        json.loads(run.stdout, parse_constant=refuse)


@pytest.mark.parametrize("claims", ["~nosuchuser/claims.yaml", "loop.yaml",
                                    "file.yaml/claims.yaml"])
def test_claims_paths_that_lead_nowhere_are_exit_2(cli, tmp_path: Path, claims: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop.yaml").symlink_to("loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to("loop.yaml")
    (tmp_path / "file.yaml").write_text("version: 1\n")
    run = cli("check", "--claims", claims)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"{claims}:1:1: MR100 error: ")


def test_extract_folds_each_spelling_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression: every spelling was folded again for every sentence of the article, so a
    # long name in a long article cost minutes (coverage, extract).
    from mou_reconcile.corpus.models import Entity
    from mou_reconcile.views import extract

    name = "Northgate Harbour Fire Brigade " + "x" * 1000
    folded: list[str] = []
    real = extract.fold_text
    monkeypatch.setattr(extract, "fold_text", lambda text: folded.append(text) or real(text))
    entity = Entity(id="brigade", name=name)
    for n in range(50):
        assert extract.entities_in(f"Sentence {n} names the {name}.", [entity]) == (
            ("brigade", name),)
    assert folded.count(name) <= 1


@pytest.mark.parametrize("args", [["report", "-f", "json"], ["diff", "a", "b", "-f", "json"],
                                  ["sources", "-f", "json"], ["matrix", "-f", "json"],
                                  ["explain", "fund.share"], ["timeline", "fund.share"]])
def test_figures_far_apart_are_a_discrepancy_not_a_crash(cli, args: list[str]) -> None:
    # Regression: asking whether 12,345,678,901,234,567 rounds 0.001 (or the other way)
    # raised decimal.InvalidOperation (p / place beyond Decimal's 28 digits).
    run = cli(*args, "--claims", str(CASES / "far-apart-figures"))
    assert run.exit_code in (0, 1), run.stderr
    if args[0] == "report":
        found = run.json()["discrepancies"]
        assert [(d["fact"], d["kinds"]) for d in found] == [("fund.share",
                                                            ["conflict", "magnitude"])]


@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 5000])
def test_read_head_of_a_regular_file(tmp_path: Path, size: int) -> None:
    # Regular files are read with plain reads: the whole file up to limit + 1 bytes.
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert limits.read_head(path, 10) == path.read_bytes()[:11]


def test_read_head_goes_on_past_a_size_that_grew(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The size fstat gives may be stale (the file is being written): reading goes on.
    path = tmp_path / "a.txt"
    path.write_bytes(b"y" * 50)
    real_fstat = os.fstat

    def stale(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 5, *info[7:]))  # st_size 5

    monkeypatch.setattr(limits.os, "fstat", stale)
    assert limits.read_head(path, 20) == b"y" * 21
    assert limits.read_head(path, 100) == b"y" * 50


def test_read_head_of_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        limits.read_head(tmp_path, 10)
