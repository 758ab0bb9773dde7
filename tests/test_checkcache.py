"""The stored check: `report` after `check` on the same inputs reads the checked corpus from
the cache instead of checking again, and answers byte for byte as a cold run does.

A run that checked is told from one that read the stored check by counting the calls to
check_file; the cache is on, in a folder of the test's own (conftest.py turns it off for
the rest of the suite).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CASES, REPO, TESTS, Run, same
from mou_reconcile.cli import cacheentry, checkcache

Cli = Callable[..., Run]
FORMATS = ["text", "json", "markdown", "html", "sarif", "github"]
CORPORA = [REPO / "data", *sorted((TESTS / "stories").iterdir()),
           *sorted(p for p in CASES.iterdir() if (p / "claims.yaml").is_file())]


def stored(cache: Path) -> Path:
    (entry,) = cache.glob("*.checked")
    return entry


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_report_after_check_reads_the_stored_check_and_answers_as_a_cold_run(
        cli: Cli, cache: Path, checks: list[str], corpus: Path) -> None:
    formats = FORMATS if (corpus / "articles").is_dir() and corpus.parent != CASES else \
        ["text", "json"]
    cold = {f: cli("report", "--claims", str(corpus), "--format", f, "--no-cache")
            for f in formats}
    assert len(checks) == len(formats)
    check = cli("check", "--claims", str(corpus), "--format", "json")
    if check.exit_code == 2:  # unreadable: nothing is checked, nothing stored
        assert not list(cache.glob("*.checked"))
        return
    stored(cache)
    for f in formats:
        same(cold[f], cli("report", "--claims", str(corpus), "--format", f))
    assert len(checks) == len(formats) + 1  # `check` alone checked


def test_check_after_report_reads_it_too(cli: Cli, cache: Path, checks: list[str],
                                         story: Path) -> None:
    cold = cli("check", "--claims", str(story), "--format", "json", "--no-cache")
    cli("report", "--claims", str(story), "--format", "json")
    same(cold, cli("check", "--claims", str(story), "--format", "json"))
    assert len(checks) == 2


def test_a_changed_article_is_a_miss(cli: Cli, cache: Path, checks: list[str],
                                     story: Path) -> None:
    cli("check", "--claims", str(story))
    article = story / "articles" / "huawei-statement.txt"
    article.write_text(article.read_text().replace("Huawei", "Huawai", 1))
    warm = cli("report", "--claims", str(story), "--format", "json")
    assert len(checks) == 2  # checked again
    same(cli("report", "--claims", str(story), "--format", "json", "--no-cache"), warm)
    assert warm.stdout != ""
    # the entry was replaced by the new check's: the next report reads it
    cli("report", "--claims", str(story), "--format", "text")
    assert len(checks) == 3


def test_a_changed_claims_file_or_limit_is_a_miss(cli: Cli, cache: Path, checks: list[str],
                                                  story: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cli("check", "--claims", str(story))
    monkeypatch.setenv("MOU_RECONCILE_MAX_QUOTE_CHARS", "100")
    limited = cli("report", "--claims", str(story), "--format", "json")
    assert len(checks) == 2
    same(cli("report", "--claims", str(story), "--format", "json", "--no-cache"), limited)
    monkeypatch.delenv("MOU_RECONCILE_MAX_QUOTE_CHARS")
    claims = story / "claims.yaml"
    claims.write_text(claims.read_text() + "\n# edited\n")
    cli("report", "--claims", str(story), "--format", "json")
    assert len(checks) == 4


def test_the_stored_check_is_sealed_json(cli: Cli, cache: Path, story: Path) -> None:
    summary = cli("check", "--claims", str(story), "--format", "json").json()["summary"]
    data = stored(cache).read_bytes()
    assert data.startswith(checkcache.MAGIC)
    assert cacheentry.sealed(data, checkcache.MAGIC)
    header_end = data.index(b"\n", len(checkcache.MAGIC))
    header = json.loads(data[len(checkcache.MAGIC):header_end])
    payload = json.loads(data[header_end + 1:-cacheentry.DIGEST_CHARS])
    assert header["size"] == len(data) - header_end - 1 - cacheentry.DIGEST_CHARS
    assert len(payload["claims"]) == summary["claims"]
    assert len(payload["articles"]) == len(payload["sources"]) == summary["sources"]
    assert any(state[0] == "file" for _, state in header["articles"])


def _reseal(data: bytes) -> bytes:
    body = data[:-cacheentry.DIGEST_CHARS]
    return body + cacheentry.digest(body).encode("ascii")


def _payload_swap(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    """Edit the payload and seal it again: a foreign entry that passes the digest."""
    def edit(data: bytes) -> bytes:
        assert old in data
        body = data[:-cacheentry.DIGEST_CHARS].replace(old, new, 1)
        header_end = body.index(b"\n", len(checkcache.MAGIC))
        header = json.loads(body[len(checkcache.MAGIC):header_end])
        header["size"] = len(body) - header_end - 1
        body = checkcache.MAGIC + json.dumps(header).encode() + body[header_end:]
        return _reseal(body + b"0" * cacheentry.DIGEST_CHARS)
    return edit


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncate": lambda d: d[:len(d) // 2],
    "flip-payload": lambda d: d[:-100] + bytes([d[-100] ^ 1]) + d[-99:],
    "empty": lambda d: b"",
    "garbage": lambda d: b"\x80\x04\x95 not json at all",
    "pickle": lambda d: checkcache.MAGIC + b"\x80\x04\x95\x00cos\nsystem\n",
    "other-version": lambda d: _reseal(d.replace(checkcache.MAGIC, b"mou-reconcile checked "
                                                 b"2.0\n", 1)),
    "unknown-code": _payload_swap(b'"MR', b'"XX'),
    "wrong-shape": _payload_swap(b'"claims":[[', b'"claims":[["x"],['),
    "wrong-type": _payload_swap(b'"left_out":0', b'"left_out":"zero"'),
    "invalid-model": _payload_swap(b'"id":"', b'"id":"NOT AN ID '),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_or_foreign_stored_check_is_a_miss(cli: Cli, cache: Path, checks: list[str],
                                                     tmp_path: Path, damage: str) -> None:
    story = tmp_path / "bad"  # a problem, an entity with aliases, a claim not found
    shutil.copytree(CASES / "quote-not-found", story)
    cold = cli("report", "--claims", str(story), "--format", "json", "--no-cache")
    cli("check", "--claims", str(story))
    entry = stored(cache)
    entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    same(cold, cli("report", "--claims", str(story), "--format", "json"))
    assert len(checks) == 3  # checked again, and stored again
    assert cacheentry.sealed(stored(cache).read_bytes(), checkcache.MAGIC)


def test_no_cache_neither_reads_nor_stores_the_check(cli: Cli, cache: Path, checks: list[str],
                                                     story: Path) -> None:
    cli("check", "--claims", str(story), "--no-cache")
    assert not cache.exists() or not list(cache.glob("*.checked"))
    cli("check", "--claims", str(story))
    cli("report", "--claims", str(story), "--no-cache")
    assert len(checks) == 3


@pytest.mark.parametrize("args", [
    ["explain", "pk-cn-it-mous-2025.agreement_count"],
    ["diff", "pm-beijing", "jwg-dec22", "--quotes"],
    ["sources", "--format", "json"],
    ["matrix", "--disputed"],
    ["timeline"],
], ids=lambda a: a[0])
def test_the_views_read_the_stored_check_too(cli: Cli, cache: Path, checks: list[str],
                                              story: Path, args: list[str]) -> None:
    cold = cli(*args, "--claims", str(story), "--no-cache")
    cli("check", "--claims", str(story))
    same(cold, cli(*args, "--claims", str(story)))
    assert len(checks) == 2


def test_a_view_notes_the_first_error_from_the_stored_check(
        cli: Cli, cache: Path, checks: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(CASES / "unknown-reference", folder)
    cold = cli("sources", "--claims", str(folder), "--no-cache")
    assert "run `mou-reconcile check`" in cold.stderr
    assert cli("check", "--claims", str(folder)).exit_code == 1
    same(cold, cli("sources", "--claims", str(folder)))
    assert len(checks) == 2


def test_the_sample_corpus_is_checked_once_across_formats(
        cli: Cli, cache: Path, checks: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no claims file here: `report` uses the shipped sample
    cold = cli("report", "--format", "text", "--no-cache")
    assert "sample corpus" in cold.stderr
    cli("report", "--format", "json")
    same(cold, cli("report", "--format", "text"))
    assert len(checks) == 2


def test_output_file_from_the_stored_check(cli: Cli, cache: Path, checks: list[str],
                                           story: Path, tmp_path: Path) -> None:
    cold, warm = tmp_path / "cold.html", tmp_path / "warm.html"
    cli("report", "--claims", str(story), "--format", "html", "--output", str(cold),
        "--no-cache")
    cli("check", "--claims", str(story))
    cli("report", "--claims", str(story), "--format", "html", "--output", str(warm))
    assert warm.read_bytes() == cold.read_bytes()
    assert len(checks) == 2
