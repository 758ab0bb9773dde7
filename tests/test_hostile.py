"""Hostile input: claims files and articles are untrusted (they change by pull request, in
public CI), and every output lands somewhere that acts on some characters: a GitHub runner
(workflow commands), a pull-request comment (Markdown), a terminal (escape sequences), a
web page (HTML, JSON-LD). Here strings made of those characters are put in every field of a
claims file, in its articles and in its folder's name, every command is run in every
format, and each output is read the way its consumer reads it:

- a GitHub runner: a line is a command when, after leading whitespace, it starts with `::`
  (or holds `##[`); only the tool's own commands may appear, with their data escaped;
- a Markdown renderer (markdown-it-py, with tables): no image, link, HTML or mention the
  tool did not write;
- an HTML parser (html.parser): no tag, attribute or URL the ordinary report has not;
- a terminal: no ESC, no C1 control, no other control character but tab and line feed.

Then each example from issue 21 as a regression test. Runs in-process (the `cli` fixture).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import CASES
from fuzzing import COMMAND_ARGS, placeholders, registered_commands
from mou_reconcile.reporters.escape import (
    command_data,
    guard_line,
    log_line,
    md_code,
    md_html,
    md_text,
    script_safe_json,
    terminal_text,
    visible,
    web_url,
)

FERRY = CASES / "ferry-fire"

# -- the hostile strings -------------------------------------------------------------------

# What each consumer acts on. Every generated string holds some of these.
ATTACKS = [
    "\n::error file=claims.yaml,line=1::INJECTED\n",
    "\n  ::warning::INJECTED",
    "::add-mask::INJECTED",
    "\r\n::stop-commands::INJECTED\n",
    "%0A::notice::INJECTED%25",
    "##[error]INJECTED",
    "\n##[group]INJECTED",
    "<img src=x onerror=alert(1)>",
    "![INJECTED](https://evil.example/p.png)",
    "[INJECTED](https://evil.example/)",
    "<https://evil.example/INJECTED>",
    "<!-- INJECTED -->",
    "</details></summary>INJECTED",
    "</script><script>alert(1)</script>",
    "@octocat and @github/security",
    "| `x` *em* _u_ ~~s~~ # h",
    "&lt;b&gt; &#60;i&#62;",
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]52;c;SU5KRUNURUQ=\x07",  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example\x1b\\INJECTED\x1b]8;;\x1b\\",  # OSC 8: a link
    "\x1b]0;INJECTED\x07",  # the window title
    "\x9b2J\x9d0;INJECTED\x9c\x85",  # C1: CSI, OSC, ST, NEL
    "\x08\x08\x7f\u202eDETCEJNI\u202c",  # backspaces, DEL, a bidi override
]


def hostile(rng: random.Random, word: str = "") -> str:
    """A string holding two to four attacks, around `word` (kept findable in it)."""
    parts = rng.sample(ATTACKS, rng.randint(2, 4))
    at = rng.randint(0, len(parts))
    return "".join([*parts[:at], f" {word} " if word else " ", *parts[at:]])


def one_line(text: str) -> str:
    """What a quote or a value may hold and still be found in an article's sentence."""
    return re.sub(r"[\r\n\x85\u2028\u2029\x0b\x0c\x1c-\x1f]+", " ", text)


def hostile_story(root: Path, rng: random.Random, folder: str = "story") -> Path:
    """The ferry-fire story with hostile strings in every field, in its articles, in an
    article's file name and in its folder's name. Returns the folder."""
    story = root / folder
    shutil.copytree(FERRY, story)
    data: dict[str, Any] = yaml.safe_load((FERRY / "claims.yaml").read_text())
    arts = story / "articles"
    # An article whose file name is hostile (no "/" or NUL in a file name).
    odd = "wire " + hostile(rng).replace("/", "_").replace("\0", "") + ".txt"
    (arts / "coastal-wire.txt").rename(arts / odd)
    extra: dict[str, list[str]] = {"authority": [], "wire": [], "post": []}
    for s in data["sources"]:
        s["title"] = hostile(rng, "title")
        s["outlet"] = hostile(rng, "outlet")
        s["url"] = rng.choice(["javascript:alert(1)//", "data:text/html,<script>x</script>",
                               "https://ok.example/a\"onmouseover=\"x", "JaVaScRiPt:x"]) + \
            hostile(rng)
        s["carries"] = [hostile(rng, "agency")]
        if s["id"] == "wire":
            s["file"] = "articles/" + odd
    names = {}
    for ent in data["entities"]:
        alias = one_line(hostile(rng, ent["name"]))
        ent["aliases"] = [*ent.get("aliases", []), alias]
        names[ent["id"]] = alias
        extra["authority"].append(f"Also known as {alias}.")
    for p in data["properties"]:
        p["unit"] = hostile(rng, "unit") if p["type"] in ("count", "number") else None
        p["description"] = hostile(rng, "description")
        if p["unit"] is None:
            del p["unit"]
    for c in data["claims"]:
        c["note"] = hostile(rng, "note")
        c["context"] = {"event": hostile(rng, "event"), hostile(rng, "key")[:20]: "v"}
        if c["property"] == "crossings":  # a text value: hostile value, quote and article
            c["value"] = one_line(hostile(rng, c["value"]))
            c["quote"] = f"Crossings were {c['value']} for now"
            extra[c["source"]].append(c["quote"] + ".")
        elif c["property"] == "injured":  # the quote gets hostile text around it
            tail = one_line(hostile(rng))
            c["quote"] = f"{c['quote']} {tail}"
            extra[c["source"]].append(c["quote"] + ".")
    # A claim whose references are hostile: check's messages quote them.
    data["claims"].append({"id": "bad-refs", "source": hostile(rng, "src"),
                           "subject": hostile(rng, "subj"), "property": hostile(rng, "prop"),
                           "value": hostile(rng, "v"), "quote": hostile(rng, "q")})
    data["resolutions"] = [{
        "fact": "lantern-fire.injured", "status": "explained", "values": [11, 12],
        "verdict": hostile(rng, "verdict"), "rating": hostile(rng, "rating"),
        "reviewed": "2026-03-20"}, {
        "fact": "lantern.passengers", "status": "confirmed", "values": [230, 250],
        "verdict": hostile(rng, "verdict2"), "rating": hostile(rng, "rating2")}]
    data["not_curated"] = [{"source": "authority", "quote": "On 14 March 2026",
                            "reason": hostile(rng, "reason")}]
    (story / "claims.yaml").write_text(yaml.safe_dump(data, allow_unicode=False,
                                                      sort_keys=False, width=4096))
    files = {"authority": arts / "harbour-authority.txt", "wire": arts / odd,
             "post": arts / "evening-post.txt"}
    for sid, lines in extra.items():
        with files[sid].open("a", encoding="utf-8", newline="") as f:
            f.write("\n" + "\n\n".join(lines) + "\n")
            # A long line of an article with a command in it, for coverage and extract.
            f.write("\nThe crew of 40 and " + "some more words " * rng.randint(0, 6)
                    + hostile(rng, "and 7 boats") + " then 3 more\n")
    return story


# -- the consumers -------------------------------------------------------------------------

OUR_COMMANDS = re.compile(
    r"::(?:(?:error|warning|notice) file=[^,:\r\n]*,line=\d+,col=\d+"
    r"(?:,endLine=\d+,endColumn=\d+)?,title=[^,:\r\n]*::[^\r\n]*"
    r"|group::All \d+ findings?|endgroup::)")


def runner_commands(text: str) -> list[str]:
    """The lines a GitHub runner reads as workflow commands (stdout and stderr alike)."""
    lines = re.split(r"\r\n|\r|\n", text)
    return [ln for ln in lines if ln.lstrip().startswith("::") or "##[" in ln]


def terminal_controls(text: str) -> list[str]:
    """Characters a terminal acts on: ESC, C1, and C0 but tab and line feed."""
    return sorted(set(re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]",
                                 text)))


def github_problems(text: str) -> list[str]:
    bad = [ln for ln in runner_commands(text) if not OUR_COMMANDS.fullmatch(ln)]
    for ln in runner_commands(text):
        m = re.match(r"::\w+ ([^:]*)::(.*)", ln)
        if m and re.search(r"%(?!25|0A|0D|3A|2C)", m.group(1) + m.group(2)):
            bad.append(f"unescaped %: {ln}")
    return bad


MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
# The HTML the Markdown formats write themselves.
OUR_HTML = {"details", "summary", "code", "br"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.in_code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(a for a, _ in attrs))))
        self.attrs += [(tag, a, v) for a, v in attrs]
        self.in_code += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.in_code -= tag == "code" and self.in_code > 0

    def handle_data(self, data: str) -> None:
        if not self.in_code:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("<!--", ()))


def parse_html(text: str) -> Tags:
    t = Tags()
    t.feed(text)
    t.close()
    return t


def markdown_problems(text: str) -> list[str]:
    bad = []
    tokens = MD.parse(text)
    stack = list(tokens)
    while stack:
        tok = stack.pop()
        stack += tok.children or []
        if tok.type in ("image", "link_open", "autolink_open"):
            bad.append(f"{tok.type}: {tok.attrs}")
        if tok.type in ("html_inline", "html_block"):
            # Only the tool's own tags, without attributes; their text checked below.
            for tag, attrs in parse_html(tok.content).tags:
                if tag not in OUR_HTML or attrs:
                    bad.append(f"HTML <{tag} {attrs}> in {tok.content[:80]!r}")
        if tok.type == "html_block" and not re.fullmatch(
                r"<details><summary>[^<]*(?:<code>[^<]*</code>[^<]*)?</summary>\n?"
                r"|</details>\n?", tok.content):
            bad.append(f"HTML block {tok.content[:80]!r}")
    page = parse_html(MD.render(text))
    words = "".join(page.text)
    if re.search(r"(?<![\w`])@[A-Za-z0-9]", words):
        bad.append("a live @mention: " + re.findall(r".{0,20}@[A-Za-z0-9].{0,10}", words)[0])
    return bad


def ordinary_html_shape() -> tuple[set[tuple[str, tuple[str, ...]]], set[str]]:
    text = (Path(__file__).parent / "golden" / "ferry-fire.report.html").read_text()
    t = parse_html(text)
    # ... and what the report writes only when the claims file has problems or info, or a
    # matrix cell has several values (of one state: a line each; of several: "mixed")
    extra = {("details", ("class",)), ("details", ("id",)), ("a", ("href",)), ("br", ()),
             ("td", ("class", "title")), ("span", ("class", "title"))}
    return set(t.tags) | extra, {a for _, a, _ in t.attrs} | {"title"}


def html_problems(text: str) -> list[str]:
    tags, attrs = ordinary_html_shape()
    page = parse_html(text)
    bad = [f"<{tag} {a}>" for tag, a in set(page.tags) - tags
           if not (tag == "a" and set(a) <= {"href", "rel"})]
    for tag, name, value in page.attrs:
        if name.startswith("on") or name not in attrs:
            bad.append(f"attribute {name} on <{tag}>")
        if name == "href" and value and not (value.startswith("#") or web_url(value)):
            bad.append(f"href {value!r}")
    if re.search(r"</script|<script|<!--", text, re.I):
        bad.append("script or comment")
    return bad


def jsonld_problems(text: str) -> list[str]:
    bad = []
    if re.search(r"</|<!--", text):
        bad.append("</ or <!-- in JSON-LD")

    def walk(obj: Any, key: str = "") -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, k)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)
        elif key == "url" and isinstance(obj, str) and not (
                obj.startswith("#") or web_url(obj.split("#")[0] or "http://x")):
            bad.append(f"url {obj!r}")

    walk(json.loads(text))
    return bad


def problems_of(fmt: str | None, command: str, stdout: str, stderr: str) -> list[str]:
    """What a consumer of this output would act on that the data did not earn."""
    both = stdout + stderr
    bad = [f"terminal control {c!r}" for c in terminal_controls(both)]
    if fmt == "github":
        bad += github_problems(both)
    else:
        bad += [f"runner command: {ln!r}" for ln in runner_commands(
            stderr if fmt in ("json", "sarif") or command == "export claimreview" else both)]
    if fmt == "markdown":
        bad += markdown_problems(stdout)
    if fmt == "html":
        bad += html_problems(stdout)
    if command == "export claimreview":
        bad += jsonld_problems(stdout)
    if fmt in ("json", "sarif"):
        json.loads(stdout)
    if fmt == "yaml":
        yaml.safe_load(stdout)
    return bad


# -- every command, every format, hostile input ---------------------------------------------

COMMANDS = registered_commands()
NAMES = {"fact": "lantern-fire.injured", "subject": "lantern-fire", "source": "authority",
         "source2": "wire", "file": "articles/harbour-authority.txt"}
SEEDS = [1, 2, 3]
FOLDERS = ["story", "x\n::error file=a,line=1::INJECTED\n{0} {}", "::add-mask::x ##[group]y",
           "\x1b]0;t\x07 <img src=x> @octocat `a` %0A"]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_command_and_format_on_hostile_input(cli, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    story = hostile_story(tmp_path, rng, FOLDERS[seed % len(FOLDERS)])
    failures = []
    runs = 0
    names = placeholders(NAMES, story)  # init and add write inside tmp_path only
    for command in COMMANDS:
        for variant in COMMAND_ARGS[command.name][:2]:
            args = [*command.name.split(), *(a.format(**names) for a in variant)]
            if command.claims:
                args += ["--claims", str(story)]
            for fmt in command.formats or (None,):
                run = cli(*args, *(["--format", fmt] if fmt else []))
                runs += 1
                assert run.exit_code in (0, 1, 2), (args, fmt, run.stderr)
                failures += [f"{' '.join(args[:3])} -f {fmt}: {p}"
                             for p in problems_of(fmt, command.name, run.stdout, run.stderr)]
    assert runs > 40
    assert not failures, "\n".join(failures[:20])


def test_hostile_story_exercises_the_data(cli, tmp_path: Path) -> None:
    """The hostile story is read, not refused: discrepancies with hostile values, quotes,
    verdicts and ratings reach the reports (else the test above would prove little)."""
    story = hostile_story(tmp_path, random.Random(1))
    report = cli("report", "-c", str(story), "-f", "json").json()
    facts = {d["fact"] for d in report["discrepancies"]}
    assert {"lantern-fire.injured", "bayline.crossings"} <= facts
    text = json.dumps(report)
    assert "INJECTED" in text and "verdict" in text
    check = cli("check", "-c", str(story), "-f", "json").json()
    assert any("src" in p["message"] for p in check["problems"])
    reviews = cli("export", "claimreview", "-c", str(story)).stdout
    assert "\\u003c" in reviews and "rating" in reviews


# -- the escaping layers themselves ---------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_layer_neutralises_each_attack(attack: str) -> None:
    assert not terminal_controls(visible(attack).replace("\n", ""))
    assert not terminal_controls(terminal_text(attack).replace("\n", ""))
    assert not runner_commands(log_line(attack))
    assert "\n" not in log_line(attack) and "::" not in log_line(attack)
    assert not runner_commands("\n".join(guard_line(ln) for ln in
                                         visible(attack).split("\n")))
    assert not re.search(r"[\r\n]", command_data(attack))
    for md in (md_text(attack), md_code(attack), md_code(attack, cell=True)):
        assert not markdown_problems(f"| a |\n| --- |\n| {md} |\n\n- {md}\n")
    assert not markdown_problems(f"<details><summary>{md_html(attack)}</summary>\n\n"
                                 "</details>\n")
    assert "</" not in script_safe_json(json.dumps(attack))
    assert json.loads(script_safe_json(json.dumps(attack))) == attack


def test_ordinary_text_is_left_alone() -> None:
    text = "Pakistan–China: 9 vs 10 MoUs (Huawei, ZTE) — 1,500 «trainees», ربط, 中文, e\u0301"
    assert visible(text) == text == terminal_text(text) == log_line(text) == guard_line(text)
    assert md_text(text) == text and md_html(text) == text
    assert guard_line("std::vector and a::b") == "std::vector and a::b"
    assert md_code("a`b") == "``a`b``" and md_code("`a") == "`` `a ``"


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/a?b=c#d", True), ("http://x.example", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False),
    ("https://x.example/\"onmouseover=x", False), ("https:///path", False),
    ("https://x.example/\x1b[2J", False), ("//evil.example", False), ("", False)])
def test_web_url(url: str, kept: bool) -> None:
    assert (web_url(url) == url) is kept


# -- issue 21's examples ---------------------------------------------------------------------


def _story(tmp_path: Path, folder: str = "story", **edits: str) -> Path:
    """The ferry-fire story with `edits` (old text: new text) made to its claims file."""
    story = tmp_path / folder
    shutil.copytree(FERRY, story)
    claims = story / "claims.yaml"
    text = claims.read_text()
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    claims.write_text(text)
    return story


INJECTED_VALUE = ('"resumed\\n::error file=claims.yaml,line=1::INJECTED\\n::add-mask::secret'
                  '\\n::stop-commands::tok"')


def _with_verdict(tmp_path: Path, folder: str = "story") -> Path:
    story = _story(tmp_path, folder, **{
        "    value: resumed\n": f"    value: {INJECTED_VALUE}\n",
        "    quote: \"Crossings resumed the next morning.\"\n":
            "    quote: \"Crossings resumed\"\n"})
    with (story / "claims.yaml").open("a") as f:
        f.write('resolutions:\n  - fact: lantern-fire.injured\n    status: explained\n'
                '    values: [11, 12]\n'
                '    verdict: "ok\\n::error::VERDICT\\n  ::add-mask::x"\n'
                '    rating: "false\\n::stop-commands::tok"\n')
    return story


def test_github_group_list_never_holds_a_command(cli, tmp_path: Path) -> None:
    # Values, verdicts and ratings with a newline and a command were printed raw in the
    # ::group:: list.
    story = _with_verdict(tmp_path)
    for command in ("report", "check"):
        run = cli(command, "-c", str(story), "-f", "github", "--min-severity", "info") \
            if command == "report" else cli(command, "-c", str(story), "-f", "github")
        assert not github_problems(run.stdout + run.stderr), run.stdout
    run = cli("report", "-c", str(story), "-f", "github")
    assert "VERDICT" in run.stdout or "INJECTED" in run.stdout


def test_github_format_by_default_in_actions(cli, tmp_path: Path, monkeypatch) -> None:
    story = _with_verdict(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = cli("report", "-c", str(story))
    assert run.stdout.startswith("::")  # the github format
    assert not github_problems(run.stdout + run.stderr)


@pytest.mark.parametrize("folder", ["x\n::error file=a::INJECTED", "::add-mask::y",
                                    "a,b:c%25 ##[group]z", "{}", "{0}", "{x} {", "}"])
def test_github_claims_path_is_escaped(cli, tmp_path: Path, folder: str) -> None:
    # The claims file's path was printed raw (injection through a folder name), and braces
    # in it crashed --format github (KeyError).
    story = _with_verdict(tmp_path, folder)
    for command in ("check", "report"):
        run = cli(command, "-c", str(story), "-f", "github")
        assert run.exit_code in (0, 1), run.stderr
        assert not github_problems(run.stdout + run.stderr), run.stdout
        summary = run.stdout.rstrip("\n").split("\n")[-1]
        assert "sources" in summary or "resolved" in summary


def test_coverage_wrapped_at_80_columns_never_starts_a_command(cli, tmp_path: Path,
                                                               monkeypatch) -> None:
    # coverage wraps article sentences at 80 columns: an article line could start an
    # indented ::error:: line (the runner trims leading spaces).
    monkeypatch.setenv("COLUMNS", "80")
    story = _story(tmp_path)
    article = story / "articles" / "harbour-authority.txt"
    neutralised = 0
    base = article.read_text()
    for pad in range(12):
        article.write_text(base + "\nThe crew of 40 said " + "x" * pad + " "
                           + "word " * 10 + "::error file=claims.yaml::INJECTED and 7 boats.\n")
        for args in (["coverage"], ["extract", "authority"]):
            run = cli(*args, "-c", str(story))
            assert not runner_commands(run.stdout + run.stderr), run.stdout
            neutralised += any(ln.lstrip().startswith(":\\:error")
                               for ln in run.stdout.splitlines())
    assert neutralised  # the wrap did put it at a line's start, and it was neutralised


MARKDOWN_ATTACKS = {
    "image html": "<img src=https://evil.example/p.png>",
    "image": "![x](https://evil.example/p.png)",
    "link": "[click here](https://evil.example/)",
    "autolink": "<https://evil.example/>",
    "comment": "<!-- hidden -->",
    "details": "</summary></details># Approved",
    "mention": "@octocat, cc @github/security",
}


@pytest.mark.parametrize("name", sorted(MARKDOWN_ATTACKS))
def test_markdown_neutralises(cli, tmp_path: Path, name: str) -> None:
    attack = json.dumps(MARKDOWN_ATTACKS[name])
    story = _story(tmp_path, **{
        "    value: resumed\n": f"    value: {attack}\n",
        "    quote: \"Crossings resumed the next morning.\"\n": f"    quote: {attack}\n",
        "title: Harbour Authority statement on the Lantern ferry fire": f"title: {attack}",
        "name: MV Lantern": f"name: {attack}"})
    with (story / "articles" / "coastal-wire.txt").open("a") as f:
        f.write("\n" + MARKDOWN_ATTACKS[name] + "\n")
    runs = [cli("report", "-c", str(story), "-f", "markdown"),
            cli("check", "-c", str(story), "-f", "markdown"),
            cli("diff", "authority", "wire", "--quotes", "-c", str(story), "-f", "markdown"),
            cli("matrix", "-c", str(story), "-f", "markdown")]
    assert any("evil" in r.stdout or "octocat" in r.stdout or "hidden" in r.stdout
               or "Approved" in r.stdout for r in runs)
    for run in runs:
        assert run.exit_code in (0, 1), run.stderr
        assert not markdown_problems(run.stdout), run.stdout


TERMINAL_ATTACKS = {
    "clear screen": "\\e[2J\\e[H",
    "OSC 52 clipboard": "\\e]52;c;ZXZpbA==\\a",
    "OSC 8 link": "\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\",
    "window title": "\\e]0;pwned\\a",
    "C1": "\\x9b2J\\x9d0;t\\x9c",
}


@pytest.mark.parametrize("name", sorted(TERMINAL_ATTACKS))
def test_terminal_never_receives_escapes(cli, tmp_path: Path, name: str) -> None:
    attack = TERMINAL_ATTACKS[name]
    story = _story(tmp_path, **{
        "    value: resumed\n": f'    value: "resumed{attack}"\n',
        "    quote: \"Crossings resumed the next morning.\"\n":
            f'    quote: "Crossings resumed{attack}"\n',
        "title: Harbour Authority statement on the Lantern ferry fire":
            f'title: "Statement{attack}"',
        "outlet: Coastal Wire": f'outlet: "Coastal{attack}"',
        "name: MV Lantern": f'name: "MV{attack}"',
        "  - id: wire-injured\n": f'  - id: wire-injured\n    context: {{event: "e{attack}"}}\n',
        "    source: post\n    subject: lantern-fire": f'    source: "post{attack}"\n'
                                                       "    subject: lantern-fire"})
    raw = yaml.safe_load((story / "claims.yaml").read_text())["sources"][0]["title"]
    assert "\x1b" in raw or "\x9b" in raw
    with (story / "articles" / "coastal-wire.txt").open("a") as f:
        f.write("\nCrossings resumed" + yaml.safe_load(f'"{attack}"') + "\n")
    runs = {" ".join(a): cli(*a, "-c", str(story)) for a in (
        ["report"], ["check"], ["diff", "authority", "wire", "--quotes"], ["matrix"],
        ["sources"], ["explain", "bayline.crossings"], ["explain", "lantern-fire.injured"],
        ["timeline"], ["coverage"], ["extract", "wire"])}
    for args, run in runs.items():
        assert not terminal_controls(run.stdout + run.stderr), (args, run.stdout)
    assert any("\\x1b" in r.stdout or "\\x9b" in r.stdout for r in runs.values())


def test_claimreview_is_safe_inside_a_script_element(cli, tmp_path: Path) -> None:
    # ClaimReview JSON-LD did not guard against </script> in a page, and javascript:
    # source URLs passed through.
    story = _story(tmp_path, **{
        "title: Harbour Authority statement on the Lantern ferry fire":
            'title: "</script><script>alert(1)</script><!--"\n    url: "javascript:alert(1)"',
        "outlet: Coastal Wire": 'outlet: "</SCRIPT >"\n    url: "https://ok.example/wire"'})
    with (story / "claims.yaml").open("a") as f:
        f.write('resolutions:\n  - fact: lantern-fire.injured\n    status: explained\n'
                '    values: [11, 12]\n    verdict: "</script><!-- x"\n'
                '    rating: "Misleading</script>"\n')
    run = cli("export", "claimreview", "-c", str(story))
    assert run.exit_code == 0, run.stderr
    assert not jsonld_problems(run.stdout)
    reviews = json.loads(run.stdout)
    works = reviews[0]["itemReviewed"]["appearance"]
    by_id = {w["identifier"]: w for w in works}
    assert "url" not in by_id["authority"]
    assert by_id["authority"]["headline"].startswith("</script>")  # the value is intact
    assert by_id["wire"]["url"] == "https://ok.example/wire"
    page = f'<script type="application/ld+json">{run.stdout}</script>'
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.S | re.I)
    assert len(scripts) == 1 and json.loads(scripts[0]) == reviews
