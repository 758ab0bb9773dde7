"""Checking a new story: `init`, then `add` saved web pages, URLs and text files, then
`check` passes; the claims file keeps what the curator wrote; bad input changes nothing.

Pages are served from files and from an HTTP server on 127.0.0.1 (a thread, an ephemeral
port, shut down after each test): nothing leaves the machine.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO

PAGES = {
    "coastal-post.html": ("Coastal Post", "Eleven hurt as fire hits harbour ferry",
                          "2026-03-14T18:05:00+00:00", [
        "NORTHGATE, March 14 - Eleven people were hurt when fire swept through the Lantern, a "
        "ferry run by Bay Line, on Saturday. The vessel was carrying some 250 passengers.",
        "Rescuers from the Coast Guard reached the ferry quickly, the operator said. All "
        "passengers were brought ashore at Northgate Pier within two hours.",
        "Bay Line said crossings would resume the next morning after an inspection of its "
        "other vessels. The cause of the fire was not yet known."]),
    "harbour-news.html": ("Harbour News", "Ferry fire: at least 12 injured, says authority",
                          "2026-03-15T08:30:00+00:00", [
        "At least 12 passengers were injured when a fire broke out in the engine room of the "
        "MV Lantern shortly after it left Northgate Pier, the Harbour Authority said.",
        "The Lantern, operated by Bayline Ferries, was carrying 230 passengers and a crew of "
        "nine. The authority has suspended all Bayline crossings pending an inspection."]),
    "evening-star.html": ("Evening Star", "Crossings suspended after Lantern blaze",
                          "2026-03-16T20:00:00+00:00", [
        "Bayline Ferries crossings remained suspended on Monday, two days after a fire on the "
        "Lantern injured a dozen people, according to the Harbour Authority.",
        "Passengers queued at Northgate Pier for replacement buses, and the operator said it "
        "expected the inspection to take the rest of the week."]),
}
BOILERPLATE = ["Home", "Subscribe to our newsletter", "All rights reserved", "hope everyone",
               "analytics"]
COMMENT = "# Curator's note: the ferry-fire story, started on 17 March 2026."


def page_html(site: str, title: str, published: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<script>window.analytics = {{"id": "UA-12345"}};</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe to our newsletter</a>
</li></ul></nav></header>
<main><article><h1>{title}</h1>
<p class="byline">By Staff Reporter</p>
{body}</article>
<section id="comments"><h2>Comments</h2>
<div class="comment"><p>Terrible news, hope everyone is ok. My cousin takes that ferry.</p>
</div><div class="comment"><p>This operator has a long record of delays and breakdowns.</p>
</div></section></main>
<footer><p>© 2026 {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def write_pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, parts in PAGES.items():
        (folder / name).write_text(page_html(*parts), encoding="utf-8")
        out.append(folder / name)
    return out


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving tmp_path/site: (its base URL, the folder)."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.timeout = 5
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", site
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def new_story(cli, folder: Path) -> Path:
    run = cli("init", str(folder))
    assert run.exit_code == 0, run.stderr
    claims = folder / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("version: 1\n", f"{COMMENT}\nversion: 1\n"),
                      encoding="utf-8")
    return claims


def assert_story_checks(cli, claims: Path, ids: list[str]) -> None:
    check = cli("check", "--claims", str(claims), "--format", "json")
    assert check.exit_code == 0, check.stdout + check.stderr
    assert check.json()["problems"] == []
    text = claims.read_text(encoding="utf-8")
    assert COMMENT in text and text.startswith("# yaml-language-server: $schema=")
    for sid in ids:
        article = (claims.parent / "articles" / f"{sid}.txt").read_text(encoding="utf-8")
        assert not [b for b in BOILERPLATE if b in article], (sid, article)


# --- init ---------------------------------------------------------------------------------


def test_init_writes_a_story_that_checks(cli, tmp_path: Path) -> None:
    story = tmp_path / "stories" / "ferry-fire"
    run = cli("init", str(story))
    assert run.exit_code == 0, run.stderr
    assert (story / "articles").is_dir()
    text = (story / "claims.yaml").read_text(encoding="utf-8")
    for section in ("sources: []", "entities: []", "properties: []", "claims: []"):
        assert f"\n{section}\n" in text
    assert "\nversion: 1\n" in text
    modeline = text.splitlines()[0]
    schema = modeline.split("$schema=", 1)[1]
    assert (story / schema).resolve().is_file(), modeline  # relative to the claims file
    assert (story / schema).resolve().read_text(encoding="utf-8") == (
        REPO / "docs" / "claims.schema.json").read_text(encoding="utf-8")
    check = cli("check", "--claims", str(story))
    assert check.exit_code == 0 and "no problems" in " ".join(check.stdout.split()), \
        check.stdout


def test_init_never_overwrites_a_claims_file(cli, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.yaml").write_text("version: 1\n# mine\n", encoding="utf-8")
    run = cli("init")
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "already exists" in run.stderr
    assert (tmp_path / "claims.yaml").read_text(encoding="utf-8") == "version: 1\n# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]


def test_init_takes_another_schema_reference(cli, tmp_path: Path) -> None:
    run = cli("init", str(tmp_path / "s"), "--schema", "https://example.org/claims.json")
    assert run.exit_code == 0
    first = (tmp_path / "s" / "claims.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://example.org/claims.json"


# --- add: files and URLs ------------------------------------------------------------------


def test_init_then_add_three_saved_pages(cli, tmp_path: Path) -> None:
    claims = new_story(cli, tmp_path / "story")
    pages = write_pages(tmp_path / "saved")
    run = cli("add", *map(str, pages), "--claims", str(claims.parent))
    assert run.exit_code == 0, run.stderr
    ids = ["coastal-post", "harbour-news", "evening-star"]
    # A line per page (a long one continues on indented lines: the terminal's width).
    starts = [line for line in run.stdout.splitlines() if not line.startswith(" ")]
    assert [line.split(":")[0] for line in starts[:3]] == [f"added {sid}" for sid in ids]
    assert_story_checks(cli, claims, ids)
    from mou_reconcile.corpus.load import load_corpus

    corpus = load_corpus(claims)
    post = corpus.source("coastal-post")
    assert (post.title, post.outlet, post.published, post.file) == (
        "Eleven hurt as fire hits harbour ferry", "Coastal Post", "2026-03-14",
        "articles/coastal-post.txt")
    text = corpus.articles["coastal-post"].text
    assert text.startswith("Eleven hurt as fire hits harbour ferry\n\nNORTHGATE, March 14")
    assert "some 250 passengers" in text


def test_init_then_add_three_pages_by_url(cli, tmp_path: Path, server) -> None:
    base, site = server
    write_pages(site)
    claims = new_story(cli, tmp_path / "story")
    urls = [f"{base}/{name}" for name in PAGES]
    run = cli("add", *urls, "--claims", str(claims))
    assert run.exit_code == 0, run.stderr
    ids = ["coastal-post", "harbour-news", "evening-star"]
    assert_story_checks(cli, claims, ids)
    from mou_reconcile.corpus.load import load_corpus

    corpus = load_corpus(claims)
    assert [corpus.source(s).url for s in ids] == urls
    assert corpus.source("harbour-news").published == "2026-03-15"
    before = claims.read_bytes()
    again = cli("add", urls[1], "--claims", str(claims))
    assert again.exit_code == 0 and "already in the story as source harbour-news" in \
        again.stdout, again.stdout
    # the same text from a file is recognised too
    saved = write_pages(tmp_path / "saved")
    same = cli("add", str(saved[0]), "--claims", str(claims))
    assert same.exit_code == 0 and "(the same text)" in same.stdout
    assert claims.read_bytes() == before
    assert sorted(p.name for p in (claims.parent / "articles").iterdir()) == sorted(
        f"{s}.txt" for s in ids)


def test_pages_of_one_outlet_get_distinct_ids(cli, tmp_path: Path) -> None:
    claims = new_story(cli, tmp_path / "story")
    one = tmp_path / "one.html"
    two = tmp_path / "two.html"
    one.write_text(page_html(*PAGES["coastal-post.html"]), encoding="utf-8")
    _, _, date, paragraphs = PAGES["evening-star.html"]
    two.write_text(page_html("Coastal Post", "Lantern crossings stay suspended", date,
                             paragraphs), encoding="utf-8")
    run = cli("add", str(one), str(two), "--claims", str(claims))
    assert run.exit_code == 0, run.stderr
    assert "added coastal-post:" in run.stdout
    assert "added coastal-post-lantern-crossings-stay-suspended:" in run.stdout
    assert_story_checks(cli, claims, ["coastal-post", "coastal-post-lantern-crossings-stay-"
                                      "suspended"])


def test_a_text_file_is_copied_with_its_first_line_as_title(cli, tmp_path: Path) -> None:
    claims = new_story(cli, tmp_path / "story")
    note = tmp_path / "statement.txt"
    data = (b"Harbour Authority statement on the Lantern ferry fire\n\n"
            b"At least 12 passengers were injured, none critically.\n")
    note.write_bytes(data)
    run = cli("add", str(note), "--claims", str(claims))
    assert run.exit_code == 0, run.stderr
    sid = "harbour-authority-statement-lantern"  # five words, 40 characters at most
    assert f"added {sid}:" in run.stdout
    assert (claims.parent / "articles" / f"{sid}.txt").read_bytes() == data
    assert_story_checks(cli, claims, [sid])


def test_add_keeps_every_line_of_a_curated_file(cli, tmp_path: Path) -> None:
    import shutil

    story = tmp_path / "sample"
    shutil.copytree(REPO / "data", story)
    claims = story / "claims.yaml"
    before = claims.read_text(encoding="utf-8")
    problems = cli("check", "--claims", str(claims), "--format", "json").json()["problems"]
    pages = write_pages(tmp_path / "saved")
    run = cli("add", str(pages[0]), "--claims", str(claims))
    assert run.exit_code == 0, run.stderr
    after = claims.read_text(encoding="utf-8")
    old, new = before.splitlines(), after.splitlines()
    inserted = [line for line in new if line not in old]
    assert len(new) == len(old) + len(inserted) and [x for x in new if x in old] == old
    assert inserted[0] == "  - id: coastal-post"
    # inserted right after the last source, before the blank line and `entities:`
    at = new.index(inserted[0])
    assert new[at - 1].lstrip().startswith("published:") and new[at + len(inserted)] == ""
    check = cli("check", "--claims", str(claims), "--format", "json").json()
    assert check["problems"] == problems
    assert check["summary"]["sources"] == 6


def test_add_keeps_crlf_a_bom_and_an_empty_list_comment(cli, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_bytes(b"\xef\xbb\xbfversion: 1\r\nsources: []   # none yet\r\nclaims: []\r\n")
    pages = write_pages(tmp_path / "saved")
    run = cli("add", str(pages[1]), "--claims", str(claims))
    assert run.exit_code == 0, run.stderr
    data = claims.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfversion: 1\r\nsources:  # none yet\r\n  - id: harbour-")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert cli("check", "--claims", str(claims)).exit_code == 0


def test_add_finds_the_claims_file_init_wrote_in_the_working_folder(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    page = write_pages(tmp_path / "saved")[2]
    run = cli("add", str(page))
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "articles" / "evening-star.txt").is_file()


# --- broken input: one line, exit 2, nothing changed --------------------------------------


def broken_pages(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    empty = folder / "menu-only.html"
    empty.write_text("<!DOCTYPE html><html><head><title>Menu</title></head><body><nav>"
                     "<a href='/'>Home</a> <a href='/news'>News</a></nav><footer>© 2026"
                     "</footer></body></html>", encoding="utf-8")
    binary = folder / "photo.html"
    binary.write_bytes(bytes(range(256)) * 40)
    pdf = folder / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    big = folder / "big.html"
    big.write_bytes(b"<html><body><p>" + b"word " * (5 * 1024 * 1024 // 5) + b"</p></body>")
    return {"menu-only": empty, "binary": binary, "pdf": pdf, "too-large": big,
            "missing": folder / "no-such-page.html", "folder": folder}


EXPECTED = {"menu-only": "no article text", "binary": "binary data", "pdf": "a PDF",
            "too-large": "larger than the limit of 5,242,880 bytes",
            "missing": "no such file", "folder": "is a folder"}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_page_that_cannot_be_added_changes_nothing(cli, tmp_path: Path, case: str) -> None:
    claims = new_story(cli, tmp_path / "story")
    good = write_pages(tmp_path / "saved")[0]
    before = claims.read_bytes()
    page = broken_pages(tmp_path / "broken")[case]
    run = cli("add", str(good), str(page), "--claims", str(claims))
    assert run.exit_code == 2 and run.stdout == "", run.stdout
    assert run.stderr.count("\n") == 1 and EXPECTED[case] in run.stderr, run.stderr
    assert str(page) in run.stderr and "nothing added" in run.stderr
    assert claims.read_bytes() == before
    assert list((claims.parent / "articles").iterdir()) == []


def test_a_url_that_cannot_be_fetched_changes_nothing(cli, tmp_path: Path, server,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    base, site = server
    write_pages(site)
    (site / "big.html").write_bytes(b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>")
    (site / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with socket.socket() as probe:  # a port nothing listens on: bound, then closed
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    claims = new_story(cli, tmp_path / "story")
    before = claims.read_bytes()
    monkeypatch.setenv("MOU_RECONCILE_MAX_PAGE_BYTES", "4000")
    cases = {f"http://127.0.0.1:{closed}/news/1": "the connection was refused",
             f"{base}/no-such-page.html": "HTTP 404",
             f"{base}/big.html": "larger than the limit of 4,000 bytes",
             f"{base}/image.png": "a PNG image",
             "ftp://127.0.0.1/page.html": "only http:// and https://"}
    for url, expected in cases.items():
        run = cli("add", f"{base}/coastal-post.html", url, "--claims", str(claims))
        assert run.exit_code == 2 and run.stdout == "", (url, run.stdout)
        assert run.stderr.count("\n") == 1 and expected in run.stderr, (url, run.stderr)
        assert claims.read_bytes() == before
    assert list((claims.parent / "articles").iterdir()) == []


def test_a_claims_file_with_a_yaml_error_is_left_as_it_is(cli, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_bytes(b"version: 1\n# mine\nsources:\n  - id: a\n    file: [unclosed\n"
                       b"claims: []\n")
    before = claims.read_bytes()
    page = write_pages(tmp_path / "saved")[0]
    run = cli("add", str(page), "--claims", str(claims))
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1, run.stderr
    assert "claims.yaml:" in run.stderr and "MR101" in run.stderr
    assert "add changes nothing" in run.stderr
    assert claims.read_bytes() == before
    assert not (tmp_path / "articles").exists()


@pytest.mark.parametrize("text", ["version: 1\nsources: [{id: a, file: a.txt}]\nclaims: []\n",
                                  "{version: 1, sources: [], claims: []}\n",
                                  "- version\n- 1\n"])
def test_a_layout_add_cannot_edit_safely_is_refused(cli, tmp_path: Path, text: str) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(text, encoding="utf-8")
    page = write_pages(tmp_path / "saved")[0]
    run = cli("add", str(page), "--claims", str(claims))
    assert run.exit_code == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "nothing changed" in run.stderr
    assert claims.read_text(encoding="utf-8") == text
    assert not (tmp_path / "articles" / "coastal-post.txt").exists()


# --- the editing itself ---------------------------------------------------------------------


def test_entries_go_in_the_lists_own_indentation() -> None:
    from mou_reconcile.corpus.storyfile import NewSource, with_sources

    text = "version: 1\nsources:\n- id: a\n  file: a.txt\n# the claims\nclaims: []\n"
    new = with_sources(text, [NewSource("b", "articles/b.txt", title='Say "no": 1')])
    assert new == ("version: 1\nsources:\n- id: a\n  file: a.txt\n- id: b\n"
                   "  file: articles/b.txt\n  title: \"Say \\\"no\\\": 1\"\n"
                   "# the claims\nclaims: []\n")
    missing = with_sources("version: 1\nclaims: []", [NewSource("b", "b.txt")])
    assert missing == "version: 1\nclaims: []\n\nsources:\n  - id: b\n    file: b.txt\n"


@pytest.mark.parametrize("title", ["a\u2028b", "tab\there", "x\x85y", "emoji 🚢", "# not a comment",
                                   "null", "'single'", "back\\slash"])
def test_any_title_reads_back_as_written(title: str) -> None:
    from mou_reconcile.corpus.storyfile import NewSource, with_sources
    from mou_reconcile.corpus.yamlio import load_yaml

    new = with_sources("version: 1\nsources: []\nclaims: []\n",
                       [NewSource("2024", "articles/2024.txt", title=title, outlet=title)])
    doc, problems = load_yaml(new, "c")
    assert problems == [] and doc is not None
    assert doc.data["sources"] == [{"id": "2024", "file": "articles/2024.txt",
                                    "title": title, "outlet": title}]


# --- suggest: from three saved pages of a real story to a checked claims file ---------------
# The pages are the Herat earthquake articles of tests/stories (verbatim text of the stored
# copies, SOURCES.md gives their URLs), wrapped in the HTML a news site serves: menus,
# metadata, comments. Everything runs through the installed console script.

HERAT = REPO / "tests" / "stories" / "herat-earthquake-2023" / "articles"
REAL_PAGES = {  # file name: (site, title, published, article)
    "the-national.html": ("The National", "Herat earthquakes killed more than 2,000 people, "
                          "Afghan Taliban say", "2023-10-08T09:12:00+04:00", "the-national"),
    "newser.html": ("Newser", "In the Very First Shake, All the Houses Collapsed",
                    "2023-10-08T14:40:00-05:00", "newser"),
    "pajhwok.html": ("Pajhwok Afghan News", "Death Toll From Herat Quakes Surges Past 2,000",
                     "2023-10-08T11:00:00+04:30", "pajhwok"),
}
SCRIPT = Path(sys.executable).parent / "mou-reconcile"
# What the curator writes by hand for the first article: the story's entity, three
# properties and the first source's claims. The other two articles' claims come from suggest.
FIRST_CLAIMS = """
entities:
  - id: herat-quake
    name: Herat earthquake
    aliases: [Herat earthquakes, Herat quakes]
    kind: event

properties:
  - id: deaths
    type: count
    unit: people
  - id: injured
    type: count
    unit: people
  - id: houses
    type: count
    unit: houses

claims:
  - source: the-national
    subject: herat-quake
    property: deaths
    value: 2000
    bound: at_least
    quote: "have killed more than 2,000 people"
  - source: the-national
    subject: herat-quake
    property: injured
    value: 9000
    bound: at_least
    quote: "injured more than 9,000"
  - source: the-national
    subject: herat-quake
    property: houses
    value: 1329
    quote: "1,329 houses damaged or destroyed"
"""


def script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it (no CI variables: none apply)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "GITHUB_ACTIONS", "TF_BUILD", "MOU_RECONCILE_CLAIMS")}
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def write_real_pages(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (site, title, published, article) in REAL_PAGES.items():
        text = (HERAT / f"{article}.txt").read_text(encoding="utf-8")
        paragraphs = [html.escape(p.strip()) for p in text.split("\n\n") if p.strip()]
        (folder / name).write_text(page_html(site, html.escape(title), published, paragraphs),
                                   encoding="utf-8")
        out[article] = folder / name
    return out


def suggested(claims: Path, source: str) -> list[tuple[str, object, str | None]]:
    from mou_reconcile.corpus.yamlio import load_yaml

    doc, _ = load_yaml(claims.read_text(encoding="utf-8"), "claims")
    assert doc is not None
    return [(c["property"], c["value"], c.get("bound")) for c in doc.data["claims"]
            if c["source"] == source and "suggest" in c.get("note", "")]


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed")
def test_three_real_pages_to_a_checked_claims_file(tmp_path: Path, server) -> None:
    base, site = server
    pages = write_real_pages(site)
    story = tmp_path / "herat"
    run = script("init", "herat", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    # one page by URL, two from saved files; then everything from inside the story folder
    run = script("add", f"{base}/the-national.html", str(pages["newser"]),
                 str(pages["pajhwok"]), cwd=story)
    assert run.returncode == 0, run.stderr
    assert [line.split(":")[0] for line in run.stdout.splitlines()
            if line.startswith("added ")] == [
        "added the-national", "added newser", "added pajhwok-afghan-news"], run.stdout
    claims = story / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    for section in ("entities", "properties", "claims"):
        text = text.replace(f"\n{section}: []\n", "\n")
    claims.write_text(text + FIRST_CLAIMS, encoding="utf-8")
    assert script("check", cwd=story).returncode == 0

    shown = script("suggest", "newser", cwd=story)  # YAML to paste: the file unchanged
    assert shown.returncode == 0, shown.stderr
    assert claims.read_text(encoding="utf-8") == text + FIRST_CLAIMS
    assert "  - source: newser\n    subject: herat-quake\n    property: injured\n" \
           "    value: 1240\n" in shown.stdout, shown.stdout
    for source in ("newser", "pajhwok-afghan-news"):
        run = script("suggest", source, "--write", "--format", "text", cwd=story)
        assert run.returncode == 0, run.stderr
        assert f"suggested claims for {source} to claims.yaml" in run.stdout
    newser = suggested(claims, "newser")
    assert ("injured", 1240, None) in newser and ("houses", 1320, None) in newser
    assert ("deaths", 2000, "at_least") in newser  # the first of its two death tolls
    pajhwok = suggested(claims, "pajhwok-afghan-news")
    assert ("houses", 1320, None) in pajhwok and ("injured", 1240, None) in pajhwok
    # its text gives two tolls (2,025; 2,053 from the ministry): either one, not the headline's
    assert {v for p, v, _ in pajhwok if p == "deaths"} in ({2025}, {2053}), pajhwok
    after = claims.read_text(encoding="utf-8")
    assert after.startswith(text + FIRST_CLAIMS), "suggest changed what was there"
    assert "New facts in newser's article" in after  # the other quantities, as comments
    again = script("suggest", "newser", "--write", "-f", "json", cwd=story)  # nothing new
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {"version": 1, "claims_file": "claims.yaml",
                                        "source": "newser", "added": 0, "stubs": 0}
    assert claims.read_text(encoding="utf-8") == after

    # The curator confirms the suggestions: deletes the notes, drops one not wanted.
    lines = [line for line in after.splitlines(keepends=True)
             if "note: \"suggested by mou-reconcile suggest" not in line]
    claims.write_text("".join(lines), encoding="utf-8")
    check = script("check", "--format", "json", cwd=story)
    assert check.returncode == 0, check.stdout
    document = json.loads(check.stdout)
    assert [p for p in document["problems"] if p["severity"] == "error"] == []
    assert document["summary"]["claims"] == 3 + len(newser) + len(pajhwok)
    report = script("report", cwd=story)
    assert report.returncode in (0, 1) and "herat-quake.deaths" in report.stdout


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed")
def test_suggest_refuses_broken_input_and_changes_nothing(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(REPO / "tests" / "stories" / "herat-earthquake-2023", story)
    claims = story / "claims.yaml"
    before = claims.read_bytes()
    cases = [(["suggest", "no-such-source", "--write"], "no source 'no-such-source'"),
             (["suggest", "newsr", "--write"], "did you mean 'newser'?")]
    for args, expected in cases:
        run = script(*args, cwd=story)
        assert run.returncode == 2 and run.stdout == "", run.stdout
        assert run.stderr.count("\n") == 1 and expected in run.stderr, run.stderr
        assert claims.read_bytes() == before
    (story / "articles" / "newser.txt").unlink()  # a source whose article is missing
    run = script("suggest", "newser", "--write", cwd=story)
    assert run.returncode == 2 and run.stdout == ""
    assert "MR301" in run.stderr and "articles/newser.txt" in run.stderr, run.stderr
    assert claims.read_bytes() == before
    broken = before.replace(b"claims:\n", b"claims: [\n", 1)  # a YAML error
    claims.write_bytes(broken)
    run = script("suggest", "the-national", "--write", cwd=story)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "MR101" in run.stderr, run.stderr
    assert "claims.yaml:" in run.stderr and "fix it" in run.stderr
    assert claims.read_bytes() == broken


@pytest.mark.skipif(not SCRIPT.is_file(), reason="the console script is not installed")
def test_extract_and_coverage_read_the_story_never_the_sample(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(REPO / "tests" / "stories" / "herat-earthquake-2023", story)
    article = story / "articles" / "newser.txt"
    # An article's path, from anywhere: its own story's claims file.
    run = script("extract", str(article), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "sample" not in run.stderr and "source newser" in run.stdout
    # A new article beside the story: its stub's file is relative to the claims file.
    new = story / "articles" / "later.txt"
    new.write_text("At least 2,445 people were killed, officials said.\n", encoding="utf-8")
    run = script("extract", "articles/later.txt", cwd=story)
    assert run.returncode == 0 and '    file: "articles/later.txt"' in run.stdout, run.stdout
    run = script("coverage", cwd=story)  # inside a story folder: ./claims.yaml
    assert run.returncode == 0 and "sample" not in run.stderr
    assert "newser" in run.stdout and "PK-CN" not in run.stdout.upper()
    # An article in no story, outside any story folder: refused, never the sample.
    loose = tmp_path / "loose" / "note.txt"
    loose.parent.mkdir()
    loose.write_text("Twelve people were hurt.\n", encoding="utf-8")
    run = script("extract", str(loose), cwd=loose.parent)
    assert run.returncode == 2 and "no claims file found" in run.stderr, run.stderr


def test_claims_go_at_the_end_of_the_claims_list_keeping_the_rest() -> None:
    from mou_reconcile.corpus.storyfile import CannotEdit, with_items

    claim = {"source": "a", "subject": "s", "property": "p", "value": 3, "quote": "3 x"}

    def lines(indent: str) -> list[str]:
        return [f"{indent}# suggested", f"{indent}- source: a", f"{indent}  subject: s",
                f"{indent}  property: p", f"{indent}  value: 3", f'{indent}  quote: "3 x"']

    empty = "version: 1\r\nsources: []\r\nclaims: []  # none yet\r\n# end\r\n"
    assert with_items(empty, "claims", lines, [claim]) == (
        "version: 1\r\nsources: []\r\nclaims:  # none yet\r\n  # suggested\r\n  - source: a\r\n"
        "    subject: s\r\n    property: p\r\n    value: 3\r\n    quote: \"3 x\"\r\n# end\r\n")
    block = "claims:\n- source: b\n  quote: q\n\nresolutions: []\n"
    assert with_items(block, "claims", lines, [claim]).startswith(
        "claims:\n- source: b\n  quote: q\n# suggested\n- source: a\n")
    with pytest.raises(CannotEdit):  # lines that do not give the claims promised
        with_items(block, "claims", lines, [dict(claim, value=4)])


def test_wrapped_messages_never_start_a_line_with_a_workflow_command(tmp_path: Path,
                                                                     monkeypatch) -> None:
    # Titles of every length around the width, so that wrapping puts `::warning::` at a
    # line's start (the runner trims the indentation): add's message must guard it.
    monkeypatch.setenv("COLUMNS", "80")
    script("init", "story", cwd=tmp_path)
    story = tmp_path / "story"
    pages = []
    for k in range(40):
        pages.append(str(tmp_path / f"page{k}.txt"))
        Path(pages[-1]).write_text(f"Title {k} " + "x" * k + " words words ::warning::"
                                   f"INJECTED\n\nThe ministry said {k + 40} people were hurt "
                                   "on Monday.\n", encoding="utf-8")
    added = script("add", *pages, cwd=story)
    assert added.returncode == 0, added.stderr
    starts = [line.lstrip() for line in added.stdout.splitlines()]
    assert not [line for line in starts if line.startswith("::")]
    assert [line for line in starts if line.startswith(":\\:warning")]  # it was tried
